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
from dataclasses import dataclass

from cooptrack.clean import noise
from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.dates import DATELINE, parse_date_phrase, safe_date
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
_SENTENCE_END = re.compile(r"[.!?:;'\"\u2019\u201d)]$")
_MIRROR_SITES = re.compile(r"^(?:Hong Kong|HK|HKSAR|GovHK|China|Xinhua|news\.gov\.hk|info\.gov\.hk)$")


@dataclass
class _Line:
    text: str
    indented: bool
    underlined: bool = False
    blank_before: bool = False
    chrome_after: bool = False  # site navigation or page chrome was removed right after it


def clean(text: str, *, html: bool = False) -> Cleaned:
    """Clean a release (text, or HTML when ``html``) into the release's own blocks."""
    reader = "text"
    if html:
        from cooptrack.clean.html import html_to_text

        page = html_to_text(text)
        text, reader = page.text, page.path
    scan = _Scanner()
    scan.run(_normalise(text))
    removed = scan.removed
    title, lines = _take_title(_join_wrapped_headlines(_drop_site_footer(scan.lines, removed)), removed)
    lines = _unwrap(lines)
    blocks = [_classify(line) for line in lines]
    blocks, unrelated = _cut_unrelated(blocks, removed)
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
        reader=reader,
    )


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    lines = [_table_row(line) if "\t" in line.strip() else line for line in text.split("\n")]
    return [_SPACES.sub(" ", line) for line in lines]


def _table_row(line: str) -> str:
    """A row of a table saved with tabs between its cells ("Title<TAB>Signed by") is an item of a
    list, its cells kept apart by " | "."""
    cells = [c for c in (_MULTISPACE.sub(" ", c.strip()) for c in line.split("\t")) if c]
    return f"\u2022 {' | '.join(cells)}" if len(cells) >= 2 else line


_CHROME = frozenset({RemovalReason.SITE_NAVIGATION, RemovalReason.PAGE_CHROME})


