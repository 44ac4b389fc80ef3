"""The tracker's fields an editor writes (issue 12 item 4): the bureau responsible for a measure and
the day its progress was checked, append-only and shared by every appearance of its commitment,
kept across a re-ingest; the tracker filtered by meeting and year, sorted, each event naming the
measure it was recorded on. The store holds the synthetic Jiangxi series written here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cooptrack.acquire import read_path
from cooptrack.errors import CooptrackError
from cooptrack.pipeline import parse_document
from cooptrack.store import Store
from cooptrack.store.tracking import NoteField
from cooptrack.vocab import TrackingStatus
from webtools import add_accounts, client, csrf_of, sign_in

SERIES = Path(__file__).parent / "data" / "series"
FAIR = "trade and investment fair"  # the Jiangxi measure stated at all three plenaries


def _ingest(store: Store) -> None:
    for path in sorted(SERIES.glob("jiangxi_*.txt")):
        doc = read_path(path)
        store.ingest(doc, parse_document(doc))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 't.db'}") as opened:
        _ingest(opened)
        add_accounts(opened)
        yield opened


def _fair_keys(store: Store) -> list[str]:
    """The fair's key at each plenary, first to third."""
    return [x.key for n in (1, 2, 3) for x in store.meeting(f"jiangxi-plenary-{n}").measures if FAIR in x.text]


def _fair_row(page: str) -> str:
    rows = [r for r in re.findall(r"<tr data-commitment=.*?</tr>", page, re.S) if FAIR in r]
    assert len(rows) == 1
    return rows[0]


def test_an_editor_writes_the_bureau_and_a_check_and_every_appearance_shows_them(store: Store) -> None:
    web = client(store)
    sign_in(web)
    first, _, third = _fair_keys(store)
    page = web.get(f"/measures/{first}").text
    sent = web.post(f"/measures/{first}/notes", data={"csrf_token": csrf_of(page), "bureau": " Commerce  Bureau ",
                                                      "checked": dt.date.today().isoformat()})  # fmt: skip
    assert sent.status_code == 303
    later = web.get(f"/measures/{third}").text  # another appearance of the same commitment
    assert "<strong>Commerce Bureau</strong>" in later
    assert f"<strong>{dt.date.today().isoformat()}</strong>" in later
    row = _fair_row(web.get("/tracker").text)
    assert "<td>Commerce Bureau</td>" in row and "by edith" in row


def test_the_latest_note_stands_and_none_is_lost(store: Store) -> None:
    key = _fair_keys(store)[0]
    store.record_note(key, NoteField.BUREAU, "Bureau A", by="edith")
    store.record_note(key, NoteField.BUREAU, "Bureau B", by="adam")
    assert [n.value for n in store.notes()] == ["Bureau A", "Bureau B"]
    assert "<td>Bureau B</td>" in _fair_row(client(store).get("/tracker").text)


def test_notes_survive_a_re_ingest(store: Store) -> None:
    key = _fair_keys(store)[1]
    store.record_note(key, NoteField.CHECKED, "2026-01-15", by="edith")
    _ingest(store)  # the same releases again
    assert "2026-01-15" in _fair_row(client(store).get("/tracker").text)


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        (NoteField.CHECKED, "next week", "is not a day"),
        (NoteField.CHECKED, (dt.date.today() + dt.timedelta(days=2)).isoformat(), "in the future"),
        (NoteField.BUREAU, "   ", "a bureau's name is needed"),
    ],
    ids=["not-a-day", "future", "blank-bureau"],
)
def test_a_bad_note_is_refused_in_one_line(store: Store, field: NoteField, value: str, problem: str) -> None:
    with pytest.raises(CooptrackError, match=problem):
        store.record_note(_fair_keys(store)[0], field, value, by="edith")
    assert store.notes() == []


def test_a_visitor_cannot_write_notes(store: Store) -> None:
    web = client(store, raise_errors=False)
    key = _fair_keys(store)[0]
    refused = web.post(f"/measures/{key}/notes", data={"csrf_token": "x", "bureau": "B"})
    assert refused.status_code in (401, 403)
    assert store.notes() == []


def _meeting_column(page: str) -> list[str]:
    return re.findall(r'<a href="/meetings/[^"]+#src-measure-\d+">([^<]+)</a>', page)


def test_the_tracker_filters_by_meeting_and_year_and_sorts(store: Store) -> None:
    web = client(store)
    by_meeting = web.get("/tracker?meeting=jiangxi-plenary-3").text
    everything = web.get("/tracker").text
    assert 0 < by_meeting.count("<tr data-commitment=") < everything.count("<tr data-commitment=")
    assert web.get("/tracker?year=2024").text.count("<tr data-commitment=") == by_meeting.count("<tr data-commitment=")
    newest = _meeting_column(web.get("/tracker?sort=newest").text)
    years = [int(label.rsplit(", ", 1)[1].rstrip("?")) for label in newest]
    assert years == sorted(years, reverse=True) and len(set(years)) > 1
    assert all(not re.fullmatch(r"[a-z0-9-]+", label) for label in newest)  # meetings named, not slugs
    store.record_note(_fair_keys(store)[0], NoteField.BUREAU, "Aaa Bureau", by="edith")
    assert FAIR in re.findall(r"<tr data-commitment=.*?</tr>", web.get("/tracker?sort=bureau").text, re.S)[0]


def test_each_event_names_the_measure_and_meeting_it_was_recorded_on(store: Store) -> None:
    first, second, _ = _fair_keys(store)
    store.record_event(first, TrackingStatus.IN_PROGRESS, by="edith", note="synthetic note for the test")
    page = client(store).get(f"/measures/{second}").text
    history = page[page.index('id="history"') :]
    assert "Encourage Jiangxi enterprises" in history and "(Jiangxi, 1st plenary, 2019)" in history


def test_notes_and_their_order_on_both_databases(db_url: str) -> None:
    with Store(db_url) as opened:
        _ingest(opened)
        first, second, _ = _fair_keys(opened)
        opened.record_note(first, NoteField.BUREAU, "Bureau A", by="edith")
        opened.record_note(second, NoteField.CHECKED, "2026-01-15", by="adam")
        opened.record_note(first, NoteField.BUREAU, "Bureau B", by="adam")
        assert [(n.field, n.value) for n in opened.notes()] == [
            ("bureau", "Bureau A"), ("checked", "2026-01-15"), ("bureau", "Bureau B"),
        ]  # fmt: skip
        row = _fair_row(client(opened).get("/tracker").text)
        assert "<td>Bureau B</td>" in row and "2026-01-15" in row
