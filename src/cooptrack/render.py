"""How the command line shows what the store returns: Rich tables for people, JSON for scripts.

Stored text is never read as Rich markup (a measure may hold square brackets): every value goes
into a :class:`rich.text.Text`. :func:`marked_source` shows the cleaned text of a release with
each extracted item marked, in colour on a terminal or with ``[[kind n: …]]`` markers otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.table import Table
from rich.text import Text

from cooptrack.store import Hit, Listed
from cooptrack.store.models import Meeting
from cooptrack.vocab import FLAG_EXPLANATIONS

STYLES = {
    "meeting": "underline",
    "area": "bold magenta",
    "measure": "green",
    "agreement": "bold yellow",
    "person": "bold cyan",
}

_EXPLAIN = {flag.value: text for flag, text in FLAG_EXPLANATIONS.items()}


def _t(value: object, style: str = "") -> Text:
    return Text("" if value is None else str(value), style=style)


def date_label(meeting: Meeting) -> str:
    """The ISO date, or the date as written with ``(year?)`` when the text gives no year.

    A year range inferred from officials' terms of office shows as ``(2017–2019?)``: never as a date.
    """
    if meeting.date:
        return meeting.date.isoformat()
    if meeting.date_text:
        lo, hi = meeting.year_from, meeting.year_to
        years = "year" if lo is None else str(lo) if lo == hi else f"{lo}–{hi}"
        return f"{meeting.date_text} ({years}?)"
    return ""


# --- list -------------------------------------------------------------------------------------

_COLUMNS = (("meeting", 0), ("no.", 0), ("kind", 7), ("date", 10), ("venue", 0), ("areas", 0), ("measures", 0),
            ("flags", 0))  # fmt: skip
_NUMBERS = ("no.", "areas", "measures")
_KINDS = {
    "plenary": "plenary",
    "high_level_meeting_cum_plenary": "high-level + plenary",
    "high_level_meeting": "high-level",
    "working_meeting": "working",
}


def meetings_view(rows: list[Listed]) -> RenderableType:
    """One table per mechanism (its name as the title), meetings in order."""
    groups: dict[str, list[Listed]] = {}
    for row in rows:
        groups.setdefault(row.meeting.mechanism or "(mechanism not stated)", []).append(row)
    tables: list[RenderableType] = [Text(f"{len(rows)} meetings", style="bold")]
    for mechanism, members in groups.items():
        table = Table(title=Text(mechanism), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
        for name, width in _COLUMNS:
            justify: JustifyMethod = "right" if name in _NUMBERS else "left"
            table.add_column(name, justify=justify, overflow="fold", no_wrap=name == "meeting", min_width=width)
        for row in members:
            m = row.meeting
            table.add_row(
                _t(m.slug, "bold"), _t(m.ordinal), _t(_kind(m)), _t(date_label(m)), _t(m.venue), _t(row.areas),
                _t(row.measures), _t(", ".join(_flags(m)), "yellow"),
            )  # fmt: skip
        tables.append(table)
    return Group(*tables)


def _kind(m: Meeting) -> str:
    return kind_label(m.kind)


# A translated release's list of agreements may keep the Chinese "关于…" as "About the …" ("About the
# Economic and Trade Co-operation Agreement between Fujian and Hong Kong ..."): the record keeps
# the title as written (the gold format's contract); its name drops the translation's "About".
_ABOUT = re.compile(r"^\s*(?:About|Concerning|Regarding|On)\s+(?:the\s+)?(?=[A-Z\u2018\u201c'\"])")
_AGREEMENT_WORD = re.compile(
    r"(?i)\b(?:Agreement|Memorandum|Arrangement|Letter\s+of\s+Intent|Accord|Protocol|Framework|Mechanism|Plan)\b"
)


def agreement_name(title: str) -> str:
    """An agreement's name as the register shows it: its title, less a leading "About the" when
    the rest names an agreement ("About the ... Agreement between Fujian and Hong Kong")."""
    rest = _ABOUT.sub("", title, count=1)
    return rest if rest != title and _AGREEMENT_WORD.search(rest) else title


def kind_label(kind: str | None) -> str:
    """A kind of meeting as tables show it: "plenary", "high-level + plenary" …"""
    return _KINDS.get(kind or "", kind or "")


def _flags(m: Meeting) -> list[str]:
    """The meeting's flags, and ``announcement`` for a meeting about to be held."""
    return (["announcement"] if m.document_kind == "announcement" else []) + list(m.flags)


# --- show -------------------------------------------------------------------------------------


def meeting_view(meeting: Meeting) -> RenderableType:
    """Facts, source, people, areas with their measures, and agreements of one meeting."""
    parts: list[RenderableType] = [_facts(meeting)]
    if meeting.people:
        parts.append(_people(meeting))
    parts += _areas(meeting)
    if meeting.agreements:
        parts.append(_agreements(meeting))
    return Group(*parts)


