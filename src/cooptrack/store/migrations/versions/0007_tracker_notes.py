"""Tracker notes: a measure's responsible bureau and the days its progress was checked.

``tracker_note`` holds what an editor writes beside a status (append-only: the latest of each
field stands), keyed by the measure's stable key with its meeting slug and text kept, like
``tracking_event``. Nothing else changes.

Revision ID: core_0007
Revises: core_0006
"""

import sqlalchemy as sa
from alembic import op

revision = "core_0007"
down_revision = "core_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tracker_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("measure_key", sa.String(64), nullable=False),
        sa.Column("meeting_slug", sa.String(200), nullable=False),
        sa.Column("measure_text", sa.Text(), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("value", sa.String(300), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_tracker_note_measure_key", "tracker_note", ["measure_key"])


def downgrade() -> None:
    op.drop_index("ix_tracker_note_measure_key", table_name="tracker_note")
    op.drop_table("tracker_note")
