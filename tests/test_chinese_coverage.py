"""Every entry of the Chinese genre (../shared/genre/chinese.md) is exercised by synthetic documents.

Each entry not marked ⚑ must own at least two wordings: documents whose ``exercises`` opens with
the entry's tag (``[ZH-DATE] …``; a section naming two entries, ``[ZH-KIND] [ZH-ORD]``, may open
with both), each wording written in both scripts (``zh_<entry>_<partner>_<year>[_<what>]_trad`` and
``…_simp``, the same document in Traditional and in Simplified characters).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CHINESE = SHARED / "genre" / "chinese.md"
EXPECTED = Path(__file__).parent / "data" / "synthetic" / "expected"
_LEADING_TAGS = re.compile(r"^(?:\s*\[(ZH-[A-Z]+)\])+")


def _entries() -> list[tuple[str, bool]]:
    """(id, settled) for every entry of chinese.md: its numbered sections and its bold sub-entries."""
    text = CHINESE.read_text(encoding="utf-8")
    out: list[tuple[str, bool]] = []
    for m in re.finditer(r"(?m)^(?:## \d+\.|\*\*)(?P<line>\s*\[ZH-.*)$", text):
        line = m["line"]
        head = line.split("]")[-1] if "]" in line else line
        for tag in re.findall(r"\[(ZH-[A-Z]+)\]", line.split(" Impact")[0]):
            out.append((tag, "⚑" not in head))
    return out


def _owned() -> dict[str, dict[str, set[str]]]:
    """Entry → wording (the file's stem without its script) → the scripts it is written in."""
    out: dict[str, dict[str, set[str]]] = {}
    for path in EXPECTED.glob("zh_*.json"):
        exercises = json.loads(path.read_text(encoding="utf-8")).get("exercises", "")
        lead = _LEADING_TAGS.match(exercises)
        wording, _, script = path.stem.rpartition("_")
        if lead is None or script not in ("trad", "simp"):
            continue
        for tag in re.findall(r"ZH-[A-Z]+", lead.group(0)):
            out.setdefault(tag, {}).setdefault(wording, set()).add(script)
    return out


pytestmark = pytest.mark.skipif(not CHINESE.exists(), reason="../shared/genre/chinese.md is not beside the clone")


def test_chinese_md_lists_its_entries() -> None:
    tags = [t for t, _ in _entries()]
    assert {"ZH-DETECT", "ZH-MECH", "ZH-PRESIDE", "ZH-KIND", "ZH-ORD", "ZH-COUNT", "ZH-AREAS", "ZH-CANTO"} <= set(tags)
    assert len(tags) == len(set(tags)) >= 19


def test_every_chinese_document_opens_with_its_entry() -> None:
    """A Chinese document's name starts with the entry its ``exercises`` opens with."""
    known = {t for t, _ in _entries()}
    wrong = []
    for path in EXPECTED.glob("zh_*.json"):
        exercises = json.loads(path.read_text(encoding="utf-8")).get("exercises", "")
        lead = _LEADING_TAGS.match(exercises)
        tags = re.findall(r"ZH-[A-Z]+", lead.group(0)) if lead else []
        named = "ZH-" + path.stem.split("_")[1].upper()
        if not tags or named not in tags or not set(tags) <= known:
            wrong.append(f"{path.name}: opens with {tags or 'no tag'}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("tag", [t for t, settled in _entries() if settled] if CHINESE.exists() else [])
def test_every_settled_chinese_entry_has_two_wordings_in_both_scripts(tag: str) -> None:
    wordings = _owned().get(tag, {})
    both = sorted(w for w, scripts in wordings.items() if scripts == {"trad", "simp"})
    half = sorted(f"{w} ({', '.join(s)} only)" for w, s in wordings.items() if s != {"trad", "simp"})
    assert len(both) >= 2, f"[{tag}] owns {len(both)} wording(s) in both scripts: {both}; in one script: {half}"
