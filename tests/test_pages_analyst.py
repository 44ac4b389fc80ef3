"""The analyst's pages (issue 12 item 4), in process: people linked from a meeting, search facets
that keep their other values, labels in words, results by date and downloaded, meetings named
as a reader names them, and a release's original address linked.

The store holds the synthetic Jiangxi series written here (tests/data/series) and a synthetic
release made by ``make_release`` with a web address.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.store import Store
from webtools import client

SERIES = Path(__file__).parent / "data" / "series"
GIA = "https://www.info.gov.hk/gia/general/202405/06/P2024050600123.htm"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from conftest import _release  # the synthetic release maker of make_release

    with Store(f"sqlite:///{tmp_path_factory.mktemp('analyst') / 'a.db'}") as store:
        for path in sorted(SERIES.glob("jiangxi_*.txt")):
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        store.ingest(*_release(partner="Anhui", uri=GIA))
        yield client(store)


def _options(page: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select id="f-{name}".*?</select>', page, re.S)
    assert select is not None
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select.group(0)))


def test_a_person_named_at_a_meeting_links_to_their_page(web: TestClient) -> None:
    page = web.get("/meetings/jiangxi-plenary-1").text
    links = re.findall(r'<a class="person" href="(/people/[^"]+)">([^<]+)</a>', page)
    assert links, "no person linked"
    url, name = links[0]
    assert name.split()[-1] in web.get(url).text  # the person's page names them
    assert 'href="#src-person-1"' in page  # and the release's sentence is still one click away


def test_a_chosen_facet_keeps_its_other_values_with_their_counts(web: TestClient) -> None:
    everything = _options(web.get("/search?q=trade").text, "partner")
    assert {"Jiangxi", "Anhui"} <= everything.keys()
    chosen = _options(web.get("/search?q=trade&partner=Jiangxi").text, "partner")
    assert chosen == everything  # Anhui still offered, with the count choosing it would give


def test_facet_values_are_named_in_words(web: TestClient) -> None:
    page = web.get("/search?q=trade").text
    themes = _options(page, "theme")
    assert "trade_investment" in themes and "_" not in themes["trade_investment"]
    kinds = _options(page, "kind")
    assert kinds["measure"].startswith("Measures (")


def test_results_are_named_by_partner_meeting_and_year(web: TestClient) -> None:
    page = web.get("/search?q=trade&partner=Jiangxi").text
    labels = re.findall(r'class="meeting">([^<]+)</a>', page)
    assert "Jiangxi, 1st plenary, 2019" in labels
    assert not any(re.fullmatch(r"[a-z0-9-]+", label) for label in labels)  # no slugs


def test_results_sort_by_date_both_ways(web: TestClient) -> None:
    def years(order: str) -> list[int]:
        page = web.get(f"/search?q=trade&partner=Jiangxi&sort={order}").text
        return [int(y) for y in re.findall(r'class="meeting">Jiangxi, [^,]+, (\d{4})', page)]

    newest, oldest = years("newest"), years("oldest")
    assert newest == sorted(newest, reverse=True) and len(set(newest)) > 1
    assert oldest == sorted(oldest)


def test_a_search_is_newest_first_unless_asked_and_the_order_says_so(web: TestClient) -> None:
    page = web.get("/search?q=trade&partner=Jiangxi").text
    years = [int(y) for y in re.findall(r'class="meeting">Jiangxi, [^,]+, (\d{4})', page)]
    assert years == sorted(years, reverse=True) and len(set(years)) > 1
    chosen = re.findall(r'<option value="([^"]*)" selected>', page.split('id="f-sort"')[1].split("</select>")[0])
    assert chosen == [], "the default order (newest first) is the select's first option"
    assert '<option value="">Newest meetings first</option>' in page
    best = web.get("/search?q=trade&partner=Jiangxi&sort=relevance").text
    assert '<option value="relevance" selected>Best match first</option>' in best


def test_the_results_download_holds_what_the_page_shows(web: TestClient) -> None:
    page = web.get("/search?q=trade&partner=Jiangxi").text
    assert 'href="/download/search.csv?q=trade&amp;partner=Jiangxi"' in page
    body = web.get("/download/search.csv?q=trade&partner=Jiangxi").content.decode("utf-8-sig")
    rows: list[dict[str, Any]] = list(csv.DictReader(io.StringIO(body)))
    assert rows and {r["partner"] for r in rows} == {"Jiangxi"}
    assert len(rows) == len(re.findall(r'class="meeting">', page))
    assert web.get("/download/search.json").json() == {"data": []}  # no query, nothing


def test_the_meeting_page_links_the_release_to_its_original_address(web: TestClient) -> None:
    page = web.get("/meetings/anhui-plenary-3").text
    assert f'<a class="original" href="{GIA}" rel="external noopener noreferrer">' in page
    local = web.get("/meetings/jiangxi-plenary-1").text
    assert 'class="original"' not in local  # a file on disk is no link


def test_the_meetings_page_is_not_titled_mechanisms(web: TestClient) -> None:
    assert "<h1>Meetings</h1>" in web.get("/meetings").text


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("Chan", "Chan Kwok-ki", "Hu Wenming"),  # a surname alone
        ("kwok", "Chan Kwok-ki", "Hu Wenming"),  # a part of a given name, in lower case
        ("Chief Secretary", "Matthew Cheung Kin-chung", "Hu Wenming"),  # a post held
        ("secretary chief", "Matthew Cheung Kin-chung", "Hu Wenming"),  # its words in any order
        ("Vice Governor", "Hu Wenming", "Chan Kwok-ki"),  # a post as the releases write it
    ],
)
def test_people_are_found_by_any_part_of_a_name_or_a_post(
    web: TestClient, query: str, found: str, not_found: str
) -> None:
    page = web.get("/people", params={"q": query}).text
    assert found in page
    assert not_found not in page


def test_a_people_search_that_fits_nobody_lists_nobody(web: TestClient) -> None:
    page = web.get("/people", params={"q": "Chief Astronaut"}).text
    assert "Chan Kwok-ki" not in page and "Hu Wenming" not in page


def test_the_search_page_offers_facets_before_any_query(web: TestClient) -> None:
    page = web.get("/search").text
    assert {"Jiangxi", "Anhui"} <= _options(page, "partner").keys()
    assert '<ol class="hits">' not in page  # nothing listed until something is chosen


def test_browsing_by_a_facet_without_a_query_lists_what_fits_newest_first(web: TestClient) -> None:
    page = web.get("/search?partner=Jiangxi&kind=measure").text
    labels = re.findall(r'class="meeting">([^<]+)</a>', page)
    assert labels and all(label.startswith("Jiangxi, ") for label in labels)
    years = [int(label.rsplit(", ", 1)[1].rstrip("?")) for label in labels]
    assert years == sorted(years, reverse=True)
    assert _options(page, "partner").keys() >= {"Jiangxi", "Anhui"}  # the other partner still offered
    body = web.get("/download/search.csv?partner=Jiangxi&kind=measure").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["kind"] for r in rows} == {"measure"} and {r["partner"] for r in rows} == {"Jiangxi"}


def test_a_date_without_its_year_says_so_in_the_same_words_on_every_page(web: TestClient) -> None:
    """The Jiangxi 2nd plenary's release gives a day and month only; its year comes from officials' terms."""
    said = re.compile(r"[A-Z][a-z]+ \d{1,2} — year not stated; \d{4}(?:–\d{4})? from officials&#39; terms")
    meeting = web.get("/meetings/jiangxi-plenary-2").text
    found = said.search(meeting)
    assert found is not None
    for path in ("/mechanisms/jiangxi", "/meetings"):
        assert found.group(0) in web.get(path).text, path
    assert "(2021?)" not in meeting and "(year?)" not in meeting


def test_a_persons_meetings_are_named_as_a_reader_names_them(web: TestClient) -> None:
    page = web.get("/meetings/jiangxi-plenary-1").text
    url = re.findall(r'<a class="person" href="(/people/[^"]+)">', page)[0]
    person = web.get(url).text
    assert '<a href="/meetings/jiangxi-plenary-1">Jiangxi, 1st plenary, 2019</a>' in person


def test_each_heatmap_cell_counts_the_tracker_rows_it_opens(web: TestClient) -> None:
    cell = r'<a href="(/tracker\?[^"]+)"><title>[^<]*?: (\d+) (?:measures?|commitments?)'
    cells = re.findall(cell, web.get("/").text)
    assert cells
    for link, n in cells:
        tracker = web.get(link.replace("&amp;", "&")).text
        assert tracker.count("<tr data-commitment=") == int(n), link


def test_the_timeline_names_rows_by_partner_and_its_labels_never_collide() -> None:
    """Ten meetings of one mechanism a year apart, some in the same year: no two ordinals overlap."""
    import datetime as dt
    from types import SimpleNamespace

    from cooptrack.knowledge.series import TimelineEntry
    from cooptrack.serve.charts import timeline

    def meeting(n: int, year: int, kind: str) -> SimpleNamespace:
        return SimpleNamespace(
            slug=f"guangdong-{n}", ordinal=n, kind=kind, partner="Guangdong", date=dt.date(year, 1, 1)
        )

    name = "Hong Kong/Guangdong Co-operation Joint Conference"
    kinds = {n: "plenary" if n % 4 else "working_meeting" for n in range(1, 13)}
    entries = [TimelineEntry(name, meeting(n, 2010 + n // 3, kinds[n]), (2010 + n // 3,) * 2) for n in kinds]
    svg = str(timeline(entries))
    assert ">Guangdong</text>" in svg and "plenary or high-level meeting" in svg and 'class="working"' in svg
    labels = [
        (float(x), float(y), t)
        for x, y, t in re.findall(r'<text class="ord" x="([\d.]+)" y="([\d.]+)">(\d+)</text>', svg)
    ]
    assert len(labels) >= 8
    for i, (x1, y1, t1) in enumerate(labels):
        for x2, y2, t2 in labels[i + 1 :]:
            if y1 == y2:
                assert abs(x1 - x2) >= 3.5 * (len(t1) + len(t2)), (t1, t2)


@pytest.fixture
def jiangxi(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'j.db'}") as store:
        for path in sorted(SERIES.glob("jiangxi_*.txt")):
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        yield store


def test_the_mechanism_page_says_rewordings_in_words_not_scores(jiangxi: Store) -> None:
    page = client(jiangxi).get("/mechanisms/jiangxi").text
    assert "threshold" not in page and "% alike" not in page
    assert 'From <a href="/meetings/jiangxi-plenary-1">Jiangxi, 1st plenary, 2019</a>' in page
    assert "(same words)" in page and "(reworded)" in page
    changed = re.findall(r'<p class="wording">Words changed: (.*?)</p>', page)
    assert changed and all("<del>" in c or "<ins>" in c for c in changed)
    assert "(similar heading; 1 measure carried over)" in page


def test_the_mechanism_chart_counts_each_meetings_measures_by_status(jiangxi: Store) -> None:
    from cooptrack.vocab import TrackingStatus

    web = client(jiangxi)
    first = jiangxi.meeting("jiangxi-plenary-1")
    jiangxi.record_event(first.measures[1].key, TrackingStatus.IMPLEMENTED, by="test")
    page = web.get("/mechanisms/jiangxi").text
    chart = re.search(r'<svg[^>]*class="chart meetings".*?</svg>', page, re.S)
    assert chart is not None
    totals = [int(n) for n in re.findall(r'<text class="n"[^>]*>(\d+)</text>', chart.group(0))]
    assert totals == [len(jiangxi.meeting(f"jiangxi-plenary-{n}").measures) for n in (1, 2, 3)]
    said = re.search(r'<desc id="mc-desc">(.*?)</desc>', chart.group(0))
    assert said is not None and said.group(1).startswith(f"1st plenary, 2019: {totals[0]} (")
    assert "1 implemented" in said.group(1).split(";")[0]
    assert chart.group(0).count('fill="#22c55e"') >= 2  # the legend's and the first meeting's implemented


def test_the_command_line_finds_people_by_any_part_of_a_name_or_a_post(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cooptrack.cli import app

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SERIES / "jiangxi_1st_plenary_2019.txt"), "--db", db]).exit_code == 0
    found = runner.invoke(app, ["people", "secretary chief", "--db", db, "--format", "json"])
    assert found.exit_code == 0, found.stderr
    names = [p["name"] for p in json.loads(found.stdout)]
    assert "Matthew Cheung Kin-chung" in names and "Hu Wenming" not in names
