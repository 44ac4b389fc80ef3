"""The API's documentation, served by the app itself: Swagger UI 5 as the ``fastapi-offline`` package ships it.

No file comes from elsewhere (an office's network is often offline): the page ``/api/docs`` loads
Swagger UI's script and stylesheet from ``/api/docs/assets/`` (the files the pinned
``fastapi-offline`` package vendors; only its files are used, not its app class; Swagger UI 5
reads OpenAPI 3.1, which FastAPI writes) and its start-up from ``/static/api-docs.js``, so it runs
under the same Content-Security-Policy as every page (no inline script, no other origin). The
OpenAPI document declares the bearer-token scheme (``Authorization: Bearer ct_…``): optional
for reading (needed where reading requires signing in), required for writing without a session.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from cooptrack.serve.assets import url

router = APIRouter(include_in_schema=False)

ASSETS = "/api/docs/assets"
BEARER = "bearerAuth"
_FILES = Path(fastapi_offline.__file__).parent / "static"  # swagger-ui-bundle.js, swagger-ui.css, favicon.png

_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cooptrack API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" href="{ASSETS}/favicon.png">
</head>
<body>
<div id="swagger-ui" data-openapi="/api/openapi.json"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="{url("api-docs.js")}"></script>
</body>
</html>
"""


@router.get("/api/docs")
def docs() -> HTMLResponse:
    """Swagger UI over /api/openapi.json, every file from this server."""
    return HTMLResponse(_PAGE)


def mount(app: FastAPI) -> None:
    """Serve Swagger UI's own files (as the package ships them) under :data:`ASSETS`."""
    app.mount(ASSETS, StaticFiles(directory=_FILES), name="api-docs-assets")


def declare_bearer(app: FastAPI) -> None:
    """Make the OpenAPI document declare the bearer-token scheme, optional to read and required to write."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        schema.setdefault("components", {}).setdefault("securitySchemes", {})[BEARER] = {
            "type": "http", "scheme": "bearer",
            "description": "an API token (cooptrack token add NAME), sent as Authorization: Bearer ct_…",
        }  # fmt: skip
        for item in schema.get("paths", {}).values():
            for method, operation in item.items():
                writes = method.lower() in ("post", "put", "patch", "delete")
                operation["security"] = [{BEARER: []}] if writes else [{}, {BEARER: []}]
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
