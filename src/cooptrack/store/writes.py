"""Ingesting one parsed document inside a write transaction, with SQLAlchemy Core statements.

:meth:`Store.ingest_batch <cooptrack.store.store.Store.ingest_batch>` runs :func:`ingest` once
per document of a batch, in the batch's one transaction (each in a savepoint when the batch is
written again because the database refused one: that one is rolled back alone, the others
stay). Every statement is a Core ``insert`` / ``update`` / ``delete`` / ``select`` on the tables
of :mod:`.models` (no ORM unit of work).

Written straight through, a batch sends few statements (on PostgreSQL each is a round trip to
the server): :func:`begin_batch` looks up at its start, in one statement each, which of its uris,
meeting identities and slugs are stored already; a document that needs no other look-up (a new
source of a new meeting, or the same bytes stored already) is decided from those, and the rows
of new ones wait, in order, to be inserted together (one ``executemany`` per table, their ids
read back with ``RETURNING``, SQLite ≥ 3.35 and PostgreSQL) before the next document that needs
the database (a meeting reported again, a source with new bytes) and at the end. The items of
the meetings made or rebuilt in the batch wait for :func:`write_deferred` at its end likewise,
then their search entries. Whatever the database refuses refuses the whole transaction, which
the store then writes again document by document, each in a savepoint, without any of this.

What is written is what the ORM version of this code wrote: a source keeps every distinct
content as a numbered version, the current one supplies its meeting's rows; a meeting's facts
and items come from its best report (:func:`derive.report_rank`); the same bytes parsed by the
same or a newer parser write nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from cooptrack.acquire import Document
from cooptrack.record import Record
from cooptrack.store import derive
from cooptrack.store.models import (
    Agreement,
    Area,
    DocumentVersion,
    Measure,
    Meeting,
    Person,
    Report,
    SearchEntry,
    Source,
)

_SOURCE: Table = Source.__table__  # type: ignore[assignment]
_VERSION: Table = DocumentVersion.__table__  # type: ignore[assignment]
_MEETING: Table = Meeting.__table__  # type: ignore[assignment]
_REPORT: Table = Report.__table__  # type: ignore[assignment]
_PERSON: Table = Person.__table__  # type: ignore[assignment]
_AREA: Table = Area.__table__  # type: ignore[assignment]
_MEASURE: Table = Measure.__table__  # type: ignore[assignment]
_AGREEMENT: Table = Agreement.__table__  # type: ignore[assignment]
_ENTRY: Table = SearchEntry.__table__  # type: ignore[assignment]
_ITEM_TABLES = (_ENTRY, _MEASURE, _AREA, _PERSON, _AGREEMENT)  # the order to delete a meeting's items in
BATCH = "cooptrack_batch"  # conn.info: the batch written straight through (:class:`_Batch`)
_LOOKUP_CHUNK = 500  # values bound in one look-up of a batch (well under SQLite's limit)

# The statements every new document runs, built once (parameters bound at each execution).
_SOURCE_BY_URI = select(_SOURCE.c.id).where(_SOURCE.c.uri == bindparam("uri"))
_NEW_SOURCE = insert(_SOURCE).returning(_SOURCE.c.id)
_NEW_VERSION = insert(_VERSION).returning(_VERSION.c.id)
_NEW_MEETING = insert(_MEETING).returning(_MEETING.c.id)
_NEW_REPORT = insert(_REPORT)
_NEW_ENTRIES = insert(_ENTRY)
_MEETING_BY_IDENTITY = select(_MEETING.c.id, _MEETING.c.year, _MEETING.c.year_from, _MEETING.c.year_to).where(
    _MEETING.c.identity == bindparam("identity")
)
_MEETING_BY_SLUG = select(_MEETING.c.id).where(_MEETING.c.slug == bindparam("slug"))
_NUMBERED = (*_ITEM_TABLES, _SOURCE, _VERSION, _MEETING)  # the tables whose new rows' ids are needed
_NEW_ROWS = {t.name: insert(t).returning(t.c.id, sort_by_parameter_order=True) for t in _NUMBERED}
_NUMBERED_ROWS = {t.name: insert(t) for t in _NUMBERED}  # each row with its id (:func:`_new_ids`)
_NEXT_IDS = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)")
_MANY_ROWS = 50  # from here, ids taken first are faster on PostgreSQL (the same at 30 rows, 3× faster at 300)
_STORED_SOURCES = (
    select(_SOURCE.c.uri, _VERSION.c.version, _VERSION.c.sha256, _VERSION.c.parser_version, _MEETING.c.slug)
    .outerjoin(_VERSION, (_VERSION.c.source_id == _SOURCE.c.id) & _VERSION.c.is_current)
    .outerjoin(_REPORT, _REPORT.c.document_id == _VERSION.c.id)
    .outerjoin(_MEETING, _MEETING.c.id == _REPORT.c.meeting_id)
    .where(_SOURCE.c.uri.in_(bindparam("values", expanding=True)))
)
_MEETING_IDENTITIES = select(_MEETING.c.identity).where(_MEETING.c.identity.in_(bindparam("values", expanding=True)))
_MEETING_SLUGS = select(_MEETING.c.slug).where(_MEETING.c.slug.in_(bindparam("values", expanding=True)))


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


def ingest(conn: Connection, doc: Document, record: Record, now: dt.datetime) -> Ingested:
    """Write one document (its source, version, report, meeting and items) on ``conn``; inside a
    batch (:func:`begin_batch`) its rows may wait for the next document that needs the database."""
    batch: _Batch | None = conn.info.get(BATCH)
    if batch is None:
        return _ingest_now(conn, doc, record, now)
    new_source = doc.uri in batch.sources and batch.sources[doc.uri] is None
    done = batch.take(doc, record, now)
    if done is not None:
        return done
    _write_new(conn, batch)  # what this document reads must see every earlier one
    result = _ingest_now(conn, doc, record, now, new_source=new_source)
    batch.wrote(record, result)
    return result


def _ingest_now(
    conn: Connection, doc: Document, record: Record, now: dt.datetime, *, new_source: bool = False
) -> Ingested:
    """:func:`ingest` statement by statement; ``new_source``: no source has the uri (no look-up)."""
    found = None if new_source else conn.execute(_SOURCE_BY_URI, {"uri": doc.uri}).first()
    current = None
    if found is None:
        source_id = conn.execute(_NEW_SOURCE, {"uri": doc.uri, "name": doc.source, "first_seen_at": now}).scalar_one()
        outcome = Outcome.INSERTED
    else:
        source_id = found.id
        current = conn.execute(
            select(_VERSION.c.id, _VERSION.c.version, _VERSION.c.sha256, _VERSION.c.parser_version).where(
                _VERSION.c.source_id == source_id, _VERSION.c.is_current
            )
        ).first()
        outcome = Outcome.UPDATED
    fill = _fill(record, now)
    if current is not None and current.sha256 == doc.sha256:
        if not older(current.parser_version, record.parser_version):
            slug = conn.execute(
                select(_MEETING.c.slug).join(_REPORT).where(_REPORT.c.document_id == current.id)
            ).scalar()
            return Ingested(Outcome.UNCHANGED, current.version, slug)
        version_id, number = current.id, current.version  # the same bytes, parsed again by a newer parser
        conn.execute(update(_VERSION).where(_VERSION.c.id == version_id).values(**fill))
    else:
        if current is not None:
            conn.execute(update(_VERSION).where(_VERSION.c.id == current.id).values(is_current=False))
        last = None  # a new source has no version yet: no look-up
        if found is not None:
            last = conn.scalar(select(func.max(_VERSION.c.version)).where(_VERSION.c.source_id == source_id))
        number = (last or 0) + 1
        version_id = conn.execute(_NEW_VERSION, _version_row(doc, source_id, number, fill)).scalar_one()
    slug = _replace_meeting(conn, source_id, version_id, doc.sha256, record, known_source=found is not None)
    return Ingested(outcome, number, slug)


def _version_row(doc: Document, source_id: int | None, number: int, fill: dict[str, Any]) -> dict[str, Any]:
    fetched = doc.fetched_at if doc.fetched_at.tzinfo else doc.fetched_at.replace(tzinfo=dt.UTC)
    columns = {
        "source_id": source_id, "version": number, "sha256": doc.sha256, "size": len(doc.raw),
        "encoding": doc.encoding, "media_type": doc.media_type, "fetched_at": fetched, "is_current": True,
    }  # fmt: skip
    return {**columns, **fill}


def _fill(record: Record, now: dt.datetime) -> dict[str, Any]:
    return {
        "ingested_at": now,
        "parser_version": record.parser_version,
        "relevant": record.relevant,
        "relevance_reason": record.relevance_reason,
        "cleaned_text": record.text,
        "record": record.model_dump(mode="json", exclude={"text"}),
    }


def _replace_meeting(
    conn: Connection, source_id: int, version_id: int, sha256: str, record: Record, *, known_source: bool = True
) -> str | None:
    """File the source's report under the meeting it is about; returns that meeting's slug.

    The source's earlier report (if any: never for a new source) is withdrawn first, so that a
    corrected ordinal moves it; a meeting that still has the same identity keeps its row (and id).
    A new meeting gets its facts, its one report (primary) and its items without a look-up more.
    """
    identity = derive.record_identity(record) if record.relevant else None
    meeting_id = None
    if identity is not None:
        identity, meeting_id = _same_meeting(conn, identity, derive.record_years(record))
    earlier = None
    if known_source:
        earlier = conn.execute(
            select(_REPORT.c.id, _REPORT.c.meeting_id).where(_REPORT.c.source_id == source_id)
        ).first()
    if earlier is not None:
        conn.execute(delete(_REPORT).where(_REPORT.c.id == earlier.id))
        if earlier.meeting_id != meeting_id:
            _settle(conn, earlier.meeting_id, {})
    if not record.relevant:
        return None
    if meeting_id is None:
        slug = _free_slug(conn, derive.meeting_slug(record, sha256))
        meeting = {"identity": identity, "slug": slug, "document_id": version_id, **derive.meeting_fields(record)}
        meeting_id = conn.execute(_NEW_MEETING, meeting).scalar_one()
        report = {"meeting_id": meeting_id, "source_id": source_id, "document_id": version_id, "is_primary": True}
        conn.execute(_NEW_REPORT, report)
        _write_items(conn, meeting_id, slug, version_id, record, [])
        return slug
    conn.execute(insert(_REPORT).values(meeting_id=meeting_id, source_id=source_id, document_id=version_id,
                                        is_primary=False))  # fmt: skip
    return _settle(conn, meeting_id, {version_id: record})


def _same_meeting(conn: Connection, identity: str, years: tuple[int, int] | None) -> tuple[str, int | None]:
    """The identity the report files under and the stored meeting it names, if any: a meeting of
    the same mechanism, series and number but of years the report's cannot overlap is another
    meeting, filed under the identity with its years (:func:`.derive.dated_identity`)."""
    found = conn.execute(_MEETING_BY_IDENTITY, {"identity": identity}).first()
    if found is None or years is None:
        return identity, found.id if found is not None else None
    stored_from, stored_to = (found.year, found.year) if found.year is not None else (found.year_from, found.year_to)
    if not derive.years_apart(years, stored_from, stored_to):
        return identity, found.id
    dated = derive.dated_identity(identity, years)
    return dated, conn.scalar(select(_MEETING.c.id).where(_MEETING.c.identity == dated))


def _settle(conn: Connection, meeting_id: int, known: dict[int, Record]) -> str | None:
    """Elect the meeting's primary report and rebuild its facts and items from it; drop it if none
    is left. ``known`` holds records at hand by document version (the others are read back)."""
    batch: _Batch | None = conn.info.get(BATCH)
    waiting = batch.items.pop(meeting_id, None) if batch is not None else None
    if waiting is None:
        for table in _ITEM_TABLES:
            conn.execute(delete(table).where(table.c.meeting_id == meeting_id))
    else:  # its items were never written (they waited for the end of the batch), its records are at hand
        known = {waiting.document_id: waiting.record, **dict(waiting.others), **known}
    reports = conn.execute(
        select(_REPORT.c.id, _REPORT.c.document_id, _SOURCE.c.uri)
        .join(_SOURCE, _SOURCE.c.id == _REPORT.c.source_id)
        .where(_REPORT.c.meeting_id == meeting_id)
        .order_by(_REPORT.c.id)
    ).all()
    if not reports:
        conn.execute(delete(_MEETING).where(_MEETING.c.id == meeting_id))
        return None
    records = {r.document_id: known.get(r.document_id) or _stored_record(conn, r.document_id) for r in reports}
    best = max(reports, key=lambda r: (derive.report_rank(records[r.document_id], r.uri), -r.id))
    conn.execute(update(_REPORT).where(_REPORT.c.meeting_id == meeting_id).values(is_primary=_REPORT.c.id == best.id))
    record = records[best.document_id]
    slug: str = conn.execute(
        update(_MEETING)
        .where(_MEETING.c.id == meeting_id)
        .values(document_id=best.document_id, **derive.meeting_fields(record))
        .returning(_MEETING.c.slug)
    ).scalar_one()
    others = [(r.document_id, records[r.document_id]) for r in reports if r.id != best.id]
    _write_items(conn, meeting_id, slug, best.document_id, record, others)
    return slug


def _write_items(
    conn: Connection, meeting_id: int, slug: str, document_id: int, record: Record, others: list[tuple[int, Record]]
) -> None:
    """The meeting's items from its primary report's record, and the search entries of its items
    and of its other reports in other languages (:func:`derive.indexed_reports`); in a batch, at
    its end (:func:`write_deferred`)."""
    batch: _Batch | None = conn.info.get(BATCH)
    if batch is not None:
        batch.items[meeting_id] = _Waiting(slug, document_id, record, others)
        return
    rows = derive.items(record, meeting_id, slug, document_id)
    _insert(conn, _PERSON, rows.people)
    _insert(conn, _AREA, rows.areas)
    for measure, area in zip(rows.measures, rows.measure_area, strict=True):
        measure["area_id"] = rows.areas[area]["id"]
    _insert(conn, _MEASURE, rows.measures)
    _insert(conn, _AGREEMENT, rows.agreements)
    entries = derive.search_entries(meeting_id, rows)
    for other_id, other in derive.indexed_reports([(document_id, record), *others]):
        entries += derive.report_entry_rows(meeting_id, other_id, other)
    if entries:
        conn.execute(_NEW_ENTRIES, entries)


def write_deferred(conn: Connection) -> None:
    """The end of a batch: the rows still waiting (:func:`begin_batch`), then the items and search
    entries of the meetings made or rebuilt in it, one ``executemany`` per table."""
    batch: _Batch | None = conn.info.pop(BATCH, None)
    if batch is None:
        return
    _write_new(conn, batch)
    made = [(mid, w, derive.items(w.record, mid, w.slug, w.document_id)) for mid, w in batch.items.items()]
    for _mid, _w, rows in made:
        for measure, area in zip(rows.measures, rows.measure_area, strict=True):
            measure["_area"] = rows.areas[area]
    _insert(conn, _PERSON, [row for _mid, _w, rows in made for row in rows.people])
    _insert(conn, _AREA, [row for _mid, _w, rows in made for row in rows.areas])
    measures = [row for _mid, _w, rows in made for row in rows.measures]
    for measure in measures:
        measure["area_id"] = measure.pop("_area")["id"]
    _insert(conn, _MEASURE, measures)
    _insert(conn, _AGREEMENT, [row for _mid, _w, rows in made for row in rows.agreements])
    entries = []
    for mid, waiting, rows in made:
        entries += derive.search_entries(mid, rows)
        for other_id, other in derive.indexed_reports([(waiting.document_id, waiting.record), *waiting.others]):
            entries += derive.report_entry_rows(mid, other_id, other)
    if entries:
        _insert_rows(conn, _ENTRY, entries)


@dataclass(frozen=True)
class _Stored:
    """A stored source's current version, and the slug of the meeting it reports (if any)."""

    version: int
    sha256: str
    parser_version: str
    slug: str | None


