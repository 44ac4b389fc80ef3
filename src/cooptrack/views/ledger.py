"""Commitments as the commands and the pages ask for them: read from a store with users' decisions.

The pure work is :mod:`.commitments`; this module reads the stored meetings, users' link decisions
and their splits and joins (``correction`` rows of kinds ``commitment_split`` / ``commitment_join``,
keyed by measure keys with the meeting and text kept, so that a re-ingest or a parser upgrade that
changes a key finds the measure again, as link decisions do), records new decisions, and gives each
commitment one JSON shape for the command line, the API and the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from cooptrack.errors import CooptrackError, NotFound
from cooptrack.knowledge import changes, commitments, series
from cooptrack.knowledge.commitments import Commitment, Ledger, Reshape
from cooptrack.render import date_label
from cooptrack.store import CorrectionKind, Store, snapshot
from cooptrack.store.models import Measure, Meeting, TrackingEvent
from cooptrack.store.tracking import Tracking
from cooptrack.views import kept, queries

_KINDS = {CorrectionKind.COMMITMENT_SPLIT.value: "split", CorrectionKind.COMMITMENT_JOIN.value: "join"}


def ledger(
    store: Store, meetings: Sequence[Meeting] | None = None, mechs: Sequence[series.Mechanism] | None = None
) -> Ledger:
    """Every commitment of the store: measures linked meeting to meeting, then users' splits and joins."""
    meetings = store.all_meetings() if meetings is None else meetings
    mechs = series.mechanisms(meetings) if mechs is None else mechs
    pairs = commitments.pair_keys(mechs, _measures)
    scores = changes.Scores(store.pair_scores(pairs))
    found = commitments.build(
        mechs, _measures, queries.link_decisions(store, meetings), reshapes(store, meetings), scores
    )
    if scores.fresh:  # kept for the next process (a restarted server, another worker, a command)
        fresh = dict(scores.fresh)
        kept.keep(store, f"scores of {len(fresh)} pairs of meetings", lambda: store.keep_pair_scores(fresh, pairs))
    return found


def _measures(m: series.MeetingLike) -> Sequence[Measure]:
    return queries.stored(m).measures


def reshapes(store: Store, meetings: Sequence[Meeting]) -> list[Reshape]:
    """Users' splits and joins, oldest first, each end found by key or (after a re-parse changed its
    key) by its meeting and text; an end found nowhere keeps the key it was recorded with."""
    rows = store.corrections(CorrectionKind.COMMITMENT_SPLIT, CorrectionKind.COMMITMENT_JOIN)
    if not rows:
        return []
    measures = [(meeting.slug, m) for meeting in meetings for m in meeting.measures]
    keys = {m.key for _, m in measures}
    out = []
    for r in rows:
        left = r.left if r.left in keys else changes.reattach(r.left_label, measures) or r.left
        right = r.right if r.right in keys else changes.reattach(r.right_label, measures) or r.right
        out.append(Reshape(_KINDS[r.kind], left, right, r.made_by, r.made_at.isoformat(), r.note, r.id))
    return out


def shared_tracking(tracking: Tracking, found: Ledger) -> Tracking:
    """Status events visible from every appearance of their commitment."""
    return tracking.shared(c.keys for c in found.commitments if len(c.appearances) > 1)


def find(found: Ledger, ref: str) -> Commitment:
    """A commitment by its key or any appearance's (or six characters or more of one)."""
    c = found.find(ref)
    if c is not None:
        return c
    start = ref.strip().casefold()
    if len(start) < 6:
        raise CooptrackError(f'"{ref.strip()}": give at least six characters of a key (cooptrack commitments list)')
    if any(k.startswith(start) for k in found.of_measure):
        raise CooptrackError(f'"{ref.strip()}" is the start of the keys of several commitments; give more of it')
    raise NotFound(f'no commitment or measure with key "{ref.strip()}" (cooptrack commitments list shows them)')


JOIN_HINT_MIN = 30.0  # other commitments worded at least this alike are offered for a join


def candidates(found: Ledger, c: Commitment, n: int = 5) -> list[tuple[Commitment, float]]:
    """The other commitments of its mechanism worded most alike (any appearance against any), best
    first: what a user deciding a join looks at. None below :data:`JOIN_HINT_MIN`."""
    scored = []
    for other in found.commitments:
        if other is c or other.mechanism != c.mechanism:
            continue
        pairs = ((a.measure.text, b.measure.text) for a in c.appearances for b in other.appearances)
        score = max(changes.similarity(x, y) for x, y in pairs)
        if score >= JOIN_HINT_MIN:
            scored.append((other, score))
    return sorted(scored, key=lambda s: (-s[1], s[0].key))[:n]


# --- decisions ----------------------------------------------------------------------------------


def _label(m: series.MeetingLike, x: commitments.MeasureLike) -> str:
    return f"{m.slug}\x1f{x.text}"


