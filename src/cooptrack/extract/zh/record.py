"""Assemble the record of a Chinese release (the Chinese twin of :mod:`cooptrack.extract.record`).

The same order as the English path: the mechanism and the decision whether the page reports or
announces one of its meetings (with the reason when not); then the meeting's kind, ordinal, date
and venue, the people and their roles, the areas and their measures (themes from the same
table's Chinese cues), the agreements and the flags. Canonical values (mechanism, partner, kind,
venue) are in English; every copied string is as written, in the page's own script.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from cooptrack.clean.blocks import Block, Cleaned
from cooptrack.extract.themes import area_themes, heading_themes, measure_themes
from cooptrack.extract.zh import agreements as A
from cooptrack.extract.zh import areas as R
from cooptrack.extract.zh import meeting as M
from cooptrack.extract.zh import people as W
from cooptrack.extract.zh.text import Sent, headline, sentences
from cooptrack.extract.zh.when import meeting_date, written_day
from cooptrack.fold import CJK, script
from cooptrack.mechanisms import Entry
from cooptrack.record import Agreement, Area, Measure, Meeting, MentionFound, Person, Record
from cooptrack.vocab import DocumentKind, Flag, Honorific, MeetingKind, Role

_ROLE_ORDER = list(Role)
_TERMINAL = re.compile(r"[。！？!?」”』)）.…]\s*$")


def extract_zh(cleaned: Cleaned, *, source: str) -> Record:
    """The record of one cleaned Chinese release."""
    title = headline(cleaned.title)
    body = cleaned.body()
    sents = sentences(body)
    entry, others = M.main_mechanism(title, sents)
    base: dict[str, Any] = {"source": source, "title": cleaned.title, "text": cleaned.text}
    base |= {"removed": cleaned.removed, "reader": cleaned.reader, "language": "zh", "script": _script(cleaned.text)}
    base["mentions"] = _mentions(cleaned.text, sents)
    decision = M.decide(title, sents, entry, others)
    if not decision.relevant or entry is None:
        record = Record(
            relevant=False,
            relevance_reason=decision.reason,
            mechanism=entry.name if entry else None,
            partner=entry.partner if entry else None,
            **base,
        )
        record.flags = [Flag.NOT_RELEVANT, *_document_flags(cleaned, body)]
        return record
    lead_blocks, groups, _closing = R.split(body)
    lead = [s for s in sents if s.block < len(lead_blocks)]
    kind = M.document_kind(title, decision.statements, lead)
    the_meeting = _meeting(cleaned, title, decision.statements, sents, lead, entry, kind)
    in_areas = {id(b) for g in groups for b in g.measures}
    outside = [s for s in sents if id(body[s.block]) not in in_areas]
    people = W.collect(outside)
    said = {id(s.sent) for s in decision.statements}
    W.assign_roles(outside, people, meeting_sents={i for i, s in enumerate(outside) if id(s) in said})
    signed = A.extract(outside, people)
    for a in signed:
        for p in people:
            if p.name in a.signatories:
                p.roles.add(Role.SIGNATORY)
    record = Record(
        relevant=True,
        document_kind=kind,
        mechanism=entry.name,
        partner=entry.partner,
        meeting=the_meeting,
        people=[_person(p) for p in people],
        declared_area_count=R.declared_count(title, lead),
        areas=_areas(groups),
        agreements=[
            Agreement(title=a.title, kind=a.kind, signatories=a.signatories, span=(a.start, a.end)) for a in signed
        ],
        **base,
    )
    record.flags = _flags(record, cleaned, body)
    outcomes = bool(record.areas or record.agreements)
    if record.declared_area_count is None and R.reviews_progress(title, lead, outcomes=outcomes):
        record.flags.append(Flag.PROGRESS_REVIEW)
    return record


def _meeting(
    cleaned: Cleaned,
    title: Sent | None,
    statements: tuple[M.Statement, ...],
    sents: list[Sent],
    lead: list[Sent],
    entry: Entry,
    kind: DocumentKind,
) -> Meeting:
    meeting_kind, ordinal = M.identify(entry, title, statements, sents)
    printed = cleaned.footer_date or cleaned.page_date
    pool = [s.sent for s in statements if s.sent is not title] + lead[:4]
    announced = kind is DocumentKind.ANNOUNCEMENT
    when = meeting_date(pool, printed, announcement=announced, written=written_day(cleaned))
    first = lead[0] if lead else None
    return Meeting(
        ordinal=ordinal,
        kind=meeting_kind or MeetingKind.OTHER,
        date=when.date,
        date_text=when.date_text,
        year_range=(when.date.year, when.date.year) if when.date else None,
        venue=M.venue(title, statements, lead),
        span=(first.start, first.start + len(first.text)) if first else None,
    )


def _script(text: str) -> Literal["traditional", "simplified"] | None:
    """The page's script, from the characters only one of the two scripts writes."""
    found = script(text)
    return None if found is None else ("traditional" if found == "Hant" else "simplified")


def _person(p: W.Found) -> Person:
    return Person(
        name=p.name,
        honorific=Honorific(p.honorific) if p.honorific else None,
        post=p.post,
        side=p.side,
        roles=sorted(p.roles, key=_ROLE_ORDER.index),
        span=(p.start, p.end),
    )


def _areas(groups: list[R.Group]) -> list[Area]:
    out = []
    for g in groups:
        named = heading_themes(g.heading_text)
        measures = [
            Measure(text=b.text, themes=measure_themes(b.text, named), span=(b.start, b.end)) for b in g.measures
        ]
        blocks: list[Block] = ([g.heading] if g.heading else []) + g.measures
        span = (blocks[0].start, blocks[-1].end) if blocks else None
        themes = area_themes(g.heading_text, [m.themes for m in measures], named)
        out.append(Area(heading=g.heading_text, themes=themes, measures=measures, span=span))
    return out


def _document_flags(cleaned: Cleaned, body: list[Block]) -> list[Flag]:
    flags = [Flag.UNRELATED_CONTENT] if cleaned.unrelated_cut else []
    if truncated(cleaned, body):
        flags.append(Flag.TRUNCATED)
    return flags


def truncated(cleaned: Cleaned, body: list[Block]) -> bool:
    """The copy stops mid-way: no end mark ((完), 完, 責任編輯) and a last line that ends no sentence."""
    if cleaned.ended or not body:
        return False
    last = body[-1].text.rstrip()
    return not _TERMINAL.search(last) or last.endswith(("：", ":"))


def _flags(record: Record, cleaned: Cleaned, body: list[Block]) -> list[Flag]:
    flags = _document_flags(cleaned, body)
    headed = sum(1 for a in record.areas if a.heading)
    if record.declared_area_count is not None and headed < record.declared_area_count:
        flags.append(Flag.AREA_HEADINGS_MISSING)
    m = record.meeting
    if m.date is None and (m.date_text or record.document_kind is DocumentKind.REPORT):
        flags.append(Flag.YEAR_NOT_STATED)
    if not any(Role.CO_CHAIR in p.roles for p in record.people):
        flags.append(Flag.NO_CO_CHAIRS_STATED)
    return flags


def _mentions(text: str, sents: list[Sent]) -> list[MentionFound]:
    out = []
    for sent in sents:
        if not CJK.search(sent.text):
            continue
        for n in M.named(sent):
            s, e = sent.span(n.start, n.end)
            out.append(MentionFound(what="mechanism", text=text[s:e], mechanism=n.entry.name, span=(s, e)))
    return out
