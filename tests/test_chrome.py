"""The catalogue of page chrome (``cooptrack/data/chrome.toml``), one synthetic page per family.

Every page here is invented (the meeting, the people and the words); only the chrome imitates
what each source prints around a release (``../shared/genre/patterns.md`` [TITLE-CHROME],
[REL-CHROME], [TITLE-GLUED]). For each page the title must be the release's headline, the
chrome must be gone from the cleaned text and the release's own lines kept.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field

import pytest

from chrome_pages_zh import zh_pages
from cooptrack.clean import clean
from cooptrack.clean.chrome import catalogue, fold

NBSP = "\u00a0"
HEADLINE = "Third Plenary Session of Hong Kong/Hunan Co-operation Conference held in Changsha"
LEAD = (
    "     The Chief Secretary for Administration, Mr Lam Ka-ming, and the Vice Governor of Hunan Province, "
    "Mr Zhou Wei, co-chaired the Third Plenary Session of the Hong Kong/Hunan Co-operation Conference in "
    "Changsha today (May 14). The two sides agreed to deepen co-operation in four areas."
)
BODY = f"""{LEAD}

Logistics

     Support logistics enterprises of the two places to open new rail and river freight routes to Hong Kong.

Tourism

     Promote joint tourism itineraries linking Zhangjiajie, Changsha and Hong Kong in overseas markets.

     Officials attending the plenary included the Secretary for Transport and Logistics, Mr Ho Chun-wai."""
KEPT = [
    "co-chaired the Third Plenary Session",
    "Support logistics enterprises",
    "Secretary for Transport and Logistics",
]
FOOTER = "Ends/Wednesday, May 14, 2025\nIssued at HKT 19:05\n\nNNNN"


@dataclass
class Page:
    family: str
    variant: str
    text: str
    title: str | None = HEADLINE
    gone: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=lambda: list(KEPT))
    ended: bool | None = None
    page_date: dt.date | None = None


PAGES = [
    Page(
        "any-site-navigation",
        "share-and-cookie-buttons",
        f"Skip to content\nMenu\nSearch\n\n{HEADLINE}\n\nShare on Facebook | Share on Twitter\nText size\n\n{BODY}\n\n"
        "Accept all cookies\nManage preferences\nLeave a comment",
        gone=["Skip to content", "Share on Facebook", "Text size", "Accept all cookies", "Leave a comment"],
    ),
    Page(
        "any-site-page-chrome",
        "breadcrumb-cookie-copyright",
        "Home » Press Releases » 2025\nWe use cookies to improve your experience on our site.\n\n"
        f"{HEADLINE}\n\n{BODY}\n\n"
        "Tags: Hunan, Changsha, co-operation\nCopyright 2025 Pearl Delta Post. All rights reserved.",
        gone=["Home »", "We use cookies", "Tags: Hunan", "Copyright 2025"],
    ),
    Page(
        "news-site-menus",
        "menu-row-and-site-section",
        "Skip to content\nLocal | Business | World | Opinion\nHunan Daily Online | Hong Kong\n"
        f"Home News GBA Business Culture\n{HEADLINE}\nUpdated: 2025-05-14 20:15\n\n{BODY}",
        gone=["Local | Business", "Hunan Daily Online", "GBA Business"],
    ),
    Page(
        "news-site-menus",
        "slash-section-and-labelled-breadcrumb",
        "You are here: Home > News > Hong Kong\nWORLD / ASIA\nHunan freight trains to reach Kwai Chung by 2026\n"
        f"Posted: 14 May 2025 21:02\n\n{BODY}",
        title="Hunan freight trains to reach Kwai Chung by 2026",
        gone=["You are here", "WORLD / ASIA", "Posted"],
    ),
    Page(
        "news-mastheads",
        "name-over-a-stamp-then-the-story",
        f"South China Morning Post\nPublished: 8:00pm, 14 May 2025\n\n{BODY}",
        title=None,
        gone=["South China Morning Post", "Published"],
    ),
    Page(
        "rules",
        "printer-rule-and-stars",
        f"{HEADLINE}\n{'*' * 63}\n\n{BODY}\n*\n**\n= = = = =",
        gone=["*" * 3, "= = ="],
    ),
    Page(
        "gia-2017",
        "with-90-star-rule",
        f"Go to main content\n \n{HEADLINE}\n{'*' * 90}\n\n{BODY}\n\n{FOOTER}\nToday's Press Releases",
        gone=["Go to main content", "*" * 90, "Issued at HKT", "NNNN", "Today's Press Releases"],
        ended=True,
    ),
    Page(
        "gia-2017",
        "without-rule",
        f"Go to main content\n\n{HEADLINE}\n\n{BODY}\n\n{FOOTER}",
        gone=["Go to main content", "NNNN"],
        ended=True,
    ),
    Page(
        "gia-2011",
        "language-and-email-line",
        f"Traditional Chinese Simplified Chinese Email this article\n\n{HEADLINE}\n\n{BODY}\n\n{FOOTER}",
        gone=["Traditional Chinese", "Email this article"],
        ended=True,
    ),
    Page(
        "gia-2003",
        "press-release-and-homepage-link",
        f"Press Release\n{NBSP}\n \n Email this articleGovernment Homepage\n\n"
        f"{HEADLINE}\n{'*' * 30}\n\n{BODY}\n\n{FOOTER}",
        gone=["Press Release", "Email this article", "Government Homepage", "*" * 30],
        ended=True,
    ),
    Page(
        "gia-2010",
        "news-portal-line-and-photo-row",
        f"news.gov.hk - Hong Kong's Government News Portal\n\n{HEADLINE}\n\n{BODY}\n\n{FOOTER}\n"
        "Photo Photo Photo\nPrint this page",
        gone=["news.gov.hk", "Photo Photo", "Print this page"],
        ended=True,
    ),
    Page(
        "printer-friendly",
        "close-window-and-printed-from",
        f"{HEADLINE}\n{'*' * 63}\n\n{BODY}\n\n{FOOTER}\n"
        "Printed from www.info.gov.hk/gia/general/202505/14/P2025051400712p.htm\nClose window",
        gone=["Printed from", "Close window"],
        ended=True,
    ),
    Page(
        "cmab-desktop",
        "jump-link-and-border-images",
        f"Jump to the beginning of content\nborder image\nPress Releases\nborder image\n{HEADLINE}\n\n"
        f"border image {LEAD.strip()}\n\nLogistics\n\n     Support logistics enterprises of the two places to open new "
        "freight routes.\nborder image\n\n     Officials attending the plenary included the Secretary for Transport "
        "and Logistics, Mr Ho Chun-wai.",
        gone=["Jump to the beginning", "border image", "Press Releases"],
    ),
    Page(
        "cmab-mobile",
        "press-releases-over-headline",
        f"Menu\nPress Releases\n\n{HEADLINE}\n\n{BODY}",
        gone=["Press Releases"],
    ),
    Page(
        "cmab-print",
        "print-table",
        f"Press Release\nPrint Table\n{HEADLINE}\n\n{BODY}",
        gone=["Press Release\n", "Print Table"],
    ),
    Page(
        "news-portal-old",
        "size-options-and-language-links",
        "Press here to Skip to the main content\nFont Size\nA- A A+\nRSS Subscription\nAdvanced Search\nSitemap\n"
        f"繁體 简体\n\n{HEADLINE}\nMay 14, 2025\n\n{BODY}",
        gone=["Press here to Skip", "Font Size", "A- A A+", "RSS Subscription", "Advanced Search", "Sitemap", "繁體"],
    ),
    Page(
        "ebulletin-2004",
        "menus-stars-go-to-top",
        "\n".join(["*"] * 12 + ["Weather", "*", "Traffic Conditions", "*", "Categories:", "Business & Finance", "*"])
        + "\nGovernment at Work\n*\n"
        + f"{HEADLINE}\n*\nMay 14, 2004\n\n{BODY}\n\nGo To Top\n*\n*\nPrint This Page\nRelated Links\nOther News\n"
        "Hong Kong Tourism Board launches summer campaign",
        gone=[
            "Weather",
            "Traffic Conditions",
            "Categories",
            "Government at Work",
            "Go To Top",
            "Other News",
            "summer campaign",
        ],
        ended=True,
        page_date=dt.date(2004, 5, 14),
    ),
    Page(
        "breadcrumb",
        "numbered-home-section-headline",
        f"1. Home\n2. News\n3. {HEADLINE}\n2025 May 14   18:20\n{HEADLINE}\n\n{BODY}",
        gone=["1. Home", "2. News", "3. "],
    ),
    Page(
        "translated-news",
        "site-name-banner-editor-in-charge",
        "Hunan Daily Online\nThe following news is machine translated for reference only.\n\n"
        f"{HEADLINE}\n\n{BODY}\n\nEditor in charge: [Liu Fang]\nHunan Daily Online all rights reserved",
        gone=["Hunan Daily Online", "machine translated", "Editor in charge", "all rights reserved"],
        ended=True,
    ),
    Page(
        "web-archive",
        "toolbar-over-a-release",
        "The Wayback Machine - https://web.archive.org/web/20270304101500/https://www.info.gov.hk/gia/general/"
        "202505/14/P2025051400611.htm\n2 captures\n14 May 2025 - 04 Mar 2027\nFeb MAR Apr\n04\n2026 2027 2028\n"
        "success\nfail\nAbout this capture\nCOLLECTED BY\nCollection: Government websites crawl\nTIMESTAMPS\n"
        f"Go to main content\n{HEADLINE}\n\n{BODY}\n\n{FOOTER}",
        gone=[
            *("Wayback", "captures", "04 Mar 2027", "Feb MAR Apr", "2026 2027 2028"),
            *("About this capture", "COLLECTED BY", "Collection:", "TIMESTAMPS"),
        ],
        ended=True,
    ),
    Page(
        "web-archive",
        "snapshot-service-header-row",
        "archived 03 Jun 2026 12:20:05 UTC | webpage capture | Saved from https://www.info.gov.hk/gia/general/"
        "202505/14/P2025051400611.htm | history \u2190prior next\u2192 | share download .zip report bug or abuse\n"
        f"Go to main content\n{HEADLINE}\n\n{BODY}\n\n{FOOTER}",
        gone=["archived 03 Jun 2026", "webpage capture", "report bug or abuse"],
        ended=True,
    ),
    Page(
        "video-player",
        "site-headline-around-player-then-release",
        "Skip to main content\nShare this\nHK and Hunan sign up for closer links\n"
        "Video Player is loading.\nPlay Video\nPlay\n"
        "Mute\nCurrent Time 0:00\n/\nDuration 0:00\nLoaded: 0%\nÂ\n1x\nPlayback Rate\n• Chapters\n"
        "• descriptions off, selected\n• captions settings, opens captions settings dialog\n• captions off, selected\n"
        "Fullscreen\nThis is a modal window.\nHK and Hunan sign up for closer links\n2025-05-14 19:30\n"
        f"{HEADLINE}\n{BODY}\nMore Images\nThe Chief Secretary (left) shakes hands with the Vice Governor.\n"
        "Source: HKSAR Government Press Releases",
        gone=[
            "Video Player",
            "Current Time",
            "Chapters",
            "captions off",
            "sign up for closer links",
            "More Images",
            "shakes hands",
        ],
        ended=True,
    ),
    Page(
        "official-blog",
        "menu-lines-and-badges",
        "Home\nBiography\nMy Blog\nSpeeches\nPhoto Gallery\nVideos\nContact\n\n"
        f"{HEADLINE}\n\n{BODY}\n\nW3C WAI-AA WCAG 2.0\nWeb Accessibility Recognition Scheme Gold Award",
        gone=["Biography", "My Blog", "Photo Gallery", "W3C", "Recognition Scheme"],
    ),
    Page(
        "rehost",
        "print-plugin-and-tag-list",
        f"image_pdfimage_print\n{HEADLINE}\n\n{BODY}\n\n"
        "Filed under: Greater Bay Area, Hunan\nTagged: plenary, co-operation",
        gone=["image_pdf", "Filed under", "Tagged:"],
    ),
    Page(
        "markdown-copy",
        "pipes-and-empty-images",
        f"|\n![]()\n|\n{HEADLINE}\n|\n\n{BODY}\n\n![]() |\n|",
        gone=["![]()", "\n|"],
    ),
    Page(
        "overseas-office",
        "back-to-list",
        f"{HEADLINE}\n\n{BODY}\n\nBack to list\nBack to top\nHong Kong Economic and Trade Office in Singapore",
        gone=["Back to list", "Back to top", "Economic and Trade Office"],
        ended=True,
    ),
    Page(
        "page-stamps",
        "date-prefix-glued-to-headline",
        f" date 2025-05-14 {HEADLINE}\n\n{BODY}",
        gone=["date 2025-05-14"],
    ),
    Page(
        "page-stamps",
        "byline-glued-to-headline",
        "HK, Hunan explore joint logistics projects By Liu Fang (Pearl Delta Post) Updated: 2025-05-15 08:10\n\n"
        f"{BODY}",
        title="HK, Hunan explore joint logistics projects",
        gone=["Liu Fang", "Updated"],
        page_date=dt.date(2025, 5, 15),
    ),
    Page(
        "page-stamps",
        "no-headline-gives-no-title",
        f"Go to main content\nHome\nSearch\n2025-05-14 18:20 Last Updated At:05-14 19:02\n\n{BODY}",
        title=None,
        gone=["Go to main content", "Last Updated"],
    ),
    Page(
        "news-agency-ends",
        "credit-glued-to-the-last-paragraph",
        f"{HEADLINE}\n\n{BODY} REUTERS\n\nMarkets close higher on property gains",
        gone=["REUTERS", "Markets close higher"],
        ended=True,
    ),
    Page(
        "browser-print-margins",
        "header-and-footer-of-two-sheets",
        f"3/2/29, 10:05 AM\t{HEADLINE}\n\n{HEADLINE}\n\n{LEAD}\n\n"
        "https://www.info.gov.hk/gia/general/202505/14/P2025051400611p.htm\t1/2\n"
        f"3/2/29, 10:05 AM\t{HEADLINE}\n\n{BODY[len(LEAD) :].strip()}\n\n{FOOTER}\n"
        "https://www.info.gov.hk/gia/general/202505/14/P2025051400611p.htm\t2/2",
        gone=["3/2/29", "P2025051400611p.htm"],
        ended=True,
    ),
    Page(
        "pdf-copy",
        "running-header-page-numbers-and-a-form-feed",
        f"Constitutional and Mainland Affairs Bureau          Press Release\n\n{HEADLINE}\n\n{LEAD}\n\n"
        "                                        Page 1 of 2\n\f"
        f"Constitutional and Mainland Affairs Bureau          Press Release\n\n{BODY[len(LEAD) :].strip()}\n\n"
        f"{FOOTER}\n                                        Page 2 of 2",
        gone=["Constitutional and Mainland Affairs Bureau", "Page 1 of 2"],
        ended=True,
    ),
    Page(
        "pdf-copy",
        "dashed-page-number-no-running-header",
        f"{HEADLINE}\n\n{LEAD}\n\n- 1 -\n\f{BODY[len(LEAD) :].strip()}\n\n{FOOTER}",
        gone=["- 1 -"],
        ended=True,
    ),
    Page(
        "mail-forward",
        "outlook-header-over-the-release",
        "From: Press Office <press.office@example.gov.hk>\nSent: Monday, 2 June 2025 11:02\n"
        "To: Winnie Lau <winnie.lau@example.com>\nSubject: FW: Third Plenary Session\n\nFor your reference.\n\n"
        f"-----Original Message-----\n\n{HEADLINE}\n\n{BODY}\n\n{FOOTER}",
        gone=["From:", "Sent:", "Winnie Lau", "Subject:", "For your reference", "Original Message"],
        ended=True,
    ),
    Page(
        "mail-forward",
        "webmail-forward-over-a-story",
        "---------- Forwarded message ---------\nFrom: Alan Wong <alan.wong@example.com>\n"
        "Date: Mon, 2 Jun 2025 at 08:47\nSubject: Hunan plenary\nTo: Research Team <research@example.com>\n\n"
        f"{HEADLINE}\nMay 14, 2025\n{BODY}",
        gone=["Forwarded message", "Alan Wong", "Date: Mon", "Subject:", "Research Team"],
        page_date=dt.date(2025, 5, 14),
    ),
    Page(
        "news-agency-ends",
        "credit-and-end-mark-on-their-own-lines",
        f"{HEADLINE}\n\n{BODY}\n\n(Xinhua)\nEnditem\nChangsha opens third metro line to airport",
        gone=["(Xinhua)", "Enditem", "Changsha opens"],
        ended=True,
    ),
    Page(
        "news-site-footers",
        "comments-tags-and-trends",
        f"{HEADLINE}\n\n{BODY}\n\nComments are closed.\nTags: Hunan, Changsha, logistics\n"
        "Filed under: Greater China\nSearch Trends\nChangsha opens third metro line to airport",
        gone=["Comments are closed", "Tags: Hunan", "Filed under", "Search Trends", "Changsha opens"],
        ended=True,
    ),
    Page(
        "news-site-footers",
        "print-close-bar-and-footer-links",
        f"{HEADLINE}\n\n{BODY}\n\n\u3010Print\u3011\u3010Close\u3011\n"
        "About Us | Contact Us | Advertise | Privacy Policy | Terms of Use\nHunan Pearl Weekly",
        gone=["Print", "Contact Us", "Hunan Pearl Weekly"],
        ended=True,
    ),
]

PAGES += zh_pages(Page)  # the Chinese families ([ZH-NOISE])


@pytest.mark.parametrize("page", [pytest.param(p, id=f"{p.family}:{p.variant}") for p in PAGES])
def test_chrome_family(page: Page) -> None:
    cleaned = clean(page.text)
    assert cleaned.title == page.title, f"title: {cleaned.title!r}"
    body = cleaned.text if cleaned.title is None else cleaned.text[len(cleaned.title) :]
    left = [g for g in page.gone if g in body]
    assert not left, f"chrome left in the text: {left}\n---\n{cleaned.text}"
    lost = [k for k in page.kept if k not in cleaned.text]
    assert not lost, f"the release's own text lost: {lost}\n---\n{cleaned.text}"
    assert cleaned.text.count(HEADLINE) <= 1, "the headline is printed once"
    assert not cleaned.unrelated_cut, "chrome is not an unrelated article"
    if page.ended is not None:
        assert cleaned.ended is page.ended
    if page.page_date is not None:
        assert cleaned.page_date == page.page_date


def test_a_snapshot_service_s_capture_day_never_dates_the_page() -> None:
    """The header row of a page-snapshot service ("archived 03 Jun 2026 12:20:05 UTC | webpage
    capture | Saved from …") is the archive's banner: its day is the capture's, not the page's."""
    page = next(p for p in PAGES if p.variant == "snapshot-service-header-row")
    cleaned = clean(page.text)
    assert cleaned.page_date is None and cleaned.footer_date == dt.date(2025, 5, 14)


def test_every_family_has_a_page() -> None:
    """The catalogue grows with each site: a family without a synthetic page here is untested."""
    tested = {p.family for p in PAGES}
    missing = [f.id for f in catalogue().families if f.id not in tested]
    assert not missing, f"chrome families without a test page: {missing}"


def test_families_are_documented() -> None:
    for family in catalogue().families:
        assert family.source.strip(), family.id


@pytest.mark.parametrize(
    ("printed", "folded"),
    [
        ("  • Captions   off, selected ", "captions off, selected"),
        ("Today\u2019s Press Releases", "today's press releases"),
        ("\u00c2", ""),
        ("ＦＯＮＴ Size", "font size"),
    ],
)
def test_lines_are_compared_folded(printed: str, folded: str) -> None:
    assert fold(printed) == folded


def test_every_white_space_character_folds_to_one_space() -> None:
    """Every character re's \\s matches is white space to the fold (one space between words, none
    at the ends), in ASCII lines and others, with a backquote or without."""
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c)]
    assert len(spaces) > 20
    for c in spaces:
        assert fold(f"{c}Home{c}{c}Page{c}") == "home page", repr(c)
        assert fold(f"{c}`Home{c}\u00e9{c}") == "'home \u00e9", repr(c)
    assert fold("Home\u200bPage") == "home\u200bpage"  # a zero-width space is no white space


