"""Which commitments the tracker shows, and in what order, found without building their rows.

A tracker row (:func:`cooptrack.serve.views.commitment_row` with the editors' fields) holds every
appearance, its wording and its decisions. The page shows fifty: it selects here what a filter
keeps, in the order asked, and builds the rows of the fifty it shows. At 10,000 pages the tracker
built every commitment's row to show fifty (7 s for the first request, and the rows kept).
The API and the downloads, which return every row, build them all from the same selection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cooptrack.knowledge.commitments import Commitment
from cooptrack.serve.views import Data, in_year
from cooptrack.views import ledger
from cooptrack.vocab import Theme


def select(
    data: Data, *, partner: str | None, theme: str | None, status: str | None, q: str | None,
    stale: bool = False, meeting: str | None = None, year: int | None = None, sort: str | None = None,
) -> list[Commitment]:  # fmt: skip
    """The commitments a filter keeps (a theme is the latest wording's primary theme, as the heatmap
    counts it; words, a meeting and a year match any appearance), in the order ``sort`` asks
    (``newest``, ``oldest``, ``checked``, ``bureau``; else as the ledger lists them)."""
    words = (q or "").casefold().split()
    kept = []
    for c in data.ledger.commitments:
        if partner and (c.partner or "").casefold() != partner.casefold():
            continue
        if theme and (c.primary_theme or Theme.OTHER.value) != theme:
            continue
        if meeting and all(a.meeting.slug != meeting for a in c.appearances):
            continue
        if year is not None and not any(in_year(data.meeting(a.meeting.slug), year) for a in c.appearances):
            continue
        if words and not any(all(w in a.measure.text.casefold() for w in words) for a in c.appearances):
            continue
        if status or stale:
            _, _, said, why = ledger.standing(c, data.tracking)
            if (status and said != status) or (stale and not why):
                continue
        kept.append(c)
    return ordered(data, kept, sort)


def first_day(data: Data, c: Commitment) -> str:
    """The day of a commitment's first meeting as the tracker sorts it: its date, else its year."""
    first = data.meeting(c.first.meeting.slug)
    return first.date.isoformat() if first.date else f"{first.year or first.year_from or 0:04d}"


def ordered(data: Data, kept: list[Commitment], sort: str | None) -> list[Commitment]:
    """``kept`` in the order ``sort`` asks; ties keep the ledger's order."""

    def note(field: str) -> Callable[[Commitment], Any]:
        return lambda c: getattr(data.note_of(c.keys, field), "value", None)

    if sort in ("newest", "oldest"):
        return sorted(kept, key=lambda c: first_day(data, c), reverse=sort == "newest")
    if sort == "checked":  # never checked first, then the longest ago
        checked = note("checked")
        return sorted(kept, key=lambda c: checked(c) or "")
    if sort == "bureau":  # no bureau last
        bureau = note("bureau")
        return sorted(kept, key=lambda c: (bureau(c) is None, (bureau(c) or "").casefold()))
    return kept
