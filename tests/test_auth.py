"""Access: open reading (or sign-in required), writing with an account, cookies, CSRF, tokens,
and the limit on sign-in attempts. In process, through an ASGI client; the store holds the
real corpus (read in place) and accounts made here with invented passwords.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cooptrack.serve.app import WebSettings
from cooptrack.serve.auth import check_password, digest, hash_password, make_token
from cooptrack.serve.throttle import SignInThrottle, ThrottleRules
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
    [
        ({"X-Forwarded-Proto": "https"}, WebSettings(trusted_proxies=("testclient",))),
        ({}, WebSettings(secure_cookies=True)),
    ],
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


def test_forwarded_headers_from_a_client_that_is_not_a_trusted_proxy_are_ignored(store: Store) -> None:
    """The old server believed anyone's X-Forwarded-Proto (and Uvicorn anyone's X-Forwarded-For from 127.0.0.1)."""
    forged = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9"}
    page = client(store).get("/login", headers=forged)
    assert "Secure" not in page.headers["set-cookie"]
    trusted = client(store, WebSettings(trusted_proxies=("testclient", "10.0.0.0/8")))
    assert "Secure" in trusted.get("/login", headers=forged).headers["set-cookie"]


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


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _throttled(store: Store, clock: Clock, **rules: Any) -> TestClient:
    c = client(store)
    c.app.state.web.throttle = SignInThrottle(ThrottleRules(**rules), clock)  # type: ignore[attr-defined]
    return c


def _try(c: TestClient, name: str, password: str = "not the password") -> int:
    token = csrf_of(c.get("/login").text)
    return c.post("/login", data={"name": name, "password": password, "csrf_token": token}).status_code


def test_wrong_passwords_are_refused_then_slowed_by_a_doubling_delay(store: Store) -> None:
    clock = Clock()
    c = _throttled(store, clock, free=3, base=1.0, cap=900.0)
    assert [_try(c, EDITOR) for _ in range(3)] == [401, 401, 401]
    token = csrf_of(c.get("/login").text)
    blocked = c.post("/login", data={"name": EDITOR, "password": PASSWORD, "csrf_token": token})
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "1"
    assert "too many failed sign-ins" in blocked.text
    clock.now += 1
    assert _try(c, EDITOR) == 401  # the fourth failure: the delay doubles
    assert _try(c, EDITOR, PASSWORD) == 429
    clock.now += 2
    assert _try(c, EDITOR, PASSWORD) == 303


def test_one_persons_typos_behind_a_shared_address_do_not_lock_out_the_others(store: Store) -> None:
    """All of these come from one address (the test client's): only the one who mistyped waits."""
    clock = Clock()
    c = _throttled(store, clock, free=3)
    assert [_try(c, EDITOR) for _ in range(8)].count(429) >= 4
    assert _try(c, ADMIN, PASSWORD) == 303, "a colleague at the same address signs in at once"


def test_guesses_at_an_account_from_many_addresses_never_lock_out_its_owners_browser(store: Store) -> None:
    """The account-wide delay spares a browser that signed in to the account before (its device cookie)."""
    clock = Clock()
    throttle = SignInThrottle(ThrottleRules(free=3, account_free=5, account_cap=60), clock)
    device = throttle.succeeded(EDITOR, "10.0.0.1")  # the owner's browser signed in once
    waits = []
    for n in range(12):  # an attacker guessing from twelve addresses, waiting as told
        waits.append(throttle.wait(EDITOR, f"203.0.113.{n}"))
        clock.now += waits[-1]
        throttle.failed(EDITOR, f"203.0.113.{n}")
    assert waits == [0] * 5 + [1, 2, 4, 8, 16, 32, 60], "slowed from the sixth guess, doubling up to the cap"
    assert throttle.wait(EDITOR, "198.51.100.7") > 0, "a stranger waits: the account is under attack"
    assert throttle.wait(EDITOR, "10.0.0.1", device) == 0, "its owner's browser does not"
    assert throttle.wait(EDITOR, "198.51.100.7", "forged") > 0


def test_one_address_trying_many_names_is_stopped_but_not_a_browser_known_to_its_account(store: Store) -> None:
    clock = Clock()
    c = _throttled(store, clock, names_per_address=3, window=60)
    assert _try(c, EDITOR, PASSWORD) == 303  # this browser signed in once: it is known to edith's account
    c.cookies.delete("ct_session")
    assert [_try(c, f"guess{n}") for n in range(3)] == [401, 401, 401]
    assert _try(c, "guess3") == 429, "a fourth name from the address"
    assert _try(c, "guess0") == 401, "a name already failing there goes on under its own delay"
    assert _try(c, ADMIN, PASSWORD) == 429, "a new name from the address waits too"
    assert _try(c, EDITOR, PASSWORD) == 303, "but not edith in the browser she used before"
    c.cookies.delete("ct_session")
    assert _try(c, "guess4") == 429, "signing in to one's own account does not lift the limit for other names"
    clock.now += 61
    assert _try(c, "guess4") == 401, "forgotten after the window"


def test_the_throttle_forgets_quiet_failures_so_its_memory_stays_bounded() -> None:
    clock = Clock()
    throttle = SignInThrottle(ThrottleRules(window=60), clock)
    for n in range(5_001):
        throttle.failed(f"name-{n}", "192.0.2.1")
    clock.now += 61
    throttle.failed("one-more", "192.0.2.2")
    assert len(throttle._pairs) == 1 and len(throttle._accounts) == 1 and len(throttle._addresses) == 1
    assert throttle.wait("name-1", "192.0.2.1") == 0


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
