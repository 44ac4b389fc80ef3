"""The standing co-operation mechanisms, as data: one table, read from ``data/mechanisms.toml``.

Relevance, canonical names, the crawler's headline picker and the web pages all ask this module
what a mechanism is called and whether Hong Kong is a party to it; nothing else lists them.

:func:`find` reads every naming of a mechanism in a text, in the genre's forms: the pair form
with any separator ("Hong Kong/Sichuan", "Hong Kong-Sichuan", "Hong Kong / Sichuan", "Hubei-Hong
Kong", "Hong Kong Macao", "Hong Kong and Shandong", a machine translation's "E-Hong Kong"), old
and new suffixes ("Economic & Trade Co-operation Conference", "Cooperation Joint Conference",
"joint conference"), "the co-operation conference between Hubei and Hong Kong", the named
mechanisms (the Belt and Road joint conference, the Pan-Pearl River Delta conference) however
their "and"/"&" and capitals are written, and the Chinese names. Each naming resolves to the
table's canonical entry, so that a headline's "HK-Guangdong joint conference" and the body's
"Hong Kong/Guangdong Co-operation Joint Conference" are one mechanism.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cooptrack.memo import per_document
from cooptrack.quick import ORIGINALS, quick
from cooptrack.vocab import MeetingKind, Side


@dataclass(frozen=True)
class Entry:
    """One mechanism of the table."""

    name: str
    partner: str | None
    side: Side
    hk_party: bool
    numbered: bool
    kinds: tuple[MeetingKind, ...]
    chairs: str
    first_year: int | None = None
    partner_zh: tuple[str, ...] = ()
    abbrev_zh: tuple[str, ...] = ()
    abbrev_pinyin: str | None = None
    aliases: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()
    listed: bool = True  # False for a partner without a row, named by the default pattern
    short_name: str | None = None

    @property
    def short(self) -> str:
        """What to call it in a label or an address: the partner, or its own short name."""
        return self.partner or self.short_name or self.name

    @property
    def ordinal_kind(self) -> MeetingKind:
        """What "the Nth <mechanism>" is: a plenary of a conference, a high-level meeting of the
        Macao mechanism, ``other`` for the Belt and Road and PPRD conferences."""
        return self.kinds[0] if self.kinds else MeetingKind.PLENARY


@dataclass(frozen=True)
class Mention:
    """A naming of a mechanism in a text: ``text[start:end]``."""

    entry: Entry
    start: int
    end: int


def _entry(row: dict[str, Any], default: dict[str, Any], *, listed: bool = True) -> Entry:
    def get(key: str, fallback: Any = None) -> Any:
        return row.get(key, default.get(key, fallback))

    return Entry(
        name=row["name"],
        partner=row.get("partner"),
        side=Side(get("side", "Mainland")),
        hk_party=bool(get("hk_party", True)),
        numbered=bool(get("numbered", True)),
        kinds=tuple(MeetingKind(k) for k in get("kinds", ["plenary"])),
        chairs=str(get("chairs", "")),
        first_year=row.get("first_year"),
        partner_zh=tuple(row.get("partner_zh", ())),
        abbrev_zh=tuple(row.get("abbrev_zh", ())),
        abbrev_pinyin=row.get("abbrev_pinyin"),
        aliases=tuple(row.get("aliases", ())),
        aliases_zh=tuple(row.get("aliases_zh", ())),
        listed=listed,
        short_name=row.get("short"),
    )


@functools.cache
def _table() -> tuple[dict[str, Any], tuple[Entry, ...]]:
    text = resources.files("cooptrack").joinpath("data/mechanisms.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    default: dict[str, Any] = data["default"]
    return default, tuple(_entry(row, default) for row in data["mechanism"])


def mechanisms() -> tuple[Entry, ...]:
    """Every mechanism of the table, those Hong Kong is a party to first."""
    return tuple(sorted(_table()[1], key=lambda e: not e.hk_party))


@functools.cache
def for_partner(partner: str) -> Entry:
    """The mechanism Hong Kong holds with a partner: its row, or the default pattern's."""
    for entry in _table()[1]:
        if entry.hk_party and entry.partner == partner:
            return entry
    default = _table()[0]
    row = {"name": default["name"].format(partner=partner), "partner": partner}
    return _entry(row, default, listed=False)


def by_name(name: str | None) -> Entry | None:
    """The entry a name (canonical, alias, old or new spelling) stands for."""
    if not name:
        return None
    found = find(name)
    return found[0].entry if found else None


# --- matching English ---------------------------------------------------------------------------