class _Scanner:
    """Walk the lines once: keep the release's lines, record the rest with a reason."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self._removed_parts: list[tuple[RemovalReason, list[str]]] = []
        self.footer_date: dt.date | None = None
        self.url_date: dt.date | None = None
        self.page_date: dt.date | None = None
        self.ended = False
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
            reason = self._noise_reason(line)
            if reason is not None:
                if reason in _CHROME and self.lines:
                    self._byline_above(line)
                    if self.lines:
                        self.lines[-1].chrome_after = True
                self._remove(reason, line)
                continue
            end_mark = noise.END_MARK.search(line) if len(line) > 40 else None
            if end_mark:
                self._remove(RemovalReason.FOOTER, line[end_mark.start() :].strip())
                line = line[: end_mark.start()]
                self._after_end = self.ended = True
            self.lines.append(_Line(line, raw[:1] == " ", blank_before=self._blank))
            self._blank = False

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
        if self._removed_parts and self._removed_parts[-1][0] is reason:
            self._removed_parts[-1][1].append(line)
        else:
            self._removed_parts.append((reason, [line]))

    @property
    def removed(self) -> list[Removed]:
        return [Removed(reason=reason, text="\n".join(lines)) for reason, lines in self._removed_parts]

    def _url_date(self, line: str) -> None:
        m = noise.ARCHIVE_URL_DATE.search(line)
        if m and self.url_date is None:
            ym = m["ym"]
            self.url_date = safe_date(int(ym[:4]), int(ym[4:]), int(m["d"]))

    def _noise_reason(self, line: str) -> RemovalReason | None:
        if self._after_end:
            return self._after_end_reason(line)
        ends = noise.FOOTER_ENDS.match(line)
        if ends and (ends["date"] or len(line) < 40):
            self._after_end = self.ended = True
            if ends["date"]:
                self.footer_date = _footer_date(ends["date"])
            return RemovalReason.FOOTER
        if noise.FOOTER_NNNN.match(line):
            self._after_end = True
            return RemovalReason.FOOTER
        if noise.FOOTER_ISSUED.match(line):
            return RemovalReason.FOOTER
        if len(line) < 40 and noise.SITE_NAVIGATION.match(line):
            return RemovalReason.SITE_NAVIGATION
        if noise.SEPARATOR.match(line):
            return RemovalReason.SEPARATOR
        if noise.UNDERLINE.match(line):
            if self.lines and not self._blank:
                self.lines[-1].underlined = True
            return RemovalReason.HEADING_UNDERLINE
        if noise.PAGE_CHROME_LINE.match(line):
            return RemovalReason.PAGE_CHROME
        if noise.URL_LINE.match(line):
            return RemovalReason.PAGE_CHROME
        # "By Staff Reporter | Updated: 2023-09-13 07:12" dates the page
        if noise.BYLINE.search(line) or noise.META_LINE.match(line):
            self.page_date = self.page_date or _footer_date(line)
            return RemovalReason.PAGE_CHROME
        dated = noise.DATE_LINE.match(line)
        if dated:
            self.page_date = self.page_date or _footer_date(dated["date"])
            return RemovalReason.PAGE_CHROME
        if noise.PHOTO_LINE.match(line) or noise.PHOTO_CAPTION.search(line):
            return RemovalReason.PHOTO_CAPTION
        if noise.MEDIA_LIST.match(line):
            self._in_media = True
            return RemovalReason.MEDIA_LIST
        if self._in_media and not _SENTENCE_END.search(line):
            return RemovalReason.MEDIA_LIST
        return None

    def _after_end_reason(self, line: str) -> RemovalReason:
        if noise.FOOTER_ISSUED.match(line) or noise.FOOTER_NNNN.match(line):
            return RemovalReason.FOOTER
        if noise.PHOTO_LINE.match(line) or noise.PHOTO_CAPTION.search(line):
            return RemovalReason.PHOTO_CAPTION
        if noise.MEDIA_LIST.match(line):
            self._in_media = True
        if self._in_media:
            return RemovalReason.MEDIA_LIST
        if len(line) < 40 and noise.SITE_NAVIGATION.match(line):
            return RemovalReason.SITE_NAVIGATION
        return RemovalReason.AFTER_FOOTER


_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def _footer_date(text: str) -> dt.date | None:
    iso = _ISO_DATE.search(text)
    if iso:
        return safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    found = parse_date_phrase(text) or parse_date_phrase(text.title())  # "PUBLISHED OCT 17, 2025"
    if found is None:
        return None
    month, day, year, _ = found
    return safe_date(year, month, day) if year is not None else None


def _headline_like(text: str) -> bool:
    if DATELINE.match(text) or len(text) > 300 or len(text.split()) > 45:
        return False
    if text.endswith(")"):
        return True
    return not re.search(r"[.;,:]$", text)


def _drop_site_footer(lines: list[_Line], removed: list[Removed]) -> list[_Line]:
    """A site's name as the page's last line, after its share bar ("Macao Business Daily - Local
    and regional news"): not the release's."""
    if len(lines) < 3 or not lines[-2].chrome_after:
        return lines
    last = lines[-1].text
    if len(last) > 100 or _SENTENCE_END.search(last) or noise.MEETING_CUE.search(last):
        return lines
    removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=last))
    return lines[:-1]


