"""The tracker's selection (issue 14 item 4): which commitments a filter keeps and in what order,
found without building their rows, on the SYNTHETIC Jiangxi series of tests/data/series (three
plenaries; the trade fair stated at all three). Then the page builds only the rows it shows:
counted with ``tests/test_paging.py``'s stores of 80 and 320 meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.store import Store
from cooptrack.store.tracking import NoteField
from cooptrack.views import ledger, queries
from cooptrack.views import service as views
from cooptrack.views.service import Data
from cooptrack.vocab import TrackingStatus
from webtools import client

SERIES = Path(__file__).parent / "data" / "series"
FAIR = "trade and investment fair"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('select') / 't.db'}") as opened:
        for path in sorted(SERIES.glob("jiangxi_*plenary*.txt")):
            if "news" not in path.name:
                doc = read_path(path)
                opened.ingest(doc, parse_document(doc))
        fair = [x.key for x in opened.meeting("jiangxi-plenary-1").measures if FAIR in x.text]
        second = [x.key for x in opened.meeting("jiangxi-plenary-2").measures if FAIR not in x.text]
        opened.record_event(fair[0], TrackingStatus.IMPLEMENTED, by="editor")
        opened.record_note(fair[0], NoteField.BUREAU, "Commerce Bureau", by="editor")
        opened.record_note(second[0], NoteField.BUREAU, "arts bureau", by="editor")
        opened.record_note(second[1], NoteField.CHECKED, "2024-01-02", by="editor")
        opened.record_note(fair[0], NoteField.CHECKED, dt.date.today().isoformat(), by="editor")
        yield opened


def _select(store: Store, **chosen: object) -> list[str]:
    d = Data(store)
    none: dict[str, object] = {"partner": None, "theme": None, "status": None, "q": None}
    return [c.text for c in views.tracker_select(d, **(none | chosen))]  # type: ignore[arg-type]


def test_the_fair_is_one_commitment_and_a_status_on_its_first_appearance_selects_it(store: Store) -> None:
    every = _select(store)
    assert sum(FAIR in t for t in every) == 1
    assert [t for t in _select(store, status="implemented")] == [t for t in every if FAIR in t]
    assert FAIR not in " ".join(_select(store, status="agreed"))
    assert len(_select(store, status="agreed")) == len(every) - 1


def test_words_a_meeting_and_a_year_match_any_appearance(store: Store) -> None:
    assert [FAIR in t for t in _select(store, q="Trade FAIR")] == [True]
    first = {t for t in _select(store, meeting="jiangxi-plenary-1")}
    third = {t for t in _select(store, meeting="jiangxi-plenary-3")}
    assert any(FAIR in t for t in first) and any(FAIR in t for t in third)
    assert _select(store, year=2019) == _select(store, meeting="jiangxi-plenary-1")
    assert _select(store, partner="jiangxi") == _select(store) and _select(store, partner="Hunan") == []


def test_the_orders_newest_checked_and_bureau(store: Store) -> None:
    d = Data(store)
    none: dict[str, None] = {"partner": None, "theme": None, "status": None, "q": None}
    newest = views.tracker_select(d, **none, sort="newest")
    days = [views.first_day(d, c) for c in newest]
    assert days == sorted(days, reverse=True) and days[0] != days[-1]
    oldest = views.tracker_select(d, **none, sort="oldest")
    assert oldest[0].first.meeting.slug == "jiangxi-plenary-1" != newest[0].first.meeting.slug
    assert oldest[-1].first.meeting.slug != "jiangxi-plenary-1" == newest[-1].first.meeting.slug
    assert [views.first_day(d, c) for c in oldest] == sorted(days)
    checked = [d.note_of(c.keys, "checked") for c in views.tracker_select(d, **none, sort="checked")]
    values = [n.value for n in checked if n is not None]
    assert checked[0] is None and values == ["2024-01-02", dt.date.today().isoformat()]  # never checked first
    bureaus = [d.note_of(c.keys, "bureau") for c in views.tracker_select(d, **none, sort="bureau")]
    named = [n.value for n in bureaus if n is not None]
    assert named == ["arts bureau", "Commerce Bureau"]  # case set aside
    assert all(n is not None for n in bureaus[:2]) and all(n is None for n in bureaus[2:])


def test_a_status_rebuilds_nothing_but_the_statuses_and_a_split_the_commitments_and_people(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a write costs the web server's next request: a status (or a tracker note) is seen at
    once without reading the meetings, following the commitments or gathering the people again; a
    user's correction (here a split) builds the commitments and the people again, not the meetings;
    an ingest builds everything."""
    built: list[str] = []
    for module, name in ((ledger, "ledger"), (queries, "all_people")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: built.append(_name) or _real(*a, **k))
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        paths = sorted(p for p in SERIES.glob("jiangxi_*plenary*.txt") if "news" not in p.name)
        for path in paths[:2]:
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        real_snapshot = store.meeting_snapshot
        monkeypatch.setattr(store, "meeting_snapshot", lambda: built.append("meetings") or real_snapshot())
        web = client(store)

        def fair() -> list[tuple[str, str | None]]:
            assert web.get("/").status_code == 200  # the overview counts the people too
            rows = web.get("/api/commitments", params={"q": FAIR}).json()["data"]
            return [(r["status"], r["bureau"]) for r in rows]

        assert fair() == [("agreed", None)] and sorted(set(built)) == ["all_people", "ledger", "meetings"]
        built.clear()
        second = [x.key for x in store.meeting("jiangxi-plenary-2").measures if FAIR in x.text]
        store.record_event(second[0], TrackingStatus.IMPLEMENTED, by="editor")
        store.record_note(second[0], NoteField.BUREAU, "Commerce Bureau", by="editor")
        assert fair() == [("implemented", "Commerce Bureau")] and built == []
        ledger.split(store, second[0], by="editor", note="a new fair")
        built.clear()  # the split itself read the ledger; what follows is the server's
        assert sorted(fair()) == [("agreed", None), ("implemented", "Commerce Bureau")]
        assert sorted(set(built)) == ["all_people", "ledger"]
        built.clear()
        doc = read_path(paths[2])
        store.ingest(doc, parse_document(doc))
        web.get("/tracker")
        assert sorted(set(built)) == ["ledger", "meetings"]  # the tracker does not wait for the people
        assert web.get("/").status_code == 200
        assert sorted(set(built)) == ["all_people", "ledger", "meetings"]
