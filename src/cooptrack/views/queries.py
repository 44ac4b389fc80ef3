"""The knowledge a store holds, as the commands (and later the web pages) ask for it.

Each function reads what it needs from a :class:`~cooptrack.store.Store` and hands it to the
pure functions of :mod:`.people`, :mod:`.series` and :mod:`.changes`, with users' decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cooptrack.errors import CooptrackError, NotFound
from cooptrack.knowledge import changes, people, series
from cooptrack.store import CorrectionKind, Store, snapshot
from cooptrack.store.models import Correction, Measure, Meeting
from cooptrack.vocab import Theme

# --- people -------------------------------------------------------------------------------------


def all_people(store: Store, meetings: Sequence[Meeting] | None = None) -> list[people.PersonRecord]:
    """Everyone named in the store, gathered into people, with users' decisions applied."""
    meetings = store.all_meetings() if meetings is None else meetings
    rows = store.corrections(CorrectionKind.SAME_PERSON, CorrectionKind.DIFFERENT_PEOPLE)
    decided = {}
    for row in rows:  # the latest decision about a pair stands
        decided[frozenset((row.left, row.right))] = row
    same = [(r.left, r.right, _who(r.made_by, r.made_at.date().isoformat(), r.note))
            for r in decided.values() if r.kind == CorrectionKind.SAME_PERSON]  # fmt: skip
    different = [(r.left, r.right, _who(r.made_by, r.made_at.date().isoformat(), r.note))
                 for r in decided.values() if r.kind == CorrectionKind.DIFFERENT_PEOPLE]  # fmt: skip
    decisions = people.PeopleDecisions(same, different)
    texts = {m.document.texts for m in meetings if isinstance(m, snapshot.Meeting)}  # type: ignore[attr-defined]
    if len(texts) != 1:  # ORM meetings hold their texts
        return people.gather(people.appearances(meetings), decisions)
    others = [r.document_id for m in meetings for r in m.reports if not r.is_primary]
    with texts.pop().pinned(others):  # the other reports' records, read at once
        return people.gather(people.appearances(meetings), decisions)


def _who(by: str, when: str, note: str | None) -> str:
    return f"{by} on {when}" + (f" ({note})" if note else "")


def person(store: Store, name: str) -> people.PersonRecord:
    """One person by name (any spelling the store has, or a shortened one)."""
    found = people.find(all_people(store), name)
    if not found:
        raise NotFound(f'no person "{name}" (try cooptrack people)')
    if len(found) > 1:
        names = "; ".join(f"{p.name} ({p.side or 'side unknown'})" for p in found)
        raise CooptrackError(f'"{name}" could be several people: {names}; give the full name')
    return found[0]


def _named_key(named: dict[str, str], name: str) -> str:
    """The person key a name given by a user stands for: "Wang Wei", or "Wang Wei (Hubei)"."""
    key = people.query_key(name)
    if key in named:
        return key
    scoped = sorted(k for k in named if people.bare(k) == key)
    if len(scoped) == 1:
        return scoped[0]
    if scoped:
        options = "; ".join(f"{named[k]} ({k.split(' @')[1].title()})" for k in scoped)
        raise CooptrackError(f'"{name}" is the name of officials of several partners: say which ({options})')
    raise NotFound(f'no one is named "{name}" in the store (try cooptrack people)')


@dataclass(frozen=True)
class Recorded:
    """A user's decision as stored, and the sentence that tells the user what was recorded."""

    message: str
    correction: Correction

    def json(self) -> dict[str, object]:
        return correction_json(self.correction) | {"message": self.message}


def correction_json(c: Correction) -> dict[str, object]:
    return {
        "id": c.id, "kind": c.kind, "left": c.left, "left_label": c.left_label, "right": c.right,
        "right_label": c.right_label, "made_by": c.made_by, "made_at": c.made_at.isoformat(), "note": c.note,
    }  # fmt: skip


def decide_people(store: Store, first: str, second: str, *, same: bool, by: str, note: str | None) -> Recorded:
    """Record that two names are (or are not) one person; both must be names the store holds."""
    named = {p.key: p.name for p in people.appearances(store.all_meetings())}
    keys = [_named_key(named, name) for name in (first, second)]
    if keys[0] == keys[1]:
        raise CooptrackError(f'"{first}" and "{second}" are the same name')
    kind = CorrectionKind.SAME_PERSON if same else CorrectionKind.DIFFERENT_PEOPLE
    row = store.correct(kind, (keys[0], named[keys[0]]), (keys[1], named[keys[1]]), by=by, note=note)
    verdict = "one person" if same else "two people"
    return Recorded(f'recorded: "{named[keys[0]]}" and "{named[keys[1]]}" are {verdict} (decided by {by})', row)


