"""What of a page is not the release: the chrome above its headline, and an article glued after it.

The text cleaner (:mod:`cooptrack.clean.text`) scans a page's lines once, removing the chrome that
may stand anywhere. What is left still holds, at its top, what only the page's head can hold, and
at its end, on a copy, what another document can add:

* the head: menus and section words, a translated-news site's name over its banner, a numbered
  breadcrumb, a site's name over its navigation, a mirror site's prefix and its repeat of the
  headline, a video-player mirror's own headline printed twice over the release's
  ([TITLE-CHROME], [REL-CHROME]). What remains first is the headline, when it looks like one; a
  page that prints none has no title (never a line of chrome);
* the end: a site's name as the last line, after its share bar; an unrelated article glued on
  after the release ([CLEAN-BODYCUT]): cut only on a copy (never on the Government's own page,
  whose body ends at ``Ends/``), only after the release's closing paragraphs, only on positive
  evidence of another document (a news site's marker of other stories, or a new headline over a
  dateline, byline or news lede) and only when nothing after it speaks of the release's matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cooptrack.clean import noise
from cooptrack.clean.blocks import Block, BlockKind
from cooptrack.clean.chrome import catalogue, fold
from cooptrack.dates import DATELINE
from cooptrack.mechanisms import find as find_mechanisms
from cooptrack.record import Removed
from cooptrack.screen import screen
from cooptrack.vocab import RemovalReason

_SENTENCE_END = re.compile(r"[.!?:;'\"\u2019\u201d)]$")
# A Chinese sentence's end, anywhere in a line (a site's name holds none)
_CHINESE_SENTENCE = re.compile(r"[。！？]")
_MAY_CLOSE = screen(noise.CLOSING_CUES)  # (most paragraphs hold no closing cue: not searched)
_MIRROR_SITES = re.compile(r"^(?:Hong Kong|HK|HKSAR|GovHK|China|Xinhua|news\.gov\.hk|info\.gov\.hk)$")
_HEAD_SPAN = 80  # the page's head: chrome above the headline is looked for among its first lines
_PROSE_WORDS = 20  # a line this long is prose: the head has ended
# A menu item or section word: one to four plain words, no digits, no sentence punctuation.
_MENU_ITEM = re.compile(r"[A-Za-z][A-Za-z&'\u2019\-]*(?: [A-Za-z&'\u2019\-]+){0,3}:?")
_MENU_MAX = 30
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.{0,300})$")
_MENU_SEPARATOR = re.compile(r"\s[|\u00bb\u203a\u00b7\u2022>/]\s")
# A site's name (a masthead): every word capitalised ("South China Morning Post", "THE BUSINESS
# TIMES", "Jiangxi, China", "The People's Government of Guangxi Zhuang Autonomous Region", "HK
# Economic Journal - English Edition"), or a
# short line of Chinese ("澳門每日時報"); no verb, no meeting word, no year.
_NAME_WORD = re.compile(
    r"(?:[A-Z0-9&\u2018\u201c'\"][\w.&'\u2019\-]{0,30}|of|the|and|for|in|on|at|de|da|du|[-\u2013\u2014]),?"
)
_NAME_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,16}")
# A Chinese headline's verb or the meeting it names: what no site's name holds (福建省人民政府, 新华网),
# however short the line ('川港合作会议第五次会议在成都举行' over the site's menu row is the headline,
# not a masthead; audit zh20) ([ZH-TITLE]).
CJK_HEADLINE_CUE = re.compile(
    r"会议|會議|会晤|會晤|举行|舉行|召开|召開|主持|出席|签署|簽署|签约|簽約|率团|率團|访问|訪問|会见|會見"
)
_NAME_MAX = (8, 64)  # words, characters
# a line that says it is a site (its name or description), whatever its capitals
_SITE_WORDS = re.compile(
    r"(?i)\b(?:web\s?site|(?:web|government|official)\s+portal|homepage|home\s+page)\b|"
    r"\.(?:com|net|org|gov|cn|hk|mo)\b|\bpeople's\s+government\b(?!\s+(?:and|with)\b)"
)
_NOT_A_NAME = re.compile(
    r"(?i)\b(?:is|are|was|were|be|will|would|to|says?|said|vows?|vowed|agree[sd]?|signs?|signed|holds?|held|"
    r"meets?|met|leads?|led|visits?|visited|opens?|opened|launch(?:es|ed)?|sets?|seeks?|eyes|plans?|planned|"
    r"push(?:es|ed)?|boosts?|boosted|urges?d?|calls?|called|takes?|took|makes?|made|wins?|won|joins?|joined|"
    r"hails?|hailed|inks?|inked|unveils?|unveiled|announces?d?|(?:19|20)\d\d)\b"
)


@dataclass
class Line:
    """A line of the page kept by the scan, with what the scan saw around it."""

    text: str
    indented: bool
    underlined: bool = False
    blank_before: bool = False
    chrome_after: bool = False  # site navigation or page chrome was removed right after it
    dated_after: bool = False  # a date line, page stamp or byline was removed right after it
    parted_after: bool = False  # a separator row (asterisks, equals signs) was removed right after it
    indent: int = 0  # spaces before the text: paragraphs are indented, headings never ([AREAS-CUTPARA])
    rule: str = ""  # the character of the row under it ("-", "=", "\u2014"): a heading's level
    marked: bool = False  # a Markdown copy marked it as the page's heading: "# Headline"


def headline_like(text: str) -> bool:
    """Short enough, and not ending as a sentence does (a closing bracket is fine)."""
    if DATELINE.match(text) or len(text) > 300 or len(text.split()) > 45:
        return False
    if text.endswith(")"):
        return True
    return not re.search(r"[.;,:]$", text)


# --------------------------------------------------------------------------------------------
# The head of the page and its headline


def take_title(lines: list[Line], removed: list[Removed]) -> tuple[str | None, list[Line]]:
    """The headline and the lines after it, the page's head chrome recorded as removed.

    The first line left after the head's chrome is the headline when it looks like one. A site's
    name over its navigation or its section words ("News Archive", then "Skip to content"; a
    bureau's name, then "News" and a stamp) is no headline when the line under them names a
    meeting and the site's name does not.
    """
    lines = _drop_head_chrome(lines, removed)
    site = _site_name(lines) or _above_marked_headline(lines)
    if site:
        removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text="\n".join(x.text for x in lines[:site])))
        lines = lines[site:]
    if not lines or not headline_like(lines[0].text):
        return None, lines
    title, rest = _mirrored(lines[0].text, lines[1:], removed)
    if _wrapped_title(title, rest):
        title, rest = f"{title} {rest[0].text}", rest[1:]
    return title, rest


_WRAP_TAIL_WORDS = 6
_WRAP_NAME_WORDS = 12  # the second line of a headline broken inside a mechanism's name
_WRAP_WIDTH = 36
_PAIR_END = re.compile(r"\b(?:Hong\s+Kong|HK)\s?/\s?[A-Z][a-z]+$")
_COOPERATION_START = re.compile(r"(?i)co-?operation\b")
_OPEN_END = re.compile(r"(?:\b(?:of|and|the|to|in|for|with|on|at|by|a|an)|[/\-\u2013,])$", re.IGNORECASE)


def _wrapped_title(title: str, rest: list[Line]) -> bool:
    """A headline printed on two lines ("CS to co-chair Second Plenary Session of Hong Kong/Hubei",
    "Co-operation Conference") over the release's indented lead, or over a blank line when the
    first line stops mid-phrase: one headline ([TITLE-CHROME]: joined with one space). A line
    under the headline that closes a sentence, or is long, is the lead or a standfirst."""
    if not rest or rest[0].blank_before or rest[0].indent or noise.MIRROR_PREFIX.match(rest[0].text):
        return False
    tail = rest[0].text
    split_name = _name_split(title, tail)
    if len(tail.split()) > (_WRAP_NAME_WORDS if split_name else _WRAP_TAIL_WORDS):
        return False
    if not tail[:1].isupper() or _SENTENCE_END.search(tail):
        return False
    if DATELINE.match(tail) or not headline_like(f"{title} {tail}") or _SENTENCE_END.search(title):
        return False
    open_end = _OPEN_END.search(title) is not None
    # a long line wrapped inside a name ("… of Hong Kong/Hubei" + "Co-operation Conference …": the
    # name goes on in capitals); a headline over a subhead ("CE leads delegation to Tianjin" +
    # "High-level meeting") is two lines
    first_words = tail.split()[:2]
    in_a_name = len(title) >= _WRAP_WIDTH and len(first_words) == 2 and all(w[:1].isupper() for w in first_words)
    after = rest[1] if len(rest) > 1 else None
    if after is not None and after.indent >= 4 and not after.blank_before:
        return open_end or in_a_name or split_name
    # the break inside a mechanism's name, over a blank line too: a PDF's wrap (audit en19)
    return (after is None or after.blank_before) and (open_end or split_name)


def _name_split(title: str, tail: str) -> bool:
    """Whether a line break falls inside a mechanism's name: a name found across the two lines
    ("… of Hong Kong/Shanghai" + "Economic and Trade Co-operation Conference held in Shanghai"), or
    a pair before the break and "Co-operation" after it ("… of Hong Kong/Henan" + "Co-operation
    Agreements held in Hong Kong"). The headline is then one line, however long its second part."""
    if _PAIR_END.search(title) is not None and _COOPERATION_START.match(tail) is not None:
        return True
    cut = len(title)
    return any(m.start < cut < m.end for m in find_mechanisms(f"{title} {tail}"))


def _mirrored(title: str, rest: list[Line], removed: list[Removed]) -> tuple[str, list[Line]]:
    """Drop a mirror site's prefix ("Hong Kong – ") and the headline's repeats under it; when the
    repeated headline is the mirror's own, the release's headline follows it."""
    m = noise.MIRROR_PREFIX.match(title)
    stripped = title[m.end() :] if m else None
    repeats = [i for i, x in enumerate(rest[:4]) if x.text in (title, stripped)]
    known_site = m is not None and (_MIRROR_SITES.match(m["prefix"]) is not None or _site_prefix(title, m))
    if m and stripped is not None and (known_site or any(rest[i].text == stripped for i in repeats)):
        removed.append(Removed(reason=RemovalReason.MIRROR_PREFIX, text=title[: m.end()]))
        title = stripped
    for i in reversed(repeats):
        removed.append(Removed(reason=RemovalReason.DUPLICATE_TITLE, text=rest[i].text))
        del rest[i]
    if repeats and _release_headline_below(rest):
        removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=title))
        return rest[0].text, rest[1:]
    return title, rest


