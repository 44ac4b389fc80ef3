"""When the meeting was (or will be) held: the date as the text writes it and, only when the text
prints a year, as an ISO date (never a guessed year).

The year sources are the ones the cleaner records (an ``Ends/`` footer, an archive URL, a page's
date line or stamp) and a dated dateline; the month and day come from the text's own words about
the meeting ("today (June 28)", "on December 10", a wire dateline).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.dates import date_near, parse_date_phrase, safe_date
from cooptrack.extract import patterns as P
from cooptrack.extract.sentences import split_text
from cooptrack.vocab import DocumentKind


@dataclass(frozen=True)
class MeetingDate:
    date: dt.date | None
    date_text: str | None


def meeting_date(cleaned: Cleaned, lead_blocks: list[Block], kind: DocumentKind) -> MeetingDate:
    """The date as written and, when a year can be read (never guessed), as a date."""
    anchor = cleaned.footer_date or cleaned.url_date or cleaned.page_date or _dateline_date(lead_blocks)
    phrase = _date_phrase(cleaned.title, lead_blocks, kind)
    if phrase is None:
        # A Government release is issued the day its meeting is held; a news page may be a day
        # or more later ("agreed on Tuesday"): its date gives a year, never the meeting's day.
        # A news page that says the meeting was held "today" is dated that day.
        issued = cleaned.footer_date or cleaned.url_date
        if issued is None and cleaned.page_date is not None and _held_today(lead_blocks):
            issued = cleaned.page_date
        return MeetingDate(issued if kind is DocumentKind.REPORT else None, None)
    found = parse_date_phrase(phrase)
    if found is None:
        return MeetingDate(None, phrase)
    month, day, year, _ = found
    if year is not None:
        return MeetingDate(safe_date(year, month, day), phrase)
    if anchor is not None:
        return MeetingDate(date_near(month, day, anchor), phrase)
    return MeetingDate(None, phrase)


def _dateline_date(lead_blocks: list[Block]) -> dt.date | None:
    """The day a news story with a dated dateline was filed ("HONG KONG, Dec. 11, 2012 /.../ --")."""
    dateline = P.NEWS_DATELINE.match(lead_blocks[0].text) if lead_blocks else None
    found = parse_date_phrase(dateline["date"]) if dateline else None
    return safe_date(found[2], found[0], found[1]) if found and found[2] is not None else None


_TODAY = re.compile(r"(?i)\btoday\b")


def _held_today(lead_blocks: list[Block]) -> bool:
    """The first paragraph that names the meeting says it happened today."""
    for b in lead_blocks[:3]:
        if b.kind is BlockKind.PARAGRAPH and P.MEETING_MENTION.search(b.text):
            return bool(_TODAY.search(b.text))
    return False


def _date_phrase(title: str | None, lead_blocks: list[Block], kind: DocumentKind | None = None) -> str | None:
    texts = [b.text for b in lead_blocks[:3]]
    if kind is DocumentKind.ANNOUNCEMENT:
        # A delegation leaves "tomorrow (October 15)" and the meeting is "on October 16": the date
        # that goes with the meeting is the one in the sentence that names it.
        for text in texts:
            for sentence in split_text(text):
                m = P.ON_DATE.search(sentence)
                if m and P.MEETING_MENTION.search(sentence) and P.ANNOUNCEMENT.search(sentence):
                    return m["date"]
    for text in texts:
        m = P.RELATIVE_DATE.search(text)
        if m:
            return m["date"]
    if texts:
        m = P.NEWS_DATELINE.match(texts[0])
        if m:
            # the day the story was filed, unless its first paragraph dates the meeting itself
            # ("HONG KONG, Dec. 11, 2012 /.../ -- ... held in Chengdu on Monday, December 10")
            held = P.ON_DATE.search(texts[0], m.end())
            return held["date"] if held else m["date"]
    for text in [title or "", *texts]:
        m = P.ON_DATE.search(text)
        if m:
            return m["date"]
    return None
