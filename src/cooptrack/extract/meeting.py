"""The meeting a release is about: its mechanism and partner, kind and ordinal, date and venue,
whether it was held or is announced, and whether the release is about such a meeting at all."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from cooptrack import mechanisms
from cooptrack.clean.blocks import Block, BlockKind
from cooptrack.extract import patterns as P
from cooptrack.extract.gazetteer import CAPITALS, CITIES, DISTRICTS, MUNICIPALITIES, PROVINCES, VENUES, partner_name
from cooptrack.extract.numbers import ordinal_value
from cooptrack.extract.sentences import split_text
from cooptrack.mechanisms import Entry
from cooptrack.memo import per_document
from cooptrack.screen import screen
from cooptrack.vocab import MeetingKind

Mechanism = Entry


def find_mechanisms(text: str) -> list[tuple[Entry, int]]:
    """Every mechanism named in ``text`` with its offset, canonical (:mod:`cooptrack.mechanisms`)."""
    return [(m.entry, m.start) for m in mechanisms.find(text)]


def main_mechanism(title: str | None, body: str) -> tuple[Mechanism | None, list[Mechanism]]:
    """The mechanism the release is about, and every mechanism between other governments that it
    names. Each naming is a vote, the headline's count triple, and a naming that a meeting's name
    governs ("the Ninth Plenary of the Hong Kong/Guangdong ...", "the Third Hong Kong-Sichuan
    Co-operation Conference") counts triple again: a page about a plenary held after a forum is
    about the plenary's mechanism."""
    votes: Counter[Mechanism] = Counter()
    for text, weight in ((title or "", 3), (body, 1)):
        for mention in mechanisms.find(text):
            bound = _MEETING_OF.search(text, max(0, mention.start - 60), mention.start)
            votes[mention.entry] += weight * (3 if bound else 1)
    ours = [m for m in votes if m.hk_party]
    others = [m for m in votes if not m.hk_party]
    if not ours and not others:
        implied = _implied_mechanism(f"{title or ''} {body[:3000]}")
        return implied, []
    if not ours:
        return None, others
    return max(ours, key=lambda m: votes[m]), others


# A meeting's name just before a mechanism's: "Plenary (Session) of the", "the Third", "meeting of the".
_MEETING_OF = re.compile(rf"(?i:(?:plenary|session|meeting|working\s+meeting)\s+of\s+(?:the\s+)?|\b{P._ORD}\s+)$")


# Hong Kong and a partner as the two sides: "Hong Kong and Shandong", "Hong Kong, Jiangxi sign ...",
# "Hong Kong/Guangxi Co-operation Agreements", "Hubei-Hong Kong".
_PAIR = re.compile(
    rf"\b{P.HK}(?:\s+and\s+|\s*,\s*|\s*[/\-\u2013]\s*)(?P<a>{P.PLACE})\b"
    rf"|\b(?P<b>{P.PLACE})(?:\s+and\s+|\s*,\s*|\s*[/\-\u2013]\s*){P.HK}\b"
)
# A pair that is two of three sides (a trilateral body's "Guangdong-Hong Kong-Macao Tourism Co-operation
# Joint Meeting", "the tourism authorities of Guangdong, Hong Kong and Macao"): no pair of Hong Kong's.
_TRIO_AFTER = re.compile(rf"\s*(?:[/\-\u2013,]\s*(?:and\s+)?|\s+and\s+){P.PLACE}\b")
_TRIO_BEFORE = re.compile(rf"\b{P.PLACE}\s*(?:[/\-\u2013,]\s*|\s+and\s+)$")
# The governments' meeting, unnamed: a trade body's "joint meeting between the ... Council and ..."
# is not one.
_CONFERENCE_WORDS = re.compile(
    r"(?i)\b(?:co-?operation\s+(?:conference|meeting)|joint\s+conference|joint\s+meeting|high[-\s]level\s+meeting)\b"
    r"(?![^.]{0,60}\b(?:between|of)\s+(?:the\s+)?(?:[A-Z][\w&'-]*\s+){1,6}"
    r"(?:Council|Chamber|Federation|Association|Corporation|Authority|Board|Bank|University|Company|Group|Institute|Society)\b)"
)


def _implied_mechanism(text: str) -> Mechanism | None:
    """A news copy may not spell the mechanism's name: "Hong Kong and Shandong ... the second
    plenary of their co-operation conference", or a wire story's "Hong Kong, Jiangxi sign deals"
    over "a joint meeting" of the two governments, names it all the same."""
    # no conference, or only a trade body's ("The ... Chamber of Commerce and ... held the fifth meeting
    # of a co-operation conference between the two sides")
    conferences = [m.start() for m in _CONFERENCE_WORDS.finditer(text)]
    if all(P.OTHER_PARTY.search(_sentence_around(text, at)) for at in conferences):
        return None
    counts: Counter[str] = Counter()
    for m in _PAIR.finditer(text):
        if _TRIO_AFTER.match(text, m.end()) or _TRIO_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # three sides: "Guangdong-Hong Kong-Macao …", "Guangdong, Hong Kong and Macao" (audit neg2)
        partner = partner_name(m["a"] or m["b"])
        if partner:
            counts[_province_of_capital(partner)] += 1
    if not counts and _ROLE_NAMED.search(text):
        if P.OTHER_PARTY.search(text):
            return None  # "the two sides" are a trade body and a province: not Hong Kong's mechanism
        top = _provinces_named(text).most_common(2)
        if not top or (len(top) > 1 and top[0][1] == top[1][1]):
            return None  # two places as often: the page does not say which is the other side
        return mechanisms.for_partner(top[0][0])
    if not counts:
        return None
    return mechanisms.for_partner(counts.most_common(1)[0][0])


_PROVINCE_OF_CAPITAL = {city: province for province, city in CAPITALS.items()}


def _province_of_capital(place: str) -> str:
    """A province's capital as one of the two sides ("Hong Kong and Nanning … at the fifth plenary of
    their co-operation conference") stands for its province, when it has no conference of its own
    with Hong Kong (audit en15)."""
    province = _PROVINCE_OF_CAPITAL.get(place)
    if province is None or mechanisms.for_partner(place).listed:
        return place
    return province


def _sentence_around(text: str, at: int) -> str:
    """The sentence of ``text`` holding offset ``at`` (cut at full stops)."""
    start = text.rfind(". ", 0, at) + 1
    end = text.find(". ", at)
    return text[start : end if end >= 0 else len(text)]


# The conference named by its parties' roles, not their names: "the fifth plenary of a co-operation
# conference between the two sides", "the city's co-operation conference with the province", "the
# second plenary session of their cooperation conference" (the partner is then the page's province).
_ROLE_NAMED = re.compile(
    r"(?i)\b(?:their|the\s+two\s+(?:sides|places|governments)['\u2019]|(?:the\s+)?city['\u2019]s)\s+"
    r"(?:co-?operation\s+(?:joint\s+)?conference|joint\s+conference)\b"
    r"|\b(?:co-?operation\s+(?:joint\s+)?conference|joint\s+conference)\s+(?:between\s+the\s+two\s+"
    r"(?:sides|places|governments)|with\s+the\s+(?:province|municipality|region|autonomous\s+region))\b"
)
_PROVINCE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted({*PROVINCES, *MUNICIPALITIES, *CITIES}, key=len, reverse=True)) + r")\b"
)


