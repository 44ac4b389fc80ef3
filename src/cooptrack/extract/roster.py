"""The release's roster: everyone it names, once each, with the roles its sentences give.

People are found sentence by sentence (:mod:`cooptrack.extract.people`), references (a surname,
a pronoun, a full name without a post) resolve to people already named, and each sentence's
verbs give roles (:mod:`cooptrack.extract.roles`). Photo captions, which the cleaner removes,
may supply the full name of someone the body names by surname only; they are never a source of
roles ([C-ANAPHORA], [PEOPLE-STYLE]). Over the whole release:

- co-chairs named by post only ("The Chief Secretary for Administration and the Mayor of X
  co-chaired") are the people named with those posts elsewhere;
- when nobody is given a chair verb, the leaders of the two sides' delegations chair ([C-LED],
  [C-BR]); one side's leader alone does not;
- co-chairs are neither attendees nor special guests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cooptrack.clean.blocks import Block, BlockKind
from cooptrack.extract import patterns as P
from cooptrack.extract.gazetteer import PARTNERS
from cooptrack.extract.meeting import MeetingMention, another_body_meeting, meeting_mentions, mentions_a_meeting
from cooptrack.extract.nameindex import posts_after_the
from cooptrack.extract.people import Found, Mention, mentions_in, resolve
from cooptrack.extract.roles import Cue, chair_cues, read_roles
from cooptrack.extract.sentences import Sentence, mask_speech, split_text
from cooptrack.extract.sides import hong_kong_official, neighbouring_sides, side_in, side_of
from cooptrack.extract.signers import named_after, signatories_in
from cooptrack.screen import screen
from cooptrack.vocab import MeetingKind, Role, Side

MeetingId = tuple[MeetingKind | None, int | None]

_FEMALE = frozenset({"Mrs", "Ms", "Miss"})
# Most sentences name no other event ("forum", "banquet" ...) and no other time ("last", "previous"
# ...): they are not searched for one (cooptrack.screen).
_MAY_OTHER_EVENT = screen(P.OTHER_EVENT)
_MAY_ANOTHER_TIME = screen(P.ANOTHER_TIME)


def collect_people(
    sentences: list[Sentence], meeting: MeetingId | None = None, captions: Sequence[str] = ()
) -> list[Found]:
    """Everyone named in these sentences, once each, with the roles their sentences give.

    ``meeting`` (kind, ordinal) is the record's meeting: a sentence about another meeting (a
    working meeting held before the plenary) or another event (a forum, a dinner) gives no role.
    ``captions`` are the photo captions removed from the release: names only."""
    roster = _Roster(captioned=_caption_people(captions))
    for sentence in sentences:
        roster.read(sentence, meeting)
    return roster.finish()


@dataclass
class _Roster:
    captioned: list[Found]
    people: list[Found] = field(default_factory=list)
    chaired_by_post: list[str] = field(default_factory=list)  # "The CS and the Mayor of X co-chaired"
    chair_zones: list[str] = field(default_factory=list)  # where chairs are named ("the Chief Secretary and ...")
    subjects: list[Found] = field(default_factory=list)  # the first person of each sentence, for pronouns
    heads: list[Found] = field(default_factory=list)  # one side's delegation leaders
    unposted: list[Found] = field(default_factory=list)  # full names written alone, not kept ("John Lee's convoy")
    named: list[list[Found]] = field(default_factory=list)  # the people of each sentence naming any
    lead_in: str = ""  # "Also present were:", "Mr Lee called on the following:": what its list items are
    speaker: Found | None = None  # the speaker of a speech transcript ("Following is the speech by ..."): "I"

    def read(self, sentence: Sentence, meeting: MeetingId | None) -> None:
        masked = mask_speech(sentence.text)
        lead_in, end = self.lead_in, _item_end(masked)
        # (a table's rows, its header too, are items of the list the lead-in opens)
        self.lead_in = masked if end == ":" else lead_in if lead_in and (end in ";," or " | " in masked) else ""
        if P.NOT_ATTENDING.search(masked):
            return
        cues = chair_cues(masked)
        other_event = (
            _MAY_OTHER_EVENT(masked)
            and P.OTHER_EVENT.search(masked)
            and (
                (not mentions_a_meeting(masked) and not (cues and _THIS_MEETING.match(masked)))
                or (P.MEETING_AS_TIME.search(masked) and not cues)
            )
        )
        # a chair verb of another meeting gives no role ("A, who co-chaired the Second Plenary in 2023,
        # attended the Third, which was co-chaired by B and C": B and C chair)
        ours = [c for c in cues if not _about_another_meeting(masked, c, meeting)]
        # only another meeting's chair verbs: no chair, and roles only as the words say ("Mr A, who
        # co-chaired the working meeting in March, will accompany Mr Chan": A attends; "The 19th
        # Plenary was co-chaired by A and B": nobody)
        elsewhere_chaired = bool(cues) and not ours
        no_role = bool(other_event) or (elsewhere_chaired and not P.ATTEND_CUE.search(masked))
        cues = ours
        if cues and not no_role and not P.HONORIFIC_NAME.search(masked[: cues[0].start]):
            self.chaired_by_post.append(masked[: cues[0].start])
        sent = P.MESSAGE_FROM.search(masked)  # the first person after it is not there ([SG])
        new_here = self._named(sentence, masked, cues, no_role, sent.end() if sent else None)
        signers = signatories_in(sentence, self.people)
        if not signers and lead_in and P.SIGN_CUE.search(lead_in) and (by := P.ITEM_BY.search(masked)):
            signers = named_after(sentence, self.people, by.end())  # an item of "witnessed the signing of:"
        elif not signers and lead_in and P.SIGN_CUE.search(lead_in) and " | " in masked:
            signers = named_after(sentence, self.people, masked.index(" | "))  # a row "Title | Secretary ..., Mr A"
        elif not signers and (label := P.SIGNERS_LINE.match(masked)):
            signers = named_after(sentence, self.people, label.end() - 1)  # an item's "Signatories: …" line
        for person in signers:
            person.roles.add(Role.SIGNATORY)
        # First named in a sentence giving no role: there, attending; unless the sentence is
        # about another encounter ("John Lee met the delegation", "is expected to meet ...").
        if not new_here or no_role or elsewhere_chaired:
            return  # (the sentence is not read for another encounter: nobody would attend anyway)
        elsewhere = any(
            (P.OTHER_ENCOUNTER.search(x) or (_MAY_ANOTHER_TIME(x) and P.ANOTHER_TIME.search(x)))
            and not P.ATTEND_CUE.search(x)
            for x in (masked, lead_in)  # a list item is read with the sentence introducing the list
        )
        # first named inside what a speaker named before said ("Mr A said that, as ... Mr X had
        # pointed out, ..."): spoken of, not present
        speech = P.REPORTED_SPEECH.search(masked) if "that" in masked else None
        spoken_of = (
            speech.end() + sentence.start
            if speech and self.named and self.named[-1][0].start < speech.start() + sentence.start
            else None
        )
        for person in new_here:  # an official, not a commentator ("Dr Simon Lee, an economist, said")
            if spoken_of is not None and person.start > spoken_of:
                continue
            if not person.roles and not elsewhere and person.post:
                # a Central official present is a special guest, whatever the words: also as an item
                # of "Also present were:" listed on lines of its own
                person.roles.add(Role.SPECIAL_GUEST if person.side is Side.CENTRAL else Role.ATTENDEE)

    def _named(
        self, sentence: Sentence, masked: str, cues: list[Cue], no_role: bool, sent_from: int | None = None
    ) -> list[Found]:
        """The people a sentence names, with the roles it gives them; returns those first named here.
        The first person named after ``sent_from`` (a message's "from") gets no role."""
        mentions = mentions_in(sentence, masked=masked)
        persons = [self._known(m) for m in mentions]
        spans = [(m.start - sentence.start, m.end - sentence.start) for m in mentions]
        away = next((i for i, (s, _) in enumerate(spans) if sent_from is not None and s >= sent_from), None)
        sides = [p.side if p else side_in(masked, m, sentence.start) for p, m in zip(persons, mentions, strict=True)]
        reading = read_roles(masked, spans, sides, cues)
        if not no_role:
            self.chair_zones += [masked[a:b] for a, b in reading.zones]
        new_here: list[Found] = []
        named: list[Found] = []
        for i, mention in enumerate(mentions):
            roles: set[Role] = set() if no_role or i == away else reading.roles[i]
            person = persons[i] or self._new(mention, masked, roles, sentence.start)
            if person is None:
                continue
            if persons[i] is None and i not in reading.aside and i != away:  # one "held talks with": no default role
                new_here.append(person)
            named.append(person)
            person.roles |= roles
            if i in reading.heads and not no_role:
                self.heads.append(person)
        if reading.pronoun and not no_role:
            self._pronoun_chairs(reading.pronoun)
            if reading.pronoun == "i" and self.speaker is not None:
                self._surname_chair(masked)
        if not no_role and any(Role.CO_CHAIR in r for r in reading.roles):
            self._with_surname_chair(masked)
        if reading.pair and not no_role:
            self._pair_chairs()
        if named:
            self.subjects.append(named[0])
            self.named.append(named)
            if self.speaker is None and P.SPEECH_BY.match(masked):
                self.speaker = named[0]
        return new_here

    def _known(self, mention: Mention) -> Found | None:
        """The person already named (in the body, or in a caption) whom a mention refers to."""
        person = resolve(self.people, mention)
        if person is not None:
            if person.post is None and mention.post:
                person.post, person.side = mention.post, side_of(mention.post)
            return person
        captioned = resolve(self.captioned, mention)
        if captioned is None:
            return None
        post = mention.post or captioned.post
        person = Found(
            captioned.name, mention.honorific or captioned.honorific, post, side_of(post), mention.start, mention.end
        )
        self.people.append(person)
        return person

    def _new(self, mention: Mention, masked: str, roles: set[Role], offset: int) -> Found | None:
        """A person first named here; a bare name (no post, no honorific) only as a chair, and a chair's
        surname alone as the full name written alone before ("... with Lee", after "John Lee's convoy")."""
        if len(mention.name.split()) < 2 and Role.CO_CHAIR in roles:
            earlier = resolve(self.unposted, mention)
            if earlier is not None:
                mention = Mention(earlier.name, mention.honorific, None, mention.start, mention.end, bare=True)
        if len(mention.name.split()) < 2 or (mention.bare and Role.CO_CHAIR not in roles):
            if mention.bare and len(mention.name.split()) > 1 and resolve(self.unposted, mention) is None:
                self.unposted.append(Found(mention.name, None, None, None, mention.start, mention.end))
            return None
        side = side_in(masked, mention, offset)
        person = Found(mention.name, mention.honorific, mention.post, side, mention.start, mention.end)
        if person.side is None and P.HK_OFFICIALS.search(masked):
            person.side = Side.HK
        self.people.append(person)
        return person

    def _pronoun_chairs(self, pronoun: str) -> None:
        """ "He will co-chair the plenary with ...": the last sentence's subject of that gender; "I"
        in a speech transcript: its speaker (none on any other page)."""
        if pronoun == "i":
            if self.speaker is not None:
                self.speaker.roles.add(Role.CO_CHAIR)
            return
        for person in reversed(self.subjects[-3:]):
            female = person.honorific in _FEMALE
            if person.honorific is None or female == (pronoun == "she"):
                person.roles.add(Role.CO_CHAIR)
                return

    def _surname_chair(self, masked: str) -> None:
        """ "Executive Vice-Governor Guo and I have just co-chaired ...": the person already named
        whose surname it is (a speech's salutation names them in full), not the speaker."""
        m = P.FIRST_PERSON_PARTNER.search(masked)
        if m is None:
            return
        person = resolve(self.people, Mention(m["surname"] or m["with_surname"], None, None, 0, 0))
        if person is not None and person is not self.speaker:
            person.roles.add(Role.CO_CHAIR)

    def _with_surname_chair(self, masked: str) -> None:
        """ "…, which the Chief Executive, Mr A, will co-chair with Governor Mao tomorrow": the person
        already named whose surname follows the chair verb's "with" and a post, in a sentence that gave
        a chair."""
        m = P.CHAIR_WITH_POST_SURNAME.search(masked)
        if m is None:
            return
        person = resolve(self.people, Mention(m["with_surname"], None, None, 0, 0))
        if person is not None and person is not self.speaker:
            person.roles.add(Role.CO_CHAIR)

    def _pair_chairs(self) -> None:
        """ "The two then co-chaired ...": the two sides' people of the last sentences naming two or more
        (one of Hong Kong and one of the other side, when their sides are known)."""
        for group in reversed(self.named[-2:]):
            people = [p for i, p in enumerate(group) if all(p is not q for q in group[:i])]
            if len(people) < 2:
                continue
            hk = [p for p in people if p.side is Side.HK]
            others = [p for p in people if p.side is not None and p.side is not Side.HK]
            pair = [hk[0], others[0]] if hk and others else people[:2]
            for person in pair:
                person.roles.add(Role.CO_CHAIR)
            return

    def _chairs_by_post(self) -> None:
        """A chair named by post where the chairs are named ("In the afternoon, the Chief Secretary
        and the Executive Vice Governor ..., Mr B, co-chaired"), when the release has named fewer than
        two: the one person named with that post, or its short form ("Chief Secretary" of "Chief
        Secretary for Administration", "Governor" of "Guangdong Governor")."""
        forms: dict[str, list[Found]] = {}
        for person in self.people:
            for form in _post_forms(person.post):
                forms.setdefault(form, []).append(person)
        unique = {form: named[0] for form, named in forms.items() if len(named) == 1}
        for form in posts_after_the(self.chair_zones, unique):
            unique[form].roles.add(Role.CO_CHAIR)
        by_office = {form.casefold(): person for form, person in unique.items()}
        for zone in self.chair_zones:  # a news story's "Hong Kong's No. 2 official", "the city's leader"
            for m in _EPITHET.finditer(zone):
                office = next(office for office, group in _EPITHET_OFFICES.items() if m[group])
                if office in by_office:
                    by_office[office].roles.add(Role.CO_CHAIR)

    def finish(self) -> list[Found]:
        people = self.people
        if self.chaired_by_post and not any(Role.CO_CHAIR in p.roles for p in people):
            # co-chairs named by post only ("the <post>"), and by name elsewhere
            named = posts_after_the(self.chaired_by_post, (p.post for p in people if p.post))
            for person in people:
                if person.post in named:
                    person.roles.add(Role.CO_CHAIR)
        if sum(Role.CO_CHAIR in p.roles for p in people) < 2:
            self._chairs_by_post()
        if not any(Role.CO_CHAIR in p.roles for p in people):
            sides = {p.side is Side.HK for p in self.heads if p.side is not None}
            if len(sides) == 2:  # the two sides' delegation leaders
                for person in self.heads:
                    person.roles.add(Role.CO_CHAIR)
        neighbouring_sides(people)
        for person in people:
            if person.side is None and hong_kong_official(person.name):  # no post said: an HK official by name
                person.side = Side.HK
            if Role.CO_CHAIR in person.roles:
                person.roles -= {Role.ATTENDEE, Role.SPECIAL_GUEST}
            elif Role.SPECIAL_GUEST in person.roles:
                person.roles.discard(Role.ATTENDEE)
        return people


def _item_end(text: str) -> str:
    """The last character of a sentence, white space and a last "and" or "or" aside ("...; and" ends
    an item as "...;" does): string operations from the end, not a pattern tried at every position."""
    text = text.rstrip()
    for word in ("and", "or"):
        if text.endswith(word) and len(text) > len(word) and text[-len(word) - 1].isspace():
            return text[: -len(word)].rstrip()[-1:]
    return text[-1:]


def _post_forms(post: str | None) -> set[str]:
    """A post and the short form a release refers back to it by: its head before "of"/"for", less
    the place before it, when that head names one office ("Chief Secretary", "Governor", "Mayor")."""
    if not post:
        return set()
    head = _POST_TAIL.split(post, maxsplit=1)[0]
    place = _PLACE_HEAD.match(head)
    if place and (place["place"] in PARTNERS or P.HK_NAME.match(place["place"])):
        head = head[place.end() :]
    return {post, head} if head.casefold() in _SHORT_POSTS else {post}


_POST_TAIL = re.compile(r"\s+(?:of|for)\s+|\s*\(")
_PLACE_HEAD = re.compile(rf"^(?P<place>{P.HK}|[A-Z][a-z]+)(?:['\u2019]s)?\s+(?=[A-Z])")
_SHORT_POSTS = frozenset(
    s.casefold()
    for s in (
        "Chief Executive",
        "Chief Secretary",
        "Financial Secretary",
        "Governor",
        "Mayor",
        "Executive Vice Governor",
        "Executive Vice-Governor",
        "Vice Governor",
        "Vice-Governor",
        "Executive Vice Mayor",
        "Vice Mayor",
        "Vice-Mayor",
        "Chairman",
        "Party Secretary",
    )
)


# How news stories name Hong Kong's officials without their post: "Hong Kong's No. 2 official", "the
# city's leader", "Hong Kong's finance chief".
_HK_OWNER = r"(?:Hong\s+Kong['\u2019]s|HK['\u2019]s|the\s+city['\u2019]s|the\s+SAR['\u2019]s)"
_EPITHET = re.compile(
    rf"(?i)\b{_HK_OWNER}\s+(?:(?P<cs>(?:No\.?\s*2|number[-\s]two|second[-\s]highest[-\s]ranking)\s+official)|"
    r"(?P<ce>leader|top\s+official)|(?P<fs>financial\s+secretary|finance\s+chief|financial\s+chief))\b"
)
_EPITHET_OFFICES = {"chief secretary": "cs", "chief executive": "ce", "financial secretary": "fs"}


def _caption_people(captions: Sequence[str]) -> list[Found]:
    """The people photo captions name, for resolving the body's short references."""
    out: list[Found] = []
    for caption in captions:
        for text in split_text(caption):
            block = Block(BlockKind.PARAGRAPH, text, 0, len(text))
            for m in mentions_in(Sentence(text, 0, block)):
                if not m.bare and len(m.name.split()) > 1 and resolve(out, m) is None:
                    out.append(Found(m.name, m.honorific, m.post, side_of(m.post), -1, -1))
    return out


@lru_cache(maxsize=4)
def _meetings_in(masked: str) -> tuple[MeetingMention, ...]:
    """A sentence's meeting mentions, read once for all its chair verbs (once per verb, a
    sentence naming many was read as many times: five times the cost of a page of them)."""
    return tuple(meeting_mentions(masked))


def _chaired_meeting(masked: str, cue: Cue) -> tuple[MeetingKind, int | None] | None:
    """The meeting a chair verb is about: the one it governs ("co-chaired the 12th Plenary"); for
    "co-chaired by", the sentence's subject ("The Seventh Plenary, held ... after the Sixth Plenary
    ..., was co-chaired by"; none when the subject is this meeting unnamed: "The meeting, building on
    the consensus of the 19th Plenary, was ..."); else the one named before it."""
    mentions = _meetings_in(masked)
    # the verb's object, before any comma ("co-chaired the session, the first plenary ... since 2019": this one)
    after = [
        m for m in mentions if 0 <= m.start - cue.end <= 20 and not cue.passive and "," not in masked[cue.end : m.start]
    ]
    before = [m for m in mentions if m.end <= cue.start]
    if after:
        chosen = after[0]
    elif cue.passive and before and _REDUCED_PASSIVE.search(masked, max(0, cue.start - 40), cue.start):
        chosen = before[-1]  # "... to the 21st Plenary of the Joint Conference, to be chaired by": the plenary's
    elif cue.passive and _THIS_MEETING.match(masked):  # "The meeting, building on the ... Sixth Plenary, was ..."
        chosen = None
    elif cue.passive:  # the subject: the first meeting named, not one after "before", "of", "after" ...
        subjects = [m for m in before if not _GOVERNED.search(masked, max(0, m.start - 20), m.start)]
        chosen = subjects[0] if subjects else None
    else:
        chosen = before[-1] if before else None
    return (chosen.kind, chosen.ordinal) if chosen else None


# A passive chair verb that modifies the noun before it, not the sentence's subject: "..., to be
# chaired by", "..., chaired by", "..., which was co-chaired by".
_REDUCED_PASSIVE = re.compile(
    r"(?:,\s*|\bto\s+be\s+|\bbeing\s+|\b(?:which|that)\s+(?:was|were|is|are|will\s+be|(?:has|had)\s+been)\s+)"
    r"(?:\w+ly\s+)?$"
)


# A meeting named as the object of a preposition: not the subject of the sentence.
_GOVERNED = re.compile(r"(?i)\b(?:before|after|since|following|of|on|at|from|to|than)\s+(?:the\s+)?$")


# A sentence whose subject is this meeting, unnamed.
_THIS_MEETING = re.compile(r"\s*(?:The|This)\s+(?:meetings?|plenary|conference|session)\b(?!\s+of\b)")


def _about_another_meeting(masked: str, cue: Cue | None, meeting: MeetingId | None) -> bool:
    """The sentence's co-chairs (``cue``: its first chair verb) chair a meeting other than the
    record's (another kind or number), or another body's meeting ("co-chaired the Second Meeting of
    the Hong Kong-Guangzhou Task Force on …", "The Task Force's meeting … was co-chaired by")."""
    if cue is not None and _chairs_another_body(masked, cue):
        return True
    if meeting is None or meeting[0] is None or cue is None:
        return False
    chaired = _chaired_meeting(masked, cue)
    if chaired is None:
        return False
    kind, ordinal = chaired
    other_kind = kind is not meeting[0] and not {kind, meeting[0]} & _CUM
    return other_kind or (ordinal is not None and meeting[1] is not None and ordinal != meeting[1])


def _chairs_another_body(masked: str, cue: Cue) -> bool:
    """The chair verb governs a meeting of another body (a task force, a working group): its object
    before any comma, or for "was co-chaired by" the sentence's first meeting word."""
    if cue.passive:
        noun = P.ONE_MEETING_NOUN.search(masked, 0, cue.start)
    else:
        noun = P.ONE_MEETING_NOUN.search(masked, cue.end, cue.end + 60)
        if noun is not None and "," in masked[cue.end : noun.start()]:
            return False
    return noun is not None and another_body_meeting(masked, noun.start(), noun.end())


# A high-level meeting cum plenary is written as either ("co-chaired the plenary", "the meeting").
_CUM = frozenset({MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY})
