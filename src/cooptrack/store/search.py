"""Full-text search over the stored items, with facets (partner, theme, year, kind of item, kind of meeting).

Only :func:`_text_match` depends on the database: SQLite uses its FTS5 index (``search_fts``,
made by ``core_0001``, porter stemming, ranked by bm25); PostgreSQL its own text search (the
``search_vector`` column and GIN index of ``core_0003``, ranked by ``ts_rank``); a database
without either falls back to LIKE. FTS5 and PostgreSQL give the same hits and the same snippets
(sixteen words around the matches, ``…`` where cut: :mod:`.snippets` cuts PostgreSQL's as FTS5
does); LIKE, a window of characters around the first match. The
user's words never reach a query language as syntax: each term becomes a quoted FTS5 string,
or goes through ``phraseto_tsquery`` (a prefix, through one quoted ``to_tsquery`` lexeme), always
as a bound parameter. Everything else is portable SQL.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, column, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from cooptrack.store import grams, snippets
from cooptrack.store.models import DocumentVersion, ItemKind, Meeting, SearchEntry, Source
from cooptrack.vocab import MeetingKind, Theme

# Around the matched words of a snippet as the database returns it; Hit.highlights replaces them.
_OPEN, _CLOSE = "\x02", "\x03"
_SNIPPET_WORDS = snippets.WORDS
_LIKE_CONTEXT = 90  # characters shown on each side of the first match without FTS
_TS_CONFIG = "cooptrack_english"  # made by migration core_0003
_TS_MARKS = f"StartSel={_OPEN}, StopSel={_CLOSE}, HighlightAll=true"  # the whole column, its matches marked
# A word of a query in an item holding Chinese: its start after anything but a letter or digit
# (a Chinese character is no letter here: "與CEPA相關"), and the rest of the word (a stem's ending).
_WORD_START = f"(?<![^\\W_{grams.HAN_CHARS}])"
_WORD_REST = f"[^\\W_{grams.HAN_CHARS}]*"


@dataclass(frozen=True)
class SearchQuery:
    """What to look for: words (``"quoted phrases"`` kept together, ``word*`` for a prefix) and facets."""

    text: str
    partner: str | None = None
    theme: Theme | None = None
    year: int | None = None
    kind: ItemKind | None = None
    meeting_kind: MeetingKind | None = None  # plenary, high-level meeting cum plenary, working meeting ...
    limit: int = 20


@dataclass(frozen=True)
class Hit:
    """One found item; ``highlights`` are the matched ranges of ``snippet``."""

    kind: str
    text: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    meeting: str
    meeting_id: int
    partner: str | None
    year: int | None
    meeting_kind: str | None
    themes: tuple[str, ...]
    span: tuple[int, int] | None
    source: str  # the report it came from: the meeting's primary one, or another in its own language
    position: int = 0  # the item's number among its kind in that report's record


def terms(text: str) -> list[tuple[str, bool]]:
    """The query's terms: each phrase or word, and whether it is a prefix (``arbitrat*``)."""
    found = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        term = (phrase or word).replace('"', "")
        prefix = bool(word) and term.endswith("*")
        term = term.rstrip("*").strip()
        if re.search(r"\w", term):
            found.append((term, prefix))
    return found


def run_search(session: Session, query: SearchQuery, *, full_text: bool) -> list[Hit]:
    """The hits of ``query``, best first (FTS rank; otherwise the latest meetings first)."""
    words = terms(query.text)
    if not words or "\x00" in query.text + (query.partner or ""):  # nothing stored holds a NUL (nor can, on PostgreSQL)
        return []
    match = _text_match(words, full_text=full_text, dialect=session.get_bind().dialect.name)
    stmt = (
        select(SearchEntry, Meeting.slug, Meeting.partner, Meeting.year, Meeting.kind, Source.uri, *match.snippets)
        .join(Meeting, SearchEntry.meeting_id == Meeting.id)
        .join(DocumentVersion, SearchEntry.document_id == DocumentVersion.id)
        .join(Source, DocumentVersion.source_id == Source.id)
    )
    stmt = _facets(match.joined(stmt).where(match.condition), query)
    stmt = stmt.order_by(*match.order, Meeting.date.desc().nulls_last(), Meeting.id, SearchEntry.id)
    hits = []
    for entry, slug, partner, year, meeting_kind, uri, *columns in session.execute(stmt.limit(max(query.limit, 0))):
        plain, highlights = _split_marks(match.finish(entry, words, columns))
        hits.append(
            Hit(
                kind=entry.kind, text=entry.text, snippet=plain, highlights=highlights, meeting=slug,
                meeting_id=entry.meeting_id, partner=partner, year=year, meeting_kind=meeting_kind,
                themes=tuple(entry.themes.split()),
                span=entry.span, source=uri, position=entry.position,
            )
        )  # fmt: skip
    return hits


