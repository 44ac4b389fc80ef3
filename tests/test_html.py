"""HTML to text: the fixtures in tests/data/html (synthetic pages written for these tests) and
small inline snippets, also synthetic, each checking one rule of html_to_text."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest

from cooptrack.acquire import Document, document_from_bytes
from cooptrack.clean import clean
from cooptrack.clean.html import HtmlText, html_to_text
from cooptrack.pipeline import parse_document, parse_text
from cooptrack.record import Record
from recordfacts import facts
from workcount import assert_linear

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
        pytest.param(
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a\tb\nc", id="table-cells-tab-separated"
        ),
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


@pytest.mark.slow
def test_deep_nesting_keeps_the_text_with_work_linear_in_the_depth() -> None:
    # Unbounded nesting once took ~20 s at this depth. Work is counted, not timed (workcount):
    # the calls and CPU seconds at 25,000, 50,000 and 100,000 levels grow no faster than the depth.
    works = assert_linear(lambda n: "<div>" * (n // 11) + "deep text" + "</div>" * (n // 11), html_to_text, 275_000)
    assert [w.result.text for w in works] == ["deep text"] * 3


def test_nesting_within_the_cap_is_left_alone() -> None:
    html = "<div>" * 200 + "<p>a</p><p>b</p>" + "</div>" * 200
    assert html_to_text(html).text == "a\n\nb"


# --------------------------------------------------------------------------------------------
# Layouts the reader does not know: trafilatura's fallback, and which reader was used

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ARCHIVE = Path(__file__).parent / "data" / "archive" / "gia" / "general"
JIANGSU_HEADLINE = "Hong Kong and Jiangsu hold first plenary of co-operation conference"


def test_a_page_of_an_unknown_layout_is_read_by_the_fallback() -> None:
    page = _page("news_unknown_layout.html")
    assert page.path == "trafilatura"
    assert _lines(page)[:2] == [JIANGSU_HEADLINE, ""]
    assert "NANJING, May 14 \u2013 Hong Kong and Jiangsu held the First Plenary Session" in page.text
    assert "Mr Ho said the meeting had opened a new chapter" in page.text
    for chrome in (
        "Delta Daily Wire\n",
        "Business",
        "Elsewhere on the Wire",
        "A new ferry route",
        "Shares in Hong Kong",
    ):
        assert chrome not in page.text, chrome


def test_the_fallback_reading_gives_the_record() -> None:
    record = parse_text((DATA / "news_unknown_layout.html").read_text("utf-8"), "wire.html", html=True)
    assert record.reader == "trafilatura"
    assert (record.relevant, record.mechanism, record.meeting.ordinal) == (
        True, "Hong Kong/Jiangsu Co-operation Conference", 1
    )  # fmt: skip
    assert (record.meeting.date, record.meeting.venue) == (dt.date(2024, 5, 14), "Nanjing")
    assert [p.name for p in record.people] == ["Ho Chun-yin", "Fei Gaoyun"]


def _as_unknown_layout(text: str) -> str:
    """A release as a news site of no known layout would show it: paragraphs among site chrome."""
    title, *body = text.split("\n")
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in body if line.strip())
    others = "".join(
        f"<p><a href='/s/{n}'>Another story on this site, about something else, told in one sentence ({n}).</a></p>"
        for n in range(3)
    )
    return (
        f"<html><head><title>{html.escape(title)} - Wire</title></head><body>"
        "<div class='x1'><a href='/'>Wire</a> <a href='/hk'>Hong Kong</a> <a href='/biz'>Business</a></div>"
        f"<div class='x2'><h1>{html.escape(title)}</h1>{paragraphs}</div><div class='x3'>{others}</div>"
        "<div class='x4'><p>All rights reserved.</p></div></body></html>"
    )


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_a_release_read_by_the_fallback_gives_the_same_record_as_its_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    page = _as_unknown_layout(text)
    assert html_to_text(page).path == "trafilatura"
    as_text = parse_text(text, path.name, html=False)
    as_page = parse_text(page, path.name, html=True)
    assert as_page.relevant and as_page.measures
    assert facts(as_page.model_dump(mode="json")) == facts(as_text.model_dump(mode="json"))


@pytest.fixture
def fallback_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each call of trafilatura's extraction (and let it run)."""
    import trafilatura

    calls: list[str] = []
    extract = trafilatura.extract

    def recording(markup: str, **options: Any) -> str | None:
        calls.append(markup)
        return extract(markup, **options)

    monkeypatch.setattr(trafilatura, "extract", recording)
    return calls


