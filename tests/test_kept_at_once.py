"""An anonymous reader's kept answer sent before the layers (``middleware.send_kept_at_once``, issue 14):
the very answer the layers send (status, every header, the bytes, the access-log line), and only
where nothing is in doubt; everything else goes through the layers as before.

In process (ASGI client) on a store of SYNTHETIC releases (``make_release``, written here).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cooptrack.serve import app as app_module
from cooptrack.serve.app import App, WebSettings
from cooptrack.serve.auth import CSRF_COOKIE
from cooptrack.serve.i18n import COOKIE as LANGUAGE_COOKIE
from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole
from cooptrack.vocab import TrackingStatus
from webtools import add_accounts, client, sign_in

PROXY = WebSettings(trusted_proxies=("testclient",), hsts_seconds=600)
PAGES = ("/", "/meetings", "/meetings/anhui-plenary-2", "/tracker", "/api/meetings", "/meetings?partner=Anhui")


@pytest.fixture
def store(db_url: str, make_release: Callable[..., Any]) -> Iterator[Store]:
    """SQLite, whose stamp is known without a query while nothing is committed, and PostgreSQL, where
    it is read (after the request arrived) before the layers and handed to them if not answered."""
    with Store(db_url) as opened:
        for ordinal, year in ((1, 2019), (2, 2022)):
            opened.ingest(*make_release(ordinal=ordinal, year=year, uri=f"https://example.org/jiangxi-{ordinal}"))
        add_accounts(opened)
        yield opened


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each request was answered before the layers."""
    seen: list[bool] = []
    real = app_module.send_kept_at_once

    async def counted(*args: Any) -> bool:
        seen.append(await real(*args))
        return seen[-1]

    monkeypatch.setattr(app_module, "send_kept_at_once", counted)
    return seen


def browser(store: Store, settings: WebSettings | None = None) -> TestClient:
    """A browser after its first visit (its CSRF cookie set), and another's visit to every page (kept)."""
    first = client(store, settings)
    assert CSRF_COOKIE in first.get("/").headers["set-cookie"]
    other = TestClient(first.app, base_url="http://localhost", follow_redirects=False)
    for page in PAGES:
        other.get(page)
    return first


def layers_only(c: TestClient, only: bool = True) -> None:
    """Turn the answers at once off (``only``), or on again (as ``create_app`` does)."""
    app: App = c.app  # type: ignore[assignment]
    settings = app.state.web.settings
    app.kept_at_once = None if only else app_module.TrustedProxies(app, settings.trusted_proxies).apply


def log_entry(caplog: pytest.LogCaptureFixture) -> dict[str, Any]:
    entry: dict[str, Any] = json.loads(caplog.records[-1].getMessage())
    for varies in ("time", "ms", "request"):
        assert entry.pop(varies) is not None
    return entry


@pytest.mark.parametrize("settings", [None, PROXY], ids=["direct", "behind a proxy"])
def test_the_answer_sent_at_once_is_the_layers_own(
    store: Store, settings: WebSettings | None, answered: list[bool], caplog: pytest.LogCaptureFixture
) -> None:
    reader = browser(store, settings)
    headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"} if settings else {}
    for page in PAGES:
        for language in ("en", "zh-Hant"):
            reader.cookies.set(LANGUAGE_COOKIE, language)
            for _ in range(2):  # kept for this language (and the stamp known again after what drawing it wrote)
                reader.get(page, headers=headers)
            with caplog.at_level(logging.INFO, logger="cooptrack.access"):
                answered.clear()
                at_once = reader.get(page, headers=headers)
                assert answered == [True], f"{page} ({language}) was not answered at once"
                at_once_log = log_entry(caplog)
                layers_only(reader)
                answered.clear()
                layered = reader.get(page, headers=headers)
                assert answered == [], "with it off, nothing is tried before the layers"
                layered_log = log_entry(caplog)
            layers_only(reader, False)
            assert at_once.status_code == layered.status_code == 200
            assert at_once.headers.multi_items() == layered.headers.multi_items(), page
            assert at_once.content == layered.content, page
            assert at_once_log == layered_log and at_once_log["kept"] is True
            if settings:
                assert at_once_log["remote"] == "203.0.113.9" and "strict-transport-security" in at_once.headers
            tag = at_once.headers["etag"]
            answered.clear()
            again = reader.get(page, headers={**headers, "If-None-Match": tag})
            assert answered == [True] and again.status_code == 304 and again.headers["etag"] == tag
            layers_only(reader)
            layered_again = reader.get(page, headers={**headers, "If-None-Match": tag})
            layers_only(reader, False)
            assert again.headers.multi_items() == layered_again.headers.multi_items() and layered_again.content == b""


def test_what_is_in_doubt_goes_through_the_layers(store: Store, answered: list[bool]) -> None:
    reader = browser(store)
    reader.get("/meetings")
    answered.clear()
    assert reader.head("/meetings").status_code == 200  # HEAD
    assert reader.get("/meetings", headers={"Host": "evil.example"}).status_code == 400  # a host not answered
    newcomer = TestClient(reader.app, base_url="http://localhost", follow_redirects=False)
    assert CSRF_COOKIE in newcomer.get("/meetings").headers["set-cookie"]  # a first visit: given its token
    stranger = TestClient(reader.app, base_url="http://localhost", follow_redirects=False, cookies={CSRF_COOKIE: "x"})
    assert stranger.get("/meetings").status_code == 200  # a token the site did not make
    assert reader.get("/static/style.css").status_code == 200  # untagged
    assert answered == [False] * 5
    editor = browser(store)
    sign_in(editor)
    answered.clear()
    assert "Signed in as" in editor.get("/meetings").text
    assert answered == [False], "signed in: their own answers, through the layers"
    with Store(store.url) as other:  # a write (another process's) that leaves the stamp as it was
        other.add_user("newcomer", AccountRole.READER, "not a hash: never signs in")
    answered.clear()
    assert reader.get("/meetings").status_code == 200 and reader.get("/meetings").status_code == 200
    assert answered == [True, True], "the stamp read again before the layers: the same, its kept answer"
    key = reader.get("/api/measures").json()["data"][0]["key"]
    with Store(store.url) as other:  # a write that moves it: nothing kept for the new stamp
        other.record_event(key, TrackingStatus.IN_PROGRESS, by="a test")
    reads = reader.app.state.web.stamps.reads  # type: ignore[attr-defined]
    answered.clear()
    assert reader.get("/meetings").status_code == 200
    assert answered == [False], "drawn by the layers"
    assert reader.app.state.web.stamps.reads == reads + 1, "the stamp read once: before the layers, handed to them"  # type: ignore[attr-defined]
    assert reader.get("/meetings").status_code == 200 and answered == [False, True], "then kept"
    answered.clear()
    private = client(store, WebSettings(read_requires_login=True))
    assert private.get("/meetings").status_code in (302, 303, 401)
    assert answered == [False], "reading needs signing in: the layers send them to sign in"
