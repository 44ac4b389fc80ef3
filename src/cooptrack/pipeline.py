"""The pipeline: a document in, a record out (acquire → clean → extract → years), nothing stored.

The last step reads the years a meeting can fall in from the officials it names, and from the
day the document was issued (:mod:`cooptrack.knowledge.years`), when the release gives no year.
"""

from __future__ import annotations

from pathlib import Path

from cooptrack.acquire import Document, read_path
from cooptrack.acquire.files import looks_like_html
from cooptrack.clean import clean
from cooptrack.clean.blocks import Cleaned
from cooptrack.extract import extract
from cooptrack.knowledge import years
from cooptrack.memo import new_document
from cooptrack.record import Record


def parse_document(doc: Document) -> Record:
    """Clean and extract one decoded document."""
    new_document()
    return _parse(clean(doc.text, html=doc.media_type == "text/html"), doc.source)


def parse_text(text: str, source: str = "<text>", *, html: bool | None = None) -> Record:
    """Parse a release given as a string (text or HTML, detected unless ``html`` is given)."""
    is_html = looks_like_html(text) if html is None else html
    new_document()
    return _parse(clean(text, html=is_html), source)


def _parse(cleaned: Cleaned, source: str) -> Record:
    published = cleaned.footer_date or cleaned.url_date or cleaned.page_date
    return years.infer(extract(cleaned, source=source), published)


def parse_path(path: Path) -> Record:
    """Read and parse one file; raises an InputError naming the file when it cannot be read."""
    return parse_document(read_path(path))