def _site_prefix(title: str, m: re.Match[str]) -> bool:
    """An unknown site's name before a spaced dash ("HK Daily Wire – Hong Kong/Guangxi Co-operation
    Conference holds Third Plenary ..."): two to four words naming no mechanism, over a headline
    that names a mechanism's meeting by itself (not the pair "Guangxi – Hong Kong Co-operation
    Conference", not a post before a colon)."""
    if title[m.end("prefix") + 1] not in "\u2013\u2014" or not 2 <= len(m["prefix"].split()) <= 4:
        return False
    rest = title[m.end() :]
    if any(n.start < m.end() for n in find_mechanisms(title)):
        return False
    return _names_a_meeting(rest) and bool(find_mechanisms(rest))


def _site_name(lines: list[Line]) -> int:
    """How many lines a site's name and the section words under it take above the headline."""
    if len(lines) < 2 or noise.MEETING_CUE.search(lines[0].text) or _NOT_A_NAME.search(lines[0].text):
        return 0  # a line with a headline's verb ("... agree to fly more cargo") is the headline
    below = lines[1].text
    # the headline is the line over its date line or byline: the line above is the site's name,
    # when it is shaped as one or says it is a site ("Official website of the Shanghai Municipal
    # People's Government"); a headline ("Hong Kong and Guangdong agree to ...") over its standfirst
    # (a summary naming the plenary) over the stamp stays the headline
    site = name_shaped(lines[0].text) or _SITE_WORDS.search(lines[0].text)
    if lines[1].dated_after and not lines[0].dated_after and site and (_names_a_meeting(below) or _names_a_deal(below)):
        return 1
    # a line saying it is a site ("Yunnan Provincial People's Government Portal  Yunnan News") over
    # a headline naming the meeting over the lead, with no chrome or stamp between (audit en17)
    if _SITE_WORDS.search(lines[0].text) and _names_a_meeting(below) and _release_headline_below(lines[1:]):
        return 1
    j = 1
    while j < min(len(lines), 6) and len(lines[j].text) <= _MENU_MAX and _MENU_ITEM.fullmatch(lines[j].text):
        j += 1
    if (j == 1 and not lines[0].chrome_after) or j >= len(lines):
        return 0
    return j if headline_like(lines[j].text) and noise.MEETING_CUE.search(lines[j].text) else 0


