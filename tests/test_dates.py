"""The meeting's date ([D-PRINTED], [D-DATELINE], [D-NAMEDYEAR], [D-MOVED], [D-FORMS]) on short
texts written here: every printed form of a year, and every word of the genre about a day."""

from __future__ import annotations

import datetime as dt

import pytest

from cooptrack.dates import printed_date, stamp_date
from cooptrack.pipeline import parse_text


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("2019-06-03 10:15 Last Updated At:06-03 11:20", dt.date(2019, 6, 3)),
        ("2019 June 3   10:15", dt.date(2019, 6, 3)),
        ("2019-06-0310:15:32", dt.date(2019, 6, 3)),
        ("Updated: 2019-06-03 10:15", dt.date(2019, 6, 3)),
        ("Friday, June 7, 2019", dt.date(2019, 6, 7)),
        ("Tue, 21 May 2024", dt.date(2024, 5, 21)),
        ("January 05, 2019", dt.date(2019, 1, 5)),
        ("16 September, 2019", dt.date(2019, 9, 16)),
        ("21 Mar 2019", dt.date(2019, 3, 21)),
        ("2023-09-19 HKT 18:05", dt.date(2023, 9, 19)),
        ("Nov 20, 2025, 8:05 PM GMT+8", dt.date(2025, 11, 20)),
        ("Release time: 2018-09-20 21:47:05", dt.date(2018, 9, 20)),
        ("June 10, 2019 / 6:12 PM / Updated 2 hours ago", dt.date(2019, 6, 10)),
        ("Last updated: 14:05, 3 July 2024", dt.date(2024, 7, 3)),
        ("29 Nov 2018 - 8:30 PM", dt.date(2018, 11, 29)),
        ("December 9, 2019 20:15 JST", dt.date(2019, 12, 9)),  # any zone in capitals
        ("June 3, 2019 10:00 (UTC+08:00)", dt.date(2019, 6, 3)),
        ("Updated 18:05, 14-May-2026", dt.date(2026, 5, 14)),  # day-month-year joined by hyphens
        ("PUBLISHED : Wednesday, 19 December, 2007, 12:00am", dt.date(2007, 12, 19)),
        ("2026 11/19 20:15:32", dt.date(2026, 11, 19)),  # a news agency's spans, the year apart (audit zh20)
    ],
)
def test_a_page_stamp_in_any_form_gives_the_page_s_date(line: str, day: dt.date) -> None:
    assert stamp_date(line) == day


def test_a_sentence_is_no_stamp_though_it_prints_a_date() -> None:
    assert stamp_date("June 3, 2019 was the day the two sides met.") is None
    assert printed_date("June 3, 2019 was the day the two sides met.") == dt.date(2019, 6, 3)
    assert printed_date("the 2014 Work Plan and March 2019") is None
    # the year apart from the day is a stamp's only with its time (audit zh20)
    assert printed_date("2026 11/19") is None and stamp_date("2026 11/19") is None


_HEAD = "Hong Kong and Sichuan hold plenary\n"
_MEETING = (
    "Chief Executive John Lee and Sichuan Governor Shi Xiaolin co-chaired the Fourth Plenary Session of the "
    "Hong Kong/Sichuan Co-operation Conference in Chengdu {day}."
)


def _date(text: str) -> tuple[dt.date | None, str | None]:
    meeting = parse_text(text, html=False).meeting
    return meeting.date, meeting.date_text


@pytest.mark.parametrize(
    ("day", "date", "date_text"),
    [
        ("today", dt.date(2025, 6, 4), None),
        ("today (June 4)", dt.date(2025, 6, 4), "June 4"),
        ("yesterday", dt.date(2025, 6, 3), None),
        ("yesterday afternoon", dt.date(2025, 6, 3), None),
        ("on Monday", dt.date(2025, 6, 2), None),  # the stamp is a Wednesday: that week's Monday
        ("on Tuesday (June 3)", dt.date(2025, 6, 3), "June 3"),
        ("on the afternoon of June 2", dt.date(2025, 6, 2), "June 2"),
        # a day with no month: the stamp gives month and year when its own day agrees, else no date
        ("today (4th)", dt.date(2025, 6, 4), None),
        ("today (3rd)", None, None),
        ("yesterday (3rd)", dt.date(2025, 6, 3), None),
        ("on the 2nd", dt.date(2025, 6, 2), None),  # a day alone: in the week up to a report's stamp
        ("on 2nd", dt.date(2025, 6, 2), None),
        ("yesterday (the 3rd)", dt.date(2025, 6, 3), None),
        ("on the 20th", None, None),
        ("on the afternoon of the 3rd of June", dt.date(2025, 6, 3), "3rd of June"),
        ("on 21 Mar 2019", dt.date(2019, 3, 21), "21 Mar"),  # a full date is printed whole
    ],
)
def test_the_day_in_the_text_s_words_combined_with_the_page_s_stamp(
    day: str, date: dt.date | None, date_text: str | None
) -> None:
    text = _HEAD + "2025-06-04 10:15\n\n" + _MEETING.format(day=day) + "\n"
    assert _date(text) == (date, date_text)


