"""Folding Chinese text for matching, with an offset map back to the text as written.

Chinese pages mix scripts (Traditional and Simplified, often both on one page), widths (``，（）：``
or ``,():``) and, on scraper copies, injected pinyin (``會(huì)議``). Matching is done on a folded
copy: NFKC, then Simplified characters (OpenCC's character table, with the few variants the
genre writes that it leaves alone: 衞/衛 → 卫, 於 → 于, 著 → 着, 臺 → 台), with the pinyin left out.
:class:`Folded` keeps, for each folded character, the offset of the character it came from, so
that a match in the folded copy is a span of the text as written ([ZH-FOLD]).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# A lower-case syllable (with tone marks) in ASCII parentheses right after a Chinese character.
PINYIN = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])\([a-z\u00e0-\u00fc\u0101-\u01dc]{1,7}\)")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Variants OpenCC's Traditional→Simplified character table keeps, folded for matching only.
_EXTRA = str.maketrans({"衞": "卫", "衛": "卫", "於": "于", "著": "着", "臺": "台", "裏": "里", "裡": "里", "綫": "线"})

# Characters that are Traditional only or Simplified only, for telling a page's script.
_TRADITIONAL_ONLY = frozenset("會議聯粵滬閩與長區務國辦書記簽備錄範疇領協漢慶鄭偉龔應陳馬興寧黃楊衞於臺這們時過見說為")
_SIMPLIFIED_ONLY = frozenset("会议联粤沪闽与长区务国办书记签备录范畴领协汉庆郑伟龚应陈马兴宁黄杨卫这们时过见说为")


@functools.cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s.json")


@functools.cache
def simplified_char(char: str) -> str:
    """One character in its Simplified form (itself when it has none or is not Chinese)."""
    if not CJK.match(char):
        return char
    out = _converter().convert(char).translate(_EXTRA)  # type: ignore[attr-defined]
    return out if len(out) == 1 else char


def strip_pinyin(text: str) -> str:
    """The text without injected pinyin ("會(huì)議" → "會議")."""
    return PINYIN.sub("", text)


@dataclass(frozen=True)
class Folded:
    """A folded copy of a text: ``text[i]`` came from ``source[index[i]]``."""

    source: str
    text: str
    index: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text as written that folded ``text[start:end]`` came from."""
        if start >= end:
            pos = self.index[start] if start < len(self.index) else len(self.source)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1

    def original(self, start: int, end: int) -> str:
        """What folded ``text[start:end]`` is, as written (pinyin left out)."""
        s, e = self.span(start, end)
        return strip_pinyin(self.source[s:e])


def fold(text: str) -> Folded:
    """Width, script and pinyin folded, each character knowing where it came from."""
    skip = [False] * len(text)
    for m in PINYIN.finditer(text):
        for i in range(m.start(), m.end()):
            skip[i] = True
    chars: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        if skip[i]:
            continue
        for out in unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char:
            chars.append(simplified_char(out))
            index.append(i)
    return Folded(text, "".join(chars), tuple(index))


def simplified(text: str) -> str:
    """The folded text alone (patterns and vocabulary are written in it)."""
    return fold(text).text


def script(text: str) -> str | None:
    """The page's script: ``Hant`` (Traditional), ``Hans`` (Simplified), or None (no Chinese)."""
    trad = sum(1 for c in text if c in _TRADITIONAL_ONLY)
    simp = sum(1 for c in text if c in _SIMPLIFIED_ONLY)
    if not trad and not simp:
        return None
    return "Hant" if trad >= simp else "Hans"
