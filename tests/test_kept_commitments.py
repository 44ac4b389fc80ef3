"""Commitments kept in the store (issue 14: each server process followed every measure again).

The first process to follow the measures from meeting to meeting for a state of the store keeps
the commitments (``digest`` "commitments"), the next reads them. What is read must be exactly what
following gives: compared commitment by commitment (the JSON every reader gets: appearances, how
each got there and why, words that changed, users' splits and joins) and the decisions left
unattached. The synthetic series of three plenaries is the one of test_commitments.py (written
here), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import update

from cooptrack.knowledge import commitments
from cooptrack.store import Store
from cooptrack.store.models import Digest
from cooptrack.views import kept, ledger
from cooptrack.views.service import Data
from cooptrack.vocab import TrackingStatus
from test_commitments import CLINICS, FAIR, LAB, MEDICINE, TECH, TOURS_2, TRADE, _key, _series
from test_commitments import _ingest as ingest_series

MakeRelease = Callable[..., Any]
DAY = dt.date(2026, 1, 15)


@pytest.fixture
def followed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the measures are followed from meeting to meeting from now on."""
    calls: list[int] = []
    real = commitments.build

    def counted(*args: Any, **kwargs: Any) -> commitments.Ledger:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(commitments, "build", counted)
    return calls


def _documents(d: Data) -> list[Any]:
    found = d.ledger
    return [ledger.commitment_json(c, d.tracking, DAY) for c in found.commitments] + [
        [r.kind, r.first, r.second, r.made_by, r.made_at, r.note, r.id] for r in found.unattached
    ]


@pytest.fixture
def reshaped(store: Store, make_release: MakeRelease) -> Store:
    """The series with a join, a split, a split whose measure is gone (unattached), and a status."""
    ingest_series(store, make_release)
    ledger.join(store, _key(store, "anhui-plenary-1", MEDICINE), _key(store, "anhui-plenary-2", CLINICS),
                by="edith", note="the clinics carry the exchanges on")  # fmt: skip
    ledger.split(store, _key(store, "anhui-plenary-3", TOURS_2), by="adam", note=None)
    ingest_series(store, make_release, parser_version="9.0.0", **{"3": _series((FAIR, TRADE), (LAB, TECH))})
    store.record_event(_key(store, "anhui-plenary-1", FAIR), TrackingStatus.IMPLEMENTED, by="edith")
    return store


def test_the_commitments_read_back_are_the_commitments_followed(reshaped: Store, followed: list[int]) -> None:
    first = _documents(Data(reshaped))
    assert len(followed) == 1
    again = Data(reshaped)
    assert _documents(again) == first and len(followed) == 1  # read, not followed again
    kinds = {a["how"] for c in first[:-1] for a in c["appearances"]}
    assert kinds == {"first", "repeated", "reworded"} and first[-1][0] == "split"  # the unattached split
    assert any(c["decisions"] for c in first[:-1])
    read = again.ledger
    assert all(a.measure is again.measures[a.measure.key] for c in read.commitments for a in c.appearances)
    assert read.find(_key(reshaped, "anhui-plenary-2", CLINICS)) is read.find(
        _key(reshaped, "anhui-plenary-1", MEDICINE)
    )


def test_a_users_split_is_seen_at_once(reshaped: Store, followed: list[int]) -> None:
    before = Data(reshaped).ledger
    ledger.split(reshaped, _key(reshaped, "anhui-plenary-2", CLINICS), by="adam", note=None)  # follows them too
    done = len(followed)
    after = Data(reshaped).ledger
    assert len(followed) == done + 1 and len(after.commitments) == len(before.commitments) + 1


def test_commitments_kept_that_cannot_be_read_are_followed_again(reshaped: Store, followed: list[int]) -> None:
    first = _documents(Data(reshaped))
    with reshaped.engine.begin() as conn:
        rows = [[[], []], ["k", "m", None, 1, [["no such key", "first", ""]], []]]
        conn.execute(update(Digest).where(Digest.name == "commitments").values(body=_encoded(rows)))
    assert _documents(Data(reshaped)) == first and len(followed) == 2


def _encoded(value: Any) -> bytes:
    return kept.encode_lines(value)