@dataclass
class _Waiting:
    """A meeting whose items wait for the end of the batch: its primary report's document and
    record, and its other reports' (for their search entries). None of its items is stored."""

    slug: str
    document_id: int
    record: Record
    others: list[tuple[int, Record]] = field(default_factory=list)


@dataclass
class _New:
    """The rows of a new source of a new meeting (or of none), waiting to be inserted."""

    source: dict[str, Any]
    version: dict[str, Any]
    meeting: dict[str, Any] | None
    record: Record


@dataclass
class _Batch:
    """What a batch's look-ups found, kept true by the batch's own writes, and what waits.

    ``sources`` holds each uri of the batch not met yet: what is stored for it (None: nothing).
    ``free_identities`` and ``free_slugs`` hold those of the batch's meetings that no meeting
    has; whatever a document of the batch may have given a meeting is taken out of them.
    """

    sources: dict[str, _Stored | None]
    free_identities: set[str]
    free_slugs: set[str]
    new: list[_New] = field(default_factory=list)
    items: dict[int, _Waiting] = field(default_factory=dict)

    def take(self, doc: Document, record: Record, now: dt.datetime) -> Ingested | None:
        """The document's outcome, if the look-ups decide it (its rows, if any, wait in ``new``);
        None if it needs the database (its uri is then met: the next one looks it up)."""
        if doc.uri not in self.sources:
            return None
        stored = self.sources.pop(doc.uri)
        if stored is not None:
            if stored.sha256 == doc.sha256 and not older(stored.parser_version, record.parser_version):
                self.sources[doc.uri] = stored  # nothing written: it stays true
                return Ingested(Outcome.UNCHANGED, stored.version, stored.slug)
            return None
        meeting = None
        if record.relevant:
            identity = derive.record_identity(record)
            slug = derive.meeting_slug(record, doc.sha256)
            if (identity is not None and identity not in self.free_identities) or slug not in self.free_slugs:
                return None  # reported again, or a slug to number: looked up
            self.free_identities.discard(identity or "")
            self.free_slugs.discard(slug)
            meeting = {"identity": identity, "slug": slug, **derive.meeting_fields(record)}
        source = {"uri": doc.uri, "name": doc.source, "first_seen_at": now}
        self.new.append(_New(source, _version_row(doc, None, 1, _fill(record, now)), meeting, record))
        return Ingested(Outcome.INSERTED, 1, meeting["slug"] if meeting else None)

    def wrote(self, record: Record, result: Ingested) -> None:
        """A document written statement by statement may have given its meeting an identity (its
        own, or with its years) and a slug: neither is free any more."""
        identity = derive.record_identity(record)
        if identity is not None:
            self.free_identities.discard(identity)
            years = derive.record_years(record)
            if years is not None:
                self.free_identities.discard(derive.dated_identity(identity, years))
        if result.meeting is not None:
            self.free_slugs.discard(result.meeting)


