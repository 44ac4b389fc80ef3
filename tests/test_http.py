"""The polite HTTP client: User-Agent, retries and backoff, time-outs, redirects, refusals, pace.

Network tests run against a local server on 127.0.0.1 that the tests start (tests/archive_server.py,
serving the synthetic pages of tests/data/archive), with a client allowed that one address and no
other host; a guard on ``socket.connect`` fails any test that would connect elsewhere. Waits are
recorded by a fake ``sleep`` and a fake clock rather than timed. Tests that need a public host use
httpx's mock transport and a stub resolver, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import socket
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from archive_server import ArchiveServer, Fault
from cooptrack.acquire.cache import PageCache
from cooptrack.acquire.decode import decode, http_charset
from cooptrack.acquire.http import HttpClient, HttpOptions, host_allowed
from cooptrack.errors import FetchError, HTTPStatusError, RefusedURL, TooLarge

LOCAL = HttpOptions(
    rate=0, timeout=1.0, retries=2, backoff=0.25, allowed_hosts=("127.0.0.1",), allowed_private=frozenset({"127.0.0.1"})
)
SICHUAN = "202311/28/P2023112800412.htm"
PUBLIC = "202.128.10.1"  # what the stub resolver answers for a public host (never connected to)


pytestmark = pytest.mark.usefixtures("only_loopback")


class Waits:
    """A fake clock and sleep: ``sleep`` records how long and moves the clock on."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def _client(options: HttpOptions = LOCAL, **kwargs: Any) -> HttpClient:
    return HttpClient(options, **kwargs)


def _mock(answers: list[httpx.Response] | Callable[[httpx.Request], httpx.Response]) -> httpx.MockTransport:
    if callable(answers):
        answer = answers
        return httpx.MockTransport(lambda request: _unread(answer(request)))
    queue = list(answers)
    return httpx.MockTransport(lambda request: _unread(queue.pop(0)))


def _unread(answer: httpx.Response) -> httpx.Response:
    """The answer as a server sends it, its body still to read (httpx reads ``content=`` at once)."""
    if not answer.is_stream_consumed:
        return answer
    return httpx.Response(answer.status_code, headers=answer.headers, stream=httpx.ByteStream(answer.content))


def _public(options: HttpOptions, transport: httpx.MockTransport, waits: Waits | None = None) -> HttpClient:
    waits = waits or Waits()
    return HttpClient(
        options, transport=transport, sleep=waits.sleep, clock=waits.clock, resolve=lambda host, port: [PUBLIC]
    )


# --- a page, and what the request says about us ----------------------------------------------------


def test_a_page_is_fetched_with_the_tools_user_agent(server: ArchiveServer) -> None:
    with _client() as client:
        response = client.get(server.page(SICHUAN))
    assert response.status == 200
    assert b"Hong Kong/Sichuan Co-operation Conference" in response.body
    assert response.final_url == response.url == server.page(SICHUAN)
    agent = server.seen[0].headers["user-agent"]
    assert agent.startswith("cooptrack/") and "press releases" in agent and agent.endswith("; no limit)")
    assert client.requests == len(server.seen) == 1


# --- retries ---------------------------------------------------------------------------------------


def test_a_5xx_answer_is_retried_with_doubling_waits_until_it_succeeds(server: ArchiveServer) -> None:
    server.faults[SICHUAN] = Fault("status", times=2, status=503)
    waits = Waits()
    with _client(sleep=waits.sleep, clock=waits.clock) as client:
        response = client.get(server.page(SICHUAN))
    assert response.status == 200
    assert server.counts()[SICHUAN] == 3
    assert waits.slept == [0.25, 0.5]


def test_a_5xx_answer_every_time_fails_after_the_retries_naming_the_url(server: ArchiveServer) -> None:
    server.faults[SICHUAN] = Fault("status", status=500)
    waits = Waits()
    with _client(sleep=waits.sleep, clock=waits.clock) as client, pytest.raises(FetchError) as caught:
        client.get(server.page(SICHUAN))
    expected = "the server answered HTTP 500 Internal Server Error (3 attempts)"
    assert str(caught.value) == f"{server.page(SICHUAN)}: {expected}"
    assert server.counts()[SICHUAN] == 3
    assert waits.slept == [0.25, 0.5]


