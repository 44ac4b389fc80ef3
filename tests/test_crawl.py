"""The archive crawler: index pages, picks from headlines, the commands, resuming (cache: test_cache.py).

Everything runs against a local HTTP server on 127.0.0.1 that the tests start
(tests/archive_server.py), serving the synthetic archive of tests/data/archive (index and release
pages written for these tests, see the README there) with the faults listed in that README. The
client is allowed 127.0.0.1 and no other host, and a guard on ``socket.connect`` fails any test
that would connect elsewhere; the server counts every request, so "fetched once" is checked
where it matters: at the server.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from archive_server import DATA, LOCAL, NOV_28, NOV_29, NOV_30, ArchiveServer, Fault, running
from cooptrack.acquire import archive as A
from cooptrack.acquire.cache import CrawlState, PageCache
from cooptrack.acquire.http import HttpClient
from cooptrack.cli import acquire as cli_acquire
from cooptrack.cli import app
from cooptrack.errors import InputError
from cooptrack.store import Store

SICHUAN = "202311/28/P2023112800412.htm"
ZHEJIANG_PRINT = "202311/28/P2023112800460p.htm"
GUANGDONG_FLAKY = "202311/29/P2023112900377.htm"
FUJIAN_BIG5 = "202311/29/P2023112900501.htm"
ANHUI_MISSING = "202311/29/P2023112900610.htm"
BEIJING_REDIRECT = "202311/29/P2023112900655.htm"
TIANJIN_SLOW = "202311/30/P2023113000233.htm"
HUBEI_TRUNCATED = "202311/30/P2023113000350.htm"
OLD_GUANGDONG = "200606/10/0610166.htm"
INDEXES = ["202311/28.htm", "202311/29.htm", "202311/30.htm"]
SKIPPED = [
    "202311/28/P2023112800288.htm",
    "202311/28/P2023112800305.htm",
    "202311/29/P2023112900420.htm",
    "202311/29/P2023112900700.htm",
    "202311/30/P2023113000111.htm",
    "202311/30/P2023113000402.htm",
]
runner = CliRunner()


pytestmark = pytest.mark.usefixtures("only_loopback")


@pytest.fixture
def faulty() -> Iterator[ArchiveServer]:
    with running(faults=True) as started:
        yield started


@pytest.fixture
def local_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands' client: allowed 127.0.0.1 only, no pause between requests."""
    monkeypatch.setattr(cli_acquire, "client_options", lambda rate, hosts: LOCAL)


def _crawl(server: ArchiveServer, tmp_path: Path, *args: str, since: str = "2023-11-28") -> Result:
    return runner.invoke(
        app,
        ["crawl", "--since", since, "--until", "2023-11-30", "--archive", server.archive, *_places(tmp_path), *args],
    )


def _places(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'crawl.db'}", "--cache", str(tmp_path / "cache")]


def _errors(result: Result) -> list[str]:
    lines = result.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines), result.stderr
    return lines


def _slugs(tmp_path: Path) -> list[str]:
    with Store(f"sqlite:///{tmp_path / 'crawl.db'}") as store:
        return [row.meeting.slug for row in store.meetings()]


# --- index pages and release names ----------------------------------------------------------------


def test_index_url_of_a_day() -> None:
    assert A.index_url(NOV_29) == "https://www.info.gov.hk/gia/general/202311/29.htm"
    assert A.index_url(dt.date(2006, 6, 10), "http://127.0.0.1:8000/gia/general") == (
        "http://127.0.0.1:8000/gia/general/200606/10.htm"
    )


@pytest.mark.parametrize(
    ("name", "stem", "printable"),
    [
        ("P2023112900501.htm", "P2023112900501", False),
        ("P2023112900501p.htm", "P2023112900501", True),
        ("0610166.htm", "0610166", False),
        ("0610166p.htm", "0610166", True),
        ("p2023112900501.HTM", "P2023112900501", False),
    ],
)
def test_release_names_modern_printer_friendly_and_pre_2008(name: str, stem: str, printable: bool) -> None:
    found = A.release_name(f"https://www.info.gov.hk/gia/general/202311/29/{name}")
    assert found == A.ReleaseName(stem=stem, printable=printable)
    assert found.pre_2008 is stem.isdigit()


