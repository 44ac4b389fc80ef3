"""One mechanism, one document: :class:`MechanismView` is what the API's
``/api/mechanisms/{slug}``, ``cooptrack mechanism NAME --format json`` and the mechanism's page
show; :class:`MechanismSummaryView`, its own fields without the meetings and the changes, is each
item of a list of mechanisms (``/api/mechanisms``, ``cooptrack mechanisms --format json``,
``/download/mechanisms.json``). tests/test_views.py holds them equal.

The models type the document's own fields; its meetings keep the shape of the API's meeting list
(``meeting_row``) and its changes that of ``/api/diff`` (``diff_json`` in words).
:func:`cooptrack.views.service.mechanism_view` and ``mechanism_summary`` build them (beside the
meeting's builder).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class MechanismSummaryView(BaseModel):
    """A co-operation mechanism as a list shows it: its names, how many meetings, the gaps in their
    numbering, the years they span."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    name: str
    partner: str | None
    established: int | None
    chairs: str | None
    also_called: list[str]
    meetings: int
    gaps: list[str]
    first_year: int | None
    last_year: int | None
    slug: str
    url: str

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")


class MechanismView(MechanismSummaryView):
    """A co-operation mechanism: its meetings in order, the gaps in their numbering, and what
    changed between each meeting and the one before."""

    meeting_list: list[dict[str, Any]]
    changes: list[dict[str, Any]]