_HK = r"(?:Hong\s?Kong(?:\s+Special\s+Administrative\s+Region)?|HKSAR|HK)"
_SEP = r"(?:\s*[/\-\u2010-\u2014]\s*|\s+(?:and|&)\s+|\s+)"
# What follows a pair of places: the mechanism's kind of body, in its old and new names.
_BODY_KIND = (
    r"co-?operation\s+(?:joint\s+conference|conference|meeting|high[-\s]level\s+meeting|council|mechanism)"
    r"|joint\s+conference|high[-\s]level\s+meeting"
)
# (the optional words join the first alternative only: "economic co-operation conference")
_SUFFIX = rf"(?i:(?:(?:economic\s*(?:and|&)\s*trade|economic|regional)\s+)?{_BODY_KIND})\b"
_SUFFIX_STARTS = {"ec", "re", "co", "jo", "hi"}  # economic, regional, co-operation, joint, high-level
# Every pair's match holds a kind of body: a text without one holds no pair. Whether a text holds
# one is asked without the optional words before "co-operation" (a text holding "economic
# co-operation conference" holds "co-operation conference"): the search then starts at a c, h or j
# only, not at every e and r as well (3,885 texts of 300 pages: 19.6 → 7.8 ms).
_ANY_SUFFIX = re.compile(rf"(?i:{_BODY_KIND})\b")


@functools.cache
def _places() -> tuple[str, ...]:
    # imported here: cooptrack.extract reads this module, and its package imports the extractor
    from cooptrack.extract.gazetteer import PARTNERS

    return tuple(sorted(PARTNERS | {"Macau"}, key=len, reverse=True))


@functools.cache
def _place_re() -> str:
    places = "|".join(re.escape(n) for n in _places())
    return rf"(?:{places})(?:\s+(?:Province|Municipality|City))?"


def _starting(cased: Iterable[str], folded: Iterable[str] = ()) -> str:
    """A lookahead for the first two characters of every match (as written, or in any case): the
    search passes over any other position at once, instead of trying each alternative there."""
    parts = [re.escape(p) for p in sorted(set(cased))]
    if folded:
        parts.append("(?i:" + "|".join(re.escape(p) for p in sorted(set(folded))) + ")")
    return "(?=" + "|".join(parts) + ")"


@functools.cache
def _pinyin() -> dict[str, str]:
    return {e.abbrev_pinyin: e.partner for e in _table()[1] if e.abbrev_pinyin and e.partner}


@functools.cache
def _pair_re(between: bool = True) -> re.Pattern[str]:
    """The pairs of places and kinds of body; without ``between``, for a text without the word
    "between": the same pattern, its second alternative (which holds the word) never tried there,
    and a match no longer started by the name of a kind of body (same groups, same matches)."""
    side = rf"(?:{_HK}|{_place_re()})"
    abbrev = "|".join(sorted(_pinyin(), key=len, reverse=True))
    # "E-Hong Kong Cooperation Conference": a pinyin abbreviation joined to Hong Kong by a hyphen
    first = rf"(?P<a>{side}|\b(?:{abbrev})(?=-{_HK}))"
    # a match starts with Hong Kong's name, a place's, an abbreviation's, or the name of a kind of body
    places = {"Ho", "HK"} | {n[:2] for n in _places()} | {a[:2] for a in _pinyin()}
    starts = _starting(places, _SUFFIX_STARTS) if between else _starting(places)
    never = "" if between else "(?!)"
    return quick(  # built here, not at the top of the module: quickened here (cooptrack.quick)
        re.compile(
            rf"{starts}(?:\b{first}{_SEP}(?P<b>{side})(?:{_SEP}(?P<c>{side}))?\s+(?P<suffix>{_SUFFIX})"
            rf"|{never}(?P<between>{_SUFFIX})\s+between\s+(?:the\s+)?(?P<x>{side})\s+and\s+(?:the\s+)?(?P<y>{side})\b)"
        )
    )


def _flexible(alias: str) -> str:
    """A regex for a name as printed in any of the genre's spellings: separators, "and"/"&",
    "Co-operation"/"Cooperation", apostrophes, hyphens and case."""
    out = []
    for word in re.split(r"\s+", alias.strip()):
        w = re.escape(word)
        w = re.sub(r"(?i)co\\-operation", "co-?operation", w)
        w = w.replace("'", "['\u2019]").replace("\\-", r"\s*[-\u2010-\u2014]?\s*")
        if word.lower() == "and":
            w = r"(?:and|&)"
        out.append(w)
    return r"(?i:" + r"\s+".join(out) + r")"


@functools.cache
def _named() -> tuple[tuple[re.Pattern[str], Entry], ...]:
    """The mechanisms known by a name of their own, not by a pair of places."""
    out = []
    for entry in _table()[1]:
        if entry.partner is None and entry.hk_party:
            names = sorted({entry.name, *entry.aliases}, key=len, reverse=True)
            # the letters a name starts with (those _flexible leaves as they are)
            starts = [re.match(r"[A-Za-z]{0,2}", n.strip())[0] for n in names]  # type: ignore[index]
            start = _starting((), starts) if all(starts) else ""
            pattern = re.compile(start + r"\b(?:" + "|".join(_flexible(n) for n in names) + r")")
            out.append((quick(pattern), entry))  # built here: quickened here (cooptrack.quick)
    return tuple(out)


