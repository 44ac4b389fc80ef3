"""Search that does not rank the world (issue 14 item 2), on SQLite and PostgreSQL: the newest hits
found by walking the meetings give what sorting every match gives; counts and facet counts equal
``count(*)`` over every match; the work of a search is bounded by the page it shows, counted in
statements, snippets and SQLite virtual-machine steps, never timed.

The stores are filled directly with rows (SQLAlchemy Core, as ``benchmarks/search.py`` does): SYNTHETIC
meetings and items written here, of every partner and year, some without a date, some without
a year, so that the order and the facets are exercised beyond the first page.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert

from cooptrack.acquire import Document
from cooptrack.record import Record
from cooptrack.serve import search as web_search
from cooptrack.store import ItemKind, SearchQuery, Store
from cooptrack.store import search as store_search
from cooptrack.store.models import Area, DocumentVersion, Measure, Meeting, Report, SearchEntry, Source
from cooptrack.views.service import Data
from cooptrack.vocab import MeetingKind, Theme, TrackingStatus

MakeRelease = Callable[..., tuple[Document, Record]]
PARTNERS = ("Anhui", "Hunan", "Jiangxi", "Sichuan")
WORDS = ("logistics", "arbitration", "wetlands", "tourism")
THEMES = ("trade_investment", "professional_services", "environment", "culture_tourism")
MEETINGS = 120
ITEMS = 12  # items a meeting (two areas, ten measures)


def _fill(url: str, meetings: int = MEETINGS) -> list[dict[str, Any]]:
    """A store of MEETINGS meetings; returns the search entries written, with their meeting's facts."""
    rng = random.Random(14)
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    rows: dict[Any, list[dict[str, Any]]] = {m: [] for m in (Source, DocumentVersion, Meeting, Report, Area, Measure,
                                                             SearchEntry)}  # fmt: skip
    entries = []
    for k in range(1, meetings + 1):
        partner = PARTNERS[k % len(PARTNERS)]
        year: int | None = 2000 + rng.randrange(20)
        date: dt.date | None = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        if k % 17 == 0:
            date = None  # a year, no date
        if k % 29 == 0:
            year = date = None  # neither
        kind = (MeetingKind.PLENARY if k % 3 else MeetingKind.WORKING_MEETING).value
        rows[Source].append({"id": k, "uri": f"/synthetic/{k}.txt", "name": f"{k}.txt", "first_seen_at": now})
        rows[DocumentVersion].append(
            {"id": k, "source_id": k, "version": 1, "sha256": f"{k:064x}", "size": 0, "encoding": "utf-8",
             "media_type": "text/plain", "fetched_at": now, "ingested_at": now, "parser_version": "test",
             "relevant": True, "relevance_reason": None, "is_current": True, "cleaned_text": "", "record": {}}
        )  # fmt: skip
        rows[Meeting].append(
            {"id": k, "slug": f"{partner.lower()}-{kind}-{k}", "identity": f"m{k}", "document_id": k,
             "partner": partner, "kind": kind, "mechanism": f"Hong Kong/{partner} Co-operation Conference",
             "ordinal": k, "date": date, "year": year, "year_from": year, "year_to": year, "year_reasons": [],
             "flags": [], "document_kind": "report", "title": None}
        )  # fmt: skip
        rows[Report].append({"id": k, "meeting_id": k, "source_id": k, "document_id": k, "is_primary": True})
        for a in range(2):
            area_id = k * 2 + a
            rows[Area].append({"id": area_id, "meeting_id": k, "document_id": k, "position": a,
                               "heading": f"Area {a}", "themes": [], "extent_start": None,
                               "extent_end": None})  # fmt: skip
        for i in range(ITEMS):
            words = " and ".join(w for w in WORDS if rng.random() < 0.3) or "exchanges"
            themes = [t for t in THEMES if rng.random() < 0.4]
            text = f"Promote {words} between the two places (synthetic item {i})."
            item_kind = "measure" if i < ITEMS - 2 else "area"
            eid = k * 100 + i
            item_id = k * 100 + i if item_kind == "measure" else k * 2 + i - (ITEMS - 2)
            if item_kind == "measure":
                rows[Measure].append(
                    {"id": item_id, "key": f"{item_id:032x}", "meeting_id": k, "area_id": k * 2, "document_id": k,
                     "position": i, "text": text, "themes": themes, "primary_theme": themes[0] if themes else None,
                     "quantities": []}
                )  # fmt: skip
            entry = {"id": eid, "kind": item_kind, "item_id": item_id, "meeting_id": k, "document_id": k,
                     "position": i, "text": text, "extra": "", "themes": f" {' '.join(themes)} " if themes else "",
                     "grams": ""}  # fmt: skip
            rows[SearchEntry].append(entry)
            entries.append({**entry, "partner": partner, "year": year, "date": date, "meeting_kind": kind})
    with Store(url) as store, store.engine.begin() as conn:
        for model in (Source, DocumentVersion, Meeting, Report, Area, Measure, SearchEntry):
            conn.execute(insert(model.__table__), rows[model])
    return entries


