"""The overview kept in the store (issue 14: the first request after a start or an ingest).

The overview spans every meeting: working it out needs the server's whole view of the store. It is
kept (``digest``) under the store's stamp by ``cooptrack ingest`` when it ends and by the first
server process that works it out; another process serving the same state of the store reads it and
loads no meeting. What depends on the day (commitments with no news) is counted on the day shown.
The synthetic series of three plenaries is the one of test_commitments.py (written here).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from cooptrack import fingerprint
from cooptrack.cli import app
from cooptrack.errors import StoreError
from cooptrack.serve import i18n, overview
from cooptrack.serve.app import WebSettings, create_app
from cooptrack.store import Store
from cooptrack.store.models import Digest
from cooptrack.views import kept
from cooptrack.views import service as views
from cooptrack.views.service import Data
from cooptrack.vocab import TrackingStatus
from test_commitments import FAIR, _key
from test_commitments import _ingest as ingest_series
from webtools import client

MakeRelease = Callable[..., Any]


@pytest.fixture
def no_view(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time a process reads every meeting from now on (the server's whole view)."""
    reads: list[str] = []
    real = Store.meeting_snapshot

    def counted(self: Store) -> Any:
        reads.append("meetings")
        return real(self)

    monkeypatch.setattr(Store, "meeting_snapshot", counted)
    return reads


def _stamps(store: Store, name: str) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(select(Digest.stamp).where(Digest.name == name)))


def _digests(store: Store) -> dict[str, str]:
    """The overviews kept, by name (the people kept beside them are views/kept.py's)."""
    with store.engine.connect() as conn:
        return dict(conn.execute(select(Digest.name, Digest.stamp).where(Digest.name.like("overview:%"))).all())