def test_a_headline_naming_a_menu_word_is_kept() -> None:
    """Menu words above the headline are chrome; the same words in a headline are not."""
    text = f"Home\nNews\n\nHome affairs chief attends plenary of Hong Kong/Hunan conference\n\n{BODY}"
    assert clean(text).title == "Home affairs chief attends plenary of Hong Kong/Hunan conference"


def test_a_headline_with_a_slash_is_no_menu() -> None:
    assert catalogue().head("Hong Kong/Hunan Co-operation Conference") is None
    assert (
        clean(f"Hong Kong/Hunan Co-operation Conference\n\n{BODY}").title == "Hong Kong/Hunan Co-operation Conference"
    )


def test_machine_translation_in_the_release_is_no_banner() -> None:
    """A banner is looked for in the page's head only: a sentence of the body naming machine
    translation does not make what is above it the site's."""
    text = (
        f"{HEADLINE}\n\n{LEAD}\n\n     The two sides will support research on machine translation between Chinese and "
        "English for use by enterprises and universities of the two places."
    )
    assert clean(text).title == HEADLINE


def test_an_end_marker_above_the_release_does_not_end_it() -> None:
    """'More Images' or 'Back to list' printed above the release is chrome, not its end."""
    cleaned = clean(f"More Images\nBack to list\n{HEADLINE}\n\n{BODY}")
    assert cleaned.title == HEADLINE and not cleaned.ended
    assert all(k in cleaned.text for k in KEPT)


