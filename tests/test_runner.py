"""The ingest runner (issue 14 items 3 and 5): parsing processes feeding one writer, batches of
documents each still all or nothing, the time cap per document, reparse, the after-batch hook.

No test here times anything: the parse that never ends is a parser replaced by one that never
returns for one file (the workers are forked after the replacement), under a small cap; what
is checked is the message and what was stored. The releases are synthetic, written here from
one template (invented officials and measures, real partner names).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner, Result

from cooptrack import pipeline, runner
from cooptrack.acquire import Document, read_path
from cooptrack.cli import app
from cooptrack.errors import StoreError
from cooptrack.record import PARSER_VERSION, Record
from cooptrack.store import CorrectionKind, Outcome, Store
from cooptrack.store import store as store_module
from cooptrack.store.models import DocumentVersion
from cooptrack.vocab import TrackingStatus
from cooptrack.workers import ParsePool, ParseTimeout

_PARTNERS = ("Anhui", "Jiangxi", "Hunan", "Henan", "Yunnan", "Guizhou", "Gansu", "Jilin")
_ORDINALS = ("First", "Second", "Third")
cli = CliRunner()


def _release(partner: str, ordinal: int) -> str:
    """A synthetic release in the layout of the Government's (every name and measure invented)."""
    nth = _ORDINALS[ordinal - 1]
    return (
        f"{nth} Plenary Session of the Hong Kong/{partner} Co-operation Conference held in Hong Kong\n\n"
        f"     The Chief Secretary for Administration, Mr Lau Ka-ming, and the Vice Governor of {partner}, "
        f"Mr Wong Tai-sin, held the {nth} Plenary Session of the Hong Kong/{partner} Co-operation Conference "
        f"in Hong Kong today (May {ordinal + 3}).\n\n"
        f"     Hong Kong and {partner} reached consensus on the following co-operation areas:\n\n"
        "Trade and Investment\n\n"
        f"     Support joint trade fairs of {partner} and Hong Kong for small firms.\n\n"
        "Education\n\n"
        f"     Support student exchanges between the universities of {partner} and Hong Kong.\n\n"
        f"Ends/Monday, May {ordinal + 3}, 2024\n"
    )


