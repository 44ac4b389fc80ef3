"""Real-browser journeys through the analyst's pages (issue 12 item 4): Playwright driving Debian's
chromium (headless) against a server started here on 127.0.0.1, over a temporary SQLite store of
the real corpus (read in place) and the synthetic Jiangxi series written here.

Search, choose a partner, then switch to another partner directly (its value still offered, with
its count); open a meeting and click a person's name to their page; an editor writes down the
bureau responsible for a measure and the day it was checked, and finds them in the tracker. Screenshots of the pages go
to the test's temporary folder, and to ``$COOPTRACK_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from browsertools import chromium, serving, shoot
from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.serve.app import create_app
from cooptrack.store import Store
from webtools import CORPUS, EDITOR, PASSWORD, add_accounts, ingest_corpus

SERIES = Path(__file__).parent / "data" / "series"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('pages') / 'pages.db'}") as store:
        ingest_corpus(store, CORPUS)
        for path in sorted(SERIES.glob("jiangxi_*.txt")):
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        add_accounts(store)
        with serving(create_app(store)) as url:
            yield url


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def _partners(page: Any) -> dict[str, int]:
    """The partner facet's values and counts, as offered."""
    texts = page.locator("#f-partner option").all_inner_texts()
    return {m[1]: int(m[2]) for t in texts if (m := re.fullmatch(r"(.+) \((\d+)\)", t.strip()))}


def test_switch_a_facet_directly_from_one_partner_to_another(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/search?q=trade")
    offered = _partners(page)
    assert {"Jiangxi", "Sichuan"} <= offered.keys()
    page.locator("#f-partner").select_option("Jiangxi")  # the select applies itself
    page.wait_for_url("**partner=Jiangxi**")
    hits = page.locator("ol.hits > li")
    assert hits.count() == min(offered["Jiangxi"], 20)
    assert all(hits.nth(i).locator("a.meeting").inner_text().startswith("Jiangxi, ") for i in range(hits.count()))
    assert _partners(page) == offered  # Sichuan is still there, with its count
    shoot(page, shots, "search-facets")
    page.locator("#f-partner").select_option("Sichuan")  # straight to another partner, no reset
    page.wait_for_url("**partner=Sichuan**")
    hits = page.locator("ol.hits > li")
    assert hits.count() == min(offered["Sichuan"], 20)
    assert all(hits.nth(i).locator("a.meeting").inner_text().startswith("Sichuan, ") for i in range(hits.count()))


def test_click_a_person_from_a_meeting(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/meetings/jiangxi-plenary-1")
    person = page.locator("#rec-person-1 a.person")
    name = person.inner_text()
    shoot(page, shots, "meeting-people")
    person.click()
    page.wait_for_url("**/people/**")
    surname_and_given = name.removeprefix("Mr ").removeprefix("Ms ").removeprefix("Mrs ").removeprefix("Dr ")
    playwright_api.expect(page.locator("h1")).to_contain_text(surname_and_given.split()[0])
    playwright_api.expect(page.get_by_role("link", name=re.compile("jiangxi", re.I)).first).to_be_visible()
    shoot(page, shots, "person")


def test_an_editor_writes_the_bureau_and_the_check_and_the_tracker_shows_them(
    page: Any, base_url: str, shots: Path
) -> None:
    expect = playwright_api.expect
    page.goto(base_url + "/tracker?partner=Jiangxi&sort=newest")
    fair = page.locator("table.tracker tr", has_text="trade and investment fair")
    expect(fair).to_have_count(1)
    fair.get_by_role("link").first.click()
    page.wait_for_url("**/commitments/**")
    page.goto(page.url.replace("/commitments/", "/measures/"))
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("User name").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/measures/**")
    page.get_by_label("Bureau responsible").fill("Commerce and Economic Development Bureau")
    page.get_by_label("Progress checked on").fill("2026-11-30")
    page.get_by_role("button", name="Write these down").click()
    page.wait_for_url("**#notes")
    expect(page.locator("#notes")).to_contain_text("Commerce and Economic Development Bureau")
    page.goto(base_url + "/tracker?partner=Jiangxi&sort=bureau")  # the rows with a bureau first
    row = page.locator("table.tracker tr", has_text="trade and investment fair")
    expect(row).to_contain_text("Commerce and Economic Development Bureau")
    expect(row).to_contain_text("2026-11-30")
    shoot(page, shots, "tracker-fields")
