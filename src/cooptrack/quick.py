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

``re`` is also told those characters, every case spelt out (an ASCII letter's other case; for i,
k and s, the four letters beyond ASCII they match when case is ignored, :data:`_CASES`), as it
tells itself for a pattern that starts with a class (:func:`_compiled`): its search then skips to
the next of them in one tight loop instead of trying the lookahead at every position. A match that
must start the text is tried there only (``\A`` in front, which ``re`` reads so).

An alternation of plain words ("first|second|...|twentieth", a list of places) is compiled as the
tree of their common beginnings (:class:`_Trees`), so that ``re`` reads the letters words share
once instead of entering every word that starts like the text; and a pattern that needs no
lookahead gets its trees all the same. A run of assertions side by side (``(?<!\bbe\s)(?<!-)\b``) is
asked with its word boundaries first, and what every alternative of a choice then starts with
is asked once before the choice, as ``re`` does with what they start with as written: a position
inside a word fails at once instead of trying each lookbehind, then each alternative.

:func:`quicken` puts the quick form of every pattern a module holds at its top level (or in a
list, tuple or dict there) in its place (the extractor's and the cleaner's modules do it when
imported).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
from collections.abc import Iterable
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any

_GLOBAL_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_SPACE: r"\s",
}
# The characters other than itself that an ASCII letter matches when case is ignored: its other
# case, and these four beyond ASCII (tests/test_quick.py reads every character for others).
_BEYOND_ASCII = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_CASES = {
    c: tuple(ord(x) for x in c.swapcase() + _BEYOND_ASCII.get(c.lower(), ""))
    for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
}

_BOUNDARIES = (C.AT_BOUNDARY, C.AT_NON_BOUNDARY)
ORIGINALS: dict[re.Pattern[str], re.Pattern[str]] = {}  # each quick pattern's original (for the tests)


class _Any(Exception):
    """The pattern may start with (almost) any character."""


