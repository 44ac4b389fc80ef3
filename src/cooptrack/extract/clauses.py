"""The shape of a sentence's clauses around the people it names: who stands before a verb as its
subject, who is the object of another verb ("met X", "accompanied by X"), who follows a "by" or a
"with", and which people are joined into one group ("A and the Governor ..., Mr B").

People are given by their offsets (``spans``, in order); every reading looks at a bounded window
around its verb (``REACH``), so a sentence is read in time linear in its length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from cooptrack.extract import patterns as P
from cooptrack.screen import screen

Span = tuple[int, int]


def within(spans: Sequence[Span], ranges: list[Span]) -> set[int]:
    """The people named wholly inside any of ``ranges``."""
    return {i for a, b in ranges for i in between(spans, a, b)}


def clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` starts: after the last semicolon before it."""
    return text.rfind(";", 0, at) + 1


def people_before(text: str, spans: Sequence[Span], at: int) -> list[int]:
    """People named before ``at`` in its clause (from :func:`subject_floor`)."""
    return between(spans, subject_floor(text, spans, at), at)


def subject_floor(text: str, spans: Sequence[Span], at: int) -> int:
    """Where the subject of a verb at ``at`` may start: after the last semicolon, and after a new
    clause's conjunction followed by its own subject ("A and B attended, and Governor C and D
    co-chaired"; not "A met X, and co-chaired"). A subject stands within ``REACH`` characters of
    its verb."""
    floor = max(clause_start(text, at), at - REACH)
    for m in NEW_CLAUSE.finditer(text, floor, at):
        after = between(spans, m.end(), at)
        before = between(spans, floor, m.start())
        if not after or not before or not COORDINATION.fullmatch(text, m.end(), spans[after[0]][0]):
            continue
        if not COORDINATION.fullmatch(text, spans[before[-1]][1], m.start()):  # a verb ends the clause
            floor = m.end()
    # a subordinate clause whose subject is named right after its conjunction: "The crossing will open
    # ... after the Chief Secretary, A, and B presided over"; "with A and B co-chairing the session"
    participle = text[at : at + 40].split(" ", 1)[0].endswith("ing")
    for m in _SUBORDINATOR.finditer(text, floor, at):
        after = between(spans, m.end(), at)
        if not after or not COORDINATION.fullmatch(text, m.end(), spans[after[0]][0]):
            continue
        # "with" only before its own participle: not "held talks with X before co-chairing"
        if m["with"] is None or (participle and COORDINATION.fullmatch(text, spans[after[-1]][1], at)):
            floor = m.end()
    return floor


_SUBORDINATOR = re.compile(
    # "Officials ... watched as A, chief secretary ..., and B, ... presided over the meeting" (not "such as")
    r"(?i)\b(?:after|before|when|whenever|while|whereas|since|because|once|until|where|(?<!such\s)as|(?P<with>with))\s+"
)


# How far before its verb a subject may stand, and after "by" its people (reading stays linear).
REACH = 600


def between(spans: Sequence[Span], lo: int, hi: int) -> list[int]:
    """The indices of the people named wholly between offsets ``lo`` and ``hi`` (spans in order)."""
    first = bisect.bisect_left(spans, lo, key=lambda sp: sp[0])
    out = []
    for i in range(first, len(spans)):
        if spans[i][0] >= hi:
            break
        if spans[i][1] <= hi:
            out.append(i)
    return out


def subject_before(text: str, spans: Sequence[Span], at: int, objects: set[int]) -> set[int]:
    """The subject of a chair verb at ``at``: the first person of its clause who is no object of
    another verb, and those joined to them ("A and the Governor ..., Mr B"); not someone A "held
    talks with" or "met" on the way."""
    out: list[int] = []
    for i in people_before(text, spans, at):
        if i in objects:
            continue
        if not out or COORDINATION.fullmatch(text, spans[out[-1]][1], spans[i][0]):
            out.append(i)
    return set(out)


# A new clause: ", and", ", while", or "and" after a participle ("with A attending and B co-chairing").
NEW_CLAUSE = re.compile(r"(?i)(?:,\s+(?:and|while|but|whereas|as)|(?:(?<=ing)|(?<=ed))\s+(?:and|while|whereas))\s+")

_MAY_BE_OBJECT = screen(P.OBJECT_OF_OTHER_VERB)  # (the words between two names hold no such verb, mostly)


def objects_of(text: str, spans: Sequence[Span]) -> set[int]:
    """People named as the object of a verb that is not chairing ("met with X", "after meeting X",
    "accompanied by X"), and those joined to them by "and"."""
    out: set[int] = set()
    prev_end, prev_object = 0, False
    for i, (s, e) in enumerate(spans):
        gap = text[prev_end:s]
        is_object = bool(_MAY_BE_OBJECT(gap) and P.OBJECT_OF_OTHER_VERB.search(gap)) or (
            prev_object and bool(re.search(r"\band\b", gap)) and not P.CHAIR_ACTIVE.search(gap)
        )
        if is_object:
            out.add(i)
        prev_end, prev_object = e, is_object
    return out


