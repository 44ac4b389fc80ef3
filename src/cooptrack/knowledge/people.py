"""One person across spellings and posts, as the Popolo / Open Civic Data standard models people.

Every person named in a stored meeting is an *appearance* (name as written, post, side, roles,
meeting, span). Appearances are gathered into people by rules that each leave a reason:

1. the same name once honorifics, case and hyphens are set aside ("Choi Yuk Lin", "Dr Choi
   Yuk-lin"), on the same side;
2. the same Hong Kong principal official in the terms-of-office table (``officials``), under
   any of the names the table knows ("Carrie Lam", "Carrie Lam Cheng Yuet-ngor");
3. a shortened name ("Erick Tsang" of "Erick Tsang Kwok-wai": its first or last words, see
   :func:`.officials.shortens`) when exactly one person stored fits it; if two or more fit,
   nothing is merged and the doubt is shown;
   a name written in Chinese is the same name in either script (王偉中, 王伟中), and a Mainland or
   Central official's Chinese name is the English spelling that is its pinyin ("Wang Weizhong",
   :mod:`.names_zh`) when exactly one fits on each side; a principal official's Chinese name is in
   the terms-of-office table;
4. users' decisions: ``same_person`` joins two names, ``different_people`` keeps two apart
   (over rules 1–3). Decisions are keyed by :func:`name_key`, so they outlive re-ingests.

The memberships (post held, from when to when) come from the releases (first and last meeting
where the person is named with that post) and, for principal officials, from the table.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from cooptrack.knowledge import names_zh, officials, reports

HK_GOVERNMENT = "Government of the Hong Kong Special Administrative Region"
CENTRAL_GOVERNMENT = "Central People's Government"


class PersonRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def honorific(self) -> str | None: ...
    @property
    def post(self) -> str | None: ...
    @property
    def side(self) -> str | None: ...
    @property
    def roles(self) -> list[str]: ...
    @property
    def span(self) -> tuple[int, int] | None: ...


class MeetingRow(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def mechanism(self) -> str | None: ...
    @property
    def partner(self) -> str | None: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def date_text(self) -> str | None: ...
    @property
    def year_from(self) -> int | None: ...
    @property
    def year_to(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Appearance:
    """A person named in one meeting's record."""

    name: str
    honorific: str | None
    post: str | None
    side: str | None
    roles: tuple[str, ...]
    meeting: MeetingRow
    span: tuple[int, int] | None
    signed: tuple[str, ...] = ()  # titles of the agreements this person signed there

    @property
    def key(self) -> str:
        return person_key(self.name, self.side, self.meeting.partner)

    @property
    def when(self) -> str:
        """The meeting's date; without a stated year, the date as written and the years possible."""
        m = self.meeting
        if m.date:
            return m.date.isoformat()
        years = None
        if m.year_from is not None:
            years = f"{m.year_from}?" if m.year_from == m.year_to else f"{m.year_from}–{m.year_to}?"
        if m.date_text:
            return f"{m.date_text}, {years or 'year unknown'}"
        return years or "year unknown"


@dataclass(frozen=True, slots=True)
class Membership:
    """A post held (Popolo membership): in which organisation, from when to when, on what basis."""

    post: str
    organization: str
    start: str | None  # ISO date or year, as far as the sources show
    end: str | None
    basis: str  # "terms of office table" or "named with this post in N releases"
    meetings: tuple[str, ...] = ()


