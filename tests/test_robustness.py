"""Robustness: no input makes parsing raise, or take long.

These are the guard against catastrophic regular-expression backtracking and quadratic loops in
the cleaner and the extractor, whatever they become: arbitrary text, adversarial text (huge
single lines, thousands of separator lines, repeated "Hong Kong/", runs of quotes, nested
brackets), arbitrary markup, and arbitrary bytes for the file reader. All input is generated.

The property tests (hypothesis) find exceptions and exponential backtracking, which show on
small inputs; a quadratic loop only shows at scale, so each kind of adversarial input is also
timed at one megabyte, with a time limit that stops a runaway parse instead of waiting for it.
"""

from __future__ import annotations

import html
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cooptrack.acquire.files import document_from_bytes
from cooptrack.clean.html import html_to_text
from cooptrack.errors import InputError
from cooptrack.pipeline import parse_text

T = TypeVar("T")
MB = 1_000_000
SECONDS_PER_MB = 10.0  # generous for a slow CI machine; a linear parser needs well under 1 s

# Fragments that stress the genre's patterns when repeated: separators, the mechanism's slash,
# quotes, brackets, enumerators, honorifics, footers, dates, dashes, spaces of every kind.
FRAGMENTS = [
    "a",
    "*",
    "****",
    "Hong Kong/",
    "Hong Kong/Hubei ",
    '"',
    "\u201c",
    "\u201d",
    "'",
    "(",
    ")",
    "[(",
    "((((( ",
    "(i) ",
    "1. ",
    "\u2022 ",
    "Mr ",
    "Ms Chan, ",
    "the Secretary for ",
    "co-operation ",
    "Co-operation Conference ",
    "Plenary Session of the ",
    "Ends/",
    "Issued at HKT ",
    "NNNN",
    "(November 29) ",
    "November 29, 2023 ",
    "\u2014",
    "-",
    "=",
    "_",
    " ",
    "\u00a0",
    "\t",
    ",",
    ".",
    ":",
    ";",
    "Annex ",
    "(Chinese only) ",
    "Photo shows ",
    "https://www.info.gov.hk/gia/general/202311/29/",
    "<br>",
    "&nbsp;",
    "\u9999\u6e2f",
]
# Whole lines for repeating as lines (paragraph-, heading-, separator- and footer-shaped).
LINES = [
    "****",
    "*" * 90,
    "\u2014" * 20,
    "Finance and Professional Services",
    "The Chief Secretary for Administration, Mr Chan, and the Governor of Hubei, Mr Li, co-chaired the meeting",
    "Hong Kong and Hubei agreed on the following 8 co-operation areas:",
    "Support enterprises of the two places to co-operate in finance;",
    "(i) Memorandum of Understanding on Co-operation in Youth Exchange; and",
    "Ends/Wednesday, November 29, 2023",
    "Photo shows the plenary.",
    "Audio / Video",
    "\u00a0 \u00a0 \u00a0 Hong Kong/Hubei Co-operation Conference",
]

_text = st.text(max_size=2_000)
_runs = st.builds(lambda piece, count: piece * count, st.sampled_from(FRAGMENTS), st.integers(1, 25_000))
_mixed_runs = st.builds(
    lambda pieces, count: "".join(pieces) * count,
    st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=6),
    st.integers(1, 5_000),
)
_line_runs = st.builds(
    lambda lines, count: "\n".join(lines * count),
    st.lists(st.sampled_from(LINES), min_size=1, max_size=4),
    st.integers(1, 3_000),
)
adversarial_text = st.lists(st.one_of(_text, _runs, _mixed_runs, _line_runs), min_size=1, max_size=4).map(
    lambda parts: "".join(parts)[: 1 * MB]
)

