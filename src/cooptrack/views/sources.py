"""One meeting in several sources (issue 11, item 3): the English and Chinese releases of one
meeting, and the partner side's own report, shown side by side on the meeting's page.

Each report of the meeting is a source, numbered from 1 (the primary report, whose items are the
meeting's rows) in the store's order. For every item of the record (a person, an area, a measure,
an agreement), :func:`counterparts` finds the same item in the other sources: a person by name
across scripts and languages (the terms-of-office table, the pinyin of a Chinese name), the other
items by their order when two sources hold as many. :func:`differences` lists what the sources
state differently — who co-chaired, who was a special guest, the date, venue, number and kind of
the meeting — with each source's statement and its span: the page never picks one silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from cooptrack.knowledge import names_zh, officials, reports
from cooptrack.record import Record
from cooptrack.vocab import Role

Row = dict[str, Any]


@dataclass(frozen=True)
class Source:
    """A report of the meeting: its number on the page, where it came from, its record and text."""

    n: int
    uri: str
    primary: bool
    record: Record
    text: str

    @property
    def prefix(self) -> str:
        """The ids of its marked items: ``src-`` for the primary report, ``src2-``, ``src3-`` …"""
        return "src" if self.n == 1 else f"src{self.n}"


def of(meeting: Any) -> list[Source]:
    """The meeting's sources, its primary report first."""
    return [
        Source(n, report.source.uri, bool(report.is_primary), record, report.document.cleaned_text)
        for n, (report, record) in enumerate(reports.records(meeting), 1)
    ]


def summary(sources: Sequence[Source]) -> list[Row]:
    """What the page and the API say of each source."""
    return [
        {"n": s.n, "uri": s.uri, "primary": s.primary, "language": s.record.language, "script": s.record.script,
         "title": s.record.title, "anchor": f"{s.prefix}-text"}
        for s in sources
    ]  # fmt: skip


# --- the same item in the other sources ------------------------------------------------------------


def same_person(a: str, b: str) -> bool:
    """Two names as written denote one person: one official of the table, the same characters in
    either script, or a Chinese name and the English spelling that is its pinyin."""
    if officials.name_key(a) == officials.name_key(b):
        return True
    known = officials.official(a)
    if known is not None and known == officials.official(b):
        return True
    if names_zh.is_chinese(a) != names_zh.is_chinese(b):
        chinese, english = (a, b) if names_zh.is_chinese(a) else (b, a)
        return names_zh.spells(chinese, officials.name_key(english))
    return False


def _items(record: Record) -> dict[str, list[Any]]:
    return {"person": record.people, "area": record.areas, "measure": record.measures, "agreement": record.agreements}


def counterparts(sources: Sequence[Source]) -> dict[str, list[Row]]:
    """For each item of the primary record ("person-2"), where the other sources hold it."""
    if len(sources) < 2:
        return {}
    first = _items(sources[0].record)
    out: dict[str, list[Row]] = {}
    for other in sources[1:]:
        theirs = _items(other.record)
        for kind, mine in first.items():
            for i, item in enumerate(mine, 1):
                j = _match(kind, item, i, mine, theirs[kind])
                if j is not None:
                    href = f"#{other.prefix}-{kind}-{j}"
                    out.setdefault(f"{kind}-{i}", []).append({"n": other.n, "href": href})
    return out


def _match(kind: str, item: Any, i: int, mine: Sequence[Any], theirs: Sequence[Any]) -> int | None:
    if kind == "person":
        found = [j for j, p in enumerate(theirs, 1) if same_person(item.name, p.name)]
        return found[0] if len(found) == 1 else None
    return i if len(mine) == len(theirs) else None


# --- what the sources state differently ------------------------------------------------------------


def differences(sources: Sequence[Source]) -> list[Row]:
    """Each fact the sources state differently, with every source's statement and its span."""
    if len(sources) < 2:
        return []
    out = []
    for label, role in (("Co-chairs", Role.CO_CHAIR), ("Special guests", Role.SPECIAL_GUEST)):
        said = [(s, [(i, p) for i, p in enumerate(s.record.people, 1) if role in p.roles]) for s in sources]
        if not _same_people([[p.name for _, p in held] for _, held in said]):
            statements = [_people_statement(s, held) for s, held in said]
            out.append({"fact": label, "statements": statements})
    for label, value in (("Date", _date), ("Venue", _venue), ("Number", _ordinal), ("Kind of meeting", _kind)):
        stated = [(s, value(s.record)) for s in sources]
        if len({v for _, v in stated if v is not None}) > 1:
            out.append({"fact": label, "statements": [_fact_statement(s, v) for s, v in stated]})
    return out


