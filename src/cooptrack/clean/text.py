"""Clean a release given as text (or HTML, turned into text first) into blocks.

The genre writes one paragraph per line (sometimes hard-wrapped copies join lines into
paragraphs), marks headings by a row of dashes underneath, by standing alone on a short line,
or not at all, and carries site noise around the release. The steps:

1. normalise white space (non-breaking and other spaces, invisible characters, line ends);
2. scan the lines, removing noise (:mod:`cooptrack.clean.noise`) and stopping at the footer;
3. find the headline (dropping a mirror site's prefix and a repeated headline);
4. join hard-wrapped lines, then classify each line as heading, bullet or paragraph
   (:mod:`cooptrack.clean.layout`);
5. cut an unrelated article glued after the release;
6. lay the blocks out as the cleaned text, every block knowing its offsets.
"""

from __future__ import annotations

import datetime as dt
import re

from cooptrack.clean import noise, zh
from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.clean.chrome import Hit, catalogue, fold
from cooptrack.clean.layout import (
    classify_lines,
    ends_sentence,
    join_wrapped_headlines,
    rule_target,
    unwrap,
    unwrap_chinese,
)
from cooptrack.clean.page import Line as _Line
from cooptrack.clean.page import cut_unrelated, drop_site_footer, headline_like, take_title
from cooptrack.clean.tables import read_tables
from cooptrack.dates import parse_date_phrase, printed_date, safe_date, stamp_date
from cooptrack.record import Removed
from cooptrack.screen import screen
from cooptrack.vocab import RemovalReason

_SPACES = re.compile(f"[{noise.SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{noise.INVISIBLE_CHARS}]")
# (a table's tabs part its cells, and its ideographic spaces U+3000, as wide as a Chinese character)
_SPACES_BUT_TAB = re.compile(f"[{noise.SPACE_CHARS.replace(chr(9), '').replace(chr(0x3000), '')}]")
_MULTISPACE = re.compile(r" {2,}")

_PROSE_END = re.compile(r"[.!]['\"\u2019\u201d)]{0,2}$")  # a sentence closed (a headline closes none)
# What every match of some noise patterns holds (read from the patterns, cooptrack.screen): a line
# of prose holding none of it is not tried. A byline starts "By", "Reporting by" ... or holds an
# "@", a "|"; a line of facts holds a year's "19" or "20"; a photo caption "photo", "image", a colon ...
_MAY_BE_BYLINE = screen(noise.BYLINE)
_MAY_BE_META = screen(noise.META_LINE)
_MAY_BE_FIELDS = screen(noise.FIELDS_LINE)
_MAY_BE_CAPTION = screen(noise.PHOTO_CAPTION)


def clean(text: str, *, html: bool = False) -> Cleaned:
    """Clean a release (text, or HTML when ``html``) into the release's own blocks."""
    reader = "text"
    source_bytes = len(text.encode("utf-8", "replace"))
    if html:
        from cooptrack.clean.html import html_to_text

        page = html_to_text(text)
        text, reader = page.text, page.path
    scan = _Scanner(_running_headers(text))
    # a Chinese copy hard-wrapped at a fixed width read as its page, a paragraph a line
    raw_lines, zh_removed = zh.prepare(unwrap_chinese(_normalise(text)))  # Chinese: injected pinyin, glued end marks
    scan.run(raw_lines)
    removed = [*zh_removed, *scan.removed]
    site = drop_site_footer(scan.lines, removed)
    title, lines = take_title(join_wrapped_headlines(site), removed)
    title, lines = zh.join_headline(title, lines, removed)  # [ZH-TITLE] a Chinese headline printed on two lines
    lines = unwrap(lines)
    classified = classify_lines(lines)
    blocks, unrelated = cut_unrelated(lines, classified, removed, own_page=reader == "gia" or scan.footer_ended)
    unrelated = unrelated or scan.release_after_footer
    # what the page printed after the release's last line: blocks cut at the end, a site's name, chrome
    trailer = [b.text for b in classified[len(blocks) :]] + [x.text for x in scan.lines[len(site) :]] + scan.trailer
    if title is not None:
        blocks.insert(0, Block(BlockKind.TITLE, title, 0, 0))
    cleaned_text = _layout(blocks)
    return Cleaned(
        text=cleaned_text,
        blocks=blocks,
        removed=removed,
        footer_date=scan.footer_date,
        url_date=scan.url_date,
        page_date=scan.page_date,
        ended=scan.ended,
        unrelated_cut=unrelated,
        language=_language(cleaned_text),
        reader=reader,
        source_bytes=source_bytes,
        trailer=trailer,
    )


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _language(text: str) -> str:
    """The release's language from its own text ([LANG]), never from the page's address: Chinese
    when its Chinese characters outnumber its English words."""
    sample = text[:20_000]
    chinese = len(_CJK.findall(sample))
    return "zh" if chinese and chinese > len(_LATIN_WORD.findall(sample)) else "en"


