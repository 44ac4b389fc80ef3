"""HTML to text: a release page becomes the plain text the text cleaner reads.

The output has the shape of a plain-text copy of a release: the headline as the first line, a
blank line, then the body's lines, paragraphs separated by blank lines, list items prefixed
with "• ", entities decoded and non-breaking spaces kept (the text cleaner normalises them).

Two ways in:

``gia``
    The Government's press-release pages (``www.info.gov.hk/gia/general/...``) hold the
    headline in ``#PRHeadline`` (a ``div``, sometimes a ``span``, else the ``<title>``) and the
    body in ``span#pressrelease``: lines separated by ``<br>``, paragraphs indented with runs
    of ``&nbsp;``. The "Ends/…", "Issued at HKT …" and "NNNN" lines that follow the body are
    kept at the end, because the text cleaner reads the release's year from them.
``generic``
    Any other page (a news site, a mirror): site chrome is dropped (scripts, styles,
    navigation, page header and footer, asides, forms, embedded frames, and elements whose
    class or id names related links, sharing, breadcrumbs and the like); the text comes from
    the largest ``<article>``, else ``<main>``, ``#content`` or ``<body>``; the title from its
    first ``<h1>``, else from a lower heading that reads as a headline with no prose above it (a
    bureau's page; a Chinese headline known by its length in characters), else the page's
    ``<title>``.
``trafilatura``
    A page of a layout the tool does not know (no release span, no ``<article>``, ``<main>`` or
    ``#content``: the text would come from the whole ``<body>``) is also read by trafilatura's
    main-content extraction, and its text is taken instead when it keeps the page's prose (every
    sentence-like line of the generic reading, or nearly) while cutting something else (side
    columns, comments, related stories). Pages too small to judge, with more text or elements
    than a release page ever has (:data:`FALLBACK_MAX_CHARS`, :data:`FALLBACK_MAX_TAGS`: it
    would be slow), or with less text for their markup than a release page
    (:data:`FALLBACK_CHARS_PER_TAG`), keep the generic reading, as does a page with no prose to
    judge the fallback by. Its output (headings, paragraphs, lists) goes through the same
    renderer, so the text has the same shape.

The path taken is :attr:`HtmlText.path`, and the record says it as ``reader``.

Parsing is lexbor's (through selectolax), which accepts any input the way a browser does. Its
tree building checks the stack of open elements at each block-level tag, so elements nested
thousands deep (no real page does this) would make it quadratic: a linear pre-pass first caps
the nesting, turning the excess tags into line breaks. The walk over the tree is iterative and
visits each node once, so deep nesting cannot exhaust the stack either. Text inside elements
is only ever text: an escaped ``&lt;script&gt;`` comes out as the characters ``<script>``,
never as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cooptrack.clean import zh
from cooptrack.clean.chrome import catalogue
from cooptrack.clean.noise import dates_the_page
from cooptrack.clean.page import headline_like, name_shaped
from cooptrack.dates import printed_date, stamp_date

ExtractionPath = Literal["gia", "generic", "trafilatura"]


@dataclass(frozen=True)
class HtmlText:
    """A page's headline and text, and which extraction path produced them."""

    title: str | None
    text: str
    path: ExtractionPath


def html_to_text(html: str) -> HtmlText:
    """Turn an HTML page into its title and plain text; never raises on malformed markup."""
    # Lone surrogates cannot be encoded as UTF-8; the parser reads their bytes as U+FFFD.
    data = _limit_nesting(html).encode("utf-8", "surrogatepass")
    tree = LexborHTMLParser(data)
    release = tree.css_first("#pressrelease")
    if release is not None:
        found = _gia(tree, release)
        if found is not None:
            return found
    generic, known = _generic(tree)
    size, tags = len(generic.text), html.count("<")
    if (
        known
        or not FALLBACK_MIN_CHARS <= size <= FALLBACK_MAX_CHARS
        or tags > FALLBACK_MAX_TAGS
        or size < FALLBACK_CHARS_PER_TAG * tags
    ):
        return generic
    return _fallback(data, generic) or generic


# --------------------------------------------------------------------------------------------
# Nesting

MAX_NESTING = 256
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")
# Elements that never hold others, or close themselves when a sibling opens: not counted.
_UNNESTED = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    "option optgroup thead tbody tfoot colgroup caption rb rt rtc rp html head body".split()
)


def _limit_nesting(html: str) -> str:
    """Cap the depth of open elements (estimated from the tags alone) at :data:`MAX_NESTING`.

    Pages within the cap come out unchanged. Beyond it, a block-level tag becomes ``<br>`` and
    any other an inert ``<wbr>`` (with its end tag), so the text and its lines survive. One pass,
    the same few calls for each tag whether kept or rewritten: a page repeated until it first
    goes past the cap costs, per tag, what it cost within the cap (a pass to find the depth
    before rewriting made the work step up some 4x at the size where a page crossed it).
    """
    if html.count("<") <= MAX_NESTING:
        return html
    return _Flattener().run(html)


