"""Following the commitments again after a write (issue 14 item 4): the pairs of measures worded
alike between two meetings are remembered by their texts, so a meeting pair seen before is not
scored again, and what is remembered is what scoring gives. SYNTHETIC measures written here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cooptrack.knowledge import changes


@dataclass
class _M:
    key: str
    text: str
    position: int


EARLIER = [_M("e1", "Hold a joint trade fair for small firms.", 1),
           _M("e2", "Promote exchanges on Chinese medicine between hospitals.", 2),
           _M("e3", "Set up a youth internship scheme.", 3)]  # fmt: skip
LATER = [_M("l1", "Hold a joint trade fair for small and medium firms.", 1),
         _M("l2", "Open a logistics hub at the airport.", 2),
         _M("l3", "Set up a youth internship scheme.", 3)]  # fmt: skip


def test_a_pair_of_meetings_seen_before_is_not_scored_again(monkeypatch: pytest.MonkeyPatch) -> None:
    changes._alike.cache_clear()
    scored: list[tuple[str, str]] = []
    real = changes.similarity
    monkeypatch.setattr(changes, "similarity", lambda a, b: scored.append((a, b)) or real(a, b))
    first = changes.link_measures(EARLIER, LATER)
    assert len(scored) == 9
    again = changes.link_measures(EARLIER, LATER)
    assert len(scored) == 9, "nothing scored again"
    assert [(x.earlier.key, x.later.key, x.score) for x in again] == [
        (x.earlier.key, x.later.key, x.score) for x in first
    ]
    assert [(x.earlier.key, x.later.key) for x in first] == [("e1", "l1"), ("e3", "l3")]
    assert all(x.score == real(x.earlier.text, x.later.text) for x in first)
    reworded = [*LATER[:2], _M("l3", "Set up a youth internship scheme in Shenzhen.", 3)]
    changes.link_measures(EARLIER, reworded)
    assert len(scored) == 18, "other words: scored again"


def test_a_rejected_pair_is_still_left_out_when_remembered() -> None:
    changes._alike.cache_clear()
    changes.link_measures(EARLIER, LATER)
    no = changes.Decision(changes.Verdict.REJECTED, "editor", "2026-01-01")
    links = changes.link_measures(EARLIER, LATER, {("e1", "l1"): no})
    assert [(x.earlier.key, x.later.key) for x in links] == [("e3", "l3")]
