"""The cleaned form of a release: its text and the blocks that make it up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from cooptrack.record import Removed


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"


@dataclass
class Block:
    """One block of the cleaned text; ``start``/``end`` are offsets into ``Cleaned.text``."""

    kind: BlockKind
    text: str
    start: int
    end: int
    underlined: bool = False  # a heading marked by a row of dashes under it
    indented: bool = False  # the source line began with white space
    label: str | None = None  # a bullet's or a heading's enumerator: "(ii)", "3."
    rule: str = ""  # the character of a heading's underline: "=" marks a level above the areas'


@dataclass
class Cleaned:
    """The release's own text, its blocks, and everything removed from the input."""

    text: str
    blocks: list[Block]
    removed: list[Removed] = field(default_factory=list)
    footer_date: dt.date | None = None  # from "Ends/Wednesday, November 29, 2023"
    url_date: dt.date | None = None  # from an archive URL such as /gia/general/202311/29/
    page_date: dt.date | None = None  # a news page's dateline of publication: "7 March 2024"
    ended: bool = False  # the "Ends/" footer was present
    unrelated_cut: bool = False  # an unrelated article was found glued on and cut
    language: str = "en"  # "en" or "zh", found from the content (never from the address)
    reader: str = "text"  # "text", or the HTML reader's path (cooptrack.clean.html): "gia", "generic" ...
    source_bytes: int = 0  # the size of the input as given, in bytes of UTF-8 (cut copies stop at ~2,000)
    trailer: list[str] = field(default_factory=list)  # lines printed after the release's last line (chrome, footer)

    @property
    def title(self) -> str | None:
        for block in self.blocks:
            if block.kind is BlockKind.TITLE:
                return block.text
        return None

    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is not BlockKind.TITLE]
