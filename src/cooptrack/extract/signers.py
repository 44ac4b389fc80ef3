"""Signatories: who a sentence says signed ("A and B signed ...", "signed by A and B", "the signing
of ... by A", "A signed the Memorandum ... with B"), never a witness ("with A and B looking on",
"Witnessed by A and B, ...") nor a signing of another time ("the Framework Agreement was signed in
April 2010", "since the two sides signed ... in June")."""

from __future__ import annotations

import re

from cooptrack.extract import patterns as P
from cooptrack.extract.nameindex import index_of, posts_after_the
from cooptrack.extract.people import Found, mentions_in, name_key, resolve
from cooptrack.extract.sentences import Sentence, mask_speech
from cooptrack.screen import screen
from cooptrack.vocab import Role

# The people after "with" watch the signing: "with Lam and Yin looking on", "with the CE witnessing".
_LOOKING_ON = re.compile(r"(?i)\b(?:looking\s+on|witness(?:ing|ed)|in\s+attendance|present)\b")


def _passive_start(text: str, sign_at: int) -> int:
    """Where the auxiliary before the sign verb at ``sign_at`` starts ("was signed"), or ``sign_at``."""
    aux = _AUX_BEFORE.search(text, max(0, sign_at - 40), sign_at)
    return aux.start() if aux else sign_at


_AUX_BEFORE = re.compile(r"(?i)\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")


# A relative clause after the signing, with verbs of its own: ", which A co-chaired with B".
_RELATIVE = re.compile(r",\s+(?:which|who|where|when)\b")


# A subordinate clause before a sign verb, whose subject is its own; reported speech too ("Lee told
# reporters that the two sides had signed nine agreements", "Mr Tsang said the Framework Agreement,
# signed in April, ...": the speaker reports, he does not sign).
# A clause joined on with a subject of its own ("A and B will co-chair the plenary on Tuesday, and the
# two sides will sign a number of documents after it": the sides sign, not A and B) is one too.
# Witnesses who "looked on as" (or "watched as", "were present as") others signed: the clause after
# "as" (P.WATCHED_AS).
_SIGN_CLAUSE_START = re.compile(
    r"(?i)\b(?:since|because|until|once|whereas|although|though)\s+"
    rf"|{P.WATCHED_AS.pattern.removeprefix('(?i)')}"
    r"|[,;]\s+(?:and|while|then)\s+(?=(?:the\s+two\s+(?:sides|governments|places|parties)|both\s+(?:sides|governments))\b)"
    r"|\b(?:said|says|told\s+[^.;,]{0,40}?|added|noted|stated|explained)\s+that\s+"
    r"|\b(?:said|says|told\s+(?:reporters|journalists|the\s+media|the\s+press))\s+(?=(?:the|both)\s)"
)

# Most sentences sign nothing: they are not searched for a signing verb (cooptrack.screen).
_MAY_SIGN = screen(P.SIGN_VERB)
_MAY_SIGNED_ELSEWHEN = screen(P.SIGNED_ELSEWHEN)


def signatories_in(sentence: Sentence, people: list[Found]) -> list[Found]:
    """The people a sentence says signed: named before "signed" (or after "signed by"), or
    referred to by post alone ("the Financial Secretary and the Vice Governor signed")."""
    masked = mask_speech(sentence.text)
    if witnesses := P.WITNESSED_BY_LEAD.match(masked):  # "Witnessed by A and B, C and D signed ...": not A, B
        masked = " " * witnesses.end() + masked[witnesses.end() :]
    signed_by = P.SIGNED_BY.search(masked)
    if signed_by is None and (signing := P.SIGNING_OF_BY.search(masked)):  # "the signing of the ... by A and B"
        signed_by = re.compile(r"\bby\b").match(masked, signing.end())
    sign = (P.SIGN_VERB.search(masked) if _MAY_SIGN(masked) else None) or signed_by
    if not sign or (P.WITNESS_CUE.search(masked[: sign.start()]) and not signed_by):
        return []
    if _MAY_SIGNED_ELSEWHEN(masked) and P.SIGNED_ELSEWHEN.search(masked):
        return []
    if not signed_by and P.PASSIVE_SIGNED.match(masked, _passive_start(masked, sign.start())):
        return []  # "... since the Framework Agreement was signed in April 2010": nobody named signs
    if not signed_by and P.DOCUMENTS_SIGNED.search(masked, 0, sign.start()):
        return []  # "Mr Chan said that the documents signed today would ...": a participle, no signer
    out: list[Found] = []
    mentions = mentions_in(sentence, masked=masked)
    # the sign verb's own clause: "It was Mr Tung's first visit since the two sides signed ...": not Tung
    floor = 0 if signed_by else max((m.end() for m in _SIGN_CLAUSE_START.finditer(masked, 0, sign.start())), default=0)
    for mention in mentions:
        at = mention.start - sentence.start
        if (signed_by and at > signed_by.start()) or (not signed_by and floor <= at < sign.start()):
            person = resolve(people, mention)
            if person is not None and person not in out:
                out.append(person)
    # "A signed the Memorandum ... with B": a signer before the verb, and "with" in its own clause (not
    # "Hong Kong and Beijing signed 12 agreements at the plenary, which A co-chaired with B")
    tail = _RELATIVE.split(masked[sign.end() :], maxsplit=1)[0]
    with_ = None if signed_by or not out else re.search(r"\bwith\b", tail)
    if with_ is not None:  # "A signed the Memorandum ... with the director of ..., Yang Jun"
        after = sign.end() + with_.end()
        clause_end = next((i for i in (masked.find(";", after), masked.find(". ", after)) if i >= 0), len(masked))
        if _LOOKING_ON.search(masked, after, clause_end):  # "..., with A and B looking on": witnesses
            clause_end = after
        for mention in mentions:
            if after <= mention.start - sentence.start < clause_end:
                person = resolve(people, mention)
                if person is not None and person not in out:
                    out.append(person)
    # A surname alone: "signed by Nip and Beijing Vice Mayor Yin Yong", "Tsang and ... signed".
    if signed_by:
        clause = re.split(r"[,;.]", masked[signed_by.end() :], maxsplit=1)[0]
    else:
        clause = re.split(r"[,;.]", masked[floor : sign.start()])[-1]
    for token in re.findall(r"\b[A-Z][a-z]+\b(?!\s+Kong)", clause):
        named = index_of(people, name_key).with_surname(token)
        if len(named) == 1 and people[named[0]] not in out:
            out.append(people[named[0]])
    subject = masked[floor : sign.start()]
    for i in index_of(people, name_key).named_in(subject) if not signed_by else []:  # named whole in the subject
        if people[i] not in out:
            out.append(people[i])
    if out or signed_by:
        return out
    if P.CO_CHAIRS.search(subject):
        return [p for p in people if Role.CO_CHAIR in p.roles]
    posts = posts_after_the([subject], (p.post for p in people if p.post))  # "the <post>"
    return [p for p in people if p.post in posts]


def named_after(sentence: Sentence, people: list[Found], at: int) -> list[Found]:
    """The people a list item names after its own "by" at ``at`` (offset in the sentence): "(a)
    Agreement on ..., by the Secretary for ..., Mr A, and the Vice Governor ..., Mr B;" under "the
    two leaders witnessed the signing of three documents:"."""
    out: list[Found] = []
    for mention in mentions_in(sentence, masked=mask_speech(sentence.text)):
        if mention.start - sentence.start > at and (person := resolve(people, mention)) and person not in out:
            out.append(person)
    return out
