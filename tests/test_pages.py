"""The HTML pages, in process: each page renders what the store holds, works without JavaScript
(links and forms only), escapes every text of a document, and offers its list for download.

The store holds the real corpus (read in place); the release with ``<script>`` and entities is
synthetic, written here through ``make_release`` (conftest.py).
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from cooptrack.serve import assets
from cooptrack.store import Store
from cooptrack.views.service import Data
from cooptrack.vocab import FLAG_EXPLANATIONS, Flag
from webtools import CORPUS, add_accounts, client, csrf_of, ingest_corpus, sign_in


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('pages') / 'pages.db'}") as store:
        ingest_corpus(store, CORPUS)
        add_accounts(store)
        yield store


@pytest.fixture(scope="module")
def web(stored: Store) -> TestClient:
    return client(stored)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "at a glance"), ("/mechanisms", "Mechanisms"), ("/meetings", "Mechanisms"),
        ("/mechanisms/beijing", "Hong Kong/Beijing"), ("/meetings/beijing-plenary-5", "The release as read"),
        ("/search?q=medicine", "Search"), ("/compare?left=Beijing&right=Sichuan", "Compare side by side"),
        ("/people", "People"), ("/agreements", "Register of agreements"), ("/tracker", "Tracker"),
        ("/downloads", "Downloads"), ("/login", "Sign in"),
    ],
)  # fmt: skip
def test_each_page_renders_as_html_without_scripts_inline(web: TestClient, path: str, heading: str) -> None:
    response = web.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert heading in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert re.findall(r"<script[^>]*>", response.text) == [f'<script src="{assets.url("app.js")}" defer>']
    assert '<meta name="viewport"' in response.text and 'lang="en"' in response.text


def test_a_page_drawn_again_reads_no_template_file_again(web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The templates are the package's own: a running server draws from them as loaded, without a
    look at each file's time on every page (Jinja's auto_reload)."""
    assert web.get("/tracker").status_code == 200  # every template the tracker uses, loaded
    looked: list[str] = []
    real = os.path.getmtime

    def getmtime(path: Any) -> float:
        looked.append(str(path))
        return real(path)

    monkeypatch.setattr(os.path, "getmtime", getmtime)
    assert web.get("/tracker?sort=theme", headers={"accept": "text/html"}).status_code == 200  # drawn, not kept
    assert looked == []


def test_the_overview_counts_and_draws_the_heatmap_and_the_timeline(web: TestClient, stored: Store) -> None:
    page = web.get("/").text
    assert f"<strong>{len(Data(stored).measures)}</strong> measures agreed" in page
    assert page.count('role="img"') == 2
    assert "Measures by partner and theme" in page and "Meetings of each mechanism over the years" in page
    assert 'href="/tracker?partner=Beijing&amp;theme=' in page, "a heatmap cell opens the tracker"
    assert 'href="/meetings/beijing-plenary-5"' in page, "a timeline mark opens the meeting"


def test_a_meeting_links_every_item_of_the_record_to_its_place_in_the_source(web: TestClient, stored: Store) -> None:
    meeting = stored.meeting("beijing-plenary-5")
    page = web.get("/meetings/beijing-plenary-5").text
    for kind, items in (("measure", meeting.measures), ("person", meeting.people), ("agreement", meeting.agreements)):
        for item in items:
            n = item.position
            assert f'id="rec-{kind}-{n}"' in page and f'href="#src-{kind}-{n}"' in page, (kind, n)
            assert f'id="src-{kind}-{n}"' in page and f'href="#rec-{kind}-{n}"' in page, (kind, n)
    source = page.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    plain = re.sub(r'<a class="tag"[^>]*>[^<]*</a>', "", source)
    plain = re.sub(r"</?span[^>]*>", "", plain).replace("&amp;", "&").replace("&#39;", "'").replace("&#34;", '"')
    assert plain == meeting.document.cleaned_text, "the marked source is the cleaned text, nothing lost or added"


def test_a_meetings_flags_are_explained_in_plain_words(web: TestClient) -> None:
    page = web.get("/meetings/fujian-plenary-4").text
    for flag in (Flag.UNRELATED_CONTENT, Flag.AREA_HEADINGS_MISSING):
        assert FLAG_EXPLANATIONS[flag].replace("'", "&#39;") in page
    assert "area_headings_missing" not in page