def quick(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a lookahead for the characters its matches start with, when that is known,
    and its alternations of words as trees; ``pattern`` itself when neither applies."""
    if pattern.flags & re.LOCALE or not isinstance(pattern.pattern, str):
        return pattern
    try:
        into = _starts(pattern)
        if into is None or not (into.cased or into.folded or into.gates):
            quicker = _compiled(pattern.pattern, pattern.flags, None, same_source=True)
        else:
            quicker = _compiled(_with_lookahead(pattern, into), pattern.flags, into.hint())
    except (re.error, RecursionError, RuntimeError):
        return pattern
    if quicker is None:
        return pattern
    ORIGINALS[quicker] = pattern
    return quicker


def _starts(pattern: re.Pattern[str]) -> _Into | None:
    """Where the pattern's matches start; None when ``re`` finds it itself, or it may start
    anywhere (or match the empty string)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if _found_by_re(list(parsed), pattern.flags):
        return None
    into = _Into()
    try:
        if _first(list(parsed), pattern.flags, into):
            return None  # may match the empty string: anywhere
    except _Any:
        return None
    return into


def may_start_anywhere(pattern: re.Pattern[str]) -> bool:
    """Whether a match of ``pattern`` may start with (almost) any character, or take none: tried at a
    text's start, it may read on before it fails (``(?:[^|]{1,60}?\\s?\\|)?all rights reserved``)."""
    try:
        return _first(list(_parser.parse(pattern.pattern, pattern.flags)), pattern.flags, _Into())
    except _Any:
        return True
    except (re.error, RecursionError):
        return True


def _with_lookahead(pattern: re.Pattern[str], into: _Into) -> str:
    parts = []
    if into.cased:
        parts.append("[" + "".join(sorted(into.cased)) + "]")
    if into.folded:
        parts.append("(?i:[" + "".join(sorted(into.folded)) + "])")
    source = pattern.pattern
    while m := _GLOBAL_FLAGS.match(source):  # global flags stay first; the compile flags keep them
        source = source[m.end() :]
    if pattern.flags & re.VERBOSE:
        source += "\n"  # a comment on the last line ends before the group does
    if into.gates == {r"\A"} and not parts:  # every match starts the text: re tries nowhere else
        return rf"\A(?:{source})"
    return f"(?={'|'.join(parts + sorted(into.gates))})(?:{source})"


def _compiled(
    source: str, flags: int, hint: list[tuple[Any, Any]] | None, *, same_source: bool = False
) -> re.Pattern[str] | None:
    """``re.compile(source, flags)``, its alternations of words as trees (:class:`_Trees`), and told
    the characters its matches start with (``hint``, every case spelt out) when ``re`` finds no
    prefix of its own: the charset of ``re``'s information block, which its search reads to skip
    to the next such character in one tight loop. None when the source is the pattern's own and
    neither changes anything (``re`` would compile it as it is)."""
    parsed = _parser.parse(source, flags)
    trees = _Trees(parsed.state)
    tree = _parser.SubPattern(parsed.state, trees.items(list(parsed), parsed.state.flags | flags))
    code = _compiler._code(tree, flags)
    # re found no prefix of its own, and every match takes a character (re's search skips the
    # characters outside the hint without the care it takes not to find an empty match twice)
    if hint is not None and code[0] is C.INFO and not code[2] and code[3] >= 1:
        info = [C.INFO, 0, C.SRE_INFO_CHARSET, code[3], code[4]]  # the widths re worked out
        _compiler._compile_charset(_compiler._optimize_charset(hint)[0], flags | parsed.state.flags, info)
        info[1] = len(info) - 1
        code = info + code[1 + code[1] :]
    elif not trees.made and not trees.boundaries_first:
        return None if same_source else re.compile(source, flags)
    names = parsed.state.groupdict
    by_index = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    compiled: re.Pattern[str] = _sre.compile(
        source, flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(by_index)
    )
    return compiled


class _Trees:
    """A parsed pattern with each alternation of plain words written as the tree of their common
    beginnings ("seventeenth|seventh|second" as "se(?:vent(?:eenth|h)|cond)"): ``re`` tries the
    alternatives of a choice one by one, and enters every word that starts with the same letters
    as the text only to fail further on; in a tree it reads those letters once.

    The matches are the same, in the same order of preference: at a position, the words that
    match are each a beginning of the next, and the tree tries the longer first, so it is made
    only when the alternation does too (a word that begins another comes after it)."""

    _REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)

    def __init__(self, state: Any) -> None:
        self.state = state
        self.made = 0
        self.boundaries_first = 0  # runs of assertions whose word boundary was put first

    def items(self, items: list[Any], flags: int) -> list[Any]:
        return self._boundary_first(self._items(items, flags))

    def _boundary_first(self, items: list[Any]) -> list[Any]:
        """Each run of assertions with its word boundaries first: ``(?<!\\bbe\\s)(?<!-)\\bheld`` as
        ``\\b(?<!\\bbe\\s)(?<!-)held``. Assertions take no character and are all asked at the same
        position (a lookaround is atomic: none is tried again), so their order changes no match; a
        word boundary, two characters read, fails at most positions where the lookbehinds before it
        would each have been tried first."""
        out: list[Any] = []
        run: list[Any] = []
        for item in [*items, None]:
            if item is not None and (
                item[0] in (C.ASSERT, C.ASSERT_NOT) or (item[0] is C.AT and item[1] in _BOUNDARIES)
            ):
                run.append(item)
                continue
            ordered = [i for i in run if i[0] is C.AT] + [i for i in run if i[0] is not C.AT]
            if ordered != run:
                self.boundaries_first += 1
            out += ordered
            run = []
            if item is not None:
                out.append(item)
        return out

    def _items(self, items: list[Any], flags: int) -> list[Any]:
        out: list[Any] = []
        for op, av in items:
            if op is C.BRANCH:
                out += self._branch([self.items(list(b), flags) for b in av[1]], flags)
            elif op is C.SUBPATTERN:
                group, add, remove, p = av
                out.append((op, (group, add, remove, self._sub(self.items(list(p), (flags | add) & ~remove)))))
            elif op in self._REPEATS:
                out.append((op, (av[0], av[1], self._sub(self.items(list(av[2]), flags)))))
            elif op is C.ATOMIC_GROUP:
                out.append((op, self._sub(self.items(list(av), flags))))
            elif op is C.ASSERT or op is C.ASSERT_NOT:
                out.append((op, (av[0], self._sub(self.items(list(av[1]), flags)))))
            elif op is C.GROUPREF_EXISTS:
                yes = self._sub(self.items(list(av[1]), flags))
                no = av[2] and self._sub(self.items(list(av[2]), flags))
                out.append((op, (av[0], yes, no)))
            else:
                out.append((op, av))
        return out

    def _branch(self, branches: list[list[Any]], flags: int) -> list[Any]:
        """An alternation, each run of three or more plain words in it as their tree; what every
        alternative starts with (a word boundary put first) asked once before it, as ``re`` does
        with what they start with as written."""
        prefix: list[Any] = []
        while len(branches) > 1 and all(branches) and all(b[0] == branches[0][0] for b in branches[1:]):
            prefix.append(branches[0][0])
            branches = [b[1:] for b in branches]
        if prefix:
            self.boundaries_first += 1
            return prefix + self._branch(branches, flags)
        alternatives: list[list[Any]] = []
        run: list[tuple[tuple[int, ...], list[Any]]] = []
        for items in [*branches, None]:
            word = _word(items, flags) if items is not None else None
            if word is not None:
                run.append((word, items))  # type: ignore[arg-type]
                continue
            if len(run) > 2 and _longer_first([w for w, _ in run]):
                self.made += 1
                alternatives.append(self._tree(run, 0))
            else:
                alternatives += [i for _, i in run]
            run = []
            if items is not None:
                alternatives.append(items)
        if len(alternatives) == 1:
            return alternatives[0]
        return [(C.BRANCH, (None, [self._sub(a) for a in alternatives]))]

    def _sub(self, items: list[Any]) -> Any:
        return _parser.SubPattern(self.state, items)

    def _tree(self, words: list[tuple[tuple[int, ...], list[Any]]], depth: int) -> list[Any]:
        """The items matching these words (keys and literal items, all alike up to ``depth``)."""
        ends = [items for key, items in words if len(key) == depth]
        children: dict[int, list[tuple[tuple[int, ...], list[Any]]]] = {}
        for key, items in words:
            if len(key) > depth:
                children.setdefault(key[depth], []).append((key, items))
        if len(children) == 1 and not ends:
            (group,) = children.values()
            return [group[0][1][depth], *self._tree(group, depth + 1)]
        branches = [self._sub([group[0][1][depth], *self._tree(group, depth + 1)]) for group in children.values()]
        if ends:
            branches.append(self._sub([]))  # the word that ends here, after those that go on
        return [(C.SUBPATTERN, (None, 0, 0, self._sub([(C.BRANCH, (None, branches))])))]


