"""One commitment, one document: :class:`CommitmentView` is what the API's
``/api/commitments/{key}`` and ``cooptrack commitments show KEY --format json`` both return
(tests/test_views.py holds them equal).

The model types the document; :func:`cooptrack.serve.views.commitment_view` builds it from the
ledger, the tracker and the commitment's status history (the one builder, beside the meeting's).
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


class CommitmentView(_View):
    """A measure followed across meetings: its appearances, status, staleness and history."""

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
    history: list[EventView]
    url: str

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")
