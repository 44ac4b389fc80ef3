"""Clean a release given as text (or HTML, turned into text first) into blocks.

The genre writes one paragraph per line (sometimes hard-wrapped copies join lines into
paragraphs), marks headings by a row of dashes underneath, by standing alone on a short line,
or not at all, and carries site noise around the release. The steps:

1. normalise white space (non-breaking and other spaces, invisible characters, line ends);
2. scan the lines, removing noise (:mod:`cooptrack.clean.noise`) and stopping at the footer;
3. find the headline (dropping a mirror site's prefix and a repeated headline);
4. join hard-wrapped lines, then classify each line as heading, bullet or paragraph;
5. cut an unrelated article glued after the release;
6. lay the blocks out as the cleaned text, every block knowing its offsets.
"""

from __future__ import annotations

import datetime as dt
import re

from cooptrack.clean import noise, zh
from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.clean.chrome import Hit, catalogue
from cooptrack.clean.page import Line as _Line
from cooptrack.clean.page import cut_unrelated, drop_site_footer, take_title
from cooptrack.clean.page import headline_like as _headline_like
from cooptrack.dates import parse_date_phrase, printed_date, safe_date, stamp_date
from cooptrack.record import Removed
from cooptrack.vocab import RemovalReason

_SPACES = re.compile(f"[{noise.SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{noise.INVISIBLE_CHARS}]")
_MULTISPACE = re.compile(r" {2,}")

BULLET = re.compile(
    r"^(?P<label>[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2219\u2043\u25a0\u25a1\u2013\u2014*\-]"
    r"|\((?:[ivxlc]{1,6}|[a-z]|\d{1,2})\)|(?:[ivxlc]{1,6}|[a-z]|\d{1,2})[.)])\s+(?=\S)",
)
_TERMINAL = re.compile(r"[.;,!?]['\"\u2019\u201d)]*$")
_SENTENCE_END = re.compile(r"[.!?:;'\"\u2019\u201d)\u3002\uff01\uff1f\uff1b\u300d]$")  # and Chinese 。！？；」
_PROSE_END = re.compile(r"[.!]['\"\u2019\u201d)]{0,2}$")  # a sentence closed (a headline closes none)


def clean(text: str, *, html: bool = False) -> Cleaned:
    """Clean a release (text, or HTML when ``html``) into the release's own blocks."""
    reader = "text"
    source_bytes = len(text.encode("utf-8", "replace"))
    if html:
        from cooptrack.clean.html import html_to_text

        page = html_to_text(text)
        text, reader = page.text, page.path
    scan = _Scanner()
    raw_lines, zh_removed = zh.prepare(_normalise(text))  # Chinese: injected pinyin, glued end marks
    scan.run(raw_lines)
    removed = [*zh_removed, *scan.removed]
    site = drop_site_footer(scan.lines, removed)
    title, lines = take_title(_join_wrapped_headlines(site), removed)
    title, lines = zh.join_headline(title, lines)  # [ZH-TITLE] a Chinese headline printed on two lines
    lines = _unwrap(lines)
    classified = _classify_lines(lines)
    blocks, unrelated = cut_unrelated(lines, classified, removed, own_page=reader == "gia" or scan.footer_ended)
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
    return "zh" if len(_CJK.findall(sample)) > len(_LATIN_WORD.findall(sample)) else "en"


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = noise.fold_encoding(text)
    lines, in_table = [], False
    for line in text.split("\n"):
        row = "\t" in line.strip()
        lines.append(_table_row(line, first=not in_table) if row else line)
        in_table = row
    return [_SPACES.sub(" ", line) for line in lines]


_LABEL = re.compile(r"[A-Z][A-Za-z&'/\-]*(?: [A-Za-z&'/\-]+){0,3}")


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