class _Flattener:
    """Rewrite the tags opened beyond the cap (and their end tags) as line breaks or nothing."""

    def __init__(self) -> None:
        self._depth = 0
        self._dropped: dict[str, int] = {}  # elements opened beyond the cap and not yet closed

    def run(self, html: str) -> str:
        return _TAG.sub(self._tag, html)

    def _tag(self, match: re.Match[str]) -> str:
        tag, slash, name, rest = match.group(0, 1, 2, 3)
        name = name.lower()
        if name in _UNNESTED or tag[-2:] == "/>":
            return tag
        dropped = self._dropped
        if slash:
            if not self._depth:
                return tag
            if name not in dropped:
                self._depth -= 1
                return tag
            dropped[name] -= 1
            if not dropped[name]:
                del dropped[name]
        elif self._depth < MAX_NESTING:
            self._depth += 1
            return tag
        else:
            dropped[name] = dropped[name] + 1 if name in dropped else 1
        replacement = "br" if name in _PARAGRAPH or name in _BLOCK else "wbr"
        return f"<{slash}{replacement}{rest}>"


# --------------------------------------------------------------------------------------------
# The Government press-release layout

# Footer lines after the body: "Ends/Wednesday, November 29, 2023", "Issued at HKT 17:41", "NNNN".
# The release's end block: "Ends/…", "Issued at HKT …", and its Chinese twin ("完", then
# "YYYY年M月D日(星期X)", then "香港時間HH時MM分") ([HTML-GIA], [ZH-NOISE]).
_FOOTER_LINE = re.compile(
    r"^(?:Ends\s*/|Issued at HKT\b|NNNN$|完$|(?:19|20)\d\d\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日\s?[(（]星期"
    r"|香港(?:時間|时间)\s?\d)",
    re.IGNORECASE,
)


def _gia(tree: LexborHTMLParser, release: LexborNode) -> HtmlText | None:
    body = _Renderer().render(release)
    if not any(line.strip() for line in body):
        return None
    title = _headline(tree)
    if not any(_FOOTER_LINE.match(line.strip()) for line in body):
        page = tree.body
        page_lines = _Renderer(skip=release, drop_chrome=False).render(page) if page is not None else []
        footer = [line.strip() for line in page_lines if _FOOTER_LINE.match(line.strip())]
        body.extend(["", *footer] if footer else [])
    return HtmlText(title=title, text=_compose(title, body), path="gia")


def _headline(tree: LexborHTMLParser) -> str | None:
    for selector in ("div#PRHeadline", "#PRHeadline", "title"):
        node = tree.css_first(selector)
        if node is not None:
            text = _one_line(node.text(deep=True))
            if text:
                return text
    return None


# --------------------------------------------------------------------------------------------
# Any other page

# Content elements, tried in order after the largest <article>.
_ROOTS = ("main", "[role=main]", "#content", "body")
# Sectioning elements: a <header> inside one is the section's own (its headline, dateline).
_SECTIONS = frozenset({"article", "main", "section"})
_MAX_ARTICLES = 20  # bounds the work of choosing among them


def _generic(tree: LexborHTMLParser) -> tuple[HtmlText, bool]:
    """The generic reading, and whether its text came from a recognised content element."""
    root, known = _content_root(tree)
    if root is None:
        return HtmlText(title=None, text="", path="generic"), known
    heading = _title_heading(root) or _lower_headline(root)
    if heading is not None and (reproduced := _reproduced_headline(root, heading)) is not None:
        heading = reproduced
    title = _one_line(heading.text(deep=True)) if heading is not None else ""
    body = _Renderer(skip=heading).render(root) if title else []
    if not title:
        heading = None
        body = _Renderer().render(root)
        title, body = _headline_in_page_title(tree, body)
    if known and not _dated(body):
        stamp = _stamp_above(root)
        body = [stamp, "", *body] if stamp is not None else body
    return HtmlText(title=title or None, text=_compose(title or None, body), path="generic"), known


def _page_dated(line: str) -> bool:
    """Whether ``line`` is one the text cleaner reads as the page's date (English or Chinese)."""
    if dates_the_page(line):
        return True
    found = zh.furniture(line, after_end=False)
    return found is not None and found.page_date is not None


def _prose_cells(line: str) -> bool:
    """Whether a line is prose: a sentence or twenty words, in one of its cells when it is a layout
    table's row (a header row of a snapshot's tools is no prose for the number of its words)."""
    return any(_PROSE_LINE.search(_one_line(cell)) or _prose(_one_line(cell)) for cell in line.split("\t"))


def _dated(body: list[str]) -> bool:
    """Whether the content prints the page's date above its first line of prose."""
    for line in map(str.strip, body):
        if _PROSE_LINE.search(line) or (len(line) > _STAMP_BLOCK and _CJK_CHAR.search(line)):
            return False
        if line and _page_dated(line):
            return True
    return False