def _take_title(lines: list[_Line], removed: list[Removed]) -> tuple[str | None, list[_Line]]:
    """The first line is the headline when it looks like one; drop its mirror prefix and repeat.

    A site's name over its navigation ("News Archive", then "Skip to content", ...) is no
    headline when the next line is one that names a meeting and the site's name does not.
    """
    if (
        len(lines) > 1
        and lines[0].chrome_after
        and not noise.MEETING_CUE.search(lines[0].text)
        and _headline_like(lines[1].text)
        and noise.MEETING_CUE.search(lines[1].text)
    ):
        removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=lines[0].text))
        lines = lines[1:]
    if not lines or not _headline_like(lines[0].text):
        return None, lines
    title = lines[0].text
    rest = lines[1:]
    m = noise.MIRROR_PREFIX.match(title)
    stripped = title[m.end() :] if m else None
    for i, line in enumerate(rest[:3]):
        if line.text == title or (stripped is not None and line.text == stripped):
            if stripped is not None and line.text == stripped:
                removed.append(Removed(reason=RemovalReason.MIRROR_PREFIX, text=title[: m.end()] if m else ""))
                title = stripped
            removed.append(Removed(reason=RemovalReason.DUPLICATE_TITLE, text=line.text))
            del rest[i]
            return title, rest
    if m and stripped and _MIRROR_SITES.match(m["prefix"]):
        removed.append(Removed(reason=RemovalReason.MIRROR_PREFIX, text=title[: m.end()]))
        title = stripped
    return title, rest


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
            out[i : i + 2] = [_Line(f"{a.text} {b.text}", False, b.underlined, a.blank_before, b.chrome_after)]
        i += 1
    return out


def _wrap_width(lines: list[_Line]) -> tuple[bool, int]:
    """Whether the copy is hard-wrapped at a fixed width, and that width (its longest line)."""
    long_lines = [len(x.text) for x in lines if len(x.text) >= 40]
    width = max(long_lines, default=0)
    return len(long_lines) >= 6 and width <= 110, width


def _unwrap(lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped paragraphs (copies wrapped at a fixed width)."""
    wrapped, width = _wrap_width(lines)
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and not line.blank_before and _continues(groups[-1][-1], line, wrapped, width):
            groups[-1].append(line)
        else:
            groups.append([line])
    out: list[_Line] = []
    for group in groups:
        first = group[0]
        if len(group) == 1:
            out.append(first)
        else:
            text = " ".join(x.text for x in group)
            out.append(_Line(text, first.indented, group[-1].underlined, first.blank_before))
    return out


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
    return not _TERMINAL.search(text) and not _DANGLING.search(text)


_HEADING_LABEL = re.compile(r"^(?:\(?(?:\d{1,2}|[ivxlc]{1,6}|[A-Z])[.)]|\((?:\d{1,2}|[ivxlc]{1,6})\))\s+")


def _classify(line: _Line) -> Block:
    text = line.text
    if line.underlined or (_heading_shape(text) and not _bullet_sentence(text)):
        label_m = _HEADING_LABEL.match(text)
        label = label_m.group(0).strip() if label_m else None
        heading = text[label_m.end() :] if label_m else text
        heading = heading.rstrip(":").strip()
        return Block(BlockKind.HEADING, heading, 0, 0, underlined=line.underlined, indented=line.indented, label=label)
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


def _cut_unrelated(blocks: list[Block], removed: list[Removed]) -> tuple[list[Block], bool]:
    """Cut an article glued after the release: a new headline, then prose not about the meeting.

    Only after the release has reached its closing paragraphs (signing, attendance), and only
    when none of the paragraphs after the headline speaks of Hong Kong or of the meeting. A news
    site's own marker of other stories ("Also in the news", "Related stories") cuts at once.
    """
    closed = False
    for i, block in enumerate(blocks):
        if i > 0 and len(block.text) < 60 and noise.OTHER_STORIES.match(block.text):
            removed.append(Removed(reason=RemovalReason.UNRELATED_ARTICLE, text="\n".join(b.text for b in blocks[i:])))
            return blocks[:i], True
        if block.kind is BlockKind.PARAGRAPH and noise.CLOSING_CUES.search(block.text):
            closed = True
            continue
        if not closed or block.kind is BlockKind.BULLET or i + 1 >= len(blocks):
            continue
        if not _headline_like(block.text):
            continue
        tail = blocks[i + 1 :]
        prose = [b for b in tail if b.kind is not BlockKind.HEADING]
        if not prose or sum(len(b.text) for b in prose) < 200:
            continue
        if any(noise.RELEASE_CUES.search(b.text) for b in [block, *tail]):
            continue
        removed.append(Removed(reason=RemovalReason.UNRELATED_ARTICLE, text="\n".join(b.text for b in blocks[i:])))
        return blocks[:i], True
    return blocks, False


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
