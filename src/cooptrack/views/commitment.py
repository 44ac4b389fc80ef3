"""One commitment, one document: :class:`CommitmentView` is what the API's
``/api/commitments/{key}``, ``cooptrack commitments show KEY --format json`` and the commitment's
page show; :class:`CommitmentSummaryView`, the same without the status history, is each item of a
list of commitments (``/api/commitments``, ``cooptrack commitments list --format json``,
``/download/commitments.json``, the tracker's rows). tests/test_views.py holds them equal.

The models type the documents; :func:`cooptrack.views.service.commitment_view` and
``commitment_summary`` build them from the ledger, the tracker, the editors' notes and the
commitment's status history (beside the meeting's builder).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppearanceView(_View):
    """The commitment at one meeting: the measure as that meeting worded it, and how it got there."""

    meeting: str
    when: str
    key: str
    position: int
    text: str
    how: str  # "first", "repeated", "reworded"
    basis: str | None
    wording: str | None  # when reworded: [-old-] {+new+}
    url: str
    source_url: str


class StaleReason(_View):
    kind: str  # "quiet" or "agreed"
    count: int
    since: str | None


class ReshapeView(_View):
    """A user's decision to split the commitment or to join it with another."""

    kind: str
    first: str
    second: str
    made_by: str
    made_at: str
    note: str | None
    id: int


class RecordedFor(_View):
    key: str
    meeting: str
    text: str
    meeting_label: str


class EventView(_View):
    """A status recorded on one of the commitment's appearances."""

    id: int
    status: str
    status_label: str
    note: str | None
    evidence_url: str | None
    evidence_kind: str | None
    made_by: str
    made_at: str
    recorded_for: RecordedFor
    measure: str | None
    attached: str


class CommitmentSummaryView(_View):
    """A measure followed across meetings: its appearances, status and staleness, and what editors
    wrote beside it (the bureau responsible, the day last checked)."""

    key: str
    mechanism: str
    partner: str | None
    text: str
    themes: list[str]
    primary_theme: str | None
    theme_label: str
    status: str
    status_label: str
    status_since: str | None
    events: int
    first_agreed: AppearanceView
    last_seen: AppearanceView
    reworded_at: list[str]
    repeated_at: list[str]
    appearances: list[AppearanceView]
    meetings_since_agreed: int
    stale: list[str]
    stale_reasons: list[StaleReason]
    decisions: list[ReshapeView]
    url: str
    first_label: str  # its first meeting as a reader names it: "Jiangxi, 1st plenary, 2019"
    first_day: str  # its first meeting's day (or year) as the tracker sorts it
    bureau: str | None
    bureau_by: str | None
    checked: str | None
    checked_by: str | None

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")


class CommitmentView(CommitmentSummaryView):
    """A commitment with the status events recorded on any of its appearances."""

    history: list[EventView]