_STAMP_SEARCH = 40  # elements before the content looked at for its date line


def _stamp_above(root: LexborNode) -> str | None:
    """The page's date line printed above its content element and outside it (a news portal's
    "November 12, 2025" or "2025年11月3日" over the article, with the section's name): the nearest
    such line before the content, in an element that is not the site's header, navigation or
    other chrome ([D-PRINTED]). Dates after the content (related stories, "Last revision date")
    are not the page's."""
    looked = 0
    node: LexborNode | None = root
    while node is not None and node.tag not in ("body", "html"):
        sibling = node.prev
        while sibling is not None and looked < _STAMP_SEARCH:
            if sibling.is_element_node:
                looked += 1
                renderer = _Renderer()
                if not renderer._skipped(sibling):
                    # a layout table's cells are lines of their own ("Politics | Published: …")
                    cells = [cell.strip() for line in renderer.render(sibling) for cell in line.split("\t")]
                    dated = [cell for cell in cells if cell and _page_dated(cell)]
                    if dated:
                        return dated[-1]
            sibling = sibling.prev
        node = node.parent
    return None


def _content_root(tree: LexborHTMLParser) -> tuple[LexborNode | None, bool]:
    page = tree.body
    articles = tree.css("article")[:_MAX_ARTICLES]
    if articles:
        best = max(articles, key=lambda node: len(node.text(deep=True)))
        page_size = len(page.text(deep=True)) if page is not None else 0
        if len(best.text(deep=True)) * 5 >= page_size:
            return best, True
    for selector in _ROOTS:
        node = tree.css_first(selector)
        if node is not None:
            return node, selector != "body"
    return tree.root, False


# --------------------------------------------------------------------------------------------
# A layout the tool does not know: trafilatura's main-content extraction

FALLBACK_MIN_CHARS = 500  # a smaller page is no release to judge; its generic reading stands
# trafilatura takes some 50 µs an element and 3 µs a character of text: past these bounds (far
# beyond any release, whose text is under 50 000 characters) the generic reading stands.
FALLBACK_MAX_CHARS = 200_000
FALLBACK_MAX_TAGS = 20_000
# A page with less text than this for each tag (each "<") is mostly markup: it keeps the generic
# reading too. The pages of unknown layout in the tests have 6.5 to 120 characters a tag (the
# Government's own template, read as gia, 2.7 to 60). trafilatura's work goes with the elements,
# up to some 100 calls each on a page of short lines (it then also asks readability and justext),
# against the generic reading's 15: with the minimum alone, a page of a character or two among
# many elements, repeated, stepped its work up five- to tenfold at the size where its text reached
# 500 characters. A share is the same at any size, and a page that reaches the minimum with it has
# some 200 tags, which the fallback reads in what a small page may cost.
FALLBACK_CHARS_PER_TAG = 5
_PROSE_KEPT = 0.8  # share of the generic reading's sentence-like text the fallback must keep
_SENTENCE_END = ".;:!?\"')\u201d\u2019"


def _fallback(data: bytes, generic: HtmlText) -> HtmlText | None:
    """trafilatura's reading of the page, when it keeps the prose and cuts something else."""
    import trafilatura

    try:
        extracted = trafilatura.extract(
            data.decode("utf-8", "replace"), output_format="html", include_comments=False, include_links=False,
            include_images=False, include_tables=True, deduplicate=False, with_metadata=False, favor_recall=True,
        )  # fmt: skip
    except Exception:  # a fallback reader that fails must not cost the page
        return None
    if not extracted:
        return None
    body = LexborHTMLParser(extracted).body
    if body is None:
        return None
    text = _compose(generic.title, _Renderer().render(body))
    prose = _prose(generic.text)
    # A reading with no prose gives nothing to judge by: "keeps the prose" would hold whatever the
    # fallback kept (a list run into one line, shorter for the breaks it lost). Asked after the
    # extraction, so that whether it runs depends on sizes alone, not on how the last line ends.
    if not prose or _prose(text) < _PROSE_KEPT * prose or len(text) >= len(generic.text):
        return None
    if _moved_past_footer(generic.text, text):
        return None
    return HtmlText(title=generic.title, text=_keep_stamps(generic.text, text), path="trafilatura")


_PROSE_LINE = re.compile(r"^.{60,}[.!?]['\"\u2019\u201d]?$|^\S+(?:\s+\S+){19,}")  # a sentence, or twenty words


