"""Chinese on every surface (issue 11, item 5), in process.

The interface in English by default, switched to Traditional Chinese by the header's form and
remembered per browser (the ``ct_lang`` cookie): labels, dates and numbers in Chinese, document
text as written; every message of the templates and label tables has its translation; pages,
CSV (with a byte order mark, for spreadsheets), JSON and the Atom feed carry Chinese as written.
The store holds the synthetic pair of ``tests/data/series/sichuan_pair`` and a synthetic Chinese
Guangdong plenary written here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from jinja2 import Environment

from cooptrack import render, vocab
from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.serve import i18n, pages
from cooptrack.store import ItemKind, Store
from cooptrack.views import sources
from webtools import client, csrf_of

PAIR = Path(__file__).parent / "data" / "series" / "sichuan_pair"
TEMPLATES = Path(pages.__file__).parent / "templates"
MEASURE = "推动粤港澳大湾区金融市场互联互通,支持香港发展绿色金融。"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from conftest import _release

    with Store(f"sqlite:///{tmp_path_factory.mktemp('zh') / 'zh.db'}") as s:
        for name in (
            "sichuan_hlm_3rd_2023_en.txt",
            "sichuan_hlm_3rd_2023_zh_trad.txt",
            "sichuan_hlm_3rd_2023_zh_mainland_simp.txt",
        ):
            doc = read_path(PAIR / name)
            s.ingest(doc, parse_document(doc))
        areas = [("金融合作", ["finance"], [(MEASURE, ["finance"])])]
        doc, record = _release(partner="Guangdong", ordinal=21, year=2019, areas=areas)
        title = "粤港合作联席会议第二十一次会议"
        s.ingest(doc, record.model_copy(update={"language": "zh", "script": "simplified", "title": title}))
        yield s


@pytest.fixture
def web(store: Store) -> TestClient:
    return client(store)


def _switch(web: TestClient, language: str, page: str = "/search?q=%E7%B2%B5%E6%B8%AF") -> str:
    token = csrf_of(web.get(page).text)
    answer = web.post("/language", data={"language": language, "next": page, "csrf_token": token})
    assert answer.status_code == 303
    return answer.headers["location"]


# --- the switch ---------------------------------------------------------------------------------


def test_english_is_the_default(web: TestClient) -> None:
    page = web.get("/").text
    assert '<html lang="en">' in page and ">Overview</a>" in page and "at a glance" in page
    assert 'value="zh-Hant"' in page and "繁體中文" in page  # the switch offers the other language


def test_the_switch_remembers_chinese_for_this_browser_and_goes_back(web: TestClient) -> None:
    assert _switch(web, "zh-Hant") == "/search?q=%E7%B2%B5%E6%B8%AF"
    assert web.cookies.get(i18n.COOKIE) == "zh-Hant"
    page = web.get("/").text
    assert '<html lang="zh-Hant">' in page
    assert ">概覽</a>" in page and ">搜尋</a>" in page and "與內地合作一覽" in page
    assert 'value="en"' in page and ">English</button>" in page
    assert _switch(web, "en", "/") == "/"
    assert '<html lang="en">' in web.get("/").text


def test_another_browser_is_not_switched(web: TestClient, store: Store) -> None:
    _switch(web, "zh-Hant")
    assert '<html lang="en">' in client(store).get("/").text


def test_a_bad_switch_is_refused_and_never_leaves_the_site(web: TestClient) -> None:
    token = csrf_of(web.get("/").text)
    assert web.post("/language", data={"language": "xx", "next": "/", "csrf_token": token}).status_code == 422
    assert web.post("/language", data={"language": "zh-Hant", "next": "/", "csrf_token": "forged"}).status_code == 403
    away = web.post("/language", data={"language": "zh-Hant", "next": "//evil.example/", "csrf_token": token})
    assert away.status_code == 303 and away.headers["location"] == "/"


def test_an_unknown_cookie_value_is_english(store: Store) -> None:
    c = client(store)
    c.cookies.set(i18n.COOKIE, "klingon")
    assert '<html lang="en">' in c.get("/").text


# --- labels, dates, numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/mechanisms", "/meetings", "/search?q=粵港", "/search?q=nothing-at-all", "/people", "/agreements",
     "/tracker", "/downloads", "/compare?left=Sichuan&right=Guangdong", "/login", "/meetings/sichuan-hlm-plenary-3",
     "/meetings/guangdong-plenary-21", "/meetings/no-such-meeting"],
)  # fmt: skip
def test_every_page_renders_in_chinese(web: TestClient, path: str) -> None:
    web.cookies.set(i18n.COOKIE, "zh-Hant")
    answer = web.get(path)
    assert answer.status_code == (404 if "no-such" in path else 200)
    main = answer.text.split("<main", 1)[1]
    assert re.search(r"[\u4e00-\u9fff]", main)
    for english in (
        "Nothing found",
        "Narrow by",
        "The record",
        "Register of agreements",
        "Back to the overview",
        "in all",
    ):
        assert english not in main


def test_dates_numbers_and_labels_follow_the_language(web: TestClient) -> None:
    web.cookies.set(i18n.COOKIE, "zh-Hant")
    page = web.get("/meetings/sichuan-hlm-plenary-3").text
    assert "2023年11月20日" in page and "2023-11-20</dd>" not in page
    assert ">紀錄</h2>" in page and "各來源的分歧" in page and "共同主持" in page
    assert "川港高層會晤暨川港合作會議第三次會議" in page  # document text as written, never translated
    assert "高層會晤暨全體會議" in page  # the kind of meeting
    with i18n.speaking("zh-Hant"):
        assert (i18n.number(12345), i18n.day("2019-11-12")) == ("12,345", "2019年11月12日")
        assert i18n.day("date not stated") == "未有日期"
        assert i18n.ngettext("{n} meeting", "{n} meetings", 3) == "{n} 次會議"
    with i18n.speaking("en"):
        assert (i18n.number(12345), i18n.day("2019-11-12"), i18n.gettext("Search")) == (
            "12,345",
            "2019-11-12",
            "Search",
        )


def test_a_search_in_one_script_finds_the_other_and_links_to_its_source(web: TestClient) -> None:
    web.cookies.set(i18n.COOKIE, "zh-Hant")
    page = web.get("/search", params={"q": "粵港"}).text
    assert "<mark>粤港</mark>" in page and "guangdong-plenary-21" in page
    page = web.get("/search", params={"q": "四川企业"}).text  # in the Traditional release, its meeting's source 2
    assert "<mark>四川企業</mark>" in page and 'href="/meetings/sichuan-hlm-plenary-3#src2-measure-1"' in page


# --- every message has its translation ---------------------------------------------------------------


def _template_messages() -> set[str]:
    env = Environment(extensions=["jinja2.ext.i18n"])
    found: set[str] = set()
    for path in TEMPLATES.glob("*.html"):
        for _line, _function, message in env.extract_translations(path.read_text(encoding="utf-8"), ("_", "ngettext")):
            found |= {m for m in (message if isinstance(message, tuple) else (message,)) if isinstance(m, str)}
    return found


def _label_messages() -> set[str]:
    """What templates pass to ``_`` from Python: navigation, vocabularies, the sources' facts."""
    found = {label for _href, label in pages.NAV} | set(vocab.THEME_LABELS.values())
    found |= {t.value.replace("_", " ") for t in vocab.Theme} | set(vocab.TRACKING_STATUS_LABELS.values())
    found |= set(vocab.SIDE_LABELS.values()) | {s.value for s in vocab.Side} | set(render._KINDS.values())
    found |= {k.value for k in ItemKind} | {k.value.replace("_", " ") for k in vocab.MeetingKind}
    found |= {k.value.replace("_", " ") for k in vocab.AgreementKind} | {k.value for k in vocab.EvidenceKind}
    found |= {r.value.replace("_", " ") for r in vocab.Role} | set(vocab.FLAG_EXPLANATIONS.values())
    facts = re.findall(r'\("([A-Z][a-z-]+(?: [a-z]+)*)", _\w+\)', Path(sources.__file__).read_text(encoding="utf-8"))
    found |= {"Meetings of each mechanism over the years", "{n} measure"}  # the charts' (serve/charts.py)
    return found | set(facts) | {"reader", "editor", "admin", "traditional", "simplified", "none stated", "not stated"}


