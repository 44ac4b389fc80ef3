"""The JSON API: every list and object the pages show, under ``/api``, in one envelope.

::

    {"data": ..., "meta": {"page", "per_page", "total"}, "links": {"self", "next", "prev"}}

An object is a page of one. Errors are ``{"error": {"code", "message"}}`` (see :mod:`.app`).
Lists are filtered by query parameters and paged with ``page`` and ``per_page``. Reading is
open unless the settings require signing in; writing needs an editor's session (with the
``X-CSRF-Token`` header) or an API token (``Authorization: Bearer``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from cooptrack.knowledge import series
from cooptrack.serve import i18n
from cooptrack.serve import overview as digests
from cooptrack.serve.auth import CSRF_HEADER, Caller, same
from cooptrack.serve.context import (
    Problem,
    caller,
    data,
    expensive,
    memo,
    public_url,
    reader,
    tracker_selection,
    web,
    writer,
)
from cooptrack.serve.context import overview as kept_overview
from cooptrack.serve.search import search as search_hits
from cooptrack.store import ItemKind
from cooptrack.views import brief, ledger, queries
from cooptrack.views import service as views
from cooptrack.views.agreement import AgreementView
from cooptrack.views.commitment import CommitmentSummaryView, CommitmentView
from cooptrack.views.measure import MeasureDetailView, MeasureView
from cooptrack.views.mechanism import MechanismSummaryView, MechanismView
from cooptrack.views.meeting import MeetingSummaryView, MeetingView
from cooptrack.views.person import PersonSummaryView, PersonView, person_view
from cooptrack.views.service import Data, Row
from cooptrack.vocab import AgreementKind, EvidenceKind, MeetingKind, Theme, TrackingStatus

T = TypeVar("T")


class Meta(BaseModel):
    page: int
    per_page: int
    total: int
    facets: dict[str, dict[str, int]] | None = None


class Envelope(BaseModel, Generic[T]):
    """The API's one envelope; ``Envelope[SomeView]`` (or ``Envelope[list[SomeView]]``) types its
    data as the view of its thing, so that the OpenAPI document describes it and an answer whose
    shape strays from the view is a server error, never a different document."""

    data: T
    meta: Meta
    links: dict[str, str | None]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in ((401, "sign in or send an API token"), (403, "not allowed"), (404, "not found"),
                       (422, "invalid request"), (500, "server error"))
}  # fmt: skip

router = APIRouter(prefix="/api", responses=_ERRORS, dependencies=[Depends(reader)])

Page = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
PerPage = Annotated[int | None, Query(ge=1, le=500, description="items per page")]
Year = Annotated[int | None, Query(ge=1900, le=2200)]
Text = Annotated[str | None, Query(max_length=200)]


def envelope(
    request: Request, rows: Sequence[Any], page: int = 1, per_page: int | None = None,
    build: Callable[[Any], Any] | None = None, **meta: Any,
) -> Envelope[Any]:  # fmt: skip
    """A page of ``rows`` with links to the pages beside it; ``build`` makes the page's documents
    from its rows (only the page's: a commitment's document holds all its appearances)."""
    size = per_page or web(request).settings.per_page
    chunk = list(rows[(page - 1) * size : page * size])
    if build is not None:
        chunk = [build(row) for row in chunk]
    last = max(1, -(-len(rows) // size))

    def link(n: int) -> str:
        return _public(request, request.url.include_query_params(page=n, per_page=size))

    links = {"self": public_url(request), "first": link(1), "last": link(last),
             "next": link(page + 1) if page < last else None, "prev": link(page - 1) if page > 1 else None}  # fmt: skip
    return Envelope[Any](data=chunk, meta=Meta(page=page, per_page=size, total=len(rows), **meta), links=links)


def one(request: Request, obj: Any) -> Envelope[Any]:
    return Envelope[Any](data=obj, meta=Meta(page=1, per_page=1, total=1), links={"self": public_url(request)})


def _public(request: Request, url: Any) -> str:
    return public_url(request, url.path + (f"?{url.query}" if url.query else ""))


Costly = [Depends(expensive)]  # rate-limited for anonymous callers (see app.expensive)


Store = Annotated[Data, Depends(data)]

# --- reading ------------------------------------------------------------------------------------


@router.get("/overview", response_model=Envelope[Any], summary="Counts of everything stored")
def overview(request: Request) -> Envelope[Any]:
    found = kept_overview(request, i18n.DEFAULT)  # kept in the store: no meeting read to count them
    return one(request, digests.counts(found, dt.datetime.now(dt.UTC).date()))


@router.get(
    "/meetings", response_model=Envelope[list[MeetingSummaryView]], summary="Meetings, by mechanism and in order"
)
def meetings(
    request: Request, d: Store, partner: Text = None, kind: MeetingKind | None = None, year: Year = None,
    mechanism: Annotated[str | None, Query(max_length=200, description="a mechanism's slug")] = None,
    page: Page = 1, per_page: PerPage = None,
) -> Envelope[Any]:  # fmt: skip
    ordered = views.meetings_in_order(d, mechanism)
    rows = views.meetings_filter(ordered, partner=partner, kind=kind.value if kind else None, year=year)
    return envelope(request, rows, page, per_page)


@router.get(
    "/meetings/{slug}", response_model=Envelope[MeetingView], summary="A meeting: its record and cleaned source text"
)
def meeting(request: Request, d: Store, slug: str) -> Envelope[Any]:
    m, tracking, _, _ = d.meeting_parts(slug)  # without waiting for every meeting to be read
    return one(request, views.meeting_view(m, tracking).document())


@router.get(
    "/mechanisms",
    response_model=Envelope[list[MechanismSummaryView]],
    summary="Mechanisms, with the gaps in their numbering",
)
def mechanisms(request: Request, d: Store, page: Page = 1, per_page: PerPage = None) -> Envelope[Any]:
    return envelope(request, [views.mechanism_row(m) for m in d.mechanisms], page, per_page)


@router.get(
    "/mechanisms/{slug}", response_model=Envelope[MechanismView], summary="A mechanism's meetings and what changed"
)
def mechanism(request: Request, d: Store, slug: str) -> Envelope[Any]:
    return one(request, views.mechanism_view(d, d.mechanism(slug)).document())


@router.get("/mechanisms/{slug}/brief", response_model=Envelope[Any], summary="The briefing for the next plenary",
            dependencies=Costly)  # fmt: skip
def briefing(request: Request, d: Store, slug: str) -> Envelope[Any]:
    mech = d.mechanism(slug)
    partner = mech.partner or mech.name
    base = public_url(request, "")  # the notes link to this site's meeting pages
    text = web(request).memo(("brief", partner, "json", base),
                             lambda: brief.render(brief.build(d.store, partner, base_url=base),
                                                  brief.BriefFormat.JSON))  # fmt: skip
    return one(request, json.loads(text))


@router.get("/diff", response_model=Envelope[Any], summary="What changed between two meetings of a mechanism",
            dependencies=Costly)  # fmt: skip
def diff(
    request: Request, d: Store, mechanism: Annotated[str, Query(max_length=200)],
    earlier: Text = None, later: Text = None,
) -> Envelope[Any]:  # fmt: skip
    return one(request, views.diff_json(queries.diff(d.store, mechanism, earlier, later).diff))


@router.get("/compare", response_model=Envelope[Any], summary="Two partners (or two meetings) side by side by theme",
            dependencies=Costly)  # fmt: skip
def compare(
    request: Request, d: Store, left: Annotated[str, Query(max_length=200)],
    right: Annotated[str, Query(max_length=200)],
) -> Envelope[Any]:  # fmt: skip
    return one(request, views.compare_json(queries.compare(d.store, left, right), d.tracking))


@router.get("/matrix", response_model=Envelope[Any], summary="Measures by partner and theme")
def matrix(
    request: Request, d: Store, scope: Annotated[str, Query(pattern="^(latest|all)$")] = "latest"
) -> Envelope[Any]:
    counted = None if scope == "latest" else d.ledger.counted  # over all meetings, a commitment once
    return one(request, views.matrix_json(series.matrix(d.mechanisms, latest=scope == "latest", counted=counted)))


@router.get("/timeline", response_model=Envelope[Any], summary="Meetings per mechanism over the years")
def timeline(request: Request, d: Store, page: Page = 1, per_page: PerPage = None) -> Envelope[Any]:
    return envelope(request, views.timeline_json(series.timeline(d.mechanisms)), page, per_page)


@router.get(
    "/measures", response_model=Envelope[list[MeasureView]], summary="Every measure with its status (the tracker)"
)
def measures(
    request: Request, d: Store, partner: Text = None, theme: Theme | None = None,
    status: TrackingStatus | None = None, meeting: Text = None, q: Text = None, page: Page = 1,
    per_page: PerPage = None,
) -> Envelope[Any]:  # fmt: skip
    found = views.measures_found(d, partner=partner, theme=theme.value if theme else None,
                                 status=status.value if status else None, meeting=meeting, q=q)  # fmt: skip
    return envelope(request, found, page, per_page, build=lambda pair: views.measure_row(pair[0], d.tracking, pair[1]))


@router.get(
    "/measures/{key}", response_model=Envelope[MeasureDetailView], summary="A measure, its status and its history"
)
def measure(request: Request, d: Store, key: str) -> Envelope[Any]:
    return one(request, views.measure_detail_view(d, key).document())


@router.get("/commitments", response_model=Envelope[list[CommitmentSummaryView]],
            summary="Every commitment: a measure followed across meetings, with its status")  # fmt: skip
def commitments(
    request: Request, d: Store, partner: Text = None, theme: Theme | None = None,
    status: TrackingStatus | None = None, meeting: Text = None, q: Text = None, stale: bool = False,
    page: Page = 1, per_page: PerPage = None,
) -> Envelope[Any]:  # fmt: skip
    chosen = tracker_selection(request, d, partner=partner, theme=theme.value if theme else None,
                               status=status.value if status else None, q=q, stale=stale,
                               meeting=meeting)  # fmt: skip
    return envelope(request, chosen, page, per_page, build=lambda c: views.tracker_row(d, c))


@router.get("/commitments/{key}", response_model=Envelope[CommitmentView],
            summary="A commitment: its appearances, status and history")  # fmt: skip
def commitment(request: Request, d: Store, key: str) -> Envelope[Any]:
    return one(request, views.commitment_view(d, d.commitment(key)).document())


@router.get("/events", response_model=Envelope[Any], summary="Every tracking event, newest first")
def events(
    request: Request, d: Store, attached: Annotated[bool | None, Query()] = None, page: Page = 1,
    per_page: PerPage = None,
) -> Envelope[Any]:  # fmt: skip
    rows = views.all_events(d)
    if attached is not None:
        rows = [r for r in rows if (r["measure"] is not None) == attached]
    return envelope(request, rows, page, per_page)


@router.get("/agreements", response_model=Envelope[list[AgreementView]], summary="The register of agreements")
def agreements(
    request: Request, d: Store, partner: Text = None, kind: AgreementKind | None = None, year: Year = None,
    q: Text = None, page: Page = 1, per_page: PerPage = None,
) -> Envelope[Any]:  # fmt: skip
    found = views.agreements_found(d, partner=partner, kind=kind.value if kind else None, year=year, q=q)
    return envelope(request, found, page, per_page, build=lambda pair: views.agreement_view(*pair).document())


@router.get("/people", response_model=Envelope[list[PersonSummaryView]], summary="People across spellings and posts")
def people_list(
    request: Request, d: Store, q: Text = None,
    side: Annotated[str | None, Query(pattern="^(HK|Mainland|Central)$")] = None, page: Page = 1,
    per_page: PerPage = None,
) -> Envelope[Any]:  # fmt: skip
    return envelope(request, views.people_found(d.people, q, side), page, per_page, build=views.person_row)


@router.get(
    "/people/{person_id}", response_model=Envelope[PersonView], summary="A person (Popolo): posts and appearances"
)
def person(request: Request, d: Store, person_id: str) -> Envelope[Any]:
    return one(request, person_view(d.person(person_id)).document())


@router.get("/search", response_model=Envelope[Any], summary="Full-text search with facets", dependencies=Costly)
def search(
    request: Request, d: Store, q: Annotated[str, Query(max_length=200)], partner: Text = None,
    theme: Theme | None = None, year: Year = None, meeting_kind: MeetingKind | None = None,
    kind: ItemKind | None = None, status: TrackingStatus | None = None, page: Page = 1, per_page: PerPage = None,
) -> Envelope[Any]:  # fmt: skip
    facets = {"partner": partner, "theme": theme.value if theme else None, "year": str(year) if year else None,
              "meeting_kind": meeting_kind.value if meeting_kind else None,
              "kind": kind.value if kind else None, "status": status.value if status else None}  # fmt: skip
    rows, counts = search_hits(d, q, facets, keep=lambda key, count: memo(request, key, count))
    return envelope(request, rows, page, per_page, facets=counts)


@router.get("/me", response_model=Envelope[Any], summary="Who the API takes you for")
def me(request: Request, who: Annotated[Caller, Depends(caller)]) -> Envelope[Any]:
    return one(request, {"user": who.name, "role": who.role, "via": who.via, "can_write": who.can_write})


@router.get("/users", response_model=Envelope[Any], summary="Accounts (admins only)")
def users(request: Request, who: Annotated[Caller, Depends(writer)]) -> Envelope[Any]:
    if not who.is_admin:
        raise Problem(403, "only an admin may list the accounts")
    rows = [{"name": u.name, "role": u.role, "created_at": u.created_at.isoformat(),
             "disabled_at": u.disabled_at.isoformat() if u.disabled_at else None}
            for u in web(request).store.users()]  # fmt: skip
    return envelope(request, rows)


# --- writing ------------------------------------------------------------------------------------


class EventIn(BaseModel):
    status: TrackingStatus
    note: str | None = Field(default=None, max_length=4000)
    evidence_url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")
    evidence_kind: EvidenceKind | None = None


class ReattachIn(BaseModel):
    measure: str = Field(min_length=1, max_length=64)


def checked_writer(request: Request, who: Annotated[Caller, Depends(writer)]) -> Caller:
    """A writer; with a session cookie (not a token), the request must carry its CSRF token."""
    if who.via == "session" and not same(request.headers.get(CSRF_HEADER), who.csrf):
        raise Problem(403, "the X-CSRF-Token header is missing or wrong", code="csrf")
    return who


Writer = Annotated[Caller, Depends(checked_writer)]


@router.post("/measures/{key}/events", response_model=Envelope[MeasureDetailView], status_code=201,
             summary="Record a status")  # fmt: skip
def add_event(request: Request, d: Store, key: str, body: EventIn, who: Writer) -> Envelope[Any]:
    d.measure(key)
    if body.evidence_kind is not None and not body.evidence_url:
        raise Problem(422, "evidence_kind needs an evidence_url")
    web(request).store.record_event(
        key, body.status, by=who.name or "?", note=body.note, evidence_url=body.evidence_url,
        evidence_kind=body.evidence_kind,
    )  # fmt: skip
    fresh = Data(d.store)
    return one(request, views.measure_detail_view(fresh, key).document())


@router.post("/events/{event_id}/reattach", response_model=Envelope[Any], summary="Attach an event to a measure")
def reattach_event(
    request: Request, d: Store, event_id: Annotated[int, PathParam(ge=1, le=2**62)], body: ReattachIn, who: Writer
) -> Envelope[Any]:
    web(request).store.reattach_event(event_id, body.measure, by=who.name or "?")
    return one(request, {"event": event_id, "measure": body.measure, "by": who.name})


class ReshapeIn(BaseModel):
    measure: str = Field(min_length=6, max_length=64, description="an appearance's key (split) or another measure's")
    note: str | None = Field(default=None, max_length=4000)


@router.post("/commitments/{key}/split", response_model=Envelope[Any], status_code=201,
             summary="Split a commitment: the appearance given and those after it become one of their own")  # fmt: skip
def split_commitment(request: Request, d: Store, key: str, body: ReshapeIn, who: Writer) -> Envelope[Any]:
    if body.measure.strip().casefold() not in d.commitment(key).keys:
        raise Problem(422, "give the key of an appearance of this commitment")
    done = ledger.split(web(request).store, body.measure, by=who.name or "?", note=body.note)
    return one(request, done.json())


@router.post("/commitments/{key}/join", response_model=Envelope[Any], status_code=201,
             summary="Join two commitments: this one and the one of the measure given are one")  # fmt: skip
def join_commitments(request: Request, d: Store, key: str, body: ReshapeIn, who: Writer) -> Envelope[Any]:
    done = ledger.join(web(request).store, d.commitment(key).key, body.measure, by=who.name or "?", note=body.note)
    return one(request, done.json())


# --- the lists the downloads offer (same rows as the API) ----------------------------------------

LISTS: dict[str, Callable[[Data, dict[str, str]], list[Row]]] = {
    "meetings": lambda d, p: views.meetings_filter(
        views.meetings_in_order(d), partner=p.get("partner"), kind=p.get("kind"), year=_int(p.get("year"))),
    "measures": lambda d, p: views.measures_filter(
        d, partner=p.get("partner"), theme=p.get("theme"), status=p.get("status"), meeting=p.get("meeting"),
        q=p.get("q")),
    "agreements": lambda d, p: views.agreements_filter(
        d, partner=p.get("partner"), kind=p.get("kind"), year=_int(p.get("year")), q=p.get("q")),
    "people": lambda d, p: views.people_filter(d, q=p.get("q"), side=p.get("side")),
    "mechanisms": lambda d, p: [views.mechanism_row(m) for m in d.mechanisms],
    "events": lambda d, p: views.all_events(d),
    "commitments": lambda d, p: views.commitments_filter(
        d, partner=p.get("partner"), theme=p.get("theme"), status=p.get("status"), q=p.get("q"),
        stale=bool(p.get("stale")), meeting=p.get("meeting")),
}  # fmt: skip


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 6 else None
