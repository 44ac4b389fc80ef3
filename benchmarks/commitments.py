"""Commitments: building every commitment of a store, next to the bare links between plenaries.

Synthetic mechanisms (invented measure texts from a small vocabulary; 60 % of a plenary's measures
carried to the next word for word, the rest new) are followed with
``knowledge.commitments.build`` (links, users' decisions, appearances, rewordings). The peer is what
``cooptrack diff`` does for the same meetings: ``changes.link_measures`` between each pair of
consecutive plenaries, and nothing else. Both start with an empty cache of content words. CPU
seconds (``time.process_time``), the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import common

from cooptrack.knowledge import changes, commitments, series

WORDS = """trade fair youth exchange internship finance bonds listing medicine hospital tourism culture heritage
innovation laboratory park industrial logistics port airport rail green energy water environment education
university talent legal arbitration""".split()


@dataclass
class _Measure:
    key: str
    text: str
    position: int
    themes: list[str]
    primary_theme: str | None = "trade_investment"


@dataclass(eq=False)
class _Meeting:
    slug: str
    mechanism: str
    partner: str
    kind: str
    ordinal: int
    date: dt.date
    year_from: int | None = None
    year_to: int | None = None
    document_kind: str = "report"
    measures: list[_Measure] = field(default_factory=list)


def meetings(n_mech: int, n_meet: int, n_meas: int, seed: int = 1) -> list[_Meeting]:
    rnd = random.Random(seed)
    out = []
    for a in range(n_mech):
        texts = [" ".join(rnd.choices(WORDS, k=12)) for _ in range(n_meas)]
        for o in range(1, n_meet + 1):
            m = _Meeting(f"p{a}-plenary-{o}", f"Hong Kong/P{a} Co-operation Conference", f"P{a}", "plenary", o,
                         dt.date(2000 + o, 5, 1))  # fmt: skip
            texts = [t if rnd.random() < 0.6 else " ".join(rnd.choices(WORDS, k=12)) for t in texts]
            m.measures = [_Measure(f"{m.slug}-{i}", t, i + 1, ["trade_investment"]) for i, t in enumerate(texts)]
            out.append(m)
    return out


def _cpu(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        changes._content.cache_clear()
        changes._alike.cache_clear()
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def run(sizes: list[tuple[int, int, int]], repeat: int) -> str:
    rows = []
    for n_mech, n_meet, n_meas in sizes:
        mechs = series.mechanisms(meetings(n_mech, n_meet, n_meas))

        def links(mechs: list[series.Mechanism] = mechs) -> int:
            found = 0
            for mech in mechs:
                for a, b in itertools.pairwise(mech.plenaries):
                    found += len(changes.link_measures(a.measures, b.measures))  # type: ignore[attr-defined]
            return found

        def build(mechs: list[series.Mechanism] = mechs) -> commitments.Ledger:
            return commitments.build(mechs, lambda m: m.measures)  # type: ignore[attr-defined]

        peer, linked = _cpu(links, repeat)
        ours, ledger = _cpu(build, repeat)
        assert isinstance(ledger, commitments.Ledger)
        total = n_mech * n_meet * n_meas
        rows.append([f"{n_mech} × {n_meet} × {n_meas}", total, linked, len(ledger.commitments), round(peer, 2),
                     round(ours, 2), f"{ours / peer:.2f}×"])  # fmt: skip
    headers = ["mechanisms × plenaries × measures", "measures", "links", "commitments", "links only (CPU s)",
               "commitments (CPU s)", "ratio"]  # fmt: skip
    return common.table(headers, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="5x5x20,20x10x30,40x10x30", help="mechanisms x plenaries x measures")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update the section of docs/performance.md")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    facts = common.machine()
    print(f"Commitments against bare links\n{facts}\n")
    body = run(sizes, args.repeat)  # type: ignore[arg-type]
    print(body)
    if args.write:
        doc = f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n{body}"
        common.write_section("commitments", "Commitments: building them next to the bare links", doc)


if __name__ == "__main__":
    main()