@pytest.mark.parametrize(
    "name", ["gia_hubei.htm", "gia_hubei_print.htm", "news_shandong.html", "mirror_script_entities.html"]
)
def test_known_layouts_never_reach_the_fallback(name: str, fallback_calls: list[str]) -> None:
    assert _page(name).path in ("gia", "generic")
    assert fallback_calls == []


def test_a_small_page_never_reaches_the_fallback(fallback_calls: list[str]) -> None:
    assert html_to_text("<p>One.</p><p>Two.</p>").path == "generic"
    assert fallback_calls == []


def test_a_page_with_too_many_elements_keeps_the_generic_reading(fallback_calls: list[str]) -> None:
    page = "<div>" + "<p>A sentence of some length that goes on to make the page big enough.</p>" * 25_000
    assert html_to_text(page).path == "generic"
    assert fallback_calls == []


def test_a_page_of_more_markup_than_text_keeps_the_generic_reading(fallback_calls: list[str]) -> None:
    # Synthetic: some 600 characters of text among 960 tags, far less text for its markup than a release.
    page = "<html><body>" + ("<div class=wrap>" + "<img src=/i.png>" * 6 + "Item</div>") * 120 + "</body></html>"
    read = html_to_text(page)
    assert (read.path, read.text.count("Item")) == ("generic", 120)
    assert fallback_calls == []


def test_a_page_without_prose_keeps_the_generic_reading(fallback_calls: list[str]) -> None:
    # Synthetic: a list of agreements, no line that reads as a sentence. The fallback ran the items
    # into one line, shorter than the generic reading; with no prose to keep, it was taken.
    items = ["Agreement on Youth Exchange and Co-operation", "Memorandum of Understanding on Tourism"]
    links = "".join(f"<li><a href=/a/{i}>{items[i % 2]} ({i + 1})</a></li>" for i in range(15))
    page = f"<html><body><div class=x1>Agreements signed</div><div class=x2><ul>{links}</ul></div></body></html>"
    read = html_to_text(page)
    assert len(fallback_calls) == 1
    assert read.path == "generic"
    assert "\n• Memorandum of Understanding on Tourism (2)\n• Agreement on Youth" in read.text


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(None, id="nothing-found"),
        pytest.param("<html><body><p>Only the headline survived.</p></body></html>", id="prose-lost"),
        pytest.param(RuntimeError("lxml gave up"), id="raises"),
    ],
)
def test_the_generic_reading_stands_when_the_fallback_fails_or_loses_prose(
    monkeypatch: pytest.MonkeyPatch, answer: object
) -> None:
    import trafilatura

    def extract(markup: str, **options: Any) -> object:
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(trafilatura, "extract", extract)
    page = _page("news_unknown_layout.html")
    assert page.path == "generic"
    assert "Mr Ho said the meeting had opened a new chapter" in page.text


@pytest.mark.parametrize(
    ("html", "reader"),
    [
        pytest.param(None, "text", id="text"),
        pytest.param("gia_hubei.htm", "gia", id="gia"),
        pytest.param("news_shandong.html", "generic", id="generic"),
        pytest.param("news_unknown_layout.html", "trafilatura", id="trafilatura"),
    ],
)
def test_the_record_says_which_reader_was_used(html: str | None, reader: str) -> None:
    text = (
        (CORPUS / "000_37dcf99a9e9d37fb.txt").read_text("utf-8") if html is None else (DATA / html).read_text("utf-8")
    )
    assert parse_text(text, "x", html=html is not None).reader == reader


# --------------------------------------------------------------------------------------------
# Pages as the archive serves them: printer-friendly, pre-2008, Big5 and Windows-1252


