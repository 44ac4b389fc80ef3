"""Search as the pages and the API offer it: the store's full-text search, narrowed by facets.

The store finds the hits a page shows, and counts (one aggregate row over every match, no hit
fetched; each match's meeting's partner, year and kind from the read snapshot) how many items each
value of each facet (partner, theme, year, kind of meeting, kind of item) would leave; a chosen
facet's other values are counted again without it, that facet alone. The tracking status, kept
by the web side, is counted from the few measures that have one. The rows of :func:`search` are
fetched a page at a time (:class:`SearchRows`). A hit in another report of its meeting (the
Chinese release of an English one) links to that report's text on the meeting's page
(``#src2-measure-3``).
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any, SupportsIndex, overload

from cooptrack.render import hit_json
from cooptrack.store import Hit, ItemKind, MeasureFilter, SearchQuery
from cooptrack.store.search import MeetingFacts, count_search, matched_keys
from cooptrack.views.service import Data, Row, meeting_label, status_label
from cooptrack.vocab import MeetingKind, Theme, TrackingStatus

FACETS = ("partner", "theme", "year", "meeting_kind", "kind", "status")
_ORDERS = {None: "date", "newest": "date", "oldest": "oldest", "relevance": "relevance"}  # sort -> store order


Counts = tuple[int, dict[str, dict[str, int]]]  # how many items a search finds, each facet's values counted


def search(
    data: Data, text: str, facets: dict[str, str | None], order: str | None = None,
    keep: Callable[[tuple[object, ...], Callable[[], Counts]], Counts] | None = None,
) -> tuple[list[Row], dict[str, dict[str, int]]]:  # fmt: skip
    """The hits of ``text`` narrowed by the chosen facets (newest first; ``order``: "newest",
    "oldest", "relevance"), and each facet's values with their counts, over what the *other*
    chosen facets leave (a facet's other values stay offered after one is chosen). ``keep(key,
    count)``: the counts as kept for this state of the store (a page's memo: the same search asked
    again, or its next page, counts nothing), else counted now."""
    query = _query(data, text, facets, order)

    def counted() -> Counts:
        total, counts = _counts(data, query)
        for name, value in facets.items():
            if value and name in FACETS:
                counts[name] = _counts(data, _query(data, text, {**facets, name: None}, order), only=name)[1][name]
        return total, counts

    key = ("search-counts", text.strip(), *sorted((name, v) for name, v in facets.items() if v))
    total, counts = counted() if keep is None else keep(key, counted)
    return SearchRows(data, query, total), counts


class SearchRows(list[Row]):
    """The rows of a search, fetched from the store a slice at a time (a page of them): a list to
    its callers (``len``, slices, iteration), holding no row itself."""

    def __init__(self, data: Data, query: SearchQuery | None, total: int) -> None:
        super().__init__()
        self.data, self.query, self.total = data, query, total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: SupportsIndex) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.total)
            if step != 1:
                return self._fetch(start, max(stop - start, 0))[::step]
            return self._fetch(start, max(stop - start, 0))
        position = int(index) + self.total if int(index) < 0 else int(index)
        if not 0 <= position < self.total:
            raise IndexError(index)
        return self._fetch(position, 1)[0]

    def __iter__(self) -> Iterator[Row]:
        for start in range(0, self.total, 500):
            yield from self._fetch(start, 500)

    def sorted(self, order: str | None) -> SearchRows:
        """The same rows in another order ("newest", "oldest", "relevance")."""
        if self.query is None:
            return self
        query = SearchQuery(**{**self.query.__dict__, "order": _ORDERS.get(order, "date")})
        return SearchRows(self.data, query, self.total)

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        if self.query is None or limit <= 0:
            return []
        query = SearchQuery(**{**self.query.__dict__, "offset": offset, "limit": limit})
        return [_row(self.data, hit) for hit in self.data.store.search(query)]


def _row(data: Data, hit: Hit) -> Row:
    n = _source_number(data, hit)
    key = hit.measure_key if n == 1 else None
    status = data.tracking.status(key).value if key else None
    anchor = f"src-{hit.kind}-{_position(data, hit.meeting, hit.kind, hit.span)}"
    return {
        **hit_json(hit),
        "meeting_label": meeting_label(data.meeting(hit.meeting)),
        "date": _iso(data.meeting(hit.meeting).date),
        "source_n": n,
        "measure": key,
        "status": status,
        "status_label": status_label(status) if status else None,
        "url": f"/meetings/{hit.meeting}#{anchor if n == 1 else f'src{n}-{hit.kind}-{hit.position}'}",
    }


def _query(data: Data, text: str, facets: dict[str, str | None], order: str | None) -> SearchQuery | None:
    """The store's query for the chosen facets (None: a value no item can have, such as year=abc)."""
    try:
        year = facets.get("year")
        if year and str(int(year)) != year:
            return None
        theme, meeting_kind, kind, status = (facets.get(n) for n in ("theme", "meeting_kind", "kind", "status"))
        return SearchQuery(
            text, partner=facets.get("partner") or None, theme=Theme(theme) if theme else None,
            year=int(year) if year else None, kind=ItemKind(kind) if kind else None,
            meeting_kind=MeetingKind(meeting_kind) if meeting_kind else None,
            order=_ORDERS.get(order, "date"), measures=_with_status(data, TrackingStatus(status)) if status else None,
        )  # fmt: skip
    except ValueError:
        return None


