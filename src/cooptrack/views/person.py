"""One person, one document: :class:`PersonView` is what the API's ``/api/people/{id}``,
``cooptrack person NAME --format json`` and the person's page show; :class:`PersonSummaryView`, a
row of the directory, is each item of a list of people (``/api/people``, ``cooptrack people
--format json``, ``/download/people.json``, the people page). tests/test_views.py holds them equal.

The document is the person in Popolo's shape (``knowledge.people.PersonRecord.popolo``) with the
person's page; :func:`person_view` is its one builder, :func:`person_summary` the row's.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from cooptrack.knowledge.people import PersonRecord


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OtherName(_View):
    name: str


class MembershipView(_View):
    """A post held, from the releases naming the person in it."""

    role: str
    organization_name: str
    start_date: str | None
    end_date: str | None
    basis: str
    meetings: list[str]


class AppearanceView(_View):
    """The person named at a meeting: as written there, with the roles and what they signed."""

    meeting: str
    when: str
    name: str
    post: str | None
    roles: list[str]
    span: list[int] | None
    signed: list[str]


class PersonView(_View):
    """A person across spellings and posts (Popolo), and why names were (or were not) merged."""

    id: str  # "person/<id>"
    name: str
    name_zh: str | None
    other_names: list[OtherName]
    side: str | None
    memberships: list[MembershipView]
    appearances: list[AppearanceView]
    merged_because: list[str]
    not_merged: list[str]
    url: str  # the person's page

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")


def person_view(p: PersonRecord) -> PersonView:
    """The one document of a person, for the API and the CLI."""
    return PersonView.model_validate({**p.popolo(), "url": f"/people/{p.id}"})


class PersonSummaryView(_View):
    """A person as the directory lists them: names, side, latest post, how often seen."""

    id: str  # as in the person's address, /api/people/{id}
    name: str
    side: str | None
    other_names: list[str]
    post: str | None  # the latest post held
    appearances: int
    meetings: list[str]  # the slugs of the meetings naming them, sorted
    signed: int  # agreements signed
    url: str

    def document(self) -> dict[str, Any]:
        """The view as JSON-ready values (what the API and the CLI print)."""
        return self.model_dump(mode="json")


def person_summary(p: PersonRecord) -> PersonSummaryView:
    """The directory's row of a person, for every list of people."""
    latest = p.memberships[-1] if p.memberships else None
    return PersonSummaryView(
        id=p.id,
        name=p.name,
        side=p.side,
        other_names=list(p.other_names),
        post=latest.post if latest else None,
        appearances=len(p.appearances),
        meetings=sorted({a.meeting.slug for a in p.appearances}),
        signed=len(p.signed),
        url=f"/people/{p.id}",
    )