def _without_charset(raw: bytes) -> bytes:
    stripped = re.sub(rb"(?i)<meta[^>]*charset[^>]*>\s*", b"", raw)
    assert stripped != raw and b"charset" not in stripped.lower()
    return stripped


def _read(raw: bytes, name: str) -> tuple[Document, Record]:
    doc = document_from_bytes(raw, source=name, uri=f"/archive/{name}")
    return doc, parse_document(doc)


BIG5_PAGE = (ARCHIVE / "202311/29/P2023112900501.htm").read_bytes()
OLD_PAGE = (ARCHIVE / "200606/10/0610166.htm").read_bytes()


@pytest.mark.parametrize("declared", [True, False], ids=["charset-declared", "no-charset"])
def test_a_big5_page_is_decoded_and_read(declared: bool) -> None:
    doc, record = _read(BIG5_PAGE if declared else _without_charset(BIG5_PAGE), "P2023112900501.htm")
    assert doc.encoding == "big5"
    assert "Co-operation Conference (\u95a9\u6e2f\u5408\u4f5c\u6703\u8b70) in Fuzhou" in record.text
    assert (record.reader, record.mechanism, record.meeting.ordinal) == (
        "gia", "Hong Kong/Fujian Co-operation Conference", 3
    )  # fmt: skip
    assert record.meeting.date == dt.date(2023, 11, 29)
    assert [a.title for a in record.agreements] == ["Agreement on Youth Exchange and Co-operation"]
    assert "(\u95a9\u6e2f\u9752\u5e74\u4ea4\u6d41\u5408\u4f5c\u5354\u8b70)" in record.text


@pytest.mark.parametrize(
    "meta",
    [
        pytest.param(b"", id="no-charset"),
        pytest.param(b'<META http-equiv="Content-Type" content="text/html; charset=windows-1252">', id="windows-1252"),
        pytest.param(b'<META charset="iso-8859-1">', id="latin-1-label"),
    ],
)
def test_a_pre_2008_windows_1252_page_is_decoded_and_read(meta: bytes) -> None:
    doc, record = _read(OLD_PAGE.replace(b"<HEAD>", b"<HEAD>" + meta), "0610166.htm")
    assert doc.encoding == "cp1252"
    assert "Mr Lee said, \u201cThe two places will work together" in record.text
    assert "the Hong Kong\u2013Shenzhen Western Corridor" in record.text
    assert (record.mechanism, record.meeting.ordinal, record.meeting.date) == (
        "Hong Kong/Guangdong Co-operation Joint Conference", 9, dt.date(2006, 6, 10)
    )  # fmt: skip
    assert [a.heading for a in record.areas] == ["Logistics and Infrastructure", "Environmental Protection"]


def test_a_printer_friendly_archive_page_is_read_like_a_release() -> None:
    _, record = _read((ARCHIVE / "202311/28/P2023112800460p.htm").read_bytes(), "P2023112800460p.htm")
    assert (record.reader, record.mechanism, record.meeting.ordinal, record.declared_area_count) == (
        "gia", "Hong Kong/Zhejiang Co-operation Conference", 3, 3
    )  # fmt: skip
    assert len(record.agreements) == 2


# [HTML-GIA] The Government's page, its printer-friendly twin and its text twin: one record

GIA_TWINS = (
    "gen_html_gia_P2023061500450_hubei.htm",
    "gen_html_gia_P2023061500450p_hubei.htm",
    "gen_html_gia_P2023061500450_hubei.txt",
)


def test_a_gia_page_its_printer_twin_and_its_text_give_one_record() -> None:
    from cooptrack.pipeline import parse_path

    folder = Path(__file__).parent / "data" / "html"
    records = [facts(parse_path(folder / name).model_dump(mode="json")) for name in GIA_TWINS]
    for record in records:
        record.pop("source", None)
    assert records[0] == records[1] == records[2]


