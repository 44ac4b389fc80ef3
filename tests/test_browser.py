"""Real-browser journeys: Playwright driving Debian's chromium (headless) against a server
started here on 127.0.0.1, over a temporary SQLite store ingested from the real corpus.

Overview → search, narrowed by a facet → a meeting, a measure clicked to its source sentence →
an anonymous visitor cannot change anything → sign in as an editor → mark the measure
implemented with evidence → see it in its history and in the tracker. The account pages: a
reader changes her password; an admin disables her (her session ends), resets her password and
enables her again. The API documentation runs offline under the site's CSP. Screenshots of the
main pages go to the test's temporary folder, and to ``$COOPTRACK_SCREENSHOTS`` when set.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from browsertools import chromium, serving, shoot
from cooptrack.serve.app import create_app
from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole
from webtools import ADMIN, EDITOR, PASSWORD, add_accounts, ingest_corpus, password_hash

READER, NEW_PASSWORD = "rita", "another long password"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Iterator[str]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.db'}") as store:
        ingest_corpus(store, corpus_dir)
        add_accounts(store)
        store.add_user(READER, AccountRole.READER, password_hash(PASSWORD))
        with serving(create_app(store)) as url:
            yield url


@pytest.fixture(scope="module")
def corpus_dir() -> Path:
    from webtools import CORPUS

    return CORPUS


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def test_a_visitor_explores_and_an_editor_records_progress(browser: object, base_url: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    _overview_and_search(page, base_url, shots)
    key = _measure_to_its_sentence(page, base_url, shots)
    _anonymous_cannot_change(page, base_url, key)
    _editor_marks_it_implemented(page, base_url, shots, key)
    context.close()


def _overview_and_search(page: Any, base_url: str, shots: Path) -> None:
    expect = playwright_api.expect
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Co-operation with Mainland partners at a glance")).to_be_visible()
    expect(page.locator("svg.heatmap")).to_be_visible()
    shoot(page, shots, "overview")
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label('Words or "a phrase"').fill("medicine")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("ol.hits > li").first).to_be_visible()
    everything = page.locator("ol.hits > li").count()
    page.locator("#f-partner").select_option("Beijing")  # the select applies itself
    page.wait_for_url("**partner=Beijing**")
    narrowed = page.locator("ol.hits > li")
    assert 0 < narrowed.count() < everything
    assert all("Beijing, 5th plenary, 2023" in narrowed.nth(i).inner_text() for i in range(narrowed.count()))
    shoot(page, shots, "search")


def _measure_to_its_sentence(page: Any, base_url: str, shots: Path) -> str:
    """Click a measure in the record, land on its sentence in the source, and back; its key."""
    page.goto(base_url + "/meetings/beijing-plenary-5")
    measure = page.locator("#rec-measure-3 a.measure-link")
    text = measure.inner_text()
    measure.click()
    page.wait_for_url("**#src-measure-3")
    target = page.locator(":target")
    assert target.get_attribute("id") == "src-measure-3"
    assert text[:40] in target.inner_text().replace("\n", " ")
    playwright_api.expect(target).to_be_in_viewport()
    shoot(page, shots, "meeting")
    page.locator("#src-measure-3 > a.tag").click()
    page.wait_for_url("**#rec-measure-3")
    href: str = page.locator("#rec-measure-3 .meta a").last.get_attribute("href")
    return href.rsplit("/", 1)[1]


def _anonymous_cannot_change(page: Any, base_url: str, key: str) -> None:
    page.goto(f"{base_url}/measures/{key}")
    playwright_api.expect(page.get_by_role("button", name="Record this status")).to_have_count(0)
    refused = page.request.post(f"{base_url}/api/measures/{key}/events", data={"status": "dropped"})
    assert refused.status == 401
    refused_form = page.request.post(f"{base_url}/measures/{key}/events", form={"status": "dropped", "csrf_token": "x"})
    assert refused_form.status in (401, 403)


def _editor_marks_it_implemented(page: Any, base_url: str, shots: Path, key: str) -> None:
    expect = playwright_api.expect
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("User name").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/measures/{key}")
    page.get_by_label("Status").select_option("implemented")
    page.get_by_label("Note").fill("Opened to the public in March (synthetic note for the test).")
    page.get_by_label("Link to the evidence").fill("https://example.org/evidence")
    page.get_by_label("official (published by a government)").check()
    page.get_by_role("button", name="Record this status").click()
    page.wait_for_url(f"**/measures/{key}#history")
    history = page.locator("#history ol.history > li").first
    expect(history).to_contain_text("Implemented")
    expect(history).to_contain_text("Opened to the public in March")
    expect(history.get_by_role("link", name="https://example.org/evidence")).to_be_visible()
    shoot(page, shots, "measure")
    page.goto(base_url + "/tracker?status=implemented")
    expect(page.locator(f'table.tracker tr[data-keys~="{key}"]')).to_have_count(1)  # its commitment's row
    shoot(page, shots, "tracker")


def test_pages_are_usable_on_a_phone(browser: object, base_url: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    for path in ("/", "/meetings/beijing-plenary-5", "/tracker"):
        page.goto(base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} scrolls sideways on a phone by {overflow}px"
    page.goto(base_url + "/meetings/beijing-plenary-5")
    shoot(page, shots, "meeting-phone")
    context.close()


def test_the_pages_work_without_javascript(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/search?q=medicine")
    page.locator("#f-partner").select_option("Beijing")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**partner=Beijing**")
    assert page.locator("ol.hits > li").count() > 0
    page.goto(base_url + "/meetings/beijing-plenary-5")
    page.locator("#rec-measure-2 a.measure-link").click()
    assert page.evaluate("location.hash") == "#src-measure-2"
    context.close()


def _sign_in(page: Any, base_url: str, name: str, password: str) -> None:
    page.goto(base_url + "/login?next=/account")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_reader_changes_her_password_and_an_admin_disables_resets_and_enables_her(
    browser: object, base_url: str, shots: Path
) -> None:
    expect = playwright_api.expect
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[attr-defined]
    _sign_in(reader, base_url, READER, PASSWORD)
    reader.wait_for_url("**/account")
    reader.get_by_label("Current password").fill(PASSWORD)
    reader.get_by_label("New password (at least 10 characters)").fill(NEW_PASSWORD)
    reader.get_by_label("New password again").fill(NEW_PASSWORD)
    reader.get_by_role("button", name="Change password").click()
    expect(reader.get_by_role("status")).to_contain_text("Your password was changed")
    shoot(reader, shots, "account")

    admin = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[attr-defined]
    _sign_in(admin, base_url, ADMIN, PASSWORD)
    admin.get_by_role("link", name="Accounts").click()
    section = admin.locator(f"#user-{READER}")
    expect(section).to_contain_text("1 open sessions")
    section.get_by_role("button", name=f"Disable {READER}").click()
    expect(admin.get_by_role("status")).to_contain_text("disabled")
    expect(admin.locator(f"#user-{READER}")).to_contain_text("disabled since")
    shoot(admin, shots, "accounts")

    reader.goto(base_url + "/account")
    reader.wait_for_url("**/login?next=%2Faccount")  # her session ended
    _sign_in(reader, base_url, READER, NEW_PASSWORD)
    expect(reader.get_by_role("alert")).to_contain_text("disabled")

    section = admin.locator(f"#user-{READER}")
    section.get_by_label(f"New password for {READER}").fill(PASSWORD)
    section.get_by_role("button", name="Reset password").click()
    expect(admin.get_by_role("status")).to_contain_text("password was reset")
    admin.locator(f"#user-{READER}").get_by_role("button", name=f"Enable {READER}").click()
    expect(admin.get_by_role("status")).to_contain_text("enabled")

    _sign_in(reader, base_url, READER, PASSWORD)
    reader.wait_for_url("**/account")
    expect(reader.get_by_text(f"Signed in as {READER}, reader")).to_be_visible()
    reader.context.close()
    admin.context.close()


def test_the_api_documentation_runs_offline_under_the_sites_csp(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(base_url) else None)
    page.goto(base_url + "/api/docs")
    playwright_api.expect(page.locator(".swagger-ui .info .title")).to_contain_text("cooptrack")
    playwright_api.expect(page.get_by_text("/api/meetings", exact=True).first).to_be_visible()
    playwright_api.expect(page.locator(".swagger-ui .authorize")).to_be_visible()  # the bearer scheme
    assert elsewhere == [], "every file from this server"
    assert not [p for p in problems if "Content Security Policy" in p], problems
    context.close()