def test_a_404_is_not_retried(server: ArchiveServer) -> None:
    url = server.page("202311/29/P2023112900610.htm")
    with _client() as client, pytest.raises(HTTPStatusError) as caught:
        client.get(url)
    assert caught.value.status == 404
    assert str(caught.value) == f"{url}: HTTP 404 Not Found"
    assert len(server.seen) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 451])
def test_no_4xx_answer_but_429_is_retried(status: int) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(status)

    options = HttpOptions(rate=0, retries=3, backoff=1)
    with _public(options, _mock(answer)) as client, pytest.raises(HTTPStatusError) as caught:
        client.get("https://www.info.gov.hk/gia/general/202311/29/P2023112900610.htm")
    assert caught.value.status == status
    assert len(sent) == 1


URL = "https://www.info.gov.hk/gia/general/202311/29/P2023112900610.htm"


def test_a_429_is_tried_again_after_the_seconds_its_retry_after_asks_for() -> None:
    answers = [httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, text="<p>ok</p>")]
    waits = Waits()
    with _public(HttpOptions(rate=0, retries=3, backoff=1), _mock(answers), waits) as client:
        assert client.get(URL).body == b"<p>ok</p>"
    assert waits.slept == [7.0], "the server's wait, not the backoff"


def test_a_retry_after_given_as_a_date_is_waited_until_then() -> None:
    when = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=120), usegmt=True)
    answers = [httpx.Response(503, headers={"Retry-After": when}), httpx.Response(200, text="<p>ok</p>")]
    waits = Waits()
    with _public(HttpOptions(rate=0, retries=1, backoff=1), _mock(answers), waits) as client:
        client.get(URL)
    assert len(waits.slept) == 1 and 100 < waits.slept[0] <= 120


def test_a_429_without_retry_after_backs_off_then_fails_as_worth_asking_again() -> None:
    waits = Waits()
    options = HttpOptions(rate=0, retries=2, backoff=1)
    with _public(options, _mock([httpx.Response(429)] * 3), waits) as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert waits.slept == [1.0, 2.0]
    assert not isinstance(caught.value, HTTPStatusError), "not a lasting answer: the crawl asks again next run"
    assert str(caught.value) == f"{URL}: the server answered HTTP 429 Too Many Requests (3 attempts)"


def test_a_retry_after_longer_than_the_limit_is_not_waited_for() -> None:
    waits = Waits()
    answers = [httpx.Response(429, headers={"Retry-After": "86400"})]
    options = HttpOptions(rate=0, retries=3, max_retry_after=600)
    with _public(options, _mock(answers), waits) as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert waits.slept == []
    assert "asked to wait 86400 s, longer than 600 s" in str(caught.value)


def test_backoff_doubles_from_the_configured_wait() -> None:
    answers = [httpx.Response(503), httpx.Response(502), httpx.Response(500), httpx.Response(200, text="<p>ok</p>")]
    waits = Waits()
    options = HttpOptions(rate=0, retries=3, backoff=1.5)
    with _public(options, _mock(answers), waits) as client:
        assert client.get("https://www.info.gov.hk/a.htm").body == b"<p>ok</p>"
    assert waits.slept == [1.5, 3.0, 6.0]


def test_a_slow_answer_times_out_and_the_retry_gets_the_page(server: ArchiveServer) -> None:
    server.faults[SICHUAN] = Fault("slow", times=1, delay=2.5)
    with _client(sleep=lambda s: None) as client:
        response = client.get(server.page(SICHUAN))
    assert b"Sichuan" in response.body
    assert server.counts()[SICHUAN] == 2


def test_an_answer_slow_every_time_is_one_time_out_error(server: ArchiveServer) -> None:
    server.faults[SICHUAN] = Fault("slow", delay=1.5)
    options = HttpOptions(**{**LOCAL.__dict__, "retries": 0, "timeout": 0.3})
    with _client(options) as client, pytest.raises(FetchError) as caught:
        client.get(server.page(SICHUAN))
    assert str(caught.value) == f"{server.page(SICHUAN)}: timed out after 0.3 s (1 attempt)"