def _provinces_named(text: str) -> Counter[str]:
    """How often the page names each province or province-level city, its cities counted as it
    (Shenzhen, a partner of its own, counted as itself)."""
    counts: Counter[str] = Counter()
    for m in _PROVINCE_WORD.finditer(text):
        name = m.group(0)
        counts[name if name in PROVINCES or name in MUNICIPALITIES or name == "Shenzhen" else CITIES[name]] += 1
    return counts


@dataclass(frozen=True)
class MeetingMention:
    kind: MeetingKind
    ordinal: int | None
    start: int
    end: int


def meeting_mentions(text: str) -> list[MeetingMention]:
    """Every mention of a meeting in ``text``, in order: "the Fifth Plenary Session", "the 22nd
    Working Meeting", "the High-Level Meeting cum ...", "the first meeting of ...", and a
    mechanism's name with its meeting's number ("the Third Hong Kong-Sichuan Co-operation
    Conference", "the 11th Hong Kong Macao Co-operation High Level Meeting", "the seventh Joint
    Conference on Advancing ...", "the ... Joint Conference held its sixth meeting")."""
    return list(_meeting_mentions(text))


@per_document
def _meeting_mentions(text: str) -> tuple[MeetingMention, ...]:
    """``meeting_mentions``, remembered: a page's sentences are asked about several times."""
    bound = _bound_mentions(text)
    out = list(bound)
    starts = [b.start for b in bound]  # in order: bisect finds the bound mention around a position
    names = [n for n in mechanisms.find(text) if n.entry.hk_party]
    for m in _candidates(text):
        if _another_meeting_before(text, m.start()):
            continue
        if any(n.start <= m.start() < n.end and _another_meeting_before(text, n.start) for n in names):
            continue  # "the items agreed at the Hong Kong/Macao Co-operation High Level Meeting"
        owner = _OWNER.match(text, m.end(), m.end() + 100)  # "... Plenary Session of the 20th CPC Central Committee"
        if owner and _party_plenum_owner(owner.group(0)):
            continue  # (not "a high-level meeting between ... the Secretary of the CPC ... Committee")
        if another_body_meeting(text, m.start(), m.end()):
            continue
        at = bisect.bisect_right(starts, m.start()) - 1
        if at >= 0 and m.start() < bound[at].end:
            continue  # "High Level Meeting" inside "the 11th Hong Kong Macao Co-operation High Level Meeting"
        kind, ordinal_text = _kind_of(m)
        ordinal = ordinal_value(ordinal_text) if ordinal_text else None
        out.append(MeetingMention(kind, ordinal, m.start(), m.end()))
    return tuple(sorted(out, key=lambda x: x.start))