@functools.cache
def _any_named() -> re.Pattern[str]:
    """A text none of whose positions starts one of the names of :func:`_named` (one search, not
    one per mechanism): its names need not be looked for one by one."""
    return quick(re.compile("|".join(f"(?:{ORIGINALS.get(p, p).pattern})" for p, _ in _named())))


@functools.cache
def _chinese() -> tuple[tuple[str, Entry], ...]:
    pairs = [(alias, e) for e in _table()[1] for alias in e.aliases_zh]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.cache
def _chinese_without_cjk() -> tuple[tuple[str, Entry], ...]:
    return tuple((alias, e) for alias, e in _chinese() if not _CJK.search(alias))


_CJK = re.compile(r"[\u3400-\u9fff]")


@functools.lru_cache(maxsize=1024)
def _pair_entry(parties: tuple[str, ...], suffix: str) -> Entry | None:
    hk = [p for p in parties if re.fullmatch(_HK, p)]
    places = [_partner(p) for p in parties if not re.fullmatch(_HK, p)]
    if any(p is None for p in places) or not places:
        return None
    named = [p for p in places if p is not None]
    if hk and len(named) == 1:
        return for_partner(named[0])
    if hk or len(set(named)) < 2:
        return None  # "Guangdong-Hong Kong-Macao ...": the Greater Bay Area, no bilateral mechanism
    return _other_governments(tuple(named), suffix)


def _partner(place: str) -> str | None:
    from cooptrack.extract.gazetteer import partner_name

    return _pinyin().get(place) or partner_name(place)


@functools.cache
def _other_governments(places: tuple[str, ...], suffix: str) -> Entry:
    name = "/".join(places)
    for entry in _table()[1]:  # "Macao-Guangdong ..." is the table's Guangdong/Macao conference
        parties = entry.name.split(" ", 1)[0].split("/")
        if not entry.hk_party and sorted(parties) == sorted(places):
            return entry
    words = re.sub(r"\s+", " ", suffix.strip()).title().replace("Cooperation", "Co-operation")
    return Entry(f"{name} {words}", None, Side.MAINLAND, False, True, (MeetingKind.PLENARY,), "", listed=False)


def find(text: str) -> list[Mention]:
    """Every naming of a mechanism in ``text``, in order, each resolved to its table entry."""
    return list(_find(text))


# Every English naming holds one of these words, every Chinese one a Chinese character: a text
# with neither (most sentences) names no mechanism, and is not scanned by the name patterns.
_ANY_NAME = re.compile(r"(?i)co-?operation|joint\s+conference|high[-\s]level|belt|pan-?p|pprd|[\u3400-\u9fff]")


