"""Parsing cost per megabyte on pathological inputs, next to normal pages, against trafilatura.

Each input is made at growing sizes (100 kB to 800 kB by default): when parsing is linear in the
input, the seconds per megabyte stay flat from one size to the next; a quadratic path doubles
them at each step. Every input is handed to each contender in turn, in one process run:

``cooptrack``    ``pipeline.parse_text(text, html=...)``: clean + extract, the whole record
``trafilatura``  ``trafilatura.extract(page)``: its main-text extraction with default options, on
                 the same HTML, or on the text as a page of paragraphs (one ``<p>`` a line)

The inputs (SYNTHETIC: written here), each but the first two after a short release head (a
headline and a lead naming a meeting of a mechanism) so that the whole extraction runs on them:

- one co-chair sentence of a release, repeated (text);
- the input that once stalled the suite: a co-chair line and a mechanism line, repeated as
  lines (``tests/test_robustness.py``'s ``LINES[4]`` and ``LINES[11]``), read as HTML;
- one line of abbreviations ("Mr. Dr. No. e.g. i.e. etc. ..."), and one line of plain words;
- one line of "the eight areas" (the cue words of the areas' lead-in, never followed by "following");
- one line naming people by post and name, and sentences each naming two new people who sign;
- many short lines (headings, list items), and a release nested in thousands of ``<div>``;
- normal pages: the five releases of ``../shared/corpus`` and 200 generated pages
  (``corpus.py``), parsed as many times as it takes to reach each size.

The figure is CPU seconds per megabyte (``time.process_time``): the machine is shared, and a
busy neighbour changes wall-clock time but not the work done. A parse still running after
``--cap`` seconds of CPU is stopped and shown as ">cap"; the growth column is the seconds per
megabyte at the largest size over those at the smallest (1.0 for a linear parser).

    .venv/bin/python benchmarks/pathological.py --write
"""

from __future__ import annotations

import argparse
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape as html_escape

import common
import corpus
import trafilatura

from cooptrack.pipeline import parse_text

KB = 1_000
MB = 1_000_000
CORPUS = common.ROOT.parent / "shared" / "corpus"

