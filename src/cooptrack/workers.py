"""Parsing in worker processes, one document at a time each, under a time cap per document.

:class:`ParsePool` keeps up to ``jobs`` worker processes (forked, so that they start with
everything imported). Each worker reads and parses one document at a time and sends back the
document and its record, or a one-line error naming it. A parse still running ``time_cap``
seconds after it was handed over is stopped by ending its worker process (nothing else stops a
regular expression that runs away inside C code), and its file fails with a line that says so;
a worker that dies (a crash, the memory killer) fails only its document. Either way a new worker
takes its place and the batch goes on: no input can stall or end a run.

Two ways in: :meth:`ParsePool.parse_paths` streams the files of an ingest through every worker,
results in the order of the files, at most ``window`` documents ahead of the consumer (the
memory used stays flat however many files there are); :meth:`ParsePool.parse_one` parses one
document already read (a crawl's page) in a worker and waits for it.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from cooptrack import pipeline
from cooptrack.acquire import Document, read_path
from cooptrack.errors import CooptrackError
from cooptrack.record import Record

_WARM_UP = (
    "The First Plenary Session of the Hong Kong/Anhui Co-operation Conference was held in Hong Kong today.\n\n"
    "The two sides agreed on co-operation in trade and investment.\n"
)  # a synthetic text parsed by each new worker before its first document (its caches filled)
_POLL_SECONDS = 0.05  # how often the feeder looks again when it waits for the consumer
_PR_SET_PDEATHSIG = 1  # prctl's option (linux/prctl.h)
_POLL_PARENT_SECONDS = 1.0  # how often an idle worker checks that its parent is still there


class ParseTimeout(CooptrackError):
    """A document's parse ran past the time cap and was stopped."""


@dataclass(frozen=True)
class Parsed:
    """A document read and parsed, or the one-line error (naming it) of why it could not be."""

    label: str
    doc: Document | None = None
    record: Record | None = None
    error: str | None = None


