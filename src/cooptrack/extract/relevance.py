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
from cooptrack.extract.meeting import MeetingMention, meeting_mentions
from cooptrack.extract.sentences import split_text
from cooptrack.mechanisms import Entry, find
from cooptrack.vocab import DocumentKind


class Tense(StrEnum):
    PAST = "past"  # the meeting took place
    FUTURE = "future"  # it will


@dataclass(frozen=True)
class Statement:
    """A sentence that says a meeting of the mechanism took place (or will)."""

    text: str
    tense: Tense
    named: bool  # names the mechanism (or its meeting by ordinal and name) in the sentence itself
    chaired: bool  # says who chaired, co-chaired, presided over, convened or led the delegations
    mentions: tuple[MeetingMention, ...]


def statement(sentence: str, *, mechanism_known: bool) -> Statement | None:
    """The statement a sentence makes about a meeting, if it makes one."""
    text = sentence
    if P.VAGUE_FUTURE.search(text) and not P.THIS_MEETING_DAY.search(text):
        return None
    named = any(m.entry.hk_party for m in find(text))
    mentions = tuple(m for m in meeting_mentions(text) if not _another_time(text, m))
    noun = P.MEETING_NOUN.search(text)
    chaired = bool(P.CHAIR_PREDICATE.search(text))
    if not (mentions or (noun and (named or mechanism_known))):
        return None
    if not named and not mentions and not chaired and not P.FORMAL_MEETING_NOUN.search(text):
        return None  # "the two sides exchanged views at the meeting": any meeting at all
    if P.PAST_EVENT.search(text):
        tense = Tense.PAST
    elif P.FUTURE_EVENT.search(text):
        tense = Tense.FUTURE
    else:
        return None
    if not mentions and _only_another_time(text):
        return None
    return Statement(text, tense, named, chaired, mentions)


def _another_time(text: str, m: MeetingMention) -> bool:
    """The meeting mentioned is another one: "at the plenary in April", "held in 2019"."""
    after = text[m.end : m.end + 120]
    return bool(P.OTHER_TIME_AFTER.match(after)) and not P.THIS_MEETING_DAY.search(text)


def _only_another_time(text: str) -> bool:
    return bool(P.OTHER_TIME_ANYWHERE.search(text)) and not P.THIS_MEETING_DAY.search(text)


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
    implied: bool = False,
) -> Decision:
    """Relevant or not, with the reason. ``sentences`` are the page's own (lead first), captions
    included; ``implied`` is set when no sentence names the mechanism (a news copy's "Hong Kong
    and Shandong ... their co-operation conference")."""
    if mechanism is None:
        return Decision(False, _no_mechanism(title, sentences, others), ())
    found = [s for s in (statement(x, mechanism_known=True) for x in sentences[:12]) if s is not None]
    headline = statement(title, mechanism_known=True) if title else None
    ordinals = {m.ordinal for s in found for m in s.mentions if m.ordinal is not None}
    if len(ordinals) >= 3 and not any(P.THIS_MEETING_DAY.search(s.text) for s in found):
        return Decision(False, f"a background page: it names {len(ordinals)} meetings of the {mechanism.name} "
                        "and reports none of them", tuple(found))  # fmt: skip
    cue = P.LOOKALIKE_TITLE.search(title or "")
    if headline is not None and cue is None and (headline.named or headline.mentions or _pairs(title)):
        return Decision(True, None, (headline, *found))
    if cue is not None:
        plain = [
            s for s in found[:8] if (s.named or s.mentions or s.chaired) and not _vague(s) and _the_event(s)
        ]
        if plain:
            return Decision(True, None, tuple(found))
        return Decision(False, f"a {cue['cue'].lower()} (per its headline), not a meeting of the {mechanism.name}: "
                        "the page names the mechanism but reports none of its meetings", tuple(found))  # fmt: skip
    if any(s.named or s.mentions or s.chaired or implied for s in found):
        return Decision(True, None, tuple(found))
    return Decision(False, f"names the {mechanism.name} but does not report or announce one of its meetings",
                    tuple(found))  # fmt: skip


def _pairs(title: str | None) -> bool:
    return bool(title and (P.TITLE_PAIR.search(title) or find(title)))


def _the_event(s: Statement) -> bool:
    """The statement says the meeting itself took place or will (not only what was agreed at it)."""
    return s.tense is Tense.FUTURE or s.chaired or bool(P.MEETING_EVENT.search(s.text))


def _vague(s: Statement) -> bool:
    return s.tense is Tense.FUTURE and not (s.mentions or s.named)


def _no_mechanism(title: str | None, sentences: list[str], others: list[Entry]) -> str:
    if others:
        return f"about the {others[0].name}, a mechanism between other governments: Hong Kong is not a party"
    if P.is_party_plenum(" ".join([title or "", *sentences[:4]])):
        return "about a party or legislature plenum, not a co-operation mechanism"
    return "names no co-operation mechanism to which Hong Kong is a party"


def document_kind(title: str | None, lead: str, statements: tuple[Statement, ...]) -> DocumentKind:
    """An announcement says the meeting will take place; a report, that it did. A lead that
    reports the day's work in the past ("Today they reviewed ...") makes a report of a page
    whose first sentence says the delegation "is leading ... to co-chair" the meeting."""
    held = any(s.tense is Tense.PAST for s in statements) or any(
        P.PAST_EVENT.search(x) and P.THIS_MEETING_DAY.search(x) for x in split_text(lead)[:6]
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
