"""Ingest throughput into SQLite and PostgreSQL, and peak memory as the corpus grows (it must stay flat).

Two parts, in one run:

``cooptrack ingest FOLDER…``
    the command itself, as a subprocess, on the first 1 000, 10 000 and 100 000 pages of one
    generated corpus (``bench-data/corpus``, written once): wall time, pages per second, CPU time
    (its parsing processes included), and peak resident memory: the command's own (the last
    ``VmHWM`` read from ``/proc/PID/status``, polled every 0.1 s) and the largest sum of ``Pss``
    over the command and its parsing processes. Not ``ru_maxrss``: Linux carries a child's maximum
    over from its parent's size at fork, so it would report this script's own memory. The sum is of
    proportional set sizes (``Pss`` of ``/proc/PID/smaps_rollup``): what the workers share with the
    command since the fork is counted once. Then the
    same on PostgreSQL. With ``--reparse``, each SQLite store is then marked as read by an older
    parser and ``cooptrack reparse`` runs on it, timed the same way.
store only, against a bulk insert of the same rows
    the first ``--peer-n`` pages parsed once (in parsing processes, not timed), then
    ``Store.ingest_batch`` in batches of ``config.INGEST_BATCH`` (one transaction each, a savepoint
    per document, versions, the meeting settled, search rows), and ``Store.ingest`` document by
    document (a transaction each), against the peer: the very rows that ingest wrote, read back and
    inserted again into a fresh store of the same schema with SQLAlchemy Core ``executemany``, one
    transaction per table, FTS triggers included. The ratio is the cost of the look-ups,
    versioning and per-document guarantees. The statements each sends are counted too (each is a
    round trip to a PostgreSQL server; an ``executemany`` that SQLAlchemy sends as one
    multi-row statement counts once): a figure the machine's load does not move.

    ``--store-only`` runs this part alone, on SQLite and PostgreSQL; ``--before REV`` runs it also
    on the tree of commit ``REV`` (``git archive``, in a subprocess on the same parsed pages),
    alternating with this tree ``--rounds`` times, so that both see the same load.

PostgreSQL runs use a schema made for the run and dropped after it (``search_path`` in the URL).

    .venv/bin/python benchmarks/ingest.py --sizes 1000,10000,100000 --pg-sizes 1000,10000 --reparse --write
    .venv/bin/python benchmarks/ingest.py --store-only --peer-n 2000 --before c4e3e4a --rounds 2 --write
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import common
import corpus
import psycopg
from sqlalchemy import MetaData, event, insert, select, text

from cooptrack import config
from cooptrack.acquire import Document
from cooptrack.record import Record
from cooptrack.store import Store, writes
from cooptrack.workers import ParsePool

CORPUS = common.DATA / "corpus"
COOPTRACK = common.ROOT / ".venv" / "bin" / "cooptrack"
SKIPPED_TABLES = ("alembic_version", "search_fts")  # the FTS table (and its shadows) follows search_entry


@dataclass
class CliRun:
    dialect: str
    pages: int
    seconds: float
    cpu: float
    peak_rss_mib: float
    samples: list[tuple[float, float]]  # (seconds since start, Pss MiB of the command and its workers)
    tally: dict[str, int]
    returncode: int
    tree_peak_mib: float = float("nan")  # the largest sum of Pss over the command and its parsing processes
    baseline_mib: float = float("nan")  # peak RSS of the same command on an empty folder, run just before
    command: str = "ingest"


# --- databases ---------------------------------------------------------------------------------


@contextmanager
def sqlite_db(name: str) -> Iterator[str]:
    path = common.DATA / f"{name}.db"
    for leftover in (path, path.with_suffix(".db-journal"), path.with_suffix(".db-wal")):
        leftover.unlink(missing_ok=True)
    yield f"sqlite:///{path}"


@contextmanager
def pg_schema(name: str) -> Iterator[str]:
    """A fresh schema ``name`` on the local server, dropped afterwards; yields a URL that uses it."""
    dsn = common.PG_URL.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{common.PG_URL}?options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


# --- the command -------------------------------------------------------------------------------


def run_cli(url: str, dialect: str, n: int) -> CliRun:
    """``cooptrack ingest`` on the first ``n`` pages, timed, its memory sampled and its peak taken.

    The same command on an empty folder runs first (and makes the schema): its peak is the
    baseline, what the program and the database driver cost before any page.
    """
    if n % corpus.PER_FOLDER:
        raise SystemExit(f"sizes are whole thousands of pages (the corpus folders hold {corpus.PER_FOLDER}): {n}")
    empty = common.DATA / "empty"
    empty.mkdir(exist_ok=True)
    baseline = _ingest([str(empty)], url, dialect, 0)
    run = _ingest([str(f) for f in corpus.folders(CORPUS, n)], url, dialect, n)
    run.baseline_mib = baseline.peak_rss_mib
    return run


def run_reparse(url: str, n: int) -> CliRun:
    """``cooptrack reparse`` on a store whose every version is marked as read by parser 0.0.0."""
    with Store(url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE document_version SET parser_version = '0.0.0'"))
    return _ingest([], url, "SQLite", n, command="reparse")


def _ingest(folders: list[str], url: str, dialect: str, n: int, command: str = "ingest") -> CliRun:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(COOPTRACK), command, "--db", url, "--format", "json", *folders], stdout=out, stderr=err
        )
        samples, peak, tree_peak, status, usage = _watch(child.pid, start)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    try:
        tally = json.loads(text)
    except json.JSONDecodeError:
        tally = {"unreadable output": 1}
        print(f"cooptrack ingest said: {errors[-2000:]}")
    return CliRun(dialect, n, seconds, usage.ru_utime + usage.ru_stime, peak, samples, tally,
                  os.waitstatus_to_exitcode(status), tree_peak, command=command)  # fmt: skip


def _watch(pid: int, start: float) -> tuple[list[tuple[float, float]], float, float, int, Any]:
    """Sample the child's memory until it ends: RSS samples of it and its workers, its peak (VmHWM),
    the largest sum over it and its workers, exit status, resource usage (workers included)."""
    samples: list[tuple[float, float]] = []
    peak = tree_peak = float("nan")
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return samples, peak, tree_peak, status, usage
        rss, hwm = _proc_mib(pid, "VmRSS:"), _proc_mib(pid, "VmHWM:")
        if rss is not None:
            tree = sum(_pss_mib(p) or 0.0 for p in (pid, *_descendants(pid)))
            samples.append((time.perf_counter() - start, tree))
            tree_peak = tree if tree_peak != tree_peak else max(tree_peak, tree)
        if hwm is not None:
            peak = hwm if peak != peak else max(peak, hwm)
        time.sleep(0.1)


def _pss_mib(pid: int) -> float | None:
    """The process's proportional set size: pages shared with its forked workers counted once in all."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def _descendants(pid: int) -> list[int]:
    """The processes under ``pid``, whichever of its threads started them (its parsing processes
    are started by a thread)."""
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError, ValueError):
            children += [int(c) for c in (task / "children").read_text().split()]
    return [*children, *(d for c in children for d in _descendants(c))]


