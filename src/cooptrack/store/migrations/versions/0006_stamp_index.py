"""The server's stamp in constant time: an index on when document versions were ingested.

``Store.stamp()`` (asked on every web request, see ``store/tracking.py``) reads the latest
``document_version.ingested_at``, which a re-parse moves forward on a version it rewrites in
place. Without an index that maximum read every version row (11 ms a request at 5,000 pages,
growing with the store); with it, one index look-up. Nothing else changes.

Revision ID: core_0006
Revises: core_0005
"""

from alembic import op

revision = "core_0006"
down_revision = "core_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_document_version_ingested_at", "document_version", ["ingested_at"])


def downgrade() -> None:
    op.drop_index("ix_document_version_ingested_at", table_name="document_version")
