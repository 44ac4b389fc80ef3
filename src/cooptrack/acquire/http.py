"""A polite HTTP client for the Government's press-release pages (over httpx).

Every request carries the tool's User-Agent and waits its turn: at most
:data:`~cooptrack.config.REQUESTS_PER_SECOND` requests a second, counted across retries and
redirects. A network error, a time-out, a response cut short or a 5xx answer is tried again after
a wait that doubles each time (``backoff``, ``2 × backoff``, ...); a 4xx answer is final, except
``429 Too Many Requests``, tried again after the wait its ``Retry-After`` asks for (seconds or a
date; a 503's ``Retry-After`` is honoured too), up to :attr:`HttpOptions.max_retry_after`: a server
asking for longer is not waited for (the page fails, to be asked again next run). A time-out
is :attr:`HttpOptions.timeout` to connect or between two reads, and :attr:`HttpOptions.deadline`
for a whole answer (a server sending a byte now and then would otherwise hold the crawl for ever).

Before each request, and again for each redirect's target, the URL is checked: only ``http`` and
``https``; only hosts matching :attr:`HttpOptions.allowed_hosts` (``*.gov.hk`` by default); never
an address that is private, loopback, link-local or otherwise not public (an IPv6 address leading to
an IPv4 one, mapped, 6to4, NAT64 or IPv4-compatible, is judged by that one), unless it is listed in
:attr:`HttpOptions.allowed_private` (which is how the tests reach their server on 127.0.0.1).
The host's name is resolved once, for that check, and the connection is made to the address
checked (:class:`_PinnedBackend`; TLS still verifies the certificate for the name): a name that
resolves differently a moment later (DNS rebinding) cannot lead the request elsewhere.

Bodies are read as a stream and never beyond :attr:`HttpOptions.max_bytes`, counted after
decompression: only gzip and deflate are asked for, and they are inflated here a piece at a time
with the output bounded (a few kilobytes of compressed zeros can stand for gigabytes). Every failure
becomes one :class:`~cooptrack.errors.FetchError` naming the URL asked for and the problem.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import httpcore
import httpx

from cooptrack import config
from cooptrack.acquire.files import MAX_BYTES
from cooptrack.errors import FetchError, HTTPStatusError, RefusedURL, TooLarge

_SCHEMES = ("http", "https")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}

Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class HttpOptions:
    """How the client behaves; the defaults come from :mod:`cooptrack.config`."""

    user_agent: str = ""  # empty: the tool's own, stating the rate (config.user_agent)
    rate: float = config.REQUESTS_PER_SECOND  # requests per second; 0 for no limit
    timeout: float = config.TIMEOUT_SECONDS
    deadline: float = 10 * config.TIMEOUT_SECONDS  # for a whole answer, however slowly its bytes come
    retries: int = config.RETRIES
    backoff: float = config.BACKOFF_SECONDS
    allowed_hosts: tuple[str, ...] = config.ALLOWED_HOSTS
    allowed_private: frozenset[str] = frozenset()  # private addresses allowed all the same (tests)
    max_redirects: int = config.MAX_REDIRECTS
    max_bytes: int = MAX_BYTES
    max_retry_after: float = config.MAX_RETRY_AFTER_SECONDS  # the longest Retry-After waited for

    @property
    def agent(self) -> str:
        """The User-Agent sent: the one given, else the tool's, stating the configured rate."""
        return self.user_agent or config.user_agent(self.rate)


