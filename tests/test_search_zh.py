"""Search in Chinese (issue 11, item 4), on SQLite (FTS5) and PostgreSQL alike.

A query in either script finds text in both (广州 finds 廣州), two-character phrases inside longer
runs included; the snippet marks the match as written; English search is unchanged; the user's
words are never query syntax; a meeting's report in another language (the Chinese release beside
the English one) is searched too, a copy in the primary's own language is not; a store made before
(at ``web_0002``) is re-indexed by the migration, nothing lost. The releases are synthetic
(``make_release``), the Chinese measures written here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from cooptrack.acquire import Document
from cooptrack.record import Record
from cooptrack.store import ItemKind, SearchQuery, Store
from cooptrack.store import store as store_module
from cooptrack.store.grams import index_text, query_tokens
from cooptrack.store.search import run_search

Release = tuple[Document, Record]
MakeRelease = Callable[..., Release]

_SIMPLIFIED = [("金融合作", ["finance"], [("推动粤港澳大湾区金融市场互联互通。", ["finance"])])]
_TRADITIONAL = [("醫療衞生", ["health"], [("支持廣州與福建醫療機構合作,並研究與CEPA相關的措施。", ["health"])])]
_SICHUAN_ZH = [("金融服務", ["finance"], [("支持四川企業到香港上市融資。", ["finance"])])]


def _chinese(release: Release, script: str) -> Release:
    doc, record = release
    return doc, record.model_copy(update={"language": "zh", "script": script})


@pytest.fixture
def searchable(store: Store, make_release: MakeRelease) -> Store:
    """Guangdong in Simplified, Fujian in Traditional, Anhui in English; Sichuan reported in
    English, in Traditional Chinese and by an English copy (one meeting, three reports)."""
    store.ingest(*_chinese(make_release(partner="Guangdong", areas=_SIMPLIFIED), "simplified"))
    store.ingest(*_chinese(make_release(partner="Fujian", areas=_TRADITIONAL), "traditional"))
    store.ingest(*make_release(partner="Anhui"))
    store.ingest(*make_release(partner="Sichuan", uri="/synthetic/sichuan-en.txt"))
    zh = make_release(partner="Sichuan", areas=_SICHUAN_ZH, uri="/synthetic/sichuan-zh.txt")
    store.ingest(*_chinese(zh, "traditional"))
    store.ingest(*make_release(partner="Sichuan", uri="/synthetic/sichuan-copy.txt", note="(a copy)"))
    return store


def _found(store: Store, query: str, **facets: Any) -> list[str]:
    return sorted(h.meeting for h in store.search(SearchQuery(query, **facets)))


@pytest.mark.parametrize(
    ("query", "meetings"),
    [("粵港", ["guangdong-plenary-3"]), ("粤港澳", ["guangdong-plenary-3"]), ("粵港澳大灣區", ["guangdong-plenary-3"]),
     ("互聯", ["guangdong-plenary-3"]), ("广州", ["fujian-plenary-3"]), ("廣州", ["fujian-plenary-3"]),
     ("医疗", ["fujian-plenary-3", "fujian-plenary-3"]), ("醫療衛生", ["fujian-plenary-3"]),
     ("卫生", ["fujian-plenary-3"]), ("四川", ["sichuan-plenary-3"]), ("澳", ["guangdong-plenary-3"]),
     ("粤港 金融", ["guangdong-plenary-3"]), ("港澳 广州", []), ("州市", []), ("量子", [])],
)  # fmt: skip
def test_a_query_in_either_script_finds_text_in_both(searchable: Store, query: str, meetings: list[str]) -> None:
    assert _found(searchable, query) == meetings


def test_the_snippet_marks_the_match_as_written(searchable: Store) -> None:
    [hit] = searchable.search(SearchQuery("粵港澳", kind=ItemKind.MEASURE))
    assert hit.snippet == "推动粤港澳大湾区金融市场互联互通。"
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["粤港澳"]
    [hit] = searchable.search(SearchQuery("广州 医疗", kind=ItemKind.MEASURE))
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["廣州", "醫療"]
    assert hit.snippet.startswith("支持廣州") and hit.span is not None


def test_a_long_chinese_item_is_cut_around_the_match(store: Store, make_release: MakeRelease) -> None:
    long = "支持两地" + "企业合作" * 20 + "并推动粤港青年交流。" + "加强合作" * 20
    store.ingest(
        *_chinese(make_release(partner="Guangdong", areas=[("青年", ["youth"], [(long, ["youth"])])]), "simplified")
    )
    [hit] = store.search(SearchQuery("粵港", kind=ItemKind.MEASURE))
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…") and len(hit.snippet) < 50
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["粤港"]


def test_latin_words_inside_chinese_are_found(searchable: Store) -> None:
    assert _found(searchable, "CEPA") == ["fujian-plenary-3"]
    assert _found(searchable, '"CEPA相關"') == ["fujian-plenary-3"]
    [hit] = searchable.search(SearchQuery("cepa"))
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["CEPA"]


def test_english_search_is_unchanged(searchable: Store) -> None:
    assert _found(searchable, '"Chinese medicine"') == ["anhui-plenary-3", "sichuan-plenary-3"]
    [hit] = searchable.search(SearchQuery("hospitals", partner="Anhui"))
    assert hit.snippet == "Promote exchanges on Chinese medicine between hospitals."
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["hospitals"]
    with searchable.engine.connect() as connection:
        english = connection.execute(text("SELECT grams FROM search_entry WHERE text LIKE '%medicine%'")).scalars()
        assert set(english) == {""}


def test_another_report_in_another_language_is_searched_a_copy_is_not(searchable: Store) -> None:
    [hit] = searchable.search(SearchQuery("四川", kind=ItemKind.MEASURE))
    assert hit.source == "/synthetic/sichuan-zh.txt" and hit.position == 1
    assert hit.text == "支持四川企業到香港上市融資。"
    english = searchable.search(SearchQuery("hospitals", partner="Sichuan"))
    assert [h.source for h in english] == ["/synthetic/sichuan-en.txt"]  # the English copy's items are not searched


@pytest.mark.parametrize(
    "query", ['粤港" OR 金融', "粤港*", "NEAR(粤港 金融)", "grams : 粤港", "粤'港", "港:*", "(粤港"]
)
def test_the_users_words_are_never_query_syntax(searchable: Store, query: str) -> None:
    searchable.search(SearchQuery(query))  # no error, whatever it finds


def test_without_a_full_text_index_chinese_is_found_by_its_bigrams(searchable: Store) -> None:
    with searchable._read() as session:  # the LIKE path of a database with neither index
        hits = run_search(session, SearchQuery("廣州"), full_text=False)
        assert [h.meeting for h in hits] == ["fujian-plenary-3"]
        assert [h.snippet[a:b] for h in hits for a, b in h.highlights] == ["廣州"]


def test_the_bigrams_of_a_text_and_of_a_query() -> None:
    assert index_text("粵港澳大灣區與CEPA") == "粤港 港澳 澳大 大湾 湾区 区与 与 cepa"
    assert index_text("Chinese medicine") == ""
    assert [(t.text, t.prefix) for t in query_tokens("廣州")] == [("广州", False)]
    assert [(t.text, t.prefix) for t in query_tokens("港")] == [("港", True)]
    assert [(t.text, t.prefix) for t in query_tokens("相關CEPA")] == [("相关", False), ("关", False), ("cepa", False)]


# --- a store made before: the migration re-indexes it ---------------------------------------------


def test_a_store_made_before_is_reindexed_by_the_migration(db_url: str, make_release: MakeRelease) -> None:
    with Store(db_url) as store:
        store.ingest(*_chinese(make_release(partner="Guangdong", areas=_SIMPLIFIED), "simplified"))
        store.ingest(*make_release(partner="Sichuan", uri="/synthetic/sichuan-en.txt"))
        zh = make_release(partner="Sichuan", areas=_SICHUAN_ZH, uri="/synthetic/sichuan-zh.txt")
        store.ingest(*_chinese(zh, "traditional"))
        before = store.counts()
        _migrate(store, "web_0002")  # as a store of the last version was
        with store.engine.connect() as connection:
            columns = connection.execute(text("SELECT * FROM search_entry")).keys()
            assert "grams" not in columns and "document_id" not in columns
    with Store(db_url) as store:
        assert store.upgraded_from == "web_0002" and store.revision == _head()
        assert store.counts() == before
        assert _found(store, "粵港") == ["guangdong-plenary-3"]
        assert [h.source for h in store.search(SearchQuery("四川"))] == ["/synthetic/sichuan-zh.txt"]
        assert _found(store, '"Chinese medicine"') == ["sichuan-plenary-3"]


def _migrate(store: Store, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(store_module._MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _head() -> str | None:
    """The newest revision of the migrations (a later one than core_0004 may have come)."""
    config = Config()
    config.set_main_option("script_location", str(Path(store_module.__file__).parent / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()
