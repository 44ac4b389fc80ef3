"""When the meeting was (or will be) held: the date as the text writes it and, only when the text
prints a year, as an ISO date (never a guessed year). Patterns [D-PRINTED], [D-DATELINE],
[D-NAMEDYEAR], [D-MOVED], [D-FORMS] of the genre.

Two things are read apart and then combined:

- **the day** the text gives the meeting, from its own words: "today (June 28)", "on Tuesday
  (September 2)", "on the afternoon of June 3", "next Monday (March 3)", "tomorrow", "yesterday
  afternoon", "on Wednesday", a date with its year ("held on 21 Mar 2019"). The sentences that
  name the meeting are read first; a date that belongs to an earlier meeting ("building on the
  consensus of the Sixth Plenary on March 5") is not this meeting's. An announcement's day is
  the one in the sentence naming the meeting (its plan, [D-MOVED]), not the departure's. Another
  event's day ("the Forum, which opened in the city on Monday") is the meeting's only when no
  sentence of the lead gives another.
- **the page's printed date**, the year source: the ``Ends/`` footer, the release's archive URL
  printed in the text, a dated wire dateline, a page's date line or stamp (``Cleaned.page_date``).
  A stamp that does not fit the story's own day (weeks after a report's "today (June 3)", after
  an announced day, or after the dateline) is a mirror's repost stamp and no year source.

A year in the meeting's own name ("Co-operation Meeting 2024") is printed too. A year elsewhere in
the body never dates the meeting. With a month and day but no year, the date is null and the day
is kept as ``date_text``; a day with no month ("today (7th)", "On the 6th") is dated only by a
printed date whose own day agrees, else not at all ("today (29th)" on a page of the 30th).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cooptrack import mechanisms
from cooptrack.clean.blocks import Block, Cleaned
from cooptrack.dates import DATE_PHRASE, DATELINE, WEEKDAY_RE, YESTERDAY_RE, date_near, parse_date_phrase, safe_date
from cooptrack.extract.sentences import split_text
from cooptrack.screen import screen
from cooptrack.vocab import DocumentKind


@dataclass(frozen=True)
class MeetingDate:
    date: dt.date | None
    date_text: str | None


@dataclass(frozen=True)
class _Day:
    """What the text says of the meeting's day."""

    text: str | None = None  # the month and day as printed ("June 28"), the record's date_text
    month: int | None = None
    day: int | None = None
    year: int | None = None  # printed with the day: "on 21 Mar 2019"
    offset: int | None = None  # days after the page's date: today 0, yesterday -1, tomorrow 1
    weekday: int | None = None  # Monday 0
    direction: int = 0  # a weekday on or before the page's date (-1), on or after (1), strictly (-2, 2)
    nth: int | None = None  # a day of the month with no month ("today (7th)", "On the 6th")
    unknown: bool = False  # a phrase that names no day that can be

    @property
    def relative(self) -> bool:
        return self.offset is not None or self.weekday is not None or self.nth is not None


_NONE = _Day()

# --- the words of the genre about a day ------------------------------------------------------------

