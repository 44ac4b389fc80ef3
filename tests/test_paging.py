"""Pages whose cost does not grow with the store (issue 14 item 1): the list of meetings a page at a
time, the tracker's meeting filter bounded, the overview's timeline counting once meetings are many.
Sizes are counted in bytes, rows and options, never timed.

The stores are filled directly with rows (SQLAlchemy Core, as ``tests/test_search_scale.py`` does):
SYNTHETIC meetings written here, meeting ``k`` of partner ``k mod 4``, kind ``(k div 4) mod 2`` and
year ``2015 + (k div 8) mod 5``, so that every mechanism (one a partner) meets in every year once
the store holds 40 meetings, and a store of 4N meetings has four times the meetings of each mechanism and year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, insert

from cooptrack.serve import charts, pages
from cooptrack.store import Store
from cooptrack.store.models import Area, Digest, DocumentVersion, Measure, Meeting, Report, Source
from cooptrack.views import queries
from cooptrack.views import service as views
from cooptrack.vocab import MeetingKind
from test_snapshot import _ingest as ingest_paths
from webtools import client

PARTNERS = ("Anhui", "Hunan", "Jiangxi", "Sichuan")
KINDS = (MeetingKind.PLENARY.value, MeetingKind.WORKING_MEETING.value)
N = 80


def _fill(url: str, meetings: int) -> list[str]:
    """A store of ``meetings`` meetings, one area and one measure each; returns their slugs."""
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    rows: dict[Any, list[dict[str, Any]]] = {m: [] for m in (Source, DocumentVersion, Meeting, Report, Area, Measure)}
    slugs = []
    for k in range(1, meetings + 1):
        partner, kind = PARTNERS[k % 4], KINDS[(k // 4) % 2]
        year = 2015 + (k // 8) % 5
        ordinal = k // 8 + 1
        slug = f"{partner.lower()}-{kind}-{ordinal}"
        slugs.append(slug)
        rows[Source].append({"id": k, "uri": f"/synthetic/{k}.txt", "name": f"{k}.txt", "first_seen_at": now})
        rows[DocumentVersion].append(
            {"id": k, "source_id": k, "version": 1, "sha256": f"{k:064x}", "size": 0, "encoding": "utf-8",
             "media_type": "text/plain", "fetched_at": now, "ingested_at": now, "parser_version": "test",
             "relevant": True, "relevance_reason": None, "is_current": True, "cleaned_text": "",
             "record": {"source": f"/synthetic/{k}.txt", "relevant": True, "text": ""}}
        )  # fmt: skip
        rows[Meeting].append(
            {"id": k, "slug": slug, "identity": f"m{k}", "document_id": k, "partner": partner, "kind": kind,
             "mechanism": f"Hong Kong/{partner} Co-operation Conference", "ordinal": ordinal,
             "date": dt.date(year, 1 + k % 12, 1 + k % 28), "year": year, "year_from": year, "year_to": year,
             "year_reasons": [], "flags": [], "document_kind": "report", "title": None}
        )  # fmt: skip
        rows[Report].append({"id": k, "meeting_id": k, "source_id": k, "document_id": k, "is_primary": True})
        rows[Area].append({"id": k, "meeting_id": k, "document_id": k, "position": 0, "heading": "Area",
                           "themes": [], "extent_start": None, "extent_end": None})  # fmt: skip
        rows[Measure].append(
            {"id": k, "key": f"{k:032x}", "meeting_id": k, "area_id": k, "document_id": k, "position": 0,
             "text": f"Promote exchanges in field number {k} (synthetic).", "themes": [], "primary_theme": None,
             "quantities": []}
        )  # fmt: skip
    with Store(url) as store, store.engine.begin() as conn:
        for model in rows:
            conn.execute(insert(model.__table__), rows[model])
    return slugs


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, tuple[TestClient, list[str], Store]]]:
    """Stores of N and 4N meetings, each with its web client, its meetings' slugs and the store."""
    out, opened = {}, []
    for n in (N, 4 * N):
        url = f"sqlite:///{tmp_path_factory.mktemp('paging') / f'{n}.db'}"
        slugs = _fill(url, n)
        store = Store(url)
        opened.append(store)
        out[n] = (client(store), slugs, store)
    yield out
    for store in opened:
        store.close()


def _walk(web: TestClient, first: str) -> tuple[list[str], int]:
    """Every meeting linked from a list of meetings, following its next links; and the pages seen."""
    found, url, seen = [], first, 0
    while url:
        page = web.get(url)
        assert page.status_code == 200, url
        seen += 1
        assert seen <= 100, "the next links do not end"
        found += re.findall(r'<td><a href="/meetings/([^"?]+)">', page.text)
        nxt = re.search(r'<a href="([^"]+)" rel="next">', page.text)
        url = nxt.group(1).replace("&amp;", "&") if nxt else ""
    return found, seen


