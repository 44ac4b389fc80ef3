"""The meeting's date in a Chinese page ([ZH-DATE]): a date only when its year is printed.

The day comes from the sentence stating the meeting (今日(十二月二十一日), 今日(12日), 將於12日,
本月12日, 週四(12日), M月D日上午, D日上午); the month, when the day has none, from a wire dateline
(中新社成都9月10日電); the year from the sentence itself (2023年9月12日) or from a date the page
prints as its own (the GIA end block, the news portal's date line, a broadcaster's stamp: the
cleaner's ``footer_date`` / ``page_date``). A day with no month and no dateline gives no date,
nor does Cantonese 噚日 / 聽日, counted from a publication date that is not printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cooptrack.dates import safe_date
from cooptrack.extract.zh import patterns as P
from cooptrack.extract.zh.numbers import number, year
from cooptrack.extract.zh.text import Sent


@dataclass(frozen=True)
class When:
    date: dt.date | None
    date_text: str | None


@dataclass(frozen=True)
class _Day:
    month: int | None
    day: int
    year: int | None
    text: str


def meeting_date(sents: list[Sent], printed: dt.date | None, *, announcement: bool) -> When:
    """The meeting's date from its statement sentences (first that gives a day)."""
    dateline = _dateline(sents)
    for sent in sents:
        if P.CANTONESE_DAY.search(sent.f) and not _day(sent):
            return When(None, None)
        found = _day(sent)
        if found is None:
            continue
        if "当天" in sent.f and dateline is not None and found.month is None:
            found = _Day(dateline[0], dateline[1], None, found.text)
        return _resolve(found, dateline, printed, announcement)
    for sent in sents[:2]:
        if any(w in sent.f for w in ("当天", "今日", "今天")) and dateline is not None:
            m, d = dateline
            return _resolve(_Day(m, d, None, f"{m}月{d}日"), None, printed, announcement)
    return When(None, None)


def _day(sent: Sent) -> _Day | None:
    f = sent.f
    for pattern in (P.TODAY_PAREN, P.WILL_ON, P.WEEKDAY_PAREN):
        m = pattern.search(f)
        if m:
            inner_start = m.start("m") if m["m"] else m.start("d")
            return _Day(
                number(m["m"]) if m["m"] else None,
                number(m["d"]) or 0,
                None,
                sent.original(inner_start, m.end("d") + 1),
            )
    m = P.THIS_MONTH.search(f)
    if m:  # month 0: the month of the page's printed date
        return _Day(0, number(m["d"]) or 0, None, sent.original(m.start(), m.end()))
    for m in P.DATED.finditer(f):
        if P.WIRE_DATELINE.match(f[: m.end() + 1]) and f[m.end() : m.end() + 1] in ("电", "讯"):
            continue
        y = year(m["y"]) if m["y"] else None
        if y is not None and P.NOT_MEETING_YEAR.match(f[m.end() : m.end() + 10]):
            continue
        start = m.start("y") if m["y"] else m.start("m")
        return _Day(number(m["m"]), number(m["d"]) or 0, y, sent.original(start, m.end()))
    m = P.DAY_ONLY.search(f)
    if m:
        return _Day(None, number(m["d"]) or 0, None, sent.original(m.start("d"), m.end("d") + 1))
    return None


def _dateline(sents: list[Sent]) -> tuple[int, int] | None:
    for sent in sents[:2]:
        m = P.WIRE_DATELINE.match(sent.f)
        if m:
            month, day = number(m["m"]), number(m["d"])
            if month and day:
                return month, day
    return None


def _resolve(found: _Day, dateline: tuple[int, int] | None, printed: dt.date | None, announcement: bool) -> When:
    month = found.month
    if month == 0:
        month = dateline[0] if dateline is not None else (printed.month if printed is not None else None)
    if month is None and dateline is not None:
        month = dateline[0]
    if month is None and printed is not None and 0 <= printed.day - found.day <= 1:
        month = printed.month
    if month is None or not 1 <= found.day <= 31:
        return When(None, found.text)
    if found.year is not None:
        return When(safe_date(found.year, month, found.day), found.text)
    if printed is None:
        return When(None, found.text)
    date = safe_date(printed.year, month, found.day)
    if date is None:
        return When(None, found.text)
    if not announcement and date > printed + dt.timedelta(days=31):
        date = safe_date(printed.year - 1, month, found.day)
    elif announcement and date < printed - dt.timedelta(days=31):
        date = safe_date(printed.year + 1, month, found.day)
    return When(date, found.text)
