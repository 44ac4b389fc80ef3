"""Search newest first: an index on the meetings' dates.

Search returns the newest matches first by default: it walks the meetings from the newest and
stops at the twentieth match, instead of ranking every match (``store/search.py``). The index is
``meeting (date, id)``; on PostgreSQL ``(date DESC NULLS LAST, id DESC)``, the order search asks
for (SQLite reads ``(date, id)`` backwards: its NULL dates sort first, hence last). Nothing else
changes.

Revision ID: core_0005
Revises: core_0004
"""

from alembic import op

revision = "core_0005"
down_revision = "core_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_meeting_date ON meeting (date DESC NULLS LAST, id DESC)")
    else:
        op.create_index("ix_meeting_date", "meeting", ["date", "id"])


def downgrade() -> None:
    op.drop_index("ix_meeting_date", table_name="meeting")