def test_a_headline_split_over_spans_is_joined_as_printed_and_its_hidden_copy_ignored() -> None:
    page = (
        '<div style="display:none">Hidden copy of the headline</div>'
        '<div id="PRHeadline"><span id="PRHeadlineSpan"><span>Fourth Plenary of Hong Kong/Hubei Co-op</span>'
        "<span>eration Conference in </span><span>Wuhan</span></span></div>"
        '<span id="pressrelease">&nbsp;&nbsp;&nbsp;&nbsp; The plenary was held today (June 15).<br />'
        '<div class="mB15 f15">Ends/Thursday, June 15, 2023<br/>Issued at HKT 18:55</div></span>'
    )
    page_text = html_to_text(page)
    assert page_text.title == "Fourth Plenary of Hong Kong/Hubei Co-operation Conference in Wuhan"
    assert "Hidden copy" not in page_text.text
    cleaned = clean(page, html=True)
    assert cleaned.ended and "Issued at HKT" not in cleaned.text


def test_a_tables_label_row_is_no_item_and_its_rows_are() -> None:
    cleaned = clean("Headline of a release\n\nAgreement\tSigned by\nAgreement on Tourism\tMr Chan and Mr Li\n")
    kinds = [(b.kind.value, b.text) for b in cleaned.blocks]
    assert ("paragraph", "Agreement | Signed by") in kinds
    assert ("bullet", "Agreement on Tourism | Mr Chan and Mr Li") in kinds


def test_a_hidden_copy_of_the_headline_on_another_page_is_not_read() -> None:
    page = (
        "<html><body><main><div style='display: none'>Plenary of Hong Kong/Hubei Co-operation Conference</div>"
        "<h1>Plenary of Hong Kong/Hubei Co-operation Conference</h1>"
        "<p>The Chief Secretary co-chaired the plenary in Wuhan today (June 15).</p></main></body></html>"
    )
    read = html_to_text(page)
    assert read.title == "Plenary of Hong Kong/Hubei Co-operation Conference"
    assert read.text.count("Plenary of Hong Kong/Hubei") == 1


# The page's date line above its content element (audit html10)

_DATED_PAGE = """<html><body><header><div>Tuesday, November 18, 2025</div></header>
<div class="when">{above}</div>
<main><article><h1>Sichuan and Hong Kong hold talks</h1>{inside}
<p>The Chief Executive and the Governor of Sichuan co-chaired the Fourth Plenary Session of the
conference in Chengdu today (November 17), agreeing on eight areas.</p>
</article><aside><p>November 16, 2025</p></aside></main></body></html>"""


def test_a_date_line_above_the_content_element_is_kept_as_the_page_date() -> None:
    text = html_to_text(_DATED_PAGE.format(above="November 17, 2025", inside="")).text
    assert text.split("\n")[2] == "November 17, 2025"


def test_a_date_in_a_layout_table_cell_above_the_content_is_taken_alone() -> None:
    page = _DATED_PAGE.format(
        above="<table><tr><td>Politics</td><td>Published: 17 November 2025</td></tr></table>", inside=""
    )
    assert "Published: 17 November 2025" in html_to_text(page).text.split("\n")[:4]


def test_the_sites_header_clock_and_dates_after_the_content_are_not_the_page_date() -> None:
    text = html_to_text(_DATED_PAGE.format(above="Politics", inside="")).text
    assert "November 18, 2025" not in text and "November 16, 2025" not in text


def test_the_contents_own_date_line_wins_over_one_above_it() -> None:
    text = html_to_text(_DATED_PAGE.format(above="November 19, 2025", inside="<p>November 17, 2025</p>")).text
    assert "November 19, 2025" not in text and "November 17, 2025" in text


_REPRODUCING = (
    "<html><body><main><h1>Hong Kong and Hunan deepen ties in advanced manufacturing</h1>"
    "<p>12 May 2028</p>{between}"
    "<h2>Third Plenary Session of Hong Kong/Hunan Co-operation Conference held in Changsha</h2>"
    "<p>The Chief Executive, Mr John Lee, and the Governor of Hunan Province, Mr Mao Weiming, co-chaired the Third "
    "Plenary Session of the Hong Kong/Hunan Co-operation Conference in Changsha today (May 12).</p>"
    "</main></body></html>"
)


