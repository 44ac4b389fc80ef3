"""Whether a copy stops before the release's end ([FLAG-MISSEDTRUNC], [FLAG-FALSETRUNC]), on short
pages written here (the synthetic documents of tests/data carry the longer forms)."""

from __future__ import annotations

import pytest

from cooptrack.pipeline import parse_text
from cooptrack.vocab import Flag

_LEAD = (
    "Hong Kong/Guangxi Co-operation Conference holds plenary\n\n"
    "     The Chief Secretary for Administration, Mr Lau Ka-ming, and the Vice Chairman of the Guangxi Zhuang "
    "Autonomous Region, Mr Wei Bo, co-chaired the Third Plenary Session of the Hong Kong/Guangxi Co-operation "
    "Conference in Nanning today (May 6).\n\n"
)
_LIST_END = (
    "     The two sides signed the following agreements:\n\n"
    "  \u2022 Memorandum of Understanding on Logistics Co-operation between Hong Kong and Guangxi\n"
)


def _truncated(text: str) -> bool:
    return Flag.TRUNCATED in parse_text(text, html=False).flags


def _pad(head: str, last: str, size: int) -> str:
    """``head``, a paragraph of filler, then ``last``: ``size`` bytes in all."""
    start = f"{head}\n\n     The two sides also exchanged views"
    end = f" on tourism.\n\n{last}"
    room = size - len((start + end).encode())
    assert room >= 0
    return start + (" and more" * (room // 9 + 1))[:room] + end


@pytest.mark.parametrize(
    "marker",
    [
        "Back to top",
        "Back to list",
        "Go To Top",
        "Editor in charge: [Li Na]",
        "Ends/Friday, May 6, 2022",
        "(Xinhua)",
        "REUTERS",
        "Enditem",
        "Comments are closed.",
        "Tags: Guangxi, logistics, Nanning",
        "Filed Underneath: Hong Kong",
        "Search Trends",
        "\u3010Print\u3011\u3010Close\u3011",
        "[ Print ] [ Close ]",
        "Support Us | Code of Ethics | Error/typo? | Contact Us | Newsletter",
    ],
)
def test_an_end_marker_after_the_body_proves_a_short_page_complete(marker: str) -> None:
    # the last item has no full stop: without the marker the copy would look cut
    assert _truncated(_LEAD + _LIST_END)
    assert not _truncated(_LEAD + _LIST_END + f"\n{marker}\n")


def test_a_one_sentence_caption_page_ending_with_its_bar_is_complete() -> None:
    page = (
        "The Chief Secretary for Administration, Mr Lau Ka-ming (right), and the Mayor of Shenzhen, Mr Tan Wei, "
        "co-chaired the Hong Kong / Shenzhen Co-operation Meeting at the Central Government Offices today "
        "(June 17). Picture shows Mr Lau and Mr Tan shaking hands before the meeting. |\n"
    )
    assert not _truncated(page)


def test_a_copy_of_the_cut_size_ending_on_a_full_stop_is_truncated() -> None:
    text = _pad(_LEAD.rstrip("\n"), "     The two sides agreed to meet again next year.", 2000)
    assert len(text.encode()) == 2000 and text.endswith(".")
    assert _truncated(text)
    # the same page, complete: its end marker, or the page's own furniture after the release
    assert not _truncated(text + "\n\nEnds/Friday, May 6, 2022\nIssued at HKT 18:00\n\nNNNN\n")
    assert not _truncated(text + "\n\nBack to top\n")


def test_a_short_complete_page_ending_on_a_full_stop_is_not_truncated() -> None:
    text = _pad(_LEAD.rstrip("\n"), "     The two sides agreed to meet again next year.", 1700)
    assert not _truncated(text)


def test_a_page_cut_mid_word_is_truncated_whatever_its_size() -> None:
    assert _truncated(_LEAD + "     The two sides agreed to deepen co-operation in fin")


@pytest.mark.parametrize("fragment", ["     The gover", "      On financial services, the HKSAR Government encourages"])
def test_an_indented_fragment_at_the_end_is_a_cut_measure(fragment: str) -> None:
    record = parse_text(
        _LEAD + "     The two sides reached consensus on the following two co-operation areas:\n\n"
        "Finance\n\n     Support enterprises of Guangxi to list in Hong Kong.\n\nLogistics\n\n" + fragment,
        html=False,
    )
    assert Flag.TRUNCATED in record.flags
    assert [a.heading for a in record.areas] == ["Finance", "Logistics"]
    assert record.areas[-1].measures[-1].text == fragment.strip()


def test_a_page_that_is_not_relevant_is_still_flagged_truncated() -> None:
    record = parse_text(
        "CE meets Guangxi delegation\n\n     The Chief Executive, Mr Lee, met the Party Secretary of the "
        "Guangxi Zhuang Autonomous Region at Government House this afternoon to exchange views on co-opera",
        html=False,
    )
    assert not record.relevant
    assert set(record.flags) >= {Flag.NOT_RELEVANT, Flag.TRUNCATED}


def test_a_chinese_page_ending_on_its_full_stop_is_complete() -> None:
    page = (
        "香港與廣東舉行合作聯席會議\n\n"
        "行政長官李家超和廣東省省長王偉中今日（六月三日）在廣州共同主持粵港合作聯席會議第二十四次會議。"
        "雙方就多個範疇達成共識。\n"
    )
    assert not _truncated(page)
    assert _truncated(page.rstrip("。\n") + "，並")


@pytest.mark.parametrize("credit", ["REUTERS", "(Xinhua)", "Enditem"])
def test_a_wire_credit_glued_to_the_last_paragraph_ends_the_story(credit: str) -> None:
    text = _pad(_LEAD.rstrip("\n"), f"     The two sides agreed to meet again next year. {credit}", 2000)
    assert not _truncated(text)
    # in lower case inside a cut sentence it is no credit: "... until the end"
    assert _truncated(_LEAD + "     The two sides agreed to keep the office open until the end")
