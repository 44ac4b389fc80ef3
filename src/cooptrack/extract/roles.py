"""Roles from one sentence: who chaired the meeting, who is a special guest, who attended.

A sentence names people at known offsets; this module reads the sentence's verbs around them
([C-*] and [SG] of the genre's patterns):

- a chair verb with its subject before it ("A and B co-chaired", "will jointly preside over",
  "convened", "led the meeting", "leading the delegations of ... respectively", "with A and B
  leading delegations to the meeting"): the subject's people, less those who are the object of
  another verb ("met with X and co-chaired", "After meeting X, ..."), and the object of "with"
  ("co-chaired the plenary with the Governor ..., Mr B");
- a chair verb followed by "by" ("was co-chaired by", "was presided over by", "the delegations
  were led by", "The HKSAR delegation was led by A, and the Sichuan delegation was led by B"):
  the people after "by", up to the next clause;
- a relative clause ("Mr C, who chaired the conference as the Convenor"): the person before "who";
- one side's delegation leader ("A led a delegation to ...") says nothing of the chair by itself:
  such leaders are returned as ``heads``, and the release's people decide (two sides' leaders
  chair);
- "with C as special guest": C only; Central officials present are special guests whatever the
  verb; co-chairs are never special guests.

The clauses around the verbs (subjects, objects, groups of people) are read by
:mod:`cooptrack.extract.clauses`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cooptrack.extract import clauses as C
from cooptrack.extract import patterns as P
from cooptrack.screen import screen
from cooptrack.vocab import Role, Side

Span = tuple[int, int]


@dataclass(frozen=True)
class Cue:
    """A chair verb: ``start`` and ``end`` of the verb (for a passive one, ``end`` is after "by").
    ``who``: the span whose people chair ("with A and B in the chair"); ``one_side``: one side's
    leader, paired with another in the sentence ("with A heading the Hong Kong delegation and B
    heading the Macao delegation")."""

    start: int
    end: int
    passive: bool = False
    relative: bool = False
    who: Span | None = None
    one_side: bool = False


@dataclass
class SentenceRoles:
    """What a sentence says of each person it names (by index of ``spans``)."""

    roles: list[set[Role]]
    heads: set[int] = field(default_factory=set)  # one side's delegation leaders
    aside: set[int] = field(default_factory=set)  # named on the way to a chair verb, not its subject ("met X")
    pronoun: str | None = None  # "he"/"she"/"i": a chair verb's subject is a pronoun
    pair: bool = False  # "The two then co-chaired ...": the two people named just before
    zones: list[Span] = field(default_factory=list)  # where the chairs are named: posts there may name them
    first_cue: Cue | None = None


# A word (or a part of one) every chair verb below holds: a sentence without one has none of them.
_ANY_CHAIR_WORD = re.compile(r"(?i)chair|presid|conven|host|led|lead|head|helm|respectively|(?:delegation|side)\s+by\b")
# (its words looked for first in the sentence's lower-case copy, cooptrack.screen: two sentences in three hold none)
_MAY_CHAIR_WORD = screen(_ANY_CHAIR_WORD)


def chair_cues(text: str) -> list[Cue]:
    """Every chair verb of a sentence, in order."""
    if not (_MAY_CHAIR_WORD(text) and _ANY_CHAIR_WORD.search(text)):
        return []
    cues = [Cue(m.start(), m.end(), passive=True) for m in P.CHAIR_PASSIVE.finditer(text)]
    cues += [Cue(m.start(), m.end(), passive=True) for m in _CHAIR_NOUN_OF.finditer(text)]
    cues += [Cue(m.start(), m.end(), passive=True) for m in _CO_CHAIRS_WERE.finditer(text)]
    opening = _LED_BY_OPENING.match(text)
    if opening and (opening["chair"] or _BOTH_SIDES.search(text, opening.end(), opening.end() + C.REACH)):
        cues.append(Cue(opening.start(), opening.end(), passive=True))  # "Led by A and B, the two delegations"
    cues += [Cue(m.start(), m.end(), who=(m.start("who"), m.end("who"))) for m in _CHAIR_WITH_AS.finditer(text)]
    actives = [m for m in P.CHAIR_ACTIVE.finditer(text) if not _noun(text, m) and not _passive_aux(text, m.start())]
    actives += list(P.DELEGATIONS_LED.finditer(text))
    actives += list(_DELEGATIONS_RESPECTIVELY.finditer(text)) if _MAY_RESPECTIVELY(text) else []
    actives += list(_WERE_CO_CHAIRS.finditer(text))
    ones = list(P.DELEGATION_LED_ONE.finditer(text))
    by_ones = [m for m in P.DELEGATION_LED_BY_ONE.finditer(text) if not text.startswith(" side", m.end())]
    paired: list[re.Match[str]] = []
    if len(ones) + len(by_ones) >= 2:  # "A led the Hong Kong delegation, while B led the Beijing side"
        paired = ones
        cues += [Cue(m.start(), m.end(), passive=True) for m in by_ones]
    for m in [*actives, *paired]:
        if not any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in cues):
            relative = bool(_WHO_BEFORE.search(text, max(0, m.start() - 80), m.start()))
            cues.append(Cue(m.start(), m.end(), relative=relative, one_side=m in paired))
    return sorted(cues, key=lambda c: c.start)


