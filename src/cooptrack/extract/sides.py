"""Sides: whose official a person is — Hong Kong, the Mainland, the Central People's Government, Macao.

The post says it ("Governor of Guangdong Province", "Deputy Director of the Liaison Office ...",
"Secretary for Economy and Finance of the Macao SAR Government"); failing that, the post's owner
("Macau's Secretary for ...", "Guangxi's Vice-Chairman") or the sentence ("Members of the Macao
delegation included ...") does ([REL-MACAO], [PEOPLE-STYLE]).
"""

from __future__ import annotations

import functools
import re

from cooptrack.extract import patterns as P
from cooptrack.extract.gazetteer import PARTNERS
from cooptrack.extract.people import Found, Mention
from cooptrack.knowledge import officials
from cooptrack.memo import per_document
from cooptrack.screen import screen
from cooptrack.vocab import Side

_MAY_BE_CENTRAL = screen(P.CENTRAL_POST)  # (most posts are no Central office's: not searched)


@per_document
def side_of(post: str | None) -> Side | None:
    """Macao for the Macao Government's, Central for offices of the Central People's Government,
    Mainland for provincial and municipal posts, HK for the HKSAR's; None when the post does not say.
    Remembered for the document (a person's post is asked about at each mention)."""
    if not post:
        return None
    if _MAY_BE_CENTRAL(post) and P.CENTRAL_POST.search(post):
        return Side.CENTRAL
    if P.MACAO_POST.search(post):
        return Side.MACAO
    if P.MAINLAND_POST.search(post):
        return Side.MAINLAND
    if P.CENTRAL_IF_UNQUALIFIED.search(post):
        # a municipality's or a province's own office, named by the place alone ("the Hong Kong and
        # Macao Affairs Office of Tianjin"): the place is a partner's name, not the office's own
        # "Macao" (audit en18)
        if _PARTNER_WORD.search(P.CENTRAL_IF_UNQUALIFIED.sub(" ", post)):
            return Side.MAINLAND
        return Side.CENTRAL
    if P.HK_POST.search(post):
        return Side.HK
    if _PARTNER_WORD.search(post):
        return Side.MAINLAND
    if P.HK_DEPARTMENT_HEAD.search(post):
        return Side.HK
    return None


# A partner's name as a word of a post (one pattern for them all, not one compiled per partner and post).
_PARTNER_WORD = re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in sorted(PARTNERS, key=len, reverse=True))})\b")


def hong_kong_official(name: str) -> bool:
    """Whether a name denotes one of the Hong Kong officials of the officials table
    (:mod:`cooptrack.knowledge.officials`): one of their names, or a shorter form of one (its first
    or last words, two or more; initials aside). One set lookup per name, not a pass over the table."""
    key = officials.name_key(name)
    words = tuple(w for w in key.split() if len(w) > 1)
    return (key,) in _official_forms() or (len(words) >= 2 and words in _official_forms())


@functools.cache
def _official_forms() -> frozenset[tuple[str, ...]]:
    """Every form of every official's names that :func:`hong_kong_official` accepts: each name's
    whole key (as a 1-tuple), its words less initials, and its first and last words."""
    forms: set[tuple[str, ...]] = set()
    for term in officials.table():
        for name in term.names:
            key = officials.name_key(name)
            words = tuple(w for w in key.split() if len(w) > 1)
            forms.add((key,))
            if len(words) >= 2:
                forms.add(words)
            for n in range(2, len(words)):
                forms.update((words[:n], words[-n:]))
    return frozenset(forms)


def possessive_side(text: str, post: str | None) -> Side | None:
    """A news story's "Guangxi's Vice-Chairman Liu Ning": the post says no place, its owner does."""
    if not post:
        return None
    owner = next((owner for end, owner in _possessives(text) if text.startswith(post, end)), None)
    if owner is None:
        return None
    if re.fullmatch(P.HK, owner):
        return Side.HK
    if P.MACAO_POST.fullmatch(owner):
        return Side.MACAO
    return Side.MAINLAND if owner.removesuffix(" Province").removesuffix(" Municipality") in PARTNERS else None


_POSSESSIVE = re.compile(rf"\b(?P<owner>{P.HK}|{P.PLACE})['\u2019]s\s+")


@functools.lru_cache(maxsize=4)
def _possessives(text: str) -> list[tuple[int, str]]:
    """Where each "<owner>'s " of a sentence ends, and its owner: read once for all the posts
    the sentence names (a pattern made for each post was compiled and run per person)."""
    return [(m.end(), m["owner"]) for m in _POSSESSIVE.finditer(text)]


