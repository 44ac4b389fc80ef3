"""Sentences of a Chinese release, each with its folded copy and its offset in the cleaned text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from cooptrack.clean.blocks import Block
from cooptrack.fold import Folded, fold

_SENTENCE = re.compile(r"[^。！？；!?;\n]{1,2000}(?:[。！？；!?;]+[”」』)]?)?")
_CLAUSE = re.compile(r"[^,，:：]{1,600}[,，:：]?")


@dataclass(frozen=True)
class Sent:
    """One sentence: its text as written, where it starts in ``Record.text``, and its folded copy."""

    text: str
    start: int
    block: int  # the index of its block in the body (-1: the headline)
    folded: Folded = field(repr=False)

    @property
    def f(self) -> str:
        """The folded text (patterns are matched on it)."""
        return self.folded.text

    def span(self, fstart: int, fend: int) -> tuple[int, int]:
        """Folded positions to a span of ``Record.text``."""
        s, e = self.folded.span(fstart, fend)
        return self.start + s, self.start + e

    def original(self, fstart: int, fend: int) -> str:
        """Folded positions to the text as written (pinyin left out)."""
        return self.folded.original(fstart, fend)

    def at(self, original_pos: int) -> int:
        """The folded position of a position in the text as written."""
        return bisect.bisect_left(self.folded.index, original_pos)


# A transcript's speaker label opening a paragraph ('主持:', '主持人：', '主播:'): the presenter
# speaking, not the verb 主持 (chaired); no sentence holds it (audit zh16: a radio bulletin's every
# paragraph had been a chaired meeting's statement).
_SPEAKER = re.compile(r"\s*(?:主持人|主持|主播)\s?[:：]\s?")


def split(text: str, start: int, block: int) -> list[Sent]:
    """The sentences of one block's text (a transcript's speaker label left out)."""
    out = []
    label = _SPEAKER.match(text)
    for m in _SENTENCE.finditer(text, label.end() if label else 0):
        piece = m.group(0)
        if piece.strip():
            out.append(Sent(piece, start + m.start(), block, fold(piece)))
    return out


def sentences(blocks: list[Block]) -> list[Sent]:
    """Every sentence of the blocks, in order."""
    return [s for i, b in enumerate(blocks) for s in split(b.text, b.start, i)]


def headline(title: str | None) -> Sent | None:
    """The headline as one sentence (its offsets are those of the title block: 0)."""
    return Sent(title, 0, -1, fold(title)) if title else None


# A space between two Chinese characters parts the clauses of a headline or a sub-head, which
# print no commas ('袁家军李家超出席 胡衡华主持': who attended, then who presided).
_HEADLINE_GAP = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def clauses(folded: str, *, gaps: bool = False) -> list[tuple[int, int]]:
    """The clauses of a folded sentence (apart at commas and colons; with ``gaps``, also at a
    space between two Chinese characters, as a sub-head's roles are read), as (start, end)."""
    out = []
    for m in _CLAUSE.finditer(folded):
        start = m.start()
        for gap in _HEADLINE_GAP.finditer(folded, m.start(), m.end()) if gaps else ():
            out.append((start, gap.end()))
            start = gap.end()
        out.append((start, m.end()))
    return out
