"""The cleaner on synthetic documents written here (realistic, invented): each noise kind of the
genre is cut with its reason, each heading style is read as a heading."""

from __future__ import annotations

import datetime as dt

import pytest

from cooptrack.clean import BlockKind, Cleaned, clean
from cooptrack.extract.numbers import cardinal_value, ordinal_value

NBSP = "\u00a0"

# A synthetic release (invented wording) carrying the noise of the genre around it.
NOISY = f"""Go to main content
{NBSP}
Sixth Plenary Session of the Hong Kong/Hubei Co-operation Conference held in Wuhan (with photos)
***************************************************************
{NBSP}{NBSP} {NBSP} The Chief Secretary for Administration, Mr Lam Ting-kwok, and the Governor of Hubei Province, \
Mr Wang Jianguo, co-chaired the Sixth Plenary Session today (May 9).{NBSP}
{NBSP}
{NBSP}{NBSP} {NBSP} Hong Kong and Hubei agreed on the following two co-operation areas:
Logistics
———————————
{NBSP}{NBSP} {NBSP} Support logistics enterprises of the two places to open new freight routes.
Tourism
-------
{NBSP}{NBSP} {NBSP} Promote joint tourism itineraries along the Yangtze River.
Ends/Thursday, May 9, 2024
Issued at HKT 18:30
Issued at HKT 18:30
NNNN
Today's Press Releases

Photo

The Chief Secretary for Administration, Mr Lam Ting-kwok, attended the plenary today. Photo shows Mr Lam (left).

Audio / Video

CS attends Sixth Plenary of Hong Kong/Hubei Co-operation Conference
"""


def _reasons(cleaned: Cleaned) -> set[str]:
    return {r.reason.value for r in cleaned.removed}


def test_noise_of_the_genre_is_cut_with_its_reason() -> None:
    cleaned = clean(NOISY)
    assert {
        "site_navigation",
        "separator",
        "heading_underline",
        "footer",
        "photo_caption",
        "media_list",
    } <= _reasons(cleaned)
    for noise in ("Go to main content", "*****", "Issued at HKT", "NNNN", "Photo shows", "Audio / Video", "———"):
        assert noise not in cleaned.text
    assert cleaned.footer_date == dt.date(2024, 5, 9)
    assert cleaned.ended


