"""The reference of benchmarks/web.py: the same pages' bytes served by a minimal ASGI app under Uvicorn.

``PEER_DIR`` holds the saved copies (``overview.html`` …); ``GET /NAME`` answers the file's bytes
as ``text/html`` with nothing computed. Run with the same Uvicorn settings as ``cooptrack serve``
(``--workers`` included), so the difference is the work cooptrack does for a page.
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
