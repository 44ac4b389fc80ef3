"""The core schema: sources, document versions, meetings and their items, the search index.

On SQLite the full-text index is an FTS5 table over ``search_entry`` kept in step by triggers;
other dialects search with LIKE until their own index is added (``store/search.py``).

Revision ID: core_0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "core_0001"
down_revision = None
branch_labels = None
depends_on = None

_TABLES = ("search_entry", "agreement", "measure", "area", "person", "meeting", "document_version", "source")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _fk(table: str, column: str, ref: str, *, cascade: bool = False) -> sa.Column[int]:
    target = sa.ForeignKey(f"{ref}.id", name=f"fk_{table}_{column}_{ref}", ondelete="CASCADE" if cascade else None)
    return sa.Column(column, sa.Integer, target, nullable=False, index=True)


def _span() -> list[sa.Column[int]]:
    return [sa.Column("span_start", sa.Integer), sa.Column("span_end", sa.Integer)]


def _unique(table: str, *columns: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=f"uq_{table}_{'_'.join(columns)}")


def upgrade() -> None:
    op.create_table(
        "source",
        _id(),
        sa.Column("uri", sa.String(2000), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        _unique("source", "uri"),
    )
    op.create_table(
        "document_version",
        _id(),
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("source.id", name="fk_document_version_source_id_source"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("encoding", sa.String(40), nullable=False),
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("fetched_at", sa.DateTime, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("parser_version", sa.String(20), nullable=False),
        sa.Column("relevant", sa.Boolean, nullable=False),
        sa.Column("relevance_reason", sa.Text),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("cleaned_text", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        _unique("document_version", "source_id", "version"),
    )
    op.create_index("ix_document_version_current", "document_version", ["source_id", "is_current"])
    op.create_table(
        "meeting",
        _id(),
        sa.Column("slug", sa.String(200), nullable=False),
        _fk("meeting", "document_id", "document_version"),
        sa.Column("mechanism", sa.String(300)),
        sa.Column("partner", sa.String(100), index=True),
        sa.Column("kind", sa.String(40)),
        sa.Column("ordinal", sa.Integer),
        sa.Column("date", sa.Date),
        sa.Column("date_text", sa.String(100)),
        sa.Column("year", sa.Integer, index=True),
        sa.Column("year_from", sa.Integer),
        sa.Column("year_to", sa.Integer),
        sa.Column("venue", sa.String(200)),
        sa.Column("declared_area_count", sa.Integer),
        sa.Column("flags", sa.JSON, nullable=False),
        sa.Column("document_kind", sa.String(20), nullable=False),
        sa.Column("title", sa.Text),
        *_span(),
        _unique("meeting", "slug"),
    )
    op.create_table(
        "person",
        _id(),
        _fk("person", "meeting_id", "meeting", cascade=True),
        _fk("person", "document_id", "document_version"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("honorific", sa.String(20)),
        sa.Column("post", sa.Text),
        sa.Column("side", sa.String(20)),
        sa.Column("roles", sa.JSON, nullable=False),
        *_span(),
    )
    op.create_table(
        "area",
        _id(),
        _fk("area", "meeting_id", "meeting", cascade=True),
        _fk("area", "document_id", "document_version"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("heading", sa.Text),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("extent_start", sa.Integer),
        sa.Column("extent_end", sa.Integer),
        *_span(),
    )
    op.create_table(
        "measure",
        _id(),
        sa.Column("key", sa.String(64), nullable=False),
        _fk("measure", "meeting_id", "meeting", cascade=True),
        _fk("measure", "area_id", "area", cascade=True),
        _fk("measure", "document_id", "document_version"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("primary_theme", sa.String(40), index=True),
        *_span(),
        _unique("measure", "key"),
    )
    op.create_table(
        "agreement",
        _id(),
        sa.Column("key", sa.String(64), nullable=False),
        _fk("agreement", "meeting_id", "meeting", cascade=True),
        _fk("agreement", "document_id", "document_version"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("annex", sa.String(100)),
        sa.Column("chinese_only", sa.Boolean, nullable=False),
        sa.Column("signatories", sa.JSON, nullable=False),
        *_span(),
        _unique("agreement", "key"),
    )
    op.create_table(
        "search_entry",
        _id(),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column("item_id", sa.Integer, nullable=False),
        _fk("search_entry", "meeting_id", "meeting", cascade=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("extra", sa.Text, nullable=False),
        sa.Column("themes", sa.String(400), nullable=False),
        *_span(),
    )
    if _has_fts5():
        _create_fts()


def _has_fts5() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return bool(bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar())


def _create_fts() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(text, extra, content='search_entry', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    insert = "INSERT INTO search_fts(rowid, text, extra) VALUES (new.id, new.text, new.extra);"
    delete = "INSERT INTO search_fts(search_fts, rowid, text, extra) VALUES ('delete', old.id, old.text, old.extra);"
    op.execute(f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN {delete} END")
    op.execute(f"CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN {delete} {insert} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("search_entry_ai", "search_entry_ad", "search_entry_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    for table in _TABLES:
        op.drop_table(table)
