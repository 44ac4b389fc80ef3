"""Every pattern of the genre (../shared/genre/patterns.md) is exercised by synthetic documents.

Each entry of patterns.md not marked ⚑ must be named (``[ID]``) in the ``exercises`` of at least
two expectations under tests/data (two wordings, written here), except the entries about reading
the archive, which are exercised by test modules that name them (tests of code, not documents).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PATTERNS = SHARED / "genre" / "patterns.md"
DATA = Path(__file__).parent / "data"
TESTS = Path(__file__).parent

# Entries about acquiring pages rather than reading one: tested in code (test_crawl, test_pick).
_TESTED_IN_CODE = frozenset({"ACQ-INDEX", "ACQ-PICK"})


def _entries() -> list[tuple[str, bool]]:
    """(id, settled) for every numbered entry of patterns.md."""
    text = PATTERNS.read_text(encoding="utf-8")
    return [
        (m["id"], "⚑" not in m["line"]) for m in re.finditer(r"(?m)^### \d+\. \[(?P<id>[A-Z-]+)\](?P<line>.*)$", text)
    ]


def _exercised() -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in DATA.glob("*/expected/*.json"):
        exercises = json.loads(path.read_text(encoding="utf-8")).get("exercises", "")
        for tag in set(re.findall(r"\[([A-Z][A-Z-]+)\]", exercises)):
            counts[tag] = counts.get(tag, 0) + 1
    return counts


def _named_in_tests(tag: str) -> bool:
    return any(
        f"[{tag}]" in p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py") if p.name != Path(__file__).name
    )


pytestmark = pytest.mark.skipif(not PATTERNS.exists(), reason="../shared/genre/patterns.md is not beside the clone")


def test_patterns_md_lists_the_entries_it_promises() -> None:
    entries = _entries()
    assert len(entries) == 48, [e for e, _ in entries]
    assert sum(1 for _, settled in entries if not settled) >= 1


@pytest.mark.parametrize("tag", [e for e, settled in _entries() if settled] if PATTERNS.exists() else [])
def test_every_settled_pattern_has_documents_or_tests(tag: str) -> None:
    if tag in _TESTED_IN_CODE:
        assert _named_in_tests(tag), f"no test module names [{tag}]"
        return
    count = _exercised().get(tag, 0)
    assert count >= 2, f"[{tag}] is exercised by {count} synthetic document(s); at least two wordings are needed"
