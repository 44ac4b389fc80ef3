"""The layout of a release's lines: hard wraps joined, then each line a heading, a bullet or a
paragraph ([HEAD-STYLE], [AREAS-NULLHEAD], [AREAS-WRAP], [AREAS-CUTPARA], [AREAS-CUT]).

The genre marks headings by a row of dashes underneath, by standing alone on a short line, by
their place over an indented paragraph, or not at all; copies wrapped at a fixed width break
paragraphs (and headlines) over several lines. :func:`join_wrapped_headlines` and :func:`unwrap`
join what a wrap broke, :func:`classify_lines` gives each line its block.
"""

from __future__ import annotations

import itertools
import re

from cooptrack.clean.blocks import Block, BlockKind
from cooptrack.clean.page import Line as _Line
from cooptrack.clean.page import headline_like as _headline_like
from cooptrack.fold import CJK as _CJK

BULLET = re.compile(
    r"^(?P<label>[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2219\u2043\u25a0\u25a1\u2013\u2014*\-]"
    r"|\((?:[ivxlc]{1,6}|[a-z]|\d{1,2})\)|(?:[ivxlc]{1,6}|[a-z]|\d{1,2})[.)])\s+(?=\S)",
)
_ZH_CLOSED = re.compile(r"[\u3002\uff01\uff1f\uff1b][\u201d\u300d\u300f]?$")  # 。！？； and a closing quote
_TERMINAL = re.compile(r"[.;,!?]['\"\u2019\u201d)]*$")
SENTENCE_END = re.compile(r"[.!?:;'\"\u2019\u201d)\u3002\uff01\uff1f\uff1b\u300d]$")  # and Chinese 。！？；」


def ends_sentence(text: str) -> bool:
    """Whether SENTENCE_END matches ``text``: looked for in its last two characters only (the match,
    one character, stands at the end or before a final new line), not by a search of the whole line."""
    return SENTENCE_END.search(text, len(text) - 2) is not None


def rule_target(text: str) -> bool:
    """A line that a rule across a blank line (or a row of '=') can underline: a heading's shape."""
    return len(text) <= 150 and text[:1].isupper() and not _TERMINAL.search(text) and not text.endswith(":")


_HEADLINE_LINES = 3  # a headline hard-wrapped at a fixed width takes up to three lines


def join_wrapped_headlines(lines: list[_Line], upto: int = 6) -> list[_Line]:
    """A copy hard-wrapped at a fixed width breaks its headline (and a mirror's repeat of it)
    over two or three lines: unindented lines standing alone (a blank line, a row of '*' or the
    page's chrome under the last), each but the last nearly as long as the copy's width and not
    ending a sentence, are one headline."""
    wrapped, width = _wrap_width(lines)
    if not wrapped:
        return lines  # not a fixed-width copy: a headline over a standfirst stays two lines
    out = list(lines)
    i = 0
    while i + 1 < min(len(out), upto):
        run = _headline_run(out, i, width)
        if run > 1:
            part = out[i : i + run]
            last = part[-1]
            out[i : i + run] = [
                _Line(
                    " ".join(x.text for x in part),
                    False,
                    last.underlined,
                    part[0].blank_before,
                    last.chrome_after,
                    dated_after=last.dated_after,
                    parted_after=last.parted_after,
                    rule=last.rule,
                )
            ]
        i += 1
    return out


def _headline_run(lines: list[_Line], i: int, width: int) -> int:
    """How many lines from ``lines[i]`` are one wrapped headline (1: none joined). The longest run
    that stands alone and reads as a headline is taken."""
    run = 1
    while (
        run < _HEADLINE_LINES
        and i + run < len(lines)
        and not lines[i + run].blank_before
        and not lines[i + run].indented
        and not lines[i + run - 1].indented
        and not _closed(lines[i + run - 1])
        and not ends_sentence(lines[i + run - 1].text)
        and _full(lines[i + run - 1].text, lines[i + run].text, width)
        and not BULLET.match(lines[i + run].text)
    ):
        run += 1
    for size in range(run, 1, -1):
        last = lines[i + size - 1]
        after = lines[i + size] if i + size < len(lines) else None
        alone = after is None or after.blank_before or last.parted_after or last.dated_after
        if alone and _headline_like(" ".join(x.text for x in lines[i : i + size])):
            return size
    return 1