# Every mention names a plenary or a meeting: the mention pattern is tried only around these words
# (it tries many alternatives at every position, which a long page without them need not pay for).
_ANCHOR = re.compile(r"(?i)plenary|meeting")
_BEFORE_ANCHOR, _AFTER_ANCHOR = 80, 40


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """MEETING_MENTION's matches in ``text``, found in windows around the anchor words."""
    if text.isascii() and "plenary" not in (low := text.lower()) and "meeting" not in low:
        return  # (in ASCII, the anchor words in any case are those of the lower-case copy)
    end = -1
    lo = hi = -1
    windows: list[tuple[int, int]] = []
    for a in _ANCHOR.finditer(text):
        start, stop = max(0, a.start() - _BEFORE_ANCHOR), min(len(text), a.end() + _AFTER_ANCHOR)
        if start <= hi:
            hi = stop
        else:
            if hi > lo:
                windows.append((lo, hi))
            lo, hi = start, stop
    if hi > lo:
        windows.append((lo, hi))
    for lo, hi in windows:
        for m in P.MEETING_MENTION.finditer(text, max(lo, end), hi):
            end = m.end()
            yield m


# The body a meeting belongs to, right after its name: "of the 20th CPC Central Committee".
_OWNER = re.compile(r"(?i)\s*(?:session\s+)?of\s+(?:the\s+)?[^,;.()]{0,80}")
# Where the owner's name ends: another phrase begins ("... Co-operation Conference with the Secretary of
# the CPC Jiangxi Provincial Committee, Mr B": the Party Secretary is the co-chair, not the owner).
_OWNER_END = re.compile(r"(?i)\s(?:with|in|at|on|by|to|for|between|together|alongside|and\s+the)\s")


def _party_plenum_owner(owner: str) -> bool:
    """The body a plenary is "of" is a party's or a legislature's, not a mechanism Hong Kong is party to."""
    end = _OWNER_END.search(owner)
    owner = owner[: end.start()] if end else owner
    return P.is_party_plenum(owner) and not any(n.entry.hk_party for n in mechanisms.find(owner))