def test_a_table_of_column_labels_is_no_footer_row() -> None:
    """A row of footer links ends the story; a table's first row of column labels (cells apart by
    tabs, joined by bars) names no site service, and the rows under it stay the release's."""
    table = "Hospital\tAge\tGender\tCondition\n1.\tQueen Mary Hospital\t42\tMale\tStable\n"
    cleaned = clean(f"{HEADLINE}\n\n{LEAD}\n\n{table}\n     The two sides will meet again next year.")
    assert not cleaned.ended
    assert "Queen Mary Hospital" in cleaned.text and "meet again next year" in cleaned.text


def test_an_end_marker_under_a_long_headline_does_not_end_it() -> None:
    """'Print' under a headline of 80 characters, before any sentence: chrome, not the end."""
    cleaned = clean(f"{HEADLINE} and Zhuzhou\nPrint\n\n{BODY}")
    assert not cleaned.ended and all(k in cleaned.text for k in KEPT)


# --- A site's name found by its shape (cooptrack.clean.page, a masthead), not by the catalogue ---
_NEWS_HEADLINE = "Hunan and Hong Kong to open more freight routes"


@pytest.mark.parametrize(
    ("name", "chrome"),
    [
        ("Xiangjiang Evening Courier", "Latest | Hunan | Greater Bay Area | Business | Opinion"),
        ("THE PEARL RIVER LEDGER", "News | Markets | Property\nMarkets"),
        ("Pearl Delta Post", "Top Stories | Greater Bay Area | Policy\nGreater Bay Area"),  # a menu item again
        ("Changsha, China\nChangsha Municipal People's Government", "Home > News > City News"),
        ("HXT", "HOME | CHINA | WORLD | LIFE\nCHINA / ECONOMY"),
        ("Lingnan Business Journal - English Edition", "Politics | Economy | Property"),
        ("Hunan Weekly\n\u6e58\u6c5f\u5468\u520a", "Home \u203a Hunan \u203a Economy"),
    ],
)
def test_a_site_s_name_over_its_chrome_is_no_headline(name: str, chrome: str) -> None:
    """A short line with no verb and no meeting word, over the site's chrome and a headline: the
    site's name, whatever the site ([TITLE-CHROME])."""
    cleaned = clean(f"{name}\n{chrome}\n{_NEWS_HEADLINE}\nBy Staff Reporter\n\n{BODY}")
    assert cleaned.title == _NEWS_HEADLINE
    assert name.split("\n")[0] not in cleaned.text


