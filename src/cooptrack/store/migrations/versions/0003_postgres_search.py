"""PostgreSQL's own full-text search: a generated ``tsvector`` on ``search_entry``, GIN-indexed.

The text search configuration ``cooptrack_english`` is PostgreSQL's ``english`` with a stemmer
that keeps stop words (like SQLite's FTS5 ``porter`` tokenizer, so that "the Belt and Road"
finds the same items on both). ``search_vector`` is ``text`` then ``extra``, kept in step by
PostgreSQL itself (a stored generated column). Nothing changes on SQLite: its FTS5 index came
with ``core_0001``.

Revision ID: core_0003
Revises: core_0002
"""

from alembic import op

revision = "core_0003"
down_revision = "core_0002"
branch_labels = None
depends_on = None

CONFIG = "cooptrack_english"  # also named in store/search.py
_DICTIONARY = "cooptrack_english_stem"
_WORDS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"  # what ``english`` stems


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE TEXT SEARCH DICTIONARY {_DICTIONARY} (TEMPLATE = snowball, LANGUAGE = english)")
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english)")
    op.execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {_WORDS} WITH {_DICTIONARY}")
    op.execute(
        "ALTER TABLE search_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{CONFIG}', text) || to_tsvector('{CONFIG}', extra)) STORED"
    )
    op.execute("CREATE INDEX ix_search_entry_search_vector ON search_entry USING GIN (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_search_entry_search_vector")
    op.execute("ALTER TABLE search_entry DROP COLUMN search_vector")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION {CONFIG}")
    op.execute(f"DROP TEXT SEARCH DICTIONARY {_DICTIONARY}")