def mentions_a_meeting(text: str) -> bool:
    """Whether ``text`` mentions a meeting at all (any form of MEETING_MENTION), cheaply."""
    return next(_candidates(text), None) is not None


# (news copy's "the fifth session of the ‹name›", with no "Plenary": the mechanism's numbered meeting; audit neg2)
_ORD_BEFORE = re.compile(
    rf"\b(?P<ord>{P._ORD})\s+(?P<words>(?:(?:physical|in-person|face-to-face|ever|offline|formal|official|full|"
    r"(?P<hl>(?i:high[-\s]level)))\s+){0,2})(?:(?i:session)\s+of\s+(?:the\s+)?)?$"
)
# (the words of a name reordered around "between": "the 17th High Level Co-operation Meeting between Hong Kong
# and Macao", the name found from "Co-operation", its number and "High Level" before it; audit en15)
# "the first physical ... joint conference (in four years)": a first of its sort, no number of the series
_NOT_A_NUMBER = re.compile(r"\b(?:physical|in-person|face-to-face|ever|offline)\b")
# After the mechanism's name, its meetings counted: "... held its sixth meeting", "... convened for the
# sixth time", "... met for the 2nd time", "... was convened for the second time in Hefei" (not a span
# of time: "met for the first time in four years", "for the first time since 2019", "in a row", "this year").
_HELD_ITS = re.compile(
    rf"\s+(?:(?:held|convened|had)\s+its\s+(?P<ord>{P._ORD})\s+(?i:meeting|session|plenary)"
    r"|(?i:(?:(?:was|were|is|will\s+be)\s+)?(?:held|convened|gathered|sat)|(?:will\s+)?(?:meet|convene)|met"
    r"|(?:took|takes|will\s+take)\s+place)"
    rf"\s+for\s+the\s+(?P<times>{P._ORD})\s+time\b"
    r"(?!\s+(?i:since\b|outside\b|this\s+(?:year|decade)\b"
    r"|in\s+(?:a\s+row\b|(?:(?:\w+|\d+)\s+)?(?:years?|months?|decades?|history)\b))))"
)
_HLM_NAME = re.compile(r"(?i)high[-\s]level\s+meeting$")


def _bound_mentions(text: str) -> list[MeetingMention]:
    out = []
    for mention in mechanisms.find(text):
        entry = mention.entry
        if not entry.hk_party:
            continue
        kind = entry.ordinal_kind
        if _HLM_NAME.search(text[mention.start : mention.end]):
            kind = MeetingKind.HIGH_LEVEL_MEETING  # "the first Hubei-Hong Kong High-Level Meeting"
        before = _ORD_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        if before and not _another_meeting_before(text, before.start()):
            number = None if _NOT_A_NUMBER.search(before["words"]) else ordinal_value(before["ord"])
            if before["hl"]:
                kind = MeetingKind.HIGH_LEVEL_MEETING
            out.append(MeetingMention(kind, number, before.start(), mention.end))
            continue
        after = _HELD_ITS.match(text, mention.end)
        if after and not body_owns_name(text, mention.start):  # (not "a task force under ‹name› held its …")
            number = ordinal_value(after["ord"] or after["times"])
            out.append(MeetingMention(entry.ordinal_kind, number, mention.start, after.end()))
    return out


# The words before a meeting's name that make it another body's or another time's hold "forum",
# "task force", "last", "agreed at" ... (read from the patterns): most hold none (cooptrack.screen).
_MAY_OTHER_BODY = screen(P.OTHER_BODY_BEFORE)
_MAY_OTHER_MEETING = screen(P.OTHER_MEETING_BEFORE)


def _another_meeting_before(text: str, start: int) -> bool:
    """The words before ``start`` say the meeting named there is an earlier or later one."""
    before = text[max(0, start - 60) : start]
    return _MAY_OTHER_MEETING(before) and P.OTHER_MEETING_BEFORE.search(before) is not None


_MAY_BODY_OWNS = screen(P.BODY_OWNS_NAME)


