"""Search as the pages and the API offer it: the store's full-text search, narrowed by facets.

The store finds the hits (up to :data:`SEARCH_MAX`); facets (partner, theme, year, kind of meeting, kind of item,
tracking status) and pages are worked out here from them, so every facet shows how many hits
each of its values would leave. A hit in another report of its meeting (the Chinese release of
an English one) links to that report's text on the meeting's page (``#src2-measure-3``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from cooptrack.render import hit_json
from cooptrack.serve.views import Data, Row, meeting_label, status_label
from cooptrack.store import Hit, SearchQuery

SEARCH_MAX = 2000  # hits fetched per query; facets and pages are worked out from them
FACETS = ("partner", "theme", "year", "meeting_kind", "kind", "status")


def search(data: Data, text: str, facets: dict[str, str | None]) -> tuple[list[Row], dict[str, dict[str, int]]]:
    """The hits of ``text`` narrowed by the chosen facets, and each facet's values with their counts."""
    keys = {(x.meeting_id, x.span): x.key for x in data.measures.values()}
    rows = []
    for hit in data.store.search(SearchQuery(text, limit=SEARCH_MAX)):
        n = _source_number(data, hit)
        key = keys.get((hit.meeting_id, hit.span)) if hit.kind == "measure" and n == 1 else None
        status = data.tracking.status(key).value if key else None
        anchor = f"src-{hit.kind}-{_position(data, hit.meeting, hit.kind, hit.span)}"
        rows.append(
            {
                **hit_json(hit),
                "meeting_label": meeting_label(data.meeting(hit.meeting)),
                "date": _iso(data.meeting(hit.meeting).date),
                "source_n": n,
                "measure": key,
                "status": status,
                "status_label": status_label(status) if status else None,
                "url": f"/meetings/{hit.meeting}#{anchor if n == 1 else f'src{n}-{hit.kind}-{hit.position}'}",
            }
        )
    chosen = [row for row in rows if all(_facet_fits(row, name, value) for name, value in facets.items())]
    return chosen, facet_counts(rows, facets)


def browse(data: Data, facets: dict[str, str | None]) -> tuple[list[Row], dict[str, dict[str, int]]]:
    """Every item of every meeting, without a query, narrowed by the chosen facets (newest first),
    with each facet's counts as :func:`search` gives them: browsing by facets alone."""
    rows = [_item_row(data, m, kind, item) for m in data.meetings for kind, item in _items(m)]
    rows.sort(key=lambda r: r["date"] or (f"{r['year']}-00-00" if r["year"] else ""), reverse=True)
    chosen = [row for row in rows if all(_facet_fits(row, name, value) for name, value in facets.items())]
    return chosen, facet_counts(rows, facets)


def _items(m: Any) -> list[tuple[str, Any]]:
    return [
        *(("measure", x) for x in m.measures),
        *(("area", a) for a in m.areas if a.heading),
        *(("agreement", g) for g in m.agreements),
        *(("person", p) for p in m.people),
    ]


def _item_row(data: Data, m: Any, kind: str, item: Any) -> Row:
    text = {"measure": "text", "area": "heading", "agreement": "title", "person": "name"}[kind]
    words: str = getattr(item, text)
    key = item.key if kind == "measure" else None
    status = data.tracking.status(key).value if key else None
    snippet = words if len(words) <= 200 else words[:199] + "…"
    span = [item.span_start, item.span_end] if item.span_start is not None else None
    return {
        "kind": kind, "meeting": m.slug, "partner": m.partner, "year": m.year, "meeting_kind": m.kind,
        "themes": list(getattr(item, "themes", None) or []), "snippet": snippet, "highlights": [], "text": words,
        "span": span,
        "source": m.document.source.uri, "meeting_label": meeting_label(m), "date": _iso(m.date), "source_n": 1,
        "measure": key, "status": status, "status_label": status_label(status) if status else None,
        "url": f"/meetings/{m.slug}#src-{kind}-{item.position}",
    }  # fmt: skip


SORTS = ("relevance", "newest", "oldest")


def sort_hits(rows: list[Row], order: str | None) -> list[Row]:
    """Hits by relevance (as found), or by their meeting's date, newest or oldest first (a meeting
    without a date by its year; one with neither last)."""
    if order not in ("newest", "oldest"):
        return rows
    dated = [r for r in rows if r.get("date") or r.get("year")]
    undated = [r for r in rows if not (r.get("date") or r.get("year"))]
    dated.sort(key=lambda r: r.get("date") or f"{r['year']}-00-00", reverse=order == "newest")
    return dated + undated


def facet_counts(rows: Sequence[Row], facets: dict[str, str | None]) -> dict[str, dict[str, int]]:
    """Each facet's values, counted over the rows the *other* chosen facets leave: a facet's other
    values stay offered after one is chosen (Beijing to Sichuan in one step), each with the number
    of hits choosing it instead would give."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for row in rows:
        misfits = [name for name, value in facets.items() if not _facet_fits(row, name, value)]
        if len(misfits) > 1:
            continue
        for name in FACETS:
            if misfits and misfits[0] != name:
                continue
            for value in _facet_values(row, name):
                counts[name][value] = counts[name].get(value, 0) + 1
    return {name: dict(sorted(c.items())) for name, c in counts.items()}


def _facet_values(row: Row, name: str) -> list[str]:
    if name == "theme":
        return list(row["themes"])
    value = row.get(name)
    return [] if value is None else [str(value)]


def _facet_fits(row: Row, name: str, value: str | None) -> bool:
    if not value:
        return True
    if name == "partner":
        return any(v.casefold() == value.casefold() for v in _facet_values(row, name))
    return value in _facet_values(row, name)


def _source_number(data: Data, hit: Hit) -> int:
    """Which source of its meeting a hit came from, numbered as on the meeting's page (1: the primary)."""
    reports = sorted(data.meeting(hit.meeting).reports, key=lambda r: (not r.is_primary, r.id))
    uris = [r.source.uri for r in reports if r.document is None or r.document.relevant]
    return uris.index(hit.source) + 1 if hit.source in uris else 1


def _position(data: Data, slug: str, kind: str, span: tuple[int, int] | None) -> int:
    """The position of the item a hit found in its meeting (for the anchor in the source text)."""
    m = data.meeting(slug)
    items: Sequence[Any] = m.people
    if kind == "measure":
        items = m.measures
    elif kind == "area":
        items = m.areas
    elif kind == "agreement":
        items = m.agreements
    return next((i.position for i in items if i.span == span), 0)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
