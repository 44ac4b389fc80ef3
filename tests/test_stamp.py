"""The store's stamp, which the web server reads on every request (issue 14, item 1): on SQLite the
stamp last read is known again without a query while SQLite's ``data_version`` says nothing was
committed since; any commit, by this store or by another process's, lets it go. PostgreSQL and a
store in memory always read it.

On stores of SYNTHETIC releases (``make_release``, written here).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import event, select, text

from cooptrack.store import CorrectionKind, Store
from cooptrack.store.models import Measure
from cooptrack.store.tracking import _COUNTS_AND_ACCOUNTS, NoteField, Stamp, _counted
from cooptrack.vocab import TrackingStatus


def _statements(store: Store) -> list[str]:
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda _c, _cur, statement, *_: seen.append(statement))
    return seen


def test_a_known_stamp_is_read_without_a_query_until_anything_is_committed(
    store: Store, make_release: Callable[..., Any]
) -> None:
    store.ingest(*make_release(ordinal=1, year=2020, uri="https://example.org/hunan-1"))
    first = store.stamp()
    seen = _statements(store)
    sqlite = store.engine.dialect.name == "sqlite"
    assert store.known_stamp() == (first if sqlite else None)
    assert seen == [], "no statement to know it"
    other = Store(str(store.engine.url.render_as_string(hide_password=False)))  # another process's store
    try:
        key = _a_measure_key(store)
        other.record_event(key, TrackingStatus.IN_PROGRESS, by="a test")
        assert store.known_stamp() is None, "another connection committed"
        second = store.stamp()
        assert second != first and store.known_stamp() == (second if sqlite else None)
        store.record_event(key, TrackingStatus.IMPLEMENTED, by="a test")  # this store's own write
        assert store.known_stamp() is None
        assert store.stamp() != second
    finally:
        other.close()


def _stamp_reads(store: Store, seen: list[str]) -> list[str]:
    """The statements a stamp's read sent: through the pool (SQLite), or on PostgreSQL the one its
    own connection sends (``Store._read_own``, which the pool's events do not see)."""
    if store.engine.dialect.name == "postgresql":
        assert not [s for s in seen if "document_version" in s], "not through the pool"
        return [sql for sql, _ in store._own_sql.values()]
    return [s for s in seen if s.lstrip().upper().startswith("SELECT")]


def _a_measure_key(store: Store) -> str:
    with store.engine.connect() as connection:
        key: str = connection.execute(select(Measure.key).limit(1)).scalar_one()
    return key


def test_a_store_in_memory_always_reads_its_stamp(memory_store: Store) -> None:
    memory_store.stamp()
    assert memory_store.known_stamp() is None


def test_the_stamp_counts_no_rows_and_moves_when_a_report_leaves_its_meeting(
    store: Store, make_release: Callable[..., Any]
) -> None:
    """Read on every request on PostgreSQL: each part is a table's last entry (an index's end), no
    count of the meetings, which PostgreSQL reads row by row. A meeting goes only in an ingest (its
    one report moved by a corrected ordinal), which moves the stamp whatever the count would say."""
    store.ingest(*make_release(partner="Hubei", ordinal=1, uri="/synthetic/hubei.txt"))
    seen = _statements(store)
    before = store.stamp()
    reads = _stamp_reads(store, seen)
    assert len(reads) == 1 and "count(" not in reads[0].lower()
    store.ingest(*make_release(partner="Hubei", ordinal=2, uri="/synthetic/hubei.txt", note="(the 2nd)"))
    assert [m.meeting.slug for m in store.meetings()] == ["hubei-plenary-2"]  # the first one went
    assert store.stamp() != before


def test_a_read_of_one_statement_holds_no_transaction_on_postgresql(postgres_url: str) -> None:
    """The stamp (every request on PostgreSQL) and a signed-in reader's session: one round trip each,
    no BEGIN before the statement nor ROLLBACK after it (the driver in autocommit)."""
    sent: list[tuple[str, bool]] = []

    def seen(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append((statement, connection.connection.driver_connection.autocommit))

    with Store(postgres_url) as store:
        event.listen(store.engine, "before_cursor_execute", seen)
        store.stamp()
        assert sent == [], "the stamp: on the store's own connection (Store._read_own), not the pool's"
        own = store._own.driver_connection
        assert own.autocommit and own.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        store.session_for("0" * 64)
        assert len(sent) == 1 and all(autocommit for _, autocommit in sent), sent


def test_on_postgresql_the_stamp_is_read_on_its_own_connection_the_same_and_sees_every_commit(
    postgres_url: str, make_release: Callable[..., Any]
) -> None:
    """What the web server reads on every request goes on a connection the store keeps for it (no
    checkout from the pool, the statement prepared once): the same stamp as the pool's read, its
    times with their zone, and a commit by another process seen by the next read."""
    with Store(postgres_url) as store, Store(postgres_url) as other:
        store.ingest(*make_release(ordinal=1, year=2020, uri="https://example.org/hunan-1"))
        checkouts: list[int] = []
        event.listen(store.engine, "checkout", lambda *_: checkouts.append(1))
        first, accounts = store.stamp_and_accounts()
        assert store._own is not None and accounts is not None and checkouts == [1], "its connection, once"
        checkouts.clear()
        again = [store.stamp_and_accounts() for _ in range(20)]
        assert checkouts == [] and all(a == (first, accounts) for a in again), "no checkout, the same answer"
        with store.engine.connect() as connection:  # the pool's read of the same statement
            row = connection.execute(_COUNTS_AND_ACCOUNTS).one()
        assert (first, accounts) == _counted(row) and first.version is not None
        other.record_event(_a_measure_key(store), TrackingStatus.IN_PROGRESS, by="a test")
        assert store.stamp() != first, "another process's commit, seen by the next read"


def test_on_postgresql_the_stamp_is_one_row_of_counts_each_write_moves_its_own(
    postgres_url: str, make_release: Callable[..., Any]
) -> None:
    """PostgreSQL's stamp is the counts its triggers move (``core_0013``): one row read by its key,
    not the latest entries of six indexes. An ingest moves the documents' count, a user's event,
    re-attachment or tracker note the decisions', a correction the corrections'; each leaves the
    others; a write straight in SQL moves it too, and a statement that is rolled back does not."""
    with Store(postgres_url) as store:
        seen = _statements(store)
        start = store.stamp()
        (read,) = _stamp_reads(store, seen)
        assert "store_change" in read and "max(" not in read.lower() and "document_version" not in read

        def moved(before: Stamp, after: Stamp) -> set[str]:
            return {
                part for part in ("version", "event", "correction") if getattr(before, part) != getattr(after, part)
            }

        store.ingest(*make_release(partner="Hubei", ordinal=1, uri="/synthetic/hubei.txt"))
        ingested = store.stamp()
        assert moved(start, ingested) == {"version"}
        key = _a_measure_key(store)
        made = store.record_event(key, TrackingStatus.IN_PROGRESS, by="a test")
        event_ = store.stamp()
        assert moved(ingested, event_) == {"event"}
        store.record_note(key, NoteField.BUREAU, "A bureau", by="a test")
        noted = store.stamp()
        assert moved(event_, noted) == {"event"}
        store.reattach_event(made.id, key, by="a test")
        reattached = store.stamp()
        assert moved(noted, reattached) == {"event"}
        store.correct(CorrectionKind.SAME_PERSON, ("a", "A"), ("b", "B"), by="a test")
        corrected = store.stamp()
        assert moved(reattached, corrected) == {"correction"}
        with store.engine.begin() as connection:  # by hand, not through the store
            connection.execute(text("DELETE FROM correction"))
        assert moved(corrected, store.stamp()) == {"correction"}
        kept = store.stamp()
        with store.engine.connect() as connection:
            connection.execute(text("UPDATE meeting SET slug = slug"))
            connection.rollback()
        assert store.stamp() == kept, "nothing committed"


def test_on_postgresql_a_lost_connection_of_the_stamp_reads_through_the_pool_then_is_made_again(
    postgres_url: str,
) -> None:
    with Store(postgres_url) as store:
        first = store.stamp()
        pid = store._own.driver_connection.info.backend_pid
        with store.engine.connect() as connection:  # the server ends that connection (a restart, a failover)
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        assert store.stamp() == first, "read through the pool"
        assert store.stamp() == first and store._own.driver_connection.info.backend_pid != pid


def _backend(connection: Any) -> int:
    pid: int = connection.info.backend_pid
    return pid


def _alive(store: Store, pid: int) -> bool:
    with store.engine.connect() as connection:
        found = connection.execute(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid})
        return bool(found.scalar())


def test_on_postgresql_the_event_loop_reads_the_stamp_without_a_thread_the_same_and_sees_every_commit(
    postgres_url: str, make_release: Callable[..., Any]
) -> None:
    """The web server's read of the stamp, on an async connection of its event loop (no thread pool's
    hop): the same answer as the store's other reads, a commit by another process seen by the next
    read, one connection for the loop's reads, and none taken from the pool."""
    with Store(postgres_url) as store, Store(postgres_url) as other:
        store.ingest(*make_release(ordinal=1, year=2020, uri="https://example.org/hunan-1"))
        key = _a_measure_key(store)
        checkouts: list[int] = []
        event.listen(store.engine, "checkout", lambda *_: checkouts.append(1))
        threads: set[int] = set()

        async def reads() -> list[tuple[Stamp, int | None] | None]:
            out = []
            for _ in range(5):
                out.append(await store.stamp_and_accounts_async())
                threads.add(threading.get_ident())
            other.record_event(key, TrackingStatus.IN_PROGRESS, by="a test")
            out.append(await store.stamp_and_accounts_async())
            return out

        read = asyncio.run(reads())
        assert checkouts == [], "no checkout from the pool"
        (loop_connection,) = store._own_async.values()
        assert threads == {threading.get_ident()}
        first, *same, after = read
        assert first is not None and all(s == first for s in same)
        assert after is not None and after != first and after == store.stamp_and_accounts(), "the commit seen"
        assert loop_connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE, "autocommit"


def test_on_postgresql_a_lost_loop_connection_reads_through_the_pool_and_closed_loops_let_theirs_go(
    postgres_url: str,
) -> None:
    with Store(postgres_url) as store:
        expected = store.stamp_and_accounts()
        assert asyncio.run(store.stamp_and_accounts_async()) == expected
        (connection,) = store._own_async.values()  # its loop has ended since
        pid = _backend(connection)
        assert _alive(store, pid)

        async def after_a_loss() -> list[tuple[Stamp, int | None] | None]:
            first = await store.stamp_and_accounts_async()  # a new loop: the ended loop's connection goes
            assert not _alive(store, pid)
            (mine,) = store._own_async.values()
            with store.engine.connect() as admin:  # the server ends it (a restart, a failover)
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": _backend(mine)})
            lost = await store.stamp_and_accounts_async()
            assert store._own_async == {}, "let go"
            again = await store.stamp_and_accounts_async()
            return [first, lost, again]

        first, lost, again = asyncio.run(after_a_loss())
        assert first == again == expected and lost is None, "None: the caller reads through the pool"
        (last,) = store._own_async.values()
        pid = _backend(last)
    with Store(postgres_url) as later:
        assert not _alive(later, pid), "closed with the store"


def test_on_sqlite_the_event_loop_has_no_stamp_of_its_own(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        assert asyncio.run(store.stamp_and_accounts_async()) is None and store._own_async == {}


def test_on_postgresql_counts_made_again_start_past_the_earlier_ones(postgres_url: str) -> None:
    """A store taken back before ``core_0013`` and upgraded again has its counts made again: they
    start past every count before (the clock's microseconds), so no later state of the store is
    told by an earlier one's stamp (which kept answers are filed under)."""
    from test_accounts import _downgrade

    with Store(postgres_url) as store:
        for _ in range(3):
            store.correct(CorrectionKind.SAME_PERSON, ("a", "A"), ("b", "B"), by="a test")
        before = store.stamp()
    _downgrade(postgres_url.replace("%", "%%"), "core_0012")  # (Alembic's config reads % as its own)
    with Store(postgres_url) as store:
        assert store.revision == "core_0013" and store.upgraded_from == "core_0012"
        after = store.stamp()
    assert all(isinstance(part, int) for part in (before.version, after.version))
    assert after.version > before.version and after.correction > before.correction  # type: ignore[operator]