def test_search_marks_the_words_found_offers_facets_and_narrows(web: TestClient) -> None:
    page = web.get("/search?q=medicine").text
    assert re.search(r"<mark>[Mm]edic", page)
    assert re.search(r'<option value="Beijing">Beijing \(\d+\)</option>', page)
    narrowed = web.get("/search?q=medicine&partner=Beijing").text
    assert narrowed.count('<li><a href="/meetings/') < page.count('<li><a href="/meetings/')
    assert set(re.findall(r'<a href="/meetings/([a-z0-9-]+)" class="meeting">', narrowed)) == {"beijing-plenary-5"}
    assert '<a href="/meetings/beijing-plenary-5" class="meeting">Beijing, 5th plenary, 2023</a>' in narrowed


def test_search_results_are_paged(web: TestClient) -> None:
    first = web.get("/search?q=co-operation").text
    assert "Page 1 of" in first and 'rel="next"' in first
    second = web.get("/search?q=co-operation&page=2").text
    assert "Page 2 of" in second and 'rel="prev"' in second


def test_people_pages_show_posts_and_appearances(web: TestClient, stored: Store) -> None:
    person = next(p for p in Data(stored).people if len(p.appearances) >= 1 and p.memberships)
    assert f'href="/people/{person.id}"' in web.get("/people").text
    page = web.get(f"/people/{person.id}").text
    assert "Posts held" in page and person.memberships[0].post.replace("'", "&#39;") in page
    assert f'href="/meetings/{person.appearances[0].meeting.slug}"' in page


def test_the_agreements_register_filters_by_partner(web: TestClient, stored: Store) -> None:
    everything = web.get("/agreements").text
    guangdong = web.get("/agreements?partner=Guangdong").text
    titles = [g.title for g in stored.meeting("guangdong-plenary-20").agreements]
    assert all(t.replace("'", "&#39;") in guangdong for t in titles)
    assert guangdong.count("<tr>") < everything.count("<tr>")


def test_lists_download_as_csv_and_json_with_the_pages_filters(web: TestClient, stored: Store) -> None:
    response = web.get("/download/measures.csv?partner=Sichuan")
    assert response.headers["content-disposition"] == 'attachment; filename="cooptrack-measures.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(stored.meeting("sichuan-hlm-plenary-2").measures)
    assert {r["partner"] for r in rows} == {"Sichuan"} and all(r["span"] for r in rows)
    as_json = web.get("/download/agreements.json").json()["data"]
    assert len(as_json) == sum(len(m.agreements) for m in stored.all_meetings())
    assert web.get("/download/nothing.csv").status_code == 404


def test_the_download_links_of_a_list_keep_its_filters_whatever_they_hold(web: TestClient) -> None:
    page = web.get("/tracker", params={"q": "R&D #1 = yes", "partner": "Sichuan"}).text
    link = html.unescape(re.search(r'href="(/download/commitments\.csv[^"]*)"', page)[1])  # type: ignore[index]
    assert parse_qs(urlsplit(link).query) == {"q": ["R&D #1 = yes"], "partner": ["Sichuan"]}


def test_the_atom_feed_lists_new_meetings_and_agreements(web: TestClient, stored: Store) -> None:
    response = web.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(response.content).findall("a:entry", ns)
    meetings = stored.all_meetings()
    assert len(entries) == len(meetings) + sum(len(m.agreements) for m in meetings)
    titles = {e.findtext("a:title", namespaces=ns) for e in entries}
    assert {m.title for m in meetings} <= titles


def test_a_briefing_downloads_as_markdown(web: TestClient) -> None:
    response = web.get("/mechanisms/beijing/brief.md")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    assert "Beijing" in response.text
    assert web.get("/mechanisms/beijing/brief.exe").status_code == 404


def test_errors_are_pages_in_plain_words(web: TestClient) -> None:
    response = web.get("/meetings/no-such-meeting")
    assert response.status_code == 404 and "Not found" in response.text and "no-such-meeting" in response.text
    assert web.get("/no/such/page").status_code == 404