# A chair noun: "under the joint chairmanship of A and B", "the co-chairmanship of"; its people follow.
_CHAIR_NOUN_OF = re.compile(
    r"(?i)\b(?:under\s+the\s+(?:joint\s+)?|(?:joint|co-?)\s*)chair(?:man|woman|person)?ship\s+of\b"
)


# "with A and B in the chair", "with A and B as (the) co-chairs", "at its head": the with-phrase's people chair.
_CHAIR_WITH_AS = re.compile(
    r"(?i)\bwith\s+(?P<who>[^;]{0,300}?)\s+(?:in\s+the\s+chairs?|at\s+(?:its|the)\s+(?:head|helm)|as\s+(?:the\s+|its\s+)?"
    r"(?:(?:co-?|joint\s+)?chair(?:s|men|persons|man|person|woman)?|(?:heads|leaders)\s+of\s+(?:the\s+)?"
    r"(?:two\s+|both\s+|respective\s+|their\s+)?delegations?))\b"
)


# The chairs as a noun: "The co-chairs were A and B" (its people follow), "A and B were the co-chairs",
# "served as co-chairs" (its subject precedes).
# (and the two delegations' heads, as the noun for those who chair: "The heads of the delegations were
# A and B", "A and B were the heads of the two delegations", "with A and B as heads of delegation")
_CO_CHAIR_NOUN = (
    r"(?:co-?chair(?:s|men|persons)?|joint\s+chairs|chairs|"
    r"(?:heads|leaders)\s+of\s+(?:the\s+)?(?:two\s+|both\s+|respective\s+|their\s+)?delegations?)"
)


_CO_CHAIRS_WERE = re.compile(
    rf"(?i)\b(?:the|its|their)\s+(?:two\s+)?(?:(?:meeting|plenary|conference|session)['\u2019]s\s+)?{_CO_CHAIR_NOUN}"
    r"\s+(?:were|was|are|will\s+be)\s+(?=(?:the\s+)?[A-Z])"
    rf"|\b(?:{_CO_CHAIR_NOUN}|chaired\s+by)\s*:\s*(?=(?:the\s+)?[A-Z])"  # "Co-chairs: A and B"
)


_WERE_CO_CHAIRS = re.compile(
    rf"(?i)\b(?:were|are|will\s+be|(?:served|serving|acted|acting|sat|sitting)\s+as)\s+(?:the\s+)?(?:two\s+)?{_CO_CHAIR_NOUN}\b"
)


# A sentence opening with the passive: "Led by A and B, the two delegations held ..." (led or headed
# only when both sides follow), "Co-chaired by A and B, the plenary ...".
_LED_BY_OPENING = re.compile(
    r"(?i)\s*(?:(?P<chair>(?:co-?|jointly\s+)?(?:chaired|presided\s+over|convened))|led|headed)\s+(?:jointly\s+)?by\b"
)


_BOTH_SIDES = re.compile(r"(?i)\b(?:two|both|respective)\s+(?:delegations|sides)\b")


