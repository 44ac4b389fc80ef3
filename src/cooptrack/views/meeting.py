"""One meeting, one document: :class:`MeetingView` is what the API's ``/api/meetings/{slug}``,
``cooptrack show --format json`` and the meeting's page show; :class:`MeetingSummaryView`, the
meeting with its items counted, is each item of a list of meetings (``/api/meetings``, ``cooptrack
list --format json``, ``/download/meetings.json``). tests/test_views.py holds them equal.

The model types the document; :func:`cooptrack.views.service.meeting_view` builds it from a stored
meeting, its sources and the tracker (the one builder, in the read side's service layer). Its
agreements are :class:`AgreementView`, the measures in its areas :class:`MeasureView`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from cooptrack.views.agreement import AgreementView
from cooptrack.views.measure import MeasureView


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonAtMeeting(_View):
    position: int
    name: str
    honorific: str | None
    post: str | None
    side: str | None
    roles: list[str]
    span: list[int] | None


class AreaView(_View):
    position: int
    heading: str | None
    themes: list[str]
    span: list[int] | None
    measures: list[MeasureView]


class ReadView(_View):
    """The version of the release the meeting's facts were read from."""

    uri: str
    sha256: str
    fetched_at: str
    version: int
    parser_version: str


class ReportView(_View):
    uri: str
    primary: bool
    version: int


class FlagExplained(_View):
    flag: str
    explanation: str


class MeetingSummaryView(_View):
    """A meeting as a list shows it: what, when, where, its items counted, how completely it was read."""

    slug: str
    title: str | None
    mechanism: str | None
    partner: str | None
    kind: str | None
    kind_label: str
    ordinal: int | None
    date: str | None
    when: str
    year: int | None
    year_range: list[int | None] | None
    venue: str | None
    document_kind: str | None
    areas: int
    measures: int
    agreements: int
    people: int
    flags: list[str]
    completeness: dict[str, Any]
    source: str  # the release's address
    url: str

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")


class MeetingView(_View):
    """A meeting with its record, its sources and its cleaned text (which every span points into)."""

    slug: str
    url: str
    title: str | None
    mechanism: str | None
    partner: str | None
    kind: str | None
    kind_label: str
    ordinal: int | None
    date: str | None
    when: str
    year: int | None
    year_range: list[int | None] | None
    year_reasons: list[str]
    venue: str | None
    document_kind: str | None
    completeness: dict[str, Any]
    flags: list[str]
    flags_explained: list[FlagExplained]
    declared_area_count: int | None
    source: str  # the release's address
    read: ReadView
    reports: list[ReportView]
    sources: list[dict[str, Any]]
    counterparts: dict[str, list[dict[str, Any]]]
    differences: list[dict[str, Any]]
    span: list[int] | None
    people: list[PersonAtMeeting]
    areas: list[AreaView]
    measures: int
    agreements: list[AgreementView]
    text: str
    record: dict[str, Any]  # the record as the parser made it (``cooptrack parse``)

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")
