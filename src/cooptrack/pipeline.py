"""The pipeline: a document in, a record out (acquire → clean → extract → years), nothing stored.

The last step reads the years a meeting can fall in from the officials it names, and from the
day the document was issued (:mod:`cooptrack.knowledge.years`), when the release gives no year.

The first parse of a process quickens the patterns of the cleaner and the extractor
(:func:`prepare`, about half a second); importing them does not, so that a command that parses
nothing (the server, ``list``, ``show`` ...) does not pay for it.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import cooptrack.clean
import cooptrack.extract
from cooptrack import dates, fold, mechanisms
from cooptrack.acquire import Document, read_path
from cooptrack.acquire.files import looks_like_html
from cooptrack.clean import clean
from cooptrack.clean.blocks import Cleaned
from cooptrack.extract.record import extract
from cooptrack.knowledge import years
from cooptrack.memo import new_document
from cooptrack.quick import quicken
from cooptrack.record import Record

_prepared = False


def prepare() -> None:
    """Put the quick form of every pattern of the cleaner and the extractor (and of the dates,
    the mechanisms and the Chinese folding they read) in its place, once a process: they pass over
    the positions where no match can start, with the same matches (:mod:`cooptrack.quick`). Called
    by every parse, and by a parent before it forks its parsing workers (they start quick)."""
    global _prepared
    if not _prepared:
        quicken([dates, mechanisms, fold, *_modules(cooptrack.clean), *_modules(cooptrack.extract)])
        _prepared = True


def _modules(package: ModuleType) -> list[ModuleType]:
    """The modules of a package, its subpackages' included."""
    found = pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
    return [importlib.import_module(m.name) for m in found]


def parse_document(doc: Document) -> Record:
    """Clean and extract one decoded document."""
    prepare()
    new_document()
    return _parse(clean(doc.text, html=doc.media_type == "text/html"), doc.source)


def parse_text(text: str, source: str = "<text>", *, html: bool | None = None) -> Record:
    """Parse a release given as a string (text or HTML, detected unless ``html`` is given)."""
    is_html = looks_like_html(text) if html is None else html
    prepare()
    new_document()
    return _parse(clean(text, html=is_html), source)


def _parse(cleaned: Cleaned, source: str) -> Record:
    published = cleaned.footer_date or cleaned.url_date or cleaned.page_date
    return years.infer(extract(cleaned, source=source), published)


def parse_path(path: Path) -> Record:
    """Read and parse one file; raises an InputError naming the file when it cannot be read."""
    return parse_document(read_path(path))
