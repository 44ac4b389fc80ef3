"""The declared count of co-operation areas ([COUNT]) on short texts written here: which counts
are the meeting's, and which are items, progress, another meeting's or one leader's view."""

from __future__ import annotations

import pytest

from cooptrack.pipeline import parse_text

_HEAD = "Hong Kong and Sichuan hold plenary\n\n"
_LEAD = (
    "Chief Executive John Lee and Sichuan Governor Shi Xiaolin co-chaired the Fourth Plenary Session of the "
    "Hong Kong/Sichuan Co-operation Conference in Chengdu today (June 4).\n\n"
)


def _count(*paragraphs: str) -> int | None:
    return parse_text(_HEAD + _LEAD + "\n\n".join(paragraphs) + "\n", html=False).declared_area_count


@pytest.mark.parametrize(
    ("paragraph", "count"),
    [
        ("The two sides agreed to strengthen co-operation in the following six locations: finance and trade.", 6),
        ("The two sides agreed to strengthen co-operation within the subsequent 5 locations: finance and trade.", 5),
        ("Enterprises of the 2 locations will take part in each other's trade fairs.", None),
        (
            "The two sides reviewed the progress made since the last plenary and agreed to focus on eight fields "
            "in the next two years: finance, trade and logistics.",
            8,
        ),
        ("At the last plenary, the two sides agreed to co-operate in eleven areas.", None),
        ("Since 2016, the two sides have agreed to co-operate in eleven areas.", None),
        ("The eleven areas agreed at the previous plenary were reviewed.", None),
    ],
)
def test_a_count_in_prose(paragraph: str, count: int | None) -> None:
    assert _count(paragraph) == count


@pytest.mark.parametrize(
    ("paragraph", "count"),
    [
        # one leader's view of where co-operation should go
        (
            "Mr Shi said that Sichuan has a solid base. The two sides should deepen co-operation in the following "
            "6 key areas: trade, finance, tourism, education, health and innovation.",
            None,
        ),
        ("In his speech, Mr Shi pointed out that Sichuan will work with Hong Kong in ten fields.", None),
        ("Mr Shi said the two sides could co-operate in nine areas.", None),
        # what the sides agreed, or will do together, in someone's words
        ("Mr Lee said that the two sides agreed to strengthen co-operation in the following seven areas:", 7),
        ("Mr Lee said the two sides would strengthen co-operation in the following seven areas:", 7),
    ],
)
def test_a_count_in_one_person_s_words(paragraph: str, count: int | None) -> None:
    assert _count(paragraph, "Finance\n\nThe two sides will support listings.") == count
