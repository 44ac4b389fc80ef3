"""A server that uses the machine (issue 14, item 1): HTTP caching, work done once per change of
the store, and ``cooptrack serve --workers``.

- pages, API answers and downloads carry an ``ETag`` of what they depend on; the same tag sent
  back is answered ``304`` before anything is read or rendered; a write, another language,
  another visitor's cookies give another tag; signed-in answers are never tagged (no-store);
- what the overview and a mechanism page show across many meetings is computed once per state of
  the store (counted), and again after a write, with the same counts as before;
- ``/meetings`` lists meetings without comparing any two of them;
- ``--workers`` defaults to the CPU count and each worker is made from the same settings.

In process (ASGI client) on a store of SYNTHETIC releases (``make_release``, written here).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cooptrack.cli import app as cli
from cooptrack.knowledge import series
from cooptrack.serve import middleware
from cooptrack.serve import overview as digests
from cooptrack.serve.app import Web, WebSettings, app_from_env, serve_environment
from cooptrack.store import Store
from cooptrack.views import queries
from cooptrack.views import service as views
from cooptrack.vocab import TrackingStatus
from webtools import add_accounts, client, sign_in


@pytest.fixture
def store(tmp_path: Path, make_release: Callable[..., Any]) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'cache.db'}") as opened:
        for ordinal, year in ((1, 2019), (2, 2021), (3, 2023)):
            opened.ingest(*make_release(ordinal=ordinal, year=year, uri=f"https://example.org/anhui-{ordinal}"))
        add_accounts(opened)
        yield opened


TAGGED = ["/", "/meetings", "/tracker", "/api/meetings", "/api/overview", "/download/measures.csv"]


@pytest.mark.parametrize("path", TAGGED)
def test_an_unchanged_answer_is_304_when_the_client_holds_its_tag(store: Store, path: str) -> None:
    c = client(store)
    c.get("/")  # the CSRF cookie is set once: later answers depend on it and set none
    first = c.get(path)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "private, no-cache"
    assert "Cookie" in first.headers["vary"]
    again = c.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    assert c.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_a_304_reads_and_renders_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    c = client(store)
    c.get("/")
    tag = c.get("/tracker").headers["etag"]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the store was read for a 304")

    monkeypatch.setattr(Web, "snapshot", refuse)
    monkeypatch.setattr(Web, "memo", refuse)
    assert c.get("/tracker", headers={"If-None-Match": tag}).status_code == 304


def test_a_write_a_language_or_another_visitor_gives_another_tag(store: Store) -> None:
    c = client(store)
    c.get("/")
    tag = c.get("/api/measures").headers["etag"]
    key = c.get("/api/measures").json()["data"][0]["key"]
    store.record_event(key, TrackingStatus.IN_PROGRESS, by="a test")  # a write, as another process would
    changed = c.get("/api/measures", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert changed.json()["data"][0]["status"] == "in_progress"
    page = c.get("/").headers["etag"]
    c.cookies.set("ct_lang", "zh_Hant")
    assert c.get("/", headers={"If-None-Match": page}).status_code == 200
    stranger = client(store)
    stranger.get("/")
    assert stranger.get("/").headers["etag"] != page, "another visitor's page holds another CSRF token"


def test_a_tag_is_worked_out_once_for_what_it_is_made_of_and_again_the_next_day(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = client(store)
    c.get("/")
    middleware._TAGS.clear()
    made: list[int] = []
    real = middleware.hashlib.sha256
    monkeypatch.setattr(middleware.hashlib, "sha256", lambda data: made.append(1) or real(data))
    tag = c.get("/meetings").headers["etag"]
    assert c.get("/meetings", headers={"If-None-Match": tag}).status_code == 304
    assert c.get("/meetings").headers["etag"] == tag and len(made) == 1, "the same parts: the tag as kept"
    assert c.get("/tracker").headers["etag"] != tag and len(made) == 2
    midnight = (int(time.time() // 86400) + 1) * 86400  # the next day (UTC), a second after its midnight
    monkeypatch.setattr(middleware.time, "time", lambda: midnight + 1.0)
    assert middleware._today() == dt.datetime.fromtimestamp(midnight + 1, dt.UTC).date()
    later = c.get("/meetings", headers={"If-None-Match": tag})
    assert later.status_code == 200 and later.headers["etag"] != tag and len(made) == 3


def test_a_signed_in_readers_tag_is_never_kept(store: Store) -> None:
    c = client(store)
    sign_in(c)
    middleware._TAGS.clear()
    assert c.get("/api/measures").status_code == 200
    assert not middleware._TAGS, "a key holding the reader's session cookie"


def test_signed_in_answers_are_never_tagged(store: Store) -> None:
    c = client(store)
    sign_in(c)
    answer = c.get("/tracker")
    assert answer.status_code == 200
    assert "etag" not in answer.headers and answer.headers["cache-control"] == "no-store"


def test_what_spans_many_meetings_is_computed_once_per_state_of_the_store(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"matrix": 0, "compared": 0}
    matrix, compare = series.matrix, queries.compare_meetings

    def counted_matrix(*args: Any, **kwargs: Any) -> Any:
        calls["matrix"] += 1
        return matrix(*args, **kwargs)

    def counted_compare(*args: Any, **kwargs: Any) -> Any:
        calls["compared"] += 1
        return compare(*args, **kwargs)

    monkeypatch.setattr(series, "matrix", counted_matrix)
    monkeypatch.setattr(queries, "compare_meetings", counted_compare)
    c = client(store)
    mechanism = c.get("/api/mechanisms").json()["data"][0]["url"]
    pages = [c.get(p) for p in ("/", "/", "/", mechanism)]
    once = calls["compared"]  # each pair of meetings the page shows, compared
    pages += [c.get(mechanism), c.get(mechanism)]
    assert all(p.status_code == 200 for p in pages)
    assert once > 0 and calls == {"matrix": 1, "compared": once}, "the mechanism's comparisons made once"
    key = c.get("/api/measures").json()["data"][0]["key"]
    store.record_event(key, TrackingStatus.IMPLEMENTED, by="a test")
    assert c.get("/").status_code == 200
    assert calls["matrix"] == 2, "a write: computed again"


@pytest.mark.parametrize(
    ("page", "drawing"),
    [("mechanism", "mechanism_view"), ("meeting", "meeting_view"), ("overview", "shown")],
)
def test_a_page_the_same_for_every_reader_is_drawn_once_each_in_their_own_frame(
    store: Store, monkeypatch: pytest.MonkeyPatch, page: str, drawing: str
) -> None:
    """What the overview, a meeting's and a mechanism's page show is the same for every reader: drawn
    once per state of the store, language and address, and the frame (who is signed in, their CSRF
    token) drawn per request."""
    drawn: list[str] = []
    module = digests if drawing == "shown" else views
    real = getattr(module, drawing)

    def counted(*args: Any, **kwargs: Any) -> Any:
        drawn.append(drawing)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, drawing, counted)
    reader = client(store)
    editor = TestClient(reader.app, base_url="http://localhost", follow_redirects=False)  # the same server
    sign_in(editor)
    api = reader.get("/api/mechanisms" if page == "mechanism" else "/api/meetings").json()["data"][0]
    url = {"mechanism": api["url"], "meeting": f"/meetings/{api['slug']}", "overview": "/"}[page]
    first, second, mine = reader.get(url), reader.get(url), editor.get(url)
    assert first.status_code == second.status_code == mine.status_code == 200
    assert len(drawn) == 1, "drawn once for both readers"
    assert "Signed in as" in mine.text and "Signed in as" not in first.text
    body = mine.text[mine.text.index('id="main"') :]
    assert body == first.text[first.text.index('id="main"') :], "the same content in both frames"
    chinese = reader.get(url + "?lang=zh-hant")
    assert chinese.status_code == 200 and len(drawn) == 2, "another language: drawn again"
    key = reader.get("/api/measures").json()["data"][0]["key"]
    store.record_event(key, TrackingStatus.IMPLEMENTED, by="a test")
    assert reader.get(url).status_code == 200 and len(drawn) == 3, "a write: drawn again"


def test_pages_not_found_leave_nothing_kept(store: Store) -> None:
    """A meeting's page is drawn through what pages keep: two hundred slugs that name no meeting are
    answered 404 and keep nothing, not even the lock each asked under."""
    c = client(store)
    web: Web = c.app.state.web  # type: ignore[attr-defined]
    assert c.get("/").status_code == 200
    kept, computing = len(web._memo), len(web._computing)
    assert all(c.get(f"/meetings/no-such-meeting-{n}").status_code == 404 for n in range(200))
    assert (len(web._memo), len(web._computing)) == (kept, computing)


def test_the_trackers_rows_are_built_once_per_state_of_the_store_and_page(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    real = views.tracker_row

    def counted(d: Any, c: Any) -> Any:
        built.append(c.key)
        return real(d, c)

    monkeypatch.setattr(views, "tracker_row", counted)
    c = client(store)
    first, again = c.get("/tracker"), c.get("/tracker")
    assert first.status_code == again.status_code == 200 and first.text == again.text
    rows = len(built)
    assert rows > 1 and len(set(built)) == rows, "each row of the page built once"
    assert c.get("/tracker?sort=newest").status_code == 200 and len(built) == 2 * rows, "another order: its rows"
    key = c.get("/api/measures").json()["data"][0]["key"]
    store.record_event(key, TrackingStatus.IMPLEMENTED, by="a test")
    before = len(built)
    assert "Implemented" in c.get("/tracker").text and len(built) == before + rows, "a write: built again"


def test_the_overview_counts_are_the_stores(store: Store) -> None:
    c = client(store)
    counts = c.get("/api/overview").json()["data"]
    d = views.Data(store)
    assert counts == views.overview(d)
    assert counts["meetings"] == 3
    page = c.get("/").text
    assert f"<strong>{counts['meetings']}</strong>" in page
    assert f"<strong>{counts['measures']}</strong>" in page
    matrix = views.matrix_json(series.matrix(d.mechanisms, latest=False))
    for cell in matrix["counts"]:
        if cell["measures"]:
            assert f'<td class="num">{cell["measures"]}</td>' in page


def test_the_list_of_meetings_compares_no_meetings(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a list of meetings compared two meetings")

    monkeypatch.setattr(queries, "diff", refuse)
    monkeypatch.setattr(queries, "steps", refuse)
    monkeypatch.setattr(queries, "compare_meetings", refuse)
    page = client(store).get("/meetings")
    assert page.status_code == 200
    assert page.text.count('href="/meetings/') == 3


def test_serve_runs_as_many_workers_as_cpus_by_default(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from cooptrack.cli import web as web_cli

    seen: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: seen.append((target, options)))
    monkeypatch.setattr(web_cli, "run_workers", lambda options: seen.append(("workers", options)))
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    url = str(store.engine.url)
    runner = CliRunner()
    for args, workers in (([], 3), (["--workers", "1"], 1), (["--workers", "5"], 5)):
        result = runner.invoke(cli, ["serve", "--db", url, "--port", "8123", *args])
        assert result.exit_code == 0, result.output
        target, options = seen[-1]
        assert options["workers"] == workers
        assert options["port"] == 8123 and options["server_header"] is False
        assert (target == "workers") is (workers > 1), "several workers: Uvicorn's supervisor, one: uvicorn.run"
        assert options["timeout_worker_healthcheck"] >= 60, "a worker busy reading the store is not killed"
    bad = runner.invoke(cli, ["serve", "--db", url, "--workers", "0"])
    assert bad.exit_code != 0


def test_the_workers_listening_socket_is_tcp_so_answers_are_not_held_back() -> None:
    import socket

    from cooptrack.cli.web import uvicorn_options
    from cooptrack.serve.workers import APP, TcpConfig

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = TcpConfig(APP, factory=True, **uvicorn_options("127.0.0.1", port, 2))
    sock = config.bind_socket()
    try:
        assert sock.proto == socket.IPPROTO_TCP, "protocol 0 leaves Nagle on for every connection (asyncio)"
        assert sock.getsockname()[1] == port and sock.get_inheritable()
    finally:
        sock.close()


def test_the_server_reads_http_and_runs_its_loop_in_compiled_code() -> None:
    """httptools and uvloop come with cooptrack: Uvicorn's defaults pick them, for a worker's HTTP
    parsing and its event loop (not the pure-Python h11 and asyncio's own loop)."""
    import uvloop
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    from cooptrack.cli.web import uvicorn_options
    from cooptrack.serve.workers import APP, TcpConfig

    config = TcpConfig(APP, factory=True, **uvicorn_options("127.0.0.1", 8124, 2))
    assert config.http in ("auto", "httptools") and config.loop in ("auto", "uvloop")
    assert AutoHTTPProtocol is HttpToolsProtocol
    factory = config.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()


def test_each_worker_is_made_from_the_same_settings(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = WebSettings(read_requires_login=True, allowed_hosts=("example.org",), anonymous_per_minute=0)
    for name, value in serve_environment(str(store.engine.url), settings).items():
        monkeypatch.setenv(name, value)
    app = app_from_env()
    assert app.state.web.settings == settings
    assert app.state.web.store.engine.url == store.engine.url


def test_a_status_or_a_decision_keeps_the_meetings_an_ingest_reads_them_again(
    store: Store, make_release: Callable[..., Any]
) -> None:
    c = client(store)
    web = c.app.state.web  # type: ignore[attr-defined]
    first = web.snapshot()
    meetings = first.meetings
    key = next(iter(first.measures))
    store.record_event(key, TrackingStatus.IN_PROGRESS, by="a test")
    after_status = web.snapshot()
    assert after_status is not first, "a new view: the statuses changed"
    assert after_status.meetings is meetings, "the same meetings: none was read again"
    assert after_status.tracking.status(key) == TrackingStatus.IN_PROGRESS
    store.ingest(*make_release(ordinal=4, year=2025, uri="https://example.org/anhui-4"))
    after_ingest = web.snapshot()
    assert after_ingest.meetings is not meetings and len(after_ingest.meetings) == len(meetings) + 1