def _files(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pairs = [(p, n) for n in range(1, len(_ORDINALS) + 1) for p in _PARTNERS][:count]
    paths = []
    for i, (partner, ordinal) in enumerate(pairs):
        paths.append(folder / f"r{i:02d}_{partner.lower()}_{ordinal}.txt")
        paths[-1].write_text(_release(partner, ordinal), encoding="utf-8")
    return paths


def _run(*args: str) -> Result:
    return cli.invoke(app, list(args))


def _errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


# --- the time cap ---------------------------------------------------------------------------------


@pytest.fixture
def stalling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser never returns for a file named ``stall*`` (it waits on an event nobody sets)."""
    real = pipeline.parse_document

    def parse(doc: Document) -> Record:
        if doc.source.startswith("stall"):
            threading.Event().wait()
        return real(doc)

    monkeypatch.setattr(pipeline, "parse_document", parse)


def test_a_parse_that_never_ends_fails_its_file_and_the_batch_goes_on(
    stalling: None, sqlite_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    _files(folder, 6)
    (folder / "stall.txt").write_text(_release("Gansu", 3), encoding="utf-8")
    result = _run("ingest", str(folder), "--db", sqlite_url, "--time-cap", "0.5", "--batch-size", "2")
    assert result.exit_code == 1
    assert _errors(result) == [
        f"error: {folder / 'stall.txt'}: parsing stopped after 0.5 s, the time cap per document "
        "(--time-cap SECONDS to change it)"
    ]
    assert result.stdout.strip() == "6 inserted, 0 updated, 0 unchanged, 1 failed (0 not relevant)"
    with Store(sqlite_url) as store:
        assert store.counts()["meeting"] == 6


def test_a_stalled_worker_is_replaced_and_the_next_document_parsed(stalling: None, tmp_path: Path) -> None:
    [path] = _files(tmp_path, 1)
    stall = tmp_path / "stall.txt"
    stall.write_text(_release("Gansu", 3), encoding="utf-8")
    with ParsePool(1, time_cap=0.5) as pool:
        with pytest.raises(ParseTimeout, match=r"^page-1: parsing stopped after 0\.5 s, the time cap per document"):
            pool.parse_one(read_path(stall), "page-1")
        assert pool.parse_one(read_path(path), "page-2").partner == "Anhui"


def test_a_worker_that_dies_fails_only_its_document(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = pipeline.parse_document

    def parse(doc: Document) -> Record:
        if doc.source.startswith("die"):
            import os

            os._exit(3)
        return real(doc)

    monkeypatch.setattr(pipeline, "parse_document", parse)
    paths = _files(tmp_path, 2)
    (tmp_path / "die.txt").write_text(_release("Gansu", 3), encoding="utf-8")
    with ParsePool(1, time_cap=None) as pool:
        results = list(pool.parse_paths([paths[0], tmp_path / "die.txt", paths[1]], window=4))
    assert [r.error for r in results] == [
        None,
        f"{tmp_path / 'die.txt'}: cannot be parsed (its parsing process ended: exit status 3)",
        None,
    ]
    assert [r.record.partner if r.record else None for r in results] == ["Anhui", None, "Jiangxi"]


# --- batches, each document all or nothing ---------------------------------------------------------


def test_a_document_the_database_refuses_is_rolled_back_alone_in_its_batch(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [(doc, pipeline.parse_document(doc)) for doc in map(read_path, _files(tmp_path, 3))]
    real = store_module._ingest

    def refuse_the_second(conn: object, doc: Document, record: Record, now: object) -> object:
        result = real(conn, doc, record, now)  # its rows are written ...
        if record.partner == "Jiangxi":  # ... then the database refuses one
            raise IntegrityError("INSERT ...", {}, Exception("UNIQUE constraint failed: measure.key"))
        return result

    monkeypatch.setattr(store_module, "_ingest", refuse_the_second)
    with Store(db_url) as store:
        results = store.ingest_batch(docs)
        assert [r.outcome for r in results] == [Outcome.INSERTED, Outcome.REJECTED, Outcome.INSERTED]
        assert results[1].reason == "cannot be stored: two of its items would be the same item"
        assert sorted(m.meeting.partner or "" for m in store.meetings()) == ["Anhui", "Hunan"]
        counts = store.counts()
        assert (counts["source"], counts["document_version"], counts["report"], counts["measure"]) == (2, 2, 2, 4)


def test_a_batch_that_cannot_be_written_keeps_every_document_that_fits_then_stops(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk, say: the batch fails whole, then its documents are stored one by one until one
    cannot be; the run stops there with the database's error, having counted what it stored."""
    paths = _files(tmp_path / "batch", 5)
    calls = []

    def batch_fails(self: Store, parsed: Sequence[tuple[Document, Record]]) -> list[object]:
        calls.append(len(parsed))
        if len(parsed) > 1 or len(calls) > 3:  # the batch, then the third document alone
            raise StoreError("cannot write to the database x: database or disk is full")
        return real(self, parsed)

    real = Store.ingest_batch
    monkeypatch.setattr(Store, "ingest_batch", batch_fails)
    errors: list[str] = []
    with Store(sqlite_url) as store:
        report = runner.ingest(store, paths, runner.Options(jobs=1, batch_size=4), on_error=errors.append)
    assert calls == [4, 1, 1, 1]
    assert (report.inserted, report.failed) == (2, 1)
    assert errors == ["cannot write to the database x: database or disk is full"] == [report.stopped]
    monkeypatch.undo()
    with Store(sqlite_url) as store:
        assert store.counts()["document_version"] == 2


def test_after_batch_hooks_see_each_committed_batch(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(runner, "AFTER_BATCH", [lambda _store, written: seen.append([w.label for w in written])])
    paths = _files(tmp_path, 5)
    with Store(sqlite_url) as store:
        report = runner.ingest(store, paths, runner.Options(batch_size=2))
    assert report.tally() == {"inserted": 5, "updated": 0, "unchanged": 0, "failed": 0, "not_relevant": 0}
    assert seen == [[str(p) for p in paths[:2]], [str(p) for p in paths[2:4]], [str(paths[4])]]


# --- reparse ------------------------------------------------------------------------------------------


def test_reparse_reads_again_what_an_older_parser_read_and_keeps_users_decisions(db_url: str, tmp_path: Path) -> None:
    paths = _files(tmp_path / "batch", 4)
    assert _run("ingest", str(tmp_path / "batch"), "--db", db_url).exit_code == 0
    with Store(db_url) as store:
        slug = store.meetings()[0].meeting.slug
        key = store.meeting(slug).measures[0].key
        store.correct(CorrectionKind.SAME_PERSON, ("lau ka ming", "Lau Ka-ming"), ("lau", "Mr Lau"), by="editor")
        store.record_event(key, TrackingStatus.IN_PROGRESS, by="editor")
        with store.engine.begin() as conn:  # as if an older parser had read three of them
            conn.execute(update(DocumentVersion).where(DocumentVersion.id != 3).values(parser_version="0.9.0"))
    paths[3].unlink()  # and one of those is gone
    result = _run("reparse", "--db", db_url)
    assert result.exit_code == 1
    assert _errors(result) == [f"error: {paths[3]}: no such file or folder"]
    assert result.stdout.strip() == "0 inserted, 2 updated, 0 unchanged, 1 failed (0 not relevant; 1 current already)"
    with Store(db_url) as store:
        assert store.counts()["document_version"] == 4  # the same bytes: their versions read again, none added
        assert [v.parser_version for v in store.versions(str(paths[0].resolve()))] == [PARSER_VERSION]
        assert [v.parser_version for v in store.versions(str(paths[3].resolve()))] == ["0.9.0"]  # kept as it was
        assert len(store.corrections()) == 1
        assert store.meeting(slug).measures[0].key == key
        assert store.tracking().status(key) is TrackingStatus.IN_PROGRESS  # still attached to its measure
    again = _run("reparse", "--db", db_url)
    assert again.stdout.strip() == "0 inserted, 0 updated, 0 unchanged, 1 failed (0 not relevant; 3 current already)"
