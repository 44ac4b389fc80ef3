"""Commitments: one measure followed from meeting to meeting of its mechanism.

A measure that a later meeting carries over (a link :mod:`.changes` makes between consecutive
plenaries: confirmed by a user, or worded at least ``LINK_MIN`` alike and not rejected) is the same
*commitment*: first agreed at one meeting, *repeated* (the same words) or *reworded* (shown word by
word) at later ones, last seen at the latest. A user's confirmed link also joins meetings that are
not consecutive (a measure left out of one plenary and taken up again).

Users reshape commitments with decisions (:class:`Reshape`), replayed oldest first over the linked
chains, so that the latest decision about a pair stands and none is ever deleted:

- ``join A B``: the commitments of appearances A and B are one;
- ``split P X``: appearance X (whose predecessor was P) and the appearances after it are a
  commitment of their own.

A commitment is known by the key of its first appearance's measure. Status events stay recorded
on a measure (an appearance); the commitment's status is the latest event on any of its
appearances, so that marking one appearance implemented shows every appearance implemented.

Pure: works on anything shaped like the stored rows, with users' decisions passed in.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from cooptrack.keys import normalise
from cooptrack.knowledge import changes, series

STALE_DAYS = 365  # no status change for this long: stale
STALE_MEETINGS = 3  # still "agreed" at this many meetings of its mechanism (the first included): stale


class MeasureLike(changes.MeasureLike, Protocol):
    """What a measure needs to be followed (a stored Measure is one): what it needs to be compared,
    and its primary theme."""

    @property
    def primary_theme(self) -> str | None: ...


@dataclass(frozen=True)
class Reshape:
    """A user's decision to split a commitment at ``second`` (after ``first``) or to join two."""

    kind: str  # "split" or "join"
    first: str  # a measure key
    second: str  # a measure key
    made_by: str
    made_at: str  # ISO time
    note: str | None = None
    id: int = 0

    def describe(self) -> str:
        verb = "joined" if self.kind == "join" else "split"
        return f"{verb} by {self.made_by} on {self.made_at[:10]}" + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True, slots=True)
class Appearance:
    """A commitment at one meeting: the measure as that meeting worded it, and how it got there."""

    meeting: series.MeetingLike
    measure: MeasureLike
    how: str  # "first", "repeated" (same words as before), "reworded"
    basis: str = ""  # why it belongs: a link's basis, or a user's join
    previous: str = ""  # when reworded: the previous appearance's words

    @property
    def wording(self) -> str:
        """When reworded: the words against the previous appearance (``[-old-] {+new+}``), worked
        out when asked for (a page shows a few; a ledger holds tens of thousands)."""
        return changes.word_diff(self.previous, self.measure.text) if self.how == "reworded" else ""


@dataclass(slots=True)
class Commitment:
    """One measure across meetings: its appearances in the order held."""

    key: str
    mechanism: str
    partner: str | None
    appearances: Sequence[Appearance]
    held_since: int = 1  # meetings of its mechanism's series held since it was first agreed (that one included)
    decisions: Sequence[Reshape] = ()  # the users' joins and splits that shaped it

    @property
    def first(self) -> Appearance:
        return self.appearances[0]

    @property
    def last(self) -> Appearance:
        return self.appearances[-1]

    @property
    def text(self) -> str:
        """The latest wording."""
        return self.last.measure.text

    @property
    def primary_theme(self) -> str | None:
        return self.last.measure.primary_theme

    @property
    def themes(self) -> list[str]:
        return list(self.last.measure.themes)

    @property
    def keys(self) -> list[str]:
        return [a.measure.key for a in self.appearances]

    @property
    def repeats(self) -> int:
        return len(self.appearances) - 1


