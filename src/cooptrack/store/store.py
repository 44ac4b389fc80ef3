"""The Store: the one class that talks to the database, for every command and (later) the API.

Opening a store runs the migrations shipped in the package (``alembic upgrade head``). Each
ingested document is one transaction. A source keeps every distinct content it ever had as a
numbered version; the current one supplies its meeting's rows. Ingesting the same bytes again
writes nothing, unless they were parsed by an older parser, in which case they are parsed again.

The store is SQLite (a file, the default) or PostgreSQL (``postgresql://`` URLs use psycopg 3).
Writers take turns, one document at a time, whatever the number of processes: on SQLite a write
transaction starts with ``BEGIN IMMEDIATE`` (waiting up to :data:`BUSY_SECONDS` for the lock),
on PostgreSQL with a transaction-level advisory lock on the store's schema. So the look-ups
that decide what to write (is this source known? is this meeting stored? is this slug free?)
see every earlier document, and two ingests at once cannot store one meeting twice. Readers
never wait on PostgreSQL; on SQLite they wait at most while one document is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import URL, Connection, Engine, create_engine, delete, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, joinedload, selectinload, sessionmaker

from cooptrack.acquire import Document
from cooptrack.errors import NotFound, StoreError
from cooptrack.record import Record
from cooptrack.store import derive
from cooptrack.store.accounts import AccountsMixin
from cooptrack.store.backup import Backup, write_backup
from cooptrack.store.models import (
    Agreement,
    Area,
    Correction,
    CorrectionKind,
    DocumentVersion,
    Measure,
    Meeting,
    Person,
    Report,
    SearchEntry,
    Source,
)
from cooptrack.store.search import Hit, SearchQuery, run_search
from cooptrack.store.tracking import TrackingMixin

_MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_SECONDS = 30  # how long a SQLite writer waits for another one to finish its document
_CONNECT_SECONDS = 10  # how long to wait for a PostgreSQL server that does not answer
_WRITE = "cooptrack_write"  # the execution option that marks a writing transaction
_LOCK_CLASS = 0x636F6F70  # "coop": the first key of the store's advisory lock on PostgreSQL


class Outcome(StrEnum):
    """What ingesting one document did."""

    INSERTED = "inserted"  # a source not seen before
    UPDATED = "updated"  # new bytes for a known source, or the same bytes parsed by a newer parser
    UNCHANGED = "unchanged"  # nothing written
    REJECTED = "rejected"  # the record cannot be stored; ``reason`` says why


@dataclass(frozen=True)
class Ingested:
    outcome: Outcome
    version: int | None = None
    meeting: str | None = None  # the slug of the meeting the document reports, if any
    reason: str | None = None


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
            self.upgraded_from, self.revision = self._migrate()
            self.full_text = _has_full_text(self.engine)
        except (SQLAlchemyError, CommandError, ImportError, OSError, ValueError) as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open the database {self.url}: {_reason(exc)}") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self._writer, expire_on_commit=False)

    def _migrate(self) -> tuple[str | None, str | None]:
        """Upgrade to the newest schema; the revisions found and reached (None: a new database).

        A store already at the head is only read (so that a read-only one can be opened); else
        the upgrade holds the write lock, and two processes opening a new store take turns.
        """
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.connect() as connection:
            found = MigrationContext.configure(connection).get_current_revision()
        if found != head:
            with self._writer.begin() as connection:
                _lock(connection)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        return found, head

    def close(self) -> None:
        self.engine.dispose()

    def backup(self, target: Path, *, overwrite: bool = False) -> Backup:
        """A copy of the whole store in ``target`` (see :mod:`.backup`), taken while it is in use."""
        return write_backup(self.engine, self.url, target, overwrite=overwrite)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def ingest(self, doc: Document, record: Record) -> Ingested:
        """Store one parsed document in its own transaction.

        A record that cannot be stored comes back ``REJECTED`` with its reason; a database that
        cannot be written raises StoreError (the rest of a batch would fail the same way).
        """
        problem = derive.span_problem(record)
        if problem:
            return Ingested(Outcome.REJECTED, reason=problem)
        try:
            with self._write() as session:
                return _ingest(session, doc, record)
        except IntegrityError:
            return Ingested(Outcome.REJECTED, reason="cannot be stored: two of its items would be the same item")
        except DataError:
            return Ingested(Outcome.REJECTED, reason="cannot be stored: a value in it does not fit the database")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {self.url}: {_reason(exc)}") from exc

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

    def search(self, query: SearchQuery) -> list[Hit]:
        """Full-text search over measures, area headings, agreement titles and people, with facets."""
        with self._read() as session:
            return run_search(session, query, full_text=self.full_text)

    def versions(self, uri: str) -> list[DocumentVersion]:
        """Every stored version of a source, oldest first (empty for an unknown uri)."""
        with self._read() as session:
            stmt = select(DocumentVersion).join(Source).where(Source.uri == uri).order_by(DocumentVersion.version)
            return list(session.scalars(stmt.options(joinedload(DocumentVersion.source))))

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


def _ingest(session: Session, doc: Document, record: Record) -> Ingested:
    now = dt.datetime.now(dt.UTC)
    source = session.scalar(select(Source).where(Source.uri == doc.uri))
    current = None
    if source is None:
        source = Source(uri=doc.uri, name=doc.source, first_seen_at=now)
        session.add(source)
        outcome = Outcome.INSERTED
    else:
        current = session.scalar(
            select(DocumentVersion).where(DocumentVersion.source_id == source.id, DocumentVersion.is_current)
        )
        outcome = Outcome.UPDATED
    if current is not None and current.sha256 == doc.sha256:
        if not _older(current.parser_version, record.parser_version):
            return Ingested(Outcome.UNCHANGED, current.version, _slug_of(session, current))
        version = current  # the same bytes, parsed again by a newer parser
    else:
        if current is not None:
            current.is_current = False
        version = _new_version(session, source, doc)
    _fill(version, record, now)
    session.flush()
    return Ingested(outcome, version.version, _replace_meeting(session, source, version, record))


def _new_version(session: Session, source: Source, doc: Document) -> DocumentVersion:
    last = (
        0
        if source.id is None
        else session.scalar(select(func.max(DocumentVersion.version)).where(DocumentVersion.source_id == source.id))
    )
    fetched = doc.fetched_at if doc.fetched_at.tzinfo else doc.fetched_at.replace(tzinfo=dt.UTC)
    version = DocumentVersion(
        source=source, version=(last or 0) + 1, sha256=doc.sha256, size=len(doc.raw), encoding=doc.encoding,
        media_type=doc.media_type, fetched_at=fetched, is_current=True,
    )  # fmt: skip
    session.add(version)
    return version


def _fill(version: DocumentVersion, record: Record, now: dt.datetime) -> None:
    version.ingested_at = now
    version.parser_version = record.parser_version
    version.relevant = record.relevant
    version.relevance_reason = record.relevance_reason
    version.cleaned_text = record.text
    version.record = record.model_dump(mode="json", exclude={"text"})


def _slug_of(session: Session, version: DocumentVersion) -> str | None:
    return session.scalar(select(Meeting.slug).join(Report).where(Report.document_id == version.id))


def _replace_meeting(session: Session, source: Source, version: DocumentVersion, record: Record) -> str | None:
    """File the source's report under the meeting it is about; returns that meeting's slug.

    The source's earlier report (if any) is withdrawn first, so that a corrected ordinal moves it;
    a meeting that still has the same identity keeps its row (and id). A meeting's facts and items
    always come from its best report (:func:`derive.report_rank`).
    """
    identity = derive.record_identity(record) if record.relevant else None
    meeting = None if identity is None else session.scalar(select(Meeting).where(Meeting.identity == identity))
    report = session.scalar(select(Report).where(Report.source_id == source.id))
    if report is not None:
        left = report.meeting
        session.delete(report)
        session.flush()
        if left is not meeting:
            session.refresh(left)
            _settle(session, left)
    if not record.relevant:
        return None
    if meeting is None:
        slug = _free_slug(session, derive.meeting_slug(record, version.sha256))
        meeting = Meeting(identity=identity, slug=slug, document_id=version.id, **derive.meeting_fields(record))
        session.add(meeting)
    session.add(Report(meeting=meeting, source_id=source.id, document_id=version.id, is_primary=False))
    session.flush()
    session.refresh(meeting)
    _settle(session, meeting)
    return meeting.slug


def _settle(session: Session, meeting: Meeting) -> None:
    """Elect the meeting's primary report and rebuild its facts from it; drop it if none is left."""
    for table in (SearchEntry, Measure, Area, Person, Agreement):
        session.execute(delete(table).where(table.meeting_id == meeting.id))
    if not meeting.reports:
        session.delete(meeting)
        session.flush()
        return
    ranked = [(derive.report_rank(_record(r.document), r.source.uri), -r.id, r) for r in meeting.reports]
    best = max(ranked, key=lambda item: item[:2])[2]
    for r in meeting.reports:
        r.is_primary = r is best
    record = _record(best.document)
    for name, value in derive.meeting_fields(record).items():
        setattr(meeting, name, value)
    meeting.document_id = best.document_id
    session.flush()
    rows = derive.items(record, meeting)
    session.add_all([*rows.people, *rows.areas, *rows.measures, *rows.agreements])
    session.flush()
    session.add_all(derive.search_entries(meeting.id, rows))
    others = [(r.document_id, _record(r.document)) for r in sorted(meeting.reports, key=lambda r: r.id) if r != best]
    for document_id, other in derive.indexed_reports([(best.document_id, record), *others]):
        session.add_all(derive.report_entries(meeting.id, document_id, other))


