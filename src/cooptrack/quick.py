r"""Regular expressions that pass over positions where no match can start.

Python's ``re`` tries a pattern at every position of a text. A pattern that starts with a
case-insensitive word, a word boundary or an alternation of many words pays, at each position,
for entering every alternative before failing on its first character. :func:`quick` reads the
pattern once for the characters a match can start with and puts a lookahead for them in front
(``(?=[abc]|(?i:[def]))``), or for the start of the text or the character before when a match
must follow one (``(?:^|(?<=\.))``): at any other position the search fails at once. The lookahead admits
every character a match can start with (it is read from the pattern itself, case-folded as the
pattern is), so the matches, their groups and their order are exactly those of the pattern
without it; a pattern that may start with any character, or match the empty string, is returned
as it is, and so is one that starts with a character as written (``re`` finds those itself).

:func:`quicken` puts the quick form of every pattern a module holds at its top level in its place
(the extractor's and the cleaner's modules do it when imported).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any

_GLOBAL_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_SPACE: r"\s",
}


ORIGINALS: dict[re.Pattern[str], re.Pattern[str]] = {}  # each quick pattern's original (for the tests)


class _Any(Exception):
    """The pattern may start with (almost) any character."""


def quick(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a lookahead for the characters its matches start with, when that is known."""
    if pattern.flags & (re.VERBOSE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return pattern
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if _found_by_re(list(parsed), pattern.flags):
            return pattern
        cased: set[str] = set()
        folded: set[str] = set()
        gates: set[str] = set()
        if _first(list(parsed), pattern.flags, _Into(cased, folded, gates, pattern.flags)):
            return pattern  # may match the empty string: anywhere
    except (_Any, re.error, RecursionError):
        return pattern
    parts = []
    if cased:
        parts.append("[" + "".join(sorted(cased)) + "]")
    if folded:
        parts.append("(?i:[" + "".join(sorted(folded)) + "])")
    parts += sorted(gates)
    if not parts:
        return pattern
    source = pattern.pattern
    while m := _GLOBAL_FLAGS.match(source):  # global flags stay first; the compile flags keep them
        source = source[m.end() :]
    quicker = re.compile(f"(?={'|'.join(parts)})(?:{source})", pattern.flags)
    ORIGINALS[quicker] = pattern
    return quicker


def quicken(modules: Iterable[ModuleType]) -> None:
    """Put :func:`quick` in place of every compiled pattern these modules hold at their top level."""
    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                setattr(module, name, quick(value))


def _found_by_re(items: list[Any], flags: int) -> bool:
    """Whether ``re`` looks for the pattern's first character itself (a character or a class as
    written, or a choice of such characters, first)."""
    while items and items[0][0] is C.SUBPATTERN and not items[0][1][1] & re.IGNORECASE:
        items = list(items[0][1][3])
    if not items or flags & re.IGNORECASE:
        return False
    op, av = items[0]
    if op in (C.LITERAL, C.IN):
        return True
    return op is C.BRANCH and all(branch and next(iter(branch))[0] is C.LITERAL for branch in av[1])


class _Into:
    """Where the first characters go: as written, case-folded, or the zero-width conditions."""

    def __init__(self, cased: set[str], folded: set[str], gates: set[str], flags: int) -> None:
        self.cased, self.folded, self.gates, self.flags = cased, folded, gates, flags


def _first(items: list[Any], flags: int, to: _Into) -> bool:
    """Add the characters a sequence's match may start with; whether it may match the empty string."""
    if items:
        op, av = items[0]
        gates = _gates(op, av, flags)
        if gates is not None:  # "(?:^|(?<=\.))...": the match starts where one of these holds
            to.gates |= gates
            return False
    return all(_first_item(op, av, flags, to) for op, av in items)


def _gates(op: Any, av: Any, flags: int) -> set[str] | None:
    """The conditions a zero-width item sets on the start (the start of the text or of a line, a
    character before), as regular expressions valid at the top of the pattern; None for another item."""
    if op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
        if av is C.AT_BEGINNING_STRING or not flags & re.MULTILINE:
            return {r"\A"}
        return {"(?m:^)"}
    if op is C.ASSERT and av[0] == -1 and len(av[1]) == 1 and av[1][0][0] is C.LITERAL:
        char = _char(av[1][0][1])
        return {f"(?<=(?i:{char}))" if flags & re.IGNORECASE else f"(?<={char})"}
    if op is C.SUBPATTERN and av[0] is None and not av[1] and not av[2] and len(av[3]) == 1:
        op, av = next(iter(av[3]))
        return _gates(op, av, flags)
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            items = list(branch)
            one = _gates(items[0][0], items[0][1], flags) if len(items) == 1 else None
            if one is None:
                return None
            out |= one
        return out
    return None


def _first_item(op: Any, av: Any, flags: int, to: _Into) -> bool:
    """Add one item's first characters; whether it may match the empty string."""
    into = to.folded if flags & re.IGNORECASE else to.cased
    if op is C.LITERAL:
        into.add(_char(av))
        return False
    if op is C.IN:
        for kind, value in av:
            if kind is C.LITERAL:
                into.add(_char(value))
            elif kind is C.RANGE:
                into.add(f"{_char(value[0])}-{_char(value[1])}")
            elif kind is C.CATEGORY and value in _CATEGORIES:
                into.add(_CATEGORIES[value])
            else:
                raise _Any
        return False
    if op is C.BRANCH:
        empty = False
        for branch in av[1]:
            empty |= _first(list(branch), flags, to)
        return empty
    if op is C.SUBPATTERN:
        _group, add, remove, sub = av
        return _first(list(sub), (flags | add) & ~remove, to)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high == 0:
            return True
        return _first(list(sub), flags, to) or low == 0
    if op is C.ATOMIC_GROUP:
        return _first(list(av), flags, to)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return True  # takes no character: what follows starts the match
    raise _Any


def _char(code: int) -> str:
    return re.escape(chr(code))
