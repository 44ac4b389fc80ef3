"""New test stores made from a migrated template (tests/templates.py) are the migrations' stores."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from conftest import Release, libpq_url
from cooptrack.store import Store
from templates import TEST_SCHEMA, Templates, _shape

MakeRelease = Callable[..., Release]


def _schema_sql(path: str) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(path) as connection:
        return sorted(connection.execute("SELECT type, name, sql FROM sqlite_master"))


def test_a_new_sqlite_store_is_the_template_the_migrations_made(
    sqlite_url: str, templates: Templates, make_release: MakeRelease
) -> None:
    before = templates.made["sqlite"]
    with Store(sqlite_url) as store:
        assert store.upgraded_from is None and store.revision is not None
        assert store.ingest(*make_release()).meeting is not None
    assert templates.made["sqlite"] == before + 1
    template = templates._sqlite
    assert template is not None
    made, migrated = _schema_sql(make_url(sqlite_url).database or ""), _schema_sql(str(template))
    assert made == migrated and any(name == "store_change" for _, name, _ in made)


@pytest.fixture
def schemas(postgres_server: str) -> Iterator[tuple[psycopg.Connection[Any], Callable[[], str]]]:
    made: list[str] = []
    with psycopg.connect(libpq_url(postgres_server), autocommit=True) as admin:

        def new() -> str:
            made.append(f"{TEST_SCHEMA}{secrets.token_hex(6)}")
            admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(made[-1])))
            return made[-1]

        yield admin, new
        for schema in made:
            admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def _url(server: str, schema: str) -> str:
    return make_url(server).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)


def test_a_postgresql_schema_is_recycled_empty_and_a_changed_one_is_not(
    postgres_server: str,
    templates: Templates,
    schemas: tuple[psycopg.Connection[Any], Callable[[], str]],
    make_release: MakeRelease,
) -> None:
    admin, new = schemas
    used = new()
    with Store(_url(postgres_server, used)) as store:
        store.ingest(*make_release(partner="Anhui"))
        assert store.counts()["meeting"] == 1
    assert templates.recycle(admin, used)  # the migrations' shape, its rows deleted, into the pool
    before = templates.made["postgresql"]
    again = new()
    with Store(_url(postgres_server, again)) as store:
        assert templates.made["postgresql"] == before + 1  # the recycled schema, renamed
        assert store.upgraded_from is None and store.revision is not None
        assert set(store.counts().values()) == {0}
        store.ingest(*make_release(partner="Hunan"))
        ids = admin.execute(sql.SQL("SELECT id FROM {}.meeting").format(sql.Identifier(again))).fetchall()
        assert ids == [(1,)]  # sequences restarted, as in a new schema
    assert _shape(admin, again) == templates._shape
    admin.execute(sql.SQL("ALTER TABLE {}.meeting ADD COLUMN extra integer").format(sql.Identifier(again)))
    assert _shape(admin, again) != templates._shape
    assert not templates.recycle(admin, again)  # a test that changed its schema: dropped, not reused
