"""cooptrack.quick: a pattern with the lookahead for its first characters (and its alternations of
words as trees) finds exactly what the pattern finds (same spans, same groups, same order), on
every pattern of the extractor and the cleaner and on the lines of the test documents (synthetic,
written here), and on cases made to catch a wrong first character or a wrong tree: case folding
beyond ASCII, anchors, lookbehinds, empty matches, words that begin others; and what it tells
``re`` of the cases of a character, against every character there is."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
import string
import subprocess
import sys
from pathlib import Path
from re import _casefix, _parser  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]

import pytest

from cooptrack import mechanisms, pipeline
from cooptrack.extract import patterns as P
from cooptrack.quick import _CASES, ORIGINALS, _Trees, quick

DATA = Path(__file__).parent / "data"
pipeline.prepare()  # quickens the patterns of the extractor and the cleaner, as a parse does first


_DOCUMENTS = 128  # of the synthetic test documents, spread over them: the suite stays fast as they grow


def _texts(sentences: bool = False) -> list[str]:
    """Some synthetic test documents, whole and line by line (and sentence by sentence), each text once."""
    paths = sorted((DATA / "synthetic").glob("*.txt"))
    out: dict[str, None] = {}
    for path in (paths[i * len(paths) // _DOCUMENTS] for i in range(min(_DOCUMENTS, len(paths)))):
        text = path.read_text(encoding="utf-8")
        out[text] = None
        for line in text.splitlines():
            if line.strip():
                out[line] = None
                if sentences:
                    out.update(dict.fromkeys(s for s in re.split(r"(?<=\.)\s+", line) if s))
    return list(out)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_patterns_are_quickened() -> None:
    assert len(ORIGINALS) > 200  # most patterns of the extractor and the cleaner


def test_the_patterns_are_quickened_by_the_first_parse_not_by_importing() -> None:
    """Importing the CLI and the web application quickens nothing (the server does not pay for
    it, nor does a command that parses nothing); the first parse does, once."""
    script = (
        "import re\n"
        "import cooptrack.cli, cooptrack.serve.app\n"
        "from cooptrack import pipeline\n"
        "from cooptrack.extract import patterns\n"
        "from cooptrack.quick import ORIGINALS\n"
        "def quick(): return sum(v in ORIGINALS for v in vars(patterns).values() if isinstance(v, re.Pattern))\n"
        "imported, made = quick(), len(ORIGINALS)\n"
        "pipeline.parse_text('The two sides agreed on co-operation in trade.')\n"
        "parsed, made_then = quick(), len(ORIGINALS)\n"
        "pipeline.parse_text('The two sides agreed on co-operation in trade.')\n"
        "pipeline.prepare()\n"
        "print(imported, parsed, made < 10, made_then == len(ORIGINALS))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    quick_here = sum(v in ORIGINALS for v in vars(P).values() if isinstance(v, re.Pattern))
    assert quick_here > 50
    # none quick after the imports (the few quick patterns made are the screens'), all after a
    # parse, and none made again by the next parse or another prepare
    assert done.stdout.split() == ["0", str(quick_here), "True", "True"]


def test_the_web_application_does_not_import_the_parser() -> None:
    script = (
        "import sys, cooptrack.serve.app\n"
        "print(sorted(m for m in sys.modules if m.startswith(('cooptrack.extract', 'cooptrack.clean'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_mechanisms_patterns_built_when_first_asked_are_quick_and_find_the_same() -> None:
    built = [mechanisms._pair_re(), mechanisms._pair_re(False), mechanisms._zh_pair_re()]
    built += [pattern for pattern, _ in mechanisms._named()]
    assert all(pattern in ORIGINALS for pattern in built)
    texts = _texts()
    # without "between", the pairs' pattern for such a text finds what the whole one does
    without = [text for text in texts if "between" not in text]
    pairs = [_found(mechanisms._pair_re(), text) for text in without]
    assert sum(map(len, pairs)) > 20
    assert [_found(mechanisms._pair_re(False), text) for text in without] == pairs
    differ = [
        (pattern.pattern[:60], text[:60])
        for pattern in built
        for text in texts
        if _found(pattern, text) != _found(ORIGINALS[pattern], text)
    ]
    assert differ == []


def test_the_mechanisms_table_reads_the_gazetteer_without_the_extractor() -> None:
    """A server's first list of mechanisms reads the places of the gazetteer, not the extractor."""
    script = (
        "import sys\n"
        "from cooptrack import mechanisms\n"
        "assert mechanisms.by_name('Hong Kong/Guangdong Co-operation Joint Conference') is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('cooptrack.extract')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['cooptrack.extract', 'cooptrack.extract.gazetteer']"


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
        (r"(?i)\u00e9t\u00e9|\bplenary", ["\u00c9T\u00c9", "x \u00e9t\u00e9", "PLENARY"]),  # cased beyond ASCII
        (r"(?i)[a-z]+ing\b", ["\u0130NG", "\u0131ng", "\u017fing", "\u212aing", "SING", "1ing"]),
        (r"(?i)[\u3400-\u9fff]+|kw", ["\u4e00\u4e8c", "KW", "\u212aw", "x\u4e00"]),  # uncased beyond ASCII
        (
            "\\d+ \\s+ (?i: per \\s+ cent )  # a comment\n | (?i: some ) # another",
            ["5 PER CENT", "Some", "x5 per cent"],
        ),
        (r"^(?:photos?|video)$|^by\s", ["photo", "a photo", "by x", "photos"]),
        # alternations of words, written as trees: longer words first, a run among other alternatives,
        # a shorter word first (left as it is), the same word twice, cases beyond ASCII
        (
            r"(?i)\b(?:seventeenth|seventh|second|sixth)\s+plenary",
            ["Seventh Plenary", "SEVENTEENTH plenary", "sixteenth plenary"],
        ),
        (
            r"(?:seventeen|seven|six)teen\b|(?:seven|seventeen|six)th",
            ["seventeen", "seventeenteen", "seventeenth", "sixth"],
        ),
        (r"x\d|alpha|alps|alp|beta|y+|alpine", ["alps", "alp", "alpha", "x1", "yy", "alpine", "alpinist"]),
        (r"(?:abc|ab|ab)c?d", ["abcd", "abd", "abccd", "ab"]),
        (r"(?i)(?:kilo|kelvin|ski)s", ["\u212aILOS", "\u017fkis", "SKIS", "kelvins"]),
        (r"(?=(abc|abd|xyz))", ["abcabd", "xyz", "ab"]),  # empty matches, after a lookahead
        (r"(?=(abc|abd|xyz)).", ["abcabd", "xyzabc", "ab"]),
        # lookbehinds before a word boundary: the boundary asked first, and once for every alternative
        (
            r"(?i)(?<!\bbe\s)(?<!-)\bheld\b|\b(?:was|were)\s+held|\bheld(?=\s+by)",
            ["was held", "it will be held", "pre-held", "HELD", "upheld", "Held by x", "x-held by"],
        ),
        (r"(?<=(a))(?<!b)\bc|\bd", ["a c", "ac", "c", "bc", "d", "xd"]),  # a group set in a lookbehind
    ],
)
def test_made_cases(pattern: str, texts: list[str]) -> None:
    original = re.compile(pattern, re.VERBOSE if "# a comment" in pattern else 0)
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


