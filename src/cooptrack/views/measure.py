"""One measure, one document: :class:`MeasureView` is an item of the API's ``/api/measures`` and of
a meeting's areas (``/api/meetings/{slug}``, ``cooptrack show --format json``);
:class:`MeasureDetailView`, the same with its status history, is ``/api/measures/{key}``.
tests/test_views.py holds them equal.

The models type the documents; ``cooptrack.views.service.measure_row`` makes a measure's (validated
with its meeting's :class:`~cooptrack.views.meeting.MeetingView`) and
:func:`cooptrack.views.service.measure_detail_view` builds the detail (beside the meeting's builder).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from cooptrack.views.commitment import EventView


class CommitmentRef(BaseModel):
    """The commitment a measure is an appearance of (when it appears at more than one meeting)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    appearance: int  # which appearance, from 1
    appearances: int
    url: str


class MeasureView(BaseModel):
    """A measure agreed at a meeting, with its themes and its status in the tracker."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    meeting: str  # the meeting's slug
    partner: str | None
    when: str
    position: int
    area: str | None  # the heading of its area
    text: str
    themes: list[str]
    primary_theme: str | None
    theme_label: str
    quantities: list[str | None]
    span: list[int] | None
    status: str
    status_label: str
    status_since: str | None
    events: int
    url: str
    commitment: CommitmentRef | None
    source_url: str

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")


class MeasureDetailView(MeasureView):
    """A measure with the status events recorded on it (or on its commitment's other appearances)."""

    history: list[EventView]
