"""From a record to the rows stored for it: pure functions, no database access.

A meeting gets a readable, stable slug (``beijing-plenary-5``); measures and agreements get a
key that stays the same when the same text is parsed again (the meeting's slug and the item's
normalised text, hashed), so that what users attach to them later survives re-parsing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cooptrack import mechanisms
from cooptrack.keys import mechanism_key, normalise, series_of
from cooptrack.record import Record
from cooptrack.store import grams
from cooptrack.store.models import ItemKind, SearchEntry
from cooptrack.vocab import MeetingKind, RemovalReason

_SLUG_KINDS: dict[MeetingKind, str] = {
    MeetingKind.PLENARY: "plenary",
    MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY: "hlm-plenary",
    MeetingKind.HIGH_LEVEL_MEETING: "hlm",
    MeetingKind.WORKING_MEETING: "working",
    MeetingKind.OTHER: "meeting",
}


def meeting_slug(record: Record, sha256: str) -> str:
    """``<partner>-<kind>-<ordinal>``; the date, then the document's hash, stand in for an ordinal."""
    entry = mechanisms.by_name(record.mechanism)
    partner = _slugify(record.partner or (entry.short if entry else "")) or "unknown"
    kind = _SLUG_KINDS[record.meeting.kind] if record.meeting.kind else "meeting"
    if record.meeting.ordinal is not None:
        number = str(record.meeting.ordinal)
    elif record.meeting.date is not None:
        number = record.meeting.date.isoformat()
    else:
        number = sha256[:8]
    return f"{partner}-{kind}-{number}"


def meeting_identity(
    mechanism: str | None, partner: str | None, kind: str | None, ordinal: int | None, date: dt.date | None
) -> str | None:
    """Which meeting a report is about: mechanism, series and ordinal (else date); None if neither."""
    key = mechanism_key(mechanism, partner)
    if not key:
        return None
    if ordinal is not None:
        return f"{key}|{series_of(kind)}|{ordinal}"
    if date is not None:
        return f"{key}|{series_of(kind)}|{date.isoformat()}"
    return None


def record_identity(record: Record) -> str | None:
    m = record.meeting
    return meeting_identity(record.mechanism, record.partner, m.kind.value if m.kind else None, m.ordinal, m.date)


def record_years(record: Record) -> tuple[int, int] | None:
    """The years the record's meeting was (or may have been) held: its date's, or the range inferred."""
    m = record.meeting
    return (m.date.year, m.date.year) if m.date else m.year_range


def years_apart(years: tuple[int, int] | None, stored_from: int | None, stored_to: int | None) -> bool:
    """Whether a report's years and a stored meeting's cannot overlap: then they are two meetings,
    whatever their ordinal (a 2012 story of a "second plenary" is not a source of the 2021 one)."""
    if years is None or stored_from is None or stored_to is None:
        return False
    return years[1] < stored_from or years[0] > stored_to


def dated_identity(identity: str, years: tuple[int, int]) -> str:
    """The identity of a meeting numbered like another one of other years: its years added."""
    lo, hi = years
    return f"{identity}|{lo}" if lo == hi else f"{identity}|{lo}-{hi}"


_COPY_SIGNS = frozenset({RemovalReason.MIRROR_PREFIX, RemovalReason.SITE_NAVIGATION, RemovalReason.PAGE_CHROME})


def report_rank(record: Record, uri: str) -> tuple[int, ...]:
    """How good a report of a meeting is; the highest supplies the meeting's facts.

    A report of the meeting held beats an announcement; a whole release beats a truncated one or
    one that needed foreign text cut; a Government page beats a copy; then the more items.
    """
    flags = {f.value for f in record.flags}
    copied = any(r.reason in _COPY_SIGNS for r in record.removed)
    web = uri.casefold().startswith(("http://", "https://"))
    official = not copied and (not web or ".gov.hk" in uri.casefold())
    items = len(record.people) + len(record.measures) + len(record.agreements)
    return (
        int(record.document_kind.value == "report"),
        int("truncated" not in flags),
        int("unrelated_content" not in flags),
        int(official),
        items,
    )


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def stable_key(slug: str, text: str, kind: str = ItemKind.MEASURE) -> str:
    """The key of an item: the same meeting and the same words give the same key."""
    payload = f"{kind}\x1f{slug}\x1f{normalise(text)}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def span_problem(record: Record) -> str | None:
    """Why the record's spans cannot be stored (one outside the text, or reversed), if they cannot."""
    size = len(record.text)
    spans: list[tuple[str, tuple[int, int] | None]] = [("the meeting", record.meeting.span)]
    spans += [(f"person {i}", p.span) for i, p in enumerate(record.people, 1)]
    spans += [(f"area {i}", a.span) for i, a in enumerate(record.areas, 1)]
    spans += [(f"measure {i}", m.span) for i, m in enumerate(record.measures, 1)]
    spans += [(f"agreement {i}", g.span) for i, g in enumerate(record.agreements, 1)]
    for label, span in spans:
        if span is not None and not 0 <= span[0] <= span[1] <= size:
            return f"the span of {label} ({span[0]}, {span[1]}) is outside the text ({size} characters)"
    return None


