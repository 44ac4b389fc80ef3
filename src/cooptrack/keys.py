"""How things are compared for identity: pure functions shared by the store and the knowledge.

The store keys its rows with them (:mod:`cooptrack.store.derive`) and :mod:`cooptrack.knowledge`
compares with them; neither imports the other for it.
"""

from __future__ import annotations

import re

from cooptrack import mechanisms
from cooptrack.vocab import MeetingKind

# Plenaries and high-level meetings cum plenaries are numbered in one series.
_SERIES: dict[str, str] = {
    MeetingKind.PLENARY: "plenary",
    MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY: "plenary",
    MeetingKind.HIGH_LEVEL_MEETING: "high-level",
    MeetingKind.WORKING_MEETING: "working",
}


def series_of(kind: str | None) -> str:
    """The numbered series a kind of meeting belongs to (``plenary`` for both kinds of plenary)."""
    return _SERIES.get(kind or "", "meeting")


def mechanism_key(mechanism: str | None, partner: str | None = None) -> str:
    """A mechanism's name compared for identity: "Hong Kong-Sichuan" and "Hong Kong/Sichuan" are one,
    and so are an old name and the current one (the mechanisms table, :mod:`cooptrack.mechanisms`)."""
    name = mechanisms.canonical(mechanism) or mechanism
    text = (name or partner or "").casefold().replace("cooperation", "co-operation")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def normalise(text: str) -> str:
    """Text compared for identity: case, punctuation and spacing do not count."""
    return " ".join(re.findall(r"\w+", text.casefold()))