@dataclass
class Ledger:
    """Every commitment of the store, and the decisions that found none of their measures."""

    commitments: list[Commitment]
    unattached: list[Reshape] = field(default_factory=list)
    of_measure: dict[str, Commitment] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.of_measure = {k: c for c in self.commitments for k in c.keys}

    def find(self, ref: str) -> Commitment | None:
        """A commitment by its key or by the key of any appearance (or a unique start of six characters)."""
        ref = ref.strip().casefold()
        if ref in self.of_measure:
            return self.of_measure[ref]
        found = {id(c): c for k, c in self.of_measure.items() if len(ref) >= 6 and k.startswith(ref)}
        return next(iter(found.values())) if len(found) == 1 else None

    def counted(self, measure: object) -> bool:
        """Whether a measure stands for its commitment in counts (the latest appearance does)."""
        key = getattr(measure, "key", None)
        c = self.of_measure.get(key) if isinstance(key, str) else None
        return c is None or c.last.measure.key == key


def as_rows(found: Ledger) -> list[list[Any]]:
    """The ledger as plain lists (JSON): first every user's decision (once) and which found no
    measure, then each commitment, its appearances by their measures' keys and its decisions by
    their place in the first row: what :func:`from_rows` makes it again from (commitments kept for
    another process)."""
    reshapes: list[Reshape] = []
    index: dict[int, int] = {}

    def ref(r: Reshape) -> int:
        if id(r) not in index:
            index[id(r)] = len(reshapes)
            reshapes.append(r)
        return index[id(r)]

    commitments = [
        [c.key, c.mechanism, c.partner, c.held_since, [[a.measure.key, a.how, a.basis] for a in c.appearances],
         [ref(r) for r in c.decisions]]
        for c in found.commitments
    ]  # fmt: skip
    unattached = [ref(r) for r in found.unattached]
    head = [[[r.kind, r.first, r.second, r.made_by, r.made_at, r.note, r.id] for r in reshapes], unattached]
    return [head, *commitments]


def from_rows(
    rows: Iterable[Any], measures: Mapping[str, MeasureLike], meeting_of: Mapping[str, series.MeetingLike]
) -> Ledger:
    """The ledger :func:`as_rows` gave, read a row at a time, its appearances these measures (by
    key) at their meetings; KeyError for a measure not among them, ValueError without the first row."""
    rows = iter(rows)
    head = next(rows, None)
    if head is None:
        raise ValueError("no commitments kept")
    reshapes = [Reshape(*r) for r in head[0]]
    words: dict[str, str] = {}  # one string for each distinct word read (how, basis, mechanism, partner)
    out = []
    for key, mechanism, partner, held_since, appearances, decisions in rows:
        found: list[Appearance] = []
        for measure_key, how, basis in appearances:
            x = measures[measure_key]
            previous = found[-1].measure.text if how == "reworded" else ""
            how, basis = words.setdefault(how, how), words.setdefault(basis, basis)
            found.append(Appearance(meeting_of[measure_key], x, how, basis, previous))
        mechanism, partner = words.setdefault(mechanism, mechanism), partner and words.setdefault(partner, partner)
        first = measures[key].key  # the measure's own string, not a copy
        out.append(Commitment(first, mechanism, partner, tuple(found), held_since,
                              tuple(reshapes[i] for i in decisions)))  # fmt: skip
    return Ledger(out, [reshapes[i] for i in head[1]])


# --- building -----------------------------------------------------------------------------------


@dataclass
class _Groups:
    """Measure keys gathered into groups (commitments in the making)."""

    of: dict[str, int] = field(default_factory=dict)
    members: dict[int, list[str]] = field(default_factory=dict)
    _next: int = 0

    def new(self, key: str) -> None:
        self.of[key] = self._next
        self.members[self._next] = [key]
        self._next += 1

    def add(self, key: str, to: str) -> None:
        gid = self.of[to]
        self.of[key] = gid
        self.members[gid].append(key)

    def merge(self, a: str, b: str) -> None:
        ga, gb = self.of[a], self.of[b]
        for k in self.members.pop(gb):
            self.of[k] = ga
            self.members[ga].append(k)

    def cut(self, at: str, order: Callable[[str], tuple[int, ...]]) -> None:
        """``at`` and the members after it become a group of their own."""
        gid = self.of[at]
        members = sorted(self.members[gid], key=order)
        i = members.index(at)
        self.members[gid] = members[:i]
        self.new(members[i])
        for k in members[i + 1 :]:
            self.add(k, at)
        self.members[self.of[at]] = sorted(self.members[self.of[at]], key=order)


