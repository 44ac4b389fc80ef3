"""Search latency (median and p95) over a store of 1 000 000 synthetic measures, against the bare ranked top 20.

The store is made by ``Store(url)`` (so the schema is the migrations'), then filled directly with
SQLAlchemy Core, not through the parser: meetings across 40 partners and 28 years, five areas a
meeting, measures written from the templates of ``benchmarks/pools.py`` (SYNTHETIC) with a tail of
varied words, themes given by cooptrack's own theme rules, and one ``search_entry`` per area and
measure, as ingest writes them. The full-text index is built as the store builds it: on SQLite by
the FTS5 triggers of the migration, on PostgreSQL by the generated ``tsvector`` column and its
GIN index (migration ``core_0003``), both filled as the rows go in.

Each query runs, with and without its facets, through ``Store.search`` (20 hits newest first, as
the CLI and the pages ask them), through ``Store.search`` with ``order="relevance"`` (every match
ranked), and through ``count_search`` (the total and every facet's counts, as the web search asks
them); the peer is the bare top 20 of the text index ranked (``ORDER BY rank`` / ``ts_rank``, no
facet, no join, no snippet), on the same database in the same run. On PostgreSQL the tables are
analysed after the build, as autovacuum would (the planner needs their statistics).

    .venv/bin/python benchmarks/search.py --n 1000000 --peer-reps 5 --count-reps 3 --write
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

import common
import pools as P
import psycopg
from ingest import pg_schema, sqlite_db
from sqlalchemy import func, insert, select, text

from cooptrack.extract.themes import heading_themes, measure_themes
from cooptrack.store import ItemKind, SearchQuery, Store
from cooptrack.store.models import Area, DocumentVersion, Measure, Meeting, Report, SearchEntry, Source
from cooptrack.store.search import count_search, run_search, terms
from cooptrack.vocab import Theme

MEASURES_PER_MEETING = 25
AREAS_PER_MEETING = 5
BATCH_MEETINGS = 400
TAILS = (
    "", "", "", " The two sides will report progress to the next plenary.",
    " A task force of the two governments will follow this up.", " This continues the work agreed in {y}.",
    " Pilot projects will start in {c} and three other cities.", " Details will be announced by the bureaux.",
    " Quantum computing research will be part of the pilot.",
)  # fmt: skip
RARE_TAIL = len(TAILS) - 1  # the quantum tail: about one measure in a thousand

# (words, facets): a dozen queries of the kinds people type, each also run with its facets
QUERIES: tuple[tuple[str, dict[str, Any]], ...] = (
    ('"Chinese medicine"', {"partner": "Sichuan"}),
    ("arbitration", {"theme": Theme.PROFESSIONAL_SERVICES}),
    ("internship*", {"partner": "Fujian", "year": 2019}),
    ('"Belt and Road"', {"year": 2023}),
    ("logistics", {"partner": "Guangdong", "kind": ItemKind.MEASURE}),
    ("biomedicine laboratories", {"theme": Theme.INNOVATION_TECHNOLOGY}),
    ('"sister schools"', {"partner": "Beijing"}),
    ("cruise", {"year": 2010}),
    ('"carbon emissions"', {"theme": Theme.ENVIRONMENT}),
    ("wealth management", {"partner": "Shanghai"}),
    ("wetlands", {"partner": "Hubei", "year": 2015}),
    ("quantum", {"partner": "Zhejiang"}),
)


# --- building the store ------------------------------------------------------------------------


def build(url: str, n: int, seed: int = 0) -> float:
    """Fill an empty store with ``n`` measures; returns the seconds it took."""
    meetings = (n + MEASURES_PER_MEETING - 1) // MEASURES_PER_MEETING
    start = time.perf_counter()
    with Store(url) as store, store.engine.begin() as conn:
        left = n
        for first in range(0, meetings, BATCH_MEETINGS):
            batch = _batch(first, min(BATCH_MEETINGS, meetings - first), left, seed)
            left -= len(batch[Measure])
            for model in (Source, DocumentVersion, Meeting, Report, Area, Measure, SearchEntry):
                conn.execute(insert(model.__table__), batch[model])
    return time.perf_counter() - start


_THEMES: dict[tuple[str, str], tuple[list[str], list[str]]] = {}


def _themes(heading: str, template: str) -> tuple[list[str], list[str]]:
    """The area's and the measure's themes, by cooptrack's rules (computed once per template)."""
    if (heading, template) not in _THEMES:
        area = heading_themes(heading)
        measure = measure_themes(template.format(p="Fujian", c="Fuzhou", n=10, m=10), area)
        _THEMES[(heading, template)] = ([t.value for t in area], [t.value for t in measure])
    return _THEMES[(heading, template)]


