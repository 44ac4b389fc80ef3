"""The store's write path in batches (``Store.ingest_batch`` written straight through), on SQLite
and PostgreSQL: a batch stores what the same documents stored one by one store, whatever they are
to one another (a meeting reported again in the batch or before it, the same uri twice, a slug
taken, a meeting of other years numbered alike, the same bytes, a newer parser, a corrected
ordinal); a document the database refuses costs that document alone; and the statements a batch
sends do not grow with its new meetings or its unchanged documents (counted, not timed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from cooptrack.acquire import Document
from cooptrack.record import Record
from cooptrack.store import Outcome, Store, writes
from cooptrack.store.models import Base

Release = tuple[Document, Record]
MakeRelease = Callable[..., Release]

_MORE_AREAS = [
    (
        "Trade and investment",
        ["trade_investment"],
        [("Hold a joint trade fair for small firms.", ["trade_investment"])],
    ),
    ("Health", ["health"], [("Promote exchanges on Chinese medicine between hospitals.", ["health"])]),
    ("Education", ["education"], [("Exchange teachers between secondary schools.", ["education"])]),
]


def _first_batch(make_release: MakeRelease) -> list[Release]:
    anhui = make_release(partner="Anhui")
    fuller_doc, fuller = make_release(partner="Anhui", areas=_MORE_AREAS, uri="https://www.info.gov.hk/anhui-3.htm")
    fujian_doc, fujian = make_release(partner="Fujian", ordinal=1, uri="/synthetic/fujian-1-zh.txt", note="(zh)")
    # in Chinese, its entries searched too; its partner named otherwise: its slug is not the meeting's
    chinese = fujian.model_copy(update={"language": "zh", "script": "traditional", "partner": "Fujian Province"})
    return [
        anhui,
        make_release(partner="Hunan"),
        (fuller_doc, fuller),  # the same meeting again, the better report: its facts and items win
        make_release(relevant=False, uri="/synthetic/courtesy-call.txt"),
        make_release(partner="Jiangxi", ordinal=None, year=None),  # the slug from the hash
        make_release(partner="Anhui", year=2012, uri="/synthetic/anhui-3-2012.txt"),  # the 3rd of 2012: another
        make_release(partner="Hunan", note="(corrected)"),  # the same uri, new bytes: a second version
        make_release(partner="Hubei", ordinal=1),
        anhui,  # the same bytes again
        make_release(partner="Fujian", ordinal=1),
        (fujian_doc, chinese),
    ]


def _second_batch(make_release: MakeRelease) -> list[Release]:
    hubei_doc, hubei = make_release(partner="Hubei", ordinal=2, uri="/synthetic/hubei-2-b.txt")
    return [
        make_release(partner="Anhui"),  # stored already
        make_release(partner="Hunan", parser_version="999.0.0"),  # a newer parser, the old bytes: a reparse
        make_release(
            partner="Hubei", ordinal=2, uri="/synthetic/hubei-1.txt", note="(the 2nd)"
        ),  # a corrected ordinal: it moves
        (hubei_doc, hubei.model_copy(update={"partner": "Hubei Province"})),  # the meeting just made, its slug not
        make_release(partner="Guangxi", ordinal=4),
        make_release(partner="Guangxi", ordinal=4, areas=_MORE_AREAS, uri="/synthetic/guangxi-4-b.txt"),
        make_release(partner="Anhui", areas=_MORE_AREAS, uri="/synthetic/anhui-3-copy.txt"),  # a third report
        make_release(partner="Sichuan", ordinal=None, year=None, relevant=False, uri="/synthetic/anhui-3-2012.txt"),
        make_release(partner="Hunan", note="(corrected)"),  # the bytes stored before the batch, not now
        make_release(partner="Jiangxi", ordinal=None, year=None, parser_version="999.0.0"),  # read again in place
    ]


def test_a_batch_stores_what_the_documents_one_by_one_store(
    store: Store, make_release: MakeRelease, tmp_path: Path
) -> None:
    outcomes = []
    with Store(f"sqlite:///{tmp_path / 'one-by-one.db'}") as reference:
        for batch in (_first_batch(make_release), _second_batch(make_release)):
            expected = [reference.ingest(doc, record) for doc, record in batch]
            assert store.ingest_batch(batch) == expected
            assert _contents(store) == _contents(reference)
            outcomes.append("".join(r.outcome.value[0] for r in expected))
            if len(outcomes) == 1:
                assert store.meeting("anhui-plenary-3-2").year == 2012  # numbered like the one of 2024
    assert outcomes == ["iiiiiiuiuii", "uuuiiiiuuu"]  # inserted, updated, unchanged
    counts = store.counts()
    assert (counts["source"], counts["document_version"], counts["meeting"], counts["report"]) == (13, 18, 6, 11)
    anhui = store.meeting("anhui-plenary-3")
    assert (len(anhui.reports), len(anhui.areas)) == (3, 3)
    slugs = {m.meeting.slug for m in store.meetings()}
    assert "anhui-plenary-3-2" not in slugs  # its one report is about no meeting now
    assert ("hubei-plenary-1" in slugs, "hubei-plenary-2" in slugs) == (False, True)  # it moved


def test_a_document_the_database_refuses_costs_that_document_alone(store: Store, make_release: MakeRelease) -> None:
    """PostgreSQL refuses a partner longer than its column (SQLite keeps any length): that document
    is rolled back alone, after the others of its batch were written with it."""
    batch = [make_release(partner="Anhui"), make_release(partner="Longname" * 20), make_release(partner="Hunan")]
    refused = store.engine.dialect.name == "postgresql"
    results = store.ingest_batch([*batch, make_release(partner="Anhui", uri="/synthetic/anhui-again.txt")])
    assert [r.outcome for r in results] == [
        Outcome.INSERTED,
        Outcome.REJECTED if refused else Outcome.INSERTED,
        Outcome.INSERTED,
        Outcome.INSERTED,
    ]
    partners = sorted(m.meeting.partner or "" for m in store.meetings())
    assert partners == ["Anhui", "Hunan"] if refused else ["Anhui", "Hunan", "Longname" * 20]
    assert store.counts()["report"] == (3 if refused else 4)
    assert store.ingest_batch(batch)[0].outcome is Outcome.UNCHANGED


def test_a_batch_of_new_meetings_sends_as_many_statements_whatever_its_size(
    store: Store, make_release: MakeRelease
) -> None:
    def releases(first: int, n: int) -> list[Release]:
        return [
            make_release(partner="Anhui", ordinal=i, uri=f"/synthetic/anhui-{i}.txt") for i in range(first, first + n)
        ]

    with _statements(store) as few:
        store.ingest_batch(releases(1, 3))
    with _statements(store) as many:
        store.ingest_batch(releases(4, 12))
    assert len(many) == len(few)
    assert store.counts()["meeting"] == 15
    with _statements(store) as again:  # the same bytes: only the batch's look-ups
        assert {r.outcome for r in store.ingest_batch(releases(1, 15))} == {Outcome.UNCHANGED}
    assert len(again) < len(few)
    assert not [s for s in again if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_a_meeting_reported_again_in_its_batch_costs_statements_of_its_own_not_of_the_batch(
    store: Store, make_release: MakeRelease
) -> None:
    def releases(n: int) -> list[Release]:
        new = [
            make_release(partner="Anhui", ordinal=i, uri=f"/synthetic/{n}-{i}.txt") for i in range(n * 10, n * 10 + n)
        ]
        return [*new, make_release(partner="Anhui", ordinal=n * 10, uri=f"/synthetic/{n}-again.txt")]

    with _statements(store) as few:
        store.ingest_batch(releases(2))
    with _statements(store) as many:
        store.ingest_batch(releases(6))
    assert len(many) == len(few)
    counts = store.counts()
    assert (counts["meeting"], counts["report"]) == (8, 10)


def _many(make_release: MakeRelease) -> list[Release]:
    """More new meetings than the batch copies from (``COPY`` on PostgreSQL), every table's rows too."""
    n = writes._MANY_ROWS + 5
    return [make_release(partner="Anhui", ordinal=i, uri=f"/synthetic/anhui-{i}.txt") for i in range(1, n + 1)]


