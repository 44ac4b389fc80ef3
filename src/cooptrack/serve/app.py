"""The web application: one FastAPI app serving the JSON API (``/api``) and the pages (``/``).

:func:`create_app` takes a :class:`~cooptrack.store.Store` (or a database URL) and
:class:`WebSettings`. Every error, wherever raised, leaves as one shape: under ``/api`` the JSON
``{"error": {"code", "message"}}``, elsewhere an HTML page saying the same in words. What wraps
every request (proxies, hosts, HEAD, security headers, the access log) is in :mod:`.middleware`;
the API documentation, served from the app itself, in :mod:`.apidocs`.

Handlers are plain functions, run in Starlette's thread pool, so that no database work ever blocks
the event loop; the error handlers hand their rendering to the pool too. The server's view of the
store (:meth:`Web.snapshot`) and what pages show across many meetings (:meth:`Web.memo`) are
built once per change of the store, by one thread while the others wait, and reused until the
store's stamp changes; with ``warm`` set, a new process builds them before its first request.
``cooptrack serve --workers N`` runs N processes, each made by :func:`app_from_env`.

Absolute links (the API's ``links``, the Atom feed's ids) are made from :func:`public_url`: the
configured base URL, else the request's host once :mod:`.middleware` has checked that it is one
of the allowed hosts — never from an unchecked ``Host`` header.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from dataclasses import replace as dataclasses_replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from cooptrack import __version__
from cooptrack.errors import CooptrackError, NotFound, StoreError
from cooptrack.serve import i18n
from cooptrack.serve.auth import Caller, identify
from cooptrack.serve.middleware import STAMP, HeadAsGet, TrustedProxies, conditional, harden
from cooptrack.serve.throttle import RequestBudget, SignInThrottle
from cooptrack.serve.views import Data
from cooptrack.store import Store
from cooptrack.store.grams import has_chinese

_STATIC = Path(__file__).parent / "static"
T = TypeVar("T")
_LOG = logging.getLogger("cooptrack.serve")

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

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        """``COOPTRACK_READ_REQUIRES_LOGIN``, ``COOPTRACK_SECURE_COOKIES`` (``1``/``true``/``yes``),
        ``COOPTRACK_BASE_URL``, ``COOPTRACK_ALLOWED_HOSTS`` and ``COOPTRACK_TRUSTED_PROXIES`` (comma-separated),
        ``COOPTRACK_HSTS_SECONDS``, ``COOPTRACK_ANONYMOUS_PER_MINUTE`` (0: no limit)."""
        env = os.environ if environ is None else environ

        def flag(name: str) -> bool:
            return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")

        def listed(name: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in env.get(name, "").split(",") if v.strip())

        found = cls(read_requires_login=flag("COOPTRACK_READ_REQUIRES_LOGIN"),
                    secure_cookies=flag("COOPTRACK_SECURE_COOKIES"), base_url=env.get("COOPTRACK_BASE_URL") or None,
                    trusted_proxies=listed("COOPTRACK_TRUSTED_PROXIES"),
                    hsts_seconds=int(env.get("COOPTRACK_HSTS_SECONDS", "0") or 0),
                    anonymous_per_minute=float(env.get("COOPTRACK_ANONYMOUS_PER_MINUTE", "30") or 0))  # fmt: skip
        hosts = listed("COOPTRACK_ALLOWED_HOSTS")
        return dataclasses_replace(found, allowed_hosts=found.allowed_hosts + hosts) if hosts else found

    def hosts(self) -> frozenset[str]:
        """The host names requests may name: the allowed ones and the base URL's."""
        names = {h.strip().lower() for h in self.allowed_hosts}
        if self.base_url:
            names.add((urlsplit(self.base_url).hostname or "").lower())
        return frozenset(n for n in names if n) | {f"[{n}]" for n in names if ":" in n and not n.startswith("[")}


@dataclass
class Web:
    """What every request handler needs: the store, the settings, the throttles, templates."""

    store: Store
    settings: WebSettings
    throttle: SignInThrottle
    budget: RequestBudget
    templates: Environment = field(repr=False)
    _snapshot: tuple[tuple[object, ...], Data] | None = field(default=None, repr=False)
    _memo: OrderedDict[tuple[object, ...], Any] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _computing: dict[tuple[object, ...], threading.Lock] = field(default_factory=dict, repr=False)

    def snapshot(self, stamp: tuple[object, ...] | None = None) -> Data:
        """The store as readers see it, loaded again only when something was written since (any process).

        ``stamp`` is the store's stamp if the caller has it already (one query less)."""
        stamp = self.store.stamp() if stamp is None else stamp
        with self._lock:
            cached = self._snapshot
            if cached is not None and cached[0] == stamp:
                return cached[1]
            fresh = Data(self.store)
            earlier_documents = getattr(cached[0], "documents", None) if cached is not None else None
            if (
                cached is not None
                and earlier_documents is not None
                and earlier_documents == getattr(stamp, "documents", None)
            ):
                fresh.reuse(cached[1])  # only statuses or decisions were written: the meetings are the same
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
            value = compute()
            with self._lock:
                self._memo[full] = value
                self._computing.pop(full, None)
                while len(self._memo) > 256:
                    self._memo.popitem(last=False)
            return value

    def warm(self) -> None:
        """Build the view of the store and the overview now (a new process, before its first request)."""
        try:
            d = self.snapshot()
            _ = d.mechanisms, d.tracking, d.people
        except Exception:  # the store is down: the first request will say so
            _LOG.exception("could not read the store ahead of the first request")


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
        request.state.caller = identify(w.store, request, idle)
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
    """The store's stamp for this request (read once: by :func:`.middleware.conditional`, else here)."""
    if STAMP not in request.scope:
        request.scope[STAMP] = web(request).store.stamp()
    found: tuple[object, ...] = request.scope[STAMP]
    return found


