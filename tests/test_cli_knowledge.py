"""The knowledge commands from the command line: a human rendering by default, JSON for scripts.

The store holds the real corpus and the synthetic series of ``tests/data/series``.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from cooptrack.cli import app
from cooptrack.store import Store
from cooptrack.views import brief
from cooptrack.vocab import EvidenceKind, TrackingStatus

SERIES = Path(__file__).parent / "data" / "series"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'k.db'}"
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    result = runner.invoke(app, ["ingest", str(SERIES), str(corpus), "--db", url])
    assert result.exit_code == 0, result.stderr
    return url


def _run(db: str, *args: str) -> Result:
    return runner.invoke(app, [*args, "--db", db])


def _json(db: str, *args: str) -> Any:
    result = _run(db, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_people_lists_each_person_once_and_json_is_the_apis_directory(db: str) -> None:
    table = _run(db, "people")
    assert table.exit_code == 0
    assert table.stdout.count("Erick Tsang Kwok-wai") == 1
    found = _json(db, "people", "--side", "HK")
    assert all(p["side"] == "HK" for p in found)
    assert len({p["id"] for p in found}) == len(found)


def test_person_shows_the_post_history_and_why_names_were_merged(db: str) -> None:
    shown = _run(db, "person", "John Lee")
    assert shown.exit_code == 0, shown.stderr
    for text in ("Posts", "Secretary for Security", "Chief Executive", "jiangxi-plenary-2", "merged:"):
        assert text in shown.stdout
    data = _json(db, "person", "Chan Kwok-ki")
    posts = [(m["role"], m["start_date"]) for m in data["memberships"]]
    assert ("Director of the Chief Executive's Office", "2017-07-01") in posts
    assert ("Chief Secretary for Administration", "2022-07-01") in posts


def test_an_unknown_person_is_one_line_and_exit_1(db: str) -> None:
    result = _run(db, "person", "Nobody At All")
    assert result.exit_code == 1
    assert result.stderr.strip() == 'error: no person "Nobody At All" (try cooptrack people)'


def test_mechanisms_list_meetings_in_order_with_gaps_and_sources(db: str) -> None:
    shown = _run(db, "mechanisms")
    assert "gap: plenaries 1–4 not in the store" in shown.stdout
    # the list's JSON is /api/mechanisms's summaries; one mechanism's (cooptrack mechanism) has its meetings
    data = {m["partner"]: m for m in _json(db, "mechanisms")}
    assert (data["Jiangxi"]["meetings"], data["Jiangxi"]["first_year"]) == (3, 2019)
    jiangxi = _json(db, "mechanism", "Jiangxi")["meeting_list"]
    assert [m["slug"] for m in jiangxi] == ["jiangxi-plenary-1", "jiangxi-plenary-2", "jiangxi-plenary-3"]
    assert len(_json(db, "show", "jiangxi-plenary-3")["reports"]) == 2
    assert jiangxi[1]["year_range"] == [2021, 2021]


def test_diff_shows_what_changed_and_json_has_every_part(db: str) -> None:
    shown = _run(db, "diff", "Jiangxi", "--from", "1", "--to", "2")
    assert shown.exit_code == 0, shown.stderr
    assert "[-500-]" in shown.stdout and "{+800+}" in shown.stdout  # the markers show in a pipe
    assert "Chinese medicine" in shown.stdout
    data = _json(db, "diff", "Jiangxi")
    assert (data["earlier"], data["later"]) == ("jiangxi-plenary-2", "jiangxi-plenary-3")
    assert {"areas", "carried", "new", "dropped", "agreements", "summary"} <= data.keys()
    assert all("score" in link and "basis" in link for link in data["carried"])
    assert len(data["new"]) == 1 and len(data["dropped"]) == 2


def test_link_reject_from_the_command_line_changes_the_diff_and_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'own.db'}"
    assert runner.invoke(app, ["ingest", str(SERIES), "--db", url]).exit_code == 0
    before = _json(url, "diff", "Jiangxi")
    link = before["carried"][0]
    result = _run(url, "link", "reject", link["earlier"]["key"], link["later"]["key"], "--by", "tester")
    assert result.exit_code == 0, result.stderr
    assert "does not carry over" in result.stdout
    after = _json(url, "diff", "Jiangxi")
    assert len(after["carried"]) == len(before["carried"]) - 1


def test_same_person_from_the_command_line_merges_two_names(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'own.db'}"
    assert runner.invoke(app, ["ingest", str(SERIES), "--db", url]).exit_code == 0
    result = _run(url, "same-person", "David Wong", "David Wong Ka-lok", "--by", "tester", "--note", "PS")
    assert result.exit_code == 0, result.stderr
    data = _json(url, "person", "David Wong Ka-lok")
    assert {a["name"] for a in data["appearances"]} == {"David Wong", "David Wong Ka-lok"}
    assert any("decided by tester" in r for r in data["merged_because"])
    split = _json(url, "different-people", "Edward Yau", "Edward Yau Tang-wah", "--by", "tester")
    assert (split["kind"], split["left_label"], split["right_label"]) == (
        "different_people",
        "Edward Yau",
        "Edward Yau Tang-wah",
    )
    listed = _json(url, "corrections")
    assert [c["kind"] for c in listed] == ["same_person", "different_people"]
    assert listed[0]["note"] == "PS" and listed[0]["made_by"] == "tester"
    assert "same person" in _run(url, "corrections").stdout


def test_compare_matrix_and_timeline_render_and_have_json(db: str) -> None:
    compared = _json(db, "compare", "Jiangxi", "Beijing")
    assert (compared["left"], compared["right"]) == ("jiangxi-plenary-3", "beijing-plenary-5")
    assert any(row["theme"] == "culture_tourism" and row["left"] for row in compared["themes"])
    matrix = _json(db, "matrix", "--all")
    jiangxi = next(r for r in matrix["rows"] if r["partner"] == "Jiangxi")
    assert jiangxi["total"] == 8  # commitments: 16 statements at three plenaries, a repeat counted once
    timeline = _json(db, "timeline")
    assert {"mechanism": "Hong Kong/Jiangxi Co-operation Conference", "meeting": "jiangxi-plenary-2",
            "years": [2021, 2021], "date": None} in timeline  # fmt: skip
    for command in (("compare", "Jiangxi", "Beijing"), ("matrix",), ("timeline",)):
        shown = _run(db, *command)
        assert shown.exit_code == 0, shown.stderr
        assert "Jiangxi" in shown.stdout


def test_the_briefing_in_markdown_cites_a_quoted_sentence_for_every_measure(db: str) -> None:
    result = _run(db, "brief", "Jiangxi")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for heading in (
        "# Briefing: Hong Kong/Jiangxi Co-operation Conference",
        "## 1. The mechanism's meetings",
        "## 3. What changed since `jiangxi-plenary-2`",
        "## 5. People at the last meeting",
        "## Notes",
        "## Sources",
    ):
        assert heading in text
    body, notes_part = text.split("## Notes")
    notes = dict(re.findall(r"^(\d+)\. “(.+)” — ", notes_part, re.MULTILINE))
    cited = r"^(\d+)\. (.+) \[\[(\d+)\]\]\(/meetings/jiangxi-plenary-3#src-measure-(\d+)\)$"  # "[n]", a link
    found = re.findall(cited, body, re.MULTILINE)
    assert len(found) == 5
    assert [int(number) for number, *_ in found] == [1, 2, 3, 4, 5]  # numbered through the briefing
    assert all(number == anchor for number, _, _, anchor in found)  # as the meeting page numbers them
    assert all(measure in notes[note] for _, measure, note, _ in found)  # each note quotes its sentence
    assert "chars " not in text  # links to the meeting page, not character offsets
    assert "jiangxi_3rd_plenary_2024_news.txt" in text  # the other report of the meeting is a source too
    assert "carried over, reworded" in text and "*new;" in text


def test_the_briefing_as_html_pdf_and_json(db: str, tmp_path: Path) -> None:
    html = _run(db, "brief", "Jiangxi", "--format", "html").stdout
    assert html.lstrip().startswith("<!DOCTYPE html>") and "Hong Kong/Jiangxi" in html
    out = tmp_path / "jiangxi.pdf"
    result = _run(db, "brief", "Jiangxi", "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert "Jiangxi" in "".join(page.extract_text() for page in pages)
    data = _json(db, "brief", "Jiangxi")
    assert data["mechanism"] == "Hong Kong/Jiangxi Co-operation Conference"
    assert len(data["meetings"]) == 3 and data["sources"]


NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")  # Debian's fonts-noto-cjk


def test_a_briefing_in_chinese_shows_its_characters_in_every_format(store: Store, make_release: Any) -> None:
    """Chinese measures (synthetic) come out as written; the PDF embeds a CJK font (Noto CJK, from
    Debian's fonts-noto-cjk, which ``make install`` installs) and its text extracts as Chinese."""
    measure = "推动粤港澳大湾区金融市场互联互通,支持香港发展绿色金融。"
    areas = [("金融合作", ["finance"], [(measure, ["finance"])])]
    doc, record = make_release(partner="Guangdong", ordinal=21, areas=areas)
    store.ingest(doc, record.model_copy(update={"language": "zh", "script": "simplified"}))
    built = brief.build(store, "Guangdong")
    assert measure in brief.render(built, brief.BriefFormat.MD).decode("utf-8")
    assert measure in brief.render(built, brief.BriefFormat.HTML).decode("utf-8")
    assert json.loads(brief.render(built, brief.BriefFormat.JSON))["areas"][0]["measures"][0]["text"] == measure
    pdf = PdfReader(io.BytesIO(brief.render(built, brief.BriefFormat.PDF)))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "21st plenary" in text
    if not NOTO_CJK.exists():
        pytest.skip("fonts-noto-cjk is not installed (make install installs it)")
    assert any("Noto-Serif-CJK-TC" in name for name in _embedded_fonts(pdf)), _embedded_fonts(pdf)
    assert "金融市场互联互通" in text.replace("\n", "")


def _embedded_fonts(pdf: PdfReader) -> set[str]:
    """The fonts whose program is in the file (a FontFile in its descriptor, or its descendant's)."""
    found = set()
    for page in pdf.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.add(str(font["/BaseFont"]))
    return found


def test_a_briefing_on_an_unknown_partner_is_one_line(db: str) -> None:
    result = _run(db, "brief", "Atlantis")
    assert result.exit_code == 1
    assert result.stderr.startswith('error: no mechanism "Atlantis"')
    assert len(result.stderr.splitlines()) == 1


def test_the_briefing_says_what_the_tracker_recorded_for_each_measure(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'own.db'}"
    assert runner.invoke(app, ["ingest", str(SERIES), "--db", url]).exit_code == 0
    with Store(url) as store:
        measure = store.meeting("jiangxi-plenary-3").measures[0]
        store.record_event(
            measure.key, TrackingStatus.IMPLEMENTED, by="ann", note="first fair held",
            evidence_url="https://www.example.gov.hk/fair", evidence_kind=EvidenceKind.OFFICIAL,
        )  # fmt: skip
    text = _run(url, "brief", "Jiangxi").stdout
    assert "Status: Implemented (" in text and "recorded by ann, official evidence: first fair held" in text
    assert "<https://www.example.gov.hk/fair>" in text
    assert text.count("Status: Agreed (no status recorded since)") == 4  # the other measures of the meeting


def test_document_text_in_a_briefing_is_inert_in_every_format(store: Store, make_release: Any, tmp_path: Path) -> None:
    """A synthetic release whose measure holds markup: escaped in HTML, entities in Markdown, and
    the PDF loads nothing it names (a file on the server must never end up in a download)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42\n", encoding="utf-8")
    evil = f'Hold a fair <script>alert(1)</script> <a rel="attachment" href="file://{secret}">annex</a> for firms.'
    store.ingest(*make_release(areas=[("Trade", ["trade_investment"], [(evil, ["trade_investment"])])]))
    built = brief.build(store, "Anhui")
    html = brief.render(built, brief.BriefFormat.HTML).decode("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="file://' not in html
    md = brief.render(built, brief.BriefFormat.MD).decode("utf-8")
    assert "<script>" not in md and "&lt;script&gt;" in md
    pdf = brief.render(built, brief.BriefFormat.PDF)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "alert(1)" in text  # the markup is shown as text ...
    assert b"TOPSECRET" not in pdf and not PdfReader(io.BytesIO(pdf)).attachments  # ... and nothing is attached