class _Scanner:
    """Walk the lines once: keep the release's lines, record the rest with a reason."""

    def __init__(self) -> None:
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

    def run(self, raw_lines: list[str]) -> None:
        for raw in raw_lines:
            line = _MULTISPACE.sub(" ", raw.strip())
            if not line:
                self._blank = True
                self._in_media = False
                continue
            self._url_date(line)
            line = self._strip_inline(line)
            if not line:
                continue
            reason = self._noise_reason(line)
            if reason is not None:
                if reason in _CHROME and self.lines:
                    self._byline_above(line)
                    if self.lines:
                        self.lines[-1].chrome_after = True
                self._remove(reason, line)
                continue
            end_mark = catalogue().end_glued(line) if len(line) > 40 else None
            if end_mark:  # a wire's "… Enditem", a closing "REUTERS": the release ends with this line
                line, hit = end_mark
                self._remove(hit.reason, hit.text)
                self._after_end = self.ended = True
            indent = len(raw) - len(raw.lstrip(" "))
            self.lines.append(_Line(line, raw[:1] == " ", blank_before=self._blank, indent=indent))
            self.trailer = []
            self._blank = False

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
        return [Removed(reason=reason, text="\n".join(lines)) for reason, lines in self._removed_parts]

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
        ends = noise.FOOTER_ENDS.match(line)
        if ends and (ends["date"] or len(line) < 40):
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
        if noise.BYLINE.search(line) or noise.META_LINE.match(line) or noise.FIELDS_LINE.match(line):
            return self._dated(_footer_date(line))
        dated = noise.DATE_LINE.match(line)
        if dated:
            return self._dated(_footer_date(dated["date"]))
        stamp = stamp_date(line)  # a page's time stamp in any form of the genre (dates.py)
        if stamp is not None:
            return self._dated(stamp)
        if noise.PHOTO_LINE.match(line) or noise.PHOTO_CAPTION.search(line):
            return RemovalReason.PHOTO_CAPTION
        if noise.MEDIA_LIST.match(line):
            self._in_media = True
            return RemovalReason.MEDIA_LIST
        if self._in_media and not _SENTENCE_END.search(line):
            return RemovalReason.MEDIA_LIST
        return None

    def _zh(self, hit: zh.Furniture) -> RemovalReason:
        """Chinese furniture (cooptrack.clean.zh): an end mark closes the release, a printed date dates it."""
        if hit.ends:
            self._after_end = self.ended = self.footer_ended = True
        self.footer_date = self.footer_date or hit.footer_date
        if hit.page_date is not None:
            self._dated(hit.page_date)
        return hit.reason

    def _rule_under(self, line: str) -> bool:
        """A row of '-', '=' or em dashes under a heading ([HEAD-STYLE]) marks the line above it:
        right under it, or across a blank line when that line has a heading's shape. A row of
        '=' over the rows of '-' marks a heading of the level above the areas'."""
        above = self.lines[-1] if self.lines else None
        if above is None or above.underlined or not noise.UNDERLINE.match(line):
            return False
        if (self._blank or line[0] in "=~") and not _rule_target(above.text):
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

    def _after_end_reason(self, line: str) -> RemovalReason:
        if noise.FOOTER_ISSUED.match(line) or noise.FOOTER_NNNN.match(line):
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


def _rule_target(text: str) -> bool:
    """A line that a rule across a blank line (or a row of '=') can underline: a heading's shape."""
    return len(text) <= 150 and text[:1].isupper() and not _TERMINAL.search(text) and not text.endswith(":")


def _footer_date(text: str) -> dt.date | None:
    printed = printed_date(text)
    if printed is not None:
        return printed
    found = parse_date_phrase(text) or parse_date_phrase(text.title())  # "PUBLISHED OCT 17, 2025"
    if found is None:
        return None
    month, day, year, _ = found
    return safe_date(year, month, day) if year is not None else None


def _join_wrapped_headlines(lines: list[_Line], upto: int = 6) -> list[_Line]:
    """A copy hard-wrapped at a fixed width breaks its headline (and a mirror's repeat of it)
    over two lines: two unindented lines standing alone between blank lines, the first not
    ending a sentence, are one headline."""
    wrapped, width = _wrap_width(lines)
    if not wrapped:
        return lines  # not a fixed-width copy: a headline over a standfirst stays two lines
    out = list(lines)
    i = 0
    while i + 1 < min(len(out), upto):
        a, b = out[i], out[i + 1]
        alone = i + 2 >= len(out) or out[i + 2].blank_before
        if (
            not b.blank_before
            and alone
            and not a.indented
            and not b.indented
            and not _SENTENCE_END.search(a.text)
            and len(a.text) >= 0.8 * width
            and not BULLET.match(b.text)
            and _headline_like(f"{a.text} {b.text}")
        ):
            out[i : i + 2] = [
                _Line(f"{a.text} {b.text}", False, b.underlined, a.blank_before, b.chrome_after, rule=b.rule)
            ]
        i += 1
    return out


