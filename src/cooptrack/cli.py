"""The command line: each command parses its options, calls one function, renders the result.

Errors of the cooptrack family become one line on standard error and a non-zero exit status.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from cooptrack.acquire import iter_paths, read_path
from cooptrack.config import database_url
from cooptrack.errors import CooptrackError, InputError
from cooptrack.pipeline import parse_document
from cooptrack.record import Record
from cooptrack.store import MARK_CLOSE, MARK_OPEN, Outcome, Store

app = typer.Typer(
    help="A faithful, searchable record of Hong Kong's co-operation conferences with Mainland partners.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL (default: COOPTRACK_DB or ./cooptrack.db)")]


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


FormatOption = Annotated[Format, typer.Option("--format", help="table for people, json for scripts")]


def _error(exc: Exception) -> None:
    """One line on standard error, never wrapped or styled."""
    sys.stderr.write(f"error: {exc}\n")


def _fail(exc: CooptrackError) -> typer.Exit:
    _error(exc)
    return typer.Exit(1)


def _open(db: str | None) -> Store:
    try:
        return Store(database_url(db))
    except CooptrackError as exc:
        raise _fail(exc) from exc


def _documents(paths: list[Path]) -> Iterator[tuple[Path, Any]]:
    """Each input file with its Document, or the InputError saying why it cannot be read."""
    files = list(iter_paths(paths))
    show = err.is_terminal and len(files) >= 20
    with Progress(console=err, disable=not show, transient=True) as progress:
        task = progress.add_task("reading", total=len(files))
        for path in files:
            try:
                yield path, read_path(path)
            except InputError as exc:
                yield path, exc
            progress.advance(task)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="release files (text or HTML) or folders")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="write DIR/<stem>.json per input")] = None,
) -> None:
    """Parse releases into records (the gold format); JSON to stdout without --out."""
    failed = 0
    records: list[Record] = []
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for path, doc in _documents(files):
        if isinstance(doc, InputError):
            _error(doc)
            failed += 1
            continue
        record = parse_document(doc)
        if out_dir:
            (out_dir / f"{path.stem}.json").write_text(record.to_json(), encoding="utf-8")
        else:
            records.append(record)
    if not out_dir:
        payload = [r.model_dump(mode="json") for r in records]
        sys.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False) + "\n")
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="release files or folders")],
    db: DbOption = None,
) -> None:
    """Parse and store releases; says how many were inserted, updated, unchanged, failed."""
    store = _open(db)
    tally = {o.value: 0 for o in Outcome} | {"failed": 0, "not relevant": 0}
    for _, doc in _documents(paths):
        if isinstance(doc, InputError):
            _error(doc)
            tally["failed"] += 1
            continue
        record = parse_document(doc)
        try:
            tally[store.ingest(doc, record).value] += 1
        except CooptrackError as exc:
            _error(exc)
            tally["failed"] += 1
            continue
        if not record.relevant:
            tally["not relevant"] += 1
    out.print(", ".join(f"{n} {k}" for k, n in tally.items()))
    raise typer.Exit(1 if tally["failed"] else 0)


@app.command("list")
def list_meetings(db: DbOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """The meetings in the store."""
    rows = _open(db).meetings()
    data = [
        {
            "meeting": m.slug,
            "mechanism": m.mechanism,
            "ordinal": m.ordinal,
            "kind": m.kind,
            "date": m.date.isoformat() if m.date else None,
            "date_text": m.date_text,
            "venue": m.venue,
            "areas": counts.get("area", 0),
            "measures": counts.get("measure", 0),
            "agreements": counts.get("agreement", 0),
            "flags": m.flags,
        }
        for m, counts in rows
    ]
    if fmt is Format.JSON:
        out.print_json(data=data)
        return
    table = Table(title=f"{len(data)} meetings (--format json for every field)")
    for col in ("meeting", "date", "venue", "areas", "measures", "agreements", "flags"):
        table.add_column(col, overflow="fold")
    for m, counts in rows:
        date = m.date.isoformat() if m.date else (f"{m.date_text} (year?)" if m.date_text else "")
        table.add_row(
            m.slug, date, m.venue or "", str(counts.get("area", 0)), str(counts.get("measure", 0)),
            str(counts.get("agreement", 0)), ", ".join(f.replace("_", " ") for f in m.flags),
        )  # fmt: skip
    out.print(table)


@app.command()
def show(
    meeting: Annotated[str, typer.Argument(help="meeting id or slug, as cooptrack list shows")],
    source: Annotated[bool, typer.Option("--source", help="the cleaned text with each item marked")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """One meeting's record, or its source text with every extracted item marked."""
    store = _open(db)
    try:
        row, record = store.meeting(meeting)
    except CooptrackError as exc:
        raise _fail(exc) from exc
    if fmt is Format.JSON:
        out.print_json(record.model_dump_json())
        return
    if source:
        out.print(_marked_source(record))
        return
    _render_record(row.slug, record)


def _marked_source(record: Record) -> Text:
    text = Text(record.text)
    styles = {"person": "bold cyan", "area": "bold magenta", "measure": "green", "agreement": "bold yellow"}
    spans: list[tuple[str, tuple[int, int]]] = [("person", p.span) for p in record.people]
    for area in record.areas:
        spans += [("measure", m.span) for m in area.measures]
        if area.heading and area.span:
            spans.append(("area", (area.span[0], area.span[0] + len(area.heading))))
    spans += [("agreement", a.span) for a in record.agreements]
    for kind, (start, end) in spans:
        text.stylize(styles[kind], start, end)
    return text


