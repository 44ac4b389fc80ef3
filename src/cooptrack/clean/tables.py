"""Tables saved as text: columns aligned with runs of spaces, or apart by tabs.

A page's table copied or saved as text keeps its rows as lines whose cells are apart by two or
more spaces or by ideographic spaces (U+3000, as wide as a Chinese character: one is enough;
aligned under the header's columns, by characters or by display width for Chinese) or by tabs,
and a cell too long for its column wraps onto the following lines under that column. Such a
table is found by its layout alone: a header row of short labels, then lines whose every cell
starts where a header's column starts (a wrapped cell may hang a little further in). Each row,
its wrapped cells joined, becomes one line of cells apart by " | " (the form the readers of
agreement lists take a table's row in), marked as a list item; the header stays a line of its own.

A line continues the row above when its first cell is empty, when it has no number in a numbered
table, when its first cell hangs further in than its column, when a cell is empty in a table
without numbers, or when one of its cells continues the cell above (which ended on a hyphen, a
comma or a connecting word, or, in a table aligned by spaces, this one starts in lower case: apart
by tabs, as a page's ``<table>`` is written, a line with every cell filled is a row unless a cell
above was cut mid-phrase). After a blank line, a line of one cell closing a Chinese sentence (。)
is the paragraph after the table. One pass over the lines, each line read a bounded number of
times: linear in the input.
"""

from __future__ import annotations

import re
import unicodedata

from cooptrack.screen import screen

_SEGMENT = re.compile(r"\S+(?: \S+)*")  # a cell: words apart by single spaces
_NUMBER = re.compile(r"\(?(?:\d{1,3}|[ivx]{1,5}|[a-z])[.)]?|[(（]?[一二三四五六七八九十]{1,3}[)）、]?")
_CONNECTOR_END = re.compile(r"(?:[-,]|\b(?:of|on|and|the|for|in|to|between|with|among|a|an|by))$")
_SENTENCE_END = re.compile(r"[.。!?！？;；:：]$")
# A column of titles: its wrapped Chinese pieces are joined without a space.
_TITLE_COLUMN = re.compile(r"(?i)document|title|agreement|memorand|文件|名稱|名称|協議|协议|備忘錄|备忘录")
# A row's cell naming a kind of document: a table printed without its header is found by it.
_DOCUMENT_CELL = re.compile(
    r"(?i)\b(?:agreement|memorand(?:um|a)|arrangements?|letter\s+of\s+intent|protocol)\b|協議|协议|備忘錄|备忘录|意向書|意向书"
    r"|合作安排"
)
# Every line of a page is asked whether it holds such a cell; those holding none of its words
# ("agreement", "protocol", 协议 ...: cooptrack.screen), most, are not searched (case folded).
_MAY_DOCUMENT_CELL = screen(_DOCUMENT_CELL)
# A Chinese signer's cell whose line ends on a post (…局長, …廳長, …副省長, …書記): the name wrapped
# onto the next line belongs to it, with no space between; a line ending on a name is followed by
# the next person's post, kept apart by a space.
_ENDS_NAMED = re.compile(r"[^長长任席記记理事監监官]$")
_HANG = 4  # how far in a wrapped cell may hang under its column
_MAX_LABEL = 40
_MAX_COLUMNS = 8
_SECOND_ROW = 8  # how many lines below a header-less table's first row its second must start


