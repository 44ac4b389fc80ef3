"""One mechanism, one document: :class:`MechanismView` is what the API's
``/api/mechanisms/{slug}`` and ``cooptrack mechanism NAME --format json`` both return
(tests/test_views.py holds them equal).

The model types the document's own fields; its meetings keep the shape of the API's meeting list
(``meeting_row``) and its changes that of ``/api/diff`` (``diff_json`` in words).
:func:`cooptrack.serve.views.mechanism_view` builds it (beside the meeting's builder).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class MechanismView(BaseModel):
    """A co-operation mechanism: its meetings in order, the gaps in their numbering, and what
    changed between each meeting and the one before."""

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
    meeting_list: list[dict[str, Any]]
    changes: list[dict[str, Any]]

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")