def _keep_stamps(generic: str, text: str) -> str:
    """The page's time stamps that the fallback dropped ("2025-05-21 19:05" between a mirror's
    video player and the release's headline): the year's source ([D-PRINTED], [REL-CHROME]), put
    back where the generic reading has them, before the first line that followed them there. Only
    stamps above the page's first prose count (a side column's dates below are not the page's)."""
    lines = [line.strip() for line in text.split("\n")]
    kept = set(lines)
    head = list(map(str.strip, generic.split("\n")))
    first_prose = next((i for i, line in enumerate(head) if _PROSE_LINE.search(line)), len(head))
    for i, line in enumerate(head[:first_prose]):
        if not line or line in kept or not dates_the_page(line):
            continue
        anchor = next((x for x in head[i + 1 :] if x and x in kept), None)
        at = lines.index(anchor) if anchor is not None else min(2, len(lines))
        lines[at:at] = [line, ""]
        kept.add(line)
    return "\n".join(lines)


def _moved_past_footer(generic: str, text: str) -> bool:
    """Whether the fallback put after the "Ends/" footer lines that the page has before it (a
    nested table of an old layout, moved to the end): the text cleaner would cut them."""

    def split(t: str) -> tuple[set[str], set[str]]:
        lines = [line.strip() for line in t.split("\n") if line.strip()]
        end = next((i for i, line in enumerate(lines) if _FOOTER_LINE.match(line)), len(lines))
        return set(lines[:end]), set(lines[end + 1 :])

    before, _ = split(generic)
    _, after = split(text)
    return bool(before & after)


def _prose(text: str) -> int:
    """How much of ``text`` reads as sentences: lines of 60 characters or more ending like one."""
    return sum(len(line) for line in map(str.strip, text.split("\n")) if len(line) >= 60 and line[-1] in _SENTENCE_END)


def _title_heading(root: LexborNode) -> LexborNode | None:
    """The first <h1> of the content that is not in the site's header, navigation or footer."""
    for heading in root.css("h1")[:10]:
        if not _inside_chrome(heading, root):
            return heading
    return None


_LOWER_HEADINGS = "h2, h3, h4, h5, h6"

# A line saying that a release follows, reproduced: "Source: HKSAR Government press release,
# reproduced in full below.", "The following is the full text of the press release issued by …".
_REPRODUCED = re.compile(
    r"(?i)(?=.{0,200}\bpress\s+release\b).{0,200}\b(?:reproduced|republished|reprinted|below|follows|following|"
    r"full\s+text|in\s+full)\b"
)
# What every such line holds: asked first, it spares the pattern above (which reads 200 characters
# ahead from every position) the lines that cannot match it.
_PRESS_RELEASE = re.compile(r"(?i)\bpress\s+release\b")


def _reproduced_headline(root: LexborNode, heading: LexborNode) -> LexborNode | None:
    """A page that reproduces a release under a headline of its own (a firm's client alert, a
    chamber's newsletter: its <h1>, its day, "Source: … press release, reproduced in full below.",
    then the release's headline in a lower heading over the release): the release's headline is
    the title ([TITLE-CHROME]: a mirror's own headline above the release is not). Only with that
    line between the two headings and no prose above the lower one.

    The content is rendered again (its lines, with the heading) only for a lower heading shaped as
    a headline: most pages have none, and the render is a walk of the whole content."""
    lines: list[str] | None = None
    start = 0
    for lower in root.css(_LOWER_HEADINGS)[:10]:
        text = _one_line(lower.text(deep=True))
        if _inside_chrome(lower, root) or not _headline_shaped(text):
            continue
        if lines is None:
            lines = [_one_line(line) for line in _Renderer().render(root)]
            top = _one_line(heading.text(deep=True))
            if top not in lines:
                return None
            start = lines.index(top) + 1
        if text not in lines[start:]:
            continue
        between = lines[start : start + lines[start:].index(text)]
        said = [line for line in between if _PRESS_RELEASE.search(line) and _REPRODUCED.search(line)]
        if not said or _prose("\n".join(line for line in between if line not in said)):
            return None
        return lower
    return None


def _lower_headline(root: LexborNode) -> LexborNode | None:
    """A page with no <h1> (a bureau's page: "Press Releases" in its chrome, the release's headline
    in an <h3> over the body) prints its headline as the content's first lower heading that reads
    as one (:func:`_headline_shaped`), when no prose stands above it. Its browser-tab <title>
    names the site, not the release ([TITLE-CHROME], [ZH-TITLE])."""
    for heading in root.css(_LOWER_HEADINGS)[:10]:
        if _inside_chrome(heading, root):
            continue
        text = _one_line(heading.text(deep=True))
        if not _headline_shaped(text):
            continue
        lines = [_one_line(line) for line in _Renderer().render(root)]
        above = lines[: lines.index(text)] if text in lines else []
        return None if _prose("\n".join(above)) else heading
    return None


