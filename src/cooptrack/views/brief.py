"""The briefing an officer takes into the next plenary with a partner: on screen (HTML), as
Markdown, PDF or Word.

It holds the mechanism's history (meetings in order, gaps), the last meeting's areas and
measures (numbered through the briefing) with their themes, whether each is new or carried over
and what the tracker says became of it, what changed since the meeting before (never "dropped"
from a release read partly: it says which meeting cannot be compared and why), the agreements
signed at the mechanism's meetings, the people on both sides. Every statement cites a numbered
note: the sentence of the release it rests on, quoted, and a link to that sentence on the
meeting's page. Built by :func:`build`, written by :func:`render` (Word by :mod:`.brief_docx`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from cooptrack import __version__
from cooptrack.errors import CooptrackError
from cooptrack.knowledge import changes, people, series
from cooptrack.render import date_label
from cooptrack.store import Store, snapshot
from cooptrack.store.models import Area as AreaRow
from cooptrack.store.models import Measure, Meeting
from cooptrack.store.models import Person as PersonRow
from cooptrack.store.tracking import Tracking
from cooptrack.views import ledger, queries
from cooptrack.vocab import THEME_LABELS, TRACKING_STATUS_LABELS, Theme, TrackingStatus


class BriefFormat(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
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
    """A numbered note: the sentence of a release a statement rests on, quoted, and the anchor of
    that sentence on the meeting's page (``/meetings/<slug>#src-measure-3``)."""

    number: int
    quote: str
    href: str
    meeting: str  # "Fifth plenary session"
    source: int  # the source it quotes (the list of sources)

    def __str__(self) -> str:
        return f"[{self.number}]"


@dataclass(frozen=True)
class ChangeLine:
    """A statement of what changed, with the note it rests on when it names a measure."""

    text: str
    cite: Cite | None = None


@dataclass(frozen=True)
class MeetingLine:
    slug: str
    label: str  # "Fifth plenary"
    when: str
    venue: str | None
    cite: Cite
    also: tuple[int, ...] = ()  # other sources reporting it
    read: str | None = None  # how its release was read, when not completely


@dataclass(frozen=True)
class MeasureLine:
    number: int  # numbered through the briefing, not per area
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
    changes: list[ChangeLine]
    changed_since: str | None
    agreements: list[AgreementLine]
    people: dict[str, list[PersonLine]]  # by side: "Hong Kong", "Mainland", "Central"
    year_reasons: list[str]
    sources: list[Source] = field(default_factory=list)
    notes: list[Cite] = field(default_factory=list)
    read: str | None = None  # how partly the last meeting's release was read, if it was
    tool: str = f"cooptrack {__version__}"


_KIND_LABELS = {
    "plenary": "plenary session",
    "high_level_meeting_cum_plenary": "high-level meeting cum plenary session",
    "high_level_meeting": "high-level meeting",
    "working_meeting": "working meeting",
}
_SIDES = {"HK": "Hong Kong", "Mainland": "Mainland", "Central": "Central People's Government"}
_QUOTE_MAX = 400  # characters of a quoted sentence


def _label(m: Meeting) -> str:
    kind = _KIND_LABELS.get(m.kind or "", "meeting")
    return f"{changes.ordinal_word(m.ordinal)} {kind}".strip().capitalize()


def quote(text: str, span: tuple[int, int] | None) -> str:
    """The sentence of ``text`` holding ``span`` (whole sentences if it spans several), trimmed."""
    if span is None or not text:
        return ""
    start, end = max(0, min(span[0], len(text))), max(0, min(span[1], len(text)))
    begin = max((i + len(mark) for mark in (". ", "\n", "\u3002") if (i := text.rfind(mark, 0, start)) >= 0), default=0)
    ends = [i + 1 for mark in (". ", ".\n", "\u3002") if (i := text.find(mark, max(end - 1, begin))) >= 0]
    line = text.find("\n", max(end - 1, begin))
    stop = min([*ends, line if line >= 0 else len(text)])
    said = " ".join(text[begin:stop].split())
    return said if len(said) <= _QUOTE_MAX else said[: _QUOTE_MAX - 1].rstrip() + "…"


class _Notes:
    """The briefing's sources and its notes, each numbered in the order the briefing cites it."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url.rstrip("/")
        self.items: list[Source] = []
        self.notes: list[Cite] = []
        self._numbers: dict[int, int] = {}
        self._hrefs: dict[str, Cite] = {}

    def source(self, m: Meeting) -> int:
        doc = m.document
        if doc.id not in self._numbers:
            self._numbers[doc.id] = len(self.items) + 1
            self.items.append(Source(len(self.items) + 1, doc.source.uri, m.title, doc.sha256, doc.version))
        return self._numbers[doc.id]

    def cite(self, m: Meeting, span: tuple[int, int] | None, anchor: str = "h-source") -> Cite:
        """The note quoting the sentence of ``m``'s release at ``span``, linked to ``anchor`` on its page."""
        href = f"{self.base}/meetings/{m.slug}#{anchor}"
        if href not in self._hrefs:
            said = quote(m.document.cleaned_text, span) or (m.title or m.slug)
            self.notes.append(Cite(len(self.notes) + 1, said, href, _label(m), self.source(m)))
            self._hrefs[href] = self.notes[-1]
        return self._hrefs[href]

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


