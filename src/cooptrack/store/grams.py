"""Chinese in the search index: folded character bigrams, the same on SQLite and PostgreSQL.

Neither FTS5's ``unicode61`` tokenizer nor PostgreSQL's parser splits Chinese into words: a run
of characters between two punctuation marks is one token, so ``广州`` would find nothing inside
``广州市``. Each searchable item holding Chinese gets a second form, ``search_entry.grams``: its
text folded as the extraction folds it (:func:`cooptrack.fold.simplified`: width,
Traditional → Simplified, injected pinyin dropped), each run of Chinese characters written as its
overlapping bigrams followed by its last character alone, other words as they are::

    "粵港澳大灣區與CEPA"  →  "粤港 港澳 澳大 大湾 湾区 区 与 cepa"

A query is folded the same way and becomes a phrase of the same tokens (:func:`query_tokens`),
so ``廣州`` and ``广州`` are one phrase ``广州``, and ``粤港澳`` the phrase ``粤港 港澳``. The last
character of a run, written alone, keeps a run's end: a one-character query is a prefix
(``港*``: every bigram that starts with it, or the character ending a run), and a phrase never
runs on from one run into the next. The measurements that chose this over FTS5's ``trigram``
tokenizer and a word segmenter (jieba) are in ``docs/performance.md`` ("Chinese search").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cooptrack.fold import fold, simplified

HAN_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"  # in a character class
HAN = re.compile(f"[{HAN_CHARS}]")
_PIECE = re.compile(f"([{HAN_CHARS}]+)|[^\\W_{HAN_CHARS}]+")


@dataclass(frozen=True)
class Token:
    """One token of a query phrase; ``prefix`` when the index's token may go on after it."""

    text: str
    prefix: bool = False


def has_chinese(text: str) -> bool:
    return HAN.search(text) is not None


def fold_text(text: str) -> str:
    """The text as the index and queries compare it: folded, lower case, as long as it was folded."""
    return _lower(simplified(text))


def _lower(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find(text: str, term: str) -> list[tuple[int, int]]:
    """Where ``term`` is in ``text`` as written, both folded (``廣州`` is found in ``广州市``)."""
    needle = fold_text(term)
    if not needle:
        return []
    folded = fold(text)
    hay = _lower(folded.text)
    out = []
    at = hay.find(needle)
    while at >= 0:
        out.append(folded.span(at, at + len(needle)))
        at = hay.find(needle, at + len(needle))
    return out


def index_text(*texts: str) -> str:
    """What ``search_entry.grams`` holds for an item's texts: empty when none holds Chinese."""
    if not any(has_chinese(t) for t in texts):
        return ""
    out: list[str] = []
    for text in texts:
        for m in _PIECE.finditer(fold_text(text)):
            run = m.group(1)
            out.extend([run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]] if run else [m.group()])
    return " ".join(out)


def query_tokens(term: str, *, prefix: bool = False) -> list[Token]:
    """The phrase that finds ``term`` in ``search_entry.grams`` (``prefix``: the user's ``word*``).

    A run of Chinese characters is its bigrams, and its last character alone when something
    follows it in the term; a run of one character at the end of the term is a prefix.
    """
    pieces = list(_PIECE.finditer(fold_text(term)))
    tokens: list[Token] = []
    for i, m in enumerate(pieces):
        last = i == len(pieces) - 1
        run = m.group(1)
        if not run:
            tokens.append(Token(m.group(), prefix=prefix and last))
        elif len(run) == 1:
            tokens.append(Token(run, prefix=last))
        else:
            final = len(run) - 2
            tokens.extend(Token(run[j : j + 2], prefix=prefix and last and j == final) for j in range(final + 1))
            if not last:
                tokens.append(Token(run[-1]))
    return tokens


def gram_string(tokens: list[Token]) -> str:
    """The tokens as they stand in ``search_entry.grams`` (for a LIKE look-up where no index is)."""
    return " ".join(t.text for t in tokens)
