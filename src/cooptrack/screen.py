r"""Screens: a cheap test that a pattern cannot match a text, read from the pattern itself.

Most texts a rule asks about hold nothing it looks for: a paragraph of measures is asked whether it
closes the release, every line of a page whether it is a byline. Every match of such a pattern
holds some piece of plain text: one of "signed" or "witnessed", or a line that starts with "By",
or an "@". :func:`screen` reads those pieces from the pattern (the rarest of each sequence, and
one of each alternative's) and returns a test that a text holds one of them; a text that fails
it cannot match the pattern anywhere, and the pattern need not be tried on it:

    _MAY_CLOSE = screen(P.CLOSING_PARAGRAPH)
    ...
    closing = _MAY_CLOSE(text) and P.CLOSING_PARAGRAPH.search(text)

The pieces found anywhere are looked for by one regular expression (quick, :mod:`cooptrack.quick`;
made at the first text that needs it, so that importing a module that screens does not quicken)
with the pattern's own case rules, so that "signed" ignoring case is met by exactly the texts the
pattern's "signed" is (in a text in ASCII, where case is folded as ``str.lower`` does, by ``in`` on
its lower-case copy); those at the text's start are compared with its first characters. The
test is True for every text the pattern matches (tests/test_screen.py holds it to that on every
screened pattern and the test documents), so a screened rule gives the same answers.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
from collections.abc import Callable
from dataclasses import dataclass
from math import log2
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from cooptrack.quick import quick

# The characters beyond ASCII that ASCII letters match when case is ignored, which str.lower()
# does not turn into them: a text holding one is not screened by its first characters.
_BEYOND_ASCII = ("\u0130", "\u0131", "\u017f")
_COMMON = frozenset(" .,;:'\"-()/&\u2019\u201c\u201d")


@dataclass(frozen=True)
class _Piece:
    """Characters a match holds: anywhere, or at the text's start; in any case when ``folded``."""

    at_start: bool
    text: str
    folded: bool


