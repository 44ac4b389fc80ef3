"""The command line, end to end on a temporary database: parse, ingest, list, show, search,
export, and bad input reported one line per file while the batch goes on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cooptrack.cli import app

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_parse_writes_one_record_per_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(CORPUS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(p.stem + ".json" for p in CORPUS.glob("*.txt"))
    record = json.loads((tmp_path / "out" / "001_3b3d6f915a112d97.json").read_text())
    assert record["partner"] == "Beijing" and record["meeting"]["ordinal"] == 5


def test_parse_prints_json_for_one_file() -> None:
    result = runner.invoke(app, ["parse", str(next(CORPUS.glob("003_*.txt")))])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["meeting"]["ordinal"] == 20


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "good.txt").write_bytes(next(CORPUS.glob("004_*.txt")).read_bytes())
    result = runner.invoke(app, ["ingest", str(folder), str(tmp_path / "missing.txt"), "--db", db])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("image.png" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert "1 inserted" in result.stdout and "3 failed" in result.stdout


def test_ingest_list_show_search_export(tmp_path: Path, db: str) -> None:
    first = runner.invoke(app, ["ingest", str(CORPUS), "--db", db])
    assert first.exit_code == 0 and "5 inserted" in first.stdout
    again = runner.invoke(app, ["ingest", str(CORPUS), "--db", db])
    assert "5 unchanged" in again.stdout

    listed = json.loads(runner.invoke(app, ["list", "--db", db, "--format", "json"]).stdout)
    assert {m["meeting"] for m in listed} >= {"beijing-plenary-5", "guangdong-plenary-20"}
    fujian = next(m for m in listed if m["meeting"] == "fujian-plenary-4")
    assert fujian["date"] is None and "year_not_stated" in fujian["flags"]

    shown = runner.invoke(app, ["show", "guangdong-plenary-20", "--db", db])
    assert shown.exit_code == 0 and "Ma Xingrui" in shown.stdout
    source = runner.invoke(app, ["show", "guangdong-plenary-20", "--source", "--db", db])
    assert "Shenzhen-Hong Kong Stock Connect" in source.stdout
    missing = runner.invoke(app, ["show", "nowhere-1", "--db", db])
    assert missing.exit_code == 1 and 'no meeting "nowhere-1"' in missing.stderr

    found = json.loads(runner.invoke(app, ["search", "law firms", "--db", db, "--format", "json"]).stdout)
    assert found and all("[" in h["snippet"] for h in found)

    assert runner.invoke(app, ["export", str(tmp_path / "csv"), "--format", "csv", "--db", db]).exit_code == 0
    with (tmp_path / "csv" / "measures.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 116 and all(r["source"] and len(r["sha256"]) == 64 for r in rows)
    assert runner.invoke(app, ["export", str(tmp_path / "json"), "--db", db]).exit_code == 0
    index = json.loads((tmp_path / "json" / "index.json").read_text())
    assert len(index) == 5
