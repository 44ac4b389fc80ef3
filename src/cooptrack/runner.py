"""Ingest and reparse runs: files parsed in worker processes, stored in batches by one writer.

:func:`ingest` reads and parses files in a :class:`~cooptrack.workers.ParsePool` (one process
per core by default, each document under the time cap) and hands the parsed documents, in the
order of the files, to this process, which stores them ``batch_size`` at a time, one
transaction per batch (:meth:`Store.ingest_batch <cooptrack.store.Store.ingest_batch>`). Each
document stays all or nothing: one the database refuses is rolled back alone, and a batch
that cannot be written at all (a full disk) is stored again document by document, so that
every one that fits is kept, before the run stops with the database's error. :func:`reparse`
re-reads the store's sources (files at their path, pages from the page cache) whose current
version was parsed by an older parser, the same way.

Both return a :class:`Report` (what was inserted, updated, unchanged, failed) and say each
failed file through ``on_error`` as it happens; the commands only render them. After each batch
is written, :func:`after_batch` runs the hooks of :data:`AFTER_BATCH` (what must follow the
store, computed once per batch rather than per request).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cooptrack import config
from cooptrack.acquire import Document
from cooptrack.acquire.cache import PageCache
from cooptrack.errors import CooptrackError, StoreError
from cooptrack.record import PARSER_VERSION, Record
from cooptrack.store import Ingested, Outcome, Store
from cooptrack.store.writes import older
from cooptrack.workers import Parsed, ParsePool

ErrorSink = Callable[[str], None]


@dataclass(frozen=True)
class Written:
    """A document stored by a batch: the label it was read under, its record and what became of it."""

    label: str
    record: Record
    result: Ingested


AFTER_BATCH: list[Callable[[Store, Sequence[Written]], None]] = []  # run after each batch is committed


def after_batch(store: Store, written: Sequence[Written]) -> None:
    """What runs once a batch is committed: each hook of :data:`AFTER_BATCH`, in order."""
    for hook in AFTER_BATCH:
        hook(store, written)


@dataclass(frozen=True)
class Options:
    """How a run goes: parsing processes (None: one per core), documents per transaction, and the
    time cap of one document's parse in seconds (None or 0: none)."""

    jobs: int | None = None
    batch_size: int = config.INGEST_BATCH
    time_cap: float | None = config.PARSE_TIME_CAP_SECONDS


@dataclass
class Report:
    """What a run did. ``stopped`` is the database error that ended it early, if one did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    not_relevant: int = 0
    seconds: float = 0.0
    stopped: str | None = None
    batches: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # anything else a run counts (reparse: current)

    def tally(self) -> dict[str, int]:
        keys = ("inserted", "updated", "unchanged", "failed", "not_relevant")
        return {key: getattr(self, key) for key in keys} | self.counts


def ingest(
    store: Store, paths: Iterable[Path], options: Options = Options(), *, on_error: ErrorSink | None = None
) -> Report:
    """Read, parse and store the files (folders expanded by the caller); see the module's doc."""
    return _run(store, paths, options, on_error or _ignore)


def reparse(
    store: Store, options: Options = Options(), *, cache: Path | None = None, on_error: ErrorSink | None = None
) -> Report:
    """Parse again every source whose current version an older parser read, and store the records.

    A file is read at its path, a page from the page cache (``cache``, never the network); the
    same bytes get the new record in their version, changed bytes a new version (as ingest
    would). A source that can no longer be read fails with its line and keeps what it has.
    """
    report = Report()
    jobs = _stale_sources(store, PageCache(config.cache_dir(cache)), report)
    return _run(store, jobs, options, on_error or _ignore, report)


def _ignore(_message: str) -> None:
    pass


def _run(
    store: Store, jobs: Iterable[Path | Document | Parsed], options: Options, on_error: ErrorSink,
    report: Report | None = None,
) -> Report:  # fmt: skip
    report = report or Report()
    start = time.perf_counter()
    size = max(1, options.batch_size)
    with ParsePool(options.jobs, options.time_cap) as pool:
        batch: list[Parsed] = []
        going = True
        for parsed in pool.parse_paths(jobs, window=2 * size):
            if parsed.error is not None:
                on_error(parsed.error)
                report.failed += 1
            else:
                batch.append(parsed)
            if len(batch) >= size:
                going, batch = _write(store, batch, report, on_error), []
                if not going:
                    break
        if going and batch:
            _write(store, batch, report, on_error)
    report.seconds = time.perf_counter() - start
    return report


def _write(store: Store, batch: list[Parsed], report: Report, on_error: ErrorSink) -> bool:
    """Store a batch in one transaction (else document by document); False when the run must stop."""
    pairs = [(p.doc, p.record) for p in batch if p.doc is not None and p.record is not None]
    stopped = None
    try:
        results = store.ingest_batch(pairs)
    except StoreError:
        results = []
        for doc, record in pairs:  # keep every document that fits, then stop at the first that cannot
            try:
                results.append(store.ingest(doc, record))
            except StoreError as exc:
                stopped = exc
                break
    written = _count(batch, results, report, on_error)
    if written:
        after_batch(store, written)
    if stopped is not None:
        on_error(str(stopped))
        report.failed += 1
        report.stopped = str(stopped)
    return stopped is None


def _count(batch: list[Parsed], results: list[Ingested], report: Report, on_error: ErrorSink) -> list[Written]:
    """Count the outcomes (a batch cut short by a database error has fewer than documents)."""
    written = []
    for parsed, result in zip(batch, results, strict=False):
        assert parsed.record is not None
        if result.outcome is Outcome.REJECTED:
            on_error(f"{parsed.label}: {result.reason}")
            report.failed += 1
            continue
        setattr(report, result.outcome.value, getattr(report, result.outcome.value) + 1)
        report.not_relevant += not parsed.record.relevant
        written.append(Written(parsed.label, parsed.record, result))
    report.batches += 1
    return written


# --- reparse: the sources to read again ---------------------------------------------------------------


def _stale_sources(store: Store, cache: PageCache, report: Report) -> Iterator[Path | Document | Parsed]:
    """Each source whose current version an older parser read: its file, its cached page, or why not."""
    report.counts["current"] = 0
    for uri, version in store.current_versions():
        if not older(version, PARSER_VERSION):
            report.counts["current"] += 1
            continue
        if not uri.startswith(("http://", "https://")):
            yield Path(uri)
            continue
        page = cache.get(uri)
        if page is None:
            yield Parsed(uri, error=f"{uri}: is not in the page cache (fetch it again to parse it again)")
            continue
        try:
            yield page.document()
        except CooptrackError as exc:
            yield Parsed(uri, error=str(exc))