@pytest.mark.parametrize("name", ["29.htm", "P20231129005.htm", "P2023112900501.html", "index.htm", "today.htm", ""])
def test_other_names_are_not_releases(name: str) -> None:
    assert A.release_name(f"https://www.info.gov.hk/gia/general/202311/{name}") is None


def test_an_index_lists_the_releases_in_its_left_body_once_each_in_order() -> None:
    url = "https://www.info.gov.hk/gia/general/202311/28.htm"
    listings = A.read_index((DATA / "202311/28.htm").read_text("utf-8"), url, NOV_28)
    assert [(item.url.rsplit("/", 1)[-1], item.name.printable) for item in listings] == [
        ("P2023112800288.htm", False),
        ("P2023112800305.htm", False),
        ("P2023112800412.htm", False),  # a relative link, resolved against the index
        ("P2023112800430.htm", False),
        ("P2023112800460p.htm", True),  # listed twice (printer-friendly first): kept once
    ]
    assert listings[2].url == "https://www.info.gov.hk/gia/general/202311/28/P2023112800412.htm"
    assert listings[2].title == (
        "Fourth Plenary Session of Hong Kong/Sichuan Co-operation Conference held in Chengdu (with photos)"
    )
    assert all(item.day == NOV_28 for item in listings)
    assert "P2023112700999" not in {item.name.stem for item in listings}  # in the side bar


def test_an_older_index_lists_pre_2008_names() -> None:
    url = "https://www.info.gov.hk/gia/general/200606/10.htm"
    listings = A.read_index((DATA / "200606/10.htm").read_text("utf-8"), url, dt.date(2006, 6, 10))
    assert [item.url for item in listings] == [
        "https://www.info.gov.hk/gia/general/200606/10/0610088.htm",
        "https://www.info.gov.hk/gia/general/200606/10/0610166.htm",
        "https://www.info.gov.hk/gia/general/200606/10/0610171.htm",
    ]
    assert all(item.name.pre_2008 for item in listings)


# --- index pages of other layouts ([ACQ-INDEX]) ---------------------------------------------------------

ARCHIVE = "https://www.info.gov.hk/gia/general/"
SEP_21_2004, OCT_12_2015 = dt.date(2004, 9, 21), dt.date(2015, 10, 12)
JUN_18, JUN_19, JUN_20 = dt.date(2024, 6, 18), dt.date(2024, 6, 19), dt.date(2024, 6, 20)
HUBEI_PACTS = "202406/18/P2024061800530.htm"
BELT_AND_ROAD = "202406/20/P2024062000612.htm"


def _read(day: dt.date) -> list[A.Listing]:
    relative = f"{day:%Y%m}/{day:%d}.htm"
    return A.read_index((DATA / relative).read_text("utf-8"), ARCHIVE + relative, day)


@pytest.mark.parametrize(
    ("day", "names", "title"),
    [
        pytest.param(
            SEP_21_2004, ["0921066", "0921140", "0921177", "0921203"],
            "Seven Hong Kong/ Beijing co-operation pacts signed (with photos)", id="links-with-class-NEW",
        ),
        pytest.param(
            OCT_12_2015, ["P2015101200288", "P2015101200505", "P2015101200517", "P2015101200560"],
            "Hong Kong and Fujian sign six co-operation agreements (with photos)", id="list-with-class-list",
        ),
        pytest.param(
            JUN_18, ["P2024061800241", "P2024061800476", "P2024061800530"],
            "CE calls on Party Secretary of Hubei Province", id="list-with-id-prlist",
        ),
        pytest.param(
            JUN_20, ["P2024062000158", "P2024062000612", "P2024062000655"],
            "Hong Kong Monetary Authority announces survey results", id="unknown-layout-every-release-link",
        ),
    ],
)  # fmt: skip
def test_an_index_of_each_layout_lists_the_days_releases(day: dt.date, names: list[str], title: str) -> None:
    listings = _read(day)
    assert [item.name.stem for item in listings] == names
    assert title in [item.title for item in listings]
    assert all(item.day == day and item.url.startswith(ARCHIVE + f"{day:%Y%m}/{day:%d}/") for item in listings)


