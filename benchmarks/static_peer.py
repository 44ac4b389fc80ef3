"""The references of benchmarks/web.py: the same pages' bytes served by a minimal ASGI app under Uvicorn,
and by a minimal FastAPI endpoint (what issue 14's profile set cooptrack beside).

``PEER_DIR`` holds the saved copies (``overview.html`` …); ``GET /NAME`` answers the file's bytes
as ``text/html`` with nothing computed. ``python benchmarks/static_peer.py PORT WORKERS [fastapi]``
runs the bare app (or the FastAPI one) with the same Uvicorn settings as ``cooptrack serve`` (its
options, its workers, its listening socket), so the difference is the work cooptrack does for a page
(with FastAPI: beyond what the framework cooptrack is built on costs for any answer).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_PAGES = {f"/{p.name}": p.read_bytes() for p in Path(os.environ.get("PEER_DIR", ".")).glob("*.html")}


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    body = _PAGES.get(scope["path"])
    status = 200 if body is not None else 404
    body = body if body is not None else b"not found"
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _fastapi_app() -> Any:
    """The same answers from one FastAPI endpoint: a path parameter, a ``Response`` of the bytes."""
    from fastapi import FastAPI, Response

    framework = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @framework.get("/{name}")
    async def page(name: str) -> Response:
        body = _PAGES.get(f"/{name}")
        if body is None:
            return Response(b"not found", status_code=404, media_type="text/html")
        return Response(body, media_type="text/html")

    return framework


fastapi_app = _fastapi_app()


def main() -> None:
    """``static_peer.py PORT WORKERS [fastapi]``: serve with cooptrack's own Uvicorn settings and workers."""
    import sys

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from cooptrack.cli.web import uvicorn_options
    from cooptrack.serve.workers import TcpConfig

    port, workers = int(sys.argv[1]), int(sys.argv[2])
    target = "static_peer:fastapi_app" if sys.argv[3:] == ["fastapi"] else "static_peer:app"
    config = TcpConfig(target, **uvicorn_options("127.0.0.1", port, workers))
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
