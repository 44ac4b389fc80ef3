"""Sentences of a block, with their offsets in the cleaned text, and quotations masked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cooptrack.clean.blocks import Block
from cooptrack.extract.patterns import ABBREVIATIONS, SENTENCE_SPLIT
from cooptrack.memo import per_document

# A quotation long enough to be speech ("... ," Mrs Lam said): people named in it are not
# attending the meeting by virtue of being named there.
_SPEECH = re.compile(r"[\u201c\"][^\u201c\u201d\"]{60,}?(?:[\u201d\"]|$)")


# Longer than any abbreviation of ABBREVIATIONS ("Prof.", "Ltd."), all of which end the text they are found in.
_LONGEST_ABBREVIATION = 8
# The longest sentence read whole: real releases' longest (a list of officials joined by
# semicolons) are about 1,300 characters.
_LONGEST_SENTENCE = 3_000


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the cleaned text
    block: Block


@per_document
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the sentences of a text begin and end, not splitting at abbreviations such as
    "Mr." or "Nov.". Remembered for the document: the relevance, the meeting, the people and
    the agreements each split the same paragraphs."""
    out: list[tuple[int, int]] = []
    begin = 0
    for m in SENTENCE_SPLIT.finditer(text):
        split = m.start("split")
        # An abbreviation ends where the split would be: only the last few characters before it
        # are read, so that a long run of abbreviations is not read again at every full stop.
        if ABBREVIATIONS.search(text, max(begin, split - _LONGEST_ABBREVIATION), split):
            continue
        out.append((begin, split))
        begin = m.end()
    out.append((begin, len(text)))
    return tuple((c, d) for a, b in out for c, d in _pieces(text, a, b) if text[c:d].strip())


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A sentence longer than any a release writes (a line without full stops, a run of list
    items) cut at spaces into pieces of at most _LONGEST_SENTENCE characters, so that what is
    read sentence by sentence (people, roles, signings) is read in bounded pieces."""
    out: list[tuple[int, int]] = []
    while b - a > _LONGEST_SENTENCE:
        space = text.rfind(" ", a + _LONGEST_SENTENCE // 2, a + _LONGEST_SENTENCE)
        cut = space if space > a else a + _LONGEST_SENTENCE
        out.append((a, cut))
        a = cut + 1 if space > a else cut
    out.append((a, b))
    return out


def sentences(block: Block) -> list[Sentence]:
    """Split a block into sentences."""
    return [Sentence(block.text[a:b], block.start + a, block) for a, b in _spans(block.text)]


def split_text(text: str) -> list[str]:
    """The sentences of a plain text."""
    return [text[a:b] for a, b in _spans(text)]


@per_document
def mask_speech(text: str) -> str:
    """Blank out quoted speech, keeping offsets (same length); remembered for the document (the
    people and the signatories of a sentence are read from the same masked text)."""
    blanks = [
        (s, e)
        for s, e in _quotations(text)
        if e - s - 2 >= 60 or (e == len(text) and e - s - 1 >= 60) or _corrected(text, s, e)
    ]
    # a bilingual page's "Mr John Lee Ka-chiu (李家超), and ..." (looked for in a text with a bracket)
    if "(" in text or "\uff08" in text:
        blanks += [m.span() for m in _CHINESE_ASIDE.finditer(text)]
    if not blanks:
        return text  # (most sentences: nothing to blank)
    out = list(text)
    for s, e in blanks:
        out[s:e] = " " * (e - s)
    return "".join(out)


def _corrected(text: str, start: int, end: int) -> bool:
    """A correction notice's wrong form, quoted: "should read “Mr A”, not “Mr B” as stated", "… instead
    of “B”": what the first release printed by mistake names nobody (audit en14)."""
    return bool(_WRONG_BEFORE.search(text, max(0, start - 24), start) or _WRONG_AFTER.match(text, end))


_WRONG_BEFORE = re.compile(r"(?i)\b(?:not|instead\s+of|rather\s+than|in\s+place\s+of)\s*$")
_WRONG_AFTER = re.compile(
    r"(?i)\s*,?\s*as\s+(?:previously\s+|originally\s+|wrongly\s+|erroneously\s+)?"
    r"(?:stated|printed|written|reported|shown)\b"
)


# A name, post or title given again in Chinese, in brackets, after its English form.
_CHINESE_ASIDE = re.compile(r"\s*[(\uff08][\u3400-\u9fff\u3000-\u303f\uff0c\u00b7\u300a\u300b/\s]+[)\uff09]")


def _quotations(text: str) -> list[tuple[int, int]]:
    """Quoted spans, pairing quotation marks from left to right: a straight quote that closes a
    short quoted title is consumed with it, never taken for the opening of a speech."""
    spans: list[tuple[int, int]] = []
    i = 0
    while (m := _OPEN.search(text, i)) is not None:
        close = _ANY_QUOTE.search(text, m.end())
        if close is None:
            spans.append((m.start(), len(text)))  # a quotation running on to the end
            break
        if close.group(0) == "\u201c":  # a new opening: the first was never closed
            i = close.start()
            continue
        spans.append((m.start(), close.end()))
        i = close.end()
    return spans


_OPEN = re.compile(r"[\u201c\"]")
_ANY_QUOTE = re.compile(r"[\u201c\u201d\"]")
