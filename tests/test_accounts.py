"""Accounts for an office: roles, disabling, removing, password resets and changes, ending sessions,
idle sessions, tokens that expire and keep their last use; the store on both databases, the
admin's and the user's pages in process, the CLI, and the migration that keeps existing data.
Passwords here are invented for the tests; releases are synthetic (conftest's ``make_release``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cooptrack.cli import app as cli
from cooptrack.errors import CooptrackError
from cooptrack.serve.app import WebSettings
from cooptrack.serve.auth import digest, make_token
from cooptrack.store import Store
from cooptrack.store import accounts as accounts_module
from cooptrack.store.accounts import AccountRole
from webtools import ADMIN, EDITOR, PASSWORD, add_accounts, client, csrf_of, password_hash, sign_in

READER = "rita"
NEW_PASSWORD = "another long password"


@pytest.fixture
def office(tmp_path: Path, make_release: Callable[..., Any]) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'office.db'}") as store:
        store.ingest(*make_release())
        add_accounts(store)
        store.add_user(READER, AccountRole.READER, password_hash(PASSWORD))
        yield store


def _form(c: TestClient, page: str, action: str, **fields: str) -> Any:
    return c.post(action, data={"csrf_token": csrf_of(c.get(page).text), **fields})


# --- the store, on both databases -----------------------------------------------------------------


def test_an_admin_manages_accounts_in_the_store(store: Store) -> None:
    add_accounts(store)
    editor = store.user(EDITOR)
    assert editor is not None
    store.open_session(editor, "a" * 64, "csrf", dt.timedelta(hours=1))
    make_token(store, EDITOR, "nightly")
    assert store.live_sessions() == {EDITOR: 1}
    store.disable_user(EDITOR)
    assert store.session_for("a" * 64) is None and store.live_sessions() == {}
    assert store.token_for(digest("anything")) is None
    store.enable_user(EDITOR)
    assert store.revoke_tokens(EDITOR) == 1 and store.revoke_tokens(EDITOR) == 0
    store.set_role(EDITOR, AccountRole.READER)
    assert (store.user(EDITOR) or editor).role == "reader"
    store.remove_user(EDITOR)
    assert store.user(EDITOR) is None and store.tokens(EDITOR) == []


def test_the_last_admin_cannot_be_disabled_removed_or_demoted(store: Store) -> None:
    add_accounts(store)
    for change in (store.disable_user, store.remove_user, lambda n: store.set_role(n, AccountRole.EDITOR)):
        with pytest.raises(CooptrackError, match="last admin"):
            change(ADMIN)
    store.add_user("ada", AccountRole.ADMIN, password_hash(PASSWORD))
    store.disable_user(ADMIN)  # another admin remains
    with pytest.raises(CooptrackError, match="last admin"):
        store.remove_user("ada")


def test_a_session_ends_after_its_idle_time_and_its_last_use_is_written_at_most_a_minute_apart(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_accounts(store)
    editor = store.user(EDITOR)
    assert editor is not None
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    now = [start]
    monkeypatch.setattr(accounts_module, "_now", lambda: now[0])
    store.open_session(editor, "b" * 64, "csrf", dt.timedelta(hours=12))
    idle = dt.timedelta(minutes=30)
    now[0] = start + dt.timedelta(minutes=29)
    assert store.session_for("b" * 64, idle) is not None  # used: seen again at 9:29
    now[0] = start + dt.timedelta(minutes=58)
    assert store.session_for("b" * 64, idle) is not None, "idle 29 minutes since its last use"
    now[0] = start + dt.timedelta(minutes=89)
    assert store.session_for("b" * 64, idle) is None, "idle 31 minutes"


def test_a_token_expires_and_keeps_its_last_use(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    add_accounts(store)
    made = make_token(store, EDITOR, "nightly", days=2)
    (row,) = store.tokens(EDITOR)
    assert row.last_used_at is None and row.expires_at is not None
    assert store.token_for(digest(made.secret)) is not None
    (row,) = store.tokens(EDITOR)
    assert row.last_used_at is not None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2, minutes=1)
    monkeypatch.setattr(accounts_module, "_now", lambda: later)
    assert store.token_for(digest(made.secret)) is None


def test_a_session_or_token_is_read_again_only_after_a_commit_and_every_change_is_seen_at_once(store: Store) -> None:
    add_accounts(store)
    editor = store.user(EDITOR)
    assert editor is not None
    store.open_session(editor, "c" * 64, "csrf", dt.timedelta(hours=1))
    made = make_token(store, EDITOR, "nightly")
    for _ in range(2):  # the token's first use is written (a commit): read again once
        assert store.session_for("c" * 64) is not None and store.token_for(digest(made.secret)) is not None
    reads: list[str] = []

    def counted(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "web_session" in statement or "api_token" in statement:
            reads.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", counted)
    try:
        for _ in range(5):
            assert store.session_for("c" * 64) is not None and store.token_for(digest(made.secret)) is not None
        sqlite = store.engine.dialect.name == "sqlite"
        assert len(reads) == (0 if sqlite else 10), "SQLite: nothing committed since, nothing read again"
        with Store(store.url) as other:  # another process's commit (the CLI's) is seen at once
            other.revoke_tokens(EDITOR)
        assert store.token_for(digest(made.secret)) is None
        assert store.session_for("c" * 64) is not None
        store.disable_user(EDITOR)
        assert store.session_for("c" * 64) is None
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", counted)


# --- the pages ------------------------------------------------------------------------------------


def test_a_reader_sees_everything_behind_login_to_read_and_changes_nothing(office: Store) -> None:
    c = client(office, WebSettings(read_requires_login=True))
    assert c.get("/tracker").status_code == 303
    sign_in(c, READER)
    key = office.all_meetings()[0].measures[0].key
    assert c.get("/tracker").status_code == 200 and c.get(f"/measures/{key}").status_code == 200
    assert c.get("/api/measures").status_code == 200
    assert "Record a status" not in c.get(f"/measures/{key}").text
    token = csrf_of(c.get(f"/measures/{key}").text)
    assert c.post(f"/measures/{key}/events", data={"csrf_token": token, "status": "implemented"}).status_code == 403
    api = c.post(f"/api/measures/{key}/events", json={"status": "implemented"}, headers={"X-CSRF-Token": token})
    assert api.status_code == 403 and api.json()["error"]["code"] == "forbidden"
    assert c.get("/admin/users").status_code == 403
    assert office.events() == [], "nothing was recorded"


def test_an_admin_disables_resets_ends_sessions_revokes_and_removes_from_the_web_page(office: Store) -> None:
    editor = client(office)
    sign_in(editor)
    make_token(office, EDITOR, "script")
    admin = client(office)
    sign_in(admin, ADMIN)
    page = admin.get("/admin/users")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert f"Disable {EDITOR}" in page.text and "1 open sessions · 1 live tokens" in page.text
    assert _form(admin, "/admin/users", f"/admin/users/{EDITOR}/disable").headers["location"].endswith("disable")
    assert editor.get("/api/me").json()["data"]["user"] is None, "the editor's session ended"
    assert _try_sign_in(EDITOR, office) == 403
    _form(admin, "/admin/users", f"/admin/users/{EDITOR}/enable")
    _form(admin, "/admin/users", f"/admin/users/{EDITOR}/reset", password=NEW_PASSWORD)
    assert _try_sign_in(EDITOR, office, NEW_PASSWORD) == 303 and _try_sign_in(EDITOR, office) == 401
    assert office.live_sessions()[EDITOR] == 1
    _form(admin, "/admin/users", f"/admin/users/{EDITOR}/sessions")
    assert EDITOR not in office.live_sessions()
    _form(admin, "/admin/users", f"/admin/users/{EDITOR}/tokens")
    assert all(t.revoked_at for t in office.tokens(EDITOR))
    _form(admin, "/admin/users", f"/admin/users/{EDITOR}/role", role="reader")
    assert (office.user(EDITOR) or pytest.fail()).role == "reader"
    refused = _form(admin, "/admin/users", f"/admin/users/{EDITOR}/remove")
    assert refused.status_code == 422 and "tick the box" in refused.text
    _form(admin, "/admin/users", f"/admin/users/{EDITOR}/remove", confirm="yes")
    assert office.user(EDITOR) is None
    last = _form(admin, "/admin/users", f"/admin/users/{ADMIN}/disable")
    assert last.status_code == 422 and "last admin" in last.text


def _try_sign_in(name: str, store: Store, password: str = PASSWORD) -> int:
    c = client(store)
    return int(_form(c, "/login", "/login", name=name, password=password).status_code)


def test_only_an_admin_reaches_the_accounts_page_and_forms(office: Store) -> None:
    c = client(office)
    assert c.get("/admin/users").status_code == 303, "anonymous: to the sign-in page"
    sign_in(c)
    assert c.get("/admin/users").status_code == 403
    assert _form(c, "/account", f"/admin/users/{ADMIN}/disable").status_code == 403
    assert office.user(ADMIN) is not None and (office.user(ADMIN) or pytest.fail()).disabled_at is None


def test_users_change_their_own_password_and_their_other_sessions_end(office: Store) -> None:
    other = client(office)
    sign_in(other)
    c = client(office)
    sign_in(c)
    wrong = _form(c, "/account", "/account/password", current="not it at all", new=NEW_PASSWORD, again=NEW_PASSWORD)
    assert wrong.status_code == 422 and "current password is wrong" in wrong.text
    differ = _form(c, "/account", "/account/password", current=PASSWORD, new=NEW_PASSWORD, again="x" * 12)
    assert differ.status_code == 422 and "differ" in differ.text
    done = _form(c, "/account", "/account/password", current=PASSWORD, new=NEW_PASSWORD, again=NEW_PASSWORD)
    assert done.headers["location"] == "/account?done=password"
    assert "Your password was changed" in c.get(done.headers["location"]).text, "this session goes on"
    assert other.get("/api/me").json()["data"]["user"] is None, "the other one ended"
    assert _try_sign_in(EDITOR, office, NEW_PASSWORD) == 303


def test_the_account_page_lists_ones_tokens_with_expiry_and_last_use_and_revokes_one(office: Store) -> None:
    made = make_token(office, EDITOR, "nightly import", days=30)
    api = client(office)
    assert api.get("/api/me", headers={"Authorization": f"Bearer {made.secret}"}).json()["data"]["user"] == EDITOR
    c = client(office)
    sign_in(c)
    page = c.get("/account").text
    assert made.prefix in page and "nightly import" in page and " UTC" in page
    _form(c, "/account", "/account/tokens/revoke", prefix=made.prefix)
    assert api.get("/api/me", headers={"Authorization": f"Bearer {made.secret}"}).status_code == 401


def test_an_idle_session_is_refused_by_the_server(office: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    c = client(office, WebSettings(session_idle_minutes=20))
    sign_in(c)
    assert c.get("/api/me").json()["data"]["user"] == EDITOR
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=21)
    monkeypatch.setattr(accounts_module, "_now", lambda: later)
    assert c.get("/api/me").json()["data"]["user"] is None


# --- the command line -----------------------------------------------------------------------------


def test_the_cli_manages_accounts_and_tokens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    run = CliRunner()
    for name, role in ((ADMIN, "admin"), (READER, "reader")):
        assert run.invoke(cli, ["user", "add", name, "--role", role, "--db", url], input=PASSWORD + "\n").exit_code == 0
    made = run.invoke(cli, ["token", "add", READER, "--days", "7", "--db", url])
    assert made.exit_code == 0 and made.stdout.startswith("ct_")
    listed = run.invoke(cli, ["token", "list", "--db", url]).stdout
    assert "expires" in listed and "last used" in listed and "never" in listed
    steps = [["user", "role", READER, "editor"], ["user", "disable", READER], ["user", "enable", READER],
             ["user", "logout", READER], ["token", "revoke", "--user", READER]]  # fmt: skip
    for step in steps:
        result = run.invoke(cli, [*step, "--db", url])
        assert result.exit_code == 0, (step, result.stderr)
    reset = run.invoke(cli, ["user", "reset-password", READER, "--db", url], input=NEW_PASSWORD + "\n")
    assert reset.exit_code == 0
    refused = run.invoke(cli, ["user", "disable", ADMIN, "--db", url])
    assert refused.exit_code == 1 and "last admin" in refused.stderr
    assert run.invoke(cli, ["user", "remove", READER, "--yes", "--db", url]).exit_code == 0
    with Store(url) as store:
        assert [u.name for u in store.users()] == [ADMIN]
        assert all(t.revoked_at for t in store.tokens())


# --- the migration --------------------------------------------------------------------------------


def test_the_accounts_migration_keeps_users_sessions_and_tokens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store(url).close()  # made at the head, then taken back to the revision before accounts for an office
    _downgrade(url, "web_0001")
    engine = sa.create_engine(url)
    with engine.begin() as db:
        db.execute(sa.text("INSERT INTO user_account (name, role, password_hash, created_at) "
                           "VALUES ('olga', 'editor', 'h', '2025-01-01 00:00:00')"))  # fmt: skip
        db.execute(sa.text("INSERT INTO web_session (token_hash, user_id, csrf, created_at, expires_at) "
                           "VALUES ('s1', 1, 'c', '2025-01-01 00:00:00', '2099-01-01 00:00:00')"))  # fmt: skip
        db.execute(sa.text("INSERT INTO api_token (token_hash, prefix, label, user_id, created_at) "
                           "VALUES ('t1', 'ct_abc', 'old', 1, '2025-01-01 00:00:00')"))  # fmt: skip
    with Store(url) as store:
        (user,) = store.users()
        assert (user.name, user.role, user.disabled_at) == ("olga", "editor", None)
        (token,) = store.tokens()
        assert (token.label, token.expires_at, token.last_used_at) == ("old", None, None)
        assert store.live_sessions() == {"olga": 1}
    engine.dispose()


def _downgrade(url: str, revision: str) -> None:
    from alembic.config import Config

    from cooptrack.store import store as store_module

    config = Config()
    config.set_main_option("script_location", str(Path(store_module.__file__).parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    command.downgrade(config, revision)
