"""The core commands: parse, ingest, list, show, search, export."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cooptrack import config, render, runner
from cooptrack.acquire import Document
from cooptrack.cli.base import (
    BatchOption,
    DbOption,
    ExportFormat,
    FormatOption,
    JobsOption,
    OutputFormat,
    TimeCapOption,
    app,
    boundary,
    each_file,
    error,
    keep_overview,
    open_store,
    read_and_parse,
    say,
    stdout,
)
from cooptrack.errors import CooptrackError
from cooptrack.record import Record
from cooptrack.store import ItemKind, SearchQuery
from cooptrack.store.export import export_csv
from cooptrack.vocab import MeetingKind, Theme

# --- parse --------------------------------------------------------------------------------------


@app.command()
@boundary
def parse(
    files: Annotated[list[Path], typer.Argument(help="press releases (text or HTML), or folders of them")],
    out: Annotated[Path | None, typer.Option("--out", metavar="DIR", help="write DIR/<file stem>.json")] = None,
) -> None:
    """Parse releases into records (the gold format): JSON on standard output, or files in DIR.

    One FILE prints a JSON object; several (or a folder) print a JSON array.
    """
    if out is not None:
        _make_dir(out)
    single = len(files) == 1 and not files[0].is_dir()
    written: dict[str, Path] = {}
    printed = failed = 0
    for path in each_file(files, "parsing"):
        try:
            doc, record = read_and_parse(path)
            if out is not None:
                _write_record(out, path, doc, record, written)
        except CooptrackError as exc:
            error(exc)
            failed += 1
            continue
        if out is None:
            sys.stdout.write(("" if single else "[\n" if not printed else ",\n") + record.to_json())
            printed += 1
    if out is None and (printed or not single):
        sys.stdout.write("\n" if single else ("\n]\n" if printed else "[]\n"))
    raise typer.Exit(1 if failed else 0)


def _make_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CooptrackError(f"{directory}: cannot be made a folder for the records ({exc.strerror or exc})") from exc


def _write_record(out: Path, path: Path, doc: Document, record: Record, written: dict[str, Path]) -> None:
    """``<stem>.json``; a second input with the same stem gets ``<stem>-<hash>.json`` and a note."""
    name = f"{path.stem}.json"
    if name in written and written[name] != path:
        name = f"{path.stem}-{doc.sha256[:8]}.json"
        sys.stderr.write(f"note: {path} has the same name as {written[f'{path.stem}.json']}; wrote {name}\n")
    written[name] = path
    try:
        (out / name).write_text(record.to_json() + "\n", encoding="utf-8")
    except OSError as exc:
        raise CooptrackError(f"{path}: cannot write its record to {out / name} ({exc.strerror or exc})") from exc


# --- ingest -------------------------------------------------------------------------------------


@app.command()
@boundary
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="press releases or folders of them")],
    db: DbOption = None,
    jobs: JobsOption = None,
    batch_size: BatchOption = config.INGEST_BATCH,
    time_cap: TimeCapOption = config.PARSE_TIME_CAP_SECONDS,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Parse and store releases; says how many were inserted, updated, unchanged and failed.

    Files are parsed in parallel (--jobs) and stored --batch-size at a time, one transaction per
    batch, each release still all or nothing; a parse past --time-cap seconds fails its file.
    """
    with open_store(db) as store:
        options = runner.Options(jobs=jobs, batch_size=batch_size, time_cap=time_cap)
        report = runner.ingest(store, each_file(paths, "ingesting"), options, on_error=error)
        if report.inserted or report.updated:
            keep_overview(store)
    _render(report, fmt)


