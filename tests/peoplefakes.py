"""A meeting as knowledge.people.gather needs it, built in the tests (not stored): shared by
test_knowledge, test_people_zh and test_people_scale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class FakeMeeting:
    slug: str
    mechanism: str | None
    partner: str | None
    date: dt.date | None
    date_text: str | None = None
    year_from: int | None = None
    year_to: int | None = None
