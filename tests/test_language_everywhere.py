"""No English left in the Chinese interface (issue 11, item 5), and the briefing in Chinese.

The store holds the SYNTHETIC series of ``tests/data/series`` and ``tests/data/partly_read`` (written
here). Each main page is rendered with the interface in Traditional Chinese (the ``ct_lang`` cookie)
and read as HTML: a run of three or more English words is a finding unless it is document text —
inside an element marked with another language (``lang="en"``, ``lang="zh"``), in a script or style,
or words the releases themselves (or the officials' table, or the mechanisms' list) write. The
briefing on screen, as HTML and as Word, has Chinese headings when asked.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.serve import i18n
from cooptrack.store import Store
from cooptrack.views import brief
from webtools import client

DATA = Path(__file__).parent / "data"
FILES = sorted((DATA / "series").rglob("*.txt")) + sorted((DATA / "partly_read").glob("*.txt"))
PACKAGE = Path(brief.__file__).parents[1]
RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){2,}")  # three English words or more
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP = {"script", "style", "code", "pre"}
_SAID = ("title", "placeholder", "aria-label", "alt")  # attributes a user reads (or hears)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('zh') / 'zh.db'}") as s:
        for path in FILES:
            doc = read_path(path)
            s.ingest(doc, parse_document(doc))
        yield s


@pytest.fixture(scope="module")
def documents() -> str:
    """Every word the documents write (the releases, the officials' table, the mechanisms' list)."""
    texts = [p.read_text(encoding="utf-8") for p in FILES]
    texts.append((PACKAGE / "knowledge" / "data" / "officials.csv").read_text(encoding="utf-8").replace(",", " , "))
    texts.append((PACKAGE / "data" / "mechanisms.toml").read_text(encoding="utf-8"))
    return " ".join(re.sub(r"\s+", " ", t) for t in texts)


@pytest.fixture
def web(store: Store) -> TestClient:
    c = client(store)
    c.cookies.set(i18n.COOKIE, "zh-Hant")
    return c


class _English(HTMLParser):
    """Runs of English words in what a reader of the page sees, outside document text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, inside document text)
        self.runs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        inside = bool(self.stack and self.stack[-1][1])
        document = inside or tag in _SKIP or a.get("lang") not in (None, "zh-Hant")
        if not document:
            self.runs += [m.group(0) for k in _SAID for m in RUN.finditer(a.get(k) or "")]
        if tag not in _VOID:
            self.stack.append((tag, document))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1][1]):
            self.runs += [m.group(0) for m in RUN.finditer(data)]


def _written(run: str, documents: str) -> bool:
    """Document text: the run as the documents write it, or a list of such (names joined by "; ")."""
    parts = [p.strip() for p in re.split(r"[;,:]", run)]
    if run.islower() and run.replace(" ", "") in documents.casefold().replace(" ", ""):
        return True  # a name's pinyin, syllable by syllable ("zhou ming yuan")
    return run in documents or all(p in documents or len(p.split()) < 3 for p in parts)


def english_runs(html: str, documents: str) -> list[str]:
    found = _English()
    found.feed(html)
    return sorted({run for run in found.runs if not _written(run, documents)})


def test_the_finder_finds_english_and_spares_document_text(documents: str) -> None:
    html = (
        '<p>會議 Nothing was found here</p><p lang="en">This is a measure as written</p>'
        '<a title="Measure 1 in the record">1</a><script>var a = "not for readers";</script>'
        "<p>Support Hong Kong enterprises to participate in the development of industrial parks</p>"
    )
    assert english_runs(html, documents) == ["Nothing was found here", "in the record"]


def _pages(web: TestClient) -> list[str]:
    mechanism = re.search(r'href="(/mechanisms/[a-z0-9-]+)"', web.get("/mechanisms").text)
    meeting = re.search(r'href="(/meetings/jiangxi-[a-z0-9-]+)"', web.get("/meetings").text)
    commitment = re.search(r'href="(/commitments/[^"#]+)"', web.get("/tracker").text)
    person = re.search(r'href="(/people/[^"#]+)"', web.get("/people").text)
    found = [m.group(1) for m in (mechanism, meeting, commitment, person) if m]
    assert len(found) == 4, found
    return ["/", "/mechanisms", "/meetings", "/people", "/agreements", "/tracker", "/downloads", "/login",
            "/search?q=Hong+Kong+enterprises", "/compare?left=Jiangxi&right=Fujian", *found]  # fmt: skip


def test_no_english_left_in_the_chinese_interface(web: TestClient, documents: str) -> None:
    left = {}
    for path in _pages(web):
        answer = web.get(path)
        assert answer.status_code == 200, path
        runs = english_runs(answer.text, documents)
        if runs:
            left[path] = runs
    assert left == {}, "\n".join(f"{p}: {r}" for p, runs in left.items() for r in runs)


def test_no_english_left_in_the_chinese_briefings(web: TestClient, documents: str) -> None:
    slugs = sorted(set(re.findall(r'href="/mechanisms/([a-z0-9-]+)"', web.get("/mechanisms").text)))
    assert len(slugs) == 4, slugs
    left = {slug: english_runs(web.get(f"/mechanisms/{slug}/brief").text, documents) for slug in slugs}
    assert {slug: runs for slug, runs in left.items() if runs} == {}


