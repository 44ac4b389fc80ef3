"""What every request handler of the web application uses: the settings, the server's view of the
store (:class:`Web`), the dependencies that say who is asking and what they may do, and
:class:`Problem`, the one error a handler raises (:mod:`.errors` turns it into a response).

The routers (:mod:`.api`, :mod:`.pages`, :mod:`.forms`, :mod:`.accounts`, :mod:`.downloads`) and
:mod:`.middleware` import this module; it imports none of them, and :mod:`.app`, which assembles
the application, imports them all: the modules of ``serve`` import each other without a cycle
(tests/test_architecture.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from dataclasses import replace as dataclasses_replace
from typing import Any, TypeVar
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from cooptrack.knowledge.commitments import Commitment
from cooptrack.serve import overview as digests
from cooptrack.serve.answers import Answers
from cooptrack.serve.auth import Caller, identify
from cooptrack.serve.i18n import LANGUAGES
from cooptrack.serve.stamps import StampReads
from cooptrack.serve.throttle import RequestBudget, SignInThrottle
from cooptrack.store import Store, snapshot
from cooptrack.store.tracking import Stamp
from cooptrack.views import service
from cooptrack.views.service import Data

T = TypeVar("T")
_LOG = logging.getLogger("cooptrack.serve")
WATCH_SECONDS = 2.0  # how often a server process looks whether the store changed (one small query)
STAMP = "cooptrack.stamp"  # the scope key under which a request's store stamp is kept
ACCOUNTS = "cooptrack.accounts"  # and the count of writes to accounts read with it (PostgreSQL; else None)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 413: "too_large", 422: "invalid", 429: "too_many_requests", 500: "server_error",
          503: "unavailable"}  # fmt: skip


@dataclass(frozen=True)
class WebSettings:
    """How the server behaves; read explicitly (:meth:`from_env`), never at import."""

    read_requires_login: bool = False  # reading is open unless this is set
    secure_cookies: bool = False  # always mark cookies Secure (else only when HTTPS is seen)
    session_hours: int = 12
    session_idle_minutes: int = 60  # a session unused this long ends
    per_page: int = 50
    max_per_page: int = 500
    base_url: str | None = None  # e.g. https://cooptrack.example.org/ : absolute links are made from it
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")  # Host headers answered
    trusted_proxies: tuple[str, ...] = ()  # addresses (or networks) whose X-Forwarded-* are believed
    hsts_seconds: int = 0  # Strict-Transport-Security over HTTPS (0: not sent)
    anonymous_per_minute: float = 30.0  # expensive requests an anonymous address may make a minute (0: no limit)
    warm: bool = False  # build the view of the store (and the overview) before the first request
    answers_mib: float = 32.0  # the anonymous answers a process keeps whole (:mod:`.answers`), in MiB (0: none)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        """``COOPTRACK_READ_REQUIRES_LOGIN``, ``COOPTRACK_SECURE_COOKIES`` (``1``/``true``/``yes``),
        ``COOPTRACK_BASE_URL``, ``COOPTRACK_ALLOWED_HOSTS`` and ``COOPTRACK_TRUSTED_PROXIES`` (comma-separated),
        ``COOPTRACK_HSTS_SECONDS``, ``COOPTRACK_ANONYMOUS_PER_MINUTE`` (0: no limit),
        ``COOPTRACK_ANSWERS_MIB`` (the anonymous answers each process keeps whole; 0: none)."""
        env = os.environ if environ is None else environ

        def flag(name: str) -> bool:
            return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")

        def listed(name: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in env.get(name, "").split(",") if v.strip())

        found = cls(read_requires_login=flag("COOPTRACK_READ_REQUIRES_LOGIN"),
                    secure_cookies=flag("COOPTRACK_SECURE_COOKIES"), base_url=env.get("COOPTRACK_BASE_URL") or None,
                    trusted_proxies=listed("COOPTRACK_TRUSTED_PROXIES"),
                    hsts_seconds=int(env.get("COOPTRACK_HSTS_SECONDS", "0") or 0),
                    anonymous_per_minute=float(env.get("COOPTRACK_ANONYMOUS_PER_MINUTE", "30") or 0),
                    answers_mib=float(env.get("COOPTRACK_ANSWERS_MIB", "32") or 0))  # fmt: skip
        hosts = listed("COOPTRACK_ALLOWED_HOSTS")
        return dataclasses_replace(found, allowed_hosts=found.allowed_hosts + hosts) if hosts else found

    def hosts(self) -> frozenset[str]:
        """The host names requests may name: the allowed ones and the base URL's."""
        return _hosts(self.allowed_hosts, self.base_url)


@functools.lru_cache(maxsize=16)
def _hosts(allowed: tuple[str, ...], base_url: str | None) -> frozenset[str]:
    """(Worked out once per settings, not on every request.)"""
    names = {h.strip().lower() for h in allowed}
    if base_url:
        names.add((urlsplit(base_url).hostname or "").lower())
    return frozenset(n for n in names if n) | {f"[{n}]" for n in names if ":" in n and not n.startswith("[")}


