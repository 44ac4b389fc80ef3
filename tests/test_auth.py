"""Access: open reading (or sign-in required), writing with an account, cookies, CSRF, tokens,
and the limit on sign-in attempts. In process, through an ASGI client; the store holds the
real corpus (read in place) and accounts made here with invented passwords.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cooptrack.serve.app import WebSettings
from cooptrack.serve.auth import LoginLimiter, check_password, digest, hash_password, make_token
from cooptrack.store import Store
from webtools import ADMIN, EDITOR, PASSWORD, add_accounts, client, csrf_of, ingest_corpus, sign_in


@pytest.fixture
def store(tmp_path: Path, corpus: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'web.db'}") as opened:
        ingest_corpus(opened, corpus)
        add_accounts(opened)
        yield opened


@pytest.fixture
def measure_key(store: Store) -> str:
    return store.all_meetings()[0].measures[0].key


def _event(status: str = "implemented") -> dict[str, str]:
    return {"status": status, "note": "seen in a report", "evidence_url": "https://example.org/report"}


def test_passwords_are_stored_as_argon2_hashes_that_check(store: Store) -> None:
    user = store.user(EDITOR)
    assert user is not None and user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert check_password(user.password_hash, PASSWORD)
    assert not check_password(user.password_hash, PASSWORD + "!")
    assert not check_password("not a hash", PASSWORD)


def test_signing_in_sets_an_http_only_same_site_session_cookie(store: Store) -> None:
    c = client(store)
    token = csrf_of(c.get("/login").text)
    response = c.post("/login", data={"name": EDITOR, "password": PASSWORD, "csrf_token": token, "next": "/tracker"})
    assert response.status_code == 303 and response.headers["location"] == "/tracker"
    cookie = response.headers["set-cookie"]
    assert "ct_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie, "plain HTTP on loopback: a Secure cookie would never come back"
    assert c.get("/api/me").json()["data"] == {"user": EDITOR, "role": "editor", "via": "session", "can_write": True}


@pytest.mark.parametrize(
    ("headers", "settings"),
    [({"X-Forwarded-Proto": "https"}, WebSettings()), ({}, WebSettings(secure_cookies=True))],
    ids=["behind-an-https-proxy", "forced-by-settings"],
)
def test_the_session_cookie_is_secure_behind_https(
    store: Store, headers: dict[str, str], settings: WebSettings
) -> None:
    c = client(store, settings)
    page = c.get("/login", headers=headers)
    assert "Secure" in page.headers["set-cookie"], "the CSRF cookie too"
    token = csrf_of(page.text)
    c.cookies.set("ct_csrf", token)  # a browser on HTTPS sends the Secure cookie back; this client is on HTTP
    form = {"name": EDITOR, "password": PASSWORD, "csrf_token": token}
    response = c.post("/login", data=form, headers=headers)
    assert response.status_code == 303
    assert "Secure" in response.headers["set-cookie"]


def test_the_session_cookie_is_not_stored_only_its_hash(store: Store) -> None:
    c = client(store)
    sign_in(c)
    secret = c.cookies["ct_session"]
    assert store.session_for(digest(secret)) is not None
    assert store.session_for(secret) is None


def test_a_form_without_its_csrf_token_is_refused(store: Store, measure_key: str) -> None:
    c = client(store)
    c.get("/login")
    response = c.post("/login", data={"name": EDITOR, "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403 and "expired" in response.text
    sign_in(c)
    response = c.post(f"/measures/{measure_key}/events", data={**_event(), "csrf_token": "forged"})
    assert response.status_code == 403
    assert store.tracking().history(measure_key) == []


def test_an_editor_records_a_status_through_the_form(store: Store, measure_key: str) -> None:
    c = client(store)
    sign_in(c)
    token = csrf_of(c.get(f"/measures/{measure_key}").text)
    response = c.post(f"/measures/{measure_key}/events", data={**_event(), "csrf_token": token})
    assert response.status_code == 303 and response.headers["location"].endswith("#history")
    [(event, _)] = store.tracking().history(measure_key)
    assert (event.status, event.made_by, event.evidence_url) == ("implemented", EDITOR, "https://example.org/report")


def test_anonymous_users_cannot_change_anything(store: Store, measure_key: str) -> None:
    c = client(store)
    page = c.get(f"/measures/{measure_key}").text
    assert 'action="/measures/' not in page and "Sign in" in page
    token = csrf_of(c.get("/login").text)
    assert c.post(f"/measures/{measure_key}/events", data={**_event(), "csrf_token": token}).status_code == 401
    api = c.post(f"/api/measures/{measure_key}/events", json=_event())
    assert api.status_code == 401 and api.json()["error"]["code"] == "unauthorized"
    assert store.tracking().history(measure_key) == []


def test_a_session_writing_through_the_api_must_send_the_csrf_header(store: Store, measure_key: str) -> None:
    c = client(store)
    sign_in(c)
    refused = c.post(f"/api/measures/{measure_key}/events", json=_event())
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf"
    token = csrf_of(c.get("/tracker").text)
    done = c.post(f"/api/measures/{measure_key}/events", json=_event(), headers={"X-CSRF-Token": token})
    assert done.status_code == 201 and done.json()["data"]["status"] == "implemented"


@pytest.mark.parametrize("event_id", ["0", "99999999999999999999"], ids=["zero", "beyond-any-database-integer"])
def test_the_reattach_form_refuses_an_event_number_out_of_range(store: Store, event_id: str) -> None:
    c = client(store)
    sign_in(c)
    token = csrf_of(c.get("/tracker").text)
    response = c.post(f"/events/{event_id}/reattach", data={"csrf_token": token, "measure": "x"})
    assert response.status_code == 422 and "event_id" in response.text


def test_an_api_token_writes_without_a_session_until_it_is_revoked(store: Store, measure_key: str) -> None:
    made = make_token(store, EDITOR, "a script")
    assert all(made.secret != t.token_hash for t in store.tokens()), "only the hash is stored"
    c = client(store)
    auth = {"Authorization": f"Bearer {made.secret}"}
    assert c.post(f"/api/measures/{measure_key}/events", json=_event(), headers=auth).status_code == 201
    store.revoke_token(made.prefix)
    refused = c.post(f"/api/measures/{measure_key}/events", json=_event("dropped"), headers=auth)
    assert refused.status_code == 401 and "revoked" in refused.json()["error"]["message"]
    assert [e.status for e, _ in store.tracking().history(measure_key)] == ["implemented"]


def test_only_an_admin_may_list_the_accounts(store: Store) -> None:
    editor, admin = client(store), client(store)
    sign_in(editor, EDITOR)
    sign_in(admin, ADMIN)
    assert editor.get("/api/users").status_code == 403
    assert {u["name"] for u in admin.get("/api/users").json()["data"]} == {EDITOR, ADMIN}


def test_signing_out_ends_the_session(store: Store) -> None:
    c = client(store)
    sign_in(c)
    secret = c.cookies["ct_session"]
    token = csrf_of(c.get("/tracker").text)
    assert c.post("/logout", data={"csrf_token": token}).status_code == 303
    assert store.session_for(digest(secret)) is None
    c.cookies.set("ct_session", secret)
    assert c.get("/api/me").json()["data"]["user"] is None


def test_reading_can_be_made_to_require_signing_in(store: Store) -> None:
    c = client(store, WebSettings(read_requires_login=True))
    assert c.get("/api/meetings").status_code == 401
    page = c.get("/tracker")
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert c.get("/login").status_code == 200
    sign_in(c)
    assert c.get("/api/meetings").status_code == 200


def test_wrong_passwords_are_refused_and_then_rate_limited(store: Store) -> None:
    now = [0.0]
    c = client(store)
    c.app.state.web.limiter = LoginLimiter(attempts=3, window=60, clock=lambda: now[0])  # type: ignore[attr-defined]
    token = csrf_of(c.get("/login").text)
    for _ in range(3):
        wrong = c.post("/login", data={"name": EDITOR, "password": "not the password", "csrf_token": token})
        assert wrong.status_code == 401 and "wrong name or password" in wrong.text
    blocked = c.post("/login", data={"name": EDITOR, "password": PASSWORD, "csrf_token": token})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    now[0] = 61.0
    assert c.post("/login", data={"name": EDITOR, "password": PASSWORD, "csrf_token": token}).status_code == 303


def test_a_successful_sign_in_does_not_forget_the_failures_from_its_address(store: Store) -> None:
    """Guessing other users' passwords from one address stays limited for someone who has an account."""
    c = client(store)
    c.app.state.web.limiter = LoginLimiter(attempts=3, window=60, clock=lambda: 0.0)  # type: ignore[attr-defined]
    token = csrf_of(c.get("/login").text)
    for n in range(2):
        guess = {"name": f"guess{n}", "password": "x" * 12, "csrf_token": token}
        assert c.post("/login", data=guess).status_code == 401
    assert c.post("/login", data={"name": EDITOR, "password": PASSWORD, "csrf_token": token}).status_code == 303
    token = csrf_of(c.get("/login").text)  # the session's own from now on
    assert c.post("/login", data={"name": "guess2", "password": "x" * 12, "csrf_token": token}).status_code == 401
    blocked = c.post("/login", data={"name": ADMIN, "password": "x" * 12, "csrf_token": token})
    assert blocked.status_code == 429


