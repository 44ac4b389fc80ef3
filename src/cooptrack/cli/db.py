"""The ``db`` commands: ``cooptrack db upgrade`` (the schema of this version, and its revision)
and ``cooptrack db backup FILE`` (a copy of the store taken while it is in use).

Every command already upgrades the store it opens; ``db upgrade`` does only that, and says
from which revision to which, so that a deployment can migrate before it starts serving.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cooptrack.cli.base import DbOption, app, boundary, open_store, say

db_app = typer.Typer(help="The database itself: bring its schema up to date, back it up.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command()
@boundary
def upgrade(db: DbOption = None) -> None:
    """Bring the database's schema to this version of cooptrack (made if new); print its revision."""
    with open_store(db) as store:
        before, now = store.upgraded_from, store.revision
    if before == now:
        said = f"{store.url}: schema at revision {now}, nothing to do"
    elif before is None:
        said = f"{store.url}: schema made, at revision {now}"
    else:
        said = f"{store.url}: schema upgraded from revision {before} to {now}"
    say(said)


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
