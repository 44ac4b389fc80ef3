"""Quantities named in a measure: money ("HK$20 million"), counts ("3 500 young people"), percentages.

``find_quantities(text, offset)`` reads one measure's paragraph and returns a :class:`Quantity` for
each amount, in order, with spans into the record's text (``offset`` is the paragraph's start).

Precision comes before recall: a quantity that is not there is worse than one that is missed. So
a count needs a counted noun right after the number, whose last word is a plural ("eight projects in
Sichuan" → "projects"); and years, dates, ordinals, numbered labels ("Annex 2", "Phase 3"), "the
two sides", quoted names ("two districts") and "from X to Y" (a change, not a range) give nothing.
An upper bound ("up to", "less than") gives nothing either: the record cannot say "at most".
"""

from __future__ import annotations

import re
from decimal import Decimal

from cooptrack.extract.numbers import CARDINAL_RE, cardinal_value
from cooptrack.record import Quantity
from cooptrack.vocab import QuantityKind

# --- tables -----------------------------------------------------------------------------------

SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

# Written before the amount ("HK$20 million") or after it ("880 million yuan").
# A bare "$" is the Hong Kong dollar: the Government's releases write HK$ amounts that way.
CURRENCIES_BEFORE: dict[str, str] = {
    "HK$": "HKD", "HKD": "HKD", "$": "HKD", "US$": "USD", "USD": "USD", "RMB": "RMB", "¥": "RMB",
    "MOP$": "MOP", "MOP": "MOP", "NT$": "TWD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
}  # fmt: skip
CURRENCIES_AFTER: dict[str, str] = {
    "yuan": "RMB", "renminbi": "RMB", "Hong Kong dollars": "HKD", "US dollars": "USD", "euros": "EUR",
}  # fmt: skip

# "over 100": a lower bound. "some"/"about"/"around" are approximations: kept in the span's text,
# nothing recorded. An upper bound cannot be recorded, so "up to 30 per cent" is not a quantity.
_AT_LEAST = r"over|more\s+than|at\s+least|exceeding|in\s+excess\s+of|upwards\s+of|(?:no|not)\s+(?:less|fewer)\s+than"
_ABOUT = r"some|about|around|approximately|nearly|almost|roughly|close\s+to|an\s+estimated"
_AT_MOST = r"up\s+to|less\s+than|fewer\s+than|under|below|(?:no|not)\s+more\s+than|at\s+most"