def encountered(text: str, spans: Sequence[Span], objects: set[int]) -> set[int]:
    """The objects of a visit or a call ("Mr Lee had earlier met the Party Secretary, Mr X"): not
    made attendees by the sentence's other verbs ("Accompanied by Y, Mr Lee met X")."""
    out: set[int] = set()
    for i in sorted(objects):
        verb = _ENCOUNTER.search(text, max(0, spans[i][0] - 200), spans[i][0])
        if verb and not _BY_OBJECT.search(text, verb.start(), spans[i][0]):
            out.add(i)
    return out


_ENCOUNTER = re.compile(
    r"(?i)\b(?:met(?!\s+(?:in|at|on)\b)|meets|call(?:ed|ing|s)?\s+on|visit(?:ed|ing)|greeted|received|"
    r"welcomed|thanked|invited|meeting\s+with)\b"
)


# A verb with "by" after the encounter: its people are there ("met X and was accompanied by Y").
_BY_OBJECT = re.compile(r"(?i)\b(?:accompanied|joined|attended|witnessed)\b|\bby\b")


def after_by(text: str, spans: Sequence[Span], at: int, limit: int) -> set[int]:
    """People named after a passive chair verb's "by", up to the end of its clause."""
    return set(between(spans, at, by_scope_end(text, at, limit)))


def by_scope_end(text: str, at: int, limit: int) -> int:
    """Where the names after a "by" at ``at`` end: another clause begins."""
    limit = min(limit, at + REACH)
    stop = P.PASSIVE_SCOPE_END.search(text, at, limit)
    return stop.start() if stop else limit


# The words of posts in lower case, as news copy writes a post after the name ("Eric Chan, chief
# secretary for administration of the Hong Kong SAR, and B, executive vice-governor of ..., presided").
_LOWER_POST_WORDS = "|".join(sorted({re.escape(w.lower()) for w in P.POST_WORDS if w.isalpha()}, key=len, reverse=True))
# What may stand between two people of one subject: connectors, posts, commas, "together with", a
# relative clause ("A, who arrived on Monday with a delegation, and B presided over") or another aside, a photo
# caption's position in brackets ("A (right), and B (left), lead their delegations at ...").
COORDINATION = re.compile(
    r"[\s,]*+(?>(?:(?:(?:vice|deputy|executive)-[a-z]+|and|the|of|for|in|province|city|municipal|governor|mayor|"
    r"secretary|deputy|director|vice|executive|chief|party|general|committee|chairman|people's|provincial|"
    r"standing|member|region|autonomous|special|administrative|government|council|state|office|affairs|"
    r"commission|bureau|department|central|work|head|leader|minister|commissioner|president|his|her|counterparts?|"
    rf"{_LOWER_POST_WORDS}|(?:together|along)\s+with)\b|(?<=,\s)who(?:se)?\s[^,;]{{0,200}}+,?|"
    # an aside between commas ("A, on a two-day visit to Fuzhou, and B", "A, now in Changsha for a visit,
    # and B", "A, leading a delegation of officials, and B")
    # (a visit's aside, never a time: not "A met B, on Monday, and C co-chaired")
    r"(?<=,\s)(?:(?:on|now|currently|while|during)\s[^,;]{0,80}?\b(?:visits?|trip|tour|stay|mission)\b[^,;]{0,60}+"
    r"|(?:leading|heading|visiting)\s[^,;]{0,120}+),?|"
    rf"[A-Z][\w'\u2019&().-]*+|\([A-Z][^()]{{0,120}}+\)|{P.CAPTION_POSITION}|{P.LOWER_IN_POST})[\s,]*+)*+"
)


def group_before(text: str, spans: Sequence[Span], at: int) -> set[int]:
    """The person named last before ``at``, with those joined to them ("A and B, who ...")."""
    before = between(spans, max(0, at - REACH), at)
    if not before:
        return set()
    group = {before[-1]}
    for j in reversed(before[:-1]):
        gap = text[spans[j][1] : spans[j + 1][0]]
        if not (re.search(r"\band\b", gap) or gap.strip() == ",") or not COORDINATION.fullmatch(gap):
            break
        group.add(j)
    return group


def with_object(text: str, spans: Sequence[Span], at: int) -> set[int]:
    """The other chair after "co-chaired the plenary with": the first person named after "with",
    unless a special guest or an attendee ("with C attending")."""
    m = P.CHAIR_WITH.match(text, at)
    if m is None:
        return set()
    clause_end = text.find(";", m.end(), m.end() + 200)
    for i in between(spans, m.end(), clause_end if clause_end >= 0 else m.end() + 200)[:1]:
        return set() if _NOT_CHAIR_AFTER.match(text, spans[i][1]) else {i}
    return set()


# After a with-object's name (and its post, if written after): "as special guest", "attending".
_NOT_CHAIR_AFTER = re.compile(rf"(?i)(?:\s*,[^,;]{{0,120}},)?{P.WITH_NOT_CHAIR.pattern.removeprefix('(?i)')}")


def group_after(text: str, spans: Sequence[Span], at: int, limit: int) -> set[int]:
    """The person named first after ``at`` (posts and connectors between), with those joined to them
    ("the Chief Executive, Mr A, and the Mayor of Beijing, Mr B")."""
    group: list[int] = []
    for i in between(spans, at, min(limit, at + REACH)):
        if not COORDINATION.fullmatch(text, spans[group[-1]][1] if group else at, spans[i][0]):
            break
        if group and not re.search(r"\band\b|together\s+with", text[spans[group[-1]][1] : spans[i][0]]):
            break
        group.append(i)
    return set(group)