def body_owns_name(text: str, start: int) -> bool:
    """The mechanism's name at ``start`` owns another of its bodies ("the liaison offices of the ‹name›",
    "a joint working group on … set up under the ‹name›"): it names no meeting of the mechanism, and
    "the meeting" after it is the body's (audit neg2)."""
    before = text[max(0, start - 120) : start]
    return _MAY_BODY_OWNS(before) and P.BODY_OWNS_NAME.search(before) is not None


def another_body_meeting(text: str, start: int, end: int) -> bool:
    """The meeting named from ``start`` to ``end`` is another body's: "... of the Joint Task Force on
    ...", "The ... Joint Working Group held its 16th meeting", "joint task force holds fifth meeting"."""
    before = text[max(0, start - 160) : start]
    return _of_another_body(text, end) or (_MAY_OTHER_BODY(before) and P.OTHER_BODY_BEFORE.search(before) is not None)


def _of_another_body(text: str, end: int) -> bool:
    """The meeting named at ``end`` is another body's ("... of the Joint Task Force on ..."), unless
    the mechanism is named first ("... of the Hong Kong/Guangdong Co-operation Joint Conference")."""
    other = P.OTHER_BODY_AFTER.match(text, end)
    return other is not None and not mechanisms.find(text[end : other.end()])


def _kind_of(m: re.Match[str]) -> tuple[MeetingKind, str | None]:
    if m["cum"] or m["cum_short"]:
        return MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY, m["ord_cum"]
    if m["working"]:
        return MeetingKind.WORKING_MEETING, m["ord_work"]
    if m["plenary"] or m["plenary_bare"]:
        return MeetingKind.PLENARY, m["ord_plen"]
    if m["meeting"]:  # "the first meeting of the Joint Conference": its plenary, as early releases say
        return MeetingKind.PLENARY, m["ord_meet"]
    if m["joint"]:
        return MeetingKind.PLENARY, None
    return MeetingKind.HIGH_LEVEL_MEETING, m["ord_hlm"]


def identify_meeting(title: str | None, lead: str, entry: Entry | None = None) -> tuple[MeetingKind | None, int | None]:
    """Kind and ordinal: the headline's first meeting mention, else the lead's; an ordinal
    missing there is taken from the first mention of the same kind that has one. A high-level
    meeting named with a plenary in one sentence ("the High-Level Meeting and the First Plenary
    Session", "... took place alongside a high-level meeting") is one meeting of the combined kind."""
    mentions = meeting_mentions(title or "") + meeting_mentions(lead)
    if not mentions:
        return None, None
    first = mentions[0]
    if _described_hlm(title or "", lead, first, len(meeting_mentions(title or ""))):
        # a news lead's "... at a high-level meeting held in ...", then "... co-chaired the 23rd plenary
        # of the ... Joint Conference": the lower-case "a high-level meeting" describes the event, the
        # numbered plenary names it
        first = next((m for m in mentions[1:] if m.ordinal is not None), first)
    if first.kind in _PART_OF_CUM:
        # "... at high-level meeting" in a subhead, or a headline's "Fourth Plenary Session of ...",
        # then "the High-Level Meeting cum (the) Fourth Plenary Session" in the lead: the fuller name
        # is the meeting's (not another plenary's: "... cum First Plenary" under a Second's headline)
        fuller = next(
            (
                m
                for m in mentions
                if m.kind is MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY
                and (first.ordinal is None or m.ordinal in (None, first.ordinal))
            ),
            None,
        )
        first = replace(fuller, ordinal=fuller.ordinal or first.ordinal) if fuller else first
    kind, ordinal = first.kind, first.ordinal
    if kind in _PART_OF_CUM and _held_together([title or "", *split_text(lead)[:4]]):
        kind = MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY
        ordinal = next((m.ordinal for m in mentions if m.kind is MeetingKind.PLENARY and m.ordinal), ordinal)
    if ordinal is None:
        ordinal = next((m.ordinal for m in mentions if m.kind is kind and m.ordinal), None)
    if entry is not None and entry.kinds in _FIXED_KINDS:
        kind = entry.kinds[0]  # the Macao meeting is a high-level meeting, the Belt and Road one "other"
    return kind, ordinal