def build(store: Store, partner: str, today: dt.date | None = None, base_url: str = "") -> Briefing:
    """The briefing on a partner's mechanism, from what the store holds; its notes link to the
    meeting pages under ``base_url`` (the site's address; nothing: links from the site's root)."""
    meetings = store.all_meetings()
    mech = series.find(series.mechanisms(meetings), partner)
    src = _Notes(base_url)
    held = [queries.stored(m) for m in mech.meetings]
    lines = [
        MeetingLine(
            m.slug,
            _label(m),
            date_label(m) or "date not stated",
            m.venue,
            src.cite(m, m.span),
            src.others(m),
            m.completeness.describe() if m.completeness.partly_read else None,
        )
        for m in held
    ]
    latest = mech.latest()
    if latest is None:  # pragma: no cover - a mechanism has a meeting
        raise CooptrackError(f"no meeting of {mech.name} is stored")
    last = queries.stored(latest)
    tracked = ledger.shared_tracking(store.tracking(), ledger.ledger(store, meetings))  # a commitment's status
    status: dict[str, str] = {}
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
        for m in d.not_found_earlier:
            read = "" if d.read_whole(0) else "what was read of "
            status[m.key] = f"not found in {read}{d.names[0] or d.earlier.slug}"
    areas = [
        AreaBlock(
            a.heading or "(heading not given in the release)",
            tuple(_theme(t) for t in a.themes),
            tuple(
                MeasureLine(
                    m.position, m.text, tuple(_theme(t) for t in m.themes),
                    status.get(m.key, "no earlier meeting to compare" if found is None else "new"),
                    tuple(q["text"] for q in m.quantities), src.cite(last, m.span, f"src-measure-{m.position}"),
                    *_progress(tracked, m.key),
                )
                for m in a.measures
            ),
        )
        for a in last.areas
    ]  # fmt: skip
    change_lines = _change_lines(found.diff, src) if found is not None else []
    agreements = [
        AgreementLine(g.title, g.kind.replace("_", " "), m.slug, date_label(m) or "date not stated",
                      tuple(g.signatories), src.cite(m, g.span, f"src-agreement-{g.position}"))
        for m in held for g in m.agreements
    ]  # fmt: skip
    everyone = queries.all_people(store, meetings)
    by_key = {k: p for p in everyone for k in p.keys}
    by_side: dict[str, list[PersonRow]] = {}
    for p in last.people:
        by_side.setdefault(_SIDES.get(p.side or "", "Side not stated"), []).append(p)
    sides: dict[str, list[PersonLine]] = {}
    for side, rows in by_side.items():  # cited in the order the briefing shows them
        for p in rows:
            record = by_key.get(people.person_key(p.name, p.side, last.partner))
            history = _history(record) if record else ""
            sides.setdefault(side, []).append(
                PersonLine(p.name, p.post, tuple(p.roles), history, src.cite(last, p.span, f"src-person-{p.position}"))
            )
    facts = [
        ("Meeting", _label(last)),
        ("Date", date_label(last) or "not stated"),
        ("Venue", last.venue or "not stated"),
        ("Co-chairs", "; ".join(f"{p.name} ({p.post})" for p in last.people if "co_chair" in p.roles) or "not stated"),
        ("Areas", f"{len(last.areas)}" + (f" (the release announces {last.declared_area_count})"
                                          if last.declared_area_count is not None else "")),
        ("Measures", str(len(last.measures))),
        ("Read", last.completeness.describe()),
    ]  # fmt: skip
    partly = last.completeness.limit(f"this {_label(last).casefold()}")
    return Briefing(
        mechanism=mech.name, partner=mech.partner, prepared=(today or dt.date.today()).isoformat(),
        meetings=lines, gaps=[g.describe() for g in mech.gaps],
        last=next(line for line in lines if line.slug == last.slug), last_facts=facts, areas=areas,
        changes=change_lines, changed_since=since, agreements=agreements, people=sides,
        year_reasons=list(last.year_reasons), sources=src.items, notes=src.notes,
        read=f"{partly[0].upper()}{partly[1:]}." if partly else None,
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


def _change_lines(d: changes.Diff, src: _Notes) -> list[ChangeLine]:
    """What changed, in sentences: first which meeting was read partly or left out and why. A line
    about an area or a measure cites it (the later meeting's, else the earlier's)."""
    out = [ChangeLine(f"{line}.") for line in [*d.skipped, *d.limits()]]
    if not d.comparable:
        return out
    earlier, later = snapshot.stored(d.earlier), snapshot.stored(d.later)
    if earlier is None or later is None:  # pragma: no cover - stored meetings
        raise TypeError((d.earlier, d.later))
    first, second = d.names[0] or earlier.slug, d.names[1] or later.slug
    for c in d.areas:
        if c.status == "renamed" and c.earlier and c.later:
            said = f'Area renamed: "{c.earlier.heading}" became "{c.later.heading}" ({c.basis}).'
        elif c.status == "added" and c.later:
            said = f'Area added: "{c.later.heading or "(heading not given)"}".'
        elif c.status == "dropped" and c.earlier:
            said = f'Area dropped: "{c.earlier.heading or "(heading not given)"}".'
        elif c.status == "unmatched" and (c.earlier or c.later):
            area, side = (c.later, 0) if c.later else (c.earlier, 1)
            other = (first, second)[side] if d.read_whole(side) else f"what was read of {(first, second)[side]}"
            said = f'Area not found in {other}: "{(area.heading if area else None) or "(heading not given)"}".'
        else:
            continue
        cited = _cite_area(src, later, c.later) if c.later else _cite_area(src, earlier, c.earlier)
        out.append(ChangeLine(said, cited))  # cited only when said: notes are numbered as cited
    out.append(ChangeLine(f"Measures: {d.summary()}."))
    for m in d.dropped:
        out.append(ChangeLine(f"Not repeated: {m.text}", _cite_measure(src, earlier, m)))
    for m in d.not_found_later:
        where = second if d.read_whole(1) else f"what was read of {second}"
        out.append(ChangeLine(f"Not found in {where}: {m.text}", _cite_measure(src, earlier, m)))
    return out


def _cite_area(src: _Notes, meeting: Meeting, area: changes.AreaLike | None) -> Cite | None:
    """The note on an area's heading (its sentence, and ``#src-area-N``); none for an area without one."""
    if not isinstance(area, AreaRow) or area.span is None:
        return None
    return src.cite(meeting, area.span, f"src-area-{area.position}")


def _cite_measure(src: _Notes, meeting: Meeting, m: changes.MeasureLike) -> Cite:
    span = m.span if isinstance(m, Measure) else None
    return src.cite(meeting, span, f"src-measure-{m.position}")


def _md_inert(value: object) -> object:
    """What Markdown would read as markup from a release (raw HTML) is written as entities."""
    return value.replace("<", "&lt;").replace(">", "&gt;") if isinstance(value, str) else value


# Document text is untrusted: the HTML (and so the PDF) is autoescaped, the Markdown has no raw HTML.
_OPTIONS: dict[str, Any] = {
    "loader": PackageLoader("cooptrack.views", "templates"),
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
_HTML_ENV = Environment(autoescape=True, **_OPTIONS)
_MD_ENV = Environment(autoescape=False, finalize=_md_inert, **_OPTIONS)


def _as_is(message: str) -> str:
    return message


Translator = Callable[[str], str]


def _each(gettext: Translator) -> Callable[[Sequence[str]], list[str]]:
    """For the templates: every message of a list translated (themes, gaps)."""
    return lambda items: [gettext(item) for item in items]


def fragment(briefing: Briefing, gettext: Translator = _as_is) -> Markup:
    """The briefing's content as HTML (escaped), for the site's page to wrap in its own; its headings
    and labels in the language of ``gettext`` (the web's :func:`cooptrack.serve.i18n.gettext`)."""
    return Markup(_HTML_ENV.get_template("brief_body.html.j2").render(b=briefing, _=gettext, each=_each(gettext)))


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict[str, Any]:
    """WeasyPrint's fetcher for briefings: they need no file, page or image from anywhere."""
    raise ValueError(f"a briefing loads nothing ({url[:80]})")


def render(briefing: Briefing, fmt: BriefFormat, gettext: Translator = _as_is, lang: str = "en") -> bytes:
    """The briefing as Markdown, HTML or JSON (UTF-8), as a PDF (WeasyPrint) or as Word (python-docx).
    HTML, PDF and Word have their headings and labels in the language of ``gettext`` (``lang`` its
    code for the HTML); document text stays as written. Markdown and JSON are English."""
    if fmt is BriefFormat.JSON:
        return (json.dumps(dataclasses.asdict(briefing), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt is BriefFormat.MD:
        return _MD_ENV.get_template("brief.md.j2").render(b=briefing).encode("utf-8")
    if fmt is BriefFormat.DOCX:
        from cooptrack.views import brief_docx  # imported here: only Word needs python-docx

        return brief_docx.render(briefing, gettext)
    html = _HTML_ENV.get_template("brief.html.j2").render(b=briefing, _=gettext, each=_each(gettext), lang=lang)
    if fmt is BriefFormat.HTML:
        return html.encode("utf-8")
    from weasyprint import HTML  # imported here: it takes a second to load

    pdf: bytes = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
    return pdf
