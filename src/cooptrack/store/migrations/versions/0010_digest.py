"""Digests: the overview as worked out for one state of the store, read by every new server process.

``digest`` holds, by name, what a page shows across every meeting with the stamp of the store it
was worked out from. Derived, never entered: it may be emptied at any time (it is worked out again
when next asked for). Nothing else changes.

Revision ID: core_0010
Revises: core_0009
"""

import sqlalchemy as sa
from alembic import op

revision = "core_0010"
down_revision = "core_0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("stamp", sa.String(500), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("digest")