def _facets(stmt: Select[Any], query: SearchQuery) -> Select[Any]:
    if query.partner:
        stmt = stmt.where(func.lower(Meeting.partner) == query.partner.strip().lower())
    if query.theme:
        stmt = stmt.where(SearchEntry.themes.like(f"% {_like_escape(query.theme.value)} %", escape="\\"))
    if query.year is not None:
        stmt = stmt.where(Meeting.year == query.year)
    if query.kind:
        stmt = stmt.where(SearchEntry.kind == query.kind.value)
    if query.meeting_kind:
        stmt = stmt.where(Meeting.kind == query.meeting_kind.value)
    return stmt


Finish = Callable[[SearchEntry, list[tuple[str, bool]], list[Any]], str]


@dataclass(frozen=True)
class _Match:
    """How one database finds the terms: a condition, what to join, an order, and the snippet:
    the columns the database gives for it, and how they become the snippet (matches marked)."""

    condition: ColumnElement[bool]
    snippets: tuple[ColumnElement[Any], ...]
    finish: Finish
    order: tuple[ColumnElement[Any], ...] = ()
    join: tuple[Any, ColumnElement[bool]] | None = None

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return stmt if self.join is None else stmt.join(*self.join)


def _text_match(words: list[tuple[str, bool]], *, full_text: bool, dialect: str) -> _Match:
    """The only dialect-specific part of search."""
    if full_text and dialect == "postgresql":
        return _postgres_match(words)
    if full_text:
        return _fts5_match(words)
    conditions: list[ColumnElement[bool]] = []
    for term, prefix in words:
        if grams.has_chinese(term):  # the folded bigrams hold it in either script
            pattern = f"%{_like_escape(grams.gram_string(grams.query_tokens(term, prefix=prefix)))}%"
            conditions.append(SearchEntry.grams.like(pattern, escape="\\"))
            continue
        pattern = f"%{_like_escape(term)}%"
        conditions.append(
            or_(SearchEntry.text.ilike(pattern, escape="\\"), SearchEntry.extra.ilike(pattern, escape="\\"))
        )
    return _Match(
        condition=and_(*conditions),
        snippets=(),
        finish=_chinese_or(lambda entry, words, _: _like_snippet(entry, words)),
    )


def _fts5_match(words: list[tuple[str, bool]]) -> _Match:
    """SQLite FTS5: a word or phrase in any column; Chinese, a phrase of bigrams in ``grams``."""
    fts = table("search_fts", column("rowid"), column("rank"))
    name: ColumnElement[Any] = literal_column("search_fts")
    parts = []
    for term, prefix in words:
        if grams.has_chinese(term):
            tokens = grams.query_tokens(term, prefix=prefix)
            star = "*" if tokens[-1].prefix else ""
            parts.append('grams : "' + " ".join(t.text.replace('"', '""') for t in tokens) + '"' + star)
        else:
            parts.append('"' + term.replace('"', '""') + '"' + ("*" if prefix else ""))
    return _Match(
        condition=name.op("MATCH")(" ".join(parts)),
        snippets=(func.snippet(name, -1, _OPEN, _CLOSE, "…", _SNIPPET_WORDS),),
        finish=_chinese_or(lambda _entry, _words, columns: str(columns[0])),
        order=(fts.c.rank,),
        join=(fts, fts.c.rowid == SearchEntry.id),
    )


