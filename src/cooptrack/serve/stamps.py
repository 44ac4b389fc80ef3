"""The store's stamp for every request of a process, read as seldom as it can be without being stale.

(With it, on PostgreSQL, the count of writes to accounts: :meth:`Store.stamp_and_accounts`.)

Every tagged answer depends on the store's stamp (:class:`.middleware.Conditional`). SQLite knows
it unchanged without a query while no connection commits (:meth:`Store.known_stamp`); on PostgreSQL
it is a query, and fifty readers at once would send fifty queries for the same answer. (There the
read goes on an async connection of the event loop, :meth:`Store.stamp_and_accounts_async`, without
the thread pool's hop; through the pool's thread when that connection cannot answer.) Here a
request joins the next read that *starts after it arrived*, never one already under way (that one
may have begun before a write the reader has just made, on this or another worker): every commit
made before the request is seen, as when it reads alone, and a process sends at most one read at a
time with one more waiting, however many readers there are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from starlette.concurrency import run_in_threadpool

Read = TypeVar("Read")  # what one read answers (the server's: the stamp and the count of writes to accounts)


class StampReads(Generic[Read]):
    """``await reads()``: what ``read`` answers (the store's stamp), read after the call began (see the
    module's doc)."""

    def __init__(self, read: Callable[[], Read], read_async: Callable[[], Awaitable[Read | None]] | None = None):
        self._read = read
        self._read_async = read_async  # the same read on the loop (PostgreSQL's); None from it: ``read``'s turn
        self._loop: asyncio.AbstractEventLoop | None = None
        self._under_way: asyncio.Future[Read] | None = None  # the read sent, not yet answered
        self._next: asyncio.Future[Read] | None = None  # the read to send when it is answered
        self._tasks: set[asyncio.Task[None]] = set()
        self.reads = 0  # the reads sent

    async def __call__(self) -> Read:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # another event loop (a test client's thread): its own reads
            self._loop, self._under_way, self._next = loop, None, None
        if self._under_way is None:
            wanted = self._under_way = _future(loop)
            self._send(loop, wanted)
        else:
            if self._next is None:
                self._next = _future(loop)
            wanted = self._next
        return await asyncio.shield(wanted)  # (a reader who leaves does not cancel the others' read)

    def _send(self, loop: asyncio.AbstractEventLoop, future: asyncio.Future[Read]) -> None:
        task = loop.create_task(self._answer(loop, future))
        self._tasks.add(task)  # (a task only the loop refers to may be collected before it ends)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, loop: asyncio.AbstractEventLoop, future: asyncio.Future[Read]) -> None:
        self.reads += 1
        try:
            stamp = await self._read_async() if self._read_async is not None else None
            if stamp is None:
                stamp = await run_in_threadpool(self._read)
        except asyncio.CancelledError:  # the loop is ending: no read is sent after this one
            future.cancel()
            if self._loop is loop and self._next is not None:
                self._next.cancel()
                self._next = None
            raise
        except Exception as exc:  # every reader waiting gets the store's error, as if they had read it
            future.set_exception(exc)
        else:
            future.set_result(stamp)
        finally:
            if self._loop is loop:
                self._under_way, self._next = self._next, None
                if self._under_way is not None:
                    self._send(loop, self._under_way)


def _future(loop: asyncio.AbstractEventLoop) -> asyncio.Future[Any]:
    future: asyncio.Future[Any] = loop.create_future()
    future.add_done_callback(lambda f: f.cancelled() or f.exception())  # an error no reader awaited is not logged
    return future
