"""Which releases of a day's index to read: a decision from the headline alone, with its reason.

The crawler cannot read every release of the archive, so it reads the headline each index lists
and picks the releases that may be about a meeting of a co-operation mechanism ([ACQ-PICK] of the
genre's patterns). Picking leans to recall: the release's own text then decides relevance (the
parser reads each picked release in full and says why a page is not relevant).

A headline is picked when it

- names a mechanism Hong Kong is a party to, by any spelling of the mechanisms table
  (:func:`cooptrack.mechanisms.find`: old names, "Hubei-Hong Kong", "Hong Kong Macao ...",
  "Pan-PRD Chief Executive Joint Conference" ...), together with a meeting word (the name's own
  "Conference" or "Meeting" counts);
- names a mechanism known by a name of its own (the Belt and Road joint conference, the
  Pan-Pearl River Delta conference) in part, with a meeting word: the opening words of a long
  name ("Joint Conference on Advancing …") or every word of its shortest name in any order
  ("joint conference on Belt and Road");
- pairs Hong Kong with a partner (the table's partners and the gazetteer's places) and names a
  meeting ("Hong Kong and Zhejiang sign co-operation documents at third plenary");
- pairs Hong Kong with a partner and speaks of co-operation signed ("Six Hong Kong/ Sichuan
  co-operation pacts signed (with photos)", "HK, Fujian ink cooperation deals").

It is refused when it gives no headline, is about a party or legislature plenum, names only
mechanisms the table says Hong Kong is not a party to (Guangdong/Macao), pairs Hong Kong with a
place only inside a run of three ("Guangdong-Hong Kong-Macao Greater Bay Area"), or none of the
above. A courtesy call is picked when its headline names a mechanism ("CE meets Sichuan Party
Secretary ahead of Hong Kong/Sichuan Co-operation Conference": the release decides) and refused
when it names only a partner ("CE calls on Party Secretary of Hubei").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import cooptrack.extract  # noqa: F401  (first: cooptrack.mechanisms imported first meets an import cycle)
from cooptrack import mechanisms
from cooptrack.extract import meeting as M
from cooptrack.extract import patterns as P
from cooptrack.extract.gazetteer import CITIES, PARTNERS, partner_name
from cooptrack.mechanisms import Entry


@dataclass(frozen=True)
class Decision:
    picked: bool
    reason: str


NO_MECHANISM = "its headline names no co-operation mechanism to which Hong Kong is a party"
_LONGEST = 400  # a headline is short; what lies beyond is not read (bounded work on any input)

# A meeting word, for a headline naming a mechanism (its name's own "Conference" counts), and
# the Chinese ones for a headline in Chinese ("會議" is in the names, "論壇" the PPRD forum's).
_MEETING_WORD = re.compile(
    r"(?i)\b(?:conference|meeting|plenary|session|forum|convene[sd]?|held|holds?|co-?chair(?:s|ed)?)\b"
    r"|會議|会议|論壇|论坛|全體|全体|舉行|举行|召開|召开"
)
# A meeting word for a headline that names no mechanism but pairs Hong Kong with a partner.
_PAIR_MEETING = re.compile(r"(?i)\b(?:meeting|conference)\b")
_COOPERATION = re.compile(r"(?i)\bco-?operat(?:ion|ive|e|es|ed|ing)\b")
_SIGNED = re.compile(
    r"(?i)\b(?:sign(?:s|ed|ing)?|ink(?:s|ed)?|seal(?:s|ed)?|pacts?|agreements?|deals?|accords?|"
    r"memorand(?:um|a|ums)|MoUs?|arrangements?)\b"
)
# A mirror's own prefix before the headline it repeats ("Hong Kong – ").
_MIRROR_PREFIX = re.compile(r"^Hong\s?Kong\s+[\u2013\u2014-]\s+(?=\S)")
# Abbreviations of the genre spelled out before the table is asked.
_SPELLED_OUT = ((re.compile(r"\bHK(?=['\u2019]s\b)"), "Hong Kong"), (re.compile(r"\bB\s*&\s*R\b"), "Belt and Road"))
_HK = r"(?:Hong\s?Kong(?:\s+SAR|\s+Special\s+Administrative\s+Region)?|HKSAR|HK)"
_JOIN = r"(?:\s*[/,&\-\u2010-\u2015]\s*|\s+(?i:and)\s+)"
_STOP_WORDS = frozenset({"and", "the", "of", "on", "in", "to", "for"})


def pick(title: str) -> Decision:
    """Whether a headline may report or announce a meeting of a co-operation mechanism, and why."""
    headline = _normalised(title)
    if not headline:
        return Decision(False, "the index gives it no headline")
    found = _mentions(headline)
    ours = [m.entry for m in found if m.entry.hk_party]
    meeting_word = _MEETING_WORD.search(headline)
    if ours and meeting_word:
        return Decision(True, f"its headline names a meeting of the {ours[0].name}")
    named = None if ours else _named_in_part(headline)
    if named is not None and meeting_word:
        return Decision(True, f"its headline names a meeting of the {named.name} (by part of its name)")
    if P.is_party_plenum(headline):
        return Decision(False, "about a party or legislature plenum, not a co-operation mechanism")
    if found and not ours:
        return Decision(False, f"about the {found[0].entry.name}, a mechanism between other governments")
    paired = _paired(headline)
    if paired is not None:
        return paired
    unmet = ours[0] if ours else named
    if unmet is not None:
        return Decision(False, f"its headline names the {unmet.name} but no meeting of it")
    return Decision(False, NO_MECHANISM)


def _normalised(title: str) -> str:
    """The headline with spaces, quotes and the genre's abbreviations folded, cut to a bound."""
    text = unicodedata.normalize("NFKC", title[:_LONGEST]).replace("\u2018", "'").replace("\u2019", "'")
    for pattern, spelled in _SPELLED_OUT:
        text = pattern.sub(spelled, text)
    return " ".join(text.split())


