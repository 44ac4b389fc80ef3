"""Co-chairs named with an aside between them (synthetic leads written for this test).

"The Chief Secretary …, Mr A, on a two-day visit to Changsha, and the Governor …, Mr B, co-chaired
…": the aside had cut the subject, and A lost his chair (found by the neg2 audit). A relative
clause ("who is visiting Hunan") had been read already; a visit's aside or a participle leading a
delegation now is too. A time between two clauses still parts them: "A met X, on Monday, and B and
C co-chaired" makes neither A nor X a chair.
"""

from __future__ import annotations

import pytest

from cooptrack.pipeline import parse_text
from hunan_release import release

_A = "The Chief Secretary for Administration, Mr Chan Kwok-ki"
_B = "the Governor of Hunan Province, Mr Mao Weiming"
_VERB = "today (May 14) co-chaired the Third Plenary Session of the Hong Kong/Hunan Co-operation Conference"


@pytest.mark.parametrize(
    "aside",
    [
        "on a two-day visit to Changsha",
        "now in Changsha for a three-day visit",
        "leading a delegation of officials",
        "who is visiting Hunan",
        # written after the rule (held out)
        "currently on a visit to Hunan",
        "heading the HKSAR Government delegation",
        "visiting Hunan with a business delegation",
    ],
)
def test_an_aside_between_the_co_chairs(aside: str) -> None:
    rec = parse_text(release(lead=f"{_A}, {aside}, and {_B}, {_VERB} in Changsha."))
    chairs = sorted(p.name for p in rec.people if any(r.value == "co_chair" for r in p.roles))
    assert chairs == ["Chan Kwok-ki", "Mao Weiming"]


@pytest.mark.parametrize(
    "before",
    [
        "The Chief Executive, Mr John Lee, met the Party Secretary of Hunan, Mr Shen Xiaoming, on Monday",
        "The Secretary for Commerce and Economic Development, Mr Algernon Yau, on behalf of the HKSAR Government, "
        "signed three agreements",
    ],
)
def test_a_clause_before_the_co_chairs_is_not_their_subject(before: str) -> None:
    rec = parse_text(
        release(lead=f"{before}, and the Chief Secretary for Administration, Mr Chan Kwok-ki, and {_B}, {_VERB}.")
    )
    chairs = sorted(p.name for p in rec.people if any(r.value == "co_chair" for r in p.roles))
    assert chairs == ["Chan Kwok-ki", "Mao Weiming"]