def test_a_site_s_name_over_a_menu_row_and_no_headline_gives_no_title() -> None:
    cleaned = clean(f"Xiangjiang Evening Courier\nLatest | Hunan | Business | Opinion\n\n{BODY}")
    assert cleaned.title is None and "Xiangjiang" not in cleaned.text


@pytest.mark.parametrize(
    ("headline", "after"),
    [
        ("Greater Bay Area Youth Internships", "Published: 14 May 2025 21:02"),  # over its stamp, then the lead
        ("Hunan Logistics Week", "Share on Facebook | Share on Twitter"),  # over a share bar, then the lead
        ("Xiangjiang Freight Corridor", "By Staff Reporter"),  # over a byline, then the lead
        (_NEWS_HEADLINE, "Officials pledge faster customs clearance for rail freight"),  # over a standfirst
    ],
)
def test_a_headline_over_its_stamp_standfirst_or_share_bar_stays_the_title(headline: str, after: str) -> None:
    assert clean(f"{headline}\n{after}\n\n{BODY}").title == headline


def test_a_headline_printed_on_two_lines_is_joined() -> None:
    """[TITLE-CHROME] A headline wrapped inside the mechanism's name, over the indented lead: one line;
    a short headline over its subhead stays alone."""
    wrapped = "Third Plenary Session of Hong Kong/Hunan\nCo-operation Conference held in Changsha"
    text = f"Go to main content\n{wrapped}\n{BODY}"
    assert clean(text).title == "Third Plenary Session of Hong Kong/Hunan Co-operation Conference held in Changsha"
    assert clean(f"CS visits Changsha\nPlenary session\n{BODY}").title == "CS visits Changsha"


