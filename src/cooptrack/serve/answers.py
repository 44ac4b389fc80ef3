"""Answers kept whole: what a page, an API answer or a download was, sent again as bytes to the next
anonymous reader (or the same account) who asks for the same thing while the store is unchanged.

An anonymous answer depends on the state of the store, the address with its query, the host and
scheme, the interface language (a cookie), ``Accept``, the day and cooptrack's version: what the
``ETag`` of :class:`.middleware.Conditional` is made of, less who asks. The one thing in it that
is a reader's own is their CSRF token (the language switch's form carries it): it is kept as a
placeholder of the same length and put back as the next reader's own, so that no reader ever gets
another's token. A first visit (no CSRF cookie yet) is sent a kept answer with a new token and the
cookie that gives it; one whose CSRF cookie the site did not make never is. A signed-in reader's
answers are kept apart, for their account alone (its name, role and how it signed in are in the
key), with their session's form token put back the same way.

Readers who ask at once for what is being drawn wait for it (:meth:`Answers.drawing`): fifty
readers arriving after a write cost one drawing, not fifty.

The kept answers are bounded by their bytes (:attr:`WebSettings.answers_mib`, the oldest used
let go first), and those of an earlier state of the store are let go as soon as a later one is
kept. They live in one process (each worker its own).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from cooptrack.serve.auth import CSRF_COOKIE

# a CSRF token as the site makes them (``secrets.token_urlsafe(24)``): only such a cookie is put back
_TOKEN = re.compile(rb"[A-Za-z0-9_-]{32}")
PLACEHOLDER = b"\x00cooptrack:csrf" + b"\x00" * 17  # as long as a token; never in a text answer
assert len(PLACEHOLDER) == 32
LARGEST = 2 * 1024 * 1024  # an answer larger than this (a big download) is not kept
ONE_WRITE = 64 * 1024  # a kept body whose tail is up to this is sent in one piece (see Answer.pieces)
WAIT = 30.0  # seconds a reader waits for the answer another is drawing, before drawing it too


@dataclass(frozen=True)
class Answer:
    """A kept answer: its status, its headers and its body, kept as what comes up to the last place of
    the reader's token (the site's forms are near the top; the earlier places hold a placeholder) and
    what follows it, sent as kept (a page of 300 kB is not copied for every reader)."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    head: bytes  # up to the last token, which is not in it (empty if the body held none)
    tail: bytes  # the rest: the whole body if it held no token
    tokens: bool  # whether the body held the reader's token (put back for the next reader)
    token_length: int = 0  # its length: only a token as long is put back (the kept Content-Length holds)

    def fits(self, token: bytes | None) -> bool:
        """Whether this answer can be sent with ``token`` put back (None: a first visit's new one)."""
        return not self.tokens or token is None or len(token) == self.token_length

    @property
    def size(self) -> int:
        return len(self.head) + len(self.tail)

    def pieces(self, token: bytes) -> tuple[bytes, ...]:
        """The body for the reader whose token is ``token``, in pieces to send one after the other: one
        when it is small (one write to the socket; copying 20 kB costs less than a write more), the
        head and the tail as kept when it is large (the overview's 300 kB are not copied)."""
        if not self.tokens:
            return (self.tail,)
        head = self.head.replace(PLACEHOLDER, token) + token
        if len(self.tail) <= ONE_WRITE:
            return (head + self.tail,)
        return head, self.tail


def given_token(cookies: list[str]) -> bytes | None:
    """The CSRF token a drawn first visit was given, if its one cookie is that one."""
    if len(cookies) != 1 or not cookies[0].startswith(CSRF_COOKIE + "="):
        return None
    return reader_token(cookies[0].split(";", 1)[0].split("=", 1)[1])


def reader_token(cookie: str | None) -> bytes | None:
    """The reader's CSRF token if it is one the site made (else their answers are not shared)."""
    token = (cookie or "").encode("ascii", "replace")
    return token if _TOKEN.fullmatch(token) else None


@dataclass
class Answers:
    """The kept answers of one process, bounded by ``limit`` bytes."""

    limit: int
    _kept: OrderedDict[tuple[object, ...], Answer] = field(default_factory=OrderedDict, repr=False)
    _stamp: object = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # (test clients' threads)
    _drawing: dict[tuple[object, ...], tuple[asyncio.AbstractEventLoop, asyncio.Event]] = field(
        default_factory=dict, repr=False
    )
    size: int = 0  # the bytes of the bodies kept
    hits: int = 0
    kept: int = 0

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, stamp: object, key: tuple[object, ...], token: bytes | None) -> Answer | None:
        """The answer kept under ``key`` for this state of the store, if it can be sent with ``token``
        put back (:meth:`Answer.fits`; None: a first visit's new one): a hit, counted as one."""
        with self._lock:
            found = self._kept.get((stamp, *key))
            if found is None or not found.fits(token):
                return None
            self._kept.move_to_end((stamp, *key))
            self.hits += 1
            return found

    @asynccontextmanager
    async def drawing(self, stamp: object, key: tuple[object, ...]) -> AsyncIterator[bool]:
        """Around drawing an answer that may be kept: True for the first reader to ask, who draws it;
        the others asking meanwhile wait until it is drawn (False: look for it again, else draw it)."""
        full, loop = (stamp, *key), asyncio.get_running_loop()
        busy = self._drawing.get(full)
        if busy is not None and busy[0] is loop:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(busy[1].wait(), WAIT)
            yield False
            return
        if busy is not None:  # drawn on another event loop (a test client's thread): drawn here too
            yield True
            return
        done = asyncio.Event()
        self._drawing[full] = (loop, done)
        try:
            yield True
        finally:
            del self._drawing[full]
            done.set()

    def keep(self, stamp: object, key: tuple[object, ...], status: int, headers: list[tuple[bytes, bytes]],
             body: bytes, token: bytes | None) -> bool:  # fmt: skip
        """Keep an answer drawn for the reader whose token is ``token`` (None: one with no token in
        it, an answer without a form): whether it was kept."""
        if len(body) > LARGEST or len(body) > self.limit or PLACEHOLDER in body:
            return False
        tokens = token is not None and token in body
        if token is not None and tokens:
            head, _, tail = body.replace(token, PLACEHOLDER).rpartition(PLACEHOLDER)
        else:
            head, tail = b"", body
        answer = Answer(status, tuple(headers), head, tail, tokens, len(token) if token is not None and tokens else 0)
        with self._lock:
            if stamp != self._stamp:  # the store changed: what was kept for its earlier state is let go
                self._kept.clear()
                self.size = 0
                self._stamp = stamp
            earlier = self._kept.pop((stamp, *key), None)
            if earlier is not None:
                self.size -= earlier.size
            self._kept[(stamp, *key)] = answer
            self.size += answer.size
            self.kept += 1
            while self.size > self.limit:
                _, old = self._kept.popitem(last=False)
                self.size -= old.size
        return True