_FIXED_KINDS = frozenset({(MeetingKind.OTHER,), (MeetingKind.HIGH_LEVEL_MEETING,)})
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$")


def _described_hlm(title: str, lead: str, first: MeetingMention, in_title: int) -> bool:
    """A high-level meeting named by a description, not by its name: "a high-level meeting" (an
    article, lower case, no number), in the headline or the lead."""
    text = title if in_title else lead
    words = text[first.start : first.end]
    return (
        first.kind is MeetingKind.HIGH_LEVEL_MEETING
        and first.ordinal is None
        and words[:1].islower()
        and bool(_INDEFINITE_BEFORE.search(text[max(0, first.start - 6) : first.start]))
    )


def _held_together(sentences: list[str]) -> bool:
    """A high-level meeting and a plenary of this meeting named in one sentence, or one of them
    named and a later sentence naming the other as held with it: "took place alongside a high-level
    meeting", "The Third Plenary Session ... was held on the same day"."""
    before: set[MeetingKind] = set()
    for sentence in sentences:
        kinds = {m.kind for m in meeting_mentions(sentence)} & _PART_OF_CUM
        if len(kinds) == 2:
            return True
        if (
            kinds
            and (_PART_OF_CUM - kinds) & before
            and (_ALONGSIDE.search(sentence) or _SAME_OCCASION.search(sentence))
        ):
            return True
        before |= kinds
    return False


_PART_OF_CUM = frozenset({MeetingKind.HIGH_LEVEL_MEETING, MeetingKind.PLENARY})
_ALONGSIDE = re.compile(
    r"(?i)\b(?:alongside|together\s+with|in\s+conjunction\s+with|back-to-back\s+with|along\s+with)\b"
)


# The other meeting of the pair held on the same occasion: "was held on the same day", "at the same time".
_SAME_OCCASION = re.compile(
    r"(?i)\b(?:on\s+the\s+same\s+(?:day|morning|afternoon|occasion)|at\s+the\s+same\s+(?:time|venue))\b"
)


def relevance(title: str | None, lead: str, mechanism: Mechanism | None, others: list[Mechanism]) -> str | None:
    """None when the release is about a meeting of a mechanism Hong Kong is party to; otherwise
    the reason it is not, in words a user can read."""
    if mechanism is None:
        if others:
            return f"about the {others[0].name}, a mechanism between other governments"
        if P.is_party_plenum(f"{title or ''} {lead}"):
            return "about a party or legislature plenum, not a co-operation mechanism"
        return "names no co-operation mechanism to which Hong Kong is a party"
    headline = title or ""
    meeting_word = re.search(r"(?i)\b(?:conference|meeting)\b", headline)
    if meeting_mentions(headline) or (meeting_word and (find_mechanisms(headline) or P.TITLE_PAIR.search(headline))):
        return None
    cue = P.LOOKALIKE_TITLE.search(headline)
    sentences = split_text(lead)[:4]
    if cue:
        # A headline of another kind of event ("... sign agreements") reports a meeting only when
        # the lead says, in so many words, that a named mechanism's meeting was held.
        if any(find_mechanisms(s) and P.HELD_REPORT.search(s) for s in sentences):
            return None
        return f"a {cue['cue'].lower()} (per its headline), not a meeting of the {mechanism.name}"
    names_pair = P.TITLE_PAIR.search(headline) or find_mechanisms(headline) or _names_partner(headline, mechanism)
    if headline and not names_pair:
        # A headline about something else (new trains, a trade fair): the meeting it reports
        # comes first in the lead; a later mention is background ("agreed at the plenary in April").
        sentences = sentences[:1]
    for sentence in sentences:
        if (
            (find_mechanisms(sentence) or _CONFERENCE_WORDS.search(sentence))
            and P.EVENT_VERB.search(sentence)
            and (meeting_mentions(sentence) or re.search(r"(?i)\b(?:conference|meeting)\b", sentence))
        ):
            return None
    return f"does not report or announce a meeting of the {mechanism.name}"