def test_a_batch_whose_rows_are_copied_stores_what_the_documents_one_by_one_store(
    store: Store, make_release: MakeRelease, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    real = writes._copy

    def counted(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
        copied.append(table.name)
        real(conn, table, rows)

    monkeypatch.setattr(writes, "_copy", counted)
    batch = _many(make_release)
    with Store(f"sqlite:///{tmp_path / 'one-by-one.db'}") as reference:
        expected = [reference.ingest(doc, record) for doc, record in batch]
        assert store.ingest_batch(batch) == expected
        assert _contents(store) == _contents(reference)
    assert store.counts()["meeting"] == len(batch)
    if store.engine.dialect.name == "postgresql":
        assert set(copied) >= {"source", "document_version", "meeting", "person", "area", "measure", "search_entry"}
    else:
        assert copied == []  # SQLite: an executemany, a statement the driver sends at once


def test_a_document_refused_in_a_copied_batch_costs_that_document_alone(
    store: Store, make_release: MakeRelease
) -> None:
    """PostgreSQL refuses a partner longer than its column inside a ``COPY``: as from an ``insert``,
    the batch is written again document by document and that one alone is rolled back."""
    batch = _many(make_release)
    middle = len(batch) // 2
    batch.insert(middle, make_release(partner="Longname" * 20, uri="/synthetic/long.txt"))
    refused = store.engine.dialect.name == "postgresql"
    results = store.ingest_batch(batch)
    outcomes = [r.outcome for r in results]
    assert outcomes.pop(middle) is (Outcome.REJECTED if refused else Outcome.INSERTED)
    assert set(outcomes) == {Outcome.INSERTED}
    assert store.counts()["meeting"] == len(batch) - refused


# --- helpers -------------------------------------------------------------------------------------


@contextmanager
def _statements(store: Store) -> Iterator[list[str]]:
    """The statements the store sends to the database meanwhile, as the driver is given them (an
    ``executemany`` the driver sends at once is one, and so is a ``COPY``; SQLAlchemy's one
    statement a row is many)."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    def copy(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:  # the driver's COPY: one statement
        sent.append(f"COPY {table.name}")
        real(conn, table, rows)

    real = writes._copy
    event.listen(store.engine, "before_cursor_execute", note)
    writes._copy = copy  # type: ignore[assignment]
    try:
        yield sent
    finally:
        event.remove(store.engine, "before_cursor_execute", note)
        writes._copy = real  # type: ignore[assignment]


_SKIPPED = {"id", "first_seen_at", "ingested_at", "search_vector"}  # ids and clocks differ from store to store


def _contents(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the ingest's tables, ids replaced by what they point to (a source's uri, a
    version's uri and number, a meeting's slug, an item's kind, meeting and position)."""
    tables = {name: Base.metadata.tables[name] for name in
              ("source", "document_version", "meeting", "report", "person", "area", "measure", "agreement",
               "search_entry")}  # fmt: skip
    with store.engine.connect() as conn:
        rows = {name: [dict(r) for r in conn.execute(select(t)).mappings()] for name, t in tables.items()}
    uri = {r["id"]: r["uri"] for r in rows["source"]}
    version = {r["id"]: (uri[r["source_id"]], r["version"]) for r in rows["document_version"]}
    slug = {r["id"]: r["slug"] for r in rows["meeting"]}
    item = {(kind, r["id"]): (slug[r["meeting_id"]], r["position"]) for kind in ("person", "area", "measure",
            "agreement") for r in rows[kind]}  # fmt: skip
    out = {}
    for name, table_rows in rows.items():
        named = []
        for row in table_rows:
            if "source_id" in row:
                row["source_id"] = uri[row["source_id"]]
            if "document_id" in row:
                row["document_id"] = version[row["document_id"]]
            if "meeting_id" in row:
                row["meeting_id"] = slug[row["meeting_id"]]
            if "area_id" in row:
                row["area_id"] = item[("area", row["area_id"])]
            if name == "search_entry" and row["item_id"]:
                row["item_id"] = item[(row["kind"], row["item_id"])]
            named.append(tuple(sorted((k, repr(v)) for k, v in row.items() if k not in _SKIPPED)))
        out[name] = sorted(named)
    return out
