"""Ingest never takes its own outputs (or other JSON) for releases (issue 12 item 6).

A folder may hold the records ``cooptrack parse --out`` wrote next to the releases, gold files,
or any JSON: each is refused with one line naming the file, the releases beside them are stored,
and no database error ever reaches the user. The release read here is a synthetic Jiangxi
plenary written for the tests (tests/data/series); the other JSON files are written here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner, Result

from cooptrack.acquire import Document, read_path
from cooptrack.cli import app
from cooptrack.errors import NotARelease
from cooptrack.record import Record
from cooptrack.store import Outcome, Store
from cooptrack.store import store as store_module
from cooptrack.store.derive import stable_key

SERIES = Path(__file__).parent / "data" / "series"
RELEASE = SERIES / "jiangxi_1st_plenary_2019.txt"
runner = CliRunner()


def _run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def _error_lines(result: Result) -> list[str]:
    lines = result.stderr.splitlines()
    assert all(line.startswith(("error: ", "note: ")) for line in lines), result.stderr  # one line each, no traceback
    return [line for line in lines if line.startswith("error: ")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A release, the record ``parse --out`` wrote for it, a gold-format file and other JSON."""
    out = tmp_path / "releases"
    assert _run("parse", str(RELEASE), "--out", str(out)).exit_code == 0
    (out / RELEASE.name).write_bytes(RELEASE.read_bytes())
    meeting = {"ordinal": 1, "kind": "plenary"}
    gold = {"relevant": True, "mechanism": "Hong Kong/Jiangxi Co-operation Conference", "partner": "Jiangxi",
            "meeting": meeting, "areas": [], "agreements": [], "measure_count": 0}  # fmt: skip
    (out / "gold_jiangxi.json").write_text(json.dumps(gold, indent=2), encoding="utf-8")
    (out / "list.json").write_text('[{"title": "Hong Kong/Sichuan Co-operation Conference"}]', encoding="utf-8")
    return out


def test_ingest_refuses_its_own_records_and_other_json_with_one_line_each(folder: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = _run("ingest", str(folder), "--db", db, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"inserted": 1, "updated": 0, "unchanged": 0, "failed": 3, "not_relevant": 0}
    errors = _error_lines(result)
    assert len(errors) == 3
    record_line = next(line for line in errors if "jiangxi_1st_plenary_2019.json" in line)
    assert "is a record written by cooptrack parse" in record_line
    assert f"({RELEASE.name})" in record_line  # the release to ingest instead
    assert any("gold_jiangxi.json: is a record in the gold format" in line for line in errors)
    assert any("list.json: is JSON data, not a release" in line for line in errors)
    assert "constraint" not in result.stderr.casefold()
    with Store(db) as store:
        assert [m.meeting.mechanism for m in store.meetings()] == ["Hong Kong/Jiangxi Co-operation Conference"]


def test_ingesting_the_folder_again_changes_nothing(folder: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    _run("ingest", str(folder), "--db", db)
    again = _run("ingest", str(folder), "--db", db, "--format", "json")
    assert json.loads(again.stdout)["unchanged"] == 1
    assert json.loads(again.stdout)["inserted"] == 0
    with Store(db) as store:
        assert len(store.meetings()) == 1


def test_parse_refuses_a_record_too(folder: Path) -> None:
    result = _run("parse", str(folder / "jiangxi_1st_plenary_2019.json"))
    assert result.exit_code == 1
    assert _error_lines(result)[0].endswith(f"ingest the release it was parsed from ({RELEASE.name})")


@pytest.mark.parametrize(
    "text",
    [
        "{Draft} The Hong Kong/Jiangxi Co-operation Conference met today.",
        "[Embargoed] The Hong Kong/Jiangxi Co-operation Conference met today.",
        '{"unfinished": ',
    ],
    ids=["brace-opens-a-release", "bracket-opens-a-release", "broken-json-is-text"],
)
def test_text_that_only_starts_like_json_is_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "release.txt"
    path.write_text(text, encoding="utf-8")
    assert read_path(path).text == text


def test_a_json_file_under_any_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text('  {"areas": [1, 2]}\n', encoding="utf-8")
    with pytest.raises(NotARelease, match=r"release\.txt: is JSON data, not a release"):
        read_path(path)


def test_measures_whose_words_echo_a_repeat_number_get_their_own_keys(
    memory_store: Store, make_release: Callable[..., tuple[Document, Record]]
) -> None:
    """'A' twice and 'A 2' once: the second 'A' is keyed 'A #2', which normalises to 'A 2' too."""
    doc, record = make_release(
        partner="Jiangxi",
        areas=[("Trade", ["trade_investment"], [("Hold a fair", []), ("Hold a fair", []), ("Hold a fair 2", [])])],
    )
    result = memory_store.ingest(doc, record)
    assert result.outcome is Outcome.INSERTED, result.reason
    keys = [m.key for m in memory_store.meeting(memory_store.meetings()[0].meeting.slug).measures]
    assert len(set(keys)) == 3
    assert keys[0] == stable_key(
        memory_store.meetings()[0].meeting.slug, "Hold a fair"
    )  # the first key as it always was


def test_a_record_the_database_refuses_is_said_in_words(
    memory_store: Store, make_release: Callable[..., tuple[Document, Record]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise IntegrityError("INSERT ...", {}, Exception("UNIQUE constraint failed: measure.key"))

    monkeypatch.setattr(store_module, "_ingest", refuse)
    result = memory_store.ingest(*make_release(partner="Jiangxi"))
    assert result.outcome is Outcome.REJECTED
    assert result.reason == "cannot be stored: two of its items would be the same item"
