"""What changed from one meeting of a mechanism to the next: areas, measures, agreements.

A later measure *carries over* an earlier one when their wording is close enough: the score is
rapidfuzz's token-set and token-sort ratios (averaged) over the measures' content words, the
words left when case, punctuation and the genre's stock phrases ("the two sides will") are set
aside. Pairs are linked best first, one to one, ties broken by position, so the result never
depends on anything but the texts. Every link says why it was made: its score, or a user's
decision; users' decisions (:class:`Decisions`) override the score either way. A measure carried
over is *unchanged* when only case, punctuation and spacing differ, else *reworded* (a changed
number is a rewording), shown word by word.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

import rapidfuzz
from rapidfuzz import fuzz

from cooptrack import fingerprint
from cooptrack.completeness import Completeness
from cooptrack.keys import normalise

LINK_MIN = 62.0  # a later measure at least this close to an earlier one carries it over
SCORES_VERSION = 1  # the shape of the scores kept by :func:`pair_key` (this module's code is in the key as well)
AREA_MIN = 70.0  # two area headings at least this close are the same area (renamed if not equal)

# Words every measure of the genre uses; they say nothing about which measure it is.
_STOP = frozenset(
    """a an the and or of to in on for with by at from as into its their both two sides side will would
    shall also further continue continued continuing to be is are was were this that these those such other
    hong kong mainland province provincial government governments co operation cooperation actively
    promote promoting strengthen strengthening enhance enhancing deepen deepening support supporting
    """.split()
)


class MeasureLike(Protocol):
    """What a measure needs to be compared (a stored Measure is one)."""

    @property
    def key(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def position(self) -> int: ...
    @property
    def themes(self) -> list[str]: ...


class AreaLike(Protocol):
    @property
    def heading(self) -> str | None: ...
    @property
    def position(self) -> int: ...
    @property
    def themes(self) -> list[str]: ...


class AgreementLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def position(self) -> int: ...


def content_words(text: str) -> list[str]:
    """The words of a text that tell one measure from another, in order."""
    return [w for w in re.findall(r"[a-z0-9$]+", text.casefold().replace("-", " ")) if w not in _STOP]


@functools.lru_cache(maxsize=65_536)
def _content(text: str) -> str:
    """A text's content words joined by spaces (remembered: a measure is compared with many)."""
    return " ".join(content_words(text))


def similarity(a: str, b: str) -> float:
    """How alike two measures are worded, 0 to 100 (100: the same content words in the same order)."""
    ta, tb = _content(a), _content(b)
    if not ta or not tb:
        return 100.0 if ta == tb else 0.0
    return round((fuzz.token_set_ratio(ta, tb) + fuzz.token_sort_ratio(ta, tb)) / 2, 1)


Alike = tuple[tuple[int, int, float], ...]  # what _alike gives: (earlier index, later index, score)


@functools.lru_cache(maxsize=8192)
def _alike(earlier: tuple[str, ...], later: tuple[str, ...]) -> Alike:
    """The pairs ``(i, j, score)`` of ``earlier[i]`` and ``later[j]`` worded at least
    :data:`LINK_MIN` alike, remembered by their texts: the commitments are followed again after
    every write to the store, and most pairs of meetings are as they were (at 10,000 pages,
    372,135 pairs of measures scored for 2,861 pairs of meetings)."""
    return tuple(
        (i, j, score)
        for i, a in enumerate(earlier)
        for j, b in enumerate(later)
        if (score := similarity(a, b)) >= LINK_MIN
    )


def pair_key(earlier: Sequence[str], later: Sequence[str]) -> str:
    """What the scores of two meetings' measures are kept under: a hash of both lists of texts, in
    order, and of how they are scored (this module's code, rapidfuzz's version, :data:`LINK_MIN`)."""
    h = hashlib.blake2b(digest_size=16)
    how = f"{SCORES_VERSION} {fingerprint.module('knowledge/changes.py')} {rapidfuzz.__version__} {LINK_MIN}"
    h.update(f"{how} {len(earlier)} {len(later)}\x1d".encode())
    h.update("\x1f".join(earlier).encode())
    h.update(b"\x1e")
    h.update("\x1f".join(later).encode())
    return h.hexdigest()