# A Chinese headline is written without spaces: eight characters or more say what four words say
# in English, and are longer than a section's name (新聞公報). Its verb or the meeting it names
# (:data:`page.CJK_HEADLINE_CUE`) set it apart from a site's name printed in the same heading
# (福建省人民政府) ([ZH-TITLE]).
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _headline_shaped(text: str) -> bool:
    """A lower heading that reads as a headline, not a date line: four words or more, not shaped as a
    site's or a section's name; a Chinese one eight characters or more, not closed as a sentence
    (。！？), and shaped as a site's name only if it names a meeting or holds a verb."""
    if not headline_like(text) or stamp_date(text):
        return False
    if len(_CJK_CHAR.findall(text)) >= 8:
        if text[-1] in "\u3002\uff01\uff1f":  # a Chinese sentence closed: prose
            return False
        return not name_shaped(text)
    return len(text.split()) >= 4 and not name_shaped(text)


def _inside_chrome(node: LexborNode, root: LexborNode) -> bool:
    """Whether ``node`` sits in navigation, an aside, a footer, or the page's own header."""
    in_header = False
    parent = node.parent
    for _ in range(200):  # page chrome is shallow; stop looking further up
        if parent is None or parent.mem_id == root.mem_id:
            return in_header and root.tag not in _SECTIONS
        tag = parent.tag
        if tag in ("nav", "footer", "aside") or _is_noise(parent):
            return True
        if tag == "header":
            in_header = True
        elif tag in _SECTIONS and in_header:
            return False  # a section's own header
        parent = parent.parent
    return False


_TITLE_LINE_SEARCH = 80  # lines of the content read for the headline that the <title> holds


def _headline_in_page_title(tree: LexborHTMLParser, body: list[str]) -> tuple[str, list[str]]:
    """A page that prints its headline in no heading element (a ``<div class="headline">``, a
    layout table's cell: a news site, a Mainland portal, an old layout) and whose ``<title>`` holds
    it with the site's or the section's names around it ("香江日報 - Headline", "Headline_Section_
    Site", "Headline | Site", or cut short: "Office | Headline of the rel..."): the headline is the
    longest line of the content, above any prose, that the ``<title>`` holds (or, cut short, whose
    opening its last part is) and that reads as a headline (never a site's name printed on a line
    of its own above it, which the ``<title>`` also holds: the known gap of [TITLE-CHROME]). What
    the content prints above that line is the site's (its name, menus, breadcrumb), but for the
    page's date line (the year's source, [D-PRINTED]). Otherwise the ``<title>`` as
    :func:`_page_title` reads it, the body as it is (audit html6)."""
    page_title = _page_title(tree)
    node = tree.css_first("title")
    whole = _one_line(node.text(deep=True)) if node is not None else ""
    if not whole or len(whole) > _TITLE_MAX:
        return page_title, body
    # a <title> cut short by the site ("Office | Headline of the rel..."): its last part opens the line
    cut = _CUT_TITLE.fullmatch(whole)
    opening = _TITLE_PARTS.split(cut["head"])[-1].strip() if cut is not None else ""
    best: tuple[int, str] | None = None
    for at, raw in enumerate(body[:_TITLE_LINE_SEARCH]):
        line = _one_line(raw)
        if _prose_cells(raw):
            break
        held = line in whole or (len(opening) >= _CUT_OPENING and line.startswith(opening))
        if line and held and (best is None or len(line) > len(best[1])) and _headline_shaped(line):
            best = (at, line)
    if best is None:
        return page_title, body
    at, line = best
    kept = [raw for raw in body[:at] if raw.strip() and _page_dated(raw.strip())]
    return line, [*kept, "", *body[at + 1 :]]


_CUT_TITLE = re.compile(r"(?P<head>.+?)\s?(?:\.{3}|\u2026)")
_TITLE_PARTS = re.compile(r"\s[|\-\u2013\u2014]\s|_")
_CUT_OPENING = 20  # characters of a cut <title>'s last part that must open the headline's line


def _page_title(tree: LexborHTMLParser) -> str:
    """The <title>, without a site name after a bar ("Headline | Site")."""
    node = tree.css_first("title")
    title = _one_line(node.text(deep=True)) if node is not None else ""
    head, bar, site = title.rpartition(" | ")
    if bar and len(site) <= 40 and len(head) > len(site):
        return head.strip()
    if len(title) > _TITLE_MAX:  # longer than any headline and site name: left whole (the patterns'
        return title  # work grows with the square of what they read)
    m = _CJK_SITE_SUFFIX.fullmatch(title) or _SITE_AFTER_UNDERSCORE.fullmatch(title)
    if m and len(m["head"]) > len(m["site"]):  # "Headline_广东省人民政府门户网站", "Headline - 华龙网"
        return m["head"].strip()
    return title


_TITLE_MAX = 600  # characters of a <title> read for a site's name after the headline

# A Mainland site's English name after the headline behind "_": "Headline_Hubei Provincial People's Government".
# (The head is anything up to its first word character, then as little as will do: what ".*?\w.*?"
# finds, without trying every word character of the head as its first, which made a search cubic.)
_SITE_AFTER_UNDERSCORE = re.compile(
    r"(?P<head>[^\w\n]*\w.*?)\s?_\s?(?P<site>[A-Z][\w'\u2019.&-]*(?:\s[\w'\u2019.&()-]+){0,8})"
)