_robust = settings(
    deadline=5_000,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow
@_robust
@given(st.text())
def test_parse_text_never_raises_on_arbitrary_text(text: str) -> None:
    parse_text(text)


@pytest.mark.slow
@_robust
@given(adversarial_text)
def test_parse_text_never_raises_or_stalls_on_adversarial_text(text: str) -> None:
    parse_text(text)


@pytest.fixture(scope="module")
def html_reader_loaded() -> None:
    """The generic HTML reader (trafilatura) is imported on first use, which takes seconds on a
    loaded machine: load it before the examples are timed."""
    parse_text("<html><body><p>An unknown layout.</p></body></html>", html=True)


@pytest.mark.slow
@_robust
@given(adversarial_text)
def test_parse_text_as_html_never_raises_or_stalls(html_reader_loaded: None, text: str) -> None:
    parse_text(text, html=True)


# --------------------------------------------------------------------------------------------
# One megabyte of each kind of adversarial text, timed


def _repeat(piece: str, size: int = MB) -> str:
    return (piece * (size // len(piece) + 1))[:size]


MEGABYTES = [
    pytest.param(_repeat("a"), id="one-letter-line"),
    pytest.param(_repeat("Hong Kong/"), id="hong-kong-slash"),
    pytest.param(_repeat('"'), id="straight-quotes"),
    pytest.param(_repeat("\u201c\u201d"), id="curly-quotes"),
    pytest.param(_repeat("("), id="open-brackets"),
    pytest.param(_repeat("[({"), id="nested-brackets"),
    pytest.param(_repeat("Mr Chan, the Secretary for "), id="honorific-chain"),
    pytest.param(_repeat("(i) 1. \u2022 "), id="enumerators"),
    pytest.param(_repeat("Ends/" + " " * 30), id="footer-prefix"),
    pytest.param(_repeat(" \u00a0\t"), id="spaces"),
    pytest.param(_repeat("\u9999\u6e2f\u6e56\u5317"), id="chinese"),
    pytest.param(_repeat("*" * 90 + "\n"), id="star-separator-lines"),
    pytest.param(_repeat("****\n"), id="short-star-lines"),
    pytest.param(_repeat(LINES[5] + "\n"), id="repeated-paragraph-lines"),
    pytest.param(_repeat("and the two places will co-operate\n"), id="lower-case-continuations"),
    pytest.param(_repeat(LINES[4] + "\n\n"), id="repeated-paragraphs"),
    pytest.param(_repeat("<div>"), id="nested-divs-html"),
    pytest.param(_repeat("<p>Hong Kong/Hubei &amp; <b>"), id="unclosed-tags-html"),
]


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Fail once ``seconds`` have passed, rather than wait for a runaway parse to finish."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _assert_fast(work: Callable[[], object], size: int) -> None:
    _time_bounded(work, size)


def _time_bounded(work: Callable[[], T], size: int) -> T:
    limit = SECONDS_PER_MB * max(size, MB) / MB
    start = time.perf_counter()
    with _time_limit(limit + 1):
        result = work()
    elapsed = time.perf_counter() - start
    assert elapsed < limit, f"{elapsed:.1f} s for {size / MB:.1f} MB"
    return result


@pytest.mark.slow
@pytest.mark.parametrize("text", MEGABYTES)
def test_a_megabyte_of_adversarial_text_parses_in_bounded_time(text: str) -> None:
    _assert_fast(lambda: parse_text(text), len(text))


# --------------------------------------------------------------------------------------------
# HTML

_TAGS = [
    "div",
    "p",
    "span",
    "b",
    "strong",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "table",
    "tr",
    "td",
    "article",
    "main",
    "nav",
    "header",
    "footer",
    "aside",
    "section",
    "pre",
    "blockquote",
    "form",
]
_ATTRIBUTES = st.sampled_from(
    ["", ' id="pressrelease"', ' id="PRHeadline"', ' class="related-links"', " hidden", ' id="content"', " role=main"]
)
_words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_markup = st.recursive(
    _words.map(html.escape),
    lambda children: st.builds(
        lambda tag, attrs, kids: f"<{tag}{attrs}>{''.join(kids)}</{tag}>",
        st.sampled_from(_TAGS),
        _ATTRIBUTES,
        st.lists(children, max_size=5),
    ),
    max_leaves=60,
)
_TOKENS = ["<div>", "</div>", "<p>", "</p>", "<br>", "<li>", "<table>", "<td>", "<b>", "</i>", "<a href=x>", "<h1>"]
_TOKENS += ["<!--", "-->", "<![CDATA[", "]]>", "<", "</", ">", '"', "'", "=", "&", "&amp;", "&nbsp;", "&#0;"]
_TOKENS += [
    "&#x110000;",
    "&#99999999;",
    "&bogus;",
    "<!DOCTYPE html>",
    "<html>",
    "<body>",
    "</body>",
    "<span id=pressrelease>",
]
_soup = st.lists(st.one_of(st.sampled_from(_TOKENS), _words), max_size=300).map("".join)


def _check_shape(text: str) -> None:
    lines = text.split("\n")
    assert "\r" not in text
    assert all(line == line.rstrip() for line in lines)
    assert "\n\n\n" not in text
    assert text == text.strip("\n")


# Pages of no known layout (no release span, article, main or #content) and big enough for the
# reader's trafilatura fallback: divs with meaningless class names holding prose, link lists and soup.
_sentence = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(st.sampled_from([*FRAGMENTS, "the", "two", "sides", "agreed", "Hong Kong", "Hubei"]), min_size=8),
    st.sampled_from([".", ";", ":", "", "”"]),
)
_block = st.one_of(
    _sentence.map(lambda text: f"<p>{html.escape(text)}</p>"),
    st.lists(_words.map(html.escape), max_size=8).map(lambda links: "".join(f"<a href=/x>{t}</a>" for t in links)),
    _soup,
)
_unknown_layout = st.builds(
    lambda blocks, names: (
        "<html><body>"
        + "".join(f"<div class={name}>{block}</div>" for block, name in zip(blocks, names, strict=False))
        + "</body></html>"
    ),
    st.lists(_block, min_size=5, max_size=40),
    st.lists(st.sampled_from(["x1", "col-b", "wrap", "q", "box"]), min_size=40, max_size=40),
)
_PATHS = ("gia", "generic", "trafilatura")


@_robust
@given(st.one_of(st.text(), _markup, _soup, _unknown_layout))
def test_html_to_text_never_raises_and_gives_clean_lines(markup: str) -> None:
    result = html_to_text(markup)
    assert result.path in _PATHS
    assert result.title is None or (result.title and "\n" not in result.title and result.title == result.title.strip())
    _check_shape(result.text)


@_robust
@given(st.lists(_markup, min_size=1, max_size=4))
def test_script_contents_never_reach_the_text(parts: list[str]) -> None:
    # Well-formed markup only: after a stray "</" a browser reads "<script>" as a comment.
    markup = "<script>SCRIPT-MARKER()</script>".join(parts) + "<style>STYLE-MARKER{}</style>"
    result = html_to_text(markup)
    assert "SCRIPT-MARKER" not in result.text
    assert "STYLE-MARKER" not in result.text


_plain = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \t\n\r\f"), max_size=300)


@_robust
@given(_plain)
def test_escaped_text_comes_out_word_for_word(text: str) -> None:
    result = html_to_text(f"<p>{html.escape(text)}</p>")
    assert result.text.split() == text.split()


@pytest.mark.slow
@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("<div>" * 200_000, id="nested-divs"),
        pytest.param("<span>" * 100_000 + "<div>" * 100_000, id="spans-then-divs"),
        pytest.param("<table><tr><td>" * 60_000, id="nested-tables"),
        pytest.param("<ul><li>" * 120_000, id="nested-lists"),
        pytest.param("<a" * 500_000, id="unterminated-tags"),
        pytest.param("<!--" + "-" * MB, id="open-comment"),
        pytest.param("<p>x" * 250_000, id="many-paragraphs"),
        pytest.param('<span id="pressrelease">' + "x<br>" * 200_000, id="long-release-body"),
    ],
)
def test_a_megabyte_of_adversarial_markup_converts_in_bounded_time(markup: str) -> None:
    _assert_fast(lambda: html_to_text(markup), len(markup))


