"""The Chinese journey in a real browser (issue 11): Playwright driving Debian's chromium (headless,
``/usr/bin/chromium``, never a browser download) against a server started here on 127.0.0.1.

A visitor switches the interface to Traditional Chinese, searches 粵港 in Traditional characters and
finds the Simplified report of a meeting, opens that meeting and reads its English release and its
Chinese report side by side, the hit's item marked in the Chinese text; the choice is remembered by
this browser and by no other. The store holds the synthetic pairs of ``tests/data/series``
(``guangdong_pair``: an English release and its Simplified twin; ``sichuan_pair``). Screenshots of
the Chinese interface go to the test's temporary folder, and to ``$COOPTRACK_SCREENSHOTS`` when set
(``docs/screenshots`` holds a set; with Debian's fonts-noto-cjk they show real characters).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browsertools import chromium, serving, shoot
from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.serve.app import create_app
from cooptrack.store import Store

SERIES = Path(__file__).parent / "data" / "series"
FILES = [
    "guangdong_pair/guangdong_21st_plenary_2019_en.txt", "guangdong_pair/guangdong_21st_plenary_2019_zh_simp.txt",
    "sichuan_pair/sichuan_hlm_3rd_2023_en.txt", "sichuan_pair/sichuan_hlm_3rd_2023_zh_trad.txt",
    "sichuan_pair/sichuan_hlm_3rd_2023_zh_mainland_simp.txt",
]  # fmt: skip

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('zh') / 'zh.db'}") as store:
        for name in FILES:  # each English release first: it is its meeting's source 1
            doc = read_path(SERIES / name)
            store.ingest(doc, parse_document(doc))
        with serving(create_app(store)) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_in_chinese_a_search_in_one_script_finds_the_other_and_the_texts_side_by_side(
    browser: Any, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="繁體中文").click()  # the header's switch
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.get_by_role("heading", level=1).inner_text() == "與內地合作一覽"
    shoot(page, tmp_path, "zh-overview")

    page.get_by_role("link", name="搜尋", exact=True).click()
    page.get_by_label("字詞或").fill("粵港")  # Traditional characters ...
    page.get_by_role("button", name="搜尋", exact=True).click()
    page.wait_for_load_state()
    hits = page.locator("ol.hits > li")
    assert hits.count() >= 1
    marks = {m.inner_text() for m in page.locator("ol.hits mark").all()}
    assert marks == {"粤港"}  # ... find the Simplified report
    assert "來源 2" in hits.first.inner_text()  # the meeting's second source, in Chinese
    shoot(page, tmp_path, "zh-search")

    hits.first.locator("a").first.click()
    page.wait_for_load_state()
    assert "/meetings/guangdong-plenary-21#src2-agreement-1" in page.url
    texts = page.locator(".texts > .text")
    assert texts.count() == 2
    first, second = texts.nth(0).bounding_box(), texts.nth(1).bounding_box()
    assert first and second and first["y"] == second["y"] and first["x"] < second["x"]  # side by side
    assert "Hong Kong/Guangdong Co-operation Joint Conference" in texts.nth(0).inner_text()
    assert texts.nth(1).get_attribute("lang") == "zh"
    target = page.locator("#src2-agreement-1")
    assert target.is_visible() and "粤港合作联席会议第二十一次会议备忘录" in target.inner_text()
    assert page.get_by_role("heading", name="紀錄").is_visible() and "2019年11月12日" in page.inner_text(".facts")
    shoot(page, tmp_path, "zh-meeting")

    page.goto(base_url + "/meetings/sichuan-hlm-plenary-3")  # three sources, and where they differ
    assert page.locator(".texts > .text").count() == 3 and page.get_by_text("各來源的分歧").is_visible()
    shoot(page, tmp_path, "zh-meeting-sources")

    other = browser.new_context()  # the choice is this browser's only
    elsewhere = other.new_page()
    elsewhere.goto(base_url + "/")
    assert elsewhere.locator("html").get_attribute("lang") == "en"
    other.close()
    page.goto(base_url + "/tracker")  # and it is remembered here
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en" and page.url.endswith("/tracker")
    context.close()
