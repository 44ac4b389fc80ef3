"""The web server's view of the store (``Store.meeting_snapshot``, issue 14 item 4) holds what the
ORM gives, as plain objects: every attribute of every meeting, report, person, area, measure and
agreement equal to ``Store.all_meetings()``, on the five real releases and on one meeting with three
sources (two in Chinese), on SQLite and PostgreSQL. Texts are not held: they are read when asked
for, and only the last few are kept. A big build is frozen out of the collector's scans, and a view
let go is collected before the next is frozen.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from cooptrack.serve.app import WebSettings, create_app
from cooptrack.serve.context import Web
from cooptrack.store import Store, snapshot
from webtools import parsed

PAIR = Path(__file__).parent / "data" / "series" / "sichuan_pair"

_MEETING = ("id", "slug", "identity", "document_id", "mechanism", "partner", "kind", "ordinal", "date", "date_text",
            "year", "year_from", "year_to", "year_reasons", "venue", "declared_area_count", "flags",
            "document_kind", "title", "span")  # fmt: skip
_DOCUMENT = ("id", "source_id", "version", "sha256", "size", "encoding", "media_type", "fetched_at", "ingested_at",
             "parser_version", "relevant", "relevance_reason", "is_current", "cleaned_text", "record")  # fmt: skip
_ITEMS: dict[str, tuple[str, ...]] = {
    "people": ("id", "position", "name", "honorific", "post", "side", "roles", "span"),
    "areas": ("id", "position", "heading", "themes", "extent_start", "extent_end", "span"),
    "measures": ("id", "key", "area_id", "position", "text", "themes", "primary_theme", "quantities", "span"),
    "agreements": ("id", "key", "position", "title", "kind", "annex", "chinese_only", "signatories", "span"),
}


def _ingest(store: Store, paths: list[Path]) -> None:
    for path in paths:
        store.ingest(*parsed(path))  # (each file parsed once a session)


def _plain(value: Any) -> Any:
    """Lists and tuples compared as lists (the snapshot holds tuples where the ORM holds lists)."""
    return [_plain(v) for v in value] if isinstance(value, list | tuple) else value


def _same(orm: Any, light: Any, names: tuple[str, ...], where: str) -> None:
    for name in names:
        assert _plain(getattr(light, name)) == _plain(getattr(orm, name)), f"{where}.{name}"


def _assert_equal(store: Store) -> None:
    orm, light = store.all_meetings(), store.meeting_snapshot()
    assert [m.slug for m in light] == [m.slug for m in orm]
    for a, b in zip(orm, light, strict=True):
        _same(a, b, _MEETING, a.slug)
        _same(a.document, b.document, _DOCUMENT, f"{a.slug}.document")
        assert b.document.source.uri == a.document.source.uri
        assert b.document.record_json() == a.document.record_json()
        assert b.completeness == a.completeness
        assert [(r.source.uri, r.is_primary, r.document.id) for r in b.reports] == [
            (r.source.uri, r.is_primary, r.document.id) for r in a.reports
        ]
        for kind, names in _ITEMS.items():
            mine, theirs = getattr(b, kind), getattr(a, kind)
            assert len(mine) == len(theirs), f"{a.slug}.{kind}"
            for x, y in zip(theirs, mine, strict=True):
                _same(x, y, names, f"{a.slug}.{kind}[{x.position}]")
                assert y.meeting is b
        for area_a, area_b in zip(a.areas, b.areas, strict=True):
            assert [x.key for x in area_b.measures] == [x.key for x in area_a.measures]
            assert all(x.area is area_b for x in area_b.measures)


def test_the_snapshot_of_the_real_releases_equals_the_orm(store: Store, corpus: Path) -> None:
    _ingest(store, sorted(corpus.glob("*.txt")))
    assert len(store.all_meetings()) >= 4
    _assert_equal(store)


def test_a_meeting_of_three_sources_in_two_languages_equals_the_orm(store: Store) -> None:
    _ingest(store, sorted(PAIR.glob("*.txt")))
    [meeting] = store.meeting_snapshot()
    assert len(meeting.reports) == 3
    _assert_equal(store)


def test_items_stored_out_of_their_order_are_read_in_it(store: Store, corpus: Path) -> None:
    """The snapshot reads a meeting's people, areas, measures and agreements in no order and puts
    them in their positions' order: with every position reversed in the database (rows stored in
    the opposite of their order, as rows rewritten by a later version can be), it still lists them
    as the ORM does."""
    _ingest(store, sorted(corpus.glob("*.txt")))
    before = [[x.key for x in m.measures] for m in store.meeting_snapshot()]
    with store.engine.begin() as connection:
        for table in ("person", "area", "measure", "agreement"):
            connection.execute(text(f"UPDATE {table} SET position = 1000 - position"))
    after = store.meeting_snapshot()
    assert [[x.key for x in m.measures] for m in after] == [list(reversed(keys)) for keys in before]
    assert any(len(keys) > 1 for keys in before)
    _assert_equal(store)


def test_texts_are_read_when_asked_and_only_the_last_few_kept(memory_store: Store, corpus: Path) -> None:
    _ingest(memory_store, sorted(corpus.glob("*.txt")))
    meetings = memory_store.meeting_snapshot()
    texts = meetings[0].document.texts
    assert all(m.document.texts is texts for m in meetings)  # one reader for the whole snapshot
    assert not any("cleaned_text" in type(m.document).__slots__ for m in meetings)  # type: ignore[attr-defined]
    assert len(texts._kept) == 0
    assert meetings[0].document.cleaned_text.strip()
    assert len(texts._kept) == 1
    for m in meetings:
        assert m.document.cleaned_text == memory_store.meeting(m.slug).document.cleaned_text
    assert len(texts._kept) == len(meetings)


@pytest.mark.parametrize("count", [1, 7, 100])
def test_the_texts_kept_are_bounded(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    asked: list[int] = []

    class Session:
        def __enter__(self) -> Session:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def execute(self, stmt: Any) -> Any:
            document_id = stmt.whereclause.right.value
            asked.append(document_id)

            class Row:
                cleaned_text, record = f"text {document_id}", {"n": document_id}

            class Result:
                def one(self) -> Row:
                    return Row()

            return Result()

    texts = snapshot.Texts(Session)
    for n in range(count):
        assert texts.of(n) == (f"text {n}", {"n": n})
    assert texts.of(count - 1) == (f"text {count - 1}", {"n": count - 1})  # the last one: kept, not asked again
    assert asked == list(range(count))
    assert len(texts._kept) == min(count, snapshot._TEXTS_KEPT)


def test_pinned_texts_are_read_a_thousand_at_a_time_and_let_go(memory_store: Store, corpus: Path) -> None:
    _ingest(memory_store, sorted(corpus.glob("*.txt")))
    meetings = memory_store.meeting_snapshot()
    texts = meetings[0].document.texts
    statements: list[str] = []
    real = texts._session

    def counting() -> Any:
        opened = real()

        class Counting:
            def __enter__(self) -> Any:
                session = opened.__enter__()
                execute = session.execute
                session.execute = lambda stmt, *a, **k: statements.append(str(stmt)) or execute(stmt, *a, **k)
                return session

            def __exit__(self, *exc: Any) -> Any:
                return opened.__exit__(*exc)

        return Counting()

    texts._session = counting
    ids = [m.document.id for m in meetings] * 3 + list(range(10_000, 12_500))  # repeated and unknown ids too
    with texts.pinned(ids):
        assert len(statements) == 3  # 2,5xx distinct ids: three statements
        for m in meetings:
            assert m.document.cleaned_text == memory_store.meeting(m.slug).document.cleaned_text
        assert len(statements) == 3  # nothing read again inside the block
    assert texts._pinned == {}
    meetings[0].document.record  # noqa: B018 - read once more, now outside the block
    assert len(statements) == 4


class _Node:
    """A cycle of two: what the collector alone can free (as a meeting and its measures)."""

    def __init__(self) -> None:
        self.other = _Other(self)


class _Other:
    def __init__(self, node: _Node) -> None:
        self.node = node


def test_a_big_build_is_frozen_and_a_view_let_go_is_collected_before_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "_let_go", False)
    gc.unfreeze()
    try:
        with snapshot.no_collection():
            few = [_Node() for _ in range(100)]
        assert gc.get_freeze_count() == 0 and gc.isenabled(), "a small build is left to the collector"
        with snapshot.no_collection():
            many = [_Node() for _ in range(snapshot._SETTLE_AFTER)]
        assert gc.get_freeze_count() >= 2 * snapshot._SETTLE_AFTER and gc.isenabled()
        old = weakref.ref(many[0])
        del many, few
        gc.collect()
        assert old() is not None, "frozen: kept out of collections"
        snapshot.let_go()
        assert gc.get_freeze_count() == 0
        with snapshot.no_collection():
            again = [_Node() for _ in range(snapshot._SETTLE_AFTER)]
        assert old() is None, "the view let go was collected before the new one was frozen"
        assert gc.get_freeze_count() >= 2 * snapshot._SETTLE_AFTER and len(again) == snapshot._SETTLE_AFTER
    finally:
        gc.unfreeze()


def test_memory_freed_by_a_big_build_goes_back_to_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a big build the C library is asked to give back what was freed (glibc's malloc_trim,
    found on this Debian machine); a small build does not ask."""
    assert snapshot._malloc_trim() is not None
    asked: list[int] = []
    monkeypatch.setattr(snapshot, "_malloc_trim", lambda: asked.append)
    monkeypatch.setattr(snapshot, "_let_go", False)
    gc.unfreeze()
    try:
        with snapshot.no_collection():
            _few = [_Node() for _ in range(100)]
        assert asked == []
        with snapshot.no_collection():
            _many = [_Node() for _ in range(snapshot._SETTLE_AFTER)]
        assert asked == [0]
    finally:
        gc.unfreeze()