def test_a_searched_kind_of_chrome_is_screened_only_off_lines_it_cannot_match() -> None:
    """The glued end markers and the chrome glued to a line's start or end are searched only in a
    line holding a piece every match holds (cooptrack.screen): every line of the chrome pages, and
    of those lines glued to a release's sentence, that one of them matches passes its screen."""
    lines = {line.strip() for page in PAGES for line in page.text.split("\n") if line.strip()}
    lines |= {f"{BODY.split(chr(10))[0]} {line}" for line in list(lines)}
    matched = 0
    for kind in ("_ends_inline", "_inline_start", "_inline_end", "_ends", "_patterns"):
        patterns = getattr(catalogue(), kind)
        for line in lines:
            if patterns._any.search(line):
                matched += 1
                assert patterns._may(line), (kind, line)
    assert matched > 50


# A row of tool links apart by spaced bars (audit html10)


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        pytest.param("Printer-friendly version | Back to top", "end", id="print-then-top"),
        pytest.param("Share | Back to list", "end", id="share-then-list"),
        pytest.param("Facebook | WhatsApp | Email", "any", id="share-row-no-end"),
    ],
)
def test_a_row_of_tool_links_is_chrome_and_ends_the_release_when_one_link_does(row: str, kind: str) -> None:
    hit = catalogue().line(row)
    assert hit is not None and hit.kind == kind


