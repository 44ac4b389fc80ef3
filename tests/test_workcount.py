"""The counting helper of the linearity tests fails what it is there to catch (tests/workcount.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import workcount
from workcount import Work, assert_linear


def _letters(n: int) -> str:
    return "a" * n


def test_linear_work_passes() -> None:
    works = assert_linear(_letters, lambda text: text.split("a"), 20_000)
    assert [w.size for w in works] == [20_000, 40_000, 80_000]


def test_calls_growing_with_the_square_of_the_input_fail() -> None:
    def quadratic(text: str) -> int:
        return sum(len(text[i : i + 1]) for i in range(len(text)) for _ in range(len(text) // 100))

    with pytest.raises(AssertionError, match="calls"):
        assert_linear(_letters, quadratic, 2_000)


def _seconds(monkeypatch: pytest.MonkeyPatch, cpu: Callable[[int], Iterator[float]]) -> list[int]:
    """CPU seconds given by the test, size by size, for the work of a few calls (CPU seconds are
    the machine's: a test cannot make a real run slow or fast at will)."""
    runs: list[int] = []
    given: dict[int, Iterator[float]] = {}

    def bounded(work: Callable[[], object], size: int) -> Work[object]:
        runs.append(size)
        return Work(work(), 10, next(given.setdefault(size, cpu(size))), size)

    monkeypatch.setattr(workcount, "bounded", bounded)
    return runs


def test_cpu_growing_with_the_square_of_the_input_fails_after_running_again(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _seconds(monkeypatch, lambda size: iter([(size / 10_000) ** 2] * 5))  # 1, 4, 16 s
    with pytest.raises(AssertionError, match=r"fastest runs 1\.00 and 16\.00"):
        assert_linear(_letters, len, 10_000)
    assert runs == [10_000, 20_000, 40_000, 10_000, 40_000, 10_000, 40_000]  # twice more, then it fails


def test_one_slow_run_of_the_largest_size_is_run_again_before_failing(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _seconds(monkeypatch, lambda size: iter([9.0, 0.4] if size == 40_000 else [0.1] * 3))
    assert_linear(_letters, len, 10_000)  # 0.1 and 9.0 s, then 0.4 s: linear after all
    assert runs == [10_000, 20_000, 40_000, 10_000, 40_000]


def test_cpu_is_not_checked_where_the_caller_says_a_library_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _seconds(monkeypatch, lambda size: iter([(size / 10_000) ** 2] * 5))
    assert_linear(_letters, len, 10_000, cpu=False)
    assert runs == [10_000, 20_000, 40_000]