def test_patterns_held_in_tables_are_quickened() -> None:
    from cooptrack.extract import themes

    assert all(pattern in ORIGINALS for _, pattern, _ in themes._CUE_LIST)
    assert all(pattern in ORIGINALS for cues in themes._COMPILED.values() for pattern, *_ in cues)


def test_a_verbose_pattern_is_quickened() -> None:
    from cooptrack.extract import quantities

    assert ORIGINALS[quantities.QUANTITY].flags & re.VERBOSE


# What quick tells re about case: every character an ASCII letter matches when case is ignored is
# its other case or one of _CASES's four beyond ASCII, and a character without case matches only
# itself (read from every character there is).
_EVERY = "".join(map(chr, range(sys.maxunicode + 1)))


def test_an_ascii_letter_ignoring_case_matches_its_cases_and_no_other_character() -> None:
    for letter in string.ascii_letters:
        assert sorted(re.findall(f"(?i){letter}", _EVERY)) == sorted([letter, *map(chr, _CASES[letter])]), letter


def test_a_character_without_case_matches_only_itself_ignoring_case() -> None:
    lowered = [c for c in range(sys.maxunicode + 1) if _sre.unicode_tolower(c) != c]
    assert lowered and all(_sre.unicode_iscased(_sre.unicode_tolower(c)) for c in lowered)
    assert all(_sre.unicode_iscased(c) for c in _casefix._EXTRA_CASES)  # re's own additions: all cased


@pytest.mark.parametrize(
    ("pattern", "trees"),
    [
        (r"(?i)(?:seventeenth|seventh|second|sixth)", 1),
        (r"x|(?:seventeenth|seventh|second)|y|alpha|alps|alp", 2),
        (r"(?:seven|seventeen|six)teen", 0),  # a word before one it begins: left as it is
        (r"(?:ab|cd)", 0),  # two words: left as they are
    ],
)
def test_which_alternations_become_trees(pattern: str, trees: int) -> None:
    parsed = _parser.parse(pattern)
    made = _Trees(parsed.state)
    made.items(list(parsed), parsed.state.flags)
    assert made.made == trees


def test_a_word_boundary_is_asked_before_the_lookbehinds_beside_it() -> None:
    parsed = _parser.parse(r"(?<!a\s)(?<!-)\bx|\by")
    made = _Trees(parsed.state)
    items = made.items(list(parsed), parsed.state.flags)
    assert made.boundaries_first == 2  # put first in the first alternative, then asked before both
    assert items[0] == (C.AT, C.AT_BOUNDARY)
    assert [op for op, _ in items[1:]] == [C.BRANCH]
