"""A backup of a store, taken while it is in use, written to a file that appears only when whole.

SQLite: the online backup API copies the database page by page into a new SQLite file (open it
as the store, or copy it back); writers that run meanwhile only make the copy start over.
PostgreSQL: ``pg_dump`` in its custom format, of the store's schema only (the one its
``search_path`` names), without owners; ``pg_restore --dbname=URL FILE`` puts it back. Without
``pg_dump`` (the PostgreSQL client tools), the backup is refused with a line that says so. The
data alone, in a portable form, is ``cooptrack export --format json``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from cooptrack.errors import StoreError


@dataclass(frozen=True)
class Backup:
    """A written backup: where, how large, and how it was made."""

    path: Path
    size: int
    method: str


def write_backup(engine: Engine, label: str, target: Path, *, overwrite: bool = False) -> Backup:
    """Back up the store of ``engine`` (shown as ``label``) to ``target``.

    The copy is written beside ``target`` under a temporary name and renamed when complete, so
    that ``target`` is never half written; an existing ``target`` is kept unless ``overwrite``.
    """
    if target.is_dir():
        raise StoreError(f"{target}: is a folder; give the backup a file name")
    if target.exists() and not overwrite:
        raise StoreError(f"{target}: exists already (give another file name, or --overwrite)")
    if not target.parent.is_dir():
        raise StoreError(f"{target}: cannot write the backup (there is no folder {target.parent})")
    partial = target.with_name(f".{target.name}.partial")
    try:
        if engine.dialect.name == "sqlite":
            method = _sqlite_backup(engine, partial, target)
        elif engine.dialect.name == "postgresql":
            method = _pg_dump(engine, label, partial)
        else:
            raise StoreError(f"cannot back up {label}: only SQLite and PostgreSQL stores can be backed up")
        os.replace(partial, target)
        return Backup(target, target.stat().st_size, method)
    except OSError as exc:
        raise StoreError(f"{target}: cannot write the backup ({exc.strerror or exc})") from exc
    except (SQLAlchemyError, sqlite3.Error) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot back up {label}: {reason}") from exc
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_backup(engine: Engine, partial: Path, target: Path) -> str:
    partial.unlink(missing_ok=True)  # left by a backup that was killed
    try:
        copy = sqlite3.connect(partial)
    except sqlite3.Error as exc:
        raise StoreError(f"{target}: cannot write the backup ({exc})") from exc
    with engine.connect() as connection, closing(copy):
        source = connection.connection.driver_connection
        if not isinstance(source, sqlite3.Connection):  # pragma: no cover - another SQLite driver
            raise StoreError(f"cannot back up {engine.url}: the SQLite driver has no backup API")
        source.backup(copy)
    return "SQLite online backup"


def _pg_dump(engine: Engine, label: str, partial: Path) -> str:
    program = shutil.which("pg_dump")
    if program is None:
        raise StoreError(
            f"cannot back up {label}: pg_dump is not installed (it comes with the PostgreSQL client tools, "
            "e.g. the postgresql-client package); cooptrack export --format json writes the data alone"
        )
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar()
    if not schema:
        raise StoreError(f"cannot back up {label}: its search_path names no schema that exists")
    url = engine.url
    params = {k: v for k, v in url.query.items() if isinstance(v, str)}
    from psycopg.conninfo import make_conninfo  # PostgreSQL's only: a SQLite store never loads psycopg

    conninfo = make_conninfo(host=url.host, port=url.port, user=url.username, dbname=url.database, **params)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # never on the command line, where others can see it
    exact = '"' + str(schema).replace('"', '""') + '"'  # a name, not a pg_dump pattern
    command = [program, "--format=custom", "--no-owner", f"--schema={exact}", f"--file={partial}", conninfo]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.strip()]
        raise StoreError(f"cannot back up {label}: {said[-1] if said else f'pg_dump exited with {done.returncode}'}")
    return f"pg_dump, custom format, schema {schema}"
