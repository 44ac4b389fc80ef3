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
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, Text, and_, case, cast, column, func, literal_column, or_, select, table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Join

from cooptrack.store import grams, snippets
from cooptrack.store.models import DocumentVersion, ItemKind, Measure, Meeting, SearchEntry, Source
from cooptrack.vocab import MeetingKind, Theme

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])  # a select statement, whatever its columns

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
    offset: int = 0  # hits skipped (a later page)
    order: str = "date"  # "date": newest meetings first; "oldest"; "relevance": best match first (ranks every match)
    measures: MeasureFilter | None = None  # only measures of a meeting's primary report, by key (a tracking status)


@dataclass(frozen=True)
class MeasureFilter:
    """Only the measures of a meeting's primary report whose key is in ``keys`` (``among``), or
    whose key is not (``among=False``: every such measure but those)."""

    keys: frozenset[str]
    among: bool = True


@dataclass(frozen=True)
class SearchCounts:
    """How many items a query finds, and how many of them hold each value of each facet."""

    total: int
    facets: dict[str, dict[str, int]]  # partner, theme, year, meeting_kind, kind: value -> items
    primary_measures: int  # measures of a meeting's primary report among them (those a status is kept for)


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
    measure_key: str | None = None  # a measure of the meeting's primary report: its stable key


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


SCAN_FROM = 5000  # matches from which the newest are found walking the meetings from the newest
WALK_PER_HIT = 2  # PostgreSQL: meetings walked first for each hit asked for, before the matches are counted
FACETS = ("partner", "theme", "year", "meeting_kind", "kind")


def run_search(session: Session, query: SearchQuery, *, full_text: bool) -> list[Hit]:
    """The hits of ``query``: the newest meetings first, or with ``order="relevance"`` the best first
    (FTS rank; without a full-text index, the newest first too).

    Newest first never ranks every match: with few matches (up to :data:`SCAN_FROM`) they are
    sorted by date; with more, the meetings are walked from the newest (``ix_meeting_newest``) and
    the walk stops at the last hit asked for. PostgreSQL, which reads each match's row to count
    them (FTS5 counts from its index alone), first walks :data:`WALK_PER_HIT` meetings for each hit
    asked for: a page found there is found at a cost that no count of the matches comes near, and a
    frequent word's matches are never counted. Only the hits of the page are joined to their
    meeting's report and get a snippet.
    """
    match = _matcher(session, query, full_text=full_text)
    if match is None or query.limit <= 0:
        return []
    offset = max(query.offset, 0)
    if _walks_first(session, match, query):
        walk = _walk_postgres(match, query, WALK_PER_HIT * (offset + query.limit))
        ids = list(session.scalars(walk.offset(offset).limit(query.limit)))
        if len(ids) == query.limit:  # the page ends in the meetings walked: a later meeting's hits come after it
            return _hits(session, match, ids)
    ids = list(session.scalars(_page(session, match, query).offset(offset).limit(query.limit)))
    return _hits(session, match, ids) if ids else []


_MEETING_FACETS = ("partner", "year", "meeting_kind")


class MeetingFacts:
    """Each meeting's partner, year and kind (as the facets count them: text, None for none), by its
    id as text: what the matches' meeting ids, strung together, are counted by."""

    def __init__(self, meetings: Iterable[tuple[int, str | None, int | None, str | None]]) -> None:
        self.of: dict[str, dict[str, str | None]] = {name: {} for name in _MEETING_FACETS}
        for meeting, *values in meetings:
            for name, value in zip(_MEETING_FACETS, values, strict=True):
                self.of[name][str(meeting)] = None if value is None else str(value)

    def count(self, ids: list[str], facets: Iterable[str]) -> dict[str, dict[str, int]]:
        """Each facet's values over the meetings of ``ids`` (one a match), counted in C: no loop here
        over the matches. KeyError for a meeting not known."""
        counted = {name: Counter(map(self.of[name].__getitem__, ids)) for name in facets}
        return {name: {v: n for v, n in c.items() if v is not None} for name, c in counted.items()}

    def lacking(self, ids: Iterable[str]) -> set[str]:
        return set(ids) - self.of["partner"].keys()

    def with_(self, other: MeetingFacts) -> MeetingFacts:
        both = MeetingFacts(())
        both.of = {name: {**values, **other.of[name]} for name, values in self.of.items()}
        return both


