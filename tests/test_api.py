"""The JSON API, in process: one envelope for every list and object, one error shape for every
error, paging and filters, and the OpenAPI document. The store holds the real corpus (read in
place) and, for what changed between meetings, a synthetic series written here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cooptrack.store import Store
from cooptrack.views.service import Data
from webtools import CORPUS, add_accounts, client, ingest_corpus

LISTS = ["/api/meetings", "/api/mechanisms", "/api/measures", "/api/agreements", "/api/people", "/api/events",
         "/api/timeline", "/api/search?q=trade"]  # fmt: skip


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("api") / "api.db"
    with Store(f"sqlite:///{path}") as store:
        ingest_corpus(store, CORPUS)
        add_accounts(store)
        yield store


@pytest.fixture(scope="module")
def api(stored: Store) -> TestClient:
    return client(stored)


def _is_envelope(body: dict[str, Any]) -> None:
    assert set(body) == {"data", "meta", "links"}
    assert {"page", "per_page", "total"} <= set(body["meta"])
    assert body["links"]["self"]


def _is_error(body: dict[str, Any], code: str) -> None:
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_comes_in_the_envelope(api: TestClient, path: str) -> None:
    body = api.get(path).json()
    _is_envelope(body)
    assert (isinstance(body["data"], list) and body["meta"]["total"] >= len(body["data"]) > 0) or path == "/api/events"


def test_every_object_comes_in_the_envelope_as_a_page_of_one(api: TestClient, stored: Store) -> None:
    data = Data(stored)
    person = data.people[0].id
    measure = next(iter(data.measures))
    for path in ("/api/overview", "/api/meetings/beijing-plenary-5", "/api/mechanisms/beijing", f"/api/people/{person}",
                 f"/api/measures/{measure}", "/api/matrix", "/api/compare?left=Beijing&right=Sichuan",
                 "/api/mechanisms/beijing/brief"):  # fmt: skip
        body = api.get(path).json()
        _is_envelope(body)
        assert body["meta"] == {"page": 1, "per_page": 1, "total": 1, "facets": None}, path
        assert isinstance(body["data"], dict) and body["data"], path


def test_lists_are_paged_with_links_to_the_pages_beside(api: TestClient, stored: Store) -> None:
    total = len(Data(stored).measures)
    body = api.get("/api/measures?per_page=5&page=2").json()
    assert len(body["data"]) == 5
    assert body["meta"] == {"page": 2, "per_page": 5, "total": total, "facets": None}
    assert "page=3" in body["links"]["next"] and "page=1" in body["links"]["prev"]
    first = api.get("/api/measures?per_page=5&page=1").json()
    assert {m["key"] for m in first["data"]}.isdisjoint(m["key"] for m in body["data"])
    last = api.get(f"/api/measures?per_page=5&page={-(-total // 5)}").json()
    assert last["links"]["next"] is None and last["data"]
    assert api.get("/api/measures?per_page=5&page=999").json()["data"] == []


@pytest.mark.parametrize(
    ("path", "check"),
    [
        ("/api/meetings?partner=beijing", lambda row: row["partner"] == "Beijing"),
        (
            "/api/meetings?year=2023",
            lambda row: row["year"] == 2023 or row["year_range"][0] <= 2023 <= row["year_range"][1],
        ),
        (
            "/api/meetings?kind=high_level_meeting_cum_plenary",
            lambda row: row["kind"] == "high_level_meeting_cum_plenary",
        ),
        ("/api/measures?theme=health", lambda row: "health" in row["themes"]),
        ("/api/measures?partner=Sichuan", lambda row: row["partner"] == "Sichuan"),
        ("/api/measures?q=medicine", lambda row: "medicine" in row["text"].casefold()),
        ("/api/agreements?partner=Guangdong", lambda row: row["partner"] == "Guangdong"),
        ("/api/people?side=HK", lambda row: row["side"] == "HK"),
        ("/api/search?q=medicine&partner=Beijing", lambda row: row["partner"] == "Beijing"),
    ],
    ids=[
        "meeting-partner",
        "meeting-year",
        "meeting-kind",
        "measure-theme",
        "measure-partner",
        "measure-words",
        "agreement-partner",
        "people-side",
        "search-partner",
    ],
)
def test_filters_keep_only_what_matches(api: TestClient, path: str, check: Callable[[dict[str, Any]], bool]) -> None:
    rows = api.get(path + "&per_page=500").json()["data"]
    assert rows, f"{path} should find something in the corpus"
    assert all(check(row) for row in rows)
    base = path.split("?")[0] + ("?q=medicine&" if "search" in path else "?")
    assert api.get(base + "per_page=500").json()["meta"]["total"] > len(rows), "the filter left something out"


def test_search_highlights_the_words_found_and_counts_each_facet(api: TestClient) -> None:
    body = api.get("/api/search?q=medicine").json()
    hits = body["data"]
    assert hits and all(h["snippet"][a:b].casefold().startswith("medic") for h in hits for a, b in h["highlights"])
    facets = body["meta"]["facets"]
    assert set(facets) == {"partner", "theme", "year", "meeting_kind", "kind", "status"}
    assert sum(facets["kind"].values()) == body["meta"]["total"]
    assert sum(facets["meeting_kind"].values()) == body["meta"]["total"]
    partner, n = next(iter(facets["partner"].items()))
    assert api.get(f"/api/search?q=medicine&partner={partner}").json()["meta"]["total"] == n
    meeting_kind, n = next(iter(facets["meeting_kind"].items()))
    assert api.get(f"/api/search?q=medicine&meeting_kind={meeting_kind}").json()["meta"]["total"] == n


def test_a_meeting_holds_its_record_and_the_text_its_spans_point_into(api: TestClient) -> None:
    m = api.get("/api/meetings/beijing-plenary-5").json()["data"]
    text = m["text"]
    measures = [x for a in m["areas"] for x in a["measures"]]
    assert len(measures) == m["measures"] > 0
    for x in measures:
        start, end = x["span"]
        assert x["text"][:20].split()[0] in text[start:end]
        assert x["status"] == "agreed" and x["source_url"].endswith(f"#src-measure-{x['position']}")
    assert all(text[p["span"][0] : p["span"][1]].endswith(p["name"].split()[-1]) for p in m["people"])


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/api/meetings/no-such-meeting", 404, "not_found"),
        ("GET", "/api/no/such/path", 404, "not_found"),
        ("GET", "/api/measures/0000", 404, "not_found"),
        ("GET", "/api/meetings?year=not-a-year", 422, "invalid"),
        ("GET", "/api/measures?per_page=100000", 422, "invalid"),
        ("GET", "/api/search", 422, "invalid"),
        ("DELETE", "/api/meetings", 405, "method_not_allowed"),
        ("POST", "/api/measures/abc/events", 401, "unauthorized"),
        ("GET", "/api/users", 401, "unauthorized"),
    ],
    ids=[
        "no-meeting",
        "no-path",
        "no-measure",
        "bad-year",
        "huge-page",
        "no-query",
        "bad-method",
        "anonymous-write",
        "anonymous-admin",
    ],
)
def test_every_error_has_the_one_shape(api: TestClient, method: str, path: str, status: int, code: str) -> None:
    response = api.request(method, path, json={"status": "implemented"})
    assert response.status_code == status
    _is_error(response.json(), code)


def test_forbidden_and_server_errors_have_the_one_shape_too(stored: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    c = client(stored, raise_errors=False)
    c.post("/login")  # no CSRF: a form error is HTML (not the API), so check the API's 403 through a token
    from cooptrack.serve.auth import make_token
    from cooptrack.store.accounts import AccountRole

    stored.add_user("viewer", AccountRole.EDITOR, "x")
    with stored._sessions.begin() as session:  # an account whose role grants nothing (say, a retired role)
        from cooptrack.store.models import UserAccount

        session.query(UserAccount).filter_by(name="viewer").update({"role": "retired"})
    token = make_token(stored, "viewer", "test").secret
    forbidden = c.post("/api/measures/abc/events", json={"status": "implemented"},
                       headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert forbidden.status_code == 403
    _is_error(forbidden.json(), "forbidden")

    def broken(self: Data) -> list[Any]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Data, "meetings", property(broken))
    crash = c.get("/api/meetings")
    assert crash.status_code == 500
    _is_error(crash.json(), "server_error")
    assert "a bug" not in crash.text, "no internals leak"


def test_the_openapi_document_describes_every_api_route_and_no_page(api: TestClient) -> None:
    doc = api.get("/api/openapi.json").json()
    paths = set(doc["paths"])
    expected = {"/api/meetings", "/api/meetings/{slug}", "/api/search", "/api/measures/{key}/events", "/api/compare",
                "/api/diff", "/api/matrix", "/api/people/{person_id}", "/api/agreements", "/api/events"}  # fmt: skip
    assert expected <= paths
    assert all(p.startswith("/api/") for p in paths)
    assert "ErrorBody" in doc["components"]["schemas"]


def test_events_written_through_the_api_show_in_the_measure_and_the_lists(stored: Store) -> None:
    from cooptrack.serve.auth import make_token
    from webtools import EDITOR

    c = client(stored)
    key = next(iter(Data(stored).measures))
    auth = {"Authorization": f"Bearer {make_token(stored, EDITOR, 'api test').secret}"}
    body = {"status": "in_progress", "note": "work started", "evidence_url": "https://example.org/a",
            "evidence_kind": "independent"}  # fmt: skip
    made = c.post(f"/api/measures/{key}/events", json=body, headers=auth)
    assert made.status_code == 201
    assert made.json()["data"]["history"][0]["evidence_kind"] == "independent"
    assert c.get(f"/api/measures/{key}").json()["data"]["status"] == "in_progress"
    assert key in {r["key"] for r in c.get("/api/measures?status=in_progress&per_page=500").json()["data"]}
    assert c.get("/api/events").json()["data"][0]["measure"] == key
    bad = c.post(f"/api/measures/{key}/events", json={**body, "evidence_url": "javascript:alert(1)"}, headers=auth)
    assert bad.status_code == 422 and set(bad.json()) == {"error"}


# --- what changed between meetings (a synthetic series) ------------------------------------------


def test_a_mechanism_shows_what_changed_from_each_meeting_to_the_next(
    tmp_path: Path, make_release: Callable[..., Any]
) -> None:
    kept = ("Hold a joint trade fair for small firms every year.", ["trade_investment"])
    first = [("Trade", ["trade_investment"], [kept, ("Open a liaison office in Hefei.", ["liaison"])])]
    second = [("Trade", ["trade_investment"], [kept, ("Set up a youth internship scheme.", ["youth"])])]
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.ingest(*make_release(ordinal=1, year=2022, areas=first))
        store.ingest(*make_release(ordinal=2, year=2023, areas=second))
        c = client(store)
        mech = c.get("/api/mechanisms/anhui").json()["data"]
        assert [m["ordinal"] for m in mech["meeting_list"]] == [1, 2]
        [change] = mech["changes"]
        assert [x["later"]["text"] for x in change["carried"]] == [kept[0]]
        assert [x["text"] for x in change["new"]] == ["Set up a youth internship scheme."]
        assert [x["text"] for x in change["dropped"]] == ["Open a liaison office in Hefei."]
        diff = c.get("/api/diff?mechanism=Anhui").json()["data"]
        assert diff["earlier"] == "anhui-plenary-1" and diff["later"] == "anhui-plenary-2"


def test_the_store_is_read_again_only_when_something_was_written(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'snap.db'}") as store:
        ingest_corpus(store, CORPUS)
        c = client(store)
        key = next(iter(Data(store).measures))
        assert c.get(f"/api/measures/{key}").json()["data"]["status"] == "agreed"
        first = c.app.state.web.snapshot()  # type: ignore[attr-defined]
        c.get("/api/meetings")
        assert c.app.state.web.snapshot() is first, "nothing written: the same snapshot"  # type: ignore[attr-defined]
        from cooptrack.vocab import TrackingStatus

        store.record_event(key, TrackingStatus.DROPPED, by="another process")
        assert c.get(f"/api/measures/{key}").json()["data"]["status"] == "dropped"
        assert c.app.state.web.snapshot() is not first  # type: ignore[attr-defined]