class _Trickle(httpx.SyncByteStream):
    """A body sent a few bytes at a time, each piece ``every`` seconds after the last (on the fake clock)."""

    def __init__(self, waits: Waits, every: float, pieces: int) -> None:
        self.waits, self.every, self.pieces = waits, every, pieces

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(self.pieces):
            self.waits.now += self.every
            yield b"<p>"


def test_an_answer_that_trickles_in_is_cut_off_at_the_deadline_for_the_whole_answer() -> None:
    waits = Waits()
    answer = httpx.Response(200, stream=_Trickle(waits, every=10.0, pieces=1000))
    options = HttpOptions(rate=0, retries=0, timeout=30.0, deadline=60.0)
    with _public(options, _mock([answer]), waits) as client, pytest.raises(FetchError) as caught:
        client.get("https://www.info.gov.hk/a.htm")
    assert str(caught.value) == "https://www.info.gov.hk/a.htm: timed out: the answer took over 60 s (1 attempt)"
    assert waits.now - 100.0 <= 70.0, "not read to the end"


def test_a_body_cut_short_is_retried_then_reported(server: ArchiveServer) -> None:
    server.faults[SICHUAN] = Fault("truncate")
    with _client(sleep=lambda s: None) as client, pytest.raises(FetchError) as caught:
        client.get(server.page(SICHUAN))
    size = (server.root / "gia/general" / SICHUAN).stat().st_size
    expected = f"the response was cut short: {size // 2} of {size} bytes (3 attempts)"
    assert str(caught.value) == f"{server.page(SICHUAN)}: {expected}"
    assert server.counts()[SICHUAN] == 3


def test_a_body_cut_short_once_is_fetched_whole_on_the_retry(server: ArchiveServer) -> None:
    server.faults[SICHUAN] = Fault("truncate", times=1)
    with _client(sleep=lambda s: None) as client:
        body = client.get(server.page(SICHUAN)).body
    assert body == (server.root / "gia/general" / SICHUAN).read_bytes()


def test_a_refused_connection_is_a_network_error_after_the_retries() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free now, and nobody listens on it
    with _client(sleep=lambda s: None) as client, pytest.raises(FetchError) as caught:
        client.get(f"http://127.0.0.1:{port}/gia/general/202311/28.htm")
    assert str(caught.value).startswith(f"http://127.0.0.1:{port}/gia/general/202311/28.htm: network error: ")
    assert str(caught.value).endswith("(3 attempts)")


def test_a_body_over_the_limit_is_refused_as_too_large(server: ArchiveServer) -> None:
    options = HttpOptions(**{**LOCAL.__dict__, "max_bytes": 500})
    with _client(options) as client, pytest.raises(TooLarge) as caught:
        client.get(server.page(SICHUAN))
    assert str(caught.value).startswith(server.page(SICHUAN) + ": is too large")


def test_a_body_that_does_not_decompress_is_one_fetch_error_naming_the_url() -> None:
    answer = httpx.Response(200, headers={"content-encoding": "gzip"}, stream=httpx.ByteStream(b"not gzip at all"))
    with _public(HttpOptions(rate=0), _mock([answer])) as client, pytest.raises(FetchError) as caught:
        client.get("https://www.info.gov.hk/a.htm")
    assert str(caught.value).startswith("https://www.info.gov.hk/a.htm: the body cannot be decompressed (gzip")


