"""A signing sentence that names its document's annex or language after the title (synthetic).

"… signed the Co-operation Memorandum of … (see Annex 1)." had lost the agreement: a signing
sentence naming an annex was read only as placing documents named before it ("The documents signed
are at Annexes 2 to 4"). Now the titles are read before the annex's words, and a note right after a
title, "(Chinese only)", is that title's.
"""

from __future__ import annotations

import pytest

from cooptrack.pipeline import parse_text
from hunan_release import release

_SIGNED = "     At the meeting, Mr Chan and Mr Mao signed the Co-operation Memorandum of the Third Plenary Session of \
the Hong Kong/Hunan Co-operation Conference"
_MEMO = "Co-operation Memorandum of the Third Plenary Session of the Hong Kong/Hunan Co-operation Conference"


@pytest.mark.parametrize(
    ("tail", "annex", "chinese_only"),
    [
        (" (Chinese only).", None, True),
        (" (Chinese version only, see Annex 1).", "Annex 1", True),
        (" (see Annex 1).", "Annex 1", False),
        (" (Annex 1).", "Annex 1", False),
        (" (in Chinese only) at Annex 1.", "Annex 1", True),
        (", which is at Annex 1 (Chinese only).", "Annex 1", True),
        (". The document (available in Chinese only) is at Annex 1.", "Annex 1", True),
        (".", None, False),
    ],
)
def test_the_annex_and_language_after_a_signed_title(tail: str, annex: str | None, chinese_only: bool) -> None:
    rec = parse_text(release(after=_SIGNED + tail))
    assert [(a.title, a.annex, a.chinese_only) for a in rec.agreements] == [(_MEMO, annex, chinese_only)]
    assert rec.agreements[0].signatories == ["Chan Kwok-ki", "Mao Weiming"]


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        # written after the rule (held out)
        (
            "     The two sides also signed the \u201cAgreement on Hong Kong/Hunan Youth Exchange\u201d "
            "(Annex 2, Chinese only).",
            [("Agreement on Hong Kong/Hunan Youth Exchange", "Annex 2", True)],
        ),
        (
            "     Mr Chan and Mr Mao signed the Memorandum of Co-operation on Tourism, "
            "the text of which is at Annex 3.",
            [("Memorandum of Co-operation on Tourism", "Annex 3", False)],
        ),
        # contrast: a sentence placing documents listed before it names none of its own
        (
            "     In addition, three agreements were signed by government departments of the two places:\n\n"
            "  \u2022 Memorandum of Understanding on Youth Exchange;\n  \u2022 Agreement on Food Safety; and\n"
            "  \u2022 Letter of Intent on Tourism Promotion.\n\n"
            "     The documents signed at the meeting (Chinese only) are at Annexes 2 to 4.",
            [
                ("Memorandum of Understanding on Youth Exchange", "Annex 2", True),
                ("Agreement on Food Safety", "Annex 3", True),
                ("Letter of Intent on Tourism Promotion", "Annex 4", True),
            ],
        ),
    ],
)
def test_other_wordings(closing: str, expected: list[tuple[str, str, bool]]) -> None:
    rec = parse_text(release(after=closing))
    assert [(a.title, a.annex, a.chinese_only) for a in rec.agreements] == expected
