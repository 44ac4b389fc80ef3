"""Web latency: pages and API of ``cooptrack serve`` under concurrent clients, beside a static reference.

The store is an existing database (``--db``) or one made from the releases in ``--corpus``
(default: the five real ones of ``../shared/corpus``, read in place). Two servers then start on
loopback as subprocesses, with the same Uvicorn settings and the same number of workers:

- ``cooptrack serve --db … [--workers N]``, the way a user runs it;
- the reference, ``benchmarks/static_peer.py`` under Uvicorn: copies of the same pages, saved from
  the first server, answered as bytes with no work behind them (a static page of the same size
  served by the same server settings);
- the same copies answered by a minimal FastAPI endpoint (``static_peer.py … fastapi``: an
  ``async`` route returning a ``Response`` of the bytes), what issue 14's profile set cooptrack
  beside: the framework's own cost for any answer, with nothing of cooptrack's.

Before the load, the time the first page (``/``) takes after the server starts (what a start or a
write costs: the server's view of the store is built then) is measured once. For each path and
each number of concurrent clients (aiohttp clients, each a browser with its own cookies and one
connection kept alive), every client sends requests
one after the other until ``--n`` requests have been answered; the table gives the median and 95th
percentile latency, the requests per second, the same of the reference, the ratio of cooptrack's
p95 to the reference's, and each server's CPU time a request (all its processes, from /proc: what
the load's latency hides when the clients share the cores);
each page is also asked again with its ``ETag`` (``If-None-Match``, as a browser revisiting it),
which cooptrack answers ``304`` while the store is unchanged.
The servers' resident memory (all their processes) is read from /proc after the load.

    .venv/bin/python benchmarks/web.py --n 200 --clients 1,10,50 --write
    .venv/bin/python benchmarks/web.py --db sqlite:///bench-data/web-1000.db --n 100 --clients 1,50
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import common
import httpx

from cooptrack.acquire import iter_paths, read_path
from cooptrack.pipeline import parse_document
from cooptrack.serve.auth import SESSION_COOKIE, digest, hash_password, new_secret
from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole

CORPUS = common.ROOT.parent / "shared" / "corpus"
HERE = Path(__file__).resolve().parent


def _paths(base: str) -> list[tuple[str, str, str | None]]:
    """(label, path, saved copy's name) for each page measured; slugs read from the API."""
    meetings = httpx.get(f"{base}/api/meetings?per_page=500", timeout=60).json()["data"]
    mechanisms = httpx.get(f"{base}/api/mechanisms?per_page=500", timeout=60).json()["data"]
    meeting = max(meetings, key=lambda m: (m["measures"], m["slug"]))["slug"]  # the fullest page
    mechanism = max(mechanisms, key=lambda m: (m["meetings"], m["slug"]))["slug"]
    return [
        ("page overview", "/", "overview.html"),
        ("page meeting", f"/meetings/{meeting}", "meeting.html"),
        ("page mechanism", f"/mechanisms/{mechanism}", "mechanism.html"),
        ("page meetings", "/meetings", "meetings.html"),
        ("page search", "/search?q=trade", "search.html"),
        ("page tracker", "/tracker", "tracker.html"),
        ("api meeting", f"/api/meetings/{meeting}", None),
        ("static style.css", "/static/style.css", None),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(3000):
        if proc.poll() is not None:
            raise SystemExit(f"the server for {url} stopped (exit {proc.returncode})")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer within 300 s")


def _make_store(url: str, corpus: Path) -> int:
    with Store(url) as store:
        n = 0
        for path in iter_paths([corpus]):
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
            n += 1
        return n


def _tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (MiB), from /proc."""
    total = 0
    for p in _tree(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def _cpu_s(pid: int) -> float:
    """CPU seconds (user and system) used so far by a process and all its descendants, from /proc."""
    ticks = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


async def _load(url: str, clients: int, n: int, again: dict[str, str] | None = None,
                sessions: list[str] | None = None) -> tuple[list[float], float, int]:  # fmt: skip
    """``n`` requests by ``clients`` concurrent clients: latencies (ms), wall time (s), errors. With
    ``again`` (a visitor's cookie and the page's tag as ``If-None-Match``: a browser asking again),
    each request expects 304; with ``sessions``, client ``i`` is signed in with the ``i``-th session cookie."""
    latencies: list[float] = []
    errors = 0
    remaining = n

    async def client(number: int) -> None:
        nonlocal remaining, errors
        # one browser: its own cookies (unsafe: those of an address like 127.0.0.1 too), one connection kept alive
        jar = aiohttp.CookieJar(unsafe=True)
        connector = aiohttp.TCPConnector(limit=1)
        timeout = aiohttp.ClientTimeout(total=120.0)
        headers = dict(again or {})
        if sessions:
            headers["Cookie"] = f"{SESSION_COOKIE}={sessions[number % len(sessions)]}"
        async with aiohttp.ClientSession(cookie_jar=jar, connector=connector, timeout=timeout,
                                         headers=headers) as http:  # fmt: skip
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                try:
                    async with http.get(url) as response:
                        await response.read()
                        errors += response.status != (304 if again else 200)
                except (aiohttp.ClientError, TimeoutError):  # a refused or reset connection: an error of the row
                    errors += 1
                latencies.append((time.perf_counter() - start) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return latencies, time.perf_counter() - began, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="serve this existing store (default: make one from --corpus)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="releases to serve [../shared/corpus]")
    parser.add_argument("--n", type=int, default=200, help="requests per path and concurrency")
    parser.add_argument("--clients", default="1,10,50", help="numbers of concurrent clients")
    parser.add_argument("--workers", type=int, default=None,
                        help="Uvicorn workers of both servers [cooptrack's default: the CPU count]")  # fmt: skip
    parser.add_argument("--only", default="", help="comma-separated labels to measure (e.g. 'overview,meeting')")
    parser.add_argument("--rounds", type=int, default=1,
                        help="each row: this many runs of cooptrack and the reference, one after the other; "
                             "the medians of their figures (a load spike hits one run, not the row)")  # fmt: skip
    parser.add_argument(
        "--signed-in",
        choices=["reader", "editor"],
        default=None,
        help="every client signed in (its own session of an account with this role, made for the run)",
    )
    parser.add_argument("--section", default="web", help="the section of docs/performance.md to write")
    parser.add_argument("--write", action="store_true", help="write the section of docs/performance.md")
    args = parser.parse_args()
    levels = [int(x) for x in args.clients.split(",") if x]
    common.header("Web latency")
    work = Path(tempfile.mkdtemp(prefix="cooptrack-web-bench-"))
    db = args.db or f"sqlite:///{work / 'web.db'}"
    releases = None if args.db else _make_store(db, args.corpus)
    with Store(db) as store:
        counts = store.counts()
        account, sessions = _sign_in(store, args.signed_in, max(levels)) if args.signed_in else (None, None)
    workers = args.workers or os.cpu_count() or 1
    ours, peer, framework = _free_port(), _free_port(), _free_port()
    exe = Path(sys.executable).with_name("cooptrack")
    env = {**os.environ, "COOPTRACK_ANONYMOUS_PER_MINUTE": "0"}  # the load comes from one address
    command = [str(exe), "serve", "--db", db, "--port", str(ours)]
    if args.workers is not None:
        command += ["--workers", str(args.workers)]
    started = time.perf_counter()
    log = open(work / "server.log", "wb")  # noqa: SIM115 - closed with the run
    server = subprocess.Popen(command, stderr=log, env=env)
    saved = work / "static"
    saved.mkdir()
    peer_proc = framework_proc = None
    base = f"http://127.0.0.1:{ours}"
    try:
        _wait(f"{base}/static/style.css", server)
        listening = time.perf_counter()
        first = httpx.get(f"{base}/", timeout=600)
        cold = (time.perf_counter() - listening) * 1000
        assert first.status_code == 200, first.status_code
        up = (listening - started) * 1000
        paths = _paths(base)
        if args.only:
            wanted = {w.strip() for w in args.only.split(",")}
            paths = [p for p in paths if p[0].split()[-1] in wanted]
        for _, path, name in paths:
            if name:
                (saved / name).write_bytes(httpx.get(f"{base}{path}", timeout=600).content)
        peer_proc = subprocess.Popen(
            [sys.executable, str(HERE / "static_peer.py"), str(peer), str(workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PEER_DIR": str(saved)},
        )  # fmt: skip
        framework_proc = subprocess.Popen(
            [sys.executable, str(HERE / "static_peer.py"), str(framework), str(workers), "fastapi"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PEER_DIR": str(saved)},
        )  # fmt: skip
        _wait(f"http://127.0.0.1:{peer}/overview.html", peer_proc)
        _wait(f"http://127.0.0.1:{framework}/overview.html", framework_proc)
        peers = [(peer, peer_proc.pid), (framework, framework_proc.pid)]
        rows = _measure(ours, peers, paths, levels, args.n, args.rounds, sessions, server.pid)
        memory = _rss_mib(server.pid)
    finally:
        for proc in (server, peer_proc, framework_proc):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
        log.close()
        problems = (work / "server.log").read_text(errors="replace")
        if "Traceback" in problems or "rror" in problems:
            print(f"the server said:\n{problems[-3000:]}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
        if account is not None:
            with Store(db) as store:
                store.remove_user(account)  # with its sessions
    signed = f"; every client signed in as an {args.signed_in}, each its own session" if args.signed_in else ""
    headers = ["what", "clients", "median ms", "p95 ms", "requests/s", "errors", "reference median ms",
               "reference p95 ms", "reference requests/s", "p95 / reference", "server CPU µs a request",
               "reference CPU µs a request", "FastAPI p95 ms", "FastAPI requests/s", "p95 / FastAPI",
               "FastAPI CPU µs a request"]  # fmt: skip
    result = common.table(headers, rows)
    facts = (f"store: {counts.get('meeting', 0):,} meetings, {counts.get('measure', 0):,} measures, "
             f"{counts.get('person', 0):,} people named; workers: {args.workers or 'default'} "
             f"(reference: {workers}){signed}; server up in {up:,.0f} ms, first page after the start {cold:,.0f} ms; "
             f"servers' resident memory after the load {memory:,.0f} MiB")  # fmt: skip
    print(facts)
    print(result)
    if args.write:
        where = " on PostgreSQL" if db.startswith("postgresql") else ""
        who = ", signed-in readers" if args.signed_in else ""
        title = f"Web: page and API latency{where}{who} ({counts.get('meeting', 0):,} meetings)"
        common.write_section(args.section, title, _body(result, facts, releases, args.n))


def _sign_in(store: Store, role: str, count: int) -> tuple[str, list[str]]:
    """An account with ``role`` made for the run, and ``count`` live sessions of it (their cookies)."""
    name = f"bench-{role}-{secrets.token_hex(4)}"
    user = store.add_user(name, AccountRole(role), hash_password(new_secret()))
    cookies = [new_secret() for _ in range(count)]
    for cookie in cookies:
        store.open_session(user, digest(cookie), new_secret(), dt.timedelta(hours=2))
    return name, cookies


def _measure(ours: int, peers: list[tuple[int, int]], paths: list[tuple[str, str, str | None]], levels: list[int],
             n: int, rounds: int = 1, sessions: list[str] | None = None, pid: int | None = None,
             ) -> list[list[object]]:  # fmt: skip
    """Each row's figures: cooptrack's, then each reference's (``peers``: their ports and pids: the
    bare ASGI app, the FastAPI endpoint), with each server's CPU per request (µs, from /proc)."""
    rows: list[list[object]] = []
    for label, path, name in paths:
        for clients in levels:
            runs: list[tuple[float, ...]] = []
            refs: list[list[tuple[float, ...]]] = [[] for _ in peers]
            for _ in range(rounds):  # cooptrack, then each reference, one after the other
                runs.append(_run(f"http://127.0.0.1:{ours}{path}", clients, n, pid, sessions))
                for (port, peer_pid), kept in zip(peers, refs, strict=True):
                    if name:
                        kept.append(_run(f"http://127.0.0.1:{port}/{name}", clients, n, peer_pid))
            median, p95, rate, cpu = (common.median([r[k] for r in runs]) for k in range(4))
            row: list[object] = [f"{label}, signed in" if sessions else label, clients, median, p95, rate,
                                 int(sum(r[4] for r in runs))]  # fmt: skip
            figures = [[common.median([r[k] for r in kept]) if kept else "–" for k in range(4)] for kept in refs]
            ratios = [f"{p95 / f[1]:.1f}×" if isinstance(f[1], float) and f[1] else "–" for f in figures]
            (ref_median, ref, ref_rate, ref_cpu), (_, framework, framework_rate, framework_cpu) = figures
            row += [ref_median, ref, ref_rate, ratios[0], cpu, ref_cpu, framework, framework_rate, ratios[1],
                    framework_cpu]  # fmt: skip
            rows.append(row)
        again = _visited(f"http://127.0.0.1:{ours}{path}") if name and not sessions else None  # (signed in: no-store)
        for clients in levels if again else ():
            lat, wall, errors = asyncio.run(_load(f"http://127.0.0.1:{ours}{path}", clients, n, again))
            rows.append([f"{label}, asked again (304)", clients, common.median(lat), common.percentile(lat, 95),
                         len(lat) / wall, errors] + ["–"] * 10)  # fmt: skip
        print(f"  {label} done", file=sys.stderr)
    return rows


def _run(url: str, clients: int, n: int, pid: int | None, sessions: list[str] | None = None) -> tuple[float, ...]:
    """One run of the load on ``url``: median and p95 latency (ms), requests per second, the server's
    CPU per request (µs; ``pid`` and its descendants) and the errors."""
    before = _cpu_s(pid) if pid else 0.0
    lat, wall, errors = asyncio.run(_load(url, clients, n, sessions=sessions))
    cpu = (_cpu_s(pid) - before) / len(lat) * 1e6 if pid and lat else float("nan")
    return common.median(lat), common.percentile(lat, 95), len(lat) / wall, cpu, errors


def _visited(url: str) -> dict[str, str] | None:
    """The headers of a browser asking again for a page it holds: its cookies (the first visit sets
    the CSRF cookie, and is not tagged) and the page's ETag."""
    with httpx.Client(timeout=600) as http:
        http.get(url)
        tag = http.get(url).headers.get("etag")
        cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    return {"If-None-Match": tag, "Cookie": cookie} if tag else None


def _body(result: str, facts: str, releases: int | None, n: int) -> str:
    source = f"a SQLite store of the {releases} releases of `../shared/corpus`" if releases else "the store given"
    return f"""
{common.machine()}

`cooptrack serve` over {source} ({facts}), against the reference in the same run: the same
pages' bytes, saved from the first server, answered by a minimal ASGI app
(`benchmarks/static_peer.py`) under Uvicorn with the same workers, and by a minimal FastAPI endpoint
(`static_peer.py … fastapi`, the "FastAPI" columns). Clients are aiohttp clients on
loopback, each a browser with its own cookies and one connection kept alive (its first request is a
first visit, which sets its CSRF cookie), each sending its next request when the last is answered,
{n} requests per run; they share the two cores with the servers, so the figures include their
own cost. With `--rounds R`, each row ran cooptrack and the references R times one after the other,
and gives the medians of the runs' figures (errors: their sum). Command: `{common.command_line()}`.

{result}
"""


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
