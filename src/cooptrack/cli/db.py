"""The ``db`` commands: ``cooptrack db upgrade`` (the schema of this version, and its revision)
and ``cooptrack db backup FILE`` (a copy of the store taken while it is in use).

Every command already upgrades the store it opens; ``db upgrade`` says from which revision to
which, and works out what the web server keeps in the store (the overview, the people, the
commitments) when this version has not kept it yet: what earlier code kept is never read, so
without it the first server process after an upgrade would work it out (seconds at 10,000
pages, and the memory of it in that worker). A deployment runs it before it starts serving.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from cooptrack.cli.base import DbOption, app, boundary, keep_overview, open_store, say

db_app = typer.Typer(help="The database itself: bring its schema up to date, back it up.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command()
@boundary
def upgrade(db: DbOption = None) -> None:
    """Bring the database's schema to this version of cooptrack (made if new); print its revision,
    and work out the web's overview for this version if it is not kept yet."""
    with open_store(db) as store:
        before, now = store.upgraded_from, store.revision
        start = time.perf_counter()
        kept = store.counts()["meeting"] > 0 and keep_overview(store, unless_kept=True)
        took = time.perf_counter() - start
    if before == now:
        said = f"{store.url}: schema at revision {now}, nothing to do"
    elif before is None:
        said = f"{store.url}: schema made, at revision {now}"
    else:
        said = f"{store.url}: schema upgraded from revision {before} to {now}"
    say(said)
    if kept:
        say(f"{store.url}: worked out the web server's overview for this version ({took:.1f} s)")


@db_app.command()
@boundary
def backup(
    file: Annotated[Path, typer.Argument(help="the file to write (SQLite: a database file; PostgreSQL: pg_dump's)")],
    overwrite: Annotated[bool, typer.Option("--overwrite", help="replace FILE if it exists")] = False,
    db: DbOption = None,
) -> None:
    """Back up the store while it is in use: SQLite's online backup, or pg_dump for PostgreSQL."""
    with open_store(db) as store:
        done = store.backup(file, overwrite=overwrite)
    say(f"backed up {store.url} to {done.path} ({done.size} bytes, {done.method})")
