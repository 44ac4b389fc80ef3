"""One meeting in two languages (issue 11, item 3): the English and Chinese releases of one meeting
and the partner side's own report ingest into one meeting with three sources; each person is one
person under both names; the meeting's page shows the texts side by side, each item of the record
linking to the same item in the other sources, and shows where the sources differ (who co-chaired),
each source's statement with its span, never a silent pick. In process, then once in Debian's
chromium (Playwright).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from browsertools import chromium, serving
from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.serve.app import create_app
from cooptrack.store import Store
from cooptrack.views import queries
from webtools import client

PAIR = Path(__file__).parent / "data" / "series" / "sichuan_pair"
FILES = ["sichuan_hlm_3rd_2023_en.txt", "sichuan_hlm_3rd_2023_zh_trad.txt", "sichuan_hlm_3rd_2023_zh_mainland_simp.txt"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('pair') / 'pair.db'}") as s:
        for name in FILES:  # the English release first: it is the record's source
            doc = read_path(PAIR / name)
            s.ingest(doc, parse_document(doc))
        yield s


@pytest.fixture(scope="module")
def web(store: Store) -> TestClient:
    return client(store)


def _slug(store: Store) -> str:
    [listed] = store.meetings()
    return listed.meeting.slug


def test_the_three_reports_are_one_meeting_with_three_sources(store: Store) -> None:
    [listed] = store.meetings()
    m = store.meeting(listed.meeting.slug)
    assert (m.kind, m.ordinal, m.partner) == ("high_level_meeting_cum_plenary", 3, "Sichuan")
    assert len(m.reports) == 3
    assert next(r for r in m.reports if r.is_primary).source.uri.endswith("_en.txt")


@pytest.mark.parametrize(
    ("query", "name", "chinese"),
    [("李家超", "John Lee Ka-chiu", {"李家超"}), ("John Lee", "John Lee Ka-chiu", {"李家超"}),
     ("王曉暉", "Wang Xiaohui", {"王曉暉", "王晓晖"}), ("Huang Qiang", "Huang Qiang", {"黃強", "黄强"}),
     ("周明远", "Zhou Mingyuan", {"周明遠", "周明远"})],
)  # fmt: skip
def test_each_person_is_one_person_under_both_names(store: Store, query: str, name: str, chinese: set[str]) -> None:
    p = queries.person(store, query)
    assert p.name == name and p.name_zh in chinese
    written = {a.name for a in p.appearances}
    assert chinese <= written | {p.name_zh}
    assert any(not re.search(r"[\u4e00-\u9fff]", n) for n in written)


def test_the_person_page_shows_both_names(web: TestClient, store: Store) -> None:
    p = queries.person(store, "Wang Xiaohui")
    page = web.get(f"/people/{p.id}").text
    assert "Wang Xiaohui" in page and p.name_zh is not None and p.name_zh in page
    assert "pinyin of the Chinese name" in page


def test_the_meeting_page_shows_the_texts_side_by_side_with_links_to_both(web: TestClient, store: Store) -> None:
    page = web.get(f"/meetings/{_slug(store)}").text
    for anchor in ("src-text", "src2-text", "src3-text"):
        assert f'id="{anchor}"' in page
    assert "川港高層會晤暨川港合作會議第三次會議" in page and "川港高层会晤暨川港合作会议第三次会议" in page
    # John Lee (person 1 of the record) links to 李家超 in the Chinese release and in the Mainland report
    record_line = re.search(r'<li id="rec-person-1">.*?</li>', page, re.S)
    assert record_line is not None
    assert 'href="#src2-person-1"' in record_line.group(0) and 'href="#src3-person-2"' in record_line.group(0)
    assert 'id="src2-person-1"' in page and 'id="src3-person-2"' in page
    assert 'href="#src2-agreement-1"' in page  # items alike in number are linked in order


def test_where_the_sources_differ_each_statement_is_shown_with_its_span(web: TestClient, store: Store) -> None:
    body = web.get(f"/api/meetings/{_slug(store)}").json()["data"]
    [chairs] = [d for d in body["differences"] if d["fact"] == "Co-chairs"]
    says = {s["n"]: s["says"] for s in chairs["statements"]}
    assert says == {1: "John Lee; Wang Xiaohui", 2: "李家超; 王曉暉", 3: "黄强"}
    for statement in chairs["statements"]:
        assert all(len(link["span"]) == 2 for link in statement["links"])
    assert [d["fact"] for d in body["differences"]] == ["Co-chairs"]  # a date not stated is no disagreement
    assert [s["language"] for s in body["sources"]] == ["en", "zh", "zh"]
    page = web.get(f"/meetings/{_slug(store)}").text
    assert "Where the sources differ" in page and 'href="#src3-person-3"' in page


@pytest.mark.slow
def test_in_a_browser_an_item_leads_to_its_place_in_each_source(store: Store) -> None:
    with serving(create_app(store)) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{base}/meetings/{_slug(store)}")
        texts = page.locator(".texts > .text")
        assert texts.count() == 3
        boxes = [texts.nth(i).bounding_box() for i in range(2)]
        assert boxes[0] and boxes[1] and boxes[0]["y"] == boxes[1]["y"]  # side by side, not stacked
        page.locator("#rec-person-1 a.also").first.click()
        assert page.url.endswith("#src2-person-1")
        assert page.locator("#src2-person-1").inner_text().endswith("李家超")
        page.locator('.differences a[href="#src3-person-3"]').click()
        assert page.locator("#src3-person-3").is_visible()
