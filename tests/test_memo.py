"""cooptrack.memo: a function remembered for the document answers each text once, forgets at the
next document, and never holds more than LIMIT answers."""

from __future__ import annotations

import pytest

from cooptrack import memo
from cooptrack.memo import new_document, per_document


def test_a_text_is_read_once_a_document() -> None:
    read: list[str] = []

    @per_document
    def length(text: str) -> int:
        read.append(text)
        return len(text)

    new_document()
    assert [length("plenary"), length("plenary"), length("meeting")] == [7, 7, 7]
    assert read == ["plenary", "meeting"]
    new_document()
    assert length("plenary") == 7
    assert read == ["plenary", "meeting", "plenary"]


def test_a_memory_holds_at_most_limit_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "LIMIT", 3)
    read: list[int] = []

    @per_document
    def double(n: int) -> int:
        read.append(n)
        return 2 * n

    new_document()
    assert [double(n) for n in (1, 2, 3, 4, 1)] == [2, 4, 6, 8, 2]
    assert read == [1, 2, 3, 4, 1]  # full at the fourth: emptied, so 1 is read again
