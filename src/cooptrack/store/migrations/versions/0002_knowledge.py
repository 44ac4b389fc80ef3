"""Knowledge across documents: one meeting, several reports; users' corrections; quantities.

A meeting is now known by its ``identity`` (mechanism, series, ordinal or date) and reported by
one or more sources (``report``); the primary report supplies its facts. Meetings already stored
get their identity and their one report here. ``correction`` keeps users' decisions.

Revision ID: core_0002
Revises: core_0001
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from cooptrack.store.derive import meeting_identity

revision = "core_0002"
down_revision = "core_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("identity", sa.String(400)))
        batch.add_column(sa.Column("year_reasons", sa.JSON, nullable=False, server_default="[]"))
        batch.create_index("ix_meeting_identity", ["identity"])
    with op.batch_alter_table("measure") as batch:
        batch.add_column(sa.Column("quantities", sa.JSON, nullable=False, server_default="[]"))
    op.create_table(
        "report",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "meeting_id",
            sa.Integer,
            sa.ForeignKey("meeting.id", name="fk_report_meeting_id_meeting", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("source.id", name="fk_report_source_id_source"), nullable=False
        ),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("document_version.id", name="fk_report_document_id_document_version"),
            nullable=False,
            index=True,
        ),
        sa.Column("is_primary", sa.Boolean, nullable=False),
        sa.UniqueConstraint("source_id", name="uq_report_source_id"),
    )
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False, index=True),
        sa.Column("left", sa.String(300), nullable=False, index=True),
        sa.Column("right", sa.String(300), nullable=False, index=True),
        sa.Column("left_label", sa.Text, nullable=False),
        sa.Column("right_label", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False),
    )
    _backfill()


def _backfill() -> None:
    """Each stored meeting: its identity, and its document's source as its one (primary) report."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT m.id, m.mechanism, m.partner, m.kind, m.ordinal, m.date, m.document_id, d.source_id "
            "FROM meeting m JOIN document_version d ON d.id = m.document_id"
        )
    ).all()
    for meeting_id, mechanism, partner, kind, ordinal, date, document_id, source_id in rows:
        day = dt.date.fromisoformat(date) if isinstance(date, str) else date
        identity = meeting_identity(mechanism, partner, kind, ordinal, day)
        bind.execute(sa.text("UPDATE meeting SET identity = :i WHERE id = :m"), {"i": identity, "m": meeting_id})
        bind.execute(
            sa.text("INSERT INTO report (meeting_id, source_id, document_id, is_primary) VALUES (:m, :s, :d, :p)"),
            {"m": meeting_id, "s": source_id, "d": document_id, "p": True},
        )


def downgrade() -> None:
    op.drop_table("correction")
    op.drop_table("report")
    with op.batch_alter_table("measure") as batch:
        batch.drop_column("quantities")
    with op.batch_alter_table("meeting") as batch:
        batch.drop_index("ix_meeting_identity")
        batch.drop_column("year_reasons")
        batch.drop_column("identity")