def build(
    mechanisms: Sequence[series.Mechanism],
    measures_of: Callable[[series.MeetingLike], Sequence[MeasureLike]],
    links: changes.Decisions | None = None,
    reshapes: Iterable[Reshape] = (),
    scores: changes.Scores | None = None,
) -> Ledger:
    """The commitments of these mechanisms: linked chains of measures, then users' reshapes
    (``scores``: pairs of meetings scored already, :func:`pair_keys`)."""
    links = links or {}
    groups = _Groups()
    measure: dict[str, MeasureLike] = {}
    meeting: dict[str, series.MeetingLike] = {}
    rank: dict[str, tuple[int, ...]] = {}
    linked: dict[str, changes.Link] = {}
    mech_of: dict[str, series.Mechanism] = {}
    chain_index: dict[str, tuple[int, int]] = {}  # key -> (chain length, index of its meeting in the chain)
    for mi, mech in enumerate(mechanisms):
        chain = _chain(mech)
        place = {id(m): i for i, m in enumerate(chain)}  # a meeting's index in the chain, looked up once
        for ci, m in enumerate(mech.meetings):
            at = place.get(id(m))
            for x in measures_of(m):
                measure[x.key], meeting[x.key], mech_of[x.key] = x, m, mech
                rank[x.key] = (mi, 1, ci, x.position) if at is None else (mi, 0, at, x.position)
                if at is not None:
                    chain_index[x.key] = (len(chain), at)
        for i, m in enumerate(chain):
            later = list(measures_of(m))
            if i > 0:
                before = measures_of(chain[i - 1])
                for link in _links(before, later, groups, (measure, meeting, rank), links, scores):
                    groups.add(link.later.key, link.earlier.key)
                    linked[link.later.key] = link
            for x in later:
                if x.key not in groups.of:
                    groups.new(x.key)
        for m in mech.meetings:
            if id(m) not in place:
                for x in measures_of(m):
                    groups.new(x.key)
    order = rank.__getitem__
    unattached, applied = _replay(reshapes, groups, order)
    out = []
    for members in groups.members.values():
        keys = sorted(members, key=order)
        mech = mech_of[keys[0]]
        length, index = chain_index.get(keys[0], (1, 0))
        out.append(
            Commitment(
                key=keys[0], mechanism=mech.name, partner=mech.partner,
                appearances=_appearances(keys, measure, meeting, linked, applied),
                held_since=length - index,
                decisions=tuple(r for r in applied.values() if r.first in keys or r.second in keys),
            )
        )  # fmt: skip
    out.sort(key=lambda c: order(c.key))
    return Ledger(out, unattached)


def pair_keys(
    mechanisms: Sequence[series.Mechanism], measures_of: Callable[[series.MeetingLike], Sequence[MeasureLike]]
) -> list[str]:
    """The keys (:func:`.changes.pair_key`) of the pairs of meetings :func:`build` scores when no
    user's decision reshapes them: each meeting of a chain and the one before it."""
    out = []
    for mech in mechanisms:
        texts = [tuple(x.text for x in measures_of(m)) for m in _chain(mech)]
        out += [changes.pair_key(a, b) for a, b in itertools.pairwise(texts)]
    return out


def _chain(mech: series.Mechanism) -> list[series.MeetingLike]:
    """The meetings whose measures are followed from one to the next: the plenaries, else every report."""
    return list(mech.plenaries) or sorted(
        (m for m in mech.meetings if m.document_kind == "report"), key=series.order_key
    )