@dataclass
class Web:
    """What every request handler needs: the store, the settings, the throttles, templates."""

    store: Store
    settings: WebSettings
    throttle: SignInThrottle
    budget: RequestBudget
    templates: Environment = field(repr=False)
    answers: Answers = field(default_factory=lambda: Answers(0), repr=False)
    _snapshot: tuple[tuple[object, ...], Data] | None = field(default=None, repr=False)
    _memo: OrderedDict[tuple[object, ...], Any] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _computing: dict[tuple[object, ...], threading.Lock] = field(default_factory=dict, repr=False)
    _memo_stamp: object = field(default=None, repr=False)  # the state of the store the memo's answers are for
    _stopped: threading.Event = field(default_factory=threading.Event, repr=False)
    # the stamp's reads (with the count of writes to accounts), shared by the requests at once
    stamps: StampReads[tuple[Stamp, int | None]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.stamps = StampReads(self.store.stamp_and_accounts, self.store.stamp_and_accounts_async)

    def snapshot(self, stamp: tuple[object, ...] | None = None) -> Data:
        """The store as readers see it, loaded again only when something was written since (any process).

        ``stamp`` is the store's stamp if the caller has it already (one query less)."""
        stamp = self.store.stamp() if stamp is None else stamp
        with self._lock:
            cached = self._snapshot
            if cached is not None and cached[0] == stamp:
                return cached[1]
            fresh = Data(self.store, stamp)
            earlier_documents = getattr(cached[0], "documents", None) if cached is not None else None
            if (
                cached is not None
                and earlier_documents is not None
                and earlier_documents == getattr(stamp, "documents", None)
            ):
                # only statuses or decisions were written: the meetings are the same, and without a
                # correction (people, links, splits, joins) the commitments and the people too
                same = getattr(cached[0], "correction", None) == getattr(stamp, "correction", None)
                fresh.reuse(cached[1], corrections=same)
            elif cached is not None:
                snapshot.let_go()  # a new view of the documents: the one it replaces may be collected
            self._snapshot = (stamp, fresh)
            return fresh

    def memo(self, key: tuple[object, ...], compute: Callable[[], T], stamp: tuple[object, ...] | None = None) -> T:
        """``compute()``, kept until the store changes: the one place where expensive answers are cached.

        What a page shows across many meetings (the overview, a mechanism's changes, briefings) goes
        through here. One thread computes an answer while the others asking for it wait for it (50
        clients arriving after a write cost one computation, not 50)."""
        full = (self.store.stamp() if stamp is None else stamp, *key)
        with self._lock:
            if full in self._memo:
                self._memo.move_to_end(full)
                found: T = self._memo[full]
                return found
            busy = self._computing.setdefault(full, threading.Lock())
        with busy:
            with self._lock:
                if full in self._memo:
                    done: T = self._memo[full]
                    return done
            try:
                value = compute()
            except BaseException:  # nothing kept (a page not found): nor the lock of what was asked
                with self._lock:
                    self._computing.pop(full, None)
                raise
            with self._lock:
                self._memo[full] = value
                self._computing.pop(full, None)
                if full[0] != self._memo_stamp:  # the store changed: what was kept for before is let go
                    self._memo_stamp = full[0]  # (answers may hold the view they were worked out from)
                    for old in [k for k in self._memo if k[0] != full[0]]:
                        del self._memo[old]
                while len(self._memo) > 256:
                    self._memo.popitem(last=False)
            return value

    def warm(self) -> None:
        """Build the view of the store now (a new process, before its first request)."""
        try:
            self.refresh()  # nothing built yet: built now
        except Exception:  # the store is down: the first request will say so
            _LOG.exception("could not read the store ahead of the first request")

    def stop(self) -> None:
        """End :meth:`keep_up` (the application shuts down)."""
        self._stopped.set()

    def refresh(self) -> bool:
        """Build the view again now if the store changed since it was built (an ingest, another
        worker's write), rather than in the first request that finds it changed: True if it did.
        What a user's write changes (a status, a note) is rebuilt in a moment (:meth:`snapshot`
        keeps the rest); an ingest's new meetings take the seconds the first request would wait."""
        stamp = self.store.stamp()
        cached = self._snapshot
        if cached is not None and cached[0] == stamp:
            return False
        self.snapshot(stamp).build()
        for language in LANGUAGES:  # and the overview (kept in the store, else worked out now, not by a reader)
            self.overview(language, stamp)
        return True

    def overview(self, language: str, stamp: tuple[object, ...]) -> dict[str, Any]:
        """What the overview shows in ``language`` for the store at ``stamp`` (:mod:`.overview`): kept
        in the store for its state, else worked out once in this process (a reader asking while it is
        worked out waits for it), for the page and the API's counts alike."""
        return self.memo(
            ("overview", language),
            lambda: digests.kept(self.store, language, stamp, lambda: self.snapshot(stamp)),
            stamp,
        )

    def keep_up(self, every: float = WATCH_SECONDS, rounds: int | None = None) -> None:
        """:meth:`warm`, then :meth:`refresh` every ``every`` seconds (``rounds`` times, else for as
        long as the process runs, until :meth:`stop` or the store is closed): the server process's own
        thread (``warm`` set)."""
        self.warm()
        failing = False
        while (rounds is None or rounds > 0) and not self._stopped.wait(every) and not self.store.closed:
            rounds = None if rounds is None else rounds - 1
            try:
                self.refresh()
                failing = False
            except Exception:  # the store is down: said once, until it is back
                if not failing:
                    _LOG.exception("could not read the store to keep the server's view up to date")
                failing = True


class Problem(Exception):
    """An error with an HTTP status, a code and a message for the user."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers or {}


class LoginRequired(Problem):
    def __init__(self, message: str = "sign in first") -> None:
        super().__init__(401, message)


def web(request: Request) -> Web:
    found: Web = request.app.state.web
    return found


def data(request: Request) -> Data:
    """The store as this request sees it: the snapshot of the last request unless something changed."""
    if not hasattr(request.state, "data"):
        request.state.data = web(request).snapshot(request.scope.get(STAMP))
    found: Data = request.state.data
    return found


def caller(request: Request) -> Caller:
    """Who sent this request (worked out once per request)."""
    if not hasattr(request.state, "caller"):
        w = web(request)
        idle = dt.timedelta(minutes=w.settings.session_idle_minutes)
        request.state.caller = identify(w.store, request, idle, request.scope.get(ACCOUNTS))
    found: Caller = request.state.caller
    return found


def client_address(request: Request) -> str:
    """The client's address (a trusted proxy's X-Forwarded-For already applied)."""
    return request.client.host if request.client else "?"


def expensive(request: Request) -> None:
    """A dependency of expensive reads: anonymous callers spend their address's budget (429 when spent)."""
    if caller(request).user is not None:
        return
    wait = web(request).budget.take(client_address(request))
    if wait:
        raise Problem(429, f"too many expensive requests from this address: try again in {wait} s, or sign in",
                      headers={"Retry-After": str(wait)})  # fmt: skip


