"""Parse throughput: cooptrack's page → record against trafilatura's bare text extraction, same pages, one run.

Every page is handed to each contender in turn (so that a busy moment on the shared machine costs
both alike), as the bytes a file or a server would give:

``cooptrack record``   decode + clean + extract (``document_from_bytes`` then ``parse_document``):
                       the whole record, with people, areas, measures, agreements and spans
``cooptrack text``     decode + ``clean.html.html_to_text`` only: the page's title and text
``trafilatura``        ``trafilatura.extract(raw)``: its main-text extraction with default options

The figure is the ratio of the record's throughput to trafilatura's, in wall time and in CPU time
of this process (the machine is shared: CPU time is what a busy neighbour changes least). The generator's facts for
each page (partner, ordinal, kind, numbers of areas, measures and agreements, relevance) are
compared with the record, as a check that the pages timed are pages the parser reads.

    .venv/bin/python benchmarks/parse.py --n 10000 --write
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import common
import corpus
import trafilatura

from cooptrack.acquire import document_from_bytes
from cooptrack.clean.html import html_to_text
from cooptrack.pipeline import parse_document
from cooptrack.record import Record

WARM_UP = 30


def _record(page: corpus.Page) -> Record:
    return parse_document(document_from_bytes(page.raw, source=page.name, uri=f"/bench/{page.name}"))


def _text(page: corpus.Page) -> str:
    return html_to_text(document_from_bytes(page.raw, source=page.name, uri=f"/bench/{page.name}").text).text


def _trafilatura(page: corpus.Page) -> str | None:
    return trafilatura.extract(page.raw)


CONTENDERS: dict[str, Callable[[corpus.Page], Any]] = {
    "cooptrack record": _record,
    "cooptrack text": _text,
    "trafilatura": _trafilatura,
}


def truth_matches(page: corpus.Page, record: Record) -> bool:
    """Whether the record holds what the generator put in the page."""
    m = page.meeting
    if m is None:
        return not record.relevant
    kind = record.meeting.kind.value if record.meeting.kind else None
    got = (
        record.partner,
        record.meeting.ordinal,
        kind,
        len(record.areas),
        len(record.measures),
        len(record.agreements),
    )
    return record.relevant and got == (m.partner, m.ordinal, m.kind, len(m.areas), m.measures, len(m.agreements))


def run(n: int, seed: int) -> dict[str, Any]:
    pages = list(corpus.pages(n, seed))
    for page in pages[:WARM_UP]:
        for fn in CONTENDERS.values():
            fn(page)
    times: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, float] = defaultdict(float)
    by_layout: dict[tuple[str, str], float] = defaultdict(float)
    matched: Counter[str] = Counter()
    empty = 0
    gc.collect()
    for page in pages:
        for name, fn in CONTENDERS.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            out = fn(page)
            took = time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu
            times[name].append(took)
            by_layout[(name, page.layout)] += took
            if name == "cooptrack record":
                matched[page.layout] += truth_matches(page, out)
            elif name == "trafilatura" and not out:
                empty += 1
    layouts = Counter(p.layout for p in pages)
    size = sum(len(p.raw) for p in pages)
    return {"pages": pages, "times": times, "cpu": cpu, "by_layout": by_layout, "matched": matched, "layouts": layouts,
            "size": size, "empty": empty}  # fmt: skip


def report(result: dict[str, Any], n: int, seed: int) -> str:
    times, cpu, size = result["times"], result["cpu"], result["size"]
    rows = []
    for name, values in times.items():
        total = sum(values)
        rows.append(
            [name, n, size / 1e6, total, n / total, cpu[name], n / cpu[name], size / 1e6 / total,
             common.median(values) * 1e3, common.percentile(values, 95) * 1e3]
        )  # fmt: skip
    main = common.table(
        ["contender", "pages", "MB", "seconds", "pages/s", "CPU s", "pages/CPU s", "MB/s", "median ms", "p95 ms"],
        rows,
    )
    record, peer = sum(times["cooptrack record"]), sum(times["trafilatura"])
    record_cpu, peer_cpu = cpu["cooptrack record"], cpu["trafilatura"]
    text = sum(times["cooptrack text"])
    layouts, matched, by_layout = result["layouts"], result["matched"], result["by_layout"]
    layout_rows = [
        [layout, count, f"{matched[layout]}/{count}",
         *(by_layout[(name, layout)] / count * 1e3 for name in CONTENDERS)]
        for layout, count in sorted(layouts.items())
    ]  # fmt: skip
    per_layout = common.table(
        ["layout", "pages", "record = generator's facts", *(f"{name} ms/page" for name in CONTENDERS)], layout_rows
    )
    return (
        f"**cooptrack record / trafilatura = {peer / record:.2f}× the throughput** "
        f"({peer_cpu / record_cpu:.2f}× in CPU time; cooptrack's text alone: {peer / text:.2f}×). "
        f"Pages: {n:,} (seed {seed}), "
        f"{size / 1e6:.1f} MB, mean {size / n / 1e3:.1f} kB; trafilatura found no text in {result['empty']}.\n\n"
        f"{main}\n\nBy layout:\n\n{per_layout}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="pages to parse (default 10 000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", action="store_true", help="update the section of docs/performance.md")
    args = parser.parse_args()
    facts = common.machine()
    print(f"Parse throughput\n{facts}\n")
    body = report(run(args.n, args.seed), args.n, args.seed)
    print(body)
    if args.write:
        doc = f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n{body}"
        common.write_section("parse", "Parse throughput (pages → records) against trafilatura", doc)


if __name__ == "__main__":
    main()