# A Markdown copy's "# " heading marks the page's headline only among its first lines (its head).
_MARKED_SEEN = 6
_MARKED = re.compile(r"#{1,3} ")


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = noise.fold_encoding(text)
    lines, in_table = [], False
    # (the spaces are replaced in the whole text at once: none of them ends a line)
    raw = read_tables(_SPACES_BUT_TAB.sub(" ", text).split("\n"))
    for at, line in enumerate(raw):
        if "|" in line and (cells := _markdown_cells(line)) is not None:
            if not cells:  # the rule under a Markdown table's header: "|---|:---:|"
                continue
            if at + 1 < len(raw) and _markdown_cells(raw[at + 1]) == []:  # the header, over its rule
                lines.append(" | ".join(cells))
                in_table = True
                continue
            line = "\t".join(cells)
        row = "\t" in line.strip()
        lines.append(_table_row(line, first=not in_table) if row else line)
        in_table = row
    return _SPACES.sub(" ", "\n".join(lines)).split("\n") if lines else []


_LABEL = re.compile(r"[A-Z][A-Za-z&'/\-]*(?: [A-Za-z&'/\-]+){0,3}")
# A Markdown table's row, its cells between bars ("| 1 | Agreement on … | Mr A |"), and the rule under
# its header ("|---|:---:|---|") (audit en14): read as a table's row with its cells apart.
_MARKDOWN_ROW = re.compile(r"\s{0,3}\|(?P<cells>(?:[^|\n]*\|){2,12})\s*")
_MARKDOWN_RULE = re.compile(r"\s*:?-{3,}:?\s*")


def _markdown_cells(line: str) -> list[str] | None:
    """The cells of a Markdown table's row (an empty list for the rule under its header), or None."""
    m = _MARKDOWN_ROW.fullmatch(line)
    if m is None:
        return None
    cells = [c.strip() for c in m["cells"].split("|")[:-1]]
    if all(_MARKDOWN_RULE.fullmatch(c) for c in cells):
        return []
    return [c for c in cells if c] if sum(1 for c in cells if c) >= 2 else None


def _table_row(line: str, *, first: bool) -> str:
    """A row of a table saved with tabs between its cells ("Title<TAB>Signed by") is an item of a
    list, its cells kept apart by " | "; a table's first row of column labels ("Agreement<TAB>Signed
    by") is a line of its own, not an item ([HTML-GIA])."""
    cells = [c for c in (_MULTISPACE.sub(" ", c.strip()) for c in line.split("\t")) if c]
    if len(cells) < 2:
        return line
    if first and all(len(c) <= 40 and _LABEL.fullmatch(c) for c in cells):
        return " | ".join(cells)
    return f"\u2022 {' | '.join(cells)}"


_CHROME = frozenset({RemovalReason.SITE_NAVIGATION, RemovalReason.PAGE_CHROME})
# Removed lines that also stand inside a release (captions, media lists, rules): not a sign that
# the release is over.
_INSIDE = frozenset(
    {RemovalReason.PHOTO_CAPTION, RemovalReason.MEDIA_LIST, RemovalReason.HEADING_UNDERLINE, RemovalReason.SEPARATOR}
)


_PDF_COPY = "pdf-copy"  # the chrome family of a PDF copy's page-number lines (chrome.toml)
_PAGE_NUMBER_MAX = 24  # a page-number line is no longer (the family's max_length)
_RUNNING_WORDS = 14  # a running header is short: a longer line is the release's