def _word(items: list[Any], flags: int) -> tuple[int, ...] | None:
    """The characters of an alternative made of plain characters only (as ``re`` compares them:
    in lower case when case is ignored); None for any other, or a character cased beyond ASCII."""
    key = []
    for op, av in items:
        if op is not C.LITERAL:
            return None
        if flags & re.IGNORECASE and _sre.unicode_iscased(av):
            if av >= 0x80:
                return None
            av = ord(chr(av).lower())
        key.append(av)
    return tuple(key) if key else None


def _longer_first(words: list[tuple[int, ...]]) -> bool:
    """Whether every word that begins another comes after it in the alternation."""
    return not any(
        later[: len(word)] == word and len(later) > len(word)
        for i, word in enumerate(words)
        for later in words[i + 1 :]
    )


def _every_case(kind: Any, value: Any) -> list[tuple[Any, Any]]:
    """A case-insensitive charset item (a character, a range, \\d or \\s) as the items of every
    character it matches: the item, and the other cases of the ASCII letters in it."""
    if kind is C.CATEGORY:
        return [(kind, value)]  # \d and \s: the same in any case
    low, high = (value, value) if kind is C.LITERAL else value
    # beyond ASCII only uncased characters, which match only themselves (tests/test_quick.py)
    if high >= 0x80 and any(_sre.unicode_iscased(c) for c in range(max(low, 0x80), high + 1)):
        raise _Any
    return [(kind, value), *((C.LITERAL, c) for c in range(low, min(high, 0x7F) + 1) for c in _CASES.get(chr(c), ()))]