def _wrap_width(lines: list[_Line]) -> tuple[bool, int]:
    """Whether the copy is hard-wrapped at a fixed width, and that width (its longest line)."""
    long_lines = [len(x.text) for x in lines if len(x.text) >= 40]
    width = max(long_lines, default=0)
    return len(long_lines) >= 6 and width <= 110, width


def _unwrap(lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped paragraphs (copies wrapped at a fixed width), and of a
    heading wrapped over two lines where paragraphs are indented ([AREAS-WRAP])."""
    wrapped, width = _wrap_width(lines)
    indented = _paragraphs_indented(lines)
    groups: list[list[_Line]] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if (
            groups
            and not line.blank_before
            and (
                _continues(groups[-1][-1], line, wrapped, width)
                or (indented and _wrapped_heading(groups[-1], line, following))
            )
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    out: list[_Line] = []
    for group in groups:
        first, last = group[0], group[-1]
        if len(group) == 1:
            out.append(first)
        else:
            text = " ".join(x.text for x in group)
            out.append(
                _Line(text, first.indented, last.underlined, first.blank_before, indent=first.indent, rule=last.rule)
            )
    return out


def _wrapped_heading(group: list[_Line], line: _Line, following: _Line | None) -> bool:
    """Two unindented lines standing alone over an indented paragraph, neither closing a sentence:
    one heading hard-wrapped ([AREAS-WRAP])."""
    first = group[0]
    return (
        len(group) == 1
        and first.blank_before
        and not first.indent
        and not line.indent
        and not first.underlined
        and _rule_target(first.text)
        and not _TERMINAL.search(line.text)
        and not line.text.endswith(":")
        and not BULLET.match(line.text)
        and (following is None or following.blank_before or following.indent >= _PARAGRAPH_INDENT)
    )


# Paragraphs are indented by 4 to 6 spaces in the classic press release; headings never are.
_PARAGRAPH_INDENT = 4


def _paragraphs_indented(lines: list[_Line]) -> bool:
    """The copy indents its paragraphs: most of its lines that close a sentence start with 4 or
    more spaces."""
    prose = [x for x in lines if len(x.text) >= 40 and _SENTENCE_END.search(x.text)]
    return len(prose) >= 2 and sum(x.indent >= _PARAGRAPH_INDENT for x in prose) >= 0.6 * len(prose)


def _continues(prev: _Line, line: _Line, wrapped: bool, width: int) -> bool:
    if prev.underlined or BULLET.match(line.text):
        return False
    if not _SENTENCE_END.search(prev.text) and line.text[:1].islower():
        return True
    if not wrapped or len(prev.text) < 0.7 * width:
        return False
    # A near-full line that stops mid-sentence ("..., and the") goes on in the next line, even
    # when that line starts with a capitalised word and looks like a heading ("Executive Vice ...").
    return not _heading_shape(line.text) or not _SENTENCE_END.search(prev.text)


_DANGLING = re.compile(r"\b(?:and|or|of|the|to|in|for|with|on|by|as|at|a|an)$", re.IGNORECASE)
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|will|has|have|had|signed|agreed|include[sd]?)\b")


def _heading_shape(text: str) -> bool:
    """Short, capitalised, no closing punctuation, not ending mid-phrase: a heading's shape."""
    words = text.split()
    if not words or len(words) > 14 or len(text) > 110:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] == "("):
        return False
    if text.endswith(":"):
        return len(words) <= 6 and not _FINITE_VERB.search(text)
    return not _TERMINAL.search(text) and not _DANGLING.search(text) and not _SPEAKER.search(text)


_HEADING_LABEL = re.compile(r"^(?:\(?(?:\d{1,2}|[ivxlc]{1,6}|[A-Z])[.)]|\((?:\d{1,2}|[ivxlc]{1,6})\))\s+")