def _mentions(headline: str) -> list[mechanisms.Mention]:
    """The table's mechanisms the headline names; under a mirror's "Hong Kong – " prefix, those
    of the headline it repeats first ("Hong Kong – Guangdong/Macao ..." is Guangdong/Macao's)."""
    core = _MIRROR_PREFIX.sub("", headline, count=1)
    return (mechanisms.find(core) if core != headline else []) or mechanisms.find(headline)


# --- mechanisms named in part -----------------------------------------------------------------


@dataclass(frozen=True)
class _InPart:
    entry: Entry
    openings: re.Pattern[str] | None  # the opening words of its long names
    words: frozenset[str]  # the words of its shortest name


@functools.cache
def _in_part() -> tuple[_InPart, ...]:
    """The mechanisms of the table known by a name of their own, with what stands for the name."""
    out = []
    for entry in mechanisms.mechanisms():
        if entry.partner is not None or not entry.hk_party:
            continue
        names = sorted({entry.name, *entry.aliases}, key=len)
        openings = {" ".join(n.split()[:4]) for n in names if len(n.split()) >= 6}
        pattern = "|".join(_flexible(o) for o in sorted(openings, key=len, reverse=True))
        words = frozenset(_words(names[0])) - _STOP_WORDS
        out.append(_InPart(entry, re.compile(rf"\b(?:{pattern})\b") if pattern else None, words))
    return tuple(out)


def _named_in_part(headline: str) -> Entry | None:
    words = set(_words(headline))
    for named in _in_part():
        if (named.openings and named.openings.search(headline)) or (named.words and named.words <= words):
            return named.entry
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+(?:-[a-z0-9']+)*", text.lower())


def _flexible(words: str) -> str:
    """A regex for words as printed in any case, "Co-operation"/"Cooperation", "and"/"&"."""
    out = []
    for word in words.split():
        w = re.escape(word).replace("\\-", r"\s*-?\s*").replace("'", "['\u2019]")
        out.append(r"(?:and|&)" if word.lower() == "and" else w)
    return r"(?i:" + r"\s+".join(out) + ")"


# --- Hong Kong paired with a partner ----------------------------------------------------------


@functools.cache
def _place() -> str:
    """A partner's name: the table's partners and the gazetteer's places."""
    table = {e.partner for e in mechanisms.mechanisms() if e.partner}
    names = sorted(PARTNERS | table | {"Macau"}, key=len, reverse=True)
    return r"(?:" + "|".join(re.escape(n) for n in names) + r")(?:\s+(?:Province|Municipality|City))?"


@functools.cache
def _pair_re() -> re.Pattern[str]:
    """Hong Kong joined to a partner by "/", "-", ",", "&" or "and", either way round."""
    return re.compile(rf"\b{_HK}{_JOIN}(?P<a>{_place()})\b|\b(?P<b>{_place()}){_JOIN}{_HK}\b")


@functools.cache
def _third_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A third place joined after or before a pair: the Greater Bay Area's run of three."""
    side = rf"(?P<third>{_place()}|{_HK})"
    return re.compile(rf"^{_JOIN}{side}\b"), re.compile(rf"\b{side}{_JOIN}$")


def _partners(headline: str) -> tuple[list[str], bool]:
    """The partners a headline pairs with Hong Kong, and whether it names Hong Kong in a run of
    three places ("Guangdong-Hong Kong-Macao"), whose pairs are left out; a city's own province
    after it is no third place ("Hong Kong and Shenzhen, Guangdong")."""
    after, before = _third_re()
    out: list[str] = []
    trio = False
    for m in _pair_re().finditer(headline):
        partner = partner_name(m["a"] or m["b"])
        if partner is None or partner in out:
            continue
        third = after.search(headline[m.end() : m.end() + 60]) or before.search(headline[: m.start()][-60:])
        if third is None or partner_name(third["third"]) in (None, CITIES.get(partner)):
            out.append(partner)
        else:
            trio = True
    return out, trio


def _paired(headline: str) -> Decision | None:
    """The decision for a headline pairing Hong Kong with a partner, or None when it pairs none."""
    partners, trio = _partners(headline)
    if not partners:
        three = "its headline names Hong Kong in a run of three places (the Greater Bay Area), no mechanism's pair"
        return Decision(False, three) if trio else None
    partner = partners[0]
    mentions = M.meeting_mentions(headline)
    if mentions:
        kind = mentions[0].kind.value.replace("_", " ").replace("high level", "high-level")
        return Decision(True, f"its headline pairs Hong Kong with {partner} and names a {kind}")
    word = _PAIR_MEETING.search(headline)
    if word:  # "HK, Shenzhen sign co-operation agreements at meeting": the release decides
        return Decision(True, f"its headline pairs Hong Kong with {partner} and speaks of a {word[0].lower()}")
    if _COOPERATION.search(headline) and _SIGNED.search(headline):
        return Decision(True, f"its headline pairs Hong Kong with {partner} and speaks of co-operation signed")
    return Decision(False, f"its headline pairs Hong Kong with {partner} but names no meeting, no co-operation signed")