def _proc_mib(pid: int, field: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


# --- store only, against the bulk insert of the same rows --------------------------------------


def parsed(n: int) -> list[tuple[Document, Record]]:
    paths = [path for folder in corpus.folders(CORPUS, n) for path in sorted(folder.iterdir())][:n]
    with ParsePool(time_cap=None) as pool:
        return [(p.doc, p.record) for p in pool.parse_paths(paths, window=64) if p.doc and p.record]


def store_vs_bulk(url: str, one_url: str, peer_url: str, docs: list[tuple[Document, Record]]) -> dict[str, Any]:
    """Seconds and statements for Store.ingest_batch of every document (and Store.ingest one by one,
    into another store), and for the peer's insert of the rows they wrote."""
    size = config.INGEST_BATCH
    with Store(one_url) as store, _counted(store.engine) as one_n:
        start = time.perf_counter()
        for doc, record in docs:
            store.ingest(doc, record)
        one_s = time.perf_counter() - start
    with Store(url) as store:
        with _counted(store.engine) as ingest_n:
            start = time.perf_counter()
            outcomes = [r.outcome.value for i in range(0, len(docs), size)
                        for r in store.ingest_batch(docs[i : i + size])]  # fmt: skip
            ingest_s = time.perf_counter() - start
        rows = _read_rows(store.engine)
    with Store(peer_url) as peer:
        target = MetaData()
        target.reflect(peer.engine)
        with _counted(peer.engine) as bulk_n:
            start = time.perf_counter()
            with peer.engine.begin() as conn:
                for table in target.sorted_tables:
                    if rows.get(table.name):
                        columns = {c.name for c in table.columns if c.computed is None}
                        conn.execute(
                            insert(table), [{k: v for k, v in r.items() if k in columns} for r in rows[table.name]]
                        )
            bulk_s = time.perf_counter() - start
        copied = {name: len(r) for name, r in rows.items() if r}
        if peer.counts() != store_counts(url):
            raise AssertionError("the peer's tables do not hold the same rows")
    if store_counts(one_url) != store_counts(url):
        raise AssertionError("one by one and in batches, the stores do not hold the same rows")
    return {"ingest_s": ingest_s, "one_s": one_s, "bulk_s": bulk_s, "rows": sum(copied.values()), "tables": copied,
            "outcomes": {o: outcomes.count(o) for o in set(outcomes)},
            "ingest_n": ingest_n[0], "one_n": one_n[0], "bulk_n": bulk_n[0]}  # fmt: skip


@contextmanager
def _counted(engine: Any) -> Iterator[list[int]]:
    """The statements sent on the engine's connections meanwhile (``[n]``, filled in at the end)."""
    sent = [0]

    def count(*_args: Any) -> None:
        sent[0] += 1

    def copy(conn: Any, table: Any, rows: Any) -> None:  # a COPY (PostgreSQL) is a statement too
        if conn.engine is engine:
            sent[0] += 1
        real(conn, table, rows)

    real = getattr(writes, "_copy", None)  # (a tree before COPY has none)
    event.listen(engine, "before_cursor_execute", count)
    if real is not None:
        writes._copy = copy
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)
        if real is not None:
            writes._copy = real


