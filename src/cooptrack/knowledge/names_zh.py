"""One person in two scripts and two languages: Chinese names against their English spellings.

A name written in Chinese is compared by its characters once Traditional and Simplified are
folded (王偉中 and 王伟中 are one name: :func:`zh_key`). A Mainland or Central official's Chinese
name is the same person as an English spelling when the spelling is the name's pinyin
(:func:`spells`: 王伟中 is "Wang Weizhong", surname first or last, syllables run together or
apart, every reading of a character that has several: 曾 zeng/ceng, 覃 qin/tan). pypinyin supplies
the readings from the dictionaries it ships; nothing is downloaded. Hong Kong officials'
Government spellings are Cantonese, not pinyin: they are joined through the terms-of-office
table, which holds each official's Chinese name.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DOUBLE_SURNAMES = frozenset("欧阳 司徒 上官 诸葛 司马 夏侯 尉迟 公孙 慕容 长孙 宇文 令狐 皇甫 东方 西门".split())
_MAX_READINGS = 64


def is_chinese(name: str) -> bool:
    """Whether the name is written in Chinese characters."""
    return bool(_CJK.search(name))


def zh_key(name: str) -> str:
    """A Chinese name compared for identity: its characters in Simplified form, nothing else."""
    from cooptrack.fold import simplified

    return "".join(_CJK.findall(simplified(name)))


@functools.cache
def readings(name: str) -> tuple[tuple[str, ...], ...]:
    """The pinyin of a Chinese name, one tuple of syllables per reading (at most 64 readings)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    key = zh_key(name)
    if not key:
        return ()
    usual = tuple(_plain(r) for r in lazy_pinyin(key, style=Style.NORMAL))  # the common reading first
    per_char = [sorted({_plain(r) for r in options}) for options in pinyin(key, style=Style.NORMAL, heteronym=True)]
    others = itertools.islice(itertools.product(*per_char), _MAX_READINGS)
    return (usual, *(tuple(combo) for combo in others if tuple(combo) != usual))


def _plain(syllable: str) -> str:
    return syllable.replace("ü", "v").casefold()


def _spellings(syllables: tuple[str, ...], surname: int) -> set[str]:
    """The ways an English text writes a reading: surname first or last, ü as u, v or yu."""
    family, given = "".join(syllables[:surname]), "".join(syllables[surname:])
    out = set()
    for first, last in ((family, given), (given, family)):
        joined = first + last
        out |= {joined.replace("v", "u"), joined.replace("v", "yu"), joined}
    return out


def pinyin_of(name: str) -> str:
    """The name's first reading, syllables apart ("wang wei zhong"); empty when it is not Chinese."""
    found = readings(name)
    return " ".join(found[0]) if found else ""


def _letters(english: str) -> str:
    return re.sub(r"[^a-z]", "", english.casefold())


@functools.cache
def _all_spellings(chinese: str) -> frozenset[str]:
    """Every English spelling :func:`spells` accepts for a Chinese name."""
    key = zh_key(chinese)
    if not key:
        return frozenset()
    surname = 2 if key[:2] in _DOUBLE_SURNAMES else 1
    return frozenset(s for r in readings(chinese) for s in _spellings(r, surname))


def spells(chinese: str, english_key: str) -> bool:
    """Whether an English name key ("wang weizhong") spells a Chinese name (王伟中) in pinyin."""
    letters = re.sub(r"[^a-z]", "", english_key.casefold())
    key = zh_key(chinese)
    if not letters or not key:
        return False
    surname = 2 if key[:2] in _DOUBLE_SURNAMES else 1
    return any(letters in _spellings(r, surname) for r in readings(chinese))


def slug(name: str) -> str:
    """A readable id for a name written only in Chinese: its pinyin ("wang-wei-zhong")."""
    return "-".join(readings(name)[0]) if readings(name) else ""


def pinyin_pairs(
    names: Mapping[str, tuple[str, str | None, str]],
    doubts: dict[str, list[str]],
    *,
    find: Callable[[str], str],
) -> list[tuple[str, str, str]]:
    """Pairs of people keys to join, each with its reason: a Chinese name and the one English
    spelling (of the same side and partner) that is its pinyin, when each is the other's only fit.

    ``names`` maps a key to (a name as written, side, partner scope); ``find`` gives a key's group
    (keys already one person are left alone). A name that fits several is recorded in ``doubts``.
    Hong Kong names are left to the terms-of-office table (their spellings are Cantonese).
    """
    chinese = [k for k, (n, side, _) in sorted(names.items()) if is_chinese(n) and side != "HK"]
    latin = [k for k, (n, side, _) in sorted(names.items()) if not is_chinese(n) and side != "HK"]

    def fits(zh: str, en: str) -> bool:
        (zn, zside, zscope), (en_name, eside, escope) = names[zh], names[en]
        same_side = zside == eside or None in (zside, eside)
        return zscope == escope and same_side and spells(zn, en_name)

    # Each name under its letters (English) or every spelling of its readings (Chinese), within its
    # partner: the names one may spell are a look-up away, not a comparison with every name.
    by_letters: dict[tuple[str, str], list[str]] = {}
    for en in latin:
        by_letters.setdefault((names[en][2], _letters(names[en][0])), []).append(en)
    by_spelling: dict[tuple[str, str], list[str]] = {}
    for zh in chinese:
        for spelling in _all_spellings(names[zh][0]):
            by_spelling.setdefault((names[zh][2], spelling), []).append(zh)

    pairs = []
    for zh in chinese:
        near = {en for spelling in _all_spellings(names[zh][0]) for en in by_letters.get((names[zh][2], spelling), ())}
        found = sorted(en for en in near if fits(zh, en))  # in key order, as `latin` is
        if not found or any(find(en) == find(zh) for en in found):
            continue
        mirror = set(by_spelling.get((names[found[0]][2], _letters(names[found[0]][0])), ()))
        back = sorted(other for other in mirror if fits(other, found[0]))
        label = f'"{names[zh][0]}"'
        if len(found) == 1 and len(back) == 1:
            reading = pinyin_of(names[zh][0])
            pairs.append((zh, found[0], f'{label} is "{names[found[0]][0]}": the pinyin of the Chinese name '
                          f"({reading}) is the English spelling"))  # fmt: skip
        else:
            spelled = " or ".join(f'"{names[k][0]}"' for k in sorted({*found, *back} - {zh}))
            for k in {zh, *found, *back}:
                doubts.setdefault(find(k), []).append(f"{label} could be {spelled}: not merged (several fit)")
    return pairs
