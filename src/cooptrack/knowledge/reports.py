"""A meeting's other reports: what each source of one meeting says, beside its primary report.

A meeting's facts and item rows come from its best report (``store``); the others, in English or
in Chinese, a news copy or the partner side's own report, are kept whole as records. This module
reads them back for the people known across languages (:mod:`.people`) and for the meeting page,
which shows each source's statement where the sources differ ([ZH-PRESIDE]: the Mainland report
says the Governor presided, the Hong Kong release that both heads co-chaired).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cooptrack.record import Person, Record


def records(meeting: Any, *, others: bool = False) -> Iterator[tuple[Any, Record]]:
    """Each report of the meeting (primary first) with its record, read from its document; with
    ``others``, only the reports beside the primary one (whose records are then not read at all)."""
    found = list(getattr(meeting, "reports", ()) or ())
    for report in sorted(found, key=lambda r: (not r.is_primary, r.id or 0)):
        if others and report.is_primary:
            continue
        document = report.document
        if document is None or not document.relevant:
            continue
        yield report, Record.model_validate(document.record_json())


def other_people(meeting: Any) -> Iterator[tuple[Person, tuple[str, ...]]]:
    """The people the meeting's other reports name, each with the titles of what they signed there."""
    for _, record in records(meeting, others=True):  # the primary report's people are the meeting's own
        for p in record.people:
            signed = tuple(a.title for a in record.agreements if p.name in a.signatories)
            yield p, signed