def _names_partner(headline: str, mechanism: Mechanism) -> bool:
    return bool(mechanism.partner and re.search(rf"\b{re.escape(mechanism.partner)}\b", headline))


def venue(
    title: str | None,
    lead_blocks: list[Block],
    statements: list[str] | None = None,
    partner: str | None = None,
    ordinal: int | None = None,
) -> str | None:
    """The city the meeting was held in, when the release says: where the sentence reporting the
    meeting places it ("in Guilin", "at the Hong Kong Convention and Exhibition Centre", "in the
    northern city" of a city partner; a wire story's "here" with its dateline), else the city of
    the visit during which it was held, else the headline's. A building alone, or a video
    conference, gives none; when a sentence reports the meeting, a city named elsewhere in the
    lead for another reason does not stand in for it, and a dateline alone is where the story was
    filed, not where the meeting was held."""
    texts = [b.text for b in lead_blocks[:3] if b.kind is BlockKind.PARAGRAPH]
    said = (statements or [])[:2]
    filed = _dateline_paragraph(texts)
    if _video_meeting(said or texts[:1], texts):
        return None
    for sentence in said:
        if P.IN_THE_CAPITAL.search(sentence):
            return "Beijing"
        before = next((p for t in texts[:1] if (p := _first(P.MEETING_PLACE, t))), None)
        place = _place_in(sentence) or _first(P.PLACE_DISTRICT, sentence) or _first(P.VISIT_PLACE, sentence)
        place = place or _the_city(sentence, partner, before)
        if place:
            return place
        # "GUANGZHOU, Sept. 12 (Xinhua) -- ... held the 20th plenary": the dateline's own paragraph
        in_first = bool(filed) and sentence in filed[0]
        dateline = _dateline_place([sentence]) or (_dateline_place(filed) if in_first else None)
        if dateline is not None:
            return dateline
        if P.HERE_EVENT.search(sentence) and (dateline := _dateline_place(filed)):
            return dateline
    # "... pledged to work together after a high-level meeting of the two governments in Shanghai";
    # a wire's "here" placing the meeting or the signing at it, in any lead sentence ("WUHAN, Nov. 21
    # (Xinhua) -- ... signed 14 agreements here at a joint conference on Thursday"): the dateline's city
    lead_dateline = _dateline_place(filed)
    places = [
        ((_place_in(x) or _first(P.PLACE_DISTRICT, x)) if _this_meeting(x, ordinal) else None)
        or (lead_dateline if P.HERE_EVENT.search(x) else None)
        for t in texts[:2]
        for x in split_text(t)[:6]
    ]
    places += [_first(P.VISIT_PLACE, t) or _the_city(t, partner) for t in [*texts, title or ""]]
    places += [_first(P.MEETING_PLACE, title or "")]
    if not said:  # no sentence reports the meeting: any city the lead places something in
        places += [_first(P.MEETING_PLACE, t) for t in texts]
    return next((p for p in places if p), None)


def _this_meeting(sentence: str, ordinal: int | None) -> bool:
    """The sentence names a meeting that may be the page's (not "the third plenary" of a fourth's
    page), or places the page's meeting by its noun alone ("The meeting, held in Shanghai, ...")."""
    mentions = meeting_mentions(sentence)
    if not mentions:
        # an unnumbered mechanism whose name is its meeting ("after the Hong Kong/Shenzhen
        # Co-operation Meeting in Shenzhen today"), not one of another time ("Since the last ...")
        return bool(P.THE_MEETING_HELD.match(sentence)) or (
            any(
                m.entry.hk_party
                and not m.entry.numbered
                and not P.ANOTHER_MEETINGS_NAME.search(sentence, max(0, m.start - 120), m.start)
                for m in mechanisms.find(sentence)
            )
            and not P.ANOTHER_TIME.search(sentence)
        )
    return all(m.ordinal in (None, ordinal) for m in mentions)


