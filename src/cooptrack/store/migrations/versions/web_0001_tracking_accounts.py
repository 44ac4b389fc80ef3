"""Tracking and accounts: status events on measures, users, browser sessions and API tokens.

Events are keyed by a measure's stable key and keep its meeting slug and text, so that they
outlive the measure rows (rebuilt on every re-ingest); nothing here points at a measure row.

Revision ID: web_0001
Revises: core_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "web_0001"
down_revision = "core_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tracking_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("measure_key", sa.String(64), nullable=False, index=True),
        sa.Column("meeting_slug", sa.String(200), nullable=False, index=True),
        sa.Column("measure_text", sa.Text, nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("evidence_url", sa.String(2000)),
        sa.Column("evidence_kind", sa.String(20)),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "tracking_reattach",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "event_id",
            sa.Integer,
            sa.ForeignKey("tracking_event.id", name="fk_tracking_reattach_event_id_tracking_event"),
            nullable=False,
            index=True,
        ),
        sa.Column("measure_key", sa.String(64), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("name", name="uq_user_account_name"),
    )
    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("user_account.id", name="fk_web_session_user_id_user_account"),
            nullable=False,
            index=True,
        ),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_web_session_token_hash"),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False, index=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("user_account.id", name="fk_api_token_user_id_user_account"),
            nullable=False,
            index=True,
        ),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
        sa.UniqueConstraint("token_hash", name="uq_api_token_token_hash"),
    )


def downgrade() -> None:
    for table in ("api_token", "web_session", "user_account", "tracking_reattach", "tracking_event"):
        op.drop_table(table)
