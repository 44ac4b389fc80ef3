"""One view of each thing (issue 12 item 7): a meeting, a person, a commitment, an agreement, a
measure and a mechanism are each one document (``cooptrack.views``), whether the API or the CLI's
``--format json`` gives it; a list of them is the same documents (or the same summaries) in the
CLI, the API and the web's JSON download. Synthetic releases written here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from cooptrack.cli import app
from cooptrack.store import Store
from cooptrack.store.tracking import NoteField
from cooptrack.views import service as views
from cooptrack.views.agreement import AgreementView
from cooptrack.views.commitment import CommitmentSummaryView, CommitmentView
from cooptrack.views.measure import MeasureDetailView, MeasureView
from cooptrack.views.mechanism import MechanismSummaryView, MechanismView
from cooptrack.views.meeting import MeetingSummaryView, MeetingView
from cooptrack.views.person import PersonSummaryView, PersonView
from cooptrack.vocab import TrackingStatus
from webtools import client

runner = CliRunner()


def test_the_cli_and_the_api_give_one_document_of_a_meeting(tmp_path: Path, make_release: Callable[..., Any]) -> None:
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, agreements=["Memorandum on Testing [draft]"]))
        store.ingest(*make_release(partner="Hunan", year=None, ordinal=2))
        meetings = store.all_meetings()
        api = client(store)
        documents = {}
        for m in meetings:
            from_api = api.get(f"/api/meetings/{m.slug}").json()["data"]
            shown = runner.invoke(app, ["show", m.slug, "--db", url, "--format", "json"])
            assert shown.exit_code == 0, shown.stderr
            from_cli = json.loads(shown.stdout)
            assert from_cli == from_api
            assert MeetingView.model_validate(from_cli).slug == m.slug
            # the API's keys before the view (meeting_detail) are all still there
            assert set(views.meeting_detail(m, store.tracking())) <= set(from_api)
            documents[m.partner] = from_cli
    assert len(documents) == 2
    anhui, hunan = documents["Anhui"], documents["Hunan"]
    assert [a["title"] for a in anhui["agreements"]] != [] and hunan["agreements"] == []
    assert anhui["record"]["partner"] == "Anhui" and "text" not in anhui["record"] and anhui["text"]
    assert len(anhui["read"]["sha256"]) == 64


def test_the_view_refuses_a_key_it_does_not_declare(tmp_path: Path, make_release: Callable[..., Any]) -> None:
    with Store(f"sqlite:///{tmp_path / 'views.db'}") as store:
        store.ingest(*make_release(partner="Anhui", year=2023))
        (m,) = store.all_meetings()
        document = views.meeting_view(m, store.tracking()).document()
    MeetingView.model_validate(document)  # what the builder makes is what the model declares
    with pytest.raises(ValidationError):
        MeetingView.model_validate({**document, "surprise": 1})


def test_the_cli_and_the_api_give_one_document_of_a_person(tmp_path: Path, make_release: Callable[..., Any]) -> None:
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, people=[("Lau Ka-ming", "Secretary for Testing")]))
        both = [("Lau Ka-ming", "Secretary for Testing"), ("Ho Wing-sze", "Under Secretary")]
        store.ingest(*make_release(partner="Hunan", year=2024, ordinal=2, people=both))
        slugs = {m.slug for m in store.all_meetings()}
        api = client(store)
        listed = api.get("/api/people").json()["data"]
        assert {row["name"] for row in listed} == {"Lau Ka-ming", "Ho Wing-sze"}
        from_list = {}
        for row in listed:
            from_api = api.get(f"/api/people/{row['id']}").json()["data"]
            shown = runner.invoke(app, ["person", row["name"], "--db", url, "--format", "json"])
            assert shown.exit_code == 0, shown.stderr
            from_cli = json.loads(shown.stdout)
            assert from_cli == from_api
            assert PersonView.model_validate(from_cli).url == row["url"]
            from_list[row["name"]] = from_cli
    lau = from_list["Lau Ka-ming"]
    assert {a["meeting"] for a in lau["appearances"]} == slugs and len(slugs) == 2
    assert lau["id"].startswith("person/") and lau["memberships"][0]["role"] == "Secretary for Testing"
    with pytest.raises(ValidationError):
        PersonView.model_validate({**lau, "surprise": 1})


def test_the_cli_and_the_api_give_one_document_of_a_commitment(
    tmp_path: Path, make_release: Callable[..., Any]
) -> None:
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, ordinal=1))
        store.ingest(*make_release(partner="Anhui", year=2024, ordinal=2))  # the same measures again
        first = store.all_meetings()[0]
        store.record_event(first.measures[0].key, TrackingStatus.IN_PROGRESS, by="tester")
        api = client(store)
        listed = api.get("/api/commitments").json()["data"]
        assert listed and all(len(row["appearances"]) == 2 for row in listed)
        documents = []
        for row in listed:
            from_api = api.get(f"/api/commitments/{row['key']}").json()["data"]
            shown = runner.invoke(app, ["commitments", "show", row["key"], "--db", url, "--format", "json"])
            assert shown.exit_code == 0, shown.stderr
            from_cli = json.loads(shown.stdout)
            assert from_cli == from_api
            assert {k: v for k, v in from_api.items() if k != "history"} == row  # the summary, and the history
            documents.append(CommitmentView.model_validate(from_cli))
    tracked = [v for v in documents if v.history]
    assert len(tracked) == 1 and tracked[0].status == "in_progress" and tracked[0].history[0].made_by == "tester"
    with pytest.raises(ValidationError):
        CommitmentView.model_validate({**documents[0].document(), "surprise": 1})


def test_an_agreement_is_one_document_in_the_register_and_in_its_meeting(
    tmp_path: Path, make_release: Callable[..., Any]
) -> None:
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, agreements=["Memorandum on Testing", "Pact on Mocks"]))
        store.ingest(*make_release(partner="Hunan", year=2024, ordinal=2, agreements=["Memorandum on Fixtures"]))
        api = client(store)
        register = {g["key"]: g for g in api.get("/api/agreements").json()["data"]}
        in_meetings = {}
        for m in store.all_meetings():
            shown = runner.invoke(app, ["show", m.slug, "--db", url, "--format", "json"])
            assert shown.exit_code == 0, shown.stderr
            in_meetings |= {g["key"]: g for g in json.loads(shown.stdout)["agreements"]}
    assert len(register) == 3 and in_meetings == register
    views_of = [AgreementView.model_validate(g) for g in register.values()]
    assert sorted(v.title for v in views_of if v.partner == "Anhui") == ["Memorandum on Testing", "Pact on Mocks"]
    with pytest.raises(ValidationError):
        AgreementView.model_validate({**views_of[0].document(), "surprise": 1})


def test_a_measure_is_one_document_in_the_api_and_in_its_meeting(
    tmp_path: Path, make_release: Callable[..., Any]
) -> None:
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, ordinal=1))
        store.ingest(*make_release(partner="Anhui", year=2024, ordinal=2))  # the same measures again
        first, second = sorted(store.all_meetings(), key=lambda m: m.ordinal or 0)
        store.record_event(first.measures[0].key, TrackingStatus.IN_PROGRESS, by="tester")
        api = client(store)
        listed = {x["key"]: x for x in api.get("/api/measures").json()["data"]}
        in_meetings = {}
        for m in (first, second):
            shown = runner.invoke(app, ["show", m.slug, "--db", url, "--format", "json"])
            assert shown.exit_code == 0, shown.stderr
            in_meetings |= {x["key"]: x for a in json.loads(shown.stdout)["areas"] for x in a["measures"]}
        assert in_meetings == listed and len(listed) == len(first.measures) + len(second.measures)
        for key, x in listed.items():
            detail = api.get(f"/api/measures/{key}").json()["data"]
            assert {k: v for k, v in detail.items() if k != "history"} == x
            MeasureDetailView.model_validate(detail)
    # the status given to the first appearance is the later appearance's too, in the CLI as in the API
    later = in_meetings[second.measures[0].key]
    assert later["status"] == "in_progress" and later["commitment"]["appearances"] == 2
    with pytest.raises(ValidationError):
        MeasureView.model_validate({**later, "surprise": 1})


def test_the_cli_and_the_api_give_one_document_of_a_mechanism(tmp_path: Path, make_release: Callable[..., Any]) -> None:
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, ordinal=1))
        store.ingest(*make_release(partner="Anhui", year=2024, ordinal=3))  # the second not stored: a gap
        store.ingest(*make_release(partner="Hunan", year=2024, ordinal=2))
        held = [m.slug for m in sorted(store.all_meetings(), key=lambda m: m.ordinal or 0) if m.partner == "Anhui"]
        api = client(store)
        listed = api.get("/api/mechanisms").json()["data"]
        documents = {}
        for row in listed:
            from_api = api.get(f"/api/mechanisms/{row['slug']}").json()["data"]
            shown = runner.invoke(app, ["mechanism", row["partner"], "--db", url, "--format", "json"])
            assert shown.exit_code == 0, shown.stderr
            from_cli = json.loads(shown.stdout)
            assert from_cli == from_api
            assert {k: v for k, v in from_api.items() if k not in ("meeting_list", "changes")} == row
            documents[row["partner"]] = MechanismView.model_validate(from_cli)
        table = runner.invoke(app, ["mechanism", "Anhui", "--db", url])
        assert table.exit_code == 0 and "gap:" in table.stdout
    anhui, hunan = documents["Anhui"], documents["Hunan"]
    assert anhui.meetings == 2 and len(anhui.changes) == 1 and anhui.gaps and not hunan.changes
    assert [m["slug"] for m in anhui.meeting_list] == held
    with pytest.raises(ValidationError):
        MechanismView.model_validate({**anhui.document(), "surprise": 1})


def test_the_json_export_holds_the_apis_documents(tmp_path: Path, make_release: Callable[..., Any]) -> None:
    """``cooptrack export --format json`` writes each meeting, person, agreement and commitment as the API gives it."""
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, ordinal=1, agreements=["Memorandum on Testing"]))
        store.ingest(*make_release(partner="Anhui", year=2024, ordinal=2, people=[("Lau Ka-ming", "Secretary")]))
        first = sorted(store.all_meetings(), key=lambda m: m.ordinal or 0)[0]
        store.record_event(first.measures[0].key, TrackingStatus.IN_PROGRESS, by="tester")
        api = client(store)
        out = tmp_path / "export"
        written = runner.invoke(app, ["export", str(out), "--db", url])
        assert written.exit_code == 0, written.stderr
        index = json.loads((out / "index.json").read_text(encoding="utf-8"))["meetings"]
        assert len(index) == 2
        for entry in index:
            exported = json.loads((out / entry["file"]).read_text(encoding="utf-8"))
            assert exported == api.get(f"/api/meetings/{entry['meeting']}").json()["data"]
            MeetingView.model_validate(exported)
        people = json.loads((out / "people.json").read_text(encoding="utf-8"))
        listed = api.get("/api/people").json()["data"]
        assert people and [p["name"] for p in people] == [row["name"] for row in listed]
        for person, row in zip(people, listed, strict=True):
            assert person == api.get(f"/api/people/{row['id']}").json()["data"]
        agreements = json.loads((out / "agreements.json").read_text(encoding="utf-8"))
        assert agreements == api.get("/api/agreements").json()["data"] and len(agreements) == 1
        commitments = json.loads((out / "commitments.json").read_text(encoding="utf-8"))
        assert commitments and {c["key"] for c in commitments} == {
            c["key"] for c in api.get("/api/commitments").json()["data"]
        }
        for c in commitments:
            assert c == api.get(f"/api/commitments/{c['key']}").json()["data"]
    # the status given at the first meeting is in the exported commitment, with its history
    tracked = [CommitmentView.model_validate(c) for c in commitments if c["history"]]
    assert len(tracked) == 1 and tracked[0].status == "in_progress"


def _lists_store(store: Store, make_release: Callable[..., Any]) -> None:
    """Two Anhui plenaries stating the same measures (commitments of two appearances), a Hunan
    meeting with an agreement and people, a status and an editor's notes on one commitment. Lau
    Ka-ming is at all three meetings (at Anhui's third as make_release's default person)."""
    store.ingest(*make_release(partner="Anhui", year=2023, ordinal=1, people=[("Lau Ka-ming", "Secretary")]))
    store.ingest(*make_release(partner="Anhui", year=2024, ordinal=3, agreements=["Memorandum on Testing"]))
    hunan = [("Lau Ka-ming", "Secretary"), ("Ho Wing-sze", "Under Secretary")]
    store.ingest(*make_release(partner="Hunan", year=2024, ordinal=2, people=hunan, agreements=["Pact on Mocks"]))
    first = next(m for m in store.all_meetings() if m.partner == "Anhui" and m.ordinal == 1)
    key = first.measures[0].key
    store.record_event(key, TrackingStatus.IN_PROGRESS, by="tester")
    store.record_note(key, NoteField.BUREAU, "Bureau of Synthetic Affairs", by="tester")
    store.record_note(key, NoteField.CHECKED, "2025-01-15", by="tester")


# Each list the CLI prints: its command, the API's list and the download of the same rows, filtered
# alike; the view each item is.
CLI_LISTS = {
    "meetings": (["list"], "/api/meetings", "/download/meetings.json", MeetingSummaryView),
    "mechanisms": (["mechanisms"], "/api/mechanisms", "/download/mechanisms.json", MechanismSummaryView),
    "commitments": (["commitments", "list"], "/api/commitments", "/download/commitments.json", CommitmentSummaryView),
    "commitments of a partner": (
        ["commitments", "list", "Anhui"],
        "/api/commitments?partner=Anhui",
        "/download/commitments.json?partner=Anhui",
        CommitmentSummaryView,
    ),
    "people": (["people"], "/api/people", "/download/people.json", PersonSummaryView),
    "people of a side, by words": (
        ["people", "secretary", "--side", "HK"],
        "/api/people?side=HK&q=secretary",
        "/download/people.json?side=HK&q=secretary",
        PersonSummaryView,
    ),
}


@pytest.mark.parametrize("name", list(CLI_LISTS))
def test_a_list_is_the_same_documents_in_the_cli_the_api_and_the_download(
    name: str, tmp_path: Path, make_release: Callable[..., Any]
) -> None:
    command, path, download, view = CLI_LISTS[name]
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        _lists_store(store, make_release)
        api = client(store)
        from_api = api.get(f"{path}{'&' if '?' in path else '?'}per_page=500").json()["data"]
        downloaded = api.get(download)
        assert downloaded.status_code == 200, downloaded.text
        printed = runner.invoke(app, [*command, "--db", url, "--format", "json"])
        assert printed.exit_code == 0, printed.stderr
    from_cli = json.loads(printed.stdout)
    assert from_cli == from_api == downloaded.json()["data"]
    assert from_cli, "the list is not empty"
    assert [view.model_validate(item).document() for item in from_cli] == from_cli  # each item is the view
    with pytest.raises(ValidationError):
        view.model_validate({**from_cli[0], "surprise": 1})


def test_the_lists_of_a_synthetic_store_hold_what_was_stored(tmp_path: Path, make_release: Callable[..., Any]) -> None:
    """The documents of the lists above say what the store holds (not only the same thing thrice)."""
    url = f"sqlite:///{tmp_path / 'views.db'}"
    with Store(url) as store:
        _lists_store(store, make_release)
        api = client(store)
        mechs = {m["partner"]: m for m in api.get("/api/mechanisms").json()["data"]}
        tracked = [c for c in api.get("/api/commitments?per_page=500").json()["data"] if c["status"] != "agreed"]
        people = {p["name"]: p for p in api.get("/api/people").json()["data"]}
    assert mechs["Anhui"]["meetings"] == 2 and mechs["Anhui"]["gaps"] and mechs["Hunan"]["meetings"] == 1
    (c,) = tracked
    assert c["status"] == "in_progress" and len(c["appearances"]) == 2
    assert (c["bureau"], c["checked"], c["first_label"]) == ("Bureau of Synthetic Affairs", "2025-01-15",
                                                             "Anhui, 1st plenary, 2023")  # fmt: skip
    assert people["Lau Ka-ming"]["appearances"] == 3 and people["Ho Wing-sze"]["meetings"] == ["hunan-plenary-2"]


# The lists with no command of their own: the API's and the download's are the same documents.
WEB_LISTS = {
    "agreements": ("/api/agreements", "/download/agreements.json", AgreementView),
    "agreements of a partner": (
        "/api/agreements?partner=Hunan",
        "/download/agreements.json?partner=Hunan",
        AgreementView,
    ),
    "measures": ("/api/measures", "/download/measures.json", MeasureView),
}


@pytest.mark.parametrize("name", list(WEB_LISTS))
def test_a_list_is_the_same_documents_in_the_api_and_the_download(
    name: str, tmp_path: Path, make_release: Callable[..., Any]
) -> None:
    path, download, view = WEB_LISTS[name]
    with Store(f"sqlite:///{tmp_path / 'views.db'}") as store:
        _lists_store(store, make_release)
        api = client(store)
        from_api = api.get(f"{path}{'&' if '?' in path else '?'}per_page=500").json()["data"]
        downloaded = api.get(download).json()["data"]
    assert from_api and from_api == downloaded
    assert [view.model_validate(item).document() for item in from_api] == from_api


def test_the_api_answers_only_with_the_view(
    tmp_path: Path, make_release: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's response model is the view: a row that strays from it is a server error, not a new shape."""
    with Store(f"sqlite:///{tmp_path / 'views.db'}") as store:
        store.ingest(*make_release(partner="Anhui", year=2023))
        api = client(store, raise_errors=False)
        assert api.get("/api/mechanisms").status_code == 200
        monkeypatch.setattr(views, "mechanism_row", lambda mech: {"name": mech.name, "surprise": 1})
        assert api.get("/api/mechanisms?per_page=20").status_code == 500  # (another address: not the answer kept)
        schema = api.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"MechanismSummaryView", "CommitmentSummaryView", "PersonSummaryView", "MeetingView"} <= set(schema)


