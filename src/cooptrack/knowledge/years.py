"""The years a meeting can fall in when its release gives a date without a year.

Each Hong Kong official the release names with a post that the table of terms of office
(:mod:`.officials`) knows for that official holds it only between two days. The meeting was held
on a day when every one of them held the post they are named with, so its year is one of those
in which the release's month and day ("June 28") fall inside every such term. The result is
``meeting.year_range`` with the reasons: the terms that set its bounds, then the conclusion.
The date itself stays null: a range of possible years is not a date.

A release that states its year gets ``year_range`` ``(year, year)`` and no reasons. A name the
table does not know, a post it does not know for that official, a Mainland official: no bound.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cooptrack.dates import parse_date_phrase, safe_date
from cooptrack.knowledge import officials
from cooptrack.record import Person, Record
from cooptrack.vocab import DocumentKind, Side

FIRST_YEAR = 1997  # the table begins with the first term of government


@dataclass(frozen=True)
class _Bound:
    """An official named with a post, and the terms in which they held it."""

    name: str
    post: str
    terms: tuple[officials.Term, ...]

    def held_on(self, day: dt.date) -> bool:
        return any(t.start <= day <= t.last_day for t in self.terms)

    def held_in(self, year: int) -> tuple[dt.date, dt.date] | None:
        """The days of ``year`` in the first term that touches it (for a year without month and day)."""
        for t in self.terms:
            lo, hi = max(t.start, dt.date(year, 1, 1)), min(t.last_day, dt.date(year, 12, 31))
            if lo <= hi:
                return (lo, hi)
        return None

    def describe(self) -> str:
        spans = " and ".join(f"from {t.start} to {t.end}" if t.end else f"since {t.start}" for t in self.terms)
        verb = "has been" if any(t.end is None for t in self.terms) else "was"
        return f"{self.name} {verb} {self.terms[0].post} {spans}"


def infer(record: Record, published: dt.date | None = None) -> Record:
    """The record with ``meeting.year_range`` (and its reasons) filled in, as far as the text allows.

    ``published`` is the day the document was issued (a footer, an archive URL, a news page's
    date), when known: a report is published after its meeting, an announcement before it, so it
    narrows the years the officials allow (it never makes a range of its own).
    """
    m = record.meeting
    if m.date is not None:
        found: tuple[tuple[int, int] | None, list[str]] = ((m.date.year, m.date.year), [])
    elif not record.relevant:
        return record
    else:
        found = year_range(record.people, m.date_text, _publication_bound(record, published))
    if (m.year_range, m.year_reasons) == found:
        return record
    meeting = m.model_copy(update={"year_range": found[0], "year_reasons": found[1]})
    return record.model_copy(update={"meeting": meeting})


@dataclass(frozen=True)
class Limit:
    """Years outside which the meeting cannot be, and why (a publication date)."""

    first: int
    last: int
    reason: str


def _publication_bound(record: Record, published: dt.date | None) -> Limit | None:
    if published is None:
        return None
    if record.document_kind is DocumentKind.ANNOUNCEMENT:
        reason = f"the announcement was published on {published}, so the meeting is held then or later"
        return Limit(published.year, officials.CHECKED.year, reason)
    return Limit(
        FIRST_YEAR, published.year, f"the report was published on {published}, so the meeting was held by then"
    )


def year_range(
    people: Sequence[Person], date_text: str | None, limit: Limit | None = None
) -> tuple[tuple[int, int] | None, list[str]]:
    """The years in which every official named held their post on the day (or in some part of the year)."""
    bounds = _bounds(people)
    if not bounds:
        return None, []
    phrase = parse_date_phrase(date_text) if date_text else None
    on = (phrase[0], phrase[1]) if phrase else None
    table = range(FIRST_YEAR, officials.CHECKED.year + 1)
    by_terms = [y for y in table if _possible(bounds, y, on)]
    if not by_terms:
        named = _list([f"{b.name} as {b.post}" for b in bounds])
        return None, [f"{named} never held these posts together in the table of terms of office: no year inferred"]
    years = [y for y in by_terms if limit is None or limit.first <= y <= limit.last]
    if limit is not None and not years:
        return None, [f"the officials' terms allow {by_terms[0]}–{by_terms[-1]}, but {limit.reason}: no year inferred"]
    lo, hi = years[0], years[-1]
    binding = list(dict.fromkeys(b for y in (lo - 1, hi + 1) if (b := _first_failing(bounds, y, on)) is not None))
    reasons = [b.describe() for b in binding]
    if limit is not None and (lo, hi) != (by_terms[0], by_terms[-1]):
        reasons.append(limit.reason)
    chosen = binding or bounds
    when = f" on {date_text}" if on else ""
    years_text = f"only in {lo}" if lo == hi else f"in {lo}–{hi}"
    if len(chosen) == 1:
        conclusion = f"{chosen[0].name} held that post{when} {years_text}"
    else:
        named = _list([f"{b.name} as {b.post}" for b in chosen])
        conclusion = f"{named} held these posts together{when} {years_text}"
    others = len(bounds) - len(chosen)
    if others:
        conclusion += f"; the {others} other official{'s' * (others > 1)} named held theirs then too"
    reasons.append(conclusion)
    if hi == officials.CHECKED.year and any(t.end is None for b in bounds for t in b.terms):
        reasons.append(f"terms still running are known up to {officials.CHECKED}, when the table was last checked")
    return (lo, hi), reasons


def _bounds(people: Sequence[Person]) -> list[_Bound]:
    out = []
    for p in people:
        if p.side not in (None, Side.HK) or not p.post:
            continue
        terms = officials.terms_for(p.name, p.post)
        if terms:
            out.append(_Bound(p.name, p.post, tuple(terms)))
    return out


def _possible(bounds: Sequence[_Bound], year: int, on: tuple[int, int] | None) -> bool:
    if on is not None:
        day = safe_date(year, *on)
        return day is not None and all(b.held_on(day) for b in bounds)
    spans = [b.held_in(year) for b in bounds]
    if any(s is None for s in spans):
        return False
    return max(s[0] for s in spans if s) <= min(s[1] for s in spans if s)


def _first_failing(bounds: Sequence[_Bound], year: int, on: tuple[int, int] | None) -> _Bound | None:
    """The first official whose term rules this year out (None if the year is out of the table)."""
    if not FIRST_YEAR <= year <= officials.CHECKED.year:
        return None
    return next((b for b in bounds if not _possible([b], year, on)), None)


def _list(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