def store_counts(url: str) -> dict[str, int]:
    with Store(url) as store:
        return store.counts()


def _read_rows(engine: Any) -> dict[str, list[dict[str, Any]]]:
    source = MetaData()
    source.reflect(engine)
    rows = {}
    with engine.connect() as conn:
        for table in source.sorted_tables:
            if not table.name.startswith(SKIPPED_TABLES):
                rows[table.name] = [dict(r) for r in conn.execute(select(table)).mappings()]
    return rows


# --- the report --------------------------------------------------------------------------------


def cli_table(runs: list[CliRun]) -> str:
    rows = []
    for r in runs:
        quartiles = [_rss_at(r.samples, q) for q in (0.25, 0.5, 0.75)]
        rows.append(
            [r.command, r.dialect, r.pages, r.seconds, r.pages / r.seconds, r.cpu, r.baseline_mib, r.peak_rss_mib,
             r.peak_rss_mib - r.baseline_mib, r.tree_peak_mib, " / ".join(f"{q:.0f}" for q in quartiles),
             _tally(r.tally), r.returncode]
        )  # fmt: skip
    headers = ["command", "database", "pages", "seconds", "pages/s", "CPU s", "no pages: peak MiB", "peak RSS MiB",
               "growth MiB", "with workers: peak MiB", "with workers at ¼ / ½ / ¾ MiB", "tally", "exit"]  # fmt: skip
    return common.table(headers, rows)


def _rss_at(samples: list[tuple[float, float]], fraction: float) -> float:
    if not samples:
        return float("nan")
    end = samples[-1][0]
    return next((rss for t, rss in samples if t >= end * fraction), samples[-1][1])


def _tally(tally: dict[str, int]) -> str:
    keys = ("inserted", "updated", "unchanged", "failed", "not_relevant", "current")
    return ", ".join(f"{tally.get(k, 0)} {k.replace('_', ' ')}" for k in keys if tally.get(k)) or json.dumps(tally)


def peer_table(results: dict[str, dict[str, Any]], n: int, parse_s: float) -> str:
    rows = []
    for dialect, r in results.items():
        rows += _peer_rows(dialect, r, n)
    headers = ["database", "how", "pages", "seconds", "pages/s", "time against the batches", "statements",
               "statements a page"]  # fmt: skip
    table = common.table(headers, rows)
    some = next(iter(results.values()))
    tables = ", ".join(f"{k} {v:,}" for k, v in sorted(some["tables"].items()))
    return (
        f"{table}\n\nParsing those {n:,} pages first (not in the figures above) took {parse_s:.1f} s "
        f"({n / parse_s:.0f} pages/s). Rows copied: {some['rows']:,} ({tables}).\n"
    )