def _gzip_of_zeros(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def test_a_small_compressed_body_is_never_inflated_beyond_the_limit() -> None:
    """A 100 KB gzip body that inflates to 100 MB: refused, having held no more than the limit."""
    bomb = _gzip_of_zeros(100)
    answer = httpx.Response(200, headers={"content-encoding": "gzip"}, stream=httpx.ByteStream(bomb))
    options = HttpOptions(rate=0, max_bytes=1024 * 1024)
    tracemalloc.start()
    try:
        with _public(options, _mock([answer])) as client, pytest.raises(TooLarge):
            client.get("https://www.info.gov.hk/a.htm")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(bomb) < 1024 * 1024 and peak < 8 * 1024 * 1024


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize("pack", [zlib.compress, _raw_deflate], ids=["zlib-deflate", "raw-deflate"])
def test_a_compressed_body_within_the_limit_is_inflated(pack: Callable[[bytes], bytes]) -> None:
    page = b"<html><body><p>Sichuan</p></body></html>" * 100
    packed = pack(page)
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, headers={"content-encoding": "deflate"}, stream=httpx.ByteStream(packed))

    with _public(HttpOptions(rate=0), _mock(answer)) as client:
        assert client.get("https://www.info.gov.hk/a.htm").body == page
    assert sent[0].headers["accept-encoding"] == "gzip, deflate", "only encodings whose output can be bounded"


def test_a_body_in_an_encoding_not_asked_for_is_refused() -> None:
    answer = httpx.Response(200, headers={"content-encoding": "br"}, stream=httpx.ByteStream(b"\x8b\x00\x80"))
    with _public(HttpOptions(rate=0), _mock([answer])) as client, pytest.raises(FetchError) as caught:
        client.get("https://www.info.gov.hk/a.htm")
    assert str(caught.value) == "https://www.info.gov.hk/a.htm: the body is encoded as br, which was not asked for"


# --- redirects and refusals ----------------------------------------------------------------------


def test_a_redirect_to_an_allowed_host_is_followed(server: ArchiveServer) -> None:
    server.faults["old/P2023112800412.htm"] = Fault("redirect", location="/gia/general/" + SICHUAN)
    with _client() as client:
        response = client.get(server.page("old/P2023112800412.htm"))
    assert response.url == server.page("old/P2023112800412.htm")
    assert response.final_url == server.page(SICHUAN)
    assert [seen.path for seen in server.seen] == ["/gia/general/old/P2023112800412.htm", "/gia/general/" + SICHUAN]


def test_a_redirect_to_a_foreign_host_is_refused_and_never_followed(
    server: ArchiveServer, only_loopback: list[Any]
) -> None:
    foreign = "http://www.example.com/gia/P2023112900655.htm"
    server.faults[SICHUAN] = Fault("redirect", location=foreign)
    with _client() as client, pytest.raises(RefusedURL) as caught:
        client.get(server.page(SICHUAN))
    assert str(caught.value) == (
        f"{server.page(SICHUAN)}: redirects to {foreign}, which is on www.example.com, "
        "a host not allowed (allowed: 127.0.0.1)"
    )
    assert len(server.seen) == 1 and client.requests == 1
    assert all(address[0] == "127.0.0.1" for address in only_loopback)


def test_too_many_redirects_are_an_error() -> None:
    answer = httpx.Response(302, headers={"location": "/loop.htm"})
    options = HttpOptions(rate=0, max_redirects=3)
    with _public(options, _mock(lambda request: answer)) as client, pytest.raises(FetchError) as caught:
        client.get("https://www.info.gov.hk/loop.htm")
    assert str(caught.value) == "https://www.info.gov.hk/loop.htm: more than 3 redirects"
    assert client.requests == 4