# A content farm's spun "leading": "A and B, primary the delegations of X and Y respectively, kept ...".
_DELEGATIONS_RESPECTIVELY = re.compile(
    r"(?i)\b(?!(?:of|and|with|to|from|in|for|by|on|at|between|among|that|which|were|was|are|is)\b)[a-z]+\s+"
    r"(?:the|their)\s+(?:two\s+|respective\s+)?delegations\s+of\b(?=[^.;]{0,200}?\brespectively\b)"
)
_MAY_RESPECTIVELY = screen(_DELEGATIONS_RESPECTIVELY)  # (most sentences: no "respectively", not searched)
_MAY_GUEST_WITH = screen(P.SPECIAL_GUEST_WITH)


def _guest_pointed_at(text: str, spans: Sequence[Span]) -> set[int]:
    """ "A and C were also present, the latter as special guest": C alone (the former: A), of those
    named before the phrase (the former: the first of the last two)."""
    m = P.SPECIAL_GUEST_POINTER.search(text) if spans and "special" in text else None
    if m is None:
        return set()
    before = [i for i, (s, _) in enumerate(spans) if s < m.start()]
    if not before:
        return set()
    return {before[-1] if m["which"].casefold() == "latter" else before[max(0, len(before) - 2)]}


_WHO_BEFORE = re.compile(r"(?i)\bwho\s+(?:(?:will|would|also|has|had|then|is|was|were|are|to|jointly)\s+)*$")


_PASSIVE_AUX = re.compile(r"(?i)\b(?:was|were|been|be|being|is|are)\s+(?:\w+ly\s+)?$")


def _noun(text: str, m: re.Match[str]) -> bool:
    """ "the two co-chairs", "both co-chairs": a noun, naming others."""
    noun = P.CO_CHAIRS_NOUN.search(text, max(0, m.start() - 10), m.end())
    return noun is not None and noun.end() == m.end()


def _passive_aux(text: str, at: int) -> bool:
    """ "was convened in Chengdu", "were jointly chaired": passive with nobody named."""
    return bool(_PASSIVE_AUX.search(text, max(0, at - 30), at))


def read_roles(
    text: str, spans: Sequence[Span], sides: Sequence[Side | None], cues: list[Cue] | None = None
) -> SentenceRoles:
    """The roles a sentence (speech masked) gives to the people named at ``spans`` (``cues``: its
    chair verbs, if already read)."""
    cues = chair_cues(text) if cues is None else cues
    objects = C.objects_of(text, spans)
    # a sentence naming nobody gives nobody a role, but may still say where chairs are named, by
    # a pronoun or as a pair: its chair verbs are read, the other cues not looked for
    guests = (
        C.within(spans, [(m.start("who"), m.end("who")) for m in P.SPECIAL_GUEST_WITH.finditer(text)])
        if spans and _MAY_GUEST_WITH(text)
        else set()
    ) | _guest_pointed_at(text, spans)
    chairs: set[int] = set()
    aside = set(objects)
    pronoun: str | None = None
    zones: list[Span] = []
    for k, cue in enumerate(cues):
        limit = cues[k + 1].start if k + 1 < len(cues) else len(text)
        if cue.who is not None:
            chairs |= C.within(spans, [cue.who])
        elif cue.passive:
            chairs |= C.after_by(text, spans, cue.end, limit)
            if not _HABIT.search(text, max(0, cue.start - 20), cue.start):  # not "which is co-chaired by"
                zones.append((cue.end, C.by_scope_end(text, cue.end, limit)))
            by_pronoun = _BY_PRONOUN.match(text, cue.end)  # "which will be co-chaired by him and the Governor ..."
            if by_pronoun:
                named = [i for i in C.people_before(text, spans, cue.start) if i not in objects][:1]
                chairs |= set(named)
                if not named:
                    pronoun = pronoun or ("he" if by_pronoun["pronoun"].lower() == "him" else "she")
        elif cue.relative:
            who = _WHO_BEFORE.search(text, max(0, cue.start - 80), cue.start)
            chairs |= C.group_before(text, spans, who.start() if who else cue.start)
            chairs |= C.with_object(text, spans, cue.end)  # "Mrs A, who co-chaired the plenary with B, said"
        elif cue.one_side:  # "with A heading the Hong Kong delegation and B heading the Macao delegation"
            floor = max(cues[k - 1].end if k else 0, C.clause_start(text, cue.start))
            group = [i for i in C.group_before(text, spans, cue.start) if spans[i][0] >= floor]
            if group and C.COORDINATION.fullmatch(text, spans[max(group)][1], cue.start):
                chairs |= set(group) - objects
            else:  # "Leading the HK delegation was A, while at the head of the P delegation was B"
                clauses = [m.end() for m in C.NEW_CLAUSE.finditer(text, floor, cue.start)]
                chairs |= _subject_after(text, spans, cue, limit, set(), max([floor, *clauses]))
        else:
            subject, said = _active_subject(text, spans, cue, limit, objects)
            aside |= set(C.people_before(text, spans, cue.start)) - subject
            pronoun = pronoun or said
            chairs |= subject
            zones += _subject_zone(text, spans, cue)
    chairs -= guests
    heads = set() if chairs or not spans else _one_side_heads(text, spans, objects)
    roles = _other_roles(text, spans, sides, chairs, guests, C.encountered(text, spans, objects)) if spans else []
    pair = not chairs and any(
        not c.passive and not c.relative and _PAIR_SUBJECT.search(text, max(0, c.start - 80), c.start) for c in cues
    )
    first = cues[0] if cues else None
    return SentenceRoles(roles, heads, aside - chairs, pronoun, pair=pair, zones=zones, first_cue=first)


