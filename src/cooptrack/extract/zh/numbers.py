"""Chinese numerals, ordinals and years: 一 to 九十九 (十, 二十, 廿), Arabic digits, ○/〇 in years.

``第二十四次`` is 24, ``第21次`` is 21, ``首次`` is 1; ``二○二一年`` is 2021. Numbers are read on the
folded text (:mod:`cooptrack.fold`), where full-width digits are already ASCII.
"""

from __future__ import annotations

import re

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# A number as the genre writes it: Arabic, or Chinese up to 九十九 (with 十, 廿).
NUMBER = r"(?:\d{1,3}|[一二两三四五六七八九]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[一二两三四五六七八九])"
_YEAR_DIGITS = re.compile(r"[一二三四五六七八九〇○零]{4}")


def number(text: str) -> int | None:
    """The value of one number (``二十一`` → 21, ``廿`` → 20, ``21`` → 21, ``首`` → 1), or None."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text == "首":
        return 1
    if text.startswith("廿"):
        rest = text[1:]
        return 20 + (DIGITS.get(rest, -100) if rest else 0) if len(rest) <= 1 else None
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1:
            return None
        t = DIGITS.get(tens, -100) if tens else 1
        u = DIGITS.get(units, -100) if units else 0
        value = t * 10 + u
        return value if 0 < value < 100 else None
    return DIGITS.get(text) if len(text) == 1 else None


def year(text: str) -> int | None:
    """A year written in digits or Chinese digit by digit (``二○二一`` → 2021)."""
    text = text.strip()
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return int(text)
    if _YEAR_DIGITS.fullmatch(text):
        value = int("".join(str(DIGITS[c]) for c in text))
        return value if 1900 <= value <= 2099 else None
    return None
