"""The site's own files (``static/``: the style sheets and scripts), under addresses that name their
version: ``/static/style.css?v=<hash of the file>``. An address with the file's own version may be
kept by any cache for a year (``Cache-Control: public, max-age=31536000, immutable``): a new
cooptrack with a changed file names a new address, so no browser keeps an old style sheet. Any
other address of a file (no version, or an old one) is asked again each time (``no-cache``; the
``ETag`` and ``Last-Modified`` of the file still answer ``304``).
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Any

from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

FOLDER = Path(__file__).parent / "static"
FOREVER = "public, max-age=31536000, immutable"


@functools.cache
def version(name: str) -> str:
    """The version of the file ``name`` of ``static/``: the start of its contents' hash."""
    return hashlib.blake2b((FOLDER / name).read_bytes(), digest_size=6).hexdigest()


def url(name: str) -> str:
    """The address of the file ``name`` of ``static/``, with its version."""
    return f"/static/{name}?v={version(name)}"


class Assets(StaticFiles):
    """``static/`` served with the caching its addresses allow (see the module's doc)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(directory=FOLDER, **options)

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:  # fmt: skip
        response = super().file_response(full_path, stat_result, scope, status_code)
        name = Path(full_path).relative_to(FOLDER).as_posix()
        wanted = QueryParams(scope.get("query_string", b"")).get("v")
        response.headers["Cache-Control"] = FOREVER if wanted == version(name) else "no-cache"
        return response
