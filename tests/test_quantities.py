"""Quantities in a measure: money, counts, percentages, with unit and span; and what is not one.

The sentences are written here, in the genre's style; the corpus test reads the real releases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cooptrack.extract.quantities import find_quantities
from cooptrack.pipeline import parse_path
from cooptrack.vocab import QuantityKind


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit", "text"),
    [
        pytest.param(
            "Provide HK$20 million for joint research.", "money", 20e6, "HKD", "HK$20 million", id="hk-dollars"
        ),
        pytest.param("A fund of RMB 880 million will be set up.", "money", 880e6, "RMB", "RMB 880 million", id="rmb"),
        pytest.param(
            "Invest 1.2 billion yuan in the park.", "money", 1.2e9, "RMB", "1.2 billion yuan", id="yuan-after"
        ),
        pytest.param(
            "Admit 3 500 young people to internships.",
            "count",
            3500,
            "young people",
            "3 500 young people",
            id="count-with-space",
        ),
        pytest.param("Launch eight projects in Sichuan.", "count", 8, "projects", "eight projects", id="words"),
        pytest.param("Cut emissions by 30 per cent.", "percentage", 30, "%", "30 per cent", id="per-cent"),
        pytest.param("Raise the share to 45%.", "percentage", 45, "%", "45%", id="percent-sign"),
    ],
)
def test_an_amount_is_read_with_its_kind_value_unit_and_text(
    sentence: str, kind: str, value: float, unit: str, text: str
) -> None:
    [found] = find_quantities(sentence)
    assert (found.kind, found.value, found.unit, found.text) == (QuantityKind(kind), value, unit, text)
    assert sentence[found.span[0] : found.span[1]] == text


def test_a_range_and_a_lower_bound_are_kept_as_such() -> None:
    [span] = find_quantities("Offer 3 000 to 5 000 places to students.")
    assert (span.value, span.high, span.unit) == (3000, 5000, "places")
    [over] = find_quantities("Bring over 100 enterprises to the fair.")
    assert (over.value, over.at_least, over.unit) == (100, True, "enterprises")


def test_spans_are_shifted_by_the_paragraphs_offset() -> None:
    [found] = find_quantities("Fund 12 projects.", offset=1000)
    assert found.span == (1005, 1016)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The two sides will strengthen co-operation.", id="the-two-sides"),
        pytest.param("Implement the 2023 Work Plan.", id="a-year"),
        pytest.param("The documents are at Annex 2.", id="a-label"),
        pytest.param("The plenary was held on June 28.", id="a-date"),
        pytest.param("Provide up to 30 per cent of the cost.", id="an-upper-bound"),
        pytest.param("Raise the quota from 10 to 20 per cent.", id="a-change-not-a-range"),
        pytest.param("Hold the 14th session in Chengdu.", id="an-ordinal"),
        pytest.param("Review the plan every five years.", id="a-duration"),
    ],
)
def test_what_is_not_an_amount_gives_nothing(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_the_corpus_measures_carry_their_amounts_with_exact_spans(corpus: Path) -> None:
    record = parse_path(corpus / "003_19cada9a8958ebfd.txt")
    found = [q for m in record.measures for q in m.quantities]
    assert any(q.kind is QuantityKind.MONEY and q.value == 20e6 and q.unit == "HKD" for q in found)
    assert any(q.kind is QuantityKind.COUNT and q.value == 3500 for q in found)
    for q in found:
        assert record.text[q.span[0] : q.span[1]] == q.text