_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_PAREN = rf"\s*\((?:{WEEKDAY_RE},?\s*)?(?:(?P<date>{DATE_PHRASE})|(?:the\s+)?(?P<nth>\d{{1,2}}(?:st|nd|rd|th)?))\)"
# "on June 28", "on Monday, December 10", "on Tuesday (September 2)", "on the afternoon of June 3",
# "held on 21 Mar 2019"
_ON_DAY = re.compile(
    rf"\b(?i:on\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?(?:the\s+(?=\d))?)"
    rf"(?:{WEEKDAY_RE}{_PART}(?:,?\s+|\s*\((?={DATE_PHRASE}\))))?(?P<date>{DATE_PHRASE})"
)
# "today (June 28)", "yesterday afternoon", "tomorrow", "this Thursday (June 5)", "next Monday",
# "on Wednesday", "… joint conference Wednesday", "today (29th)"
_RELATIVE = re.compile(
    rf"(?i:\b(?P<word>today|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|{YESTERDAY_RE}|tomorrow)\b"
    r"|\bthis\s+(?P<part>morning|afternoon|evening)\b"
    rf"|\b(?:(?P<which>next|this|coming|last|on)\s+)?(?-i:(?P<weekday>{WEEKDAY_RE}))\b(?!'))"
    rf"{_PART}(?:{_PAREN}|,\s+(?P<date2>{DATE_PHRASE}))?"
)
# A day of the month without its month, as machine translations write it: "On the 6th", "on the
# afternoon of the 28th", "on the 18th of this month" (not "the 6th Plenary", "the 20th anniversary").
_ON_NTH = re.compile(
    r"(?i:\bon\s+(?:the\s+)?(?:(?:morning|afternoon|evening|night)\s+of\s+the\s+)?)(?P<nth>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?i:\s+of\s+(?:this|the)\s+month\b)?(?=\s*[,.;:)]|\s+(?:in|at|and|when|while|as|with|during|this|last)\b)"
)
# A date in brackets on its own, where a copy has reworded "today": "in Changsha nowadays (March 18)".
_PAREN_DAY = re.compile(rf"\((?:{WEEKDAY_RE},?\s*)?(?P<date>{DATE_PHRASE})\)")
# A date set beside the words of the next day: "will be held there the following day, July 6".
_NEXT_DAY = re.compile(rf"(?i:\bthe\s+(?:following|next)\s+day|\bthe\s+day\s+after),\s+(?P<date>{DATE_PHRASE})")
# (and -1 for every word of yesterday, YESTERDAY_RE; two days off: "the day before yesterday", "the day after tomorrow")
_OFFSETS = {"today": 0, "tonight": 0, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
_WEEKDAYS = {name: i for i, name in enumerate(("mon", "tues", "wednes", "thurs", "fri", "satur", "sun"))}
# Words before a date in its clause that give it to another meeting or event than this one; the
# day a text was issued is the page's ("in the press release ... issued earlier today (June 8)",
# a correction notice's "published on May 4"), not the meeting's.
_ELSEWHEN = re.compile(
    r"(?i)\b(?:consensus|building\s+on|since|previous|preceding|earlier\s+(?:meeting|plenary|session)|last|"
    r"established|founded|set\s+up|launched|inaugurated|originally|first\s+announced|postponed\s+from)\b"
)
# The day a text was issued, just before it: the page's, not the meeting's ("in the press release
# ... issued earlier today (June 8)", a correction notice's "published on Sunday (October 5)"); not
# a day after what the sides issued ("issued a joint statement after the plenary today").
_ISSUED_BEFORE = re.compile(
    r"(?i)\b(?:issued|published|uploaded|posted)\s+(?:(?:earlier|late|later)\s+)?(?:on\s+)?"
    r"(?:(?:today|yesterday|tonight|this\s+(?:morning|afternoon|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*)?$"
)
# Words of a journey before a date in its clause: the day of travel, which may not be the meeting's.
_TRAVEL = re.compile(
    r"(?i)\b(?:return(?:s|ed|ing)?|depart(?:s|ed|ing|ure)?|leav(?:e|es|ing)|left\s+for|arriv(?:e|es|ed|ing|al)|"
    r"set\s+off|fly|flew|back\s+to|head(?:s|ed|ing)?\s+(?:to|for)|travel(?:s|led|ling)?\s+to)\b"
)
# The start of a visit of several days, its day the visit's and not a meeting's: "who began a two-day
# visit to Wuhan yesterday", "started his three-day trip to the province on Monday" (as far as the
# clause goes: commas end it; "arrived in Chengdu for a visit on Sunday" is _TRAVEL's).
_TRIP_BEGAN = re.compile(
    r"(?i)\b(?:beg[au]n|begins|start(?:s|ed)|kick(?:s|ed)\s+off|commenc(?:es|ed)|embark(?:s|ed)\s+on)\s+"
    r"(?:(?:a|an|his|her|the|their)\s+)?(?:[\w-]+\s+){0,3}?(?:visit|trip|tour|journey)\b"
)
# A trip to a place before a date, with no word of the meeting between: "will lead a delegation of
# the HKSAR Government to Hefei, Anhui Province, tomorrow (September 17)", "will visit Hefei on
# Monday": the day the trip starts, which may not be the meeting's (commas do not end it).
_TRIP = re.compile(
    r"(?i)\b(?:delegations?(?:\s+[\w'-]+){0,6}?\s+to\s+(?!(?:attend|co-?chair|chair|join|take|hold|participate|meet|sign)\b)|"
    r"visit(?:s|ed|ing)?|trip\s+to)\b"
)
# Events other than the meeting, whose days are their own: "the Forum, which opened in the city on
# Monday", "attended the opening of the expo on Monday", "a dinner on Sunday".
_EVENT_OR_MEETING = re.compile(
    r"(?i)\b(?:(?P<event>forums?|expos?|exposition|fairs?|exhibitions?|festivals?|summits?|symposi(?:um|a)|seminars?|"
    r"games|roadshows?|galas?|banquets?|dinners?|luncheons?|receptions?)(?!\s+(?:Cent(?:re|er)|Hall|Building|Complex|Grounds?|Park|Hotel|Venue)\b)|plenary|plenum|meetings?|conferences?|"
    r"sessions?|talks)\b"
)
# ", which opened …", ", a four-day event that Chan toured …" (an apposition, then the relative pronoun)
_RELATIVE_CLAUSE = re.compile(
    r"[,;]?\s*(?P<apposition>(?:an?|the)\s+(?:[\w'-]+\s+){1,4}?)?(?:which|that|where|whose)\b"
)
# An event named as the meeting's setting, not as the subject of the day: "on the sidelines of the forum".
_SETTING = re.compile(r"(?i)\b(?:at|in|during|alongside|sidelines\s+of|on\s+the\s+margins?\s+of)\s+(?:the\s+)?$")
_PLANNED = re.compile(
    r"(?i)\b(?:ha(?:d|s|ve)\s+(?:first\s+|originally\s+)?been\s+(?:set|scheduled|planned|fixed|slated|due)|"
    r"originally|(?:postponed|rescheduled|delayed|put\s+off|pushed\s+back)\s+from)\b"
)
_MAY_BE_PLANNED = screen(_PLANNED)  # (most sentences say nothing of a plan: not searched)
_MEETING_WORD = re.compile(r"(?i)\b(?:plenary|plenum|meeting|conference|session|co-?chair\w*)\b")
_ANNOUNCING = re.compile(r"(?i)\b(?:will|to\s+be\s+held|to\s+attend|to\s+co-?chair|is\s+to)\b")
# The year in the meeting's own name: "the Hong Kong/Shenzhen Co-operation Meeting 2024".
_NAMED_YEAR = re.compile(
    r"(?i:co-?operation\s+(?:meeting|conference)|high[-\s]level\s+meeting|joint\s+conference)"
    r"\s+(?P<year>(?:19|20)\d\d)\b(?![-/.]\d)"
)
_YEAR_AFTER = re.compile(r"\s+(?P<year>(?:19|20)\d\d)\b(?![-/.]\d)")
_YEAR_BEFORE = re.compile(r"\b(?i:the)\s+(?P<year>(?:19|20)\d\d)\s+$")
# A stamp later than a report's day by more than this is a mirror's repost, not the page's date.
_REPOST_AFTER = 10
_ANNOUNCED_AHEAD = 90
_REPORTED_AHEAD = 14  # a report's stamp a little before its day: a story of the eve, or a wrong kind


def meeting_date(cleaned: Cleaned, lead_blocks: list[Block], kind: DocumentKind) -> MeetingDate:
    """The date as written and, when a year is printed (never guessed), as a date."""
    filed = _dateline(lead_blocks)
    said = _said_day(cleaned.title, lead_blocks, kind, filed is not None)
    if said == _NONE:  # the lead says nothing of the day: a closing line may
        said = _closing_day(cleaned)
    if said.unknown:
        return MeetingDate(None, None)
    today = _today(lead_blocks) if said.relative else None
    if today is not None and said.offset == 0:
        said = today  # "... co-chaired the plenary today", after "said in Tianjin today (July 16)"
    page = _page_day(cleaned, filed, said, kind)
    if said.nth is not None:  # "today (7th)": the printed date supplies the month and year if its day agrees
        return MeetingDate(_nth_date(said, page, kind) if page else None, None)
    if said.month is not None and said.day is not None:
        year = said.year or _named_year(cleaned.title, lead_blocks)
        if year is not None:
            return MeetingDate(safe_date(year, said.month, said.day), said.text)
        return MeetingDate(date_near(said.month, said.day, page) if page else None, said.text)
    if said.relative:
        # "yesterday", "on Tuesday": from the page's date, or from the text's own "today (June 3)"
        base = date_near(today.month, today.day, page) if today and today.month and today.day and page else page
        day = _relative(said, base, kind) if base else None
        return MeetingDate(day, _filed_text(filed, day))
    if filed is not None:  # a wire story with no other word on the day: the dateline's
        return MeetingDate(page, filed[3])
    # A Government release is issued the day its meeting is held; a news page may be a day or
    # more later: its date gives a year, never the meeting's day.
    issued = cleaned.footer_date or cleaned.url_date
    return MeetingDate(issued if kind is DocumentKind.REPORT else None, None)


def _dateline(lead_blocks: list[Block]) -> tuple[int, int, int | None, str] | None:
    """A news story's dateline ("HONG KONG, Nov. 18 (Xinhua) --"): (month, day, year or None, text).
    It opens the lead's first paragraph, or a later one of the first three when a standfirst, a
    photo caption or a note stands above it (audit en18)."""
    m = next((m for b in lead_blocks[:3] if (m := DATELINE.match(b.text))), None)
    return parse_date_phrase(m["date"]) if m else None


def _filed_text(filed: tuple[int, int, int | None, str] | None, day: dt.date | None) -> str | None:
    """The dateline's date as the meeting's date text, when the meeting was held that day."""
    if filed is None or day is None or (day.month, day.day) != filed[:2]:
        return None
    return filed[3]


def _page_day(
    cleaned: Cleaned, filed: tuple[int, int, int | None, str] | None, said: _Day, kind: DocumentKind
) -> dt.date | None:
    """The printed date of the page (or of the story, from its dateline), the year source; None
    when there is none, or when the only one is a stamp that does not fit the story."""
    trusted = cleaned.footer_date or cleaned.url_date
    if trusted is not None:
        return trusted
    if filed is not None and filed[2] is not None:
        return safe_date(filed[2], filed[0], filed[1])
    stamp = cleaned.page_date
    if stamp is None:
        return None
    if filed is not None:  # the stamp dates the story the dateline files, or it is a repost's
        story = date_near(filed[0], filed[1], stamp)
        return story if story is not None and _fits(stamp, story, DocumentKind.REPORT) else None
    if said.month is not None and said.day is not None and not said.year:
        meeting = date_near(said.month, said.day, stamp)
        if meeting is None or not _fits(stamp, meeting, kind):
            return None
    return stamp


def _fits(stamp: dt.date, day: dt.date, kind: DocumentKind) -> bool:
    """A page stamped ``stamp`` can be the page of a meeting on ``day``: a report is published on
    the day or soon after, an announcement before the day (either, whatever the kind read, so that
    a report taken for an announcement keeps its year); weeks after it, the stamp is a repost's."""
    late = (stamp - day).days
    ahead = _ANNOUNCED_AHEAD if kind is DocumentKind.ANNOUNCEMENT else _REPORTED_AHEAD
    return -ahead <= late <= _REPOST_AFTER


def _relative(said: _Day, page: dt.date, kind: DocumentKind) -> dt.date:
    if said.offset is not None:
        return page + dt.timedelta(days=said.offset)
    assert said.weekday is not None
    direction = said.direction or (1 if kind is DocumentKind.ANNOUNCEMENT else -1)
    if direction > 0:
        ahead = (said.weekday - page.weekday()) % 7
        return page + dt.timedelta(days=ahead or (7 if direction > 1 else 0))
    back = (page.weekday() - said.weekday) % 7
    return page - dt.timedelta(days=back or (7 if direction < -1 else 0))


def _nth_date(said: _Day, page: dt.date, kind: DocumentKind) -> dt.date | None:
    """The day of the month with no month ("today (7th)", "yesterday (6th)", "On the 6th"), dated
    from the page's printed date only when that date's own day agrees: the day the relative word
    gives ("today (7th)" on a page of the 7th), or, for a day alone, one of the seven days up to
    the page's date (a report) or from it (an announcement). Else no date: "today (29th)" on a
    page dated the 30th names a day the text does not place."""
    if said.offset is not None or said.weekday is not None:
        day = _relative(said, page, kind)
        return day if day.day == said.nth else None
    step = 1 if kind is DocumentKind.ANNOUNCEMENT else -1
    days = (page + dt.timedelta(days=step * k) for k in range(7))
    return next((d for d in days if d.day == said.nth), None)


def _named_year(title: str | None, lead_blocks: list[Block]) -> int | None:
    """A year in the meeting's own name: after it ("the Hong Kong/Shenzhen Co-operation Meeting
    2024", "... High-level Meeting 2025") or before it ("the 2023 Hong Kong-Shenzhen Co-operation
    Meeting")."""
    for text in [title or "", *(b.text for b in lead_blocks[:3])]:
        for mention in mechanisms.find(text):
            found = _YEAR_AFTER.match(text, mention.end) or _YEAR_BEFORE.search(
                text[max(0, mention.start - 10) : mention.start]
            )
            if found:
                return int(found["year"])
        m = _NAMED_YEAR.search(text)
        if m:
            return int(m["year"])
    return None


# --- the day the text gives the meeting ----------------------------------------------------------


def _said_day(title: str | None, lead_blocks: list[Block], kind: DocumentKind, dateline: bool) -> _Day:
    """The day of the meeting in the text's words: the sentences naming the meeting first."""
    texts = [b.text for b in lead_blocks[:3]]
    if dateline:  # the dateline's own paragraph, the first to open with one
        at = next((i for i, t in enumerate(texts) if DATELINE.match(t)), None)
        if at is not None and (m := DATELINE.match(texts[at])):
            texts[at] = texts[at][m.end() :]
    sentences = [s for t in texts for s in split_text(t)]
    naming = [s for s in sentences if _MEETING_WORD.search(s)]
    if kind is DocumentKind.ANNOUNCEMENT:
        naming = [s for s in naming if _ANNOUNCING.search(s)] + naming
    # a sentence about the meeting's plan ("had first been set for April 12, and then on April
    # 24") gives its day only when no other sentence does ([D-MOVED])
    planned = {s for s in naming if _MAY_BE_PLANNED(s) and _PLANNED.search(s)}
    naming = [s for s in naming if s not in planned] + [s for s in naming if s in planned]
    # another event's day ("the Forum, which opened on Monday") is the meeting's only when no
    # sentence gives another ("attended the opening of the Forum this morning (June 6) and, in the
    # afternoon, co-chaired the plenary")
    # a day of travel ("will depart for Wuhan tomorrow (June 9) to attend the plenary") yields to
    # another sentence naming the meeting with its own day ("will co-chair the plenary ... on June 10")
    # ("will lead a delegation to Hefei, Anhui Province, tomorrow (September 17)", then "will jointly
    # chair the Plenary on September 18"): a day after the meeting's word, not a statement's day
    # before it ("In a statement on Wednesday, the government said Chan would co-chair the meeting")
    travel: _Day | None = None
    for sentence in naming:
        found = _day_in(sentence, kind)
        if (
            found is not None
            and not found[1]
            and not found[2]
            and (travel is None or _after_meeting_word(sentence, found[0]))
        ):
            return found[0]
        if found is not None and found[2] and not found[1]:
            travel = travel or found[0]
    # a day of travel also yields to a later paragraph of an itinerary naming the meeting with its own
    # day ("The delegation will depart for Nanchang on the morning of March 23 …", then "On March 24,
    # Mr Lee will co-chair the High-Level Meeting …"; audit en20)
    if travel is not None:
        return _later_meeting_day(lead_blocks, kind) or travel
    elsewhere: _Day | None = None
    for sentence in [*naming, *sentences, title or ""]:
        found = _day_in(sentence, kind)
        if found is not None and not found[1]:
            return (_later_meeting_day(lead_blocks, kind) if found[2] else None) or found[0]
        elsewhere = elsewhere or (found[0] if found else None)
    return elsewhere or _NONE


_LATER_BLOCKS = 6  # an itinerary's paragraphs after the lead's first three


def _later_meeting_day(lead_blocks: list[Block], kind: DocumentKind) -> _Day | None:
    """The day a later paragraph of an announcement's lead gives the meeting in a sentence announcing
    it (neither a day of travel nor another event's); never an earlier meeting's ("The Third Plenary
    Session, held in Hong Kong on June 12 last year, …")."""
    if kind is not DocumentKind.ANNOUNCEMENT:
        return None
    for block in lead_blocks[3:_LATER_BLOCKS]:
        for sentence in split_text(block.text):
            if not _MEETING_WORD.search(sentence) or not _ANNOUNCING.search(sentence):
                continue
            found = _day_in(sentence, kind)
            if found is not None and not found[1] and not found[2]:
                return found[0]
    return None


# A closing line that alone dates the meeting, the lead giving no day: "The meeting was held on 24 March
# 2027.", "This plenary session took place in Hangzhou on Tuesday, March 24, 2027." (audit en15); its
# subject is this meeting (never "The last plenary was held on …").
_CLOSING_HELD = re.compile(
    r"^(?:The|This|Today's)\s+(?:(?:plenary|high[\s-]level|working|joint)\s+)?"
    r"(?:meeting|plenary|conference|session)(?:\s+session)?\s+"
    r"(?:(?:was|had\s+been)\s+(?:held|convened)|took\s+place)\b[^.;]{0,80}?(?=\bon\s)"
)
_CLOSING_BLOCKS = 3


def _closing_day(cleaned: Cleaned) -> _Day:
    """The day a closing line gives the meeting when the lead gives none: "The meeting was held on 24
    March 2027." among the release's last paragraphs."""
    for block in cleaned.body()[-_CLOSING_BLOCKS:]:
        for sentence in split_text(block.text):
            m = _CLOSING_HELD.match(sentence.strip())
            day = _ON_DAY.match(sentence.strip(), m.end()) if m else None
            if day is not None:
                return _phrase_day(day["date"])
    return _NONE


_TODAY_IS = re.compile(rf"(?i:\btoday)\s*\((?:{WEEKDAY_RE},?\s*)?(?P<date>{DATE_PHRASE})\)")


def _today(lead_blocks: list[Block]) -> _Day | None:
    """The day the text calls "today (June 3)", wherever the lead says it."""
    for block in lead_blocks[:3]:
        m = _TODAY_IS.search(block.text)
        if m:
            return _phrase_day(m["date"])
    return None


def _day_in(sentence: str, kind: DocumentKind) -> tuple[_Day, bool, bool] | None:
    """The word on this meeting's day in the sentence, if any, whether it is another event's, and
    whether it is a day of travel.
    A day with its month ("on Nov 6") says more than a weekday ("on Monday"); a day of travel
    ("return to Hong Kong on June 5", "depart for Chengdu tomorrow") or of another event ("the
    Forum, which opened on Monday") is the meeting's only when the sentence has no other; for an
    announcement, a date after the meeting's name ("to attend the plenary on October 16") first."""
    found: list[tuple[bool, bool, bool, int, _Day]] = []
    for pattern in (_ON_DAY, _RELATIVE, _PAREN_DAY, _NEXT_DAY, _ON_NTH):
        for m in pattern.finditer(sentence):
            clause = _clause_before(sentence, m.start())
            if not _ELSEWHEN.search(clause) and not _ISSUED_BEFORE.search(clause):
                said = _relative_day(m) if pattern in (_RELATIVE, _ON_NTH) else _phrase_day(m["date"])
                other = _other_event(sentence, m.start(), clause)
                # the day a visit began ("who began a two-day visit to Wuhan yesterday (September 14)")
                # yields to the sentence's other day ("co-chaired the plenary today (September 15)")
                trip = bool(_TRAVEL.search(clause) or _TRIP_BEGAN.search(clause))
                found.append((other, trip, said.relative, m.start(), said))
    if not found:
        return None
    found.sort(key=lambda x: x[:4])
    if kind is DocumentKind.ANNOUNCEMENT:
        named = _MEETING_WORD.search(sentence)
        after = [x for x in found if named and x[3] > named.start() and x[4].month is not None and not x[0]]
        if after:
            return after[0][4], False, after[0][1] or _on_trip(sentence, after[0][3])
    return found[0][4], found[0][0], found[0][1] or _on_trip(sentence, found[0][3])


def _other_event(sentence: str, at: int, clause: str) -> bool:
    """Whether the day at ``at`` is another event's than a meeting's: the clause before it is a
    relative one ("…, which opened in the city on Monday", "…, a four-day event that Chan toured on
    Friday") whose antecedent is an event such as a forum or an expo, or a clause naming such an
    event and no meeting ("attended the opening of the forum on Monday"), unless as the meeting's
    setting ("held at the forum on Monday")."""
    relative = _RELATIVE_CLAUSE.match(clause)
    if relative:
        start = at - len(clause)
        nouns = list(_EVENT_OR_MEETING.finditer(relative["apposition"] or ""))
        nouns = nouns or list(_EVENT_OR_MEETING.finditer(sentence, max(0, start - 80), start))
        return bool(nouns) and nouns[-1]["event"] is not None
    nouns = list(_EVENT_OR_MEETING.finditer(clause))
    if not nouns or any(n["event"] is None for n in nouns):
        return False
    return not any(_SETTING.search(clause, 0, n.start()) for n in nouns)


def _after_meeting_word(sentence: str, day: _Day) -> bool:
    """Whether the sentence gives ``day`` after its word for the meeting ("will co-chair the plenary
    on June 10"), as the meeting's own day."""
    named = _MEETING_WORD.search(sentence)
    if named is None:
        return False
    for pattern in (_ON_DAY, _RELATIVE, _PAREN_DAY, _NEXT_DAY, _ON_NTH):
        for m in pattern.finditer(sentence, named.end()):
            said = _relative_day(m) if pattern in (_RELATIVE, _ON_NTH) else _phrase_day(m["date"])
            if said == day:
                return True
    return False


def _on_trip(sentence: str, at: int) -> bool:
    """Whether the day at ``at`` is a trip's: a trip to a place before it in the sentence ("will
    lead a delegation to Hefei, Anhui Province, tomorrow"), and no word of the meeting between."""
    window = max(at - 200, 0)
    trips = list(_TRIP.finditer(sentence, window, at))
    return bool(trips) and not _MEETING_WORD.search(sentence, trips[-1].end(), at)


def _clause_before(sentence: str, at: int) -> str:
    """The words before ``at`` in its clause (at most 120 characters)."""
    window = max(at - 120, 0)  # bounded, so that a long sentence is read in linear time
    start = max(sentence.rfind(",", window, at), sentence.rfind(";", window, at), window)
    return sentence[start:at]


def _phrase_day(phrase: str) -> _Day:
    found = parse_date_phrase(phrase)
    if found is None:
        return _Day(unknown=True)
    month, day, year, _ = found
    return _Day(text=_without_year(phrase), month=month, day=day, year=year)


def _without_year(phrase: str) -> str:
    text = re.sub(r",?\s+(?:19|20)\d\d$", "", phrase.strip())
    return _SENTENCE_STOP.sub(r"\1", text)  # "on 3 June." (a full stop, not an abbreviation's point)


_SENTENCE_STOP = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\.$"
)


def _relative_day(m: re.Match[str]) -> _Day:
    groups = m.groupdict()
    phrase = groups.get("date") or groups.get("date2")
    if phrase:
        return _phrase_day(phrase)
    nth = int(m["nth"].rstrip("stndrh")) if m["nth"] else None
    if "word" not in groups:  # "On the 6th"
        return _Day(nth=nth)
    if m["word"]:
        return _Day(offset=_OFFSETS.get(" ".join(m["word"].lower().split()), -1), nth=nth)
    if m["part"]:
        return _Day(offset=0, nth=nth)
    which = (m["which"] or "").lower()
    weekday = _WEEKDAYS[m["weekday"][:-3].lower()]
    direction = {"next": 2, "coming": 1, "last": -2}.get(which, 0)
    return _Day(weekday=weekday, direction=direction, nth=nth)
