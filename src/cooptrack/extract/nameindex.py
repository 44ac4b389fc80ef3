"""An index of the people a release has named so far, for reading that stays linear.

Finding whom a mention refers to ("Mr Chan" after "Mr Chan Kwok-ki"), or which of the people
named before appear in a clause, used to read every person named before, once per mention or
clause: quadratic in a page naming many people. The index answers the same questions from the
mention's own name key and words, or by walking the clause once through a trie of the names.

People are only ever appended to the lists the extractor keeps, so an index follows its list as
it grows (:func:`index_of`), and is built again if the list was changed in any other way.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

Trie = dict[str, "Trie"]
_PREFIX = 64  # name keys are indexed by their prefixes up to this length (longer ones by bucket)
_END = ""  # the trie key marking that a name ends at a node


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def surname(self) -> str: ...


class NameIndex:
    """Names of a list of people, by key, key prefix, word, surname and as a trie."""

    def __init__(self, key: Callable[[str], str]) -> None:
        self._key = key
        self.size = 0
        self.last: object = None  # the last person indexed, to notice a list changed otherwise
        self._by_key: dict[str, int] = {}
        self._key_lengths: set[int] = set()
        self._by_prefix: dict[str, int] = {}
        self._long: dict[str, list[tuple[str, int]]] = {}
        self._by_word: dict[str, list[int]] = {}
        self._by_surname: dict[str, list[int]] = {}
        self._by_name: dict[str, list[int]] = {}
        self._trie: Trie = {}

    def add(self, person: Named) -> None:
        i, name = self.size, person.name
        key = self._key(name)
        self._by_key.setdefault(key, i)
        self._key_lengths.add(len(key))
        for j in range(1, min(len(key), _PREFIX) + 1):
            self._by_prefix.setdefault(key[:j], i)
        if len(key) > _PREFIX:
            self._long.setdefault(key[:_PREFIX], []).append((key, i))
        for word in {*name.split(), person.surname}:
            self._by_word.setdefault(word, []).append(i)
        self._by_surname.setdefault(person.surname, []).append(i)
        if name not in self._by_name:
            node = self._trie
            for char in name:
                node = node.setdefault(char, {})
            node[_END] = {}
        self._by_name.setdefault(name, []).append(i)
        self.size, self.last = i + 1, person

    def first(self, key: str, *, prefixes: bool) -> int | None:
        """The first person whose key is ``key``, or (``prefixes``) starts with it or begins it."""
        found = [self._by_key.get(key)]
        if prefixes:
            if len(key) <= _PREFIX:
                found.append(self._by_prefix.get(key))
            else:
                found += [i for k, i in self._long.get(key[:_PREFIX], []) if k.startswith(key)]
            found += [self._by_key.get(key[:n]) for n in self._key_lengths if n < len(key)]
        return min((i for i in found if i is not None), default=None)

    def with_word(self, word: str) -> list[int]:
        """The people whose name holds ``word``, or whose surname it is, in order."""
        return self._by_word.get(word, [])

    def with_surname(self, surname: str) -> list[int]:
        return self._by_surname.get(surname, [])

    def named_in(self, text: str) -> list[int]:
        """The people whose name appears in ``text`` as whole words (as ``\\bname\\b`` would find
        it), in order: the text is walked once through the trie of names."""
        names: set[str] = set()
        word = [False, *(_is_word(c) for c in text), False]  # word[k + 1]: text[k] is a word character
        for start in range(len(text)):
            if word[start] == word[start + 1]:
                continue  # no word boundary before text[start]
            node: Trie | None = self._trie
            for end in range(start, len(text)):
                node = node.get(text[end]) if node is not None else None
                if node is None:
                    break
                if _END in node and word[end + 1] != word[end + 2]:
                    names.add(text[start : end + 1])
        return sorted(i for name in names for i in self._by_name[name])


# Where a post may start: after "the", or after its owner ("Guangdong's executive vice governor").
_THE = re.compile(r"(?i)\bthe\s+|\b[a-z]+['\u2019]s\s+")


def posts_after_the(texts: Iterable[str], posts: Iterable[str]) -> set[str]:
    """The posts written as "the <post>" or "<owner>'s <post>" (in any case, ending on a word
    boundary) in any of the texts, as ``re.search(rf"(?i)\\bthe\\s+{re.escape(post)}\\b", text)``
    finds them: each text is walked once through a trie of the posts (case folded character by
    character), instead of searched once for each post of each person named."""
    trie: Trie = {}
    for post in set(posts):
        node = trie
        for char in post:
            node = node.setdefault(char.lower(), {})
        node.setdefault(_END, {})[post] = {}
    found: set[str] = set()
    for text in texts:
        for the in _THE.finditer(text):
            at: Trie | None = trie
            for end in range(the.end(), len(text)):
                at = at.get(text[end].lower()) if at is not None else None
                if at is None:
                    break
                if _END in at and _boundary(text, end + 1):
                    found.update(at[_END])
    return found


def _boundary(text: str, at: int) -> bool:
    """Whether ``\\b`` holds before ``text[at]``."""
    return (at > 0 and _is_word(text[at - 1])) != (at < len(text) and _is_word(text[at]))


def _is_word(char: str) -> bool:
    """What the regular expressions' ``\\w`` matches (Unicode letters and digits, underscore)."""
    return char.isalnum() or char == "_"


_INDEXES: dict[int, tuple[Sequence[Named], NameIndex]] = {}
_KEPT = 8  # lists followed at once (a release's roster, its caption names, an agreement's people)
_LOCK = threading.Lock()


def index_of(people: Sequence[Named], key: Callable[[str], str]) -> NameIndex:
    """The index of a list of people, brought up to date with the people appended since."""
    with _LOCK:
        held = _INDEXES.get(id(people))
        index = held[1] if held is not None and held[0] is people else None
        if index is None or len(people) < index.size or (index.size and people[index.size - 1] is not index.last):
            index = NameIndex(key)
            if len(_INDEXES) >= _KEPT:
                del _INDEXES[next(iter(_INDEXES))]
            _INDEXES[id(people)] = (people, index)
        for person in people[index.size :]:
            index.add(person)
        return index