def memo(request: Request, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()`` for this state of the store and this day (what is stale changes with it), computed once
    for every request that asks (:meth:`Web.memo`)."""
    return web(request).memo((dt.datetime.now(dt.UTC).date(), *key), compute, stamp(request))


_ENV_DB, _ENV_SETTINGS, _ENV_LOG = "COOPTRACK_SERVE_DB", "COOPTRACK_SERVE_SETTINGS", "COOPTRACK_SERVE_ACCESS_LOG"


def serve_environment(db: str, settings: WebSettings, access_log: str | None = None) -> dict[str, str]:
    """What :func:`app_from_env` reads in each worker process: the database URL, the settings, the access log."""
    return {_ENV_DB: db, _ENV_SETTINGS: json.dumps(dataclasses.asdict(settings)), _ENV_LOG: access_log or ""}


def app_from_env() -> FastAPI:
    """The application of one worker process of ``cooptrack serve --workers N`` (see :func:`serve_environment`)."""
    given = json.loads(os.environ[_ENV_SETTINGS])
    fields = {f.name for f in dataclasses.fields(WebSettings)}
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in given.items() if k in fields}
    settings = WebSettings(**values)
    if os.environ.get(_ENV_LOG):
        log_access_to(os.environ[_ENV_LOG])
    return create_app(os.environ[_ENV_DB], settings)


def log_access_to(target: str) -> None:
    """The access log (one JSON line per request) to a file, or to standard error for ``-``."""
    import sys

    handler = logging.StreamHandler(sys.stderr) if target == "-" else logging.FileHandler(target, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("cooptrack.access")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def create_app(store: Store | str, settings: WebSettings | None = None) -> FastAPI:
    """The application over ``store`` (a Store, or a database URL to open one)."""
    from cooptrack.serve import accounts, api, apidocs, downloads, forms, pages  # they import this module

    opened = store if isinstance(store, Store) else Store(store)
    settings = settings or WebSettings()
    app = FastAPI(
        title="cooptrack",
        version=__version__,
        summary="Hong Kong's co-operation conferences with Mainland partners: meetings, measures and their follow-up.",
        docs_url=None,  # served by apidocs, from the app's own files
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    templates = Environment(
        loader=PackageLoader("cooptrack.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.globals.update(i18n.template_helpers())
    templates.tests["chinese"] = lambda value: isinstance(value, str) and has_chinese(value)
    budget = RequestBudget(settings.anonymous_per_minute)
    app.state.web = Web(opened, settings, SignInThrottle(), budget, templates)
    if settings.warm:
        threading.Thread(target=app.state.web.warm, name="cooptrack-warm", daemon=True).start()
    app.include_router(api.router)
    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.include_router(forms.router)
    app.include_router(accounts.router)
    app.include_router(downloads.router)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    apidocs.mount(app)
    apidocs.declare_bearer(app)
    _handle_errors(app)
    app.middleware("http")(conditional)
    app.middleware("http")(harden)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TrustedProxies, proxies=settings.trusted_proxies)
    return app


def _handle_errors(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _problem)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(CooptrackError, _ours)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _crash)


def error_response(request: Request, problem: Problem) -> Response:
    """The one error shape: JSON under /api, an HTML page elsewhere (sign-in page for 401)."""
    if request.url.path.startswith("/api"):
        body = {"error": {"code": problem.code, "message": problem.message}}
        return JSONResponse(body, status_code=problem.status, headers=problem.headers)
    if problem.status == 401 and request.method == "GET":
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(here, safe='')}", status_code=303)
    from cooptrack.serve.pages import render_error  # pages import this module

    return render_error(request, problem.status, problem.code, problem.message, problem.headers)


async def _problem(request: Request, exc: Problem) -> Response:
    return await run_in_threadpool(error_response, request, exc)  # an error page reads who is signed in


async def _http(request: Request, exc: HTTPException) -> Response:
    message = {404: "nothing here", 405: "this address does not take that method"}.get(exc.status_code, exc.detail)
    problem = Problem(exc.status_code, str(message), headers=dict(exc.headers or {}))
    return await run_in_threadpool(error_response, request, problem)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    problem = Problem(422, "; ".join(parts) or "the request is not valid")
    return await run_in_threadpool(error_response, request, problem)


async def _ours(request: Request, exc: CooptrackError) -> Response:
    if isinstance(exc, NotFound):
        problem = Problem(404, str(exc))
    elif isinstance(exc, StoreError):
        _LOG.error("%s", exc)
        problem = Problem(503, "the database cannot be used just now")
    else:
        problem = Problem(422, str(exc))
    return await run_in_threadpool(error_response, request, problem)


async def _crash(request: Request, exc: Exception) -> Response:
    _LOG.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    problem = Problem(500, "something went wrong on our side; it has been logged")
    return await run_in_threadpool(error_response, request, problem)


def html(text: str, status: int = 200, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=dict(headers or {}))
