"""The terms-of-office table and the years a meeting can fall in when its release gives no year.

The corpus checks use the real releases in ``../shared/corpus``; the rest use people built here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from cooptrack.knowledge import officials, years
from cooptrack.pipeline import parse_path
from cooptrack.record import Person
from cooptrack.vocab import Side

FUJIAN = "000_37dcf99a9e9d37fb.txt"
SICHUAN = "004_47788d11fa67004d.txt"


def _hk(name: str, post: str, side: Side | None = Side.HK) -> Person:
    return Person(name=name, post=post, side=side, span=(0, 1))


# --- the table -----------------------------------------------------------------------------------


def test_every_term_of_the_table_starts_before_it_ends_and_within_the_table() -> None:
    for term in officials.table():
        assert dt.date(1997, 7, 1) <= term.start <= officials.CHECKED, term
        assert term.end is None or term.start <= term.end <= officials.CHECKED, term
        assert term.names[0] == term.person


def test_no_post_is_held_by_two_officials_for_more_than_a_few_days() -> None:
    """Catches a mistyped year: successive holders of a post may overlap by a handover day or two."""
    by_post: dict[str, list[officials.Term]] = {}
    for term in officials.table():
        by_post.setdefault(officials.post_key(term.post), []).append(term)
    for terms in by_post.values():
        for a, b in itertools.combinations(terms, 2):
            overlap = (min(a.last_day, b.last_day) - max(a.start, b.start)).days
            assert overlap <= 3, (a, b)


def test_the_table_knows_every_chief_executive_since_1997_without_a_gap_of_more_than_four_months() -> None:
    terms = sorted((t for t in officials.table() if t.post == "Chief Executive"), key=lambda t: t.start)
    assert terms[0].start == dt.date(1997, 7, 1)
    assert terms[-1].end is None
    for earlier, later in itertools.pairwise(terms):
        assert earlier.end is not None
        assert 0 <= (later.start - earlier.end).days <= 120, (earlier, later)


@pytest.mark.parametrize(
    ("name", "official"),
    [
        pytest.param("Erick Tsang", "Erick Tsang Kwok-wai", id="english-name-and-surname"),
        pytest.param("Tsang Kwok-wai", "Erick Tsang Kwok-wai", id="chinese-name"),
        pytest.param("Eric Chan", "Chan Kwok-ki", id="another-name-of-the-table"),
        pytest.param("Nicholas Yang", "Nicholas W Yang", id="without-the-middle-initial"),
        pytest.param("MATTHEW CHEUNG KIN-CHUNG", "Matthew Cheung Kin-chung", id="case-and-hyphens"),
        pytest.param("Stephen Sui", "Stephen Sui Wai-keung", id="not-words-from-the-middle"),
    ],
)
def test_a_name_denotes_the_one_official_it_fits(name: str, official: str) -> None:
    assert officials.official(name) == official


@pytest.mark.parametrize("name", ["Chan", "Lee Ka", "Guo Ningning", "Yau Wah"])
def test_a_name_that_fits_no_official_or_several_denotes_none(name: str) -> None:
    assert officials.official(name) is None
    assert officials.terms_of(name) == []


@pytest.mark.parametrize(
    ("written", "table"),
    [
        ("Secretary for the Financial Services and the Treasury", "Secretary for Financial Services and the Treasury"),
        ("Chief Executive of the Hong Kong Special Administrative Region", "Chief Executive"),
        ("the Chief Executive (HKSAR)", "Chief Executive"),
        ("Secretary for Culture, Sports & Tourism", "Secretary for Culture, Sports and Tourism"),
    ],
)
def test_a_post_as_written_is_the_post_of_the_table(written: str, table: str) -> None:
    assert officials.same_post(written, table)


@pytest.mark.parametrize(
    ("written", "table"),
    [
        ("Acting Chief Executive", "Chief Executive"),
        ("Deputy Chief Secretary for Administration", "Chief Secretary for Administration"),
        ("Under Secretary for Education", "Secretary for Education"),
    ],
)
def test_a_different_post_is_not_the_post_of_the_table(written: str, table: str) -> None:
    assert not officials.same_post(written, table)


# --- years from the real releases ------------------------------------------------------------------


def test_the_sichuan_release_can_only_be_of_2021_and_says_why(corpus: Path) -> None:
    record = parse_path(corpus / SICHUAN)
    assert record.meeting.date is None  # the text gives no year: none is invented
    assert record.meeting.year_range == (2021, 2021)
    reasons = " ".join(record.meeting.year_reasons)
    assert "Carrie Lam was Chief Executive from 2017-07-01 to 2022-06-30" in reasons
    assert "John Lee was Chief Secretary for Administration from 2021-06-25" in reasons
    assert "on September 23 only in 2021" in reasons


def test_the_fujian_release_can_be_of_several_years_from_2023_and_says_why(corpus: Path) -> None:
    record = parse_path(corpus / FUJIAN)
    assert record.meeting.date is None
    assert record.meeting.year_range is not None
    low, high = record.meeting.year_range
    assert low == 2023  # Chan Kwok-ki became Chief Secretary on 2022-07-01: June 28, 2022 is too early
    assert high - low >= 2
    reasons = " ".join(record.meeting.year_reasons)
    assert "Chan Kwok-ki has been Chief Secretary for Administration since 2022-07-01" in reasons
    assert "when the table was last checked" in reasons


@pytest.mark.parametrize("name", ["001_3b3d6f915a112d97.txt", "003_19cada9a8958ebfd.txt"])
def test_a_release_with_its_year_has_that_year_alone_and_no_reasons(corpus: Path, name: str) -> None:
    record = parse_path(corpus / name)
    assert record.meeting.date is not None
    assert record.meeting.year_range == (record.meeting.date.year, record.meeting.date.year)
    assert record.meeting.year_reasons == []


# --- years from people built here -------------------------------------------------------------------


def test_officials_the_table_does_not_know_give_no_range() -> None:
    people = [
        _hk("Lau Ka-ming", "Under Secretary for Home Affairs"),
        _hk("Guo Ningning", "Vice Governor", Side.MAINLAND),
    ]
    assert years.year_range(people, "May 6") == (None, [])


def test_a_mainland_official_with_a_hong_kong_name_gives_no_bound() -> None:
    assert years.year_range([_hk("John Lee", "Chief Executive", Side.MAINLAND)], "May 6") == (None, [])


def test_a_known_official_under_a_post_the_table_does_not_give_them_gives_no_bound() -> None:
    assert years.year_range([_hk("John Lee", "Secretary for Education")], "May 6") == (None, [])


def test_officials_who_never_held_their_posts_together_give_no_range_and_say_so() -> None:
    people = [_hk("Carrie Lam", "Chief Executive"), _hk("Chan Kwok-ki", "Chief Secretary for Administration")]
    found, reasons = years.year_range(people, "May 6")
    assert found is None
    assert "never held these posts together" in reasons[0]


def test_without_a_month_and_day_the_years_are_those_the_terms_share() -> None:
    people = [_hk("Carrie Lam", "Chief Executive"), _hk("John Lee", "Chief Secretary for Administration")]
    found, reasons = years.year_range(people, None)
    assert found == (2021, 2022)  # June 2021 to April 2022
    assert "Carrie Lam as Chief Executive" in reasons[-1] and "John Lee as Chief Secretary" in reasons[-1]
    assert reasons[-1].endswith("held these posts together in 2021–2022")


def test_the_day_decides_at_the_edge_of_a_term() -> None:
    cs = [_hk("Matthew Cheung Kin-chung", "Chief Secretary for Administration")]
    assert years.year_range(cs, "January 10")[0] == (2018, 2021)  # he took office on 2017-01-16
    assert years.year_range(cs, "January 20")[0] == (2017, 2021)
    assert years.year_range(cs, "July 1")[0] == (2017, 2020)  # he left on 2021-06-25


def test_a_post_held_twice_counts_both_terms() -> None:
    """Donald Tsang was Chief Secretary (2001–2005) and Chief Executive (2005–2012): one post each."""
    assert years.year_range([_hk("Donald Tsang", "Chief Executive")], "March 3")[0] == (2006, 2012)
    assert years.year_range([_hk("Donald Tsang", "Financial Secretary")], "March 3")[0] == (1998, 2001)


def test_infer_leaves_a_stated_date_alone_and_fills_the_range_otherwise(corpus: Path) -> None:
    record = parse_path(corpus / SICHUAN)
    bare = record.model_copy(update={"meeting": record.meeting.model_copy(update={"year_range": None})})
    assert years.infer(bare).meeting.year_range == (2021, 2021)
    dated = record.model_copy(
        update={"meeting": record.meeting.model_copy(update={"date": dt.date(2021, 9, 23), "year_range": None})}
    )
    assert years.infer(dated).meeting.year_range == (2021, 2021)
    assert years.infer(dated).meeting.year_reasons == []


def test_the_day_a_report_was_published_narrows_the_years_the_officials_allow() -> None:
    cs = [_hk("Eric Chan", "Chief Secretary for Administration")]
    assert years.year_range(cs, None)[0] == (2022, officials.CHECKED.year)
    limit = years.Limit(
        years.FIRST_YEAR, 2023, "the report was published on 2023-09-13, so the meeting was held by then"
    )
    found, reasons = years.year_range(cs, None, limit)
    assert found == (2022, 2023)
    assert "the report was published on 2023-09-13, so the meeting was held by then" in reasons
    too_early = years.Limit(years.FIRST_YEAR, 2020, "the report was published on 2020-01-01")
    assert years.year_range(cs, None, too_early)[0] is None


def test_a_news_copy_dated_by_its_page_gets_the_years_up_to_its_publication(corpus: Path) -> None:
    synthetic = Path(__file__).parent / "data" / "synthetic"
    # a mirror's repost stamp, months after "today (November 26)", is no year source ([D-PRINTED]),
    # but the page was published by then
    record = parse_path(synthetic / "gen_d_printed_beijing_2024_repost_stamp.txt")
    assert record.meeting.date is None
    assert record.meeting.year_range == (2022, 2025)
    # "on Tuesday" on a page stamped Wednesday 2023-09-13 is the Tuesday of that week
    record = parse_path(synthetic / "news_chinadaily_guangxi_1st_plenary.txt")
    assert record.meeting.date == dt.date(2023, 9, 12)