# A Chinese site's name after the headline in the <title>, behind "_", "-", "－" or "|" ([ZH-TITLE]).
_CJK_SITE_SUFFIX = re.compile(
    r"(?P<head>.*[\u3400-\u9fff].*?)\s?(?:_|\s[-\u2013\u2014－|｜]\s|[－｜])\s?(?P<site>[\u3400-\u9fff\w·]{2,20})"
)


# Class and id names whose first part marks page furniture rather than content.
_NOISE_NAMES = frozenset(
    "related share sharing social breadcrumb breadcrumbs comments comment advert advertisement "
    "ad ads promo cookie cookies newsletter subscribe sidebar menu nav navbar navigation toolbar "
    "pagination skip masthead sr visually hidden consent discussion sharebar sharetools tag tags topics "
    "login signin kicker trending popular most".split()
)
_NAME_PARTS = re.compile(r"[\s_-]+")


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _is_noise(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):  # a hidden copy of the headline ([HTML-GIA])
        return True
    role = attrs.get("role")
    if role in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    for key in ("class", "id"):
        value = attrs.get(key)
        if not value:
            continue
        for name in value.split():
            if _NAME_PARTS.split(name.lower(), maxsplit=1)[0] in _NOISE_NAMES:
                return True
    return False


# --------------------------------------------------------------------------------------------
# Rendering a tree as lines of text

# Never text: what a browser does not show as the page's words.
_INVISIBLE = frozenset(
    "script style noscript template head title iframe svg math object embed canvas video audio "
    "map select textarea button dialog".split()
)
# Site furniture (a <header> only outside sectioning elements; see _SECTIONS).
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "form"})
_PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6 blockquote ul ol dl table pre figure hr address center".split())
_BLOCK = frozenset(
    "div li tr dt dd section article header main caption figcaption details summary fieldset legend body html".split()
)
_CELL = frozenset({"td", "th"})
_BULLET_GLYPHS = "•·▪●◦‣∙-*–—"
# A run of white space a browser shows as one space: written as one; a single space is left alone
# (replacing it with itself is work for nothing), every other run of it replaced.
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")


_BOX_TAGS = frozenset({"div", "section", "table", "ul", "dl"})
_BOX_STEPS = 20  # nodes walked to a box's first words
_BOX_LABEL_MAX = 12  # characters of a box's label ("延伸閱讀", "Related stories")
_BOX_SIBLINGS = 6  # elements after the box looked at for the story going on


def _inline_box(node: LexborNode) -> bool:
    """A box of other stories inside the story (a Hong Kong paper's "延伸閱讀" between two
    paragraphs): an element whose first words are an end marker of the catalogue (延伸閱讀, 相關新聞,
    "Related"), with the story's prose going on after it in the same parent. It is skipped, so
    that its label does not close the release before the paragraphs under it (audit zh20: a
    paper's areas after the box had been cut). A block of other stories after the story, with no
    prose after it, is left to the end marker it opens."""
    walk, steps = node.first_child, 0
    while walk is not None and steps < _BOX_STEPS:
        steps += 1
        if walk.is_text_node and (walk.text_content or "").strip():
            break
        if walk.is_element_node and walk.tag not in _INVISIBLE and walk.first_child is not None:
            walk = walk.first_child
        else:
            walk = walk.next
    if walk is None or not walk.is_text_node:
        return False
    label = _one_line(walk.text_content or "")
    if not label or len(label) > _BOX_LABEL_MAX or not catalogue().is_end(label):
        return False
    sibling, looked = node.next, 0
    while sibling is not None and looked < _BOX_SIBLINGS:
        if sibling.is_element_node:
            looked += 1
            if sibling.tag == "p" and _story_paragraph(_one_line(sibling.text(deep=True))):
                return True
        sibling = sibling.next
    return False


def _story_paragraph(text: str) -> bool:
    """A paragraph of prose: a sentence closed, 20 characters or more (a Chinese one in 。)."""
    return len(text) >= 20 and text[-1] in "。！？.!?”」"


