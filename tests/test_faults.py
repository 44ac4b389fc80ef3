"""Faults an ingest must survive, each on SQLite and on PostgreSQL (a schema of the test's own):

- killed with SIGKILL midway (inside a batch's transaction, and from outside at whatever
  moment it has reached), then run again: the store is as a clean ingest leaves it, nothing twice;
- two ``cooptrack ingest`` processes at once on overlapping files, on a new store: both succeed,
  each meeting is stored once;
- a read-only database (a read-only mount for SQLite, read-only transactions for PostgreSQL)
  and a full disk (a small tmpfs): one clear error line, exit status 1, no partial record.

The releases are synthetic, generated here from one template (invented officials and
measures, real partner names); mounting needs root, as on the machine CI runs on.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_document
from cooptrack.store import Outcome, Store

_PARTNERS = ("Anhui", "Jiangxi", "Hunan", "Henan", "Yunnan", "Guizhou", "Gansu", "Jilin", "Hebei", "Shanxi")
_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")
_THEMES = (
    ("Trade and Investment", "joint trade fairs for small firms"),
    ("Health", "exchanges on Chinese medicine between hospitals"),
    ("Education", "student exchanges between universities"),
)
_CLI = "import sys; from cooptrack.cli import app; sys.argv[0] = 'cooptrack'; app()"


def _release(partner: str, ordinal: int, *, copy: bool = False) -> str:
    """A synthetic release in the layout of the Government's (every name and measure invented)."""
    nth = _ORDINALS[ordinal - 1]
    lines = [
        f"{nth} Plenary Session of the Hong Kong/{partner} Co-operation Conference held in Hong Kong",
        "*" * 60,
        f"     The Chief Secretary for Administration, Mr Lau Ka-ming, and the Vice Governor of {partner}, "
        f"Mr Wong Tai-sin, leading the delegations of the governments of the Hong Kong Special "
        f"Administrative Region (HKSAR) and {partner} respectively, held the {nth} Plenary Session of the "
        f"Hong Kong/{partner} Co-operation Conference in Hong Kong today (May {ordinal + 3}).",
        "",
        f"     Hong Kong and {partner} reached consensus on the following {len(_THEMES)} co-operation areas:",
        "",
    ]
    for heading, about in _THEMES:
        lines += [heading, ""]
        for k in range(1, 4):
            lines += [f"     Support measure {k} of the {nth.lower()} plenary with {partner} on {about}.", ""]
    lines += [f"Ends/Monday, May {ordinal + 3}, 2024", "Issued at HKT 18:00" + (" (a second copy)" if copy else "")]
    return "\n".join(lines) + "\n"