def _running_headers(text: str) -> frozenset[str]:
    """A PDF copy's running header (audit en19): the line printed at the top of every page, over
    the headline on the first page and over the text again after each page break (a form feed, or
    a page-number line such as "Page 1 of 2"). A short line ending no sentence that opens two pages
    or more is the page's, never the release's (not a heading between two areas, nor the title).
    Returned folded (:func:`cooptrack.clean.chrome.fold`); a page with no page break has none."""
    cat = catalogue()
    tops: list[str] = []
    at_top, breaks = True, 0
    for raw in text.split("\n"):
        if "\f" in raw:
            at_top, breaks, raw = True, breaks + 1, raw.rsplit("\f", 1)[1]
        line = raw.strip()
        if not line:
            continue
        # (a page number holds a digit: other lines are not asked)
        numbered = len(line) <= _PAGE_NUMBER_MAX and any(c.isdigit() for c in line)
        if numbered and (hit := cat.line(line)) is not None and hit.family == _PDF_COPY:
            at_top, breaks = True, breaks + 1
            continue
        if at_top:
            tops.append(fold(line))
            at_top = False
    if not breaks:
        return frozenset()
    return frozenset(
        t for t in tops if tops.count(t) >= 2 and len(t.split()) <= _RUNNING_WORDS and not ends_sentence(t)
    )