def _classify_lines(lines: list[_Line]) -> list[Block]:
    """Each line's block. Where the copy indents its paragraphs, a line's place makes it a heading
    whatever its length, and an indented line is never one ([HEAD-STYLE], [AREAS-NULLHEAD],
    [AREAS-CUTPARA])."""
    indented = _paragraphs_indented(lines)
    blocks = [
        _classify(line, placed=_heading_place(line, lines[i + 1] if i + 1 < len(lines) else None, indented))
        for i, line in enumerate(lines)
    ]
    if blocks and _cut_line_no_heading(lines, blocks, indented):
        last = blocks[-1]
        blocks[-1] = Block(BlockKind.PARAGRAPH, lines[-1].text, 0, 0, indented=last.indented)
    return blocks


def _cut_line_no_heading(lines: list[_Line], blocks: list[Block], indented: bool) -> bool:
    """The copy's last line, cut ("Tang wi", "Lawmakers from the financial services sector welcomed
    the bank"), is a heading only where the layout has headings: a copy that indents its
    paragraphs, or prints a heading under its first paragraph (or a lead-in closing on ":") before
    it ([AREAS-CUT]). A news story without headings gets none from its cut last line: it is a cut
    paragraph."""
    last = blocks[-1]
    if last.kind is not BlockKind.HEADING or last.underlined or indented or _SENTENCE_END.search(lines[-1].text):
        return False
    if len(blocks) >= 2 and blocks[-2].text.endswith(":"):
        return False
    # lines over the first paragraph (a site's name, a headline, a byline) are no layout of areas
    first = next((i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH), len(blocks))
    return not any(b.kind is BlockKind.HEADING for b in blocks[first:-1])


def _heading_place(line: _Line, following: _Line | None, indented: bool) -> bool:
    """An unindented line, not closing a sentence, over an indented paragraph or a list (where
    paragraphs are indented); or the copy's last line, cut, where paragraphs are indented or the
    line's words are capitalised as a heading's are."""
    text = line.text
    if line.indent or len(text) > 250 or BULLET.match(text) or _TERMINAL.search(text) or text.endswith(":"):
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or text[:1] == "("):
        return False
    if following is None:
        return indented or (len(text.split()) <= 20 and _title_case(text) and not _PROSE_WORD.search(text))
    if indented:
        return following.indent >= _PARAGRAPH_INDENT or bool(BULLET.match(following.text))
    # a flush copy: a long heading stands over a paragraph that closes its sentences
    return (
        len(text) <= 160
        and len(text.split()) <= 24
        and not _PROSE_WORD.search(text)
        and not _DANGLING.search(text)
        and bool(_TERMINAL.search(following.text))
    )


# Words of a sentence, never of a heading: a cut sentence is no heading for its capitals alone
# (a news subhead may hold a verb, "What was signed", but never a person or what one said).
_SPEAKER = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|said|says)\b")
_PROSE_WORD = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|said|says|will|would|is|are|was|were|has|have|had)\b")


def _title_case(text: str) -> bool:
    """Most of the line's longer words are capitalised: "The Belt and Road Initiative, Economic"."""
    long_words = [w for w in re.findall(r"[A-Za-z][\w'\-]*", text) if len(w) >= 4]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def _classify(line: _Line, *, placed: bool = False) -> Block:
    text = line.text
    if line.indent >= _PARAGRAPH_INDENT and not line.underlined and not _HEADING_LABEL.match(text):
        is_heading = False  # in this genre an indented line is a paragraph, however short (a numbered one aside)
    else:
        is_heading = line.underlined or placed or (_heading_shape(text) and not _bullet_sentence(text))
    if is_heading:
        label_m = _HEADING_LABEL.match(text)
        label = label_m.group(0).strip() if label_m else None
        heading = text[label_m.end() :] if label_m else text
        heading = heading.rstrip(":").strip()
        return Block(
            BlockKind.HEADING,
            heading,
            0,
            0,
            underlined=line.underlined,
            indented=line.indented,
            label=label,
            rule=line.rule,
        )
    bullet = BULLET.match(text)
    if bullet:
        return Block(BlockKind.BULLET, text[bullet.end() :], 0, 0, indented=line.indented, label=bullet["label"])
    return Block(BlockKind.PARAGRAPH, text, 0, 0, indented=line.indented)


def _bullet_sentence(text: str) -> bool:
    """A bulleted line is a list item unless it is a short numbered heading ("1. Finance")."""
    m = BULLET.match(text)
    if not m:
        return False
    label = m["label"]
    numbered = label[:1].isdigit() or label.startswith("(")
    return not numbered or len(text.split()) > 9


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
