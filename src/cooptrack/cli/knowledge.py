"""Commands about what no single release says: people, mechanisms over time, what changed,
comparisons, the partner × theme matrix, the timeline. Each has ``--format json`` for scripts.
"""

from __future__ import annotations

import getpass
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cooptrack import render
from cooptrack.cli.base import DbOption, FormatOption, OutputFormat, app, boundary, open_store, say, stdout
from cooptrack.errors import CooptrackError
from cooptrack.knowledge import changes, people, series
from cooptrack.store.models import Measure
from cooptrack.views import brief, ledger, queries
from cooptrack.views.person import person_summary, person_view
from cooptrack.vocab import THEME_LABELS, Theme

ByOption = Annotated[str | None, typer.Option("--by", help="who decides [default: your user name]")]
NoteOption = Annotated[str | None, typer.Option("--note", help="why (kept with the decision)")]


def _by(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name on this system
        return "unknown"


def _t(value: object, style: str = "") -> Text:
    return Text("" if value is None else str(value), style=style)


def _theme(theme: str | None) -> str:
    try:
        return THEME_LABELS[Theme(theme or "other")]
    except ValueError:
        return theme or ""


# --- people -------------------------------------------------------------------------------------


@app.command("people")
@boundary
def list_people(
    query: Annotated[str | None, typer.Argument(help='any part of a name or a post: "Chan", "Chief Secretary"')] = None,
    side: Annotated[str | None, typer.Option(help="only this side: HK, Mainland or Central")] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Everyone named in the store (or those whose names or posts hold every word of QUERY), one row
    per person however the releases spell them (with --format json, the rows of /api/people)."""
    from cooptrack.views import service as views  # the directory's one filter and row, the API's too

    with open_store(db) as store:
        found = views.people_found(queries.all_people(store), query, side)
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), [person_summary(p).document() for p in found])
        return
    table = Table(title=Text(f"{len(found)} people"), title_justify="left", box=box.SIMPLE_HEAD)
    for name in ("name", "side", "latest post", "meetings", "also written"):
        table.add_column(name, overflow="fold", justify="right" if name == "meetings" else "left")
    for p in found:
        latest = next((a.post for a in reversed(p.appearances) if a.post), "")
        meetings = len({a.meeting.slug for a in p.appearances})
        table.add_row(_t(p.name, "bold cyan"), _t(p.side), _t(latest), _t(meetings), _t("; ".join(p.other_names)))
    stdout().print(table)


@app.command("person")
@boundary
def show_person(
    name: Annotated[str, typer.Argument(help='a name as the releases write it, e.g. "Choi Yuk-lin"')],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """One person: posts over time, meetings attended, agreements signed, and why names were merged."""
    with open_store(db) as store:
        found = queries.person(store, name)
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), person_view(found).document())
        return
    stdout().print(_person_view(found))


def _person_view(p: people.PersonRecord) -> RenderableType:
    chinese = [(f"  {p.name_zh}", "bold cyan")] if p.name_zh and p.name_zh != p.name else []  # both names
    head = Text.assemble((p.name, "bold cyan"), *chinese, f"  ({p.side or 'side unknown'})")
    parts: list[RenderableType] = [head]
    if p.other_names:
        parts.append(Text(f"also written: {'; '.join(p.other_names)}", style="dim"))
    posts = Table(title="Posts", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("from", "to", "post", "basis"):
        posts.add_column(column, overflow="fold")
    for ms in p.memberships:
        posts.add_row(_t(ms.start), _t(ms.end or "—"), _t(ms.post), _t(ms.basis, "dim"))
    parts.append(posts)
    seen = Table(title="Meetings", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("when", "meeting", "as", "post as written", "signed"):
        seen.add_column(column, overflow="fold")
    for a in p.appearances:
        seen.add_row(
            _t(a.when), _t(a.meeting.slug, "bold"), _t(", ".join(a.roles)), _t(a.post), _t("; ".join(a.signed))
        )
    parts.append(seen)
    for reason in p.reasons:
        parts.append(Text(f"merged: {reason}", style="dim"))
    for doubt in p.doubts:
        parts.append(Text(f"not merged: {doubt}", style="yellow"))
    return Group(*parts)


@app.command("same-person")
@boundary
def same_person(
    first: Annotated[str, typer.Argument(help="a name in the store")],
    second: Annotated[str, typer.Argument(help="another name in the store")],
    by: ByOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Decide that two names are one person (kept across re-ingests; the latest decision stands)."""
    with open_store(db) as store:
        _recorded(queries.decide_people(store, first, second, same=True, by=_by(by), note=note), fmt)


@app.command("different-people")
@boundary
def different_people(
    first: Annotated[str, typer.Argument(help="a name in the store")],
    second: Annotated[str, typer.Argument(help="another name in the store")],
    by: ByOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Decide that two names are two people, whatever their likeness (kept across re-ingests)."""
    with open_store(db) as store:
        _recorded(queries.decide_people(store, first, second, same=False, by=_by(by), note=note), fmt)


def _recorded(done: queries.Recorded, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), done.json())
    else:
        say(done.message)


@app.command("corrections")
@boundary
def list_corrections(db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Every decision users recorded (people merged or kept apart, links confirmed or rejected), oldest first.

    None is ever deleted: about one pair, the latest stands."""
    with open_store(db) as store:
        rows = store.corrections()
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), [queries.correction_json(r) for r in rows])
        return
    table = Table(title=Text(f"{len(rows)} decisions"), title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("when", "by", "decision", "first", "second", "note"):
        table.add_column(column, overflow="fold")
    for r in rows:
        first, second = (label.replace("\x1f", ": ") for label in (r.left_label, r.right_label))
        table.add_row(_t(f"{r.made_at:%Y-%m-%d %H:%M}"), _t(r.made_by), _t(r.kind.replace("_", " ")), _t(first),
                      _t(second), _t(r.note))  # fmt: skip
    stdout().print(table)


# --- mechanisms ---------------------------------------------------------------------------------


@app.command("mechanisms")
@boundary
def list_mechanisms(db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Each mechanism's meetings in order, with the meetings its numbering says are missing (with
    --format json, the items of /api/mechanisms; cooptrack mechanism NAME gives one with its meetings)."""
    from cooptrack.views import service as views  # the mechanism's one summary, the API's too

    with open_store(db) as store:
        mechs = queries.mechanisms(store)
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), [views.mechanism_row(m) for m in mechs])
        return
    parts = [part for mech in mechs for part in _mechanism_table(mech)]
    stdout().print(Group(*parts) if parts else Text("no meetings stored yet"))


@app.command("mechanism")
@boundary
def show_mechanism(
    name: Annotated[str, typer.Argument(help='a mechanism or its partner, e.g. "Guangdong"')],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """One mechanism: its meetings in order and the gaps in their numbering; with --format json also
    what changed between each meeting and the one before (what /api/mechanisms/{slug} returns)."""
    from cooptrack.views import service as views  # the mechanism's one document, the API's too (views.mechanism)

    with open_store(db) as store:
        d = views.Data(store)
        mech = d.mechanism(name)
        if fmt is OutputFormat.JSON:
            render.print_json(stdout(), views.mechanism_view(d, mech).document())
            return
        stdout().print(Group(*_mechanism_table(mech)))


def _mechanism_table(mech: series.Mechanism) -> list[RenderableType]:
    table = Table(title=Text(mech.name), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    for column in ("meeting", "no.", "kind", "date", "sources"):
        table.add_column(column, overflow="fold")
    for m in mech.meetings:
        sources = len(queries.stored(m).reports)
        table.add_row(
            _t(m.slug, "bold"),
            _t(m.ordinal),
            _t(render.kind_label(m.kind)),
            _t(render.date_label(queries.stored(m))),
            _t(sources),
        )
    return [table, *(Text(f"  gap: {gap.describe()}", style="yellow") for gap in mech.gaps)]


# --- diff and links -----------------------------------------------------------------------------


@app.command("diff")
@boundary
def diff_meetings(
    mechanism: Annotated[str, typer.Argument(help='a mechanism or its partner: "Sichuan", "Hong Kong/Fujian"')],
    start: Annotated[
        str | None, typer.Option("--from", metavar="N", help="the earlier meeting: ordinal or slug")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="M", help="the later meeting: ordinal or slug")] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """What changed between two meetings of a mechanism (default: its last two): areas added,
    dropped, renamed; measures carried over (with their rewording), new, dropped; agreements.
    A meeting read partly (fewer areas than announced, a cut copy, a progress review) is said so:
    nothing is called new after it or dropped at it; one read with no measure is left out."""
    with open_store(db) as store:
        found = queries.diff(store, mechanism, start, end)
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), _diff_json(found))
    else:
        stdout().print(_diff_view(found))


def _measure_json(m: Measure) -> dict[str, Any]:
    return {"key": m.key, "position": m.position, "text": m.text, "themes": list(m.themes),
            "span": list(m.span) if m.span else None}  # fmt: skip


def _diff_json(found: queries.MeetingDiff) -> dict[str, Any]:
    return {"mechanism": found.mechanism.name, **changes.diff_json(found.diff, lambda m: _measure_json(_m(m)))}


def _m(m: changes.MeasureLike) -> Measure:
    assert isinstance(m, Measure)
    return m


def _diff_view(found: queries.MeetingDiff) -> RenderableType:
    d = found.diff
    parts: list[RenderableType] = [
        Text.assemble((found.mechanism.name, "bold"), f": {d.earlier.slug} → {d.later.slug}"),
        Text(d.summary(), style="dim"),
        *(Text(line, style="yellow") for line in [*d.skipped, *(d.limits() if d.comparable else [])]),
    ]
    areas = Table(title="Areas", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("", "earlier", "later", "why"):
        areas.add_column(column, overflow="fold")
    marks = {"kept": ("=", ""), "renamed": ("~", "yellow"), "added": ("+", "green"), "dropped": ("-", "red"),
             "unmatched": ("?", "dim")}  # fmt: skip
    for c in d.areas:
        mark, style = marks[c.status]
        areas.add_row(
            _t(mark, style), _t(c.earlier.heading if c.earlier else "", ""), _t(c.later.heading if c.later else ""),
            _t(c.basis, "dim"),
        )  # fmt: skip
    parts.append(areas)
    measures = Table(title="Measures", title_justify="left", box=box.SIMPLE_HEAD, show_lines=True)
    for column in ("", "key (earlier → later)", "text", "why"):
        measures.add_column(column, overflow="fold")
    for link in d.carried:
        text = Text(_m(link.later).text) if link.unchanged else _wording(link.wording())
        keys = f"{link.earlier.key[:8]} → {link.later.key[:8]}"
        measures.add_row(_t("=" if link.unchanged else "~", "yellow"), _t(keys, "dim"), text, _t(link.basis, "dim"))
    for m in d.new:
        measures.add_row(_t("+", "green"), _t(f"→ {m.key[:8]}", "dim"), _t(m.text, "green"), _t(""))
    for m in d.dropped:
        measures.add_row(_t("-", "red"), _t(f"{m.key[:8]} →", "dim"), _t(m.text, "red"), _t(""))
    first, second = d.names[0] or d.earlier.slug, d.names[1] or d.later.slug
    for m in d.not_found_earlier:
        why = _t(f"not in {'' if d.read_whole(0) else 'what was read of '}{first}", "dim")
        measures.add_row(_t("?"), _t(f"→ {m.key[:8]}", "dim"), _t(m.text), why)
    for m in d.not_found_later:
        why = _t(f"not in {'' if d.read_whole(1) else 'what was read of '}{second}", "dim")
        measures.add_row(_t("?"), _t(f"{m.key[:8]} →", "dim"), _t(m.text), why)
    parts.append(measures)
    if d.agreements:
        signed = Table(title="Agreements signed", title_justify="left", box=box.SIMPLE_HEAD)
        for column in ("", "title", "renews"):
            signed.add_column(column, overflow="fold")
        for g in d.agreements:
            signed.add_row(_t(g.status), _t(g.agreement.title), _t(g.earlier.title if g.earlier else ""))
        parts.append(signed)
    parts.append(Text("cooptrack link confirm|reject EARLIER LATER records a correction (keys as shown).", "dim"))
    return Group(*parts)


def _wording(diffed: str) -> Text:
    """The word diff with its markers kept (they show in a pipe): ``[-old-]`` red, ``{+new+}`` green."""
    out = Text()
    for word in _tokens(diffed):
        if word.startswith("[-"):
            out.append("[-", "red").append(word[2:-2], "red strike").append("-]", "red")
        elif word.startswith("{+"):
            out.append("{+", "green").append(word[2:-2], "bold green").append("+}", "green")
        else:
            out.append(word)
        out.append(" ")
    out.rstrip()
    return out


def _tokens(diffed: str) -> list[str]:
    return re.findall(r"\[-.*?-\]|\{\+.*?\+\}|\S+", diffed)


link_app = typer.Typer(help="Confirm or reject that a later measure carries an earlier one over.", no_args_is_help=True)
app.add_typer(link_app, name="link")


@link_app.command("confirm")
@boundary
def confirm_link(
    earlier: Annotated[str, typer.Argument(help="the earlier measure's key (six characters or more)")],
    later: Annotated[str, typer.Argument(help="the later measure's key")],
    by: ByOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """The later measure carries the earlier one over, whatever their wording's score."""
    with open_store(db) as store:
        _recorded(queries.decide_link(store, earlier, later, confirm=True, by=_by(by), note=note), fmt)


@link_app.command("reject")
@boundary
def reject_link(
    earlier: Annotated[str, typer.Argument(help="the earlier measure's key (six characters or more)")],
    later: Annotated[str, typer.Argument(help="the later measure's key")],
    by: ByOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """The later measure does not carry the earlier one over, however alike they are worded."""
    with open_store(db) as store:
        _recorded(queries.decide_link(store, earlier, later, confirm=False, by=_by(by), note=note), fmt)


# --- compare, matrix, timeline ------------------------------------------------------------------


@app.command("compare")
@boundary
def compare_partners(
    first: Annotated[str, typer.Argument(help="a partner or mechanism (its latest meeting), or a meeting slug")],
    second: Annotated[str, typer.Argument(help="another")],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Two partners' latest meetings (or two meetings) side by side, theme by theme."""
    with open_store(db) as store:
        found = queries.compare(store, first, second)
    left, right = found.left, found.right
    if fmt is OutputFormat.JSON:
        render.print_json(
            stdout(),
            {
                "left": left.slug,
                "right": right.slug,
                "themes": [
                    {"theme": theme, "left": [_measure_json(m) for m in a], "right": [_measure_json(m) for m in b]}
                    for theme, a, b in found.rows
                ],
            },
        )
        return
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column("theme", style="bold")
    table.add_column(f"{left.partner or left.slug} ({left.slug})", overflow="fold", ratio=1)
    table.add_column(f"{right.partner or right.slug} ({right.slug})", overflow="fold", ratio=1)
    for theme, a, b in found.rows:
        table.add_row(_t(_theme(theme)), _t("\n\n".join(m.text for m in a)), _t("\n\n".join(m.text for m in b)))
    stdout().print(table)


@app.command("matrix")
@boundary
def theme_matrix(
    all_meetings: Annotated[bool, typer.Option("--all", help="count every meeting, not only the latest")] = False,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Measures by partner and theme: of each mechanism's latest meeting, or of all (--all: a measure
    repeated at several meetings counts once, as one commitment)."""
    with open_store(db) as store:
        meetings = store.all_meetings()
        mechs = queries.mechanisms(store, meetings)
        counted = ledger.ledger(store, meetings, mechs).counted if all_meetings else None
        found = series.matrix(mechs, latest=not all_meetings, counted=counted)
    if fmt is OutputFormat.JSON:
        render.print_json(
            stdout(),
            {"scope": found.scope, "themes": found.themes,
             "rows": [{"partner": p, "counts": {t: found.counts.get((p, t), 0) for t in found.themes},
                       "total": found.total(p)} for p in found.partners]},
        )  # fmt: skip
        return
    table = Table(title=Text(f"Measures by partner and theme ({found.scope})"), title_justify="left", box=box.SIMPLE)
    table.add_column("partner", style="bold")
    for theme in found.themes:
        table.add_column(theme.replace("_", " "), justify="right", overflow="fold", max_width=13)
    table.add_column("total", justify="right", style="bold")
    for p in found.partners:
        cells = [found.counts.get((p, t), 0) for t in found.themes]
        table.add_row(p, *(_t(n or "·", "" if n else "dim") for n in cells), _t(found.total(p)))
    stdout().print(table)


@app.command("timeline")
@boundary
def meetings_timeline(db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Meetings per mechanism over the years (a year range when only the officials tell the year)."""
    with open_store(db) as store:
        entries = series.timeline(queries.mechanisms(store))
    if fmt is OutputFormat.JSON:
        render.print_json(
            stdout(),
            [{"mechanism": e.mechanism, "meeting": e.meeting.slug, "years": list(e.years) if e.years else None,
              "date": e.meeting.date.isoformat() if e.meeting.date else None} for e in entries],
        )  # fmt: skip
        return
    years = sorted({y for e in entries if e.years for y in range(e.years[0], e.years[1] + 1)})
    if not years:
        say("no meetings with a known or inferred year")
        return
    span = list(range(years[0], years[-1] + 1))
    table = Table(box=box.SIMPLE_HEAD, title=Text("Meetings by year (● held, ○ one of the possible years)"),
                  title_justify="left")  # fmt: skip
    table.add_column("mechanism", style="bold", overflow="fold")
    for year in span:
        table.add_column(f"{year % 100:02d}", justify="center", min_width=2)
    by_mech: dict[str, list[series.TimelineEntry]] = {}
    for e in entries:
        by_mech.setdefault(e.mechanism, []).append(e)
    for mech, members in by_mech.items():
        cells = []
        for year in span:
            exact = [e for e in members if e.years == (year, year)]
            maybe = [e for e in members if e.years and e.years[0] <= year <= e.years[1] and e.years[0] != e.years[1]]
            cells.append(_t("●" * len(exact) or "○" * bool(maybe), "green" if exact else "dim"))
        table.add_row(mech, *cells)
    stdout().print(table)
    say(f"years {span[0]}–{span[-1]}; unknown years: {sum(1 for e in entries if e.years is None)}", "dim")


# --- brief --------------------------------------------------------------------------------------


@app.command("brief")
@boundary
def brief_partner(
    partner: Annotated[str, typer.Argument(help='the partner or mechanism: "Sichuan", "Hong Kong/Fujian"')],
    fmt: Annotated[
        brief.BriefFormat, typer.Option("--format", help="md, html, pdf, docx (Word), or json for scripts")
    ] = brief.BriefFormat.MD,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="write here [PDF, Word: PARTNER-brief.pdf/.docx]")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", envvar="COOPTRACK_BASE_URL", help="the site's address, for the notes' links"),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="en, or zh_Hant: headings and labels in Traditional Chinese (HTML, PDF, Word)")
    ] = "en",
    db: DbOption = None,
) -> None:
    """The briefing for the next plenary with a partner: history, last meeting, changes, agreements,
    people; every statement cites the sentence it rests on, linked to the meeting's page."""
    from cooptrack.serve import i18n  # the web's catalogue: one translation for the site and the files

    language = lang.replace("_", "-")
    if language not in i18n.LANGUAGES:
        raise CooptrackError(f"--lang {lang}: no such language (there is en and zh_Hant)")
    with i18n.speaking(language):
        with open_store(db) as store:
            built = brief.build(store, partner, base_url=base_url or "")
        data = brief.render(built, fmt, i18n.said, language)
    if out is None and fmt in (brief.BriefFormat.PDF, brief.BriefFormat.DOCX):
        name = re.sub(r"[^a-z0-9]+", "-", (built.partner or partner).casefold()).strip("-")
        out = Path(f"{name}-brief.{fmt.value}")
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CooptrackError(f"{out}: cannot write the briefing ({exc.strerror or exc})") from exc
    say(f"wrote {out} ({len(data):,} bytes, {len(built.notes)} notes from {len(built.sources)} sources)")
