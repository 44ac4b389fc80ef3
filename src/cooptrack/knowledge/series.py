"""Mechanisms over time: each mechanism's meetings in order, the gaps in its numbering, the
years it met, and counts of measures by partner and theme.

Works on stored meetings (anything shaped like :class:`MeetingLike`); no database access.
A mechanism is known by :func:`cooptrack.keys.mechanism_key`, so that "Hong Kong-Sichuan"
and "Hong Kong/Sichuan" are one; its name is the spelling most of its meetings use.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cooptrack.errors import NotFound
from cooptrack.keys import mechanism_key, series_of
from cooptrack.vocab import Theme


class MeasureRow(Protocol):
    @property
    def primary_theme(self) -> str | None: ...


class MeetingLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def mechanism(self) -> str | None: ...
    @property
    def partner(self) -> str | None: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def ordinal(self) -> int | None: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def year_from(self) -> int | None: ...
    @property
    def year_to(self) -> int | None: ...
    @property
    def document_kind(self) -> str: ...
    @property
    def measures(self) -> Sequence[MeasureRow]: ...


@dataclass(frozen=True)
class Gap:
    """Meetings of a numbered series that the store does not hold."""

    series: str
    missing: tuple[int, ...]

    def describe(self) -> str:
        numbers = _ranges(self.missing)
        noun = f"{self.series} meeting" if self.series != "plenary" else "plenary"
        if len(self.missing) > 1:
            noun = "plenaries" if self.series == "plenary" else f"{noun}s"
        return f"{noun} {numbers} not in the store"


@dataclass
class Mechanism:
    """One mechanism: its name, partner and meetings in order, with the gaps noticed."""

    key: str
    name: str
    partner: str | None
    meetings: list[MeetingLike] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def plenaries(self) -> list[MeetingLike]:
        """The meetings of the main (plenary) series, announcements aside, in order."""
        return [m for m in self.meetings if series_of(m.kind) == "plenary" and m.document_kind == "report"]

    def latest(self) -> MeetingLike | None:
        held = self.plenaries or [m for m in self.meetings if m.document_kind == "report"] or self.meetings
        return held[-1] if held else None


def order_key(m: MeetingLike) -> tuple[int, int, dt.date, str]:
    """Meetings in the order they were held: by year (known or inferred), then ordinal, then date."""
    year = m.date.year if m.date else (m.year_from if m.year_from is not None else 9999)
    return (year, m.ordinal if m.ordinal is not None else 9999, m.date or dt.date.max, m.slug)


def key_of(m: MeetingLike) -> str:
    """The key of the mechanism a meeting is of (:attr:`Mechanism.key`)."""
    return mechanism_key(m.mechanism, m.partner) or "unknown"


def mechanisms(meetings: Iterable[MeetingLike]) -> list[Mechanism]:
    """The mechanisms of these meetings, by name, each with its meetings in order and its gaps."""
    groups: dict[str, list[MeetingLike]] = {}
    for m in meetings:
        groups.setdefault(key_of(m), []).append(m)
    out = []
    for key, members in groups.items():
        names = Counter(m.mechanism for m in members if m.mechanism)
        partners = Counter(m.partner for m in members if m.partner)
        ordered = sorted(members, key=_series_order)
        out.append(
            Mechanism(
                key=key,
                name=names.most_common(1)[0][0] if names else "(mechanism not stated)",
                partner=partners.most_common(1)[0][0] if partners else None,
                meetings=ordered,
                gaps=gaps(ordered),
            )
        )
    return sorted(out, key=lambda mech: mech.name)


def _series_order(m: MeetingLike) -> tuple[int, str, int, tuple[int, int, dt.date, str]]:
    """Within a mechanism: the plenary series first, each series by number, then by when held."""
    series = series_of(m.kind)
    return (0 if series == "plenary" else 1, series, m.ordinal if m.ordinal is not None else 10_000, order_key(m))


def gaps(meetings: Sequence[MeetingLike]) -> list[Gap]:
    """Numbers missing in each numbered series, from 1 up to the highest held."""
    numbers: dict[str, set[int]] = {}
    for m in meetings:
        if m.ordinal is not None and series_of(m.kind) != "meeting":
            numbers.setdefault(series_of(m.kind), set()).add(m.ordinal)
    out = []
    for series, held in sorted(numbers.items()):
        missing = tuple(n for n in range(1, max(held) + 1) if n not in held)
        if missing:
            out.append(Gap(series, missing))
    return out


def find(all_mechanisms: Sequence[Mechanism], name: str) -> Mechanism:
    """A mechanism by its name in any spelling, or by its partner ("Sichuan")."""
    key = mechanism_key(name)
    for mech in all_mechanisms:
        if key in (mech.key, mechanism_key(mech.partner)):
            return mech
    matches = [mech for mech in all_mechanisms if key and key in mech.key]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(m.partner or m.name for m in all_mechanisms) or "none stored yet"
    raise NotFound(f'no mechanism "{name}" (known: {known})')


def _ranges(numbers: Sequence[int]) -> str:
    """``1–3, 5`` for (1, 2, 3, 5)."""
    parts: list[str] = []
    start = prev = None
    for n in [*numbers, None]:
        if n is not None and prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = n
    return ", ".join(parts)


# --- timeline and matrix ------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    mechanism: str
    meeting: MeetingLike
    years: tuple[int, int] | None  # the year held, or the range the officials allow

    @property
    def label(self) -> str:
        if self.years is None:
            return "year unknown"
        lo, hi = self.years
        return str(lo) if lo == hi else f"{lo}–{hi}?"


def timeline(all_mechanisms: Sequence[Mechanism]) -> list[TimelineEntry]:
    """Every meeting of every mechanism with the years it was (or can have been) held."""
    out = []
    for mech in all_mechanisms:
        for m in mech.meetings:
            years = (
                (m.date.year, m.date.year)
                if m.date
                else (m.year_from, m.year_to)
                if m.year_from is not None and m.year_to is not None
                else None
            )
            out.append(TimelineEntry(mech.name, m, years))
    return out


@dataclass
class Matrix:
    """Measures counted by partner (rows) and primary theme (columns)."""

    partners: list[str]
    themes: list[str]
    counts: dict[tuple[str, str], int]
    scope: str

    def total(self, partner: str) -> int:
        return sum(self.counts.get((partner, t), 0) for t in self.themes)


def matrix(
    all_mechanisms: Sequence[Mechanism], *, latest: bool = True, counted: Callable[[MeasureRow], bool] | None = None
) -> Matrix:
    """Partner × theme counts of measures: of each mechanism's latest meeting, or of all meetings.

    ``counted`` says which measures count (over all meetings, a commitment's latest appearance only:
    :meth:`cooptrack.knowledge.commitments.Ledger.counted`); by default every one.
    """
    counts: Counter[tuple[str, str]] = Counter()
    partners: list[str] = []
    for mech in all_mechanisms:
        partner = mech.partner or mech.name
        chosen = [mech.latest()] if latest else mech.meetings
        for m in chosen:
            for measure in m.measures if m is not None else []:
                if counted is not None and not counted(measure):
                    continue
                counts[(partner, measure.primary_theme or Theme.OTHER.value)] += 1
        if partner not in partners:
            partners.append(partner)
    themes = [t.value for t in Theme if any(counts.get((p, t.value)) for p in partners)]
    scope = "the latest meeting of each mechanism" if latest else "all meetings"
    return Matrix(sorted(partners), themes, dict(counts), scope)
