"""The data-quality flags of a record (vocabulary in :class:`cooptrack.vocab.Flag`).

Document-level flags (``truncated``, ``unrelated_content``) are facts about the copy and are
computed for every record, relevant or not; the others describe what the release says about its
meeting.
"""

from __future__ import annotations

import re

from cooptrack.clean import noise
from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.clean.chrome import catalogue
from cooptrack.extract import patterns as P
from cooptrack.extract.sections import Sections
from cooptrack.record import Record
from cooptrack.vocab import DocumentKind, Flag, Role

_TERMINAL = re.compile(r"[.!?\u201d\u2019\"')\u3002\uff01\uff1f\u300d\u300f\uff09]$")  # and "。！？」』）"
# A page that is one photo caption, closed by the caption's bar: "... today (June 3). |"
_CAPTION_END = re.compile(r"[.!?)]\s+\|$")
# Partial copies of pages are cut at about 2,000 bytes of UTF-8 (a little more when a copy was
# cut at 2,000 characters): a copy of that size whose last line is the release's is cut.
_CUT_SIZE = (1_950, 2_100)


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
    if sections.declared_count is None and _reviews_progress(" ".join(b.text for b in sections.lead)):
        flags.append(Flag.PROGRESS_REVIEW)
    return document_flags(cleaned, sections, body) + flags


def _reviews_progress(lead_text: str) -> bool:
    """A sentence of the lead reports progress, not as a purpose ("... will meet to review the progress").
    A sentence with the cue is in a lead with it (the lead is split only then)."""
    if not P.PROGRESS_CUE.search(lead_text):
        return False
    reviewing = [s for s in re.split(r"(?<=\.)\s+", lead_text) if P.PROGRESS_CUE.search(s)]
    return any(not P.PROGRESS_PROMISED.search(s) for s in reviewing)


def truncated(cleaned: Cleaned, sections: Sections, body: list[Block]) -> bool:
    """The copy stops before the release's end ([FLAG-MISSEDTRUNC], [FLAG-FALSETRUNC]).

    An end marker (the Government's ``Ends/`` footer, or one of the chrome catalogue's ``ends``:
    "Back to list", "Go To Top", "Editor in charge: ...", "Tags: ...", a wire's "(Xinhua)")
    printed after the release proves the page complete, however short, and so does a
    one-sentence caption page ending " |". Otherwise the copy is cut when it stops mid-sentence,
    or on a heading or a lead-in with nothing after it; or when it has the size at which partial
    copies are cut (~2,000 bytes) with the release's own text last, even on a full stop.
    """
    if cleaned.ended or any(_end_marker(line) for line in cleaned.trailer) or not body:
        return False
    last = body[-1].text.rstrip()
    if _CAPTION_END.search(last):
        return False
    if body[-1].kind is BlockKind.HEADING or last.endswith(":") or not _TERMINAL.search(last):
        return True
    return _CUT_SIZE[0] <= cleaned.source_bytes <= _CUT_SIZE[1] and not cleaned.trailer and not cleaned.unrelated_cut


def _end_marker(line: str) -> bool:
    """A line printed after the release that proves the copy complete: the Government's footer
    (cooptrack.clean.noise) or an end marker of the chrome catalogue."""
    line = line.strip()
    return bool(
        noise.FOOTER_ENDS.match(line) or noise.FOOTER_ISSUED.match(line) or noise.FOOTER_NNNN.match(line)
    ) or catalogue().is_end(line)