def pack(found: Alike) -> bytes | None:
    """``found`` as little-endian unsigned 16-bit triples (the score times ten: scores have one
    decimal); None when an index does not fit."""
    flat = array("H")
    for i, j, score in found:
        if i > 0xFFFF or j > 0xFFFF:
            return None
        flat.extend((i, j, round(score * 10)))
    if sys.byteorder == "big":
        flat.byteswap()
    return flat.tobytes()


def unpack(packed: bytes) -> Alike:
    """What :func:`pack` packed."""
    flat = array("H")
    flat.frombytes(packed)
    if sys.byteorder == "big":
        flat.byteswap()
    return tuple((flat[k], flat[k + 1], flat[k + 2] / 10) for k in range(0, len(flat), 3))


@dataclass
class Scores:
    """Scores of pairs of meetings kept from an earlier process (by :func:`pair_key`), and those
    worked out here that were not (``fresh``, for the caller to keep)."""

    kept: Mapping[str, bytes] = field(default_factory=dict)
    fresh: dict[str, bytes] = field(default_factory=dict)

    def alike(self, earlier: tuple[str, ...], later: tuple[str, ...]) -> Alike:
        key = pair_key(earlier, later)
        packed = self.kept.get(key)
        if packed is not None:
            return unpack(packed)
        found = _alike(earlier, later)
        if key not in self.fresh and (packed := pack(found)) is not None:
            self.fresh[key] = packed
        return found


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Decision:
    """A user's decision on a link between an earlier measure and a later one."""

    verdict: Verdict
    made_by: str
    made_at: str
    note: str | None = None


Decisions = Mapping[tuple[str, str], Decision]  # (earlier key, later key) -> the latest decision


@dataclass(frozen=True)
class Link:
    """A later measure carrying an earlier one over, and why the tool thinks so."""

    earlier: MeasureLike
    later: MeasureLike
    score: float
    decision: Decision | None = None

    @property
    def unchanged(self) -> bool:
        """The same words: only case, punctuation and spacing differ (a changed number is a rewording)."""
        return normalise(self.earlier.text) == normalise(self.later.text)

    @property
    def basis(self) -> str:
        if self.decision is not None:
            return f"confirmed by {self.decision.made_by} on {self.decision.made_at[:10]}"
        return f"wording {self.score:.0f}% alike (threshold {LINK_MIN:.0f}%)"

    def wording(self) -> str:
        """The later wording against the earlier, word by word: ``[-removed-]{+added+}``."""
        return word_diff(self.earlier.text, self.later.text)


def link_measures(
    earlier: Sequence[MeasureLike],
    later: Sequence[MeasureLike],
    decisions: Decisions | None = None,
    scores: Scores | None = None,
) -> list[Link]:
    """One-to-one links from earlier measures to later ones: confirmed links first, then by score
    (``scores``: the scores kept so far, else worked out here)."""
    decisions = decisions or {}
    alike = scores.alike if scores is not None else _alike
    links: list[Link] = []
    used_earlier: set[str] = set()
    used_later: set[str] = set()
    by_key_e = {m.key: m for m in earlier}
    by_key_l = {m.key: m for m in later}
    for (ek, lk), decision in sorted(decisions.items()):
        if decision.verdict is Verdict.CONFIRMED and ek in by_key_e and lk in by_key_l:
            if ek in used_earlier or lk in used_later:
                continue
            e, lt = by_key_e[ek], by_key_l[lk]
            links.append(Link(e, lt, similarity(e.text, lt.text), decision))
            used_earlier.add(ek)
            used_later.add(lk)
    candidates = []
    left = [e for e in earlier if e.key not in used_earlier]
    right = [lt for lt in later if lt.key not in used_later]
    for i, j, score in alike(tuple(e.text for e in left), tuple(lt.text for lt in right)):
        e, lt = left[i], right[j]
        standing = decisions.get((e.key, lt.key))
        if standing is not None and standing.verdict is Verdict.REJECTED:
            continue
        candidates.append((-score, lt.position, e.position, e, lt, score))
    for *_, e, lt, score in sorted(candidates, key=lambda c: c[:3]):
        if e.key in used_earlier or lt.key in used_later:
            continue
        links.append(Link(e, lt, score))
        used_earlier.add(e.key)
        used_later.add(lt.key)
    return sorted(links, key=lambda link: link.later.position)