def split(store: Store, ref: str, *, by: str, note: str | None) -> queries.Recorded:
    """Record that the appearance ``ref`` (and those after it) is a commitment apart from the ones before."""
    found = ledger(store)
    c = find(found, ref)
    keys = c.keys
    at = next((i for i, k in enumerate(keys) if k.startswith(ref.strip().casefold())), 0)
    if at == 0:
        raise CooptrackError(
            f"{c.first.meeting.slug} #{c.first.measure.position} is where its commitment was first agreed: "
            "give the key of a later appearance to split the commitment there"
        )
    before, here = c.appearances[at - 1], c.appearances[at]
    row = store.correct(
        CorrectionKind.COMMITMENT_SPLIT, (before.measure.key, _label(before.meeting, before.measure)),
        (here.measure.key, _label(here.meeting, here.measure)), by=by, note=note,
    )  # fmt: skip
    return queries.Recorded(
        f"recorded: {here.meeting.slug} #{here.measure.position} starts a commitment apart from "
        f"{before.meeting.slug} #{before.measure.position} (decided by {by})",
        row,
    )


def join(store: Store, first: str, second: str, *, by: str, note: str | None) -> queries.Recorded:
    """Record that the commitments of two measures (keys, or unique starts of six characters) are one."""
    found = ledger(store)
    a, b = find(found, first), find(found, second)
    if a is b:
        raise CooptrackError(f'"{first.strip()}" and "{second.strip()}" are already one commitment ({a.key[:12]})')
    ends = []
    for c, ref in ((a, first), (b, second)):
        chosen = next((x for x in c.appearances if x.measure.key.startswith(ref.strip().casefold())), c.first)
        ends.append((chosen.measure.key, _label(chosen.meeting, chosen.measure)))
    row = store.correct(CorrectionKind.COMMITMENT_JOIN, ends[0], ends[1], by=by, note=note)
    return queries.Recorded(
        f"recorded: {a.first.meeting.slug} #{a.first.measure.position} and {b.first.meeting.slug} "
        f"#{b.first.measure.position} are one commitment (decided by {by})",
        row,
    )


# --- one shape for every reader -----------------------------------------------------------------


def _when(m: series.MeetingLike) -> str:
    found = snapshot.stored(m)
    return (date_label(found) if found is not None else "") or "date not stated"


def appearance_json(a: commitments.Appearance) -> dict[str, Any]:
    return {
        "meeting": a.meeting.slug,
        "when": _when(a.meeting),
        "key": a.measure.key,
        "position": a.measure.position,
        "text": a.measure.text,
        "how": a.how,
        "basis": a.basis or None,
        "wording": a.wording or None,
        "url": f"/measures/{a.measure.key}",
        "source_url": f"/meetings/{a.meeting.slug}#src-measure-{a.measure.position}",
    }


def standing(
    c: Commitment, tracking: Tracking, today: dt.date | None = None
) -> tuple[dict[int, TrackingEvent], TrackingEvent | None, str, list[commitments.Stale]]:
    """A commitment's status events (of every appearance, by id), the latest, the status it gives
    ("agreed" without one) and why the commitment looks stale: what the tracker filters and
    sorts on, without building the commitment's whole row."""
    events = {e.id: e for k in c.keys for e, _ in tracking.by_measure.get(k, [])}
    latest = max(events.values(), key=lambda e: (e.made_at, e.id), default=None)
    status = latest.status if latest else "agreed"
    changed = latest.made_at.date() if latest else None
    return events, latest, status, commitments.staleness(c, status, changed, today or dt.date.today())


def commitment_json(c: Commitment, tracking: Tracking, today: dt.date | None = None) -> dict[str, Any]:
    """A commitment with its appearances, status (the latest event on any appearance) and staleness.

    ``tracking`` is the store's tracking, shared or not: the events of every appearance are read.
    """
    events, latest, status, stale = standing(c, tracking, today)
    reworded = [a for a in c.appearances if a.how == "reworded"]
    return {
        "key": c.key,
        "mechanism": c.mechanism,
        "partner": c.partner,
        "text": c.text,
        "themes": c.themes,
        "primary_theme": c.primary_theme,
        "status": status,
        "status_since": latest.made_at.isoformat() if latest else None,
        "events": len(events),
        "first_agreed": appearance_json(c.first),
        "last_seen": appearance_json(c.last),
        "reworded_at": [a.meeting.slug for a in reworded],
        "repeated_at": [a.meeting.slug for a in c.appearances if a.how == "repeated"],
        "appearances": [appearance_json(a) for a in c.appearances],
        "meetings_since_agreed": c.held_since,
        "stale": [s.describe() for s in stale],
        "stale_reasons": [
            {"kind": s.kind, "count": s.count, "since": s.since.isoformat() if s.since else None} for s in stale
        ],
        "decisions": [
            {
                "kind": r.kind,
                "first": r.first,
                "second": r.second,
                "made_by": r.made_by,
                "made_at": r.made_at,
                "note": r.note,
                "id": r.id,
            }
            for r in c.decisions
        ],
        "url": f"/commitments/{c.key}",
    }
