"""Numbers and ordinals as the releases write them: "Fifth", "20th", "Twenty-first", "eight"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "inaugural": 1,
}  # fmt: skip
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}

_TENS_RE = "|".join(_TENS)
_ORD_UNIT_RE = "|".join(sorted(_ORDINAL_UNITS, key=len, reverse=True))
_ORD_TENS_RE = "|".join(_ORDINAL_TENS)
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))

# The words an ordinal in words starts with ("twenty" of "twenty-first", "fifth", "twentieth")
ORDINAL_WORDS = (*_TENS, *_ORDINAL_UNITS, *_ORDINAL_TENS)
# "Fifth", "Twenty-first", "Twentieth", "20th", "21st", "3rd"
ORDINAL_RE = rf"(?:(?:{_TENS_RE})[\s-]?(?:{_ORD_UNIT_RE})|{_ORD_TENS_RE}|{_ORD_UNIT_RE}|\d{{1,3}}(?:st|nd|rd|th))"
# "eight", "twenty-one", "12"
CARDINAL_RE = rf"(?:(?:{_TENS_RE})(?:[\s-](?:{_UNIT_RE}))?|{_UNIT_RE}|\d{{1,3}})"


_SEPARATORS = re.compile(r"[\s-]+")
_DIGIT_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")


def _word_value(word: str, units: dict[str, int], tens: dict[str, int]) -> int | None:
    """ "five" / "twenty" / "twenty-one" (or "fifth" / "twentieth" / "twenty-first") as a number."""
    if word in units:
        return units[word]
    if word in tens:
        return tens[word]
    parts = _SEPARATORS.split(word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in units:
        return _TENS[parts[0]] + units[parts[1]]
    return None


def ordinal_value(text: str) -> int | None:
    """The number an ordinal stands for: "Fifth" → 5, "Twenty-first" → 21, "20th" → 20."""
    word = text.strip().lower()
    m = _DIGIT_ORDINAL.fullmatch(word)
    return int(m.group(1)) if m else _word_value(word, _ORDINAL_UNITS, _ORDINAL_TENS)


_DOZENS = {"a dozen": 12, "half a dozen": 6}


def cardinal_value(text: str) -> int | None:
    """The number a cardinal stands for: "eight" → 8, "twenty-one" → 21, "12" → 12, "half a dozen" → 6."""
    word = " ".join(text.lower().split())
    return int(word) if word.isdigit() else _DOZENS.get(word) or _word_value(word, _UNITS, _TENS)
