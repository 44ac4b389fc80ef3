"""Tracking what became of each measure: append-only status events, kept across re-parses.

An event names its measure by the measure's stable ``key`` (meeting slug + normalised text),
and keeps the meeting slug and the text it was recorded against. Measure rows are rebuilt on
every re-ingest, so an event is *attached* when read, in this order:

1. a measure with the event's key exists (the usual case: the same text parsed again);
2. a user re-attached the event to a measure that exists (:meth:`TrackingMixin.reattach_event`);
3. a measure of the same meeting reads almost the same (at least ``REATTACH_MIN`` alike, as
   ``knowledge.changes.reattach`` finds users' link decisions): a parser upgrade reworded it;
4. otherwise the event is *unattached*: listed for a user to resolve, never dropped.

Events are never updated nor deleted; a measure's status is the latest event attached to it
(``agreed`` when it has none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from cooptrack.errors import CooptrackError, NotFound
from cooptrack.knowledge.changes import REATTACH_MIN, similarity
from cooptrack.store.models import (
    AccountChange,
    Correction,
    DocumentVersion,
    Measure,
    Meeting,
    StoreChange,
    TrackerNote,
    TrackingEvent,
    TrackingReattach,
)
from cooptrack.vocab import EvidenceKind, TrackingStatus

NOTE_MAX = 4000
URL_MAX = 2000


class Attachment(NamedTuple):
    """Where an event stands now: the key of its measure (None if unattached) and how it was found."""

    key: str | None
    how: str  # "key", "user", "text", "unattached"


class NoteField(StrEnum):
    """What a tracker note says beside a status."""

    BUREAU = "bureau"  # the bureau or department responsible for the measure
    CHECKED = "checked"  # the day someone checked its progress


def _checked_note(field: NoteField, value: str) -> str:
    """The note's value, cleaned, or a one-line error: a bureau's name, or a past or present ISO day."""
    value = " ".join(value.split())
    if field is NoteField.BUREAU:
        if not value or len(value) > 300:
            raise CooptrackError("a bureau's name is needed (at most 300 characters)")
        return value
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CooptrackError(f'"{value}" is not a day (YYYY-MM-DD)') from exc
    if day > dt.datetime.now(dt.UTC).date():
        raise CooptrackError(f"{value} is in the future: a check is recorded on the day it was made")
    return day.isoformat()


class Stamp(NamedTuple):
    """What :meth:`TrackingMixin.stamp` reads. On SQLite: the latest document version and ingest, the
    latest meeting, the latest event, re-attachment, correction and tracker note (each an index's last
    entry: no count of rows). On PostgreSQL: the counts of ``store_change`` (``core_0013``), which its
    triggers move on every write: ``version`` the documents' (document versions and meetings),
    ``event`` the users' tracking decisions' (events, re-attachments, tracker notes), ``correction``
    the corrections'; the other parts None. One row read by its key, where the six indexes' latest
    entries cost the server about 100 µs of CPU on every request."""

    version: object
    ingested: object
    meetings: object
    event: object
    reattach: object
    correction: object
    note: object = None

    @property
    def documents(self) -> tuple[object, ...]:
        """The part an ingest or a re-parse changes (the meetings); users' decisions change the rest."""
        return (self.version, self.ingested, self.meetings)


@dataclass(frozen=True)
class _MeasureRef:
    """What attachment needs of a stored measure (a light row, not the ORM object)."""

    key: str
    text: str
    position: int
    slug: str


@dataclass
class Tracking:
    """Every event, attached to the measures that exist now, or listed as unattached."""

    by_measure: dict[str, list[tuple[TrackingEvent, Attachment]]]
    unattached: list[TrackingEvent]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a measure key -> its group's keys, in order

    def history(self, key: str) -> list[tuple[TrackingEvent, Attachment]]:
        """A measure's events, newest first."""
        return sorted(self.by_measure.get(key, []), key=lambda item: (item[0].made_at, item[0].id), reverse=True)

    def status(self, key: str) -> TrackingStatus:
        events = self.history(key)
        return TrackingStatus(events[0][0].status) if events else TrackingStatus.AGREED

    def latest(self, key: str) -> TrackingEvent | None:
        events = self.history(key)
        return events[0][0] if events else None

    def shared(self, groups: Iterable[Sequence[str]]) -> Tracking:
        """The same events, each visible from every measure of its group (a commitment's appearances):
        a group's status is the latest event recorded on any of its measures."""
        out = Tracking({}, list(self.unattached))
        for keys in groups:
            group = tuple(keys)
            out.groups.update(dict.fromkeys(group, group))
            events = [item for k in group for item in self.by_measure.get(k, [])]
            if events:
                out.by_measure.update(dict.fromkeys(group, events))
        for key, events in self.by_measure.items():
            out.by_measure.setdefault(key, events)
        return out

    def attached(self) -> list[tuple[TrackingEvent, Attachment]]:
        """Every attached event once (a shared view lists an event under several measures)."""
        seen: dict[int, tuple[TrackingEvent, Attachment]] = {}
        for items in self.by_measure.values():
            for event, where in items:
                seen.setdefault(event.id, (event, where))
        return list(seen.values())