def word_diff(old: str, new: str) -> str:
    """``new`` with the words it lost from ``old`` as ``[-…-]`` and the words it gained as ``{+…+}``."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += b[j1:j2]
            continue
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


# --- areas and agreements -----------------------------------------------------------------------


@dataclass(frozen=True)
class AreaChange:
    """An area of either meeting: kept (same heading), renamed, added or dropped."""

    status: str  # "kept", "renamed", "added", "dropped"; "unmatched" when the other meeting was read partly
    earlier: AreaLike | None
    later: AreaLike | None
    score: float | None = None
    basis: str = ""


def match_areas(
    earlier: Sequence[AreaLike], later: Sequence[AreaLike], carried: Mapping[tuple[int, int], int] | None = None
) -> list[AreaChange]:
    """Pair the areas of two meetings by heading, else by the measures carried from one to the other.

    ``carried`` counts measures linked from earlier area position to later area position. Areas
    without headings (the release lost them) are paired by carried measures only.
    """
    carried = carried or {}
    pairs: list[tuple[float, int, int, AreaLike, AreaLike, str]] = []
    for e in earlier:
        for lt in later:
            heading = _heading_score(e.heading, lt.heading)
            shared = carried.get((e.position, lt.position), 0)
            if heading >= AREA_MIN:
                basis = f"headings {heading:.0f}% alike" + (f", {_measures(shared)} carried over" if shared else "")
                pairs.append((heading + shared, e.position, lt.position, e, lt, basis))
            elif shared >= 2 or (shared and set(e.themes) & set(lt.themes)):
                pairs.append((float(shared), e.position, lt.position, e, lt, f"{_measures(shared)} carried over"))
    out: list[AreaChange] = []
    seen_e: set[int] = set()
    seen_l: set[int] = set()
    for score, ep, lp, e, lt, basis in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if ep in seen_e or lp in seen_l:
            continue
        seen_e.add(ep)
        seen_l.add(lp)
        same = _norm(e.heading) == _norm(lt.heading) and e.heading is not None
        out.append(AreaChange("kept" if same else "renamed", e, lt, score, basis))
    out += [AreaChange("added", None, lt) for lt in later if lt.position not in seen_l]
    out += [AreaChange("dropped", e, None) for e in earlier if e.position not in seen_e]
    return sorted(out, key=lambda c: (c.later.position if c.later else 10_000, c.earlier.position if c.earlier else 0))


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def _heading_score(a: str | None, b: str | None) -> float:
    """How alike two headings are, by their content words ("co-operation" says nothing)."""
    if not a or not b:
        return 0.0
    return similarity(a, b)


def _measures(n: int) -> str:
    return f"{n} measure{'s' * (n != 1)}"


@dataclass(frozen=True)
class AgreementChange:
    status: str  # "new" (signed at the later meeting), "renewed" (a like-titled one was signed before)
    agreement: AgreementLike
    earlier: AgreementLike | None = None


def agreement_changes(earlier: Sequence[AgreementLike], later: Sequence[AgreementLike]) -> list[AgreementChange]:
    """The later meeting's agreements, each new or renewing a like-titled earlier one."""
    out = []
    for g in later:
        best = max(earlier, key=lambda e: fuzz.token_sort_ratio(_norm(e.title), _norm(g.title)), default=None)
        if best is not None and fuzz.token_sort_ratio(_norm(best.title), _norm(g.title)) >= 85:
            out.append(AgreementChange("renewed", g, best))
        else:
            out.append(AgreementChange("new", g))
    return out


# --- the whole diff -----------------------------------------------------------------------------


class MeetingLike(Protocol):
    @property
    def slug(self) -> str: ...


_ORDINAL_WORDS = ("", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")
_KIND_NAMES = {
    "plenary": "plenary",
    "high_level_meeting_cum_plenary": "high-level meeting cum plenary",
    "high_level_meeting": "high-level meeting",
    "working_meeting": "working meeting",
}


def ordinal_word(n: int | None) -> str:
    """The ordinal in words: Fifth for 5, 21st for 21, nothing for None."""
    if n is None:
        return ""
    if n < len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n]
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_name(kind: str | None, ordinal: int | None, slug: str) -> str:
    """A meeting as a sentence names it: "the Fifth plenary"; its slug when it has no number."""
    if ordinal is None:
        return slug
    return f"the {ordinal_word(ordinal)} {_KIND_NAMES.get(kind or '', 'meeting')}"