def read_tables(lines: list[str]) -> list[str]:
    """The lines with each text table rewritten as a header line and one " | " line per row."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _header_cells(lines[i]):
            found = _table_at(lines, i)
        else:
            cell = _MAY_DOCUMENT_CELL(lines[i]) and _DOCUMENT_CELL.search(lines[i])
            found = _headless_at(lines, i) if cell else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        rows, i = found
        out.extend(rows)
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _segments(line: str, wide: bool) -> list[tuple[int, str]]:
    """The cells of a line as (column position, text): tab-separated fields by their index,
    space-aligned ones by where they start (in characters, or in display width when ``wide``)."""
    if "\t" in line:
        fields = line.strip(" ").split("\t")
        return [(k, f.strip()) for k, f in enumerate(fields) if f.strip()]
    out, at, width = [], 0, 0
    for m in _SEGMENT.finditer(line):
        if wide:  # (the width counted on from the last cell: each character once)
            width, at = width + _width(line[at : m.start()]), m.start()
        out.append((width if wide else m.start(), m[0]))
    return out


def _apart(line: str) -> bool:
    """Cells apart by tabs, two or more spaces, or an ideographic space (U+3000, as wide as a
    Chinese character: a Chinese table is aligned with it)."""
    inner = line.strip()
    return "  " in inner or "\t" in inner or "\u3000" in inner


def _header_cells(line: str) -> bool:
    """A line that may head a table: two or more labels apart by tabs, 2+ spaces or U+3000."""
    if not _apart(line):
        return False
    cells = [c for _, c in _segments(line, False)]
    return 2 <= len(cells) <= _MAX_COLUMNS and all(_label(c) for c in cells)


def _label(cell: str) -> bool:
    """A column's label: short, no sentence, no figure ("First Plenary  Hong Kong  30 March 1998"
    is a row of data, not a header)."""
    return cell == "No." or (len(cell) <= _MAX_LABEL and not _SENTENCE_END.search(cell) and not _DIGIT.search(cell))


_DIGIT = re.compile(r"\d")


def _table_at(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """The table headed at line ``i`` (its rewritten lines, and the index after it), or None
    when the line after the header is no row aligned under it."""
    if i + 1 >= len(lines):
        return None
    tabbed = "\t" in lines[i]
    for wide in (False, True):
        starts = [at for at, _ in _segments(lines[i], wide)]
        first = _cells(lines[i + 1], starts, wide, tabbed)
        if first is not None and sum(1 for c in first if c) >= 2 and first[0]:
            break
    else:
        return None
    header = [c for _, c in _segments(lines[i], wide)]
    titles = [bool(_TITLE_COLUMN.search(h)) for h in header]
    rows, j = _rows(lines, i + 2, first, starts, wide, tabbed, titles)
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    out = [indent + " | ".join(header)]
    out += ["\u2022 " + " | ".join(c for c in row if c) for row in rows]
    return out, j


def _headless_at(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """A table of documents printed without its header (the rows right under "The following
    documents were signed:"): two or more rows of two or more cells, each under the first row's
    columns, no cell closing a sentence, a cell of the first row naming a kind of document ("1.
    Agreement on …   Miss A   Mr B"). Its rows as items, no header line; else None."""
    if i + 1 >= len(lines):
        return None
    tabbed = "\t" in lines[i].strip()
    if not _apart(lines[i]):
        return None
    for wide in (False, True):
        segments = _segments(lines[i], wide)
        cells = [c for _, c in segments]
        numbered = bool(_NUMBER.fullmatch(cells[0])) if cells else False
        if not 2 + numbered <= len(cells) <= _MAX_COLUMNS or any(_SENTENCE_END.search(c) for c in cells[numbered:]):
            return None
        starts = [at for at, _ in segments]
        titles = [bool(_DOCUMENT_CELL.search(c)) for c in cells]
        if not any(titles[numbered:]):
            return None
        # a second row within a few lines (each line read a bounded number of times), then the rest
        if len(_rows(lines[: i + 1 + _SECOND_ROW], i + 1, cells, starts, wide, tabbed, titles)[0]) >= 2:
            rows, j = _rows(lines, i + 1, cells, starts, wide, tabbed, titles)
            return ["\u2022 " + " | ".join(c for c in row if c) for row in rows], j
    return None


def _rows(
    lines: list[str], j: int, first: list[str], starts: list[int], wide: bool, tabbed: bool, titles: list[bool]
) -> tuple[list[list[str]], int]:
    """The rows of a table from its first row on (each line under the columns at ``starts`` from
    line ``j`` a row, or the wrap of the row above), and the index of the line after the table."""
    numbered = bool(_NUMBER.fullmatch(first[0]))
    rows: list[list[str]] = [first]
    while j < len(lines):
        line = lines[j]
        if not line.strip():  # a blank line: the table goes on only under a row's continuation or a full row
            nxt = _cells(lines[j + 1], starts, wide, tabbed) if j + 1 < len(lines) else None
            if nxt is None or (nxt[0] and sum(1 for c in nxt if c) < 2) or _paragraph(nxt):
                break
            j += 1
            continue
        cells = _cells(line, starts, wide, tabbed)
        if cells is None:
            break
        if _continues(cells, rows[-1], numbered, _hangs(line, starts, wide, tabbed), tabbed):
            rows[-1] = [_join(a, b, t) for a, b, t in zip(rows[-1], cells, titles, strict=True)]
        else:
            rows.append(cells)
        j += 1
    return rows, j


def _paragraph(cells: list[str]) -> bool:
    """A line of one cell closing a Chinese sentence (。！？): a paragraph indented under a column
    after the table's blank line, not a cell's continuation."""
    filled = [c for c in cells if c]
    return len(filled) == 1 and filled[0][-1] in "。！？"


def _cells(line: str, starts: list[int], wide: bool, tabbed: bool) -> list[str] | None:
    """The line's cells under the header's columns, or None when a cell stands under none."""
    if tabbed != ("\t" in line):
        return None
    segments = _segments(line, wide)
    if not segments:
        return None
    cells = [""] * len(starts)
    for at, text in segments:
        if tabbed:
            if at >= len(cells):
                return None
            column = at
        else:
            found = _column(at, starts)
            if found is None:
                return None
            column, end = found, at + (_width(text) if wide else len(text))
            if column + 1 < len(starts) and end > starts[column + 1] - 1:
                return None  # runs on under the next column: prose, not a cell
            if column + 1 == len(starts) and len(text) > 90:
                return None
        cells[column] = f"{cells[column]} {text}".strip()
    return cells


def _column(at: int, starts: list[int]) -> int | None:
    for k in range(len(starts) - 1, -1, -1):
        if starts[k] - 1 <= at <= starts[k] + _HANG:
            return k
    return None


def _hangs(line: str, starts: list[int], wide: bool, tabbed: bool) -> bool:
    segments = _segments(line, wide)
    return not tabbed and bool(segments) and segments[0][0] >= starts[0] + 2


def _continues(cells: list[str], above: list[str], numbered: bool, hangs: bool, tabbed: bool) -> bool:
    if not cells[0] or hangs:
        return True
    if numbered:
        return not _NUMBER.fullmatch(cells[0])
    if any(not c for c in cells):
        return True
    # a cell starting in lower case continues the one above in a table aligned by spaces; apart by
    # tabs (a page's <table> as text), a line with every cell is a row of its own unless a cell above
    # was cut mid-phrase ("the Secretary for …" opens a signer's cell as often as it goes on one)
    lower = not tabbed
    return any(
        c and a and ((lower and c[0].islower()) or _CONNECTOR_END.search(a)) for c, a in zip(cells, above, strict=True)
    )


def _join(above: str, below: str, title: bool) -> str:
    if not below:
        return above
    if not above:
        return below
    if above.endswith("-") and above[-2:-1].isalpha():
        return above + below  # "Co-" / "operation"
    if (title or not _ENDS_NAMED.search(above)) and _width(above[-1]) == 2 and _width(below[0]) == 2:
        return above + below  # a Chinese title wrapped: no space between its halves
    return f"{above} {below}"