def _record(version: DocumentVersion) -> Record:
    return Record.model_validate(version.record_json())


def _free_slug(session: Session, slug: str) -> str:
    """The slug, or with ``-2``, ``-3`` … appended when other meetings hold it already.

    The usual case, a slug no meeting holds, is one look-up in the slug's index; only a taken
    slug reads the numbered ones (a prefix search, which no index serves on every database).
    """
    if session.scalar(select(Meeting.id).where(Meeting.slug == slug)) is None:
        return slug
    taken = set(session.scalars(select(Meeting.slug).where(Meeting.slug.startswith(f"{slug}-", autoescape=True))))
    return next(f"{slug}-{n}" for n in range(2, len(taken) + 3) if f"{slug}-{n}" not in taken)


def _older(stored: str, current: str) -> bool:
    """Whether ``stored`` is an older parser version than ``current`` (``1.2.10`` > ``1.2.9``)."""
    return _version_key(stored) < _version_key(current)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in version.split("."))


# --- the connection ----------------------------------------------------------------------------


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


def _sqlite_transactions(engine: Engine) -> None:
    """Real transactions on SQLite (schema changes included), and foreign keys enforced."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver's own BEGIN handling off ...
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
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


def _reason(exc: BaseException) -> str:
    """The first line of what the driver (or Alembic) said, without SQLAlchemy's decorations."""
    if isinstance(exc, ImportError):
        return f"the database driver is not installed ({exc.name or exc})"
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip() or type(exc).__name__
    if isinstance(exc, CommandError) and "Can't locate revision" in text:
        return "it was made by another version of cooptrack (its schema revision is unknown here)"
    return text.splitlines()[0]