def _peer_rows(dialect: str, r: dict[str, Any], n: int, *label: str) -> list[list[object]]:
    batches = f"Store.ingest_batch, {config.INGEST_BATCH} documents a transaction"
    one = "Store.ingest, a transaction per document"
    peer = "peer: Core executemany of the same rows"
    return [
        [*label, dialect, batches, n, r["ingest_s"], n / r["ingest_s"], "1.0×", r["ingest_n"], r["ingest_n"] / n],
        [*label, dialect, one, n, r["one_s"], n / r["one_s"], f"{r['ingest_s'] / r['one_s']:.2f}×", r["one_n"],
         r["one_n"] / n],
        [*label, dialect, peer, n, r["bulk_s"], n / r["bulk_s"], f"{r['ingest_s'] / r['bulk_s']:.2f}×", r["bulk_n"],
         r["bulk_n"] / n],
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes for cooptrack ingest on SQLite")
    parser.add_argument("--pg-sizes", default="1000,10000", help="corpus sizes on PostgreSQL ('' for none)")
    parser.add_argument("--peer-n", type=int, default=2000, help="pages for the store-only comparison (0: skip)")
    parser.add_argument("--reparse", action="store_true", help="also time cooptrack reparse on each SQLite store")
    parser.add_argument("--write", action="store_true", help="update the section of docs/performance.md")
    parser.add_argument("--store-only", action="store_true", help="only the store path against the bulk insert")
    parser.add_argument("--before", help="with --store-only: the same on this commit's tree, alternating")
    parser.add_argument("--rounds", type=int, default=1, help="with --before: how many times each tree runs")
    parser.add_argument("--measure-store", nargs=2, help=argparse.SUPPRESS)  # parsed pages in, results out
    args = parser.parse_args()
    if args.measure_store:
        _measure_store(*args.measure_store)
        return
    if args.store_only:
        _store_only(args.peer_n, args.before, args.rounds, write=args.write)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    pg_sizes = [int(s) for s in args.pg_sizes.split(",") if s]
    facts = common.machine()
    print(f"Ingest throughput and memory\n{facts}\n")
    common.DATA.mkdir(exist_ok=True)
    largest = max([*sizes, *pg_sizes, args.peer_n])
    start = time.perf_counter()
    written = corpus.write(CORPUS, largest)
    print(f"corpus: {largest:,} pages, {written / 1e6:.0f} MB under {CORPUS} ({time.perf_counter() - start:.0f} s)")
    report = _Report(facts, written / largest, write=args.write)
    last = [n for n in sizes if n == max(sizes)][:1]  # the longest run goes last: the rest is written first
    for dialect, n in [*(("SQLite", n) for n in sizes if n not in last), *(("PostgreSQL", n) for n in pg_sizes)]:
        report.runs += _cli_run(dialect, n, reparse=args.reparse)
        report.update(pending=len(last) + (1 if args.peer_n else 0))
    if args.peer_n:
        report.peer = _peer(args.peer_n, with_pg=bool(pg_sizes))
        report.update(pending=len(last))
    for n in last:
        report.runs += _cli_run("SQLite", n, reparse=args.reparse)
        report.update(pending=0)
    print(cli_table(report.runs))
    print(report.peer)


@dataclass
class _Report:
    """What has been measured so far; written to the docs after each step, so a cut-off run keeps it."""

    facts: str
    mean_size: float
    write: bool
    runs: list[CliRun] = field(default_factory=list)
    peer: str = ""

    def update(self, *, pending: int) -> None:
        if not self.write:
            return
        body = _document(sorted(self.runs, key=lambda r: (r.dialect != "SQLite", r.pages)), self.peer, self.facts,
                         self.mean_size)  # fmt: skip
        if pending:
            body += f"\n*Partial: {pending} more step(s) of this run had not finished when this was written.*\n"
        common.write_section("ingest", "Ingest throughput and peak memory", body)


def _cli_run(dialect: str, n: int, *, reparse: bool) -> list[CliRun]:
    runs = []
    if dialect == "SQLite":
        with sqlite_db(f"ingest-{n}") as url:
            runs.append(run_cli(url, dialect, n))
            if reparse:
                runs.append(run_reparse(url, n))
                runs[-1].baseline_mib = runs[0].baseline_mib
    else:
        with pg_schema(f"bench_ingest_{n}") as url:
            runs.append(run_cli(url, dialect, n))
    for run in runs:
        print(f"  {run.command} {dialect} {n:,}: {run.seconds:.0f} s, peak {run.peak_rss_mib:.0f} MiB "
              f"({run.tree_peak_mib:.0f} with workers)", flush=True)  # fmt: skip
    return runs


def _peer(n: int, *, with_pg: bool) -> str:
    start = time.perf_counter()
    docs = parsed(n)
    parse_s = time.perf_counter() - start
    return peer_table(_peer_results(docs, with_pg=with_pg), n, parse_s)


def _peer_results(docs: list[tuple[Document, Record]], *, with_pg: bool = True) -> dict[str, dict[str, Any]]:
    results = {}
    with sqlite_db("peer-store") as url, sqlite_db("peer-one") as one, sqlite_db("peer-bulk") as bulk:
        results["SQLite"] = store_vs_bulk(url, one, bulk, docs)
    if with_pg:
        with (
            pg_schema("bench_peer_store") as url,
            pg_schema("bench_peer_one") as one,
            pg_schema("bench_peer_bulk") as bulk,
        ):
            results["PostgreSQL"] = store_vs_bulk(url, one, bulk, docs)
    return results


def _measure_store(pages: str, out: str) -> None:
    """The store-only comparison on the pages parsed by the parent (a pickle), its results as JSON."""
    with open(pages, "rb") as handle:
        docs = pickle.load(handle)
    Path(out).write_text(json.dumps(_peer_results(docs)), encoding="utf-8")


def _store_only(n: int, before: str | None, rounds: int, *, write: bool) -> None:
    """The store path against the bulk insert on both databases; with ``before``, that commit's tree
    too, in a subprocess, alternating with this tree (before first) ``rounds`` times."""
    facts = common.machine()
    print(f"Ingest: the store path against a bulk insert\n{facts}\n")
    corpus.write(CORPUS, n)
    start = time.perf_counter()
    docs = parsed(n)
    parse_s = time.perf_counter() - start
    rows: list[list[object]] = []
    trees = [before, None] if before else [None]
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before"
        pages = Path(tmp) / "pages.pickle"
        if before:
            old.mkdir()
            archive = subprocess.run(["git", "archive", before, "src"], cwd=common.ROOT, capture_output=True,
                                     check=True)  # fmt: skip
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
            pages.write_bytes(pickle.dumps(docs))
        for round_ in range(1, rounds + 1):
            for tree in trees:
                label = tree or "this tree"
                if tree is None:
                    results = _peer_results(docs)
                else:
                    out = Path(tmp) / "results.json"
                    env = {**os.environ, "PYTHONPATH": str(old / "src")}
                    subprocess.run([sys.executable, __file__, "--measure-store", str(pages), str(out)], env=env,
                                   check=True)  # fmt: skip
                    results = json.loads(out.read_text(encoding="utf-8"))
                for dialect, r in results.items():
                    rows += _peer_rows(dialect, r, n, label, str(round_))
                    print(f"  {label}, round {round_}, {dialect}: {n / r['ingest_s']:.1f} pages/s, "
                          f"{r['ingest_s'] / r['bulk_s']:.2f}× the peer, {r['ingest_n'] / n:.2f} statements a page",
                          flush=True)  # fmt: skip
    headers = ["tree", "round", "database", "how", "pages", "seconds", "pages/s", "time against the batches",
               "statements", "statements a page"]  # fmt: skip
    body = (
        f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n{common.table(headers, rows)}\n\n"
        f"Parsing those {n:,} pages first (not in the figures above) took {parse_s:.1f} s. The trees ran one "
        f"after the other on the same parsed pages, {'before first' if before else 'one tree'}.\n"
    )
    print(body)
    if write:
        common.write_section("ingest-store", "Ingest: the store path against a bulk insert, tree beside tree", body)


def _document(runs: list[CliRun], peer: str, facts: str, mean_size: float) -> str:
    sqlite = [r for r in runs if r.dialect == "SQLite" and r.command == "ingest"]
    flat = ""
    if len(sqlite) > 1:
        low, high = sqlite[0], sqlite[-1]
        flat = (
            f"Peak memory from {low.pages:,} to {high.pages:,} pages (×{high.pages // low.pages}): "
            f"{low.peak_rss_mib:.0f} → {high.peak_rss_mib:.0f} MiB (×{high.peak_rss_mib / low.peak_rss_mib:.2f}); "
            f"above the same command on no pages, {low.peak_rss_mib - low.baseline_mib:.0f} → "
            f"{high.peak_rss_mib - high.baseline_mib:.0f} MiB; with its parsing processes, "
            f"{low.tree_peak_mib:.0f} → {high.tree_peak_mib:.0f} MiB.\n\n"
        )
    return (
        f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n"
        f"Pages: the generated corpus (`benchmarks/corpus.py`), mean {mean_size / 1e3:.1f} kB a page, "
        "on local disk.\n\n"
        f"### `cooptrack ingest FOLDER…` and `cooptrack reparse` (subprocesses: parse and store)\n\n"
        f"{cli_table(runs)}\n\n{flat}"
        f"### Store only, against a bulk insert of the same rows\n\n{peer}"
    )


if __name__ == "__main__":
    main()