def _margin(lines: list[_Line]) -> int:
    """The right margin of a copy wrapped at a fixed width: its longest line, indent counted (an
    address or a line joined already, longer than 110 characters, left out)."""
    return max((x.indent + len(x.text) for x in lines if len(x.text) <= 110), default=0)


def _filled(line: _Line, below: _Line, margin: int) -> bool:
    """Whether the first word of ``below`` would not have fitted on ``line`` (indents counted): only
    then did the width, not the writer, end ``line`` (a sentence closed on a line with room left
    closes its paragraph)."""
    word = below.text.split(" ", 1)[0]
    if not word.isascii():  # Chinese wraps between any two characters: the line is at the margin
        return line.indent + len(line.text) + 1 > margin
    return line.indent + len(line.text) + 1 + len(word) > margin


def _leads_in(line: _Line, following: _Line | None) -> bool:
    """A list's lead-in: a line closing on a colon right over the list's first item."""
    return line.text.endswith(":") and following is not None and BULLET.match(following.text) is not None


def _closed(line: _Line) -> bool:
    """Something the scan removed right under the line (the page's chrome, a stamp, a row of '*')
    closes it: a list of links, one a line, is no headline broken by a width."""
    return line.chrome_after or line.dated_after or line.parted_after


def _full(line: str, below: str, width: int) -> bool:
    """Whether ``line`` was broken by the copy's width: it is nearly as long as the longest line, or
    the first word of the line below would have taken it past the width (a long word wrapped early:
    "… Session of the Hong" / "Kong/Sichuan Co-operation …")."""
    if len(line) >= 0.8 * width:
        return True
    word = below.split(" ", 1)[0]
    return word.isascii() and len(line) + 1 + len(word) > width  # (Chinese wraps anywhere: no word)


# A Chinese copy hard-wrapped at a fixed width (a PDF's text, a paper's e-edition, a fixed-width
# mail): its lines, measured in characters (a full-width one counted as one, the indent with them),
# stop at one margin, 16 to 110 characters, broken anywhere (inside a name, a post, a 《title》, a
# number: 行政長官李家 / 超, 第二十 / 次會議); paragraphs are told apart by an indent (two full-width
# spaces or spaces), a blank line, or a last line shorter than the margin. A page printing a
# paragraph a line is no such copy: its lines end anywhere, hardly two at one length.
_ZH_MIN_WIDTH = 16
_ZH_AT_MARGIN = 5  # lines at the margin, at least
_ZH_LABEL = re.compile(
    r"^(?:[\uff08(][一二三四五六七八九十\d]{1,3}[\uff09)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.\u3001\uff0e](?!\d)"
    r"|[\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25a1*\-\u2013\u2014\uff0d])"
)
# A page's stamp or credit, a line of its own whatever its length: a date alone (a weekday, a time of
# day with it; a section's name before it: 即時新聞: 本地 • 2026-11-12 18:30), 發佈時間, 來源, 責任編輯
_ZH_STAMP = re.compile(
    r".{0,24}\d{4}[-/.\u5e74]\d{1,2}[-/.\u6708]\d{1,2}\u65e5?\s*(?:[(\uff08]\u661f\u671f.[)\uff09])?\s*(?:\d{1,2}:\d{2}|$)"
    r"|\u767c\u4f48\u6642\u9593|\u53d1\u5e03\u65f6\u95f4|\u767c\u5e03\u6642\u9593|\u4f86\u6e90|\u6765\u6e90"
    r"|\u8cac\u4efb\u7de8\u8f2f|\u8d23\u4efb\u7f16\u8f91"
)
_CLOSING_MARKS = "\u3002\uff0c\u3001\uff1b\uff1a\uff1f\uff01\u300d\u300f\uff09\u300b\u201d,.;:?!)"
_LATIN_END = re.compile(r"[A-Za-z0-9.,;:%)'\u2019\u201d-]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(][\w.,'\u2019&/-]*")


