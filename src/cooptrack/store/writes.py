"""Ingesting one parsed document inside a write transaction, with SQLAlchemy Core statements.

:meth:`Store.ingest_batch <cooptrack.store.store.Store.ingest_batch>` runs :func:`ingest` once
per document of a batch, in the batch's one transaction (each in a savepoint when the batch is
written again because the database refused one: that one is rolled back alone, the others
stay). Every statement is a Core ``insert`` / ``update`` / ``delete`` / ``select`` on the tables
of :mod:`.models` (no ORM unit of work). The items of the batch's new meetings wait for
:func:`write_deferred` at its end: one ``executemany`` per table, their ids read back with
``RETURNING`` (SQLite ≥ 3.35 and PostgreSQL), then their search entries in one more; a meeting
reported again is rebuilt at once (:func:`_settle`).

What is written is what the ORM version of this code wrote: a source keeps every distinct
content as a numbered version, the current one supplies its meeting's rows; a meeting's facts
and items come from its best report (:func:`derive.report_rank`); the same bytes parsed by the
same or a newer parser write nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update

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
PENDING = "cooptrack_pending_items"  # conn.info: new meetings whose items wait for the end of the batch

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
_NEW_ITEMS = {t.name: insert(t).returning(t.c.id, sort_by_parameter_order=True) for t in _ITEM_TABLES}


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
    """Write one document (its source, version, report, meeting and items) on ``conn``."""
    found = conn.execute(_SOURCE_BY_URI, {"uri": doc.uri}).first()
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
        fetched = doc.fetched_at if doc.fetched_at.tzinfo else doc.fetched_at.replace(tzinfo=dt.UTC)
        columns = {
            "source_id": source_id, "version": number, "sha256": doc.sha256, "size": len(doc.raw),
            "encoding": doc.encoding, "media_type": doc.media_type, "fetched_at": fetched, "is_current": True,
        }  # fmt: skip
        version_id = conn.execute(_NEW_VERSION, {**columns, **fill}).scalar_one()
    slug = _replace_meeting(conn, source_id, version_id, doc.sha256, record, known_source=found is not None)
    return Ingested(outcome, number, slug)


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
        pending = conn.info.get(PENDING)
        if pending is None:
            _write_items(conn, meeting_id, slug, version_id, record, [])
        else:  # written with the other new meetings of the batch, by write_deferred
            pending[meeting_id] = (slug, version_id, record)
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
    pending = conn.info.get(PENDING)
    if pending:
        pending.pop(meeting_id, None)  # a new meeting of this batch: its items are written here instead
    for table in _ITEM_TABLES:
        conn.execute(delete(table).where(table.c.meeting_id == meeting_id))
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
    and of its other reports in other languages (:func:`derive.indexed_reports`)."""
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


def defer_items(conn: Connection) -> None:
    """From now on, new meetings' items wait for :func:`write_deferred` (at the end of a batch)."""
    conn.info[PENDING] = {}


def write_deferred(conn: Connection) -> None:
    """The items and search entries of the batch's new meetings: one ``executemany`` per table."""
    pending: dict[int, tuple[str, int, Record]] = conn.info.pop(PENDING, None) or {}
    made = [(mid, derive.items(record, mid, slug, document_id)) for mid, (slug, document_id, record) in pending.items()]
    for _mid, rows in made:
        for measure, area in zip(rows.measures, rows.measure_area, strict=True):
            measure["_area"] = rows.areas[area]
    _insert(conn, _PERSON, [row for _mid, rows in made for row in rows.people])
    _insert(conn, _AREA, [row for _mid, rows in made for row in rows.areas])
    measures = [row for _mid, rows in made for row in rows.measures]
    for measure in measures:
        measure["area_id"] = measure.pop("_area")["id"]
    _insert(conn, _MEASURE, measures)
    _insert(conn, _AGREEMENT, [row for _mid, rows in made for row in rows.agreements])
    entries = [entry for mid, rows in made for entry in derive.search_entries(mid, rows)]
    if entries:
        conn.execute(_NEW_ENTRIES, entries)


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows in one ``executemany``; each row gets the ``id`` it was stored under."""
    if not rows:
        return
    ids = conn.execute(_NEW_ITEMS[table.name], rows).scalars().all()
    for row, row_id in zip(rows, ids, strict=True):
        row["id"] = row_id


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
