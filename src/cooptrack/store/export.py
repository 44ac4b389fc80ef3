"""Exports of a store as CSV: one file per table, flat rows (the JSON export, the API's documents, is
:mod:`cooptrack.views.exports`; its ``index.json`` holds :func:`meeting_row` too).

Every exported row carries its source (uri, sha256 of the bytes, when they were read, version)
and its span into the cleaned text of that version, so that each fact can be checked.

Document text is untrusted: a CSV cell that a spreadsheet would run as a formula (it starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written behind a ``'``
(:func:`spreadsheet_safe`), here and in the web application's downloads alike.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cooptrack.store.models import Meeting
from cooptrack.store.store import Store

INDEX = "index.json"  # the JSON export's list of meetings (cooptrack.views.exports)
TEXTS = "texts"  # the cleaned text of each meeting's document, which the CSV spans point into

_SOURCE = ("source_uri", "sha256", "fetched_at", "version", "parser_version")
_SPAN = ("span_start", "span_end")
COLUMNS: dict[str, tuple[str, ...]] = {
    "meetings.csv": (
        "meeting", "id", "mechanism", "partner", "kind", "ordinal", "date", "date_text", "year", "year_from",
        "year_to", "venue", "document_kind", "title", "declared_area_count", "areas", "measures", "agreements",
        "flags", *_SPAN, "text_file", *_SOURCE,
    ),
    "people.csv": ("meeting", "position", "name", "honorific", "post", "side", "roles", *_SPAN, *_SOURCE),
    "areas.csv": (
        "meeting", "position", "heading", "themes", "measures", *_SPAN, "extent_start", "extent_end", *_SOURCE,
    ),
    "measures.csv": (
        "meeting", "key", "position", "area_position", "area_heading", "text", "primary_theme", "themes", *_SPAN,
        *_SOURCE,
    ),
    "agreements.csv": (
        "meeting", "key", "position", "title", "kind", "annex", "chinese_only", "signatories", *_SPAN, *_SOURCE,
    ),
}  # fmt: skip


def export_csv(store: Store, directory: Path) -> dict[str, int]:
    """The CSV files of :data:`COLUMNS` and ``texts/<slug>.txt``; returns the rows written to each file."""
    (directory / TEXTS).mkdir(parents=True, exist_ok=True)
    meetings = store.all_meetings()
    for meeting in meetings:
        (directory / TEXTS / f"{meeting.slug}.txt").write_text(meeting.document.cleaned_text, encoding="utf-8")
    builders: dict[str, Callable[[Meeting], Iterator[dict[str, Any]]]] = {
        "meetings.csv": lambda m: iter([meeting_row(m) | {"text_file": f"{TEXTS}/{m.slug}.txt"}]),
        "people.csv": _people,
        "areas.csv": _areas,
        "measures.csv": _measures,
        "agreements.csv": _agreements,
    }
    written = {}
    for name, build in builders.items():
        rows = [row for meeting in meetings for row in build(meeting)]
        _write_csv(directory / name, rows)
        written[name] = len(rows)
    return written


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:  # a BOM: spreadsheets read UTF-8 (Chinese)
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[path.name])
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return spreadsheet_safe("; ".join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else spreadsheet_safe(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text a spreadsheet would run as a formula (it starts with ``= + - @``, a tab or a CR) behind a ``'``.

    Numbers are left as they are (``-3`` is a number to a spreadsheet, not a formula).
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _provenance(meeting: Meeting) -> dict[str, Any]:
    version = meeting.document
    return {
        "source_uri": version.source.uri,
        "sha256": version.sha256,
        "fetched_at": version.fetched_at.isoformat(),
        "version": version.version,
        "parser_version": version.parser_version,
    }


def meeting_row(m: Meeting) -> dict[str, Any]:
    return {
        "meeting": m.slug, "id": m.id, "mechanism": m.mechanism, "partner": m.partner, "kind": m.kind,
        "ordinal": m.ordinal, "date": m.date.isoformat() if m.date else None, "date_text": m.date_text,
        "year": m.year, "year_from": m.year_from, "year_to": m.year_to, "venue": m.venue,
        "document_kind": m.document_kind, "title": m.title, "declared_area_count": m.declared_area_count,
        "areas": len(m.areas), "measures": len(m.measures), "agreements": len(m.agreements),
        "flags": list(m.flags), "span_start": m.span_start, "span_end": m.span_end, **_provenance(m),
    }  # fmt: skip


def _people(m: Meeting) -> Iterator[dict[str, Any]]:
    for p in m.people:
        yield {
            "meeting": m.slug, "position": p.position, "name": p.name, "honorific": p.honorific, "post": p.post,
            "side": p.side, "roles": p.roles, "span_start": p.span_start, "span_end": p.span_end, **_provenance(m),
        }  # fmt: skip


def _areas(m: Meeting) -> Iterator[dict[str, Any]]:
    for a in m.areas:
        yield {
            "meeting": m.slug, "position": a.position, "heading": a.heading, "themes": a.themes,
            "measures": len(a.measures), "span_start": a.span_start, "span_end": a.span_end,
            "extent_start": a.extent_start, "extent_end": a.extent_end, **_provenance(m),
        }  # fmt: skip


def _measures(m: Meeting) -> Iterator[dict[str, Any]]:
    for a in m.areas:
        for x in a.measures:
            yield {
                "meeting": m.slug, "key": x.key, "position": x.position, "area_position": a.position,
                "area_heading": a.heading, "text": x.text, "primary_theme": x.primary_theme, "themes": x.themes,
                "span_start": x.span_start, "span_end": x.span_end, **_provenance(m),
            }  # fmt: skip


def _agreements(m: Meeting) -> Iterator[dict[str, Any]]:
    for g in m.agreements:
        yield {
            "meeting": m.slug, "key": g.key, "position": g.position, "title": g.title, "kind": g.kind,
            "annex": g.annex, "chinese_only": g.chinese_only, "signatories": g.signatories,
            "span_start": g.span_start, "span_end": g.span_end, **_provenance(m),
        }  # fmt: skip