def test_loopback_is_refused_unless_the_options_allow_it(server: ArchiveServer) -> None:
    options = HttpOptions(rate=0, allowed_hosts=("127.0.0.1",))
    with _client(options) as client, pytest.raises(RefusedURL) as caught:
        client.get(server.page(SICHUAN))
    assert str(caught.value).endswith("is on 127.0.0.1 at 127.0.0.1, a private or loopback address")
    assert server.seen == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        pytest.param("ftp://www.info.gov.hk/a.htm", "has the ftp: scheme; only http and https are fetched", id="ftp"),
        pytest.param("file:///etc/passwd", "has the file: scheme; only http and https are fetched", id="file"),
        pytest.param("www.info.gov.hk/a.htm", "has no scheme; only http and https are fetched", id="no-scheme"),
        pytest.param("https://www.example.com/a.htm", "is on www.example.com, a host not allowed", id="foreign"),
        pytest.param("https://evilgov.hk/a.htm", "is on evilgov.hk, a host not allowed", id="lookalike-domain"),
        pytest.param("https://www.gov.hk@evil.example/a.htm", "is on evil.example, a host not allowed", id="userinfo"),
        pytest.param("http://10.0.0.8/a.htm", "is on 10.0.0.8, a host not allowed", id="private-literal"),
    ],
)
def test_urls_the_policy_does_not_allow_are_refused_before_any_request(url: str, problem: str) -> None:
    sent: list[httpx.Request] = []
    transport = _mock(lambda request: sent.append(request) or httpx.Response(200))
    with _public(HttpOptions(rate=0), transport) as client, pytest.raises(RefusedURL) as caught:
        client.get(url)
    assert str(caught.value).startswith(f"{url}: {problem}")
    assert sent == [] and client.requests == 0


def test_a_url_that_cannot_be_parsed_is_one_error() -> None:
    with HttpClient(HttpOptions(rate=0)) as client, pytest.raises(FetchError) as caught:
        client.get("http://[::1/a.htm")
    assert str(caught.value) == "http://[::1/a.htm: is not a valid URL"


@pytest.mark.parametrize(
    ("addresses", "refused"),
    [
        pytest.param(["10.1.2.3"], True, id="private"),
        pytest.param(["127.0.0.1"], True, id="loopback"),
        pytest.param(["169.254.169.254"], True, id="link-local-metadata"),
        pytest.param(["::ffff:127.0.0.1"], True, id="ipv4-mapped-loopback"),
        pytest.param(["::1"], True, id="ipv6-loopback"),
        pytest.param(["64:ff9b::a00:1"], True, id="nat64-of-a-private-address"),
        pytest.param(["2002:a9fe:a9fe::1"], True, id="6to4-of-link-local-metadata"),
        pytest.param(["::a00:1"], True, id="ipv4-compatible-private"),
        pytest.param(["fec0::1"], True, id="ipv6-site-local"),
        pytest.param(["64:ff9b::ca80:a01"], False, id="nat64-of-a-public-address"),
        pytest.param([PUBLIC, "192.168.1.1"], True, id="one-of-several-private"),
        pytest.param([PUBLIC], False, id="public"),
    ],
)
def test_an_allowed_host_whose_name_resolves_to_a_private_address_is_refused(
    addresses: list[str], refused: bool
) -> None:
    client = HttpClient(HttpOptions(rate=0), resolve=lambda host, port: addresses)
    with client:
        if refused:
            with pytest.raises(RefusedURL) as caught:
                client.check("https://intranet.gov.hk/a.htm")
            assert "a private or loopback address" in str(caught.value)
        else:
            client.check("https://intranet.gov.hk/a.htm")


def test_the_connection_goes_to_the_address_checked_never_to_a_second_lookup(
    server: ArchiveServer, only_loopback: list[Any]
) -> None:
    """The name is resolved once, for the check; a second answer (DNS rebinding) is never asked for nor used."""
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"] if len(lookups) == 1 else ["10.0.0.7"]

    options = HttpOptions(rate=0, timeout=1.0, retries=0, allowed_hosts=("archive.test",),
                          allowed_private=frozenset({"127.0.0.1"}))  # fmt: skip
    port = int(server.url.rsplit(":", 1)[1])
    with HttpClient(options, resolve=rebinding) as client:
        response = client.get(server.page(SICHUAN).replace("127.0.0.1", "archive.test"))
    assert response.status == 200 and b"Sichuan" in response.body
    assert lookups == ["archive.test"], "resolved once"
    assert only_loopback == [("127.0.0.1", port)], "connected to the address checked"
    assert server.seen[0].headers["host"] == f"archive.test:{port}", "the request still names the host"


