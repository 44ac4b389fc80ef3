"""cooptrack.screen: a pattern's screen is True for every text the pattern matches (on every pattern
of the extractor and the cleaner, on the lines and sentences of the test documents, synthetic,
written here, and on cases made to catch a wrong piece: case folding beyond ASCII, anchors,
lookarounds, alternatives without a piece), and False for texts without its pieces."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import cooptrack.clean
import cooptrack.extract
from cooptrack import dates, mechanisms
from cooptrack.clean import noise, tables
from cooptrack.extract import patterns as P
from cooptrack.extract import people, sections
from cooptrack.quick import ORIGINALS
from cooptrack.screen import screen
from test_quick import _texts


def _patterns() -> list[re.Pattern[str]]:
    modules = [dates, mechanisms]
    for package in (cooptrack.extract, cooptrack.clean):
        prefix = f"{package.__name__}."
        modules += [importlib.import_module(m.name) for m in pkgutil.walk_packages(package.__path__, prefix)]
    found = {id(v): v for m in modules for v in vars(m).values() if isinstance(v, re.Pattern)}
    return [ORIGINALS.get(p, p) for p in found.values() if isinstance(p.pattern, str)]


def test_a_screen_passes_every_text_its_pattern_matches() -> None:
    texts = _texts(sentences=True)
    patterns = _patterns()
    assert len(texts) > 1000 and len(patterns) > 300
    missed = [
        (p.pattern[:60], text[:60])
        for p in patterns
        for may_match in [screen(p)]
        for text in texts
        if p.search(text) and not may_match(text)
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("pattern", "matched", "unmatched"),
    [
        (r"(?i)\bsigned\b|witnessed", ["\u017figned", "SIGNED", "Witnessed"], ["the two sides agreed"]),
        (r"(?i)^by\s+[A-Z]|@", ["By Ann", "by ann", "\u0130s by x@y"], ["a line written by Ann"]),
        (r"(?i)^istanbul", ["\u0130stanbul", "\u0131stanbul", "ISTANBUL"], ["in Istanbul"]),
        (r"(?m)^plenary", ["a\nplenary", "plenary"], ["a plenum"]),
        (r"(?<=@)x|(?=abc)a", ["@x", "abc"], ["x", "ab"]),
        (r"(?!foo)bar|baz", ["bar", "foobar", "baz"], ["ba"]),
        (r"(?i)k\w+s", ["\u212aelvins", "kits"], ["cats"]),
        (r"\d+\s*(?:per\s+cent|%)", ["5 per cent", "5%"], ["five"]),
        # re writes an alternation of words with a common start as the start, then the rest of each
        (r"(?i)\b(?:w3c|wcag|wai-a)\b", ["W3C", "wcag 2.1", "WAI-A"], ["a week of work", "wai"]),
        (r"(?i)s(?:ign|eal)ed", ["\u017figned", "SEALED"], ["the seas", "a seed"]),
    ],
)
def test_made_cases(pattern: str, matched: list[str], unmatched: list[str]) -> None:
    compiled = re.compile(pattern)
    may_match = screen(compiled)
    for text in matched:
        assert compiled.search(text), text
        assert may_match(text), text
    for text in unmatched:
        assert not compiled.search(text), text
        assert not may_match(text), text


def test_what_holds_no_piece_is_not_screened() -> None:
    for pattern in (r"[a-z]+", r"x?", r"\w+|plenary", r"(?i)\u00e9\u00e8"):
        may_match = screen(re.compile(pattern))
        assert may_match("") and may_match("anything")


@pytest.mark.parametrize(
    "pattern",
    [
        P.CLOSING_PARAGRAPH,
        P.CHAIR_PREDICATE,
        noise.BYLINE,
        noise.META_LINE,
        noise.FIELDS_LINE,
        noise.PHOTO_CAPTION,
        people._OFFICE_LOWER_POST_NAME,
        people._PLURAL_POST_NAMES,
        tables._DOCUMENT_CELL,
    ],
    ids=lambda p: p.pattern[:30],
)
def test_the_screens_in_use_pass_over_prose(pattern: re.Pattern[str]) -> None:
    prose = "The two sides agreed to deepen co-operation in trade, finance and innovation and technology."
    assert not screen(ORIGINALS.get(pattern, pattern))(prose)


def test_a_count_of_areas_holds_one_of_the_words_sections_screens_it_by() -> None:
    """A paragraph is read for a count of areas only when it holds "area", "field" or "location" in
    any case (sections.COUNT_WORDS): every text the count's pattern matches holds one."""
    made = ["the following eight Co-operation AREAS", "6 F\u0130ELDS", "ten fields", "11 co-operation locations"]
    matched = [t for t in _texts(sentences=True) + made if P.DECLARED_AREAS.search(t)]
    assert len(matched) > 50
    assert [t[:60] for t in matched if not sections.COUNT_WORDS.search(t)] == []
