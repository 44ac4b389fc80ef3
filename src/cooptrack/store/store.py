"""The Store: the one class that talks to the database, for every command and the API.

Opening a store runs the migrations shipped in the package (``alembic upgrade head``). Documents
are ingested in batches, one transaction each (:meth:`Store.ingest_batch`; :meth:`Store.ingest`
is a batch of one), each document all or nothing (one the database refuses is rolled back alone,
to its savepoint). The writes are Core
statements (:mod:`.writes`). A source keeps every distinct content it ever had as a numbered
version; the current one supplies its meeting's rows. Ingesting the same bytes again writes
nothing, unless they were parsed by an older parser, in which case they are parsed again.

The store is SQLite (a file, the default, in WAL mode) or PostgreSQL (``postgresql://`` URLs use
psycopg 3). Writers take turns, one batch at a time, whatever the number of processes: on SQLite
a write transaction starts with ``BEGIN IMMEDIATE`` (waiting up to :data:`BUSY_SECONDS` for the
lock), on PostgreSQL with a transaction-level advisory lock on the store's schema. So the
look-ups that decide what to write (is this source known? is this meeting stored? is this slug
free?) see every earlier document, and two ingests at once cannot store one meeting twice.
Readers do not wait for writers (PostgreSQL; SQLite in WAL mode).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import os
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import (
    URL,
    Connection,
    Engine,
    Select,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, joinedload, selectinload, sessionmaker
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from cooptrack.acquire import Document
from cooptrack.errors import NotFound, StoreError
from cooptrack.record import Record
from cooptrack.store import derive, snapshot, writes
from cooptrack.store.accounts import AccountsMixin
from cooptrack.store.backup import Backup, write_backup
from cooptrack.store.models import (
    Agreement,
    Area,
    Correction,
    CorrectionKind,
    Digest,
    DocumentVersion,
    Measure,
    Meeting,
    PairScore,
    Person,
    Report,
    SearchEntry,
    Source,
)
from cooptrack.store.search import Hit, SearchQuery, run_search
from cooptrack.store.tracking import Stamp, TrackingMixin
from cooptrack.store.writes import Ingested, Outcome

_MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_SECONDS = 30  # how long a SQLite writer waits for another one to finish its document
_CONNECT_SECONDS = 10  # how long to wait for a PostgreSQL server that does not answer
_WRITE = "cooptrack_write"  # the execution option that marks a writing transaction
_LOCK_CLASS = 0x636F6F70  # "coop": the first key of the store's advisory lock on PostgreSQL


@dataclass(frozen=True)
class Listed:
    """A meeting with the number of items it holds."""

    meeting: Meeting
    areas: int
    measures: int
    agreements: int
    people: int


class Store(TrackingMixin, AccountsMixin):
    """All database access: open (and migrate), ingest, and the queries behind the commands."""

    def __init__(self, url: str) -> None:
        self.url = _display(url)
        try:
            self.engine: Engine = _create_engine(url)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the database {self.url}: {_reason(exc)}") from exc
        try:
            if self.engine.dialect.name == "sqlite":
                _sqlite_transactions(self.engine)
            self._writer = self.engine.execution_options(**{_WRITE: True})
            postgresql = self.engine.dialect.name == "postgresql"
            self._reader = self.engine.execution_options(isolation_level="AUTOCOMMIT") if postgresql else self.engine
            self.upgraded_from, self.revision = self._migrate()
            self.full_text = _has_full_text(self.engine)
        except (SQLAlchemyError, ImportError, OSError, ValueError) as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open the database {self.url}: {_reason(exc)}") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self._writer, expire_on_commit=False)
        self._keeper: ThreadPoolExecutor | None = None
        self.closed = False  # set by close(): whatever watches the store stops
        self._versions: Any = None  # a DBAPI connection kept to read SQLite's data_version (:meth:`known_stamp`)
        self._versions_lock = threading.Lock()
        self._versions_driver: Any = None  # the sqlite3 connection under it
        self._versions_read = self.engine.dialect.name == "sqlite" and not isinstance(
            self.engine.pool, (StaticPool, SingletonThreadPool)
        )  # (a store in memory: one connection does everything)
        self._known: tuple[int, Stamp] | None = None
        self._own_reads = self.engine.dialect.name == "postgresql"  # (see _read_own)
        self._own: Any = None
        self._own_lock = threading.Lock()
        self._own_sql: dict[Select[Any], tuple[str, tuple[Callable[[Any], Any] | None, ...]]] = {}
        self._own_async: dict[asyncio.AbstractEventLoop, Any] = {}  # each event loop's (_read_own_async)
        self._known_accounts = OrderedDict()
        self._known_accounts_lock = threading.Lock()

    def _migrate(self) -> tuple[str | None, str | None]:
        """Upgrade to the newest schema; the revisions found and reached (None: a new database).

        A store already at the head is only read (so that a read-only one can be opened); else
        the upgrade holds the write lock, and two processes opening a new store take turns.
        """
        head = _head_revision()
        with self.engine.connect() as connection:
            found = _current_revision(connection)
        if found != head:
            self._upgrade()
        return found, head

    def _upgrade(self) -> None:
        """Alembic's upgrade to the head, holding the write lock (Alembic is imported only here: a
        store at the head, which is every store but once, is opened without it)."""
        from alembic import command
        from alembic.config import Config
        from alembic.util import CommandError

        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        try:
            with self._writer.begin() as connection:
                _lock(connection)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except CommandError as exc:
            unknown = "Can't locate revision" in str(exc)
            said = "it was made by another version of cooptrack (its schema revision is unknown here)"
            raise ValueError(said if unknown else str(exc)) from exc

    def keep_in_background(self, on: bool = True) -> None:
        """Run what is handed to :meth:`later` in a thread of its own from now on (a server process:
        a request that worked something out answers without waiting for the write lock, which an
        ingest holds for a batch), or again at once (the default; off: waits for what was handed)."""
        if on and self._keeper is None:
            self._keeper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cooptrack-keep")
        elif not on and self._keeper is not None:
            keeper, self._keeper = self._keeper, None
            keeper.shutdown(wait=True)

    def later(self, write: Callable[[], None]) -> None:
        """``write()``: at once, or in the writing thread (:meth:`keep_in_background`)."""
        keeper = self._keeper
        if keeper is None:
            write()
        else:
            keeper.submit(write)

    def close(self) -> None:
        self.keep_in_background(False)  # what was handed to the writing thread is written first
        self.closed = True
        with self._versions_lock:
            versions, self._versions, self._versions_driver = self._versions, None, None
        if versions is not None:
            versions.close()
        with self._own_lock:
            kept, self._own = self._own, None
            loops, self._own_async = self._own_async, {}
        if kept is not None:
            with contextlib.suppress(Exception):
                kept.close()
        for connection in loops.values():
            _finish(connection)
        self.engine.dispose()

    def _data_version(self) -> int | None:
        """SQLite's ``data_version`` on a connection kept for it alone: it changes whenever another
        connection (of any process) commits, and reading it reads no table (a few microseconds).
        None on PostgreSQL, and for a store in memory (one connection does everything there)."""
        if not self._versions_read:
            return None
        with self._versions_lock:
            if self.closed:
                return None
            try:
                if self._versions is None:
                    self._versions = self.engine.raw_connection()
                    self._versions_driver = self._versions.driver_connection  # (read without the pool's proxy)
                row = self._versions_driver.execute("PRAGMA data_version").fetchone()
            except (SQLAlchemyError, sqlite3.Error):
                return None
        return int(row[0]) if row else None

    def _read_own(self, statement: Select[Any]) -> Sequence[Any] | None:
        """On PostgreSQL, ``statement``'s one row read on a connection kept for the reads the web
        server sends on every request (the store's stamp): in autocommit, so each read sees every
        commit made before it; compiled once and prepared by the server, without the pool's checkout
        or the Core's result (113 → 17 µs of CPU a read on loopback). None elsewhere, and when that
        connection fails (it is let go; the caller reads through the pool, which reports the error)."""
        if not self._own_reads:
            return None
        with self._own_lock:
            if self.closed:
                return None
            try:
                if self._own is None:
                    kept = self.engine.raw_connection()  # (one of the pool's, held while the store is open)
                    driver: Any = kept.driver_connection
                    driver.autocommit = True
                    self._own = kept
                sql, processors = self._own_statement(statement)
                row = self._own.driver_connection.execute(sql, prepare=True).fetchone()
                return None if row is None else _processed(row, processors)
            except Exception:  # whatever this connection met (a restart, a network error): the pool's turn
                kept, self._own = self._own, None
                if kept is not None:
                    with contextlib.suppress(Exception):
                        kept.invalidate()
                return None

    def _own_statement(self, statement: Select[Any]) -> tuple[str, tuple[Callable[[Any], Any] | None, ...]]:
        """The SQL of a statement :meth:`_read_own` sends, and what its columns' types do to a value
        read (UTCDateTime's zone): worked out once."""
        known = self._own_sql.get(statement)
        if known is None:
            dialect = self.engine.dialect
            compiled = statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
            made = tuple(c.type.result_processor(dialect, None) for c in statement.selected_columns)
            known = self._own_sql[statement] = (str(compiled), made)
        return known

    async def _read_own_async(self, statement: Select[Any]) -> Sequence[Any] | None:
        """:meth:`_read_own` without a thread, for the web server's event loop: on a psycopg async
        connection of the running loop (one a loop: a test client's thread runs its own), in
        autocommit, the statement prepared by the server. A thread pool's hop costs about as much
        CPU as the read itself (some 40 µs). None elsewhere, and when that connection fails (it is
        let go; the caller reads through the pool, which reports the error). The connections are
        closed with the store, and a closed loop's when another loop makes one."""
        if not self._own_reads or self.closed:
            return None
        loop = asyncio.get_running_loop()
        connection = self._own_async.get(loop)
        try:
            if connection is None:
                connection = await self._connect_async(loop)
                if connection is None:
                    return None
            sql, processors = self._own_statement(statement)
            cursor = await connection.execute(sql, prepare=True)
            row = await cursor.fetchone()
        except Exception:  # whatever this connection met (a restart, a network error): the pool's turn
            self._drop_async(loop, connection)
            return None
        except BaseException:  # cancelled mid-read: the connection's state is unknown
            self._drop_async(loop, connection)
            raise
        return None if row is None else _processed(row, processors)

    async def _connect_async(self, loop: asyncio.AbstractEventLoop) -> Any:
        import psycopg  # (PostgreSQL's driver: only a store on PostgreSQL gets here)

        with self._own_lock:  # a loop that has ended will send nothing more on its connection
            ended = [other for other in self._own_async if other.is_closed()]
            for other in ended:
                _finish(self._own_async.pop(other))
        arguments = self.engine.dialect.create_connect_args(self.engine.url)[1]
        arguments = {key: value for key, value in arguments.items() if key != "context"}
        arguments.setdefault("connect_timeout", _CONNECT_SECONDS)
        connection = await psycopg.AsyncConnection.connect(**arguments, autocommit=True)
        with self._own_lock:
            if self.closed or loop in self._own_async:  # closed meanwhile, or another read of the loop made one
                _finish(connection)
                return self._own_async.get(loop)
            self._own_async[loop] = connection
        return connection

    def _drop_async(self, loop: asyncio.AbstractEventLoop, connection: Any) -> None:
        with self._own_lock:
            if connection is not None and self._own_async.get(loop) is connection:
                del self._own_async[loop]
        if connection is not None:
            _finish(connection)

    def backup(self, target: Path, *, overwrite: bool = False) -> Backup:
        """A copy of the whole store in ``target`` (see :mod:`.backup`), taken while it is in use."""
        return write_backup(self.engine, self.url, target, overwrite=overwrite)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def ingest(self, doc: Document, record: Record) -> Ingested:
        """Store one parsed document in its own transaction (:meth:`ingest_batch` of one)."""
        return self.ingest_batch([(doc, record)])[0]

    def ingest_batch(self, parsed: Sequence[tuple[Document, Record]]) -> list[Ingested]:
        """Store parsed documents in one transaction, each all or nothing; an outcome for each.

        A record the database refuses comes back ``REJECTED`` with its reason, and the others are
        stored: the batch is written straight through (its look-ups made for all its documents
        at once, and its new rows inserted together: :func:`.writes.begin_batch`), and only when
        the database refuses one is it written again, each document inside a savepoint and
        statement by statement (the refused one rolled back alone). A database that cannot be
        written raises StoreError and stores none of the batch (the rest of a run would fail the
        same way; :mod:`cooptrack.runner` then stores the batch document by document, to keep
        every one that fits).
        """
        results: list[Ingested | None] = [None] * len(parsed)
        for i, (_doc, record) in enumerate(parsed):
            problem = derive.span_problem(record)
            if problem:
                results[i] = Ingested(Outcome.REJECTED, reason=problem)
        todo = [i for i, r in enumerate(results) if r is None]
        try:
            try:
                written = self._write_batch(parsed, todo, apart=len(todo) == 1)
            except (IntegrityError, DataError):
                written = self._write_batch(parsed, todo, apart=True)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {self.url}: {_reason(exc)}") from exc
        for i, result in zip(todo, written, strict=True):
            results[i] = result
        return [r for r in results if r is not None]

    def _write_batch(
        self, parsed: Sequence[tuple[Document, Record]], todo: list[int], *, apart: bool
    ) -> list[Ingested]:
        """The documents ``todo`` of ``parsed`` in one transaction; ``apart``: each in a savepoint,
        refused alone (else a refusal rolls back the whole transaction, raised)."""
        if not todo:
            return []
        with self._write_connection() as conn:
            now = dt.datetime.now(dt.UTC)
            if apart:
                return [_ingest_apart(conn, *parsed[i], now) for i in todo]
            writes.begin_batch(conn, [parsed[i] for i in todo])  # look-ups for all, rows written together
            try:
                results = [_ingest(conn, *parsed[i], now) for i in todo]
                writes.write_deferred(conn)
            finally:
                conn.info.pop(writes.BATCH, None)
            return results

    def correct(
        self, kind: CorrectionKind, left: tuple[str, str], right: tuple[str, str], *, by: str, note: str | None = None
    ) -> Correction:
        """Record a user's decision about two things, each given as (key, label); nothing is overwritten."""
        row = Correction(
            kind=kind.value, left=left[0], left_label=left[1], right=right[0], right_label=right[1], note=note,
            made_by=by, made_at=dt.datetime.now(dt.UTC),
        )  # fmt: skip
        with self._written() as session:
            session.add(row)
        return row

    # --- reading -------------------------------------------------------------------------------

    def corrections(self, *kinds: CorrectionKind) -> list[Correction]:
        """Users' decisions of these kinds (all if none given), oldest first."""
        with self._read() as session:
            stmt = select(Correction).order_by(Correction.made_at, Correction.id)
            if kinds:
                stmt = stmt.where(Correction.kind.in_([k.value for k in kinds]))
            return list(session.scalars(stmt))

    def meetings(self) -> list[Listed]:
        """Every meeting, by mechanism, kind and ordinal, with the number of its items."""
        with self._read() as session:
            counts = {table: _count_by_meeting(session, table) for table in (Area, Measure, Agreement, Person)}
            stmt = select(Meeting).order_by(
                Meeting.mechanism.nulls_last(),
                Meeting.kind,
                Meeting.ordinal.nulls_last(),
                Meeting.date.nulls_last(),
                Meeting.id,
            )
            return [
                Listed(m, *(counts[table].get(m.id, 0) for table in (Area, Measure, Agreement, Person)))
                for m in session.scalars(stmt)
            ]

    def meeting(self, ref: str) -> Meeting:
        """One meeting by slug or numeric id, with its items, document version and source loaded."""
        with self._read() as session:
            ref = ref.strip()
            where = Meeting.id == int(ref) if _is_id(ref) else Meeting.slug == ref
            # a NUL is in no slug, and PostgreSQL refuses one in a parameter
            meeting = None if "\x00" in ref else session.scalar(select(Meeting).where(where).options(*_FULL))
            if meeting is None:
                raise NotFound(f'no meeting "{ref}" (try cooptrack list)')
            return meeting

    def all_meetings(self) -> list[Meeting]:
        """Every meeting with everything loaded (for exports), in slug order."""
        with self._read() as session:
            return list(session.scalars(select(Meeting).options(*_FULL).order_by(Meeting.slug)))

    def meeting_snapshot(self, slug: str | None = None) -> list[snapshot.Meeting]:
        """Every meeting with its items as plain objects (:mod:`.snapshot`), in slug order: what
        :meth:`all_meetings` gives, at a fraction of its memory and time, texts read on demand; with
        ``slug``, that meeting alone (an empty list if there is none)."""
        with self._read() as session:
            if self.engine.dialect.name == "postgresql":  # one snapshot for every table's statement: an
                # ingest committing meanwhile is seen by all of them or by none (SQLite's read is one already)
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            return snapshot.load(session, snapshot.Texts(self._read), slug)

    def meeting_headers(self) -> list[Any]:
        """Every meeting's slug, mechanism, partner, kind, number, date and years, without its items
        (what a meeting's place in its mechanism's series is worked out from), in slug order."""
        m = Meeting
        with self._read() as session:
            return list(session.execute(
                select(m.slug, m.mechanism, m.partner, m.kind, m.ordinal, m.date, m.year, m.year_from, m.year_to,
                       m.document_kind).order_by(m.slug)
            ))  # fmt: skip

    def search(self, query: SearchQuery) -> list[Hit]:
        """Full-text search over measures, area headings, agreement titles and people, with facets."""
        with self._read() as session:
            return run_search(session, query, full_text=self.full_text)

    def versions(self, uri: str) -> list[DocumentVersion]:
        """Every stored version of a source, oldest first (empty for an unknown uri)."""
        with self._read() as session:
            stmt = select(DocumentVersion).join(Source).where(Source.uri == uri).order_by(DocumentVersion.version)
            return list(session.scalars(stmt.options(joinedload(DocumentVersion.source))))

    def current_versions(self, page: int = 1000) -> Iterator[tuple[str, str]]:
        """Each source's uri and the parser version of its current version, in pages of ``page``
        (no read transaction stays open while the caller writes)."""
        after = 0
        while True:
            with self._read() as session:
                rows = session.execute(
                    select(Source.id, Source.uri, DocumentVersion.parser_version)
                    .join(DocumentVersion, DocumentVersion.source_id == Source.id)
                    .where(DocumentVersion.is_current, Source.id > after)
                    .order_by(Source.id)
                    .limit(page)
                ).all()
            if not rows:
                return
            yield from ((uri, version) for _id, uri, version in rows)
            after = rows[-1][0]

    def digest(self, name: str, stamp: str) -> bytes | None:
        """The digest ``name`` (:class:`.models.Digest`) if it was worked out for the store as it is
        at ``stamp``, else None."""
        with self._read() as session:
            body = session.scalar(select(Digest.body).where(Digest.name == name, Digest.stamp == stamp))
        return None if body is None else bytes(body)

    def keep_digest(self, name: str, stamp: str, body: bytes) -> None:
        """Keep ``body`` as the digest ``name`` for the store at ``stamp``, in place of any earlier one."""
        try:
            with self._write() as session:
                session.merge(Digest(name=name, stamp=stamp, made_at=dt.datetime.now(dt.UTC), body=body))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {self.url}: {_reason(exc)}") from exc

    def pair_scores(self, pairs: Iterable[str]) -> dict[str, bytes]:
        """The scores kept for these pairs of meetings (:class:`.models.PairScore`), by pair; the
        pairs never scored are missing."""
        wanted = sorted(set(pairs))
        found: dict[str, bytes] = {}
        with self._read() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                stmt = select(PairScore.pair, PairScore.scores).where(PairScore.pair.in_(chunk))
                found.update((pair, bytes(scores)) for pair, scores in session.execute(stmt))
        return found

    def keep_pair_scores(self, scores: Mapping[str, bytes], current: Iterable[str] | None = None) -> None:
        """Keep these scores for the next process that follows the commitments; a pair kept already
        is left as it is (its scores are the same: the pair is their content). With ``current``
        (every pair of meetings the store holds now), the scores of pairs no longer held (a meeting
        re-read since, or gone) are let go: a store re-ingested often does not grow with them."""
        if not scores:
            return
        pairs = sorted(scores)
        try:
            self._keep_pair_scores(pairs, scores, None if current is None else set(current))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {self.url}: {_reason(exc)}") from exc

    def _keep_pair_scores(self, pairs: list[str], scores: Mapping[str, bytes], current: set[str] | None) -> None:
        with self._write_connection() as conn:  # the store's write lock: two processes add one row, not two
            for start in range(0, len(pairs), 500):
                chunk = pairs[start : start + 500]
                stored = set(conn.scalars(select(PairScore.pair).where(PairScore.pair.in_(chunk))))
                rows = [{"pair": k, "scores": scores[k]} for k in chunk if k not in stored]
                if rows:
                    conn.execute(insert(PairScore), rows)
            if current is not None:
                stale = sorted(set(conn.scalars(select(PairScore.pair))) - current - set(pairs))
                for start in range(0, len(stale), 500):
                    conn.execute(delete(PairScore).where(PairScore.pair.in_(stale[start : start + 500])))

    def counts(self) -> dict[str, int]:
        """The number of rows of each table."""
        tables = (Source, DocumentVersion, Meeting, Report, Person, Area, Measure, Agreement, SearchEntry, Correction)
        with self._read() as session:
            return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0 for t in tables}

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction that holds the store's write lock from its start (see the module's doc).

        Every writer should use it: on SQLite, a transaction that reads and then writes without it
        can be refused at once ("database is locked") while another writes, instead of waiting.
        """
        with self._writes.begin() as session:
            _lock(session.connection())
            yield session

    @contextmanager
    def _write_connection(self) -> Iterator[Connection]:
        """:meth:`_write` for Core statements: a connection in a transaction that holds the write lock."""
        with self._writer.begin() as conn:
            _lock(conn)
            yield conn

    @contextmanager
    def _written(self) -> Iterator[Session]:
        """A write transaction (:meth:`_write`) whose failures are one StoreError, for a user's writes."""
        try:
            with self._write() as session:
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _read(self) -> Iterator[Session]:
        """A session for queries; a database that cannot be read becomes one StoreError."""
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the database {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _connected(self) -> Iterator[Connection]:
        """A connection for one read of the Core, without a session (a fifth of its cost: what the web
        server asks on every request); a database that cannot be read becomes one StoreError. On
        PostgreSQL in autocommit: one statement is one round trip (no ``BEGIN`` before it, no
        ``ROLLBACK`` when the connection goes back to the pool: 0.9 → 0.2 ms a read on loopback)."""
        try:
            with self._reader.connect() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the database {self.url}: {_reason(exc)}") from exc


_FULL = (
    selectinload(Meeting.people),
    selectinload(Meeting.areas).selectinload(Area.measures),
    selectinload(Meeting.measures),
    selectinload(Meeting.agreements),
    joinedload(Meeting.document).joinedload(DocumentVersion.source),
    selectinload(Meeting.reports).options(joinedload(Report.source), joinedload(Report.document)),
)


def _is_id(ref: str) -> bool:
    """Digits that fit the id column (32 bits on PostgreSQL); anything else is looked up as a slug."""
    return ref.isascii() and ref.isdigit() and len(ref) <= 10 and int(ref) < 2**31


def _count_by_meeting(session: Session, table: type[Area | Measure | Agreement | Person]) -> dict[int, int]:
    stmt = select(table.meeting_id, func.count()).group_by(table.meeting_id)
    return {meeting_id: n for meeting_id, n in session.execute(stmt)}


# --- ingesting, inside one transaction ---------------------------------------------------------

_ingest = writes.ingest  # one document's writes (a module name, so that a test can replace it)


def _ingest_apart(conn: Connection, doc: Document, record: Record, now: dt.datetime) -> Ingested:
    """One document of a batch inside a savepoint: refused by the database, it is rolled back alone."""
    try:
        with conn.begin_nested():
            return _ingest(conn, doc, record, now)
    except IntegrityError:
        return Ingested(Outcome.REJECTED, reason="cannot be stored: two of its items would be the same item")
    except DataError:
        return Ingested(Outcome.REJECTED, reason="cannot be stored: a value in it does not fit the database")


# --- the connection ----------------------------------------------------------------------------


def _processed(row: Sequence[Any], processors: tuple[Callable[[Any], Any] | None, ...]) -> tuple[Any, ...]:
    return tuple(v if p is None else p(v) for p, v in zip(processors, row, strict=True))


def _finish(connection: Any) -> None:
    """Close a psycopg async connection from any thread, without its event loop (which may be closed):
    libpq's PQfinish ends the session; the connection then counts as closed."""
    with contextlib.suppress(Exception):
        connection.pgconn.finish()


def _create_engine(url: str) -> Engine:
    """An engine for the URL: psycopg 3 for ``postgresql://``; writers wait for one another."""
    try:
        parsed: URL | str = make_url(url)
    except ArgumentError:
        parsed = url  # create_engine says what is wrong with it
    if isinstance(parsed, URL) and parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    options: dict[str, Any] = {}
    if isinstance(parsed, URL) and parsed.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": BUSY_SECONDS}
        parsed = _read_only_wal(parsed)
    elif (
        isinstance(parsed, URL) and parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query
    ):
        options["connect_args"] = {"connect_timeout": _CONNECT_SECONDS}
    return create_engine(parsed, **options)


def _has_full_text(engine: Engine) -> bool:
    """Whether the migrations made the dialect's full-text index (FTS5, or a tsvector column)."""
    inspector = inspect(engine)
    if engine.dialect.name == "postgresql":
        return any(c["name"] == "search_vector" for c in inspector.get_columns("search_entry"))
    return inspector.has_table("search_fts")


def _lock(connection: Connection) -> None:
    """Take the store's write lock on PostgreSQL until the transaction ends (SQLite's is BEGIN IMMEDIATE)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"), {"key": _LOCK_CLASS})


def _read_only_wal(url: URL) -> URL:
    """The URL of a SQLite store in WAL mode on a read-only mount opened as immutable, else as it is.

    Reading a WAL store needs its ``-shm`` file, which SQLite cannot make where nothing may be
    written ("unable to open database file"); such a store cannot change, and SQLite reads it
    when told so (its writes are refused: "attempt to write a readonly database").
    """
    path = url.database
    if not path or path == ":memory:" or path.startswith("file:") or url.query:
        return url
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return url
    folder = os.path.dirname(os.path.abspath(path))
    wal = header.startswith(b"SQLite format 3\0") and len(header) == 20 and header[18] == 2
    if not wal or os.access(folder, os.W_OK) or os.path.exists(f"{path}-shm"):
        return url
    return url.set(database=f"file:{os.path.abspath(path)}", query={"mode": "ro", "immutable": "1", "uri": "true"})


def _sqlite_transactions(engine: Engine) -> None:
    """Real transactions on SQLite (schema changes included), foreign keys enforced, WAL mode.

    In WAL mode readers do not wait for a writer, nor a writer for readers, and a commit is one
    append to the ``-wal`` file; ``synchronous=NORMAL`` syncs it at checkpoints, not at each
    commit: a process killed at any moment loses nothing committed, a power cut may lose the last
    transactions (never half of one). A store that cannot be written keeps the mode it has.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver's own BEGIN handling off ...
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error:
            pass  # read-only: its writes are refused later, with SQLite's own words
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:  # ... and ours on: writers take the lock first
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "BEGIN")


