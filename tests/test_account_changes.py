"""A signed-in reader's session on PostgreSQL, read again only when accounts changed (issue 14).

``account_change`` counts the writes to accounts, sessions and tokens (triggers, in the writer's
transaction); the web server reads the count with the store's stamp, after the request arrived,
and keeps a session's or token's row while the count has not moved. Every kind of change, by this
process, another one or plain SQL, moves it and is seen at the next request; a change not yet
committed does not.

In process (ASGI client) on a store of SYNTHETIC releases (``make_release``, written here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from conftest import libpq_url
from cooptrack.serve.auth import digest, hash_password, make_token
from cooptrack.store import Store
from cooptrack.store import accounts as accounts_module
from cooptrack.store.accounts import AccountRole
from cooptrack.store.models import WebSession
from webtools import EDITOR, add_accounts, client, sign_in

SESSION = "d" * 64


class Reads:
    """The statements a store sends that read or write a session or a token."""

    def __init__(self, store: Store) -> None:
        self.store, self.seen = store, list[str]()

    def __enter__(self) -> Reads:
        sa.event.listen(self.store.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_: object) -> None:
        sa.event.remove(self.store.engine, "before_cursor_execute", self._count)

    def _count(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "web_session" in statement or "api_token" in statement:
            self.seen.append(statement)


@pytest.fixture
def pg(postgres_url: str) -> Iterator[Store]:
    with Store(postgres_url) as opened:
        add_accounts(opened)
        yield opened


def count(store: Store) -> int:
    changes = store.stamp_and_accounts()[1]
    assert changes is not None
    return changes


def test_sqlite_reports_no_count_and_postgresql_one_read_with_the_stamp(sqlite_url: str, pg: Store) -> None:
    with Store(sqlite_url) as lite:
        assert lite.stamp_and_accounts() == (lite.stamp(), None)  # (its data_version says it without a query)
    statements: list[str] = []
    sa.event.listen(pg.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    stamp, changes = pg.stamp_and_accounts()
    assert isinstance(changes, int) and stamp == pg.stamp()
    sent = [sql for sql, _ in pg._own_sql.values()]  # (on the store's own connection: Store._read_own)
    assert statements == [] and len(sent) == 1 and "account_change" in sent[0], "one statement: the stamp, the count"


def test_an_unchanged_count_reads_the_session_and_token_once_and_every_write_moves_it(pg: Store) -> None:
    editor = pg.user(EDITOR)
    assert editor is not None
    pg.open_session(editor, SESSION, "csrf", dt.timedelta(hours=1))
    token = make_token(pg, EDITOR, "nightly")
    pg.token_for(digest(token.secret))  # its first use written (a write: the count moves)
    changes = count(pg)
    with Reads(pg) as reads:
        for _ in range(5):
            assert pg.session_for(SESSION, changes=changes) is not None
            assert pg.token_for(digest(token.secret), changes=changes) is not None
    assert len(reads.seen) == 2, "read once each while the count stands"
    writes: list[tuple[str, Callable[[], object]]] = [
        ("a user added", lambda: pg.add_user("newcomer", AccountRole.READER, hash_password("a long passphrase"))),
        ("a role changed", lambda: pg.set_role("newcomer", AccountRole.EDITOR)),
        ("a user disabled", lambda: pg.disable_user("newcomer")),
        ("a user enabled", lambda: pg.enable_user("newcomer")),
        ("a session opened", lambda: pg.open_session(editor, "e" * 64, "csrf", dt.timedelta(hours=1))),
        ("a session closed", lambda: pg.close_session("e" * 64)),
        ("a token made", lambda: make_token(pg, "newcomer", "other")),
        ("tokens revoked", lambda: pg.revoke_tokens("newcomer")),
        ("sessions ended", lambda: pg.end_sessions("newcomer")),
        ("a user removed", lambda: pg.remove_user("newcomer")),
    ]
    for what, write in writes:
        before = count(pg)
        write()
        assert count(pg) > before, what


def test_a_change_by_another_process_or_plain_sql_is_seen_at_the_next_request_and_not_before_its_commit(
    pg: Store, postgres_url: str
) -> None:
    editor = pg.user(EDITOR)
    assert editor is not None
    pg.open_session(editor, SESSION, "csrf", dt.timedelta(hours=1))
    token = make_token(pg, EDITOR, "nightly")
    pg.token_for(digest(token.secret))
    changes = count(pg)
    assert pg.token_for(digest(token.secret), changes=changes) is not None  # kept
    with Store(postgres_url) as other:  # the CLI's revocation
        other.revoke_tokens(EDITOR)
    assert pg.token_for(digest(token.secret), changes=changes) is not None, "the count read before it: kept"
    assert pg.token_for(digest(token.secret), changes=count(pg)) is None, "read after it: seen"
    assert pg.session_for(SESSION, changes=count(pg)) is not None
    options = sa.engine.make_url(postgres_url).query["options"]
    with psycopg.connect(libpq_url(postgres_url), options=options) as admin:  # a DBA's statement, uncommitted
        admin.execute("DELETE FROM web_session")
        assert pg.session_for(SESSION, changes=count(pg)) is not None, "not committed: not seen, still kept"
    assert pg.session_for(SESSION, changes=count(pg)) is None, "committed: the count moved with it"


def test_a_session_touched_by_another_worker_is_read_again_and_not_judged_idle(
    pg: Store, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = pg.user(EDITOR)
    assert editor is not None
    start = dt.datetime.now(dt.UTC)
    now = [start]
    monkeypatch.setattr(accounts_module, "_now", lambda: now[0])
    pg.open_session(editor, SESSION, "csrf", dt.timedelta(hours=12))
    idle = dt.timedelta(minutes=30)
    assert pg.session_for(SESSION, idle, changes=count(pg)) is not None  # kept here as seen at the start
    with Store(postgres_url) as worker:  # the reader goes on on another worker: its last use is written there
        now[0] = start + dt.timedelta(minutes=20)
        assert worker.session_for(SESSION, idle) is not None
    now[0] = start + dt.timedelta(minutes=40)
    assert pg.session_for(SESSION, idle, changes=count(pg)) is not None, "idle 20 minutes, not 40"


def test_signed_in_pages_on_postgresql_read_no_session_while_accounts_are_unchanged(
    postgres_url: str, make_release: Callable[..., Any]
) -> None:
    with Store(postgres_url) as store:
        store.ingest(*make_release(uri="https://example.org/jiangxi-1"))
        add_accounts(store)
        editor = client(store)
        sign_in(editor)
        assert "Signed in as" in editor.get("/tracker").text
        with Reads(store) as reads:
            for _ in range(3):
                assert "Signed in as" in editor.get("/tracker").text
        assert reads.seen == [], "the session kept: the count read with the stamp had not moved"
        with Store(postgres_url) as other:
            other.end_sessions(EDITOR)
        assert "Signed in as" not in editor.get("/tracker").text, "an ended session is seen at the next request"


def test_a_server_writes_a_last_use_without_waiting_for_the_write_lock(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest holds the store's write lock for a batch: a signed-in request whose last use is due
    is answered meanwhile, the use written by the store's writing thread once the lock is free."""
    import threading

    with Store(db_url) as store:
        add_accounts(store)
        editor = store.user(EDITOR)
        assert editor is not None
        store.open_session(editor, SESSION, "csrf", dt.timedelta(hours=2))
        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
        monkeypatch.setattr(accounts_module, "_now", lambda: later)
        store.keep_in_background()  # as a server process does
        holding, answered, waited = threading.Event(), threading.Event(), []

        def ingesting() -> None:
            with Store(db_url) as other, other._write():  # (the lock an ingest's batch holds)
                holding.set()
                if not answered.wait(30):
                    waited.append("the request waited for the write lock")

        writer = threading.Thread(target=ingesting)
        writer.start()
        assert holding.wait(60)
        assert store.session_for(SESSION) is not None  # answered while the lock is held
        answered.set()
        writer.join()
        assert waited == []
        store.keep_in_background(False)  # what was handed to the writing thread is written
        with store._read() as session:
            seen = session.scalar(sa.select(WebSession.last_seen_at).where(WebSession.token_hash == SESSION))
        assert seen is not None and seen.replace(tzinfo=dt.UTC) == later
