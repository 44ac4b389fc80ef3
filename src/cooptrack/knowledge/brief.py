"""The briefing an officer takes into the next plenary with a partner: Markdown, HTML or PDF.

It holds the mechanism's history (meetings in order, gaps), the last meeting's areas and
measures with their themes, whether each is new or carried over and what the tracker says
became of it, what changed since the
meeting before, the agreements signed at the mechanism's meetings, the people on both sides,
and a numbered source reference for every statement (the release, and the characters of its
cleaned text the statement rests on). Built by :func:`build`, written by :func:`render`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from cooptrack import __version__
from cooptrack.errors import CooptrackError
from cooptrack.knowledge import changes, people, queries, series
from cooptrack.render import date_label
from cooptrack.store import Store
from cooptrack.store.models import Meeting
from cooptrack.store.tracking import Tracking
from cooptrack.vocab import THEME_LABELS, TRACKING_STATUS_LABELS, Theme, TrackingStatus


class BriefFormat(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"


@dataclass(frozen=True)
class Source:
    """A numbered reference: a release as stored."""

    number: int
    uri: str
    title: str | None
    sha256: str
    version: int


@dataclass(frozen=True)
class Cite:
    """Where a statement comes from: a source and, if known, the characters of its cleaned text."""

    source: int
    span: tuple[int, int] | None = None

    def __str__(self) -> str:
        where = f", chars {self.span[0]}–{self.span[1]}" if self.span else ""
        return f"[{self.source}{where}]"


@dataclass(frozen=True)
class MeetingLine:
    slug: str
    label: str  # "Fifth plenary"
    when: str
    venue: str | None
    cite: Cite
    also: tuple[int, ...] = ()  # other sources reporting it


@dataclass(frozen=True)
class MeasureLine:
    text: str
    themes: tuple[str, ...]
    status: str  # "new", "carried over", "carried over, reworded", "no earlier meeting to compare"
    quantities: tuple[str, ...]
    cite: Cite
    progress: str = "Agreed (no status recorded since)"  # what became of it, from the tracker
    evidence: str | None = None  # the evidence link of the latest status, if any


@dataclass(frozen=True)
class AreaBlock:
    heading: str
    themes: tuple[str, ...]
    measures: tuple[MeasureLine, ...]


@dataclass(frozen=True)
class AgreementLine:
    title: str
    kind: str
    meeting: str
    when: str
    signatories: tuple[str, ...]
    cite: Cite


@dataclass(frozen=True)
class PersonLine:
    name: str
    post: str | None
    roles: tuple[str, ...]
    history: str  # "Director of the Chief Executive's Office (2017–2022); Chief Secretary ... (2022–)"
    cite: Cite


@dataclass
class Briefing:
    mechanism: str
    partner: str | None
    prepared: str
    meetings: list[MeetingLine]
    gaps: list[str]
    last: MeetingLine | None
    last_facts: list[tuple[str, str]]
    areas: list[AreaBlock]
    changes: list[str]
    changed_since: str | None
    agreements: list[AgreementLine]
    people: dict[str, list[PersonLine]]  # by side: "Hong Kong", "Mainland", "Central"
    year_reasons: list[str]
    sources: list[Source] = field(default_factory=list)
    tool: str = f"cooptrack {__version__}"


_ORDINAL_WORDS = ("", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")
_KIND_LABELS = {
    "plenary": "plenary session",
    "high_level_meeting_cum_plenary": "high-level meeting cum plenary session",
    "high_level_meeting": "high-level meeting",
    "working_meeting": "working meeting",
}
_SIDES = {"HK": "Hong Kong", "Mainland": "Mainland", "Central": "Central People's Government"}


def _ordinal(n: int | None) -> str:
    if n is None:
        return ""
    if n < len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n]
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _label(m: Meeting) -> str:
    kind = _KIND_LABELS.get(m.kind or "", "meeting")
    return f"{_ordinal(m.ordinal)} {kind}".strip().capitalize()


class _Sources:
    def __init__(self) -> None:
        self.items: list[Source] = []
        self._numbers: dict[int, int] = {}

    def cite(self, m: Meeting, span: tuple[int, int] | None = None) -> Cite:
        doc = m.document
        if doc.id not in self._numbers:
            self._numbers[doc.id] = len(self.items) + 1
            self.items.append(Source(len(self.items) + 1, doc.source.uri, m.title, doc.sha256, doc.version))
        return Cite(self._numbers[doc.id], span)

    def others(self, m: Meeting) -> tuple[int, ...]:
        out = []
        for r in m.reports:
            if r.is_primary:
                continue
            if r.document_id not in self._numbers:
                self._numbers[r.document_id] = len(self.items) + 1
                self.items.append(
                    Source(len(self.items) + 1, r.source.uri, None, r.document.sha256, r.document.version)
                )
            out.append(self._numbers[r.document_id])
        return tuple(out)


def build(store: Store, partner: str, today: dt.date | None = None) -> Briefing:
    """The briefing on a partner's mechanism, from what the store holds."""
    meetings = store.all_meetings()
    mech = series.find(series.mechanisms(meetings), partner)
    src = _Sources()
    held = [queries.stored(m) for m in mech.meetings]
    lines = [
        MeetingLine(m.slug, _label(m), date_label(m) or "date not stated", m.venue, src.cite(m, m.span), src.others(m))
        for m in held
    ]
    latest = mech.latest()
    if latest is None:  # pragma: no cover - a mechanism has a meeting
        raise CooptrackError(f"no meeting of {mech.name} is stored")
    last = queries.stored(latest)
    tracked = store.tracking()
    status: dict[str, str] = {}
    change_lines: list[str] = []
    since = None
    try:
        found = queries.diff(store, mech.name, later=last.slug)
    except CooptrackError:
        found = None
    if found is not None:
        d = found.diff
        since = d.earlier.slug
        for link in d.carried:
            status[link.later.key] = "carried over" if link.unchanged else "carried over, reworded"
        for m in d.new:
            status[m.key] = "new"
        change_lines = _change_lines(d)
    areas = [
        AreaBlock(
            a.heading or "(heading not given in the release)",
            tuple(_theme(t) for t in a.themes),
            tuple(
                MeasureLine(
                    m.text, tuple(_theme(t) for t in m.themes),
                    status.get(m.key, "no earlier meeting to compare" if found is None else "new"),
                    tuple(q["text"] for q in m.quantities), src.cite(last, m.span), *_progress(tracked, m.key),
                )
                for m in a.measures
            ),
        )
        for a in last.areas
    ]  # fmt: skip
    agreements = [
        AgreementLine(g.title, g.kind.replace("_", " "), m.slug, date_label(m) or "date not stated",
                      tuple(g.signatories), src.cite(m, g.span))
        for m in held for g in m.agreements
    ]  # fmt: skip
    everyone = queries.all_people(store, meetings)
    by_key = {k: p for p in everyone for k in p.keys}
    sides: dict[str, list[PersonLine]] = {}
    for p in last.people:
        record = by_key.get(people.person_key(p.name, p.side, last.partner))
        history = _history(record) if record else ""
        sides.setdefault(_SIDES.get(p.side or "", "Side not stated"), []).append(
            PersonLine(p.name, p.post, tuple(p.roles), history, src.cite(last, p.span))
        )
    facts = [
        ("Meeting", _label(last)),
        ("Date", date_label(last) or "not stated"),
        ("Venue", last.venue or "not stated"),
        ("Co-chairs", "; ".join(f"{p.name} ({p.post})" for p in last.people if "co_chair" in p.roles) or "not stated"),
        ("Areas", f"{len(last.areas)}" + (f" (the release announces {last.declared_area_count})"
                                          if last.declared_area_count is not None else "")),
        ("Measures", str(len(last.measures))),
    ]  # fmt: skip
    return Briefing(
        mechanism=mech.name, partner=mech.partner, prepared=(today or dt.date.today()).isoformat(),
        meetings=lines, gaps=[g.describe() for g in mech.gaps],
        last=next(line for line in lines if line.slug == last.slug), last_facts=facts, areas=areas,
        changes=change_lines, changed_since=since, agreements=agreements, people=sides,
        year_reasons=list(last.year_reasons), sources=src.items,
    )  # fmt: skip