@pytest.mark.parametrize(
    "row", ["Back to top | Hong Kong/Guangdong co-operation", "Local | Wallis Wang", "Finance | Tourism | Trade"]
)
def test_a_row_with_an_item_that_is_not_chrome_is_no_tool_row(row: str) -> None:
    assert catalogue().line(row) is None


@pytest.mark.parametrize(
    "label", ["熱點推薦", "热点推荐", "推薦閱讀", "推荐阅读", "延伸閱讀", "延伸阅读", "相關閱讀", "相关阅读"]
)
def test_a_chinese_label_of_other_stories_ends_the_release(label: str) -> None:
    assert catalogue().is_end(label)


def test_a_closing_square_ends_the_story_and_a_square_bullet_does_not() -> None:
    """A paper's closing square after the story's last sentence ("... the two places. ■") ends it,
    the copy complete; a square opening a list's item ("■ Support ...") is the item's bullet."""
    story = (
        f"{HEADLINE}\n\n{LEAD}\n\nThe two sides agreed to:\n■ Support logistics enterprises of the two places.\n"
        "■ Promote joint tourism itineraries.\n\nThe Secretary for Transport and Logistics attended the plenary. ■\n"
        "Hunan Pearl Weekly · All rights reserved."
    )
    cleaned = clean(story)
    assert cleaned.ended
    assert "Support logistics enterprises" in cleaned.text and "Promote joint tourism" in cleaned.text
    assert "attended the plenary." in cleaned.text and "All rights reserved" not in cleaned.text


