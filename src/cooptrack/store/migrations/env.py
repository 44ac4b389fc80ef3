"""Alembic environment: migrations run on the connection the Store hands over when it opens.

Revisions live in ``versions/`` and are written by hand (the dialect-specific parts, such as
SQLite's full-text index, stay explicit); ``tests/test_store.py`` checks that the migrated
schema matches :mod:`cooptrack.store.models`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from cooptrack.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # run by the alembic command with sqlalchemy.url set
    engine = engine_from_config(config.get_section(config.config_ini_section) or {}, poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
