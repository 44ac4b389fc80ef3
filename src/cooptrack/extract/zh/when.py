"""The meeting's date in a Chinese page ([ZH-DATE]): a date only when its year is printed.

The day comes from the sentence stating the meeting (今日(十二月二十一日), 今日(12日), 將於12日,
本月12日, 週四(12日), M月D日上午, D日上午); the month, when the day has none, from a wire dateline
(中新社成都9月10日電), else from the page's own date when the words place the day near it (今日,
明日, 昨日 with the day in brackets; a weekday within the week; 將於DD日 within two weeks after,
across a month's end too); the year from the sentence itself (2023年9月12日) or from a date the page
prints as its own (a dateline printing its year, 2026年12月3日電; the GIA end block, the news
portal's date line, a broadcaster's stamp: the cleaner's ``footer_date`` / ``page_date``). A day
with no month and no dateline gives no date, nor does Cantonese 噚日 / 聽日 on a page that prints no
date of its own (it counts from that date as 昨日 / 明日 do: audit zh15). A bare day word
(今日在北京召開, 當天, 昨日, 明日) counts from the dateline, else from the day the page was written:
its GIA end block, or its own date line or stamp (not a mirror's repost stamp), the day before for a
stamp just after midnight.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from cooptrack.clean.blocks import Cleaned
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
    cue: str | None = None  # what places a day with no month near the page's date: a day word, a weekday
    end: int = -1  # where the day's words end in the folded sentence


# How far from the page's own date a day printed without its month may fall, in days, by what the
# text says of it: 今日(DD日) that day (or the evening before a stamp after midnight), 明日(DD日)
# the day after, 昨日(DD日) the day before, a weekday (週四(DD日), 上周二(DD日)) within the week,
# before the page for a report and after it for an announcement, 將於DD日 within two weeks after.
_NEAR = {
    "today": (-1, 0),
    "tomorrow": (0, 1),
    "yesterday": (-2, -1),
    "weekday": (-7, 0),
    "weekday_ahead": (0, 7),
    "will": (0, 14),
}


def meeting_date(
    sents: list[Sent], printed: dt.date | None, *, announcement: bool, written: dt.date | None = None
) -> When:
    """The meeting's date from its statement sentences (first that gives a day); ``written``, the
    day the page was written (:func:`written_day`), dates a bare 今日."""
    dateline = _dateline(sents)
    printed = printed or _dated_dateline(sents)
    for sent in sents:
        canto = P.CANTONESE_DAY.search(sent.f)
        if canto and not _day(sent):
            return _relative(_OFFSETS[canto.lastgroup or "yesterday"], dateline, printed, written, announcement)
        found = _day(sent)
        if found is None:
            continue
        if "当天" in sent.f and dateline is not None and found.month is None:
            found = _Day(dateline[0], dateline[1], None, found.text)
        return _resolve(found, dateline, printed, announcement)
    for sent in sents[:2]:
        word = _day_word(sent.f)
        if word is not None:
            return _relative(_OFFSETS[word.lastgroup or "today"], dateline, printed, written, announcement)
    return When(None, None)


def _day_word(f: str) -> re.Match[str] | None:
    """The sentence's day word when it dates the meeting: not one whose clause goes on with a
    speech verb before any meeting verb (今日表示: the day of the words), nor in a sentence that
    places the meeting at another time (將於下個月)."""
    if P.LATER.search(f):
        return None
    for word in P.RELATIVE_DAY.finditer(f):
        clause = re.split(r"[,。]", f[word.end() :], maxsplit=1)[0]
        said, held = P.SPEECH.search(clause), P.PREDICATE.search(clause)
        if said is None or (held is not None and held.start() < said.start()):
            return word
    return None


_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _relative(
    offset: int, dateline: tuple[int, int] | None, printed: dt.date | None, written: dt.date | None, announcement: bool
) -> When:
    """A day word with no day printed (今日, 當天, 昨日, 明日): counted from the dateline when there is
    one (its year from the printed date), else from the day the page was written; the dateline's
    day is the date text of 今日 / 當天, a bare word has none."""
    if dateline is not None:
        m, d = dateline
        filed = _resolve(_Day(m, d, None, f"{m}月{d}日"), None, printed, announcement)
        if offset == 0:
            return filed
        written = filed.date
    if written is None:
        return When(None, None)
    return When(written + dt.timedelta(days=offset), None)


def written_day(cleaned: Cleaned) -> dt.date | None:
    """The day the page was written, which a bare 今日 / 昨日 / 明日 counts from when no dateline
    says: the GIA end block's (a release is issued the day it reports), else the page's own date
    line or stamp, the day before when the stamp's time is in the small hours (a story filed just
    after midnight carries the previous day's meeting). A mirror's repost stamp never dates the
    page: the cleaner gives it no date ([ZH-NOISE])."""
    if cleaned.footer_date is not None:
        return cleaned.footer_date
    stamp = cleaned.page_date
    if stamp is None:
        return None
    printed = re.compile(rf"{stamp.year}\s?[-年/.]\s?0?{stamp.month}\s?[-月/.]\s?0?{stamp.day}(?!\d)")
    for removed in cleaned.removed:
        text = unicodedata.normalize("NFKC", removed.text)  # a stamp in full width: 00：25 (audit meta)
        if printed.search(text):
            time = P.STAMP_TIME.search(text)
            if time is not None and int(time["h"]) < _SMALL_HOURS:
                return stamp - dt.timedelta(days=1)
            break
    return stamp


_SMALL_HOURS = 4  # a stamp before 04:00 is a story of the evening before


def _day(sent: Sent) -> _Day | None:
    """The sentence's day; when it opens a span (將於四月七日至九日訪問…), the day the same sentence
    then gives the meeting (其間會在四月八日上午…共同主持), its month the span's when it prints none:
    the span is the visit's ([ZH-DATE], audit zh12). A span with no day of the meeting after it
    keeps its first day."""
    found = _day_from(sent, 0)
    if found is None or found.end < 0:
        return found
    span = P.DAY_SPAN_END.match(sent.f, found.end)
    if span is None:
        return found
    later = _day_from(sent, span.end())
    if later is None or later.end < 0:
        return found
    clause = re.split(r"[,。;]", sent.f[later.end :], maxsplit=1)[0]
    if not P.CHAIR.search(clause) and not re.search(r"举行|召开", clause):
        return found
    month = later.month if later.month is not None else found.month
    return _Day(month, later.day, later.year or found.year, later.text, found.cue, later.end)


def _day_from(sent: Sent, pos: int) -> _Day | None:
    f = sent.f
    for pattern in (P.TODAY_PAREN, P.WILL_ON, P.WEEKDAY_PAREN):
        m = pattern.search(f, pos)
        if m:
            inner_start = m.start("m") if m["m"] else m.start("d")
            return _Day(
                number(m["m"]) if m["m"] else None,
                number(m["d"]) or 0,
                None,
                sent.original(inner_start, m.end("d") + (f[m.end("d")] == "日")),
                _cue(pattern, m),
                m.end(),
            )
    m = P.THIS_MONTH.search(f, pos)
    if m:  # month 0: the month of the page's printed date
        return _Day(0, number(m["d"]) or 0, None, sent.original(m.start(), m.end()), None, m.end())
    for m in P.DATED.finditer(f, pos):
        if P.WIRE_DATELINE.match(f[: m.end() + 1]) and f[m.end() : m.end() + 1] in ("电", "讯"):
            continue
        y = year(m["y"]) if m["y"] else None
        if y is not None and P.NOT_MEETING_YEAR.match(f[m.end() : m.end() + 10]):
            continue
        start = m.start("y") if m["y"] else m.start("m")
        return _Day(number(m["m"]), number(m["d"]) or 0, y, sent.original(start, m.end()), None, m.end())
    m = P.DAY_ONLY.search(f, pos)
    if m:
        return _Day(None, number(m["d"]) or 0, None, sent.original(m.start("d"), m.end("d") + 1), None, m.end("d") + 1)
    return None


def _cue(pattern: re.Pattern[str], m: re.Match[str]) -> str:
    if pattern is P.WILL_ON:
        return "will"
    if pattern is P.WEEKDAY_PAREN:
        return "weekday"
    rel = m["rel"]
    return "tomorrow" if rel.startswith("明") else "yesterday" if rel.startswith("昨") else "today"


def _near(found: _Day, printed: dt.date, announcement: bool) -> dt.date | None:
    """The date near the page's own whose day is the one printed, within what the cue allows."""
    cue = found.cue or "today"
    if cue == "weekday" and announcement:
        cue = "weekday_ahead"
    lo, hi = _NEAR[cue]
    for offset in range(lo, hi + 1):
        day = printed + dt.timedelta(days=offset)
        if day.day == found.day:
            return day
    return None


def _dateline(sents: list[Sent]) -> tuple[int, int] | None:
    for sent in sents[:2]:
        m = P.WIRE_DATELINE.match(sent.f)
        if m:
            month, day = number(m["m"]), number(m["d"])
            if month and day:
                return month, day
    return None


def _dated_dateline(sents: list[Sent]) -> dt.date | None:
    """The date of a dateline that prints its year (2026年12月3日电): a date the page prints."""
    for sent in sents[:2]:
        m = P.DATED_DATELINE.match(sent.f)
        if m:
            return safe_date(int(m["y"]), number(m["m"]) or 0, number(m["d"]) or 0)
    return None


def _resolve(found: _Day, dateline: tuple[int, int] | None, printed: dt.date | None, announcement: bool) -> When:
    month = found.month
    if month == 0:
        month = dateline[0] if dateline is not None else (printed.month if printed is not None else None)
    if month is None and dateline is not None:
        month = dateline[0]
    if month is None and printed is not None:
        near = _near(found, printed, announcement)
        if near is not None:
            return When(near, found.text)
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