def count_search(
    session: Session,
    query: SearchQuery,
    *,
    full_text: bool,
    meetings: MeetingFacts | None = None,
    facets: Collection[str] = FACETS,
) -> SearchCounts:
    """How many items ``query`` finds (facets applied), and the values of each of ``facets`` among
    them (the others may be left empty), no hit fetched.

    Given ``meetings`` (the caller's snapshot of each meeting's partner, year and kind, by id), one
    aggregate row over the matches, no ``GROUP BY`` (SQLite sorts every grouped row) and no join to
    the meetings: the count, the measures of a primary report, and the matches' meeting ids, kinds
    and themes strung together, counted here (a meeting the snapshot lacks is read). Without it,
    one ``GROUP BY`` over the matches joined to their meeting.
    """
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    match = _matcher(session, query, full_text=full_text)
    if match is None:
        return SearchCounts(0, counts, 0)
    primary = and_(SearchEntry.kind == ItemKind.MEASURE.value, SearchEntry.item_id != 0)
    if meetings is None:
        return _grouped_counts(session, match, query, primary)
    of_meeting = [name for name in _MEETING_FACETS if name in facets]
    strung = {
        "meeting": func.aggregate_strings(cast(SearchEntry.meeting_id, Text), ",") if of_meeting else None,
        "kind": func.aggregate_strings(SearchEntry.kind, ",") if "kind" in facets else None,
        "theme": func.aggregate_strings(func.nullif(SearchEntry.themes, ""), "") if "theme" in facets else None,
    }  # each theme string " a b ": a space between two of them
    columns = [func.count(), func.coalesce(func.sum(case((primary, 1), else_=0)), 0)]
    columns += [c for c in strung.values() if c is not None]
    if query.partner or query.year is not None or query.meeting_kind:
        stmt = _facets(_counted(select(*columns), match, query), query)
    else:  # no facet of the meeting: no join to it (each entry has its meeting, a foreign key)
        stmt = _entry_facets(select(*columns).select_from(SearchEntry).where(match.entries), query)
    total, measures, *values = session.connection().execute(stmt).one()
    if not total:
        return SearchCounts(0, counts, 0)
    found = dict(zip([name for name, c in strung.items() if c is not None], values, strict=True))
    if "meeting" in found:
        ids = found["meeting"].split(",")
        try:
            counts.update(meetings.count(ids, of_meeting))
        except KeyError:  # a meeting the caller does not know of (stored since its snapshot)
            counts.update(meetings.with_(_meeting_facts(session, meetings.lacking(ids))).count(ids, of_meeting))
    if "kind" in found:
        counts["kind"] = dict(Counter(found["kind"].split(",")))
    if "theme" in found:
        counts["theme"] = dict(Counter((found["theme"] or "").split()))
    return SearchCounts(total, {name: dict(sorted(c.items())) for name, c in counts.items()}, measures)


