"""Snippets cut the way SQLite's FTS5 ``snippet()`` cuts them, from columns whose matches are marked.

On SQLite, FTS5 makes the snippet. On PostgreSQL, ``ts_headline(..., 'HighlightAll=true')``
marks the matched words of each column (PostgreSQL's stemming decides what matches), and
:func:`cut` chooses the window as FTS5 does, so that both databases show the same snippet:

- a window of :data:`WORDS` tokens (runs of letters and digits), in the column with the best one;
- a window scores 1000 for each different match in it and 1 for each repeat; it is first put
  at each match, then centred on the matches it holds (kept inside the column), and a window
  starting at a sentence (after ``.`` or ``:``) gets 100 more, at the start of the column 120;
- ``…`` where the column was cut; what comes before the first token or after the last one is kept
  when the window reaches that end;
- the words of a quoted phrase are marked as one range, as FTS5 marks a phrase.

Which match is "different" is told apart by its words (casefolded), where FTS5 knows the query
term: ``firm`` and ``firms`` count twice here and once there, the only way the two can differ.

Chinese (an item holding Chinese is marked by :mod:`.search` itself, on both databases): each
Chinese character is a token, a window holds :data:`WORDS_ZH` of them, and a sentence also starts
after ``。``, ``：``, ``；``, ``！`` or ``？``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

WORDS = 16
WORDS_ZH = 40  # tokens of a window where each Chinese character is one
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"[{_HAN}]|[^\\W_{_HAN}]+")
_FULL_STOPS = frozenset("。：；！？")


def tokens(text: str) -> list[str]:
    """The tokens a window counts: words, and each Chinese character alone."""
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class _Column:
    text: str  # without marks
    tokens: list[tuple[int, int]]  # character ranges of the tokens
    matches: list[tuple[int, int, str]]  # first token, number of tokens, what it says (casefolded)
    sentences: list[int]  # the tokens that start a sentence


def cut(
    columns: Sequence[str], phrase_sizes: Sequence[int], open_mark: str, close_mark: str, words: int = WORDS
) -> str:
    """The snippet, its matches between ``open_mark`` and ``close_mark``; each column marked likewise."""
    parsed = [_parse(c, sorted(set(phrase_sizes), reverse=True), open_mark, close_mark) for c in columns]
    best = (-1, -1, 0)  # score, column, first token
    for index, column in enumerate(parsed):
        for first, _size, _text in column.matches:
            score, start = _score(column, first, words, centre=True)
            if score > best[0]:
                best = (score, index, start)
            sentence = max((s for s in column.sentences if s <= first), default=0)
            if len(column.tokens) > words and sentence < first:
                score, _ = _score(column, sentence, words, centre=False)
                score += 120 if sentence == 0 else 100
                if score > best[0]:
                    best = (score, index, sentence)
    if best[1] < 0:
        return ""
    return _render(parsed[best[1]], best[2], open_mark, close_mark, words)


def _parse(marked: str, sizes: list[int], open_mark: str, close_mark: str) -> _Column:
    parts = re.split(f"([{re.escape(open_mark)}{re.escape(close_mark)}])", marked)
    text, ranges, inside = "", [], False
    for part in parts:
        if part in (open_mark, close_mark):
            inside = part == open_mark
            continue
        if inside:
            ranges.append((len(text), len(text) + len(part)))
        text += part
    tokens = [m.span() for m in _TOKEN.finditer(text)]
    hit = [any(a < end and start < b for a, b in ranges) for start, end in tokens]
    matches: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        if not hit[i]:
            i += 1
            continue
        size = next((n for n in sizes if i + n <= len(tokens) and all(hit[i : i + n])), 1)
        words = " ".join(text[a:b] for a, b in tokens[i : i + size])
        matches.append((i, size, words.casefold()))
        i += size
    sentences = [0] + [i for i in range(1, len(tokens)) if _starts_sentence(text, tokens[i][0])]
    return _Column(text, tokens, matches, sentences)


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset]
    stripped = before.rstrip(" \t\r\n")
    return (len(stripped) < len(before) and stripped[-1:] in (".", ":")) or stripped[-1:] in _FULL_STOPS


def _score(column: _Column, start: int, window: int, *, centre: bool) -> tuple[int, int]:
    """The score of the window starting at ``start``, and where it goes when centred."""
    seen: set[str] = set()
    score, first, last = 0, -1, 0
    for token, size, words in column.matches:
        if start <= token < start + window:
            score += 1 if words in seen else 1000
            seen.add(words)
            first = token if first < 0 else first
            last = token + size
    if not centre:
        return score, start
    moved = first - (window - (last - first)) // 2
    return score, max(0, min(moved, len(column.tokens) - window))


def _render(column: _Column, start: int, open_mark: str, close_mark: str, window: int) -> str:
    tokens, text = column.tokens, column.text
    end = min(start + window, len(tokens)) - 1
    begin = tokens[start][0] if start > 0 else 0
    stop = tokens[end][1] if end < len(tokens) - 1 else len(text)
    out, at = [], begin
    for token, size, _words in column.matches:
        last = min(token + size - 1, end)
        if token < start or token > end:
            continue
        a, b = tokens[token][0], tokens[last][1]
        out += [text[at:a], open_mark, text[a:b], close_mark]
        at = b
    out.append(text[at:stop])
    return ("…" if begin > 0 else "") + "".join(out) + ("…" if stop < len(text) else "")
