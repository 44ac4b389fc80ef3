"""Charts drawn on the server as SVG (no JavaScript, no library): a heatmap and a timeline.

Each chart is an accessible image (``role="img"`` with a title and a description) whose parts
are links (a heatmap cell opens the tracker for that partner and theme; a timeline mark opens
the meeting) with a ``<title>`` that says the value in words. Every text is escaped. Titles and
theme labels are in the interface's language (:mod:`.i18n`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlencode

from markupsafe import Markup, escape

from cooptrack.knowledge import series
from cooptrack.serve.i18n import gettext, ngettext
from cooptrack.views.service import theme_label
from cooptrack.vocab import MeetingKind

_LOW = (241, 245, 249)  # the colour of an empty cell
_HIGH = (29, 78, 216)  # ... and of the fullest


def _shade(value: int, top: int) -> str:
    if value <= 0 or top <= 0:
        return "rgb({},{},{})".format(*_LOW)
    share = 0.15 + 0.85 * value / top
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(_LOW, _HIGH, strict=True))
    return f"rgb({r},{g},{b})"


def heatmap(mx: series.Matrix) -> Markup:
    """Partners (rows) by themes (columns), each cell the number of measures, darker for more."""
    cell_w, cell_h, left, top = 44, 30, 120, 170
    width = left + cell_w * len(mx.themes) + 10
    height = top + cell_h * len(mx.partners) + 10
    peak = max(mx.counts.values(), default=0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="hm-title hm-desc">',
        f'<title id="hm-title">{escape(gettext("Measures by partner and theme"))}</title>',
        '<desc id="hm-desc">'
        + escape(
            gettext("Counts of measures of {scope}, one row per partner, one column per theme.").format(
                scope=gettext(mx.scope)
            )
        )
        + "</desc>",
    ]
    for j, theme in enumerate(mx.themes):
        x = left + j * cell_w + cell_w / 2
        out.append(
            f'<text class="col" x="{x:.0f}" y="{top - 8}" transform="rotate(-50 {x:.0f} {top - 8})">'
            f"{escape(_short(gettext(theme_label(theme))))}</text>"
        )
    for i, partner in enumerate(mx.partners):
        y = top + i * cell_h
        out.append(f'<text class="row" x="{left - 8}" y="{y + cell_h / 2 + 4:.0f}">{escape(partner)}</text>')
        for j, theme in enumerate(mx.themes):
            n = mx.counts.get((partner, theme), 0)
            x = left + j * cell_w
            link = "/tracker?" + urlencode({"partner": partner, "theme": theme})
            words = f"{partner}, {gettext(theme_label(theme))}: " + ngettext("{n} measure", "{n} measures", n).format(
                n=n
            )
            ink = "#fff" if peak and n > peak / 2 else "#0f172a"
            out.append(
                f'<a href="{escape(link)}"><title>{escape(words)}</title>'
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{_shade(n, peak)}"/>'
                f'<text class="n" x="{x + cell_w / 2 - 1:.0f}" y="{y + cell_h / 2 + 4:.0f}" fill="{ink}">'
                f"{n or ''}</text></a>"
            )
    out.append("</svg>")
    return Markup("".join(out))


def _short(label: str, size: int = 26) -> str:
    head = label.split(" (")[0]
    return head if len(head) <= size else head[: size - 1] + "…"


TIMELINE_MARKS = 300  # more meetings than this: a mark per mechanism and year, not per meeting
TIMELINE_YEARS = 12  # ... and the last this many years only (the rest in /meetings and on each mechanism's page)


def timeline_since(entries: Sequence[series.TimelineEntry]) -> int | None:
    """The first year the timeline draws when it leaves earlier years out (many meetings), else None."""
    known = [y for e in entries if e.years for y in e.years]
    if len(entries) <= TIMELINE_MARKS or not known or max(known) - min(known) < TIMELINE_YEARS:
        return None
    return max(known) - TIMELINE_YEARS + 1


def timeline(entries: Sequence[series.TimelineEntry], slugs: Mapping[str, str] | None = None) -> Markup:
    """One row per mechanism, named by its partner; a dot for each plenary or high-level meeting in
    its year, a hollow square for a working meeting, a dashed bar for the years a meeting may fall
    in. Ordinals that would collide go below the mark, or are left to its tooltip; the row names
    have the room they need.

    Beyond TIMELINE_MARKS meetings the chart counts instead: a dot per mechanism and year, sized and
    labelled by its number of meetings, opening the list of those meetings (``slugs`` names each
    mechanism's slug), and only the last TIMELINE_YEARS years (:func:`timeline_since`), so that the
    chart's size follows the mechanisms, not the meetings or the years."""
    since = timeline_since(entries)
    if since is not None:  # a meeting that may fall in the years drawn stays, its span cut to them
        entries = [series.TimelineEntry(e.mechanism, e.meeting, (max(e.years[0], since), e.years[1]))
                   for e in entries if e.years and e.years[1] >= since]  # fmt: skip
    known = [y for e in entries if e.years for y in e.years]
    lo, hi = (min(known), max(known)) if known else (2000, 2025)
    lo, hi = lo - 1, hi + 1
    rows = list(dict.fromkeys(e.mechanism for e in entries))
    by_row: dict[str, list[series.TimelineEntry]] = {row: [] for row in rows}
    for e in entries:
        by_row[e.mechanism].append(e)
    names = _row_names(entries, rows)
    left = max(90, 16 + 7 * max((len(n) for n in names.values()), default=0))
    top, row_h = 56, 46
    width = left + 660
    span = max(1, hi - lo)

    def x_of(year: float) -> float:
        return left + (width - left - 20) * (year - lo) / span

    height = top + row_h * len(rows) + 30
    counted = since is not None or len(entries) > TIMELINE_MARKS
    desc = gettext(
        "A dot is the meetings of a mechanism in a year, larger and numbered for more; a dashed bar is the "
        "meetings whose year the release does not give, across the years the officials named allow."
        if counted
        else "A dot is a plenary or high-level meeting in the year it was held, a hollow square a "
        "working meeting; a dashed bar is a meeting whose year the release does not give, across the years "
        "the officials named allow."
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="tl-title tl-desc">',
        f'<title id="tl-title">{escape(gettext("Meetings of each mechanism over the years"))}</title>',
        f'<desc id="tl-desc">{desc}</desc>',
        _counted_legend(left) if counted else _legend(left),
    ]
    step = 1 if span <= 12 else 2 if span <= 24 else 5
    for year in range(lo, hi + 1):
        if year % step == 0:
            x = x_of(year)
            out.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 10}" x2="{x:.1f}" y2="{height - 24}"/>')
            out.append(f'<text class="year" x="{x:.1f}" y="{height - 8}">{year}</text>')
    for i, name in enumerate(rows):
        y = top + i * row_h + row_h / 2
        out.append(f'<text class="row" x="{left - 10}" y="{y + 4:.0f}"><title>{escape(name)}</title>'
                   f"{escape(names[name])}</text>")  # fmt: skip
        placed = _Lanes()
        if counted:
            out.extend(_counted_marks(name, by_row[name], (slugs or {}).get(name), x_of, y, placed))
            continue
        marks = sorted((e for e in by_row[name] if e.years), key=lambda e: _centre(e, x_of))
        out.extend(_mark(e, x_of, y, placed) for e in marks)
    out.append("</svg>")
    return Markup("".join(out))


