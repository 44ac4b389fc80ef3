"""The synthetic HTML pages of the genre (tests/data/html): what is particular to pages.

Each page has a partial expectation in ``tests/data/html/expected/<stem>.json`` in the format of
``tests/data/synthetic/README.md`` (plus ``reader``: the HTML reader that must be used, and
``encoding``: the encoding the page must be decoded with). Here: the expectation is grounded in
the page (rt2_*), the encoding and the reader (every page), and two pages' plain-text twins (the same release saved as
text) give the same record. The record's facts are checked by ``tests/test_genre.py``; ``norm``
is imported from it (``tests`` is on ``sys.path`` under pytest's default import mode, as
``recordfacts`` is for ``test_html``).
"""

from __future__ import annotations

import codecs
import functools
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_path
from cooptrack.record import Record
from recordfacts import facts
from test_genre import norm

DATA = Path(__file__).parent / "data" / "html"
EXPECTED = sorted((DATA / "expected").glob("rt2_*.json"))
# Every page's expectation (gen_* too) states its reader and encoding: both are checked here for all.
ALL_EXPECTED = sorted((DATA / "expected").glob("*.json"))
TWINS = sorted(p for p in DATA.glob("rt2_*.txt"))


def expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "expected" / f"{stem}.json").read_text("utf-8"))
    return data


def cases(*keys: str, every: bool = False) -> list[Any]:
    pages = ALL_EXPECTED if every else EXPECTED
    return [pytest.param(p.stem, id=p.stem) for p in pages if not keys or any(k in expected(p.stem) for k in keys)]


@functools.cache
def parsed(stem: str) -> Record:
    return parse_path(DATA / expected(stem)["source"])


def test_there_are_pages() -> None:
    assert len(EXPECTED) >= 6 and len(TWINS) >= 2


@pytest.mark.parametrize("stem", cases())
def test_page_exists_and_expectation_is_grounded(stem: str) -> None:
    exp = expected(stem)
    page = DATA / exp["source"]
    assert page.exists(), page
    text = norm(html.unescape(re.sub(r"<[^>]*>", " ", read_path(page).text))) or ""  # the page's words
    for key in ("title",):
        if key in exp:
            assert norm(exp[key]) in text, exp[key]
    for h in exp.get("area_headings", []):
        assert norm(h) in text, h
    for m in exp.get("measures", []):
        assert norm(m["starts"]) in text, m
    for a in exp.get("agreements", []):
        assert norm(a["title"]) in text, a["title"]
    for n in exp.get("noise_starts", []):
        assert norm(n) in text, n


@pytest.mark.parametrize("stem", cases("encoding", every=True))
def test_encoding(stem: str) -> None:
    """The codec the page is decoded with, whatever its name's spelling (windows-1252 is cp1252)."""
    exp = expected(stem)
    assert codecs.lookup(read_path(DATA / exp["source"]).encoding).name == codecs.lookup(exp["encoding"]).name


@pytest.mark.parametrize("stem", cases("reader", every=True))
def test_reader(stem: str) -> None:
    assert parsed(stem).reader == expected(stem)["reader"]


# The record's facts (relevance, title, meeting, people, areas, measures, agreements, flags, noise)
# are checked against these expectations by tests/test_genre.py, which reads them with its own.


# --- the same release as text and as HTML ------------------------------------------------------

GOLD_FIELDS = ("relevant", "document_kind", "title", "mechanism", "partner", "meeting", "people",
               "declared_area_count", "areas", "agreements", "flags")  # fmt: skip


@pytest.mark.parametrize("twin", TWINS, ids=lambda p: p.stem)
def test_text_twin_gives_the_same_record(twin: Path) -> None:
    page = next(p for p in DATA.glob(f"{twin.stem}.htm*"))
    as_text = facts(parse_path(twin).model_dump(mode="json"))
    as_page = facts(parse_path(page).model_dump(mode="json"))
    diff = {k: (as_text.get(k), as_page.get(k)) for k in GOLD_FIELDS if as_text.get(k) != as_page.get(k)}
    assert not diff, "\n".join(f"{k}:\n  text {t!r}\n  html {h!r}" for k, (t, h) in diff.items())