def test_the_list_of_meetings_is_a_page_of_fifty_whatever_the_store_holds(stores: dict[int, Any]) -> None:
    sizes = {}
    for n, (web, *_) in stores.items():
        page = web.get("/meetings").text
        assert page.count('<td><a href="/meetings/') == pages.MEETINGS_PER_PAGE
        assert f"({n} in all)" in page and 'rel="next"' in page and 'rel="prev"' not in page
        sizes[n] = len(page)
    assert sizes[4 * N] < sizes[N] * 1.05, sizes


@pytest.mark.parametrize("n", [N, 4 * N])
def test_every_meeting_is_reachable_through_the_pages_once(stores: dict[int, Any], n: int) -> None:
    web, slugs, _ = stores[n]
    found, seen = _walk(web, "/meetings")
    assert sorted(found) == sorted(slugs)
    assert seen == -(-n // pages.MEETINGS_PER_PAGE)
    last = web.get(f"/meetings?page={seen}").text
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_a_mechanism_and_a_year_stay_chosen_across_pages(stores: dict[int, Any]) -> None:
    web, *_ = stores[4 * N]
    mech = "hong-kong-hunan-co-operation-conference"
    assert web.get("/mechanisms").text.count(f'href="/mechanisms/{mech}"') == 1
    found, _ = _walk(web, f"/meetings?mechanism={mech}")
    assert len(found) == 4 * N // 4 and all(s.startswith("hunan-") for s in found)
    page = web.get(f"/meetings?mechanism={mech}").text
    nxt = re.search(r'<a href="([^"]+)" rel="next">', page)
    assert nxt is not None and "mechanism=" in nxt.group(1) and "page=2" in nxt.group(1)
    in_2016, _ = _walk(web, f"/meetings?mechanism={mech}&year=2016")
    assert len(in_2016) == 4 * N // 20 and in_2016
    assert "No meeting fits these choices." in web.get("/meetings?year=1999").text


def _options(page: str, name: str) -> list[str]:
    chosen = re.search(rf'<select id="f-{name}" name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert chosen is not None, name
    return re.findall(r'<option value="([^"]*)"', chosen.group(1))


def test_the_trackers_meeting_filter_offers_a_partners_meetings_not_every_meeting(stores: dict[int, Any]) -> None:
    sizes = {}
    for n, (web, slugs, _) in stores.items():
        page = web.get("/tracker").text
        assert _options(page, "meeting") == [""], "no meeting offered before a partner is chosen"
        assert "Choose a partner to pick one of its meetings." in page
        form = re.search(r'<form method="get" action="/tracker".*?</form>', page, re.S)
        assert form is not None
        sizes[n] = len(form.group(0))  # the rows are a page of 50 (a row's appearances are its own matter)
        offered = _options(web.get("/tracker?partner=Hunan").text, "meeting")[1:]
        hunan = [s for s in slugs if s.startswith("hunan-")]
        assert len(offered) == min(len(hunan), pages.MEETING_CHOICES) and set(offered) <= set(hunan)
        in_year = _options(web.get("/tracker?partner=Hunan&year=2017").text, "meeting")[1:]
        assert in_year and len(in_year) == len(hunan) // 5
    assert sizes[4 * N] == sizes[N], sizes
    web, slugs, _ = stores[4 * N]
    more = web.get("/tracker?partner=Hunan").text
    assert f"The latest {pages.MEETING_CHOICES} of {4 * N // 4}; choose a year for the others." in more


def test_the_tracker_builds_the_rows_of_the_page_it_shows(
    stores: dict[int, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row holds every appearance with its wording: the page selects its commitments, then builds
    the rows of the fifty it shows, whatever the store holds; the API the rows of its page."""
    built: list[str] = []
    real = views.tracker_row
    monkeypatch.setattr(views, "tracker_row", lambda d, c: built.append(c.key) or real(d, c))
    for n, (web, *_) in stores.items():
        total = web.get("/api/commitments?per_page=1").json()["meta"]["total"]
        web.app.state.web._memo.clear()  # type: ignore[attr-defined]  # rows kept by earlier tests' requests
        for page_number in range(1, -(-total // 50) + 1):
            built.clear()
            page = web.get(f"/tracker?page={page_number}").text
            shown = re.findall(r'<tr data-commitment="([^"]+)"', page)
            assert len(shown) == min(50, total - 50 * (page_number - 1)) and built == shown, (n, page_number)
            built.clear()
            assert web.get(f"/tracker?page={page_number}").text == page and built == [], "kept for this state"
        for per_page, page_number in ((500, 1), (20, 3)):
            built.clear()
            listed = web.get(f"/api/commitments?per_page={per_page}&page={page_number}").json()
            assert listed["meta"]["total"] == total, n
            assert built == [row["key"] for row in listed["data"]], (n, per_page)  # the API's page only
            assert len(built) == min(per_page, total - per_page * (page_number - 1))
    assert total > 150


def test_a_meeting_links_its_measures_in_the_tracker(stores: dict[int, Any]) -> None:
    web, slugs, _ = stores[4 * N]
    slug = slugs[-1]
    assert f'href="/tracker?meeting={slug}"' in web.get(f"/meetings/{slug}").text
    page = web.get(f"/tracker?meeting={slug}").text
    assert page.count("<tr data-commitment=") == 1
    assert _options(page, "meeting")[1:] == [slug], "the chosen meeting stays offered"


def _afresh(store: Store) -> TestClient:
    """A new application whose overview is drawn afresh: the one kept in the store (serve/overview.py)
    was drawn with the chart's constants as they were before the test patched them."""
    with store.engine.begin() as conn:
        conn.execute(delete(Digest))
    return client(store)


def test_the_overview_timeline_counts_by_year_once_meetings_are_many(
    stores: dict[int, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    web, slugs, _ = stores[N]
    page = web.get("/").text
    assert all(f'href="/meetings/{s}"' in page for s in slugs), "a mark per meeting while they are few"
    monkeypatch.setattr(charts, "TIMELINE_MARKS", N // 2)
    sizes = {}
    for n, (_, _, store) in stores.items():
        web = _afresh(store)
        page = web.get("/").text
        chart = page.split('class="chart timeline"', 1)[1].split("</svg>", 1)[0]
        assert 'href="/meetings/' not in chart
        marks = re.findall(r'<a href="(/meetings\?[^"]+)"><title>([^<]+)</title>', chart)
        assert len(marks) == len(PARTNERS) * 5, "a mark per mechanism and year"
        assert f"Hong Kong/Hunan Co-operation Conference, 2016: {n // 20} meetings" in {t for _, t in marks}
        sizes[n] = len(page)
    assert sizes[4 * N] < sizes[N] * 1.05, sizes
    web, *_ = stores[4 * N]
    link = re.search(r'<a href="(/meetings\?mechanism=[^"]*hunan[^"]*year=2016)">', page)
    assert link is not None
    found, _ = _walk(web, link.group(1).replace("&amp;", "&"))
    assert len(found) == 4 * N // 20 and all(s.startswith("hunan-") for s in found)


def test_the_counted_timeline_draws_the_last_years_and_says_where_the_rest_are(
    stores: dict[int, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "TIMELINE_MARKS", N // 2)
    monkeypatch.setattr(charts, "TIMELINE_YEARS", 3)
    page = _afresh(stores[4 * N][2]).get("/").text
    chart = page.split('class="chart timeline"', 1)[1].split("</svg>", 1)[0]
    years = {int(y) for y in re.findall(r"year=(\d{4})", chart)}
    assert years == {2017, 2018, 2019}, "the last three years of 2015-2019"
    assert "the chart counts them by mechanism and year, from 2017" in page
    assert 'href="/meetings">Every meeting, a page at a time</a>' in page


def _compare_options(page: str, side: str) -> list[str]:
    found = re.search(rf'<select id="{side}" name="{side}">(.*?)</select>', page, re.S)
    assert found is not None, side
    return re.findall(r'<option value="([^"]*)"', found.group(1))


def test_compare_offers_the_partners_then_their_meetings_not_every_meeting(stores: dict[int, Any]) -> None:
    for n, (web, *_) in stores.items():
        assert _compare_options(web.get("/compare").text, "left") == sorted(PARTNERS), n
        page = web.get("/compare?left=Hunan&right=Anhui").text
        offered = _compare_options(page, "right")[len(PARTNERS) :]
        assert len(offered) == 2 * min(n // 4, pages.MEETING_CHOICES), n
        assert {s.split("-")[0] for s in offered} == {"hunan", "anhui"}
    web, slugs, _ = stores[4 * N]
    oldest = slugs[0]  # hunan-plenary-1: not among Hunan's latest 40, offered because it is chosen
    page = web.get(f"/compare?left={oldest}&right={slugs[-1]}")
    assert page.status_code == 200
    assert f'<option value="{oldest}" selected>' in page.text and f'<option value="{slugs[-1]}" selected>' in page.text


def test_the_api_lists_meetings_a_page_at_a_time_by_mechanism_too(stores: dict[int, Any]) -> None:
    web, slugs, _ = stores[4 * N]
    mech = "hong-kong-hunan-co-operation-conference"
    found, url = [], f"/api/meetings?mechanism={mech}&per_page=30"
    while url:
        body = web.get(url).json()
        assert len(body["data"]) <= 30
        found += [row["slug"] for row in body["data"]]
        url = body["links"]["next"] or ""
    assert sorted(found) == sorted(s for s in slugs if s.startswith("hunan-"))
    assert web.get("/api/meetings?mechanism=no-such-thing").json()["meta"]["total"] == 0


def test_a_mechanisms_changes_come_ten_at_a_time_the_latest_first(stores: dict[int, Any]) -> None:
    """A long series' page shows the changes between its latest pairs of meetings, and links to the
    earlier ones page by page: every pair once, in order, whatever the series' length."""
    mech = "hong-kong-hunan-co-operation-conference"
    for n, (web, *_) in stores.items():
        changes = web.get(f"/api/mechanisms/{mech}").json()["data"]["changes"]
        pairs = [(c["earlier"], c["later"]) for c in changes]
        assert len(pairs) > (pages.CHANGES_PER_PAGE if n == 4 * N else 0)
        seen: list[list[tuple[str, str]]] = []
        url: str | None = f"/mechanisms/{mech}"
        while url:
            page = web.get(url).text
            shown = re.findall(r'<h3>From <a href="/meetings/([^"]+)">.*?</a> to <a href="/meetings/([^"]+)">', page)
            assert 0 < len(shown) <= pages.CHANGES_PER_PAGE, (n, url)
            seen.insert(0, shown)
            earlier = re.search(r'<a href="([^"]+)" rel="next">← Earlier changes', page)
            url = earlier.group(1).replace("&amp;", "&") if earlier else None
        assert seen[-1][-1] == pairs[-1], "the first page ends with the latest change"
        assert [p for chunk in seen for p in chunk] == pairs, n
        assert len(seen) == -(-len(pairs) // pages.CHANGES_PER_PAGE)


def test_the_api_builds_the_measures_of_the_page_it_gives(
    stores: dict[int, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    real = views.measure_row
    monkeypatch.setattr(views, "measure_row", lambda x, *rest: built.append(x.key) or real(x, *rest))
    for n, (web, *_) in stores.items():
        built.clear()
        listed = web.get("/api/measures?per_page=20&page=2").json()
        assert listed["meta"]["total"] == n
        assert built == [row["key"] for row in listed["data"]] and len(built) == 20, n


def test_people_and_agreements_are_built_for_the_page_given(
    store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The directory and the agreements (page and API) make the documents of the page they give."""
    ingest_paths(store, sorted(corpus.glob("*.txt")))
    people, signed = [], []
    person_row, agreement_view = views.person_row, views.agreement_view
    monkeypatch.setattr(views, "person_row", lambda p: people.append(p.id) or person_row(p))
    monkeypatch.setattr(views, "agreement_view", lambda g, m: signed.append(g.key) or agreement_view(g, m))
    web = client(store)
    listed = web.get("/api/people?per_page=3&page=2").json()
    assert listed["meta"]["total"] > 6 and people == [r["id"] for r in listed["data"]] and len(people) == 3
    listed = web.get("/api/agreements?per_page=2").json()
    assert listed["meta"]["total"] > 2 and signed == [r["key"] for r in listed["data"]] and len(signed) == 2
    people.clear()
    signed.clear()
    assert web.get("/people").status_code == 200 and web.get("/agreements").status_code == 200
    assert 0 < len(people) <= 50 and 0 < len(signed) <= 50


def test_a_mechanisms_page_works_out_the_changes_it_shows(
    stores: dict[int, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each change is two meetings compared: a page compares the pairs it shows, not the series'."""
    compared: list[str] = []
    real = queries.compare_meetings
    monkeypatch.setattr(queries, "compare_meetings", lambda store, a, b, *rest: compared.append(b.slug) or real(
        store, a, b, *rest))  # fmt: skip
    web, *_ = stores[4 * N]
    mech = "hong-kong-anhui-co-operation-conference"
    first = web.get(f"/mechanisms/{mech}?page=2").text
    assert "Earlier changes" in first and len(compared) == pages.CHANGES_PER_PAGE
    shown = re.findall(r'<h3>From <a href="/meetings/[^"]+">.*?</a> to <a href="/meetings/([^"]+)">', first)
    assert shown == compared
    compared.clear()
    assert web.get(f"/mechanisms/{mech}?page=2").text == first and compared == []  # kept for this state
