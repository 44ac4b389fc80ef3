"""A generator of synthetic HTML press releases for the benchmarks (SYNTHETIC: written here).

Page ``i`` of a corpus depends only on ``(seed, i)``, so the first thousand pages of a 100 000-page
corpus are the 1 000-page corpus. Layouts, in the proportions of an archive walk:

``gia``        a Government press-release page: ``div#PRHeadline``, ``span#pressrelease`` with
               ``<br>`` lines and ``&nbsp;`` indents, the "Ends/…" footer, site chrome, photos
``gia-print``  the printer-friendly copy (``P…p.htm``): the same body with almost no chrome
``gia-old``    a page from before 2008 (``0610166.htm``), table layout, declared windows-1252
``news``       a news-site story: header, navigation, share tools, related stories, adverts,
               sometimes an unrelated article glued under it; a tenth of the pages are such
               copies of a meeting another page already reported (two reports, one meeting)
``lookalike``  a courtesy call that is not a meeting of a mechanism (not relevant)

Meetings are distinct: page ``i`` reports partner ``i mod 40``, series ``(i div 40) mod 3``
(plenary session, working meeting, high-level meeting) and ordinal ``i div 120 + 1``, so a
100 000-page corpus holds ~90 000 meetings. Real series stop near thirty; these run to ~830 so
that the store sees as many meetings as pages, as a long archive would across all partners.

``python benchmarks/corpus.py --n 1000 --out bench-data/corpus`` writes the pages in folders of
a thousand (``000/``, ``001/`` …) so that a benchmark can ingest a prefix of one corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pools as P
import render

PER_FOLDER = 1000
_SERIES = ("plenary", "working_meeting", "high_level_meeting")


@dataclass(frozen=True)
class Person:
    honorific: str
    name: str
    post: str

    @property
    def called(self) -> str:
        return f"{self.honorific} {self.name}"


@dataclass(frozen=True)
class Meeting:
    """The facts one page reports (and what a parser should find in it)."""

    partner: str
    formal: str
    city: str
    kind: str
    ordinal: int
    date: dt.date
    mechanism: str
    hk_lead: Person
    mainland_lead: Person
    officials: tuple[Person, ...]
    areas: tuple[tuple[str, tuple[str, ...]], ...]
    agreements: tuple[str, ...]

    @property
    def measures(self) -> int:
        return sum(len(measures) for _, measures in self.areas)


@dataclass(frozen=True)
class Page:
    """One generated page: its file name, layout, bytes, and the meeting it reports (None: not relevant)."""

    name: str
    layout: str
    raw: bytes
    meeting: Meeting | None

    @property
    def text(self) -> str:
        return self.raw.decode("cp1252" if self.layout == "gia-old" else "utf-8")


def pages(n: int, seed: int = 0, start: int = 0) -> Iterator[Page]:
    """Pages ``start`` … ``start + n - 1`` of the corpus ``seed``."""
    for i in range(start, start + n):
        yield page(i, seed)


def page(i: int, seed: int = 0) -> Page:
    """Page ``i`` of the corpus ``seed``."""
    rng = random.Random(seed * 1_000_003 + i)
    roll = rng.random()
    if roll < 0.03:
        return _lookalike(i, rng, seed)
    if roll < 0.13 and i > 0:
        original = _original_before(i, seed)
        return _news(i, rng, original, copy=True)
    meeting = meeting_of(i, seed)
    layout = _layout_of(meeting, rng)
    if layout == "news":
        return _news(i, rng, meeting, copy=False)
    return _gia(i, rng, meeting, layout)


def _original_before(i: int, seed: int) -> Meeting:
    """The meeting of the nearest earlier page that reports one of its own (not a copy)."""
    for j in range(i - 1, -1, -1):
        roll = random.Random(seed * 1_000_003 + j).random()
        if roll >= 0.13 or j == 0:
            return meeting_of(j, seed)
    raise AssertionError("page 0 is always an original")


def _layout_of(meeting: Meeting, rng: random.Random) -> str:
    if meeting.date.year < 2008:
        return "gia-old"
    return rng.choice(("gia", "gia", "gia", "gia", "gia-print", "news", "news"))


def meeting_of(i: int, seed: int = 0) -> Meeting:
    """The meeting page ``i`` would report as an original (a function of ``seed`` and ``i`` only)."""
    rng = random.Random(f"meeting/{seed}/{i}")
    partner, formal, city = P.PARTNERS[i % len(P.PARTNERS)]
    suffix = "Co-operation Joint Conference" if partner == "Guangdong" else "Co-operation Conference"
    date = dt.date(1998, 1, 1) + dt.timedelta(days=rng.randrange(28 * 365))
    city_partner = formal.endswith("Municipality") and partner not in ("Beijing", "Shanghai", "Tianjin", "Chongqing")
    mainland_post = rng.choice(P.CITY_LEADS if city_partner else P.MAINLAND_LEADS).format(formal=formal)
    headings = rng.sample(sorted(P.AREAS), rng.randint(4, 10))
    areas = tuple((h, tuple(_fill(rng, t, partner, city) for t in _some(rng, P.AREAS[h]))) for h in headings)
    officials = tuple(
        Person(rng.choice(P.HONORIFICS), _hk_name(rng), post) for post in rng.sample(P.HK_OFFICIALS, rng.randint(2, 5))
    )
    return Meeting(
        partner=partner, formal=formal, city=city, kind=_SERIES[(i // len(P.PARTNERS)) % 3],
        ordinal=i // (3 * len(P.PARTNERS)) + 1, date=date, mechanism=f"Hong Kong/{partner} {suffix}",
        hk_lead=Person(rng.choice(("Mr", "Mr", "Ms")), _hk_name(rng), rng.choice(P.HK_LEADS)),
        mainland_lead=Person(rng.choice(("Mr", "Ms")), _mainland_name(rng), mainland_post),
        officials=officials, areas=areas, agreements=_agreements(rng, partner),
    )  # fmt: skip


def _some(rng: random.Random, templates: tuple[str, ...]) -> list[str]:
    return rng.sample(templates, rng.randint(1, len(templates)))


def _fill(rng: random.Random, template: str, partner: str, city: str) -> str:
    return template.format(p=partner, c=city, n=rng.randint(2, 60), m=rng.choice((5, 10, 20, 50, 100, 300)))


def _agreements(rng: random.Random, partner: str) -> tuple[str, ...]:
    fields = rng.sample(P.AGREEMENT_FIELDS, rng.randint(0, 4))
    return tuple(rng.choice(P.AGREEMENT_FORMS).format(f=f, p=partner) for f in fields)


def _hk_name(rng: random.Random) -> str:
    given = "-".join(rng.sample(P.HK_SYLLABLES, 2)).capitalize()
    name = f"{rng.choice(P.HK_SURNAMES)} {given}"
    return f"{rng.choice(P.ENGLISH_NAMES)} {name}" if rng.random() < 0.3 else name


def _mainland_name(rng: random.Random) -> str:
    return f"{rng.choice(P.MAINLAND_SURNAMES)} {''.join(rng.sample(P.MAINLAND_SYLLABLES, 2)).capitalize()}"


# --- pages ---------------------------------------------------------------------------------------


def _gia(i: int, rng: random.Random, meeting: Meeting, layout: str) -> Page:
    body = render.release_lines(rng, meeting)
    if layout == "gia-old":
        stamp = meeting.date.strftime("%y%m%d")
        name = f"{stamp}{i % 10}.htm"
        raw = render.gia_old_page(rng, meeting, body).encode("cp1252", "replace")
        return Page(f"{i:06d}_{name}", layout, raw, meeting)
    stamp = f"P{meeting.date:%Y%m%d}{i % 100000:05d}"
    if layout == "gia-print":
        return Page(f"{i:06d}_{stamp}p.htm", layout, render.gia_print_page(meeting, body).encode(), meeting)
    return Page(f"{i:06d}_{stamp}.htm", layout, render.gia_page(rng, meeting, body).encode(), meeting)


def _news(i: int, rng: random.Random, meeting: Meeting, *, copy: bool) -> Page:
    raw = render.news_page(rng, meeting, glued=copy and rng.random() < 0.3).encode()
    return Page(f"{i:06d}_story-{meeting.partner.lower()}-{i}.html", "news", raw, meeting)


def _lookalike(i: int, rng: random.Random, seed: int) -> Page:
    meeting = meeting_of(i, seed)
    raw = render.lookalike_page(rng, meeting).encode()
    return Page(f"{i:06d}_P{meeting.date:%Y%m%d}{i % 100000:05d}.htm", "lookalike", raw, None)


# --- writing -------------------------------------------------------------------------------------


def write(folder: Path, n: int, seed: int = 0) -> int:
    """Write pages 0 … n-1 into ``folder/NNN/`` (a thousand a folder); returns the bytes written.

    Pages already there (same name and size) are kept, so growing a corpus writes only the new ones.
    """
    total = 0
    for p in pages(n, seed):
        sub = folder / f"{_index(p.name) // PER_FOLDER:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / p.name
        if not (path.exists() and path.stat().st_size == len(p.raw)):
            path.write_bytes(p.raw)
        total += len(p.raw)
    return total


def folders(folder: Path, n: int) -> list[Path]:
    """The sub-folders holding the first ``n`` pages (``n`` a multiple of a thousand)."""
    return [folder / f"{k:03d}" for k in range((n + PER_FOLDER - 1) // PER_FOLDER)]


def _index(name: str) -> int:
    return int(name.split("_", 1)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="how many pages")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("bench-data/corpus"))
    args = parser.parse_args()
    size = write(args.out, args.n, args.seed)
    print(f"wrote {args.n} pages ({size / 1e6:.1f} MB) under {args.out}")


if __name__ == "__main__":
    main()
