"""The first requests after a start, and a worker's memory, for trees of cooptrack side by side.

For each tree (this one, and any ``--tree NAME=DIR`` — a ``git archive`` of another commit, run
with ``PYTHONPATH=DIR/src``), in turn and ``--rounds`` times: ``cooptrack serve --workers 1`` on
the store given, then, as soon as it listens, one request for each page of ``PAGES`` in order,
each timed from when it was sent; then the worker's resident memory (``VmRSS``) and its peak
(``VmHWM``). One worker, so that the memory is one worker's; the pages are asked one at a time, so
that each figure is that page's first answer (the first pays for building the server's view of the
store, the next ones for what they add to it).

    .venv/bin/python benchmarks/startup.py --db sqlite:////tmp/sb/s10k.db --tree before=/tmp/before --write

A SQLite store is copied for each run (a tree with a newer schema upgrades its copy, not the
store the next tree is given). With ``--after-ingest FILE``, after the first requests each run
ingests ``FILE`` into its store with the tree's ``cooptrack ingest`` (timed: it includes what the
command does for the server when it ends), then asks the same pages again at once, each timed:
the first requests after a write. With ``--kept``, each tree's copy first gets what that tree's
``cooptrack ingest`` keeps for the server (the overview, people, commitments), so that every tree
finds the store as a server finds one in use, whatever tree wrote it. With ``--upgrade``, each
tree's copy first goes through that tree's ``cooptrack db upgrade`` (timed), as a deployment does
before it serves a new version: a store kept by other code is an upgrade's.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

import common
import httpx

from cooptrack.store import Store

PAGES = [
    ("overview", "/"),
    ("a meeting", "/meetings/{meeting}"),
    ("tracker", "/tracker"),
    ("people", "/people"),
    ("search", "/search?q=trade"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _status(pid: int) -> dict[str, int]:
    """The worker's VmRSS and VmHWM (MiB): the newest child of the server, or the server itself."""
    children = [int(c) for t in Path(f"/proc/{pid}/task").iterdir() for c in (t / "children").read_text().split()]
    out = {}
    for line in Path(f"/proc/{max(children, default=pid)}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) // 1024
    return out


def _pages(base: str, meeting: str, found: dict[str, float], prefix: str = "") -> None:
    for label, path in PAGES:
        sent = time.perf_counter()
        answer = httpx.get(base + path.format(meeting=meeting), timeout=900)
        assert answer.status_code == 200, (path, answer.status_code)
        found[f"{prefix}{label} s"] = time.perf_counter() - sent


def _copy(db: str, to: Path) -> None:
    """A SQLite store copied whole, what its write-ahead log holds included (SQLite's backup)."""
    with closing(sqlite3.connect(db.removeprefix("sqlite:///"))) as source, closing(sqlite3.connect(to)) as copy:
        source.backup(copy)


def _run(db: str, src: Path | None, meeting: str, after: Path | None = None, kept: bool = False,
         upgrade: bool = False) -> dict[str, float]:  # fmt: skip
    """One run of a tree on a copy of a SQLite store (each tree finds the store as it was given:
    a tree whose schema is newer upgrades its copy only), else on the store itself; with ``kept``,
    the tree first keeps on its copy what its ``cooptrack ingest`` keeps for the server when it
    ends (a store in use, whichever tree wrote it last)."""
    if not db.startswith("sqlite:///"):
        return _serve(db, src, meeting, after)
    with tempfile.TemporaryDirectory(prefix="cooptrack-startup-") as folder:
        copy = Path(folder) / "store.db"
        _copy(db, copy)
        if kept:
            env = {**os.environ, **({"PYTHONPATH": str(src)} if src is not None else {})}
            keep = ("import sys; from cooptrack.cli.base import keep_overview; from cooptrack.store import Store; "
                    "s = Store(sys.argv[1]); keep_overview(s); s.close()")  # fmt: skip
            subprocess.run([sys.executable, "-c", keep, f"sqlite:///{copy}"], check=True, env=env,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        upgraded = {}
        if upgrade:
            env = {**os.environ, **({"PYTHONPATH": str(src)} if src is not None else {})}
            sent = time.perf_counter()
            subprocess.run([str(Path(sys.executable).with_name("cooptrack")), "db", "upgrade", "--db",
                            f"sqlite:///{copy}"], check=True, env=env, stdout=subprocess.DEVNULL)  # fmt: skip
            upgraded["db upgrade s"] = time.perf_counter() - sent
        return {**upgraded, **_serve(f"sqlite:///{copy}", src, meeting, after)}


def _serve(db: str, src: Path | None, meeting: str, after: Path | None) -> dict[str, float]:
    port = _free_port()
    env = {**os.environ, "COOPTRACK_ANONYMOUS_PER_MINUTE": "0"}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    exe = Path(sys.executable).with_name("cooptrack")
    started = time.perf_counter()
    server = subprocess.Popen([str(exe), "serve", "--db", db, "--port", str(port), "--workers", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    found: dict[str, float] = {}
    try:
        for _ in range(6000):
            try:
                httpx.get(f"{base}/static/style.css", timeout=1.0)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        found["listening s"] = time.perf_counter() - started
        _pages(base, meeting, found)
        found.update({f"{k} MiB": v for k, v in _status(server.pid).items()})
        if after is not None:
            sent = time.perf_counter()
            subprocess.run([str(exe), "ingest", "--db", db, str(after)], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            found["ingest s"] = time.perf_counter() - sent
            _pages(base, meeting, found, "after ")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store to serve (SQLAlchemy URL)")
    parser.add_argument("--tree", action="append", default=[], help="NAME=DIR: another tree, run from DIR/src")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write the section of docs/performance.md")
    parser.add_argument("--after-ingest", type=Path, help="a release to ingest after the first requests (SQLite)")
    parser.add_argument(
        "--kept",
        action="store_true",
        help="each tree first keeps on its copy what its ingest keeps for the server (SQLite)",
    )
    parser.add_argument("--upgrade", action="store_true",
                        help="each tree first runs its cooptrack db upgrade on its copy, timed (SQLite)")  # fmt: skip
    parser.add_argument("--section", default="startup", help="the section of docs/performance.md to write")
    args = parser.parse_args()
    common.header("First requests after a start")
    with tempfile.TemporaryDirectory(prefix="cooptrack-startup-") as folder:  # read from a copy: never upgraded
        url = args.db
        if url.startswith("sqlite:///"):
            _copy(url, Path(folder) / "counted.db")
            url = f"sqlite:///{Path(folder) / 'counted.db'}"
        with Store(url) as store:
            counts = store.counts()
            listed = store.meetings()
            meeting = listed[len(listed) // 2].meeting.slug
    trees: list[tuple[str, Path | None]] = [(f"this tree ({common.commit()})", None)]
    trees += [(name, Path(folder) / "src") for name, _, folder in (t.partition("=") for t in args.tree)]
    rows = []
    for n in range(args.rounds):
        for name, src in trees:
            found = _run(args.db, src, meeting, args.after_ingest, args.kept, args.upgrade)
            print(name, n + 1, {k: round(v, 2) for k, v in found.items()})
            labels = ("listening", *(p for p, _ in PAGES))
            later = ("ingest", *(f"after {p}" for p, _ in PAGES)) if args.after_ingest else ()
            rows.append([name, n + 1, *([found.get("db upgrade s", 0.0)] if args.upgrade else []),
                         *(found.get(f"{label} s", 0.0) for label in labels),
                         found.get("VmRSS MiB"), found.get("VmHWM MiB"),
                         *(found.get(f"{label} s", 0.0) for label in later)])  # fmt: skip
    headers = ["tree", "round", *(["db upgrade s"] if args.upgrade else []), "listening s",
               *(f"first {label} s" for label, _ in PAGES), "RSS MiB", "peak MiB"]  # fmt: skip
    if args.after_ingest:
        headers += ["ingest s", *(f"then {label} s" for label, _ in PAGES)]
    result = common.table(headers, rows)
    facts = (f"Store: {counts.get('meeting', 0):,} meetings, {counts.get('measure', 0):,} measures, "
             f"{counts.get('person', 0):,} people named; one worker (`cooptrack serve --workers 1`); "
             f"the meeting: {meeting}.")  # fmt: skip
    print(facts)
    print(result)
    if args.write:
        body = f"{common.machine()}\n\nCommand: `{common.command_line()}`\n\n{facts}\n\n{result}\n"
        title = "First requests after a start and after an ingest, and a worker's memory"
        if args.upgrade:
            title = "First requests after an upgrade (`cooptrack db upgrade`, then a start), and a worker's memory"
        common.write_section(args.section, title, body)


if __name__ == "__main__":
    main()