# A habit, not this meeting: "the joint conference, which is co-chaired by the chief executive and ...".
_HABIT = re.compile(r"(?i)\b(?:is|are)\s+(?:\w+ly\s+)?$")
# A pronoun after a passive's "by": "co-chaired by him and the Governor ...".
_BY_PRONOUN = re.compile(r"(?i)\s*(?P<pronoun>him|her)\b")


def _subject_zone(text: str, spans: Sequence[Span], cue: Cue) -> list[Span]:
    """Where an active chair verb's subject is written, after any other verb's object ("A met the
    Governor and co-chaired ...": not the Governor); for a fronted participle, the noun phrase
    after the participle's phrase ("After co-chairing ... with the city's Mayor B, the Chief
    Executive said": "the Chief Executive", a chair named by post)."""
    at = cue.start
    start = C.clause_start(text, at)
    participle = _participle(text[at : cue.end])
    fronted = _FRONTED_PARTICIPLE.match(text, start) or _PARTICIPLE_OPENER.fullmatch(text[start:at].strip(" ,"))
    if fronted and participle:  # "Speaking ... after co-chairing", "After co-chairing ..."
        after = max([cue.end] + [spans[i][1] for i in C.with_object(text, spans, cue.end)])
        comma = text.find(",", after, after + C.REACH)
        subject = _SUBJECT_PHRASE.match(text, comma + 1) if comma >= 0 else None
        return [(subject.start(), subject.end())] if subject else []
    floor = C.subject_floor(text, spans, at)
    for m in P.OBJECT_OF_OTHER_VERB.finditer(text, floor, at):
        floor = m.end()
    # the first verb's object named with its post, the chair verb coordinated after it ("He called on
    # the Secretary ..., Mr X, and then co-chaired"): the post is X's, no chair's (audit en21)
    if _AND_THEN.search(text, max(0, at - 40), at):
        objects = C.objects_of(text, spans)
        floor = max([floor, *(spans[i][1] for i in C.between(spans, floor, at) if i in objects)])
    return [(floor, at)]


# The subject after a fronted participle's phrase, when a post names it: "the Chief Executive",
# "Hong Kong's Chief Secretary for Administration".
_SUBJECT_PHRASE = re.compile(
    r"\s*(?:[Tt]he\s+|[A-Z][\w'\u2019]*(?:\s+[A-Z][\w'\u2019]*)?['\u2019]s\s+)(?:[A-Z][\w'\u2019.\-]*"
    r"(?:\s+(?:of|for|and|the)(?=\s+[A-Z]))?\s*)+"
)


