"""Every error, wherever raised, leaves as one shape: under ``/api`` the JSON
``{"error": {"code", "message"}}``, elsewhere an HTML page saying the same in words (sign-in page
for 401); the handlers hand their rendering to the thread pool (an error page reads who is signed in).
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from cooptrack.errors import CooptrackError, NotFound, StoreError
from cooptrack.serve.context import Problem
from cooptrack.serve.pages import render_error

_LOG = logging.getLogger("cooptrack.serve")


def handle_errors(app: FastAPI) -> None:
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