def _the_city(sentence: str, partner: str | None, before: str | None = None) -> str | None:
    """ "in the northern city", "a visit to the city" (a city partner, else the city named just
    before), "in the provincial capital" (the partner's capital), "in the Zhejiang capital"."""
    m = P.THE_CITY.search(sentence)
    if m is None:
        return None
    if m["province"]:
        return CAPITALS.get(m["province"])
    if m["what"] == "capital":
        return CAPITALS.get(partner or "") or ("Beijing" if partner == "Beijing" else None)
    if partner in VENUES:
        return partner
    return before


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    return next((p for m in pattern.finditer(text) if (p := _venue_of(m["place"], None))), None)


def _place_in(sentence: str) -> str | None:
    """The city a sentence places its meeting in: one named close after the meeting's name or the
    verb that reports it ("... Co-operation Conference (the plenary) in Hong Kong today", "was held
    in Nanjing"), or right before the day ("in Guilin today"); not a city named for another reason
    further on ("... a pledge to bring enterprises to list in Hong Kong"). The day may stand between
    the meeting and its city ("... with the Mayor of Beijing, Mr Yin Yong, on 4 November in Beijing")."""
    names = mechanisms.find(sentence)
    anchors = [m.end for m in meeting_mentions(sentence)] + [m.end for m in names]
    anchors += [m.end() for m in P.PLACE_ANCHOR.finditer(sentence)]
    # a speaker taking part: "I am very pleased to be here in Macao for the 16th …" (audit en14)
    anchors += [m.end() for m in P.PRESENT_EVENT.finditer(sentence)]
    for m in P.MEETING_PLACE.finditer(sentence):
        place = _venue_of(m["place"], m["region"])
        if place is None or any(n.start <= m.start("place") < n.end for n in names):
            continue  # (the "Hong Kong" of "at the Hong Kong/Shenzhen Co-operation Meeting" is its name's)
        near = any(0 <= m.start() - a <= _NEAR for a in anchors)
        if near or P.DAY_AFTER_PLACE.match(sentence, m.end()) or P.DAY_BEFORE_PLACE.search(sentence, 0, m.start()):
            return place
    return None


_NEAR = 45  # characters between a meeting's name (or its verb) and the city it was held in


def _video_meeting(said: list[str], texts: list[str]) -> bool:
    """The meeting was held by video: said in the sentence reporting it, or in the lead ("It was held
    by video conference because of the pandemic")."""
    said = [P.OTHER_MEETINGS_BY_VIDEO.sub(" ", t) for t in said]  # "after two plenaries held by video": not this one
    texts = [P.OTHER_MEETINGS_BY_VIDEO.sub(" ", t) for t in texts[:2]]
    return any(P.VIA_VIDEO.search(t) for t in said) or any(P.HELD_BY_VIDEO.search(t) for t in texts)


def _dateline_paragraph(texts: list[str]) -> list[str]:
    """The paragraph a wire story's dateline opens: the first, or the first of the lead's that opens
    with a dated one ("HONG KONG, Oct. 14 (Xinhua) --") when a standfirst, a caption or a note stands
    before it (audit en18); an undated "NANNING –" only as the first paragraph."""
    dated = next((t for t in texts[:3] if P.NEWS_DATELINE.match(t)), None)
    return [dated] if dated is not None else texts[:1]


def _dateline_place(texts: list[str]) -> str | None:
    if not texts:
        return None
    dateline = P.NEWS_DATELINE.match(texts[0]) or P.PLACE_DATELINE.match(texts[0])
    return _venue_of(dateline["place"].title(), None) if dateline else None


def _venue_of(place: str, region: str | None) -> str | None:
    place = place.strip().replace("\u2019", "'")  # "Xi’an" is Xi'an
    first = place.split(" ", 1)[0]
    if place not in VENUES and first in VENUES and place != first:  # "the Tianjin Meijiang Convention ..."
        place = first
    if place in VENUES:
        return "Macao" if place == "Macau" else DISTRICTS.get(place, place)
    if place in PROVINCES and region is None:
        return None
    if region and region in CITIES:
        return region
    return None
