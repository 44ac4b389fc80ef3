"""What wraps every request: proxies, hosts, HEAD, security headers, caching, the access log.

- :class:`TrustedProxies`: ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are believed only from
  the addresses in :attr:`WebSettings.trusted_proxies`; from anyone else they are ignored (a
  client cannot pretend to be HTTPS, or to come from another address, to the sign-in throttle).
- :class:`HeadAsGet`: ``HEAD`` is answered wherever ``GET`` is, with the same headers and no body.
- :class:`Harden`: a request whose ``Host`` is not one the server answers to (its base URL's, or
  :attr:`WebSettings.allowed_hosts`) is refused (400), so that no link is ever built from an
  untrusted ``Host``; every answer gets the same Content-Security-Policy (``default-src 'self'``,
  ``base-uri 'none'``, ``form-action 'self'``, ``frame-ancestors 'none'``, ``object-src 'none'``),
  ``Permissions-Policy``, ``Cross-Origin-Opener-Policy``, ``X-Content-Type-Options``,
  ``Referrer-Policy``, and ``Strict-Transport-Security`` over HTTPS when configured; answers to a
  signed-in request (a session cookie or a token) but the site's own files, that set a cookie, or of
  the account pages (sign-in, account, admin) are ``Cache-Control: no-store``; and one line of JSON goes to the
  ``cooptrack.access`` logger (who, what, status, time).
- :class:`Conditional`: a page, an API answer or a download read with ``GET`` carries an ``ETag``
  made of what it depends on: the store's stamp (:meth:`Store.stamp`, which changes with every
  ingest, re-parse, status, re-attachment or correction), the address with its query, the host
  and scheme (absolute links), the request's cookies and ``Authorization`` (who asks, their
  language, their CSRF token), the day (what is "stale" changes with it) and cooptrack's version.
  A client that sends the same tag back (``If-None-Match``) gets ``304 Not Modified`` before
  anything is read or rendered. Answers are ``Cache-Control: private, no-cache`` (kept by the
  browser only, asked again each time) with ``Vary: Cookie, Authorization``; what is
  ``no-store`` (signed in, setting a cookie, account pages) is never tagged. An anonymous answer is
  kept whole and sent again to the next anonymous reader of the same thing (:mod:`.answers`); a
  signed-in reader's answer (untagged, ``no-store``) is kept for the same account alone, under its
  role and how it signed in as read on each request, and sent again with the reader's own form token.

Each is a plain ASGI middleware (no task and no stream of Starlette's ``BaseHTTPMiddleware`` per
request: a page sent as kept costs little more than a static file). What :class:`Conditional`
answers for an anonymous reader without drawing anything (a ``304``, a kept answer) is sent before
every layer when nothing is in doubt (:func:`send_kept_at_once`, called by the application first),
through the same functions, so with the same headers and the same access-log line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import itertools
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders

from cooptrack.serve import i18n
from cooptrack.serve.answers import LARGEST, Answer, Answers, given_token, reader_token
from cooptrack.serve.auth import CSRF_COOKIE, SESSION_COOKIE, give_csrf, new_csrf
from cooptrack.serve.context import ACCOUNTS, STAMP, Problem, Web, WebSettings, caller, web
from cooptrack.serve.errors import error_response

ACCESS_LOG = logging.getLogger("cooptrack.access")

CSP = "; ".join((
    "default-src 'self'", "img-src 'self' data:", "style-src 'self'", "script-src 'self'", "object-src 'none'",
    "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
))  # fmt: skip
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class TrustedProxies:
    """Take the client's address and scheme from ``X-Forwarded-*`` only when a trusted proxy sent them."""

    def __init__(self, app: ASGIApp, proxies: tuple[str, ...]) -> None:
        self.app = app
        self.networks = [_network(p) for p in proxies]
        self.names = {p for p, n in zip(proxies, self.networks, strict=True) if n is None}

    def trusted(self, address: str) -> bool:
        if address in self.names:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(n is not None and ip in n for n in self.networks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.apply(scope)
        await self.app(scope, receive, send)

    def apply(self, scope: Scope) -> None:
        """The client's address and scheme in ``scope`` as a trusted proxy gave them, if one sent it."""
        client = scope.get("client")
        if scope["type"] == "http" and client and (self.networks or self.names) and self.trusted(str(client[0])):
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
            chain = [a.strip() for a in headers.get("x-forwarded-for", "").split(",") if a.strip()]
            while chain and self.trusted(chain[-1]):
                chain.pop()  # proxies in front of proxies
            if chain:
                scope["client"] = (chain[-1], 0)
            proto = headers.get("x-forwarded-proto", "").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                scope["scheme"] = proto


def _network(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return None  # a name (the test client's "testclient")


class HeadAsGet:
    """Answer ``HEAD`` as ``GET`` would, without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


_HEADERS = "cooptrack.headers"  # the scope key of the request's headers as a dict (read once)


def _header(request: Request, name: str) -> str:
    """The request's header ``name`` (lower case; its first value, as Starlette reads it), or "":
    the headers made a dict once for every layer (Starlette's scan them at each lookup)."""
    scope = request.scope
    headers = scope.get(_HEADERS)
    if headers is None:
        headers = scope[_HEADERS] = {}
        for key, value in scope["headers"]:
            headers.setdefault(key.decode("latin-1").lower(), value.decode("latin-1"))
    found: str = headers.get(name, "")
    return found


def host_allowed(request: Request, settings: WebSettings) -> bool:
    """Whether the request's ``Host`` is one this server answers to."""
    host = _header(request, "host").strip().lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name in settings.hosts()


class Harden:
    """Refuse unknown hosts, put the security headers on every answer, log it (see the module's doc)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        scope[_REQUEST] = request  # one request read once (its headers, its cookies) by every layer
        settings = web(request).settings
        request.state.request_id = _request_id()
        sent: dict[str, Any] = {"status": 500, "length": None}
        hardened = _hardening(request, settings, send, sent)
        try:
            if host_allowed(request, settings):
                await self.app(scope, receive, hardened)
            else:
                host = _header(request, "host")[:100]
                problem = Problem(400, f"this server does not answer to the host {host!r}")
                response = await run_in_threadpool(error_response, request, problem)
                await response(scope, receive, hardened)
        finally:
            _log(request, sent["status"], sent["length"], started)


def _hardening(request: Request, settings: WebSettings, send: Send, sent: dict[str, Any]) -> Send:
    """``send``, the security headers put on the answer's start (:func:`_secure`) and its status and
    length written in ``sent`` (for the access log)."""

    async def hardened(message: Message) -> None:
        if message["type"] == "http.response.start":
            _secure(request, message, settings)
            length = next((v for k, v in message["headers"] if k.lower() == b"content-length"), None)
            sent["status"], sent["length"] = message["status"], length.decode() if length else None
        await send(message)

    return hardened


_REQUEST = "cooptrack.request"  # the scope key of the request as Harden read it
_PROCESS = secrets.token_hex(4)  # this process's part of its requests' ids (a worker's own)
_SERIAL = itertools.count(1)


def _request_id() -> str:
    """A request's id in the access log, unique across the server's workers: the process's random
    part and its count (no secret: read from no system entropy per request)."""
    return f"{_PROCESS}{next(_SERIAL):08x}"


_UNTAGGED = ("/static/", "/login", "/logout", "/account", "/admin", "/language")


def etag(request: Request, stamp: tuple[object, ...]) -> str:
    """The tag of what a GET answer depends on (see :class:`Conditional`). An anonymous reader's is
    worked out once for the same stamp, address, cookies, ``Accept`` and day (the last few thousand
    kept in the process; a signed-in reader's, whose cookie or token is a secret, never)."""
    key = (stamp, request.scope["method"], *_address(request), _header(request, "cookie"),
           _header(request, "authorization"), _header(request, "accept"), _today())  # fmt: skip
    anonymous = not _signed_in(request)
    tag = _TAGS.get(key) if anonymous else None
    if tag is None:
        from cooptrack import __version__

        parts = (__version__, repr(stamp), *key[1:-1], key[-1].isoformat())
        tag = '"' + hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32] + '"'
        if anonymous:
            if len(_TAGS) >= _TAGS_KEPT:
                _TAGS.clear()
            _TAGS[key] = tag
    return tag


_TAGS: dict[tuple[object, ...], str] = {}  # an anonymous reader's tags by what they are made of
_TAGS_KEPT = 4096
_DAY: tuple[int, dt.date] = (0, dt.date(1970, 1, 1))  # the day (UTC) as a count since 1970, and as a date


def _today() -> dt.date:
    """Today's date in UTC (a new date object only when the day changes)."""
    global _DAY
    days = int(time.time() // 86400)
    if days != _DAY[0]:
        _DAY = (days, dt.date(1970, 1, 1) + dt.timedelta(days=days))
    return _DAY[1]


def _matches(header: str, tag: str) -> bool:
    wanted = {t.strip().removeprefix("W/") for t in header.split(",")}
    return tag in wanted or "*" in wanted


class Conditional:
    """``ETag`` on GET answers, ``304`` when the client already holds this one, and anonymous answers
    kept whole for the next anonymous reader (:mod:`.answers`; see the module's doc)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or scope["path"].startswith(_UNTAGGED):
            await self.app(scope, receive, send)
            return
        request = scope.get(_REQUEST) or Request(scope)
        w = web(request)
        if w.settings.read_requires_login and not _signed_in(request):  # sent to sign in
            await self.app(scope, receive, send)
            return
        stamp, accounts = w.store.known_stamp(), None  # SQLite: unchanged since it was last read (no query)
        if stamp is None and STAMP in scope:  # read after the request arrived, before the layers
            stamp, accounts = scope[STAMP], scope[ACCOUNTS]  # (send_kept_at_once: not sent there)
        elif stamp is None:  # a query, off the event loop, shared by the readers who came meanwhile; on
            stamp, accounts = await w.stamps()  # PostgreSQL with the count of writes to accounts
        scope[STAMP], scope[ACCOUNTS] = stamp, accounts
        tag = etag(request, stamp)
        if _matches(_header(request, "if-none-match"), tag):
            await _not_modified(send, tag)
            return
        signed_in = _signed_in(request)
        if signed_in:
            who = await run_in_threadpool(caller, request)  # (looked up once: the handler reads it again)
            if who.user is None:  # an unknown or ended session, a bad token: drawn for them alone
                await self.app(scope, receive, _tagging(send, tag, signed_in))
                return
            # their own answers, kept for them: the account and its role as read now (a role taken back
            # or an account disabled is seen at once), how they signed in; their session's form token
            shared = (*_shared_key(request), who.via, who.user.id, who.user.name, who.user.role)
            token = who.csrf.encode() if who.csrf else None
        else:
            cookie = request.cookies.get(CSRF_COOKIE)
            token = reader_token(cookie)
            if cookie is not None and token is None:  # a token the site did not make: drawn
                await self.app(scope, receive, _tagging(send, tag, signed_in))
                return
            shared = _shared_key(request)
        tagged = None if signed_in else tag  # (what is signed in is no-store, never tagged)
        if await _send_kept(request, send, stamp, shared, tagged, token):
            return
        async with w.answers.drawing(stamp, shared) as first:
            if not first and await _send_kept(request, send, stamp, shared, tagged, token):
                return  # drawn meanwhile for another reader
            await self.app(scope, receive, _tagging(send, tag, signed_in, (w.answers, stamp, shared, token)))


async def _not_modified(send: Send, tag: str) -> None:
    """``304 Not Modified``: the client holds the answer tagged ``tag``."""
    headers = [(b"etag", tag.encode()), (b"vary", VARY), (b"cache-control", b"private, no-cache")]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def send_kept_at_once(proxies: Callable[[Scope], None], w: Web, scope: Scope, send: Send) -> bool:
    """Answer a GET that :class:`Conditional` would answer from what it knows or keeps for an
    anonymous reader who holds the site's token (a ``304``, or the answer kept for the next such
    reader), before any layer: what the layers would send (their headers, the same bytes, the same
    line in the access log), without going through them. Whether it was answered; if not, nothing
    was sent and the request goes through every layer as it came. ``proxies``: what
    :class:`TrustedProxies` does to the request (:meth:`TrustedProxies.apply`).

    Only where nothing is in doubt: ``GET`` of a tagged address, an allowed host, nobody signed in
    and reading open to all, the reader's CSRF cookie one the site made; a ``304``, or an answer kept
    under the same key whose token fits. The store's stamp is the one known without a query (SQLite,
    nothing committed since), else read as :class:`Conditional` reads it (after the request arrived,
    shared with the readers who came meanwhile: PostgreSQL) and handed to it in the scope if the
    answer is not sent here (one read a request either way). The application's own work for a page
    sent as kept is then about 40% less (54 → 31 µs in process: the layers' calls for every message,
    FastAPI's look for OpenTelemetry's providers), and less again since its tag, its address and
    whether it is signed in are read once and a small body goes in one write (236,087 → 167,151
    instructions in process, callgrind; the server's CPU a page 60–110 µs at 50 clients on SQLite,
    the bare reference's 30–65)."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(_UNTAGGED):
        return False
    started = time.perf_counter()
    given, scope = scope, {**scope}  # (the layers are given the request as it came, if it is not answered here)
    proxies(scope)
    request = Request(scope)
    settings = w.settings
    if settings.read_requires_login or _signed_in(request) or not host_allowed(request, settings):
        return False
    token = reader_token(request.cookies.get(CSRF_COOKIE))
    if token is None:
        return False
    stamp = w.store.known_stamp()
    if stamp is None:  # read after the request arrived (PostgreSQL; SQLite after a commit), as Conditional
        stamp, accounts = await w.stamps()  # would, and handed to it if the answer is not sent here
        given[STAMP], given[ACCOUNTS] = scope[STAMP], scope[ACCOUNTS] = stamp, accounts
    tag = etag(request, stamp)
    sent: dict[str, Any] = {"status": 500, "length": None}
    hardened = _hardening(request, settings, send, sent)
    logged = ACCESS_LOG.isEnabledFor(logging.INFO)
    if _matches(_header(request, "if-none-match"), tag):
        if logged:  # (the id is the access log's)
            request.state.request_id = _request_id()
        try:
            await _not_modified(hardened, tag)
        finally:
            _log(request, sent["status"], sent["length"], started)
        return True
    kept = w.answers.get(stamp, _shared_key(request), token)
    if kept is None:
        return False
    if logged:
        request.state.request_id = _request_id()
    try:
        await _send_answer(request, hardened, kept, tag, token)
    finally:
        _log(request, sent["status"], sent["length"], started)
    return True


async def _send_kept(request: Request, send: Send, stamp: object, shared: tuple[object, ...], tag: str | None,
                     token: bytes | None) -> bool:  # fmt: skip
    """Send the kept answer to ``shared`` if there is one: whether there was (``tag`` None: a signed-in
    reader's, sent untagged with their own form token)."""
    kept = web(request).answers.get(stamp, shared, token)
    if kept is None:  # (none, or one whose token has another length: drawn for them)
        return False
    await _send_answer(request, send, kept, tag, token)
    return True


async def _send_answer(request: Request, send: Send, kept: Answer, tag: str | None, token: bytes | None) -> None:
    """Send a kept answer (see :func:`_send_kept`)."""
    request.scope[KEPT] = True
    if tag is None:
        headers = list(kept.headers)
    elif token is None and kept.tokens:  # a first visit: a token and its cookie (untagged, as when drawn)
        token = new_csrf().encode()
        headers = [*kept.headers, *_cookie_headers(request, token.decode(), web(request).settings)]
    else:  # the reader's own token (if the answer holds one), and their tag
        headers = [*kept.headers, (b"etag", tag.encode())]
    await send({"type": "http.response.start", "status": kept.status, "headers": headers})
    *first, last = kept.pieces(token or b"")
    for piece in first:
        await send({"type": "http.response.body", "body": piece, "more_body": True})
    await send({"type": "http.response.body", "body": last})


def _tagging(send: Send, tag: str, signed_in: bool,
             keep: tuple[Answers, object, tuple[object, ...], bytes | None] | None = None) -> Send:  # fmt: skip
    """``send``, with the ``ETag`` put on a GET answer that may have one; with ``keep`` (the kept
    answers, the stamp, the answer's key, the reader's token), the answer kept if it may be."""
    body: list[bytes] = []
    kept_headers: list[tuple[bytes, bytes]] = []
    token: list[bytes | None] = [None]

    async def tagging(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            cookies = headers.getlist("set-cookie")
            if message["status"] == 200 and signed_in and keep is not None and not cookies:
                token[0] = keep[3]  # a signed-in reader's answer, kept for them alone (untagged)
                kept_headers.extend(message["headers"])
            elif message["status"] == 200 and not signed_in:
                if not cookies:
                    headers["vary"] = VARY.decode()
                    headers.setdefault("cache-control", "private, no-cache")
                given = given_token(cookies) if cookies else None  # a first visit's: its new token
                if keep is not None and (not cookies or given):
                    token[0] = given if cookies else keep[3]
                    kept_headers.extend((k, v) for k, v in message["headers"] if k != b"set-cookie")
                    named = {k.lower() for k, _ in kept_headers}
                    kept_headers.extend(h for h in _UNTAGGED_DEFAULTS if cookies and h[0] not in named)
                if not cookies:
                    headers["etag"] = tag
        elif kept_headers and keep is not None:
            body.append(message.get("body", b""))
            if sum(map(len, body)) > LARGEST:
                kept_headers.clear()
            elif not message.get("more_body", False):
                answers, stamp, key, _ = keep
                answers.keep(stamp, key, 200, kept_headers, b"".join(body), token[0])
        await send(message)

    return tagging


VARY = b"Cookie, Authorization, Accept"
_UNTAGGED_DEFAULTS = ((b"vary", VARY), (b"cache-control", b"private, no-cache"))  # what a tagged answer has
KEPT = "cooptrack.kept"  # the scope key set when an answer was sent from the kept ones


def _cookie_headers(request: Request, token: str, settings: WebSettings) -> list[tuple[bytes, bytes]]:
    """The ``Set-Cookie`` that gives a first visit its CSRF token, as a drawn page would set it."""
    response = Response()
    give_csrf(response, request, token, settings.secure_cookies)
    return [(name, value) for name, value in response.raw_headers if name == b"set-cookie"]


def _address(request: Request) -> tuple[str, str, str, str]:
    """The scheme, host, path and query an answer was asked at (its absolute links name them; read
    once a request, after :class:`TrustedProxies`)."""
    scope = request.scope
    found: tuple[str, str, str, str] | None = scope.get(_ADDRESS)
    if found is None:
        found = scope[_ADDRESS] = (scope.get("scheme", "http"), _header(request, "host"),
                                   scope.get("root_path", "") + scope["path"],
                                   scope.get("query_string", b"").decode("latin-1"))  # fmt: skip
    return found


_ADDRESS = "cooptrack.address"  # the scope key of the request's address as _address read it


def _shared_key(request: Request) -> tuple[object, ...]:
    """What an anonymous answer depends on besides the store (the ETag's parts, less who asks)."""
    return (*_address(request), i18n.chosen(request), _header(request, "accept"), _today())


def _signed_in(request: Request) -> bool:
    """Whether the request says who sent it (a session cookie or a token): its answers are its own
    (read once a request, as its headers are)."""
    scope = request.scope
    found = scope.get(_SIGNED_IN)
    if found is None:
        found = scope[_SIGNED_IN] = bool(_header(request, "authorization")) or SESSION_COOKIE in request.cookies
    return bool(found)


_SIGNED_IN = "cooptrack.signed_in"  # the scope key of whether the request says who sent it


_SECURITY = tuple((name.encode(), value.encode()) for name, value in (
    ("content-security-policy", CSP), ("permissions-policy", PERMISSIONS),
    ("cross-origin-opener-policy", "same-origin"), ("cross-origin-resource-policy", "same-origin"),
    ("x-content-type-options", "nosniff"), ("referrer-policy", "same-origin"), ("x-frame-options", "DENY"),
))  # fmt: skip
_SET_HERE = frozenset({name for name, _ in _SECURITY} | {b"server", b"strict-transport-security"})


def _secure(request: Request, message: Message, settings: WebSettings) -> None:
    """The security headers on an answer's start (in place of any the answer had), ``no-store`` where
    it must be, and no ``Server``."""
    headers = [(name, value) for name, value in message["headers"] if name.lower() not in _SET_HERE]
    cookie = any(name.lower() == b"set-cookie" for name, _ in headers)  # (none of the security headers is)
    headers.extend(_SECURITY)
    scope = request.scope
    if settings.hsts_seconds and scope.get("scheme") == "https":
        headers.append((b"strict-transport-security", f"max-age={settings.hsts_seconds}; includeSubDomains".encode()))
    path = scope["path"]
    private = path in ("/login", "/account") or path.startswith("/admin/")
    mine = _signed_in(request) and not path.startswith("/static/")  # (the site's own files are the same for everyone)
    if mine or private or cookie:
        headers = [(name, value) for name, value in headers if name.lower() != b"cache-control"]
        headers.append((b"cache-control", b"no-store"))
    message["headers"] = headers


def _log(request: Request, status: int, length: str | None, started: float) -> None:
    if not ACCESS_LOG.isEnabledFor(logging.INFO):
        return
    who = getattr(request.state, "caller", None)
    entry = {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "request": getattr(request.state, "request_id", None),
        "remote": request.client.host if request.client else None,
        "user": getattr(who, "name", None),
        "via": getattr(who, "via", None),
        "method": request.scope["method"],
        "path": request.scope["path"],
        "query": request.scope.get("query_string", b"").decode("latin-1") or None,
        "status": status,
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "bytes": int(length) if length else None,
        "kept": bool(request.scope.get(KEPT)) or None,
        "agent": _header(request, "user-agent")[:200] or None,
    }
    ACCESS_LOG.info("%s", json.dumps(entry, ensure_ascii=False))