def test_a_web_archive_s_calendar_words_are_chrome_only_above_the_headline() -> None:
    """The archive's toolbar lines ('success', a day '04', a row of years) are the archive's above
    the page's headline; below it a release's own line of that shape is kept."""
    cleaned = clean(
        "The Wayback Machine - https://web.archive.org/web/20270304101500/https://example.gov.hk/a.htm\n"
        f"success\n04\n2026 2027 2028\n{HEADLINE}\n\n{LEAD}\n\nTargets for 2026 2027 2028\n\n"
        "     Three more freight routes will open, one a year.\n\n" + FOOTER
    )
    assert cleaned.title == HEADLINE
    assert "Targets for 2026 2027 2028" in cleaned.text and "success" not in cleaned.text


@pytest.mark.parametrize("credit", ["AGENCIES", "Agencies", "(Agencies)", "- Reuters", "Reuters.", "(Xinhua)", "AP"])
def test_a_wire_s_credit_alone_on_its_line_ends_the_story(credit: str) -> None:
    hit = catalogue().line(credit)
    assert hit is not None and hit.family == "news-agency-ends" and hit.kind == "end"


@pytest.mark.parametrize("tail", ["agencies.", "reuters.", "xinhua.", "ap."])
def test_a_sentence_s_last_word_wrapped_alone_is_no_wire_s_credit(tail: str) -> None:
    # a copy hard-wrapped at a fixed width: "... with funds from its professional firms and its public" / "agencies."
    assert catalogue().line(tail) is None
