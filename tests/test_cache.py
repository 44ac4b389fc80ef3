"""The page cache: raw pages by URL and content hash, remembered answers, and the crawl state.

Pages come from a local HTTP server on 127.0.0.1 that the tests start (tests/archive_server.py,
serving the synthetic archive of tests/data/archive); the server counts every request, so
"fetched once" is checked at the server. A guard on ``socket.connect`` fails any test that would
connect elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from archive_server import DATA, LOCAL, NOV_28, NOV_29, NOV_30, ArchiveServer, Fault
from cooptrack.acquire.cache import CrawlState, DayStatus, PageCache
from cooptrack.acquire.http import HttpClient
from cooptrack.errors import CooptrackError, HTTPStatusError

SICHUAN = "202311/28/P2023112800412.htm"
FUJIAN_BIG5 = "202311/29/P2023112900501.htm"
ANHUI_MISSING = "202311/29/P2023112900610.htm"
INDEX = "202311/28.htm"


pytestmark = pytest.mark.usefixtures("only_loopback")


# --- pages ------------------------------------------------------------------------------------


def test_a_page_is_fetched_once_then_read_from_the_cache(server: ArchiveServer, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache")
    with HttpClient(LOCAL) as client:
        first = cache.fetch(server.page(SICHUAN), client)
        second = cache.fetch(server.page(SICHUAN), client)
    assert not first.from_cache and second.from_cache
    assert second.body == first.body == (DATA / SICHUAN).read_bytes()
    assert (second.sha256, second.fetched_at, second.final_url) == (first.sha256, first.fetched_at, first.final_url)
    assert server.counts()[SICHUAN] == 1
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_refresh_fetches_a_cached_page_again(server: ArchiveServer, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache")
    with HttpClient(LOCAL) as client:
        cache.fetch(server.page(SICHUAN), client)
        again = cache.fetch(server.page(SICHUAN), client, refresh=True)
    assert not again.from_cache
    assert server.counts()[SICHUAN] == 2


def test_a_404_is_remembered_until_refresh(server: ArchiveServer, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache")
    url = server.page(ANHUI_MISSING)
    with HttpClient(LOCAL) as client:
        with pytest.raises(HTTPStatusError):
            cache.fetch(url, client)
        with pytest.raises(HTTPStatusError) as remembered:
            cache.fetch(url, client)
        assert server.counts()[ANHUI_MISSING] == 1
        assert "HTTP 404 when asked on " in str(remembered.value) and "--refresh asks again" in str(remembered.value)
        with pytest.raises(HTTPStatusError):
            cache.fetch(url, client, refresh=True)
    assert server.counts()[ANHUI_MISSING] == 2


def test_a_5xx_failure_is_not_remembered(server: ArchiveServer, tmp_path: Path) -> None:
    server.faults[SICHUAN] = Fault("status", times=3, status=500)
    cache = PageCache(tmp_path / "cache")
    with HttpClient(LOCAL) as client:
        with pytest.raises(CooptrackError):
            cache.fetch(server.page(SICHUAN), client)
        assert not cache.fetch(server.page(SICHUAN), client).from_cache
    assert server.counts()[SICHUAN] == 4


@pytest.mark.parametrize("damage", ["body", "entry"])
def test_a_damaged_cache_file_counts_as_not_cached(server: ArchiveServer, tmp_path: Path, damage: str) -> None:
    cache = PageCache(tmp_path / "cache")
    with HttpClient(LOCAL) as client:
        cache.fetch(server.page(SICHUAN), client)
        folder = tmp_path / "cache" / ("bodies" if damage == "body" else "pages")
        (damaged,) = [path for path in folder.rglob("*") if path.is_file()]
        damaged.write_bytes(b"{not what was written")
        again = cache.fetch(server.page(SICHUAN), client)
    assert not again.from_cache and again.body == (DATA / SICHUAN).read_bytes()
    assert server.counts()[SICHUAN] == 2
    mended = cache.get(server.page(SICHUAN))
    assert mended is not None and mended.body == again.body, "the fetch again mends the cache"


@pytest.mark.parametrize("pointer", ["absolute", "relative"])
def test_an_entry_pointing_outside_the_cache_counts_as_damaged_and_nothing_outside_is_read(
    server: ArchiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pointer: str
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not the cache's", encoding="utf-8")
    cache = PageCache(tmp_path / "cache")
    with HttpClient(LOCAL) as client:
        cache.fetch(server.page(SICHUAN), client)
    (entry,) = (tmp_path / "cache" / "pages").rglob("*.json")
    damaged = json.loads(entry.read_text(encoding="utf-8"))
    damaged["sha256"] = str(outside) if pointer == "absolute" else "../../outside.txt"
    entry.write_text(json.dumps(damaged), encoding="utf-8")
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.resolve()) or original(self))
    assert cache.get(server.page(SICHUAN)) is None
    assert all(path.is_relative_to(tmp_path / "cache") for path in read), read


def test_a_cached_copy_the_caller_rejects_is_fetched_again(server: ArchiveServer, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache")
    with HttpClient(LOCAL) as client:
        cache.fetch(server.page(INDEX), client)
        cache.fetch(server.page(INDEX), client, valid=lambda page: False)
        cache.fetch(server.page(INDEX), client, valid=lambda page: True)
    assert server.counts()[INDEX] == 2


def test_a_cache_that_cannot_be_written_is_one_error_naming_it(server: ArchiveServer, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache should be", encoding="utf-8")
    with HttpClient(LOCAL) as client, pytest.raises(CooptrackError) as caught:
        PageCache(blocked).fetch(server.page(SICHUAN), client)
    assert str(caught.value).startswith(f"{blocked}: the page cache cannot be written (")


def test_a_cached_page_becomes_a_document_decoded_and_dated_when_fetched(server: ArchiveServer, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache")
    with HttpClient(LOCAL) as client:
        page = cache.fetch(server.page(FUJIAN_BIG5), client)
    doc = cache.get(server.page(FUJIAN_BIG5)).document()  # type: ignore[union-attr]
    assert doc.encoding == "big5"
    assert "閩港合作會議" in doc.text
    assert (doc.source, doc.uri, doc.fetched_at, doc.sha256) == (
        "P2023112900501.htm",
        server.page(FUJIAN_BIG5),
        page.fetched_at,
        page.sha256,
    )


# --- the crawl state --------------------------------------------------------------------------------


def test_the_ledger_resumes_at_the_earliest_day_not_done_and_a_day_done_stays_done(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "cache")
    archive = "https://a.gov.hk/"
    assert state.resume_day(archive) is None
    state.record(archive, NOV_28, DayStatus.DONE)
    state.record(archive, NOV_29, DayStatus.INCOMPLETE)
    state.record(archive, NOV_30, DayStatus.EMPTY)
    state.record(archive, dt.date(2023, 12, 5), DayStatus.DONE)
    assert (state.last_day(archive), state.resume_day(archive)) == (NOV_28, NOV_29)
    assert state.done_days(archive, NOV_29, dt.date(2023, 12, 31)) == {NOV_30, dt.date(2023, 12, 5)}
    state.record(archive, NOV_29, DayStatus.DONE)
    state.record(archive, NOV_29, DayStatus.INCOMPLETE)  # a later failure does not undo a day done
    assert (state.last_day(archive), state.resume_day(archive)) == (NOV_30, dt.date(2023, 12, 1))
    assert state.status(archive, NOV_30) == DayStatus.EMPTY
    state.record(archive, dt.date(2023, 11, 20), DayStatus.INCOMPLETE)  # an earlier day, tried and not done
    assert (state.last_day(archive), state.resume_day(archive)) == (None, dt.date(2023, 11, 20))


def test_an_older_state_file_reads_as_its_last_complete_day(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "crawl-state.json").write_text('{"https://a.gov.hk/": {"last_complete_day": "2023-11-29"}}')
    state = CrawlState(tmp_path / "cache")
    assert (state.last_day("https://a.gov.hk/"), state.resume_day("https://a.gov.hk/")) == (NOV_29, NOV_30)


def test_crawl_state_keeps_the_last_complete_day_per_archive_and_never_moves_back(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "cache")
    assert state.last_day("https://a.gov.hk/") is None
    state.mark_done("https://a.gov.hk/", NOV_29)
    state.mark_done("https://a.gov.hk/", NOV_28)
    state.mark_done("https://b.gov.hk/", NOV_30)
    assert state.last_day("https://a.gov.hk/") == NOV_29
    assert CrawlState(tmp_path / "cache").last_day("https://b.gov.hk/") == NOV_30
