"""Work done by a call, counted rather than timed (issue 10, item 8: no timing-sensitive test).

``calls`` counts the Python and C function calls made while the work ran (a profiling hook sees
each one): the same count on a busy machine as on an idle one, and a loop over everything read
before, once per thing read, multiplies it. What a regular expression does inside one call is not
a call, so ``cpu`` gives the CPU seconds this process spent meanwhile (``time.process_time``): a
busy neighbour slows the wall clock, not the work this process does, and the tests compare these
seconds only with each other, at sizes far apart, with a generous factor.

A runaway is stopped without a wall-clock deadline: past ``call_limit`` calls the hook raises,
past ``cpu_limit`` CPU seconds a profiling timer does (SIGPROF counts this process's CPU only).
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from types import FrameType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
KB = 1_000
MB = 1_000_000


class TooMuchWork(AssertionError):
    """The work ran past its limit of calls or of CPU seconds."""


@dataclass(frozen=True)
class Work(Generic[T]):
    result: T
    calls: int  # Python and C function calls made
    cpu: float  # CPU seconds of this process (not wall-clock time)
    size: int  # the size of the input, for the messages


def measure(
    work: Callable[[], T], size: int, *, call_limit: int | None = None, cpu_limit: float | None = None
) -> Work[T]:
    """Run ``work``, counting its calls and CPU seconds; TooMuchWork past either limit."""
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call" or event == "c_call":
            calls += 1
            if call_limit is not None and calls > call_limit:
                sys.setprofile(None)
                raise TooMuchWork(f"over {call_limit:,} calls for {size:,} characters")

    previous = sys.getprofile()
    start = time.process_time()
    with _cpu_limit(cpu_limit, size):
        sys.setprofile(count)
        try:
            result = work()
        finally:
            sys.setprofile(previous)
    return Work(result, calls, time.process_time() - start, size)


@contextmanager
def _cpu_limit(seconds: float | None, size: int) -> Iterator[None]:
    if seconds is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TooMuchWork(f"still running after {seconds:.0f} CPU seconds for {size:,} characters")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# Bounds, from what parsing costs today (a few to ~140 calls a character, ~15 CPU seconds a
# megabyte on the worst inputs) with a wide margin; a quadratic path at the sizes tested costs
# hundreds to thousands of times more.
CALLS_PER_CHAR = 500
BASE_CALLS = 3_000_000  # tables and patterns loaded on first use, the smallest record
CPU_PER_MB = 120.0
BASE_CPU = 30.0


def call_limit(size: int) -> int:
    return BASE_CALLS + CALLS_PER_CHAR * size


def cpu_limit(size: int) -> float:
    return BASE_CPU + CPU_PER_MB * size / MB


def bounded(work: Callable[[], T], size: int) -> Work[T]:
    """Run ``work`` on an input of ``size`` characters within the bounds of calls and CPU seconds."""
    return measure(work, size, call_limit=call_limit(size), cpu_limit=cpu_limit(size))


def assert_linear(
    make: Callable[[int], str], run: Callable[[str], T], size: int, *, cpu: bool = True, cpu_retries: int | None = None
) -> list[Work[T]]:
    """Run ``run`` on ``make(size)``, ``make(2 * size)`` and ``make(4 * size)``: the calls and the CPU
    seconds must grow no faster than twice the input (3.5x and 8x, plus a constant: a quadratic path
    gives 4x and 16x; a reader that changes its path at some size, as the generic reader's library
    does, may step up once between two sizes), and each run stay within bounds. CPU growth past that
    runs the smallest and the largest size again, ``cpu_retries`` times at most, and fails only if
    the fastest runs still show it."""
    works: list[Work[T]] = []
    for n in (size, 2 * size, 4 * size):
        given = make(n)
        works.append(bounded(partial(run, given), len(given)))
    one, two, four = works
    slack = 50_000  # what any input costs apart from its length, whatever the size
    assert two.calls <= 3.5 * one.calls + slack, _growth(works)
    assert four.calls <= 8 * one.calls + slack, _growth(works)
    if cpu:  # not where a C library's own path, uncounted, decides the time (the caller says why)
        # CPU seconds, unlike calls, move with the machine: a neighbour's load evicts caches and
        # a collection of an earlier test's garbage may fall in one run. The fastest of a few runs
        # of each size is the work's own cost; a quadratic path is slow in every run.
        small, large = one.cpu, four.cpu
        for _ in range(_CPU_RETRIES if cpu_retries is None else cpu_retries):
            if large <= 8 * small + 0.5:
                break
            small = min(small, bounded(partial(run, make(size)), one.size).cpu)
            large = min(large, bounded(partial(run, make(4 * size)), four.size).cpu)
        assert large <= 8 * small + 0.5, _growth(works) + f"; fastest runs {small:.2f} and {large:.2f} CPU s"
    return works


_CPU_RETRIES = 2  # further runs of the smallest and the largest size before CPU growth fails


def _growth(works: list[Work[T]]) -> str:
    return "; ".join(f"{w.size:,} characters: {w.calls:,} calls, {w.cpu:.2f} CPU s" for w in works)