def test_a_measures_words_are_one_string_across_views(memory_store: Store, corpus: Path) -> None:
    """The next view after a write holds the same string for the same words (the pairs of measures
    worded alike are remembered by their words: no second copy kept)."""
    _ingest(memory_store, sorted(corpus.glob("*.txt")))
    first, second = memory_store.meeting_snapshot(), memory_store.meeting_snapshot()
    pairs = [(x, y) for m, n in zip(first, second, strict=True) for x, y in zip(m.measures, n.measures, strict=True)]
    assert len(pairs) > 20 and all(x.text is y.text and x is not y for x, y in pairs)


def test_an_offset_is_one_int_however_many_items_start_or_end_there(memory_store: Store, corpus: Path) -> None:
    """Spans repeat across releases of one layout: each distinct offset is held once in a view."""
    _ingest(memory_store, sorted(corpus.glob("*.txt")))
    meetings = memory_store.meeting_snapshot()
    items = [i for m in meetings for i in (*m.people, *m.areas, *m.measures, *m.agreements)]
    offsets = [n for i in items for n in (i.span_start, i.span_end) if n is not None and n > 256]  # beyond the cache
    held: dict[int, int] = {}
    assert all(held.setdefault(n, n) is n for n in offsets)
    assert len(held) < len(offsets)  # offsets do repeat: the check compared some


def test_a_server_process_keeps_few_malloc_arenas(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """``cooptrack serve``'s application asks glibc (found on this Debian machine) for two arenas
    before its threads allocate; an application built without ``warm`` (a test's) leaves it be."""
    assert snapshot._glibc("mallopt") is not None
    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(snapshot, "_glibc", lambda name: (lambda *a: asked.append(a)) if name == "mallopt" else None)
    monkeypatch.setattr(Web, "keep_up", lambda self: None)  # no view built for this test
    create_app(store)
    assert asked == []
    create_app(store, WebSettings(warm=True))
    assert asked == [(-8, 2)]  # M_ARENA_MAX
    store.keep_in_background(False)
