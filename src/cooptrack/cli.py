"""The command line: each command reads its options, calls the library, and renders the result.

``parse`` and ``ingest`` take files and folders and go on past a bad file: each gets one line
``error: <file>: <problem>`` on standard error, and the exit status is 1 if any failed. Every
other error of the cooptrack family also becomes one line and exit status 1, never a traceback.
The database is ``--db URL``, else ``COOPTRACK_DB``, else ``./cooptrack.db``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import track
from rich.text import Text

from cooptrack import render
from cooptrack.acquire import Document, iter_paths, read_path
from cooptrack.config import PIPE_WIDTH, PROGRESS_MIN_FILES, database_url
from cooptrack.errors import CooptrackError, StoreError
from cooptrack.pipeline import parse_document
from cooptrack.record import Record
from cooptrack.store import ItemKind, Outcome, SearchQuery, Store
from cooptrack.store.export import export_csv, export_json
from cooptrack.vocab import Theme

app = typer.Typer(
    help="A faithful, searchable record of Hong Kong's co-operation conferences with Mainland partners.",
    no_args_is_help=True,
    add_completion=False,
)

P = ParamSpec("P")
R = TypeVar("R")


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


DbOption = Annotated[
    str | None, typer.Option("--db", metavar="URL", help="SQLAlchemy URL [default: $COOPTRACK_DB or ./cooptrack.db]")
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="a table for people, or JSON for scripts")]


def _stdout() -> Console:
    """Standard output; when it is not a terminal, tables get room instead of 80 columns."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _error(message: object) -> None:
    """One line on standard error, never wrapped or styled."""
    text = " ".join(str(message).splitlines()) or "unknown error"
    sys.stderr.write(f"error: {text}\n")


def _boundary(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every cooptrack error raised by a command into one line and exit status 1."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CooptrackError as exc:
            _error(exc)
            raise typer.Exit(1) from exc
        except BrokenPipeError as exc:  # the reader went away (``cooptrack list | head``): stop quietly
            _silence_stdout()
            raise typer.Exit(1) from exc

    return run


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (in tests, say)
        pass


def _open(db: str | None) -> Store:
    return Store(database_url(db))


# --- reading many files -------------------------------------------------------------------------


def _each(paths: Iterable[Path], label: str) -> Iterator[Path]:
    """The files to read, folders expanded, with a progress bar on a terminal for long runs."""
    files = list(iter_paths(paths))
    err = _stderr()
    show = err.is_terminal and len(files) >= PROGRESS_MIN_FILES
    return iter(track(files, description=label, console=err, disable=not show, transient=True))


def _read(path: Path) -> tuple[Document, Record]:
    """Read and parse one file; anything that goes wrong becomes an error naming the file."""
    doc = read_path(path)
    try:
        return doc, parse_document(doc)
    except Exception as exc:  # a parser bug must cost one file, not the batch
        raise CooptrackError(f"{path}: cannot be parsed ({type(exc).__name__}: {exc})") from exc


# --- parse --------------------------------------------------------------------------------------


@app.command()
@_boundary
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
    for path in _each(files, "parsing"):
        try:
            doc, record = _read(path)
            if out is not None:
                _write_record(out, path, doc, record, written)
        except CooptrackError as exc:
            _error(exc)
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
@_boundary
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="press releases or folders of them")],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Parse and store releases; says how many were inserted, updated, unchanged and failed."""
    store = _open(db)
    tally: Counter[str] = Counter(dict.fromkeys(("inserted", "updated", "unchanged", "failed", "not_relevant"), 0))
    try:
        for path in _each(paths, "ingesting"):
            try:
                doc, record = _read(path)
            except CooptrackError as exc:
                _error(exc)
                tally["failed"] += 1
                continue
            result = store.ingest(doc, record)
            if result.outcome is Outcome.REJECTED:
                _error(f"{path}: {result.reason}")
                tally["failed"] += 1
                continue
            tally[result.outcome.value] += 1
            tally["not_relevant"] += not record.relevant
    except StoreError as exc:
        _error(exc)
        tally["failed"] += 1
    finally:
        store.close()
    if fmt is OutputFormat.JSON:
        render.print_json(_stdout(), dict(tally))
    else:
        counts = ", ".join(f"{tally[k]} {k}" for k in ("inserted", "updated", "unchanged", "failed"))
        _stdout().print(f"{counts} ({tally['not_relevant']} not relevant)")
    raise typer.Exit(1 if tally["failed"] else 0)


# --- queries ------------------------------------------------------------------------------------


@app.command("list")
@_boundary
def list_meetings(db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """The stored meetings: mechanism, ordinal, kind, date, venue, areas, measures, flags."""
    with _open(db) as store:
        rows = store.meetings()
    if fmt is OutputFormat.JSON:
        render.print_json(_stdout(), [render.listed_json(row) for row in rows])
    else:
        _stdout().print(render.meetings_view(rows))


@app.command()
@_boundary
def show(
    meeting: Annotated[str, typer.Argument(help="a meeting's slug or id, as cooptrack list shows them")],
    source: Annotated[bool, typer.Option("--source", help="the cleaned text with each extracted item marked")] = False,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """One meeting: its facts, people, areas and measures, agreements (or its marked source text)."""
    with _open(db) as store:
        row = store.meeting(meeting)
    console = _stdout()
    if fmt is OutputFormat.JSON:
        render.print_json(console, render.meeting_json(row))
    elif source and console.is_terminal:
        console.print(render.marked_source(row, styled=True))
    elif source:
        console.file.write(render.marked_source(row, styled=False).plain + "\n")
    else:
        console.print(render.meeting_view(row))


@app.command()
@_boundary
def search(
    query: Annotated[str, typer.Argument(help='words to find; "quoted phrase", prefix*')],
    partner: Annotated[str | None, typer.Option(help="only this partner, e.g. Sichuan")] = None,
    theme: Annotated[Theme | None, typer.Option(help="only items with this theme")] = None,
    year: Annotated[int | None, typer.Option(help="only meetings held in this year")] = None,
    kind: Annotated[ItemKind | None, typer.Option(help="only this kind of item")] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many results")] = 20,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Full-text search over measures, area headings, agreements and people, with facets."""
    with _open(db) as store:
        hits = store.search(SearchQuery(query, partner=partner, theme=theme, year=year, kind=kind, limit=limit))
    if fmt is OutputFormat.JSON:
        render.print_json(_stdout(), [render.hit_json(hit) for hit in hits])
    else:
        _stdout().print(render.hits_table(hits, query))


@app.command()
@_boundary
def export(
    directory: Annotated[Path, typer.Argument(help="the folder to write into (made if missing)")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json: a record per meeting; csv: tables")] = (
        ExportFormat.JSON
    ),
    db: DbOption = None,
) -> None:
    """Write every meeting as JSON records (with index.json) or as CSV tables, each row with its source."""
    with _open(db) as store:
        try:
            if fmt is ExportFormat.JSON:
                summary = f"{export_json(store, directory)} records and index.json"
            else:
                summary = ", ".join(f"{n} rows in {name}" for name, n in export_csv(store, directory).items())
        except OSError as exc:
            raise CooptrackError(f"{directory}: cannot write the export ({exc.strerror or exc})") from exc
    _stdout().print(Text(f"wrote {summary} to {directory}"))