_MARKED_SPAN = 4  # lines a Markdown copy's site may print above its "# " headline


def _above_marked_headline(lines: list[Line]) -> int:
    """How many lines stand above the headline a Markdown copy marks as its page's heading ("Policy
    Notes from Hong Kong" over "# Hong Kong and Chongqing hold Third Plenary …"): short lines that
    close no sentence, the site's (audit en14). None when the first line is marked, or when a line
    above is prose (the release began before the mark: an area's heading marked further on)."""
    for i, line in enumerate(lines[: _MARKED_SPAN + 1]):
        if line.marked:
            return i
        if len(line.text.split()) > _PROSE_WORDS // 2 or _SENTENCE_END.search(line.text):
            return 0
    return 0


# A headline on what the two sides agreed or signed: "Macao and Hong Kong sign agreements on …".
_DEAL_CUE = re.compile(r"(?i)\b(?:signs?|signed|inks?|inked|pacts?|agreements?|deals?|co-?operation|ties)\b")


def _names_a_deal(text: str) -> bool:
    """A headline (a verb's line, not a name's) on a signing or on co-operation, over its stamp."""
    return headline_like(text) and len(text.split()) >= 4 and not name_shaped(text) and bool(_DEAL_CUE.search(text))


def _names_a_meeting(text: str) -> bool:
    return headline_like(text) and len(text.split()) >= 4 and noise.MEETING_CUE.search(text) is not None