# Two people named before, as the subject: "The two then co-chaired", "Both leaders co-chaired".
_PAIR_SUBJECT = re.compile(
    r"(?i)(?:^\s*|[,;]\s*|\b(?:and|after|when|then|where)\s+)(?:the\s+two|both|the\s+pair)"
    r"(?!\s+(?:sides|places|governments|cities|parties|regions|delegations|co-?chairs)\b)"
    r"(?:\s+(?:leaders|officials|heads|men|women))?\s+(?:(?:then|later|also|jointly|today|have|had|will)\s+){0,3}$"
)


def _active_subject(
    text: str, spans: Sequence[Span], cue: Cue, limit: int, objects: set[int]
) -> tuple[set[int], str | None]:
    """Who chairs by an active chair verb: its subject and the object of its "with"; and the
    pronoun ("he"/"she") the release must resolve, when the subject is one not named here."""
    if _FOR_GERUND.search(text, max(0, cue.start - 12), cue.start):  # "thanked B for chairing": B
        return C.group_before(text, spans, cue.start), None
    subject = C.subject_before(text, spans, cue.start, objects)
    other = C.with_object(text, spans, cue.end)
    first = P.FIRST_PERSON_SUBJECT.search(text, max(0, cue.start - 60), cue.start)
    if first:  # "B and I have just co-chaired", "I co-chaired ... with B": B, and the speaker for "I"
        joined = C.group_before(text, spans, first.start()) - objects if first["and"] else set()
        return joined | other, "i"
    said, partners, at = _pronoun(text, spans, cue.start)
    if not said:
        fronted = _FRONTED_PARTICIPLE.match(text, C.clause_start(text, cue.start))
        if fronted and _participle(text[cue.start : cue.end]):
            # "Speaking to reporters with B after co-chairing ..., Mr A said": the participle's subject follows
            subject = _subject_after(text, spans, cue, limit, other, fronted=True) or subject
        return (subject or _subject_after(text, spans, cue, limit, other)) | other, None
    # "Together with the Mayor ..., Mr B, she will co-chair": B by "with", A by the pronoun, named
    # earlier in the sentence ("A says ..., after he co-chaired"), just after its clause ("..., which
    # she co-chaired with B, the CE, Mrs A, said") or before it; "during which he and the Governor
    # ..., Mr B, co-chaired": B joined to the pronoun
    with_b = {i for i in subject if _WITH.search(text, max(0, spans[i][0] - 200), spans[i][0])} | partners
    earlier = sorted((subject | set(C.between(spans, C.clause_start(text, at), at))) - with_b - objects)
    named = set(earlier[:1]) or _named_after_clause(text, spans, cue, limit, other)
    return with_b | named | other, None if named else said


_FOR_GERUND = re.compile(r"(?i)\bfor\s+$")


def _other_roles(
    text: str,
    spans: Sequence[Span],
    sides: Sequence[Side | None],
    chairs: set[int],
    guests: set[int],
    encountered: set[int],
) -> list[set[Role]]:
    attending = _attended_by(text, spans)
    guest_cue = not guests and bool(P.SPECIAL_GUEST_CUE.search(text))
    present = bool(P.PRESENCE_CUE.search(text))
    attend_cue = P.ATTEND_CUE.search(text)
    attend = attend_cue is not None
    # "A and B were present as C and D signed …": the cue is the witnesses', not the signers'
    watched = P.WATCHED_AS.search(text) if attend_cue else None
    upto = watched.end() if watched and attend_cue and attend_cue.start() < watched.end() else len(text)
    out: list[set[Role]] = []
    for i in range(len(spans)):
        roles: set[Role] = set()
        if i in chairs:
            roles.add(Role.CO_CHAIR)
        elif i in guests or guest_cue or (sides[i] is Side.CENTRAL and present):
            roles.add(Role.SPECIAL_GUEST)
        elif (attend and i not in encountered and spans[i][0] < upto) or i in attending:
            roles.add(Role.ATTENDEE)
        out.append(roles)
    return out