@dataclass(slots=True)
class PersonRecord:
    """One person: a Popolo person with other names, memberships and appearances."""

    id: str
    name: str
    side: str | None
    # (sequences: tuples when read back as kept, one empty tuple for every empty one)
    other_names: Sequence[str] = ()
    appearances: Sequence[Appearance] = ()
    memberships: Sequence[Membership] = ()
    reasons: Sequence[str] = ()  # why these names are one person
    doubts: Sequence[str] = ()  # names that may be this person, not merged
    keys: Sequence[str] = ()  # the name keys gathered here
    name_zh: str | None = None  # the name in Chinese, as the table or the Chinese releases write it

    @property
    def signed(self) -> list[tuple[str, str]]:
        return [(a.meeting.slug, title) for a in self.appearances for title in a.signed]

    def popolo(self) -> dict[str, object]:
        """The person in Popolo's JSON shape (with cooptrack's appearances and reasons)."""
        return {
            "id": f"person/{self.id}",
            "name": self.name,
            "name_zh": self.name_zh,
            "other_names": [{"name": n} for n in self.other_names],
            "side": self.side,
            "memberships": [
                {
                    "role": ms.post,
                    "organization_name": ms.organization,
                    "start_date": ms.start,
                    "end_date": ms.end,
                    "basis": ms.basis,
                    "meetings": list(ms.meetings),
                }
                for ms in self.memberships
            ],
            "appearances": [
                {
                    "meeting": a.meeting.slug,
                    "when": a.when,
                    "name": a.name,
                    "post": a.post,
                    "roles": list(a.roles),
                    "span": list(a.span) if a.span else None,
                    "signed": list(a.signed),
                }
                for a in self.appearances
            ],
            "merged_because": list(self.reasons),
            "not_merged": list(self.doubts),
        }


def as_rows(records: Sequence[PersonRecord]) -> list[list[Any]]:
    """The people as plain lists (JSON), each appearance naming its meeting by slug: what
    :func:`from_rows` makes them again from (people kept for another process)."""
    return [
        [p.id, p.name, p.name_zh, p.side, p.other_names, p.keys, p.reasons, p.doubts,
         [[ms.post, ms.organization, ms.start, ms.end, ms.basis, list(ms.meetings)] for ms in p.memberships],
         [[a.name, a.honorific, a.post, a.side, list(a.roles), a.meeting.slug, list(a.span) if a.span else None,
           list(a.signed)] for a in p.appearances]]
        for p in records
    ]  # fmt: skip


def from_rows(rows: Iterable[Sequence[Any]], meeting: Mapping[str, MeetingRow]) -> list[PersonRecord]:
    """The people :func:`as_rows` gave, their appearances at these meetings (by slug); KeyError for
    a meeting not among them.

    Every string read is held once however often it recurs (a post, a side, an organization, a
    date, a basis: 560,000 strings decoded at 10,000 pages, most of them repeats), and a meeting's
    slug is the meeting's own string."""
    seen: dict[str, str] = {}
    one = seen.setdefault  # one(text, text): the first string read with this text

    def maybe(value: str | None) -> str | None:
        return None if value is None else one(value, value)

    out = []
    for pid, name, name_zh, side, other_names, keys, reasons, doubts, memberships, appearances in rows:
        out.append(
            PersonRecord(
                id=pid, name=one(name, name), name_zh=name_zh, side=maybe(side), other_names=tuple(other_names),
                keys=tuple(one(k, k) for k in keys), reasons=tuple(reasons), doubts=tuple(one(d, d) for d in doubts),
                memberships=tuple(Membership(one(post, post), one(org, org), maybe(start), maybe(end),
                                             one(basis, basis), tuple(meeting[s].slug for s in held))
                                  for post, org, start, end, basis, held in memberships),
                appearances=tuple(Appearance(one(a_name, a_name), maybe(honorific), maybe(post), maybe(a_side),
                                             tuple(one(r, r) for r in roles), meeting[at],
                                             (span[0], span[1]) if span else None, tuple(one(t, t) for t in signed))
                                  for a_name, honorific, post, a_side, roles, at, span, signed in appearances),
            )
        )  # fmt: skip
    return out


_HONORIFICS = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|professor|prof|sir|dame|hon|the)\.?\s+)+", re.IGNORECASE)


@functools.lru_cache(maxsize=65_536)  # asked again and again for the same names while gathering
def name_key(name: str) -> str:
    """A name compared for identity: honorific, case, hyphens and spacing set aside."""
    return officials.name_key(_HONORIFICS.sub("", name.strip()))


_SCOPE = " @"  # between a Mainland official's name key and the partner they were named with