Job = Path | Document | Parsed  # a file to read and parse, a document read, or one that could not be
_Out = queue.Queue[Parsed | BaseException | None]


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> BaseContext:
    """Fork where there is fork (the workers start warm, with what the parent imported)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# --- in the worker process ------------------------------------------------------------------------


def _serve(conn: Connection, inherited: list[Connection], parent: int) -> None:
    """A worker's life: warm up, say so, then parse each job received until the pipe closes or
    the parent is gone (killed, even with SIGKILL: the worker must not outlive it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    for end in inherited:  # the parent's ends of the pipes, copied by fork: only the parent holds them
        end.close()
    with contextlib.suppress(Exception):  # a parser bug shows on the first real document instead
        pipeline.parse_text(_WARM_UP, "<warm-up>")
    conn.send("ready")
    while True:
        try:
            while not conn.poll(_POLL_PARENT_SECONDS):
                if os.getppid() != parent:
                    return
            job = conn.recv()
            conn.send(_parse(job))
        except (EOFError, OSError):
            return


def _die_with_parent() -> None:
    """On Linux, have the kernel end this process when its parent ends (a parse that never ends
    included); elsewhere an idle worker notices within a second."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _parse(job: tuple[Any, ...]) -> Parsed:
    """``("path", path)`` or ``("doc", document, label)`` parsed; any failure is one line."""
    label = str(job[1]) if job[0] == "path" else str(job[2])
    try:
        doc = read_path(Path(job[1])) if job[0] == "path" else job[1]
        return Parsed(label, doc, pipeline.parse_document(doc))
    except CooptrackError as exc:
        return Parsed(label, error=_one_line(str(exc)))
    except Exception as exc:  # a parser bug must cost one file, not the batch
        return Parsed(label, error=_one_line(f"{label}: cannot be parsed ({type(exc).__name__}: {exc})"))


def _one_line(message: str) -> str:
    return " ".join(message.split()) or "unknown error"


# --- in the parent ----------------------------------------------------------------------------------


class _Worker:
    def __init__(self, context: BaseContext, others: list[_Worker]) -> None:
        pipeline.prepare()  # the patterns quickened once, here: a forked worker starts with them
        self.conn, child = context.Pipe()
        inherited = [self.conn, *(w.conn for w in others)] if context.get_start_method() == "fork" else []
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, inherited, os.getpid()), daemon=True, name="cooptrack-parse"
        )
        self.process.start()
        child.close()
        self.ready = False
        self.job: tuple[int, str, float] | None = None  # (sequence number, label, deadline)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class ParsePool:
    """Worker processes that parse documents, each under ``time_cap`` seconds (None: no cap)."""

    def __init__(self, jobs: int | None = None, time_cap: float | None = None) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.time_cap = time_cap if time_cap and time_cap > 0 else None
        self._context = _context()
        self._workers: list[_Worker] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the feeder and end every worker (a parse under way is abandoned)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
        for worker in self._workers:
            worker.stop()
        self._workers = []

    # --- one document, waited for (a crawl's page) --------------------------------------------------

    def parse_one(self, doc: Document, label: str) -> Record:
        """Parse ``doc`` in a worker; raises a CooptrackError naming ``label`` if it cannot be (or
        ran past the time cap)."""
        worker = self._workers[0] if self._workers else self._spawn()
        if not worker.ready:
            self._wait_ready(worker)
        with contextlib.suppress(OSError):  # it died: said by _receive below
            worker.conn.send(("doc", doc, label))
        if not worker.conn.poll(self.time_cap):
            self._replace(worker)
            raise ParseTimeout(self._timeout_message(label))
        result = self._receive(worker, label)
        if result.record is None:
            raise CooptrackError(result.error or f"{label}: cannot be parsed")
        return result.record

    # --- a stream of files, in order --------------------------------------------------------------

    def parse_paths(self, paths: Iterable[Job], window: int) -> Iterator[Parsed]:
        """Read and parse the files, yielding them in their order, at most ``window`` ahead.

        A document already read may stand for a file (it is parsed), and a ``Parsed`` for one
        that could not be read (it is passed on in its place)."""
        out: _Out = queue.Queue()
        consumed = [0]
        self._thread = threading.Thread(
            target=self._feed, args=(iter(paths), out, consumed, max(window, self.jobs)), daemon=True
        )
        self._thread.start()
        while True:
            item = out.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            consumed[0] += 1

    def _feed(self, paths: Iterator[Job], out: _Out, consumed: list[int], window: int) -> None:
        try:
            self._run(paths, out, consumed, window)
        except BaseException as exc:  # handed to the consumer, raised there
            out.put(exc)
        out.put(None)

    def _run(self, paths: Iterator[Job], out: _Out, consumed: list[int], window: int) -> None:
        sent = delivered = 0
        done: dict[int, Parsed] = {}
        path: Job | None = None
        exhausted = False
        while not self._stop.is_set():
            while not exhausted and sent - consumed[0] < window:
                path = next(paths, None) if path is None else path
                if path is None:
                    exhausted = True
                    break
                if isinstance(path, Parsed):
                    done[sent], path = path, None
                    sent += 1
                    continue
                worker = self._idle_worker()
                if worker is None:
                    break
                job = ("path", str(path)) if isinstance(path, Path) else ("doc", path, path.uri)
                self._hand_over(worker, sent, job, str(job[1]) if isinstance(path, Path) else path.uri, done)
                path = None
                sent += 1
            busy = [w for w in self._workers if w.job is not None or not w.ready]
            if exhausted and not busy and delivered == sent:
                return
            self._collect(busy, done)
            while delivered in done:
                out.put(done.pop(delivered))
                delivered += 1

    def _hand_over(self, worker: _Worker, seq: int, job: tuple[Any, ...], label: str, done: dict[int, Parsed]) -> None:
        """Send a job to an idle worker, its deadline set; one found dead fails it."""
        deadline = time.monotonic() + self.time_cap if self.time_cap else float("inf")
        worker.job = (seq, label, deadline)
        try:
            worker.conn.send(job)
        except OSError:
            worker.job = None
            done[seq] = self._receive(worker, label)

    def _idle_worker(self) -> _Worker | None:
        for worker in self._workers:
            if worker.ready and worker.job is None:
                return worker
        if len(self._workers) < self.jobs:
            self._spawn()  # ready once warmed up
        return None

    def _collect(self, busy: list[_Worker], done: dict[int, Parsed]) -> None:
        """Wait a little for results; stop workers past their deadline, replace dead ones."""
        now = time.monotonic()
        deadlines = [w.job[2] for w in busy if w.job is not None]
        timeout = min([_POLL_SECONDS, *(max(0.0, d - now) for d in deadlines)])
        ready: list[Any] = []
        if busy:
            ready = wait([w.conn for w in busy], timeout)
        else:
            time.sleep(timeout)
        for worker in list(busy):
            if worker.conn in ready or (worker.job is not None and worker.conn.poll()):
                if not worker.ready:
                    self._receive_ready(worker)
                    continue
                assert worker.job is not None
                seq, label, _deadline = worker.job
                worker.job = None
                done[seq] = self._receive(worker, label)
            elif worker.job is not None and time.monotonic() >= worker.job[2]:
                seq, label, _deadline = worker.job
                self._replace(worker)
                done[seq] = Parsed(label, error=self._timeout_message(label))

    # --- workers ----------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self._workers)
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self._workers.remove(worker)
        self._spawn()

    def _wait_ready(self, worker: _Worker) -> None:
        worker.conn.poll(None)
        self._receive_ready(worker)

    def _receive_ready(self, worker: _Worker) -> None:
        try:
            worker.conn.recv()
            worker.ready = True
        except (EOFError, OSError) as exc:
            raise CooptrackError(f"a parsing process could not start ({exc or 'it ended'})") from exc

    def _receive(self, worker: _Worker, label: str) -> Parsed:
        """The worker's answer; a worker that died instead fails the document and is replaced."""
        try:
            result: Parsed = worker.conn.recv()
            return result
        except (EOFError, OSError):
            worker.process.join(1)
            code = worker.process.exitcode
            self._replace(worker)
            how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            return Parsed(label, error=f"{label}: cannot be parsed (its parsing process ended: {how})")

    def _timeout_message(self, label: str) -> str:
        return (
            f"{label}: parsing stopped after {self.time_cap:g} s, the time cap per document "
            "(--time-cap SECONDS to change it)"
        )
