"""Storage on a SQLite file: idempotent ingest, versions kept, re-parse on a parser upgrade,
full-text search with facets, and items that point back into the stored text."""

from __future__ import annotations

from pathlib import Path

import pytest

from cooptrack.acquire import read_path
from cooptrack.errors import NotFound, StoreError
from cooptrack.pipeline import parse_document
from cooptrack.store import Outcome, Store

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SYNTHETIC = Path(__file__).parent / "data" / "synthetic"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'test.db'}")


def _ingest(store: Store, path: Path) -> Outcome:
    doc = read_path(path)
    return store.ingest(doc, parse_document(doc))


def test_ingesting_the_same_document_twice_changes_nothing(store: Store) -> None:
    paths = sorted(CORPUS.glob("*.txt"))
    assert [_ingest(store, p) for p in paths] == [Outcome.INSERTED] * 5
    before = store.counts()
    assert [_ingest(store, p) for p in paths] == [Outcome.UNCHANGED] * 5
    assert store.counts() == before
    assert before["meetings"] == 5


def test_a_changed_document_becomes_a_new_version_and_the_old_is_kept(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    original = (CORPUS / "001_3b3d6f915a112d97.txt").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    assert _ingest(store, path) is Outcome.INSERTED
    path.write_text(original.replace("Fifth Plenary Session", "Sixth Plenary Session"), encoding="utf-8")
    assert _ingest(store, path) is Outcome.UPDATED
    counts = store.counts()
    assert (counts["sources"], counts["documents"], counts["meetings"]) == (1, 2, 1)
    assert [m.slug for m, _ in store.meetings()] == ["beijing-plenary-6"]


def test_a_parser_upgrade_reparses_stored_bytes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    path = next(CORPUS.glob("004_*.txt"))
    assert _ingest(store, path) is Outcome.INSERTED
    monkeypatch.setattr("cooptrack.store.PARSER_VERSION", "99.0.0")
    assert _ingest(store, path) is Outcome.UPDATED
    assert store.counts()["documents"] == 1


def test_a_release_that_is_not_about_a_meeting_is_kept_without_a_meeting(store: Store) -> None:
    assert _ingest(store, SYNTHETIC / "lookalike_hainan_courtesy_call.txt") is Outcome.INSERTED
    counts = store.counts()
    assert (counts["documents"], counts["meetings"]) == (1, 0)


def test_search_finds_measures_by_word_and_filters_by_facets(store: Store) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        _ingest(store, path)
    hits = store.search("arbitration", kind="measure")
    assert {h.meeting for h in hits} == {"beijing-plenary-5", "zhejiang-hlm-plenary-1"}
    assert all("\x02" in h.snippet for h in hits)
    assert [h.meeting for h in store.search("arbitration", partner="Zhejiang", kind="measure")] == [
        "zhejiang-hlm-plenary-1"
    ] * 2
    assert store.search("arbitration", year=2017) == []
    health = store.search("Chinese medicine", theme="health", kind="measure")
    assert health and all("health" in h.themes for h in health)
    assert store.search("Sima Hong", kind="person")[0].meeting == "beijing-plenary-5"


def test_stored_items_point_back_into_the_stored_text(store: Store) -> None:
    _ingest(store, next(CORPUS.glob("002_*.txt")))
    _, record = store.meeting("zhejiang-hlm-plenary-1")
    items = store.items()
    assert len(items) > 40
    for item, _, uri, sha in items:
        assert item.span_start is not None and item.span_end is not None
        assert record.text[item.span_start : item.span_end].startswith(item.text[:40])
        assert uri.endswith(".txt") and len(sha) == 64


def test_unknown_meeting_and_unopenable_database_give_clear_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match='no meeting "nowhere-9"'):
        store.meeting("nowhere-9")
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(f"sqlite:///{tmp_path / 'missing-folder' / 'x.db'}")