def person_key(name: str, side: str | None, partner: str | None) -> str:
    """Who an appearance may be: its name key, and for a Mainland official also the partner.

    Chinese names repeat: a "Wang Wei" of Hubei and a "Wang Wei" of Beijing are two people until
    a user says otherwise, so a Mainland name is only ever compared within one partner's meetings.
    A user names such a person "Wang Wei (Hubei)".
    """
    key = name_key(name)
    if side == "Mainland" and partner:
        return f"{key}{_SCOPE}{officials.name_key(partner)}"
    return key


def query_key(query: str) -> str:
    """The key a user means: "Wang Wei (Hubei)" is the Mainland official named with Hubei."""
    m = re.fullmatch(r"\s*(?P<name>.+?)\s*\((?P<partner>[^()]+)\)\s*", query)
    if m:
        return f"{name_key(m['name'])}{_SCOPE}{officials.name_key(m['partner'])}"
    return name_key(query)


def bare(key: str) -> str:
    """The name part of a person key."""
    return key.split(_SCOPE)[0]


def _scope(key: str) -> str:
    return key.partition(_SCOPE)[2]


def _words(key: str) -> list[str]:
    return key.split()


_shortens = officials.shortens


class _Groups:
    """Union-find over name keys, each union with its reason, never across a user's split.

    Each group keeps its members (the smaller list joins the larger), so that listing a group and
    checking a user's splits cost the group's size, not the number of keys: gathering stays
    O(n log n) in the number of names.
    """

    def __init__(self, keys: Iterable[str], apart: set[frozenset[str]]) -> None:
        self.parent = {k: k for k in keys}
        self.order = {k: i for i, k in enumerate(self.parent)}
        self._members: dict[str, list[str]] = {k: [k] for k in self.parent}
        self.reasons: dict[str, list[str]] = {k: [] for k in self.parent}
        self.apart: dict[str, set[str]] = {}
        for pair in apart:
            if len(pair) == 2:
                x, y = pair
                self.apart.setdefault(x, set()).add(y)
                self.apart.setdefault(y, set()).add(x)

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def members(self, root: str) -> list[str]:
        """The keys of ``root``'s group, in the order they were given."""
        return sorted(self._members[self.find(root)], key=self.order.__getitem__)

    def join(self, a: str, b: str, reason: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, other = (ra, rb) if len(self._members[ra]) <= len(self._members[rb]) else (rb, ra)
        if any(y in self.parent and self.find(y) == other for x in self._members[small] for y in self.apart.get(x, ())):
            return False
        self.parent[rb] = ra
        self.reasons[ra] += [*self.reasons.pop(rb), reason]
        joined, moved = self._members.pop(rb), self._members[ra]
        if len(joined) > len(moved):
            joined, moved = moved, joined
        moved.extend(joined)
        self._members[ra] = moved
        return True


@dataclass(frozen=True)
class PeopleDecisions:
    """Users' decisions, by name key: pairs that are one person, pairs that are two."""

    same: Sequence[tuple[str, str, str]] = ()  # (key, key, "by whom, when, note")
    different: Sequence[tuple[str, str, str]] = ()


def gather(appearances: Sequence[Appearance], decisions: PeopleDecisions | None = None) -> list[PersonRecord]:
    """The people behind these appearances, each with why its names were judged one person."""
    decisions = decisions or PeopleDecisions()
    by_key: dict[str, list[Appearance]] = {}
    for a in appearances:
        by_key.setdefault(a.key, []).append(a)
    apart = {frozenset((left, right)) for left, right, _ in decisions.different}
    groups = _Groups(by_key, apart)
    for left, right, who in decisions.same:
        if left in by_key and right in by_key:
            said = f"{_label(by_key, left)} and {_label(by_key, right)} are one person: decided by {who}"
            groups.join(left, right, said)
    _join_officials(groups, by_key)
    doubts = _join_shortened(groups, by_key)
    scopes = {k: (apps[0].name, apps[0].side, _scope(k)) for k, apps in by_key.items()}
    for left, right, why in names_zh.pinyin_pairs(scopes, doubts, find=groups.find):
        groups.join(left, right, why)
    _same_name_elsewhere(groups, by_key, doubts)
    people = [_person(groups, root, by_key, doubts) for root in {groups.find(k) for k in by_key}]
    holder = {k: i for i, person in enumerate(people) for k in person.keys}
    for left, right, who in decisions.different:
        for person in [people[i] for i in sorted({holder[k] for k in (left, right) if k in holder})]:
            if left in person.keys or right in person.keys:
                other = right if left in person.keys else left
                if other in by_key:
                    why = f"not the same person as {_label(by_key, other)}: decided by {who}"
                    person.reasons = [*person.reasons, why]
    people.sort(key=lambda p: (p.side or "~", p.name, p.keys))
    taken: Counter[str] = Counter()
    for person in people:  # two people of one name (kept apart by a user) get ids of their own
        taken[person.id] += 1
        if taken[person.id] > 1:
            person.id = f"{person.id}-{taken[person.id]}"
    return people


def _label(by_key: Mapping[str, Sequence[Appearance]], key: str) -> str:
    return f'"{by_key[key][0].name}"'


@functools.cache
def _official_words() -> frozenset[str]:
    return frozenset(w for t in officials.table() for n in t.names for w in officials.name_key(n).split())


@functools.lru_cache(maxsize=1 << 16)
def _terms_of(name: str) -> list[officials.Term]:
    """:func:`.officials.terms_of`, without comparing with each name of the table a name that holds a
    word none of them has (every name a table name fits is made of that name's words)."""
    words = {w for w in officials.name_key(name).split() if len(w) > 1}
    if not words <= _official_words():
        return []
    return officials.terms_of(name)


def _join_officials(groups: _Groups, by_key: Mapping[str, Sequence[Appearance]]) -> None:
    """Names the terms-of-office table knows as one official are one person."""
    seen: dict[str, str] = {}
    for key, apps in sorted(by_key.items()):
        if not any(a.side in (None, "HK") for a in apps):
            continue
        terms = _terms_of(apps[0].name)
        if not terms:
            continue
        canonical = terms[0].person
        if canonical in seen and groups.find(seen[canonical]) != groups.find(key):
            groups.join(
                seen[canonical],
                key,
                f"{_label(by_key, seen[canonical])} and {_label(by_key, key)} are both {canonical} "
                "in the table of principal officials' terms of office",
            )
        seen.setdefault(canonical, key)


def _strong(key: str) -> tuple[str, ...]:
    """A name key's words of two letters or more (what :func:`.officials.shortens` compares)."""
    return tuple(w for w in key.split() if len(w) > 1)


def _shortened_index(keys: Sequence[str]) -> dict[tuple[str, tuple[str, ...]], list[str]]:
    """Each key under every shortened form it could have (within its partner): its first and last
    two or more words, and all its words (a form that drops only initials).

    A name of w words has at most 2w such forms, so the index is linear in the names, and the
    names a short one may shorten are one look-up away (instead of a comparison with every name).
    """
    index: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for long in keys:
        words, scope = _strong(bare(long)), _scope(long)
        forms = {words, *(words[:n] for n in range(2, len(words))), *(words[-n:] for n in range(2, len(words)))}
        for form in forms:
            index.setdefault((scope, form), []).append(long)
    return index


def _join_shortened(groups: _Groups, by_key: Mapping[str, Sequence[Appearance]]) -> dict[str, list[str]]:
    """A short name joins the one longer name it shortens; with several candidates, none (a doubt)."""
    doubts: dict[str, list[str]] = {}
    keys = sorted(by_key)
    index = _shortened_index(keys)
    sides_of = {k: {a.side for a in apps} for k, apps in by_key.items()}
    for short in keys:
        sides = sides_of[short]
        fits = [
            long
            for long in index.get((_scope(short), _strong(bare(short))), ())  # sorted, as keys are
            if _shortens(bare(short), bare(long)) and sides & sides_of[long]
        ]
        if any(groups.find(long) == groups.find(short) for long in fits):
            continue  # already one person with a name it shortens (a user said so, or the table)
        roots = {groups.find(k) for k in fits}
        if len(roots) == 1:
            long = fits[0]
            groups.join(
                long,
                short,
                f"{_label(by_key, short)} is {_label(by_key, long)} without "
                f"{' '.join(w for w in _words(bare(long)) if w not in _words(bare(short)))!r}, "
                "and no other person stored fits",
            )
        elif len(roots) > 1:
            names = " or ".join(_label(by_key, k) for k in fits)
            for k in [short, *fits]:
                doubts.setdefault(groups.find(k), []).append(
                    f"{_label(by_key, short)} could be {names}: not merged (several fit)"
                )
    return doubts


def _same_name_elsewhere(
    groups: _Groups, by_key: Mapping[str, Sequence[Appearance]], doubts: dict[str, list[str]]
) -> None:
    """A Mainland name met with two partners: two people, each told of the other."""
    by_name: dict[str, list[str]] = {}
    for key in sorted(by_key):
        by_name.setdefault(bare(key), []).append(key)
    for keys in by_name.values():
        scoped = [k for k in keys if _scope(k)]
        if len(scoped) < 2:
            continue
        for k in scoped:
            if all(groups.find(o) == groups.find(k) for o in scoped):
                continue  # a user said they are one
            others = "; ".join(f"{by_key[o][0].meeting.partner}" for o in scoped if groups.find(o) != groups.find(k))
            name = by_key[k][0].name
            doubts.setdefault(groups.find(k), []).append(
                f'"{name}" is also named at meetings with {others}: not merged (a Mainland name is compared '
                f'within one partner; say "{name} ({by_key[k][0].meeting.partner})" to decide)'
            )


def _person(
    groups: _Groups, root: str, by_key: Mapping[str, Sequence[Appearance]], doubts: Mapping[str, list[str]]
) -> PersonRecord:
    keys = groups.members(root)
    apps = sorted((a for k in keys for a in by_key[k]), key=_when_key)
    names = Counter(a.name for a in apps)
    terms = next((found for a in apps if (found := _terms_of(a.name))), [])
    latin = [n for n in names if not names_zh.is_chinese(n)] or list(names)
    name = terms[0].person if terms else max(latin, key=lambda n: (len(n.split()), names[n], n))
    chinese = [n for n in names if names_zh.is_chinese(n)]
    name_zh = next((t.name_zh for t in terms if t.name_zh), None) or (
        max(chinese, key=lambda n: (names[n], n)) if chinese else None
    )
    sides = Counter(a.side for a in apps if a.side)
    reasons = list(groups.reasons.get(root, []))
    same_written = [k for k in keys if len({a.name for a in by_key[k]}) > 1]
    for k in same_written:
        spellings = " and ".join(f'"{n}"' for n in sorted({a.name for a in by_key[k]}))
        folded = (
            "Traditional and Simplified characters are folded"
            if names_zh.is_chinese(k)
            else ("case, hyphens and honorifics are set aside")
        )
        reasons.insert(0, f"{spellings} are the same name once {folded}")
    if terms and name not in names:
        written = " and ".join(f'"{n}"' for n in sorted(names))
        reasons.append(f"{written} is {name} in the table of principal officials' terms of office")
    side = sides.most_common(1)[0][0] if sides else None
    scope = by_key[keys[0]][0].meeting.partner if all(_scope(k) for k in keys) else None
    return PersonRecord(
        id=_slug(f"{_slug(name) or names_zh.slug(name)} {scope or ''}"),
        name=name,
        name_zh=name_zh,
        side=side,
        other_names=sorted(n for n in names if n != name),
        appearances=apps,
        memberships=_memberships(apps, terms, side),
        reasons=reasons,
        doubts=sorted({d for k in keys for d in doubts.get(groups.find(k), [])}),
        keys=sorted(keys),
    )


def _when_key(a: Appearance) -> tuple[int, dt.date, str]:
    m = a.meeting
    year = m.date.year if m.date else (m.year_from if m.year_from is not None else 9999)
    return (year, m.date or dt.date.max, m.slug)


def _memberships(apps: Sequence[Appearance], terms: Sequence[officials.Term], side: str | None) -> list[Membership]:
    """Posts from the table (for principal officials), then posts as the releases name them."""
    out = [
        Membership(t.post, HK_GOVERNMENT, t.start.isoformat(), t.end.isoformat() if t.end else None,
                   "terms of office table")
        for t in terms
    ]  # fmt: skip
    by_post: dict[str, list[Appearance]] = {}
    for a in apps:
        if a.post:
            match = next((p for p in by_post if _same_post(p, a.post)), a.post)
            by_post.setdefault(match, []).append(a)
    for post, held in by_post.items():
        if any(_same_post(post, t.post) for t in terms):
            continue  # the table says more than the releases do
        org = _organization(held[0], side)
        n = len({a.meeting.slug for a in held})
        out.append(
            Membership(post, org, held[0].when, held[-1].when, f"named with this post in {n} release{'s' * (n > 1)}",
                       tuple(dict.fromkeys(a.meeting.slug for a in held)))
        )  # fmt: skip
    return sorted(out, key=lambda ms: ms.start or "9999")


def _same_post(a: str, b: str) -> bool:
    return officials.same_post(a, b) or " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _organization(a: Appearance, side: str | None) -> str:
    if side == "HK":
        return HK_GOVERNMENT
    if side == "Central":
        return CENTRAL_GOVERNMENT
    return f"{a.meeting.partner} (Mainland)" if a.meeting.partner else "Mainland"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def find(people: Sequence[PersonRecord], query: str) -> list[PersonRecord]:
    """People whose name or other names match the query (a full name, or a shortened one)."""
    key = query_key(query)
    exact = [p for p in people if key in p.keys or key == name_key(p.name) or p.id == _slug(query)]
    if not exact:
        exact = [p for p in people if any(bare(k) == key for k in p.keys)]
    if exact:
        return exact
    return [p for p in people if any(_shortens(key, bare(k)) for k in p.keys) or _shortens(key, name_key(p.name))]


def search(people: Sequence[PersonRecord], query: str) -> list[PersonRecord]:
    """People whose names or posts hold every word of ``query`` ("Chan", "kwok", "Chief Secretary",
    "陳"), in any order and case, and those the query denotes as a whole name (:func:`find`: a
    shortened form, "Carrie Lam"); in the directory's order."""
    words = _folded(query).split()
    if not words:
        return list(people)
    named = {p.id for p in find(people, query)}
    return [p for p in people if p.id in named or all(w in _searched_text(p) for w in words)]


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _searched_text(p: PersonRecord) -> str:
    """What a directory search looks in: the names as written, the posts held and as written."""
    posts = [m.post for m in p.memberships] + [a.post or "" for a in p.appearances]
    names = [p.name, p.name_zh or "", *p.other_names, *(a.name for a in p.appearances)]
    return " | ".join(_folded(t) for t in dict.fromkeys([*names, *posts]) if t)


class AgreementRow(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def signatories(self) -> list[str]: ...


class MeetingWithPeople(MeetingRow, Protocol):
    @property
    def people(self) -> Sequence[PersonRow]: ...
    @property
    def agreements(self) -> Sequence[AgreementRow]: ...


def appearances(meetings: Iterable[MeetingWithPeople]) -> list[Appearance]:
    """Every person named in these meetings, with the agreements each signed there."""
    out = []
    for m in meetings:
        for p in m.people:
            key = name_key(p.name)
            signed = tuple(
                g.title
                for g in m.agreements
                if any(name_key(s) == key or _shortens(name_key(s), key) for s in g.signatories)
            )
            out.append(Appearance(p.name, p.honorific, p.post, p.side, tuple(p.roles), m, p.span, signed))
        written = {p.name for p in m.people}
        for q, signed in reports.other_people(m):  # the meeting's other reports, in another language too
            if q.name not in written:
                written.add(q.name)
                roles = tuple(r.value for r in q.roles)
                honorific, side = (x.value if x else None for x in (q.honorific, q.side))
                out.append(Appearance(q.name, honorific, q.post, side, roles, m, None, signed))
    return out
