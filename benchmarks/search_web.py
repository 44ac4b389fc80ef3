"""The web search at the size of an ingested corpus: ``serve.search.search`` and its first page.

What ``/search`` and ``/api/search`` do for a request, the page rendering aside: the counts of
every facet over every match (``count_search``, once plus once per chosen facet, and the status
facet from the measures that have one) and one page of 25 hits with their snippets, after the
read snapshot (``Data``) is warm, as in a running server. The peer is the bare ranked top 20 of
the text index (as in ``search.py``) on the same database in the same run. The store is a copy
(SQLite's backup) of one that ``ingest.py`` built from the synthetic corpus (``bench-data/
ingest-10000.db``: 10,000 pages), so that the original is left as it is.

    .venv/bin/python benchmarks/search_web.py --db bench-data/ingest-10000.db --write
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path
from typing import Any

import common
from search import _bare, _timed

from cooptrack.serve import search as web
from cooptrack.store import Store
from cooptrack.views.service import Data

QUERIES = ("trade", "Chinese medicine", "innovation", "youth", "arbitration", "logistics", "粵港")
HEADERS = ["query", "facets", "matches", "web search ms", "p95", "bare top 20 ms", "p95 "]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=common.DATA / "ingest-10000.db", help="an ingested SQLite store")
    parser.add_argument("--reps", type=int, default=15, help="timed runs of each query")
    parser.add_argument("--write", action="store_true", help="update the section of docs/performance.md")
    args = parser.parse_args()
    facts = common.machine()
    copy = common.DATA / "search-web.db"
    with sqlite3.connect(args.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    rows: list[list[Any]] = []
    with Store(f"sqlite:///{copy}") as store:
        data = Data(store)
        start = time.perf_counter()
        _ = data.tracking, data.meetings
        warm = time.perf_counter() - start
        counts = store.counts()
        for words in QUERIES:
            for facets in ({}, {"partner": "Guangdong"}):
                found: list[int] = []

                def request(w: str = words, f: dict[str, str] = facets, out: list[int] = found) -> list[Any]:
                    hits, _counts = web.search(data, w, dict(f))
                    out.append(len(hits))
                    return hits[0:25]

                ms, _ = _timed(request, args.reps)
                bare, _ = _timed(lambda w=words: _bare(store, w), args.reps)
                rows.append([words, ", ".join(f"{k}={v}" for k, v in facets.items()), found[-1],
                             common.median(ms), common.percentile(ms, 95), common.median(bare),
                             common.percentile(bare, 95)])  # fmt: skip
                print(f"  {words} {facets}: {rows[-1][3]:.1f} ms against {rows[-1][5]:.1f}", flush=True)
    copy.unlink()
    store_facts = (f"{counts['document_version']:,} pages stored, {counts['meeting']:,} meetings, "
                   f"{counts['measure']:,} measures, {counts['search_entry']:,} search entries")  # fmt: skip
    summary = (
        f"Median of medians: web search {common.median([r[3] for r in rows]):.1f} ms (worst p95 "
        f"{max(r[4] for r in rows):.1f} ms); the bare top 20 {common.median([r[5] for r in rows]):.1f} ms. "
        f"The read snapshot took {warm:.1f} s to warm (once per state of the store, not per request)."
    )
    body = f"{store_facts}.\n\n{common.table(HEADERS, rows)}\n\n{summary}\n"
    print(body)
    if args.write:
        doc = (
            f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n{args.reps} timed runs of each query "
            f"after one untimed; a request's counts and its first page of 25 hits.\n\n{body}"
        )
        common.write_section("search-web", "Web search at 10,000 pages", doc)


if __name__ == "__main__":
    main()