_FALLBACK_SENTENCE = "The two sides agreed to take forward co-operation in trade, finance and youth exchanges today."


@pytest.mark.slow
def test_a_page_at_the_fallbacks_limits_converts_in_bounded_time() -> None:
    # No known layout, as much text and as many elements as the trafilatura fallback accepts.
    unit = f"<div class=q><p>{_FALLBACK_SENTENCE}</p><i></i></div>"
    markup = "<html><body>" + "<a href=/x>menu</a>" * 50 + unit * 1_900 + "</body></html>"
    _assert_fast(lambda: html_to_text(markup), len(markup))


@pytest.mark.slow
@settings(deadline=None, max_examples=10, suppress_health_check=list(HealthCheck))
@given(st.one_of(_markup, _soup, _unknown_layout).filter(lambda page: len(page) >= 20))
def test_a_fuzzed_page_repeated_to_a_megabyte_converts_in_bounded_time(page: str) -> None:
    # Linear time: whatever the page, a megabyte of it converts within the per-megabyte bound.
    markup = _repeat(page)
    result = _time_bounded(lambda: html_to_text(markup), len(markup))
    assert result.path in _PATHS


# --------------------------------------------------------------------------------------------
# Bytes


@_robust
@given(
    st.one_of(
        st.binary(max_size=4_000),
        st.builds(
            bytes.__add__,
            st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-", b"<meta charset=big5>"]),
            st.binary(max_size=2_000),
        ),
        st.text(max_size=2_000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )
)
def test_any_bytes_give_a_document_or_one_line_naming_the_file(data: bytes) -> None:
    try:
        doc = document_from_bytes(data, source="input.bin", uri="/tmp/input.bin")
    except InputError as exc:
        message = str(exc)
        assert message.startswith("input.bin: ")
        assert len(message.splitlines()) == 1
    else:
        assert doc.text.strip()
        assert doc.media_type in ("text/html", "text/plain")