def test_without_a_printed_year_the_day_is_kept_and_the_date_is_null() -> None:
    record = parse_text(_HEAD + "\n" + _MEETING.format(day="today (June 4)") + "\n", html=False)
    assert (record.meeting.date, record.meeting.date_text) == (None, "June 4")
    assert "year_not_stated" in record.flags


def test_a_body_year_never_dates_the_meeting() -> None:
    text = _HEAD + "\n" + _MEETING.format(day="today (June 4)") + " 2025 marks the 10th year of the 2015 plan.\n"
    assert _date(text) == (None, "June 4")


def test_a_repost_stamp_months_after_the_story_is_no_year_source() -> None:
    text = _HEAD + "Posted on 2025-09-01 08:00\n\n" + _MEETING.format(day="today (June 4)") + "\n"
    assert _date(text) == (None, "June 4")


def test_an_announcement_stamped_in_late_december_for_a_january_day_is_next_year() -> None:
    text = (
        "CE to visit Chengdu\nDecember 29, 2025\n\nChief Executive John Lee will lead a delegation to attend the "
        "Fifth Plenary Session of the Hong Kong/Sichuan Co-operation Conference in Chengdu on January 6.\n"
    )
    assert _date(text) == (dt.date(2026, 1, 6), "January 6")


def test_a_wire_dateline_with_a_weekday_on_a_page_stamped_the_next_day() -> None:
    text = (
        "Sichuan, HK deepen ties\n2025-06-05 07:30\n\nCHENGDU, June 4 (Xinhua) -- Hong Kong and Sichuan on Wednesday "
        "held the fourth plenary session of the Hong Kong-Sichuan Cooperation Conference.\n"
    )
    assert _date(text) == (dt.date(2025, 6, 4), "June 4")


def test_the_date_of_an_earlier_meeting_in_the_sentence_is_not_this_one_s() -> None:
    text = (
        "Working meeting held\n2025-06-06 18:00\n\nThe 23rd Working Meeting of the Hong Kong/Guangdong "
        "Co-operation Joint Conference, building on the consensus of the Plenary on March 5, was co-chaired "
        "by Chief Secretary Chan Kwok-ki and Vice Governor Zhang Hu today.\n"
    )
    assert _date(text) == (dt.date(2025, 6, 6), None)


@pytest.mark.parametrize(
    "sentence",
    [
        "co-chaired the Hong Kong/Shenzhen Co-operation Meeting 2024 in Hong Kong on December 12.",
        "co-chaired the 2024 Hong Kong/Shenzhen Co-operation Meeting in Hong Kong on December 12.",
    ],
)
def test_a_year_in_the_meeting_s_own_name_is_printed(sentence: str) -> None:
    text = f"Shenzhen meeting held\n\nChief Secretary Chan Kwok-ki and Shenzhen Mayor Qin Weizhong {sentence}\n"
    assert _date(text) == (dt.date(2024, 12, 12), "December 12")


def test_a_sentence_about_the_plan_gives_no_day_before_the_one_that_reports_the_meeting() -> None:
    text = (
        "Delayed plenary held\nPublished: May 9, 2025\n\n"
        "The plenary session of the Hong Kong/Hainan Co-operation Conference had first been set for April 12, "
        "and then on April 24. Chief Executive John Lee and Hainan Governor Liu Xiaoming co-chaired the "
        "meeting in Hong Kong on Thursday.\n"
    )
    assert _date(text) == (dt.date(2025, 5, 8), None)


def test_a_day_with_no_month_and_no_printed_date_gives_no_date() -> None:
    assert _date(_HEAD + "\n" + _MEETING.format(day="today (4th)") + "\n") == (None, None)


def test_another_event_s_day_is_not_the_meeting_s() -> None:
    text = (
        "Pan-PRD leaders meet\nUPDATED: 08:17, June 07, 2006\n\nLeaders of the region pledged on Tuesday in Chengdu "
        "to remove barriers to trade.\n\nThe pledge was made at the Pan-Pearl River Delta Regional Co-operation Chief "
        "Executive Joint Conference, held on the sidelines of the third Pan-PRD Regional Co-operation and Development "
        "Forum, which opened in the city on Monday.\n"
    )
    assert _date(text) == (dt.date(2006, 6, 6), None)


def test_another_event_s_day_stands_when_no_sentence_gives_the_meeting_s() -> None:
    text = (
        "CE attends forum and co-chairs plenary\n2006-06-06 20:00\n\nThe Chief Executive, Mr Donald Tsang, attended "
        "the opening of the Pan-Pearl River Delta Regional Co-operation and Development Forum this morning (June 6) "
        "and, in the afternoon, co-chaired the Ninth Plenary of the Hong Kong/Guangdong Co-operation Joint Conference "
        "with the Governor of Guangdong Province, Mr Huang Huahua.\n"
    )
    assert _date(text) == (dt.date(2006, 6, 6), "June 6")