def _release_headline_below(rest: list[Line]) -> bool:
    """A video-player mirror prints its own headline above and below the player, then the
    release's headline over the release's lead ([REL-CHROME]): that one is the title."""
    if len(rest) < 2 or not headline_like(rest[0].text) or _MENU_ITEM.fullmatch(rest[0].text):
        return False
    lead = rest[1].text
    return len(lead.split()) >= _PROSE_WORDS and bool(_SENTENCE_END.search(lead))


def _drop_head_chrome(lines: list[Line], removed: list[Removed]) -> list[Line]:
    """Lines above the headline that only a page's head holds: a translated-news site's name and
    banner, a site's name over its chrome, menus and section words, the first items of a numbered
    breadcrumb."""
    cat = catalogue()
    head = _head_end(lines)
    start = max((i + 1 for i in range(head) if cat.banner(lines[i].text)), default=0)
    i = start
    items: set[str] = set()  # the items of the menu rows above: a section word repeats one
    while i < head:
        text = lines[i].text
        if cat.head(text):
            items.update(fold(x) for x in _MENU_SEPARATOR.split(text))
            i += 1
        elif fold(text) in items:  # "Greater Bay Area" under "Top Stories | Greater Bay Area | Business"
            i += 1
        elif cat.breadcrumb(text):
            crumbs = _breadcrumb(lines, i)
            i += crumbs
            if crumbs > 1:  # the last item is the headline, without its number
                i -= 1
                lines = [*lines[:i], _unnumbered(lines[i]), *lines[i + 1 :]]
                break
        elif (run := _menu_run(lines, i)) > 0 or (run := _masthead(lines, i, head)) > 0:
            i += run
        else:
            break
    if i:
        removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text="\n".join(x.text for x in lines[:i])))
    return lines[i:]


def _head_end(lines: list[Line]) -> int:
    """Where the page's head ends: at its first line of prose, or after :data:`_HEAD_SPAN` lines."""
    for i, line in enumerate(lines[:_HEAD_SPAN]):
        if len(line.text.split()) > _PROSE_WORDS:
            return i
    return min(len(lines), _HEAD_SPAN)


