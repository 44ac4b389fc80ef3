"""Pair scores: the measures of two meetings worded alike, kept so that no process scores them again.

``pair_score`` holds, for a pair of consecutive meetings of a mechanism (a hash of both meetings'
measure texts), the pairs of their measures worded at least ``LINK_MIN`` alike. Derived from the
documents alone and keyed by their content, so it is never out of date and may be emptied at any
time (it is filled again when the commitments are next followed). Nothing else changes.

Revision ID: core_0009
Revises: core_0008
"""

import sqlalchemy as sa
from alembic import op

revision = "core_0009"
down_revision = "core_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pair_score",
        sa.Column("pair", sa.String(32), primary_key=True),
        sa.Column("scores", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pair_score")
