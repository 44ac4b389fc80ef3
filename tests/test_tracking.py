"""Tracking events: append-only, a measure's status is its latest event, and events stay
attached to their measure across re-ingests and parser upgrades (or are listed, never dropped).

The releases are synthetic, built by ``make_release`` in conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import cooptrack.store.tracking as tracking_module
from cooptrack.errors import CooptrackError, NotFound
from cooptrack.store import Store
from cooptrack.store.models import Measure, TrackingEvent
from cooptrack.vocab import EvidenceKind, TrackingStatus

MakeRelease = Callable[..., Any]

FAIR = "Hold a joint trade fair for small firms."
CLINICS = "Promote exchanges on Chinese medicine between hospitals."
AREAS = [
    ("Trade and investment", ["trade_investment"], [(FAIR, ["trade_investment"])]),
    ("Health", ["health"], [(CLINICS, ["health"])]),
]


def _keys(store: Store) -> dict[str, str]:
    with store._sessions() as session:
        return {m.text: m.key for m in session.query(Measure)}


def _event_rows(store: Store) -> list[TrackingEvent]:
    with store._sessions() as session:
        return list(session.query(TrackingEvent).order_by(TrackingEvent.id))


@pytest.fixture
def tracked(store: Store, make_release: MakeRelease) -> Store:
    store.ingest(*make_release(areas=AREAS, parser_version="1.0.0"))
    keys = _keys(store)
    store.record_event(keys[FAIR], TrackingStatus.IN_PROGRESS, by="edith", note="Venue booked")
    store.record_event(
        keys[FAIR], TrackingStatus.IMPLEMENTED, by="edith", note="Held in May",
        evidence_url="https://example.org/fair", evidence_kind=EvidenceKind.OFFICIAL,
    )  # fmt: skip
    store.record_event(keys[CLINICS], TrackingStatus.STALLED, by="adam")
    return store


def test_a_measure_without_events_is_agreed(store: Store, make_release: MakeRelease) -> None:
    store.ingest(*make_release(areas=AREAS))
    tracking = store.tracking()
    assert {tracking.status(key) for key in _keys(store).values()} == {TrackingStatus.AGREED}


def test_the_latest_event_is_the_status_and_the_history_keeps_every_event(tracked: Store) -> None:
    key = _keys(tracked)[FAIR]
    tracking = tracked.tracking()
    assert tracking.status(key) is TrackingStatus.IMPLEMENTED
    history = tracking.history(key)
    assert [e.status for e, _ in history] == ["implemented", "in_progress"]
    latest = history[0][0]
    assert (latest.made_by, latest.note, latest.evidence_url, latest.evidence_kind) == (
        "edith", "Held in May", "https://example.org/fair", "official",
    )  # fmt: skip
    assert latest.meeting_slug == "anhui-plenary-3" and latest.measure_text == FAIR


def test_reingesting_the_same_release_keeps_every_event_attached_by_key(
    tracked: Store, make_release: MakeRelease
) -> None:
    tracked.ingest(*make_release(areas=AREAS, parser_version="1.0.0"))
    tracked.ingest(*make_release(areas=AREAS, parser_version="9.0.0"))  # same text, newer parser: re-parsed
    tracking = tracked.tracking()
    assert not tracking.unattached
    assert tracking.status(_keys(tracked)[FAIR]) is TrackingStatus.IMPLEMENTED
    assert {w.how for items in tracking.by_measure.values() for _, w in items} == {"key"}


def test_a_parser_upgrade_that_rewords_a_measure_finds_its_events_again_by_text(
    tracked: Store, make_release: MakeRelease
) -> None:
    reworded = "Hold a joint trade fair for small and medium firms."
    areas = [(h, t, [(reworded if m == FAIR else m, th) for m, th in ms]) for h, t, ms in AREAS]
    tracked.ingest(*make_release(areas=areas, parser_version="2.0.0"))
    keys = _keys(tracked)
    assert FAIR not in keys, "the measure's key changed with its text"
    tracking = tracked.tracking()
    assert tracking.status(keys[reworded]) is TrackingStatus.IMPLEMENTED
    assert {w.how for _, w in tracking.history(keys[reworded])} == {"text"}
    assert not tracking.unattached


def test_events_of_a_measure_that_is_gone_are_listed_unattached_and_never_dropped(
    tracked: Store, make_release: MakeRelease
) -> None:
    before = [e.id for e in _event_rows(tracked)]
    areas = [AREAS[0], ("Health", ["health"], [("Set up a joint laboratory for vaccines.", ["health"])])]
    tracked.ingest(*make_release(areas=areas, parser_version="2.0.0"))
    assert [e.id for e in _event_rows(tracked)] == before, "no event is deleted"
    tracking = tracked.tracking()
    assert [(e.status, e.measure_text) for e in tracking.unattached] == [("stalled", CLINICS)]
    assert tracking.status(_keys(tracked)["Set up a joint laboratory for vaccines."]) is TrackingStatus.AGREED


def test_a_user_can_attach_an_unattached_event_to_a_measure(tracked: Store, make_release: MakeRelease) -> None:
    lab = "Set up a joint laboratory for vaccines."
    tracked.ingest(*make_release(areas=[AREAS[0], ("Health", ["health"], [(lab, ["health"])])], parser_version="2"))
    lost = tracked.tracking().unattached[0]
    tracked.reattach_event(lost.id, _keys(tracked)[lab], by="adam")
    tracking = tracked.tracking()
    assert not tracking.unattached
    assert tracking.status(_keys(tracked)[lab]) is TrackingStatus.STALLED
    assert [w.how for _, w in tracking.history(_keys(tracked)[lab])] == ["user"]


def test_an_event_for_an_unknown_measure_is_refused(store: Store) -> None:
    with pytest.raises(NotFound, match="no measure"):
        store.record_event("0" * 32, TrackingStatus.DROPPED, by="edith")


@pytest.mark.parametrize(
    ("url", "kind", "problem"),
    [
        ("javascript:alert(1)", None, "http"),
        ("ftp://example.org/x", None, "http"),
        ("", EvidenceKind.INDEPENDENT, "link"),
    ],
    ids=["script-url", "ftp-url", "kind-without-link"],
)
def test_bad_evidence_is_refused_with_a_reason(
    tracked: Store, url: str, kind: EvidenceKind | None, problem: str
) -> None:
    with pytest.raises(CooptrackError, match=problem):
        tracked.record_event(_keys(tracked)[FAIR], TrackingStatus.DROPPED, by="e", evidence_url=url, evidence_kind=kind)
    assert len(_event_rows(tracked)) == 3


def test_attaching_events_reads_the_measures_they_name_not_every_measure(
    store: Store, make_release: MakeRelease, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the measures of a meeting whose event lost its key are read whole (to find it by text);
    the other meetings' measures, however many, are not."""
    others = [(f"Area {n}", ["other"], [(f"Promote exchange number {n} between youth groups.", ["other"])])
              for n in range(30)]  # fmt: skip
    store.ingest(*make_release(areas=AREAS, parser_version="1.0.0"))
    store.ingest(*make_release(areas=others, partner="Hubei", ordinal=4))
    keys = _keys(store)
    store.record_event(keys[FAIR], TrackingStatus.IN_PROGRESS, by="edith")
    read: list[str] = []
    real = tracking_module._MeasureRef
    monkeypatch.setattr(tracking_module, "_MeasureRef", lambda *a: read.append(a[0]) or real(*a))
    assert store.tracking().status(keys[FAIR]) is TrackingStatus.IN_PROGRESS
    assert read == [], "the event's measure is stored: nothing read whole"
    reworded = "Hold a joint trade fair for small and medium firms."
    areas = [(h, t, [(reworded if m == FAIR else m, th) for m, th in ms]) for h, t, ms in AREAS]
    store.ingest(*make_release(areas=areas, parser_version="2.0.0"))
    tracking = store.tracking()
    assert tracking.status(_keys(store)[reworded]) is TrackingStatus.IN_PROGRESS
    assert len(read) == 2, "the two measures of the event's own meeting, not the other meeting's 30"
