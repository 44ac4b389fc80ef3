"""The scores of pairs of meetings are kept in the store (issue 14: the first request after a start).

Following the commitments scores every measure of a plenary against every measure of the one before
(the slow part of the server's view: 372,135 pairs at 10,000 pages). The scores are kept in
``pair_score``, keyed by the two meetings' texts, so another process (a restarted server, a second
worker, a command) reads them instead of scoring again, and a meeting whose words changed is scored
afresh. The synthetic series of three plenaries is the one of test_commitments.py (written here).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from cooptrack.knowledge import changes, commitments, series
from cooptrack.store import Store
from cooptrack.store.models import PairScore
from cooptrack.views import ledger
from test_commitments import FAIR, TOURS, YEARS, _series
from test_commitments import _ingest as ingest_series

MakeRelease = Callable[..., Any]


def _shape(found: Any) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Each commitment with its appearances: what a user sees of the ledger."""
    return [(c.key, [(a.measure.key, a.how, a.basis) for a in c.appearances]) for c in found.commitments]


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every pair of measures this process scores from now on (none remembered from earlier tests)."""
    changes._alike.cache_clear()
    seen: list[tuple[str, str]] = []
    real = changes.similarity

    def counted(a: str, b: str) -> float:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(changes, "similarity", counted)
    return seen


def _rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(PairScore)) or 0


def test_a_second_process_reads_the_scores_and_scores_nothing(
    tmp_path: Path, make_release: MakeRelease, scored: list[tuple[str, str]]
) -> None:
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    with Store(url) as store:
        ingest_series(store, make_release)
        first = ledger.ledger(store)
        assert len(scored) == 4 * 3 + 3 * 3  # plenary 1 x plenary 2, plenary 2 x plenary 3
        assert _rows(store) == 2  # two pairs of consecutive plenaries
    scored.clear()
    changes._alike.cache_clear()  # what this process remembers is gone, as in a new process
    with Store(url) as again:
        assert _shape(ledger.ledger(again)) == _shape(first)
        assert scored == []
        assert _rows(again) == 2


def test_the_kept_scores_are_what_links_the_measures(
    tmp_path: Path, make_release: MakeRelease, scored: list[tuple[str, str]]
) -> None:
    """A kept pair stands for the scoring: emptied, the two meetings' measures are no longer linked."""
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        ingest_series(store, make_release)
        fair = next(c for c in ledger.ledger(store).commitments if c.text == FAIR)
        assert len(fair.appearances) == 3
        with store.engine.begin() as conn:
            conn.execute(update(PairScore).values(scores=b""))
        changes._alike.cache_clear()
        alone = [c for c in ledger.ledger(store).commitments if c.text == FAIR]
        assert len(alone) == 3 and all(len(c.appearances) == 1 for c in alone)
        with store.engine.begin() as conn:  # emptied for good: scored again, and kept again
            conn.execute(delete(PairScore))
        assert len(next(c for c in ledger.ledger(store).commitments if c.text == FAIR).appearances) == 3
        assert _rows(store) == 2


def test_a_meeting_whose_words_changed_is_scored_again(
    tmp_path: Path, make_release: MakeRelease, scored: list[tuple[str, str]]
) -> None:
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        ingest_series(store, make_release)
        ledger.ledger(store)
        scored.clear()
        changes._alike.cache_clear()
        third = _series((FAIR, ["trade_investment"]), (TOURS, ["youth"]))  # the third plenary read anew
        store.ingest(*make_release(ordinal=3, year=YEARS[3], areas=third, parser_version="1.0.1"))
        tours = next(c for c in ledger.ledger(store).commitments if c.text == TOURS)
        assert [a.how for a in tours.appearances] == ["first", "reworded", "reworded"]
        assert len(scored) == 3 * 2  # only plenary 2 x the new plenary 3
        assert _rows(store) == 2  # the earlier pair of 2 and 3 let go: never read again
        with store.engine.connect() as conn:
            kept = set(conn.scalars(select(PairScore.pair)))
        assert kept == set(commitments.pair_keys(series.mechanisms(store.all_meetings()), ledger._measures))


@pytest.mark.parametrize(
    "found",
    [(), ((0, 0, 100.0),), ((0, 3, 62.0), (2, 1, 87.3), (11, 0, 99.9), (65535, 65535, 0.1))],
)
def test_scores_are_packed_and_unpacked_exactly(found: changes.Alike) -> None:
    packed = changes.pack(found)
    assert packed is not None and len(packed) == 6 * len(found)
    assert changes.unpack(packed) == found


def test_a_pair_too_long_to_pack_is_scored_each_time_not_kept() -> None:
    assert changes.pack(((70_000, 0, 80.0),)) is None


def test_the_pair_key_is_the_texts_in_order() -> None:
    key = changes.pair_key(("a b", "c"), ("d",))
    assert key == changes.pair_key(["a b", "c"], ["d"])
    assert key != changes.pair_key(("c", "a b"), ("d",))  # another order: other indexes
    assert key != changes.pair_key(("a b",), ("c", "d"))  # the same words, split otherwise
    assert key != changes.pair_key(("a b", "c"), ("d", ""))
