"""Month names and date phrases of the genre, parsed without ever inventing a year."""

from __future__ import annotations

import datetime as dt
import re

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY_RE = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

# "November 29, 2023" / "November 29" / "29 November 2023" / "Nov. 29"
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_RE})(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_phrase(text: str) -> tuple[int, int, int | None, str] | None:
    """Find the first month-day phrase: (month, day, year or None, the phrase as written)."""
    best: re.Match[str] | None = None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    month = month_number(best["month"])
    day = int(best["day"])
    if month is None or not 1 <= day <= 31:
        return None
    year = int(best["year"]) if best["year"] else None
    return month, day, year, best.group(0)


def date_near(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day closest to ``anchor`` (a footer or URL date).

    A release dated January 2 that says "yesterday (December 31)" means the previous year.
    """
    candidates = [safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)]
    valid = [c for c in candidates if c is not None]
    if not valid:
        return None
    return min(valid, key=lambda c: abs((c - anchor).days))


# A news story's dateline: "HONG KONG, Nov. 18 (Xinhua) --", "GUANGZHOU, June 3 -".
DATE_PHRASE = rf"(?:{MONTH_RE}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH_RE}(?:,?\s+\d{{4}})?)"
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z .'\-]{{1,40}}),\s+(?P<date>{DATE_PHRASE})\s*"
    r"(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*(?:--|\u2014|\u2013|-|:)\s*"  # "(Xinhua)", "/PRNewswire/"
)