class _Scanner:
    """Walk the lines once: keep the release's lines, record the rest with a reason."""

    def __init__(self, running: frozenset[str] = frozenset()) -> None:
        self._running = running  # a PDF copy's running header, folded: removed wherever it stands
        self.lines: list[_Line] = []
        self._removed_parts: list[tuple[RemovalReason, list[str]]] = []
        self.footer_date: dt.date | None = None
        self.url_date: dt.date | None = None
        self.page_date: dt.date | None = None
        self.trailer: list[str] = []  # what was removed after the last line kept
        self.ended = False  # an end marker closed the release: the copy is complete
        self.footer_ended = False  # the Government's own footer (Ends/, 完) closed it: its own page
        self._after_end = False
        self._in_media = False
        self._blank = False
        self._under_banner = False  # right under a banner at the page's top (a web archive's toolbar)

    def run(self, raw_lines: list[str]) -> None:
        for raw in raw_lines:
            line = raw.strip()
            if "  " in line:  # (a run of spaces, made one)
                line = _MULTISPACE.sub(" ", line)
            if not line:
                self._blank = True
                self._in_media = False
                continue
            self._url_date(line)
            glued = catalogue().may_hold_glued(line)  # (chrome glued to its ends, an end marker)
            line = self._strip_inline(line) if glued else line
            if not line:
                continue
            if self._banner_head(line) or (self._running and fold(line) in self._running):
                self._remove(RemovalReason.PAGE_CHROME, line)
                continue
            reason = self._noise_reason(line)
            if reason is not None:
                if reason is RemovalReason.SEPARATOR and self.lines and not self._blank:
                    self.lines[-1].parted_after = True  # (a headline over the GIA's row of '*')
                if reason in _CHROME and self.lines:
                    self._byline_above(line)
                    if self.lines:
                        self.lines[-1].chrome_after = True
                self._remove(reason, line)
                continue
            end_mark = catalogue().end_glued(line) if glued and len(line) > 40 else None
            if end_mark:  # a wire's "… Enditem", a closing "REUTERS": the release ends with this line
                line, hit = end_mark
                self._remove(hit.reason, hit.text)
                self._after_end = self.ended = True
            indent = len(raw) - len(raw.lstrip(" "))
            # a Markdown page heading, "# " or "## " (audit en15)
            marked = _MARKED.match(raw.lstrip()) is not None and not self.lines[_MARKED_SEEN:]
            self.lines.append(_Line(line, raw[:1] == " ", blank_before=self._blank, indent=indent, marked=marked))
            self.trailer = []
            self._blank = False

    def _banner_head(self, line: str) -> bool:
        """A banner at the page's top (nothing kept above it) and the head chrome right under it (a
        web archive's address line over its toolbar: captures, their range, a calendar,
        "TIMESTAMPS") are the site's: removed, and a date among them (a capture's day) never dates
        the page."""
        if not self.lines and catalogue().banner(line) is not None:
            self._under_banner = True
            return True
        if self._under_banner and catalogue().head(line) is not None:
            return True
        self._under_banner = False
        return False

    def _strip_inline(self, line: str) -> str:
        """Cut chrome glued to the line (a ` date YYYY-MM-DD ` prefix, a byline with its stamp
        after a headline, a bureau's 'border image'); a date among it dates the page."""
        if self._after_end:
            return line
        rest, hits = catalogue().strip_inline(line)
        for hit in hits:
            self._remove(hit.reason, hit.text)
            if hit.date is not None:
                self.page_date = self.page_date or _footer_date(hit.date)
        if hits and not rest.strip() and self.lines:
            self.lines[-1].chrome_after = True
        return rest.strip()

    def _dated(self, date: dt.date | None) -> RemovalReason:
        """A date line, page stamp or byline on its own line: it dates the page (the first one
        found) and tells that the line above it heads a document (a headline over its stamp)."""
        self.page_date = self.page_date or date
        if self.lines:
            self.lines[-1].dated_after = True
        return RemovalReason.PAGE_CHROME

    def _byline_above(self, line: str) -> None:
        """A news page's writer on a line of its own under the headline, then "Published: ...":
        the name line is the byline, not the release's."""
        if not 2 <= len(self.lines) <= 4 or not (noise.DATE_LINE.match(line) or noise.BYLINE.search(line)):
            return
        above = self.lines[-1].text
        if noise.WRITER_LINE.fullmatch(above) and not noise.MEETING_CUE.search(above):
            self.lines.pop()
            self._remove(RemovalReason.PAGE_CHROME, above)

    def _remove(self, reason: RemovalReason, line: str) -> None:
        if reason not in _INSIDE:
            self.trailer.append(line)
        if self._removed_parts and self._removed_parts[-1][0] is reason:
            self._removed_parts[-1][1].append(line)
        else:
            self._removed_parts.append((reason, [line]))

    @property
    def removed(self) -> list[Removed]:
        out = []
        another = self._another_release()
        for k, (reason, lines) in enumerate(self._removed_parts):
            if another is None or another[0] != k:
                out.append(Removed(reason=reason, text="\n".join(lines)))
                continue
            at = another[1]
            if at:
                out.append(Removed(reason=reason, text="\n".join(lines[:at])))
            why = f"another release after the footer, closed by its own: its headline ({lines[at]!r}) over its prose"
            out.append(Removed(reason=RemovalReason.UNRELATED_ARTICLE, text="\n".join(lines[at:]), detail=why))
        return out

    @property
    def release_after_footer(self) -> bool:
        """Whether the page prints another release after the one the Government's footer (``Ends/``,
        完) closed: text of another document, cut (``unrelated_content``, [CLEAN-BODYCUT])."""
        return self._another_release() is not None

    def _another_release(self) -> tuple[int, int] | None:
        """Where another release starts after the Government's footer (the removed part, and the
        line in it): a page carrying two releases (an office's page of the day's releases) prints
        each with its headline, its prose and its own footer. A headline (short, ending no sentence)
        right over a paragraph of prose (a sentence closed, twelve words or more, or a Chinese
        sentence), then a footer line further on. The footer's own lines, the site's links, photo
        captions and media lists are removed for their own reasons; a site's list of other stories,
        however worded, is closed by no footer of the Government."""
        if not self.footer_ended:
            return None
        parts = self._removed_parts
        for k, (reason, lines) in enumerate(parts):
            if reason is not RemovalReason.AFTER_FOOTER:
                continue
            for i, line in enumerate(lines[:-1]):
                if not _headline_over_prose(line, lines[i + 1]):
                    continue
                if any(later is RemovalReason.FOOTER for later, _ in parts[k + 1 :]) or _news_story(lines[i:]):
                    return k, i
        return None

    def _url_date(self, line: str) -> None:
        # only the release's own address, printed as a line of its own ("Source: https://...")
        m = noise.ARCHIVE_URL_DATE.search(line) if noise.URL_LINE.match(line) else None
        if m and self.url_date is None:
            ym = m["ym"]
            self.url_date = safe_date(int(ym[:4]), int(ym[4:]), int(m["d"]))

    def _noise_reason(self, line: str) -> RemovalReason | None:
        zh_hit = zh.furniture(line, after_end=self._after_end)
        if zh_hit is not None:
            return self._zh(zh_hit)
        if self._after_end:
            return self._after_end_reason(line)
        ends = _footer_ends(line)
        if ends:
            self._after_end = self.ended = self.footer_ended = True
            if ends["date"]:
                self.footer_date = _footer_date(ends["date"])
            return RemovalReason.FOOTER
        if noise.FOOTER_NNNN.match(line):
            self._after_end = True
            return RemovalReason.FOOTER
        if noise.FOOTER_ISSUED.match(line):
            return RemovalReason.FOOTER
        if self._rule_under(line):
            return RemovalReason.HEADING_UNDERLINE
        chrome = catalogue().line(line)
        if chrome is not None:
            self._in_media = False  # a media list ends at the page's chrome (a row of '*' on the e-bulletin)
            return self._chrome(chrome)
        if noise.SEPARATOR.match(line):
            self._in_media = False
            return RemovalReason.SEPARATOR
        if noise.UNDERLINE.match(line):
            if self.lines and not self._blank:
                self.lines[-1].underlined = True
            return RemovalReason.HEADING_UNDERLINE
        # "By Staff Reporter | Updated: 2023-09-13 07:12" dates the page
        if (
            (_MAY_BE_BYLINE(line) and noise.BYLINE.search(line))
            or (_MAY_BE_META(line) and noise.META_LINE.match(line))
            or (_MAY_BE_FIELDS(line) and noise.FIELDS_LINE.match(line))
        ):
            return self._dated(_footer_date(line))
        dated = noise.DATE_LINE.match(line)
        if dated:
            return self._dated(_footer_date(dated["date"]))
        stamp = stamp_date(line)  # a page's time stamp in any form of the genre (dates.py)
        if stamp is not None:
            return self._dated(stamp)
        if noise.PHOTO_LINE.match(line) or (_MAY_BE_CAPTION(line) and noise.PHOTO_CAPTION.search(line)):
            return RemovalReason.PHOTO_CAPTION
        if noise.MEDIA_LIST.match(line):
            # a release's media list follows its prose; above it, a lone "Video" is the site's menu
            # item, over the headline it must not swallow (a news portal's menu; audit en20)
            if not self._prose_kept():
                return RemovalReason.SITE_NAVIGATION
            self._in_media = True
            return RemovalReason.MEDIA_LIST
        if self._in_media and not ends_sentence(line):
            return RemovalReason.MEDIA_LIST
        return None

    def _zh(self, hit: zh.Furniture) -> RemovalReason:
        """Chinese furniture (cooptrack.clean.zh): an end mark closes the release, a printed date dates it.
        The GIA end block's date (``YYYY年M月D日(星期X)``) printed before the release has begun (only
        its headline above it: a page that prints its date under the headline) closes nothing: it
        dates the page."""
        if hit.ends and hit.footer_date is not None and not self._begun():
            return self._dated(hit.footer_date)
        self._zh_end_next = hit.ends
        if hit.ends:
            self._after_end = self.ended = self.footer_ended = True
        self.footer_date = self.footer_date or hit.footer_date
        if hit.page_date is not None:
            self._dated(hit.page_date)
        return hit.reason

    def _begun(self) -> bool:
        """Whether a line of the release's prose (a sentence closed) was kept yet: a headline closes none."""
        return any(ends_sentence(kept.text) for kept in self.lines)

    def _rule_under(self, line: str) -> bool:
        """A row of '-', '=' or em dashes under a heading ([HEAD-STYLE]) marks the line above it:
        right under it, or across a blank line when that line has a heading's shape. A row of
        '=' over the rows of '-' marks a heading of the level above the areas'."""
        above = self.lines[-1] if self.lines else None
        if above is None or above.underlined or not noise.UNDERLINE.match(line):
            return False
        if (self._blank or line[0] in "=~") and not rule_target(above.text):
            return False
        above.underlined, above.rule = True, line[0]
        return True

    _prose = False  # a line of prose has been kept (read lazily by _prose_kept)
    _checked = 0

    def _chrome(self, hit: Hit) -> RemovalReason:
        """A line of the catalogue's chrome; an end marker after the release's prose closes it
        (the page is complete, and the rest of it is the site's)."""
        if hit.kind == "end" and self._prose_kept():
            self._after_end = self.ended = True
        return hit.reason

    def _prose_kept(self) -> bool:
        """Whether a line of prose (a sentence closed) has been kept: an end marker above the
        release, or under a long headline, is no end."""
        while not self._prose and self._checked < len(self.lines):
            text = self.lines[self._checked].text
            self._prose = (len(text) >= 60 and _PROSE_END.search(text) is not None) or zh.prose(text)
            self._checked += 1
        return self._prose

    _zh_end_next = False  # the line after a Chinese end mark ((完), 【编辑:X】) is next

    def _after_end_reason(self, line: str) -> RemovalReason:
        # a wire's repost prints its own stamp on the line right after the story's (完) ('2017-09-12
        # 21:48'): the page's date, as the GIA end block's is (audit zh16)
        right_after, self._zh_end_next = self._zh_end_next, False
        stamp = stamp_date(line) if right_after and self.footer_date is None else None
        if stamp is not None:
            self.footer_date = stamp
            return RemovalReason.FOOTER
        if noise.FOOTER_ISSUED.match(line) or noise.FOOTER_NNNN.match(line) or _footer_ends(line):
            return RemovalReason.FOOTER
        if noise.PHOTO_LINE.match(line) or noise.PHOTO_CAPTION.search(line):
            return RemovalReason.PHOTO_CAPTION
        if noise.MEDIA_LIST.match(line):
            self._in_media = True
        if self._in_media:
            return RemovalReason.MEDIA_LIST
        chrome = catalogue().line(line)
        if chrome is not None and chrome.reason is RemovalReason.SITE_NAVIGATION:
            return RemovalReason.SITE_NAVIGATION
        return RemovalReason.AFTER_FOOTER


