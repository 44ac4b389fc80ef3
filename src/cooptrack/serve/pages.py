"""The HTML pages: server-rendered (Jinja2, autoescaped), working without JavaScript.

Reading pages are here; forms that change something (sign in, record a status) are in
:mod:`.forms`, files (CSV, JSON, Atom, briefings) in :mod:`.downloads`. Each route builds the
typed view the API returns (:mod:`cooptrack.views`, by the builders of :mod:`.views`) and hands
its document to one template, which only renders it; what a page needs beyond the view (the
marked source text, the people's pages, a chart) is a template argument of its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from cooptrack.errors import CooptrackError
from cooptrack.serve import charts, i18n
from cooptrack.serve import overview as digests
from cooptrack.serve.auth import CSRF_COOKIE, Caller, give_csrf, new_csrf
from cooptrack.serve.context import caller, data, expensive, html, memo, reader, tracker_selection, web
from cooptrack.serve.context import overview as kept_overview
from cooptrack.serve.search import SORTS, browse, sort_hits
from cooptrack.serve.search import search as search_hits
from cooptrack.store import ItemKind
from cooptrack.store.models import Meeting
from cooptrack.views import ledger, queries, sources
from cooptrack.views import service as views
from cooptrack.views.person import person_view
from cooptrack.views.service import Data
from cooptrack.vocab import SIDE_LABELS, THEME_LABELS, TRACKING_STATUS_LABELS, AgreementKind, EvidenceKind, MeetingKind

router = APIRouter(dependencies=[Depends(reader)], include_in_schema=False)

Store = Annotated[Data, Depends(data)]
Who = Annotated[Caller, Depends(caller)]
Page = Annotated[int, Query(ge=1, le=100_000)]
Text = Annotated[str | None, Query(max_length=200)]
PER_PAGE = 25
MEETINGS_PER_PAGE = 50  # the list of meetings: a page of rows, whatever the store holds

NAV = (("/", "Overview"), ("/mechanisms", "Mechanisms"), ("/search", "Search"), ("/compare", "Compare"),
       ("/people", "People"), ("/agreements", "Agreements"), ("/tracker", "Tracker"),
       ("/downloads", "Downloads"))  # fmt: skip

CHOICES = {
    "theme": [(t.value, label) for t, label in THEME_LABELS.items()],
    "status": [(s.value, label) for s, label in TRACKING_STATUS_LABELS.items()],
    "kind": [(k.value, k.value.replace("_", " ")) for k in ItemKind],
    "meeting_kind": [(k.value, k.value.replace("_", " ")) for k in MeetingKind],
    "agreement_kind": [(k.value, k.value.replace("_", " ")) for k in AgreementKind],
    "evidence": [(k.value, k.value) for k in EvidenceKind],
}


def render(request: Request, template: str, status: int = 200, headers: Mapping[str, str] | None = None,
           **context: Any) -> HTMLResponse:  # fmt: skip
    """A page: the template with who is signed in, their CSRF token and the navigation."""
    who = caller(request)
    csrf = who.csrf or new_csrf()
    language = i18n.chosen(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    with i18n.speaking(language):
        page = (
            web(request)
            .templates.get_template(template)
            .render(
                request=request,
                who=who,
                csrf=csrf,
                nav=NAV,
                path=request.url.path,
                choices=CHOICES,
                lang=language,
                here=here,
                **context,
            )
        )
    response = html(page, status, headers)
    if who.via != "session" and csrf != request.cookies.get(CSRF_COOKIE):
        give_csrf(response, request, csrf, web(request).settings.secure_cookies)
    return response


def render_shared(
    request: Request, template: str, content: Callable[[], tuple[str, Mapping[str, Any]]]
) -> HTMLResponse:
    """A page whose content is the same for every reader (the overview, a meeting's, a mechanism's):
    ``template`` drawn from the title and context ``content()`` gives, once per state of the store,
    day, language and address, and kept (:func:`.memo`); the frame around it (who is signed
    in, their CSRF token, the navigation: ``shared.html``) drawn per request. The content is drawn
    without the reader: a template naming ``who`` or ``csrf`` fails (the templates' names are
    strict) rather than show one reader's page to another."""
    language = i18n.chosen(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")

    def drawn() -> tuple[str, Markup]:
        with i18n.speaking(language):
            title, context = content()
            page = web(request).templates.get_template(template)
            main = page.render(nav=NAV, path=request.url.path, choices=CHOICES, lang=language, here=here, **context)
            return title, Markup(main)

    title, main = memo(request, ("page", template, language, here), drawn)
    return render(request, "shared.html", page_title=title, page_main=main)


def render_error(request: Request, status: int, code: str, message: str, headers: Mapping[str, str]) -> HTMLResponse:
    titles = {403: "Not allowed", 404: "Not found", 422: "Cannot do that", 429: "Too many attempts"}
    title = titles.get(status, "Something went wrong" if status >= 500 else "Cannot do that")
    try:
        return render(request, "error.html", status, headers, title=title, code=code, message=message)
    except Exception:  # the error page itself failed (the store is down): plain words, no template
        return html(f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(message)}</p>",
                    status, headers)  # fmt: skip


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    total: int
    prev: str | None
    next: str | None


