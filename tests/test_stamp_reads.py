"""The stamp's reads shared by the requests of a process (:mod:`cooptrack.serve.stamps`): fewer
queries for many readers at once, never a stamp read before a reader came."""

from __future__ import annotations

import asyncio
import threading

import pytest

from cooptrack.serve.stamps import StampReads


class Reads:
    """A stamp read that waits until the test lets it answer; each read answers its own number."""

    def __init__(self) -> None:
        self.started = 0
        self.gates: list[threading.Event] = []
        self.lock = threading.Lock()
        self.fail: Exception | None = None

    def __call__(self) -> tuple[int]:
        with self.lock:
            self.started += 1
            number, gate = self.started, threading.Event()
            self.gates.append(gate)
        assert gate.wait(10), "the test never let the read answer"
        if self.fail is not None:
            raise self.fail
        return (number,)

    async def sent(self, count: int) -> None:
        """Until ``count`` reads have been sent."""
        for _ in range(2000):
            if self.started >= count:
                return
            await asyncio.sleep(0.005)
        raise AssertionError(f"{self.started} reads sent, not {count}")

    def answer(self, number: int) -> None:
        self.gates[number - 1].set()


def test_readers_at_once_share_two_reads_and_each_sees_one_begun_after_it_came() -> None:
    async def scenario() -> None:
        reads = Reads()
        stamps = StampReads(reads)
        first = asyncio.create_task(stamps())
        await reads.sent(1)
        later = [asyncio.create_task(stamps()) for _ in range(20)]  # came while read 1 was under way
        await asyncio.sleep(0.05)
        assert reads.started == 1  # they wait for the read after it, not one read each
        reads.answer(1)
        assert await first == (1,)
        await reads.sent(2)
        reads.answer(2)
        assert {await t for t in later} == {(2,)}  # not read 1's answer: it began before they came
        assert stamps.reads == 2

    asyncio.run(scenario())


def test_a_reader_alone_reads_at_once_and_again_next_time() -> None:
    async def scenario() -> None:
        reads = Reads()
        stamps = StampReads(reads)
        for number in (1, 2, 3):
            task = asyncio.create_task(stamps())
            await reads.sent(number)
            reads.answer(number)
            assert await task == (number,)

    asyncio.run(scenario())


def test_an_error_reaches_every_reader_waiting_and_the_next_reader_reads_again() -> None:
    async def scenario() -> None:
        reads = Reads()
        stamps = StampReads(reads)
        reads.fail = RuntimeError("the database went away")
        first = asyncio.create_task(stamps())
        await reads.sent(1)
        waiting = [asyncio.create_task(stamps()) for _ in range(3)]
        reads.answer(1)
        with pytest.raises(RuntimeError, match="went away"):
            await first
        await reads.sent(2)
        reads.answer(2)
        for task in waiting:
            with pytest.raises(RuntimeError, match="went away"):
                await task
        reads.fail = None
        task = asyncio.create_task(stamps())
        await reads.sent(3)
        reads.answer(3)
        assert await task == (3,)

    asyncio.run(scenario())


def test_a_reader_who_leaves_does_not_take_the_read_from_the_others() -> None:
    async def scenario() -> None:
        reads = Reads()
        stamps = StampReads(reads)
        first = asyncio.create_task(stamps())
        await reads.sent(1)
        leaving, staying = asyncio.create_task(stamps()), asyncio.create_task(stamps())  # both wait for read 2
        await asyncio.sleep(0.01)
        leaving.cancel()
        reads.answer(1)
        assert await first == (1,)
        await reads.sent(2)
        reads.answer(2)
        assert await staying == (2,)
        assert leaving.cancelled()

    asyncio.run(scenario())


def test_each_event_loop_reads_its_own() -> None:
    reads = Reads()
    stamps = StampReads(reads)

    async def one(number: int) -> tuple[object, ...]:
        task = asyncio.create_task(stamps())
        await reads.sent(number)
        reads.answer(number)
        return await task

    assert asyncio.run(one(1)) == (1,)
    assert asyncio.run(one(2)) == (2,)  # a new loop (a test client's) does not wait on the old one's read


def test_a_read_cancelled_as_the_loop_ends_sends_no_read_after_it() -> None:
    async def scenario() -> None:
        reads = Reads()
        stamps = StampReads(reads)
        first = asyncio.create_task(stamps())
        await reads.sent(1)
        waiting = asyncio.create_task(stamps())  # would have the next read
        await asyncio.sleep(0.01)
        for task in list(stamps._tasks):  # the loop ending cancels what runs on it
            task.cancel()
        for reader in (first, waiting):
            with pytest.raises(asyncio.CancelledError):
                await reader
        reads.answer(1)  # (the thread's read ends; its answer goes nowhere)
        await asyncio.sleep(0.05)
        assert stamps.reads == 1 and reads.started == 1, "no read sent after the cancelled one"

    asyncio.run(scenario())


def test_the_loops_own_read_is_used_when_it_answers_and_the_threads_when_it_cannot() -> None:
    """PostgreSQL's read on the event loop (``read_async``) answers without the thread pool; when it
    answers None (SQLite, a lost connection) the same read goes to a thread, and that one's error
    reaches the reader."""
    answers: list[tuple[int] | None] = [(7,), None, None]
    threads: list[int] = []

    def read() -> tuple[int]:
        threads.append(threading.get_ident())
        if len(threads) == 2:
            raise RuntimeError("the database is down")
        return (len(threads),)

    async def read_async() -> tuple[int] | None:
        return answers.pop(0)

    async def scenario() -> None:
        stamps = StampReads(read, read_async)
        assert await stamps() == (7,) and threads == [], "the loop's own read"
        assert await stamps() == (1,) and len(threads) == 1 and threads[0] != threading.get_ident()
        with pytest.raises(RuntimeError, match="down"):
            await stamps()
        assert stamps.reads == 3 and answers == []

    asyncio.run(scenario())
