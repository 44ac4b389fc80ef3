"""The record of one press release: the contract between ``extract`` and everything after it.

Its JSON form is the format of ``../shared/gold/README.md`` with extra keys (spans, the cleaned
text, what was removed and why, the parser version). Every extracted item carries ``span``:
``[start, end)`` character offsets into ``Record.text``, the cleaned text of the release.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from cooptrack.completeness import Completeness
from cooptrack.vocab import (
    AgreementKind,
    DocumentKind,
    Flag,
    Honorific,
    MeetingKind,
    QuantityKind,
    RemovalReason,
    Role,
    Side,
    Theme,
)

PARSER_VERSION = "1.54.0"

Span = Annotated[tuple[int, int], Field(description="[start, end) offsets into the cleaned text")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Meeting(_Model):
    ordinal: int | None = None
    kind: MeetingKind | None = None
    date: dt.date | None = None
    date_text: str | None = None
    year_range: tuple[int, int] | None = None
    year_reasons: list[str] = Field(default_factory=list)  # why year_range, when the text gives no year
    venue: str | None = None
    span: Span | None = None


class Person(_Model):
    name: str
    honorific: Honorific | None = None
    post: str | None = None
    side: Side | None = None
    roles: list[Role] = Field(default_factory=list)
    span: Span


class Quantity(_Model):
    """An amount named in a measure: money, a count of something, or a percentage.

    ``value`` is the number as stated (``20_000_000`` for "HK$20 million"); ``high`` is the upper
    end of a range ("3 000 to 5 000"), ``at_least`` marks "over"/"more than"/"at least" (a lower
    bound). ``unit`` is a currency code (``HKD``, ``RMB``, ``USD``), ``%``, or the counted noun as
    written ("young people", "projects"). ``text`` is exactly ``Record.text[span[0]:span[1]]``.
    """

    kind: QuantityKind
    value: float
    high: float | None = None
    at_least: bool = False
    unit: str
    text: str
    span: Span


class Measure(_Model):
    text: str
    themes: list[Theme] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    span: Span


class Area(_Model):
    heading: str | None
    themes: list[Theme] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    span: Span | None = None


class Agreement(_Model):
    title: str
    kind: AgreementKind
    annex: str | None = None
    chinese_only: bool = False
    signatories: list[str] = Field(default_factory=list)
    span: Span


class MentionFound(_Model):
    """A naming of a mechanism, or a mention of a meeting, found in the cleaned text (whatever the
    relevance): what relevance was decided from."""

    what: Literal["mechanism", "meeting"]
    text: str  # exactly ``Record.text[span[0]:span[1]]``
    mechanism: str | None = None  # the canonical name, for a mechanism
    kind: MeetingKind | None = None  # for a meeting
    ordinal: int | None = None
    span: Span


class Removed(_Model):
    """A piece of the input that is not part of the release, and why."""

    reason: RemovalReason
    text: str
    detail: str | None = None  # why, in words, when the reason alone does not say (an unrelated article's evidence)


class Record(_Model):
    source: str
    reader: str | None = None  # how it was read: "text", or the HTML reader's path ("gia", "generic", "trafilatura")
    language: str = "en"  # "en" or "zh", from the content
    script: Literal["traditional", "simplified"] | None = None  # a Chinese page's script, from its characters
    relevant: bool
    relevance_reason: str | None = None
    document_kind: DocumentKind = DocumentKind.REPORT
    title: str | None = None
    mechanism: str | None = None
    partner: str | None = None
    meeting: Meeting = Field(default_factory=Meeting)
    people: list[Person] = Field(default_factory=list)
    declared_area_count: int | None = None
    areas: list[Area] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    parser_version: str = PARSER_VERSION
    text: str = ""
    removed: list[Removed] = Field(default_factory=list)
    mentions: list[MentionFound] = Field(default_factory=list)

    @property
    def measures(self) -> list[Measure]:
        return [m for a in self.areas for m in a.measures]

    @property
    def completeness(self) -> Completeness:
        """How completely the release was read: areas read of areas declared, and why not all."""
        return Completeness.of(self.flags, self.declared_area_count, len(self.areas), len(self.measures))

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)
