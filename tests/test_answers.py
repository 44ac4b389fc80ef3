"""Anonymous answers kept whole (issue 14, item 1): the next anonymous reader of the same page, in
the same language, while the store is unchanged, is sent the bytes the last one was, with their own
CSRF token in place of the other's; nothing is drawn for them. A signed-in reader, a first visit (no
CSRF cookie yet), a token the site did not make, another language, a write: drawn again. The kept
answers stay within their bound in bytes.

In process (ASGI client) on a store of SYNTHETIC releases (``make_release``, written here).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cooptrack.serve import pages
from cooptrack.serve.answers import LARGEST, ONE_WRITE, PLACEHOLDER, Answers, reader_token
from cooptrack.serve.app import Web, WebSettings
from cooptrack.serve.auth import CSRF_COOKIE
from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole
from cooptrack.vocab import TrackingStatus
from webtools import ADMIN, EDITOR, add_accounts, client, csrf_of, sign_in


@pytest.fixture
def store(tmp_path: Path, make_release: Callable[..., Any]) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'answers.db'}") as opened:
        for ordinal, year in ((1, 2019), (2, 2022)):
            opened.ingest(*make_release(ordinal=ordinal, year=year, uri=f"https://example.org/jiangxi-{ordinal}"))
        add_accounts(opened)
        yield opened


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages drawn, counted where every page is drawn (``pages.render``)."""
    calls: list[str] = []
    real = pages.render

    def counted(request: Any, template: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(template)
        return real(request, template, *args, **kwargs)

    monkeypatch.setattr(pages, "render", counted)
    return calls


def visitor(c: TestClient) -> TestClient:
    """Another browser on the same server, after its first visit (which sets its CSRF cookie)."""
    other = TestClient(c.app, base_url="http://localhost", follow_redirects=False)
    assert CSRF_COOKIE in other.get("/").headers.get("set-cookie", "")
    return other


def kept(c: TestClient) -> Answers:
    web: Web = c.app.state.web  # type: ignore[attr-defined]
    return web.answers


def test_the_next_anonymous_reader_is_sent_the_kept_answer_with_their_own_token(store: Store, drawn: list[str]) -> None:
    first = visitor(client(store))
    second = visitor(first)
    before, hits = len(drawn), kept(first).hits
    mine = first.get("/meetings")  # drawn, and kept
    theirs = second.get("/meetings")  # sent as kept
    assert mine.status_code == theirs.status_code == 200
    assert len(drawn) == before + 1, "drawn once for both readers"
    my_token, their_token = first.cookies[CSRF_COOKIE], second.cookies[CSRF_COOKIE]
    assert my_token != their_token
    assert csrf_of(mine.text) == my_token and csrf_of(theirs.text) == their_token
    assert my_token not in theirs.text and PLACEHOLDER.decode() not in theirs.text
    assert theirs.text.replace(their_token, my_token) == mine.text, "otherwise the same bytes"
    assert theirs.headers["content-length"] == mine.headers["content-length"]
    assert theirs.headers["etag"] != mine.headers["etag"], "each reader's tag names their cookies"
    assert theirs.headers["content-security-policy"] == mine.headers["content-security-policy"]
    assert second.get("/meetings", headers={"If-None-Match": theirs.headers["etag"]}).status_code == 304
    assert kept(first).hits == hits + 1


def test_a_signed_in_reader_is_never_sent_an_anonymous_kept_answer_nor_is_theirs_sent_to_anyone(
    store: Store, drawn: list[str]
) -> None:
    reader = visitor(client(store))
    editor = visitor(reader)
    sign_in(editor)
    assert "Signed in as" not in reader.get("/").text
    hits = kept(reader).hits
    before = len(drawn)
    page = editor.get("/")
    assert "Signed in as" in page.text and len(drawn) == before + 1, "drawn for them"
    assert kept(reader).hits == hits
    assert "Signed in as" not in visitor(reader).get("/").text
    assert "Signed in as" not in reader.get("/").text


def test_the_same_account_is_sent_its_kept_answer_with_its_own_sessions_token(store: Store, drawn: list[str]) -> None:
    first = visitor(client(store))
    second = visitor(first)
    sign_in(first)
    sign_in(second)
    page = first.get("/tracker")
    before, hits = len(drawn), kept(first).hits
    again = first.get("/tracker")
    other_session = second.get("/tracker")
    assert len(drawn) == before and kept(first).hits == hits + 2, "sent as kept, not drawn"
    assert again.text == page.text
    mine, theirs = csrf_of(page.text), csrf_of(other_session.text)
    assert mine != theirs and other_session.text == page.text.replace(mine, theirs), "each session's own token"
    for answer in (again, other_session):
        assert answer.headers["cache-control"] == "no-store" and "etag" not in answer.headers
        assert "set-cookie" not in answer.headers
    language = second.post("/language", data={"csrf_token": theirs, "language": "en", "next": "/"})
    assert language.status_code == 303, "the token put back is the session's own (its forms are accepted)"


def test_another_account_or_a_changed_role_or_an_ended_session_is_drawn_afresh(store: Store, drawn: list[str]) -> None:
    editor = visitor(client(store))
    admin = visitor(editor)
    sign_in(editor)
    sign_in(admin, name=ADMIN)
    editor.get("/tracker")
    before = len(drawn)
    page = admin.get("/tracker")
    assert len(drawn) == before + 1 and f"<strong>{ADMIN}</strong>" in page.text and EDITOR not in page.text
    store.set_role(EDITOR, AccountRole.READER)  # (no write the store's stamp sees)
    page = editor.get("/tracker")
    assert len(drawn) == before + 2, "the role read now is in the key"
    assert "(reader)" in page.text and "to record progress." in page.text, "a reader is told to sign in to record"
    store.end_sessions(EDITOR)
    page = editor.get("/tracker")
    assert "Signed in as" not in page.text, "an ended session is not sent its kept pages"


def test_a_first_visit_is_sent_the_kept_answer_with_a_new_token_and_its_cookie(store: Store, drawn: list[str]) -> None:
    reader = visitor(client(store))
    mine = reader.get("/meetings")
    before, hits = len(drawn), kept(reader).hits
    newcomers = [TestClient(reader.app, base_url="http://localhost", follow_redirects=False) for _ in range(2)]
    pages_ = [n.get("/meetings") for n in newcomers]
    assert len(drawn) == before and kept(reader).hits == hits + 2, "sent as kept"
    tokens = [n.cookies[CSRF_COOKIE] for n in newcomers]
    assert len(set(tokens)) == 2 and reader.cookies[CSRF_COOKIE] not in tokens
    for page, token in zip(pages_, tokens, strict=True):
        assert csrf_of(page.text) == token and page.text.replace(token, reader.cookies[CSRF_COOKIE]) == mine.text
        assert "etag" not in page.headers and page.headers["cache-control"] == "no-store", "it sets a cookie"
        assert "httponly" in page.headers["set-cookie"].lower() and "samesite=lax" in page.headers["set-cookie"].lower()
    language = newcomers[0].post("/language", data={"csrf_token": tokens[0], "language": "zh-Hant", "next": "/"})
    assert language.status_code == 303, "the new token is the browser's own"


def test_a_first_visit_drawn_is_kept_for_the_next_reader(store: Store, drawn: list[str]) -> None:
    newcomer = client(store)
    first = newcomer.get("/tracker")  # nothing kept yet: drawn, with a new token and its cookie
    token = newcomer.cookies[CSRF_COOKIE]
    assert csrf_of(first.text) == token and len(drawn) == 1 and kept(newcomer).kept == 1
    reader = TestClient(newcomer.app, base_url="http://localhost", follow_redirects=False)
    reader.cookies.set(CSRF_COOKIE, "R" * 32)
    again = reader.get("/tracker")
    assert len(drawn) == 1 and again.text == first.text.replace(token, "R" * 32)
    assert again.headers["cache-control"] == "private, no-cache" and "Cookie" in again.headers["vary"]
    assert "set-cookie" not in again.headers and "etag" in again.headers
    script = TestClient(newcomer.app, base_url="http://localhost", follow_redirects=False)
    answer = script.get("/api/measures")  # a script keeps no cookie: its answers are kept too
    assert script.get("/api/measures").json() == answer.json() and kept(newcomer).hits == 2


def test_a_token_the_site_did_not_make_is_drawn_and_not_kept(store: Store, drawn: list[str]) -> None:
    reader = visitor(client(store))
    reader.get("/meetings")
    before, hits = len(drawn), kept(reader).hits
    forged = TestClient(reader.app, base_url="http://localhost", follow_redirects=False)
    forged.cookies.set(CSRF_COOKIE, "short")
    assert csrf_of(forged.get("/meetings").text) == "short" and len(drawn) == before + 1
    assert csrf_of(forged.get("/meetings").text) == "short" and len(drawn) == before + 2
    assert kept(reader).hits == hits


def test_a_write_or_another_language_draws_the_page_again(store: Store, drawn: list[str]) -> None:
    reader = visitor(client(store))
    other = visitor(reader)
    reader.get("/tracker")
    before = len(drawn)
    other.cookies.set("ct_lang", "zh-Hant")
    chinese = other.get("/tracker")
    assert len(drawn) == before + 1 and 'lang="zh-Hant"' in chinese.text
    key = reader.get("/api/measures").json()["data"][0]["key"]
    store.record_event(key, TrackingStatus.IMPLEMENTED, by="a test")  # as another process would
    other.cookies.set("ct_lang", "en")
    after = other.get("/tracker")
    assert len(drawn) == before + 2 and "Implemented" in after.text


def test_api_answers_and_head_requests_are_sent_as_kept(store: Store) -> None:
    reader = visitor(client(store))
    other = visitor(reader)
    hits = kept(reader).hits
    first = reader.get("/api/meetings")
    again = other.get("/api/meetings")
    assert kept(reader).hits == hits + 1 and again.json() == first.json()
    reader.get("/meetings")
    head = other.head("/meetings")
    assert head.status_code == 200 and head.content == b"" and kept(reader).hits == hits + 2
    assert int(head.headers["content-length"]) == len(reader.get("/meetings").content)


def test_the_kept_answers_stay_within_their_bytes(store: Store) -> None:
    limit_mib = 0.01  # 10 kB: room for any one of these pages, not for all
    reader = visitor(client(store, WebSettings(answers_mib=limit_mib)))
    paths = ["/", "/meetings", "/tracker", "/people", "/mechanisms", "/api/meetings", "/api/measures"]
    sizes = [len(reader.get(p).content) for p in paths]
    answers = kept(reader)
    assert answers.kept == len(paths), "each was kept"
    assert answers.size <= limit_mib * 1024 * 1024 < sum(sizes)
    assert 0 < len(answers) < len(paths), "the oldest let go"
    nothing = visitor(client(store, WebSettings(answers_mib=0)))
    nothing.get("/meetings")
    assert kept(nothing).kept == 0


def test_a_kept_answer_is_logged_as_such(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    reader = visitor(client(store))
    other = visitor(reader)
    reader.get("/meetings")
    with caplog.at_level(logging.INFO, logger="cooptrack.access"):
        other.get("/meetings")
    entry = json.loads(caplog.records[-1].getMessage())
    assert entry["status"] == 200 and entry["kept"] is True and entry["path"] == "/meetings"
    assert entry["bytes"] == len(reader.get("/meetings").content)


def test_answers_keep_none_too_large_and_let_an_earlier_state_go() -> None:
    answers = Answers(limit=10 * LARGEST)
    token = b"A" * 32
    assert not answers.keep((1,), ("big",), 200, [], b"x" * (LARGEST + 1), token)
    assert answers.keep((1,), ("page",), 200, [], b"<p>" + token + b"</p>", token)
    found = answers.get((1,), ("page",), None)
    assert found is not None and b"".join(found.pieces(b"B" * 32)) == b"<p>" + b"B" * 32 + b"</p>"
    assert answers.keep((2,), ("other",), 200, [], b"<p>later</p>", token)
    assert answers.get((1,), ("page",), None) is None and len(answers) == 1 and answers.size == len(b"<p>later</p>")
    assert reader_token("A" * 32) == token and reader_token("A" * 31) is None and reader_token(None) is None
    assert reader_token("é" * 32) is None


def test_a_large_kept_body_is_sent_in_two_pieces_the_tail_as_kept_with_every_token_the_readers() -> None:
    answers = Answers(limit=LARGEST)
    token, mine = b"A" * 32, b"B" * 32
    body = b"<form>" + token + b"</form><form>" + token + b"</form>" + b"<p>the page</p>" * 5000
    assert len(body) > ONE_WRITE
    assert answers.keep((1,), ("page",), 200, [], body, token)
    found = answers.get((1,), ("page",), None)
    assert found is not None
    head, tail = found.pieces(mine)
    assert head == b"<form>" + mine + b"</form><form>" + mine and head + tail == body.replace(token, mine)
    assert tail is found.pieces(b"C" * 32)[1]  # the same bytes for every reader: not copied
    assert answers.keep((1,), ("plain",), 200, [], b"<p>no form</p>", token)
    plain = answers.get((1,), ("plain",), None)
    assert plain is not None and plain.pieces(mine) == (b"<p>no form</p>",)


def test_a_small_kept_body_is_sent_in_one_piece_with_the_readers_token() -> None:
    answers = Answers(limit=LARGEST)
    token, mine = b"A" * 32, b"B" * 32
    body = b"<form>" + token + b"</form>" + b"<p>the page</p>" * 100 + b"<form>" + token + b"</form><p>end</p>"
    assert answers.keep((1,), ("page",), 200, [], body, token)
    found = answers.get((1,), ("page",), None)
    assert found is not None and found.pieces(mine) == (body.replace(token, mine),)
    edge = b"<form>" + token + b"</form>" + b"x" * (ONE_WRITE - len(b"</form>"))  # a tail of ONE_WRITE bytes
    assert answers.keep((1,), ("edge",), 200, [], edge, token)
    found = answers.get((1,), ("edge",), None)
    assert found is not None and found.pieces(mine) == (edge.replace(token, mine),)
    assert answers.keep((1,), ("over",), 200, [], edge + b"y", token)
    found = answers.get((1,), ("over",), None)
    assert found is not None and len(found.pieces(mine)) == 2


def test_readers_asking_at_once_wait_for_the_one_drawing() -> None:
    answers = Answers(limit=LARGEST)
    drawings: list[int] = []
    released = asyncio.Event()

    async def reader(n: int) -> bytes:
        found = answers.get((1,), ("page",), None)
        if found is None:
            async with answers.drawing((1,), ("page",)) as first:
                found = None if first else answers.get((1,), ("page",), None)
                if found is None:
                    drawings.append(n)
                    await released.wait()
                    answers.keep((1,), ("page",), 200, [], b"<p>drawn</p>", None)
                    return b"<p>drawn</p>"
        return b"".join(found.pieces(b""))

    async def run() -> list[bytes]:
        tasks = [asyncio.create_task(reader(n)) for n in range(5)]
        for _ in range(3):  # each reader runs until it waits (the first draws, the others wait for it)
            await asyncio.sleep(0)
        assert drawings == [0]
        released.set()
        return await asyncio.gather(*tasks)

    assert asyncio.run(run()) == [b"<p>drawn</p>"] * 5
    assert drawings == [0] and answers.hits == 4, "one drawing for five readers"


def test_a_reader_on_another_event_loop_draws_rather_than_wait_across_loops() -> None:
    """(A test client runs each request on an event loop of its own thread.)"""
    answers = Answers(limit=LARGEST)
    seen: list[bool] = []

    async def other_loop() -> None:
        async with answers.drawing((1,), ("page",)) as first:
            seen.append(first)

    async def run() -> None:
        async with answers.drawing((1,), ("page",)) as first:
            seen.append(first)
            worker = threading.Thread(target=lambda: asyncio.run(other_loop()))
            worker.start()
            worker.join()

    asyncio.run(run())
    assert seen == [True, True]


def test_a_kept_answer_is_sent_only_with_a_token_as_long_as_the_one_it_was_drawn_with() -> None:
    answers = Answers(limit=LARGEST)
    session_token = b"S" * 43  # a session's form token (longer than an anonymous reader's)
    assert answers.keep(
        (1,), ("page",), 200, [(b"content-length", b"60")], b"<form>" + session_token + b"</form>", session_token
    )
    assert answers.get((1,), ("page",), b"T" * 43) is not None and answers.get((1,), ("page",), None) is not None
    assert answers.hits == 2
    assert answers.get((1,), ("page",), b"T" * 32) is None, "its Content-Length would be wrong: drawn for them instead"
    assert answers.hits == 2, "not sent: no hit"
    assert answers.keep((1,), ("plain",), 200, [], b"<p>no form</p>", session_token)
    assert answers.get((1,), ("plain",), b"T" * 32) is not None, "no token in it: any reader's"