def _extent(line: _Line) -> int:
    return line.indent + len(line.text)


def zh_wrap_width(lines: list[_Line]) -> int:
    """The margin of a Chinese copy hard-wrapped at a fixed width, 0 when the copy is none: a
    Chinese page whose most common line length (of lines 16 characters or more, indent counted,
    stamps and table rows aside) is held by at least three lines, and by five or more with those one
    past it (a closing mark kept on the line), at least 40% of the lines half as long or more, with
    hardly a line past it."""
    chinese = [x for x in lines if _CJK.search(x.text) and _CELLS not in x.text and not _ZH_STAMP.match(x.text)]
    if len(chinese) < _ZH_AT_MARGIN or len(chinese) * 2 < len([x for x in lines if len(x.text) >= _ZH_MIN_WIDTH]):
        return 0
    lengths = [_extent(x) for x in chinese if _extent(x) >= _ZH_MIN_WIDTH]
    if not lengths:
        return 0
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    # the margin: the length most lines reach, or pass by one (a closing mark kept on the line)
    width = max(counts, key=lambda n: (counts[n], n))
    if width > 110:
        return 0
    at = counts[width] + counts.get(width + 1, 0)
    over = sum(n > width + 1 for n in lengths)
    near = sum(n >= width // 2 for n in lengths)
    if counts[width] < 3 or at < _ZH_AT_MARGIN or over > max(2, at // 10) or at < 0.4 * near:
        return 0
    return width


def _zh_full(prev: _Line, line: _Line, width: int) -> bool:
    """Whether the margin, not the writer, ended ``prev``: it reaches the margin (a closing mark kept
    on the line takes it one past), or the Latin word opening ``line`` would not have fitted on it."""
    n = _extent(prev)
    word = _LATIN_START.match(line.text)
    if word and _LATIN_END.search(prev.text):
        return n + 1 + len(word.group(0)) > width
    # (a line past the margin is no line the margin broke, a stamp, an address, but by the closing
    # marks kept on it: 。」)
    return n >= width and (n <= width + 1 or not prev.text[width - n :].strip(_CLOSING_MARKS))


def _zh_join(a: str, b: str) -> str:
    """Chinese joins with no space; a Latin word carried over keeps its space ("Hong" / "Kong")."""
    if a and b and re.search(r"[A-Za-z0-9.,;:%)'\u2019]$", a) and re.match(r"[A-Za-z(]", b):
        return f"{a} {b}"
    return a + b


def _zh_goes_on(prev: _Line, line: _Line, width: int, base: int) -> bool:
    """Whether ``line`` carries on ``prev``'s paragraph in a Chinese fixed-width copy: no blank line
    between, no indent past the copy's carried lines, no list label, ``prev`` at the margin."""
    if line.blank_before or line.indent > base or _ZH_LABEL.match(line.text) or BULLET.match(line.text):
        return False
    if _ZH_STAMP.match(prev.text) or _ZH_STAMP.match(line.text):
        return False  # (a page's stamp is a line of its own, whatever its length)
    if "\t" in prev.text + line.text or (_CELLS in line.text and _CELLS in prev.text):
        return False  # (a table's rows: a line each)
    return _zh_full(prev, line, width)


def _zh_base(lines: list[_Line], width: int) -> int:
    """The indent of the lines a wrap carried over (those under a line at the margin)."""
    carried = [b.indent for a, b in itertools.pairwise(lines) if not b.blank_before and _extent(a) >= width]
    return min(carried, default=0)


def unwrap_chinese(raw: list[str]) -> list[str]:
    """A Chinese copy hard-wrapped at a fixed width (:func:`zh_wrap_width`) as the page it was made
    from, a paragraph a line (its headline over two lines one line): a line goes on the one above
    when that one reaches the margin, unless a blank line, an indent past the lines a wrap carried
    over, a list's label or a page's stamp opens a line. Run on the page's lines before any reading, so the
    scan and the rest read the page as the writer's (a source tag cut off a wrapped line leaves it
    short of the margin)."""
    lines: list[_Line] = []
    blanks: list[int] = []  # blank lines before each line kept
    run = 0
    for r in raw:
        text = r.strip()
        if not text:
            run += 1
            continue
        indent = len(r) - len(r.lstrip(" "))
        lines.append(_Line(text, indent > 0, blank_before=run > 0, indent=indent))
        blanks.append(run)
        run = 0
    width = zh_wrap_width(lines)
    if not width:
        return raw
    base = _zh_base(lines, width)
    out: list[str] = []
    prev: _Line | None = None
    for line, n in zip(lines, blanks, strict=True):
        if prev is not None and _zh_goes_on(prev, line, width, base):
            out[-1] = _zh_join(out[-1], line.text)
        else:
            out.extend([""] * n)
            out.append(" " * line.indent + line.text)
        prev = line
    out.extend([""] * run)
    return out


def _wrap_width(lines: list[_Line]) -> tuple[bool, int]:
    """Whether the copy is hard-wrapped at a fixed width, and that width (its longest line)."""
    long_lines = [len(x.text) for x in lines if len(x.text) >= 40]
    within = [n for n in long_lines if n <= 110]
    if len(long_lines) < 6 or not within:
        return False, max(long_lines, default=0)
    if len(within) == len(long_lines):
        return True, max(within)
    # One line or two past the width (a headline or a standfirst joined already, an address) in a
    # copy whose lines run to the same margin: most long lines near the longest (paragraphs one a
    # line end anywhere)
    width = max(within)
    if any(_CJK.search(x.text) for x in lines if len(x.text) >= 40):
        return False, max(long_lines)  # (a Chinese copy: a paragraph a line, whatever their lengths)
    few_over = len(long_lines) - len(within) <= max(1, len(long_lines) // 20)
    at_margin = sum(n >= 0.8 * width for n in within) >= 0.6 * len(within)
    return (True, width) if few_over and at_margin else (False, max(long_lines))


def unwrap(lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped paragraphs (copies wrapped at a fixed width), and of a
    heading wrapped over two lines where paragraphs are indented ([AREAS-WRAP])."""
    wrapped, width = _wrap_width(lines)
    indented = _paragraphs_indented(lines)
    opened = wrapped and _openings_indented(lines, width)
    margin = _margin(lines) if wrapped else 0
    groups: list[list[_Line]] = []
    verb_open = False  # the sentence the last group leaves open holds a verb
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if (
            groups
            and not line.blank_before
            and not (_CELLS in line.text and _CELLS in groups[-1][-1].text)  # a table's rows: a line each
            and (
                _continues(groups[-1], line, wrapped, width, verb_open, following, margin)
                or (opened and _hangs_under(groups[-1], line, width, following, margin))
                or (indented and _wrapped_heading(groups[-1], line, following))
                or _flush_continuation(groups[-1], line, following)
            )
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
            verb_open = False
        verb_open = _verb_open(verb_open, line.text)
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


# A table's row written with its cells apart by bars ("No. | Agreement | Signed by", "1 | Agreement on
# … | Secretary for …"): a row under a row is a line of its own, never the wrap of the one above
# (a header ending "Signed by" stops on a joining word).
_CELLS = " | "


def _wrapped_heading(group: list[_Line], line: _Line, following: _Line | None) -> bool:
    """Two unindented lines standing alone over an indented paragraph, neither closing a sentence:
    one heading hard-wrapped ([AREAS-WRAP])."""
    first = group[0]
    return (
        len(group) == 1
        and len(first.text) + _WRAP_SLACK >= len(line.text)  # a wrap fills the first line
        and first.blank_before
        and not first.indent
        and not line.indent
        and not first.underlined
        and rule_target(first.text)
        and not _TERMINAL.search(line.text)
        and not line.text.endswith(":")
        and not BULLET.match(line.text)
        and (following is None or following.blank_before or following.indent >= _PARAGRAPH_INDENT)
    )


def _flush_continuation(group: list[_Line], line: _Line, following: _Line | None) -> bool:
    """A flush line right under an indented paragraph's line that stops mid-sentence goes on with
    that paragraph: a hand wrap inside a name, a post or a meeting's name ("..., Mr Wang" /
    "Weizhong, co-chaired ...", "... Municipal" / "Committee, Mr ..."). A heading follows a
    paragraph's open sentence without a blank line only in a heading's place: over an indented
    paragraph or a list, or alone under a line that needs no more words."""
    first, prev = group[0], group[-1]
    if first.indent < _PARAGRAPH_INDENT or line.indent >= _PARAGRAPH_INDENT or ends_sentence(prev.text):
        return False
    if BULLET.match(first.text) or BULLET.match(line.text):
        return False
    return not _heading_shape(line.text) or _heading_shape_goes_on(prev, following)


def _heading_shape_goes_on(prev: _Line, following: _Line | None) -> bool:
    """A heading-shaped line under a line that closes no sentence goes on with it, unless it
    stands in a heading's place: over an indented paragraph or a list, or alone (a blank line
    under it) while the line above needs no more words (it ends in a comma, "the", "Mr" ...)."""
    if _over_paragraph(following):
        return False
    alone = following is None or following.blank_before
    return not alone or prev.text.endswith(",") or bool(_DANGLING.search(prev.text) or _HONORIFIC_END.search(prev.text))


def _over_paragraph(following: _Line | None) -> bool:
    """The next line is an indented paragraph or a list item: the line above it stands in a
    heading's place."""
    return (
        following is not None
        and not following.blank_before
        and (following.indent >= _PARAGRAPH_INDENT or bool(BULLET.match(following.text)))
    )


_HONORIFIC_END = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Professor)\.?$")


_WRAP_SLACK = 10  # characters by which a wrapped heading's second line may outrun its first
# Paragraphs are indented by 4 to 6 spaces in the classic press release; headings never are.
_PARAGRAPH_INDENT = 4


def _paragraphs_indented(lines: list[_Line]) -> bool:
    """The copy indents its paragraphs: most of its lines that close a sentence start with 4 or
    more spaces."""
    prose = [x for x in lines if len(x.text) >= 40 and ends_sentence(x.text)]
    return len(prose) >= 2 and sum(x.indent >= _PARAGRAPH_INDENT for x in prose) >= 0.6 * len(prose)


def _continues(
    group: list[_Line],
    line: _Line,
    wrapped: bool,
    width: int,
    verb_open: bool,
    following: _Line | None,
    margin: int,
) -> bool:
    prev = group[-1]
    if prev.underlined or BULLET.match(line.text):
        return False
    if not ends_sentence(prev.text) and line.text[:1].islower():
        return True
    # A list item's wrap hangs under its text, right past its label ("     4. arrange exchange tours … in" /
    # "        Chongqing every year."): it goes on whatever its first letter (audit en15); a line indented
    # otherwise under an item is a line of its own ("(a) Memorandum on …" / "     Signatories: …")
    first = group[0]
    label = BULLET.match(first.text)
    if label and line.indent == first.indent + label.end() and not ends_sentence(prev.text):
        return True
    # A copy wrapped by hand, at no fixed width: a line of a sentence broken off ("... was presided
    # over by Shi Xiaolin, Governor of Sichuan" / "Province, and ...", "... with the direction of
    # Wang" / "Linggui, deputy director ...") goes on in an unindented line that is no heading.
    if (
        line.indent < _PARAGRAPH_INDENT
        and _broken_sentence(prev.text, verb_open)
        and (not _heading_shape(line.text) or _phrase_wrapped(prev, following))
    ):
        return True
    if not wrapped or len(prev.text) < 0.7 * width:
        return False
    # A Chinese sentence closed at a line's end closes its paragraph: a Chinese copy hard-wrapped at
    # a width was read as its page before (unwrap_chinese), and a page's lines apart by <br> alone,
    # each opening on an ideographic indent, are its paragraphs ('…共同主持会议。' / '　　王忠林…指出，…';
    # audit zh20: an old provincial page's lead had taken the paragraph under it)
    if _ZH_CLOSED.search(prev.text) and _CJK.match(line.text):
        return False
    # A wrap carries a line over flush (or hung under a list's label, above): a line indented past
    # the paragraph's first opens a paragraph of its own (a heading over it: "Economic, trade, and
    # the Belt and Road Initiative" / "     Encourage and support …")
    if line.indent >= _PARAGRAPH_INDENT and line.indent > first.indent:
        return False
    # A sentence closed on a line the next word would have fitted on ends its paragraph there ("…,
    # maritime commerce, etc." / "Support and promote …", one measure a line in a flush copy), and so
    # does one above a list's lead-in ("… for Hong Kong students." / "The following agreements were
    # signed at the plenary:" / "1. …"): a lead-in opens its own paragraph
    if ends_sentence(prev.text) and (not _filled(prev, line, margin) or _leads_in(line, following)):
        return False
    # A list item wrapped at the copy's width: the item goes on in an unindented line when the list
    # goes on right under that line ("* Memorandum of Understanding on … Higher Education" /
    # "Cooperation between Guangdong and Hong Kong" / "* Co-operation Arrangement …"), or while a
    # quotation it opened is not closed ("• “About the … into the ‘Dual Cycle’" / "New Development
    # Framework”."): a heading stands over its list, never inside one.
    if label and not ends_sentence(prev.text) and _same_list(first, following):
        return True
    if label and len(group) <= _ITEM_LINES and _open_quote(" ".join(x.text for x in group)):
        return True
    # A near-full line that stops mid-sentence ("..., and the") goes on in the next line, even
    # when that line starts with a capitalised word and looks like a heading ("Executive Vice ..."),
    # unless that line stands in a heading's place (_heading_shape_goes_on).
    if not _heading_shape(line.text):
        return True
    return not ends_sentence(prev.text) and _heading_shape_goes_on(prev, following)


def _openings_indented(lines: list[_Line], width: int) -> bool:
    """A copy wrapped at a fixed width that indents its paragraphs: most lines that open one (40
    characters or more, under a blank line or a line the width did not break) start with 4 spaces
    or more. The lines a wrap carried over are flush, so the share of all lines says nothing."""
    openings = [
        x
        for prev, x in zip([None, *lines[:-1]], lines, strict=True)
        if len(x.text) >= 40 and (prev is None or x.blank_before or not _full(prev.text, x.text, width))
    ]
    return len(openings) >= 2 and sum(x.indent >= _PARAGRAPH_INDENT for x in openings) >= 0.6 * len(openings)


def _hangs_under(group: list[_Line], line: _Line, width: int, following: _Line | None, margin: int) -> bool:
    """In a wrapped copy whose paragraphs open indented, a flush line right under a line the width
    broke goes on with the indented paragraph above, even after a sentence's end ("... projects in
    the Mainland." / "It is expected that about 3 500 ..."), unless it stands in a heading's place:
    heading-shaped, alone or over an indented paragraph or a list."""
    first, prev = group[0], group[-1]
    if first.indent < _PARAGRAPH_INDENT or line.indent >= _PARAGRAPH_INDENT or BULLET.match(line.text):
        return False
    if not _full(prev.text, line.text, width) or (ends_sentence(prev.text) and not _filled(prev, line, margin)):
        return False
    if _leads_in(line, following):
        return False
    return not (
        _heading_shape(line.text) and (following is None or following.blank_before or _over_paragraph(following))
    )


_ITEM_LINES = 12  # a list item's lines, at most, asked for an open quotation (the work stays linear)


def _same_list(item: _Line, following: _Line | None) -> bool:
    """Whether ``following`` is the next item of ``item``'s list: right under, the same label."""
    if following is None or following.blank_before or following.indent != item.indent:
        return False
    a, b = BULLET.match(item.text), BULLET.match(following.text)
    return a is not None and b is not None and _label_kind(a["label"]) == _label_kind(b["label"])


def _label_kind(label: str) -> str:
    """A list label's kind: its mark ("*", "•"), or "(n)", "n." for numbers and letters."""
    if len(label) == 1:
        return label
    return re.sub(r"[0-9a-z]+", "n", label.lower())


def _open_quote(text: str) -> bool:
    """Whether ``text`` opens a double quotation it does not close (curly marks)."""
    return text.count("\u201c") > text.count("\u201d")


def _phrase_wrapped(prev: _Line, following: _Line | None) -> bool:
    """A copy wrapped one phrase a line ("... jointly chaired the seventh plenary session of the" /
    "Hong Kong-Shanghai cooperation conference in Shanghai" / "today, agreeing ..."): a line shaped
    as a heading goes on with an open sentence when the line above needs more words (it ends on
    "of the", "and", a comma) and no indented paragraph or list follows it, or when the sentence
    goes on under it in lower case. A heading is followed by its paragraph, which starts with a
    capital."""
    if prev.text.endswith(",") or _DANGLING.search(prev.text):
        return not _over_paragraph(following)
    return following is not None and not following.blank_before and following.text[:1].islower()


_DANGLING = re.compile(r"\b(?:and|or|of|the|to|in|for|with|on|by|as|at|a|an)$", re.IGNORECASE)
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|will|has|have|had|signed|agreed|include[sd]?)\b")