@dataclass
class Diff:
    """What changed from ``earlier`` to ``later`` (two meetings of one mechanism).

    A measure is *new* only when the earlier meeting was read completely, *dropped* only when
    the later one was: otherwise it is in ``not_found_earlier`` / ``not_found_later`` (it may be
    in the part not read), and :meth:`limits` says which meeting was read partly and why.
    """

    earlier: MeetingLike
    later: MeetingLike
    areas: list[AreaChange] = field(default_factory=list)
    carried: list[Link] = field(default_factory=list)
    new: list[MeasureLike] = field(default_factory=list)
    dropped: list[MeasureLike] = field(default_factory=list)
    agreements: list[AgreementChange] = field(default_factory=list)
    not_found_earlier: list[MeasureLike] = field(default_factory=list)  # later measures; the earlier read partly
    not_found_later: list[MeasureLike] = field(default_factory=list)  # earlier measures; the later read partly
    names: tuple[str, str] = ("", "")  # how the meetings are named in sentences ("the Fifth plenary")
    reading: tuple[Completeness | None, Completeness | None] = (None, None)
    skipped: list[str] = field(default_factory=list)  # meetings between the two left out, and why
    skipped_meetings: list[MeetingLike] = field(default_factory=list)  # those meetings

    @property
    def unchanged(self) -> list[Link]:
        return [link for link in self.carried if link.unchanged]

    @property
    def reworded(self) -> list[Link]:
        return [link for link in self.carried if not link.unchanged]

    @property
    def comparable(self) -> bool:
        """Whether any measure could be compared (something of both meetings was read)."""
        return all(r is None or r.comparable for r in self.reading)

    def limits(self) -> list[str]:
        """Which meeting was read partly and what that forbids: one sentence each (none if both whole)."""
        out = []
        for name, reading in zip(self._names(), self.reading, strict=True):
            said = reading.limit(name) if reading is not None else None
            if said:
                out.append(said[0].upper() + said[1:])
        return out

    def read_whole(self, side: int) -> bool:
        """Whether the earlier (0) or later (1) meeting's release was read completely."""
        reading = self.reading[side]
        return reading is None or reading.complete

    def _names(self) -> tuple[str, str]:
        return (self.names[0] or self.earlier.slug, self.names[1] or self.later.slug)

    def summary(self) -> str:
        """``1 measure carried over unchanged, 3 reworded, 2 new, 1 dropped; 1 agreement signed``.

        A partly read meeting's counts say "not found in what was read of ..." instead of "new"
        or "dropped"; a meeting of which nothing was read gives only why it cannot be compared.
        """
        signed = len(self.agreements)
        agreements = f"{signed} agreement{'s' * (signed != 1)} signed"
        if not self.comparable:
            return "; ".join([*self.limits(), agreements])
        first, second = self._names()
        read = "" if self.read_whole(0) else "what was read of "
        new = (
            f"{len(self.new)} new"
            if not self.not_found_earlier
            else f"{len(self.not_found_earlier)} not found in {read}{first}"
        )
        read_later = "" if self.read_whole(1) else "what was read of "
        dropped = (f"{len(self.dropped)} dropped" if not self.not_found_later
                   else f"{len(self.not_found_later)} not found in {read_later}{second}")  # fmt: skip
        return (
            f"{_measures(len(self.unchanged))} carried over unchanged, {len(self.reworded)} reworded, "
            f"{new}, {dropped}; {agreements}"
        )


