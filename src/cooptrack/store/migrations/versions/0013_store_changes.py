"""Counts of the writes readers see: ``store_change``, moved by triggers on PostgreSQL.

One row (``id`` 1; ``documents``, ``decisions``, ``corrections`` 0). On PostgreSQL a statement-level
trigger adds one to ``documents`` before every statement that writes ``document_version`` or
``meeting`` (an ingest, a re-parse), to ``decisions`` before every one that writes
``tracking_event``, ``tracking_reattach`` or ``tracker_note`` (users' tracking), and to
``corrections`` before every one that writes ``correction``, in the statement's transaction (so a
count is seen moved when the change is committed, never before). The store's stamp on PostgreSQL is
these counts: one row read by its key, where the latest entry of six indexes cost the server about
100 µs of CPU on every request. Like ``account_change`` (``core_0012``) the counter's row is taken
before any row of the statement's, so two writers never wait on each other in a circle. SQLite
gets the table, not the triggers: its stamp stays the indexes' latest entries, known again
without a query while ``data_version`` stands. Nothing else changes.

Revision ID: core_0013
Revises: core_0012
"""

import sqlalchemy as sa
from alembic import op

revision = "core_0013"
down_revision = "core_0012"
branch_labels = None
depends_on = None

# each count, and the tables whose writes move it
_COUNTS = {
    "documents": ("document_version", "meeting"),
    "decisions": ("tracking_event", "tracking_reattach", "tracker_note"),
    "corrections": ("correction",),
}


def upgrade() -> None:
    op.create_table(
        "store_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        *(sa.Column(count, sa.BigInteger(), nullable=False) for count in _COUNTS),
    )
    if op.get_bind().dialect.name != "postgresql":
        op.execute("INSERT INTO store_change (id, documents, decisions, corrections) VALUES (1, 0, 0, 0)")
        return
    # the counts start at the clock's microseconds: a table made again (a downgrade, then an upgrade)
    # counts past every count the one before reached, so no later state takes an earlier one's stamp
    op.execute(
        "INSERT INTO store_change (id, documents, decisions, corrections) "
        "SELECT 1, now, now, now FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now) AS t"
    )
    for count, tables in _COUNTS.items():
        op.execute(
            f"CREATE FUNCTION store_{count}_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN UPDATE store_change SET {count} = {count} + 1 WHERE id = 1; RETURN NULL; END $$"
        )
        for table in tables:
            op.execute(
                f"CREATE TRIGGER {table}_store_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION store_{count}_changed()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for count, tables in _COUNTS.items():
            for table in tables:
                op.execute(f"DROP TRIGGER {table}_store_changed ON {table}")
            op.execute(f"DROP FUNCTION store_{count}_changed()")
    op.drop_table("store_change")