_HEADLINE_WORDS = 25  # a headline of the genre is shorter; a longer line is prose or a caption
_PROSE_WORDS = 12


def _footer_ends(line: str) -> re.Match[str] | None:
    """The Government's footer line: "Ends/‹Weekday›, ‹Month D, YYYY›", or a short "Ends/…"."""
    ends = noise.FOOTER_ENDS.match(line)
    return ends if ends and (ends["date"] or len(line) < 40) else None


def _headline_over_prose(line: str, following: str) -> bool:
    """A headline (short, ending no sentence) right over a paragraph of prose (a sentence closed,
    twelve words or more, or a Chinese sentence)."""
    if len(line.split()) > _HEADLINE_WORDS or not headline_like(line) or zh.prose(line):
        return False
    return zh.prose(following) or (len(following.split()) >= _PROSE_WORDS and bool(_PROSE_END.search(following)))


def _news_story(lines: list[str]) -> bool:
    """A news story glued after the footer, closed by no footer of its own: its headline has a news
    story's shape (an exclamation, an amount, a headline's verb: "No. 1 in Weifang! RMB 50 Million
    Vegetable Trading Centre Opens") and neither it nor the prose under it speaks of Hong Kong or a
    meeting (a site's teasers of other releases do; audit en17)."""
    if not noise.NEWS_HEADLINE.search(lines[0]) or _CJK.search(lines[0]):
        return False
    return not any(noise.RELEASE_CUES.search(line) for line in lines)


def _footer_date(text: str) -> dt.date | None:
    printed = printed_date(text)
    if printed is not None:
        return printed
    found = parse_date_phrase(text) or parse_date_phrase(text.title())  # "PUBLISHED OCT 17, 2025"
    if found is None:
        return None
    month, day, year, _ = found
    return safe_date(year, month, day) if year is not None else None


def _layout(blocks: list[Block]) -> str:
    parts: list[str] = []
    pos = 0
    for block in blocks:
        if parts:
            pos += 2
        block.start, block.end = pos, pos + len(block.text)
        parts.append(block.text)
        pos = block.end
    return "\n\n".join(parts)