def _write_batch(folder: Path, count: int, *, copies: int = 0) -> list[Path]:
    """``count`` releases of different meetings, then ``copies`` other files reporting the first ones."""
    folder.mkdir(parents=True, exist_ok=True)
    pairs = [(p, n) for n in range(1, len(_ORDINALS) + 1) for p in _PARTNERS][:count]
    files = []
    for i, (partner, ordinal) in enumerate(pairs):
        files.append(folder / f"r{i:03d}_{partner.lower()}_{ordinal}.txt")
        files[-1].write_text(_release(partner, ordinal), encoding="utf-8")
    for i, (partner, ordinal) in enumerate(pairs[:copies]):
        files.append(folder / f"copy{i:03d}_{partner.lower()}_{ordinal}.txt")
        files[-1].write_text(_release(partner, ordinal, copy=True), encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, int]]:
    """What a clean ingest stores, by the number of files of a batch (copies: a tenth of them)."""
    out = {}
    for count in (40,):
        files = _write_batch(tmp_path_factory.mktemp(f"clean{count}"), count, copies=count // 10)
        with Store("sqlite://") as store:
            for path in files:
                doc = read_path(path)
                assert store.ingest(doc, parse_document(doc)).outcome is Outcome.INSERTED
            out[count] = store.counts()
    assert out[40]["meeting"] == 40 and out[40]["source"] == 44  # the copies join their meetings
    return out


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", _CLI, *args]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_cli(*args), capture_output=True, text=True, check=False, timeout=600)


def assert_consistent(url: str, counts: dict[str, int] | None = None) -> None:
    """Every meeting whole and from one version of one report; nothing stored twice."""
    with Store(url) as store:
        if counts is not None:
            assert store.counts() == counts
        meetings = store.all_meetings()
        identities = [m.identity for m in meetings]
        assert len(set(identities)) == len(identities) and None not in identities
        for m in meetings:
            assert [r.is_primary for r in m.reports].count(True) == 1
            record = m.document.record
            measures = sum(len(area["measures"]) for area in record["areas"])
            assert len(m.measures) == measures > 0 and len(m.people) == len(record["people"])
            assert len(m.areas) == len(record["areas"]) and len(m.agreements) == len(record["agreements"])
            items = [*m.measures, *m.areas, *m.people, *m.agreements]
            assert {item.document_id for item in items} == {m.document_id}
        for source in {r.source.uri for m in meetings for r in m.reports}:
            assert [v.is_current for v in store.versions(source)] == [True]


def _summary(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


# --- killed midway ------------------------------------------------------------------------------

_DIE_INSIDE = """
import os, signal, sys
from cooptrack.store import derive
real, seen = derive.search_entries, []
def dying(*args):
    seen.append(1)
    if len(seen) == {kill_at}:  # the document's rows are written, its batch's transaction not committed
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args)
derive.search_entries = dying
from cooptrack.cli import app
sys.argv[0] = "cooptrack"
app()
"""


@pytest.mark.slow
def test_killed_inside_a_transaction_then_rerun_stores_everything_once(
    db_url: str, tmp_path: Path, expected: dict[int, dict[str, int]]
) -> None:
    folder = tmp_path / "batch"
    _write_batch(folder, 40, copies=4)
    script = _DIE_INSIDE.format(kill_at=17)
    killed = subprocess.run(
        [sys.executable, "-c", script, "ingest", str(folder), "--db", db_url, "--batch-size", "8"],
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL
    with Store(db_url) as store:
        assert store.counts()["document_version"] == 16  # two batches of eight; the third died with its transaction
    assert_consistent(db_url)
    again = _run("ingest", str(folder), "--db", db_url)
    assert again.returncode == 0, again.stderr
    assert _summary(again) == "28 inserted, 0 updated, 16 unchanged, 0 failed (0 not relevant)"
    assert_consistent(db_url, expected[40])


@pytest.mark.slow
def test_killed_from_outside_midway_then_rerun_stores_everything_once(
    db_url: str, tmp_path: Path, expected: dict[int, dict[str, int]]
) -> None:
    folder = tmp_path / "batch"
    _write_batch(folder, 40, copies=4)
    _run("db", "upgrade", "--db", db_url)
    ingest = _cli("ingest", str(folder), "--db", db_url, "--batch-size", "4")  # batches small enough to stop between
    with subprocess.Popen(ingest, stdout=subprocess.DEVNULL) as process:
        stored = _wait_for_meetings(db_url, process, at_least=3)
        process.send_signal(signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed midway"
    assert 3 <= stored < 40
    assert_consistent(db_url)
    again = _run("ingest", str(folder), "--db", db_url)
    assert again.returncode == 0, again.stderr
    assert_consistent(db_url, expected[40])


def _wait_for_meetings(url: str, process: subprocess.Popen[bytes], at_least: int) -> int:
    """Poll the store until it holds ``at_least`` meetings (or the process ends); the number seen."""
    with Store(url) as store:
        for _ in range(6000):
            stored = store.counts()["meeting"]
            if stored >= at_least or process.poll() is not None:
                return stored
            time.sleep(0.01)
    raise AssertionError("the ingest stored nothing in a minute")


# --- two at once ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_two_ingests_at_once_on_overlapping_files_store_each_meeting_once(
    db_url: str, tmp_path: Path, expected: dict[int, dict[str, int]]
) -> None:
    files = _write_batch(tmp_path / "batch", 40, copies=4)
    first = [str(f) for f in files[:30]]  # meetings 0 to 29
    second = [str(f) for f in files[40:] + files[39:9:-1]]  # other reports of 0 to 3 (at the same time), 39 to 10
    runs = [subprocess.Popen(_cli("ingest", *batch, "--db", db_url, "--format", "json"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for batch in (first, second)]  # fmt: skip
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0 and err == "", err
    inserted = sum(int(_json(out)["inserted"]) for out, _err in outputs)
    unchanged = sum(int(_json(out)["unchanged"]) for out, _err in outputs)
    assert (inserted, unchanged) == (44, len(first) + len(second) - 44)  # each file stored by one of them
    assert_consistent(db_url, expected[40])


def _json(text: str) -> dict[str, object]:
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


# --- read-only, full ----------------------------------------------------------------------------------


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A folder on a tmpfs of 4 MiB of its own, unmounted afterwards (needs root); room for a store of the
    40 releases and the write-ahead log of one transaction writing most of them."""
    where = tmp_path / "mnt"
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs for the test (run as root): {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def _read_only_url(db_url: str, request: pytest.FixtureRequest) -> str:
    """A store made read-only: on SQLite a new one on a mount remounted read-only; on PostgreSQL
    the test's store, its transactions read-only (as on a replica)."""
    if db_url.startswith("sqlite"):
        mounted: Path = request.getfixturevalue("mounted")
        url = f"sqlite:///{mounted / 'store.db'}"
        Store(url).close()
        subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
        return url
    Store(db_url).close()
    return db_url.replace("options=-csearch_path", "options=-cdefault_transaction_read_only%3Don%20-csearch_path")


@pytest.mark.slow
def test_a_read_only_database_is_one_error_line_and_no_record(
    db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    folder = tmp_path / "batch"
    _write_batch(folder, 3)
    kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    url = _read_only_url(db_url, request)
    result = _run("ingest", str(folder), "--db", url)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    reason = {"sqlite": "attempt to write a readonly database", "postgresql": "read-only transaction"}[kind]
    assert line.startswith("error: cannot write to the database ") and reason in line
    assert _summary(result) == "0 inserted, 0 updated, 0 unchanged, 1 failed (0 not relevant)"
    with Store(url) as store:
        assert set(store.counts().values()) == {0}


@pytest.mark.slow
def test_a_full_disk_is_one_error_line_and_no_partial_record(mounted: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{mounted / 'store.db'}"
    Store(url).close()
    free = os.statvfs(mounted)
    ballast = mounted / "ballast"
    # leave room for a few documents: in WAL mode a transaction appends every page it changes (~150 kB for
    # a release into a new store), until a checkpoint copies them into the database file
    ballast.write_bytes(b"\0" * max(0, free.f_bavail * free.f_frsize - 480 * 1024))
    folder = tmp_path / "batch"
    _write_batch(folder, 40)
    result = _run("ingest", str(folder), "--db", url)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line == f"error: cannot write to the database {url}: database or disk is full"
    inserted = int(_summary(result).split()[0])
    assert 0 < inserted < 40
    ballast.unlink()  # room again: the store is whole, with exactly what was reported stored
    with Store(url) as store:
        assert store.counts()["document_version"] == store.counts()["meeting"] == inserted
    assert_consistent(url)
    again = _run("ingest", str(folder), "--db", url)
    assert again.returncode == 0, again.stderr
    assert _summary(again) == f"{40 - inserted} inserted, 0 updated, {inserted} unchanged, 0 failed (0 not relevant)"