def public_url(request: Request, path_and_query: str | None = None) -> str:
    """An absolute URL of this site: the base URL's, else the checked host's (never an unchecked Host)."""
    if path_and_query is None:
        path_and_query = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    base = web(request).settings.base_url
    root = base.rstrip("/") if base else f"{request.url.scheme}://{request.headers.get('host', 'localhost')}"
    return root + path_and_query


def reader(request: Request) -> Caller:
    """The caller, if they may read (everyone, unless the settings require signing in)."""
    who = caller(request)
    if who.via == "bad_token":
        raise Problem(401, "the API token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
    if web(request).settings.read_requires_login and who.user is None:
        raise LoginRequired("sign in to read this service")
    return who


def writer(request: Request) -> Caller:
    """The caller, if they may write: an editor or an admin."""
    who = reader(request)
    if who.user is None:
        raise LoginRequired("sign in (or send an API token) to change anything")
    if not who.can_write:
        raise Problem(403, f"{who.name} may not change anything")
    return who


def stamp(request: Request) -> tuple[object, ...]:
    """The store's stamp for this request (read once: by :class:`.middleware.Conditional`, else here)."""
    if STAMP not in request.scope:
        store = web(request).store
        request.scope[STAMP] = store.known_stamp() or store.stamp()
    found: tuple[object, ...] = request.scope[STAMP]
    return found


def memo(request: Request, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()`` for this state of the store and this day (what is stale changes with it), computed once
    for every request that asks (:meth:`Web.memo`)."""
    return web(request).memo((dt.datetime.now(dt.UTC).date(), *key), compute, stamp(request))


def overview(request: Request, language: str) -> dict[str, Any]:
    """What the overview shows (:mod:`.overview`), kept in the store for its state: for the page and
    the API's counts alike, once per state of the store in this process."""
    return web(request).overview(language, stamp(request))


def tracker_selection(
    request: Request, d: Data, *, partner: str | None, theme: str | None, status: str | None, q: str | None,
    stale: bool, meeting: str | None, year: int | None = None, sort: str | None = None,
) -> list[Commitment]:  # fmt: skip
    """The commitments a tracker filter keeps, in its order (:func:`service.tracker_select`): once
    per state of the store, day and filter, for the tracker page and the API's list alike."""
    key = ("tracker", partner, theme, status, q, stale, meeting, year, sort)
    return memo(
        request,
        key,
        lambda: service.tracker_select(
            d, partner=partner, theme=theme, status=status, q=q, stale=stale, meeting=meeting, year=year, sort=sort
        ),
    )


def html(text: str, status: int = 200, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=dict(headers or {}))
