"""Theme cue scores: skipping the cues a text cannot match never changes a score.

The texts are the real releases' paragraphs (read from ``../shared/corpus``) and sentences
hypothesis assembles from the cues' own words, written here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cooptrack.extract import themes
from cooptrack.quick import ORIGINALS
from cooptrack.vocab import Theme


def _every_cue(text: str) -> dict[Theme, float]:
    """The scores with every cue's pattern run, as if no cue were skipped."""
    scores: defaultdict[Theme, float] = defaultdict(float)
    for theme, cues in themes._COMPILED.items():
        for pattern, weight, _ in cues:
            n = len(pattern.findall(text))
            if n:
                scores[theme] += weight * n
    return dict(scores)


_WORDS = sorted({w for cues in themes.CUES.values() for p, _ in cues for w in re.findall(r"[A-Za-z&'-]+", p)})


def test_the_real_releases_score_the_same_with_cues_skipped(corpus: Path) -> None:
    paragraphs = [p for f in sorted(corpus.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p]
    assert len(paragraphs) > 100
    for paragraph in paragraphs:
        assert dict(themes.cue_scores(paragraph)) == _every_cue(paragraph), paragraph


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, "the", "of", ",", "HONG", "Kong", "s"]), max_size=25), st.booleans())
def test_sentences_of_cue_words_score_the_same_with_cues_skipped(words: list[str], upper: bool) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    assert dict(themes.cue_scores(text)) == _every_cue(text)


def test_a_cue_that_starts_with_a_group_is_always_tried() -> None:
    assert themes._anchors("(?:living|live) in the mainland") is None
    assert themes._anchors("houses?|housing") == ("house", "housing")
    assert themes._anchors("research|r&d") == ("research", "r&d")


def test_every_anchor_starts_a_word_as_its_cue_does() -> None:
    """A text in ASCII is read for the grams that start its words only: that holds while every cue
    opens with a word boundary and every anchor with a letter or digit."""
    patterns = [ORIGINALS.get(p, p) for cues in themes._COMPILED.values() for p, _, _ in cues]
    assert all(p.pattern.startswith("(?i)\\b") for p in patterns)
    assert all(re.match(r"\w", anchor) for anchor in themes._CUES_OF)


def test_words_inside_words_score_the_same() -> None:
    for text in ["Support important ports and R&D", "an opportunity to report on research", "passport, sports"]:
        assert dict(themes.cue_scores(text)) == _every_cue(text), text