HEAD = (
    "24th Plenary of Hong Kong/Guangdong Co-operation Joint Conference held in Guangzhou\n\n"
    "The 24th Plenary of the Hong Kong/Guangdong Co-operation Joint Conference was held in Guangzhou "
    "today (June 3).\n\n"
)
CO_CHAIR_SENTENCE = (
    "The Chief Executive, Mr John Lee, and the Governor of Guangdong Province, Mr Wang Weizhong, co-chaired "
    "the 24th Plenary of the Hong Kong/Guangdong Co-operation Joint Conference. "
)
CO_CHAIR_LINE = (
    "The Chief Secretary for Administration, Mr Chan, and the Governor of Hubei, Mr Li, co-chaired the meeting"
)
MECHANISM_LINE = "\u00a0 \u00a0 \u00a0 Hong Kong/Hubei Co-operation Conference"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _given_name(k: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return f"K{letters[k % 26]}{letters[k // 26 % 26]}-{letters[k // 676 % 26]}ing"


def _signers(size: int) -> str:
    out, k, total = [], 0, 0
    while total < size:
        sentence = f"Mr Chan {_given_name(k)} and Ms Wong {_given_name(k + 7)} signed the agreement. "
        out.append(sentence)
        total += len(sentence)
        k += 1
    return "".join(out)[:size]


def _deep_html(size: int) -> str:
    depth = max(0, (size - len(HEAD)) // 11)
    return "<html><body>" + "<div>" * depth + f"<p>{HEAD}</p>" + "</div>" * depth + "</body></html>"


@dataclass(frozen=True)
class Input:
    name: str
    html: bool
    make: Callable[[int], str]  # size in characters -> the input


INPUTS = [
    Input("one co-chair sentence, repeated", False, lambda n: _repeat(CO_CHAIR_SENTENCE, n)),
    Input(
        "co-chair line + mechanism line, as HTML", True, lambda n: _repeat(f"{CO_CHAIR_LINE}\n{MECHANISM_LINE}\n", n)
    ),
    Input("one line of abbreviations", False, lambda n: HEAD + _repeat("Mr. Dr. No. e.g. i.e. etc. Nov. St. Co. ", n)),
    Input(
        "one line of plain words", False, lambda n: HEAD + _repeat("the two sides agreed to co-operate in trade ", n)
    ),
    Input(
        "one line of 'the eight areas' (a lead-in never ended)", False, lambda n: HEAD + _repeat("the eight areas ", n)
    ),
    Input("one line of posts and names", False, lambda n: HEAD + _repeat("the Governor of Hubei, Wang Wei, ", n)),
    Input("new people signing, sentence after sentence", False, lambda n: HEAD + _signers(n)),
    Input("many short lines", False, lambda n: HEAD + _repeat("Finance\nHong Kong\n1. Trade\n", n)),
    Input("a release in deep <div> nesting", True, _deep_html),
]


def _corpus_pages() -> list[tuple[str, bool]]:
    return [(path.read_text(encoding="utf-8"), False) for path in sorted(CORPUS.glob("*.txt"))]


def _generated_pages(n: int = 200) -> list[tuple[str, bool]]:
    return [(page.text, True) for page in corpus.pages(n)]


class Capped(Exception):
    """A parse that ran past the cap."""


@contextmanager
def _cpu_cap(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Capped

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _cooptrack(text: str, html: bool) -> object:
    return parse_text(text, html=html)


def _trafilatura(text: str, html: bool) -> object:
    return trafilatura.extract(text if html else _as_page(text))


def _as_page(text: str) -> str:
    """A text as the page a peer reads: each line a paragraph."""
    lines = (f"<p>{html_escape(line)}</p>" for line in text.split("\n") if line.strip())
    return "<html><body>" + "".join(lines) + "</body></html>"


CONTENDERS: dict[str, Callable[[str, bool], object]] = {"cooptrack": _cooptrack, "trafilatura": _trafilatura}


def _cpu_seconds(fn: Callable[[str, bool], object], documents: list[tuple[str, bool]], cap: float) -> float | None:
    """CPU seconds to parse the documents one after the other; None past the cap."""
    start = time.process_time()
    try:
        with _cpu_cap(cap):
            for text, html in documents:
                fn(text, html)
    except Capped:
        return None
    return time.process_time() - start


def _enough(pages: list[tuple[str, bool]], size: int) -> list[tuple[str, bool]]:
    """Normal pages, taken in turn until they add up to ``size`` characters."""
    out: list[tuple[str, bool]] = []
    total = 0
    while total < size:
        page = pages[len(out) % len(pages)]
        out.append(page)
        total += len(page[0])
    return out


def run(sizes: list[int], cap: float, only: str = "", contenders: str = "") -> list[list[object]]:
    chosen = {k: v for k, v in CONTENDERS.items() if not contenders or k in contenders.split(",")}
    for fn in chosen.values():  # imports and first-use caches, outside the figures
        fn(HEAD, False)
        fn(f"<html><body><p>{HEAD}</p></body></html>", True)
    cases: list[tuple[str, Callable[[int], list[tuple[str, bool]]]]] = [
        (i.name + (" (HTML)" if i.html and "HTML" not in i.name else ""), lambda n, i=i: [(i.make(n), i.html)])
        for i in INPUTS
    ]
    seeds, generated = _corpus_pages(), _generated_pages()
    if seeds:
        cases.append(("normal: the five seed releases (text)", lambda n: _enough(seeds, n)))
    cases.append(("normal: 200 generated pages (HTML)", lambda n: _enough(generated, n)))
    rows: list[list[object]] = []
    for name, make in cases:
        if only and not any(word in name for word in only.split("|")):
            continue
        for contender, fn in chosen.items():
            per_mb: list[float | None] = []
            cells: list[str] = []
            for size in sizes:
                if cells and per_mb[-1] is None:  # stopped at a smaller size: not tried
                    per_mb.append(None)
                    cells.append("–")
                    continue
                documents = make(size)
                mb = sum(len(text.encode("utf-8")) for text, _ in documents) / MB
                seconds = _cpu_seconds(fn, documents, cap)
                per_mb.append(seconds / mb if seconds is not None else None)
                cells.append(f"{seconds / mb:.2f}" if seconds is not None else f">{cap:.0f} s")
                print(f"  {name:48} {contender:12} {size // KB:5} kB  {cells[-1]} s/MB", flush=True)
            first, last = per_mb[0], per_mb[-1]
            growth = f"{last / first:.1f}×" if first and last else "–"
            rows.append([name, contender, *cells, growth])
    return rows


def report(rows: list[list[object]], sizes: list[int], cap: float) -> str:
    headers = ["input", "contender", *(f"s/MB at {s // KB} kB" for s in sizes), "growth"]
    return (
        f'CPU seconds per megabyte of input (UTF-8), by size; ">{cap:.0f} s": stopped after {cap:.0f} s '
        f'of CPU at that size ("–": not tried at larger sizes); growth: s/MB at {sizes[-1] // KB} kB over '
        f"s/MB at {sizes[0] // KB} kB, 1.0 for a cost linear in the input.\n\n"
        f"{common.table(headers, rows)}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="100,200,400,800", help="sizes in kB (default 100,200,400,800)")
    parser.add_argument("--cap", type=float, default=120.0, help="CPU seconds before a parse is stopped")
    parser.add_argument("--only", default="", help="only the inputs whose name holds one of these words (a|b)")
    parser.add_argument("--contenders", default="", help="only these contenders (cooptrack,trafilatura)")
    parser.add_argument("--write", action="store_true", help="update the section of docs/performance.md")
    args = parser.parse_args()
    if args.write and (args.only or args.contenders):
        parser.error("--write replaces the whole section: not with --only or --contenders")
    sizes = [int(s) * KB for s in args.sizes.split(",")]
    facts = common.machine()
    print(f"Parsing cost on pathological inputs\n{facts}\n")
    body = report(run(sizes, args.cap, args.only, args.contenders), sizes, args.cap)
    print(body)
    if args.write:
        doc = f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n{body}"
        common.write_section("pathological", "Parsing cost per megabyte on pathological inputs", doc)


if __name__ == "__main__":
    main()
