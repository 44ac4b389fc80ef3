"""Every meeting with its items as plain objects, for the web server's view of the store.

:meth:`Store.all_meetings` hands out ORM objects: right for a command that reads a store once, too
heavy for a server that holds every meeting in each worker (each ORM object carries its identity
state; at 10,000 pages that was ~1.1 GB and 17 s to load). :func:`load` reads the same rows with
Core statements, one per table, into slotted objects with the ORM models' attribute names, so the
knowledge modules, the views and the templates read them unchanged. A document's cleaned text and
record (most of its bytes) are not held: they are read when a page asks for them
(:class:`DocumentVersion`), the last few kept.

Repeated small values (themes, flags, roles, kinds, partners) are stored once (:class:`_Interned`).
"""

from __future__ import annotations

import builtins
import ctypes
import datetime as dt
import functools
import gc
import itertools
import json
import operator
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Text, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from cooptrack.completeness import Completeness
from cooptrack.store import models

_BATCH = 2000  # rows fetched at a time
_TEXTS_KEPT = 64  # cleaned texts and records kept after a page read them


_SETTLE_AFTER = 100_000  # objects built: past this many, what was built is frozen (:func:`settle`)
_let_go = False  # a view was replaced since the last settle: collect once before freezing again


@contextmanager
def no_collection() -> Iterator[None]:
    """Build many long-lived objects without the cyclic collector scanning them again and again
    (it took over half of the load's time at 10,000 pages), then :func:`settle` them if they are many."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > _SETTLE_AFTER:
                settle()
            gc.enable()


def settle() -> None:
    """Move every object alive into the collector's permanent generation (``gc.freeze``): a full
    collection scans a view of 10,000 pages (1.2 million objects) in about a second, and one fell
    due in whichever request came next, again and again as pages kept answers. After a view was
    let go (:func:`let_go`), one collection first frees what it held."""
    global _let_go
    if _let_go:
        _let_go = False
        gc.collect()
    gc.freeze()
    _trim()


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    found: Callable[[int], int] | None = _glibc("malloc_trim")
    return found


def _glibc(name: str) -> Any:
    """A function of glibc's, None under another C library."""
    try:
        return getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):  # another C library: nothing to call
        return None


_M_ARENA_MAX = -8  # glibc's mallopt parameter: how many malloc arenas the process may have


def few_arenas(count: int = 2) -> None:
    """Let the C library keep at most ``count`` arenas of memory (a server process's, before its
    threads allocate): glibc makes one for each thread that allocates at once, up to eight a core,
    and what a page's rendering freed in each stays with the process (50 clients at once: +50 MiB a
    worker at 10,000 pages, +10 with two). Under another C library nothing is done."""
    mallopt = _glibc("mallopt")
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, count)