def _facts(m: Meeting) -> Table:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    version = m.document
    declared = f" (the release announces {m.declared_area_count})" if m.declared_area_count is not None else ""
    for label, value in (
        ("meeting", f"{m.slug} (id {m.id})"), ("title", m.title), ("mechanism", m.mechanism),
        ("partner", m.partner), ("kind", f"{_kind(m)} {m.ordinal or ''}".strip()),
        ("document", m.document_kind), ("date", date_label(m)),
        ("venue", m.venue), ("areas", f"{len(m.areas)}{declared}"), ("measures", len(m.measures)),
        ("completeness", m.completeness.describe()),
        ("source", version.source.uri),
        ("read", f"{version.fetched_at:%Y-%m-%d %H:%M} UTC, version {version.version}, sha256 {version.sha256[:16]}…, "
                 f"parser {version.parser_version}"),
    ):  # fmt: skip
        facts.add_row(label, _t(value))
    for r in m.reports:
        if not r.is_primary:
            facts.add_row("also reported", _t(r.source.uri))
    for reason in m.year_reasons:
        facts.add_row("year?", _t(reason))
    for flag in m.flags:
        facts.add_row("flag", _t(f"{flag}: {_EXPLAIN.get(flag, '')}", "yellow"))
    return facts


def _people(m: Meeting) -> Table:
    table = Table(title="People", title_justify="left")
    for name in ("name", "honorific", "post", "side", "roles"):
        table.add_column(name, overflow="fold")
    for p in m.people:
        table.add_row(_t(p.name, STYLES["person"]), _t(p.honorific), _t(p.post), _t(p.side), _t(", ".join(p.roles)))
    return table


def _areas(m: Meeting) -> list[RenderableType]:
    out: list[RenderableType] = []
    for area in m.areas:
        heading = Text.assemble(
            (f"\n{area.position}. ", "dim"),
            (area.heading or "(no heading in the text)", STYLES["area"]),
            (f"  {', '.join(area.themes)}", "dim"),
        )
        measures = Table.grid(padding=(0, 1))
        measures.add_column(justify="right", style="dim", min_width=5)
        measures.add_column(ratio=1)
        for measure in area.measures:
            measures.add_row(
                _t(measure.position), Text.assemble(measure.text, (f"  [{', '.join(measure.themes)}]", "dim"))
            )
        out += [heading, measures]
    return out


def _agreements(m: Meeting) -> Table:
    table = Table(title="Agreements", title_justify="left")
    for name in ("title", "kind", "annex", "Chinese only", "signatories"):
        table.add_column(name, overflow="fold")
    for g in m.agreements:
        table.add_row(
            _t(agreement_name(g.title), STYLES["agreement"]), _t(g.kind), _t(g.annex),
            _t("yes" if g.chinese_only else ""), _t(", ".join(g.signatories)),
        )  # fmt: skip
    return table


# --- show --source ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    kind: str
    number: int
    start: int
    end: int


def _marks(m: Meeting) -> list[_Mark]:
    """Every item of the meeting that has a span, outer ones first."""
    found: list[tuple[str, int, tuple[int, int] | None]] = [("meeting", 1, m.span)]
    found += [("area", a.position, a.span) for a in m.areas]
    found += [("measure", x.position, x.span) for x in m.measures]
    found += [("agreement", g.position, g.span) for g in m.agreements]
    found += [("person", p.position, p.span) for p in m.people]
    marks = [_Mark(kind, n, span[0], span[1]) for kind, n, span in found if span is not None]
    return sorted(marks, key=lambda k: (k.start, -k.end))


def marked_source(meeting: Meeting, *, styled: bool) -> Text:
    """The cleaned text with each item marked: styles per kind, or ``[[measure 3: …]]`` markers."""
    text = meeting.document.cleaned_text
    marks = _marks(meeting)
    if styled:
        out = Text(text)
        for mark in marks:  # outer first, so inner items keep their own style
            out.stylize(STYLES[mark.kind], mark.start, mark.end)
        legend = Text.assemble(*((f"{kind}  ", style) for kind, style in STYLES.items()), "\n")
        return Text.assemble(legend, out)
    events: list[tuple[int, int, int, str]] = []
    for order, mark in enumerate(marks):
        events.append((mark.start, 1, order, f"[[{mark.kind} {mark.number}: "))
        events.append((mark.end, 0, -order, "]]"))
    pieces: list[str] = []
    last = 0
    for position, _, _, marker in sorted(events):
        pieces += [text[last:position], marker]
        last = position
    pieces.append(text[last:])
    return Text("".join(pieces))


# --- search -----------------------------------------------------------------------------------


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "kind": hit.kind, "meeting": hit.meeting, "partner": hit.partner, "year": hit.year,
        "meeting_kind": hit.meeting_kind,
        "themes": list(hit.themes), "snippet": hit.snippet, "highlights": [list(h) for h in hit.highlights],
        "text": hit.text, "span": list(hit.span) if hit.span else None, "source": hit.source,
    }  # fmt: skip


def hits_table(hits: list[Hit], query: str) -> Table:
    table = Table(title=Text(f"{len(hits)} results for {query!r}"), title_justify="left")
    for name in ("meeting", "partner", "year", "kind", "text", "themes"):
        table.add_column(name, overflow="fold")
    for hit in hits:
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold reverse", start, end)
        table.add_row(
            _t(hit.meeting, "bold"), _t(hit.partner), _t(hit.year), _t(hit.kind, STYLES.get(hit.kind, "")), snippet,
            _t(", ".join(hit.themes), "dim"),
        )  # fmt: skip
    return table


def print_json(console: Console, data: object) -> None:
    """JSON for scripts, unwrapped and uncoloured whatever the terminal."""
    console.file.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