def _attended_by(text: str, spans: Sequence[Span]) -> set[int]:
    """The people after "attended by", "accompanied by", "witnessed by": all those after it, but
    when the phrase opens the sentence ("Witnessed by X and Y, A and B signed ..."), its own
    names only (joined by "and")."""
    m = P.ATTENDED_BY.search(text)
    if m is None:
        return set()
    after = [i for i, (s, _) in enumerate(spans) if s > m.start()]
    if text[: m.start()].strip(" ,") not in _OPENERS | {"Also", "Later"} or not after:
        return set(after)
    if _MAIN_VERB.search(text, m.end(), spans[after[0]][0]):  # "Witnessed by the two co-chairs, the ... was signed by"
        return set()
    if _THE_TWO.match(text, m.end()):  # "Witnessed by the two co-chairs, A and B signed": named by none
        return set()
    group = {after[0]}
    for prev, i in itertools.pairwise(after):
        if not re.search(r"\band\b", text[spans[prev][1] : spans[i][0]]):
            break
        group.add(i)
    return group


# Witnesses named together by a plural noun, the opening phrase closed by its comma: "by the two
# co-chairs,", "by both leaders,", "by the heads of the two delegations,", "by them,".
_THE_TWO = re.compile(
    r"(?i)\s+(?:them|(?:the\s+two|both(?:\s+the)?)\s+(?:co-?chairs|leaders|heads|sides|governors?|mayors?)|"
    r"the\s+(?:co-?chairs|leaders|heads)\s+of\s+(?:the\s+two|both)\s+(?:sides|delegations|governments|places))\s*,"
)
# A finite verb: the opening phrase has ended before the people after it.
_MAIN_VERB = re.compile(r"(?i)\b(?:was|were|is|are|signed|inked|exchanged)\b")


# "Leading the Hong Kong delegation was A", "Co-chairing the plenary were A and B": the subject
# follows a copula after the chair verb's phrase.
_INVERTED = re.compile(r"[^;,]{0,200}?\s(?:was|were|is|are|will\s+be)\s+(?=(?:the\s+)?[A-Z])")


def _subject_after(
    text: str, spans: Sequence[Span], cue: Cue, limit: int, other: set[int], floor: int = 0, *, fronted: bool = False
) -> set[int]:
    """The subject of a chair verb that opens its clause: after a copula ("Leading the Hong Kong
    delegation was A"), or after the participle's phrase ("After co-chairing the plenary with B,
    Mr A said ...", "Speaking after co-chairing ... with B, Mr A said", "Leading their respective
    delegations, the Chief Executive, Mr A, and the Mayor ..., Mr B, held ...")."""
    opener = _LEADING_CONJUNCTION.sub("", text[max(floor, C.clause_start(text, cue.start)) : cue.start].strip(" ,"))
    if opener not in _OPENERS and not _PARTICIPLE_OPENER.fullmatch(opener) and not fronted:
        return set()
    inverted = _INVERTED.match(text, cue.end)
    if inverted:
        return C.after_by(text, spans, inverted.end(), limit)
    if not (opener or text[cue.start : cue.end].split()[0].endswith("ing")):
        return set()
    # the participle's phrase ends at a comma followed by its subject ("..., this morning (May 6), the CS, Mr A, ...")
    after = max([cue.end] + [spans[i][1] for i in other])
    comma = text.find(",", after, min(limit, after + C.REACH))
    while comma >= 0:
        group = C.group_after(text, spans, comma + 1, limit)
        if group:
            return group
        comma = text.find(",", comma + 1, min(limit, after + C.REACH))
    return set()


# A clause opening with a participle: "Speaking to reporters ...", "After jointly presiding over ...",
# "Jointly presiding over ..." (audit en11).
_FRONTED_PARTICIPLE = re.compile(
    r"\s*(?:(?:After|Before|While|When|Upon|On)\s+)?(?:[A-Z][a-z]+ly\s+[a-z]+ing|[A-Z][a-z]+ing)\b"
)


def _participle(verb: str) -> bool:
    """Whether a chair verb is a participle ("co-chairing", "jointly presiding over")."""
    words = verb.split()
    if len(words) > 1 and words[0].lower().endswith("ly"):
        words = words[1:]
    return bool(words) and words[0].endswith("ing")


_LEADING_CONJUNCTION = re.compile(r"(?i)^(?:and|while|whereas|but)\b\s*")