def test_headings_underlined_with_em_dashes_or_hyphens() -> None:
    cleaned = clean(NOISY)
    headings = [b.text for b in cleaned.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Logistics", "Tourism"]
    assert all(b.underlined for b in cleaned.blocks if b.kind is BlockKind.HEADING)


def test_non_breaking_spaces_are_normalised_and_offsets_hold() -> None:
    cleaned = clean(NOISY)
    assert NBSP not in cleaned.text
    for block in cleaned.blocks:
        assert cleaned.text[block.start : block.end] == block.text


def test_title_keeps_its_words_and_drops_the_separator() -> None:
    assert clean(NOISY).title == (
        "Sixth Plenary Session of the Hong Kong/Hubei Co-operation Conference held in Wuhan (with photos)"
    )


def test_mirror_prefix_and_repeated_headline_are_removed() -> None:
    text = (
        "Hong Kong – SCMA attends Third Plenary of Hong Kong/Hainan Co-operation Conference\n\n"
        "SCMA attends Third Plenary of Hong Kong/Hainan Co-operation Conference\n\n"
        "     The Secretary for Constitutional and Mainland Affairs attended the plenary in Haikou today (March 3).\n"
    )
    cleaned = clean(text)
    assert cleaned.title == "SCMA attends Third Plenary of Hong Kong/Hainan Co-operation Conference"
    assert {"mirror_prefix", "duplicate_title"} <= _reasons(cleaned)
    assert cleaned.text.count("SCMA attends") == 1


@pytest.mark.parametrize(
    ("layout", "text"),
    [
        (
            "bare lines, indented paragraphs",
            "Trade\n     Promote trade fairs in both places.\nFinance\n     Support listings.\n",
        ),
        ("bare lines, flush paragraphs", "Trade\nPromote trade fairs in both places.\nFinance\nSupport listings.\n"),
        ("blank lines between", "Trade\n\nPromote trade fairs in both places.\n\nFinance\n\nSupport listings.\n"),
        ("numbered headings", "1. Trade\nPromote trade fairs in both places.\n2. Finance\nSupport listings.\n"),
    ],
)
def test_heading_styles(layout: str, text: str) -> None:
    body = "A headline about a plenary\n\n     The two sides agreed on two areas:\n" + text
    cleaned = clean(body)
    headings = [b.text for b in cleaned.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Trade", "Finance"], layout


@pytest.mark.parametrize(
    ("marker", "label"),
    [("\u2022", "\u2022"), ("*", "*"), ("(i)", "(i)"), ("(ii)", "(ii)"), ("-", "-")],
)
def test_bullets(marker: str, label: str) -> None:
    item = "Agreement on Youth Exchange between the two places;"
    text = f"A headline\n\n     Three agreements were signed:\n{marker} {item}\n"
    bullets = [b for b in clean(text).blocks if b.kind is BlockKind.BULLET]
    assert len(bullets) == 1
    assert bullets[0].label == label
    assert bullets[0].text.startswith("Agreement on Youth Exchange")


def test_hard_wrapped_paragraphs_are_joined() -> None:
    lines = [
        "A headline about the plenary",
        "",
        "The Chief Executive and the Governor of Guangdong Province co-chaired the",
        "plenary in Guangzhou today, reviewing the co-operation of the two places over",
        "the past year and agreeing on the directions for the coming year of work.",
        "",
        "Both sides agreed to deepen co-operation in innovation and technology, and to",
        "support young people of Hong Kong who start businesses in the Bay Area cities.",
        "",
        "The two sides also agreed to strengthen exchanges between their civil servants",
        "through regular training programmes and visits in the coming year and after.",
    ]
    paragraphs = [b for b in clean("\n".join(lines)).blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 3
    assert paragraphs[0].text.endswith("the coming year of work.")


def test_glued_unrelated_article_is_cut_after_the_closing_paragraphs() -> None:
    """[CLEAN-BODYCUT] contrast: a mirror copy prints, after the release, a new headline over a
    news lede ("According to ...,") and prose about something else: cut, with its evidence."""
    text = (
        "Hong Kong – Seventh Plenary of Hong Kong/Guangxi Co-operation Conference held\n\n"
        "Seventh Plenary of Hong Kong/Guangxi Co-operation Conference held\n\n"
        "     The Chief Secretary for Administration co-chaired the plenary in Nanning today (April 2).\n"
        "     Officials of the HKSAR Government attending the meeting included the Secretary for Transport, "
        "Mr Ho Kin.\n"
        "Port of Beihai Sets New Record for Container Throughput in First Quarter\n"
        "     According to the port authority, container throughput in the first quarter rose by 12 per cent "
        "year on year, with new shipping routes to Southeast Asia opening in February.\n"
        "     The port plans to add two berths by the end of the year and to extend its rail links inland.\n"
    )
    cleaned = clean(text)
    assert cleaned.unrelated_cut
    assert "Beihai" not in cleaned.text
    assert "unrelated_article" in _reasons(cleaned)
    cut = next(r for r in cleaned.removed if r.reason.value == "unrelated_article")
    assert cut.detail and "news lede" in cut.detail and "Port of Beihai" in cut.detail


# A release whose last section, after its areas and the attendance paragraph, names neither
# Hong Kong nor the meeting: a heading, a paragraph and a list (invented wording).
_EXTRA_SECTIONS = (
    "Fourth Plenary Session of Hong Kong/Hunan Co-operation Conference held in Changsha\n\n"
    "     The Chief Secretary for Administration and the Governor of Hunan Province co-chaired the Fourth "
    "Plenary Session of the Hong Kong/Hunan Co-operation Conference in Changsha today (June 3).\n"
    "Tourism\n"
    "     Promote joint tourism routes and exchanges between travel trade associations of the two places.\n"
    "     Officials attending the plenary included the Secretary for Transport and Logistics.\n"
    "Travel advice\n"
    "     Members of the public travelling in summer should take heed of the following:\n"
    "• check the weather forecast before setting out on a hike or a boat trip;\n"
    "• drink plenty of water and avoid strenuous activities at noon; and\n"
    "• seek medical advice promptly when feeling unwell.\n"
    "Advice on mosquito bites\n"
    "     Wear loose, light-coloured long-sleeved clothes and trousers, and apply insect repellent on exposed "
    "parts of the body and clothing when outdoors, especially in parks and near ponds and streams.\n"
)


@pytest.mark.parametrize(
    ("layout", "text"),
    [
        ("government-page", _EXTRA_SECTIONS + "Ends/Tuesday, June 3, 2025\nIssued at HKT 19:30\nNNNN\n"),
        ("copy-without-footer", _EXTRA_SECTIONS),
        (
            "mirror-copy",
            "Hong Kong – " + _EXTRA_SECTIONS.replace("\n\n", "\n\n" + _EXTRA_SECTIONS.split("\n")[0] + "\n\n", 1),
        ),
    ],
)
def test_a_release_with_extra_sections_keeps_them_all(layout: str, text: str) -> None:
    """[CLEAN-BODYCUT] Nothing of the release is cut: a section after the areas with no word of
    Hong Kong or of the meeting is no glued article without a document's head of its own."""
    cleaned = clean(text)
    assert not cleaned.unrelated_cut
    assert "unrelated_article" not in _reasons(cleaned)
    for words in ("Travel advice", "seek medical advice promptly", "Advice on mosquito bites", "ponds and streams"):
        assert words in cleaned.text, layout


def test_an_extra_section_on_the_governments_page_is_never_cut() -> None:
    """On the Government's page the body ends at ``Ends/``: even a dated lede inside it is the
    release's (no other document can be printed inside its body element)."""
    text = _EXTRA_SECTIONS.replace(
        "Advice on mosquito bites\n     Wear",
        "Advice on mosquito bites\n     On June 2, according to the Centre for Health Protection, wear",
    )
    cleaned = clean(text + "Ends/Tuesday, June 3, 2025\n")
    assert not cleaned.unrelated_cut and "Centre for Health Protection" in cleaned.text


@pytest.mark.parametrize("marker", ["Also in the news", "Related stories", "In other news:"])
def test_a_news_sites_heading_over_other_stories_cuts_what_follows(marker: str) -> None:
    text = (
        "Hong Kong and Ningxia agree four areas of co-operation\n\n"
        "YINCHUAN, April 9 - Hong Kong and Ningxia agreed on Thursday to work together at the 1st Plenary "
        "Session of the Hong Kong/Ningxia Co-operation Conference.\n\n"
        "Finance\n\n"
        "Support Ningxia enterprises to list in Hong Kong.\n\n"
        f"{marker}\n\n"
        "The Yinchuan museum will show bronze ware lent by Hong Kong collectors from the spring.\n"
    )
    cleaned = clean(text)
    assert cleaned.unrelated_cut and "unrelated_article" in _reasons(cleaned)
    assert "bronze" not in cleaned.text and "Support Ningxia enterprises" in cleaned.text


def test_a_final_area_is_not_mistaken_for_a_glued_article() -> None:
    text = (
        "Plenary of Hong Kong/Hunan Co-operation Conference held\n\n"
        "     The Chief Secretary co-chaired the plenary today (April 2) and officials signed two agreements.\n"
        "Ecology\n"
        "     Strengthen exchanges on the protection of wetlands and migratory birds along the flyway, "
        "including joint surveys and training of wardens in both places each year.\n"
    )
    cleaned = clean(text)
    assert not cleaned.unrelated_cut
    assert "wetlands" in cleaned.text


@pytest.mark.parametrize(
    ("printed", "folded"),
    [
        ("today (June 12).\u00c2\u00a0The two sides", "today (June 12).\u00a0The two sides"),
        ("\u00c2\u00a0\u00c2\u00a0 The Chief Secretary", "\u00a0\u00a0 The Chief Secretary"),
        ("signed the \u02c7\u00a7Agreement on Tourism\u02c7\u00a8.", "signed the \u201cAgreement on Tourism\u201d."),
        ("the \u00c2ge of discovery", "the \u00c2ge of discovery"),  # a letter after it: a word, kept
    ],
)
def test_encoding_noise_is_folded(printed: str, folded: str) -> None:
    """[NOISE-ENC] a stray "Â" before a (no-break) space, and Big5 quotes read as "ˇ§ … ˇ¨"."""
    from cooptrack.clean.noise import fold_encoding

    assert fold_encoding(printed) == folded


def test_a_line_holding_only_a_stray_a_is_chrome() -> None:
    cleaned = clean(
        "Plenary of Hong Kong/Hubei Co-operation Conference held\n\u00c2\n     The plenary was held today.\n"
    )
    assert "\u00c2" not in cleaned.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Plenary held in Wuhan\n\n     The Hong Kong/Hubei Co-operation Conference (鄂港合作會議) met today.", "en"),
        (
            "鄂港合作會議第三次會議在武漢舉行\n\n"
            "     政務司司長今日在武漢與湖北省常務副省長共同主持鄂港合作會議第三次會議。",
            "zh",
        ),
        ("繁體 简体\nEnglish\n\nHong Kong and Hubei agree on closer co-operation in finance and culture today.", "en"),
    ],
)
def test_language_is_read_from_the_text(text: str, language: str) -> None:
    """[LANG] Chinese when its Chinese characters outnumber its English words."""
    assert clean(text).language == language


def test_archive_url_gives_the_date_and_is_removed() -> None:
    text = "A headline\n\nhttps://www.info.gov.hk/gia/general/201906/14/P2019061400712.htm\n\n     Body text here.\n"
    cleaned = clean(text)
    assert cleaned.url_date == dt.date(2019, 6, 14)
    assert "info.gov.hk" not in cleaned.text


def test_news_story_without_headline_has_no_title() -> None:
    text = (
        "HONG KONG, Nov. 18 (Xinhua) -- Hong Kong and Guangdong held a plenary of their joint conference on Saturday."
    )
    cleaned = clean(text)
    assert cleaned.title is None
    assert cleaned.blocks[0].text.startswith("HONG KONG, Nov. 18")


@pytest.mark.parametrize(
    ("text", "value"),
    [("Fifth", 5), ("Twentieth", 20), ("Twenty-first", 21), ("twenty first", 21), ("20th", 20), ("3rd", 3)],
)
def test_ordinals_as_words_or_numerals(text: str, value: int) -> None:
    assert ordinal_value(text) == value


@pytest.mark.parametrize(("text", "value"), [("eight", 8), ("twelve", 12), ("twenty-one", 21), ("13", 13)])
def test_numbers_as_words_or_numerals(text: str, value: int) -> None:
    assert cardinal_value(text) == value
