"""New test stores made from a migrated one rather than by running every migration again.

Opening a new store runs Alembic's twenty-odd revisions (about 0.1 s on SQLite, 0.25 s and more
on PostgreSQL, most of it the server's catalogue work): hundreds of tests open one. The conftest
puts :func:`upgrade` in place of ``Store._upgrade`` for the session, and a new (empty) database is
then made from a template that the real migrations made once:

- SQLite: the template file, migrated by ``Store._upgrade`` itself, is copied into the new
  database with SQLite's backup API.
- PostgreSQL: a test schema is recycled when its test is over (its rows deleted, its sequences
  restarted), if it is exactly the schema the migrations make (its tables, columns, indexes,
  triggers and functions, compared with a schema the real migrations made this session); a new
  schema then takes the name of a recycled one.

Any other database (a store at an older revision, one that is not empty, a schema not made by
the conftest) goes through the real ``Store._upgrade``, as do the migration tests, which open
stores at older revisions, and every store a subprocess opens.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import text

from cooptrack.store import Store
from cooptrack.store.store import _current_revision, _head_revision

TEST_SCHEMA = "cooptrack_test_"  # the conftest's schemas: the only ones recycled
_POOL_PREFIX = f"cooptrack_pool_{secrets.token_hex(4)}_"  # this session's recycled schemas
_KEPT_ROWS = frozenset({"alembic_version", "store_change", "account_change"})  # the counts go on

# What makes a schema the migrations' own: every name, column, index, constraint, trigger and
# function in it, and the revision it is at (its name and its rows apart).
_SHAPE = """
SELECT concat_ws('|',
  (SELECT string_agg(format('%%s:%%s', c.relname, c.relkind), ',' ORDER BY c.relname)
     FROM pg_class c WHERE c.relnamespace = n.oid),
  (SELECT string_agg(format('%%s.%%s:%%s:%%s:%%s', c.relname, a.attname, a.atttypid, a.attnotnull, a.atthasdef),
                     ',' ORDER BY c.relname, a.attnum)
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = n.oid AND a.attnum > 0 AND NOT a.attisdropped),
  (SELECT string_agg(replace(pg_get_indexdef(i.indexrelid), n.nspname || '.', ''), ',' ORDER BY x.relname)
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
    WHERE c.relnamespace = n.oid),
  (SELECT string_agg(format('%%s:%%s:%%s', t.tgname, t.tgenabled, t.tgtype), ',' ORDER BY t.tgname)
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = n.oid AND NOT t.tgisinternal),
  (SELECT string_agg(format('%%s.%%s:%%s', c.relname, k.conname,
                            replace(pg_get_constraintdef(k.oid), n.nspname || '.', '')),
                     ',' ORDER BY c.relname, k.conname)
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = n.oid),
  (SELECT string_agg(format('%%s:%%s', p.proname, md5(p.prosrc)), ',' ORDER BY p.proname)
     FROM pg_proc p WHERE p.pronamespace = n.oid),
  (SELECT string_agg(format('%%s:%%s', c.cfgname, c.cfgparser), ',' ORDER BY c.cfgname)
     FROM pg_ts_config c WHERE c.cfgnamespace = n.oid))
