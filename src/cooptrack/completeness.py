"""How completely a release was read, and so what a comparison with it may say.

Every record (and every stored meeting) states it from its flags and counts: areas read of areas
declared, whether the release reviews progress rather than announcing areas, whether the copy is
truncated, whether area headings are missing. A comparison never calls a measure *dropped* from
a meeting read partly (it may be in the part not read), nor *new* after one; a meeting of which
nothing was read cannot be compared at all, and says why.

    complete     every area the release declares was read, the copy is whole: compare freely
    partial      some of it was read (fewer areas than declared, a truncated copy, a progress
                 review): what was read can be found again, but absence means nothing
    unread       no measure was read of a release that declares areas, or whose copy is cut:
                 its measures cannot be compared
    none_stated  a whole release that states no area or measure (a high-level meeting's, an
                 announcement): read completely, but there is nothing of it to compare
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cooptrack.vocab import Flag


class Reading(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    UNREAD = "unread"
    NONE_STATED = "none_stated"


@dataclass(frozen=True)
class Completeness:
    """How completely one release was read (see the module's docstring)."""

    areas_read: int
    areas_declared: int | None
    measures_read: int
    progress_review: bool = False
    truncated: bool = False
    headings_missing: bool = False

    @classmethod
    def of(cls, flags: Iterable[str], declared: int | None, areas: int, measures: int) -> Completeness:
        """From a record's (or a stored meeting's) flags and counts."""
        found = {str(f) for f in flags}
        return cls(
            areas_read=areas,
            areas_declared=declared,
            measures_read=measures,
            progress_review=Flag.PROGRESS_REVIEW.value in found,
            truncated=Flag.TRUNCATED.value in found,
            headings_missing=Flag.AREA_HEADINGS_MISSING.value in found,
        )

    @property
    def reading(self) -> Reading:
        if self.measures_read == 0:
            declared = bool(self.areas_declared) or self.areas_read > 0
            return Reading.UNREAD if declared or self.truncated or self.progress_review else Reading.NONE_STATED
        short = self.areas_declared is not None and self.areas_read < self.areas_declared
        if short or self.truncated or self.progress_review:
            return Reading.PARTIAL
        return Reading.COMPLETE

    @property
    def complete(self) -> bool:
        return self.reading is Reading.COMPLETE

    @property
    def comparable(self) -> bool:
        """Whether any of its measures can be compared (some were read)."""
        return self.reading in (Reading.COMPLETE, Reading.PARTIAL)

    @property
    def partly_read(self) -> bool:
        """Whether its release was read only in part (what a page marks "read partly")."""
        return self.reading in (Reading.PARTIAL, Reading.UNREAD)

    def describe(self) -> str:
        """How it was read, in words: "read with 0 of 10 areas", "a progress review (9 areas)"."""
        n, declared = self.areas_read, self.areas_declared
        if self.reading is Reading.NONE_STATED:
            return "no area or measure stated"
        count = f"{n} of {declared} areas" if declared is not None else f"{n} area{'s' * (n != 1)}, no number announced"
        review = "a progress review rather than a list of the areas agreed"
        parts = [f"{review} ({count})" if self.progress_review else f"read with {count}"]
        if self.truncated:
            parts.append("the copy stops mid-way")
        if self.headings_missing and (declared is None or n >= declared):
            parts.append("area headings missing")
        if self.measures_read == 0 and n:
            parts.append("no measure found")
        return ", ".join(parts)

    def limit(self, name: str) -> str | None:
        """What a comparison may not say because of it, naming the meeting ("the Fifth plenary");
        None when the release was read completely."""
        reading = self.reading
        if reading is Reading.COMPLETE:
            return None
        whose = f"{name}'s release"
        if reading is Reading.NONE_STATED:
            return f"{whose} states no area or measure: there is nothing of it to compare"
        if self.progress_review and reading is Reading.PARTIAL:
            return (f"{whose} is {self.describe()}: it reports on measures rather than agreeing them, so nothing "
                    "compared with it is called new or dropped")  # fmt: skip
        if reading is Reading.UNREAD:
            return f"{whose} was {self.describe()}: its measures cannot be compared"
        return (f"{whose} was {self.describe()}: its measures can be compared only in part "
                "(a measure not found in it may be in the part not read)")  # fmt: skip

    def json(self) -> dict[str, object]:
        return {
            "reading": self.reading.value,
            "areas_read": self.areas_read,
            "areas_declared": self.areas_declared,
            "measures_read": self.measures_read,
            "progress_review": self.progress_review,
            "truncated": self.truncated,
            "headings_missing": self.headings_missing,
            "description": self.describe(),
        }
