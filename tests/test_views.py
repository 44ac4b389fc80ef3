"""One view of each thing (issue 12 item 7): a meeting, a person, a commitment, an agreement, a
measure and a mechanism are each one document (``cooptrack.views``), whether the API or the CLI's
``--format json`` gives it. Synthetic releases written here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from cooptrack.cli import app
from cooptrack.serve import views
from cooptrack.store import Store
from cooptrack.views.agreement import AgreementView
from cooptrack.views.commitment import CommitmentView
from cooptrack.views.measure import MeasureDetailView, MeasureView
from cooptrack.views.mechanism import MechanismView
from cooptrack.views.meeting import MeetingView
from cooptrack.views.person import PersonView
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
        everyone = runner.invoke(app, ["people", "--db", url, "--format", "json"])
        assert everyone.exit_code == 0, everyone.stderr
        from_list = {p["name"]: p for p in json.loads(everyone.stdout)}
        for row in listed:
            from_api = api.get(f"/api/people/{row['id']}").json()["data"]
            shown = runner.invoke(app, ["person", row["name"], "--db", url, "--format", "json"])
            assert shown.exit_code == 0, shown.stderr
            from_cli = json.loads(shown.stdout)
            assert from_cli == from_api == from_list[row["name"]]
            assert PersonView.model_validate(from_cli).url == row["url"]
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
            assert set(row) - set(from_api) <= {
                "first_label",
                "first_day",
                "bureau",
                "bureau_by",
                "checked",
                "checked_by",
            }
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
            assert from_cli == from_api and set(row) <= set(from_api)
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
