"""The briefing as a page (issue 12, item 3): on screen within the site (printable), as Word,
Markdown, HTML and PDF; every statement cites a numbered note quoting its sentence and linking
to the meeting page's anchor; measures numbered through the briefing; never "dropped" from a
release read partly.

The store holds ``tests/data/partly_read`` (SYNTHETIC, written here): three plenaries of a
Fujian-like conference, the Fifth a copy cut after "the following ten areas:".
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cooptrack.acquire import read_path
from cooptrack.cli import app
from cooptrack.pipeline import parse_document
from cooptrack.serve import assets
from cooptrack.store import Store
from cooptrack.views import brief
from webtools import client

PARTLY = Path(__file__).parent / "data" / "partly_read"
FILES = ("fujian_4th_plenary_2021.txt", "fujian_5th_plenary_2023_cut.txt", "fujian_6th_plenary_2025.txt")
SLUG = "hong-kong-fujian-co-operation-conference"


def _ingest(store: Store, names: tuple[str, ...]) -> None:
    for name in names:
        doc = read_path(PARTLY / name)
        store.ingest(doc, parse_document(doc))


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('briefing') / 'b.db'}"


@pytest.fixture(scope="module")
def stored(url: str) -> Iterator[Store]:
    with Store(url) as store:
        _ingest(store, FILES)
        yield store


@pytest.fixture(scope="module")
def web(stored: Store) -> TestClient:
    return client(stored)


@pytest.fixture(scope="module")
def built(stored: Store) -> brief.Briefing:
    return brief.build(stored, "Fujian", base_url="https://cooptrack.example.org/")


def test_every_note_quotes_a_sentence_of_its_release_and_links_to_the_meeting_pages_anchor(
    stored: Store, built: brief.Briefing, web: TestClient
) -> None:
    assert [c.number for c in built.notes] == list(range(1, len(built.notes) + 1))
    for c in built.notes:
        assert c.href.startswith("https://cooptrack.example.org/meetings/"), c.href
        slug, anchor = c.href.removeprefix("https://cooptrack.example.org/meetings/").split("#")
        assert c.quote in " ".join(stored.meeting(slug).document.cleaned_text.split())
        page = web.get(f"/meetings/{slug}").text
        assert f'id="{anchor}"' in page, c.href  # the anchor is there to land on
    measures = [m for a in built.areas for m in a.measures]
    assert [m.number for m in measures] == [1, 2, 3, 4, 5, 6]  # through the briefing, not per area
    assert all(m.text in m.cite.quote for m in measures)


def test_the_briefing_compares_around_the_release_read_with_no_measure(built: brief.Briefing) -> None:
    said = [line.text for line in built.changes]
    assert said[0] == (
        "The Fifth plenary's release was read with 0 of 10 areas, the copy stops mid-way: "
        "its measures cannot be compared; it is left out of the comparison."
    )
    assert built.changed_since == "fujian-plenary-4"
    assert not any(line.startswith("Not repeated") for line in said)
    renamed = next(line for line in built.changes if line.text.startswith("Area renamed"))
    assert renamed.cite is not None and renamed.cite.href.endswith("/meetings/fujian-plenary-6#src-area-3")
    assert renamed.cite.quote == "Tea, culture and youth"
    statuses = {m.text[:8]: m.status for a in built.areas for m in a.measures}
    assert statuses["Set up a"] == "new" and statuses["Hold a F"] == "carried over"


def test_a_briefing_whose_last_release_was_read_with_no_measure_says_so_and_drops_nothing(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'cut.db'}") as store:
        _ingest(store, FILES[:2])
        built = brief.build(store, "Fujian")
    assert built.read == (
        "This fifth plenary session's release was read with 0 of 10 areas, the copy stops mid-way: "
        "its measures cannot be compared."
    )
    said = " ".join(line.text for line in built.changes)
    assert "The Fifth plenary's release was read with 0 of 10 areas" in said
    assert "dropped" not in said and "Not repeated" not in said
    assert ("Read", "read with 0 of 10 areas, the copy stops mid-way") in built.last_facts


def test_the_markdown_puts_each_list_item_on_its_own_line(built: brief.Briefing) -> None:
    md = brief.render(built, brief.BriefFormat.MD).decode("utf-8")
    lines = md.split("## Notes")[0].splitlines()
    numbered = [line for line in lines if re.match(r"^\d+\. ", line)]
    measures = [line for line in numbered if "#src-measure-" in line]
    assert [line.split(".")[0] for line in measures] == ["1", "2", "3", "4", "5", "6"]
    for i, line in enumerate(lines):  # a measure's status and progress are sub-items, each on a line
        if line in measures:
            assert lines[i + 1].startswith("    - *") and lines[i + 2].startswith("    - Status: ")
    changes = md.split("## 3. What changed")[1].split("## 4.")[0]
    assert [line for line in changes.splitlines() if line.strip()][1].startswith("- The Fifth plenary's")
    assert "[[1]](https://cooptrack.example.org/meetings/fujian-plenary-4#h-source)" in md  # shown as "[1]"


def test_the_word_briefing_reads_back_with_its_sections_numbers_and_notes(built: brief.Briefing) -> None:
    data = brief.render(built, brief.BriefFormat.DOCX)
    assert data[:2] == b"PK"  # a .docx is a zip
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert headings[:2] == ["1. The mechanism's meetings", "2. The last meeting: Sixth plenary session [3]"]
    assert "Notes" in headings and "Sources" in headings
    measure = "6. Set up a Fujian-Hong Kong youth innovation base in Xiamen for young entrepreneurs of the two places."
    assert any(p.startswith(measure) and re.search(r"\[\d+\]$", p) for p in paragraphs)
    assert any(p.startswith("The Fifth plenary's release was read with 0 of 10 areas") for p in paragraphs)
    assert not any(p.startswith("Not repeated") for p in paragraphs)
    notes = [p for p in paragraphs if re.match(r"^\d+\. “", p)]
    assert len(notes) == len(built.notes)
    assert notes[3].endswith("https://cooptrack.example.org/meetings/fujian-plenary-6#src-measure-1")
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert (
        "Fifth plenary session (fujian-plenary-5)\nRead partly: read with 0 of 10 areas, the copy stops mid-way"
        in cells
    )
    targets = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert "https://cooptrack.example.org/meetings/fujian-plenary-6#src-measure-6" in targets


def test_the_briefing_page_is_in_the_site_and_prints_the_briefing_alone(web: TestClient) -> None:
    page = web.get(f"/mechanisms/{SLUG}/brief")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = " ".join(html.unescape(page.text).split())
    assert '<nav class="wrap"' in page.text  # within the site
    assert f'<link rel="stylesheet" href="{assets.url("brief.css")}">' in page.text
    assert "its measures cannot be compared; it is left out of the comparison" in text
    assert 'href="/meetings/fujian-plenary-6#src-measure-6"' in page.text  # within the site: its own pages
    css = web.get("/static/brief.css").text
    assert re.search(r"@media print \{.*header\.top, footer\.foot, \.skip, \.no-print \{ display: none", css, re.S)
    mechanism = web.get(f"/mechanisms/{SLUG}").text
    assert f'href="/mechanisms/{SLUG}/brief"' in mechanism and f'href="/mechanisms/{SLUG}/brief.docx"' in mechanism


def test_the_word_briefing_downloads_with_links_to_this_site(web: TestClient) -> None:
    answer = web.get(f"/mechanisms/{SLUG}/brief.docx")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert answer.headers["content-disposition"] == 'attachment; filename="fujian-brief.docx"'
    document = docx.Document(io.BytesIO(answer.content))
    targets = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert "http://localhost/meetings/fujian-plenary-4#h-source" in targets
    assert web.get(f"/mechanisms/{SLUG}/brief.json").status_code == 404  # JSON is the API's


def test_the_api_briefing_carries_the_notes_with_links_to_this_site(web: TestClient) -> None:
    data = web.get(f"/api/mechanisms/{SLUG}/brief").json()["data"]
    first = data["notes"][0]
    assert first["number"] == 1 and first["href"] == "http://localhost/meetings/fujian-plenary-4#h-source"
    assert first["quote"].startswith("The Chief Secretary for Administration, Mr John Lee Ka-chiu")
    assert data["meetings"][1]["read"] == "read with 0 of 10 areas, the copy stops mid-way"


def test_brief_writes_the_word_file_named_for_the_partner(
    url: str, stored: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["brief", "Fujian", "--format", "docx", "--base-url", "https://ct.example.org", "--db", url]
    )
    assert result.exit_code == 0, result.stderr
    assert "wrote fujian-brief.docx" in result.output and "16 notes from 3 sources" in result.output
    document = docx.Document(str(tmp_path / "fujian-brief.docx"))
    targets = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert "https://ct.example.org/meetings/fujian-plenary-6#src-measure-1" in targets
