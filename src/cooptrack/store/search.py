"""Full-text search over the stored items, with facets (partner, theme, year, kind).

Only :func:`_text_match` depends on the database: SQLite uses its FTS5 index (``search_fts``,
made by the migration, with stemming, ranked by bm25); any other database falls back to LIKE
for now. A PostgreSQL ``tsvector`` belongs in that one function. Everything else is portable
SQL with bound parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, column, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from cooptrack.store.models import DocumentVersion, ItemKind, Meeting, SearchEntry, Source
from cooptrack.vocab import Theme

# Around the matched words of a snippet as the database returns it; Hit.highlights replaces them.
_OPEN, _CLOSE = "\x02", "\x03"
_SNIPPET_WORDS = 16
_LIKE_CONTEXT = 90  # characters shown on each side of the first match without FTS


@dataclass(frozen=True)
class SearchQuery:
    """What to look for: words (``"quoted phrases"`` kept together, ``word*`` for a prefix) and facets."""

    text: str
    partner: str | None = None
    theme: Theme | None = None
    year: int | None = None
    kind: ItemKind | None = None
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
    themes: tuple[str, ...]
    span: tuple[int, int] | None
    source: str


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
    if not words:
        return []
    match = _text_match(words, full_text=full_text)
    stmt = (
        select(SearchEntry, Meeting.slug, Meeting.partner, Meeting.year, Source.uri, match.snippet)
        .join(Meeting, SearchEntry.meeting_id == Meeting.id)
        .join(DocumentVersion, Meeting.document_id == DocumentVersion.id)
        .join(Source, DocumentVersion.source_id == Source.id)
    )
    stmt = _facets(match.joined(stmt).where(match.condition), query)
    stmt = stmt.order_by(*match.order, Meeting.date.desc().nulls_last(), Meeting.id, SearchEntry.id)
    hits = []
    for entry, slug, partner, year, uri, snippet in session.execute(stmt.limit(max(query.limit, 0))):
        raw = snippet if snippet is not None else _like_snippet(entry, words)
        plain, highlights = _split_marks(raw)
        hits.append(
            Hit(
                kind=entry.kind, text=entry.text, snippet=plain, highlights=highlights, meeting=slug,
                meeting_id=entry.meeting_id, partner=partner, year=year, themes=tuple(entry.themes.split()),
                span=entry.span, source=uri,
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
    return stmt


@dataclass(frozen=True)
class _Match:
    """How one database finds the terms: a condition, what to join, a snippet, an order."""

    condition: ColumnElement[bool]
    snippet: ColumnElement[Any]
    order: tuple[ColumnElement[Any], ...] = ()
    join: tuple[Any, ColumnElement[bool]] | None = None

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return stmt if self.join is None else stmt.join(*self.join)


def _text_match(words: list[tuple[str, bool]], *, full_text: bool) -> _Match:
    """The only dialect-specific part of search."""
    if full_text:  # SQLite FTS5
        fts = table("search_fts", column("rowid"), column("rank"))
        name: ColumnElement[Any] = literal_column("search_fts")
        expression = " ".join('"' + term.replace('"', '""') + '"' + ("*" if prefix else "") for term, prefix in words)
        return _Match(
            condition=name.op("MATCH")(expression),
            snippet=func.snippet(name, -1, _OPEN, _CLOSE, "…", _SNIPPET_WORDS),
            order=(fts.c.rank,),
            join=(fts, fts.c.rowid == SearchEntry.id),
        )
    conditions = []
    for term, _prefix in words:
        pattern = f"%{_like_escape(term)}%"
        conditions.append(
            or_(SearchEntry.text.ilike(pattern, escape="\\"), SearchEntry.extra.ilike(pattern, escape="\\"))
        )
    return _Match(condition=and_(*conditions), snippet=literal_column("NULL"))


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
