"""The briefing journey in a real browser (issue 12, done when): Playwright driving Debian's
chromium (``/usr/bin/chromium``, never a browser download) against a server started here on
127.0.0.1, over a store of the SYNTHETIC Fujian-like series ``tests/data/partly_read`` (three
plenaries, the Fifth a copy cut after "the following ten areas:").

The mechanism's page marks the Fifth plenary read partly and compares around it; from it, open
the briefing on screen: it says the Fifth plenary cannot be
compared, and calls nothing dropped because of it; a note leads to the sentence on the meeting's
page; download the Word briefing and read its text back with python-docx. Screenshots go to the
test's temporary folder, and to ``$COOPTRACK_SCREENSHOTS`` when set.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import playwright.sync_api as playwright_api
import pytest

from browsertools import chromium, serving, shoot
from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.serve.app import create_app
from cooptrack.store import Store

PARTLY = Path(__file__).parent / "data" / "partly_read"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('brief') / 'brief.db'}") as store:
        for path in sorted(PARTLY.glob("*.txt")):  # the releases (not the folder's README)
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        with serving(create_app(store)) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_the_briefing_says_cannot_compare_and_downloads_as_word(browser: Any, base_url: str, tmp_path: Path) -> None:
    expect = playwright_api.expect
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + "/mechanisms/hong-kong-fujian-co-operation-conference")
    expect(page.locator("section.change")).to_contain_text("its measures cannot be compared")
    expect(page.get_by_text("read partly: read with 0 of 10 areas")).to_be_visible()
    shoot(page, tmp_path, "mechanism-partly-read")
    page.get_by_role("link", name="on screen").click()
    expect(page.get_by_role("heading", name="Briefing: Hong Kong/Fujian Co-operation Conference")).to_be_visible()
    changes = page.locator("ul.changes")
    expect(changes).to_contain_text("The Fifth plenary's release was read with 0 of 10 areas")
    expect(changes).to_contain_text("its measures cannot be compared; it is left out of the comparison")
    assert "Not repeated" not in changes.inner_text()
    expect(page.locator("article.briefing table").first).to_contain_text("Read partly: read with 0 of 10 areas")
    shoot(page, tmp_path, "briefing")
    page.get_by_role("heading", name="3. What changed since fujian-plenary-4").scroll_into_view_if_needed()
    shoot(page, tmp_path, "briefing-changes")
    page.emulate_media(media="print")  # on paper: the briefing alone, without the site's header
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("article.briefing")).to_be_visible()
    page.emulate_media(media="screen")

    note = page.locator("ol.measures a.cite").first  # a note leads to the sentence on the meeting's page
    href = note.get_attribute("href")
    assert href == "/meetings/fujian-plenary-6#src-measure-1"
    note.click()
    expect(page.locator("#src-measure-1")).to_be_visible()
    expect(page.locator("#src-measure-1")).to_contain_text("Hold a Fujian-Hong Kong trade and investment fair")
    page.go_back()

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Word", exact=True).click()
    download = waiting.value
    assert download.suggested_filename == "fujian-brief.docx"
    saved = tmp_path / "fujian-brief.docx"
    download.save_as(str(saved))
    text = [p.text for p in docx.Document(str(saved)).paragraphs]
    assert text[0] == "Briefing: Hong Kong/Fujian Co-operation Conference"
    assert any(p.startswith("The Fifth plenary's release was read with 0 of 10 areas") for p in text)
    assert any(p.startswith("6. Set up a Fujian-Hong Kong youth innovation base") for p in text)
    assert not any(p.startswith("Not repeated") for p in text)
    assert any(p.endswith(f"{base_url}/meetings/fujian-plenary-6#src-measure-1") for p in text)  # notes link here
    context.close()