def test_links_to_another_days_releases_are_not_the_days() -> None:
    assert "0920115" not in {item.name.stem for item in _read(SEP_21_2004)}  # in a side column
    assert "P2024061700399" not in {item.name.stem for item in _read(JUN_18)}  # "most read", beside the list
    assert "P2024061800530" not in {item.name.stem for item in _read(JUN_20)}  # "related", with no list to trust


def test_a_release_linked_by_an_icon_first_takes_its_headline_from_the_next_link() -> None:
    (first, *_) = _read(JUN_20)
    assert first.title == "Hong Kong Monetary Authority announces survey results"


def test_an_empty_list_is_a_day_with_nothing_listed() -> None:
    page = '<ul id="prlist"></ul><p><a href="/gia/general/202406/17/P2024061700399.htm">Yesterday</a></p>'
    assert A.read_index(page, ARCHIVE + "202406/18.htm", JUN_18) == []


def test_a_page_without_a_release_list_is_not_taken_for_an_empty_day() -> None:
    with pytest.raises(InputError) as caught:
        A.read_index("<html><body><p>Service unavailable</p></body></html>", "https://x.gov.hk/202311/28.htm", NOV_28)
    assert str(caught.value) == (
        "https://x.gov.hk/202311/28.htm: is not a daily index page (no list of releases, no link to a release)"
    )


def test_an_index_read_today_is_not_over_until_midnight_in_hong_kong() -> None:
    hkt = dt.timezone(dt.timedelta(hours=8))
    assert not A.day_over(NOV_28, dt.datetime(2023, 11, 28, 23, 59, tzinfo=hkt))
    assert A.day_over(NOV_28, dt.datetime(2023, 11, 29, 0, 0, tzinfo=hkt))
    assert not A.day_over(NOV_28, dt.datetime(2023, 11, 28, 15, 59, tzinfo=dt.UTC))
    assert A.day_over(NOV_28, dt.datetime(2023, 11, 28, 16, 0, tzinfo=dt.UTC))


# --- crawling -------------------------------------------------------------------------------------------


def test_the_crawl_reports_each_day_and_which_days_are_complete(faulty: ArchiveServer, tmp_path: Path) -> None:
    plan = A.CrawlPlan(since=NOV_28, until=NOV_30, archive=faulty.archive)
    with HttpClient(LOCAL) as client:
        events = list(A.crawl(plan, PageCache(tmp_path / "cache"), client))
    done = {e.day: e.complete for e in events if isinstance(e, A.DayDone)}
    assert done == {NOV_28: True, NOV_29: True, NOV_30: False}  # the 404 and the refusal last; a cut body may not
    failed = {e.url.removeprefix(faulty.archive): e.lasting for e in events if isinstance(e, A.Failed)}
    assert failed == {ANHUI_MISSING: True, BEIJING_REDIRECT: True, HUBEI_TRUNCATED: False}
    fetched = [e.listing.url.removeprefix(faulty.archive) for e in events if isinstance(e, A.Fetched)]
    assert fetched == [SICHUAN, ZHEJIANG_PRINT, GUANGDONG_FLAKY, FUJIAN_BIG5, TIANJIN_SLOW]


def test_an_archive_on_a_host_not_allowed_is_refused_before_any_request(tmp_path: Path, local_client: None) -> None:
    args = ["--since", "2023-11-28", "--until", "2023-11-30", "--archive", "https://mirror.example.org/gia/general/"]
    result = runner.invoke(app, ["crawl", *args, *_places(tmp_path)])
    assert result.exit_code == 1
    assert _errors(result) == [
        "error: https://mirror.example.org/gia/general/202311/28.htm: is on mirror.example.org, "
        "a host not allowed (allowed: 127.0.0.1)"
    ]
    assert CrawlState(tmp_path / "cache").last_day("https://mirror.example.org/gia/general/") is None