def screen(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test that is False only for a text ``pattern`` cannot match anywhere (at any position,
    with any bounds); always True when the pattern holds no piece of plain text every match holds."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.LOCALE:
        return _anything
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        pieces = _needs(list(parsed), parsed.state.flags | pattern.flags, False)
    except (re.error, RecursionError):
        return _anything
    if not pieces:
        return _anything
    anywhere = [p for p in pieces if not p.at_start]
    finder: re.Pattern[str] | None = None  # made at the first text that needs it (not by importing)
    # In a text in ASCII, the pieces are looked for with str's own search when some of them are in
    # any case (re compares each character case folded, which is slower): those as written in the
    # text, those in any case in its lower-case copy. A piece beyond ASCII is in no such text.
    plain = any(p.folded for p in anywhere)
    exact = tuple({p.text for p in anywhere if not p.folded and p.text.isascii()})
    # Pieces all as written ("19" or "20", ">" or "»"): str's search in any text, none folded.
    as_written = tuple({p.text for p in anywhere}) if not plain else ()
    lowered = tuple({p.text for p in anywhere if p.folded and p.text.isascii()})
    starts = tuple({p.text for p in pieces if p.at_start and not p.folded})
    folded = tuple({p.text for p in pieces if p.at_start and p.folded})
    longest = max((len(p) for p in folded), default=0)

    def may_match(text: str) -> bool:
        nonlocal finder
        if not plain:
            for piece in as_written:
                if piece in text:
                    return True
        elif text.isascii():
            for piece in exact:
                if piece in text:
                    return True
            if lowered:
                low = text.lower()
                for piece in lowered:
                    if piece in low:
                        return True
        else:
            finder = finder or _finder(anywhere)
            if finder is not None and finder.search(text):
                return True
        if starts and text.startswith(starts):
            return True
        if not folded:
            return False
        head = text[:longest]
        return head.lower().startswith(folded) or any(c in head for c in _BEYOND_ASCII)

    return may_match


def _anything(text: str) -> bool:
    return True


def _finder(pieces: list[_Piece]) -> re.Pattern[str] | None:
    """One pattern for the pieces found anywhere, longest first (the words of an alternation
    become a tree, :mod:`cooptrack.quick`), those in any case together."""
    if not pieces:
        return None
    words = [sorted({p.text for p in pieces if p.folded == folded}, key=len, reverse=True) for folded in (True, False)]
    parts = [f"(?i:{'|'.join(map(re.escape, words[0]))})"] if words[0] else []
    parts += map(re.escape, words[1])
    return quick(re.compile("|".join(parts)))


def _needs(items: list[Any], flags: int, anchored: bool) -> list[_Piece] | None:
    """Pieces one of which every match of a sequence holds: those of the item that offers the
    rarest (:func:`_worth`); ``anchored`` when the sequence must start the text."""
    found: list[list[_Piece]] = []
    run: list[str] = []
    folded = False
    run_at = anchored

    def close() -> None:
        nonlocal folded
        if run:
            piece = "".join(run)
            found.append([_Piece(run_at, piece.lower() if folded else piece, folded)])
        run.clear()
        folded = False

    for op, av in items:
        if op is C.IN and len(av) == 1 and av[0][0] is C.LITERAL:
            op, av = av[0]
        if op is C.LITERAL:
            fold = bool(flags & re.IGNORECASE) and _sre.unicode_iscased(av)
            if fold and av >= 0x80:  # a cased letter beyond ASCII, in any case: no piece of it
                close()
                anchored = False
                continue
            if not run:
                run_at = anchored
            run.append(chr(av))
            folded |= fold
            anchored = False
            continue
        if op is C.BRANCH and run:  # "w(?:3c|cag|ai-a)", as re writes "w3c|wcag|wai-a": the run and each head
            found.append(_joined(run, run_at, folded, av[1], flags))
        close()
        if op is C.AT:  # takes no character: what follows starts where it stood
            anchored |= av is C.AT_BEGINNING_STRING or (av is C.AT_BEGINNING and not flags & re.MULTILINE)
            continue
        if op is C.ASSERT_NOT:
            continue
        if op is C.ASSERT:
            need = _needs(list(av[1]), flags, anchored and av[0] == 1)
        elif op is C.SUBPATTERN:
            need = _needs(list(av[3]), (flags | av[1]) & ~av[2], anchored)
        elif op is C.ATOMIC_GROUP:
            need = _needs(list(av), flags, anchored)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            need = _needs(list(av[2]), flags, anchored) if av[0] >= 1 else None
        elif op is C.BRANCH:
            choices = [_needs(list(branch), flags, anchored) for branch in av[1]]
            need = None if any(c is None for c in choices) else [p for c in choices for p in c]  # type: ignore[union-attr]
        elif op is C.IN:
            need = _characters(av, flags, anchored)
        else:
            need = None
        if need:
            found.append(need)
        anchored = False
    close()
    return max(found, key=_worth, default=None)


_FEW = 4  # a class of more characters is not worth its pieces


def _characters(items: list[Any], flags: int, at_start: bool) -> list[_Piece] | None:
    """A class of a few characters as written ("[\u25a0\u25a1]", as re writes "(?:■|□)"): one piece
    each; None for a class of more, of ranges or categories, or of a cased letter beyond ASCII in
    any case."""
    if len(items) > _FEW or any(op is not C.LITERAL for op, _ in items):
        return None
    pieces = []
    for _, code in items:
        fold = bool(flags & re.IGNORECASE) and _sre.unicode_iscased(code)
        if fold and code >= 0x80:
            return None
        pieces.append(_Piece(at_start, chr(code).lower() if fold else chr(code), fold))
    return pieces


def _joined(run: list[str], at_start: bool, folded: bool, branches: list[Any], flags: int) -> list[_Piece]:
    """The pieces a run of characters and the alternation right after it make: the run followed
    by the characters each alternative starts with (as re parses "w3c|wcag" into "w" and "3c|cag")."""
    pieces = []
    for branch in branches:
        head, fold = list(run), folded
        for op, av in branch:
            if op is C.IN and len(av) == 1 and av[0][0] is C.LITERAL:
                op, av = av[0]
            if op is not C.LITERAL:
                break
            cased = bool(flags & re.IGNORECASE) and _sre.unicode_iscased(av)
            if cased and av >= 0x80:
                break
            head.append(chr(av))
            fold |= cased
        piece = "".join(head)
        pieces.append(_Piece(at_start, piece.lower() if fold else piece, fold))
    return pieces


def _worth(pieces: list[_Piece]) -> float:
    """How rarely a text holds one of these pieces, roughly: the shortest piece's length (a
    character other than a letter, a digit or common punctuation counting four, as "@" or "|"; and
    three times that at the text's start), less a bit for each further choice."""
    lengths = [sum(1 if c.isalnum() or c in _COMMON else 4 for c in p.text) * (3 if p.at_start else 1) for p in pieces]
    return min(lengths) - log2(len({p.text for p in pieces}))