def test_an_ingest_keeps_the_overview_and_a_new_server_reads_no_meeting_to_show_it(
    tmp_path: Path, make_release: MakeRelease, no_view: list[str]
) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    for n, year in ((1, 2019), (2, 2021)):
        doc, _record = make_release(ordinal=n, year=year)
        (releases / f"plenary-{n}.txt").write_text(doc.text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    done = CliRunner().invoke(app, ["ingest", "--db", url, str(releases)])
    assert done.exit_code == 0, done.output
    with Store(url) as store:
        stamp = overview.stamp_text(store.stamp())
        assert _digests(store) == {"overview:en": stamp, "overview:zh-Hant": stamp}
        no_view.clear()
        c = client(store)
        page = c.get("/").text
        assert "<strong>2</strong> meetings" in page and no_view == []
        counts = c.get("/api/overview").json()["data"]
        assert counts["meetings"] == 2 and no_view == []
        assert counts == views.overview(Data(store))  # as counted from every meeting
        no_view.clear()
        c.cookies.set(i18n.COOKIE, "zh-Hant")
        assert "會議" in c.get("/").text and no_view == []
        c.cookies.delete(i18n.COOKIE)
        assert c.get("/tracker").status_code == 200 and no_view == ["meetings"]  # other pages build the view


def test_an_unchanged_ingest_leaves_the_kept_overview_alone(tmp_path: Path, make_release: MakeRelease) -> None:
    doc, _record = make_release(ordinal=1, year=2019)
    (tmp_path / "plenary-1.txt").write_text(doc.text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    assert CliRunner().invoke(app, ["ingest", "--db", url, str(tmp_path / "plenary-1.txt")]).exit_code == 0
    with Store(url) as store, store.engine.begin() as conn:
        conn.execute(update(Digest).values(body=b"unchanged"))
    assert CliRunner().invoke(app, ["ingest", "--db", url, str(tmp_path / "plenary-1.txt")]).exit_code == 0
    with Store(url) as store, store.engine.connect() as conn:
        assert set(conn.scalars(select(Digest.body))) == {b"unchanged"}


def test_db_upgrade_keeps_the_overview_for_a_new_version_so_that_a_new_server_reads_no_meeting(
    tmp_path: Path, make_release: MakeRelease, no_view: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade nothing earlier code kept is read: ``cooptrack db upgrade`` works it out
    (before the server starts), once, and says so; with nothing to work out it says nothing more."""
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    with Store(url) as store:
        ingest_series(store, make_release)
        assert overview.keep_all(store)
    monkeypatch.setattr(fingerprint, "code", lambda: "0123456789abcdef")  # another version of the code
    with Store(url) as store:
        assert not overview.all_kept(store)
    upgraded = CliRunner().invoke(app, ["db", "upgrade", "--db", url])
    assert upgraded.exit_code == 0, upgraded.output
    said = upgraded.stdout.splitlines()[-1]
    assert said.startswith(f"{url}: worked out the web server's overview for this version (")
    again = CliRunner().invoke(app, ["db", "upgrade", "--db", url])
    with Store(url) as store:
        assert again.stdout.splitlines() == [f"{url}: schema at revision {store.revision}, nothing to do"]
        assert overview.all_kept(store)
        no_view.clear()
        assert "<strong>3</strong> meetings" in client(store).get("/").text and no_view == []


def test_db_upgrade_of_an_empty_store_works_nothing_out(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    made = CliRunner().invoke(app, ["db", "upgrade", "--db", url])
    assert made.exit_code == 0 and "overview" not in made.stdout
    with Store(url) as store:
        assert _digests(store) == {}


def test_a_status_recorded_after_the_ingest_shows_at_once(
    tmp_path: Path, make_release: MakeRelease, no_view: list[str]
) -> None:
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        ingest_series(store, make_release)
        assert overview.keep_all(store)
        c = client(store)
        assert "Implemented</span> 0" in c.get("/").text.replace("\n", "")  # kept before the status
        store.record_event(_key(store, "anhui-plenary-1", FAIR), TrackingStatus.IMPLEMENTED, by="edith")
        page = c.get("/").text.replace("\n", "")
        assert "Implemented</span> 1" in page  # the store changed: worked out again, and kept
        with store.engine.connect() as conn:
            kept = select(func.count()).select_from(Digest).where(Digest.name.like("overview:%"))
            assert conn.scalar(kept) == 2  # replaced, not added
        assert overview.stamp_text(store.stamp()) == _digests(store)["overview:en"]


def test_a_damaged_digest_is_worked_out_again(tmp_path: Path, make_release: MakeRelease) -> None:
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        ingest_series(store, make_release)
        assert overview.keep_all(store)
        with store.engine.begin() as conn:
            conn.execute(update(Digest).values(body=b"not zlib"))
        page = client(store).get("/").text
        assert "<strong>3</strong> meetings" in page
        found = overview.decode(store.digest("overview:en", overview.stamp_text(store.stamp())) or b"")
        assert found["counts"]["meetings"] == 3


@pytest.mark.parametrize("days_after", [0, 1, 364, 365, 366, 800, 3000])
def test_the_stale_count_kept_is_the_count_on_any_day(
    tmp_path: Path, make_release: MakeRelease, days_after: int
) -> None:
    """Counted from what is kept, on any day, as the overview counts it from every commitment."""
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        ingest_series(store, make_release)
        store.record_event(_key(store, "anhui-plenary-1", FAIR), TrackingStatus.IN_PROGRESS, by="edith")
        d = Data(store)
        _counts, basis = views.overview_parts(d)
        changed = d.tracking.latest(_key(store, "anhui-plenary-1", FAIR))
        assert changed is not None
        for start in (changed.made_at.date(), dt.date(2019, 6, 1), dt.date(2024, 12, 31)):
            today = start + dt.timedelta(days=days_after)
            assert views.stale_on(basis, today) == views.overview(d, today)["stale"], today


# --- the server's view kept up to date by its own thread --------------------------------------------


def test_a_server_process_rebuilds_its_view_when_the_store_changed_not_in_a_request(
    tmp_path: Path, make_release: MakeRelease, no_view: list[str]
) -> None:
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        store.ingest(*make_release(ordinal=1, year=2019))
        w = client(store).app.state.web  # type: ignore[attr-defined]
        assert w.refresh() is True and no_view == ["meetings"]  # nothing built yet: built now
        assert w.refresh() is False and no_view == ["meetings"]  # nothing changed: nothing done
        store.ingest(*make_release(ordinal=2, year=2021))  # another process's ingest
        assert w.refresh() is True and no_view == ["meetings", "meetings"]
        assert len(w.snapshot().meetings) == 2 and no_view == ["meetings", "meetings"]  # a request finds it built
        first = store.meeting("anhui-plenary-1").measures[0].key
        store.record_event(first, TrackingStatus.IMPLEMENTED, by="edith")
        assert w.refresh() is True and no_view == ["meetings", "meetings"]  # a status: the meetings are kept
        assert w.snapshot().tracking.status(first) is TrackingStatus.IMPLEMENTED


def test_the_process_works_out_the_overview_after_a_change_so_that_no_reader_waits_for_it(
    tmp_path: Path, make_release: MakeRelease, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store whose overview was kept by other code (an upgrade) or not yet (a user's write): the
    server's own thread works it out in every language when it sees the change, and the first
    reader is answered from what it kept."""
    drawn: list[str] = []
    real = overview.digest

    def counted(d: Data, language: str) -> Any:
        drawn.append(language)
        return real(d, language)

    monkeypatch.setattr(overview, "digest", counted)
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        store.ingest(*make_release(ordinal=1, year=2019))
        c = client(store)
        w = c.app.state.web  # type: ignore[attr-defined]
        assert w.refresh() is True and sorted(drawn) == sorted(i18n.LANGUAGES)
        assert c.get("/").status_code == 200 and c.get("/api/overview").status_code == 200
        assert len(drawn) == len(i18n.LANGUAGES), "the reader worked nothing out"
        store.record_event(store.meeting("anhui-plenary-1").measures[0].key, TrackingStatus.IMPLEMENTED, by="edith")
        assert w.refresh() is True and len(drawn) == 2 * len(i18n.LANGUAGES), "a write: worked out again"
        assert c.get("/api/overview").json()["data"]["meetings"] == 1 and len(drawn) == 2 * len(i18n.LANGUAGES)


def test_the_thread_says_once_that_the_store_is_down(
    tmp_path: Path, make_release: MakeRelease, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        store.ingest(*make_release(ordinal=1, year=2019))
        w = client(store).app.state.web  # type: ignore[attr-defined]
        w.keep_up(every=0, rounds=2)
        assert len(w.snapshot().meetings) == 1 and caplog.records == []

        def down() -> None:
            raise StoreError("cannot read the database: it is gone")

        monkeypatch.setattr(store, "stamp", down)
        w.keep_up(every=0, rounds=3)  # warm, then three rounds that fail
        said = [r for r in caplog.records if "keep the server's view up to date" in r.getMessage()]
        assert len(said) == 1


def test_the_server_command_runs_the_thread_and_the_test_client_does_not(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        before = {t.name for t in threading.enumerate()}
        client(store)
        assert "cooptrack-view" not in {t.name for t in threading.enumerate()} - before
        served = create_app(store, WebSettings(warm=True))
        running = [t for t in threading.enumerate() if t.name == "cooptrack-view" and t.name not in before]
        assert len(running) == 1 and store._keeper is not None  # and what is kept is written apart
        with TestClient(served):  # the application starts and shuts down: the thread ends with it
            pass
        running[0].join(timeout=60)
        assert not running[0].is_alive() and store._keeper is None


def test_the_thread_ends_when_the_store_is_closed(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'kept.db'}")
    w = client(store).app.state.web  # type: ignore[attr-defined]
    watching = threading.Thread(target=w.keep_up, kwargs={"every": 0.01})
    watching.start()
    store.close()  # `cooptrack serve` closes its store when the server stops
    watching.join(timeout=60)
    assert not watching.is_alive()


def test_what_is_kept_in_the_background_is_written_before_the_writer_ends(
    tmp_path: Path, make_release: MakeRelease, caplog: pytest.LogCaptureFixture
) -> None:
    with Store(f"sqlite:///{tmp_path / 'kept.db'}") as store:
        store.ingest(*make_release(ordinal=1, year=2019))
        store.keep_in_background()
        try:
            people = Data(store).people  # worked out here, kept by the writing thread
            kept.keep(store, "tests", lambda: store.keep_digest("x", "y", b"z"))

            def refused() -> None:
                raise StoreError("cannot write to the database: read-only")

            kept.keep(store, "refusals", refused)
        finally:
            store.keep_in_background(False)  # waits for what was handed to it
        assert store.digest("x", "y") == b"z" and people
        assert _stamps(store, "people") == [kept._tag(store.stamp())]
        said = [r.getMessage() for r in caplog.records]
        assert said == ["the refusals were not kept: cannot write to the database: read-only"]