def quicken(modules: Iterable[ModuleType]) -> None:
    """Put :func:`quick` in place of every compiled pattern these modules hold at their top level,
    or in the lists, tuples and dicts they hold there (a table of cues: three levels down)."""
    done: dict[int, re.Pattern[str]] = {}
    for module in modules:
        for name, value in list(vars(module).items()):
            new = _quickened(value, done, 0)
            if new is not value:
                setattr(module, name, new)


def _quickened(value: Any, done: dict[int, re.Pattern[str]], depth: int) -> Any:
    """``value`` with its patterns quick: a list or dict changed in place (another module may hold
    it), a tuple made anew; a pattern met twice has one quick form."""
    if isinstance(value, re.Pattern):
        if id(value) not in done:
            done[id(value)] = quick(value)
        return done[id(value)]
    if depth == 3:
        return value
    if type(value) is list:
        value[:] = [_quickened(x, done, depth + 1) for x in value]
    elif type(value) is dict:
        for key, x in value.items():
            value[key] = _quickened(x, done, depth + 1)
    elif type(value) is tuple:
        items = tuple(_quickened(x, done, depth + 1) for x in value)
        if any(a is not b for a, b in zip(items, value, strict=True)):
            return items
    return value


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
    """Where the first characters go: as written, case-folded, or the zero-width conditions (as
    regular expressions), and as ``re``'s charset items, with whether each ignores case."""

    def __init__(self) -> None:
        self.cased: set[str] = set()
        self.folded: set[str] = set()
        self.gates: set[str] = set()
        self.items: list[tuple[Any, Any, bool]] = []

    def add(self, kind: Any, value: Any, flags: int) -> None:
        """One charset item (a character, a range, \\d or \\s) a match may start with."""
        fold = bool(flags & re.IGNORECASE)
        if kind is C.LITERAL:
            text = _char(value)
        elif kind is C.RANGE:
            text = f"{_char(value[0])}-{_char(value[1])}"
        else:
            text = _CATEGORIES[value]
        (self.folded if fold else self.cased).add(text)
        self.items.append((kind, value, fold))

    def hint(self) -> list[tuple[Any, Any]] | None:
        """The characters a match starts with, every case spelt out; None when a match may start
        after a condition (any character may follow it) or a cased character beyond ASCII is folded."""
        if self.gates:
            return None
        out: list[tuple[Any, Any]] = []
        try:
            for kind, value, fold in self.items:
                out += _every_case(kind, value) if fold else [(kind, value)]
        except _Any:
            return None
        return out


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
    if op is C.LITERAL:
        to.add(op, av, flags)
        return False
    if op is C.IN:
        for kind, value in av:
            if kind is C.LITERAL or kind is C.RANGE or (kind is C.CATEGORY and value in _CATEGORIES):
                to.add(kind, value, flags)
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
    if op is C.ASSERT and av[0] == 1:
        return _first(list(av[1]), flags, to)  # what a lookahead reads starts the match
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return True  # takes no character: what follows starts the match
    raise _Any


def _char(code: int) -> str:
    return re.escape(chr(code))
