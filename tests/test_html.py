"""HTML to text: the fixtures in tests/data/html (synthetic pages written for these tests) and
small inline snippets, also synthetic, each checking one rule of html_to_text."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from cooptrack.clean import clean
from cooptrack.clean.html import HtmlText, html_to_text

DATA = Path(__file__).parent / "data" / "html"
NBSP = "\u00a0"
HUBEI_HEADLINE = "Third Plenary Session of Hong Kong/Hubei Co-operation Conference held in Wuhan (with photos)"
SHANDONG_HEADLINE = "Hong Kong and Shandong agree eight areas of co-operation at Jinan meeting"


def _page(name: str) -> HtmlText:
    return html_to_text((DATA / name).read_text(encoding="utf-8"))


def _lines(result: HtmlText) -> list[str]:
    return result.text.split("\n")


# --------------------------------------------------------------------------------------------
# The Government press-release layout


def test_gia_page_takes_the_gia_path_and_its_headline() -> None:
    page = _page("gia_hubei.htm")
    assert page.path == "gia"
    assert page.title == HUBEI_HEADLINE


def test_gia_text_starts_with_the_headline_then_a_blank_line() -> None:
    lines = _lines(_page("gia_hubei.htm"))
    assert lines[0] == HUBEI_HEADLINE
    assert lines[1] == ""
    assert lines[2].startswith(NBSP * 4 + " The Chief Secretary for Administration, Mr Leung Wai-kit")


def test_gia_paragraphs_keep_their_nbsp_indentation_and_blank_lines_between() -> None:
    lines = _lines(_page("gia_hubei.htm"))
    said = next(i for i, line in enumerate(lines) if "Mr Leung said" in line)
    assert lines[said].startswith(NBSP * 4 + " Mr Leung said, \u201cHubei sits")
    assert lines[said - 1] == ""
    assert lines[said + 1] == ""


def test_gia_heading_and_its_underline_stay_on_lines_of_their_own() -> None:
    lines = _lines(_page("gia_hubei.htm"))
    heading = lines.index("Finance and Professional Services")
    assert lines[heading + 1] == "\u2014" * 16
    assert "Innovation and Technology" in lines
    assert "Culture, Tourism and Youth" in lines


def test_gia_bullet_lines_are_kept_one_per_line() -> None:
    bullets = [line.strip(NBSP + " ") for line in _lines(_page("gia_hubei.htm")) if "\u2022" in line]
    assert bullets == [
        "\u2022 Memorandum of Understanding on Co-operation in Financial Services between Hong Kong and Hubei;",
        "\u2022 Agreement on Youth Internship Exchange between Hong Kong and Hubei; and",
        "\u2022 Letter of Intent on Co-operation in Optoelectronic Research.",
    ]


def test_gia_entities_are_decoded() -> None:
    text = _page("gia_hubei.htm").text
    assert "Hong Kong\u2019s finance & professional services" in text
    assert "&amp;" not in text and "&rsquo;" not in text and "&nbsp;" not in text


def test_gia_footer_lines_close_the_text_in_order() -> None:
    lines = _lines(_page("gia_hubei.htm"))
    assert lines[-3:] == ["Ends/Thursday, October 16, 2025", "Issued at HKT 18:05", "NNNN"]


def test_gia_page_furniture_and_photo_captions_are_left_out() -> None:
    text = _page("gia_hubei.htm").text
    for chrome in (
        "Go to main content",
        "Today's Press Releases",
        "Sitemap",
        "Printer-friendly version",
        "Email this article",
        "Back to top",
        "Privacy policy",
        "*****",
        "at the plenary today",  # the photo caption after the footer
        "openPrint",
        "margin-bottom",
    ):
        assert chrome not in text, chrome


def test_printer_friendly_page_gives_the_same_title_and_text() -> None:
    normal, printable = _page("gia_hubei.htm"), _page("gia_hubei_print.htm")
    assert printable.path == "gia"
    assert printable.title == normal.title
    assert printable.text == normal.text


def test_gia_headline_falls_back_to_the_span_then_the_page_title() -> None:
    span = html_to_text('<span id="PRHeadline">Span headline</span><span id="pressrelease">Body<br></span>')
    assert span.title == "Span headline"
    titled = html_to_text('<title>Page title</title><span id="pressrelease">Body</span>')
    assert titled.title == "Page title"
    assert titled.text == "Page title\n\nBody"


def test_footer_inside_the_release_body_is_not_repeated() -> None:
    page = html_to_text(
        '<div id="PRHeadline">H</div><span id="pressrelease">Body.<br><br>Ends/Monday, May 5, 2025<br></span>'
        "<p>Ends/Monday, May 5, 2025</p>"
    )
    assert page.text == "H\n\nBody.\n\nEnds/Monday, May 5, 2025"


def test_empty_release_span_falls_back_to_the_generic_path() -> None:
    page = html_to_text('<span id="pressrelease"> </span><article><h1>Story</h1><p>Text.</p></article>')
    assert page.path == "generic"
    assert page.text == "Story\n\nText."


def test_text_cleaner_reads_the_gia_page_like_a_text_copy() -> None:
    cleaned = clean((DATA / "gia_hubei.htm").read_text(encoding="utf-8"), html=True)
    assert cleaned.title == HUBEI_HEADLINE
    assert cleaned.footer_date == dt.date(2025, 10, 16)
    assert "Today's Press Releases" not in cleaned.text


# --------------------------------------------------------------------------------------------
# Other pages


def test_news_story_title_is_the_articles_headline_not_the_sites() -> None:
    page = _page("news_shandong.html")
    assert page.path == "generic"
    assert page.title == SHANDONG_HEADLINE
    assert _lines(page)[:2] == [SHANDONG_HEADLINE, ""]
    assert page.text.count(SHANDONG_HEADLINE) == 1


def test_news_story_keeps_dateline_paragraphs_and_list() -> None:
    page = _page("news_shandong.html")
    lines = _lines(page)
    dateline = next(
        i for i, line in enumerate(lines) if line.startswith("JINAN, March 7 \u2013 Hong Kong and Shandong")
    )
    assert lines[dateline + 1] == ""
    assert lines[dateline + 2].startswith("The Financial Secretary, Mr Wong Kin-pong")
    assert "What was agreed" in lines  # a paragraph that is only <strong>
    assert "Youth exchanges" in lines  # an <h2>
    bullets = [line for line in lines if line.startswith("\u2022 ")]
    assert bullets == [
        "\u2022 a joint fund to help Shandong manufacturers list in Hong Kong;",
        "\u2022 shipping links between Qingdao and Kwai Tsing container terminals; and",
        "\u2022 training places in Hong Kong for Shandong practitioners of Chinese medicine.",
    ]
    assert lines[-1] == "Mr Wong said the meeting had \u201cset out a practical programme for the next two years\u201d."


def test_news_story_drops_navigation_and_other_site_chrome() -> None:
    text = _page("news_shandong.html").text
    for chrome in (
        "The Harbour Ledger",
        "Skip to content",
        "Business",
        "Opinion",
        "Search the Ledger",
        "Advertisement",
        "Share on social media",
        "Related stories",
        "Bay Area firms eye northern markets",
        "Tags:",
        "Most read",
        "Typhoon signal",
        "All rights reserved",
        "Privacy policy",
        "JSON-LD headline",
        "dataLayer",
    ):
        assert chrome not in text, chrome


def test_script_and_style_contents_never_reach_the_text() -> None:
    text = _page("mirror_script_entities.html").text
    for hidden in (
        "Injected paragraph",
        "SCRIPT-ONLY-TEXT",
        "STYLE-ONLY-TEXT",
        "TEMPLATE-ONLY-TEXT",
        "alert('attribute')",
    ):
        assert hidden not in text, hidden


def test_escaped_markup_comes_out_as_inert_text() -> None:
    text = _page("mirror_script_entities.html").text
    assert 'a comment containing <script>alert("x")</script> was removed' in text
    assert "R&D > marketing < 5% remained as written." in text
    assert "Shandong Province & the Shandong Provincial" in text
    assert "in 2025 \u2013 the date is to be fixed." in text


def test_nbsp_is_kept_for_the_text_cleaner() -> None:
    lines = _lines(_page("mirror_script_entities.html"))
    assert lines[2].startswith(NBSP * 3 + " The Secretary for Constitutional and Mainland Affairs")


def test_page_title_is_used_without_the_site_name_when_there_is_no_h1() -> None:
    page = html_to_text("<title>Joint conference held | Example News</title><p>Body.</p>")
    assert page.title == "Joint conference held"
    assert page.text == "Joint conference held\n\nBody."


def test_h1_in_the_page_header_is_not_taken_for_the_title() -> None:
    page = html_to_text("<title>Story</title><header><h1>Site name</h1></header><main><p>Body.</p></main>")
    assert page.title == "Story"
    assert "Site name" not in page.text


def test_header_of_a_main_section_is_content() -> None:
    page = html_to_text(
        "<body><header>Site</header><main><header><h1>Real</h1><p>By line</p></header><p>Body.</p></main>"
    )
    assert page.title == "Real"
    assert page.text == "Real\n\nBy line\n\nBody."


# --------------------------------------------------------------------------------------------
# Layout rules on small synthetic snippets


@pytest.mark.parametrize(
    ("html", "text"),
    [
        pytest.param("<p>One.</p><p>Two.</p>", "One.\n\nTwo.", id="paragraphs-blank-line"),
        pytest.param("<div>One</div><div>Two</div>", "One\nTwo", id="divs-new-line"),
        pytest.param("a<br>b<br><br>c<br><br><br><br>d", "a\nb\n\nc\n\nd", id="br-runs-at-most-one-blank"),
        pytest.param("<ul><li>x</li><li>\u2022 y</li></ul>", "\u2022 x\n\u2022 y", id="li-bullets-not-doubled"),
        pytest.param("<p>Lead</p><h3>Heading</h3><p>Body</p>", "Lead\n\nHeading\n\nBody", id="heading-own-line"),
        pytest.param("<p>x</p><p><b>Bold heading</b></p><p>y</p>", "x\n\nBold heading\n\ny", id="bold-paragraph"),
        pytest.param("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc", id="table-rows"),
        pytest.param("<p>  spread \n\t out  </p>", "spread out", id="white-space-collapsed"),
        pytest.param("<pre>  keep\n    indent</pre>", "  keep\n    indent", id="pre-kept"),
        pytest.param("<p>x&nbsp;&nbsp;y</p>", "x\u00a0\u00a0y", id="nbsp-kept"),
        pytest.param("<p>a<!-- hidden -->b</p>", "ab", id="comment-dropped"),
        pytest.param("<blockquote>q</blockquote>after", "q\n\nafter", id="blockquote"),
        pytest.param("<p>x</p><p hidden>secret</p><div aria-hidden=true>more</div>", "x", id="hidden-dropped"),
    ],
)
def test_layout_rule(html: str, text: str) -> None:
    assert html_to_text(html).text == text


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<", "<<<>>>", "<html><body></body></html>", "<!-- only a comment", "<script>x()</script>"],
    ids=["empty", "blank", "lone-lt", "brackets", "empty-page", "open-comment", "only-script"],
)
def test_nothing_to_read_gives_empty_text(html: str) -> None:
    result = html_to_text(html)
    assert result.text == "" or result.text == html.strip()
    assert "x()" not in result.text


def test_malformed_markup_is_read_as_a_browser_would() -> None:
    page = html_to_text("<p>one<p>two</div></span><li>three<b>four<i>five</b>six")
    assert page.text == "one\n\ntwo\n\n\u2022 threefourfivesix"


def test_lone_surrogates_do_not_break_the_parser() -> None:
    assert html_to_text("<p>a\ud800b</p>").text.startswith("a")


def test_deep_nesting_stays_fast_and_keeps_the_text() -> None:
    html = "<div>" * 100_000 + "deep text" + "</div>" * 100_000
    start = time.perf_counter()
    result = html_to_text(html)
    assert time.perf_counter() - start < 5  # unbounded nesting took ~20 s here
    assert result.text == "deep text"


def test_nesting_within_the_cap_is_left_alone() -> None:
    html = "<div>" * 200 + "<p>a</p><p>b</p>" + "</div>" * 200
    assert html_to_text(html).text == "a\n\nb"