@pytest.mark.parametrize(
    "between",
    [
        "<p>Source: HKSAR Government press release, reproduced in full below.</p>",
        "<p>The following is the full text of the press release issued by the Government today:</p>",
    ],
)
def test_a_release_reproduced_under_a_site_s_own_headline_is_titled_by_its_own(between: str) -> None:
    """A firm's alert or a bureau's bulletin prints a release under an <h1> of its own, with a line
    saying that the press release follows: the release's headline below is the title (audit en11)."""
    got = html_to_text(_REPRODUCING.format(between=between))
    assert got.title == "Third Plenary Session of Hong Kong/Hunan Co-operation Conference held in Changsha"


@pytest.mark.parametrize(
    "between",
    [
        "",  # no line saying a release follows: a story's sub-head
        "<p>This story draws on a government press release.</p>",  # says no release follows
        # a story's own prose under its headline, then the line: the h1 is the story's
        "<p>Hong Kong and Hunan agreed on Friday to deepen co-operation in advanced manufacturing, "
        "finance and trade, officials said after a meeting in the provincial capital.</p>"
        "<p>The full press release follows below.</p>",
    ],
)
def test_a_lower_heading_without_a_reproduced_release_line_leaves_the_h1_the_title(between: str) -> None:
    got = html_to_text(_REPRODUCING.format(between=between))
    assert got.title == "Hong Kong and Hunan deepen ties in advanced manufacturing"


# --------------------------------------------------------------------------------------------
# Chinese pages as served (audit zh20)

_BOX_PAGE = """<html><body><article><h1>港澳合作高層會議在澳門舉行</h1>
<p>第十六次港澳合作高層會議昨日在澳門舉行，由財政司司長與澳門特區經濟財政司司長共同主持。</p>
<div class="box"><span>延伸閱讀</span><ul><li><a href="#">另一則新聞的標題在此</a></li></ul></div>
{after}
</article></body></html>"""


def test_a_related_box_inside_the_story_is_skipped_and_the_story_goes_on() -> None:
    text = html_to_text(_BOX_PAGE.format(after="<p>雙方會聯合在東南亞市場推廣兩地的一程多站旅遊產品。</p>")).text
    assert "延伸閱讀" not in text and "另一則新聞的標題在此" not in text
    assert "雙方會聯合在東南亞市場推廣" in text


def test_a_related_box_with_no_prose_after_it_is_left_to_close_the_story() -> None:
    text = html_to_text(_BOX_PAGE.format(after="<p>責任編輯：陳明</p>")).text
    assert "延伸閱讀" in text  # the text cleaner's end marker: the story is over there


def test_a_br_in_a_data_table_s_chinese_cell_lists_its_items_on_the_row() -> None:
    page = (
        "<html><body><article><h1>浙港合作會議第五次會議</h1><table>"
        "<tr><td>1</td><td>浙港數字經濟合作協議</td><td>廳長韓傑<br />局長孫東</td></tr>"
        "</table></article></body></html>"
    )
    assert "1\t浙港數字經濟合作協議\t廳長韓傑、局長孫東" in html_to_text(page).text


def test_a_layout_table_s_br_lines_stay_lines() -> None:
    cell = "　　4月22日，鄂港合作會議第二次會議在武漢舉行。<br>　　雙方商定在以下四個方面深化合作。"
    page = f"<html><body><table><tr><td>左欄</td><td>{cell}</td></tr></table></body></html>"
    assert "舉行。\n" in html_to_text(page).text


def test_many_related_boxes_and_cells_are_read_in_linear_work() -> None:
    unit = (
        '<div><span>延伸閱讀</span><a href="#">標題</a></div><p>雙方會推動兩地的合作，並支持企業發展業務。</p>'
        "<table><tr><td>1</td><td>甲<br>乙</td></tr></table>"
    )
    page = "<html><body><article>{}</article></body></html>"
    assert_linear(lambda n: page.format(unit * (n // len(unit))), html_to_text, 60_000)
