"""People kept in the store (issue 14: each server process gathered everyone again after a start).

Gathering every name into persons takes seconds at 10,000 pages; the first process to do it for a
state of the store keeps the result (``digest`` "people"), the next reads it. What is read must be
exactly what gathering gives: compared person by person (their Popolo documents: names, posts,
appearances, reasons) on the five real releases and a meeting of three sources in two languages
(``tests/data/series/sichuan_pair``, synthetic), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from cooptrack import fingerprint
from cooptrack.knowledge import people
from cooptrack.store import Store
from cooptrack.store.models import Digest
from cooptrack.views import kept, queries
from cooptrack.views.service import Data
from test_snapshot import PAIR
from test_snapshot import _ingest as ingest_paths


@pytest.fixture
def gathered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times people are gathered from their names from now on."""
    calls: list[int] = []
    real = people.gather

    def counted(*args: Any, **kwargs: Any) -> list[people.PersonRecord]:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(people, "gather", counted)
    return calls


def _documents(found: list[people.PersonRecord]) -> list[dict[str, object]]:
    return [{**p.popolo(), "keys": list(p.keys)} for p in found]


@pytest.fixture
def named(store: Store, corpus: Path) -> Store:
    ingest_paths(store, sorted(corpus.glob("*.txt")) + sorted(PAIR.iterdir()))
    return store


def test_the_people_read_back_are_the_people_gathered(named: Store, gathered: list[int]) -> None:
    first = Data(named).people
    assert len(gathered) == 1 and len(first) > 20
    again = Data(named)
    read = again.people
    assert len(gathered) == 1  # read, not gathered again
    assert _documents(read) == _documents(first) == _documents(queries.all_people(named))
    assert any(p.name_zh for p in read) and any(p.memberships for p in read)
    by_slug = {m.slug: m for m in again.meetings}
    assert all(a.meeting is by_slug[a.meeting.slug] for p in read for a in p.appearances)  # this view's meetings


def test_a_users_decision_about_people_is_seen_at_once(named: Store, gathered: list[int]) -> None:
    before = Data(named).people
    one, other = sorted((p for p in before if p.side == "HK"), key=lambda p: p.name)[:2]
    queries.decide_people(named, one.appearances[0].name, other.appearances[0].name, same=True, by="e", note=None)
    after = Data(named).people
    assert len(gathered) == 2 and len(after) == len(before) - 1
    joined = next(p for p in after if one.keys[0] in p.keys)
    assert other.keys[0] in joined.keys
    assert _documents(Data(named).people) == _documents(after) and len(gathered) == 2


def test_people_kept_that_cannot_be_read_are_gathered_again(named: Store, gathered: list[int]) -> None:
    first = Data(named).people
    with named.engine.begin() as conn:
        conn.execute(update(Digest).where(Digest.name == "people").values(body=b"\x78\x9c not zlib"))
    assert _documents(Data(named).people) == _documents(first) and len(gathered) == 2
    assert _documents(Data(named).people) == _documents(first) and len(gathered) == 2  # kept again


def test_people_kept_cut_short_are_gathered_again(named: Store, gathered: list[int]) -> None:
    first = Data(named).people
    with named.engine.begin() as conn:
        body = conn.execute(select(Digest.body).where(Digest.name == "people")).scalar_one()
        assert len(gathered) == 1
        conn.execute(update(Digest).where(Digest.name == "people").values(body=body[: len(body) // 2]))
    assert _documents(Data(named).people) == _documents(first) and len(gathered) == 2


def test_people_read_back_hold_each_repeated_text_once(named: Store, gathered: list[int]) -> None:
    assert Data(named).people  # gathered and kept
    d = Data(named)
    found = d.people
    assert len(gathered) == 1  # read back, not gathered
    posts: dict[str, str] = {}
    for p in found:
        for a in p.appearances:
            if a.post is not None:
                assert posts.setdefault(a.post, a.post) is a.post
        for ms in p.memberships:
            assert all(slug is d.meeting(slug).slug for slug in ms.meetings)
    assert len(posts) < sum(len(p.appearances) for p in found)  # the check saw repeats


def test_values_kept_a_line_each_are_read_one_at_a_time() -> None:
    values = [[n, f"row {n}", {"n": n}] for n in range(5000)]
    body = kept.encode_lines(values)
    assert list(kept.decode_lines(body)) == values
    read = kept.decode_lines(body[: len(body) // 2])
    assert next(read) == values[0]  # what was kept before the cut is read before the cut is seen
    with pytest.raises((ValueError, zlib.error)):
        list(read)


def test_people_are_not_kept_when_the_store_changed_meanwhile(
    named: Store, gathered: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    d = Data(named)
    stamps = iter([named.stamp()._replace(correction=999_999)])
    monkeypatch.setattr(named, "stamp", lambda: next(stamps))  # a correction written while gathering
    assert d.people
    assert named.digest("people", "anything") is None
    with named.engine.connect() as conn:
        assert conn.execute(Digest.__table__.select().where(Digest.name == "people")).first() is None


def test_people_kept_by_other_code_are_gathered_again(
    named: Store, gathered: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Data(named).people
    monkeypatch.setattr(fingerprint, "code", lambda: "other code")  # an upgrade, whatever its version number
    assert _documents(Data(named).people) == _documents(first) and len(gathered) == 2
    assert _documents(Data(named).people) == _documents(first) and len(gathered) == 2  # kept for that code


def test_the_fingerprint_follows_every_file_its_path_and_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "knowledge").mkdir()
    a, b = tmp_path / "knowledge" / "people.py", tmp_path / "data.toml"
    a.write_text("x = 1\n")
    b.write_text("y = 2\n")
    first = fingerprint._files(tmp_path, [b, a])
    a.write_text("x = 2\n")
    assert fingerprint._files(tmp_path, [b, a]) != first
    a.write_text("x = 1\n")
    assert fingerprint._files(tmp_path, [b, a]) == first
    moved = tmp_path / "knowledge" / "persons.py"
    a.rename(moved)
    assert fingerprint._files(tmp_path, [b, moved]) != first
    assert len(fingerprint.code()) == 16 and fingerprint.code() != fingerprint.module("knowledge/changes.py")