def side_in(masked: str, mention: Mention, offset: int) -> Side | None:
    """A person's side: their post's owner ("Macau's Secretary for ..."), else the post, unless the
    post names no place and the sentence names the side ("on the Macao side were the Director of ...").
    ``offset`` is the sentence's start in the cleaned text."""
    at = mention.start - offset
    side = possessive_side(masked[max(0, at - 300) : at + 300], mention.post) or side_of(mention.post)
    hint = _side_hint(masked)
    if hint is None:
        return side
    owner = hint["side"] or hint["of"] or hint["delegation"] or hint["from"]
    if side is not None and (side is not Side.HK or P.HK_POST.search(mention.post or "")):
        # a post naming both places ("the Director of the Hong Kong Trade Development Council's Macao
        # office" in "The Hong Kong delegation included …"): the sentence's side (audit en16)
        both = side is not Side.HK and re.fullmatch(P.HK, owner) and re.search(P.HK, mention.post or "")
        return Side.HK if both else side
    if P.MACAO_POST.fullmatch(owner):
        return Side.MACAO
    if re.fullmatch(P.HK, owner):
        return Side.HK
    return Side.MAINLAND if owner == "Mainland" or owner in PARTNERS else side


def neighbouring_sides(people: list[Found]) -> None:
    """Set the sides a "... of the neighbouring Special Administrative Region" post implies.

    The neighbour is the SAR the document does not speak from: in a Hong Kong release, Macao's
    Chief Executive; in a Macao paper, Hong Kong's. A Hong Kong official of the officials table is
    Hong Kong's whatever the wording; anyone else so described is Macao's. When the neighbour is
    Hong Kong, the document speaks from Macao, and its posts that name no place ("The Chief
    Executive, Sam Hou Fai") are Macao's unless the name is a Hong Kong official's. A page naming
    Macao's own Secretaries bare and Hong Kong's officials with their place speaks from Macao too: its
    heads of department whose posts name no place ("the Director of the Economic and Technological
    Development Bureau") are Macao's.
    """
    neighbours = [p for p in people if p.post and P.NEIGHBOURING_SAR.search(p.post)]
    for person in neighbours:
        person.side = Side.HK if hong_kong_official(person.name) else Side.MACAO
    if not any(p.side is Side.HK for p in neighbours):
        if _speaks_from_macao(people):  # only the heads of department (and a Chief Executive) a post leaves unplaced
            for person in people:
                if person.side is Side.HK and (_unplaced_department_head(person) or _unplaced_chief_executive(person)):
                    person.side = Side.MACAO
        return
    for person in people:
        if person in neighbours or person.side is not Side.HK or hong_kong_official(person.name):
            continue
        if not re.search(P.HK, person.post or ""):
            person.side = Side.MACAO


def _speaks_from_macao(people: list[Found]) -> bool:
    """A Macao Government page: one of Macao's own Secretaries named bare ("The Secretary for Economy
    and Finance, Mr Tai Kin Ip") while Hong Kong's officials are placed ("the Financial Secretary of
    the Hong Kong SAR", "Hong Kong's Financial Secretary"), as a Hong Kong release does the other way."""
    bare_macao = any(p.side is Side.MACAO and p.post and not _NAMES_MACAO.search(p.post) for p in people)
    placed_hk = any(p.side is Side.HK and re.search(P.HK, p.post or "") for p in people)
    return bare_macao and placed_hk


def _unplaced_chief_executive(person: Found) -> bool:
    """ "The Chief Executive, Sam Hou Fai" on a page speaking from Macao: Macao's own, unless the name
    is a Hong Kong official's."""
    return bool(_BARE_CE.fullmatch(person.post or "")) and not hong_kong_official(person.name)


_BARE_CE = re.compile(r"(?i)(?:the\s+)?Chief\s+Executive")


def _unplaced_department_head(person: Found) -> bool:
    """A "Director of the ... Bureau" whose post names no place: Hong Kong's only by default."""
    post = person.post or ""
    return (
        bool(P.HK_DEPARTMENT_HEAD.search(post))
        and not P.HK_POST.search(post)
        and not re.search(P.HK, post)
        and not hong_kong_official(person.name)
    )


_NAMES_MACAO = re.compile(r"(?i)\bMaca[ou]\b")


@functools.lru_cache(maxsize=32)
def _side_hint(masked: str) -> re.Match[str] | None:
    """The sentence's own word on its people's side, read once per sentence."""
    return P.SIDE_HINT.search(masked)