FROM pg_namespace n WHERE n.nspname = %s
"""


class Templates:
    """The session's templates: a migrated SQLite file and recycled PostgreSQL schemas."""

    def __init__(self, folder: Path, real: Callable[[Store], None]) -> None:
        self._folder = folder
        self._real = real  # Store._upgrade itself
        self._lock = threading.Lock()
        self._sqlite: Path | None = None
        self._shape: str | None = None  # the migrations' PostgreSQL schema, as _SHAPE reads it
        self._pool: list[str] = []
        self.made = {"sqlite": 0, "postgresql": 0}  # stores made from a template (for the tests)

    def upgrade(self, store: Store) -> None:
        """In place of ``Store._upgrade``: a new database from the template, any other for real."""
        dialect = store.engine.dialect.name
        made = self._from_sqlite(store) if dialect == "sqlite" else self._from_pool(store)
        if made:
            self.made[dialect] += 1
            return
        fresh = dialect == "postgresql" and self._shape is None and _revision_of(store) is None
        self._real(store)
        if fresh:  # the reference: what the migrations make of an empty schema (not of an older one)
            schema = _schema_of(store)
            if schema is not None and schema.startswith(TEST_SCHEMA):
                with psycopg.connect(_libpq(store), autocommit=True) as admin:
                    self._shape = _shape(admin, schema)

    # SQLite

    def _from_sqlite(self, store: Store) -> bool:
        if store.engine.url.database == str(self._folder / "template.db"):
            return False  # the template itself: the real migrations
        template = self._sqlite_template()
        with store.engine.connect() as connection:
            if _current_revision(connection) is not None:
                return False
        pooled = store.engine.raw_connection()  # (out of any transaction: the pool rolled it back)
        source = sqlite3.connect(template)
        try:
            target: Any = pooled.driver_connection
            source.backup(target)
        finally:
            source.close()
            pooled.close()
        return True

    def _sqlite_template(self) -> Path:
        with self._lock:
            if self._sqlite is None:
                path = self._folder / "template.db"
                Store(f"sqlite:///{path}").close()
                self._sqlite = path
            return self._sqlite

    # PostgreSQL

    def _from_pool(self, store: Store) -> bool:
        schema = _schema_of(store)
        if schema is None or not schema.startswith(TEST_SCHEMA):
            return False
        with self._lock:
            if not self._pool:
                return False
            pooled = self._pool.pop()
        with psycopg.connect(_libpq(store), autocommit=True) as admin:
            try:
                with admin.transaction():
                    admin.execute(sql.SQL("DROP SCHEMA {} RESTRICT").format(sql.Identifier(schema)))  # empty
                    admin.execute(
                        sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(sql.Identifier(pooled), sql.Identifier(schema))
                    )
            except psycopg.Error:  # not empty after all: the real migrations decide
                with self._lock:
                    self._pool.append(pooled)
                return False
        return True

    def recycle(self, admin: psycopg.Connection[Any], schema: str) -> bool:
        """After its test: a schema of the migrations' shape emptied into the pool (True), else
        left to the caller to drop (False)."""
        if self._shape is None or _shape(admin, schema) != self._shape:
            return False
        if _revision_in(admin, schema) != _head_revision():
            return False
        tables = admin.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)).fetchall()
        sequences = admin.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = %s", (schema,)).fetchall()
        pooled = f"{_POOL_PREFIX}{secrets.token_hex(4)}"
        try:
            with admin.transaction():
                admin.execute("SET LOCAL lock_timeout = '5s'")
                admin.execute("SET LOCAL session_replication_role = replica")  # no foreign keys, no triggers
                for (table,) in tables:
                    if table not in _KEPT_ROWS:
                        admin.execute(
                            sql.SQL("DELETE FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
                        )
                for (sequence,) in sequences:
                    admin.execute(
                        sql.SQL("ALTER SEQUENCE {}.{} RESTART").format(sql.Identifier(schema), sql.Identifier(sequence))
                    )
                admin.execute(
                    sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(sql.Identifier(schema), sql.Identifier(pooled))
                )
        except psycopg.Error:
            return False
        with self._lock:
            self._pool.append(pooled)
        return True

    @property
    def pooled(self) -> int:
        return len(self._pool)

    def drop_pool(self, admin: psycopg.Connection[Any]) -> None:
        with self._lock:
            pooled, self._pool = self._pool, []
        for schema in pooled:
            admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def _revision_in(admin: psycopg.Connection[Any], schema: str) -> str | None:
    table = sql.SQL("SELECT string_agg(version_num, ' ' ORDER BY version_num) FROM {}.alembic_version")
    try:
        with admin.transaction():
            row = admin.execute(table.format(sql.Identifier(schema))).fetchone()
    except psycopg.Error:
        return None
    return str(row[0]) if row and row[0] else None


def _revision_of(store: Store) -> str | None:
    with store.engine.connect() as connection:
        return _current_revision(connection)


def _schema_of(store: Store) -> str | None:
    with store.engine.connect() as connection:
        return str(connection.execute(text("SELECT current_schema()")).scalar_one_or_none() or "") or None


def _libpq(store: Store) -> str:
    return store.engine.url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)


def _shape(admin: psycopg.Connection[Any], schema: str) -> str:
    row = admin.execute(_SHAPE, (schema,)).fetchone()
    return str(row[0]) if row else ""
