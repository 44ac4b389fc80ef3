"""The search's facet counts (issue 14 item 2) equal a plain ``count(*)`` for each value of each facet,
on SQLite and PostgreSQL, with and without chosen facets: the store's counts (one aggregate row,
the meetings' partner, year and kind looked up by id) and the web search's (a chosen facet's
other values counted without it).

The store is filled directly with rows: SYNTHETIC meetings and items written here, of several
partners (one meeting without a partner), years (some without), kinds of meeting, kinds of item
(some from a meeting's other report, ``item_id`` 0) and themes (none, one or several an item).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from cooptrack.serve import search as web_search
from cooptrack.store import ItemKind, SearchQuery, Store
from cooptrack.store import search as store_search
from cooptrack.store.models import DocumentVersion, Meeting, SearchEntry, Source
from cooptrack.views.service import Data
from cooptrack.vocab import MeetingKind, Theme
from webtools import client

PARTNERS = ("Anhui", "Guangdong", "Macao", "Sichuan", None)
YEARS = (2012, 2015, 2019, 2023, None)
MEETING_KINDS = (MeetingKind.PLENARY, MeetingKind.WORKING_MEETING, MeetingKind.HIGH_LEVEL_MEETING)
THEMES = (Theme.TRADE_INVESTMENT, Theme.HEALTH, Theme.YOUTH, Theme.FINANCE, Theme.ENVIRONMENT)
WORDS = ("ferry", "wetland", "ferry wetland")
MEETINGS = 60


def _fill(url: str) -> None:
    """MEETINGS synthetic meetings of ten items each, facets varied by a seeded draw."""
    rng = random.Random(2)
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    sources, versions, meetings, entries = [], [], [], []
    for k in range(1, MEETINGS + 1):
        partner = PARTNERS[k % len(PARTNERS)] if k % 11 else None
        year = rng.choice(YEARS)
        sources.append({"id": k, "uri": f"/synthetic/counts-{k}.txt", "name": f"{k}.txt", "first_seen_at": now})
        versions.append(
            {"id": k, "source_id": k, "version": 1, "sha256": f"{k:064x}", "size": 0, "encoding": "utf-8",
             "media_type": "text/plain", "fetched_at": now, "ingested_at": now, "parser_version": "test",
             "relevant": True, "relevance_reason": None, "is_current": True, "cleaned_text": "", "record": {}}
        )  # fmt: skip
        meetings.append(
            {"id": k, "slug": f"synthetic-{k}", "identity": f"m{k}", "document_id": k, "partner": partner,
             "kind": rng.choice(MEETING_KINDS).value, "mechanism": f"Hong Kong/{partner} Conference",
             "ordinal": k, "date": None, "year": year, "year_from": year, "year_to": year, "year_reasons": [],
             "flags": [], "document_kind": "report", "title": None}
        )  # fmt: skip
        for i in range(10):
            themes = [t.value for t in THEMES if rng.random() < 0.3]
            entries.append(
                {"id": k * 100 + i, "kind": rng.choice(list(ItemKind)).value, "meeting_id": k, "document_id": k,
                 "item_id": 0 if i == 9 else k * 100 + i, "position": i, "extra": "",
                 "text": f"Synthetic item {i}: the {rng.choice(WORDS)} plan.", "grams": "",
                 "themes": f" {' '.join(themes)} " if themes else ""}
            )  # fmt: skip
    with Store(url) as store, store.engine.begin() as conn:
        for model, rows in ((Source, sources), (DocumentVersion, versions), (Meeting, meetings),
                            (SearchEntry, entries)):  # fmt: skip
            conn.execute(insert(model.__table__), rows)


@pytest.fixture
def filled(db_url: str) -> Iterator[Store]:
    _fill(db_url)
    with Store(db_url) as store:
        yield store


# The facets of the store's count, each with the condition that an item holds a value of it.
CONDITIONS: dict[str, Any] = {
    "partner": lambda v: func.lower(Meeting.partner) == v.lower(),
    "year": lambda v: Meeting.year == int(v),
    "meeting_kind": lambda v: Meeting.kind == v,
    "kind": lambda v: SearchEntry.kind == v,
    "theme": lambda v: SearchEntry.themes.like(f"% {v} %"),
}
VALUES = {
    "partner": [p for p in PARTNERS if p],
    "year": [str(y) for y in YEARS if y],
    "meeting_kind": [k.value for k in MEETING_KINDS],
    "kind": [k.value for k in ItemKind],
    "theme": [t.value for t in THEMES],
}


def _count(store: Store, word: str, chosen: dict[str, str], *more: Any) -> int:
    """``count(*)`` of the items holding ``word`` (found by LIKE, not the text index) and the chosen facets."""
    stmt = select(func.count()).select_from(SearchEntry).join(Meeting, Meeting.id == SearchEntry.meeting_id)
    stmt = stmt.where(SearchEntry.text.like(f"%{word}%"), *(CONDITIONS[n](v) for n, v in chosen.items()), *more)
    with store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def _truth(store: Store, word: str, chosen: dict[str, str]) -> tuple[int, dict[str, dict[str, int]]]:
    """The total with every chosen facet, and each facet's values counted without its own choice."""
    counts = {}
    for name, values in VALUES.items():
        others = {n: v for n, v in chosen.items() if n != name}
        found = {v: _count(store, word, others, CONDITIONS[name](v)) for v in values}
        counts[name] = {v: n for v, n in sorted(found.items()) if n}
    return _count(store, word, chosen), counts