def test_the_limiter_forgets_failures_older_than_its_window_so_its_memory_stays_bounded() -> None:
    now = [0.0]
    limiter = LoginLimiter(attempts=3, window=60, clock=lambda: now[0])
    for n in range(10_001):
        limiter.failed(f"user:name-{n}")
    now[0] = 61.0
    limiter.failed("user:one-more")
    assert len(limiter._failures) == 1
    assert limiter.retry_after("user:name-1") == 0


def test_an_unknown_user_is_refused_like_a_wrong_password(store: Store) -> None:
    c = client(store)
    token = csrf_of(c.get("/login").text)
    response = c.post("/login", data={"name": "nobody", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 401 and "wrong name or password" in response.text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_signing_in_never_sends_the_browser_to_another_site(store: Store, target: str) -> None:
    c = client(store)
    token = csrf_of(c.get("/login").text)
    form = {"name": EDITOR, "password": PASSWORD, "csrf_token": token, "next": target}
    assert c.post("/login", data=form).headers["location"] == "/tracker"


def test_an_old_hash_is_upgraded_at_the_next_sign_in(store: Store) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    store.set_password_hash(EDITOR, weak)
    sign_in(client(store))
    user = store.user(EDITOR)
    assert user is not None and user.password_hash != weak and check_password(user.password_hash, PASSWORD)
    assert hash_password(PASSWORD) != hash_password(PASSWORD), "salted"
