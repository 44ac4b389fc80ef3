"""The data-quality flags of a record (vocabulary in :class:`cooptrack.vocab.Flag`).

Document-level flags (``truncated``, ``unrelated_content``) are facts about the copy and are
computed for every record, relevant or not; the others describe what the release says about its
meeting.
"""

from __future__ import annotations

import re

from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.extract import patterns as P
from cooptrack.extract.sections import Sections
from cooptrack.record import Record
from cooptrack.vocab import DocumentKind, Flag, Role

_TERMINAL = re.compile(r"[.!?\u201d\u2019\"')]$")


def document_flags(cleaned: Cleaned, sections: Sections, body: list[Block]) -> list[Flag]:
    """The flags that are facts about the copy, computed whatever the relevance."""
    flags: list[Flag] = []
    if cleaned.unrelated_cut:
        flags.append(Flag.UNRELATED_CONTENT)
    if truncated(cleaned, sections, body):
        flags.append(Flag.TRUNCATED)
    return flags


def data_quality_flags(record: Record, cleaned: Cleaned, sections: Sections, body: list[Block]) -> list[Flag]:
    """Every flag of a relevant record: what the release says of its meeting, and the copy's own."""
    flags: list[Flag] = []
    headed = sum(1 for a in record.areas if a.heading)
    if sections.declared_count is not None and headed < sections.declared_count:
        flags.append(Flag.AREA_HEADINGS_MISSING)
    if record.meeting.date is None and (record.meeting.date_text or record.document_kind is DocumentKind.REPORT):
        flags.append(Flag.YEAR_NOT_STATED)
    if not any(Role.CO_CHAIR in p.roles for p in record.people):
        flags.append(Flag.NO_CO_CHAIRS_STATED)
    lead_text = " ".join(b.text for b in sections.lead)
    reviewing = [s for s in re.split(r"(?<=\.)\s+", lead_text) if P.PROGRESS_CUE.search(s)]
    if sections.declared_count is None and any(not P.PROGRESS_PROMISED.search(s) for s in reviewing):
        flags.append(Flag.PROGRESS_REVIEW)
    return document_flags(cleaned, sections, body) + flags


def truncated(cleaned: Cleaned, sections: Sections, body: list[Block]) -> bool:
    """The document stops mid-way: mid-sentence, or on a heading or a lead-in with nothing after it."""
    if cleaned.ended or not body:
        return False
    last = body[-1].text.rstrip()
    return body[-1].kind is BlockKind.HEADING or last.endswith(":") or not _TERMINAL.search(last)