# --- mechanisms and what changed ----------------------------------------------------------------


def mechanisms(store: Store, meetings: Sequence[Meeting] | None = None) -> list[series.Mechanism]:
    return series.mechanisms(store.all_meetings() if meetings is None else meetings)


@dataclass
class MeetingDiff:
    mechanism: series.Mechanism
    diff: changes.Diff


def diff(store: Store, mechanism: str, earlier: str | None = None, later: str | None = None) -> MeetingDiff:
    """What changed between two meetings of a mechanism (default: its last two plenaries).

    ``earlier`` and ``later`` are ordinals of the plenary series ("4") or meeting slugs. By
    default the earlier is the last one before ``later`` of which something was read: meetings
    read with no measure are left out, and the diff says so (:attr:`changes.Diff.skipped`).
    """
    mech = series.find(mechanisms(store), mechanism)
    held = mech.plenaries or mech.meetings
    if later is not None:
        to = _pick(mech, later)
    elif held:
        to = held[-1]
    else:
        raise NotFound(f"no meeting of {mech.name} is stored")
    if earlier is not None:
        return MeetingDiff(mech, compare_meetings(store, stored(_pick(mech, earlier)), stored(to)))
    before = [m for m in held if series.order_key(m) < series.order_key(to) or _earlier_ordinal(m, to)]
    if not before:
        raise NotFound(f"{mech.name}: no meeting before {to.slug} is stored, so there is nothing to compare")
    start = len(before) - 1
    while start > 0 and not stored(before[start]).completeness.comparable:
        start -= 1
    skipped = [stored(m) for m in before[start + 1 :]]
    return MeetingDiff(mech, compare_meetings(store, stored(before[start]), stored(to), skipped))


def meeting_name(m: Meeting) -> str:
    """A meeting as sentences name it: "the Fifth plenary"."""
    return changes.meeting_name(m.kind, m.ordinal, m.slug)


def compare_meetings(store: Store, a: Meeting, b: Meeting, skipped: Sequence[Meeting] = ()) -> changes.Diff:
    """The diff of two stored meetings, knowing how completely each was read."""
    area_of = {m.key: area.position for area in [*a.areas, *b.areas] for m in area.measures}
    found = changes.diff(
        a, b, (a.measures, b.measures), (a.areas, b.areas), (a.agreements, b.agreements), area_of,
        link_decisions(store, [a, b]), (a.completeness, b.completeness), (meeting_name(a), meeting_name(b)),
    )  # fmt: skip
    for m in skipped:
        why = m.completeness.limit(meeting_name(m)) or f"{meeting_name(m)} is left out"
        found.skipped.append(f"{why[0].upper()}{why[1:]}; it is left out of the comparison")
        found.skipped_meetings.append(m)
    return found


def steps(store: Store, mech: series.Mechanism) -> list[changes.Diff]:
    """Each plenary compared with the one before it; a meeting of which nothing was read is left
    out (the next comparison says so), or, when it is the last, compared to say that it cannot be."""
    return [compare_meetings(store, *pair) for pair in step_pairs(mech)]


def step_pairs(mech: series.Mechanism) -> list[tuple[Meeting, Meeting, list[Meeting]]]:
    """What :func:`steps` compares, in order: each earlier meeting, later meeting and the meetings
    between them left out (nothing read of them), without comparing them (a page shows a few)."""
    out: list[tuple[Meeting, Meeting, list[Meeting]]] = []
    previous: Meeting | None = None
    skipped: list[Meeting] = []
    for m in (stored(x) for x in mech.plenaries):
        if previous is None or not m.completeness.comparable:
            if previous is None and m.completeness.comparable:
                previous = m
            elif previous is not None:
                skipped.append(m)
            continue
        out.append((previous, m, skipped))
        previous, skipped = m, []
    if previous is not None and skipped:
        out.append((previous, skipped[-1], skipped[:-1]))
    return out


def _earlier_ordinal(m: series.MeetingLike, to: series.MeetingLike) -> bool:
    return m.ordinal is not None and to.ordinal is not None and m.ordinal < to.ordinal and m.kind == to.kind