def _links(
    before: Sequence[MeasureLike],
    later: Sequence[MeasureLike],
    groups: _Groups,
    known: tuple[Mapping[str, MeasureLike], Mapping[str, series.MeetingLike], Mapping[str, tuple[int, ...]]],
    links: changes.Decisions,
    scores: changes.Scores | None = None,
) -> list[changes.Link]:
    """Links from the commitments last seen among ``before`` (the previous meeting's measures, and any a
    user linked across a gap) to ``later``."""
    measure, meeting, rank = known

    def tail(key: str) -> str:
        return max(groups.members[groups.of[key]], key=rank.__getitem__)

    tails = {k: measure[k] for k in (tail(x.key) for x in before if x.key in groups.of)}
    later_keys = {x.key for x in later}
    decided: dict[tuple[str, str], changes.Decision] = {}
    for (ek, lk), d in links.items():
        if lk not in later_keys or ek not in groups.of:
            continue
        if d.verdict is not changes.Verdict.CONFIRMED:
            decided[(ek, lk)] = d  # a rejection is about these two measures only
            continue
        t = tail(ek)  # a confirmation carries the earlier measure's commitment over, wherever it was last seen
        if t not in tails and meeting[t] is not meeting[lk]:
            tails[t] = measure[t]
        decided[(t, lk)] = d
    return changes.link_measures(list(tails.values()), later, decided, scores)


def _replay(
    reshapes: Iterable[Reshape], groups: _Groups, order: Callable[[str], tuple[int, ...]]
) -> tuple[list[Reshape], dict[int, Reshape]]:
    """Apply users' joins and splits oldest first; those naming a measure not stored are unattached."""
    unattached: list[Reshape] = []
    applied: dict[int, Reshape] = {}
    for n, r in enumerate(reshapes):
        if r.first not in groups.of or r.second not in groups.of:
            unattached.append(r)
            continue
        same = groups.of[r.first] == groups.of[r.second]
        if r.kind == "join" and not same:
            groups.merge(r.first, r.second)
        elif r.kind == "split" and same and r.first != r.second:
            at = max(r.first, r.second, key=order)
            groups.cut(at, order)
        applied[r.id or -n - 1] = r
    return unattached, applied


def _appearances(
    keys: Sequence[str],
    measure: Mapping[str, MeasureLike],
    meeting: Mapping[str, series.MeetingLike],
    linked: Mapping[str, changes.Link],
    applied: Mapping[int, Reshape],
) -> list[Appearance]:
    out: list[Appearance] = []
    for i, k in enumerate(keys):
        x, m = measure[k], meeting[k]
        if i == 0:
            out.append(Appearance(m, x, "first"))
            continue
        prev = measure[keys[i - 1]]
        link = linked.get(k)
        if link is not None and link.earlier.key == prev.key:
            basis = link.basis if link.decision else f"wording {link.score:.0f}% alike"
        else:
            joins = [r for r in applied.values() if r.kind == "join" and k in (r.first, r.second)]
            basis = joins[-1].describe() if joins else "joined by a user"
        if normalise(prev.text) == normalise(x.text):
            out.append(Appearance(m, x, "repeated", basis))
        else:
            out.append(Appearance(m, x, "reworded", basis, prev.text))
    return out


# --- what a commitment has become -----------------------------------------------------------------


def meeting_day(m: series.MeetingLike) -> dt.date | None:
    """The day a meeting was held, else the last day of the latest year it can have been held."""
    if m.date is not None:
        return m.date
    return dt.date(m.year_to, 12, 31) if m.year_to is not None else None


@dataclass(frozen=True)
class Stale:
    """Why a commitment looks forgotten: ``quiet`` (no status change for ``count`` months since
    ``since``) or ``agreed`` (still agreed after ``count`` meetings)."""

    kind: str
    count: int
    since: dt.date | None = None

    def describe(self) -> str:
        if self.kind == "quiet":
            return f"no status change for {self.count} months (since {self.since})"
        return f"still agreed after {self.count} meetings"


def staleness(c: Commitment, status: str, changed: dt.date | None, today: dt.date) -> list[Stale]:
    """Why a commitment looks forgotten: no status change for 12 months; still agreed after three meetings.

    ``changed`` is the day of its latest status event (None: none was recorded, so the day it was
    first agreed counts).
    """
    out = []
    since = changed or meeting_day(c.first.meeting)
    if since is not None and (today - since).days >= STALE_DAYS:
        months = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
        out.append(Stale("quiet", months, since))
    if status == "agreed" and c.held_since >= STALE_MEETINGS:
        out.append(Stale("agreed", c.held_since))
    return out