def _progress(tracked: Tracking, key: str) -> tuple[str, str | None]:
    """The tracker's latest word on a measure: "Implemented (2026-11-02, by ann: opened in May)"."""
    event = tracked.latest(key)
    if event is None:
        return ("Agreed (no status recorded since)", None)
    label = TRACKING_STATUS_LABELS[TrackingStatus(event.status)]
    note = f": {event.note}" if event.note else ""
    source = f", {event.evidence_kind} evidence" if event.evidence_kind and event.evidence_url else ""
    return (
        f"{label} ({event.made_at.date().isoformat()}, recorded by {event.made_by}{source}{note})",
        event.evidence_url,
    )


def _theme(theme: str) -> str:
    try:
        return THEME_LABELS[Theme(theme)]
    except ValueError:
        return theme


def _history(p: people.PersonRecord) -> str:
    parts = []
    for ms in p.memberships:
        start = (ms.start or "?")[:4]
        end = (ms.end or "")[:4]
        parts.append(f"{ms.post} ({start}–{end})" if start != end else f"{ms.post} ({start})")
    return "; ".join(parts)


def _change_lines(d: changes.Diff) -> list[str]:
    out = []
    for c in d.areas:
        if c.status == "renamed" and c.earlier and c.later:
            out.append(f'Area renamed: "{c.earlier.heading}" became "{c.later.heading}" ({c.basis}).')
        elif c.status == "added" and c.later:
            out.append(f'Area added: "{c.later.heading or "(heading not given)"}".')
        elif c.status == "dropped" and c.earlier:
            out.append(f'Area dropped: "{c.earlier.heading or "(heading not given)"}".')
    out.append(f"Measures: {d.summary()}.")
    for m in d.dropped:
        out.append(f"Not repeated: {m.text}")
    return out