# A sentence's verb, which a heading does not hold ("Finance", "Innovation and technology").
_SENTENCE_VERB = re.compile(
    r"\b(?:is|are|was|were|will|would|has|have|had|signed|agreed|include[sd]?|(?:co-)?chaired|presided|held|"
    r"attended|led|witnessed|met|said|reached|reviewed|took)\b"
)


def _broken_sentence(last: str, verb_open: bool) -> bool:
    """Lines that stop inside a sentence (``last`` the last of them, ``verb_open`` whether the
    sentence they leave open holds a verb, which a heading does not), or on a comma or a word
    that needs another ("... of the", "... and")."""
    if ends_sentence(last):
        return False
    return last.endswith(",") or bool(_DANGLING.search(last)) or verb_open


def _verb_open(before: bool, text: str) -> bool:
    """Whether the sentence left open after a line holds a verb (``before``: the one open before it)."""
    # the sentence left open: the text after the last full stop (or question or exclamation mark), the
    # whole text without one (three searches from the end, not a pattern tried after every stop)
    tail = text[max(text.rfind("."), text.rfind("!"), text.rfind("?")) + 1 :]
    return bool(_SENTENCE_VERB.search(tail)) or (before and len(tail) == len(text))


def _heading_shape(text: str) -> bool:
    """Short, capitalised, no closing punctuation, not ending mid-phrase: a heading's shape."""
    words = text.split()
    if not words or len(words) > 14 or len(text) > 110:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] == "("):
        return False
    if _ZH_CLOSED.search(text):  # a Chinese sentence opening on its day ('4月22日，…主持会议。'; audit zh20)
        return False
    if text.endswith(":"):
        return len(words) <= 6 and not _FINITE_VERB.search(text)
    return not _TERMINAL.search(text) and not _DANGLING.search(text) and not _SPEAKER.search(text)


