"""Real-browser journey of a commitment: Playwright driving Debian's chromium (headless) against a
server started here on 127.0.0.1, over a SQLite store of the synthetic Jiangxi series
(``tests/data/series``: three plenaries written here that repeat the "trade and investment fair").

The tracker shows the fair once, stated at three meetings → its page lists the three appearances →
an editor marks the first appearance implemented → every meeting page shows it implemented, the
commitment page and the tracker too, and the overview counts one implemented commitment (and
measures agreed without repeats). Screenshots go to the test's temporary folder, and to
``$COOPTRACK_SCREENSHOTS`` when set.
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
from cooptrack.views import ledger
from webtools import EDITOR, PASSWORD, add_accounts

SERIES = Path(__file__).parent / "data" / "series"
PLENARIES = ["jiangxi-plenary-1", "jiangxi-plenary-2", "jiangxi-plenary-3"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('commitments') / 'series.db'}") as store:
        for path in sorted(SERIES.glob("jiangxi_*.txt")):
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        add_accounts(store)
        with serving(create_app(store)) as url:
            yield url, store


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def test_a_repeated_measure_marked_implemented_once_is_implemented_at_every_meeting(
    browser: Any, served: tuple[str, Store], tmp_path: Path
) -> None:
    base_url, store = served
    fair = next(c for c in ledger.ledger(store).commitments if "trade and investment fair" in c.text)
    assert [a.meeting.slug for a in fair.appearances] == PLENARIES  # the series as written
    expect = playwright_api.expect
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    page.goto(base_url + "/")
    counts = page.locator("ul.cards")
    expect(counts).to_contain_text("measures agreed")
    agreed_before = _number(counts.locator("li", has_text="measures agreed").inner_text())

    page.goto(base_url + "/tracker?partner=Jiangxi")
    rows = page.locator("table.tracker tbody tr", has_text="trade and investment fair")
    expect(rows).to_have_count(1)  # one row, not one per meeting
    expect(rows).to_contain_text("stated at 3 meetings")
    shoot(page, tmp_path, "commitments-tracker")
    rows.get_by_role("link", name=re.compile("trade and investment fair")).click()
    page.wait_for_url(f"**/commitments/{fair.key}")
    expect(page.locator("ol.appearances > li")).to_have_count(3)
    expect(page.locator("ol.appearances > li").first).to_contain_text("First agreed at")
    expect(page.locator("#commitment-status")).to_contain_text("Agreed")

    page.locator("ol.appearances > li").first.get_by_role("link", name="this appearance").click()
    page.wait_for_url(f"**/measures/{fair.first.measure.key}")
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("User name").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/measures/{fair.first.measure.key}")
    page.get_by_label("Status").select_option("implemented")
    page.get_by_label("Note").fill("The fair was held in Hong Kong (synthetic note for the test).")
    page.get_by_role("button", name="Record this status").click()
    page.wait_for_url("**#history")

    for appearance in fair.appearances:  # every meeting shows it implemented
        page.goto(f"{base_url}/meetings/{appearance.meeting.slug}")
        item = page.locator(f"#rec-measure-{appearance.measure.position}")
        expect(item).to_contain_text("trade and investment fair")
        expect(item.locator(".status")).to_have_text("Implemented")
        expect(item.locator("a.commitment-link")).to_contain_text("3")
    page.goto(f"{base_url}/commitments/{fair.last.measure.key}")  # the page of any appearance
    expect(page.locator("#commitment-status")).to_contain_text("Implemented")
    expect(page.locator("#history ol.history > li")).to_contain_text("The fair was held in Hong Kong")
    shoot(page, tmp_path, "commitment")

    page.goto(base_url + "/")
    expect(page.locator("ul.statuses a[href='/tracker?status=implemented']")).to_contain_text("1")
    assert _number(page.locator("ul.cards li", has_text="measures agreed").inner_text()) == agreed_before
    assert agreed_before == len(ledger.ledger(store).commitments) < sum(len(m.measures) for m in store.all_meetings())
    page.goto(base_url + "/tracker?status=implemented")
    expect(page.locator("table.tracker tbody tr")).to_have_count(1)
    context.close()


def _number(text: str) -> int:
    found = re.search(r"\d[\d,]*", text)
    assert found, text
    return int(found.group().replace(",", ""))