def _render_record(slug: str, record: Record) -> None:
    m = record.meeting
    out.print(f"[bold]{record.title or record.mechanism}[/bold]  ({slug})")
    date = m.date.isoformat() if m.date else f"{m.date_text or '?'} (year not stated)"
    out.print(f"{record.mechanism} · {m.kind} {m.ordinal or ''} · {date} · {m.venue or 'venue not stated'}")
    if record.flags:
        out.print("flags: " + ", ".join(f.value for f in record.flags))
    people = Table(title="People")
    for col in ("name", "honorific", "post", "side", "roles"):
        people.add_column(col, overflow="fold")
    for p in record.people:
        roles = ", ".join(r.value for r in p.roles)
        people.add_row(p.name, p.honorific or "", p.post or "", p.side or "", roles)
    out.print(people)
    for area in record.areas:
        out.print(f"\n[bold magenta]{area.heading or '(no heading)'}[/]  [dim]{', '.join(area.themes)}[/]")
        for measure in area.measures:
            out.print(f"  • {measure.text}  [dim]{', '.join(measure.themes)}[/]", highlight=False)
    agreements = Table(title="Agreements")
    for col in ("title", "kind", "annex", "Chinese only", "signatories"):
        agreements.add_column(col, overflow="fold")
    for a in record.agreements:
        agreements.add_row(a.title, a.kind, a.annex or "", "yes" if a.chinese_only else "", ", ".join(a.signatories))
    out.print(agreements)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="words to find in measures, areas, agreements and people")],
    partner: Annotated[str | None, typer.Option(help="only this partner, e.g. Sichuan")] = None,
    theme: Annotated[str | None, typer.Option(help="only items with this theme id")] = None,
    year: Annotated[int | None, typer.Option(help="only meetings of this year")] = None,
    kind: Annotated[str | None, typer.Option(help="measure, area, agreement or person")] = None,
    limit: Annotated[int, typer.Option(help="at most this many results")] = 20,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Full-text search with facets."""
    hits = _open(db).search(query, partner=partner, theme=theme, year=year, kind=kind, limit=limit)
    if fmt is Format.JSON:
        plain = [h.__dict__ | {"snippet": h.snippet.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")} for h in hits]
        out.print_json(data=plain)
        return
    table = Table(title=f"{len(hits)} results for {query!r}")
    for col in ("meeting", "kind", "text", "themes"):
        table.add_column(col, overflow="fold")
    for h in hits:
        table.add_row(h.meeting, h.kind, _highlight(h.snippet), ", ".join(h.themes))
    out.print(table)


def _highlight(snippet: str) -> Text:
    """A snippet with its matched words in bold (the markers come from the store)."""
    text = Text()
    for i, part in enumerate(snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN)):
        text.append(part, style="bold yellow" if i % 2 else "")
    return text


@app.command()
def export(
    directory: Annotated[Path, typer.Argument(help="folder to write into")],
    fmt: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.JSON,
    db: DbOption = None,
) -> None:
    """Write every meeting (JSON records) or every item (CSV tables), each with its source."""
    store = _open(db)
    directory.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.JSON:
        index = []
        for meeting, _ in store.meetings():
            _, record = store.meeting(meeting.slug)
            (directory / f"{meeting.slug}.json").write_text(record.to_json(), encoding="utf-8")
            index.append(
                {"meeting": meeting.slug, "source": store.source_of(meeting)[0], "file": f"{meeting.slug}.json"}
            )
        (directory / "index.json").write_text(json.dumps(index, indent=2), encoding="utf-8")
        out.print(f"wrote {len(index)} records and index.json to {directory}")
        return
    written = _export_csv(store, directory)
    out.print(f"wrote {', '.join(f'{n} {k}' for k, n in written.items())} to {directory}")


def _export_csv(store: Store, directory: Path) -> dict[str, int]:
    files = {k: directory / f"{k}s.csv" for k in ("person", "area", "measure", "agreement")}
    header = ["meeting", "partner", "date", "position", "text", "area", "themes", "details", "span_start", "span_end"]
    header += ["source", "sha256"]
    written = dict.fromkeys(files, 0)
    handles = {k: p.open("w", newline="", encoding="utf-8") for k, p in files.items()}
    try:
        writers = {k: csv.writer(h) for k, h in handles.items()}
        for w in writers.values():
            w.writerow(header)
        for item, meeting, uri, sha in store.items():
            writers[item.kind].writerow(
                [meeting.slug, meeting.partner, meeting.date or meeting.date_text, item.position, item.text,
                 item.area or "", ";".join(item.themes), json.dumps(item.data, ensure_ascii=False),
                 item.span_start, item.span_end, uri, sha]
            )  # fmt: skip
            written[item.kind] += 1
    finally:
        for h in handles.values():
            h.close()
    meetings_path = directory / "meetings.csv"
    with meetings_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["meeting", "mechanism", "partner", "kind", "ordinal", "date", "date_text", "venue", "flags"])
        for m, _ in store.meetings():
            w.writerow(
                [m.slug, m.mechanism, m.partner, m.kind, m.ordinal, m.date, m.date_text, m.venue, ";".join(m.flags)]
            )
    return {f"{k}s": n for k, n in written.items()}


def main() -> None:  # pragma: no cover - console entry point
    app()