def _batch(first: int, count: int, left: int, seed: int) -> dict[Any, list[dict[str, Any]]]:
    rows: dict[Any, list[dict[str, Any]]] = {m: [] for m in (Source, DocumentVersion, Meeting, Report, Area, Measure,
                                                              SearchEntry)}  # fmt: skip
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for k in range(first, first + count):
        rng = random.Random(f"search/{seed}/{k}")
        partner, _formal, city = P.PARTNERS[k % len(P.PARTNERS)]
        date = dt.date(1998, 1, 1) + dt.timedelta(days=rng.randrange(28 * 365))
        mid = k + 1
        rows[Source].append({"id": mid, "uri": f"/bench/search/{k}.htm", "name": f"{k}.htm", "first_seen_at": now})
        rows[DocumentVersion].append(
            {"id": mid, "source_id": mid, "version": 1, "sha256": f"{k:064x}", "size": 0, "encoding": "utf-8",
             "media_type": "text/html", "fetched_at": now, "ingested_at": now, "parser_version": "bench",
             "relevant": True, "relevance_reason": None, "is_current": True, "cleaned_text": "", "record": {}}
        )  # fmt: skip
        slug = f"{partner.lower()}-plenary-{k}"
        rows[Meeting].append(
            {"id": mid, "slug": slug, "identity": slug, "document_id": mid, "partner": partner, "kind": "plenary",
             "mechanism": f"Hong Kong/{partner} Co-operation Conference", "ordinal": k // len(P.PARTNERS) + 1,
             "date": date, "year": date.year, "year_from": date.year, "year_to": date.year, "year_reasons": [],
             "flags": [], "document_kind": "report", "title": None}
        )  # fmt: skip
        rows[Report].append({"id": mid, "meeting_id": mid, "source_id": mid, "document_id": mid, "is_primary": True})
        want = min(MEASURES_PER_MEETING, left - len(rows[Measure]))
        _items(rows, rng, mid, partner, city, date.year, want)
    return rows


def _items(rows: dict[Any, list[dict[str, Any]]], rng: random.Random, mid: int, partner: str, city: str, year: int,
           want: int) -> None:  # fmt: skip
    """A meeting's areas and measures, and their search entries (ids derived from the meeting's)."""
    headings = rng.sample(sorted(P.AREAS), AREAS_PER_MEETING)
    before = len(rows[Measure])
    for a, heading in enumerate(headings):
        area_id = mid * AREAS_PER_MEETING + a
        area_themes, _ = _themes(heading, P.AREAS[heading][0])
        rows[Area].append({"id": area_id, "meeting_id": mid, "document_id": mid, "position": a, "heading": heading,
                           "themes": area_themes, "extent_start": None, "extent_end": None})  # fmt: skip
        rows[SearchEntry].append(_entry(area_id * 2 + 1, "area", area_id, mid, a, heading, area_themes))
        share = want // AREAS_PER_MEETING + (a < want % AREAS_PER_MEETING)
        for _ in range(share):
            position = len(rows[Measure]) - before
            template = rng.choice(P.AREAS[heading])
            tail = TAILS[RARE_TAIL] if rng.random() < 0.001 else rng.choice(TAILS[:RARE_TAIL])
            body = template.format(p=partner, c=city, n=rng.randint(2, 60), m=rng.choice((5, 10, 50, 300)))
            measure_text = body + tail.format(y=year - rng.randint(1, 4), c=city)
            _, themes = _themes(heading, template)
            measure_id = mid * MEASURES_PER_MEETING + position
            rows[Measure].append(
                {"id": measure_id, "key": f"{measure_id:032x}", "meeting_id": mid, "area_id": area_id,
                 "document_id": mid, "position": position, "text": measure_text, "themes": themes,
                 "primary_theme": themes[0] if themes else None, "quantities": []}
            )  # fmt: skip
            rows[SearchEntry].append(_entry(measure_id * 2, "measure", measure_id, mid, position, measure_text, themes))


def _entry(eid: int, kind: str, item: int, mid: int, position: int, body: str, themes: list[str]) -> dict[str, Any]:
    return {"id": eid, "kind": kind, "item_id": item, "meeting_id": mid, "document_id": mid, "position": position,
            "text": body, "extra": "", "themes": f" {' '.join(themes)} " if themes else "", "grams": ""}  # fmt: skip


# --- timing ------------------------------------------------------------------------------------