@pytest.fixture
def filled(db_url: str) -> Iterator[tuple[Store, list[dict[str, Any]]]]:
    entries = _fill(db_url)
    with Store(db_url) as store:
        yield store, entries


def _newest(entries: list[dict[str, Any]]) -> list[int]:
    """The order search promises: year, then date, newest first (without a date after the dated ones
    of its year, with neither last), then meeting, then item."""
    return [e["id"] for e in sorted(entries, key=lambda e: (*_meeting_order(e), e["id"]))]


def _meeting_order(e: dict[str, Any]) -> tuple[Any, ...]:
    day = e["date"].toordinal() if e["date"] else 0
    return (e["year"] is None, -(e["year"] or 0), e["date"] is None, -day, -e["meeting_id"])


def _truth(entries: list[dict[str, Any]], word: str, **facets: Any) -> list[dict[str, Any]]:
    out = [e for e in entries if word in e["text"]]
    for name, value in facets.items():
        if name == "theme":
            out = [e for e in out if f" {value.value} " in e["themes"]]
        elif name == "kind":
            out = [e for e in out if e["kind"] == value.value]
        else:
            out = [e for e in out if e[name] == getattr(value, "value", value)]
    return out


QUERIES = [
    ("logistics", {}),
    ("wetlands", {"partner": "Hunan"}),
    ("arbitration", {"year": 2007}),
    ("tourism", {"theme": Theme.ENVIRONMENT}),
    ("logistics", {"kind": ItemKind.AREA}),
    ("wetlands", {"meeting_kind": MeetingKind.WORKING_MEETING, "theme": Theme.TRADE_INVESTMENT}),
    ("quantum", {}),
]


def _ids(store: Store, entries: list[dict[str, Any]], query: SearchQuery) -> list[int]:
    by_position = {(e["meeting_id"], e["kind"], e["position"]): e["id"] for e in entries}
    return [by_position[(h.meeting_id, h.kind, h.position)] for h in store.search(query)]