class _Renderer:
    """Walk a subtree once, in document order, writing its text with line and paragraph breaks."""

    def __init__(self, skip: LexborNode | None = None, *, drop_chrome: bool = True) -> None:
        self._out = _Lines()
        self._skip_id = skip.mem_id if skip is not None else None
        self._drop_chrome = drop_chrome
        self._sections = 0  # open sectioning elements: a <header> in one is content, not chrome
        self._pre = 0  # open <pre> elements: white space is kept
        self._row_cells: dict[int, bool] = {}  # table cells judged: whether a <br> in them lists

    def render(self, root: LexborNode) -> list[str]:
        if root.tag in _SECTIONS:
            self._sections += 1
        stack: list[LexborNode] = []
        node = root.first_child
        while node is not None:
            entered = self._enter(node)
            child = node.first_child if entered else None
            if child is not None:
                stack.append(node)
                node = child
                continue
            if entered:
                self._leave(node)
            following = node.next
            while following is None and stack:
                parent = stack.pop()
                self._leave(parent)
                following = parent.next
            node = following
        return self._out.lines()

    def _enter(self, node: LexborNode) -> bool:
        """Write what opening ``node`` means; return whether to visit its children."""
        if node.is_text_node:
            self._text(node.text_content or "")
            return False
        if not node.is_element_node or self._skipped(node):
            return False
        tag = node.tag or ""
        if tag == "time":
            if (stamp := _time_stamp(node)) is not None:
                self._text(stamp)
                return False
            if _stamp_line(node):  # "By <a>X</a> <time>19 Mar 2026, 6:42pm</time>": the stamp on its own line
                self._out.line_break()
                self._text(_one_line(node.text(deep=True)))
                self._out.line_break()
                return False
        if tag == "br":
            if self._in_row_cell(node):  # '<td>廳長韓傑<br />局長孫東</td>': one cell, its names listed
                self._out.write("、")
            else:
                self._out.line_break()
        elif tag in _PARAGRAPH:
            self._out.block_break(2)
        elif tag in _BLOCK:
            self._out.block_break(1)
        elif tag in _CELL:
            self._out.cell()
        if tag == "li":
            if _list_heading(node):  # "<li><strong>Finance</strong><ul><li>…": the sublist's heading
                self._out.block_break(2)
            else:
                self._out.prefix = "• "
        elif tag in _SECTIONS:
            self._sections += 1
        elif tag == "pre":
            self._pre += 1
        return True

    def _in_row_cell(self, br: LexborNode) -> bool:
        """Whether a <br> parts the lines of a data table's Chinese cell (a row of two cells or more:
        '1 | 《A》 | 廳長X<br />局長Y', the signers of one document), not a layout table's lines: a
        short cell of a row of several, with no sentence closed in it. Its lines are one cell's
        items, listed, so that the row stays one line (audit zh20). Each cell is judged once."""
        cell = br.parent
        for _ in range(8):  # the cell is close above its line breaks (inside a <p>, a <span>)
            if cell is None or cell.tag in ("td", "th", "table", "body"):
                break
            cell = cell.parent
        if cell is None or cell.tag not in ("td", "th"):
            return False
        known = self._row_cells.get(cell.mem_id)
        if known is None:
            text = _one_line(cell.text(deep=True))
            row = cell.parent
            cells = [c for c in row.iter() if c.tag in ("td", "th")] if row is not None and row.tag == "tr" else []
            known = (
                len(cells) >= 2 and len(text) <= _ROW_CELL_MAX and "。" not in text
                and _CJK_CHAR.search(text) is not None
            )  # fmt: skip
            self._row_cells[cell.mem_id] = known
        return known

    def _leave(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if tag in _PARAGRAPH:
            self._out.block_break(2)
        elif tag in _BLOCK:
            self._out.block_break(1)
        if tag == "li":
            self._out.prefix = ""
        elif tag in _SECTIONS:
            self._sections -= 1
        elif tag == "pre":
            self._pre -= 1

    def _skipped(self, node: LexborNode) -> bool:
        tag = node.tag
        if tag in _INVISIBLE or (self._skip_id is not None and node.mem_id == self._skip_id):
            return True
        if not self._drop_chrome:
            return False
        if tag in _CHROME_TAGS or (tag == "header" and not self._sections):
            return True
        return _is_noise(node) or (tag in _BOX_TAGS and _inline_box(node))

    def _text(self, text: str) -> None:
        if not self._pre:
            # white space alone (between tags: the most frequent text) collapses to one space
            self._out.write(_COLLAPSIBLE.sub(" ", text) if text.strip(" \t\n\r\f") else " " if text else "")
            return
        for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
            if i:
                self._out.line_break()
            self._out.write(line, keep_spaces=True)


_DATETIME = re.compile(r"\s*(?:19|20)\d\d-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")
_HKT = dt.timezone(dt.timedelta(hours=8))
_STAMP_BLOCK = 80  # a block this short around a <time> is a line of the page's facts, not prose


def _time_stamp(node: LexborNode) -> str | None:
    """A page's <time> element whose words print no year ("Oct 15", "3 hours ago") but whose
    ``datetime`` attribute gives the date ("2025-10-15T06:10:00+08:00"): written as that date
    ("2025-10-15"), so that the line reads as the page's stamp ([D-PRINTED]); a time with a zone
    is the day in Hong Kong. A <time> inside prose keeps its words: the sentence names its day."""
    m = _DATETIME.match(node.attributes.get("datetime") or "")
    words = node.text(deep=True)
    if m is None or _prints_date(words):
        return None
    block = node.parent
    while block is not None and (block.tag or "") not in _PARAGRAPH | _BLOCK:
        block = block.parent
    if block is not None and len(_one_line(block.text(deep=True))) > _STAMP_BLOCK:
        return None
    try:
        when = dt.datetime.fromisoformat(m.group(0).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(_HKT)
    return when.date().isoformat()


def _prints_date(words: str) -> bool:
    """Whether a <time>'s words print a full date: in English ("19 Mar 2026, 6:42pm"), or as a
    Chinese page's date line ("2027年3月16日 星期二 18:42", a Hong Kong paper's byline; audit zh20)."""
    return printed_date(words) is not None or (len(words) <= _STAMP_BLOCK and _page_dated(_one_line(words)))


def _stamp_line(node: LexborNode) -> bool:
    """A <time> printing a full date in a short block of the page's facts (a byline: "By X 19 Mar
    2026, 6:42pm"), not inside prose: its words are the page's stamp ([D-PRINTED])."""
    words = _one_line(node.text(deep=True))
    if not words or not _prints_date(words):
        return False
    block = node.parent
    while block is not None and (block.tag or "") not in _PARAGRAPH | _BLOCK:
        block = block.parent
    if block is None:
        return False
    line = _one_line(block.text(deep=True))
    # (a row the cleaner reads as the page's stamp as it stands is left whole: "Staff reporter
    # 2026-05-12 21:05 · Updated 2026-05-13 08:10")
    return len(line) <= _STAMP_BLOCK and not dates_the_page(line)


_ROW_CELL_MAX = 120  # characters of a data table's cell that lists its items on lines (signers, not prose)

_EMPHASIS = frozenset({"strong", "b", "u", "em"})
_LIST_HEADING_MAX = 100  # characters: a heading, not a paragraph in bold


def _list_heading(item: LexborNode) -> bool:
    """A list item whose only words before a nested list are one emphasised phrase ("<li><strong>
    Finance</strong><ul><li>measure</li>…</ul></li>"): the heading of the measures under it, as a
    release's <strong><u> line over its <ul> is ([HEAD-STYLE], [HTML-GIA])."""
    lead: list[LexborNode] = []
    child = item.first_child
    while child is not None and (child.tag or "") not in ("ul", "ol"):
        if child.is_element_node and (child.tag or "") != "br":
            lead.append(child)
        elif child.is_text_node and (child.text_content or "").strip():
            return False
        child = child.next
    if child is None or len(lead) != 1 or (lead[0].tag or "") not in _EMPHASIS:
        return False
    words = _one_line(lead[0].text(deep=True))
    return 0 < len(words) <= _LIST_HEADING_MAX and not words.endswith((".", ";", ":", ",", "。", "；", "：", "，"))


class _Lines:
    """Text written piece by piece, with line breaks owed until the next visible text."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._owed = 0  # line breaks to write before the next text: 1 new line, 2 a blank line
        self.prefix = ""  # written before the next text: a list item's bullet

    def _at_line_start(self) -> bool:
        return not self._parts or self._owed > 0 or self._parts[-1].endswith("\n")

    def write(self, text: str, *, keep_spaces: bool = False) -> None:
        if self._at_line_start() and not keep_spaces:
            text = text.lstrip(" ")
        if not text:
            return
        if self._parts and self._owed:
            self._parts.append("\n" * self._owed)
        self._owed = 0
        if self.prefix:
            if not text.lstrip("\u00a0 ").startswith(tuple(_BULLET_GLYPHS)):
                self._parts.append(self.prefix)
            self.prefix = ""
        self._parts.append(text)

    def line_break(self) -> None:
        """A <br>: each one ends a line, two in a row leave a blank line."""
        if self._parts:
            self._owed = min(self._owed + 1, 2)

    def block_break(self, count: int) -> None:
        if self._parts:
            self._owed = max(self._owed, count)

    def cell(self) -> None:
        """A table cell: after text on the same line, a tab (a row of a data table reads as
        cells, as a saved copy of it does)."""
        if self._parts and not self._at_line_start():
            self._parts[-1] = self._parts[-1].rstrip(" ")
            self._parts.append("\t")

    def space(self) -> None:
        if self._parts and not self._at_line_start() and not self._parts[-1].endswith(" "):
            self._parts.append(" ")

    def lines(self) -> list[str]:
        return "".join(self._parts).split("\n")


# --------------------------------------------------------------------------------------------
# Output

_SPACE_RUN = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """A title on one line: every run of white space (non-breaking too) as one space."""
    return _SPACE_RUN.sub(" ", text).strip()


def _compose(title: str | None, body: list[str]) -> str:
    """The title, a blank line, then the body; no trailing spaces, no runs of blank lines."""
    lines = [line.rstrip() if line.strip() else "" for line in body]
    if title is not None:
        first = next((line for line in lines if line), None)
        if first is not None and _one_line(first) == title:
            lines.remove(first)
        lines = [title, "", *lines]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
