"""The command line, in process (typer's CliRunner) on temporary databases.

Commands that parse read the real corpus and check only what holds whatever the extractor
returns (one record per file, five documents stored, unchanged the second time); commands that
query run on a store filled with synthetic records built in conftest.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cooptrack import pipeline, render
from cooptrack.acquire import Document
from cooptrack.cli import app
from cooptrack.cli import base as cli_base
from cooptrack.config import DEFAULT_DB, database_url
from cooptrack.record import Record
from cooptrack.store import Store
from cooptrack.store.models import Meeting

MakeRelease = Callable[..., tuple[Document, Record]]
runner = CliRunner()


def _run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def _errors(result: Result) -> list[str]:
    lines = result.stderr.splitlines()
    assert all(line.startswith(("error: ", "note: ")) for line in lines), result.stderr  # no traceback, no noise
    return [line for line in lines if line.startswith("error: ")]


@pytest.fixture
def mixed(tmp_path: Path, corpus: Path) -> Path:
    """A folder with two real releases and three files that cannot be read."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("001_3b3d6f915a112d97.txt", "003_19cada9a8958ebfd.txt"):
        (folder / name).write_bytes((corpus / name).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    return folder


# --- parse -------------------------------------------------------------------------------------


def test_parse_writes_one_record_per_file_named_by_its_stem(tmp_path: Path, corpus: Path) -> None:
    result = _run("parse", str(corpus), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(f"{p.stem}.json" for p in corpus.glob("*.txt"))
    for path in (tmp_path / "out").iterdir():
        record = Record.model_validate_json(path.read_text(encoding="utf-8"))
        assert record.source == f"{path.stem}.txt"
    assert result.stdout == ""


def test_parse_prints_an_object_for_one_file_and_an_array_for_several(corpus: Path) -> None:
    one, two = sorted(corpus.glob("*.txt"))[:2]
    single = json.loads(_run("parse", str(one)).stdout)
    assert isinstance(single, dict) and single["source"] == one.name
    several = json.loads(_run("parse", str(one), str(two)).stdout)
    assert [r["source"] for r in several] == [one.name, two.name]
    folder = json.loads(_run("parse", str(corpus)).stdout)
    assert isinstance(folder, list) and len(folder) == 5


def test_parse_reports_each_bad_file_in_one_line_and_goes_on(mixed: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = _run("parse", str(mixed), str(missing), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    errors = _errors(result)
    assert len(errors) == 4
    for name in ("empty.txt", "photo.png", "blank.txt", "missing.txt"):
        assert sum(name in line for line in errors) == 1, errors
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "001_3b3d6f915a112d97.json",
        "003_19cada9a8958ebfd.json",
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b"\x00\x01\x02\x03" * 64, "", id="binary"),
    ],
)
def test_parse_of_one_bad_file_prints_nothing_on_stdout(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = _run("parse", str(bad))
    assert result.exit_code == 1 and result.stdout == ""
    [line] = _errors(result)
    assert line.startswith(f"error: {bad}: ") and problem in line


def test_parse_keeps_both_records_when_two_inputs_share_a_stem(tmp_path: Path, corpus: Path) -> None:
    first, second = sorted(corpus.glob("*.txt"))[:2]
    for folder, source in (("a", first), ("b", second)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "release.txt").write_bytes(source.read_bytes())
    result = _run("parse", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert len(list((tmp_path / "out").iterdir())) == 2
    assert "note:" in result.stderr and "release.txt" in result.stderr


# --- ingest ------------------------------------------------------------------------------------


def test_ingest_stores_the_corpus_once_and_then_reports_it_unchanged(db_url: str, corpus: Path) -> None:
    first = _run("ingest", str(corpus), "--db", db_url)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("5 inserted, 0 updated, 0 unchanged, 0 failed")
    with Store(db_url) as store:
        before = store.counts()
    again = _run("ingest", str(corpus), "--db", db_url, "--format", "json")
    summary = json.loads(again.stdout)
    assert {k: v for k, v in summary.items() if k != "not_relevant"} == {
        "inserted": 0, "updated": 0, "unchanged": 5, "failed": 0,
    }  # fmt: skip
    with Store(db_url) as store:
        assert store.counts() == before
        assert before["source"] == before["document_version"] == 5


def test_ingest_goes_on_past_bad_files_and_exits_1(db_url: str, mixed: Path, tmp_path: Path) -> None:
    result = _run("ingest", str(mixed), str(tmp_path / "missing.txt"), "--db", db_url)
    assert result.exit_code == 1
    assert len(_errors(result)) == 4
    assert result.stdout.startswith("2 inserted, 0 updated, 0 unchanged, 4 failed")
    with Store(db_url) as store:
        assert store.counts()["document_version"] == 2


def test_the_database_comes_from_db_then_the_environment(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db, option_db = tmp_path / "env.db", tmp_path / "option.db"
    monkeypatch.setenv("COOPTRACK_DB", f"sqlite:///{env_db}")
    monkeypatch.chdir(tmp_path)
    one = str(next(corpus.glob("004_*.txt")))
    assert _run("ingest", one).exit_code == 0
    assert _run("ingest", one, "--db", f"sqlite:///{option_db}").exit_code == 0
    assert env_db.exists() and option_db.exists() and not (tmp_path / "cooptrack.db").exists()
    assert database_url(None, {}) == DEFAULT_DB == "sqlite:///./cooptrack.db"
    assert database_url("sqlite:///a.db", {"COOPTRACK_DB": "sqlite:///b.db"}) == "sqlite:///a.db"


def test_an_unopenable_database_is_one_line_and_exit_1(tmp_path: Path, corpus: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}"
    for args in (["ingest", str(corpus)], ["list"], ["search", "trade"], ["show", "x"]):
        result = _run(*args, "--db", url)
        assert result.exit_code == 1
        assert _errors(result) == [f"error: cannot open the database {url}: unable to open database file"]


# --- queries on synthetic records ----------------------------------------------------------------


@pytest.fixture
def filled(db_url: str, make_release: MakeRelease) -> str:
    """Two synthetic meetings, one with an agreement; returns the database URL."""
    with Store(db_url) as store:
        store.ingest(*make_release(partner="Anhui", year=2023, agreements=["Memorandum on Testing [draft]"]))
        store.ingest(*make_release(partner="Hunan", year=None, ordinal=2))
    return db_url


def test_list_shows_each_meeting(filled: str) -> None:
    table = _run("list", "--db", filled)
    assert table.exit_code == 0 and "anhui-plenary-3" in table.stdout and "hunan-plenary-2" in table.stdout
    rows = json.loads(_run("list", "--db", filled, "--format", "json").stdout)  # /api/meetings's items
    anhui, hunan = sorted(rows, key=lambda r: r["slug"])
    assert (anhui["ordinal"], anhui["date"], anhui["areas"], anhui["measures"]) == (3, "2023-05-06", 2, 2)
    assert (hunan["date"], hunan["when"]) == (None, "May 6 (year?)")
    assert "May 6 (year?)" in _run("list", "--db", filled).stdout.replace("\n", " ")


def test_show_prints_the_record_of_a_meeting_by_slug_or_id(filled: str) -> None:
    shown = _run("show", "anhui-plenary-3", "--db", filled)
    assert shown.exit_code == 0
    text = " ".join(shown.stdout.split())
    for expected in ("Lau Ka-ming", "Chinese medicine", "Memorandum on Testing [draft]", "/synthetic/anhui-3.txt"):
        assert expected in text
    as_json = json.loads(_run("show", "1", "--db", filled, "--format", "json").stdout)
    assert as_json["slug"] == "anhui-plenary-3" and as_json["record"]["partner"] == "Anhui"
    assert len(as_json["read"]["sha256"]) == 64 and as_json["source"] == "/synthetic/anhui-3.txt"


def test_show_source_marks_each_item_in_the_cleaned_text(filled: str) -> None:
    result = _run("show", "anhui-plenary-3", "--source", "--db", filled)
    assert result.exit_code == 0
    out = result.stdout
    assert "[[person 1: Lau Ka-ming]]" in out
    assert "[[area 2: Health]]" in out
    assert "[[measure 2: Promote exchanges on Chinese medicine between hospitals.]]" in out
    assert "[[agreement 1: Memorandum on Testing [draft]]]" in out
    assert out.startswith("SYNTHETIC RELEASE")


def test_show_of_an_unknown_meeting_says_so_in_one_line(filled: str) -> None:
    result = _run("show", "atlantis-plenary-1", "--db", filled)
    assert result.exit_code == 1 and result.stdout == ""
    assert _errors(result) == ['error: no meeting "atlantis-plenary-1" (try cooptrack list)']


def test_search_with_facets(filled: str) -> None:
    hits = json.loads(_run("search", "medicine", "--db", filled, "--format", "json").stdout)
    assert sorted(h["meeting"] for h in hits) == ["anhui-plenary-3", "hunan-plenary-2"]
    only = json.loads(
        _run("search", "medicine", "--partner", "hunan", "--theme", "health", "--db", filled, "--format", "json").stdout
    )
    assert [(h["meeting"], h["kind"]) for h in only] == [("hunan-plenary-2", "measure")]
    assert only[0]["snippet"][slice(*only[0]["highlights"][0])] == "medicine"
    by_year = json.loads(_run("search", "medicine", "--year", "2023", "--db", filled, "--format", "json").stdout)
    assert [h["meeting"] for h in by_year] == ["anhui-plenary-3"]
    table = _run("search", "trade fair", "--kind", "measure", "--limit", "1", "--db", filled)
    assert table.exit_code == 0 and "1 results" in table.stdout
    assert _run("search", "trade", "--theme", "astrology", "--db", filled).exit_code == 2  # not a theme


def test_export_csv_and_json(filled: str, tmp_path: Path) -> None:
    result = _run("export", str(tmp_path / "csv"), "--format", "csv", "--db", filled)
    assert result.exit_code == 0
    with (tmp_path / "csv" / "measures.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 and {r["source_uri"] for r in rows} == {"/synthetic/anhui-3.txt", "/synthetic/hunan-2.txt"}
    assert _run("export", str(tmp_path / "json"), "--db", filled).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "json").iterdir()) == [
        "agreements.json",
        "anhui-plenary-3.json",
        "commitments.json",
        "hunan-plenary-2.json",
        "index.json",
        "people.json",
    ]


FORMULAS = ['=HYPERLINK("http://evil.example","x") to promote trade', "+1+1 cells", "-2+3 cells", "@SUM(A1) cells",
            "\tTab first cells", "\rReturn first cells"]  # fmt: skip


def test_the_csv_export_never_holds_a_cell_a_spreadsheet_would_run_as_a_formula(
    tmp_path: Path, make_release: MakeRelease
) -> None:
    """Synthetic measures and an agreement that begin like formulas are exported behind a quote; numbers stay."""
    url = f"sqlite:///{tmp_path / 'formulas.db'}"
    areas = [("=Trade", ["trade_investment"], [(text, ["trade_investment"]) for text in FORMULAS])]
    with Store(url) as store:
        store.ingest(*make_release(areas=areas, agreements=["=cmd|' /C calc'!A0"]))
    assert _run("export", str(tmp_path / "csv"), "--format", "csv", "--db", url).exit_code == 0
    with (tmp_path / "csv" / "measures.csv").open(encoding="utf-8-sig", newline="") as handle:
        measures = list(csv.DictReader(handle))
    with (tmp_path / "csv" / "agreements.csv").open(encoding="utf-8-sig", newline="") as handle:
        agreements = list(csv.DictReader(handle))
    assert sorted(r["text"] for r in measures) == sorted("'" + text for text in FORMULAS)
    assert {r["area_heading"] for r in measures} == {"'=Trade"}
    assert [r["title"] for r in agreements] == ["'=cmd|' /C calc'!A0"]
    assert all(r["position"].isdigit() and r["span_start"].isdigit() for r in measures), "numbers are not quoted"


def test_help_lists_every_command() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    for command in ("parse", "ingest", "list", "show", "search", "export"):
        assert command in result.stdout


# --- failures that are not the input's fault -----------------------------------------------------


def test_a_parser_crash_costs_one_file_not_the_batch(
    db_url: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.parse_document  # what ingest's parsing processes call (they are forked after this)

    def fragile(doc: Document) -> Record:
        if doc.source.startswith("002_"):
            raise ValueError("unexpected layout")
        return real(doc)

    monkeypatch.setattr(pipeline, "parse_document", fragile)
    result = _run("ingest", str(corpus), "--db", db_url)
    assert result.exit_code == 1
    [line] = _errors(result)
    assert "002_a589988113b4bd57.txt: cannot be parsed (ValueError: unexpected layout)" in line
    assert result.stdout.startswith("4 inserted, 0 updated, 0 unchanged, 1 failed")


def test_a_release_that_is_not_relevant_is_stored_and_not_a_failure(
    db_url: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.parse_document
    monkeypatch.setattr(pipeline, "parse_document", lambda doc: real(doc).model_copy(update={"relevant": False}))
    result = _run("ingest", str(next(corpus.glob("000_*.txt"))), "--db", db_url)
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 inserted, 0 updated, 0 unchanged, 0 failed (1 not relevant)"
    assert json.loads(_run("list", "--db", db_url, "--format", "json").stdout) == []


def test_a_read_only_database_stops_the_ingest_with_one_line(tmp_path: Path, corpus: Path) -> None:
    path = tmp_path / "ro.db"
    Store(f"sqlite:///{path}").close()
    result = _run("ingest", str(corpus), "--db", f"sqlite:///file:{path}?mode=ro&uri=true")
    assert result.exit_code == 1
    [line] = _errors(result)
    assert line.startswith("error: cannot write to the database") and "readonly" in line
    assert "0 inserted" in result.stdout and "1 failed" in result.stdout


def test_parse_into_a_file_instead_of_a_folder_is_one_line(tmp_path: Path, corpus: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("a file", encoding="utf-8")
    result = _run("parse", str(corpus), "--out", str(taken))
    assert result.exit_code == 1
    assert _errors(result) == [f"error: {taken}: cannot be made a folder for the records (File exists)"]


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        pytest.param({"date": dt.date(2019, 6, 14), "date_text": "June 14"}, "2019-06-14", id="dated"),
        pytest.param({"date_text": "May 6"}, "May 6 (year?)", id="no-year"),
        pytest.param({"date_text": "May 6", "year_from": 2018, "year_to": 2018}, "May 6 (2018?)", id="one-year"),
        pytest.param({"date_text": "May 6", "year_from": 2017, "year_to": 2019}, "May 6 (2017–2019?)", id="range"),
        pytest.param({}, "", id="nothing"),
    ],
)
def test_a_date_without_a_year_is_never_shown_as_a_date(fields: dict[str, object], label: str) -> None:
    assert render.date_label(Meeting(**fields)) == label


def test_square_brackets_are_text_not_markup(filled: str, tmp_path: Path) -> None:
    result = _run("search", "[/] [bold]", "--db", filled)
    assert result.exit_code == 0 and "[/] [bold]" in result.stdout
    out = tmp_path / "[red]export"
    assert _run("export", str(out), "--db", filled).stdout.strip().endswith(f"to {out}")


def test_a_message_longer_than_the_width_stays_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    long_path = "/tmp/" + "a-rather-long-folder-name/" * 12 + "copy.db"
    cli_base.say(f"backed up sqlite:///x.db to {long_path} (262144 bytes, SQLite online backup)")
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and long_path in out