@dataclass(frozen=True)
class Response:
    """A successful answer: the body of the page at ``final_url`` (``url`` after redirects)."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes
    fetched_at: dt.datetime


class _Retryable(Exception):
    """A failure worth another attempt; ``problem`` says what went wrong, in words."""

    def __init__(self, problem: str, wait: float | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.wait = wait  # what the server asked for (Retry-After), instead of the backoff


@dataclass
class _Answer:
    status: int
    reason: str
    location: str | None
    content_type: str | None
    body: bytes
    retry_after: str | None = None


class HttpClient:
    """Fetch pages one at a time, politely; use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        options: HttpOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        resolve: Resolver | None = None,
    ) -> None:
        self.options = options or HttpOptions()
        self.requests = 0  # requests sent, retries and redirects included
        self._sleep = sleep
        self._clock = clock
        self._resolve = resolve or _resolve
        self._next_turn = 0.0
        self._pins = _PinnedBackend()  # the addresses checked, which connections are made to
        self._http = httpx.Client(
            headers={
                "User-Agent": self.options.agent,
                "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "gzip, deflate",  # only what can be inflated a bounded piece at a time
            },
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,  # each target is checked against the policy first
            transport=transport or _pinned_transport(self._pins),
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def get(self, url: str) -> Response:
        """The page at ``url``, after retries; raises a FetchError naming ``url`` and the problem."""
        attempts = self.options.retries + 1
        problem = ""
        asked: float | None = None
        for attempt in range(attempts):
            if attempt:
                self._sleep(self.options.backoff * 2 ** (attempt - 1) if asked is None else asked)
            try:
                return self._follow(url)
            except _Retryable as exc:
                problem, asked = exc.problem, exc.wait
                if asked is not None and asked > self.options.max_retry_after:
                    raise FetchError(url, f"{problem}, longer than {self.options.max_retry_after:g} s") from exc
        tries = f"{attempts} attempts" if attempts > 1 else "1 attempt"
        raise FetchError(url, f"{problem} ({tries})")

    # --- one attempt, redirects followed ----------------------------------------------------

    def _follow(self, url: str) -> Response:
        target = url
        for _ in range(self.options.max_redirects + 1):
            self.check(target, asked=url)
            answer = self._send(target, url)
            if answer.status in _REDIRECTS and answer.location:
                target = str(httpx.URL(target).join(answer.location))
                continue
            wait = _retry_after(answer.retry_after)
            if answer.status == 429 or answer.status >= 500:
                asks = "" if wait is None else f" and asked to wait {wait:g} s"
                raise _Retryable(f"the server answered HTTP {answer.status} {answer.reason}".rstrip() + asks, wait)
            if answer.status >= 400:
                where = "" if target == url else f" (at {target})"
                problem = f"HTTP {answer.status} {answer.reason}".rstrip() + where
                raise HTTPStatusError(url, problem, answer.status)
            if answer.status != 200:
                raise HTTPStatusError(url, f"unexpected answer HTTP {answer.status} {answer.reason}", answer.status)
            now = dt.datetime.now(dt.UTC)
            return Response(url, target, answer.status, answer.content_type, answer.body, now)
        raise FetchError(url, f"more than {self.options.max_redirects} redirects")

    def check(self, target: str, *, asked: str | None = None) -> None:
        """Refuse a URL the policy does not allow: scheme, host, then the host's addresses."""
        label = asked or target
        via = "" if asked in (None, target) else f"redirects to {target}, which "
        try:
            parsed = httpx.URL(target)
        except (httpx.InvalidURL, TypeError) as exc:
            raise FetchError(label, f"{via}is not a valid URL") from exc
        if parsed.scheme not in _SCHEMES:
            scheme = f"the {parsed.scheme}: scheme" if parsed.scheme else "no scheme"
            raise RefusedURL(label, f"{via}has {scheme}; only http and https are fetched")
        host = parsed.host.rstrip(".").lower()
        if not host_allowed(host, self.options.allowed_hosts):
            allowed = ", ".join(self.options.allowed_hosts) or "none"
            raise RefusedURL(label, f"{via}is on {host or 'no host'}, a host not allowed (allowed: {allowed})")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = self._addresses(host, port, label)
        for address in addresses:
            if not _public(address) and str(address) not in self.options.allowed_private:
                raise RefusedURL(label, f"{via}is on {host} at {address}, a private or loopback address")
        self._pins.pin(parsed.host, str(addresses[0]))

    def _addresses(self, host: str, port: int, label: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        try:
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        try:
            found = self._resolve(host, port)
        except OSError as exc:
            raise _Retryable(f"the host name {host} cannot be resolved ({exc.strerror or exc})") from exc
        if not found:
            raise _Retryable(f"the host name {host} has no address")
        return [ipaddress.ip_address(a.split("%")[0]) for a in found]

    def _send(self, url: str, asked: str) -> _Answer:
        self._wait_turn()
        self.requests += 1
        started = self._clock()
        try:
            with self._http.stream("GET", url) as response:
                status = response.status_code
                location = response.headers.get("location")
                body = b"" if status != 200 else self._read(response, asked, started)
                return _Answer(status, response.reason_phrase, location, response.headers.get("content-type"), body,
                               response.headers.get("retry-after"))  # fmt: skip
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timed out after {self.options.timeout:g} s") from exc
        except httpx.RemoteProtocolError as exc:
            raise _Retryable(_cut_short(exc)) from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"network error: {_first_line(exc)}") from exc

    def _read(self, response: httpx.Response, asked: str, started: float) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLarge(asked, f"is too large ({int(declared)} bytes; the limit is {limit})")
        inflate = _Inflater(response.headers.get("content-encoding", ""), asked)
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw():
            chunk = inflate(raw, limit - size + 1)  # one byte over the limit at most
            size += len(chunk)
            if size > limit:
                raise TooLarge(asked, f"is too large (over {limit} bytes, the limit)")
            chunks.append(chunk)
            if self._clock() - started > self.options.deadline:  # each read has its time-out; the whole, this
                raise _Retryable(f"timed out: the answer took over {self.options.deadline:g} s")
        return b"".join(chunks)

    def _wait_turn(self) -> None:
        """Start requests at least ``1 / rate`` seconds apart."""
        if self.options.rate <= 0:
            return
        now = self._clock()
        if self._next_turn > now:
            self._sleep(self._next_turn - now)
            now = self._next_turn
        self._next_turn = now + 1 / self.options.rate


class _Inflater:
    """``inflate(raw, room)``: the body's next piece, inflated as its Content-Encoding says, at most ``room`` bytes."""

    def __init__(self, encoding: str, asked: str) -> None:
        self.coding = encoding.strip().lower()
        self.asked = asked
        if self.coding not in ("", "identity", *_WBITS):
            raise FetchError(asked, f"the body is encoded as {encoding}, which was not asked for")
        self._unpacker = zlib.decompressobj(_WBITS[self.coding]) if self.coding in _WBITS else None
        self._first = True

    def __call__(self, raw: bytes, room: int) -> bytes:
        if self._unpacker is None:
            return raw
        first, self._first = self._first, False
        try:
            return self._unpacker.decompress(raw, room)  # what does not fit stays unread: the body is too large
        except zlib.error as exc:
            if first and self.coding == "deflate":  # sent without its zlib header, as some servers do
                self._unpacker = zlib.decompressobj(-zlib.MAX_WBITS)
                return self(raw, room)
            raise FetchError(self.asked, f"the body cannot be decompressed ({self.coding}): {exc}") from exc


class _PinnedBackend(httpcore.NetworkBackend):
    """Connections go to the address checked for a host (:meth:`HttpClient.check`), never to a fresh lookup."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._pins: dict[str, str] = {}
        self.connected: list[tuple[str, str, int]] = []  # (host, address, port), for the tests

    def pin(self, host: str, address: str) -> None:
        self._pins[host.strip("[]").rstrip(".").lower()] = address

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:  # fmt: skip
        address = self._pins.get(host.strip("[]").rstrip(".").lower())
        if address is None:
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        self.connected.append((host, address, port))
        return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("no Unix sockets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _pinned_transport(backend: _PinnedBackend) -> httpx.HTTPTransport:
    """httpx's transport, its connection pool connecting through ``backend`` (TLS checks the name as usual)."""
    transport = httpx.HTTPTransport()
    context = transport._pool._ssl_context  # the default context httpx made (certifi's roots)
    transport._pool = httpcore.ConnectionPool(ssl_context=context, keepalive_expiry=5.0, network_backend=backend)
    return transport


def _retry_after(value: str | None) -> float | None:
    """A ``Retry-After`` header in seconds (a number of seconds, or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def host_allowed(host: str, patterns: tuple[str, ...]) -> bool:
    """Whether ``host`` matches one of ``patterns``: a name, an address, or ``*.domain``.

    ``*.gov.hk`` allows ``www.info.gov.hk`` and ``gov.hk`` itself, never ``evilgov.hk``.
    """
    host = host.rstrip(".").lower()
    for pattern in patterns:
        pattern = pattern.rstrip(".").lower()
        if pattern.startswith("*."):
            if host == pattern[2:] or host.endswith(pattern[1:]):
                return True
        elif host == pattern:
            return True
    return False


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:  # deprecated, yet not "global" for Python 3.11
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None and not _public(embedded):
            return False
        if address.ipv4_mapped is not None:
            return True
    return address.is_global and not address.is_multicast


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one leads to: mapped, 6to4, NAT64 (well-known prefix) or IPv4-compatible."""
    if address.ipv4_mapped is not None or address.sixtofour is not None:
        return address.ipv4_mapped or address.sixtofour
    if address in _NAT64 or int(address) >> 32 == 0:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _resolve(host: str, port: int) -> list[str]:
    infos: list[Any] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


_RECEIVED = re.compile(r"received (\d+) bytes, expected (\d+)")


def _cut_short(exc: httpx.RemoteProtocolError) -> str:
    """What a response that ended early lacked: "the response was cut short: 705 of 1410 bytes"."""
    found = _RECEIVED.search(str(exc))
    if found is not None:
        return f"the response was cut short: {found[1]} of {found[2]} bytes"
    return f"the response was cut short: {_first_line(exc)}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