def _masthead(lines: list[Line], i: int, head: int) -> int:
    """How many lines at ``i`` are the site's name ([TITLE-CHROME]): one to three short lines
    shaped as a name (:func:`_name_shaped`: no verb, no meeting word) followed by the site's chrome
    (removed by the scan right under them, or a menu row, section words, a breadcrumb), then a
    headline-shaped line. A menu row right under the name proves it even when no headline follows
    (the page then has no title, never the name). A headline over its stamp or a byline is no
    site's name: what follows its chrome is the lead, not a headline."""
    j = i
    while j < min(head, i + 3, len(lines) - 1) and name_shaped(lines[j].text):
        j += 1
        if lines[j - 1].chrome_after or lines[j - 1].dated_after:
            break
    if j == i:
        return 0
    k = j
    while k < head and (run := _chrome_run(lines, k)) > 0:  # within the page's head: linear
        k += run
    if k >= len(lines) or not (k > j or lines[j - 1].chrome_after or lines[j - 1].dated_after):
        return 0
    menu_row = k > j and catalogue().head(lines[j].text) is not None
    nxt = lines[k].text
    # (a Chinese headline over its stamp line is no name: the line after the stamp is its lead, a
    # sentence closing on 。 with a wire's spaced dateline, '人民网北京7月7日电 （记者 X）…'; audit zh13)
    sentence = _CHINESE_SENTENCE.search(nxt) is not None
    headline = headline_like(nxt) and len(nxt.split()) >= 3 and not name_shaped(nxt) and not sentence
    return j - i if headline or menu_row else 0


def name_shaped(text: str) -> bool:
    """A line shaped as a site's name: see :data:`_NAME_WORD`."""
    if _NAME_CJK.fullmatch(text):
        return CJK_HEADLINE_CUE.search(text) is None
    words = text.split()
    if not 1 <= len(words) <= _NAME_MAX[0] or len(text) > _NAME_MAX[1] or text[-1] in ".!?:;":
        return False
    if noise.MEETING_CUE.search(text) or _NOT_A_NAME.search(text):
        return False
    return all(_NAME_WORD.fullmatch(w) for w in words)


def _chrome_run(lines: list[Line], i: int) -> int:
    """How many lines at ``i`` are head chrome seen ahead (a menu row, section words)."""
    if catalogue().head(lines[i].text):
        return 1
    return _menu_run(lines, i)


def _breadcrumb(lines: list[Line], i: int) -> int:
    """How many numbered items ("1. Home", "2. News", "3. ‹Headline›") the breadcrumb at ``i`` has
    (numbered upwards: an item the scan removed as navigation leaves a gap)."""
    n, last = 1, 1
    for line in lines[i + 1 : i + 8]:
        m = _NUMBERED.match(line.text)
        if m is None or not last < int(m[1]) <= last + 2:
            break
        n, last = n + 1, int(m[1])
    return n


def _unnumbered(line: Line) -> Line:
    m = _NUMBERED.match(line.text)
    return replace(line, text=m[2]) if m else line


def _menu_run(lines: list[Line], i: int) -> int:
    """Menu items above a headline: two or more in a row (a blog's menu, an e-bulletin's), or one
    or two words alone (a section word) over a headline of four words or more."""
    j = i
    while j < len(lines) and len(lines[j].text) <= _MENU_MAX and _MENU_ITEM.fullmatch(lines[j].text):
        j += 1
    if j == i or j >= len(lines) or not headline_like(lines[j].text):
        return 0
    words = [w for w in lines[i].text.split() if w not in ("&", "and")]  # "Government & Economy"
    if j - i >= 2 or (len(words) <= 2 and len(lines[j].text.split()) >= 4):
        return j - i
    return 0


def drop_site_footer(lines: list[Line], removed: list[Removed]) -> list[Line]:
    """A site's name as the page's last line, after its share bar ("Macao Business Daily - Local
    and regional news"): not the release's."""
    if len(lines) < 3 or not lines[-2].chrome_after:
        return lines
    last = lines[-1].text
    if len(last) > 100 or _SENTENCE_END.search(last) or noise.MEETING_CUE.search(last):
        return lines
    if _CHINESE_SENTENCE.search(last):  # a Chinese story of one paragraph under a stamp: its lead
        return lines
    removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=last))
    return lines[:-1]


# --------------------------------------------------------------------------------------------
# An article glued after the release


