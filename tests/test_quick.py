"""cooptrack.quick: a pattern with the lookahead for its first characters finds exactly what the
pattern finds (same spans, same groups, same order), on every pattern of the extractor and the
cleaner and on the lines of the test documents (synthetic, written here), and on cases made to
catch a wrong first character: case folding beyond ASCII, anchors, lookbehinds, empty matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cooptrack.clean
import cooptrack.extract  # quickens the extractor's patterns
from cooptrack.quick import ORIGINALS, quick

DATA = Path(__file__).parent / "data"


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted((DATA / "synthetic").glob("*.txt"))[::8]:  # an eighth of them: the suite stays fast
        text = path.read_text(encoding="utf-8")
        out.append(text)
        out.extend(line for line in text.splitlines() if line.strip())
    return out


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_patterns_are_quickened() -> None:
    assert cooptrack.clean.clean is not None
    assert len(ORIGINALS) > 200  # most patterns of the extractor and the cleaner


def test_every_quick_pattern_finds_what_its_original_finds() -> None:
    texts = _texts()
    assert len(texts) > 300
    differ = [
        (original.pattern[:60], text[:60])
        for quicker, original in ORIGINALS.items()
        for text in texts
        if _found(quicker, text) != _found(original, text)
    ]
    assert differ == []


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"(?i)\bsecond\s+plenary", ["the ſecond plenary", "SECOND PLENARY", "xsecond plenary"]),
        (r"(?i)kelvin|joint", ["\u212aelvin", "JOINT", "kElViN"]),
        (r"(?i)istanbul", ["\u0130stanbul", "\u0131stanbul", "ISTANBUL"]),
        (r"(?:^|(?<=\.))\s*signed", ["signed", "x. signed", "a signed", ".signed"]),
        (r"(?m:^)plenary", ["a\nplenary", "plenary", "a plenary"]),
        (r"^plenary", ["a\nplenary", "plenary"]),
        (r"a*(?:^|b)c", ["c", "bc", "aac", "xbc", "xc"]),
        (r"(?:x?)", ["", "x", "yx"]),
        (r"\d{1,3}(?:st|nd)|(?i:first)", ["21st", "\u0661\u0662nd", "FIRST", "x"]),
        (r"(?=a)a|b", ["ab", "ba"]),
        (r"[^.]*x", ["ab.x", "x"]),
    ],
)
def test_made_cases(pattern: str, texts: list[str]) -> None:
    original = re.compile(pattern)
    quicker = quick(original)
    for text in texts:
        assert _found(quicker, text) == _found(original, text), (pattern, text)
        for pos in range(len(text) + 1):
            a, b = quicker.search(text, pos), original.search(text, pos)
            assert (a and a.span()) == (b and b.span())


def test_what_is_left_as_it_is() -> None:
    for pattern in (r"x?", r"[^.]*x", r"Hong Kong", r"\w+ing"):  # empty, any character, found by re, \w
        compiled = re.compile(pattern)
        assert quick(compiled) is compiled
    assert quick(re.compile(r"(?i)\bplenary")).pattern.startswith("(?=")
