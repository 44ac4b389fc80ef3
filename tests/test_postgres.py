"""PostgreSQL beside SQLite: the same searches give the same hits and snippets on both; what is
PostgreSQL's own (psycopg 3 for ``postgresql://``, the GIN index, the tsvector of stored rows
after an upgrade, a server that does not answer). Every store here is on a schema made for the
test (conftest); the releases are synthetic, built in conftest."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from cooptrack.acquire import Document
from cooptrack.errors import StoreError
from cooptrack.record import Record
from cooptrack.store import ItemKind, SearchQuery, Store
from cooptrack.store import store as store_module
from cooptrack.vocab import Theme

MakeRelease = Callable[..., tuple[Document, Record]]

_LONG = (
    "Support enterprises of the two places in exploring markets together, including joint missions to "
    "trade fairs abroad, shared showrooms for small firms, a common register of suppliers and regular "
    "meetings of the chambers of commerce of both places on the rules of public procurement."
)
_SENTENCES = (
    "Set up a joint office for the two places. The office will keep a register of start-ups seeking "
    "partners: it lists their products, their needs for capital and the universities that help them, "
    "and it is open to investors from both places."
)
_AREAS = [
    ("Trade and investment", ["trade_investment"], [(_LONG, ["trade_investment"]), (_SENTENCES, ["finance"])]),
    ("Health and Chinese medicine", ["health"], [("Train doctors of Chinese medicine together.", ["health"])]),
    ("Legal services", ["professional_services"], [("Support law firms opening offices.", ["professional_services"])]),
]
_PEOPLE = [("Chow Law-yan", "Secretary for Justice"), ("Lau Ka-ming", "Chief Secretary for Administration")]


def _fill(store: Store, make_release: MakeRelease) -> Store:
    store.ingest(*make_release(partner="Anhui", year=2023, areas=_AREAS, people=_PEOPLE))
    store.ingest(*make_release(partner="Hunan", year=2024, areas=_AREAS[1:], agreements=["Memorandum on Law Firms"]))
    return store


@pytest.fixture
def both(sqlite_url: str, postgres_url: str, make_release: MakeRelease) -> Iterator[tuple[Store, Store]]:
    with Store(sqlite_url) as lite, Store(postgres_url) as pg:
        yield _fill(lite, make_release), _fill(pg, make_release)


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(SearchQuery("firm"), id="stemmed-word"),
        pytest.param(SearchQuery("showrooms"), id="long-text-cut-on-both-sides"),
        pytest.param(SearchQuery("procurement"), id="long-text-cut-before"),
        pytest.param(SearchQuery("enterprises"), id="long-text-cut-after"),
        pytest.param(SearchQuery('"chinese medicine"'), id="phrase"),
        pytest.param(SearchQuery("memorand*"), id="prefix"),
        pytest.param(SearchQuery("justice"), id="in-the-post"),
        pytest.param(SearchQuery("the two places"), id="stop-words-count"),
        pytest.param(SearchQuery("places"), id="repeated-match"),
        pytest.param(SearchQuery("markets suppliers"), id="two-words-far-apart"),
        pytest.param(SearchQuery("register"), id="window-at-a-sentence"),
        pytest.param(SearchQuery("universities"), id="window-after-a-colon"),
        pytest.param(SearchQuery("law justice"), id="one-word-in-each-column"),
        pytest.param(SearchQuery("law", partner="hunan", kind=ItemKind.AGREEMENT), id="facets"),
        pytest.param(SearchQuery("medicine", theme=Theme.HEALTH, year=2024), id="theme-and-year"),
        pytest.param(SearchQuery("co-operation"), id="hyphenated"),
        pytest.param(SearchQuery("it's law"), id="apostrophe"),
        pytest.param(SearchQuery("law) OR (NEAR* \\' :* &"), id="query-syntax-is-literal"),
    ],
)
def test_both_databases_give_the_same_hits_and_snippets(both: tuple[Store, Store], query: SearchQuery) -> None:
    lite, pg = both
    assert pg.full_text and pg.engine.dialect.name == "postgresql"  # PostgreSQL's own search, not LIKE

    def found(store: Store) -> list[tuple[str, str, str, str, list[str]]]:
        hits = store.search(query)
        return sorted((h.meeting, h.kind, h.text, h.snippet, [h.snippet[a:b] for a, b in h.highlights]) for h in hits)

    assert found(pg) == found(lite)


def test_a_long_item_is_cut_around_the_match_with_ellipses(both: tuple[Store, Store]) -> None:
    for store in both:
        [hit] = store.search(SearchQuery("showrooms"))
        assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
        assert [hit.snippet[a:b] for a, b in hit.highlights] == ["showrooms"]
        assert hit.snippet.strip("…") in _LONG and len(hit.snippet.split()) <= 16


def test_a_postgresql_url_without_a_driver_uses_psycopg_3(postgres_url: str) -> None:
    with Store(postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)) as store:
        assert store.engine.dialect.driver == "psycopg"
        assert store.revision is not None and store.upgraded_from is None  # a new (empty) schema


def test_the_search_can_use_the_gin_index(postgres_url: str, make_release: MakeRelease) -> None:
    with Store(postgres_url) as store:
        _fill(store, make_release)
        with store.engine.connect() as connection:
            connection.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: make the planner show its hand
            plan = connection.execute(
                text(
                    "EXPLAIN SELECT id FROM search_entry WHERE search_vector @@ "
                    "phraseto_tsquery('cooptrack_english'::regconfig, 'law')"
                )
            ).scalars()
            assert "ix_search_entry_search_vector" in "\n".join(plan)


def test_rows_stored_before_the_search_migration_are_found_after_it(
    postgres_url: str, make_release: MakeRelease
) -> None:
    with Store(postgres_url) as store:
        _fill(store, make_release)
        before = store.counts()
    config = Config()
    config.set_main_option("script_location", str(Path(store_module.__file__).parent / "migrations"))
    config.set_main_option("sqlalchemy.url", postgres_url.replace("%", "%%"))
    command.downgrade(config, "core_0002")
    with Store(postgres_url) as store:
        assert store.upgraded_from == "core_0002" and store.full_text
        assert store.counts() == before
        assert {h.meeting for h in store.search(SearchQuery("firms"))} == {"anhui-plenary-3", "hunan-plenary-3"}


def test_a_server_that_does_not_answer_is_one_clear_error() -> None:
    with pytest.raises(
        StoreError, match=r"^cannot open the database postgresql://postgres:\*\*\*@127.0.0.1:1/test: "
    ) as caught:
        Store("postgresql://postgres:secret@127.0.0.1:1/test")
    message = str(caught.value)
    assert "127.0.0.1" in message and "\n" not in message and "secret" not in message
