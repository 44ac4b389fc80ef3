"""The bytes of the pages whose size could follow the store (issue 14 item 1), on a copy of an
ingested store, for this tree and, side by side, the tree of an earlier commit (``--before REV``,
taken with ``git archive``): the overview, the list of meetings, the tracker and /compare, with the
number of ``<option>`` in their meeting choices. Sizes, not times: each page is asked once.

``.venv/bin/python benchmarks/pagesize.py --db bench-data/ingest-1000.db --before 9f73f3f --write``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import common

PATHS = ["/", "/meetings", "/meetings?page=2", "/tracker", "/tracker?partner={partner}", "/compare",
         "/compare?left={partner}&right={partner}"]  # fmt: skip


def measure(db: str) -> None:
    """In a process whose PYTHONPATH names the tree measured: each page's bytes and meeting options."""
    from cooptrack.store import Store
    from webtools import client

    store = Store(f"sqlite:///{db}")
    partner = sqlite3.connect(db).execute("SELECT partner FROM meeting WHERE partner IS NOT NULL "
                                          "GROUP BY partner ORDER BY count(*) DESC LIMIT 1").fetchone()[0]  # fmt: skip
    web = client(store)
    out = {}
    for path in PATHS:
        url = path.format(partner=partner)
        page = web.get(url).text
        options = sum(block.count("<option") for block in re.findall(
            r'<select id="(?:f-meeting|left)"[^>]*>.*?</select>', page, re.S))  # fmt: skip
        out[path.replace("{partner}", "P")] = {"bytes": len(page.encode()), "options": options}
    print(json.dumps({"partner": partner, "pages": out}))


def run(tree: Path, db: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}:{tree / 'tests'}:{common.ROOT / 'benchmarks'}"}
    done = subprocess.run([sys.executable, __file__, "--measure", db], env=env, capture_output=True, text=True,
                          check=True, cwd=tree)  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(common.DATA / "ingest-1000.db"), help="an ingested SQLite store")
    parser.add_argument("--before", help="a commit to measure beside this tree")
    parser.add_argument("--write", action="store_true", help="replace this section of docs/performance.md")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    common.header("Page sizes")
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = str(Path(tmp) / "store.db")
        with sqlite3.connect(args.db) as source, sqlite3.connect(snapshot) as copy:
            source.backup(copy)
            meetings = copy.execute("SELECT count(*) FROM meeting").fetchone()[0]
        now = run(common.ROOT, snapshot)
        before = None
        if args.before:
            old = Path(tmp) / "before"
            old.mkdir()
            archive = subprocess.run(["git", "archive", args.before], cwd=common.ROOT, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
            before = run(old, snapshot)
    pages_now: dict[str, dict[str, int]] = now["pages"]  # type: ignore[assignment]
    pages_before: dict[str, dict[str, int]] = before["pages"] if before else {}  # type: ignore[assignment]
    rows = []
    for path, got in pages_now.items():
        was = pages_before.get(path, {"bytes": float("nan"), "options": float("nan")})
        rows.append([f"`{path}`", was["bytes"], got["bytes"], was["options"], got["options"]])
    label = args.before or "–"
    body = (
        f"{common.machine()}\n\nStore: {meetings:,} meetings (`{args.db}`, copied); P = {now['partner']}, the partner "
        f"with the most meetings. Command: `{common.command_line()}`.\n\n"
        + common.table(
            ["page", f"bytes at {label}", "bytes now", f"meeting options at {label}", "meeting options now"], rows
        )
    )
    print(body)
    if args.write:
        common.write_section("pagesize", f"Page sizes ({meetings:,} meetings)", body)


if __name__ == "__main__":
    main()