def test_a_second_request_checks_and_pins_the_host_again() -> None:
    """Each request resolves and checks the name anew: an address that turned private is refused."""
    answers = iter([["127.0.0.1"], ["10.0.0.7"]])
    options = HttpOptions(rate=0, retries=0, allowed_hosts=("archive.test",), allowed_private=frozenset({"127.0.0.1"}))
    with HttpClient(options, resolve=lambda host, port: next(answers)) as client:
        client.check("http://archive.test/a.htm")
        with pytest.raises(RefusedURL):
            client.check("http://archive.test/a.htm")


# --- the page's charset ----------------------------------------------------------------------------


def test_the_charset_of_the_content_type_header_decodes_the_page(tmp_path: Path) -> None:
    """A simplified-Chinese page in GB2312 without a <meta> charset: detection alone reads it as Big5."""
    body = "<html><body><h1>香港与广东签署协议</h1><p>签署协议</p></body></html>".encode("gb18030")
    answers = [httpx.Response(200, headers={"Content-Type": "text/html; charset=GB2312"}, content=body)]
    with _public(HttpOptions(rate=0), _mock(answers)) as client:
        page = PageCache(tmp_path).fetch(URL, client)
    assert "签署协议" in page.document().text
    again = PageCache(tmp_path).get(URL)
    assert again is not None and "签署协议" in again.document().text, "the header's charset is kept in the cache"


def test_a_western_charset_label_does_not_outrank_a_page_in_utf_8() -> None:
    raw = "<p>Co-operation — “signed” in Chongqing</p>".encode()
    assert decode(raw, "page", http_charset("text/html; charset=ISO-8859-1")) == (raw.decode(), "utf-8")
    assert decode("签署协议".encode("gb18030"), "x", "gbk") == ("签署协议", "gb18030")
    assert http_charset('text/html; charset="big5"') == "big5" and http_charset("text/html") is None


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("www.info.gov.hk", True),
        ("WWW.INFO.GOV.HK", True),
        ("www.info.gov.hk.", True),
        ("gov.hk", True),
        ("evilgov.hk", False),
        ("www.info.gov.hk.evil.com", False),
        ("gov.hk.evil.com", False),
        ("www.example.com", False),
    ],
)
def test_host_patterns(host: str, allowed: bool) -> None:
    assert host_allowed(host, ("*.gov.hk",)) is allowed


def test_more_hosts_can_be_allowed_by_name() -> None:
    assert host_allowed("news.example.org", ("*.gov.hk", "news.example.org"))
    assert not host_allowed("www.news.example.org", ("*.gov.hk", "news.example.org"))


# --- pace ------------------------------------------------------------------------------------------


def test_requests_are_spaced_by_the_rate_limit_retries_included() -> None:
    answers = [httpx.Response(200), httpx.Response(500), httpx.Response(200), httpx.Response(200)]
    waits = Waits()
    options = HttpOptions(rate=2.0, retries=1, backoff=0.1)
    with _public(options, _mock(answers), waits) as client:
        client.get("https://www.info.gov.hk/1.htm")  # first: no wait
        client.get("https://www.info.gov.hk/2.htm")  # 500 after a wait of 0.5, backoff 0.1, then 0.4 more
        waits.now += 10  # a long pause: the next request need not wait
        client.get("https://www.info.gov.hk/3.htm")
    assert waits.slept == [0.5, 0.1, 0.4]


@pytest.mark.parametrize(("rate", "said"), [(1.0, "1 request/s"), (0.25, "0.25 requests/s"), (4, "4 requests/s")])
def test_the_user_agent_states_the_configured_rate(rate: float, said: str) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    with _public(HttpOptions(rate=rate), _mock(answer)) as client:
        client.get("https://www.info.gov.hk/1.htm")
    assert sent[0].headers["user-agent"].endswith(f"; {said})")
    assert HttpOptions(rate=rate, user_agent="custom/1").agent == "custom/1"


def test_the_default_pace_is_one_request_a_second() -> None:
    waits = Waits()
    with _public(HttpOptions(), _mock([httpx.Response(200)] * 3), waits) as client:
        for n in range(3):
            client.get(f"https://www.info.gov.hk/{n}.htm")
    assert waits.slept == [1.0, 1.0]