def diff(
    earlier: MeetingLike,
    later: MeetingLike,
    measures: tuple[Sequence[MeasureLike], Sequence[MeasureLike]],
    areas: tuple[Sequence[AreaLike], Sequence[AreaLike]],
    agreements: tuple[Sequence[AgreementLike], Sequence[AgreementLike]],
    area_of: Mapping[str, int] | None = None,
    decisions: Decisions | None = None,
    reading: tuple[Completeness | None, Completeness | None] = (None, None),
    names: tuple[str, str] = ("", ""),
) -> Diff:
    """Compare two meetings. ``area_of`` maps a measure key to its area's position (for renames);
    ``reading`` says how completely each was read (None: completely)."""
    links = link_measures(measures[0], measures[1], decisions)
    linked_e = {link.earlier.key for link in links}
    linked_l = {link.later.key for link in links}
    carried: dict[tuple[int, int], int] = {}
    if area_of:
        for link in links:
            pair = (area_of.get(link.earlier.key, -1), area_of.get(link.later.key, -1))
            carried[pair] = carried.get(pair, 0) + 1
    # A later measure is new only after a whole earlier release, an earlier one dropped only at a whole
    # later one; and neither beside a progress review, which reports on measures rather than agreeing them.
    reviewing = any(r is not None and r.progress_review for r in reading)
    whole = tuple((r is None or r.complete) and not reviewing for r in reading)
    new = [m for m in measures[1] if m.key not in linked_l]
    dropped = [m for m in measures[0] if m.key not in linked_e]
    area_changes = [
        AreaChange("unmatched", c.earlier, c.later, c.score, c.basis)
        if (c.status == "added" and not whole[0]) or (c.status == "dropped" and not whole[1])
        else c
        for c in match_areas(areas[0], areas[1], carried)
    ]
    return Diff(
        earlier=earlier,
        later=later,
        areas=area_changes,
        carried=links,
        new=new if whole[0] else [],
        dropped=dropped if whole[1] else [],
        agreements=agreement_changes(agreements[0], agreements[1]),
        not_found_earlier=[] if whole[0] else new,
        not_found_later=[] if whole[1] else dropped,
        names=names,
        reading=reading,
    )


def diff_json(d: Diff, measure: Callable[[MeasureLike], dict[str, Any]]) -> dict[str, Any]:
    """A diff as JSON (the command line's and the API's), each measure as ``measure`` writes it."""
    return {
        "earlier": d.earlier.slug,
        "later": d.later.slug,
        "summary": d.summary(),
        "comparable": d.comparable,
        "limits": d.limits(),
        "skipped": list(d.skipped),
        "completeness": {
            "earlier": d.reading[0].json() if d.reading[0] else None,
            "later": d.reading[1].json() if d.reading[1] else None,
        },
        "areas": [
            {
                "status": c.status,
                "earlier": c.earlier.heading if c.earlier else None,
                "later": c.later.heading if c.later else None,
                "basis": c.basis or None,
            }
            for c in d.areas
        ],
        "carried": [
            {
                "earlier": measure(link.earlier),
                "later": measure(link.later),
                "score": link.score,
                "unchanged": link.unchanged,
                "basis": link.basis,
                "wording": link.wording(),
            }
            for link in d.carried
        ],
        "new": [measure(m) for m in d.new],
        "dropped": [measure(m) for m in d.dropped],
        "not_found_earlier": [measure(m) for m in d.not_found_earlier],
        "not_found_later": [measure(m) for m in d.not_found_later],
        "agreements": [
            {"status": c.status, "title": c.agreement.title, "renews": c.earlier.title if c.earlier else None}
            for c in d.agreements
        ],
    }


def decisions_from(rows: Iterable[tuple[str, str, str, str, str, str | None]]) -> dict[tuple[str, str], Decision]:
    """The standing decisions from (kind, earlier key, later key, made_by, made_at, note) oldest first."""
    out: dict[tuple[str, str], Decision] = {}
    for kind, left, right, made_by, made_at, note in rows:
        verdict = Verdict.CONFIRMED if kind == "link_confirmed" else Verdict.REJECTED
        out[(left, right)] = Decision(verdict, made_by, made_at, note)
    return out


# --- users' decisions, kept across re-parses ----------------------------------------------------

REATTACH_MIN = 90.0  # a decision's measure is found again by text when its key changed


def label(slug: str, measure: MeasureLike) -> str:
    """What a decision remembers of a measure besides its key: its meeting and its text."""
    return f"{slug}\x1f{measure.text}"


def reattach(remembered: str, measures: Iterable[tuple[str, MeasureLike]]) -> str | None:
    """The key of the measure a decision meant, when its key changed (a parser upgrade reworded it).

    ``measures`` are (meeting slug, measure). Only a measure of the same meeting whose text is at
    least :data:`REATTACH_MIN` alike counts; otherwise the decision stays unattached (and is kept).
    """
    slug, _, text = remembered.partition("\x1f")
    best = max(((similarity(text, m.text), m.key) for s, m in measures if s == slug), default=None)
    return best[1] if best is not None and best[0] >= REATTACH_MIN else None
