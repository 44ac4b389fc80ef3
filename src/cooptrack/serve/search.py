"""Search as the pages and the API offer it: the store's full-text search, narrowed by facets.

The store finds the hits (up to :data:`SEARCH_MAX`); facets (partner, theme, year, kind of meeting, kind of item,
tracking status) and pages are worked out here from them, so every facet shows how many hits
each of its values would leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cooptrack.render import hit_json
from cooptrack.serve.views import Data, Row, status_label
from cooptrack.store import SearchQuery

SEARCH_MAX = 2000  # hits fetched per query; facets and pages are worked out from them
FACETS = ("partner", "theme", "year", "meeting_kind", "kind", "status")


def search(data: Data, text: str, facets: dict[str, str | None]) -> tuple[list[Row], dict[str, dict[str, int]]]:
    """The hits of ``text`` narrowed by the chosen facets, and each facet's values with their counts."""
    keys = {(x.meeting_id, x.span): x.key for x in data.measures.values()}
    rows = []
    for hit in data.store.search(SearchQuery(text, limit=SEARCH_MAX)):
        key = keys.get((hit.meeting_id, hit.span)) if hit.kind == "measure" else None
        status = data.tracking.status(key).value if key else None
        rows.append(
            {
                **hit_json(hit),
                "measure": key,
                "status": status,
                "status_label": status_label(status) if status else None,
                "url": f"/meetings/{hit.meeting}#src-{hit.kind}-{_position(data, hit.meeting, hit.kind, hit.span)}",
            }
        )
    chosen = [row for row in rows if all(_facet_fits(row, name, value) for name, value in facets.items())]
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for row in chosen:
        for name in FACETS:
            for value in _facet_values(row, name):
                counts[name][value] = counts[name].get(value, 0) + 1
    return chosen, {name: dict(sorted(c.items())) for name, c in counts.items()}


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
