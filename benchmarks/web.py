"""Web latency: pages and API of ``cooptrack serve`` under concurrent clients, beside a static peer.

A SQLite store is made from the releases in ``--corpus`` (default: the five real ones of
``../shared/corpus``, read in place), then two servers start on loopback as subprocesses:

- ``cooptrack serve --db …`` (one Uvicorn process, the way a user runs it);
- the peer, ``python -m http.server`` serving copies of the same pages saved from the first
  server (the cost of sending those bytes with no work behind them), in the same run.

For each path and each number of concurrent clients (httpx async clients, keep-alive), every
client sends requests one after the other until ``--n`` requests have been answered; the table
gives the median and 95th percentile latency and the requests per second.

    .venv/bin/python benchmarks/web.py --n 200 --clients 1,8,32 --write
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
import httpx

from cooptrack.acquire import iter_paths, read_path
from cooptrack.pipeline import parse_document
from cooptrack.store import Store

CORPUS = common.ROOT.parent / "shared" / "corpus"
PATHS = (
    ("page", "overview", "/"),
    ("page", "meeting", "/meetings/beijing-plenary-5"),
    ("page", "search", "/search?q=medicine"),
    ("page", "tracker", "/tracker"),
    ("api", "meetings", "/api/meetings"),
    ("api", "meeting", "/api/meetings/beijing-plenary-5"),
    ("api", "search", "/api/search?q=trade"),
    ("static", "style.css", "/static/style.css"),
)
SAVED = {"/": "overview.html", "/meetings/beijing-plenary-5": "meeting.html", "/tracker": "tracker.html"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"the server for {url} stopped (exit {proc.returncode})")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer within 30 s")


def _make_store(url: str, corpus: Path) -> int:
    with Store(url) as store:
        n = 0
        for path in iter_paths([corpus]):
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
            n += 1
        return n


async def _load(url: str, clients: int, n: int) -> tuple[list[float], float, int]:
    """``n`` requests by ``clients`` concurrent clients: latencies (ms), wall time (s), errors."""
    latencies: list[float] = []
    errors = 0
    remaining = n

    async def client() -> None:
        nonlocal remaining, errors
        async with httpx.AsyncClient(timeout=30.0) as http:
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                response = await http.get(url)
                latencies.append((time.perf_counter() - start) * 1000)
                errors += response.status_code != 200

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, time.perf_counter() - began, errors


def _row(label: str, kind: str, clients: int, result: tuple[list[float], float, int]) -> list[object]:
    latencies, wall, errors = result
    return [label, kind, clients, common.median(latencies), common.percentile(latencies, 95), len(latencies) / wall,
            errors]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="releases to serve [../shared/corpus]")
    parser.add_argument("--n", type=int, default=200, help="requests per path and concurrency")
    parser.add_argument("--clients", default="1,8,32", help="numbers of concurrent clients")
    parser.add_argument("--write", action="store_true", help="write the Web section of docs/performance.md")
    args = parser.parse_args()
    levels = [int(x) for x in args.clients.split(",") if x]
    common.header("Web latency")
    work = Path(tempfile.mkdtemp(prefix="cooptrack-web-bench-"))
    db = f"sqlite:///{work / 'web.db'}"
    releases = _make_store(db, args.corpus)
    ours, peer = _free_port(), _free_port()
    exe = Path(sys.executable).with_name("cooptrack")
    server = subprocess.Popen([str(exe), "serve", "--db", db, "--port", str(ours)], stderr=subprocess.DEVNULL)
    saved = work / "static"
    saved.mkdir()
    peer_proc = None
    try:
        _wait(f"http://127.0.0.1:{ours}/", server)
        for path, name in SAVED.items():
            (saved / name).write_bytes(httpx.get(f"http://127.0.0.1:{ours}{path}").content)
        peer_proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(peer), "--bind", "127.0.0.1", "--directory", str(saved)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait(f"http://127.0.0.1:{peer}/overview.html", peer_proc)
        rows = _measure(ours, peer, levels, args.n)
    finally:
        for proc in (server, peer_proc):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    headers = ["what", "served by", "clients", "median ms", "p95 ms", "requests/s", "errors"]
    result = common.table(headers, rows)
    print(result)
    if args.write:
        common.write_section("web", "Web: page and API latency", _body(result, releases, args.n))


def _measure(ours: int, peer: int, levels: list[int], n: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for kind, name, path in PATHS:
        for clients in levels:
            url = f"http://127.0.0.1:{ours}{path}"
            rows.append(_row(f"{kind} {name}", "cooptrack serve", clients, asyncio.run(_load(url, clients, n))))
        if path in SAVED:
            for clients in levels:
                url = f"http://127.0.0.1:{peer}/{SAVED[path]}"
                rows.append(_row(f"{kind} {name} (saved copy)", "http.server (peer)", clients,
                                 asyncio.run(_load(url, clients, n))))  # fmt: skip
        print(f"  {kind} {name} done", file=sys.stderr)
    return rows


def _body(result: str, releases: int, n: int) -> str:
    return f"""
{common.machine()}

`cooptrack serve` (one Uvicorn process, SQLite store of the {releases} releases of `../shared/corpus`)
against a peer in the same run: Python's `http.server` sending copies of the same pages, saved
from the first server (the cost of the bytes alone). Clients are httpx async clients on loopback
with keep-alive, each sending its next request when the last is answered, {n} requests per row.
The clients share the two cores with the servers, so the figures include their own cost.

{result}

Reading the table: the server keeps its view of the store between requests until something is
written (`Store.stamp()`, one cheap query per request), so what a page costs beyond the peer's
few milliseconds is building its rows from that view and rendering its template. One Uvicorn
process works one request at a time on these shared cores, so with 8 or 32 clients the latency
is mostly waiting in line; more Uvicorn workers are the next step. Command:
`{common.command_line()}`.
"""


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
