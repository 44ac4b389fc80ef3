"""People linking at scale (issue 14, item 4): gathering appearances into people is O(n log n).

Linking once compared every name with every other ("Erick Tsang" against each stored name, to
find the one it shortens): 9 million comparisons at 1,000 pages. The work is counted here
(``workcount``: function calls made, not time): doubling the names must roughly double it.

The names are SYNTHETIC, made here from syllables: each person is named in full in one meeting
and shortened in another, a tenth are Mainland officials also written in Chinese characters, and
a few short names fit two people (a doubt, never a merge).
"""

from __future__ import annotations

import datetime as dt

from cooptrack.knowledge import people
from peoplefakes import FakeMeeting
from workcount import measure

_GIVEN = ["Alan", "Betty", "Carl", "Doris", "Edwin", "Fiona", "Gary", "Helen", "Ivan", "Joyce", "Kevin", "Lily"]
_SURNAME = ["Chan", "Wong", "Leung", "Cheung", "Lau", "Ho", "Ng", "Kwok", "Tsang", "Yip", "Lam", "Mak", "Tang"]
_SYLLABLE = ["ka", "wai", "ming", "yee", "kit", "chun", "fai", "lok", "sum", "tak", "wing", "yan", "hung", "man"]
_HANZI = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN_ZH = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


_Meeting = FakeMeeting


def _appearances(n: int, start: int = 0) -> list[people.Appearance]:
    """``n`` people, each in two meetings (full name, then shortened), some also in Chinese; the
    names of one ``start`` are none of another's (what earlier calls cached is not reused)."""
    out = []
    for i in range(start, start + n):
        given, surname = _GIVEN[i % len(_GIVEN)], _SURNAME[(i // len(_GIVEN)) % len(_SURNAME)]
        a = _SYLLABLE[(i // 156) % len(_SYLLABLE)]
        b = _SYLLABLE[(i // 2184) % len(_SYLLABLE)]
        full = f"{given} {surname} {a.title()}-{b}{i}"  # unique
        partner = f"Partner{i % 30}"
        first = _Meeting(f"m{i}-a", f"Hong Kong/{partner} Co-operation Conference", partner, dt.date(2020, 1, 1))
        later = _Meeting(f"m{i}-b", first.mechanism, partner, dt.date(2021, 1, 1))
        side = "Mainland" if i % 10 == 0 else "HK"
        out.append(people.Appearance(full, "Mr", "Director", side, ("attendee",), first, (0, 1)))
        # "Alan Chan" shortens many full names (a doubt); "Chan Ka-wai3" only its own
        short = f"{given} {surname}" if i % 7 == 0 else f"{surname} {a.title()}-{b}{i}"
        out.append(people.Appearance(short, "Mr", None, side, ("attendee",), later, None))
        if side == "Mainland":
            zh = _HANZI[i % len(_HANZI)] + _GIVEN_ZH[(i // 20) % len(_GIVEN_ZH)] + _GIVEN_ZH[(i // 400) % 20]
            out.append(people.Appearance(zh, None, None, side, ("attendee",), later, None))
    return out


def test_people_linking_work_grows_with_the_names_not_their_square() -> None:
    people.gather(_appearances(50, start=100_000))  # tables and dictionaries loaded on first use
    works = []
    for n, start in ((400, 0), (800, 400), (1600, 1200)):
        appearances = _appearances(n, start)
        works.append(measure(lambda a=appearances: people.gather(a), n, call_limit=5_000 * n + 2_000_000))
    one, two, four = works
    growth = "; ".join(f"{w.size} people: {w.calls:,} calls, {len(w.result)} gathered" for w in works)
    # linear would be 2x and 4x (n log n a little more); the quadratic comparison gave ~4x and ~16x
    assert two.calls <= 2.6 * one.calls, growth
    assert four.calls <= 5.5 * one.calls, growth


def test_shortened_names_still_join_their_one_full_name_and_doubt_when_several_fit() -> None:
    found = people.gather(_appearances(200))
    by_name = {p.name: p for p in found}
    eleven = by_name["Edwin Chan Ka-ka4"]  # i = 4: shortened to "Chan Ka-ka4", its only fit
    assert sorted(a.name for a in eleven.appearances) == ["Chan Ka-ka4", "Edwin Chan Ka-ka4"]
    assert any("without 'edwin'" in r for r in eleven.reasons)
    # i = 7 is shortened to "Helen Chan": i = 7 and i = 19 ... all "Helen Chan ..." fit, so none is merged
    helen = [p for p in found if p.name == "Helen Chan"]
    assert len(helen) == 1 and helen[0].doubts
    assert not any("Helen Chan" in a.name and a.name != "Helen Chan" for a in helen[0].appearances)
