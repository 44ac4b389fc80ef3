"""Chinese search: folded bigrams in the index, and a meeting's reports in other languages searched.

``search_entry`` gains ``grams`` (the Chinese of the item folded into bigrams, ``store/grams.py``;
empty without Chinese) and ``document_id`` (the document version of the report the item came
from). Both indexes take ``grams`` in: FTS5's ``search_fts`` is made again with a third column and
rebuilt from ``search_entry``; PostgreSQL's generated ``search_vector`` is made again as
``text || extra || grams``. Stored entries are filled in (their meeting's primary document; the
grams of those holding Chinese), and each meeting's other reports in a language or script its
primary report does not cover (the Chinese release beside the English one, the partner's own
report) get their entries, as ingest now writes them. Nothing else changes; nothing is lost.

Revision ID: core_0004
Revises: web_0002
"""

from typing import Any

import sqlalchemy as sa
from alembic import op
from pydantic import ValidationError

from cooptrack.record import Record
from cooptrack.store import derive, grams
from cooptrack.store.models import SearchEntry

revision = "core_0004"
down_revision = "web_0002"
branch_labels = None
depends_on = None

_CONFIG = "cooptrack_english"  # core_0003's text search configuration
_TRIGGERS = ("search_entry_ai", "search_entry_ad", "search_entry_au")


def upgrade() -> None:
    _drop_index()
    with op.batch_alter_table("search_entry") as batch:
        batch.add_column(sa.Column("document_id", sa.Integer))
        batch.add_column(sa.Column("grams", sa.Text))
    _fill()
    with op.batch_alter_table("search_entry") as batch:
        batch.alter_column("document_id", existing_type=sa.Integer, nullable=False)
        batch.alter_column("grams", existing_type=sa.Text, nullable=False)
        batch.create_foreign_key("fk_search_entry_document_id_document_version", "document_version",
                                 ["document_id"], ["id"])  # fmt: skip
    _make_index(("text", "extra", "grams"))


def downgrade() -> None:
    _drop_index()
    op.execute("DELETE FROM search_entry WHERE document_id <> (SELECT document_id FROM meeting "
               "WHERE meeting.id = search_entry.meeting_id)")  # fmt: skip
    with op.batch_alter_table("search_entry") as batch:
        batch.drop_constraint("fk_search_entry_document_id_document_version", type_="foreignkey")
        batch.drop_column("grams")
        batch.drop_column("document_id")
    _make_index(("text", "extra"))


def _fts5() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return bool(bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar())


def _drop_index() -> None:
    """Each dialect's full-text index, before ``search_entry`` changes under it."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_entry_search_vector")
        op.execute("ALTER TABLE search_entry DROP COLUMN IF EXISTS search_vector")
    elif _fts5():
        for trigger in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS search_fts")


def _make_index(columns: tuple[str, ...]) -> None:
    """The full-text index over ``columns``, filled from the rows there are."""
    if op.get_bind().dialect.name == "postgresql":
        vector = " || ".join(f"to_tsvector('{_CONFIG}', {c})" for c in columns)
        op.execute(f"ALTER TABLE search_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED")
        op.execute("CREATE INDEX ix_search_entry_search_vector ON search_entry USING GIN (search_vector)")
        return
    if not _fts5():
        return
    names = ", ".join(columns)
    op.execute(
        f"CREATE VIRTUAL TABLE search_fts USING fts5({names}, content='search_entry', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO search_fts(rowid, {names}) VALUES (new.id, {new});"
    delete = f"INSERT INTO search_fts(search_fts, rowid, {names}) VALUES ('delete', old.id, {old});"
    op.execute(f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN {delete} END")
    op.execute(f"CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN {delete} {insert} END")
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def _fill() -> None:
    """The stored entries' document and grams; the other reports' entries."""
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE search_entry SET grams = '', document_id = (SELECT document_id FROM meeting "
                         "WHERE meeting.id = search_entry.meeting_id)"))  # fmt: skip
    chinese = [
        {"row": row_id, "grams": grams.index_text(text, extra)}
        for row_id, text, extra in bind.execute(sa.text("SELECT id, text, extra FROM search_entry"))
        if grams.has_chinese(text + extra)
    ]
    if chinese:
        bind.execute(sa.text("UPDATE search_entry SET grams = :grams WHERE id = :row"), chinese)
    entries = [entry for meeting_id in _several_reports(bind) for entry in _other_entries(bind, meeting_id)]
    if entries:
        bind.execute(sa.table("search_entry", *(sa.column(name) for name in entries[0])).insert(), entries)


def _several_reports(bind: sa.Connection) -> list[int]:
    stmt = sa.text("SELECT meeting_id FROM report GROUP BY meeting_id HAVING count(*) > 1 ORDER BY meeting_id")
    return [row[0] for row in bind.execute(stmt)]


def _other_entries(bind: sa.Connection, meeting_id: int) -> list[dict[str, Any]]:
    """The entries of the meeting's other reports, as ``Store`` writes them (none for a record this
    version cannot read: the next ingest of its source writes them)."""
    stmt = sa.text(
        "SELECT r.document_id, d.record, d.cleaned_text FROM report r JOIN document_version d ON d.id = r.document_id "
        "WHERE r.meeting_id = :meeting ORDER BY r.is_primary DESC, r.id"
    ).columns(sa.column("document_id", sa.Integer), sa.column("record", sa.JSON), sa.column("cleaned_text", sa.Text))
    records = []
    for document_id, record, text in bind.execute(stmt, {"meeting": meeting_id}):
        try:
            found = Record.model_validate({**record, "text": text})
        except (ValidationError, ValueError, TypeError):
            return []
        records.append((document_id, found))
    columns = [c.name for c in SearchEntry.__table__.columns if c.name != "id"]
    return [
        {name: getattr(entry, name) for name in columns}
        for document_id, record in derive.indexed_reports(records)
        for entry in derive.report_entries(meeting_id, document_id, record)
    ]