def _md_inert(value: object) -> object:
    """What Markdown would read as markup from a release (raw HTML) is written as entities."""
    return value.replace("<", "&lt;").replace(">", "&gt;") if isinstance(value, str) else value


# Document text is untrusted: the HTML (and so the PDF) is autoescaped, the Markdown has no raw HTML.
_OPTIONS: dict[str, Any] = {
    "loader": PackageLoader("cooptrack.knowledge", "templates"),
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
_HTML_ENV = Environment(autoescape=True, **_OPTIONS)
_MD_ENV = Environment(autoescape=False, finalize=_md_inert, **_OPTIONS)


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict[str, Any]:
    """WeasyPrint's fetcher for briefings: they need no file, page or image from anywhere."""
    raise ValueError(f"a briefing loads nothing ({url[:80]})")


def render(briefing: Briefing, fmt: BriefFormat) -> bytes:
    """The briefing as Markdown, HTML or JSON (UTF-8), or as a PDF (WeasyPrint)."""
    if fmt is BriefFormat.JSON:
        return (json.dumps(dataclasses.asdict(briefing), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt is BriefFormat.MD:
        return _MD_ENV.get_template("brief.md.j2").render(b=briefing).encode("utf-8")
    html = _HTML_ENV.get_template("brief.html.j2").render(b=briefing)
    if fmt is BriefFormat.HTML:
        return html.encode("utf-8")
    from weasyprint import HTML  # imported here: it takes a second to load

    pdf: bytes = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
    return pdf
