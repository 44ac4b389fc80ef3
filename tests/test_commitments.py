"""Commitments: a measure carried from meeting to meeting is one commitment with its appearances.

A synthetic series written here (three plenaries of an invented Hong Kong/Anhui conference, built by
``make_release`` in conftest.py): a measure repeated word for word, one reworded (500 -> 800 young
people), one left out of the second plenary, two that a user joins and one that a user splits off.
Status events attach to the commitment; the counts, the heatmap and the tracker count commitments;
users' splits and joins survive re-ingests and parser upgrades.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cooptrack.cli import app
from cooptrack.errors import CooptrackError, NotFound
from cooptrack.knowledge import commitments
from cooptrack.store import CorrectionKind, Store
from cooptrack.views import brief, ledger, queries
from cooptrack.vocab import TrackingStatus
from webtools import add_accounts, client, csrf_of, sign_in

MakeRelease = Callable[..., Any]

FAIR = "Hold a joint trade and investment fair in Hong Kong every year."
TOURS = "Organise exchange tours to Anhui for 500 Hong Kong young people each year."
TOURS_2 = "Organise exchange tours to Anhui for 800 Hong Kong young people each year."
PARKS = "Support Hong Kong enterprises in the development of industrial parks in Hefei."
MEDICINE = "Promote exchanges between Chinese medicine hospitals of the two places."
CLINICS = "Set up joint clinics for traditional remedies in Wuhu and Bengbu."  # a user's join: worded apart
LAB = "Establish joint laboratories on new materials with universities of the two places."

TRADE, YOUTH, HEALTH, TECH = ["trade_investment"], ["youth"], ["health"], ["innovation_technology"]


def _series(*texts: tuple[str, list[str]]) -> list[tuple[str, list[str], list[tuple[str, list[str]]]]]:
    return [("Co-operation", texts[0][1], list(texts))]


PLENARIES = {
    1: _series((FAIR, TRADE), (TOURS, YOUTH), (PARKS, TRADE), (MEDICINE, HEALTH)),
    2: _series((FAIR, TRADE), (TOURS_2, YOUTH), (CLINICS, HEALTH)),
    3: _series((FAIR, TRADE), (TOURS_2, YOUTH), (LAB, TECH)),
}
YEARS = {1: 2019, 2: 2021, 3: 2024}


def _ingest(store: Store, make_release: MakeRelease, parser_version: str = "1.0.0", **changed: Any) -> None:
    for n, areas in PLENARIES.items():
        store.ingest(*make_release(ordinal=n, year=YEARS[n], areas=changed.get(str(n), areas),
                                   parser_version=parser_version))  # fmt: skip


@pytest.fixture
def series(tmp_path: Path, make_release: MakeRelease) -> Iterator[Store]:
    """The series in a SQLite file (the web client's threads share it)."""
    with Store(f"sqlite:///{tmp_path / 'series.db'}") as store:
        _ingest(store, make_release)
        yield store


def _by_text(found: commitments.Ledger) -> dict[str, commitments.Commitment]:
    return {a.measure.text: c for c in found.commitments for a in c.appearances}


def _key(store: Store, slug: str, text: str) -> str:
    return next(x.key for x in store.meeting(slug).measures if x.text == text)


# --- one commitment, its appearances ---------------------------------------------------------------


def test_a_measure_repeated_at_three_plenaries_is_one_commitment_with_three_appearances(series: Store) -> None:
    fair = _by_text(ledger.ledger(series))[FAIR]
    assert [(a.meeting.slug, a.how) for a in fair.appearances] == [
        ("anhui-plenary-1", "first"), ("anhui-plenary-2", "repeated"), ("anhui-plenary-3", "repeated"),
    ]  # fmt: skip
    assert fair.key == _key(series, "anhui-plenary-1", FAIR)
    assert fair.last.meeting.slug == "anhui-plenary-3" and fair.repeats == 2
    assert fair.appearances[1].basis.startswith("wording 100% alike")


def test_a_reworded_measure_keeps_its_commitment_and_shows_the_words_that_changed(series: Store) -> None:
    tours = _by_text(ledger.ledger(series))[TOURS]
    assert [a.how for a in tours.appearances] == ["first", "reworded", "repeated"]
    assert "[-500-] {+800+}" in tours.appearances[1].wording
    assert tours.text == TOURS_2  # the latest wording
    row = ledger.commitment_json(tours, series.tracking())
    assert row["reworded_at"] == ["anhui-plenary-2"] and row["repeated_at"] == ["anhui-plenary-3"]
    assert row["first_agreed"]["meeting"] == "anhui-plenary-1" and row["last_seen"]["meeting"] == "anhui-plenary-3"


def test_measures_not_carried_over_are_commitments_of_their_own(series: Store) -> None:
    found = ledger.ledger(series)
    by_text = _by_text(found)
    assert len(found.commitments) == 6  # 10 statements: fair x3, tours x3, parks, medicine, clinics, lab
    assert sum(len(c.appearances) for c in found.commitments) == 10
    assert by_text[MEDICINE] is not by_text[CLINICS]
    assert [len(by_text[t].appearances) for t in (PARKS, MEDICINE, CLINICS, LAB)] == [1, 1, 1, 1]


def test_a_rejected_link_keeps_two_commitments_and_a_confirmed_one_crosses_a_gap(series: Store) -> None:
    k1, k2 = _key(series, "anhui-plenary-1", FAIR), _key(series, "anhui-plenary-2", FAIR)
    queries.decide_link(series, k1, k2, confirm=False, by="edith", note=None)
    by_text = _by_text(ledger.ledger(series))
    assert len(by_text[FAIR].appearances) == 2 and by_text[FAIR].first.meeting.slug == "anhui-plenary-2"
    parks, lab = _key(series, "anhui-plenary-1", PARKS), _key(series, "anhui-plenary-3", LAB)
    queries.decide_link(series, parks, lab, confirm=True, by="edith", note="the parks now host the laboratories")
    linked = _by_text(ledger.ledger(series))[PARKS]
    assert [a.meeting.slug for a in linked.appearances] == ["anhui-plenary-1", "anhui-plenary-3"]
    assert linked.appearances[1].basis.startswith("confirmed by edith")


# --- status and staleness ------------------------------------------------------------------------


def test_a_status_recorded_on_one_appearance_is_the_status_of_every_appearance(series: Store) -> None:
    series.record_event(_key(series, "anhui-plenary-1", FAIR), TrackingStatus.IMPLEMENTED, by="edith")
    found = ledger.ledger(series)
    shared = ledger.shared_tracking(series.tracking(), found)
    fair = _by_text(found)[FAIR]
    assert {shared.status(k) for k in fair.keys} == {TrackingStatus.IMPLEMENTED}
    assert shared.status(_key(series, "anhui-plenary-3", LAB)) is TrackingStatus.AGREED
    assert len(shared.attached()) == 1  # one event, seen from three appearances
    assert ledger.commitment_json(fair, series.tracking())["status"] == "implemented"


def test_staleness_no_change_for_twelve_months_and_still_agreed_after_three_meetings(series: Store) -> None:
    found = _by_text(ledger.ledger(series))
    today = dt.date(2025, 1, 10)
    fair, lab = found[FAIR], found[LAB]
    assert [s.kind for s in commitments.staleness(fair, "agreed", None, today)] == ["quiet", "agreed"]
    assert commitments.staleness(fair, "agreed", None, today)[0].describe().startswith("no status change for 68")
    assert [s.kind for s in commitments.staleness(fair, "in_progress", dt.date(2024, 9, 1), today)] == []
    assert [s.kind for s in commitments.staleness(fair, "in_progress", dt.date(2023, 9, 1), today)] == ["quiet"]
    assert commitments.staleness(lab, "agreed", None, today) == []  # agreed in June 2024, one meeting ago
    assert found[CLINICS].held_since == 2 and fair.held_since == 3


# --- users' splits and joins ---------------------------------------------------------------------


def test_a_user_splits_a_commitment_and_the_decision_is_an_event(series: Store) -> None:
    later = _key(series, "anhui-plenary-2", TOURS_2)
    done = ledger.split(series, later[:10], by="edith", note="the 800 places are a new programme")
    assert "anhui-plenary-2 #2 starts a commitment apart from anhui-plenary-1 #2" in done.message
    by_text = _by_text(ledger.ledger(series))
    assert [a.meeting.slug for a in by_text[TOURS].appearances] == ["anhui-plenary-1"]
    assert [a.meeting.slug for a in by_text[TOURS_2].appearances] == ["anhui-plenary-2", "anhui-plenary-3"]
    assert by_text[TOURS_2].key == later
    rows = series.corrections(CorrectionKind.COMMITMENT_SPLIT)
    assert [(r.right, r.made_by, r.note) for r in rows] == [(later, "edith", "the 800 places are a new programme")]
    with pytest.raises(CooptrackError, match="first agreed"):
        ledger.split(series, _key(series, "anhui-plenary-1", FAIR), by="edith", note=None)


def test_a_user_joins_two_commitments_and_a_later_split_undoes_it(series: Store) -> None:
    medicine, clinics = _key(series, "anhui-plenary-1", MEDICINE), _key(series, "anhui-plenary-2", CLINICS)
    ledger.join(series, clinics, medicine, by="edith", note="the clinics carry the hospitals' exchanges on")
    joined = _by_text(ledger.ledger(series))[MEDICINE]
    assert [(a.meeting.slug, a.how) for a in joined.appearances] == [
        ("anhui-plenary-1", "first"), ("anhui-plenary-2", "reworded")
    ]  # fmt: skip
    assert joined.key == medicine and joined.appearances[1].basis.startswith("joined by edith")
    assert len(ledger.ledger(series).commitments) == 5
    with pytest.raises(CooptrackError, match="already one commitment"):
        ledger.join(series, medicine, clinics, by="edith", note=None)
    ledger.split(series, clinics, by="adam", note=None)  # the latest decision stands
    by_text = _by_text(ledger.ledger(series))
    assert by_text[MEDICINE] is not by_text[CLINICS]
    assert len(series.corrections(CorrectionKind.COMMITMENT_JOIN, CorrectionKind.COMMITMENT_SPLIT)) == 2


def test_unknown_short_and_ambiguous_keys_are_refused_with_a_reason(series: Store) -> None:
    fair = _key(series, "anhui-plenary-1", FAIR)
    with pytest.raises(NotFound, match='no commitment or measure with key "ffffffffff"'):
        ledger.join(series, "ffffffffff", fair, by="edith", note=None)
    with pytest.raises(CooptrackError, match="at least six characters"):
        ledger.split(series, fair[:3], by="edith", note=None)
    found = ledger.ledger(series)
    found.of_measure = {"abcdef01": found.commitments[0], "abcdef02": found.commitments[1]}  # two keys, one start
    with pytest.raises(CooptrackError, match="several commitments"):
        ledger.find(found, "abcdef")


def test_splits_and_joins_survive_a_reingest_and_a_parser_upgrade(store: Store, make_release: MakeRelease) -> None:
    _ingest(store, make_release)
    ledger.join(store, _key(store, "anhui-plenary-1", MEDICINE), _key(store, "anhui-plenary-2", CLINICS),
                by="edith", note=None)  # fmt: skip
    ledger.split(store, _key(store, "anhui-plenary-3", TOURS_2), by="edith", note=None)
    store.record_event(_key(store, "anhui-plenary-1", MEDICINE), TrackingStatus.IN_PROGRESS, by="edith")

    def shape() -> list[list[str]]:
        return sorted(
            [a.meeting.slug[-1] + ":" + a.how for a in c.appearances] for c in ledger.ledger(store).commitments
        )

    before = shape()
    _ingest(store, make_release)  # the same releases again: unchanged
    assert shape() == before
    # a newer parser reads the second plenary's clinics measure with a comma more: its key changes
    reread = _series((FAIR, TRADE), (TOURS_2, YOUTH), (CLINICS.replace("Wuhu and", "Wuhu, and"), HEALTH))
    _ingest(store, make_release, parser_version="9.0.0", **{"2": reread})
    after = ledger.ledger(store)
    assert shape() == before and after.unattached == []
    clinics = _by_text(after)[CLINICS.replace("Wuhu and", "Wuhu, and")]
    assert clinics.first.measure.text == MEDICINE
    shared = ledger.shared_tracking(store.tracking(), after)
    assert {shared.status(k) for k in clinics.keys} == {TrackingStatus.IN_PROGRESS}


def test_a_decision_whose_measure_is_gone_is_kept_and_listed(series: Store, make_release: MakeRelease) -> None:
    ledger.split(series, _key(series, "anhui-plenary-3", TOURS_2), by="edith", note=None)
    _ingest(series, make_release, parser_version="9.0.0", **{"3": _series((FAIR, TRADE), (LAB, TECH))})
    found = ledger.ledger(series)
    assert [r.kind for r in found.unattached] == ["split"]
    assert len(series.corrections(CorrectionKind.COMMITMENT_SPLIT)) == 1


# --- counts, heatmap, tracker, pages ----------------------------------------------------------------


def test_the_overview_and_the_heatmap_count_commitments_not_repeats(series: Store) -> None:
    series.record_event(_key(series, "anhui-plenary-1", FAIR), TrackingStatus.IMPLEMENTED, by="edith")
    c = client(series)
    counts = c.get("/api/overview").json()["data"]
    assert (counts["measures"], counts["appearances"], counts["repeated"]) == (6, 10, 2)
    assert counts["statuses"]["implemented"] == 1 and counts["statuses"]["agreed"] == 5 and counts["events"] == 1
    cells = {(r["partner"], r["theme"]): r["measures"] for r in c.get("/api/matrix?scope=all").json()["data"]["counts"]}
    assert cells[("Anhui", "trade_investment")] == 2  # the fair once (not three times), the parks
    for (partner, theme), n in cells.items():  # each cell opens as many rows as it counts
        listed = c.get("/api/commitments", params={"partner": partner, "theme": theme, "per_page": 100})
        assert len(listed.json()["data"]) == n, (partner, theme)
    tracker = c.get("/tracker", params={"partner": "Anhui", "theme": "trade_investment"}).text
    assert tracker.count("data-commitment=") == 2
    overview = c.get("/").text
    assert "(10 statements at meetings" in overview
    assert counts["stale"] == 5 and '<a href="/tracker?stale=1">5 measures with no news</a>' in overview  # not the fair
    assert len(c.get("/api/commitments", params={"stale": "true"}).json()["data"]) == 5


def test_every_appearance_shows_the_commitments_status_and_links_to_it(series: Store) -> None:
    key = _key(series, "anhui-plenary-1", FAIR)
    series.record_event(key, TrackingStatus.IMPLEMENTED, by="edith", note="Held in May")
    c = client(series)
    for slug in ("anhui-plenary-1", "anhui-plenary-2", "anhui-plenary-3"):
        row = c.get(f"/api/measures/{_key(series, slug, FAIR)}").json()["data"]
        assert row["status"] == "implemented" and row["commitment"]["key"] == key
        assert [h["note"] for h in row["history"]] == ["Held in May"]
    meeting = c.get("/api/meetings/anhui-plenary-3").json()["data"]
    assert meeting["areas"][0]["measures"][0]["status"] == "implemented"
    page = c.get(f"/commitments/{_key(series, 'anhui-plenary-3', FAIR)}").text  # any appearance's key
    assert "First agreed at" in page and page.count("Repeated at") == 2 and "s-implemented" in page
    tours = c.get(f"/commitments/{_key(series, 'anhui-plenary-1', TOURS)}").text
    assert "<del>500</del> <ins>800</ins>" in tours
    assert c.get("/api/commitments", params={"stale": "true"}).json()["data"]


def test_split_and_join_forms_need_an_editor_and_a_csrf_token(series: Store) -> None:
    add_accounts(series)
    c = client(series, raise_errors=False)
    tours = _key(series, "anhui-plenary-1", TOURS)
    later = _key(series, "anhui-plenary-2", TOURS_2)
    assert "split it off" not in c.get(f"/commitments/{tours}").text  # a reader sees no form
    sign_in(c)
    page = c.get(f"/commitments/{tours}").text
    assert c.post(f"/commitments/{tours}/split", data={"measure": later, "csrf_token": "forged"}).status_code == 403
    answer = c.post(f"/commitments/{tours}/split", data={"measure": later, "csrf_token": csrf_of(page)})
    assert answer.status_code == 303 and answer.headers["location"] == f"/commitments/{later}"
    assert len(_by_text(ledger.ledger(series))[TOURS].appearances) == 1
    assert c.get(f"/commitments/{tours}").text.count('<li id="appearance-') == 1  # the pages see it at once
    assert c.get(f"/commitments/{later}").text.count('<li id="appearance-') == 2
    answer = c.post(f"/commitments/{tours}/join", data={"other": later[:12], "csrf_token": csrf_of(page)})
    assert answer.status_code == 303
    assert len(_by_text(ledger.ledger(series))[TOURS].appearances) == 3
    bad = c.post(f"/commitments/{tours}/join", data={"other": "0000000000", "csrf_token": csrf_of(page)})
    assert bad.status_code == 422 and "no commitment or measure" in bad.text


# --- the command line ------------------------------------------------------------------------------


def test_the_cli_lists_shows_splits_and_joins(tmp_path: Path, make_release: MakeRelease) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with Store(url) as store:
        _ingest(store, make_release)
        later = _key(store, "anhui-plenary-2", TOURS_2)
    runner = CliRunner()
    listed = runner.invoke(app, ["commitments", "list", "Anhui", "--db", url, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert len(rows) == 6 and max(len(r["appearances"]) for r in rows) == 3
    shown = runner.invoke(app, ["commitments", "show", later[:10], "--db", url])
    assert shown.exit_code == 0 and "reworded" in shown.output and "[-500-]" in shown.output
    split = runner.invoke(app, ["commitments", "split", later[:10], "--db", url, "--by", "edith"])
    assert split.exit_code == 0 and "starts a commitment apart" in split.output
    assert len(json.loads(runner.invoke(app, ["commitments", "list", "--db", url, "--format", "json"]).output)) == 7
    joined = runner.invoke(app, ["commitments", "join", later[:10], rows[1]["key"][:10], "--db", url])
    assert joined.exit_code == 0, joined.output
    matrix = json.loads(runner.invoke(app, ["matrix", "--all", "--db", url, "--format", "json"]).output)
    assert [r["total"] for r in matrix["rows"] if r["partner"] == "Anhui"] == [6]  # commitments, not 10 statements
    bad = runner.invoke(app, ["commitments", "show", "zzzzzzzz", "--db", url])
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "no commitment" in bad.output


def test_the_briefing_gives_each_measure_its_commitments_status(series: Store) -> None:
    series.record_event(_key(series, "anhui-plenary-1", FAIR), TrackingStatus.IMPLEMENTED, by="edith", note="May")
    text = brief.render(brief.build(series, "Anhui"), brief.BriefFormat.MD).decode("utf-8")
    fair = next(line for line in text.splitlines() if "joint trade and investment fair" in line)
    lab = next(line for line in text.splitlines() if "joint laboratories" in line)
    assert "Implemented (" in text.split(fair, 1)[1][:400] and "recorded by edith" in text
    assert "Implemented" not in text.split(lab, 1)[1][:200]


def test_the_api_splits_and_joins_with_a_token_and_refuses_a_reader(series: Store) -> None:
    from cooptrack.serve.auth import make_token

    add_accounts(series)
    c = client(series, raise_errors=False)
    tours, later = _key(series, "anhui-plenary-1", TOURS), _key(series, "anhui-plenary-2", TOURS_2)
    body = {"measure": later, "note": "a new programme"}
    assert c.post(f"/api/commitments/{tours}/split", json=body).status_code == 401
    auth = {"Authorization": f"Bearer {make_token(series, 'edith', 'api test').secret}"}
    answer = c.post(f"/api/commitments/{tours}/split", json=body, headers=auth)
    assert answer.status_code == 201 and answer.json()["data"]["kind"] == "commitment_split"
    assert c.get(f"/api/commitments/{later}").json()["data"]["key"] == later
    wrong = c.post(f"/api/commitments/{tours}/split", json={"measure": _key(series, "anhui-plenary-3", LAB)},
                   headers=auth)  # fmt: skip
    assert wrong.status_code == 422
    joined = c.post(f"/api/commitments/{later}/join", json={"measure": tours}, headers=auth)
    assert joined.status_code == 201
    assert len(c.get(f"/api/commitments/{tours}").json()["data"]["appearances"]) == 3


def test_a_rejection_about_two_meetings_apart_does_not_cut_the_link_in_between(series: Store) -> None:
    first, third = _key(series, "anhui-plenary-1", FAIR), _key(series, "anhui-plenary-3", FAIR)
    queries.decide_link(series, first, third, confirm=False, by="edith", note=None)
    assert len(_by_text(ledger.ledger(series))[FAIR].appearances) == 3  # 1 -> 2 -> 3 still linked


def test_the_commitment_page_offers_the_commitments_worded_most_alike_for_a_join(series: Store) -> None:
    add_accounts(series)
    c = client(series)
    sign_in(c)
    medicine, clinics = _key(series, "anhui-plenary-1", MEDICINE), _key(series, "anhui-plenary-2", CLINICS)
    offered = ledger.candidates(ledger.ledger(series), ledger.ledger(series).of_measure[medicine])
    assert 0 < len(offered) <= 5 and all(score >= ledger.JOIN_HINT_MIN for _, score in offered)
    assert [s for _, s in offered] == sorted((s for _, s in offered), reverse=True)
    page = c.get(f"/commitments/{medicine}").text
    assert "Worded most alike" in page and f'name="other" value="{clinics}"' in page
    answer = c.post(f"/commitments/{medicine}/join", data={"other": clinics, "csrf_token": csrf_of(page)})
    assert answer.status_code == 303
    assert _by_text(ledger.ledger(series))[CLINICS].first.meeting.slug == "anhui-plenary-1"


def test_a_decision_whose_measure_is_gone_is_shown_on_the_tracker_and_by_the_cli(
    tmp_path: Path, make_release: MakeRelease
) -> None:
    url = f"sqlite:///{tmp_path / 'gone.db'}"
    with Store(url) as store:
        _ingest(store, make_release)
        ledger.split(store, _key(store, "anhui-plenary-3", TOURS_2), by="edith", note="a new programme")
        _ingest(store, make_release, parser_version="9.0.0", **{"3": _series((FAIR, TRADE), (LAB, TECH))})
        tracker = client(store).get("/tracker").text
    assert "Splits and joins whose measures are gone" in tracker and "a new programme" in tracker
    listed = CliRunner().invoke(app, ["commitments", "list", "--db", url])
    assert listed.exit_code == 0 and "kept, not applied: split by edith" in listed.output


def test_the_commitment_page_and_the_tracker_speak_chinese(series: Store) -> None:
    from cooptrack.serve import i18n

    c = client(series)
    c.cookies.set(i18n.COOKIE, "zh-Hant")
    page = c.get(f"/commitments/{_key(series, 'anhui-plenary-1', TOURS)}").text.split("<main", 1)[1]
    assert "首次議定於" in page and "改寫於" in page and "逐次會議" in page
    assert "First agreed at" not in page and "Meeting by meeting" not in page
    tracker = c.get("/tracker").text.split("<main", 1)[1]
    assert "曾於 3 次會議提出" in tracker and "stated at" not in tracker