def _pick(mech: series.Mechanism, ref: str) -> series.MeetingLike:
    ref = ref.strip()
    for m in mech.meetings:
        if m.slug == ref:
            return m
    if ref.isdigit():
        numbered = [m for m in mech.plenaries if m.ordinal == int(ref)] or [
            m for m in mech.meetings if m.ordinal == int(ref)
        ]
        if numbered:
            return numbered[0]
    held = ", ".join(m.slug for m in mech.meetings)
    raise NotFound(f'{mech.name} has no meeting "{ref}" in the store (it has: {held})')


def stored(m: series.MeetingLike) -> Meeting:
    """A meeting of a mechanism as the store loaded it (with its items and reports)."""
    found = snapshot.stored(m)
    if found is None:  # pragma: no cover - the store hands out Meetings
        raise TypeError(m)
    return found


def link_decisions(store: Store, meetings: Sequence[Meeting]) -> dict[tuple[str, str], changes.Decision]:
    """Users' link decisions about these meetings' measures, each end found by key or, after a
    re-parse changed its key, by its meeting and text."""
    rows = store.corrections(CorrectionKind.LINK_CONFIRMED, CorrectionKind.LINK_REJECTED)
    if not rows:
        return {}
    measures = [(meeting.slug, m) for meeting in meetings for m in meeting.measures]
    keys = {m.key for _, m in measures}
    out = []
    for r in rows:
        left = r.left if r.left in keys else changes.reattach(r.left_label, measures)
        right = r.right if r.right in keys else changes.reattach(r.right_label, measures)
        if left and right:
            out.append((r.kind, left, right, r.made_by, r.made_at.isoformat(), r.note))
    return changes.decisions_from(out)


def decide_link(store: Store, earlier: str, later: str, *, confirm: bool, by: str, note: str | None) -> Recorded:
    """Record that a later measure does (or does not) carry an earlier one over.

    Measures are given by key or by a unique prefix of at least six characters.
    """
    measures = [(meeting.slug, m) for meeting in store.all_meetings() for m in meeting.measures]
    (slug_a, first), (slug_b, second) = _measure(measures, earlier), _measure(measures, later)
    kind = CorrectionKind.LINK_CONFIRMED if confirm else CorrectionKind.LINK_REJECTED
    row = store.correct(
        kind, (first.key, changes.label(slug_a, first)), (second.key, changes.label(slug_b, second)), by=by, note=note
    )
    verdict = "carries over" if confirm else "does not carry over"
    return Recorded(f"recorded: {slug_b} #{second.position} {verdict} {slug_a} #{first.position}", row)


def _measure(measures: Sequence[tuple[str, Measure]], ref: str) -> tuple[str, Measure]:
    ref = ref.strip().casefold()
    if len(ref) < 6:
        raise CooptrackError(f'"{ref}": give at least six characters of a measure key (cooptrack diff shows them)')
    found = [(slug, m) for slug, m in measures if m.key.startswith(ref)]
    if not found:
        raise NotFound(f'no measure with key "{ref}" (cooptrack diff shows the keys)')
    if len(found) > 1:
        raise CooptrackError(f'"{ref}" is the start of {len(found)} measure keys; give more of it')
    return found[0]


# --- comparing partners, themes across the record ------------------------------------------------


@dataclass
class Comparison:
    """Two meetings side by side: each theme with the measures of either."""

    left: Meeting
    right: Meeting
    rows: list[tuple[str, list[Measure], list[Measure]]]


def compare(store: Store, first: str, second: str) -> Comparison:
    """Two partners' latest meetings (or two meetings, by slug) side by side by theme."""
    meetings = store.all_meetings()
    all_mechs = series.mechanisms(meetings)
    left, right = (_meeting_for(all_mechs, meetings, ref) for ref in (first, second))
    themes = [t.value for t in Theme]
    rows = []
    for theme in themes:
        a = [m for m in left.measures if (m.primary_theme or Theme.OTHER.value) == theme]
        b = [m for m in right.measures if (m.primary_theme or Theme.OTHER.value) == theme]
        if a or b:
            rows.append((theme, a, b))
    return Comparison(left, right, rows)


def _meeting_for(all_mechs: Sequence[series.Mechanism], meetings: Sequence[Meeting], ref: str) -> Meeting:
    """A meeting by slug, else the latest meeting of the mechanism a name or partner denotes."""
    for m in meetings:
        if m.slug == ref.strip():
            return m
    latest = series.find(all_mechs, ref).latest()
    if latest is None:  # pragma: no cover - a mechanism has at least one meeting
        raise NotFound(f'no meeting of "{ref}" is stored')
    return stored(latest)