def _display(url: str) -> str:
    """The URL as it may be shown: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


@functools.cache
def _head_revision() -> str:
    """The newest revision of the migrations (the one no other revises), read from their files as
    Alembic does, without importing it."""
    revises: dict[str, str | None] = {}
    for path in (_MIGRATIONS / "versions").glob("*.py"):
        text_ = path.read_text(encoding="utf-8")
        found = re.search(r'^revision = "([^"]+)"', text_, re.MULTILINE)
        down = re.search(r'^down_revision = (?:"([^"]+)"|None)', text_, re.MULTILINE)
        if found is None or down is None:
            raise ValueError(f"{path.name}: a migration without its revision and the one it revises")
        revises[found.group(1)] = down.group(1)
    heads = set(revises) - set(revises.values())
    if len(heads) != 1:
        raise ValueError(f"the migrations have {len(heads)} heads: {', '.join(sorted(heads))}")
    return heads.pop()


def _current_revision(connection: Connection) -> str | None:
    """The store's revision as Alembic records it (None: a new store); several, joined by spaces."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = sorted(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    return " ".join(found) or None


def _reason(exc: BaseException) -> str:
    """The first line of what the driver (or Alembic) said, without SQLAlchemy's decorations."""
    if isinstance(exc, ImportError):
        return f"the database driver is not installed ({exc.name or exc})"
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip() or type(exc).__name__
    return text.splitlines()[0]
