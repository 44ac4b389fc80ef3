"""What the pages, the JSON API, the CLI's ``--format json`` and the downloads show, built from the store.

Every list and object a page shows is built here once, as the one typed view of its thing
(:mod:`cooptrack.views`: a meeting, measure, commitment, person, agreement or mechanism, or the
summary of one that a list shows): the API returns its document as JSON, the CLI prints it, the
pages hand it to a template, the downloads write it as CSV or JSON (docs/storage.md, "One view
of each thing"). :class:`Data` reads the store lazily, once per request, through
:mod:`cooptrack.views.queries` and friends.

This is the read side's one service layer (issue 12, item 7): the web (:mod:`cooptrack.serve`) and
the CLI import it and only render what it builds; it never imports :mod:`cooptrack.serve`, so
neither the CLI nor a script needs the web application to read (tests/test_architecture.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any, NamedTuple

from cooptrack import mechanisms
from cooptrack.errors import NotFound
from cooptrack.knowledge import changes, commitments, people, series
from cooptrack.knowledge.people import PersonRecord
from cooptrack.render import agreement_name, date_label, kind_label
from cooptrack.store import Store, snapshot
from cooptrack.store.models import Agreement, Measure, Meeting, TrackerNote, TrackingEvent
from cooptrack.store.tracking import Attachment, Tracking
from cooptrack.views import kept, ledger, queries, sources
from cooptrack.views.agreement import AgreementView
from cooptrack.views.commitment import CommitmentSummaryView, CommitmentView
from cooptrack.views.measure import MeasureDetailView
from cooptrack.views.mechanism import MechanismSummaryView, MechanismView
from cooptrack.views.meeting import MeetingSummaryView, MeetingView
from cooptrack.views.person import person_summary
from cooptrack.vocab import FLAG_EXPLANATIONS, THEME_LABELS, TRACKING_STATUS_LABELS, Flag, Theme, TrackingStatus

Row = dict[str, Any]


def theme_label(theme: str | None) -> str:
    try:
        return THEME_LABELS[Theme(theme or "other")]
    except ValueError:
        return str(theme)


def status_label(status: str) -> str:
    try:
        return TRACKING_STATUS_LABELS[TrackingStatus(status)]
    except ValueError:
        return status


def flag_explanation(flag: str) -> str:
    try:
        return FLAG_EXPLANATIONS[Flag(flag)]
    except ValueError:
        return flag.replace("_", " ")


class MeetingParts(NamedTuple):
    """What a meeting's page shows besides the meeting's own record (:meth:`Data.meeting_parts`)."""

    meeting: Meeting
    tracking: Tracking  # its measures' statuses (others' may be missing)
    mechanism: series.Mechanism
    people_at: dict[tuple[str, tuple[int, int] | None], str]  # a person's page by name and span there


class Data:
    """The store as one request sees it: everything loaded at most once."""

    def __init__(self, store: Store, stamp: object = None) -> None:
        self.store = store
        self.stamp = store.stamp() if stamp is None else stamp  # read before anything else is

    # What depends on the stored documents alone (not on statuses, re-attachments or users' decisions).
    _OF_DOCUMENTS = ("meetings", "mechanisms", "measures", "_meeting_of", "_by_slug", "_mechanism_by_slug")

    # What depends on the documents and users' corrections alone (not on statuses or tracker notes).
    _OF_CORRECTIONS = ("ledger", "people", "_person_by_id", "_people_by_meeting")

    def reuse(self, earlier: Data, *, corrections: bool = False) -> None:
        """Take over what ``earlier`` loaded from the documents, when no document changed since (a
        status or a user's decision was written): the meetings are not read again. With
        ``corrections`` (no user's correction was written either: a status, a re-attachment or a
        tracker note), the commitments and the people are not built again."""
        for name in (*self._OF_DOCUMENTS, *(self._OF_CORRECTIONS if corrections else ())):
            if name in earlier.__dict__:
                self.__dict__[name] = earlier.__dict__[name]

    @cached_property
    def meetings(self) -> list[Meeting]:
        """Every meeting as plain objects (:mod:`cooptrack.store.snapshot`), texts read on demand."""
        return self.store.meeting_snapshot()  # type: ignore[return-value]  # the ORM models' attributes

    @cached_property
    def mechanisms(self) -> list[series.Mechanism]:
        return series.mechanisms(self.meetings)

    @cached_property
    def ledger(self) -> commitments.Ledger:
        """Every commitment: measures followed from meeting to meeting, with users' splits and joins
        (as the first process to follow them for this state of the store kept them, :mod:`.kept`)."""
        with snapshot.no_collection():
            return kept.commitments(
                self.store, self.stamp, lambda: ledger.ledger(self.store, self.meetings, self.mechanisms),
                lambda: self.measures, lambda: self._meeting_of,
            )  # fmt: skip

    @cached_property
    def tracking(self) -> Tracking:
        """Status events, each visible from every appearance of its commitment."""
        with snapshot.no_collection():
            return ledger.shared_tracking(self.store.tracking(), self.ledger)

    @cached_property
    def notes(self) -> dict[tuple[str, str], TrackerNote]:
        """The latest tracker note of each field for each measure key (notes are never changed)."""
        return {(n.measure_key, n.field): n for n in self.store.notes()}

    def note_of(self, keys: Iterable[str], field: str) -> TrackerNote | None:
        """The latest note of ``field`` written on any of these keys (a commitment's appearances)."""
        found = [self.notes[(k, field)] for k in keys if (k, field) in self.notes]
        return max(found, key=lambda n: (n.made_at, n.id), default=None)

    def commitment(self, ref: str) -> commitments.Commitment:
        return ledger.find(self.ledger, ref)

    @cached_property
    def people(self) -> list[PersonRecord]:
        """Everyone named, gathered into persons: as the first process to work them out for this
        state of the store kept them (:mod:`.kept`), else worked out (and kept)."""
        with snapshot.no_collection():
            return kept.all_people(self.store, self.stamp, self.meetings, lambda: self._by_slug)

    @cached_property
    def measures(self) -> dict[str, Measure]:
        return {x.key: x for m in self.meetings for x in m.measures}

    def meeting(self, slug: str) -> Meeting:
        if slug not in self._by_slug:
            raise NotFound(f'no meeting "{slug}"')
        return self._by_slug[slug]

    @cached_property
    def _by_slug(self) -> dict[str, Meeting]:
        return {m.slug: m for m in self.meetings}

    @cached_property
    def _mechanism_by_slug(self) -> dict[str, series.Mechanism]:
        return {x.slug: mech for mech in reversed(self.mechanisms) for x in mech.meetings}  # the first wins

    @cached_property
    def _meeting_of(self) -> Mapping[str, Meeting]:
        """The meeting of each measure by its key: the measure's own (no second table of 100,000 keys)."""
        return _MeetingOf(self.measures)

    def measure(self, key: str) -> Measure:
        if key not in self.measures:
            raise NotFound(f'no measure with key "{key}"')
        return self.measures[key]

    def measure_row(self, key: str) -> Row:
        """A measure with its meeting and status, by key."""
        return measure_row(self.measure(key), self.tracking, self._meeting_of[key])

    def mechanism(self, key: str) -> series.Mechanism:
        for mech in self.mechanisms:
            if mech.key == key:
                return mech
        return series.find(self.mechanisms, key)

    def mechanism_of(self, m: Meeting) -> series.Mechanism:
        return self._mechanism_by_slug[m.slug]

    # The view of every meeting a server process keeps (:meth:`build`), in the order built: what the
    # tracker needs first (every meeting, the commitments and their statuses), then what it does not.
    _VIEW = ("meetings", "tracking", "mechanisms", "people")
    # What of it a meeting's page is read from once there (the statuses and mechanisms follow at once;
    # after a status written, the view is these three carried over, :meth:`reuse`).
    _BUILT = ("meetings", "ledger", "people")

    def build(self) -> None:
        """Read every meeting, and work out (or read as kept) what spans them: the view a server
        process builds before requests need it."""
        for name in self._VIEW:
            getattr(self, name)

    def meeting_parts(self, slug: str) -> MeetingParts:
        """What a meeting's page and document show: the meeting, its measures' statuses, its mechanism
        and the page of each person named there. From the view of every meeting once this process
        has it; until then (after a start, or a write another process made), from the meeting alone,
        its mechanism's meetings' dates and numbers, and the commitments and people kept for this
        state of the store (:mod:`.kept`), so that the page does not wait for every meeting to be
        read (2 s at 10,000 pages). The same parts either way (tests/test_meeting_alone.py)."""
        if not all(name in self.__dict__ for name in self._BUILT):
            alone = self._meeting_alone(slug)
            if alone is not None:
                return alone
        m = self.meeting(slug)
        return MeetingParts(m, self.tracking, self.mechanism_of(m), self.people_at(slug))

    def _meeting_alone(self, slug: str) -> MeetingParts | None:
        """:meth:`meeting_parts` without the view of every meeting; None when what is kept for this
        state of the store is not there (or cannot be read): the view is built then."""
        at = kept.people_at(self.store, self.stamp, slug)
        if at is None:
            return None
        found = self.store.meeting_snapshot(slug)
        if not found:
            raise NotFound(f'no meeting "{slug}"')
        m: Meeting = found[0]  # type: ignore[assignment]  # the ORM model's attributes
        groups = kept.groups_of(self.store, self.stamp, (x.key for x in m.measures))
        if groups is None:
            return None
        key, keys = series.key_of(m), {}  # the key of each mechanism name and partner named
        members = []
        for h in self.store.meeting_headers():
            named = (h.mechanism, h.partner)
            if named not in keys:
                keys[named] = series.key_of(h)
            if keys[named] == key:
                members.append(h)
        mechs = series.mechanisms(members)
        if not mechs:  # the meeting went meanwhile (a re-ingest): read from the view
            return None
        return MeetingParts(m, self.store.tracking().shared(groups), mechs[0], at)

    def person(self, person_id: str) -> PersonRecord:
        if person_id not in self._person_by_id:
            raise NotFound(f'no person "{person_id}"')
        return self._person_by_id[person_id]

    @cached_property
    def _person_by_id(self) -> dict[str, PersonRecord]:
        return {p.id: p for p in reversed(self.people)}  # the first wins, as a scan would find it

    def people_at(self, slug: str) -> dict[tuple[str, tuple[int, int] | None], str]:
        """The page of each person named at the meeting ``slug``, by their name and span there."""
        return self._people_by_meeting.get(slug, {})

    @cached_property
    def _people_by_meeting(self) -> dict[str, dict[tuple[str, tuple[int, int] | None], str]]:
        """Everyone's appearances by meeting, gathered once (a meeting page looks up its own)."""
        out: dict[str, dict[tuple[str, tuple[int, int] | None], str]] = {}
        with snapshot.no_collection():
            for p in self.people:
                url = f"/people/{p.id}"
                for a in p.appearances:
                    out.setdefault(a.meeting.slug, {})[(a.name, a.span)] = url
        return out


class _MeetingOf(Mapping[str, Meeting]):
    """Measures' meetings by the measures' keys, read off the measures."""

    def __init__(self, measures: Mapping[str, Measure]) -> None:
        self._measures = measures

    def __getitem__(self, key: str) -> Meeting:
        return self._measures[key].meeting

    def __iter__(self) -> Iterator[str]:
        return iter(self._measures)

    def __len__(self) -> int:
        return len(self._measures)


# --- meetings -----------------------------------------------------------------------------------


def meeting_label(m: Meeting) -> str:
    """A meeting as a reader names it: "Jiangxi, 1st plenary, 2019" (the year as known: "2023–2026?")."""
    nth = _nth(m.ordinal) + " " if m.ordinal else ""
    year = str(m.year) if m.year else (f"{m.year_from}–{m.year_to}?" if m.year_from is not None else "")
    if m.year is None and m.year_from is not None and m.year_from == m.year_to:
        year = f"{m.year_from}?"
    parts = [m.partner or m.mechanism or "", f"{nth}{kind_label(m.kind) or 'meeting'}", year]
    return ", ".join(p for p in parts if p)


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_row(m: Meeting) -> Row:
    """A meeting in a list: :class:`~cooptrack.views.meeting.MeetingSummaryView`'s document."""
    return MeetingSummaryView.model_validate(_meeting_fields(m)).document()


def _meeting_fields(m: Meeting) -> Row:
    return {
        "slug": m.slug,
        "title": m.title,
        "mechanism": m.mechanism,
        "partner": m.partner,
        "kind": m.kind,
        "kind_label": kind_label(m.kind),
        "ordinal": m.ordinal,
        "date": m.date.isoformat() if m.date else None,
        "when": date_label(m) or "date not stated",
        "year": m.year,
        "year_range": [m.year_from, m.year_to] if m.year_from is not None else None,
        "venue": m.venue,
        "document_kind": m.document_kind,
        "areas": len(m.areas),
        "measures": len(m.measures),
        "agreements": len(m.agreements),
        "people": len(m.people),
        "flags": list(m.flags),
        "completeness": m.completeness.json(),
        "source": m.document.source.uri,
        "url": f"/meetings/{m.slug}",
    }


def meeting_detail(m: Meeting, tracking: Tracking, srcs: list[sources.Source] | None = None) -> Row:
    """A meeting with its record, its sources and its cleaned text (which every span points into);
    with several sources, where each item is in the others and what they state differently."""
    version = m.document
    srcs = sources.of(m) if srcs is None else srcs
    return {
        "sources": sources.summary(srcs),
        "counterparts": sources.counterparts(srcs),
        "differences": sources.differences(srcs),
        **_meeting_fields(m),
        "year_reasons": list(m.year_reasons),
        "declared_area_count": m.declared_area_count,
        "flags_explained": [{"flag": f, "explanation": flag_explanation(f)} for f in m.flags],
        "read": {
            "uri": version.source.uri,
            "sha256": version.sha256,
            "fetched_at": version.fetched_at.isoformat(),
            "version": version.version,
            "parser_version": version.parser_version,
        },
        "reports": [{"uri": r.source.uri, "primary": r.is_primary, "version": r.document.version} for r in m.reports],
        "span": list(m.span) if m.span else None,
        "people": [
            {
                "position": p.position,
                "name": p.name,
                "honorific": p.honorific,
                "post": p.post,
                "side": p.side,
                "roles": list(p.roles),
                "span": list(p.span) if p.span else None,
            }
            for p in m.people
        ],
        "areas": [
            {
                "position": a.position,
                "heading": a.heading,
                "themes": list(a.themes),
                "span": list(a.span) if a.span else None,
                "measures": [measure_row(x, tracking, m) for x in a.measures],
            }
            for a in m.areas
        ],
        "agreements": [agreement_row(g, m) for g in m.agreements],
        "text": version.cleaned_text,
    }


def meeting_view(m: Meeting, tracking: Tracking, srcs: list[sources.Source] | None = None) -> MeetingView:
    """The one document of a meeting, for the API and ``cooptrack show --format json``: the detail
    above and the record as parsed (its text is the detail's ``text``)."""
    record = {k: v for k, v in m.document.record.items() if k != "text"}
    return MeetingView.model_validate({**meeting_detail(m, tracking, srcs), "record": record})


def meetings_in_order(data: Data, mechanism: str | None = None) -> list[Meeting]:
    """Every meeting (or those of the mechanism whose slug is ``mechanism``), by mechanism and in order."""
    chosen = [mech for mech in data.mechanisms if mechanism is None or mechanism_slug(mech) == mechanism]
    return [queries.stored(m) for mech in chosen for m in mech.meetings]


def meetings_filter(rows: Iterable[Meeting], *, partner: str | None, kind: str | None, year: int | None) -> list[Row]:
    """The rows of the meetings of ``partner``, ``kind`` and held in ``year`` (the API's list, the
    CLI's, the download)."""
    out = []
    for m in rows:
        if partner and (m.partner or "").casefold() != partner.casefold():
            continue
        if kind and m.kind != kind:
            continue
        if year is not None and not in_year(m, year):
            continue
        out.append(meeting_row(m))
    return out


def in_year(m: Meeting, year: int) -> bool:
    """Held in ``year``, or in a span of years that holds it (its year not stated)."""
    if m.year is not None:
        return m.year == year
    return m.year_from is not None and m.year_to is not None and m.year_from <= year <= m.year_to


# --- measures and their tracking ----------------------------------------------------------------


def measure_row(x: Measure, tracking: Tracking, m: Meeting) -> Row:
    latest = tracking.latest(x.key)
    status = tracking.status(x.key).value
    return {
        "key": x.key,
        "meeting": m.slug,
        "partner": m.partner,
        "when": date_label(m) or "date not stated",
        "position": x.position,
        "area": next((a.heading for a in m.areas if a.id == x.area_id), None),
        "text": x.text,
        "themes": list(x.themes),
        "primary_theme": x.primary_theme,
        "theme_label": theme_label(x.primary_theme),
        "quantities": [q.get("text") for q in x.quantities],
        "span": list(x.span) if x.span else None,
        "status": status,
        "status_label": status_label(status),
        "status_since": latest.made_at.isoformat() if latest else None,
        "events": len(tracking.by_measure.get(x.key, [])),
        "url": f"/measures/{x.key}",
        "commitment": commitment_ref(x.key, tracking),
        "source_url": f"/meetings/{m.slug}#src-measure-{x.position}",
    }


def measure_detail_view(data: Data, key: str) -> MeasureDetailView:
    """A measure with its status history: ``/api/measures/{key}``."""
    return MeasureDetailView.model_validate({**data.measure_row(key), "history": history(data, key)})


def commitment_ref(key: str, tracking: Tracking) -> Row | None:
    """The commitment a measure is an appearance of, when it appears at more than one meeting."""
    group = tracking.groups.get(key)
    if not group:
        return None
    return {"key": group[0], "appearance": group.index(key) + 1, "appearances": len(group),
            "url": f"/commitments/{group[0]}"}  # fmt: skip


def measures_filter(
    data: Data, *, partner: str | None, theme: str | None, status: str | None, meeting: str | None, q: str | None
) -> list[Row]:
    """The rows of the measures :func:`measures_found` keeps (the downloads; a page or the API
    builds the rows of the page it gives)."""
    found = measures_found(data, partner=partner, theme=theme, status=status, meeting=meeting, q=q)
    return [measure_row(x, data.tracking, m) for x, m in found]


def measures_found(
    data: Data, *, partner: str | None, theme: str | None, status: str | None, meeting: str | None, q: str | None
) -> list[tuple[Measure, Meeting]]:
    """Each measure (with its meeting) of ``partner``'s meetings (or ``meeting``'s), of ``theme``,
    whose status is ``status`` and whose words hold every word of ``q``."""
    out = []
    words = (q or "").casefold().split()
    for m in data.meetings:
        if partner and (m.partner or "").casefold() != partner.casefold():
            continue
        if meeting and m.slug != meeting:
            continue
        for x in m.measures:
            if theme and theme not in x.themes:
                continue
            if words and not all(w in x.text.casefold() for w in words):
                continue
            if status and data.tracking.status(x.key).value != status:
                continue
            out.append((x, m))
    return out


def commitment_row(c: commitments.Commitment, tracking: Tracking) -> Row:
    """A commitment with its appearances, status and staleness (the API's, the tracker's, the page's)."""
    row = ledger.commitment_json(c, tracking)
    return row | {"status_label": status_label(row["status"]), "theme_label": theme_label(c.primary_theme)}


def commitment_view(data: Data, c: commitments.Commitment) -> CommitmentView:
    """The one document of a commitment, for the API, ``cooptrack commitments show --format json``
    and its page: its summary and the status events of its appearances."""
    row = commitment_row(c, data.tracking) | _tracker_fields(data, c)
    return CommitmentView.model_validate({**row, "history": history(data, c.key)})


def commitment_summary(data: Data, c: commitments.Commitment) -> CommitmentSummaryView:
    """A commitment as every list of commitments has it (the API's, the CLI's, the tracker's)."""
    return CommitmentSummaryView.model_validate(commitment_row(c, data.tracking) | _tracker_fields(data, c))


def commitments_filter(
    data: Data, *, partner: str | None, theme: str | None, status: str | None, q: str | None,
    stale: bool = False, meeting: str | None = None, year: int | None = None, sort: str | None = None,
) -> list[Row]:  # fmt: skip
    """The tracker's rows: one per commitment :func:`tracker_select` keeps, in its order, with the
    bureau responsible and the day last checked (the API's list and the downloads; the page builds
    only the rows it shows, :func:`tracker_row`)."""
    chosen = tracker_select(data, partner=partner, theme=theme, status=status, q=q, stale=stale, meeting=meeting,
                            year=year, sort=sort)  # fmt: skip
    return [tracker_row(data, c) for c in chosen]


def tracker_row(data: Data, c: commitments.Commitment) -> Row:
    """A commitment as the tracker lists it: its row and the editors' fields (:func:`commitment_summary`)."""
    return commitment_summary(data, c).document()


def tracker_select(
    data: Data, *, partner: str | None, theme: str | None, status: str | None, q: str | None,
    stale: bool = False, meeting: str | None = None, year: int | None = None, sort: str | None = None,
) -> list[commitments.Commitment]:  # fmt: skip
    """The commitments a filter keeps (a theme is the latest wording's primary theme, as the heatmap
    counts it; words, a meeting and a year match any appearance), in the order ``sort`` asks
    (:data:`TRACKER_SORTS`; else as the ledger lists them), found without building their rows: a
    row holds every appearance with its wording, and a page shows fifty (at 10,000 pages the
    tracker built every commitment's row to show fifty, 7 s for the first request)."""
    words = (q or "").casefold().split()
    kept = []
    for c in data.ledger.commitments:
        if partner and (c.partner or "").casefold() != partner.casefold():
            continue
        if theme and (c.primary_theme or Theme.OTHER.value) != theme:
            continue
        if meeting and all(a.meeting.slug != meeting for a in c.appearances):
            continue
        if year is not None and not any(in_year(data.meeting(a.meeting.slug), year) for a in c.appearances):
            continue
        if words and not any(all(w in a.measure.text.casefold() for w in words) for a in c.appearances):
            continue
        if status or stale:
            _, _, said, why = ledger.standing(c, data.tracking)
            if (status and said != status) or (stale and not why):
                continue
        kept.append(c)
    return _ordered(data, kept, sort)


# The tracker's orders: as the ledger lists them (by mechanism and meeting), or by these.
TRACKER_SORTS = {
    "newest": "Newest meetings first",
    "oldest": "Oldest meetings first",
    "checked": "Least recently checked first",
    "bureau": "By bureau responsible",
}


def first_day(data: Data, c: commitments.Commitment) -> str:
    """The day of a commitment's first meeting as the tracker sorts it: its date, else its year."""
    first = data.meeting(c.first.meeting.slug)
    return first.date.isoformat() if first.date else f"{first.year or first.year_from or 0:04d}"


def _tracker_fields(data: Data, c: commitments.Commitment) -> Row:
    """What editors wrote beside a commitment's status, and its first meeting as a reader names it."""
    bureau, checked = data.note_of(c.keys, "bureau"), data.note_of(c.keys, "checked")
    return {
        "first_label": meeting_label(data.meeting(c.first.meeting.slug)),
        "first_day": first_day(data, c),
        "bureau": bureau.value if bureau else None,
        "bureau_by": bureau.made_by if bureau else None,
        "checked": checked.value if checked else None,
        "checked_by": checked.made_by if checked else None,
    }


def _ordered(data: Data, kept: list[commitments.Commitment], sort: str | None) -> list[commitments.Commitment]:
    """``kept`` in the order ``sort`` asks; ties keep the ledger's order."""

    def note(c: commitments.Commitment, field: str) -> str | None:
        found = data.note_of(c.keys, field)
        return found.value if found else None

    if sort in ("newest", "oldest"):
        return sorted(kept, key=lambda c: first_day(data, c), reverse=sort == "newest")
    if sort == "checked":  # never checked first, then the longest ago
        return sorted(kept, key=lambda c: note(c, "checked") or "")
    if sort == "bureau":  # no bureau last
        return sorted(kept, key=lambda c: (note(c, "bureau") is None, (note(c, "bureau") or "").casefold()))
    return kept


def event_row(event: TrackingEvent, where: Attachment | None) -> Row:
    return {
        "id": event.id,
        "status": event.status,
        "status_label": status_label(event.status),
        "note": event.note,
        "evidence_url": event.evidence_url,
        "evidence_kind": event.evidence_kind,
        "made_by": event.made_by,
        "made_at": event.made_at.isoformat(),
        "recorded_for": {"key": event.measure_key, "meeting": event.meeting_slug, "text": event.measure_text},
        "measure": where.key if where else None,
        "attached": (where.how if where else "unattached"),
    }


def history(data: Data, key: str) -> list[Row]:
    """A measure's events, each naming the measure and meeting it was recorded on (a commitment's
    events come from any of its appearances)."""
    rows = [event_row(e, where) for e, where in data.tracking.history(key)]
    for row in rows:
        row["recorded_for"]["meeting_label"] = _label_of(data, row["recorded_for"]["meeting"])
    return rows


def _label_of(data: Data, slug: str) -> str:
    """A meeting's name as a reader says it, or its slug when it is no longer stored."""
    try:
        return meeting_label(data.meeting(slug))
    except NotFound:
        return slug


def unattached(data: Data) -> list[Row]:
    return [event_row(e, None) for e in data.tracking.unattached]


def all_events(data: Data) -> list[Row]:
    rows = [event_row(e, w) for e, w in data.tracking.attached()]
    rows += unattached(data)
    return sorted(rows, key=lambda r: (r["made_at"], r["id"]), reverse=True)


# --- agreements, people, mechanisms -------------------------------------------------------------


def agreement_row(g: Agreement, m: Meeting) -> Row:
    return {
        "key": g.key,
        "position": g.position,
        "title": g.title,
        "name": agreement_name(g.title),
        "kind": g.kind,
        "kind_label": g.kind.replace("_", " "),
        "annex": g.annex,
        "chinese_only": g.chinese_only,
        "signatories": list(g.signatories),
        "meeting": m.slug,
        "partner": m.partner,
        "when": date_label(m) or "date not stated",
        "year": m.year,
        "span": list(g.span) if g.span else None,
        "source_url": f"/meetings/{m.slug}#src-agreement-{g.position}",
    }


def agreement_view(g: Agreement, m: Meeting) -> AgreementView:
    """The one document of an agreement: an item of ``/api/agreements`` and of a meeting's agreements."""
    return AgreementView.model_validate(agreement_row(g, m))


def agreements_filter(
    data: Data, *, partner: str | None, kind: str | None, year: int | None, q: str | None
) -> list[Row]:
    """The documents of the agreements :func:`agreements_found` keeps (the downloads; a page or the
    API builds those of the page it gives)."""
    found = agreements_found(data, partner=partner, kind=kind, year=year, q=q)
    return [agreement_view(g, m).document() for g, m in found]


def agreements_found(
    data: Data, *, partner: str | None, kind: str | None, year: int | None, q: str | None
) -> list[tuple[Agreement, Meeting]]:
    """Each agreement (with its meeting) signed at ``partner``'s meetings held in ``year``, of
    ``kind``, whose title or signatories hold every word of ``q``."""
    words = (q or "").casefold().split()
    out = []
    for m in data.meetings:
        if partner and (m.partner or "").casefold() != partner.casefold():
            continue
        if year is not None and not in_year(m, year):
            continue
        for g in m.agreements:
            if kind and g.kind != kind:
                continue
            haystack = " ".join([g.title, *g.signatories]).casefold()
            if words and not all(w in haystack for w in words):
                continue
            out.append((g, m))
    return out


def person_row(p: people.PersonRecord) -> Row:
    """A person's row in the directory: :class:`~cooptrack.views.person.PersonSummaryView`."""
    return person_summary(p).document()


def people_found(everyone: list[PersonRecord], q: str | None, side: str | None) -> list[PersonRecord]:
    """Those whose names or posts hold every word of ``q`` (:func:`.people.search`), of a side
    (``HK``, ``Mainland``, ``Central``, in any case)."""
    found = people.search(everyone, q) if q and q.strip() else everyone
    return [p for p in found if not side or (p.side or "").casefold() == side.casefold()]


def people_filter(data: Data, *, q: str | None, side: str | None) -> list[Row]:
    """The directory's rows (the API's, the CLI's, the people page's), narrowed as :func:`people_found`."""
    return [person_row(p) for p in people_found(data.people, q, side)]


def mechanism_row(mech: series.Mechanism) -> Row:
    """A mechanism in a list: :class:`~cooptrack.views.mechanism.MechanismSummaryView`'s document."""
    return mechanism_summary(mech).document()


def mechanism_summary(mech: series.Mechanism) -> MechanismSummaryView:
    """The one summary of a mechanism, for every list of mechanisms (the API's, the CLI's, the pages')."""
    return MechanismSummaryView.model_validate(_mechanism_fields(mech))


def _mechanism_fields(mech: series.Mechanism) -> Row:
    years = [y for m in mech.meetings for y in _years(m)]
    entry = mechanisms.by_name(mech.name)
    return {
        "key": mech.key,
        "name": mech.name,
        "partner": mech.partner,
        "established": entry.first_year if entry and entry.listed else None,
        "chairs": entry.chairs if entry else None,
        "also_called": [*entry.aliases, *entry.aliases_zh] if entry else [],
        "meetings": len(mech.meetings),
        "gaps": [g.describe() for g in mech.gaps],
        "first_year": min(years, default=None),
        "last_year": max(years, default=None),
        "slug": mechanism_slug(mech),
        "url": f"/mechanisms/{mechanism_slug(mech)}",
    }


def mechanism_slug(mech: series.Mechanism) -> str:
    """A mechanism's key as it reads in a URL (``hong-kong-beijing-co-operation-conference``)."""
    return mech.key.replace(" ", "-")


def _years(m: series.MeetingLike) -> list[int]:
    if m.date:
        return [m.date.year]
    return [y for y in (m.year_from, m.year_to) if y is not None]


def mechanism_detail(data: Data, mech: series.Mechanism, shown: slice | None = None) -> Row:
    """A mechanism's meetings in order, and what changed between each meeting and the one before
    (a meeting read with no measure left out, and said so: :func:`queries.step_pairs`); with
    ``shown``, only those changes (the ones a page shows: the others are not worked out)."""
    held = [queries.stored(m) for m in mech.meetings]
    labels = {m.slug: meeting_label(m) for m in held}
    pairs = queries.step_pairs(mech)
    steps = [_in_words(diff_json(queries.compare_meetings(data.store, *pair)), labels)
             for pair in (pairs if shown is None else pairs[shown])]  # fmt: skip
    return {**_mechanism_fields(mech), "meeting_list": [meeting_row(m) for m in held], "changes": steps}


def mechanism_view(data: Data, mech: series.Mechanism, shown: slice | None = None) -> MechanismView:
    """The one document of a mechanism, for the API and ``cooptrack mechanism NAME --format json``
    (with ``shown``, those of its changes only: its page's)."""
    return MechanismView.model_validate(mechanism_detail(data, mech, shown))


def status_bars(data: Data, mech: series.Mechanism) -> list[tuple[str, str, dict[str, int]]]:
    """Each meeting of a mechanism with its measures counted by their status today (a commitment's
    status is every appearance's): (name without the partner, url, counts) for the page's chart."""
    out = []
    for m in mech.meetings:
        stored = data.meeting(m.slug)
        counts = {s.value: 0 for s in TrackingStatus}
        for x in stored.measures:
            counts[data.tracking.status(x.key).value] += 1
        name = meeting_label(stored).removeprefix(f"{stored.partner}, " if stored.partner else "")
        out.append((name, f"/meetings/{m.slug}", counts))
    return out


_ALIKE = re.compile(r"headings \d+% alike(?:, )?")


def _in_words(step: Row, labels: dict[str, str]) -> Row:
    """A step as the mechanism page says it: meetings by name, and why a measure is carried over in
    words ("same words", "reworded" with the words changed, "confirmed by ..."), not as scores
    against a threshold; an area renamed "similar heading" rather than a percentage."""
    for link in step["carried"]:
        basis = link["basis"]
        link["how"] = basis if basis.startswith("confirmed by") else "same words" if link["unchanged"] else "reworded"
    for area in step["areas"]:
        area["similar"], area["also"] = bool(area["basis"]), _ALIKE.sub("", area["basis"] or "") or None
    return {**step, "earlier_label": labels.get(step["earlier"], step["earlier"]),
            "later_label": labels.get(step["later"], step["later"])}  # fmt: skip


def _measure_ref(x: changes.MeasureLike) -> Row:
    return {"key": x.key, "position": x.position, "text": x.text, "url": f"/measures/{x.key}"}


def diff_json(d: changes.Diff) -> Row:
    """A diff as the API and the mechanism page have it, with ``reading_notes``: the meetings read
    partly or left out, as data the page words in the reader's language."""
    skipped = [found for m in d.skipped_meetings if (found := snapshot.stored(m)) is not None]
    ends = [found for m in (d.earlier, d.later) if (found := snapshot.stored(m)) is not None]
    notes = [reading_note(m, skipped=True) for m in skipped]
    notes += [reading_note(m) for m in ends if not m.completeness.complete]
    return changes.diff_json(d, _measure_ref) | {"reading_notes": notes}


def reading_note(m: Meeting, *, skipped: bool = False) -> Row:
    """A meeting whose release was not read completely: who, how it was read, whether it was left out."""
    return {"slug": m.slug, "kind_label": kind_label(m.kind), "ordinal": m.ordinal,
            "completeness": m.completeness.json(), "skipped": skipped}  # fmt: skip


def compare_json(c: queries.Comparison, tracking: Tracking) -> Row:
    return {
        "left": meeting_row(c.left),
        "right": meeting_row(c.right),
        "limits": [said for said in (limit(c.left), limit(c.right)) if said],
        "reading_notes": [reading_note(m) for m in (c.left, c.right) if not m.completeness.complete],
        "themes": [
            {
                "theme": theme,
                "label": theme_label(theme),
                "left": [measure_row(x, tracking, c.left) for x in a],
                "right": [measure_row(x, tracking, c.right) for x in b],
            }
            for theme, a, b in c.rows
        ],
    }


def limit(m: Meeting) -> str | None:
    """Why a comparison with this meeting says less ("The Fifth plenary's release was read with 0 of
    10 areas: its measures cannot be compared"); None when its release was read completely."""
    said = m.completeness.limit(queries.meeting_name(m))
    return f"{said[0].upper()}{said[1:]}" if said else None


def matrix_json(mx: series.Matrix) -> Row:
    return {
        "scope": mx.scope,
        "partners": mx.partners,
        "themes": [{"theme": t, "label": theme_label(t)} for t in mx.themes],
        "counts": [
            {"partner": p, "theme": t, "measures": mx.counts.get((p, t), 0)} for p in mx.partners for t in mx.themes
        ],
    }


def timeline_json(entries: Sequence[series.TimelineEntry]) -> list[Row]:
    return [
        {
            "mechanism": e.mechanism,
            "meeting": e.meeting.slug,
            "kind": e.meeting.kind,
            "ordinal": e.meeting.ordinal,
            "years": list(e.years) if e.years else None,
            "label": e.label,
            "url": f"/meetings/{e.meeting.slug}",
        }
        for e in entries
    ]


def overview(data: Data, today: dt.date | None = None) -> Row:
    """Counts of everything stored. ``measures`` counts commitments (a measure repeated at three
    meetings is one); ``appearances`` counts them at every meeting that stated them."""
    counts, basis = overview_parts(data)
    return {**counts, "stale": stale_on(basis, today or dt.date.today())}


def overview_parts(data: Data) -> tuple[Row, Row]:
    """:func:`overview` but ``stale``, and what ``stale`` is counted from on any day
    (:func:`stale_on`): what can be kept for as long as the store does not change."""
    tracking = data.tracking
    statuses = {s.value: 0 for s in TrackingStatus}
    flagged, since = 0, Counter[int]()
    for c in data.ledger.commitments:
        status, latest = tracking.status(c.key).value, tracking.latest(c.key)
        statuses[status] += 1
        if status == TrackingStatus.AGREED.value and c.held_since >= commitments.STALE_MEETINGS:
            flagged += 1  # stale on any day: still agreed after three meetings
        elif (day := latest.made_at.date() if latest else commitments.meeting_day(c.first.meeting)) is not None:
            since[day.toordinal()] += 1  # stale once a year has passed since this day
    counts = {
        "meetings": len(data.meetings),
        "mechanisms": len(data.mechanisms),
        "measures": len(data.ledger.commitments),
        "appearances": len(data.measures),
        "repeated": sum(1 for c in data.ledger.commitments if c.repeats),
        "agreements": sum(len(m.agreements) for m in data.meetings),
        "people": len(data.people),
        "events": len(tracking.attached()),
        "unattached_events": len(tracking.unattached),
        "statuses": statuses,
    }
    return counts, {"flagged": flagged, "since": sorted(since.items())}


def stale_on(basis: Row, today: dt.date) -> int:
    """How many commitments look forgotten on ``today`` (:func:`.commitments.staleness`), from what
    :func:`overview_parts` kept: those still agreed after three meetings, and those whose last
    status change (else the day first agreed) is a year or more before ``today``."""
    last = today.toordinal() - commitments.STALE_DAYS
    return int(basis["flagged"]) + sum(int(n) for day, n in basis["since"] if day <= last)
