"""The web application: one FastAPI app serving the JSON API (``/api``) and the pages (``/``).

:func:`create_app` takes a :class:`~cooptrack.store.Store` (or a database URL) and
:class:`WebSettings`. Every error, wherever raised, leaves as one shape: under ``/api`` the JSON
``{"error": {"code", "message"}}``, elsewhere an HTML page saying the same in words. What wraps
every request (proxies, hosts, HEAD, security headers, the access log) is in :mod:`.middleware`;
the API documentation, served from the app itself, in :mod:`.apidocs`; the settings, :class:`Web` and
the dependencies every handler uses in :mod:`.context`; the error responses in :mod:`.errors`. This
module assembles them and imports every router; none of them imports it (no import cycle in ``serve``).

Handlers are plain functions, run in Starlette's thread pool, so that no database work ever blocks
the event loop; the error handlers hand their rendering to the pool too. The server's view of the
store (:meth:`Web.snapshot`) and what pages show across many meetings (:meth:`Web.memo`) are
built once per change of the store, by one thread while the others wait, and reused until the
store's stamp changes; with ``warm`` set (``cooptrack serve``), a process builds its view before
its first request, and again whenever the store changed (it looks every two seconds), rather than
in the first request after an ingest.
``cooptrack serve --workers N`` runs N processes, each made by :func:`app_from_env`.

Absolute links (the API's ``links``, the Atom feed's ids) are made from :func:`public_url`: the
configured base URL, else the request's host once :mod:`.middleware` has checked that it is one
of the allowed hosts — never from an unchecked ``Host`` header.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import threading
from collections.abc import Callable, MutableMapping
from typing import Any

from fastapi import FastAPI
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.types import Receive, Scope, Send

from cooptrack import __version__
from cooptrack.serve import accounts, api, apidocs, assets, downloads, forms, i18n, pages
from cooptrack.serve.answers import Answers
from cooptrack.serve.assets import Assets
from cooptrack.serve.context import Problem, Web, WebSettings
from cooptrack.serve.errors import error_response, handle_errors
from cooptrack.serve.middleware import Conditional, Harden, HeadAsGet, TrustedProxies, send_kept_at_once
from cooptrack.serve.throttle import RequestBudget, SignInThrottle
from cooptrack.store import Store, snapshot
from cooptrack.store.grams import has_chinese

__all__ = ["Problem", "Web", "WebSettings", "app_from_env", "create_app", "error_response", "serve_environment"]


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
    opened = store if isinstance(store, Store) else Store(store)
    settings = settings or WebSettings()
    app = App(
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
        auto_reload=False,  # the package's templates do not change under a running server (no stat a render)
    )
    templates.globals.update(i18n.template_helpers())
    templates.globals["static"] = assets.url  # a file of static/ under its version's address
    templates.filters["said"] = i18n.said  # a sentence the Python code wrote, in the interface language
    templates.tests["chinese"] = lambda value: isinstance(value, str) and has_chinese(value)
    budget = RequestBudget(settings.anonymous_per_minute)
    answers = Answers(int(settings.answers_mib * 1024 * 1024))
    app.state.web = Web(opened, settings, SignInThrottle(), budget, templates, answers)
    if settings.warm:  # a server process (cooptrack serve)
        snapshot.few_arenas()
        threading.Thread(target=app.state.web.keep_up, name="cooptrack-view", daemon=True).start()
        app.router.on_shutdown.append(app.state.web.stop)
        opened.keep_in_background()  # what a request works out is kept without waiting for the write lock
        app.router.on_shutdown.append(lambda: opened.keep_in_background(False))  # written before the app ends
    app.include_router(api.router)
    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.include_router(forms.router)
    app.include_router(accounts.router)
    app.include_router(downloads.router)
    app.mount("/static", Assets(), name="static")
    apidocs.mount(app)
    apidocs.declare_bearer(app)
    handle_errors(app)
    app.add_middleware(Conditional)
    app.add_middleware(Harden)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TrustedProxies, proxies=settings.trusted_proxies)
    app.kept_at_once = TrustedProxies(app, proxies=settings.trusted_proxies).apply
    return app


class App(FastAPI):
    """The application: FastAPI with its layers (:mod:`.middleware`), and before them an anonymous
    reader's answer sent from what :class:`.middleware.Conditional` keeps or knows, when nothing is in
    doubt (:func:`.middleware.send_kept_at_once`: the same answer, less of the application's own work)."""

    kept_at_once: Callable[[MutableMapping[str, Any]], None] | None = None  # TrustedProxies' apply (None: off)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        proxies = self.kept_at_once
        if proxies is not None and await send_kept_at_once(proxies, self.state.web, scope, send):
            return
        await super().__call__(scope, receive, send)
