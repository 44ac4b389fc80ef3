"""``cooptrack db upgrade`` and ``cooptrack db backup``, in process, on SQLite and on PostgreSQL
(a schema of the test's own, conftest), with synthetic releases built in conftest."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from psycopg import sql
from sqlalchemy.engine import make_url
from typer.testing import CliRunner, Result

from cooptrack.acquire import Document
from cooptrack.cli import app
from cooptrack.record import Record
from cooptrack.store import SearchQuery, Store
from cooptrack.store import backup as backup_module
from cooptrack.store import store as store_module

MakeRelease = Callable[..., tuple[Document, Record]]
_MIGRATIONS = Path(store_module.__file__).parent / "migrations"
runner = CliRunner()


def _run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def _config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _head() -> str:
    heads = ScriptDirectory.from_config(_config()).get_heads()
    assert len(heads) == 1, f"the migrations must have one head, not {heads}"
    return heads[0]


def _fill(url: str, make_release: MakeRelease) -> dict[str, int]:
    with Store(url) as store:
        for partner in ("Anhui", "Hunan"):
            store.ingest(*make_release(partner=partner, agreements=["Memorandum on Testing"]))
        return store.counts()


# --- upgrade -------------------------------------------------------------------------------------


def test_the_migrations_have_one_head() -> None:
    assert _head().strip()


def test_upgrade_makes_a_new_schema_then_has_nothing_to_do(db_url: str) -> None:
    made = _run("db", "upgrade", "--db", db_url)
    assert made.exit_code == 0, made.output
    assert made.stdout.strip().endswith(f": schema made, at revision {_head()}")
    again = _run("db", "upgrade", "--db", db_url)
    assert again.stdout.strip().endswith(f": schema at revision {_head()}, nothing to do")


def test_upgrade_says_from_which_revision(db_url: str, make_release: MakeRelease) -> None:
    command.upgrade(_config(db_url), "core_0002")
    result = _run("db", "upgrade", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(f": schema upgraded from revision core_0002 to {_head()}")
    assert _fill(db_url, make_release)["meeting"] == 2  # and the upgraded store works


def test_upgrade_of_a_database_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    result = _run("db", "upgrade", "--db", f"sqlite:///{tmp_path}/missing/x.db")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: cannot open the database sqlite:///{tmp_path}/missing/x.db: unable to open database file"
    ]


# --- backup --------------------------------------------------------------------------------------


def test_a_sqlite_backup_is_a_store_with_the_same_contents(
    sqlite_url: str, tmp_path: Path, make_release: MakeRelease
) -> None:
    counts = _fill(sqlite_url, make_release)
    target = tmp_path / "copy.db"
    result = _run("db", "backup", str(target), "--db", sqlite_url)
    assert result.exit_code == 0, result.output
    assert "SQLite online backup" in result.stdout and not list(tmp_path.glob(".*.partial"))
    with Store(f"sqlite:///{target}") as copy:
        assert copy.counts() == counts
        assert [row.meeting.slug for row in copy.meetings()] == ["anhui-plenary-3", "hunan-plenary-3"]


def test_a_postgresql_backup_restores_the_store(
    postgres_url: str, postgres_admin: str, tmp_path: Path, make_release: MakeRelease
) -> None:
    counts = _fill(postgres_url, make_release)
    target = tmp_path / "store.dump"
    result = _run("db", "backup", str(target), "--db", postgres_url)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    schema = str(make_url(postgres_url).query["options"]).removeprefix("-csearch_path=")
    moved = sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(sql.Identifier(schema), sql.Identifier(f"{schema}_was"))
    with psycopg.connect(postgres_admin, autocommit=True) as admin:
        admin.execute(moved)  # the original out of the way: the dump makes the schema again
    try:
        restore = subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={postgres_admin}", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert restore.returncode == 0, restore.stderr
        with Store(postgres_url) as restored:
            assert restored.counts() == counts and restored.upgraded_from == _head()
            assert {h.meeting for h in restored.search(SearchQuery("chinese medicine"))} == {
                "anhui-plenary-3",
                "hunan-plenary-3",
            }
    finally:
        with psycopg.connect(postgres_admin, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(f"{schema}_was")))


def test_a_backup_never_replaces_a_file_unless_asked(sqlite_url: str, tmp_path: Path) -> None:
    target = tmp_path / "taken.db"
    target.write_bytes(b"someone's file")
    result = _run("db", "backup", str(target), "--db", sqlite_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {target}: exists already (give another file name, or --overwrite)"]
    assert target.read_bytes() == b"someone's file"
    assert _run("db", "backup", str(target), "--overwrite", "--db", sqlite_url).exit_code == 0
    assert target.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_backup_into_a_missing_folder_is_one_line(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    result = _run("db", "backup", str(folder / "copy.db"), "--db", sqlite_url)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line == f"error: {folder / 'copy.db'}: cannot write the backup (there is no folder {folder})"


def test_without_pg_dump_a_postgresql_backup_says_what_is_missing(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_module.shutil, "which", lambda _name: None)
    result = _run("db", "backup", str(tmp_path / "store.dump"), "--db", postgres_url)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert "pg_dump is not installed" in line and "cooptrack export --format json" in line
    assert not list(tmp_path.iterdir())
