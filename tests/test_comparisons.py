"""Comparisons that know what they compare (issue 12, item 2).

Every record and stored meeting states how completely its release was read; ``diff``, the
mechanism page, the comparison page and the briefing never call a measure dropped at (or new
after) a meeting read partly, and say which meeting cannot be compared and why.

The store holds ``tests/data/partly_read``: a SYNTHETIC series written here, three plenaries of
a Fujian-like conference, the middle one a copy cut right after "the following ten areas:".
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cooptrack.acquire import iter_paths, read_path
from cooptrack.cli import app
from cooptrack.completeness import Completeness, Reading
from cooptrack.knowledge import changes
from cooptrack.pipeline import parse_document
from cooptrack.store import Store
from cooptrack.views import queries
from webtools import client

PARTLY = Path(__file__).parent / "data" / "partly_read"
runner = CliRunner()


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('partly') / 'p.db'}"


@pytest.fixture(scope="module")
def stored(url: str) -> Iterator[Store]:
    with Store(url) as store:
        for path in sorted(PARTLY.glob("*.txt")):  # the releases (not the folder's README)
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        yield store


# --- completeness ---------------------------------------------------------------------------------


def test_the_cut_release_states_it_was_read_with_0_of_10_areas(stored: Store) -> None:
    cut = next(m for m in stored.all_meetings() if m.ordinal == 5)
    c = cut.completeness
    assert (c.areas_read, c.areas_declared, c.measures_read, c.truncated) == (0, 10, 0, True)
    assert c.reading is Reading.UNREAD and not c.comparable
    assert c.describe() == "read with 0 of 10 areas, the copy stops mid-way"
    whole = next(m for m in stored.all_meetings() if m.ordinal == 4).completeness
    assert whole.reading is Reading.COMPLETE and whole.describe() == "read with 3 of 3 areas"


def test_a_record_and_its_stored_meeting_state_the_same_completeness(stored: Store) -> None:
    doc = read_path(PARTLY / "fujian_5th_plenary_2023_cut.txt")
    record = parse_document(doc)
    stored_one = next(m for m in stored.all_meetings() if m.ordinal == 5)
    assert record.completeness == stored_one.completeness


@pytest.mark.parametrize(
    ("flags", "declared", "areas", "measures", "reading"),
    [
        ([], 4, 4, 6, Reading.COMPLETE),
        ([], None, 3, 5, Reading.COMPLETE),  # no number announced: what was read is all there is
        (["area_headings_missing"], 10, 7, 15, Reading.PARTIAL),  # fewer areas than announced
        (["truncated"], 4, 4, 6, Reading.PARTIAL),  # the copy stops mid-way
        (["progress_review"], None, 9, 22, Reading.PARTIAL),  # a progress review lists no areas agreed
        (["truncated"], 10, 0, 0, Reading.UNREAD),
        ([], None, 0, 0, Reading.NONE_STATED),  # a whole release stating no measure: nothing to compare
        (["progress_review"], None, 0, 0, Reading.UNREAD),
    ],
    ids=[
        "whole",
        "no-number",
        "fewer-areas",
        "truncated",
        "progress-review",
        "cut-after-lead",
        "no-measures",
        "review-no-measures",
    ],
)
def test_completeness_from_flags_and_counts(
    flags: list[str], declared: int | None, areas: int, measures: int, reading: Reading
) -> None:
    c = Completeness.of(flags, declared, areas, measures)
    assert c.reading is reading
    assert (c.limit("the Fourth plenary") is None) == (reading is Reading.COMPLETE)
    assert c.comparable == (reading in (Reading.COMPLETE, Reading.PARTIAL))
    assert c.partly_read == (reading in (Reading.PARTIAL, Reading.UNREAD))


# --- the diff, pure ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _M:
    key: str
    text: str
    position: int
    themes: list[str]


@dataclass(frozen=True)
class _Meeting:
    slug: str


def _diff(earlier: Completeness, later: Completeness) -> changes.Diff:
    a = [_M("a1", "Hold a trade fair in Hong Kong every year.", 1, []), _M("a2", "Open a tea museum.", 2, [])]
    b = [_M("b1", "Hold a trade fair in Hong Kong every year.", 1, []), _M("b2", "Train 50 nurses.", 2, [])]
    return changes.diff(
        _Meeting("x-4"), _Meeting("x-5"), (a, b), ([], []), ([], []),
        reading=(earlier, later), names=("the Fourth plenary", "the Fifth plenary"),
    )  # fmt: skip


WHOLE = Completeness.of([], 2, 2, 2)
PART = Completeness.of(["area_headings_missing"], 10, 7, 2)


def test_nothing_is_dropped_at_a_meeting_read_partly_and_nothing_new_after_one() -> None:
    d = _diff(WHOLE, PART)
    assert [link.later.key for link in d.carried] == ["b1"]  # what was read is still compared
    assert d.dropped == [] and [m.key for m in d.not_found_later] == ["a2"]
    assert [m.key for m in d.new] == ["b2"]
    assert "dropped" not in d.summary() and "1 not found in what was read of the Fifth plenary" in d.summary()
    assert d.limits() == [
        "The Fifth plenary's release was read with 7 of 10 areas: its measures can be compared only in part "
        "(a measure not found in it may be in the part not read)"
    ]
    after = _diff(PART, WHOLE)
    assert after.new == [] and [m.key for m in after.not_found_earlier] == ["b2"]
    assert [m.key for m in after.dropped] == ["a2"]


def test_nothing_is_new_in_a_progress_review_even_after_a_whole_meeting() -> None:
    review = Completeness.of(["progress_review"], None, 2, 2)
    d = _diff(WHOLE, review)
    assert d.new == [] and [m.key for m in d.not_found_earlier] == ["b2"]
    assert d.dropped == [] and [m.key for m in d.not_found_later] == ["a2"]
    assert "1 not found in the Fourth plenary, 1 not found in what was read of the Fifth plenary" in d.summary()


def test_nothing_is_dropped_after_a_progress_review_even_at_a_whole_meeting() -> None:
    d = _diff(Completeness.of(["progress_review"], None, 2, 2), WHOLE)
    assert d.dropped == [] and d.new == []
    assert "1 not found in what was read of the Fourth plenary, 1 not found in the Fifth plenary" in d.summary()


def test_two_whole_meetings_compare_as_before() -> None:
    d = _diff(WHOLE, WHOLE)
    assert ([m.key for m in d.new], [m.key for m in d.dropped], d.limits()) == (["b2"], ["a2"], [])
    assert d.summary().startswith("1 measure carried over unchanged, 0 reworded, 1 new, 1 dropped")


# --- through the store, the command line and the pages ----------------------------------------------


def test_the_default_diff_leaves_out_the_meeting_read_with_no_measure_and_says_so(stored: Store) -> None:
    d = queries.diff(stored, "Fujian").diff
    assert (d.earlier.slug, d.later.slug) == ("fujian-plenary-4", "fujian-plenary-6")
    assert d.skipped == [
        "The Fifth plenary's release was read with 0 of 10 areas, the copy stops mid-way: its measures "
        "cannot be compared; it is left out of the comparison"
    ]
    assert len(d.carried) == 5 and [m.text[:6] for m in d.new] == ["Set up"] and d.dropped == []


def test_diff_to_the_cut_release_says_it_cannot_be_compared_and_drops_nothing(url: str, stored: Store) -> None:
    result = runner.invoke(app, ["diff", "Fujian", "--from", "4", "--to", "5", "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["dropped"] == [] and data["comparable"] is False and len(data["not_found_later"]) == 5
    assert data["completeness"]["later"]["reading"] == "unread"
    assert "dropped" not in data["summary"]
    assert "The Fifth plenary's release was read with 0 of 10 areas" in data["summary"]
    shown = runner.invoke(app, ["diff", "Fujian", "--from", "5", "--to", "6", "--db", url])
    assert shown.exit_code == 0, shown.stderr
    assert "its measures cannot be compared" in " ".join(shown.stdout.split())
    assert " new," not in shown.stdout


def test_the_mechanism_page_says_which_meeting_cannot_be_compared(stored: Store) -> None:
    page = client(stored).get("/mechanisms/hong-kong-fujian-co-operation-conference")
    assert page.status_code == 200
    text = " ".join(html.unescape(page.text).split())
    assert "read partly: read with 0 of 10 areas, the copy stops mid-way" in text
    assert "its measures cannot be compared; it is left out of the comparison" in text
    assert text.count('class="card change"') == 1  # the Fourth to the Sixth, the Fifth left out
    assert "Not repeated" not in text


def test_the_comparison_page_says_a_side_cannot_be_compared(stored: Store) -> None:
    page = client(stored).get("/compare", params={"left": "fujian-plenary-4", "right": "fujian-plenary-5"})
    assert page.status_code == 200
    text = " ".join(html.unescape(page.text).split())
    assert "The Fifth plenary's release was read with 0 of 10 areas" in text
    assert "its measures cannot be compared" in text


def test_the_mechanism_page_says_the_last_meeting_cannot_be_compared(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'two.db'}") as store:
        for name in ("fujian_4th_plenary_2021.txt", "fujian_5th_plenary_2023_cut.txt"):
            doc = read_path(PARTLY / name)
            store.ingest(doc, parse_document(doc))
        page = client(store).get("/mechanisms/hong-kong-fujian-co-operation-conference")
    text = " ".join(html.unescape(page.text).split())
    assert text.count('class="card change"') == 1  # the Fourth to the Fifth, saying it cannot be
    assert (
        "The Fifth plenary's release was read with 0 of 10 areas, the copy stops mid-way: its measures cannot be"
        in text
    )
    assert "Not repeated" not in text and "not repeated." not in text


def test_list_and_show_state_how_completely_each_release_was_read(url: str, stored: Store) -> None:
    listed = runner.invoke(app, ["list", "--db", url, "--format", "json"])
    assert listed.exit_code == 0, listed.stderr
    readings = {row["slug"]: row["completeness"]["reading"] for row in json.loads(listed.stdout)}
    assert readings == {"fujian-plenary-4": "complete", "fujian-plenary-5": "unread", "fujian-plenary-6": "complete"}
    shown = runner.invoke(app, ["show", "fujian-plenary-5", "--db", url])
    assert shown.exit_code == 0, shown.stderr
    assert "read with 0 of 10 areas, the copy stops mid-way" in " ".join(shown.stdout.split())


REVIEW = Path(__file__).parent / "data" / "progress_review"  # SYNTHETIC: a plenary, then a progress review


def test_a_progress_review_drops_nothing_and_says_why(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'review.db'}") as store:
        for path in iter_paths([REVIEW]):
            if path.suffix == ".txt":
                doc = read_path(path)
                store.ingest(doc, parse_document(doc))
        d = queries.diff(store, "Hainan").diff
        page = client(store).get("/mechanisms/hong-kong-hainan-co-operation-conference")
    assert d.reading[1] is not None and d.reading[1].progress_review and d.comparable
    assert len(d.carried) == 2 and d.dropped == [] and len(d.not_found_later) == 2
    assert d.limits() == [
        "The Second plenary's release is a progress review rather than a list of the areas agreed "
        "(2 areas, no number announced): it reports on measures rather than agreeing them, so nothing compared with "
        "it is called new or dropped"
    ]
    assert "dropped" not in d.summary()
    text = " ".join(html.unescape(page.text).split())
    assert "read partly: a progress review rather than a list of the areas agreed" in text
    assert "Not repeated" not in text
    assert "Not found in what was read of the later meeting" in text


def test_the_meeting_page_says_its_release_was_read_partly(stored: Store) -> None:
    cut = client(stored).get("/meetings/fujian-plenary-5").text
    assert "read partly: read with 0 of 10 areas, the copy stops mid-way" in " ".join(cut.split())
    whole = client(stored).get("/meetings/fujian-plenary-4").text
    assert "read partly:" not in whole


def test_in_chinese_the_pages_say_in_chinese_which_meeting_cannot_be_compared(stored: Store) -> None:
    web = client(stored)
    web.cookies.set("ct_lang", "zh-Hant")
    mechanism = " ".join(web.get("/mechanisms/hong-kong-fujian-co-operation-conference").text.split())
    assert "只讀取了部分： 讀取了 10 個範疇中的 0 個，副本中途截斷" in mechanism
    said = "全體會議 5：新聞稿讀取了 10 個範疇中的 0 個，副本中途截斷，其措施無法比較。"
    assert f"{said} 比較時不計此次會議。" in mechanism
    assert "cannot be compared" not in mechanism
    compared = web.get("/compare", params={"left": "fujian-plenary-4", "right": "fujian-plenary-5"}).text
    assert "其措施無法比較" in compared and "cannot be compared" not in compared
    meeting = " ".join(web.get("/meetings/fujian-plenary-5").text.split())
    assert "讀取了 10 個範疇中的 0 個，副本中途截斷" in meeting