# A participle before the chair verb: "Speaking after", "Speaking to reporters after", "Upon".
_PARTICIPLE_OPENER = re.compile(
    r"(?i)(?:[a-z]+ing\b[^,;]{0,60}?\s)?(?:after|before|while|when|since|upon|on|following)|[a-z]+ing"
)


def _named_after_clause(text: str, spans: Sequence[Span], cue: Cue, limit: int, other: set[int]) -> set[int]:
    """The person a pronoun in a subordinate clause stands for, named right after the clause
    ("..., which she co-chaired with B, the Chief Executive, Mrs A, said"; "After he co-chaired ...")."""
    if not _SUBORDINATE.search(text, max(0, cue.start - 60), cue.start):
        return set()
    after = max([cue.end] + [spans[i][1] for i in other])
    comma = text.find(",", after, limit)
    later = C.between(spans, comma + 1, comma + 120) if comma >= 0 else []
    return set(later[:1])


# A pronoun opening a subordinate clause just before the chair verb.
_SUBORDINATE = re.compile(r"(?i)\b(?:which|that|where|after|when|as|since|before)\s+(?:he|she)\s+(?:\w+\s+){0,3}$")


_OPENERS = frozenset({"", "After", "after", "Before", "before", "While", "while", "When", "when", "Since", "since"})


def _pronoun(text: str, spans: Sequence[Span], at: int) -> tuple[str | None, set[int], int]:
    """ "he"/"she" when a pronoun is the subject of the chair verb at ``at``: just before it, or
    joined to the people named up to it ("he and the Governor ..., Mr B, co-chaired"): those people;
    and where the pronoun stands."""
    m = P.PRONOUN_SUBJECT.search(text, max(0, at - 60), at)
    if m:
        return m["pronoun"].lower(), set(), m.start("pronoun")
    for m in _PRONOUN_AND.finditer(text, max(0, at - C.REACH), at):
        group = C.between(spans, m.end(), at)
        if group and all(
            C.COORDINATION.fullmatch(text, spans[j - 1][1] if j != group[0] else m.end(), spans[j][0]) for j in group
        ):
            return m["pronoun"].lower(), set(group), m.start("pronoun")
    # the pronoun opening the sentence, the chair verb coordinated with its first verb: "He called
    # on the Party Secretary, Mr X, and then co-chaired the plenary with the Governor, Mr B" (audit en21)
    opening = _PRONOUN_OPENING.match(text)
    if opening and _AND_THEN.search(text, max(0, at - 40), at):
        return opening["pronoun"].lower(), set(), opening.start("pronoun")
    return None, set(), at


# A sentence opened by its pronoun subject and a verb ("He called on ...", "She then met ..."), and
# the second verb of the pronoun right after ", and then" (a new subject would stand between).
_PRONOUN_OPENING = re.compile(r"\s*(?P<pronoun>He|She)\s+(?!and\b)(?:then\s+|later\s+|also\s+|first\s+)?[a-z]+")
_AND_THEN = re.compile(r",?\s+and\s+(?:then\s+|later\s+|subsequently\s+|afterwards\s+|also\s+)?$")


# A pronoun joined to others as the subject: "In the afternoon, she and the Governor ...".
_PRONOUN_AND = re.compile(
    r"(?:^\s*|[,;(]\s*|\b(?:and|which|that|where|after|when|as|since|before|whom)\s+)(?P<pronoun>[Hh]e|[Ss]he)\s+and\s+"
)


_WITH = re.compile(r"(?i)\bwith\b[^;.]{0,160}$")


def _one_side_heads(text: str, spans: Sequence[Span], objects: set[int]) -> set[int]:
    """Leaders of one side's delegation: "A led the HKSAR delegation", "The Sichuan delegation
    was led by B", "X attended the conference with officials led by him"."""
    heads: set[int] = set()
    for m in P.DELEGATION_LED_ONE.finditer(text):
        heads |= C.group_before(text, spans, m.start()) - objects
    for m in P.HEAD_WITH_OFFICIALS.finditer(text):
        heads |= set(C.people_before(text, spans, m.start())[:1]) - objects
    for m in P.DELEGATION_LED_BY_ONE.finditer(text):
        heads |= set(C.between(spans, m.end(), m.end() + C.REACH)[:1])
    return heads