def _statuses(data: Data) -> dict[str, str]:
    """The status of every measure that has one other than the default (a user recorded it)."""
    return {key: data.tracking.status(key).value for key in data.tracking.by_measure}


def _with_status(data: Data, status: TrackingStatus) -> MeasureFilter:
    statuses = _statuses(data)
    if status is TrackingStatus.AGREED:  # the default: every measure but those with another status
        return MeasureFilter(frozenset(k for k, s in statuses.items() if s != status.value), among=False)
    return MeasureFilter(frozenset(k for k, s in statuses.items() if s == status.value))


def _counts(data: Data, query: SearchQuery | None, only: str | None = None) -> tuple[int, dict[str, dict[str, int]]]:
    """How many items ``query`` finds, and each facet's values over them, or ``only`` that facet's
    (the others empty); the status from the measures that have one."""
    if query is None:
        return 0, {name: {} for name in FACETS}
    store = data.store
    counted = [name for name in FACETS if only in (None, name) and name != "status"]
    with store._read() as session:
        found = count_search(session, query, full_text=store.full_text, meetings=_meeting_facts(data), facets=counted)
        if only not in (None, "status"):
            return found.total, {**found.facets, "status": {}}
        statuses = _statuses(data)
        keys = matched_keys(session, query, frozenset(statuses), full_text=store.full_text)
    status: dict[str, int] = {}
    for key in keys:
        status[statuses[key]] = status.get(statuses[key], 0) + 1
    agreed = TrackingStatus.AGREED.value
    untracked = found.primary_measures - (sum(status.values()) - status.get(agreed, 0)) - status.get(agreed, 0)
    if untracked:
        status[agreed] = status.get(agreed, 0) + untracked
    return found.total, {**found.facets, "status": dict(sorted(status.items()))}


_FACTS_OF: weakref.WeakKeyDictionary[Data, MeetingFacts] = weakref.WeakKeyDictionary()


def _meeting_facts(data: Data) -> MeetingFacts:
    """Each meeting's partner, year and kind by id, from the read snapshot (once per snapshot): the
    store counts matches by meeting and needs not join them to their meeting."""
    if data not in _FACTS_OF:
        _FACTS_OF[data] = MeetingFacts((m.id, m.partner, m.year, m.kind) for m in data.meetings)
    return _FACTS_OF[data]


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
    """Hits by their meeting's date, newest first unless asked oldest first (a meeting without a
    date by its year; one with neither last), or by relevance (a browse's rows: as found). A
    search's rows are sorted by the store."""
    if isinstance(rows, SearchRows):
        return rows.sorted(order)
    if order == "relevance":
        return rows
    order = order if order == "oldest" else "newest"
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
