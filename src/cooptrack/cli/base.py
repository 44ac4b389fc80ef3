"""What every command shares: the Typer app, common options, output, errors and reading files.

``parse`` and ``ingest`` take files and folders and go on past a bad file: each gets one line
``error: <file>: <problem>`` on standard error, and the exit status is 1 if any failed. Every
other error of the cooptrack family also becomes one line and exit status 1, never a traceback
(:func:`boundary`). The database is ``--db URL``, else ``COOPTRACK_DB``, else ``./cooptrack.db``.
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

from cooptrack import pipeline
from cooptrack.acquire import Document, iter_paths, read_path
from cooptrack.config import PIPE_WIDTH, PROGRESS_MIN_FILES, database_url
from cooptrack.errors import CooptrackError
from cooptrack.record import Record
from cooptrack.store import Outcome, Store

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
JobsOption = Annotated[
    int | None, typer.Option("--jobs", min=1, metavar="N", help="processes that parse (default: one per core)")
]
BatchOption = Annotated[int, typer.Option("--batch-size", min=1, metavar="N", help="releases stored per transaction")]
TimeCapOption = Annotated[
    float,
    typer.Option(
        "--time-cap", min=0, metavar="SECONDS", help="stop a release's parse after this long and fail it (0: never)"
    ),
]


def stdout() -> Console:
    """Standard output; when it is not a terminal, tables get room instead of 80 columns."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def say(message: str, style: str = "") -> None:
    """One message on standard output, never wrapped (a long path stays on its line)."""
    stdout().print(Text(message, style=style), soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def error(message: object) -> None:
    """One line on standard error, never wrapped or styled."""
    text = " ".join(str(message).splitlines()) or "unknown error"
    sys.stderr.write(f"error: {text}\n")


def boundary(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every cooptrack error raised by a command into one line and exit status 1."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CooptrackError as exc:
            error(exc)
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


def open_store(db: str | None) -> Store:
    return Store(database_url(db))


def keep_overview(store: Store, *, unless_kept: bool = False) -> bool:
    """After a run that changed the store: work out the web's overview for it now and keep it in the
    store (:mod:`cooptrack.serve.overview`), so that the server's first overview does not; with
    ``unless_kept``, only if this code has not kept it for the store as it is. True if it was worked
    out now. A failure is one line on standard error and changes nothing else (the server works it
    out then)."""
    from cooptrack.serve import overview  # the overview the web shows, kept for it (issue 14)

    try:
        if unless_kept and overview.all_kept(store):
            return False
        overview.keep_all(store)
    except Exception as exc:  # what was ingested stands whatever happens here: said, never fatal
        error(f"{store.url}: the overview was not kept for the web server: {type(exc).__name__}: {exc}")
        return False
    return True


# --- reading many files -------------------------------------------------------------------------


def each_file(paths: Iterable[Path], label: str) -> Iterator[Path]:
    """The files to read, folders expanded as they are reached, with a progress bar on a terminal for long runs.

    Nothing is kept per file (a list of 100 000 paths alone is ~50 MB): on a terminal the files are
    counted in a first walk, for the bar's total, and read in a second.
    """
    roots = list(paths)
    err = stderr()
    if not err.is_terminal:
        return iter_paths(roots)
    total = sum(1 for _ in iter_paths(roots))
    show = total >= PROGRESS_MIN_FILES
    return iter(track(iter_paths(roots), total=total, description=label, console=err, disable=not show, transient=True))


def read_and_parse(path: Path) -> tuple[Document, Record]:
    """Read and parse one file; anything that goes wrong becomes an error naming the file."""
    doc = read_path(path)
    return doc, parse_checked(doc, str(path))


def parse_checked(doc: Document, label: str) -> Record:
    """Parse one document; anything that goes wrong becomes an error naming it (``label``)."""
    try:
        return pipeline.parse_document(doc)  # looked up when called (tests replace it)
    except Exception as exc:  # a parser bug must cost one file, not the batch
        raise CooptrackError(f"{label}: cannot be parsed ({type(exc).__name__}: {exc})") from exc


def store_one(store: Store, doc: Document, record: Record, label: str, tally: Counter[str]) -> None:
    """Store one parsed document and count its outcome; a rejected record is one error line."""
    result = store.ingest(doc, record)
    if result.outcome is Outcome.REJECTED:
        error(f"{label}: {result.reason}")
        tally["failed"] += 1
        return
    tally[result.outcome.value] += 1
    tally["not_relevant"] += not record.relevant
