"""Initial schema: sources, document versions, meetings, items, and the full-text index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uri", sa.String(2000), nullable=False, unique=True),
        sa.Column("name", sa.String(500), nullable=False),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("source.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("encoding", sa.String(40), nullable=False),
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("fetched_at", sa.DateTime, nullable=False),
        sa.Column("parser_version", sa.String(20), nullable=False),
        sa.Column("relevant", sa.Boolean, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("cleaned_text", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.UniqueConstraint("source_id", "sha256"),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("mechanism", sa.String(300), nullable=False),
        sa.Column("partner", sa.String(100)),
        sa.Column("kind", sa.String(60)),
        sa.Column("ordinal", sa.Integer),
        sa.Column("date", sa.Date),
        sa.Column("date_text", sa.String(60)),
        sa.Column("year", sa.Integer),
        sa.Column("venue", sa.String(100)),
        sa.Column("document_kind", sa.String(20), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("declared_area_count", sa.Integer),
        sa.Column("flags", sa.JSON, nullable=False),
    )
    op.create_table(
        "item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "meeting_id", sa.Integer, sa.ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("key", sa.String(64), nullable=False, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("area", sa.Text),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE item_fts USING fts5(text, area, content='item', content_rowid='id')")
        op.execute(
            "CREATE TRIGGER item_ai AFTER INSERT ON item BEGIN "
            "INSERT INTO item_fts(rowid, text, area) VALUES (new.id, new.text, new.area); END"
        )
        op.execute(
            "CREATE TRIGGER item_ad AFTER DELETE ON item BEGIN "
            "INSERT INTO item_fts(item_fts, rowid, text, area) VALUES ('delete', old.id, old.text, old.area); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS item_fts")
    for table in ("item", "meeting", "document", "source"):
        op.drop_table(table)
