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
# "Yesterday" and the words news copies and content farms put in its place: "the day gone by",
# "the previous day", "the day prior", "the day before" (not "the day before the forum opened");
# "last night", "last evening" (a release issued after midnight about an evening's meeting).
YESTERDAY_RE = (
    r"(?:yesterday|last\s+(?:night|evening)|the\s+day\s+gone\s+by|the\s+previous\s+day|the\s+day\s+prior"
    r"|the\s+day\s+before(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|with|when|while|and|as|during|yesterday)\b))"
)

# "November 29, 2023" / "November 29" / "29 November 2023" / "Nov. 29"
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# "29 November 2023", "6th of September"
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:(?:st|nd|rd|th)\s+of)?(?:st|nd|rd|th)?\s+(?P<month>{MONTH_RE})"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
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
DATE_PHRASE = (
    rf"(?:{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?"
    rf"|(?<!\d)\d{{1,2}}(?:(?:st|nd|rd|th)\s+of)?(?:st|nd|rd|th)?\s+{MONTH_RE}(?:,?\s+\d{{4}})?)"
)
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z .'\-]{{1,40}}),\s+(?P<date>{DATE_PHRASE})\s*"
    r"(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*(?:--|\u2014|\u2013|-|:)\s*"  # "(Xinhua)", "/PRNewswire/"
)


# --- printed dates with a year: the year sources ([D-PRINTED], [D-FORMS]) --------------------

_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "2019-06-03", "2019/6/3", "2019.06.03", glued to its time ("2019-06-0310:15:32")
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.\-])(?P<year>(?:19|20)\d\d)([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d?[-/.]\d)"
)
# A news agency's stamp with its year apart from the day, as its page's spans print them: "2026
# 11/19 20:15:32" (the year, the month and day, the time; only with the time, which makes the figures
# a stamp; audit zh20)
_YEAR_APART = re.compile(
    r"(?<![\d/.\-])(?P<year>(?:19|20)\d\d)\s(?P<month>\d{1,2})/(?P<day>\d{1,2})(?=\s\d{1,2}:\d{2})"
)
# The day first, as Hong Kong pages print it: "25/10/2024", "25.10.2024" (a month above 12 in the
# first place is a US-style month-first date: "10/25/2024")
_NUMERIC_DAY_FIRST = re.compile(
    r"(?<![\d/.\-])(?P<day>\d{1,2})([/.])(?P<month>\d{1,2})\2(?P<year>(?:19|20)\d\d)(?![\d/.\-]\d|\d)"
)
_YEAR_FIRST = re.compile(rf"(?<!\d){_YEAR}\s+(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX}\b")
_MONTH_FIRST = re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX},?\s+{_YEAR}\b")
# "21 Mar 2019", "16 September, 2019", a stamp's "14-May-2026"
_DAY_FIRST = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX}(?:\s+|-)(?P<month>{MONTH_RE})(?:,?\s+|-){_YEAR}\b"
)


def printed_date(text: str) -> dt.date | None:
    """The first full date (with its year) printed in ``text``, in any of the genre's forms:
    "2019-06-03" (also glued to a time, "2019-06-0310:15:32"), "2019 June 3", "June 3, 2019",
    "January 05, 2019", "16 September, 2019", "21 Mar 2019", the day first in figures "25/10/2024"."""
    best: tuple[int, dt.date] | None = None
    for pattern in (_NUMERIC_DATE, _NUMERIC_DAY_FIRST, _YEAR_APART, _YEAR_FIRST, _MONTH_FIRST, _DAY_FIRST):
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            raw, number = m["month"], int(m["day"])
            month = int(raw) if raw.isdigit() else month_number(raw)
            if pattern is _NUMERIC_DAY_FIRST and month and month > 12 >= number:
                month, number = number, month  # "10/25/2024"
            day = safe_date(int(m["year"]), month, number) if month else None
            if day is not None:
                best = (m.start(), day)
                break
    return best[1] if best else None


# A time and its zone in capitals, any of them ("HKT", "JST", "SGT", "ET", "GMT+8", "(UTC+08:00)")
_ZONE = r"\(?(?-i:[A-Z]{1,4}T|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?"
ZONE = _ZONE  # for the cleaner's lines of facts (clean/noise.py)
_TIME = rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?(?:\s*{_ZONE})?"
_ANY_DATE = (
    rf"(?:(?:19|20)\d\d[-/.]\d{{1,2}}[-/.]\d{{1,2}}|(?:19|20)\d\d\s\d{{1,2}}/\d{{1,2}}(?=\s\d{{1,2}}:\d{{2}})|\d{{1,2}}(?P<sep>[/.])\d{{1,2}}(?P=sep)(?:19|20)\d\d|(?:19|20)\d\d\s+{MONTH_RE}\s+\d{{1,2}}"
    rf"|{MONTH_RE}\s+\d{{1,2}}{_ORDINAL_SUFFIX},?\s+(?:19|20)\d\d|\d{{1,2}}{_ORDINAL_SUFFIX}(?:\s+|-){MONTH_RE}(?:,?\s+|-)(?:19|20)\d\d)"
)
# A line that is only the page's time stamp: "2019-06-03 10:15 Last Updated At:06-03 11:20",
# "2019 June 3   10:15", "2019-06-0310:15:32", "Updated: 2019-06-03 10:15", "Friday, June 3, 2019".
_WEEKDAY_ABBREVIATED = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
STAMP_LINE = re.compile(
    r"^(?:(?:(?:last|first|originally)\s+)?(?:updated|published|posted|released?|modified|issued|date|time|"
    r"(?:release|publish(?:ed)?|publication|post(?:ed)?)\s+(?:date|time))(?:\s+(?:at|on))?\s*[:：]?\s*)?"
    rf"(?:{_TIME},?\s*)?(?:(?:{WEEKDAY_RE}|{_WEEKDAY_ABBREVIATED}),?\s*)?{_ANY_DATE}"
    rf"(?:\s*[,|/\u00b7\-\u2013\u2014]?\s*(?:{_ZONE}\s*)?{_TIME})?"
    # "Last Updated At:06-03 11:20", "/ Updated 2 hours ago"
    r"(?:\s*[|/\u00b7]?\s*(?:last\s+)?updated\b(?:\s+at)?\s*[:：]?[\w:\-/. ]{0,30})?$",
    re.IGNORECASE,
)


def stamp_date(line: str) -> dt.date | None:
    """The page's date when ``line`` is only a time stamp (or a date line), else None."""
    return printed_date(line) if len(line) <= 80 and STAMP_LINE.match(line) else None