def _same_people(groups: list[list[str]]) -> bool:
    first = groups[0]
    for other in groups[1:]:
        if len(other) != len(first) or not all(any(same_person(a, b) for b in other) for a in first):
            return False
    return True


def _people_statement(source: Source, held: list[tuple[int, Any]]) -> Row:
    links = [{"href": f"#{source.prefix}-person-{i}", "text": p.name, "span": list(p.span)} for i, p in held]
    return {"n": source.n, "uri": source.uri, "says": "; ".join(p.name for _, p in held) or "none stated",
            "links": links}  # fmt: skip


def _fact_statement(source: Source, value: str | None) -> Row:
    span = source.record.meeting.span
    links = [{"href": f"#{source.prefix}-text", "text": "the sentence", "span": list(span)}] if span else []
    return {"n": source.n, "uri": source.uri, "says": value or "not stated", "links": links}


def _date(r: Record) -> str | None:
    m = r.meeting
    return m.date.isoformat() if m.date else None


def _venue(r: Record) -> str | None:
    return r.meeting.venue


def _ordinal(r: Record) -> str | None:
    return str(r.meeting.ordinal) if r.meeting.ordinal is not None else None


def _kind(r: Record) -> str | None:
    return r.meeting.kind.value.replace("_", " ") if r.meeting.kind else None


# --- a source's text, its items marked ---------------------------------------------------------------

_TAGS = {"person": "P", "area": "A", "measure": "M", "agreement": "G"}


def marked(source: Source) -> Markup:
    """The source's cleaned text, escaped, each item a ``<span id="srcN-KIND-i">`` (as the primary
    report's text is marked) so that the record's items can link to it."""

    def opening(kind: str, n: int) -> str:
        label = f"{kind.capitalize()} {n} of source {source.n}"
        return (f'<span class="hl hl-{kind}" id="{source.prefix}-{kind}-{n}" title="{label}">'
                f'<span class="tag">{_TAGS[kind]}{n}</span>')  # fmt: skip

    return nested(source.text, _spans(source.record, len(source.text)), opening)


def nested(text: str, marks: Iterable[tuple[str, int, tuple[int, int]]], opening: Callable[[str, int], str]) -> Markup:
    """``text``, escaped, each mark (its kind, number and span) opened by ``opening(kind, n)`` and
    closed by ``</span>``: marks nest (a person inside an agreement), and one that would cross
    another's end is cut there; one that starts where another already started and ended starts
    after it."""
    out: list[str] = []
    stack: list[int] = []  # the ends of the open marks
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(str(escape(text[pos:end])) + "</span>")
            pos = end

    for kind, n, (start, end) in sorted(marks, key=lambda k: (k[2][0], -k[2][1])):
        close_until(start)
        start = max(start, pos)
        end = min(end, stack[-1]) if stack else end
        out.append(str(escape(text[pos:start])))
        pos = start
        out.append(opening(kind, n))
        stack.append(end)
    close_until(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _spans(record: Record, size: int) -> Iterator[tuple[str, int, tuple[int, int]]]:
    kinds: tuple[tuple[str, Sequence[Any]], ...] = (
        ("area", record.areas), ("measure", record.measures), ("agreement", record.agreements),
        ("person", record.people),
    )  # fmt: skip
    for kind, items in kinds:
        for n, item in enumerate(items, 1):
            span = _heading(record.text, item) if kind == "area" else item.span
            if span is not None and 0 <= span[0] < span[1] <= size:
                yield kind, n, (span[0], span[1])


def _heading(text: str, area: Any) -> tuple[int, int] | None:
    if not area.heading or area.span is None:
        return None
    start = text.find(area.heading, area.span[0], area.span[1])
    return (start, start + len(area.heading)) if start >= 0 else None