def _query(words: str, facets: dict[str, Any], **more: Any) -> SearchQuery:
    return SearchQuery(words, **facets, **more)


def time_queries(store: Store, reps: int, peer_reps: int, count_reps: int, like_reps: int) -> list[list[Any]]:
    """For each query and facet set: median and p95 ms of the default search (newest first), of
    relevance order, of the bare ranked top 20 (the text index alone), of the counts (total and
    facets over every match), and of LIKE if asked."""
    rows = []
    for words, facets in QUERIES:
        for with_facets in (False, True):
            chosen = facets if with_facets else {}
            query = _query(words, chosen)
            newest_ms, hits = _timed(lambda q=query: store.search(q), reps)
            best = _query(words, chosen, order="relevance")
            best_ms, _ = _timed(lambda q=best: store.search(q), peer_reps)
            bare_ms, _ = _timed(lambda w=words: _bare(store, w), peer_reps)
            counted: list[int] = []
            count_ms, _ = _timed(lambda q=query, c=counted: _count(store, q, c), count_reps)
            label = ", ".join(f"{k}={getattr(v, 'value', v)}" for k, v in facets.items()) if with_facets else ""
            row: list[Any] = [words, label, counted[-1], hits]
            for ms in (newest_ms, bare_ms, best_ms, count_ms):
                row += [common.median(ms), common.percentile(ms, 95)]
            if like_reps:
                like_ms, _ = _timed(lambda q=query: _like(store, q), like_reps)
                row += [common.median(like_ms)]
            rows.append(row)
            print(f"  {words} [{label}]: {row[4]:.1f} ms (p95 {row[5]:.1f}) against bare {row[6]:.1f}, "
                  f"relevance {row[8]:.1f}, counts {row[10]:.1f} ({row[2]:,} matches)", flush=True)  # fmt: skip
    return rows


def _bare(store: Store, words: str) -> list[Any]:
    """The bare top 20 by rank: the text index alone (no facet, no join, no snippet)."""
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            made = "to_tsquery" if words.endswith("*") else "websearch_to_tsquery"
            sql = (f"SELECT id FROM search_entry, {made}('cooptrack_english', :q) AS q "
                   "WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q) DESC LIMIT 20")  # fmt: skip
            q = f"'{words[:-1]}':*" if words.endswith("*") else words
            return list(conn.execute(text(sql), {"q": q}))
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH :q ORDER BY rank LIMIT 20"
        return list(conn.execute(text(sql), {"q": _fts(words)}))


def _fts(words: str) -> str:
    """The FTS5 query the store makes of ``words`` (each term quoted, a prefix starred)."""
    return " ".join('"' + term + '"' + ("*" if prefix else "") for term, prefix in terms(words))


def _count(store: Store, query: SearchQuery, counted: list[int]) -> list[Any]:
    with store._sessions() as session:
        counted.append(count_search(session, query, full_text=store.full_text).total)
    return []


def _like(store: Store, query: SearchQuery) -> list[Any]:
    with store._sessions() as session:  # the store's own session factory: the same connection settings
        return run_search(session, query, full_text=False)


def _timed(call: Callable[[], list[Any]], reps: int) -> tuple[list[float], int]:
    hits = len(call())  # warm: the first call compiles the statement and reads pages into the cache
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1e3)
    return times, hits


def _counts(store: Store) -> str:
    with store.engine.connect() as conn:
        measures = conn.scalar(select(func.count()).select_from(Measure.__table__))
        entries = conn.scalar(select(func.count()).select_from(SearchEntry.__table__))
        meetings = conn.scalar(select(func.count()).select_from(Meeting.__table__))
    return f"{measures:,} measures, {meetings:,} meetings, {entries:,} search entries"