def test_a_day_whose_index_fails_is_left_to_do(server: ArchiveServer, tmp_path: Path, local_client: None) -> None:
    server.faults["202311/29.htm"] = Fault("status", status=503)
    _crawl(server, tmp_path)
    assert CrawlState(tmp_path / "cache").last_day(server.archive) == NOV_28


def test_a_day_without_an_index_is_done_and_no_failure(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    result = runner.invoke(
        app,
        ["crawl", "--since", "2023-12-01", "--until", "2023-12-02", "--archive", server.archive, *_places(tmp_path)],
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert CrawlState(tmp_path / "cache").last_day(server.archive) == dt.date(2023, 12, 2)
    assert server.counts() == {"202312/01.htm": 1, "202312/02.htm": 1}


def test_days_of_every_index_layout_and_a_day_without_one_are_crawled_complete(
    server: ArchiveServer, tmp_path: Path
) -> None:
    plan = A.CrawlPlan(since=JUN_18, until=JUN_20, archive=server.archive)
    with HttpClient(LOCAL) as client:
        events = list(A.crawl(plan, PageCache(tmp_path / "cache"), client))
    assert [e for e in events if isinstance(e, A.Failed)] == []
    assert [e.day for e in events if isinstance(e, A.NoIndex)] == [JUN_19]
    assert {e.day: e.complete for e in events if isinstance(e, A.DayDone)} == {JUN_18: True, JUN_19: True, JUN_20: True}
    decided = [e for e in events if isinstance(e, A.Decided)]
    picked = [e.listing.url.removeprefix(server.archive) for e in decided if e.decision.picked]
    assert picked == [HUBEI_PACTS, BELT_AND_ROAD]
    assert [e.listing.url.removeprefix(server.archive) for e in events if isinstance(e, A.Fetched)] == picked
    assert server.counts()["202406/19.htm"] == 1


def test_a_day_without_an_index_yet_is_left_to_do_until_it_is_over(
    server: ArchiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(A, "_now", lambda: dt.datetime(2024, 6, 19, 8, 30, tzinfo=A.HKT))
    plan = A.CrawlPlan(since=JUN_19, until=JUN_19, archive=server.archive)
    with HttpClient(LOCAL) as client:
        events = list(A.crawl(plan, PageCache(tmp_path / "cache"), client))
    assert events == [A.NoIndex(JUN_19, server.page("202406/19.htm")), A.DayDone(JUN_19, complete=False)]


def test_crawl_command_over_the_index_layouts_stores_the_picked_releases(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    result = runner.invoke(
        app,
        ["crawl", "--since", "2024-06-18", "--until", "2024-06-20", "--archive", server.archive, *_places(tmp_path)],
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == (
        "fetched 4, from cache 0; picked 2, skipped 4; ingested 2, unchanged 0 (0 not relevant); failed 0"
    )
    assert "(its headline pairs Hong Kong with Hubei and speaks of co-operation signed)" in result.stdout
    slugs = _slugs(tmp_path)
    assert len(slugs) == 2 and "hubei-plenary-3" in slugs
    assert CrawlState(tmp_path / "cache").last_day(server.archive) == JUN_20


def test_crawl_command_fetches_picks_and_stores_and_reports_each_failure(
    faulty: ArchiveServer, tmp_path: Path, local_client: None, only_loopback: list[Any]
) -> None:
    result = _crawl(faulty, tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "fetched 8, from cache 0; picked 8, skipped 7; ingested 5, unchanged 0 (0 not relevant); failed 3"
    )
    picked = [line for line in result.stdout.splitlines() if line.startswith("picked")]
    assert len(picked) == 8
    assert "(its headline pairs Hong Kong with Zhejiang and names a plenary)" in picked[1]
    errors = _errors(result)
    assert errors[0] == f"error: {faulty.page(ANHUI_MISSING)}: HTTP 404 Not Found"
    assert errors[1].startswith(f"error: {faulty.page(BEIJING_REDIRECT)}: redirects to http://www.example.com/")
    assert errors[2].startswith(f"error: {faulty.page(HUBEI_TRUNCATED)}: the response was cut short: ")
    assert len(errors) == 3
    counts = faulty.counts()
    once = [*INDEXES, SICHUAN, ZHEJIANG_PRINT, FUJIAN_BIG5, ANHUI_MISSING, BEIJING_REDIRECT]
    assert {path: counts[path] for path in once} == dict.fromkeys(once, 1)
    assert (counts[GUANGDONG_FLAKY], counts[TIANJIN_SLOW], counts[HUBEI_TRUNCATED]) == (3, 2, 3)
    assert all(counts[path] == 0 for path in SKIPPED)
    assert {address[0] for address in only_loopback} == {"127.0.0.1"}
    assert len(_slugs(tmp_path)) == 5


def test_a_second_crawl_reads_everything_from_the_cache_and_changes_nothing(
    faulty: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    _crawl(faulty, tmp_path)
    before = faulty.counts()
    result = _crawl(faulty, tmp_path)
    assert result.stdout.splitlines()[-1] == (
        "fetched 0, from cache 8; picked 8, skipped 7; ingested 0, unchanged 5 (0 not relevant); failed 3"
    )
    after = faulty.counts()
    cached = [*INDEXES, SICHUAN, ZHEJIANG_PRINT, GUANGDONG_FLAKY, FUJIAN_BIG5, ANHUI_MISSING, TIANJIN_SLOW]
    assert {path: after[path] for path in cached} == {path: before[path] for path in cached}
    assert after[HUBEI_TRUNCATED] == before[HUBEI_TRUNCATED] + 3  # never fetched whole, so asked again


def test_refresh_fetches_every_page_again(server: ArchiveServer, tmp_path: Path, local_client: None) -> None:
    _crawl(server, tmp_path)
    result = _crawl(server, tmp_path, "--refresh")
    assert "fetched 10, from cache 0;" in result.stdout  # 3 indexes and 7 releases (the 404 is asked again too)
    assert server.counts()[SICHUAN] == 2


def test_since_last_starts_after_the_last_complete_day(
    faulty: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    _crawl(faulty, tmp_path)
    before = faulty.counts()
    result = _crawl(faulty, tmp_path, since="last")
    assert result.stdout.splitlines()[-1] == (
        "fetched 0, from cache 2; picked 2, skipped 2; ingested 0, unchanged 1 (0 not relevant); failed 1"
    )
    assert faulty.counts() - before == {HUBEI_TRUNCATED: 3}  # only the 30th, still incomplete, is read again
    assert CrawlState(tmp_path / "cache").last_day(faulty.archive) == NOV_29


def test_since_last_resumes_at_a_day_left_undone_even_after_later_days_were_crawled(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    """A day whose index failed stays to do: a later crawl of other days does not carry the ledger past it."""
    server.faults["202311/29.htm"] = Fault("status", status=503)
    _crawl(server, tmp_path)  # the 28th and 30th done, the 29th not
    later = ["--since", "2023-12-01", "--until", "2023-12-02"]
    assert runner.invoke(app, ["crawl", *later, "--archive", server.archive, *_places(tmp_path)]).exit_code == 0
    state = CrawlState(tmp_path / "cache")
    assert state.resume_day(server.archive) == NOV_29
    assert [state.status(server.archive, dt.date(2023, 11, d)) for d in (28, 29, 30)] == ["done", "incomplete", "done"]
    assert state.status(server.archive, dt.date(2023, 12, 1)) == "empty", "no index page: recorded as empty"
    del server.faults["202311/29.htm"]
    before = server.counts()
    result = runner.invoke(
        app, ["crawl", "--since", "last", "--until", "2023-12-02", "--archive", server.archive, *_places(tmp_path)]
    )
    read = server.counts() - before
    assert read["202311/29.htm"] == 1 and "202311/30.htm" not in read and "202312/01.htm" not in read, read
    assert "picked 4, skipped 2" in result.stdout, "the 29th's releases, and only its"
    assert state.last_day(server.archive) == dt.date(2023, 12, 2)
    assert state.resume_day(server.archive) == dt.date(2023, 12, 3)


def test_since_last_when_everything_is_done_does_nothing(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    assert _crawl(server, tmp_path).exit_code == 1  # the 404 is an error, but it lasts: every day is complete
    assert CrawlState(tmp_path / "cache").last_day(server.archive) == NOV_30
    seen = len(server.seen)
    result = _crawl(server, tmp_path, since="last")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "nothing to crawl: the days up to 2023-11-30 have been crawled"
    assert len(server.seen) == seen


def test_since_last_without_an_earlier_crawl_says_how_to_start(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    result = _crawl(server, tmp_path, since="last")
    assert result.exit_code == 1
    assert _errors(result) == [
        f"error: {server.archive}: no crawl has completed a day yet (cache {tmp_path / 'cache'}); "
        "start with --since YYYY-MM-DD"
    ]
    assert server.seen == []


@pytest.mark.parametrize("since", ["yesterday", "2023-13-01", "2099-01-01"])
def test_a_bad_or_future_start_day_is_a_usage_error(
    server: ArchiveServer, tmp_path: Path, local_client: None, since: str
) -> None:
    result = _crawl(server, tmp_path, since=since)
    assert result.exit_code == 2
    assert "--since" in result.stderr
    assert server.seen == []


def test_explain_lists_each_skipped_release_with_its_reason(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    result = _crawl(server, tmp_path, "--explain")
    skipped = [line for line in result.stdout.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 7
    assert skipped[0] == (
        "skipped 2023-11-28 LCQ12: Cross-boundary school buses "
        "(its headline names no co-operation mechanism to which Hong Kong is a party)"
    )


def test_crawl_json_has_the_summary_and_every_release_considered(
    faulty: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    result = _crawl(faulty, tmp_path, "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"] == {
        "fetched": 8, "from_cache": 0, "picked": 8, "skipped": 7, "inserted": 5, "updated": 0, "unchanged": 0,
        "not_relevant": 0, "failed": 3, "ingested": 5,
    }  # fmt: skip
    pages = {page["url"].removeprefix(faulty.archive): page for page in data["pages"]}
    assert len(pages) == 15
    assert pages[SICHUAN]["outcome"] == "inserted" and pages[SICHUAN]["relevant"] is True
    assert pages[ANHUI_MISSING]["outcome"] == "failed"
    assert pages[ANHUI_MISSING]["error"] == f"{faulty.page(ANHUI_MISSING)}: HTTP 404 Not Found"
    assert pages[SKIPPED[0]] == {
        "url": faulty.page(SKIPPED[0]), "day": "2023-11-28", "title": "LCQ12: Cross-boundary school buses",
        "picked": False, "reason": "its headline names no co-operation mechanism to which Hong Kong is a party",
        "outcome": "skipped",
    }  # fmt: skip


def test_stored_releases_keep_their_url_hash_fetch_time_and_reader(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    _crawl(server, tmp_path)
    cached = PageCache(tmp_path / "cache").get(server.page(FUJIAN_BIG5))
    assert cached is not None
    with Store(f"sqlite:///{tmp_path / 'crawl.db'}") as store:
        (version,) = store.versions(server.page(FUJIAN_BIG5))
    assert (version.sha256, version.encoding) == (cached.sha256, "big5")
    assert version.fetched_at.replace(tzinfo=dt.UTC) == cached.fetched_at
    assert version.record["reader"] == "gia"
    assert "閩港合作會議" in version.cleaned_text


def test_a_pre_2008_day_is_crawled_and_its_old_layout_read(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    result = runner.invoke(
        app,
        ["crawl", "--since", "2006-06-10", "--until", "2006-06-10", "--archive", server.archive, *_places(tmp_path)],
    )
    assert result.exit_code == 0, result.stderr
    assert "picked 1, skipped 2; ingested 1" in result.stdout
    assert _slugs(tmp_path) == ["guangdong-plenary-9"]
    assert server.counts()[OLD_GUANGDONG] == 1


# --- fetch -------------------------------------------------------------------------------------------------


def test_fetch_stores_pages_once_and_goes_on_past_a_bad_url(
    server: ArchiveServer, tmp_path: Path, local_client: None
) -> None:
    urls = [server.page(FUJIAN_BIG5), "https://www.example.com/x.htm", server.page(OLD_GUANGDONG)]
    first = runner.invoke(app, ["fetch", *urls, *_places(tmp_path)])
    assert first.exit_code == 1
    assert _errors(first) == [
        "error: https://www.example.com/x.htm: is on www.example.com, a host not allowed (allowed: 127.0.0.1)"
    ]
    assert first.stdout.splitlines()[-1] == (
        "fetched 2, from cache 0; picked 0, skipped 0; ingested 2, unchanged 0 (0 not relevant); failed 1"
    )
    second = runner.invoke(app, ["fetch", urls[0], urls[2], *_places(tmp_path)])
    assert second.exit_code == 0
    assert "fetched 0, from cache 2;" in second.stdout and "unchanged 2" in second.stdout
    assert (server.counts()[FUJIAN_BIG5], server.counts()[OLD_GUANGDONG]) == (1, 1)
    assert sorted(_slugs(tmp_path)) == ["fujian-plenary-3", "guangdong-plenary-9"]


def test_fetch_refuses_loopback_unless_the_options_allow_it(server: ArchiveServer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["fetch", server.page(SICHUAN), "--allow-host", "127.0.0.1", *_places(tmp_path)])
    assert result.exit_code == 1
    assert _errors(result) == [
        f"error: {server.page(SICHUAN)}: is on 127.0.0.1 at 127.0.0.1, a private or loopback address"
    ]
    assert server.seen == []


# --- killed and resumed -----------------------------------------------------------------------------------

# The crawl run in a child process: the real command, with the client allowed the local server.
_CHILD = """
import sys
from cooptrack.acquire.http import HttpOptions
from cooptrack.cli import acquire, app
options = HttpOptions(rate=0, timeout=30, retries=0, backoff=0, allowed_hosts=("127.0.0.1",),
                      allowed_private=frozenset({"127.0.0.1"}))
acquire.client_options = lambda rate, hosts: options
app(sys.argv[1:], prog_name="cooptrack")
"""


def _child(server: ArchiveServer, tmp_path: Path) -> subprocess.Popen[str]:
    args = ["crawl", "--since", "2023-11-28", "--until", "2023-11-30", "--archive", server.archive, *_places(tmp_path)]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


@pytest.mark.slow
def test_a_crawl_killed_midway_resumes_fetching_nothing_twice(server: ArchiveServer, tmp_path: Path) -> None:
    held = server.faults[FUJIAN_BIG5] = Fault("hold", times=1)  # the third release: held until the crawl is killed
    child = _child(server, tmp_path)
    try:
        assert held.arrived.wait(60), "the crawl never asked for the held page"
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        child.kill()
        held.release.set()
    assert child.returncode == -signal.SIGKILL
    assert len(_slugs(tmp_path)) == 3  # Sichuan, Zhejiang, Guangdong: stored before the kill

    resumed = _child(server, tmp_path)
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 1, err  # the missing page is an error, in both runs
    assert err.splitlines() == [f"error: {server.page(ANHUI_MISSING)}: HTTP 404 Not Found"]
    assert "ingested 4, unchanged 3" in out

    counts = server.counts()
    assert counts.pop(FUJIAN_BIG5) == 2  # asked when killed (never answered), then once more
    assert set(counts.values()) == {1}  # every other page: once, over both runs
    assert len(counts) == 3 + 7  # the three indexes and the seven other picked releases
    slugs = _slugs(tmp_path)
    assert len(slugs) == len(set(slugs)) == 7

    again = _child(server, tmp_path)
    out, _ = again.communicate(timeout=120)
    assert "fetched 0, from cache 10;" in out and "ingested 0, unchanged 7" in out
    assert sum(server.counts().values()) == 12  # a third run asks for nothing