_STAMP_PARTS = [part.scalar_subquery() for part in (
    select(func.max(DocumentVersion.id)),
    select(func.max(DocumentVersion.ingested_at)),
    select(func.max(Meeting.id)),  # (a meeting goes only in an ingest, which moves the two above)
    select(func.max(TrackingEvent.id)),
    select(func.max(TrackingReattach.id)),
    select(func.max(Correction.id)),
    select(func.max(TrackerNote.id)),
)]  # fmt: skip
_STAMP = select(*_STAMP_PARTS)
# on PostgreSQL with the count of writes to accounts, sessions and tokens (its triggers move it)
_ACCOUNTS = select(AccountChange.changes).where(AccountChange.id == 1).scalar_subquery()
# PostgreSQL's stamp: the counts its triggers move (core_0013), with the accounts' count
_COUNTS_AND_ACCOUNTS = select(StoreChange.documents, StoreChange.decisions, StoreChange.corrections, _ACCOUNTS).where(
    StoreChange.id == 1
)


def _counted(row: Sequence[Any]) -> tuple[Stamp, int | None]:
    """PostgreSQL's stamp and accounts' count from a row of ``_COUNTS_AND_ACCOUNTS``."""
    documents, decisions, corrections, accounts = row
    stamp = Stamp(documents, None, None, decisions, None, corrections)
    return stamp, (int(accounts) if accounts is not None else None)  # (None where its row is missing)