@app.command()
@boundary
def reparse(
    db: DbOption = None,
    cache: Annotated[
        Path | None, typer.Option("--cache", metavar="DIR", help="the page cache, for fetched pages")
    ] = None,
    jobs: JobsOption = None,
    batch_size: BatchOption = config.INGEST_BATCH,
    time_cap: TimeCapOption = config.PARSE_TIME_CAP_SECONDS,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Parse again, with this version's parser, every stored release an older parser read.

    Files are read at their path, fetched pages from the page cache (never the network); users'
    decisions are kept. Says how many were updated, and how many were current already.
    """
    with open_store(db) as store:
        options = runner.Options(jobs=jobs, batch_size=batch_size, time_cap=time_cap)
        report = runner.reparse(store, options, cache=config.cache_dir(cache), on_error=error)
        if report.inserted or report.updated:
            keep_overview(store)
    _render(report, fmt)


def _render(report: runner.Report, fmt: OutputFormat) -> None:
    tally = report.tally()
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), tally)
    else:
        counts = ", ".join(f"{tally[k]} {k}" for k in ("inserted", "updated", "unchanged", "failed"))
        current = f"; {tally['current']} current already" if "current" in tally else ""
        stdout().print(f"{counts} ({tally['not_relevant']} not relevant{current})")
    raise typer.Exit(1 if report.failed else 0)


# --- queries ------------------------------------------------------------------------------------


@app.command("list")
@boundary
def list_meetings(db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """The stored meetings: mechanism, ordinal, kind, date, venue, areas, measures, flags (with
    --format json, the items of /api/meetings, by mechanism and in order)."""
    from cooptrack.views import service as views  # the meeting's one summary, the API's too (views.meeting)

    with open_store(db) as store:
        if fmt is OutputFormat.JSON:
            d = views.Data(store)
            render.print_json(stdout(), views.meetings_filter(views.meetings_in_order(d), partner=None, kind=None,
                                                              year=None))  # fmt: skip
            return
        rows = store.meetings()
    stdout().print(render.meetings_view(rows))


@app.command()
@boundary
def show(
    meeting: Annotated[str, typer.Argument(help="a meeting's slug or id, as cooptrack list shows them")],
    source: Annotated[bool, typer.Option("--source", help="the cleaned text with each extracted item marked")] = False,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """One meeting: its facts, people, areas and measures, agreements (or its marked source text)."""
    from cooptrack.views import service as views  # the meeting's one document, the API's too (views.meeting)

    with open_store(db) as store:
        row = store.meeting(meeting)
        shared = views.Data(store).tracking if fmt is OutputFormat.JSON else None  # as the API reads statuses
        document = views.meeting_view(row, shared).document() if shared is not None else None
    console = stdout()
    if document is not None:
        render.print_json(console, document)
    elif source and console.is_terminal:
        console.print(render.marked_source(row, styled=True))
    elif source:
        console.file.write(render.marked_source(row, styled=False).plain + "\n")
    else:
        console.print(render.meeting_view(row))


class SearchOrder(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"


@app.command()
@boundary
def search(
    query: Annotated[str, typer.Argument(help='words to find; "quoted phrase", prefix*')],
    partner: Annotated[str | None, typer.Option(help="only this partner, e.g. Sichuan")] = None,
    theme: Annotated[Theme | None, typer.Option(help="only items with this theme")] = None,
    year: Annotated[int | None, typer.Option(help="only meetings held in this year")] = None,
    kind: Annotated[ItemKind | None, typer.Option(help="only this kind of item")] = None,
    meeting_kind: Annotated[
        MeetingKind | None, typer.Option("--meeting-kind", help="only meetings of this kind")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many results")] = 20,
    sort: Annotated[
        SearchOrder, typer.Option(help="newest meetings first, oldest first, or the best match first")
    ] = SearchOrder.NEWEST,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Full-text search over measures, area headings, agreements and people, with facets."""
    order = {SearchOrder.NEWEST: "date", SearchOrder.OLDEST: "oldest", SearchOrder.RELEVANCE: "relevance"}[sort]
    with open_store(db) as store:
        hits = store.search(
            SearchQuery(
                query, partner=partner, theme=theme, year=year, kind=kind, meeting_kind=meeting_kind, limit=limit,
                order=order,
            )
        )  # fmt: skip
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), [render.hit_json(hit) for hit in hits])
    else:
        stdout().print(render.hits_table(hits, query))


@app.command()
@boundary
def export(
    directory: Annotated[Path, typer.Argument(help="the folder to write into (made if missing)")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json: the API's documents; csv: tables")] = (
        ExportFormat.JSON
    ),
    db: DbOption = None,
) -> None:
    """Write the API's documents as JSON (a file per meeting, people, agreements, commitments, index.json)
    or every meeting as CSV tables, each row with its source."""
    from cooptrack.views.exports import export_json  # the API's documents (cooptrack.views)

    with open_store(db) as store:
        try:
            if fmt is ExportFormat.JSON:
                summary = f"{export_json(store, directory)} meetings, people, agreements, commitments and index.json"
            else:
                summary = ", ".join(f"{n} rows in {name}" for name, n in export_csv(store, directory).items())
        except OSError as exc:
            raise CooptrackError(f"{directory}: cannot write the export ({exc.strerror or exc})") from exc
    say(f"wrote {summary} to {directory}")