def begin_batch(conn: Connection, parsed: Sequence[tuple[Document, Record]]) -> None:
    """From now on, until :func:`write_deferred`, ``conn`` writes these documents as a batch: what
    is stored of their uris, meeting identities and slugs looked up now, a statement each."""
    uris = {doc.uri for doc, _record in parsed}
    relevant = [(doc, record) for doc, record in parsed if record.relevant]
    identities = {i for _doc, record in relevant if (i := derive.record_identity(record)) is not None}
    slugs = {derive.meeting_slug(record, doc.sha256) for doc, record in relevant}
    sources: dict[str, _Stored | None] = dict.fromkeys(uris)
    for row in _look_up(conn, _STORED_SOURCES, uris):
        if row.version is None:  # a source without a current version: looked up when met
            sources.pop(row.uri)
        else:
            sources[row.uri] = _Stored(row.version, row.sha256, row.parser_version, row.slug)
    taken_identities = set(_look_up(conn, _MEETING_IDENTITIES, identities, scalars=True))
    taken_slugs = set(_look_up(conn, _MEETING_SLUGS, slugs, scalars=True))
    conn.info[BATCH] = _Batch(sources, identities - taken_identities, slugs - taken_slugs)


def _look_up(conn: Connection, stmt: Any, values: set[str], *, scalars: bool = False) -> list[Any]:
    """The rows (or first column) of ``stmt`` for ``values`` (its expanding parameter), in chunks."""
    ordered = sorted(values)
    found: list[Any] = []
    for start in range(0, len(ordered), _LOOKUP_CHUNK):
        result = conn.execute(stmt, {"values": ordered[start : start + _LOOKUP_CHUNK]})
        found += result.scalars().all() if scalars else result.all()
    return found


