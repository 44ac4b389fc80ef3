"""Files to take away: any list as CSV or JSON, the Atom feed, and a partner's briefing (on screen,
and as Markdown, HTML, PDF or Word).

The lists are the API's (:data:`cooptrack.serve.api.LISTS`), filtered by the same query
parameters, so a download holds exactly what the page showed, every page of it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup

from cooptrack.serve import i18n
from cooptrack.serve.api import LISTS
from cooptrack.serve.context import Problem, data, expensive, public_url, reader, web
from cooptrack.serve.pages import render
from cooptrack.serve.search import FACETS, browse, sort_hits
from cooptrack.serve.search import search as search_hits
from cooptrack.store.export import spreadsheet_safe
from cooptrack.views import brief
from cooptrack.views.service import Data, Row, mechanism_row, meeting_row

router = APIRouter(dependencies=[Depends(reader)], include_in_schema=False)
Store = Annotated[Data, Depends(data)]

BOM = "\ufeff"  # before a CSV file's first column: spreadsheets then read the file as UTF-8
_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
_BRIEFS = {f.value: f for f in brief.BriefFormat if f is not brief.BriefFormat.JSON}  # JSON: the API's
_BRIEF_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@router.get("/downloads")
def downloads(request: Request, d: Store) -> Response:
    return render(request, "downloads.html", lists=sorted(LISTS), mechanisms=[mechanism_row(m) for m in d.mechanisms])


@router.get("/download/{name}.{fmt}", dependencies=[Depends(expensive)])
def download(request: Request, d: Store, name: str, fmt: str) -> Response:
    if (name not in LISTS and name != "search") or fmt not in _TYPES:
        raise Problem(404, f"no download {name}.{fmt} (the lists are {', '.join(sorted(LISTS))}; as csv or json)")
    rows = (
        _search_rows(d, dict(request.query_params)) if name == "search" else LISTS[name](d, dict(request.query_params))
    )
    body = to_csv(rows) if fmt == "csv" else json.dumps({"data": rows}, indent=2, ensure_ascii=False) + "\n"
    headers = {"Content-Disposition": f'attachment; filename="cooptrack-{name}.{fmt}"'}
    return Response(body, media_type=_TYPES[fmt], headers=headers)


def _search_rows(d: Data, params: dict[str, str]) -> list[Row]:
    """A search's results as the page shows them (its facets and order), every page of them."""
    text, facets = params.get("q", ""), {name: params.get(name) for name in FACETS}
    if text.strip():
        rows, _ = search_hits(d, text, facets)
    elif any(facets.values()):  # browsing by facets alone
        rows, _ = browse(d, facets)
    else:
        return []
    return sort_hits(rows, params.get("sort"))


def to_csv(rows: list[Row]) -> str:
    """Rows as CSV: lists joined by ``; ``, nested objects as JSON, every column of every row.

    Document text is untrusted: a cell that a spreadsheet would take for a formula starts with ``'``.
    The text starts with a byte order mark, so that Excel reads it as UTF-8 (Chinese as written).
    """
    columns = list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return spreadsheet_safe(
            "; ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value)
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else spreadsheet_safe(value)


@router.get("/feed.atom")
def feed(request: Request, d: Store) -> Response:
    """New meetings and agreements, newest first (by when the store first read their release)."""
    entries = []
    for m in d.meetings:
        seen = m.document.ingested_at
        entries.append({"id": f"meeting/{m.slug}", "title": m.title or m.slug, "url": f"/meetings/{m.slug}",
                        "updated": seen, "summary": _summary(meeting_row(m))})  # fmt: skip
        for g in m.agreements:
            entries.append({"id": f"agreement/{g.key}", "title": f"Signed: {g.title}",
                            "url": f"/meetings/{m.slug}#rec-agreement-{g.position}", "updated": seen,
                            "summary": f"{g.kind.replace('_', ' ')} signed at {m.slug}"})  # fmt: skip
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    base = public_url(request, "")
    updated = entries[0]["updated"] if entries else None
    body = web(request).templates.get_template("feed.atom.xml").render(entries=entries, base=base, updated=updated)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def _summary(row: Row) -> str:
    return (f"{row['mechanism'] or 'Meeting'}, {row['kind_label']} {row['ordinal'] or ''}, {row['when']}: "
            f"{row['measures']} measures, {row['agreements']} agreements")  # fmt: skip


@router.get("/mechanisms/{slug}/brief", dependencies=[Depends(expensive)])
def briefing_page(request: Request, d: Store, slug: str) -> Response:
    """The briefing on screen, within the site (printable: the page's chrome is not printed)."""
    mech = d.mechanism(slug)
    partner = mech.partner or mech.name
    language = i18n.chosen(request)  # headings and labels in the interface's language, document text as written

    def made() -> Markup:
        with i18n.speaking(language):
            return brief.fragment(brief.build(d.store, partner), i18n.said)

    body = web(request).memo(("brief", partner, "page", language), made)
    return render(request, "briefing.html", mech=mechanism_row(mech), body=body)


@router.get("/mechanisms/{slug}/brief.{fmt}", dependencies=[Depends(expensive)])
def briefing(request: Request, d: Store, slug: str, fmt: str) -> Response:
    if fmt not in _BRIEFS:
        raise Problem(404, f"no briefing as .{fmt} ({', '.join(_BRIEFS)})")
    mech = d.mechanism(slug)
    partner = mech.partner or mech.name
    base = public_url(request, "")  # a file's links lead back to this site's meeting pages
    language = i18n.chosen(request)

    def made() -> bytes:
        with i18n.speaking(language):
            built = brief.build(d.store, partner, base_url=base)
            return brief.render(built, _BRIEFS[fmt], i18n.said, language)

    body = web(request).memo(("brief", partner, fmt, base, language), made)
    name = re.sub(r"[^a-z0-9]+", "-", (mech.partner or "mechanism").casefold()).strip("-") or "mechanism"
    headers = {"Content-Disposition": f'attachment; filename="{name}-brief.{fmt}"'}
    return Response(body, media_type=_BRIEF_TYPES[fmt], headers=headers)
