"""One agreement, one document: :class:`AgreementView` is an item of the API's ``/api/agreements``
(and of ``/download/agreements.json``, the export's ``agreements.json``, the agreements page) and
of a meeting's ``agreements`` (``/api/meetings/{slug}``, ``cooptrack show --format json``);
tests/test_views.py holds them equal.

The model types the document; :func:`cooptrack.views.service.agreement_view` builds it from a
stored agreement and its meeting (the one builder, beside the meeting's).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class AgreementView(BaseModel):
    """An agreement signed at a meeting, with where the release names it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    position: int
    title: str
    name: str  # the title as a reader names it
    kind: str
    kind_label: str
    annex: str | None
    chinese_only: bool
    signatories: list[str]
    meeting: str  # the meeting's slug
    partner: str | None
    when: str
    year: int | None
    span: list[int] | None
    source_url: str

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")