def _row_names(entries: Sequence[series.TimelineEntry], rows: Sequence[str]) -> dict[str, str]:
    """Each mechanism's row name: its partner ("Guangdong"), unless two rows share a partner or it
    has none, then its name shortened."""
    partner = {e.mechanism: e.meeting.partner for e in entries}
    counts: dict[str | None, int] = {}
    for row in rows:
        counts[partner.get(row)] = counts.get(partner.get(row), 0) + 1
    return {row: p if (p := partner.get(row)) and counts[p] == 1 else _short(row, 34) for row in rows}


def _legend(left: int) -> str:
    y = 14
    return (
        f'<g class="legend"><circle cx="{left + 6}" cy="{y}" r="6"/>'
        f'<text x="{left + 16}" y="{y + 4}">{escape(gettext("plenary or high-level meeting"))}</text>'
        f'<rect class="working" x="{left + 216}" y="{y - 6}" width="12" height="12"/>'
        f'<text x="{left + 234}" y="{y + 4}">{escape(gettext("working meeting"))}</text>'
        f'<rect class="range" x="{left + 356}" y="{y - 6}" width="34" height="12" rx="6"/>'
        f'<text x="{left + 398}" y="{y + 4}">{escape(gettext("year not stated"))}</text></g>'
    )


def _counted_legend(left: int) -> str:
    y = 14
    return (
        f'<g class="legend"><circle cx="{left + 6}" cy="{y}" r="6"/>'
        f'<text x="{left + 16}" y="{y + 4}">{escape(gettext("meetings of a year (the number above)"))}</text>'
        f'<rect class="range" x="{left + 356}" y="{y - 6}" width="34" height="12" rx="6"/>'
        f'<text x="{left + 398}" y="{y + 4}">{escape(gettext("year not stated"))}</text></g>'
    )