def _grouped_counts(session: Session, match: _Match, query: SearchQuery, primary: ColumnElement[bool]) -> SearchCounts:
    """Every facet's counts without the caller's snapshot of the meetings: one ``GROUP BY`` over the
    matches joined to their meeting, its rows summed here (reading every meeting's facts instead
    would cost more than the join)."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    columns = (Meeting.partner, SearchEntry.themes, Meeting.year, Meeting.kind, SearchEntry.kind, primary)
    stmt = _facets(_counted(select(*columns, func.count()), match, query), query).group_by(*columns)
    total = measures = 0
    for partner, themes, year, meeting_kind, kind, is_primary, n in session.execute(stmt):
        total += n
        measures += n if is_primary else 0
        values = (partner, None, year, meeting_kind, kind)
        for name, value in zip(FACETS, values, strict=True):
            if value is not None:
                counts[name][str(value)] = counts[name].get(str(value), 0) + n
        for theme in themes.split():
            counts["theme"][theme] = counts["theme"].get(theme, 0) + n
    return SearchCounts(total, {name: dict(sorted(c.items())) for name, c in counts.items()}, measures)


def _meeting_facts(session: Session, missing: Collection[str]) -> MeetingFacts:
    """The partner, year and kind of the meetings of ``missing`` (ids as text), read."""
    ids = sorted(int(i) for i in missing)
    found: list[tuple[int, str | None, int | None, str | None]] = []
    for start in range(0, len(ids), 5000):  # a bound parameter each
        stmt = select(Meeting.id, Meeting.partner, Meeting.year, Meeting.kind).where(
            Meeting.id.in_(ids[start : start + 5000])
        )
        found += [(i, partner, year, kind) for i, partner, year, kind in session.connection().execute(stmt)]
    return MeetingFacts(found)


def matched_keys(session: Session, query: SearchQuery, keys: frozenset[str], *, full_text: bool) -> set[str]:
    """Which of ``keys`` belong to measures (of a meeting's primary report) that ``query`` finds."""
    match = _matcher(session, query, full_text=full_text)
    if match is None or not keys:
        return set()
    stmt = (
        select(Measure.key)
        .join(SearchEntry, and_(SearchEntry.kind == ItemKind.MEASURE.value, SearchEntry.item_id == Measure.id))
        .join(Meeting, SearchEntry.meeting_id == Meeting.id)
        .where(match.entries, Measure.key.in_(sorted(keys)))
    )
    return set(session.scalars(_facets(stmt, query)))


def _counted(stmt: Q, match: _Match, query: SearchQuery) -> Q:
    """``stmt`` over the matches, for counting. With a facet of the meeting (partner, year, kind of
    meeting) the meetings that fit lead and the matches are looked up (SQLite, left alone, looks
    the whole match list up once per meeting); without one, the matches lead."""
    if (query.partner or query.year is not None or query.meeting_kind) and match.walked is not None:
        walk = _CrossJoin(Meeting.__table__, SearchEntry.__table__, SearchEntry.meeting_id == Meeting.id)
        return stmt.select_from(walk).where(match.walked)
    return stmt.join(Meeting, SearchEntry.meeting_id == Meeting.id).where(match.entries)


def _matcher(session: Session, query: SearchQuery, *, full_text: bool) -> _Match | None:
    words = terms(query.text)
    if not words or "\x00" in query.text + (query.partner or ""):  # nothing stored holds a NUL (nor can, on PostgreSQL)
        return None
    return _text_match(words, full_text=full_text, dialect=session.get_bind().dialect.name)


def _page(session: Session, match: _Match, query: SearchQuery) -> Select[Any]:
    """The ids of the hits in order (before offset and limit), by the cheapest way for the query."""
    postgres = session.get_bind().dialect.name == "postgresql"
    newest = (*_newest(Meeting.year, Meeting.date, Meeting.id, postgres=postgres), SearchEntry.id)
    # every match read and sorted: the matches lead, each one's meeting looked up (SQLite, left alone, may
    # walk a facet's index of the meetings, ix_meeting_partner_newest, and look every match up in each one)
    led = _CrossJoin(SearchEntry.__table__, Meeting.__table__, SearchEntry.meeting_id == Meeting.id)
    stmt = select(SearchEntry.id).select_from(led)
    if query.order == "relevance" and match.order:
        return _facets(match.joined(stmt).where(match.condition), query).order_by(*match.order, *newest)
    if query.order == "oldest":  # on demand: every match sorted
        oldest = (Meeting.year.asc().nulls_last(), Meeting.date.asc().nulls_first(), Meeting.id, SearchEntry.id)
        return _facets(stmt.where(match.entries), query).order_by(*oldest)
    if match.walked is None or _few(session, match):
        if not postgres:
            return _facets(stmt.where(match.entries), query).order_by(*newest)
        # every match found first by the text index, then its meeting looked up: each subquery kept as
        # written (OFFSET 0), or the planner walks every meeting for a rare term, or hashes them all
        found = select(SearchEntry.id, SearchEntry.meeting_id).where(match.entries)
        few = _entry_facets(found, query).offset(0).subquery("found")
        meeting = select(Meeting.id, Meeting.year, Meeting.date).where(Meeting.id == few.c.meeting_id)
        its = _meeting_facets(meeting, query).offset(0).lateral("its")
        order = _newest(its.c.year, its.c.date, its.c.id, postgres=True)
        return select(few.c.id).select_from(few).join(its, literal_column("true")).order_by(*order, few.c.id)
    if postgres:
        return _walk_postgres(match, query)
    # Walk ix_meeting_newest from the newest meeting, each meeting's entries by their own index, and keep
    # those among the matches (``walked`` keeps the match set from driving the plan).
    walk = _CrossJoin(Meeting.__table__, SearchEntry.__table__, SearchEntry.meeting_id == Meeting.id)
    stmt = select(SearchEntry.id).select_from(walk)
    return _facets(stmt.where(match.walked), query).order_by(*newest)


class _CrossJoin(Join):
    """``a CROSS JOIN b ON ...``: SQLite keeps ``a`` the outer loop (its planner, left alone, may
    start from an index on a facet of ``b``, such as ``kind``, and sort every match)."""

    inherit_cache = True


@compiles(_CrossJoin, "sqlite")
def _cross_join(element: _CrossJoin, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    left, right = compiler.process(element.left, **kw), compiler.process(element.right, **kw)
    return f"{left} CROSS JOIN {right} ON {compiler.process(element.onclause, **kw)}"


def _walks_first(session: Session, match: _Match, query: SearchQuery) -> bool:
    """Whether the page is looked for by a walk of the newest meetings before anything else
    (PostgreSQL, newest first, with its full-text index)."""
    ranked = query.order == "relevance" and bool(match.order)
    postgres = session.get_bind().dialect.name == "postgresql"
    return postgres and match.walked is not None and not ranked and query.order != "oldest"


def _walk_postgres(match: _Match, query: SearchQuery, meetings: int | None = None) -> Select[Any]:
    """PostgreSQL's walk: the meetings newest first (``ix_meeting_newest``) that fit the query's
    facets, the first ``meetings`` of them if given, each one's matching entries beside it
    (LATERAL), so that the plan can stop at the last hit asked for."""
    # OFFSET 0 keeps the entries' subquery a nested loop over the meetings: flattened, the planner
    # (which takes a phrase for rarer than it is) would find every match by the text index and sort them all
    chosen = _meeting_facets(select(Meeting.id, Meeting.year, Meeting.date), query)
    if meetings is not None:
        chosen = chosen.order_by(*_newest(Meeting.year, Meeting.date, Meeting.id, postgres=True)).limit(meetings)
    newest = chosen.subquery("newest")
    found = select(SearchEntry.id).where(SearchEntry.meeting_id == newest.c.id, match.entries)
    entries = _entry_facets(found, query).offset(0).lateral("found")
    stmt = select(entries.c.id).select_from(newest).join(entries, literal_column("true"))
    if query.year is not None:  # said here too, or the planner, which does not know the year is one out here,
        stmt = stmt.where(newest.c.year == query.year)  # sorts every entry walked instead of stopping at the page
    order = _newest(newest.c.year, newest.c.date, newest.c.id, postgres=True)
    return stmt.order_by(*order, entries.c.id)


def _newest(year: Any, date: Any, meeting: Any, *, postgres: bool) -> tuple[ColumnElement[Any], ...]:
    """Newest meetings first: by year, then date (without a date after the dated ones of its year;
    with neither, last), as ``ix_meeting_newest`` holds them (SQLite: NULL sorts last already)."""
    if postgres:
        return (year.desc().nulls_last(), date.desc().nulls_last(), meeting.desc())
    return (year.desc(), date.desc(), meeting.desc())


def _few(session: Session, match: _Match) -> bool:
    """Whether the terms match at most :data:`SCAN_FROM` items (found by counting no further)."""
    assert match.first is not None
    some = match.first.limit(SCAN_FROM + 1).subquery()
    return (session.scalar(select(func.count()).select_from(some)) or 0) <= SCAN_FROM


def _hits(session: Session, match: _Match, ids: list[int]) -> list[Hit]:
    """The hits of ``ids`` in that order: meeting, report and snippet of each."""
    # FTS5's snippet() needs its MATCH in the query that calls it: each hit is looked up in the index
    # by its id (search_entry leads), or, for a prefix, the index lists its matches once (see _Match)
    fts = match.join if match.looked_up else None
    entries = SearchEntry.__table__ if fts is None else _CrossJoin(SearchEntry.__table__, *fts)
    stmt = (
        select(SearchEntry, Meeting.slug, Meeting.partner, Meeting.year, Meeting.kind, Source.uri, Measure.key,
               *match.snippets)
        .select_from(entries)
        .join(Meeting, SearchEntry.meeting_id == Meeting.id)
        .join(DocumentVersion, SearchEntry.document_id == DocumentVersion.id)
        .join(Source, DocumentVersion.source_id == Source.id)
        .outerjoin(Measure, and_(SearchEntry.kind == ItemKind.MEASURE.value, SearchEntry.item_id == Measure.id))
    )  # fmt: skip
    stmt = (match.joined(stmt) if fts is None else stmt).where(SearchEntry.id.in_(ids))
    if match.join is not None:
        stmt = stmt.where(match.condition)
    found: dict[int, Hit] = {}
    for entry, slug, partner, year, meeting_kind, uri, key, *columns in session.execute(stmt):
        plain, highlights = _split_marks(match.finish(entry, match.words, columns))
        found[entry.id] = Hit(
            kind=entry.kind, text=entry.text, snippet=plain, highlights=highlights, meeting=slug,
            meeting_id=entry.meeting_id, partner=partner, year=year, meeting_kind=meeting_kind,
            themes=tuple(entry.themes.split()), span=entry.span, source=uri, position=entry.position,
            measure_key=key,
        )  # fmt: skip
    return [found[i] for i in ids if i in found]


def _facets(stmt: Q, query: SearchQuery) -> Q:
    return _entry_facets(_meeting_facets(stmt, query), query)


def _meeting_facets(stmt: Q, query: SearchQuery) -> Q:
    if query.partner:
        stmt = stmt.where(func.lower(Meeting.partner) == query.partner.strip().lower())
    if query.year is not None:
        stmt = stmt.where(Meeting.year == query.year)
    if query.meeting_kind:
        stmt = stmt.where(Meeting.kind == query.meeting_kind.value)
    return stmt


def _entry_facets(stmt: Q, query: SearchQuery) -> Q:
    if query.theme:
        stmt = stmt.where(SearchEntry.themes.like(f"% {_like_escape(query.theme.value)} %", escape="\\"))
    if query.kind:
        stmt = stmt.where(SearchEntry.kind == query.kind.value)
    if query.measures is not None:
        keys = select(Measure.id).where(Measure.key.in_(sorted(query.measures.keys)))
        inside = SearchEntry.item_id.in_(keys) if query.measures.among else SearchEntry.item_id.not_in(keys)
        stmt = stmt.where(SearchEntry.kind == ItemKind.MEASURE.value, SearchEntry.item_id != 0, inside)
    return stmt


Finish = Callable[[SearchEntry, list[tuple[str, bool]], list[Any]], str]


@dataclass(frozen=True)
class _Match:
    """How one database finds the terms: a condition, what to join, an order (relevance), and the
    snippet: the columns the database gives for it, and how they become the snippet (matches marked).

    ``entries`` is the condition on ``search_entry`` alone; ``walked`` the same for a plan that walks
    the entries another way (not driven by the text index); ``first`` selects matches, to count a few.
    ``looked_up``: the page's hits are each looked up in the joined index by id (FTS5 checks the
    terms and makes the snippet for those rows alone); not for a prefix, which FTS5 expands over the
    whole index at each lookup: its matches are listed once, those of the page kept.
    """

    words: list[tuple[str, bool]]
    condition: ColumnElement[bool]
    entries: ColumnElement[bool]
    snippets: tuple[ColumnElement[Any], ...]
    finish: Finish
    order: tuple[ColumnElement[Any], ...] = ()
    join: tuple[Any, ColumnElement[bool]] | None = None
    walked: ColumnElement[bool] | None = None
    first: Select[Any] | None = None
    looked_up: bool = False

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
        words=words,
        condition=and_(*conditions),
        entries=and_(*conditions),
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
    prefixed = any(part.endswith("*") for part in parts)
    condition = name.op("MATCH")(" ".join(parts))
    found = select(fts.c.rowid).where(condition)
    return _Match(
        words=words,
        condition=condition,
        entries=SearchEntry.id.in_(found),
        snippets=(func.snippet(name, -1, _OPEN, _CLOSE, "…", _SNIPPET_WORDS),),
        finish=_chinese_or(lambda _entry, _words, columns: str(columns[0])),
        order=(fts.c.rank,),
        join=(fts, fts.c.rowid == SearchEntry.id),
        walked=(SearchEntry.id + 0).in_(found),  # "+ 0": the matches are looked up, they do not drive the plan
        first=found,
        looked_up=not prefixed,
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
    condition = vector.op("@@")(query)
    return _Match(
        words=words,
        condition=condition,
        entries=condition,
        walked=condition,
        first=select(SearchEntry.id).where(condition),
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