def cut_unrelated(
    lines: list[Line], blocks: list[Block], removed: list[Removed], *, own_page: bool
) -> tuple[list[Block], bool]:
    """Cut an article glued after the release (``blocks`` are ``lines`` classified, one for one).

    Nothing is cut on the Government's own page (``own_page``: read by its reader, or closed by
    its ``Ends/`` footer): a section after the areas ("Health advice", a heading, a paragraph
    and a list) is the release's. On a copy, a news site's marker of other stories ("Also in
    the news", "Related stories") cuts at once (an unrelated article when prose follows it, chrome
    when only headlines do). Otherwise the cut needs the release's closing
    paragraphs (signing, attendance) before it, a new headline with the head of a document
    under it (a date line, stamp or byline, a wire dateline, a news lede "On ‹Month D›,
    according to ..."), and nothing after it that speaks of Hong Kong or the meeting. A news
    story's headline over a report of another source ("Nanning Metro Line 6 Opens to
    Passengers" over "Recently, the ... Group announced that ...") needs no closing paragraphs
    before it, only the release's lead.
    """
    if own_page:
        return blocks, False
    closed = lead = False
    for i, block in enumerate(blocks):
        if i > 0 and len(block.text) < 60 and noise.OTHER_STORIES.match(block.text):
            return _other_stories(blocks, i, removed)
        after_lead = lead  # a paragraph before this block
        if block.kind is BlockKind.PARAGRAPH:
            lead = True
            if _MAY_CLOSE(block.text) and noise.CLOSING_CUES.search(block.text):
                closed = True
                continue
        if block.kind is BlockKind.BULLET or i + 1 >= len(blocks) or not headline_like(block.text):
            continue
        evidence = _document_head(lines, blocks, i) if closed else None
        if evidence is None and after_lead:
            evidence = _news_story(blocks, i)
        if evidence is None:
            continue
        tail = blocks[i + 1 :]
        if sum(len(b.text) for b in tail if b.kind is not BlockKind.HEADING) < 200:
            continue
        if any(noise.RELEASE_CUES.search(b.text) for b in [block, *tail]):
            continue
        why = f"a new headline ({block.text!r}) over {evidence}, then prose about something else"
        return _cut(blocks, i, removed, why)
    return blocks, False


def _document_head(lines: list[Line], blocks: list[Block], i: int) -> str | None:
    """What shows that the line at ``i`` heads another document, in words (None: nothing does)."""
    if lines[i].dated_after:
        return "its own date line, stamp or byline"
    following = next((b.text for b in blocks[i + 1 : i + 3] if b.kind is BlockKind.PARAGRAPH), None)
    if following is None:
        return None
    if DATELINE.match(following):
        return "a wire dateline"
    lede = noise.ARTICLE_LEDE.match(following)
    return f"a news lede ({lede.group(0).strip()!r})" if lede else None


def _news_story(blocks: list[Block], i: int) -> str | None:
    """A news story's headline at ``i`` over a report of another source, in words (else None)."""
    shape = noise.NEWS_HEADLINE.search(blocks[i].text)
    following = next((b.text for b in blocks[i + 1 : i + 3] if b.kind is BlockKind.PARAGRAPH), None)
    if shape is None or following is None:
        return None
    first = _FIRST_SENTENCE.match(following)
    reported = noise.REPORTED.search(first.group(0) if first else following)
    return f"a news report of another source ({reported.group(0).strip()!r})" if reported else None


_FIRST_SENTENCE = re.compile(r".+?[.!?](?=\s|$)")


def _other_stories(blocks: list[Block], i: int, removed: list[Removed]) -> tuple[list[Block], bool]:
    """A news site's marker of other stories ends the story: what follows is cut. It is another
    document's text (``unrelated_content``) when it holds prose; a list of headlines is chrome."""
    marker = blocks[i].text
    if any(_prose(b) for b in blocks[i + 1 :]):
        return _cut(blocks, i, removed, f"a news site's marker of other stories ({marker!r}), then their prose")
    removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text="\n".join(b.text for b in blocks[i:])))
    return blocks[:i], False


def _prose(block: Block) -> bool:
    return (
        block.kind is not BlockKind.HEADING and len(block.text.split()) >= 12 and bool(_SENTENCE_END.search(block.text))
    )


def _cut(blocks: list[Block], i: int, removed: list[Removed], why: str) -> tuple[list[Block], bool]:
    text = "\n".join(b.text for b in blocks[i:])
    removed.append(Removed(reason=RemovalReason.UNRELATED_ARTICLE, text=text, detail=why))
    return blocks[:i], True