def _counted_marks(name: str, entries: Sequence[series.TimelineEntry], slug: str | None,
                   x_of: Callable[[float], float], y: float, lanes: _Lanes) -> list[str]:  # fmt: skip
    """A row's meetings counted by year (or by span of years, for those whose year is not stated):
    a mark each, opening the list of the mechanism's meetings of that year."""
    spans: dict[tuple[int, int], int] = {}
    for e in entries:
        if e.years:
            spans[e.years] = spans.get(e.years, 0) + 1
    peak = max(spans.values(), default=1)
    out = []
    for (a, b), n in sorted(spans.items(), key=lambda item: (item[0][0] + item[0][1], item[0])):
        query = {"mechanism": slug} if slug else {}
        if a == b:
            query["year"] = str(a)
        link = "/meetings" + (f"?{urlencode(query)}" if query else "")
        when = str(a) if a == b else f"{a}–{b}?"
        words = f"{name}, {when}: " + ngettext("{n} meeting", "{n} meetings", n).format(n=n)
        x = x_of(a + 0.5) if a == b else (x_of(a) + x_of(b + 1)) / 2
        label = str(n)
        lane = lanes.place(x, label)
        text = (
            ""
            if lane is None
            else f'<text class="ord" x="{x:.1f}" y="{y - 11 if lane == "above" else y + 19:.0f}">{label}</text>'
        )
        if a != b:
            x1, x2 = x_of(a), x_of(b + 1)
            shape = f'<rect class="range" x="{x1:.1f}" y="{y - 6:.0f}" width="{x2 - x1:.1f}" height="12" rx="6"/>'
        else:
            shape = f'<circle cx="{x:.1f}" cy="{y:.0f}" r="{3 + 5 * (n / peak) ** 0.5:.1f}"/>'
        out.append(f'<a href="{escape(link)}"><title>{escape(words)}</title>{shape}{text}</a>')
    return out


def _centre(e: series.TimelineEntry, x_of: Callable[[float], float]) -> float:
    a, b = e.years or (0, 0)
    return x_of(a + 0.5) if a == b else (x_of(a) + x_of(b + 1)) / 2


class _Lanes:
    """Where the last ordinal above and below a row's marks ended: a new one goes where it fits."""

    def __init__(self) -> None:
        self.above = self.below = float("-inf")

    def place(self, x: float, text: str) -> str | None:
        half = 3.5 * len(text) + 2
        if x - half >= self.above:
            self.above = x + half
            return "above"
        if x - half >= self.below:
            self.below = x + half
            return "below"
        return None


