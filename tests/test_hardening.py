"""The security review's findings, each closed by a test that fails on the old server: API docs
served from the app under the one CSP, the headers of every answer, HEAD, the sign-in redirect's
query, hosts and absolute links, proxy headers, the bearer scheme in OpenAPI, the access log, no
Server banner, and the budget of anonymous expensive requests. In process (ASGI client) on a
store of one synthetic release, except the banner check, which runs Uvicorn on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from cooptrack.cli.web import uvicorn_options
from cooptrack.serve.app import WebSettings, create_app
from cooptrack.serve.auth import make_token
from cooptrack.store import Store
from cooptrack.views import brief
from webtools import ADMIN, EDITOR, add_accounts, client, sign_in


@pytest.fixture
def store(tmp_path: Path, make_release: Callable[..., Any]) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'hard.db'}") as opened:
        opened.ingest(*make_release())
        add_accounts(opened)
        yield opened


PAGES = ["/", "/tracker", "/search?q=trade", "/login", "/api/meetings", "/api/docs", "/api/openapi.json",
         "/static/style.css", "/api/docs/assets/swagger-ui.css", "/feed.atom", "/nowhere"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_has_the_one_csp_and_the_isolation_headers(store: Store, path: str) -> None:
    response = client(store).get(path)
    csp = response.headers["content-security-policy"]
    assert csp == client(store).get("/").headers["content-security-policy"], "the same policy everywhere"
    for directive in ("default-src 'self'", "script-src 'self'", "base-uri 'none'", "form-action 'self'",
                      "frame-ancestors 'none'", "object-src 'none'"):  # fmt: skip
        assert directive in csp
    assert "camera=()" in response.headers["permissions-policy"]
    assert response.headers["cross-origin-opener-policy"] == "same-origin"
    assert "strict-transport-security" not in response.headers, "not unless configured, and only over HTTPS"
    assert "server" not in response.headers


def test_the_api_docs_are_served_by_the_app_itself_with_no_other_origin(store: Store) -> None:
    c = client(store)
    page = c.get("/api/docs").text
    assert "http://" not in page and "https://" not in page and "<script>" not in page, "no CDN, no inline script"
    for asset in ("/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css", "/static/api-docs.js"):
        assert asset in page
        response = c.get(asset)
        assert response.status_code == 200 and len(response.content) > 50, asset
    assert "SwaggerUIBundle" in c.get("/static/api-docs.js").text


def test_hsts_is_sent_over_https_when_configured(store: Store) -> None:
    settings = WebSettings(hsts_seconds=31536000, trusted_proxies=("testclient",))
    c = client(store, settings)
    assert c.get("/", headers={"X-Forwarded-Proto": "https"}).headers["strict-transport-security"] == (
        "max-age=31536000; includeSubDomains"
    )
    assert "strict-transport-security" not in c.get("/").headers


def test_signed_in_answers_are_never_stored_by_a_cache(store: Store) -> None:
    anonymous = client(store)
    assert anonymous.get("/").headers["cache-control"] == "no-store", "it sets the CSRF cookie"
    kept = anonymous.get("/tracker").headers
    assert kept["cache-control"] == "private, no-cache" and "etag" in kept, "anonymous, no cookie set: may be kept"
    c = client(store)
    sign_in(c)
    for path in ("/", "/tracker", "/account", "/api/me", "/download/measures.csv"):
        assert c.get(path).headers["cache-control"] == "no-store", path
    token = make_token(store, EDITOR, "script").secret
    assert anonymous.get("/api/me", headers={"Authorization": f"Bearer {token}"}).headers["cache-control"] == (
        "no-store"
    )
    assert anonymous.get("/login").headers["cache-control"] == "no-store", "it sets the CSRF cookie"


@pytest.mark.parametrize("path", ["/", "/tracker", "/api/meetings", "/api/docs", "/download/measures.csv",
                                  "/feed.atom", "/static/style.css", "/login"])  # fmt: skip
def test_head_is_answered_wherever_get_is(store: Store, path: str) -> None:
    c = client(store)
    got, head = c.get(path), c.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_the_sign_in_redirect_keeps_the_query_string(store: Store) -> None:
    c = client(store, WebSettings(read_requires_login=True))
    response = c.get("/tracker?partner=Anhui&status=agreed")
    assert response.headers["location"] == "/login?next=%2Ftracker%3Fpartner%3DAnhui%26status%3Dagreed"
    login = c.get(response.headers["location"]).text
    assert 'name="next" value="/tracker?partner=Anhui&amp;status=agreed"' in login
    sign_in(c, next_page="/tracker?partner=Anhui&status=agreed")


def test_a_request_for_a_host_not_allowed_is_refused(store: Store) -> None:
    c = client(store)
    for path in ("/api/meetings", "/"):
        response = c.get(path, headers={"Host": "evil.example"})
        assert response.status_code == 400 and "evil.example" in response.text
    assert c.get("/api/meetings").status_code == 200
    allowed = client(store, WebSettings(allowed_hosts=("cooptrack.office.lan",)))
    assert allowed.get("/api/meetings", headers={"Host": "cooptrack.office.lan:8000"}).status_code == 200


def test_absolute_links_come_from_the_base_url_never_from_the_host_header(store: Store) -> None:
    settings = WebSettings(base_url="https://cooptrack.example.org/", allowed_hosts=("localhost", "intranet"))
    c = client(store, settings)
    body = c.get("/api/meetings?per_page=1", headers={"Host": "intranet"}).json()
    assert body["links"]["self"] == "https://cooptrack.example.org/api/meetings?per_page=1"
    assert all(v is None or v.startswith("https://cooptrack.example.org/api/meetings?") for v in body["links"].values())
    feed = c.get("/feed.atom", headers={"Host": "intranet"}).text
    assert "<id>https://cooptrack.example.org/feed.atom</id>" in feed and "intranet" not in feed
    assert c.get("/api/meetings", headers={"Host": "evil.example"}).status_code == 400


def test_the_openapi_document_declares_the_bearer_token_scheme(store: Store) -> None:
    doc = client(store).get("/api/openapi.json").json()
    scheme = doc["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    post = doc["paths"]["/api/measures/{key}/events"]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    assert doc["paths"]["/api/meetings"]["get"]["security"] == [{}, {"bearerAuth": []}]


def test_each_request_is_one_json_line_in_the_access_log(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    c = client(store)
    sign_in(c, ADMIN)
    with caplog.at_level(logging.INFO, logger="cooptrack.access"):
        c.get("/api/users?page=1")
        c.get("/nowhere")
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "cooptrack.access"]
    first, second = lines
    assert (first["user"], first["via"], first["method"], first["path"], first["query"], first["status"]) == (
        ADMIN, "session", "GET", "/api/users", "page=1", 200,
    )  # fmt: skip
    assert second["status"] == 404 and second["user"] == ADMIN
    assert all(isinstance(line["ms"], float) and line["time"].endswith("+00:00") for line in lines)
    assert first["request"] != second["request"] and len(first["request"]) == len(second["request"]) == 16
    assert first["request"][:8] == second["request"][:8]  # the process's part, then its count
    assert "ct_session" not in caplog.text and "password" not in caplog.text


def test_uvicorn_runs_without_a_server_banner_or_proxy_headers_of_its_own(store: Store) -> None:
    options = uvicorn_options("127.0.0.1", _free_port())
    assert options["proxy_headers"] is False and options["server_header"] is False
    server = uvicorn.Server(uvicorn.Config(create_app(store), **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):  # wait for the socket (at most 10 s), not a timing assertion
            if server.started:
                break
            time.sleep(0.05)
        with urllib.request.urlopen(f"http://127.0.0.1:{options['port']}/api/overview", timeout=10) as answer:
            assert answer.status == 200
            assert answer.headers.get("server") is None
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_anonymous_expensive_requests_are_rate_limited_per_address(store: Store) -> None:
    c = client(store, WebSettings(anonymous_per_minute=3))
    answers = [c.get(f"/download/measures.csv?q={word}").status_code for word in ("trade", "port", "youth")]
    blocked = c.get("/api/search?q=trade")
    assert answers == [200, 200, 200] and blocked.status_code == 429
    assert c.get("/download/measures.csv?q=port").status_code == 200, "an answer sent as kept costs nothing"
    assert int(blocked.headers["retry-after"]) > 0 and blocked.json()["error"]["code"] == "too_many_requests"
    assert c.get("/api/meetings").status_code == 200, "cheap reads are not counted"
    signed = client(store, WebSettings(anonymous_per_minute=3))
    sign_in(signed)
    assert {signed.get("/download/measures.csv").status_code for _ in range(5)} == {200}, "signed-in callers are not"


def test_a_briefing_is_computed_once_until_the_store_changes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real = brief.build

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(str(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(brief, "build", counting)
    c = client(store)
    slug = c.get("/api/mechanisms").json()["data"][0]["slug"]
    for _ in range(3):
        assert c.get(f"/mechanisms/{slug}/brief.md").status_code == 200
    assert len(built) == 1


def test_the_settings_are_read_from_the_environment_when_the_server_starts() -> None:
    env = {"COOPTRACK_BASE_URL": "https://cooptrack.office.lan/", "COOPTRACK_ALLOWED_HOSTS": "intranet, cooptrack",
           "COOPTRACK_TRUSTED_PROXIES": "10.0.0.1,192.168.0.0/16", "COOPTRACK_HSTS_SECONDS": "600"}  # fmt: skip
    settings = WebSettings.from_env(env)
    assert settings.base_url == "https://cooptrack.office.lan/" and settings.hsts_seconds == 600
    assert settings.trusted_proxies == ("10.0.0.1", "192.168.0.0/16")
    assert {"intranet", "cooptrack", "localhost", "cooptrack.office.lan"} <= settings.hosts()
    assert WebSettings.from_env({}).hosts() == {"localhost", "127.0.0.1", "[::1]"}