def _write_new(conn: Connection, batch: _Batch) -> None:
    """The new sources waiting in the batch, in order: sources, versions, meetings and reports, an
    ``executemany`` each; the meetings' items wait on, for :func:`write_deferred`."""
    new, batch.new = batch.new, []
    if not new:
        return
    _insert(conn, _SOURCE, [n.source for n in new])
    for n in new:
        n.version["source_id"] = n.source["id"]
    _insert(conn, _VERSION, [n.version for n in new])
    meetings = [(n, n.meeting) for n in new if n.meeting is not None]
    for n, meeting in meetings:
        meeting["document_id"] = n.version["id"]
    _insert(conn, _MEETING, [meeting for _n, meeting in meetings])
    reports = []
    for n, meeting in meetings:
        reports.append({"meeting_id": meeting["id"], "source_id": n.source["id"], "document_id": n.version["id"],
                        "is_primary": True})  # fmt: skip
        batch.items[meeting["id"]] = _Waiting(meeting["slug"], n.version["id"], n.record)
    if reports:
        conn.execute(_NEW_REPORT, reports)


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows in one ``executemany``; each row gets the ``id`` it was stored under."""
    if not rows:
        return
    taken = _new_ids(conn, table, len(rows))
    ids = taken if taken is not None else conn.execute(_NEW_ROWS[table.name], rows).scalars().all()
    for row, row_id in zip(rows, ids, strict=True):
        row["id"] = row_id
    if taken is not None:
        _insert_rows(conn, table, rows)


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows as they are: on PostgreSQL, many of them with ``COPY`` (one statement, where
    an ``executemany`` sends one a row: 45,000 at 1,000 pages), else an ``executemany``."""
    if conn.dialect.name == "postgresql" and len(rows) >= _MANY_ROWS:
        _copy(conn, table, rows)
    else:
        conn.execute(insert(table), rows)