def paged(request: Request, rows: Sequence[Any], page: int, per_page: int = PER_PAGE) -> tuple[list[Any], Pager]:
    last = max(1, -(-len(rows) // per_page))
    chunk = list(rows[(page - 1) * per_page : page * per_page])
    prev = str(request.url.include_query_params(page=page - 1)) if page > 1 else None
    nxt = str(request.url.include_query_params(page=page + 1)) if page < last else None
    return chunk, Pager(page, last, len(rows), prev, nxt)


def query_string(request: Request) -> str:
    """The request's filters, for the download links of a list."""
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page" and v])


# --- pages --------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """What spans every meeting: kept in the store for its state (:mod:`.overview`), so that only
    the first process to show it works it out (not each worker, not after every start)."""

    def content() -> tuple[str, dict[str, Any]]:
        found = kept_overview(request, i18n.chosen(request))
        today = dt.datetime.now(dt.UTC).date()
        return i18n.gettext("Overview"), {"statuses": TRACKING_STATUS_LABELS, **digests.shown(found, today)}

    return render_shared(request, "overview_main.html", content)


@router.get("/mechanisms", response_class=HTMLResponse)
def mechanisms(request: Request, d: Store) -> HTMLResponse:
    return render(request, "mechanisms.html", mechanisms=[views.mechanism_row(m) for m in d.mechanisms])


CHANGES_PER_PAGE = 10  # a mechanism's page shows the changes between this many pairs of meetings


def changes_page(total: int, page: int) -> tuple[slice, int, int]:
    """The changes a mechanism's page shows: page 1 the latest :data:`CHANGES_PER_PAGE` (in the
    order held), page 2 the ones before ...; as a slice of all ``total``, with the number of pages
    and the page shown (a page past the last shows the earliest)."""
    pages = max(1, -(-total // CHANGES_PER_PAGE))
    page = min(max(page, 1), pages)
    end = total - (page - 1) * CHANGES_PER_PAGE
    return slice(max(0, end - CHANGES_PER_PAGE), end), pages, page


@router.get("/mechanisms/{slug}", response_class=HTMLResponse)
def mechanism(request: Request, d: Store, slug: str, page: Page = 1) -> HTMLResponse:
    """A mechanism's meetings, the chart of what became of their measures, and what changed from
    one meeting to the next, the latest changes first (a page of them: a long series stays one
    page's size)."""
    mech = d.mechanism(slug)
    total = memo(request, ("mechanism-changes", mech.key), lambda: len(queries.step_pairs(mech)))
    shown, pages, page = changes_page(total, page)  # only these changes are worked out
    language = i18n.chosen(request)

    def content() -> tuple[str, dict[str, Any]]:
        detail = views.mechanism_view(d, mech, shown).document()
        with i18n.speaking(language):  # the chart's title and labels
            labels = {s.value: label for s, label in TRACKING_STATUS_LABELS.items()}
            chart = charts.meetings_chart(views.status_bars(d, mech), labels)
        earlier = str(request.url.include_query_params(page=page + 1)) if page < pages else None
        later = str(request.url.include_query_params(page=page - 1)) if page > 1 else None
        nav = {"earlier": earlier, "later": later, "page": page, "pages": pages, "total": total}
        return mech.name, {"mech": detail, "words": word_markup, "chart": chart, "changes": detail["changes"],
                           "changes_nav": nav}  # fmt: skip

    return render_shared(request, "mechanism_main.html", content)


@router.get("/meetings", response_class=HTMLResponse, dependencies=[Depends(expensive)])
def meetings(
    request: Request, d: Store, mechanism: Text = None, year: Text = None, page: Page = 1
) -> HTMLResponse:  # fmt: skip
    """Every meeting, by mechanism and in order, a page of MEETINGS_PER_PAGE at a time (a page costs
    the same at 100 meetings or 10,000); a mechanism and a year narrow the list and stay across pages."""
    number = int(year) if year and year.isdigit() and len(year) == 4 else None
    mechs = [(views.mechanism_slug(m), m.name) for m in d.mechanisms]
    chosen_mech = mechanism if mechanism in dict(mechs) else None

    def listed() -> list[tuple[Any, str]]:  # the meetings that fit: once per state of the store and filter
        return [
            (m, f"/mechanisms/{views.mechanism_slug(mech)}")
            for mech in d.mechanisms
            if chosen_mech is None or views.mechanism_slug(mech) == chosen_mech
            for m in mech.meetings
            if number is None or views.in_year(queries.stored(m), number)
        ]

    found = memo(request, ("meetings", chosen_mech, number), listed)
    chunk, pager = paged(request, found, page, MEETINGS_PER_PAGE)  # rows made for the page shown
    rows = [{**views.meeting_row(queries.stored(m)), "mechanism_url": url} for m, url in chunk]
    years = memo(request, ("meeting-years",), lambda: sorted({m.year for m in d.meetings if m.year}, reverse=True))
    return render(request, "meetings.html", rows=rows, paging=pager, mechanisms=mechs,
                  years=[(str(y), str(y)) for y in years],
                  chosen={"mechanism": chosen_mech or "", "year": year if number else ""})  # fmt: skip


@router.get("/meetings/{slug}", response_class=HTMLResponse)
def meeting(request: Request, d: Store, slug: str) -> HTMLResponse:
    def content() -> tuple[str, dict[str, Any]]:
        m, tracking, mech, at = d.meeting_parts(slug)  # without waiting for every meeting to be read
        srcs = sources.of(m)  # the meeting's other reports beside the primary one ([ZH] one meeting, two languages)
        detail = views.meeting_view(m, tracking, srcs).document()  # GET /api/meetings/{slug}
        person_urls = {
            p["position"]: at.get((p["name"], tuple(p["span"]) if p["span"] else None)) for p in detail["people"]
        }
        source = marked_text(m, i18n.chosen(request))
        return m.title or m.slug, {"m": detail, "source": source, "person_urls": person_urls,
                                   "others": [(s, sources.marked(s)) for s in srcs[1:]],
                                   "mechanism": views.mechanism_row(mech)}  # fmt: skip

    return render_shared(request, "meeting_main.html", content)


@router.get("/search", response_class=HTMLResponse, dependencies=[Depends(expensive)])
def search(
    request: Request, d: Store, q: Text = None, partner: Text = None, theme: Text = None,
    year: Text = None, meeting_kind: Text = None, kind: Text = None, status: Text = None, sort: Text = None,
    page: Page = 1,
) -> HTMLResponse:  # fmt: skip
    chosen = {"partner": partner, "theme": theme, "year": year, "meeting_kind": meeting_kind, "kind": kind,
              "status": status}  # fmt: skip
    if q and q.strip():
        rows, facets = search_hits(d, q, chosen, keep=lambda key, count: memo(request, key, count))
    elif any(chosen.values()):  # browsing by facets alone: every item that fits, newest first
        rows, facets = browse(d, chosen)
    else:
        rows, facets = [], browse(d, chosen)[1]
    chunk, pager = paged(request, sort_hits(rows, sort), page)
    return render(request, "search.html", q=q or "", chosen=chosen, hits=chunk, paging=pager, facets=facets,
                  query=query_string(request), mark=highlight, sort=sort if sort in SORTS else "newest",
                  facet_labels=FACET_LABELS)  # fmt: skip


# A facet's values as the search page names them (the theme, the kind of item, the status in words).
FACET_LABELS: dict[str, dict[str, str]] = {
    "theme": {t.value: label for t, label in THEME_LABELS.items()},
    "status": {s.value: label for s, label in TRACKING_STATUS_LABELS.items()},
    "kind": {"measure": "Measures", "area": "Areas of co-operation", "agreement": "Agreements", "person": "People"},
}


def highlight(snippet: str, ranges: Sequence[Sequence[int]]) -> Markup:
    """A snippet with its matched ranges in ``<mark>``, the rest escaped."""
    out, last = [], 0
    for start, end in ranges:
        out += [escape(snippet[last:start]), Markup("<mark>"), escape(snippet[start:end]), Markup("</mark>")]
        last = end
    out.append(escape(snippet[last:]))
    return Markup("").join(out)


@router.get("/compare", response_class=HTMLResponse, dependencies=[Depends(expensive)])
def compare(request: Request, d: Store, left: Text = None, right: Text = None) -> HTMLResponse:
    options = [(mech.partner or mech.name, mech.partner or mech.name) for mech in d.mechanisms]
    options += compare_meetings(d, (left, right))
    result, problem = None, None
    if left and right:
        try:
            result = views.compare_json(queries.compare(d.store, left, right), d.tracking)
        except CooptrackError as exc:
            problem = str(exc)
    return render(request, "compare.html", options=options, left=left or "", right=right or "", result=result,
                  problem=problem, status=422 if problem else 200)  # fmt: skip


def compare_meetings(d: Data, sides: Sequence[str | None]) -> list[tuple[str, str]]:
    """The meetings /compare offers beside the partners: those of the partners chosen (a side names a
    partner, or a meeting of one), newest first, at most MEETING_CHOICES a partner, and the meetings
    chosen; never every meeting (thousands of options, twice)."""
    names = {(mech.partner or mech.name).casefold() for mech in d.mechanisms}
    partners, chosen = set(), []
    for side in sides:
        if not side:
            continue
        if side.casefold() in names:
            partners.add(side.casefold())
            continue
        with contextlib.suppress(CooptrackError):
            m = d.meeting(side)
            chosen.append(m)
            partners.add((m.partner or m.mechanism or "").casefold())
    offered: dict[str, Meeting] = {m.slug: m for m in chosen}
    for partner in sorted(partners):
        of = [m for m in d.meetings if (m.partner or m.mechanism or "").casefold() == partner]
        of.sort(key=lambda m: (m.year or m.year_to or 0, m.date or dt.date.min, m.ordinal or 0), reverse=True)
        offered.update((m.slug, m) for m in of[:MEETING_CHOICES])
    return [(m.slug, views.meeting_label(m)) for m in offered.values()]


@router.get("/people", response_class=HTMLResponse)
def people(request: Request, d: Store, q: Text = None, side: Text = None, page: Page = 1) -> HTMLResponse:
    chunk, pager = paged(request, views.people_found(d.people, q, side), page, 50)  # rows built for the page shown
    return render(request, "people.html", people=[views.person_row(p) for p in chunk], paging=pager, q=q or "",
                  side=side or "", sides=SIDE_LABELS, query=query_string(request))  # fmt: skip


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person(request: Request, d: Store, person_id: str) -> HTMLResponse:
    found = d.person(person_id)
    labels = {a.meeting.slug: views.meeting_label(d.meeting(a.meeting.slug)) for a in found.appearances}
    return render(request, "person.html", p=person_view(found).document(), meeting_labels=labels)


@router.get("/agreements", response_class=HTMLResponse)
def agreements(
    request: Request, d: Store, partner: Text = None, kind: Text = None, year: Text = None, q: Text = None,
    page: Page = 1,
) -> HTMLResponse:  # fmt: skip
    number = int(year) if year and year.isdigit() and len(year) == 4 else None
    found = views.agreements_found(d, partner=partner, kind=kind, year=number, q=q)
    chunk, pager = paged(request, found, page)  # documents made for the page shown
    return render(request, "agreements.html", rows=[views.agreement_view(g, m).document() for g, m in chunk],
                  paging=pager, partners=_partners(d),
                  chosen={"partner": partner or "", "kind": kind or "", "year": year or "", "q": q or ""},
                  query=query_string(request))  # fmt: skip


@router.get("/tracker", response_class=HTMLResponse)
def tracker(
    request: Request, d: Store, partner: Text = None, theme: Text = None, status: Text = None, q: Text = None,
    stale: Text = None, meeting: Text = None, year: Text = None, sort: Text = None, page: Page = 1,
) -> HTMLResponse:  # fmt: skip
    number = int(year) if year and year.isdigit() and len(year) == 4 else None
    order = sort if sort in views.TRACKER_SORTS else None

    kept = tracker_selection(request, d, partner=partner, theme=theme, status=status, q=q, stale=bool(stale),
                             meeting=meeting, year=number, sort=order)  # fmt: skip
    shown, pager = paged(request, kept, page, 50)
    chunk = memo(request, ("tracker-rows", partner, theme, status, q, bool(stale), meeting, number, order, pager.page),
                 lambda: [views.tracker_row(d, c) for c in shown])  # the rows of this page only, once  # fmt: skip
    events = views.all_events(d)[:10]
    offered, fit = memo(request, ("tracker-meetings", partner, number, meeting),
                        lambda: meeting_choices(d, partner, number, meeting))  # fmt: skip
    years = memo(request, ("meeting-years",), lambda: sorted({m.year for m in d.meetings if m.year}, reverse=True))
    return render(request, "tracker.html", rows=chunk, paging=pager, partners=_partners(d), recent=events,
                  unattached=views.unattached(d),
                  reshapes=d.ledger.unattached, meetings=offered, meetings_fit=fit,
                  years=[(str(y), str(y)) for y in years],
                  sorts=list(views.TRACKER_SORTS.items()),
                  chosen={"partner": partner or "", "theme": theme or "", "status": status or "", "q": q or "",
                          "stale": "1" if stale else "", "meeting": meeting or "", "year": year or "",
                          "sort": order or ""},
                  query=query_string(request))  # fmt: skip


MEETING_CHOICES = 40  # the tracker's meeting filter (and /compare, a partner) offers at most this many meetings


def meeting_choices(
    d: Data, partner: str | None, year: int | None, chosen: str | None
) -> tuple[list[tuple[str, str]], int]:
    """The tracker's meeting filter: the chosen partner's meetings with measures (of the chosen year),
    newest first, at most MEETING_CHOICES of them, and how many fit; none before a partner is chosen
    (every meeting would be thousands of options). The chosen meeting is always offered; a meeting's
    page links to its measures in the tracker."""
    fit: list[Meeting] = []
    if partner:
        folded = partner.casefold()
        fit = [m for m in d.meetings if m.measures and (m.partner or "").casefold() == folded
               and (year is None or views.in_year(m, year))]  # fmt: skip
    fit.sort(key=lambda m: (m.year or m.year_to or 0, m.date or dt.date.min, m.ordinal or 0), reverse=True)
    offered = [(m.slug, views.meeting_label(m)) for m in fit[:MEETING_CHOICES]]
    if chosen and chosen not in {slug for slug, _ in offered}:
        with contextlib.suppress(CooptrackError):  # no such meeting: the filter finds nothing, as it says
            offered.insert(0, (chosen, views.meeting_label(d.meeting(chosen))))
    return offered, len(fit)


@router.get("/commitments/{key}", response_class=HTMLResponse)
def commitment(request: Request, d: Store, key: str) -> HTMLResponse:
    return commitment_page(request, d, key)


def commitment_page(request: Request, d: Store, key: str, problem: str | None = None) -> HTMLResponse:
    """A commitment: its appearances meeting by meeting, its status and history, split and join forms."""
    c = d.commitment(key)
    alike = [{"key": o.key, "text": o.text, "meetings": [a.meeting.slug for a in o.appearances], "score": round(score)}
             for o, score in ledger.candidates(d.ledger, c)]  # fmt: skip
    shown = views.commitment_view(d, c).document()  # GET /api/commitments/{key}
    return render(request, "commitment.html", status=422 if problem else 200, c=shown, problem=problem,
                  words=word_markup, alike=alike)  # fmt: skip


def word_markup(diffed: str) -> Markup:
    """A word diff (``[-old-] {+new+}``) with the words removed in ``<del>`` and those added in ``<ins>``."""
    out = []
    for token in re.findall(r"\[-.*?-\]|\{\+.*?\+\}|\S+", diffed):
        if token.startswith("[-"):
            out.append(Markup("<del>{}</del>").format(token[2:-2]))
        elif token.startswith("{+"):
            out.append(Markup("<ins>{}</ins>").format(token[2:-2]))
        else:
            out.append(escape(token))
    return Markup(" ").join(out)


@router.get("/measures/{key}", response_class=HTMLResponse)
def measure(request: Request, d: Store, key: str) -> HTMLResponse:
    return measure_page(request, d, key)


def measure_page(request: Request, d: Store, key: str, problem: str | None = None,
                 form: Mapping[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    x = views.measure_detail_view(d, key).document()  # GET /api/measures/{key}
    keys = d.commitment(key).keys
    notes = {field: d.note_of(keys, field) for field in ("bureau", "checked")}
    return render(request, "measure.html", status=422 if problem else 200, x=x, problem=problem, form=form or {},
                  notes=notes, today=dt.date.today().isoformat())  # fmt: skip


def _partners(d: Data) -> list[str]:
    return sorted({m.partner for m in d.meetings if m.partner})


# --- the source text, every item marked ------------------------------------------------------------

_TAGS = {"person": "P", "area": "A", "measure": "M", "agreement": "G"}


def marked_text(m: Meeting, language: str = i18n.DEFAULT) -> Markup:
    """The cleaned text, escaped, each item a ``<span id="src-KIND-N">`` that links to the record
    (its tag's title in the interface's ``language``).

    Items nest (a person inside an agreement); one that would cross another's end is cut there.
    """
    text = m.document.cleaned_text
    marks = [(kind, i.position, i.span) for kind, items in
             (("area", m.areas), ("measure", m.measures), ("agreement", m.agreements), ("person", m.people))
             for i in items if i.span is not None and i.span[0] < i.span[1] <= len(text)]  # fmt: skip

    def opening(kind: str, n: int) -> str:
        with i18n.speaking(language):
            label = escape(i18n.gettext("{kind} {n} in the record").format(kind=i18n.gettext(kind.capitalize()), n=n))
        return (f'<span class="hl hl-{kind}" id="src-{kind}-{n}"><a class="tag" href="#rec-{kind}-{n}" '
                f'title="{label}" aria-label="{label}">{_TAGS[kind]}{n}</a>')  # fmt: skip

    return sources.nested(text, marks, opening)