@pytest.mark.parametrize(
    ("scan_from", "walk_per_hit"),
    [(0, 0), (10**6, 0), (0, 1), (10**6, 1)],
    ids=["walk", "sort", "short-walk-then-walk", "short-walk-then-sort"],
)
def test_newest_first_walking_the_meetings_or_sorting_every_match_gives_the_same_hits(
    filled: tuple[Store, list[dict[str, Any]]], scan_from: int, walk_per_hit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, entries = filled
    monkeypatch.setattr(store_search, "SCAN_FROM", scan_from)  # 0: always walk; a million: always sort
    # PostgreSQL first walks this many meetings a hit asked for (none: no such walk; one: the page of
    # a frequent word found there, the walk too short for rarer matches, then sorted or walked whole)
    monkeypatch.setattr(store_search, "WALK_PER_HIT", walk_per_hit)
    for word, facets in QUERIES:
        expected = _newest(_truth(entries, word, **facets))
        assert _ids(store, entries, SearchQuery(word, **facets)) == expected[:20], (word, facets)
        assert _ids(store, entries, SearchQuery(word, offset=20, limit=15, **facets)) == expected[20:35]


def test_relevance_and_oldest_are_on_demand(filled: tuple[Store, list[dict[str, Any]]]) -> None:
    store, entries = filled
    every = _truth(entries, "logistics")
    oldest = _ids(store, entries, SearchQuery("logistics", order="oldest", limit=10**6))
    assert sorted(oldest) == sorted(e["id"] for e in every) and oldest != _newest(every)
    years = [e["year"] for e in sorted(every, key=lambda e: oldest.index(e["id"]))]
    dated = [y for y in years if y is not None]
    assert dated == sorted(dated) and years[-1] is None  # the oldest first, without a year last
    best = _ids(store, entries, SearchQuery("logistics", order="relevance", limit=10**6))
    assert sorted(best) == sorted(oldest)


def test_counts_are_count_of_every_match(filled: tuple[Store, list[dict[str, Any]]]) -> None:
    store, entries = filled
    for word, facets in QUERIES:
        truth = _truth(entries, word, **facets)
        with store._read() as session:
            counts = store_search.count_search(session, SearchQuery(word, **facets), full_text=store.full_text)
        assert counts.total == len(truth) == len(store.search(SearchQuery(word, limit=10**6, **facets)))
        assert counts.facets["partner"] == dict(sorted(Counter(e["partner"] for e in truth).items()))
        assert counts.facets["year"] == dict(sorted(Counter(str(e["year"]) for e in truth if e["year"]).items()))
        assert counts.facets["kind"] == dict(sorted(Counter(e["kind"] for e in truth).items()))
        assert counts.facets["meeting_kind"] == dict(sorted(Counter(e["meeting_kind"] for e in truth).items()))
        themes = Counter(t for e in truth for t in e["themes"].split())
        assert counts.facets["theme"] == dict(sorted(themes.items()))
        assert counts.primary_measures == sum(e["kind"] == "measure" for e in truth)


def test_a_search_sends_three_statements_and_snippets_only_its_page(
    filled: tuple[Store, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, entries = filled
    matches = len(_truth(entries, "logistics"))
    assert matches > 200  # far more than a page
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    selects = lambda: [s for s in statements if s.lstrip().upper().startswith("SELECT")]  # noqa: E731
    finished = []
    split = store_search._split_marks
    monkeypatch.setattr(store_search, "_split_marks", lambda s: (finished.append(s), split(s))[1])
    for scan_from in (0, 10**6):
        monkeypatch.setattr(store_search, "SCAN_FROM", scan_from)
        statements.clear()
        finished.clear()
        assert len(store.search(SearchQuery("logistics"))) == 20
        assert len(finished) == 20  # a snippet for each hit shown, none for the other matches
        assert len(selects()) <= 3  # how many match (up to SCAN_FROM), the page's ids, the page's hits


def test_on_sqlite_the_newest_page_costs_the_list_of_matches_and_a_short_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's virtual machine steps (a progress handler every 100): the first page newest first
    costs listing the matching ids (FTS5) and a walk over the newest meetings, which hardly grows
    with the store; sorting every match, as oldest first does, grows with it."""

    def steps(url: str, sql: str) -> int:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            count, _ = _vm_steps(conn, sql)
        return count

    def page(url: str, query: SearchQuery) -> str:
        with Store(url) as store, store._read() as session:
            match = store_search._matcher(session, query, full_text=True)
            assert match is not None
            stmt = store_search._page(session, match, query).limit(20)
            return str(stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))

    monkeypatch.setattr(store_search, "SCAN_FROM", 100)  # these stores' matches are walked (a million's are)
    extra = {}
    for meetings in (120, 480):
        url = f"sqlite:///{tmp_path / f'{meetings}.db'}"
        _fill(url, meetings)
        listing = steps(url, """SELECT rowid FROM search_fts WHERE search_fts MATCH '"logistics"'""")
        walk = steps(url, page(url, SearchQuery("logistics")))
        every = steps(url, page(url, SearchQuery("logistics", order="oldest")))
        extra[meetings] = (walk - listing, every - listing)
    # sorting every match grows with the matches (four times as many); beside the list of matches
    # (an index of their ids, in C), the walk reads the same few newest meetings at either size
    assert extra[480][1] > 3 * extra[120][1]
    assert extra[480][0] < 2 * extra[120][0] and extra[480][0] * 5 < extra[480][1]


def _vm_steps(conn: sqlite3.Connection, sql: str, params: Any = ()) -> tuple[int, int]:
    """How many hundreds of SQLite virtual machine steps ``sql`` takes (a progress handler every
    100), and how many rows it gives."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    conn.set_progress_handler(tick, 100)
    try:
        rows = len(conn.execute(sql, params).fetchall())
    finally:
        conn.set_progress_handler(None, 100)
    return count, rows


def _statements(store: Store, query: SearchQuery) -> list[tuple[str, Any]]:
    """The SELECT statements ``store.search(query)`` sends, with their parameters."""
    sent: list[tuple[str, Any]] = []
    listen = lambda _c, _cur, sql, params, _ctx, _many: sent.append((sql, params))  # noqa: E731
    event.listen(store.engine, "before_cursor_execute", listen)
    try:
        store.search(query)
    finally:
        event.remove(store.engine, "before_cursor_execute", listen)
    return [(sql, params) for sql, params in sent if sql.lstrip().upper().startswith("SELECT")]


def test_on_sqlite_the_page_s_snippets_look_each_hit_up_in_the_text_index(tmp_path: Path) -> None:
    """The statement that makes the page's snippets reads search_entry first and asks FTS5 for each
    hit by its rowid (the phrase checked, the snippet made, for those rows alone): its plan, and its
    virtual machine steps, the same in a store four times the size. A prefix, which FTS5 expands
    over the whole index at each lookup, keeps the index's own list of its matches."""

    def hits(url: str, words: str) -> tuple[list[str], int]:
        with Store(url) as store:
            sql, params = _statements(store, SearchQuery(words))[-1]
        assert "snippet(" in sql
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            count, rows = _vm_steps(conn, sql, params)
        assert rows == 20
        return plan, count

    steps: dict[tuple[str, int], int] = {}
    for meetings in (120, 480):
        url = f"sqlite:///{tmp_path / f'{meetings}.db'}"
        _fill(url, meetings)
        for words in ("logistics", '"two places"', "logist*"):
            plan, steps[(words, meetings)] = hits(url, words)
            first, fts = plan[0], next(line for line in plan if "search_fts" in line)
            if words.endswith("*"):
                assert first.startswith("SCAN search_fts") and "INDEX 0:M" in fts, plan
            else:
                assert first.startswith("SEARCH search_entry USING INTEGER PRIMARY KEY"), plan
                assert "VIRTUAL TABLE INDEX 0:=" in fts, plan  # looked up by rowid (=), the MATCH checked there
    for words in ("logistics", '"two places"'):  # four times the matches, the same page
        assert steps[(words, 480)] < 1.5 * steps[(words, 120)], steps
    assert steps[("logist*", 480)] > 3 * steps[("logist*", 120)]  # the listing grows with the matches


@pytest.mark.parametrize("order", ["date", "oldest", "relevance"])
def test_on_sqlite_every_match_sorted_is_read_from_the_matches(
    sqlite_url: str, order: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When every match is read and sorted (few of them, oldest first, best first), the matches lead
    and each one's meeting is looked up by its id; with a partner, SQLite left alone walks that
    partner's meetings (ix_meeting_partner_newest) and looks every match up in each of them (448 ms
    for 28 hits at a million measures)."""
    monkeypatch.setattr(store_search, "SCAN_FROM", 10**6)  # few enough to be sorted
    _fill(sqlite_url)
    query = SearchQuery("logistics", partner="Hunan", year=2007, order=order)
    with Store(sqlite_url) as store, store._read() as session:
        match = store_search._matcher(session, query, full_text=True)
        assert match is not None
        sql = str(
            store_search._page(session, match, query).compile(
                session.get_bind(), compile_kwargs={"literal_binds": True}
            )
        )
        plan = [row[3] for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    meeting = [line for line in plan if " meeting " in f"{line} "]
    assert meeting == ["SEARCH meeting USING INTEGER PRIMARY KEY (rowid=?)"], plan
    assert plan.index(meeting[0]) > min(i for i, line in enumerate(plan) if "search_entry" in line), plan


def test_on_postgresql_the_newest_page_reads_the_newest_meetings_and_its_hits(postgres_url: str) -> None:
    """Neither counted nor listed, the matches of a frequent word: the rows of search_entry that the
    search's statements read (EXPLAIN ANALYZE: returned or filtered out) are the items of the
    newest meetings, up to the one holding the page's last hit, and the page's hits; with a partner,
    the walk reads that partner's meetings alone (``ix_meeting_partner_newest``)."""
    entries = _fill(postgres_url, 480)
    meetings = sorted({e["meeting_id"]: e for e in entries}.values(), key=_meeting_order)  # one entry each
    rank = {e["meeting_id"]: n for n, e in enumerate(meetings, 1)}
    with Store(postgres_url) as store:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")  # as autovacuum keeps them: the planner's statistics
        for facets in ({}, {"partner": "Hunan"}, {"theme": Theme.ENVIRONMENT}):
            truth = _truth(entries, "logistics", **facets)
            assert len(truth) > 150  # far more than a page
            last = {e["id"]: e for e in truth}[_newest(truth)[19]]
            walked = [
                e for e in meetings[: rank[last["meeting_id"]]] if e["partner"] == facets.get("partner", e["partner"])
            ]
            plans = []
            with store.engine.connect() as conn:
                for sql, params in _statements(store, SearchQuery("logistics", **facets)):
                    (plan,) = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params).one()
                    plans.append(plan[0]["Plan"])
            read = sum(_rows(plan, "search_entry") for plan in plans)
            # the walk reads the items of those meetings (ITEMS each), the snippets the page's 20; listing or
            # counting the matches (as many as 5,001 were counted) would read every one of them
            assert read < 2 * ITEMS * len(walked) + 20 < len(truth), (facets, read, len(walked))
            if "partner" in facets:  # not the other partners' meetings between them (three in four here)
                assert len(plans) == 2 and _rows(plans[0], "meeting") < 2 * len(walked), plans[0]


def _rows(node: dict[str, Any], table: str) -> int:
    """Rows of ``table`` a plan node and those under it read: returned or filtered out, every loop
    (EXPLAIN gives each per loop)."""
    own = 0.0
    if node.get("Relation Name") == table:
        kept = (
            node["Actual Rows"] + node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
        )
        own = kept * node["Actual Loops"]
    return round(own) + sum(_rows(child, table) for child in node.get("Plans", []))


@pytest.mark.parametrize("sqlite_or_pg", ["sqlite", "postgres"])
def test_the_web_search_counts_every_match_and_fetches_a_page(
    request: pytest.FixtureRequest, sqlite_or_pg: str
) -> None:
    url = str(request.getfixturevalue(f"{sqlite_or_pg}_url"))
    entries = _fill(url)
    with Store(url) as store:
        measures = [e for e in _truth(entries, "logistics") if e["kind"] == "measure"]
        done, dropped = f"{measures[0]['item_id']:032x}", f"{measures[1]['item_id']:032x}"
        store.record_event(done, TrackingStatus.IMPLEMENTED, by="tester")
        store.record_event(dropped, TrackingStatus.DROPPED, by="tester")
        data = Data(store)
        rows, counts = web_search.search(data, "logistics", {"partner": "anhui", "status": None})
        truth = _truth(entries, "logistics", partner="Anhui")
        assert len(rows) == len(truth) and sum(counts["kind"].values()) == len(truth)
        assert counts["partner"] == dict(sorted(Counter(e["partner"] for e in _truth(entries, "logistics")).items()))
        assert [r["kind"] for r in rows[:25]] == [
            e["kind"] for e in sorted(truth, key=lambda e: _newest(truth).index(e["id"]))
        ][:25]
        every, facets = web_search.search(data, "logistics", {})
        # a status shows on every appearance of its commitment (the same text at later meetings)
        status = {f"{e['item_id']:032x}": data.tracking.status(f"{e['item_id']:032x}").value for e in measures}
        assert facets["status"] == dict(sorted(Counter(status.values()).items()))
        assert {"agreed", "dropped", "implemented"} <= set(facets["status"])
        for value in ("implemented", "agreed"):
            chosen, _ = web_search.search(data, "logistics", {"status": value})
            assert sorted(r["measure"] for r in chosen) == sorted(k for k, v in status.items() if v == value)
        assert len(list(every)) == len(every) == len(_truth(entries, "logistics"))
        assert [r["status"] for r in every if r["kind"] == "measure"].count("dropped") == facets["status"]["dropped"]


def test_the_command_sorts_newest_first_unless_asked(sqlite_url: str) -> None:
    from typer.testing import CliRunner

    from cooptrack.cli import app

    entries = _fill(sqlite_url)
    path = sqlite_url  # the store's URL

    def years(*more: str) -> list[int | None]:
        result = CliRunner().invoke(
            app, ["search", "logistics", "--limit", "500", "--db", path, "--format", "json", *more]
        )
        assert result.exit_code == 0, result.stderr
        return [hit["year"] for hit in json.loads(result.stdout)]

    newest, oldest, best = years(), years("--sort", "oldest"), years("--sort", "relevance")
    truth = _truth(entries, "logistics")
    assert len(newest) == len(oldest) == len(best) == len(truth)
    dated = [y for y in newest if y is not None]
    assert dated == sorted(dated, reverse=True) and newest[-1] is None
    assert [y for y in oldest if y is not None] == sorted(dated) and sorted(map(str, best)) == sorted(map(str, newest))
    assert CliRunner().invoke(app, ["search", "logistics", "--sort", "best", "--db", path]).exit_code == 2