@per_document
def _find(text: str) -> tuple[Mention, ...]:
    """``find``, remembered: a page's sentences are asked about several times."""
    if not _ANY_NAME.search(text):
        return ()
    found: list[Mention] = []
    for pattern, entry in _named() if _any_named().search(text) else ():
        found.extend(Mention(entry, m.start(), m.end()) for m in pattern.finditer(text))
    for m in _pair_re("between" in text).finditer(text) if _ANY_SUFFIX.search(text) else ():
        if m["between"]:
            paired = _pair_entry((m["x"], m["y"]), m["between"])
        else:
            paired = _pair_entry(tuple(p for p in (m["a"], m["b"], m["c"]) if p), m["suffix"])
        if paired is not None:
            found.append(Mention(paired, m.start(), m.end()))
    # a name with a Chinese character is not in a text without one
    for alias, entry in _chinese() if not text.isascii() and _CJK.search(text) else _chinese_without_cjk():
        start = text.find(alias)
        while start >= 0:
            found.append(Mention(entry, start, start + len(alias)))
            start = text.find(alias, start + len(alias))
    return tuple(_without_overlaps(found))


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    """The longest naming where two overlap ("the Hong Kong/Macao Co-operation High Level Meeting")."""
    out: list[Mention] = []
    for m in sorted(found, key=lambda x: (x.start, -(x.end - x.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def canonical(name: str | None) -> str | None:
    """The canonical name of a mechanism as written, or None when it names none."""
    entry = by_name(name)
    return entry.name if entry else None


# --- matching Chinese ---------------------------------------------------------------------------
# Chinese names are matched on the folded text (cooptrack.fold: Simplified, NFKC, no
# injected pinyin), the spans mapped back to the text as written. A mechanism with a partner is
# named by the partner's one-character abbreviation (abbrev_zh) next to 港, in either order
# (粵港, 港深, 沪港), and a kind of body: 合作會議, 合作聯席會議, 聯席會議, 經貿(合作)會議, 合作高層
# 會議, 高層會晤(暨…合作會議); the others by their aliases_zh. Two abbreviations without 港 (粵澳,
# 閩澳) name a mechanism between other governments ([ZH-MECH], [ZH-NEG]).

_ZH_BODY = (
    r"(?:高层会晤暨(?:[{a}]?港[{a}]?)?(?:经贸)?合作(?:联席)?会议(?:机制|制度)?"
    r"|(?:经贸|经济)?合作(?:联席)?会议(?:机制|制度)?|合作高层会议|联席会议|经贸会议|高层会晤"
    r"|(?:举行|召开)了?第(?:\d{{1,3}}|[一二三四五六七八九十廿]{{1,3}})次(?:合作)?会议)"
)
_ZH_QUOTES = '「」“”"『』'


@functools.cache
def _zh_abbrevs() -> dict[str, Entry]:
    """Folded one-character abbreviation → the partner's entry (every partner of the table, then
    the provinces without a row of their own, named by the default pattern: 贛港 → Jiangxi)."""
    from cooptrack.fold import simplified

    listed = {simplified(a): e for e in _table()[1] if e.partner and e.hk_party for a in e.abbrev_zh}
    others = _table()[0].get("abbrev_zh", {})
    unlisted = {simplified(a): for_partner(p) for p, abbrevs in others.items() for a in abbrevs}
    return {**unlisted, **listed}


@functools.cache
def _zh_pair_re() -> re.Pattern[str]:
    a = "".join(_zh_abbrevs())
    body = _ZH_BODY.format(a=a)
    return quick(  # built here: quickened here (cooptrack.quick)
        re.compile(
            rf"(?<![{a}])(?:(?P<p>[{a}])港|港(?P<q>[{a}]))(?![{a}])(?P<body>{body})"
            rf"|(?<![{a}港])(?P<x>[{a}])(?P<y>[{a}])(?P<other>(?:经贸)?合作(?:联席)?会议)"
        )
    )


@functools.cache
def _zh_named() -> tuple[tuple[re.Pattern[str], Entry], ...]:
    """The aliases_zh of every row, folded, their quotation marks optional."""
    from cooptrack.fold import simplified

    out = []
    for entry in _table()[1]:
        names = {simplified(n) for n in entry.aliases_zh}
        if not names:
            continue
        alts = []
        for name in sorted(names, key=len, reverse=True):
            plain = "".join(c for c in name if c not in _ZH_QUOTES)
            alts.append(f"[{_ZH_QUOTES}]?".join(re.escape(c) for c in plain))
        out.append((re.compile("|".join(alts)), entry))
    return tuple(out)


@functools.cache
def _city_endings() -> dict[str, tuple[str, ...]]:
    """A partner's abbreviation → the cities whose full name ends with it (津: 天津; 京: 北京, 南京)."""
    from cooptrack.extract.zh.places import CITY_NAMES

    abbrevs = _zh_abbrevs()
    out: dict[str, list[str]] = {}
    for name in CITY_NAMES:
        if len(name) > 1 and name[-1] in abbrevs:
            out.setdefault(name[-1], []).append(name)
    return {a: tuple(names) for a, names in out.items()}


def _ends_city(folded: str, at: int) -> bool:
    """Whether the abbreviation at ``at`` closes a city's full name (天津港, 南京港: a city's port)."""
    names = _city_endings().get(folded[at], ())
    return any(at + 1 >= len(name) and folded.startswith(name, at + 1 - len(name)) for name in names)


def find_zh(text: str) -> list[Mention]:
    """Every Chinese naming of a mechanism in ``text`` (either script), spans into ``text``."""
    from cooptrack.fold import fold

    folded = fold(text)
    found: list[Mention] = []
    for pattern, entry in _zh_named():
        for m in pattern.finditer(folded.text):
            if not _ends_city(folded.text, m.start()):
                found.append(Mention(entry, *folded.span(m.start(), m.end())))
    abbrevs = _zh_abbrevs()
    for m in _zh_pair_re().finditer(folded.text):
        if m["p"] and _ends_city(folded.text, m.start()):
            continue  # 天津港 / 南京港合作会议: a port's meeting, not 津港 / 京港 (audit zh15)
        if m["body"]:
            paired: Entry | None = abbrevs[m["p"] or m["q"]]
        else:
            x, y = abbrevs[m["x"]].partner, abbrevs[m["y"]].partner
            paired = _other_governments((x, y), "Co-operation Conference") if x and y and x != y else None
        if paired is not None:
            found.append(Mention(paired, *folded.span(m.start(), m.end())))
    return _without_overlaps(found)