def _trim() -> None:
    """Give the memory freed while building (decoded rows, the old view) back to the system: the C
    library keeps it for the process otherwise (glibc's ``malloc_trim``; about 20 MiB a view at
    10,000 pages; elsewhere nothing is done)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def let_go() -> None:
    """A view is replaced: what was frozen may be collected again (the old view's cycles among it)."""
    global _let_go
    _let_go = True
    gc.unfreeze()


class _Interned:
    """One tuple (or string) for each distinct value: a theme list repeated 100,000 times is held once."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}
        self._decoded: dict[str, tuple[Any, ...]] = {}
        self._numbers: dict[int | None, int | None] = {}

    def numbers(self) -> Callable[[int | None, int | None], int | None]:
        """``at(n, n)``: one int object for each offset (None for None): spans repeat across
        documents of one layout (800,000 offsets held at 10,000 pages, 28 bytes each, fewer than
        60,000 of them distinct)."""
        return self._numbers.setdefault

    def tuple(self, values: list[Any] | None) -> tuple[Any, ...]:
        key = tuple(values or ())
        found: tuple[Any, ...] = self._seen.setdefault(key, key)
        return found

    def text(self, value: str | None) -> str | None:
        return None if value is None else self._seen.setdefault(value, value)

    def json(self, raw: str | None) -> builtins.tuple[Any, ...]:
        """A JSON list of strings as the database holds it (``'["trade"]'``), decoded once per distinct value."""
        if raw is None:
            return ()
        found = self._decoded.get(raw)
        if found is None:
            found = self._decoded[raw] = self.tuple(json.loads(raw))
        return found


class Texts:
    """A document version's cleaned text and record, read by id when asked for; the last
    :data:`_TEXTS_KEPT` kept (a meeting page reads its text several times)."""

    def __init__(self, session_factory: Callable[[], AbstractContextManager[Session]]) -> None:
        self._session = session_factory
        self._kept: OrderedDict[int, tuple[str, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()
        self._pinned: dict[int, tuple[str, dict[str, Any]]] = {}

    @contextmanager
    def pinned(self, document_ids: Iterable[int]) -> Iterator[None]:
        """Within the block, these documents' texts and records are read by one statement per
        thousand and held (people are gathered from every meeting's other reports at once)."""
        wanted, found = sorted(set(document_ids)), {}
        table = models.DocumentVersion.__table__
        with self._session() as session:
            for start in range(0, len(wanted), 1000):
                chunk = wanted[start : start + 1000]
                stmt = select(table.c.id, table.c.cleaned_text, table.c.record).where(table.c.id.in_(chunk))
                found.update({r.id: (r.cleaned_text, r.record) for r in session.execute(stmt)})
        self._pinned = found
        try:
            yield
        finally:
            self._pinned = {}

    def of(self, document_id: int) -> tuple[str, dict[str, Any]]:
        if document_id in self._pinned:
            return self._pinned[document_id]
        with self._lock:
            if document_id in self._kept:
                self._kept.move_to_end(document_id)
                return self._kept[document_id]
        table = models.DocumentVersion.__table__
        with self._session() as session:
            row = session.execute(select(table.c.cleaned_text, table.c.record).where(table.c.id == document_id)).one()
        found = (row.cleaned_text, row.record)
        with self._lock:
            self._kept[document_id] = found
            while len(self._kept) > _TEXTS_KEPT:
                self._kept.popitem(last=False)
        return found


@dataclass(slots=True, eq=False)
class Source:
    id: int
    uri: str
    name: str
    first_seen_at: dt.datetime


@dataclass(slots=True, eq=False)
class DocumentVersion:
    id: int
    source_id: int
    version: int
    sha256: str
    size: int
    encoding: str
    media_type: str
    fetched_at: dt.datetime
    ingested_at: dt.datetime
    parser_version: str
    relevant: bool
    relevance_reason: str | None
    is_current: bool
    source: Source
    texts: Texts = field(repr=False)

    @property
    def cleaned_text(self) -> str:
        return self.texts.of(self.id)[0]

    @property
    def record(self) -> dict[str, Any]:
        return self.texts.of(self.id)[1]

    def record_json(self) -> dict[str, Any]:
        """As :meth:`cooptrack.store.models.DocumentVersion.record_json`."""
        text, record = self.texts.of(self.id)
        return {**record, "text": text}


class _Spanned:
    __slots__ = ()
    span_start: int | None
    span_end: int | None

    @property
    def span(self) -> tuple[int, int] | None:
        if self.span_start is None or self.span_end is None:
            return None
        return (self.span_start, self.span_end)


@dataclass(slots=True, eq=False)
class Report:
    id: int
    meeting_id: int
    source_id: int
    document_id: int
    is_primary: bool
    source: Source
    document: DocumentVersion
    meeting: Meeting = field(repr=False)


@dataclass(slots=True, eq=False)
class Person(_Spanned):
    id: int
    meeting_id: int
    document_id: int
    position: int
    name: str
    honorific: str | None
    post: str | None
    side: str | None
    roles: tuple[str, ...]
    span_start: int | None
    span_end: int | None
    meeting: Meeting = field(repr=False)


@dataclass(slots=True, eq=False)
class Measure(_Spanned):
    id: int
    key: str
    meeting_id: int
    area_id: int
    document_id: int
    position: int
    text: str
    themes: tuple[str, ...]
    primary_theme: str | None
    quantities_json: str | None  # as stored (None: none named)
    span_start: int | None
    span_end: int | None
    meeting: Meeting = field(repr=False)
    area: Area = field(repr=False)

    @property
    def quantities(self) -> Sequence[dict[str, Any]]:
        """As :attr:`cooptrack.store.models.Measure.quantities`, decoded when asked for: a page
        shows a few measures, a view holds them all (decoded, 35,000 measures' amounts took 34 MiB
        at 10,000 pages, their JSON 9)."""
        return () if self.quantities_json is None else cast("list[dict[str, Any]]", json.loads(self.quantities_json))


@dataclass(slots=True, eq=False)
class Area(_Spanned):
    id: int
    meeting_id: int
    document_id: int
    position: int
    heading: str | None
    themes: tuple[str, ...]
    extent_start: int | None
    extent_end: int | None
    span_start: int | None
    span_end: int | None
    meeting: Meeting = field(repr=False)
    measures: list[Measure] = field(default_factory=list, repr=False)


@dataclass(slots=True, eq=False)
class Agreement(_Spanned):
    id: int
    key: str
    meeting_id: int
    document_id: int
    position: int
    title: str
    kind: str
    annex: str | None
    chinese_only: bool
    signatories: tuple[str, ...]
    span_start: int | None
    span_end: int | None
    meeting: Meeting = field(repr=False)


@dataclass(slots=True, eq=False)
class Meeting(_Spanned):
    id: int
    slug: str
    identity: str | None
    document_id: int
    mechanism: str | None
    partner: str | None
    kind: str | None
    ordinal: int | None
    date: dt.date | None
    date_text: str | None
    year: int | None
    year_from: int | None
    year_to: int | None
    year_reasons: tuple[str, ...]
    venue: str | None
    declared_area_count: int | None
    flags: tuple[str, ...]
    document_kind: str
    title: str | None
    span_start: int | None
    span_end: int | None
    document: DocumentVersion = field(repr=False)
    reports: list[Report] = field(default_factory=list, repr=False)
    people: list[Person] = field(default_factory=list, repr=False)
    areas: list[Area] = field(default_factory=list, repr=False)
    measures: list[Measure] = field(default_factory=list, repr=False)
    agreements: list[Agreement] = field(default_factory=list, repr=False)

    @property
    def completeness(self) -> Completeness:
        """As :attr:`cooptrack.store.models.Meeting.completeness`."""
        return Completeness.of(list(self.flags), self.declared_area_count, len(self.areas), len(self.measures))


def load(session: Session, texts: Texts, slug: str | None = None) -> list[Meeting]:
    """Every meeting with its reports, people, areas, measures and agreements, in slug order (as
    :meth:`Store.all_meetings`), read by one statement per table; with ``slug``, that meeting alone
    (none if there is no such meeting), read by the same statements narrowed to it."""
    seen = _Interned()
    at = seen.numbers()
    one: Any = None  # the meeting's id when one is read
    if slug is not None:
        one = session.execute(select(models.Meeting.id).where(models.Meeting.slug == slug)).scalar()
        if one is None:
            return []

    def of(model: Any) -> Any:  # a table's rows of the meeting read (every row when all are)
        return None if one is None else (model.__table__.c.id if model is models.Meeting else model.meeting_id) == one

    def narrowed(stmt: Any, model: Any) -> Any:
        return stmt if one is None else stmt.where(of(model))

    with no_collection():
        wanted = (
            narrowed(select(models.Meeting.document_id), models.Meeting)
            .union(narrowed(select(models.Report.document_id), models.Report))
            .subquery()
        )
        in_sources = None if one is None else models.Source.id.in_(
            select(models.DocumentVersion.source_id).where(models.DocumentVersion.id.in_(select(wanted)))
        )  # fmt: skip
        sources = {r.id: Source(r.id, r.uri, r.name, r.first_seen_at)
                   for r in _rows(session, models.Source, where=in_sources)}  # fmt: skip
        version = models.DocumentVersion.__table__
        columns = [c for c in version.c if c.name not in ("cleaned_text", "record")]
        documents = {
            r.id: DocumentVersion(
                r.id,
                r.source_id,
                r.version,
                r.sha256,
                r.size,
                seen.text(r.encoding) or "",
                seen.text(r.media_type) or "",
                r.fetched_at,
                r.ingested_at,
                seen.text(r.parser_version) or "",
                r.relevant,
                r.relevance_reason,
                r.is_current,
                sources[r.source_id],
                texts,
            )
            for r in session.connection().execute(select(*columns).where(version.c.id.in_(select(wanted))))
        }
        meetings: dict[int, Meeting] = {}
        for r in _rows(session, models.Meeting, models.Meeting.slug, where=of(models.Meeting)):
            meetings[r.id] = Meeting(
                r.id, r.slug, r.identity, r.document_id, seen.text(r.mechanism), seen.text(r.partner),
                seen.text(r.kind), r.ordinal, r.date, r.date_text, r.year, r.year_from, r.year_to,
                seen.json(r.year_reasons), r.venue, r.declared_area_count, seen.json(r.flags),
                seen.text(r.document_kind) or "", r.title, r.span_start, r.span_end, documents[r.document_id],
            )  # fmt: skip
        for r in _rows(session, models.Report, models.Report.id, where=of(models.Report)):
            m = meetings[r.meeting_id]
            m.reports.append(
                Report(
                    r.id,
                    r.meeting_id,
                    r.source_id,
                    r.document_id,
                    r.is_primary,
                    sources[r.source_id],
                    documents[r.document_id],
                    m,
                )
            )
        # the three largest tables: their rows unpacked by position (a row's attributes, read by
        # name, cost more than the objects made from them); a measure's words interned, so that the
        # next view (after a write) holds the same string, not a copy, where the pairs of measures
        # worded alike are remembered by their words (knowledge.changes._alike)
        people = ("id", "meeting_id", "document_id", "position", "name", "honorific", "post", "side", "roles",
                  "span_start", "span_end")  # fmt: skip
        for id_, meeting_id, document_id, position, name, honorific, post, side, roles, start, end in _rows(
            session, models.Person, _POSITION, people, of(models.Person)
        ):
            m = meetings[meeting_id]
            m.people.append(
                Person(id_, m.id, _same(document_id, m.document_id), position, name, seen.text(honorific),
                       seen.text(post), seen.text(side), seen.json(roles), at(start, start), at(end, end), m)
            )  # fmt: skip
        areas: dict[int, Area] = {}
        heads = ("id", "meeting_id", "document_id", "position", "heading", "themes", "extent_start", "extent_end",
                 "span_start", "span_end")  # fmt: skip
        for id_, meeting_id, document_id, position, heading, themes, ex_start, ex_end, start, end in _rows(
            session, models.Area, _POSITION, heads, of(models.Area)
        ):
            m = meetings[meeting_id]
            area = Area(id_, m.id, _same(document_id, m.document_id), position, heading, seen.json(themes),
                        at(ex_start, ex_start), at(ex_end, ex_end), at(start, start), at(end, end), m)  # fmt: skip
            areas[id_] = area
            m.areas.append(area)
        items = ("id", "key", "meeting_id", "area_id", "document_id", "position", "text", "themes", "primary_theme",
                 "quantities", "span_start", "span_end")  # fmt: skip
        for id_, key, meeting_id, area_id, document_id, position, text, themes, primary, amounts, start, end in _rows(
            session, models.Measure, _POSITION, items, of(models.Measure)
        ):
            m, area = meetings[meeting_id], areas[area_id]
            x = Measure(id_, key, m.id, area.id, _same(document_id, m.document_id), position, sys.intern(text),
                        seen.json(themes), seen.text(primary), _quantities(amounts), at(start, start), at(end, end), m,
                        area)  # fmt: skip
            m.measures.append(x)
            area.measures.append(x)
        for r in _rows(session, models.Agreement, _POSITION, where=of(models.Agreement)):
            m = meetings[r.meeting_id]
            m.agreements.append(
                Agreement(r.id, r.key, m.id, _same(r.document_id, m.document_id), r.position, r.title,
                          seen.text(r.kind) or "", r.annex, r.chinese_only, seen.json(r.signatories),
                          at(r.span_start, r.span_start), at(r.span_end, r.span_end), m)
            )  # fmt: skip
        for m in meetings.values():  # in the order of their positions, as the ORM's relationships are
            for held in (m.people, m.areas, m.measures, m.agreements):
                held.sort(key=_IN_ORDER)
            for area in m.areas:
                area.measures.sort(key=_IN_ORDER)
        return list(meetings.values())


_LISTS = frozenset({"year_reasons", "flags", "roles", "themes", "signatories", "quantities"})  # JSON lists of strings


def _same(value: int, held: int) -> int:
    """``held`` when equal: one int object for the id every item of a meeting repeats."""
    return held if value == held else value


def _quantities(raw: str | None) -> str | None:
    """A measure's quantities as stored (most have none: None)."""
    return None if raw is None or raw == "[]" else raw


# The items of a meeting (people, areas, measures, agreements) are read in no order and put in the
# order of their positions, meeting by meeting (:func:`load`): sorting every measure in the database
# (SQLite builds a temporary B-tree of the whole table, texts and all) took as long as reading them.
_POSITION = "position"
_IN_ORDER = operator.attrgetter("position", "id")


def _rows(
    session: Session, model: Any, order: Any = None, names: Sequence[str] | None = None, where: Any = None
) -> Any:
    """Every row of a model's table (or these of its columns, in this order; those ``where`` holds),
    in ``order`` then id (the ORM relationships' order), in no order for :data:`_POSITION` (the
    caller sorts); its JSON lists of strings as the text stored (:meth:`_Interned.json` decodes
    each distinct one once)."""
    table = model.__table__
    columns = [table.c[n] for n in names] if names is not None else list(table.c)
    stmt = select(*(sql_cast(c, Text).label(c.name) if c.name in _LISTS else c for c in columns))
    stmt = stmt if where is None else stmt.where(where)
    if order is _POSITION:
        ordered = stmt
    else:
        ordered = stmt.order_by(order, table.c.id) if order is not None else stmt.order_by(table.c.id)
    # Core rows, in batches (no copy of a whole table); the ORM's result processing is not needed
    result = session.connection().execute(ordered.execution_options(yield_per=_BATCH))
    return itertools.chain.from_iterable(result.partitions())  # a batch at a time: not a call per row


def stored(m: object) -> models.Meeting | None:
    """``m`` as a stored meeting (the ORM's, or this module's with the same attributes), else None."""
    return cast("models.Meeting", m) if isinstance(m, models.Meeting | Meeting) else None
