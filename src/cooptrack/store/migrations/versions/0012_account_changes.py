"""A count of the writes to accounts, sessions and tokens: ``account_change``, moved by triggers on PostgreSQL.

One row (``id`` 1, ``changes`` 0). On PostgreSQL a statement-level trigger on ``user_account``,
``web_session`` and ``api_token`` adds one to it before every statement that writes them, in the
statement's transaction (so it is seen moved when the change is committed, never before). The
trigger fires *before* the statement: every transaction that writes these tables takes the
counter's row first, before any row of theirs, so two writers never wait on each other in a
circle. The web server reads the count with the store's stamp, and reads a signed-in reader's
session again only when it has moved. SQLite gets the table, not the triggers: its
``data_version`` tells the same without a query. Nothing else changes.

Revision ID: core_0012
Revises: core_0011
"""

import sqlalchemy as sa
from alembic import op

revision = "core_0012"
down_revision = "core_0011"
branch_labels = None
depends_on = None

_TABLES = ("user_account", "web_session", "api_token")


def upgrade() -> None:
    op.create_table(
        "account_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("changes", sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO account_change (id, changes) VALUES (1, 0)")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION account_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN UPDATE account_change SET changes = changes + 1 WHERE id = 1; RETURN NULL; END $$"
    )
    for table in _TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION account_changed()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _TABLES:
            op.execute(f"DROP TRIGGER {table}_changed ON {table}")
        op.execute("DROP FUNCTION account_changed()")
    op.drop_table("account_change")
