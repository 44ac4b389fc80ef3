"""The JSON export (``cooptrack export --format json``): the API's documents, written to files.

Each file holds the one view of its things (:mod:`cooptrack.views`), built by the builders the API
uses, so a file holds what the API gives:

- ``<slug>.json``: a meeting's ``MeetingView``, as ``GET /api/meetings/{slug}`` gives it (the record as
  parsed under ``record``, the cleaned text that every span points into under ``text``);
- ``people.json``: every ``PersonView`` (``GET /api/people/{id}``);
- ``agreements.json``: every ``AgreementView`` (the items of ``GET /api/agreements``);
- ``commitments.json``: every ``CommitmentView`` (``GET /api/commitments/{key}``);
- ``index.json``: a flat row per meeting (its source) and the file that holds it.

The CSV export (flat rows, one file per table) is :func:`cooptrack.store.export.export_csv`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cooptrack.store.export import INDEX, meeting_row
from cooptrack.store.store import Store
from cooptrack.views.person import person_view
from cooptrack.views.service import Data, agreement_view, commitment_view, meeting_view

LISTS = ("people.json", "agreements.json", "commitments.json")


def export_json(store: Store, directory: Path) -> int:
    """The files above; returns the count of meetings written."""
    directory.mkdir(parents=True, exist_ok=True)
    d = Data(store)
    index = []
    for meeting in d.meetings:
        name = f"{meeting.slug}.json"
        _write(directory / name, meeting_view(meeting, d.tracking).document())
        index.append({"meeting": meeting.slug, "file": name, **meeting_row(meeting)})
    _write(directory / "people.json", [person_view(p).document() for p in d.people])
    _write(directory / "agreements.json", [agreement_view(g, m).document() for m in d.meetings for g in m.agreements])
    _write(directory / "commitments.json", [commitment_view(d, c).document() for c in d.ledger.commitments])
    _write(directory / INDEX, {"meetings": index})
    return len(index)


def _write(path: Path, document: Any) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")
