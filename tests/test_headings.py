"""Area headings in every layout of the genre ([HEAD-STYLE], [AREAS-NULLHEAD], [AREAS-WRAP],
[AREAS-CUTPARA]), on short releases written here; the synthetic documents carry whole pages."""

from __future__ import annotations

import pytest

from cooptrack.pipeline import parse_text
from cooptrack.vocab import Flag

_LEAD = (
    "Third Plenary Session of Hong Kong/Anhui Co-operation Conference held in Hefei\n\n"
    "     The Chief Secretary for Administration, Mr Lau Ka-ming, and the Vice Governor of Anhui Province, "
    "Mr Wang Jun, co-chaired the Third Plenary Session of the Hong Kong/Anhui Co-operation Conference in "
    "Hefei today (May 6).\n\n"
    "     Hong Kong and Anhui reached consensus on the following three co-operation areas:\n\n"
)
_LONG = "Liberalising trade in services between Hong Kong and Anhui under the Mainland and Hong Kong Closer Partnership"
_FLUSH_LEAD = _LEAD.replace("     ", "")


def _headings(text: str) -> list[str | None]:
    return [a.heading for a in parse_text(text, html=False).areas]


_AREAS = [("Finance", "Support A."), ("Trade and investment", "Promote B."), ("Tourism", "Promote C.")]


def _areas(under: str, *, gap: str = "\n\n", indent: str = "     ", trail: str = "") -> str:
    """The three areas, each heading followed by ``under`` (a rule, a blank line) and its measure."""
    return gap.join(f"{h}{trail}\n{under}{indent}{m}" for h, m in _AREAS)


@pytest.mark.parametrize(
    ("layout", "body"),
    [
        ("classic", _areas("\n")),
        ("single newline", _areas("", gap="\n", indent="")),
        ("underlined", _areas("-------\n")),
        ("rule after a blank line", _areas("\n-------\n")),
        ("em-dash rules", _areas("\u2014\u2014\n")),
        ("long em-dash rules", _areas("\u2014" * 15 + "\n")),
        ("two levels", "Co-operation areas\n==================\n\n" + _areas("-------\n")),
        ("trailing spaces", _areas("\n", trail="  ")),
    ],
)
def test_every_heading_style_gives_the_same_areas(layout: str, body: str) -> None:
    lead = _FLUSH_LEAD if layout == "single newline" else _LEAD
    assert _headings(lead + body) == ["Finance", "Trade and investment", "Tourism"], layout


def test_rows_of_dashes_or_rules_alone_are_never_headings_nor_measures() -> None:
    rows = "\u2014\u2014\n\n-----\n\n=====\n\n"
    record = parse_text(_LEAD + f"Finance\n\n     Support A.\n\n{rows}Tourism\n\n     Promote C.", html=False)
    assert [a.heading for a in record.areas] == ["Finance", "Tourism"]
    assert [m.text for m in record.measures] == ["Support A.", "Promote C."]


@pytest.mark.parametrize("indent", ["", "     "])
def test_length_alone_never_makes_a_heading_a_paragraph(indent: str) -> None:
    # where paragraphs are indented, and on a mirror whose indents are stripped (" " lines between)
    lead = _LEAD if indent else _FLUSH_LEAD.replace("\n\n", "\n \n")
    sep = "\n\n" if indent else "\n \n"
    body = sep.join(["Finance", f"{indent}Support A.", _LONG, f"{indent}Promote B.", "Tourism", f"{indent}Promote C."])
    assert len(_LONG) > 100
    assert _headings(lead + body) == ["Finance", _LONG, "Tourism"]


def test_a_heading_cut_as_the_copy_s_last_line_is_kept_as_cut() -> None:
    cut = "The Belt and Road Initiative, Economic, Trade and In"
    body = f"Finance\n\n     Support A.\n\nTourism\n\n     Promote C.\n\n{cut}"
    assert _headings(_LEAD + body)[-1] == cut


@pytest.mark.parametrize(
    "last",
    [
        "Promote multi-destination itineraries with the support of the",
        "Hong Kong and Anhui agreed to deepen co-operation in finance, trade and logistics with both Governments",
        "The Chief Secretary for Administration, Mr Lau Ka-ming, and the Vice Governor",
    ],
)
def test_a_cut_sentence_as_the_last_line_of_a_flush_copy_is_no_heading(last: str) -> None:
    record = parse_text(_FLUSH_LEAD + f"Finance\nSupport A.\nTourism\n{last}", html=False)
    assert [a.heading for a in record.areas] == ["Finance", "Tourism"]


_NEWS = (
    "Hong Kong, Anhui agree to deepen finance ties\n\n"
    "Chief Secretary Lau Ka-ming and Anhui Vice Governor Wang Jun co-chaired the third plenary of the Hong "
    "Kong/Anhui Co-operation Conference in Hefei on Tuesday.\n\n"
    "The two sides agreed to support Anhui firms seeking listings in Hong Kong.\n\n"
)


@pytest.mark.parametrize("last", ["Lau sai", "Lawmakers from the two sides welcomed the bank", "On Tuesday t"])
def test_a_news_story_without_headings_gets_none_from_its_cut_last_line(last: str) -> None:
    """[AREAS-CUT] A copy whose layout has no headings: its cut last line is a cut paragraph."""
    record = parse_text(_NEWS + last, html=False)
    assert [a.heading for a in record.areas if a.heading] == []
    assert Flag.TRUNCATED in record.flags
    # the same line after a heading of the body's own keeps its cut heading
    record = parse_text(_NEWS + "Finance\n\nThe two sides will list more firms.\n\nOn Tuesday t", html=False)
    assert [a.heading for a in record.areas if a.heading][-1:] == ["On Tuesday t"]


def test_a_heading_wrapped_over_two_lines_is_one() -> None:
    body = (
        "Finance\n\n     Support A.\n\n"
        "The Belt and Road Initiative, Economic, Trade and Investment Co-operation and\nProfessional Services\n\n"
        "     Promote B.\n\nTourism\n\n     Promote C."
    )
    assert _headings(_LEAD + body) == [
        "Finance",
        "The Belt and Road Initiative, Economic, Trade and Investment Co-operation and Professional Services",
        "Tourism",
    ]


def test_an_indented_short_line_is_a_paragraph() -> None:
    body = "Finance\n\n     Support A.\n\n     Details to follow\n\nTourism\n\n     Promote C."
    record = parse_text(_LEAD + body, html=False)
    assert [a.heading for a in record.areas] == ["Finance", "Tourism"]
    assert [m.text for m in record.areas[0].measures] == ["Support A.", "Details to follow"]