# A number followed by one of these, or after one of these, is a label, not an amount.
_LABELS = frozenset(
    "annex annexes appendix article articles chapter clause clauses section sections part paragraph "
    "schedule item items no number type phase stage batch round level floor room block tower route "
    "tel fax cap grade form rule regulation category tier terminal pier gate lot primary secondary year "
    "p s".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_LABELS_OR_MONTHS = _LABELS | _MONTHS

# Words that end a counted noun before it has begun or after its last word: prepositions,
# conjunctions, determiners, auxiliaries, and words ending in "s" that are not plurals.
_STOP_WORDS = frozenset(
    "of in on at to for from by with within without into onto across along among amongst between "
    "through throughout under over about around per via than as like upon towards toward versus "
    "and or but nor so yet if while whereas because since until "
    "the a an this that these those each every all both either neither such its their his her our "
    "your my some any no more most other another which who whom whose where when "
    "is are was were be been being has have had will would shall should can could may might must "
    "do does did not also always perhaps sometimes thus plus besides nevertheless nonetheless "
    "respectively afterwards upwards overseas percent cent".split()
)
_IRREGULAR_PLURALS = frozenset("people children men women staff personnel youth police cattle".split())
# Nouns in "-ing" that name things counted ("1 000 training places"); other "-ing" words are
# verbs ("some 1 100 undertaking internships": the 1 100 are people, not internships).
_ING_NOUNS = frozenset("training housing building funding teaching learning boarding nursing".split())
# The parties to a meeting are not counts a user tracks: "the two sides", "the three governments",
# "two places", "one country, two systems". Applied to numbers written in words up to three only:
# "13 cities of Guangdong Province" and "over 1 000 places" are counts.
_PARTIES = frozenset(
    "side sides place places party parties government governments city cities region regions system systems".split()
)
# Durations, multipliers and fractions: "five years", "seven times", "two thirds" are not things counted.
_NOT_COUNTED = frozenset(
    "years months weeks days hours minutes seconds decades centuries times thirds quarters halves fifths tenths".split()
)
_MAX_NOUN_WORDS = 3  # a run of capitalised words ("Hong Kong") counts as one

# --- the pattern ------------------------------------------------------------------------------


def _alternatives(words: dict[str, str] | dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGITS = r"""
    \d{1,3}(?:[,\u00a0\u2009\u202f\ ]\d{3})+(?!\d)(?:\.\d+)?    # 3 500, 3,500, 1 000 000
    | \d+(?:\.\d+)?                                             # 20, 1.2
"""
_NUMBER = rf"(?:{_DIGITS}|(?i:{CARDINAL_RE}))(?![\w.,]\w|\w)"  # not "14th", "G20" (before: see below)
_SCALE = rf"(?i:{_alternatives(SCALES)})\b"
_CURRENCY = rf"(?<![A-Za-z])(?:{_alternatives(CURRENCIES_BEFORE)})"
_PERCENT = r"%|(?i:per[\s-]?cent|percent)\b"

QUANTITY = re.compile(
    rf"""
    (?<![\w$.,/:+\-–'’])(?<!\d[,\u00a0\u2009\u202f\ ])          # not inside a number, word or code
    (?:
        (?P<at_least>(?i:{_AT_LEAST}))\s+
      | (?P<about>(?i:{_ABOUT}))\s+
      | (?P<at_most>(?i:{_AT_MOST}))\s+
      | (?P<between>(?i:between))\s+
    )?
    (?:(?P<currency>{_CURRENCY})\s?)?
    (?P<low>{_NUMBER})
    (?:\s+(?P<low_scale>{_SCALE}))?
    (?:\s?(?P<low_percent>{_PERCENT}))?
    (?P<range>
        (?:\s+(?(between)and|(?:to|or))\s+|\s*[-–]\s*)                 # "between 2 and 3", "2 to 3", "2-3"
        (?:(?P<high_currency>{_CURRENCY})\s?)?
        (?P<high>{_NUMBER})
        (?:\s+(?P<high_scale>{_SCALE}))?
    )?
    (?:
        \s?(?P<percent>{_PERCENT})
      | \s+(?P<currency_after>{_alternatives(CURRENCIES_AFTER)})\b
    )?
    """,
    re.VERBOSE,
)
_SEPARATORS = re.compile(r"[,\s\u00a0\u2009\u202f]")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_ABBREVIATIONS = re.compile(r"[A-Z]{2,}s")  # "SMEs"
_WORD = re.compile(r"[ \u00a0]+(?P<word>[A-Za-z]+(?:['’-][A-Za-z]+)*)")
_PREVIOUS_WORD = re.compile(r"(?P<word>[A-Za-z]+)\.?\s*$")


# --- reading one match ------------------------------------------------------------------------


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """The quantities named in ``text``, in order; spans are shifted by ``offset``."""
    found: list[Quantity] = []
    pos = 0
    while (m := QUANTITY.search(text, pos)) is not None:
        quantity = _read(text, m, offset)
        if quantity is not None:
            found.append(quantity)
            pos = quantity.span[1] - offset
        else:
            pos = m.end()
    return found


def _read(text: str, m: re.Match[str], offset: int) -> Quantity | None:
    """The quantity a match stands for, or None when it is not one (a year, a label, a bound...)."""
    if m["at_most"] or (m["between"] and not m["range"]) or _is_change(text, m) or _is_label(text, m):
        return None
    low, high = _bounds(m)
    if low is None or (m["range"] and high is None):
        return None
    currency = _currency(m)
    if currency is not None and not (m["percent"] or m["low_percent"]):
        kind, unit, end = QuantityKind.MONEY, currency, m.end()
    elif m["percent"] or (m["low_percent"] and not m["range"]):
        kind, unit, end = QuantityKind.PERCENTAGE, "%", m.end()
    elif m["low_percent"] or currency is not None:
        return None  # "15% to 20 projects", "HK$5 per cent": not one thing
    elif (noun := _counted_noun(text, m)) is not None:
        kind, (unit, end) = QuantityKind.COUNT, noun
    else:
        return None
    start = m.start()
    return Quantity(
        kind=kind, value=float(low), high=None if high is None else float(high), at_least=bool(m["at_least"]),
        unit=unit, text=text[start:end], span=(start + offset, end + offset),
    )  # fmt: skip


def _bounds(m: re.Match[str]) -> tuple[Decimal | None, Decimal | None]:
    """The low and high values; "20 to 30 million" says the scale once, for both ends."""
    low = _value(m["low"], m["low_scale"])
    if not m["range"]:
        return low, None
    high = _value(m["high"], m["high_scale"])
    if low is not None and m["high_scale"] and not m["low_scale"]:
        scaled = _value(m["low"], m["high_scale"])
        if scaled is not None and scaled <= (high or 0):  # not "$500,000 to $1 million"
            low = scaled
    return low, high


def _value(number: str | None, scale: str | None) -> Decimal | None:
    """ "3 500" → 3500, "1.2" with "billion" → 1 200 000 000, "eight" → 8."""
    if number is None:
        return None
    digits = _SEPARATORS.sub("", number)
    if _PLAIN_NUMBER.fullmatch(digits):
        value = Decimal(digits)
    elif (word := cardinal_value(number)) is not None:
        value = Decimal(word)
    else:
        return None
    return value * SCALES[scale.lower()] if scale else value


def _currency(m: re.Match[str]) -> str | None:
    """The currency code of a money amount, None for a count or a percentage (or mixed currencies)."""
    before = CURRENCIES_BEFORE.get(m["currency"] or m["high_currency"] or "")
    after = CURRENCIES_AFTER.get(m["currency_after"] or "")
    if m["high_currency"] and m["currency"] and CURRENCIES_BEFORE[m["high_currency"]] != before:
        return None
    if before and after and before != after:
        return None
    return before or after


def _is_change(text: str, m: re.Match[str]) -> bool:
    """ "from 10 to 20 per cent" is a change between two amounts, not a range."""
    return bool(m["range"]) and re.search(r"(?i)\bfrom\s+$", text[max(0, m.start() - 6) : m.start()]) is not None


def _is_label(text: str, m: re.Match[str]) -> bool:
    """ "Annex 2", "Phase 3 projects", "June 28", "No. 1": a number that names rather than counts."""
    if m["currency"] or m["currency_after"]:
        return False
    before = _PREVIOUS_WORD.search(text, max(0, m.start() - 20), m.start())
    if before and before["word"].lower() in _LABELS_OR_MONTHS and not (m["at_least"] or m["about"]):
        return True
    after = _WORD.match(text, m.end())
    if after and after["word"].lower() in _MONTHS and after["word"][0].isupper():
        return True
    return _is_year(m["low"]) or _is_year(m["high"])


def _is_year(number: str | None) -> bool:
    return number is not None and _YEAR.fullmatch(number) is not None


# --- counted nouns ----------------------------------------------------------------------------


def _counted_noun(text: str, m: re.Match[str]) -> tuple[str, int] | None:
    """The counted noun after a number and where it ends, or None when there is no sensible one.

    Up to three words (a capitalised run like "Hong Kong" is one) ending at the last plural among
    them, optionally with "and <plural>" ("countries and regions"). The words stop before
    prepositions, determiners, auxiliaries and "-ing" verbs: "eight projects in Sichuan".
    """
    if "." in m["low"] and not (m["low_scale"] or m["high_scale"]):
        return None  # "1.5 projects"
    if m.start() > 0 and text[m.start() - 1] in "\"“‘'":
        return None  # a quoted name: "two districts", "one country, two systems"
    words = _noun_words(text, m.end())
    plurals = [i for i, (word, _, _) in enumerate(words) if _is_plural(word)]
    if not plurals:
        return None
    last = plurals[-1]  # "youth internship projects", "sports events"; "projects" in "projects jointly funded"
    end = words[last][2]
    if last + 1 < _MAX_NOUN_WORDS:
        end = _coordinated_plural(text, end) or end
    unit = text[words[0][1] : end]
    noun = unit.split()[-1].lower()
    written_small = not any(c.isdigit() for c in m["low"]) and (_value(m["low"], None) or 0) <= 3
    if noun in _NOT_COUNTED or (written_small and noun in _PARTIES):
        return None
    return unit, end


def _coordinated_plural(text: str, pos: int) -> int | None:
    """Where "and regions" ends after "countries", or None when no plural is coordinated there."""
    conjunction = _WORD.match(text, pos)
    if conjunction is None or conjunction["word"] not in ("and", "or"):
        return None
    other = _WORD.match(text, conjunction.end())
    if other is None or not _is_plural(other["word"]):
        return None
    following = _WORD.match(text, other.end())
    if following is not None and _is_plural(following["word"]):
        return None  # "and sports events": a longer noun than we read
    return other.end()


def _noun_words(text: str, pos: int) -> list[tuple[str, int, int]]:
    """The words that may make a counted noun after ``pos``: (word, start, end), a capitalised run
    merged into one; at most three, none a stop word, a number or a verb in "-ing"."""
    words: list[tuple[str, int, int]] = []
    while len(words) < _MAX_NOUN_WORDS and (w := _WORD.match(text, pos)) is not None:
        word = w["word"]
        lower = word.lower()
        if lower in _STOP_WORDS or lower in SCALES or cardinal_value(lower) is not None:
            break
        if lower.endswith("ing") and lower not in _ING_NOUNS:
            break
        if word[0].isupper() and words and words[-1][0][0].isupper() and not _is_plural(word):
            words[-1] = (text[words[-1][1] : w.end()], words[-1][1], w.end())  # "Hong Kong"
        else:
            words.append((word, w.start("word"), w.end()))
        pos = w.end()
    return words


def _is_plural(word: str) -> bool:
    """ "projects", "young people", "SMEs": a counted noun's last word. Not "Projects" (a name)."""
    if _ABBREVIATIONS.fullmatch(word):
        return True
    if not word.islower() or word in _STOP_WORDS:
        return False
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