def _size(store: Store) -> str:
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            size = conn.scalar(text("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                                    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                                    "AND c.relkind = 'r'"))  # fmt: skip
        else:
            size = (
                conn.exec_driver_sql("PRAGMA page_count").scalar() * conn.exec_driver_sql("PRAGMA page_size").scalar()
            )
    return f"{int(size or 0) / 2**20:,.0f} MiB"


HEADERS = ["query", "facets", "matches", "hits", "search ms", "search p95", "bare top 20 ms", "bare p95",
           "relevance ms", "relevance p95", "counts ms", "counts p95"]  # fmt: skip


def bench(url: str, dialect: str, n: int, args: argparse.Namespace, *, fresh: bool) -> str:
    """Build (unless the store is there already), time the queries, and describe the run."""
    built = "reused from an earlier run"
    if fresh:
        seconds = build(url, n)
        built = f"built in {seconds:.0f} s ({n / seconds:,.0f} measures/s)"
    with Store(url) as store:
        if store.engine.dialect.name == "postgresql":  # what autovacuum does after a load: the planner's statistics
            with store.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        full_text = "full-text index" if store.full_text else "NO full-text index: both columns are LIKE"
        print(f"{dialect}: {_counts(store)}, {_size(store)}; {built}; {full_text}", flush=True)
        rows = time_queries(store, args.reps, args.peer_reps or args.reps, args.count_reps, args.like_reps)
        facts = f"{_counts(store)}, {_size(store)} on disk; {built}; search used its {full_text}."
    headers = HEADERS + (["LIKE ms"] if args.like_reps else [])

    def of(i: int) -> str:  # the median of a column's medians, and the worst p95 beside it
        return f"{common.median([r[i] for r in rows]):.1f} ms (worst p95 {max(r[i + 1] for r in rows):.1f} ms)"

    summary = (
        f"Over all {len(rows)} queries, medians of medians: search (newest first) {of(4)}; the bare ranked top 20 "
        f"{of(6)}; relevance order {of(8)}; counts {of(10)}."
    )
    return f"#### {dialect}\n\n{facts}\n\n{common.table(headers, rows)}\n\n{summary}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="measures in the store (default 1 000 000)")
    parser.add_argument("--reps", type=int, default=20, help="timed runs of each search")
    parser.add_argument("--peer-reps", type=int, help="timed runs of the bare top 20 and of relevance (default --reps)")
    parser.add_argument("--count-reps", type=int, default=5, help="timed runs of each count (total and facets)")
    parser.add_argument("--like-reps", type=int, default=0, help="timed runs of the LIKE path (default none)")
    parser.add_argument("--rebuild", action="store_true", help="build the SQLite store even if it exists")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only (without --write)")
    parser.add_argument("--pg-schema", help="a schema holding the store of an earlier run (kept; built if empty)")
    parser.add_argument("--write", action="store_true", help="update the section of docs/performance.md")
    args = parser.parse_args()
    facts = common.machine()
    print(f"Search latency\n{facts}\n")
    common.DATA.mkdir(exist_ok=True)
    parts = [] if args.no_sqlite else [_sqlite(args)]
    if args.pg_schema:
        parts.append(_kept_schema(args))
    elif not args.no_pg:
        with pg_schema("bench_search") as url:
            parts.append(bench(url, "PostgreSQL", args.n, args, fresh=True))
    body = "\n".join(parts)
    print(body)
    if args.write:
        explained = EXPLAINED.format(reps=args.reps, peer_reps=args.peer_reps or args.reps, count_reps=args.count_reps)
        doc = f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n{explained}\n\n{body}"
        common.write_section("search", "Search latency over a million measures", doc)


EXPLAINED = (
    "*search*: `Store.search` as the CLI and the pages call it, 20 hits newest first, snippets included "
    "({reps} timed runs after one untimed); *bare top 20* ({peer_reps} timed runs): the text index alone ranked, "
    "`SELECT rowid FROM "
    "search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 20` on SQLite, `... ORDER BY ts_rank(...) DESC "
    "LIMIT 20` on PostgreSQL (no facet, no join, no snippet: the same for a query with and without facets); "
    '*relevance*: `Store.search` with `order="relevance"`, the best match first (every match ranked; '
    "{peer_reps} timed runs); "
    "*counts*: `count_search`, the total and every facet's counts over every match, as the web search asks "
    "them ({count_reps} timed runs); *matches*: that total."
)


def _kept_schema(args: argparse.Namespace) -> str:
    url = f"{common.PG_URL}?options=-csearch_path%3D{args.pg_schema}"
    dsn = common.PG_URL.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{args.pg_schema}"')
        kept = conn.execute(f"SELECT to_regclass('\"{args.pg_schema}\".meeting')").fetchone()
    fresh = kept is None or kept[0] is None
    if not fresh:
        with psycopg.connect(dsn) as conn:
            fresh = not conn.execute(f'SELECT 1 FROM "{args.pg_schema}".meeting LIMIT 1').fetchone()
    return bench(url, "PostgreSQL", args.n, args, fresh=fresh)


def _sqlite(args: argparse.Namespace) -> str:
    path = common.DATA / f"search-{args.n}.db"
    if path.exists() and not args.rebuild:
        return bench(f"sqlite:///{path}", "SQLite", args.n, args, fresh=False)
    with sqlite_db(f"search-{args.n}") as url:
        return bench(url, "SQLite", args.n, args, fresh=True)


if __name__ == "__main__":
    main()
