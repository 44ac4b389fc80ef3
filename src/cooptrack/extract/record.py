"""Placeholder: replaced by the real extractor."""

from __future__ import annotations

from cooptrack.clean.blocks import Cleaned
from cooptrack.record import Record


def extract(cleaned: Cleaned, *, source: str) -> Record:
    return Record(source=source, relevant=False, text=cleaned.text)