def test_a_status_recorded_shows_in_the_history_and_the_tracker(stored: Store) -> None:
    c = client(stored)
    sign_in(c)
    key = stored.meeting("zhejiang-hlm-plenary-1").measures[0].key
    token = csrf_of(c.get(f"/measures/{key}").text)
    form = {"status": "stalled", "note": "no news since spring", "evidence_url": "https://example.org/news",
            "evidence_kind": "independent", "csrf_token": token}  # fmt: skip
    assert c.post(f"/measures/{key}/events", data=form).status_code == 303
    page = c.get(f"/measures/{key}").text
    assert "no news since spring" in page and 'class="status s-stalled"' in page and "(independent)" in page
    tracker = c.get("/tracker?status=stalled").text
    assert f'href="/measures/{key}"' in tracker
    bad = c.post(f"/measures/{key}/events", data={**form, "evidence_url": "javascript:alert(1)"})
    assert bad.status_code == 422 and "http" in bad.text and "no news since spring" in bad.text


# --- document text is untrusted ----------------------------------------------------------------

HOSTILE = "Hold a fair <script>alert('x')</script> for A&amp;B firms &lt;b&gt;now&lt;/b&gt;."


@pytest.fixture
def hostile(tmp_path: Path, make_release: Callable[..., Any]) -> Iterator[TestClient]:
    """A synthetic release whose heading, measure and person carry markup and entities."""
    areas = [("Trade & <b>investment</b>", ["trade_investment"], [(HOSTILE, ["trade_investment"])])]
    people = [('Chan <img src=x onerror="alert(1)">', "Secretary for <i>Testing</i>")]
    with Store(f"sqlite:///{tmp_path / 'hostile.db'}") as store:
        store.ingest(*make_release(areas=areas, people=people, agreements=["Memorandum on <iframe>"]))
        yield client(store)


@pytest.mark.parametrize(
    "path", ["/meetings/anhui-plenary-3", "/search?q=fair", "/tracker", "/agreements", "/people", "/compare"]
)
def test_markup_in_a_release_renders_inert_and_readable(hostile: TestClient, path: str) -> None:
    if path == "/compare":
        path = "/compare?left=anhui-plenary-3&right=anhui-plenary-3"
    page = hostile.get(path).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<iframe>" not in page
    assert "<b>investment</b>" not in page and "<i>Testing</i>" not in page
    if path.startswith(("/meetings", "/tracker", "/compare")):
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; for A&amp;amp;B firms &amp;lt;b&amp;gt;" in page


def test_markup_in_a_release_reaches_the_api_and_the_feed_as_plain_text(hostile: TestClient) -> None:
    measure = hostile.get("/api/measures").json()["data"][0]
    assert measure["text"] == HOSTILE
    feed = ET.fromstring(hostile.get("/feed.atom").content)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Signed: Memorandum on <iframe>" in titles


FORMULAS = ['=HYPERLINK("http://evil.example","x") to promote trade', "+1+1 cells", "-2+3 cells", "@SUM(A1) cells"]


def test_a_csv_download_never_holds_a_cell_a_spreadsheet_would_run_as_a_formula(
    tmp_path: Path, make_release: Callable[..., Any]
) -> None:
    """Synthetic measures that begin like spreadsheet formulas come out of the CSV starting with a quote."""
    areas = [("Trade", ["trade_investment"], [(text, ["trade_investment"]) for text in FORMULAS])]
    with Store(f"sqlite:///{tmp_path / 'formulas.db'}") as store:
        store.ingest(*make_release(areas=areas, agreements=["=cmd|' /C calc'!A0"]))
        c = client(store)
        measures = list(csv.DictReader(io.StringIO(c.get("/download/measures.csv").content.decode("utf-8-sig"))))
        agreements = list(csv.DictReader(io.StringIO(c.get("/download/agreements.csv").content.decode("utf-8-sig"))))
        as_json = c.get("/download/measures.json").json()["data"]
    assert sorted(r["text"] for r in measures) == sorted("'" + text for text in FORMULAS)
    assert [r["title"] for r in agreements] == ["'=cmd|' /C calc'!A0"]
    assert sorted(r["text"] for r in as_json) == sorted(FORMULAS), "JSON keeps the text as it is"
    assert all(r["position"].isdigit() for r in measures), "numbers are not quoted"