# (Roman numerals in capitals too: "II. Financial Services", "(IV) Tourism")
_HEADING_LABEL = re.compile(
    r"^(?:\(?(?:\d{1,2}|[ivxlc]{1,6}|[IVXLC]{2,6}|[A-Z])[.)]|\((?:\d{1,2}|[ivxlc]{1,6}|[IVXLC]{1,6}|[a-z])\))\s+"
)


def classify_lines(lines: list[_Line]) -> list[Block]:
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
    the bank"), right under a heading is that heading's paragraph; elsewhere it is a heading only
    where the layout has headings: a copy that indents its
    paragraphs, or prints a heading under its first paragraph (or a lead-in closing on ":") before
    it ([AREAS-CUT]). A news story without headings gets none from its cut last line: it is a cut
    paragraph."""
    last = blocks[-1]
    if last.kind is not BlockKind.HEADING or last.underlined or ends_sentence(lines[-1].text):
        return False
    if len(blocks) >= 2 and blocks[-2].kind is BlockKind.HEADING and not lines[-1].blank_before:
        return True  # right under a heading, with no blank line between: that heading's paragraph, cut
    if indented:
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
    if indented and (following.indent >= _PARAGRAPH_INDENT or BULLET.match(following.text)):
        return True
    # a flush copy, or a flush part of one that indents its lead: a long heading stands over a
    # paragraph that closes its sentences
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
