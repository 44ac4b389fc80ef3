"""[AGREE-LIST] A list of agreements gives the same agreements with or without its bullets.

Copies lose layout: older releases and mirrors print the items of "The following N agreements
were signed at the meeting:" as plain paragraphs (indented, or bare lines shaped like headings),
pages as ``<ul><li>``, other copies with bullets, and copies that lost their line breaks run
the items on after the colon, apart by semicolons. Each pair below is one invented release written
both ways (the documents and their expectations are in tests/data/synthetic and tests/data/html);
both must give equal agreements: titles, kinds, annexes, languages and signatories.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cooptrack.pipeline import parse_path

DATA = Path(__file__).parent / "data"
PAIRS = [
    ("synthetic/gen_agree_list_guangdong_2008_plain.txt", "html/gen_agree_list_guangdong_2008_bullets.htm"),
    (
        "synthetic/gen_agree_list_sichuan_2015_mirror_plain.txt",
        "synthetic/gen_agree_list_sichuan_2015_mirror_bullets.txt",
    ),
    ("synthetic/gen_agree_list_hubei_2018_inline_flattened.txt", "synthetic/gen_agree_list_hubei_2018_bullets.txt"),
]


def _agreements(path: str) -> list[tuple[object, ...]]:
    record = parse_path(DATA / path)
    return [(a.title, a.kind, a.annex, a.chinese_only, tuple(a.signatories)) for a in record.agreements]


@pytest.mark.parametrize(("plain", "bulleted"), PAIRS, ids=[Path(p).stem for p, _ in PAIRS])
def test_a_list_gives_the_same_agreements_with_or_without_bullets(plain: str, bulleted: str) -> None:
    without = _agreements(plain)
    assert len(without) >= 3, f"{plain}: the list's items were not read as agreements: {without}"
    assert without == _agreements(bulleted)
