"""The counting helper of the linearity tests fails what it is there to catch (tests/workcount.py)."""

from __future__ import annotations

import re

import pytest

from workcount import assert_linear


def _letters(n: int) -> str:
    return "a" * n


def test_linear_work_passes() -> None:
    works = assert_linear(_letters, lambda text: [ch for ch in text.split("a")], 20_000)
    assert [w.size for w in works] == [20_000, 40_000, 80_000]


def test_calls_growing_with_the_square_of_the_input_fail() -> None:
    def quadratic(text: str) -> int:
        return sum(len(text[i : i + 1]) for i in range(len(text)) for _ in range(len(text) // 100))

    with pytest.raises(AssertionError, match="calls"):
        assert_linear(_letters, quadratic, 2_000)


def test_cpu_growing_with_the_square_of_the_input_fails_though_calls_do_not() -> None:
    # One C call scanning from every position to the end: the calls stay flat, the CPU seconds
    # grow 16x over 4x the input (about 0.17 and 2.6 s here).
    with pytest.raises(AssertionError, match="fastest runs"):
        assert_linear(_letters, lambda text: re.findall(r"a*c", text), 16_000, cpu_retries=0)


def test_one_slow_run_of_the_largest_size_is_run_again_before_failing() -> None:
    seen: list[int] = []

    def slow_once(text: str) -> int:
        if len(text) == 80_000 and len(text) not in seen:  # a neighbour's load, once
            seen.append(len(text))
            re.findall(r"a*c", "a" * 40_000)  # about a CPU second in one call
        return text.count("b")

    assert_linear(_letters, slow_once, 20_000, cpu=True)
    assert seen == [80_000]