def _mark(e: series.TimelineEntry, x_of: Callable[[float], float], y: float, lanes: _Lanes) -> str:
    m = e.meeting
    kind = m.kind or ""
    words = f"{e.mechanism}: {m.slug}, {e.label}"
    link = f'<a href="/meetings/{escape(m.slug)}"><title>{escape(words)}</title>'
    x = _centre(e, x_of)
    ordinal = str(m.ordinal or "")
    lane = lanes.place(x, ordinal) if ordinal else None
    label = (
        ""
        if lane is None
        else f'<text class="ord" x="{x:.1f}" y="{y - 11 if lane == "above" else y + 19:.0f}">{ordinal}</text>'
    )
    a, b = e.years or (0, 0)
    if a != b:
        x1, x2 = x_of(a), x_of(b + 1)
        shape = f'<rect class="range" x="{x1:.1f}" y="{y - 6:.0f}" width="{x2 - x1:.1f}" height="12" rx="6"/>'
    elif kind == MeetingKind.WORKING_MEETING:
        shape = f'<rect class="working" x="{x - 6:.1f}" y="{y - 6:.0f}" width="12" height="12"/>'
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y:.0f}" r="7"/>'
    return link + shape + label + "</a>"


# What each status is drawn in (the pills' colours, a shade darker so that a thin bar shows).
STATUS_FILLS = {
    "agreed": "#94a3b8", "in_progress": "#60a5fa", "implemented": "#22c55e", "stalled": "#f59e0b",
    "dropped": "#ef4444", "no_public_evidence": "#a855f7",
}  # fmt: skip


def meetings_chart(bars: Sequence[tuple[str, str, dict[str, int]]], labels: dict[str, str]) -> Markup:
    """A mechanism's meetings in order, a bar each: its measures, stacked by what became of them
    (each measure's status today). ``bars`` holds (name, url, count per status) per meeting;
    ``labels`` the statuses in words. Each bar opens its meeting."""
    most = max((sum(c.values()) for _, _, c in bars), default=0) or 1
    left, top, bar_w, gap, plot_h = 40, 40, 46, 30, 180
    legend_w = sum(24 + 7 * len(gettext(labels[status])) for status in STATUS_FILLS)
    width = max(left + legend_w, left + len(bars) * (bar_w + gap) + 20)
    height = top + plot_h + 60
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart meetings" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="mc-title mc-desc">',
        f'<title id="mc-title">{escape(gettext("Measures agreed at each meeting, by what became of them"))}</title>',
        f'<desc id="mc-desc">{escape(_chart_words(bars, labels))}</desc>',
    ]
    x_legend = left
    for status, fill in STATUS_FILLS.items():
        said = gettext(labels[status])
        out.append(f'<rect x="{x_legend}" y="8" width="10" height="10" fill="{fill}"/>')
        out.append(f'<text class="legend" x="{x_legend + 14}" y="17">{escape(said)}</text>')
        x_legend += 24 + 7 * len(said)
    base = top + plot_h
    out.append(f'<line class="grid" x1="{left - 6}" y1="{base}" x2="{width - 10}" y2="{base}"/>')
    for i, (name, url, counts) in enumerate(bars):
        x = left + i * (bar_w + gap)
        total = sum(counts.values())
        words = f"{name}: " + ngettext("{n} measure", "{n} measures", total).format(n=total)
        out.append(f'<a href="{escape(url)}"><title>{escape(words)}</title>')
        y = float(base)
        for status, fill in STATUS_FILLS.items():
            h = plot_h * counts.get(status, 0) / most
            if h:
                y -= h
                out.append(f'<rect class="bar" x="{x}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" fill="{fill}"/>')
        out.append(f'<text class="n" x="{x + bar_w / 2}" y="{y - 5:.0f}">{total}</text>')
        for line, part in enumerate(name.split(", ", 1)):
            out.append(f'<text class="year" x="{x + bar_w / 2}" y="{base + 16 + 14 * line}">{escape(part)}</text>')
        out.append("</a>")
    out.append("</svg>")
    return Markup("".join(out))


def _chart_words(bars: Sequence[tuple[str, str, dict[str, int]]], labels: dict[str, str]) -> str:
    """The chart said in words, for a screen reader: each meeting, its measures and their statuses."""
    parts = []
    for name, _, counts in bars:
        said = ", ".join(f"{n} {gettext(labels[s]).casefold()}" for s, n in counts.items() if n)
        parts.append(f"{name}: {sum(counts.values())} ({said})" if said else f"{name}: 0")
    return "; ".join(parts)