def _copy(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``COPY`` the rows into the table, each value bound as an ``insert`` would bind it (the column
    types' own conversions: JSON, moments in UTC) and a missing column given its default. What the
    database refuses is raised as SQLAlchemy's error, as from an ``insert``: the batch is then
    written again document by document (:meth:`Store.ingest_batch`)."""
    import psycopg  # only for PostgreSQL's stores

    dialect = conn.dialect
    given = list(rows[0])
    missing = [c for c in table.columns if c.name not in rows[0] and c.default is not None and c.default.is_scalar]
    columns = [table.c[name] for name in given] + missing
    binds = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    defaults = [c.default.arg for c in missing]  # type: ignore[union-attr]
    names = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    statement = f"COPY {dialect.identifier_preparer.format_table(table)} ({names}) FROM STDIN"
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                values = [row[name] for name in given] + defaults
                copy.write_row([v if bind is None else bind(v) for v, bind in zip(values, binds, strict=True)])
    except psycopg.Error as exc:
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc
    finally:
        cursor.close()


def _new_ids(conn: Connection, table: Table, n: int) -> list[int] | None:
    """Ids for ``n`` new rows of the table, taken before they are inserted (None: read them back).

    The rows then go with their ids through the driver's ``executemany``: read back with
    ``RETURNING`` they go a statement a row on SQLite (its multi-row order is unsaid), and on
    PostgreSQL as multi-row statements whose placeholders psycopg rewrites in Python, at a cost
    growing faster than the rows. SQLite's are the ids it would give (one past the largest, no
    table being ``AUTOINCREMENT``; the write lock is held); PostgreSQL's come from the sequence.
    """
    if conn.dialect.name == "sqlite":
        last = conn.scalar(select(func.max(table.c.id))) or 0
        return list(range(last + 1, last + 1 + n))
    if conn.dialect.name == "postgresql" and n >= _MANY_ROWS:
        return sorted(conn.execute(_NEXT_IDS, {"table": table.name, "n": n}).scalars())
    return None


def _stored_record(conn: Connection, version_id: int) -> Record:
    found = conn.execute(select(_VERSION.c.record, _VERSION.c.cleaned_text).where(_VERSION.c.id == version_id)).one()
    return Record.model_validate({**found.record, "text": found.cleaned_text})


def _free_slug(conn: Connection, slug: str) -> str:
    """The slug, or with ``-2``, ``-3`` … appended when other meetings hold it already.

    The usual case, a slug no meeting holds, is one look-up in the slug's index; only a taken
    slug reads the numbered ones (a prefix search, which no index serves on every database).
    """
    if conn.scalar(_MEETING_BY_SLUG, {"slug": slug}) is None:
        return slug
    like = _MEETING.c.slug.startswith(f"{slug}-", autoescape=True)
    taken = set(conn.scalars(select(_MEETING.c.slug).where(like)))
    return next(f"{slug}-{n}" for n in range(2, len(taken) + 3) if f"{slug}-{n}" not in taken)


def older(stored: str, current: str) -> bool:
    """Whether ``stored`` is an older parser version than ``current`` (``1.2.10`` > ``1.2.9``)."""
    return _version_key(stored) < _version_key(current)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in version.split("."))