def meeting_fields(record: Record) -> dict[str, Any]:
    """The meeting's columns (all but its slug and document)."""
    m = record.meeting
    year_from, year_to = m.year_range or (None, None)
    year = m.date.year if m.date else (year_from if year_from is not None and year_from == year_to else None)
    return {
        "mechanism": record.mechanism,
        "partner": record.partner,
        "kind": m.kind.value if m.kind else None,
        "ordinal": m.ordinal,
        "date": m.date,
        "date_text": m.date_text,
        "year": year,
        "year_from": year_from,
        "year_to": year_to,
        "year_reasons": list(m.year_reasons),
        "venue": m.venue,
        "declared_area_count": record.declared_area_count,
        "flags": [f.value for f in record.flags],
        "document_kind": record.document_kind.value,
        "title": record.title,
        "span_start": m.span[0] if m.span else None,
        "span_end": m.span[1] if m.span else None,
    }


Row = dict[str, Any]  # a row for a SQLAlchemy Core insert: column name -> value


@dataclass
class Items:
    """The rows of one meeting's items, before they are stored (plain rows for Core inserts).

    ``measure_area[i]`` is the index in ``areas`` of the area measure ``i`` belongs to: its
    ``area_id`` is known once the areas are inserted. Each row gets its ``id`` once inserted.
    """

    people: list[Row] = field(default_factory=list)
    areas: list[Row] = field(default_factory=list)
    measures: list[Row] = field(default_factory=list)
    agreements: list[Row] = field(default_factory=list)
    measure_area: list[int] = field(default_factory=list)


def items(record: Record, meeting_id: int, slug: str, document_id: int) -> Items:
    """One row per person, area, measure and agreement of the record, in the record's order."""
    out = Items()
    keys = _KeyMaker(slug)
    common = {"meeting_id": meeting_id, "document_id": document_id}
    for i, p in enumerate(record.people, 1):
        out.people.append(
            {
                **common, "position": i, "name": p.name, "honorific": p.honorific, "post": p.post, "side": p.side,
                "roles": [r.value for r in p.roles], "span_start": p.span[0], "span_end": p.span[1],
            }
        )  # fmt: skip
    for i, a in enumerate(record.areas, 1):
        heading = _heading_span(record.text, a.heading, a.span)
        out.areas.append(
            {
                **common, "position": i, "heading": a.heading, "themes": [t.value for t in a.themes],
                "span_start": heading[0] if heading else None, "span_end": heading[1] if heading else None,
                "extent_start": a.span[0] if a.span else None, "extent_end": a.span[1] if a.span else None,
            }
        )  # fmt: skip
        for m in a.measures:
            themes = [t.value for t in m.themes]
            out.measure_area.append(i - 1)
            out.measures.append(
                {
                    **common, "position": len(out.measures) + 1, "key": keys.make(m.text, ItemKind.MEASURE),
                    "text": m.text, "themes": themes, "primary_theme": themes[0] if themes else None,
                    "quantities": [q.model_dump(mode="json") for q in m.quantities],
                    "span_start": m.span[0], "span_end": m.span[1],
                }
            )  # fmt: skip
    for i, g in enumerate(record.agreements, 1):
        out.agreements.append(
            {
                **common, "position": i, "key": keys.make(g.title, ItemKind.AGREEMENT), "title": g.title,
                "kind": g.kind.value, "annex": g.annex, "chinese_only": g.chinese_only,
                "signatories": list(g.signatories), "span_start": g.span[0], "span_end": g.span[1],
            }
        )  # fmt: skip
    return out