class TrackingMixin:
    """Store methods for tracking events (a base of :class:`~cooptrack.store.store.Store`)."""

    url: str
    _sessions: sessionmaker[Session]
    _written: Callable[[], AbstractContextManager[Session]]  # the store's write transaction (its lock, its errors)
    _read: Callable[[], AbstractContextManager[Session]]
    _connected: Callable[[], AbstractContextManager[Connection]]
    _data_version: Callable[[], int | None]
    _read_own: Callable[[Select[Any]], Sequence[Any] | None]  # a statement on PostgreSQL's kept connection
    _read_own_async: Callable[[Select[Any]], Awaitable[Sequence[Any] | None]]  # on the event loop's
    _known: tuple[int, Stamp] | None  # the last stamp read, with SQLite's data_version just before

    def record_event(
        self,
        measure_key: str,
        status: TrackingStatus,
        *,
        by: str,
        note: str | None = None,
        evidence_url: str | None = None,
        evidence_kind: EvidenceKind | None = None,
    ) -> TrackingEvent:
        """Append a status event to the measure with this key (which must exist)."""
        _check_event(note, evidence_url, evidence_kind)
        with self._written() as session:
            found = session.execute(
                select(Measure.text, Meeting.slug).join(Meeting).where(Measure.key == measure_key)
            ).first()
            if found is None:
                raise NotFound(f'no measure with key "{measure_key}"')
            row = TrackingEvent(
                measure_key=measure_key, meeting_slug=found.slug, measure_text=found.text, status=status.value,
                note=(note or "").strip() or None, evidence_url=(evidence_url or "").strip() or None,
                evidence_kind=evidence_kind.value if evidence_kind else None, made_by=by,
                made_at=dt.datetime.now(dt.UTC),
            )  # fmt: skip
            session.add(row)
        return row

    def record_note(self, measure_key: str, field: NoteField, value: str, *, by: str) -> TrackerNote:
        """Append a tracker note to the measure with this key (which must exist): the bureau responsible
        for it, or the day its progress was checked (an ISO date, not in the future)."""
        value = _checked_note(field, value)
        with self._written() as session:
            found = session.execute(
                select(Measure.text, Meeting.slug).join(Meeting).where(Measure.key == measure_key)
            ).first()
            if found is None:
                raise NotFound(f'no measure with key "{measure_key}"')
            row = TrackerNote(measure_key=measure_key, meeting_slug=found.slug, measure_text=found.text,
                              field=field.value, value=value, made_by=by, made_at=dt.datetime.now(dt.UTC))  # fmt: skip
            session.add(row)
        return row

    def notes(self) -> list[TrackerNote]:
        """Every tracker note ever written, oldest first."""
        with self._read() as session:
            return list(session.scalars(select(TrackerNote).order_by(TrackerNote.made_at, TrackerNote.id)))

    def reattach_event(self, event_id: int, measure_key: str, *, by: str) -> TrackingReattach:
        """Record that an event belongs to the measure ``measure_key`` (the event itself is unchanged)."""
        with self._written() as session:
            if session.get(TrackingEvent, event_id) is None:
                raise NotFound(f"no tracking event {event_id}")
            if session.scalar(select(Measure.id).where(Measure.key == measure_key)) is None:
                raise NotFound(f'no measure with key "{measure_key}"')
            row = TrackingReattach(event_id=event_id, measure_key=measure_key, made_by=by,
                                   made_at=dt.datetime.now(dt.UTC))  # fmt: skip
            session.add(row)
        return row

    def stamp(self) -> Stamp:
        """A cheap fingerprint of what readers see: it changes whenever an ingest, a re-parse, an event,
        a re-attachment or a user's correction is written (so a cached view of the store can be reused)."""
        return self.stamp_and_accounts()[0]

    def stamp_and_accounts(self) -> tuple[Stamp, int | None]:
        """:meth:`stamp`, and on PostgreSQL the count of writes to accounts, sessions and tokens read in
        the same statement (None on SQLite): what a signed-in request hands to
        :meth:`~.accounts.AccountsMixin.session_for` so that its session is not read again unchanged."""
        version = self._data_version()  # before the read: a commit in between is seen by the next check
        row: Sequence[Any] | None = self._read_own(_COUNTS_AND_ACCOUNTS)  # PostgreSQL: its own connection
        if row is not None:
            return _counted(row)
        with self._connected() as connection:  # one statement, no session (the web server asks on every request)
            if connection.dialect.name == "postgresql":
                return _counted(connection.execute(_COUNTS_AND_ACCOUNTS).one())
            found = Stamp(*connection.execute(_STAMP).one())
        self._known = (version, found) if version is not None else None
        return found, None

    async def stamp_and_accounts_async(self) -> tuple[Stamp, int | None] | None:
        """:meth:`stamp_and_accounts` on PostgreSQL, read without leaving the event loop (the web
        server's, on every request); None on SQLite, and when that read fails: read
        :meth:`stamp_and_accounts` then."""
        row = await self._read_own_async(_COUNTS_AND_ACCOUNTS)
        return None if row is None else _counted(row)

    def known_stamp(self) -> Stamp | None:
        """The stamp last read, when SQLite says that no connection has committed since (no query: a
        few microseconds, fit for an event loop); None when something may have been written, and
        always on PostgreSQL: read :meth:`stamp` then."""
        known = self._known
        if known is None:
            return None
        return known[1] if self._data_version() == known[0] else None

    def events(self) -> list[TrackingEvent]:
        """Every event ever recorded, oldest first."""
        with self._read() as session:
            return list(session.scalars(select(TrackingEvent).order_by(TrackingEvent.made_at, TrackingEvent.id)))

    def tracking(self) -> Tracking:
        """Every event attached to the measure it belongs to now, or listed as unattached.

        Only the measures the events name are looked up, and the measures of an event's meeting
        only when its measure is no longer stored (a re-parse changed its key): a store of 100,000
        measures and a few events reads a few rows, not every measure."""
        with self._read() as session:
            events = list(session.scalars(select(TrackingEvent).order_by(TrackingEvent.made_at, TrackingEvent.id)))
            chosen: dict[int, str] = {}
            for r in session.scalars(select(TrackingReattach).order_by(TrackingReattach.made_at, TrackingReattach.id)):
                chosen[r.event_id] = r.measure_key  # the latest decision stands
            named = sorted({e.measure_key for e in events} | set(chosen.values()))
            keys = {
                k for part in _parts(named) for k in session.scalars(select(Measure.key).where(Measure.key.in_(part)))
            }
            lost = sorted({e.meeting_slug for e in events if e.measure_key not in keys})
            found = select(Measure.key, Measure.text, Measure.position, Meeting.slug).join(Meeting)
            rows = [row for part in _parts(lost) for row in session.execute(found.where(Meeting.slug.in_(part)))]
        by_slug: dict[str, list[_MeasureRef]] = {}
        for row in rows:
            keys.add(row.key)
            by_slug.setdefault(row.slug, []).append(_MeasureRef(row.key, row.text, row.position, row.slug))
        out = Tracking({}, [])
        for event in events:
            where = _attach(event, keys, chosen, by_slug)
            if where.key is None:
                out.unattached.append(event)
            else:
                out.by_measure.setdefault(where.key, []).append((event, where))
        return out


def _parts(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """``values`` a few hundred at a time (one ``IN`` list each)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _attach(
    event: TrackingEvent, keys: set[str], chosen: dict[int, str], by_slug: dict[str, list[_MeasureRef]]
) -> Attachment:
    if event.id in chosen and chosen[event.id] in keys:
        return Attachment(chosen[event.id], "user")
    if event.measure_key in keys:
        return Attachment(event.measure_key, "key")
    # as knowledge.changes.reattach finds users' link decisions again: same meeting, wording close enough
    scored = [(similarity(event.measure_text, m.text), m.key) for m in by_slug.get(event.meeting_slug, [])]
    best = max(scored, default=None)
    if best is not None and best[0] >= REATTACH_MIN:
        return Attachment(best[1], "text")
    return Attachment(None, "unattached")


def _check_event(note: str | None, evidence_url: str | None, evidence_kind: EvidenceKind | None) -> None:
    if note is not None and len(note) > NOTE_MAX:
        raise CooptrackError(f"the note is {len(note)} characters long; at most {NOTE_MAX} are kept")
    url = (evidence_url or "").strip()
    if url and (len(url) > URL_MAX or not url.lower().startswith(("http://", "https://"))):
        raise CooptrackError("the evidence link must be an http:// or https:// address of at most 2000 characters")
    if evidence_kind is not None and not url:
        raise CooptrackError("say where the evidence is (a link) when saying whose evidence it is")
