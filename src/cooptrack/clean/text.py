"""Placeholder: replaced by the real cleaner."""

from __future__ import annotations

from cooptrack.clean.blocks import Block, BlockKind, Cleaned


def clean(text: str, *, html: bool = False) -> Cleaned:
    body = text.strip()
    return Cleaned(text=body, blocks=[Block(BlockKind.PARAGRAPH, body, 0, len(body))])
