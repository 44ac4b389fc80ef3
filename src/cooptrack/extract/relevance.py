"""Whether a page reports or announces a meeting of a mechanism Hong Kong is a party to, and why not.

Relevance is decided apart from extraction, from what the page says about meetings: its
*statements*, sentences that speak of a meeting of the mechanism (by its name, by an ordinal and
the mechanism's name, or as "the conference" / "the plenary" on a page that names the mechanism)
with a predicate saying it took place or will ("co-chaired", "was held", "led the delegations",
"will attend", "reached consensus at", a content farm's "kept"). A statement about another time
("since the Third Plenary", "at the plenary in April", "will be held later in the year") does not
count. A page is relevant when its headline names a meeting of the mechanism, or when its lead
holds a statement; a headline about another kind of event (a call, a symposium, an exhibition, a
signing) needs a statement that names the meeting plainly. A page naming many meetings and
reporting none (a background page, a list) is not relevant. Every "no" comes with its reason in
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from cooptrack.extract import patterns as P
from cooptrack.extract.meeting import (
    MeetingMention,
    another_body_meeting,
    body_owns_name,
    meeting_mentions,
    mentions_a_meeting,
)
from cooptrack.extract.numbers import ORDINAL_RE
from cooptrack.extract.sentences import split_text
from cooptrack.mechanisms import Entry, Mention, find
from cooptrack.screen import screen
from cooptrack.vocab import DocumentKind, MeetingKind


class Tense(StrEnum):
    PAST = "past"  # the meeting took place
    FUTURE = "future"  # it will


@dataclass(frozen=True)
class Statement:
    """A sentence that says a meeting took place (or will), and how plainly it says whose."""

    text: str
    tense: Tense
    named: bool  # names a mechanism Hong Kong is party to in the sentence itself
    numbered: bool  # names a meeting by its number ("the Fourth Plenary", "the 22nd Working Meeting")
    chaired: bool  # says who chaired, co-chaired, presided over, convened or led the delegations
    others: bool  # names another party's body ("between the HKTDC and Hubei", "Guangdong-Macao ...")
    mentions: tuple[MeetingMention, ...]

    def plain(self, known: bool) -> bool:
        """Whether the statement is about a meeting of the page's mechanism: it names it, names a
        numbered meeting, or says who chaired "the conference" of a mechanism named before."""
        if self.others and not self.named:
            return False
        return self.named or self.numbered or (self.chaired and known)


# A chair predicate holds "chair", "presid", "conven", "delegation" ... (read from the pattern): a
# sentence holding none of them is not searched for one (cooptrack.screen).
_MAY_CHAIR = screen(P.CHAIR_PREDICATE)
# So with the cues of another time ("last", "previous" ...) and a Legislative Council page's lead.
_MAY_ANOTHER_TIME = screen(P.ANOTHER_TIME)
_MAY_LEGCO = screen(P.LEGCO_LEAD)
_MAY_PRESENT = screen(P.PRESENT_EVENT)


def statement(sentence: str) -> Statement | None:
    """The statement a sentence makes about a meeting, if it makes one."""
    text = sentence
    # (a sentence about no meeting, most of them, is not searched for a vague future: either makes
    # no statement, and the names and mentions are remembered for the page's other readers)
    mentions = tuple(m for m in meeting_mentions(text) if not _another_time(text, m))
    # (nor does the name that owns a numbered meeting of another time, one this sentence does not
    # mention: "the consensus reached at the Fourth Plenary Session of the Hong Kong/Sichuan
    # Co-operation Conference held in Chengdu in April last year" names no meeting of this page)
    named_here = [
        m
        for m in find(text)
        if not _of_another_meeting(text, m) and not _owned_elsewhen(text, m, mentions) and not _body_owned(text, m)
    ]
    named = any(m.entry.hk_party for m in named_here)
    chaired = _MAY_CHAIR(text) and bool(P.CHAIR_PREDICATE.search(text))
    met = any(m.entry.hk_party and _MET.match(text, m.end) for m in named_here)  # "the ... conference met"
    if not mentions and not met and not ((named or chaired) and _meeting_noun(text, named_here)):
        return None  # "the two sides exchanged views at the meeting": any meeting at all
    if P.VAGUE_FUTURE.search(text) and not P.THIS_MEETING_DAY.search(text):
        return None
    if P.HABITUAL.search(text) and not P.THIS_MEETING_DAY.search(text):
        return None  # how the mechanism works, not one of its meetings
    if (
        _MAY_ANOTHER_TIME(text)
        and P.ANOTHER_TIME.search(text)
        and not (P.THIS_MEETING_DAY.search(text) or P.ON_DAY_OF_MONTH.search(text))
    ):
        return None  # dated to another time by the page's own clock: "last October", "held ... last September"
    future = P.FUTURE_EVENT.search(text)
    if _MAY_PRESENT(text) and P.PRESENT_EVENT.search(text) and not P.PRESENT_AHEAD.search(text):
        tense = Tense.PAST  # under way as the text is written: "I am delighted to attend … today"
    elif future and not P.PAST_FINITE.search(text):
        tense = Tense.FUTURE  # "it would take the form of a high-level meeting held together with ..."
    elif P.past_event(text) or P.CAPTION_EVENT.search(text):
        tense = Tense.PAST
    elif future:
        tense = Tense.FUTURE
    else:
        return None
    if not mentions and _only_another_time(text):
        return None
    others = any(not m.entry.hk_party for m in named_here) or bool(P.OTHER_PARTY.search(text))
    numbered = any(m.ordinal is not None for m in mentions)
    return Statement(text, tense, named, numbered, chaired, others, mentions)


# The mechanism's name as the subject of a meeting verb, as news copy writes a meeting: "the
# Hong Kong-Beijing cooperation conference met on Thursday", "... convened for the sixth time".
# ("meets every two years", "met three times since 2017": how often, not one of its meetings)
_MET = re.compile(
    r"\s+(?:met|convened|(?:was|will\s+be)\s+(?:held|convened)|(?:took|will\s+take)\s+place|will\s+(?:meet|convene))\b"
    r"(?!\s+(?:\w+\s+)?(?:times|twice|annually|yearly|regularly|every|once\s+(?:a|every)))"
)


_MAY_ANOTHER_MEETINGS_NAME = screen(P.ANOTHER_MEETINGS_NAME)


def _of_another_meeting(text: str, m: Mention) -> bool:
    """The name only owns an earlier or a coming meeting ("since the Second Plenary Session of the
    Hong Kong/Jiangsu Co-operation Conference was held ..."): the sentence does not name the
    mechanism for a meeting of its own."""
    before = text[max(0, m.start - 120) : m.start]
    return _MAY_ANOTHER_MEETINGS_NAME(before) and P.ANOTHER_MEETINGS_NAME.search(before) is not None


def _body_owned(text: str, m: Mention) -> bool:
    """The name owns another body of the mechanism: it names no meeting of the mechanism."""
    return body_owns_name(text, m.start)


def _owned_elsewhen(text: str, name: Mention, mentions: tuple[MeetingMention, ...]) -> bool:
    """The mechanism's name owns a numbered meeting ("the Fourth Plenary Session of the ‹name›")
    that is not among the sentence's mentions of this meeting (an earlier or a later one)."""
    owner = _NUMBERED_OWNER.search(text, max(0, name.start - 80), name.start)
    return owner is not None and not any(m.start < owner.end() and m.end > owner.start() for m in mentions)


_NUMBERED_OWNER = re.compile(
    rf"(?i)\b(?:{ORDINAL_RE}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:plenary(?:\s+session)?|(?:working\s+)?meeting|session)"
    r"\s+of\s+(?:the\s+)?$"
)


def _meeting_noun(text: str, named: list[Mention]) -> bool:
    """Whether the text holds a meeting word besides the mechanisms' names, not another body's
    ("co-chaired the 22nd Joint Meeting of the Hong Kong-Guangdong Joint Working Group on ...")."""
    return any(
        not another_body_meeting(text, m.start(), m.end()) for m in P.ONE_MEETING_NOUN.finditer(_blanked(text, named))
    )


def _blanked(text: str, named: list[Mention]) -> str:
    """The text with the mechanisms' names blanked (their own "Conference" is no meeting word). A
    mechanism that holds no plenaries meets under its own name, so its name stays a meeting word:
    "the Hong Kong/Shenzhen Co-operation Meeting", "the Pan-Pearl River Delta Regional Co-operation
    Chief Executive Joint Conference was held in Nanning today", "the Belt and Road Joint Conference"."""
    kept = [m for m in named if not m.entry.name.endswith("Meeting") and MeetingKind.PLENARY in m.entry.kinds]
    # nor is the name of another of its meetings: "report to the next Shenzhen-Hong Kong Co-operation
    # Meeting", "the items agreed at the Hong Kong/Macao Co-operation High Level Meeting"
    kept += [m for m in named if P.OTHER_MEETING_BEFORE.search(text[max(0, m.start - 60) : m.start])]
    return _without(text, kept)


def _without(text: str, named: list[Mention]) -> str:
    """The text with these names blanked (its offsets unchanged)."""
    out = list(text)
    for m in named:
        out[m.start : m.end] = " " * (m.end - m.start)
    return "".join(out)


def _another_time(text: str, m: MeetingMention) -> bool:
    """The meeting mentioned is another one: "at the plenary in April", "held in 2019"."""
    after = text[m.end : m.end + 120]
    return bool(P.OTHER_TIME_AFTER.match(after)) and not P.THIS_MEETING_DAY.search(text)


def _only_another_time(text: str) -> bool:
    return bool(P.OTHER_TIME_ANYWHERE.search(text)) and not P.THIS_MEETING_DAY.search(text)


_LEAD, _FAR = 12, 24  # sentences read for statements; after the lead only a meeting named in full counts


@dataclass(frozen=True)
class Decision:
    relevant: bool
    reason: str | None  # why not, in words (None when relevant)
    statements: tuple[Statement, ...]


def decide(
    title: str | None,
    sentences: list[str],
    mechanism: Entry | None,
    others: list[Entry],
    *,
    context: tuple[str, ...] = (),
    lines: tuple[str, ...] = (),
) -> Decision:
    """Relevant or not, with the reason. ``sentences`` are the page's own, lead first;
    ``context`` is what names the meeting outside them (photo captions); ``lines`` are the page's
    first blocks, headings and table rows included (a list of meetings). A mechanism named in the
    headline, the context or an earlier sentence (or implied by the page: "Hong Kong and Shandong
    ... their co-operation conference") lets "the conference" that someone co-chaired be its."""
    if mechanism is None:
        return Decision(False, _no_mechanism(title, sentences, others), ())
    if title and _about_other_governments(title):
        return Decision(False, f"about the {find(title)[0].entry.name}, a mechanism between other governments: "
                        "Hong Kong is not a party", ())  # fmt: skip
    if _legco_page(title, lines or tuple(sentences[:6])):
        return Decision(False, f"a Legislative Council question and reply, or a paper to a panel, on the "
                        f"{mechanism.name}: it answers about meetings and reports none", ())  # fmt: skip
    if title and P.DIGEST_TITLE.search(title) and not _names_a_meeting(title):
        return Decision(False, f"a digest of several stories (per its headline): an item may name a meeting of "
                        f"the {mechanism.name}, the page reports none", ())  # fmt: skip
    known = _ours(" ".join([title or "", *context])) or not _named_anywhere(sentences, title, context)
    found: list[Statement] = []
    for at, text in enumerate([*sentences[:_LEAD], *context, *sentences[_LEAD:_FAR]]):
        said = statement(text)
        far = at >= _LEAD + len(context)  # a feature names the meeting further on: plainly, or not at all
        if said is not None and said.plain(known) and (not far or (said.named and said.numbered)):
            found.append(said)
        known = known or _ours(text)
    if any(P.DATE_UNFIXED.search(x) for x in sentences[:_FAR]):  # a coming meeting with no day yet
        found = [s for s in found if s.tense is Tense.PAST or _dated(s.text)]
    headline = statement(title) if title else None
    listed = lines or tuple(sentences[:12])
    ordinals = {m.ordinal for x in listed for m in meeting_mentions(x) if m.ordinal is not None}
    # A report names its meeting at once; a list of meetings ("1. The First Plenary Session was held
    # in ... 2. The Second ...") names one in its first sentences too, but reports several apart.
    reported_first = any(s.text in sentences[:3] for s in found) and len(_held_apart(found)) < 3
    if len(ordinals) >= 3 and not reported_first and not any(P.THIS_MEETING_DAY.search(x) for x in sentences[:12]):
        return Decision(False, f"a background page: it names {len(ordinals)} meetings of the {mechanism.name} "
                        "and reports none of them", tuple(found))  # fmt: skip
    cue = P.LOOKALIKE_TITLE.search(title or "")
    if cue is None and _names_a_meeting(title):
        return Decision(True, None, (headline, *found) if headline else tuple(found))
    if cue is not None:
        plain = [s for s in found[:8] if not _vague(s) and _the_event(s)]
        if plain:
            return Decision(True, None, tuple(found))
        event = _body_event(title, sentences[:3]) or f"{_event(cue['cue'])} (per its headline)"
        return Decision(False, f"{event}, not a meeting of the {mechanism.name}: "
                        "the page names the mechanism but reports none of its meetings", tuple(found))  # fmt: skip
    if found:
        return Decision(True, None, tuple(found))
    body = _body_event(title, sentences[:3])
    if body is not None:
        return Decision(False, f"{body}, not a meeting of the {mechanism.name}: the page names the mechanism but "
                        "reports none of its meetings", tuple(found))  # fmt: skip
    return Decision(False, f"names the {mechanism.name} but does not report or announce one of its meetings",
                    tuple(found))  # fmt: skip


def _body_event(title: str | None, lead: list[str]) -> str | None:
    """ "a meeting of another of its bodies (its liaison offices)" when the headline or the lead names the
    mechanism as the owner of a body ("the liaison offices of the ‹name›"), else None."""
    for text in [title or "", *lead]:
        for m in find(text):
            if m.entry.hk_party and body_owns_name(text, m.start):
                body = P.BODY_OWNS_NAME.search(text, max(0, m.start - 120), m.start)
                words = body.group(0).split()[0].lower() if body else "body"
                return f"a meeting of another of its bodies (its {_BODY_WORDS.get(words, words)})"
    return None


_BODY_WORDS = {"liaison": "liaison offices", "task": "task force", "working": "working group", "expert": "expert group"}


def _legco_page(title: str | None, lines: tuple[str, ...]) -> bool:
    """A Legislative Council question and reply, or a paper to one of its panels (by its headline or
    its first lines)."""
    if title and P.LEGCO_TITLE.search(title):
        return True
    return any(_MAY_LEGCO(x) and P.LEGCO_LEAD.search(x) for x in lines[:6])


def _held_apart(found: list[Statement]) -> set[int]:
    """The numbers of the meetings that statements say took place, each statement one meeting."""
    out: set[int] = set()
    for s in found:
        numbers = {m.ordinal for m in s.mentions if m.ordinal is not None}
        if s.tense is Tense.PAST and len(numbers) == 1:
            out |= numbers
    return out


_EVENTS = (
    (re.compile(r"(?i)meets?|met|calls?\s+on|courtesy"), "a call on or meeting with someone"),
    (re.compile(r"(?i)signs?|signing|inks?"), "a signing"),
    (re.compile(r"(?i)visits?|tours?"), "a visit"),
    (re.compile(r"(?i)speech|remarks"), "a speech"),
    (re.compile(r"(?i)opens?|officiates?"), "an opening"),
    (re.compile(r"(?i)LCQ|question|repl"), "a Legislative Council question and reply"),
    (re.compile(r"(?i)exhibition|expo"), "an exhibition"),
)


def _event(cue: str) -> str:
    """The kind of event a headline's cue word names, in words: "a symposium", "a visit"."""
    for pattern, name in _EVENTS:
        if pattern.match(cue):
            return name
    word = cue.lower()
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _ours(text: str) -> bool:
    """Whether the text names a mechanism Hong Kong is party to (not as the owner of another body)."""
    return any(m.entry.hk_party and not _body_owned(text, m) for m in find(text))


def _about_other_governments(title: str) -> bool:
    """A headline naming another governments' mechanism and none of Hong Kong's."""
    named = find(title)
    return bool(named) and not any(m.entry.hk_party for m in named)


def _named_anywhere(sentences: list[str], title: str | None, context: tuple[str, ...]) -> bool:
    """Whether any text names a mechanism (if none does, the page's mechanism is implied)."""
    return any(find(x) for x in [title or "", *context, *sentences])


def _names_a_meeting(title: str | None) -> bool:
    """A headline that names a meeting of a mechanism Hong Kong is party to, whatever its verb:
    "CS co-chairs Fourth Plenary Session of ...", "HK-Guangdong joint conference to be held"."""
    if not title:
        return False
    named = find(title)
    if any(not m.entry.hk_party for m in named) or P.OTHER_PARTY.search(title):
        return False
    mentions = [m for m in meeting_mentions(title) if not _another_time(title, m)]
    # (not a name that owns another meeting or body: "Preparatory meeting held for 25th Plenary of ‹name›")
    named = [
        m
        for m in named
        if not _owned_elsewhen(title, m, tuple(mentions))
        and not _of_another_meeting(title, m)
        and not _body_owned(title, m)
    ]
    pairs = bool(named) or bool(P.TITLE_PAIR.search(title))
    if mentions and (pairs or any(m.ordinal for m in mentions)):
        return True
    if not named:
        return False
    return bool(P.MEETING_NOUN.search(_without(title, named)))  # a meeting word besides the mechanism's name


def _the_event(s: Statement) -> bool:
    """The statement says the meeting itself took place or will (not only what was agreed at it)."""
    return (
        s.tense is Tense.FUTURE
        or s.chaired
        or bool(P.MEETING_EVENT.search(s.text))
        # a speaker there: "I am delighted to attend"
        or (_MAY_PRESENT(s.text) and P.PRESENT_EVENT.search(s.text) is not None)
    )


def _dated(text: str) -> bool:
    """The sentence gives its meeting a day ("tomorrow", "on November 16", "next Monday")."""
    return bool(P.THIS_MEETING_DAY.search(text) or P.ON_DAY_OF_MONTH.search(text))


def _vague(s: Statement) -> bool:
    return s.tense is Tense.FUTURE and not (s.mentions or s.named)


def _no_mechanism(title: str | None, sentences: list[str], others: list[Entry]) -> str:
    if others:
        return f"about the {others[0].name}, a mechanism between other governments: Hong Kong is not a party"
    if any(P.is_party_plenum(x) and mentions_a_meeting(x) for x in [title or "", *sentences[:6]]):
        return "about a party or legislature plenum, not a co-operation mechanism"
    return "names no co-operation mechanism to which Hong Kong is a party"


def document_kind(title: str | None, lead: str, statements: tuple[Statement, ...]) -> DocumentKind:
    """An announcement says the meeting will take place; a report, that it did. A lead that
    reports the day's work in the past ("Today they reviewed ...") makes a report of a page
    whose first sentence says the delegation "is leading ... to co-chair" the meeting."""
    held = any(s.tense is Tense.PAST for s in statements) or any(
        P.past_event(x) and P.PAST_DAY.search(x) for x in split_text(lead)[:6]
    )
    if held:
        return DocumentKind.REPORT
    if title and P.TITLE_ANNOUNCEMENT.search(title) and not re.search(r"(?i)\bheld\b", title):
        return DocumentKind.ANNOUNCEMENT
    if statements and statements[0].tense is Tense.FUTURE:
        return DocumentKind.ANNOUNCEMENT
    first = split_text(lead)[0] if lead.strip() else ""
    if P.ANNOUNCEMENT.search(first):
        return DocumentKind.ANNOUNCEMENT
    return DocumentKind.REPORT