def test_the_briefing_on_screen_is_in_chinese(web: TestClient, documents: str) -> None:
    slug = re.search(r'href="/mechanisms/([a-z0-9-]*jiangxi[a-z0-9-]*)"', web.get("/mechanisms").text)
    assert slug
    page = web.get(f"/mechanisms/{slug.group(1)}/brief").text
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)
    assert len(headings) >= 6 and all(re.search(r"[\u4e00-\u9fff]", h) for h in headings), headings
    assert "上一次會議" in page and "機制會議上簽署的協議" in page and "The last meeting" not in page
    # what changed, as the code wrote it, in Chinese; the measures themselves as written
    assert "沒有再提：Support Hong Kong enterprises" in page and "Not repeated" not in page
    assert "措施：3 項措施原文延續" in page and "carried over unchanged" not in page
    assert "上一次會議：第 3 次全體會議" in page and "Third plenary session" not in page  # the code's label
    assert "2019年10月15日" in page and "2019-10-15" not in page.split("<article", 1)[1].split('id="notes"')[0]
    assert "4（公報宣布 4 個）" in page and "讀取了 4 個範疇中的 4 個" in page
    web.cookies.set(i18n.COOKIE, "en")
    assert "<h2>2. The last meeting:" in web.get(f"/mechanisms/{slug.group(1)}/brief").text


def test_the_briefing_files_are_in_chinese_when_asked(store: Store) -> None:
    from docx import Document

    with i18n.speaking("zh-Hant"):
        built = brief.build(store, "Jiangxi")
        html = brief.render(built, brief.BriefFormat.HTML, i18n.gettext, "zh-Hant").decode("utf-8")
        word = Document(io.BytesIO(brief.render(built, brief.BriefFormat.DOCX, i18n.gettext)))
    assert '<html lang="zh-Hant">' in html and "<title>簡報：" in html and "People at the last meeting" not in html
    headings = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    top = [h for h in headings if re.match(r"\d\. ", h)]
    assert len(top) == 5 and all(re.search(r"[\u4e00-\u9fff]", h) for h in top), top
    assert headings[0].startswith("簡報：")
    english = brief.render(built, brief.BriefFormat.HTML).decode("utf-8")  # no translator: English
    assert "People at the last meeting" in english and '<html lang="en">' in english


def test_the_cli_writes_the_briefing_in_chinese_when_asked(store: Store) -> None:
    from typer.testing import CliRunner

    from cooptrack.cli import app

    db = str(store.engine.url)
    result = CliRunner().invoke(app, ["brief", "Jiangxi", "--format", "html", "--lang", "zh_Hant", "--db", db])
    assert result.exit_code == 0, result.output
    assert '<html lang="zh-Hant">' in result.stdout and "<h2>5. 上一次會議的出席人士</h2>" in result.stdout
    wrong = CliRunner().invoke(app, ["brief", "Jiangxi", "--lang", "fr", "--db", db])
    assert wrong.exit_code != 0 and "--lang fr" in wrong.output


def test_why_a_meeting_has_its_year_is_said_in_chinese(web: TestClient) -> None:
    page = web.get("/meetings/jiangxi-plenary-2").text  # its release gives no year: the officials' terms do
    assert "John Lee 於 2021年6月25日 至 2022年4月7日 任 Chief Secretary for Administration" in page
    assert "只有在 2021 年的 November 9 同時擔任這些職位；另 2 名提及的官員當時亦在任" in page
    assert "held these posts together" not in page and "other officials named" not in page


def test_what_went_wrong_is_said_in_chinese(store: Store) -> None:
    c = client(store, raise_errors=False)
    c.cookies.set(i18n.COOKIE, "zh-Hant")
    assert "沒有會議「nope」" in c.get("/meetings/nope").text
    assert "這裏沒有內容" in c.get("/no/such/page").text
    assert "鍵最少要有六個字元" in c.get("/commitments/abc").text
    c.cookies.set(i18n.COOKIE, "en")
    assert "no meeting &#34;nope&#34;" in c.get("/meetings/nope").text  # English as the code wrote it


def test_a_status_recorded_is_said_in_chinese_in_the_briefing(store: Store, web: TestClient) -> None:
    from cooptrack.vocab import EvidenceKind, TrackingStatus

    page = web.get("/meetings/jiangxi-plenary-3").text
    key = re.findall(r'href="/measures/([^"#]+)"', page)[0]
    store.record_event(key, TrackingStatus.IMPLEMENTED, by="edith", note="五月開通",
                       evidence_url="https://www.info.gov.hk/x", evidence_kind=EvidenceKind.OFFICIAL)  # fmt: skip
    brief_page = web.get("/mechanisms/hong-kong-jiangxi-co-operation-conference/brief").text
    assert "由 edith 記錄" in brief_page and "：五月開通）" in brief_page and "recorded by" not in brief_page


def test_every_sentence_of_the_code_has_its_chinese_with_its_placeholders() -> None:
    catalogue = i18n.catalogue("zh-Hant")
    missing = [s for s in i18n.SENTENCES if not isinstance(catalogue.get(s), str)]
    assert missing == []
    for sentence in i18n.SENTENCES:
        found = catalogue[sentence]
        assert isinstance(found, str) and re.search(r"[\u4e00-\u9fff]", found), sentence
        assert set(re.findall(r"\{\w+\}", sentence)) == set(re.findall(r"\{\w+\}", found)), sentence
    with i18n.speaking("zh-Hant"):  # a count is digits: a measure ending in "new" is not a count
        assert i18n.said("3 new") == "新增 3 項" and i18n.said("Support the new") == "Support the new"
        assert i18n.said('Area added: "Culture and tourism".') == "新增範疇：「Culture and tourism」。"
    with i18n.speaking("en"):
        assert i18n.said("3 new") == "3 new"
