"""A meeting's page without the view of every meeting (issue 14: the first page after a start).

Until a server process has read every meeting (2 s at 10,000 pages), a meeting's page is read from
the meeting alone, its mechanism's meetings' dates and numbers, and the commitments and people kept
for this state of the store (:meth:`Data.meeting_parts`). What it shows must be exactly what the
view of every meeting gives: compared part by part (the meeting's document with each measure's
status and commitment, the mechanism's summary, each person's page) for every meeting of the five
real releases, a meeting of three sources in two languages, and a series of three plenaries with
a user's join, a split and a status recorded on one appearance (synthetic, from
test_commitments.py), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from cooptrack.errors import NotFound
from cooptrack.store import Store
from cooptrack.store.models import Digest
from cooptrack.views import kept, ledger
from cooptrack.views import service as views
from cooptrack.views.service import Data, MeetingParts
from cooptrack.vocab import TrackingStatus
from test_commitments import CLINICS, FAIR, MEDICINE, TOURS_2, _key
from test_commitments import _ingest as ingest_series
from test_snapshot import PAIR
from test_snapshot import _ingest as ingest_paths
from webtools import client

MakeRelease = Callable[..., Any]


@pytest.fixture
def everything_read(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times every meeting is read from now on."""
    calls: list[int] = []
    real = store.meeting_snapshot

    def counted(slug: str | None = None) -> list[Any]:
        if slug is None:
            calls.append(1)
        return real(slug)

    monkeypatch.setattr(store, "meeting_snapshot", counted)
    return calls


@pytest.fixture
def stored(store: Store, corpus: Path, make_release: MakeRelease) -> Store:
    ingest_paths(store, sorted(corpus.glob("*.txt")) + sorted(PAIR.iterdir()))
    ingest_series(store, make_release)
    ledger.join(store, _key(store, "anhui-plenary-1", MEDICINE), _key(store, "anhui-plenary-2", CLINICS),
                by="edith", note="the clinics carry the exchanges on")  # fmt: skip
    ledger.split(store, _key(store, "anhui-plenary-3", TOURS_2), by="adam", note=None)
    store.record_event(_key(store, "anhui-plenary-1", FAIR), TrackingStatus.IMPLEMENTED, by="edith")
    return store


def _shown(parts: MeetingParts) -> dict[str, Any]:
    m, tracking, mech, at = parts
    return {"meeting": views.meeting_view(m, tracking).document(), "mechanism": views.mechanism_row(mech),
            "people": at}  # fmt: skip


def _kept(store: Store) -> list[str]:
    """Every meeting's slug, once a view of every meeting has kept the commitments and the people."""
    d = Data(store)
    assert d.ledger and d.people
    return [m.slug for m in d.meetings]


def test_each_meeting_alone_shows_what_the_view_of_every_meeting_shows(
    stored: Store, everything_read: list[int]
) -> None:
    slugs = _kept(stored)
    full = Data(stored)
    full.build()
    assert len(everything_read) == 2
    whole = {slug: _shown(full.meeting_parts(slug)) for slug in slugs}
    alone = {slug: _shown(Data(stored).meeting_parts(slug)) for slug in slugs}
    assert len(everything_read) == 2  # no meeting page read every meeting
    assert alone == whole
    shown = alone["anhui-plenary-2"]["meeting"]
    statuses = [x["status"] for a in shown["areas"] for x in a["measures"]]
    assert TrackingStatus.IMPLEMENTED.value in statuses  # the status recorded at the first plenary, shared
    assert any(x["commitment"] for a in shown["areas"] for x in a["measures"])
    assert any(alone[s]["people"] for s in slugs) and all(len(alone[s]["mechanism"]["slug"]) for s in slugs)


def test_a_meeting_alone_is_not_found_as_a_view_would_not_find_it(stored: Store) -> None:
    _kept(stored)
    with pytest.raises(NotFound):
        Data(stored).meeting_parts("no-such-meeting")


def test_without_what_is_kept_a_meeting_is_read_from_the_view_of_every_meeting(
    stored: Store, everything_read: list[int]
) -> None:
    slug = _kept(stored)[0]
    with stored.engine.begin() as conn:
        conn.execute(update(Digest).where(Digest.name == "commitments").values(body=b"\x78\x9c not zlib"))
    d = Data(stored)
    before = len(everything_read)
    assert d.meeting_parts(slug).meeting.slug == slug
    assert len(everything_read) == before + 1  # read with every meeting: what was kept could not be read


def test_a_new_server_shows_a_meeting_page_without_reading_every_meeting(
    stored: Store, everything_read: list[int]
) -> None:
    slugs = _kept(stored)
    before = len(everything_read)
    c = client(stored)
    page = c.get("/meetings/anhui-plenary-2")
    assert page.status_code == 200 and "anhui-plenary-2" in page.text
    assert c.get(f"/api/meetings/{slugs[0]}").json()["data"]["slug"] == slugs[0]
    assert len(everything_read) == before  # the pages were read from the meeting alone
    assert c.get("/meetings/no-such-meeting").status_code == 404


def test_a_new_servers_tracker_waits_for_the_commitments_not_for_the_people(stored: Store) -> None:
    """The tracker needs every commitment with its status, not everyone named nor the mechanisms'
    changes: its first page after a start is not held up by the rest of the view."""
    _kept(stored)
    c = client(stored)
    page = c.get("/tracker?status=implemented")
    assert page.status_code == 200
    built = c.app.state.web.snapshot().__dict__  # type: ignore[attr-defined]
    assert "ledger" in built and "tracking" in built
    assert "people" not in built and "mechanisms" not in built
    assert page.text.count('href="/commitments/') == 1  # the status recorded at the first plenary's one row


def test_answers_kept_for_an_earlier_state_of_the_store_are_let_go(stored: Store) -> None:
    """An answer a page keeps may hold the view it was worked out from: once the store changed, the
    answers kept for before are dropped, so that the old view can be collected."""
    w = client(stored).app.state.web  # type: ignore[attr-defined]

    class Answer:
        pass

    before = stored.stamp()
    answer = w.memo(("an answer",), Answer, stamp=before)
    gone = weakref.ref(answer)
    assert w.memo(("an answer",), Answer, stamp=before) is answer  # kept while the store is unchanged
    del answer
    stored.record_event(_key(stored, "anhui-plenary-2", FAIR), TrackingStatus.IN_PROGRESS, by="edith")
    assert w.memo(("another",), Answer, stamp=stored.stamp()) is not None
    gc.collect()
    assert gone() is None


def test_after_a_status_is_written_a_meeting_is_read_from_the_view_carried_over(
    stored: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = client(stored).app.state.web  # type: ignore[attr-defined]
    w.snapshot().build()
    key = _key(stored, "anhui-plenary-2", FAIR)
    stored.record_event(key, TrackingStatus.STALLED, by="edith")
    d = w.snapshot()  # the meetings, commitments and people of the view before, the statuses read again

    def refuse(*args: object) -> None:
        raise AssertionError("read alone while the view was there")

    monkeypatch.setattr(kept, "people_at", refuse)
    shown = _shown(d.meeting_parts("anhui-plenary-2"))["meeting"]
    status = {x["key"]: x["status"] for a in shown["areas"] for x in a["measures"]}
    assert status[key] == TrackingStatus.STALLED.value
