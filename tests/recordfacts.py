"""What two readings of one release must agree on: the record without offsets and layout."""

from __future__ import annotations

from typing import Any

LAYOUT_KEYS = frozenset({"span", "text", "removed", "reader"})


def facts(value: Any) -> Any:
    """A record's JSON without spans, cleaned text, what was removed and the reader: the text of a
    page and of its plain copy differ in white space and chrome only."""
    if isinstance(value, dict):
        return {k: facts(v) for k, v in value.items() if k not in LAYOUT_KEYS}
    if isinstance(value, list):
        return [facts(v) for v in value]
    return value
