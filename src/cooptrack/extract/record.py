"""Assemble one :class:`~cooptrack.record.Record` from a cleaned release.

The order: divide the body into lead, areas and closing; find the mechanism and decide whether
the release is about one of its meetings; then the meeting's facts, its people, areas and
measures (with themes), agreements, and the data-quality flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from cooptrack import mechanisms
from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.extract import meeting as M
from cooptrack.extract import relevance
from cooptrack.extract.agreements import extract_agreements
from cooptrack.extract.flags import data_quality_flags, document_flags
from cooptrack.extract.people import Found, honorific
from cooptrack.extract.quantities import find_quantities
from cooptrack.extract.roster import collect_people
from cooptrack.extract.sections import Sections, split_sections
from cooptrack.extract.sentences import sentences, split_text
from cooptrack.extract.themes import area_themes, heading_themes, measure_themes
from cooptrack.extract.when import meeting_date
from cooptrack.extract.zh import extract_zh
from cooptrack.mechanisms import Entry
from cooptrack.record import Agreement, Area, Measure, Meeting, MentionFound, Person, Record
from cooptrack.vocab import DocumentKind, Flag, MeetingKind, RemovalReason, Role

_ROLE_ORDER = {role: i for i, role in enumerate(Role)}


def extract(cleaned: Cleaned, *, source: str) -> Record:
    """The record of one cleaned release."""
    if cleaned.language == "zh":  # Chinese pages have their own path (cooptrack.extract.zh)
        return extract_zh(cleaned, source=source)
    title = cleaned.title
    body = cleaned.body()
    sections = split_sections(body)
    lead_text = " ".join(b.text for b in sections.lead if b.kind is not BlockKind.HEADING)
    all_text = " ".join(b.text for b in body)
    captions = [r.text for r in cleaned.removed if r.reason is RemovalReason.PHOTO_CAPTION]
    mechanism, others = M.main_mechanism(title, " ".join([all_text, *captions]))
    base: dict[str, Any] = {"source": source, "title": title, "text": cleaned.text, "removed": cleaned.removed}
    base["reader"] = cleaned.reader
    base["language"] = cleaned.language
    base["mentions"] = _mentions(cleaned)
    # the first sentences (menus aside): the blocks after them are not split here
    said = [s.text for s in islice((s for b in body if b.kind is not BlockKind.HEADING for s in sentences(b)), 24)]
    context = tuple(s for c in captions[:4] for s in split_text(c))
    lines = tuple(b.text for b in body[:40])
    decision = relevance.decide(title, said, mechanism, others, context=context, lines=lines)
    if not decision.relevant or mechanism is None:
        record = Record(
            relevant=False,
            relevance_reason=decision.reason,
            mechanism=mechanism.name if mechanism else None,
            partner=mechanism.partner if mechanism else None,
            **base,
        )
        record.flags = [Flag.NOT_RELEVANT, *document_flags(cleaned, sections, body)]
        return record
    kind = relevance.document_kind(title, lead_text, decision.statements)
    page = _Page(cleaned, sections, title, lead_text, all_text, captions, [s.text for s in decision.statements])
    the_meeting = _meeting(page, kind, mechanism)
    people = collect_people(
        [s for b in sections.outside_areas for s in sentences(b)], (the_meeting.kind, the_meeting.ordinal), captions
    )
    areas = _areas(sections)
    agreements = extract_agreements(sections.outside_areas, people)
    record = Record(
        relevant=True,
        document_kind=kind,
        mechanism=mechanism.name,
        partner=mechanism.partner,
        meeting=the_meeting,
        people=[_person(p) for p in people],
        declared_area_count=sections.declared_count,
        areas=areas,
        agreements=[
            Agreement(
                title=a.title,
                kind=a.kind,
                annex=a.annex,
                chinese_only=a.chinese_only,
                signatories=a.signatories,
                span=(a.start, a.end),
            )
            for a in agreements
        ],
        **base,
    )
    record.flags = data_quality_flags(record, cleaned, sections, body)
    return record


@dataclass(frozen=True)
class _Page:
    """What the meeting's facts are read from."""

    cleaned: Cleaned
    sections: Sections
    title: str | None
    lead: str
    all_text: str
    captions: list[str]  # photo captions: they may name the meeting in full
    statements: list[str]  # the sentences that report (or announce) the meeting


_WINDOW = 6000  # characters of the lead read for the meeting's kind and number


def _meeting(page: _Page, kind: DocumentKind, entry: Entry) -> Meeting:
    # the meeting is named at the start: a bounded window keeps a pathological page linear
    meeting_kind, ordinal = M.identify_meeting(page.title, (page.lead or page.all_text)[:_WINDOW], entry)
    if meeting_kind is None:
        meeting_kind, ordinal = M.identify_meeting(None, page.all_text[: 4 * _WINDOW], entry)
    if ordinal is None and page.captions:  # the meeting named in full only in a photo caption
        caption_kind, ordinal = M.identify_meeting(None, " ".join(page.captions), entry)
        meeting_kind = meeting_kind or caption_kind
    meeting_kind = meeting_kind or MeetingKind.OTHER
    lead_blocks = [b for b in page.sections.lead if b.kind is not BlockKind.HEADING] or page.cleaned.body()[:2]
    when = meeting_date(page.cleaned, lead_blocks, kind)
    first = lead_blocks[0] if lead_blocks else None
    return Meeting(
        ordinal=ordinal,
        kind=meeting_kind,
        date=when.date,
        date_text=when.date_text,
        year_range=(when.date.year, when.date.year) if when.date else None,
        venue=M.venue(page.title, lead_blocks, page.statements, entry.partner, ordinal),
        span=(first.start, first.end) if first else None,
    )


def _person(p: Found) -> Person:
    return Person(
        name=p.name,
        honorific=honorific(p.honorific),
        post=p.post,
        side=p.side,
        roles=sorted(p.roles, key=_ROLE_ORDER.__getitem__),
        span=(p.start, p.end),
    )


def _areas(sections: Sections) -> list[Area]:
    out: list[Area] = []
    for group in sections.areas:
        heading = group.heading.text if group.heading else None
        named = heading_themes(heading)
        measures = [
            Measure(
                text=b.text,
                themes=measure_themes(b.text, named),
                quantities=find_quantities(b.text, b.start),
                span=(b.start, b.end),
            )
            for b in group.measures
        ]
        span = _span_of(group.heading, group.measures)
        out.append(
            Area(
                heading=heading,
                themes=area_themes(heading, [m.themes for m in measures], named),
                measures=measures,
                span=span,
            )
        )
    return out


def _span_of(heading: Block | None, measures: list[Block]) -> tuple[int, int] | None:
    blocks = ([heading] if heading else []) + measures
    if not blocks:
        return None
    return (blocks[0].start, blocks[-1].end)


def _mentions(cleaned: Cleaned) -> list[MentionFound]:
    """Every naming of a mechanism and mention of a meeting in the cleaned text, with spans."""
    out: list[MentionFound] = []
    for block in cleaned.blocks:
        for m in mechanisms.find(block.text):
            out.append(
                MentionFound(
                    what="mechanism",
                    text=block.text[m.start : m.end],
                    mechanism=m.entry.name,
                    span=(block.start + m.start, block.start + m.end),
                )
            )
        for mm in M.meeting_mentions(block.text):
            out.append(
                MentionFound(
                    what="meeting",
                    text=block.text[mm.start : mm.end],
                    kind=mm.kind,
                    ordinal=mm.ordinal,
                    span=(block.start + mm.start, block.start + mm.end),
                )
            )
    return sorted(out, key=lambda m: m.span)
