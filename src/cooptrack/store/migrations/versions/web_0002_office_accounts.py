"""Accounts for an office: readers, disabled accounts, idle sessions, tokens that expire.

Adds ``user_account.disabled_at`` (a disabled account cannot sign in, its sessions and tokens stop
working), ``web_session.last_seen_at`` (sessions end after an idle time; existing sessions count
as seen when they were made) and ``api_token.expires_at`` / ``api_token.last_used_at`` (existing
tokens keep no expiry). The role ``reader`` needs no change of schema. Existing data is kept.

Revision ID: web_0002
Revises: web_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "web_0002"
down_revision = "web_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("user_account", sa.Column("disabled_at", sa.DateTime))
    op.add_column("web_session", sa.Column("last_seen_at", sa.DateTime))
    op.execute("UPDATE web_session SET last_seen_at = created_at")
    with op.batch_alter_table("web_session") as batch:
        batch.alter_column("last_seen_at", existing_type=sa.DateTime, nullable=False)
    op.add_column("api_token", sa.Column("expires_at", sa.DateTime))
    op.add_column("api_token", sa.Column("last_used_at", sa.DateTime))


def downgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("last_used_at")
        batch.drop_column("expires_at")
    with op.batch_alter_table("web_session") as batch:
        batch.drop_column("last_seen_at")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("disabled_at")