CHOICES = [
    ("ferry", {}),
    ("wetland", {"partner": "Guangdong"}),
    ("ferry", {"year": "2019", "theme": Theme.HEALTH.value}),
    ("wetland", {"kind": ItemKind.MEASURE.value, "meeting_kind": MeetingKind.PLENARY.value}),
    ("ferry", {"partner": "macao", "theme": Theme.YOUTH.value, "kind": ItemKind.PERSON.value}),
]


@pytest.mark.parametrize(("word", "chosen"), CHOICES, ids=[f"{w} {sorted(c)}" for w, c in CHOICES])
def test_the_web_search_counts_equal_count_of_each_facet_value(
    filled: Store, word: str, chosen: dict[str, str]
) -> None:
    total, expected = _truth(filled, word, chosen)
    assert total > 0 and all(expected.values())  # every facet has values to count
    rows, counts = web_search.search(Data(filled), word, dict(chosen))
    assert len(rows) == total
    assert {name: counts[name] for name in VALUES} == expected
    primary = _count(filled, word, chosen, SearchEntry.kind == ItemKind.MEASURE.value, SearchEntry.item_id != 0)
    assert counts["status"] == ({"agreed": primary} if primary else {})  # no status recorded: every measure agreed


@pytest.mark.parametrize("meetings", ["none", "some", "all"])
def test_the_store_counts_equal_count_whatever_meetings_it_is_told_of(filled: Store, meetings: str) -> None:
    """The meetings' facts the caller gives (all, some: the store reads the rest, none) change no count."""
    with filled.engine.connect() as conn:
        rows = conn.execute(select(Meeting.id, Meeting.partner, Meeting.year, Meeting.kind)).all()
    facts = store_search.MeetingFacts
    told = {"none": None, "some": facts(map(tuple, rows[::3])), "all": facts(map(tuple, rows))}[meetings]
    for word, chosen in CHOICES:
        query = SearchQuery(
            word, partner=chosen.get("partner"), year=int(chosen["year"]) if "year" in chosen else None,
            theme=Theme(chosen["theme"]) if "theme" in chosen else None,
            kind=ItemKind(chosen["kind"]) if "kind" in chosen else None,
            meeting_kind=MeetingKind(chosen["meeting_kind"]) if "meeting_kind" in chosen else None,
        )  # fmt: skip
        with filled._read() as session:
            found = store_search.count_search(session, query, full_text=filled.full_text, meetings=told)
            partner = store_search.count_search(
                session, query, full_text=filled.full_text, meetings=told, facets=("partner",)
            )
        expected = {
            name: {v: n for v in values if (n := _count(filled, word, chosen, CONDITIONS[name](v)))}
            for name, values in VALUES.items()
        }
        assert (found.total, found.facets) == (_count(filled, word, chosen), expected), (word, chosen)
        assert partner.facets["partner"] == expected["partner"]
        if told is not None:  # only the facet asked for is counted
            assert [name for name, c in partner.facets.items() if c] == ["partner"]
        assert partner.total == found.total and partner.primary_measures == found.primary_measures


def test_the_search_page_counts_a_search_once_for_a_state_of_the_store(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same search asked again, its next page or the API's counts nothing more; other facets
    are counted (answers are kept for a state of the store: tests/test_meeting_alone.py)."""
    counted: list[int] = []
    real = web_search.count_search
    monkeypatch.setattr(web_search, "count_search", lambda *a, **k: counted.append(1) or real(*a, **k))
    web = client(filled)
    first = web.get("/search?q=ferry").text
    assert counted and web.get("/search?q=ferry").text == first
    once = len(counted)
    assert web.get("/search?q=ferry&page=2").status_code == 200 and web.get("/api/search?q=ferry").status_code == 200
    assert len(counted) == once  # kept: the page's, the next page's and the API's counts are one
    assert web.get("/search?q=ferry&partner=Guangdong").status_code == 200 and len(counted) > once