def _heading_span(text: str, heading: str | None, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Where the heading is written: inside the area's span (it opens the area)."""
    if not heading or span is None:
        return None
    start = text.find(heading, span[0], span[1])
    return (start, start + len(heading)) if start >= 0 else None


class _KeyMaker:
    """Stable keys for one meeting; the same text twice gets ``#2`` on its second key.

    ``#2`` is not punctuation once normalised ("A" twice and "A 2" once would share a key), so a
    key already given goes on to ``#3`` and beyond: keys that never collided are unchanged.
    """

    def __init__(self, slug: str) -> None:
        self._slug = slug
        self._seen: Counter[tuple[ItemKind, str]] = Counter()
        self._given: set[str] = set()

    def make(self, text: str, kind: ItemKind) -> str:
        while True:
            self._seen[(kind, normalise(text))] += 1
            n = self._seen[(kind, normalise(text))]
            key = stable_key(self._slug, text if n == 1 else f"{text} #{n}", kind)
            if key not in self._given:
                self._given.add(key)
                return key


def search_entries(meeting_id: int, rows: Items) -> list[Row]:
    """What the full-text index holds for the items (each row with the ``id`` it was stored under)."""
    out: list[Row] = []

    def add(kind: ItemKind, row: Row, text: str, extra: str, themes: list[str]) -> None:
        out.append(
            {
                "kind": kind.value, "item_id": row["id"], "meeting_id": meeting_id, "document_id": row["document_id"],
                "position": row["position"], "text": text, "extra": extra,
                "themes": f" {' '.join(themes)} " if themes else "", "grams": grams.index_text(text, extra),
                "span_start": row["span_start"], "span_end": row["span_end"],
            }
        )  # fmt: skip

    for p in rows.people:
        add(ItemKind.PERSON, p, p["name"], p["post"] or "", [])
    for a in rows.areas:
        if a["heading"]:
            add(ItemKind.AREA, a, a["heading"], "", a["themes"])
    for m in rows.measures:
        add(ItemKind.MEASURE, m, m["text"], "", m["themes"])
    for g in rows.agreements:
        add(ItemKind.AGREEMENT, g, g["title"], "; ".join(g["signatories"]), [])
    return out


def indexed_reports(records: list[tuple[int, Record]]) -> list[tuple[int, Record]]:
    """Which of a meeting's other reports are searched too: one in each language and script the
    primary report (first in ``records``) and the others before it do not cover — the Chinese
    release and the partner's Simplified report beside an English primary, never a copy in the
    primary's own language (its items would be every hit twice)."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for i, (document_id, record) in enumerate(records):
        script = (record.language, record.script)
        if script not in seen and i:
            out.append((document_id, record))
        seen.add(script)
    return out


def report_entries(meeting_id: int, document_id: int, record: Record) -> list[SearchEntry]:
    """:func:`report_entry_rows` as ``SearchEntry`` objects (what migration ``core_0004`` reads)."""
    return [SearchEntry(**row) for row in report_entry_rows(meeting_id, document_id, record)]


def report_entry_rows(meeting_id: int, document_id: int, record: Record) -> list[Row]:
    """What the full-text index holds for another report of a meeting: its items as its record
    has them (no rows: ``item_id`` 0), numbered and spanned as the meeting page marks them."""
    out: list[Row] = []

    def add(kind: ItemKind, n: int, text: str, extra: str, themes: list[Any], span: tuple[int, int] | None) -> None:
        names = [t.value for t in themes]
        out.append(
            {
                "kind": kind.value, "item_id": 0, "meeting_id": meeting_id, "document_id": document_id,
                "position": n, "text": text, "extra": extra, "themes": f" {' '.join(names)} " if names else "",
                "grams": grams.index_text(text, extra),
                "span_start": span[0] if span else None, "span_end": span[1] if span else None,
            }
        )  # fmt: skip

    for n, p in enumerate(record.people, 1):
        add(ItemKind.PERSON, n, p.name, p.post or "", [], p.span)
    for n, a in enumerate(record.areas, 1):
        if a.heading:
            add(ItemKind.AREA, n, a.heading, "", list(a.themes), _heading_span(record.text, a.heading, a.span))
    for n, m in enumerate(record.measures, 1):
        add(ItemKind.MEASURE, n, m.text, "", list(m.themes), m.span)
    for n, g in enumerate(record.agreements, 1):
        add(ItemKind.AGREEMENT, n, g.title, "; ".join(g.signatories), [], g.span)
    return out