def _postgres_match(words: list[tuple[str, bool]]) -> _Match:
    """PostgreSQL: every term (a word, a phrase, a prefix) must match ``search_vector``."""
    config: ColumnElement[Any] = literal_column(f"'{_TS_CONFIG}'::regconfig")
    parts: list[ColumnElement[Any]] = []
    for term, prefix in words:
        if grams.has_chinese(term):  # a phrase of quoted bigrams, the last perhaps a prefix
            tokens = grams.query_tokens(term, prefix=prefix)
            parts.append(func.to_tsquery(config, " <-> ".join(_lexeme(t.text, t.prefix) for t in tokens)))
        elif prefix:  # one quoted lexeme: whatever the user typed is text, never tsquery syntax
            parts.append(func.to_tsquery(config, _lexeme(term, True)))
        else:
            parts.append(func.phraseto_tsquery(config, term))
    query = functools.reduce(_both, parts)
    vector: ColumnElement[Any] = literal_column("search_entry.search_vector")
    return _Match(
        condition=vector.op("@@")(query),
        snippets=tuple(func.ts_headline(config, c, query, _TS_MARKS) for c in (SearchEntry.text, SearchEntry.extra)),
        finish=_chinese_or(_cut),
        order=(func.ts_rank(vector, query).desc(),),
    )


def _lexeme(text: str, prefix: bool) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


def _both(left: ColumnElement[Any], right: ColumnElement[Any]) -> ColumnElement[Any]:
    return left.op("&&")(right)


def _cut(_entry: SearchEntry, words: list[tuple[str, bool]], columns: list[Any]) -> str:
    """The snippet from PostgreSQL's marked columns, cut as FTS5 cuts one."""
    sizes = [n for n in (len(re.findall(r"[^\W_]+", term)) for term, _ in words) if n > 1]
    return snippets.cut([str(c or "") for c in columns], sizes, _OPEN, _CLOSE)


def _chinese_or(finish: Finish) -> Finish:
    """The database's snippet, except for an item holding Chinese: that one is marked here, the same
    on every database (neither FTS5's snippet nor ``ts_headline`` knows the bigrams matched)."""

    def chosen(entry: SearchEntry, words: list[tuple[str, bool]], columns: list[Any]) -> str:
        return _chinese_snippet(entry, words) if entry.grams else finish(entry, words, columns)

    return chosen


def _chinese_snippet(entry: SearchEntry, words: list[tuple[str, bool]]) -> str:
    """A window of :data:`snippets.WORDS_ZH` tokens (a Chinese character is one) around the matches:
    a Chinese term where its folded form is in the folded text, in either script; a word, by its start."""
    columns = []
    for text in (entry.text, entry.extra):
        found: list[tuple[int, int]] = []
        for term, _prefix in words:
            if grams.has_chinese(term):
                found += grams.find(text, term)
            else:
                pattern = _WORD_START + r"[\W_]+".join(map(re.escape, re.findall(r"[^\W_]+", term))) + _WORD_REST
                found += [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
        columns.append(_marked(text, found))
    sizes = [len(snippets.tokens(term)) for term, _ in words]
    cut = snippets.cut(columns, [n for n in sizes if n > 1], _OPEN, _CLOSE, snippets.WORDS_ZH)
    return cut or snippets.cut([f"{_OPEN}{_CLOSE}{entry.text}"], [], _OPEN, _CLOSE, snippets.WORDS_ZH)


def _marked(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text with the ranges (merged where they overlap) between the snippet marks."""
    out, at = [], 0
    for start, end in sorted(ranges):
        if end <= at:
            continue
        start = max(start, at)
        out += [text[at:start], _OPEN, text[start:end], _CLOSE]
        at = end
    out.append(text[at:])
    return "".join(out)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_snippet(entry: SearchEntry, words: list[tuple[str, bool]]) -> str:
    """A window of the item's text around the first match, matches marked (the LIKE fallback)."""
    pattern = re.compile("|".join(re.escape(term) for term, _ in words), re.IGNORECASE)
    text = entry.text if pattern.search(entry.text) else entry.extra
    first = pattern.search(text)
    start = max(0, first.start() - _LIKE_CONTEXT) if first else 0
    end = min(len(text), (first.end() if first else 0) + _LIKE_CONTEXT)
    window = pattern.sub(lambda m: f"{_OPEN}{m.group()}{_CLOSE}", text[start:end])
    return ("…" if start else "") + window + ("…" if end < len(text) else "")


def _split_marks(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet without its markers, and where the marked ranges are in it."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    size = 0
    for i, part in enumerate(re.split(f"[{_OPEN}{_CLOSE}]", snippet)):
        if i % 2:
            ranges.append((size, size + len(part)))
        plain.append(part)
        size += len(part)
    return "".join(plain), tuple(ranges)
