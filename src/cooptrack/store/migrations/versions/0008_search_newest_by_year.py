"""Search newest first, a meeting without a date by its year: ``ix_meeting_date`` becomes ``ix_meeting_newest``.

Search sorts the newest meetings first as the pages do: by year, then date, a meeting with a year
but no date after the dated ones of its year, one with neither last. core_0005's index on
``(date, id)`` cannot give that order; ``(year, date, id)`` can (SQLite reads it backwards, its NULLs
sorting first, hence last; on PostgreSQL ``(year DESC NULLS LAST, date DESC NULLS LAST, id DESC)``).
Nothing else changes.

Revision ID: core_0008
Revises: core_0007
"""

from alembic import op

revision = "core_0008"
down_revision = "core_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_meeting_date", table_name="meeting")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_meeting_newest ON meeting (year DESC NULLS LAST, date DESC NULLS LAST, id DESC)")
    else:
        op.create_index("ix_meeting_newest", "meeting", ["year", "date", "id"])


def downgrade() -> None:
    op.drop_index("ix_meeting_newest", table_name="meeting")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_meeting_date ON meeting (date DESC NULLS LAST, id DESC)")
    else:
        op.create_index("ix_meeting_date", "meeting", ["date", "id"])