def test_the_pages_render_the_documents_the_api_gives(
    tmp_path: Path, make_release: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page of a meeting, a mechanism, a commitment, a measure and a person is given the view the
    API returns: what the builder made is what the template received."""
    handed: dict[str, Any] = {}
    with Store(f"sqlite:///{tmp_path / 'views.db'}") as store:
        _lists_store(store, make_release)
        api = client(store)
        first = next(m for m in store.all_meetings() if m.partner == "Anhui" and m.ordinal == 1)
        key = first.measures[0].key
        person = api.get("/api/people").json()["data"][0]
        mech = api.get("/api/mechanisms").json()["data"][0]
        pages = {
            "meeting_view": (f"/meetings/{first.slug}", f"/api/meetings/{first.slug}"),
            "mechanism_view": (mech["url"], f"/api/mechanisms/{mech['slug']}"),
            "commitment_view": (f"/commitments/{key}", f"/api/commitments/{key}"),
            "measure_detail_view": (f"/measures/{key}", f"/api/measures/{key}"),
            "person_view": (person["url"], f"/api/people/{person['id']}"),
        }
        from cooptrack.serve import pages as page_module

        for name in pages:
            module = page_module if name == "person_view" else views
            built = getattr(module, name)

            def recording(*args: Any, _name: str = name, _built: Any = built) -> Any:
                view = _built(*args)
                handed[_name] = view.document()
                return view

            monkeypatch.setattr(module, name, recording)
        for name, (page, path) in pages.items():
            assert api.get(page).status_code == 200, page
            assert handed.pop(name) == api.get(path).json()["data"], page