def test_every_message_has_its_traditional_chinese() -> None:
    catalogue = i18n.catalogue("zh-Hant")
    wanted = _template_messages() | _label_messages()
    plurals = {"{n} meetings", "{n} measures"}  # the plural form of an entry keyed by its singular
    assert sorted(wanted - set(catalogue) - plurals) == []
    for key, text in catalogue.items():
        for form in (text,) if isinstance(text, str) else text:
            assert set(re.findall(r"\{\w+\}", key)) == set(re.findall(r"\{\w+\}", form)), key
            assert re.search(r"[\u4e00-\u9fff]", form) or form.isascii(), key


# --- Chinese on every surface ---------------------------------------------------------------------


def test_csv_json_and_atom_carry_chinese_as_written(web: TestClient) -> None:
    answer = web.get("/download/measures.csv")
    assert answer.content.startswith("\ufeff".encode())  # a byte order mark: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert MEASURE in {row["text"] for row in rows}
    answer = web.get("/download/measures.json")
    assert MEASURE.encode("utf-8") in answer.content  # not \\u escapes
    assert MEASURE in {row["text"] for row in json.loads(answer.content)["data"]}
    feed = ET.fromstring(web.get("/feed.atom").content)
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("粤港合作联席会议" in t for t in titles)


def test_the_cli_export_writes_csv_that_spreadsheets_read_as_utf8(store: Store, tmp_path: Path) -> None:
    from cooptrack.store.export import export_csv

    export_csv(store, tmp_path)
    raw = (tmp_path / "measures.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and MEASURE.encode("utf-8") in raw
