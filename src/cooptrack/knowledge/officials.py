"""The terms of office of Hong Kong's principal officials: who held which post, from when to when.

The table is ``data/officials.csv`` (public facts, kept in the project): one row per term, with
the official's full name, the shorter names releases use ("Carrie Lam", "Eric Chan"), the post,
and the first and last day (empty while the term runs). It covers the Chief Executive, the
Chief Secretary, the Financial Secretary and the Secretary for Justice since 1997, and the
bureau secretaries of the terms of government from 2007 (in part), 2012, 2017 and 2022. Where a
date is uncertain the table errs wide (an earlier start, a later end): a range of years drawn
from it may be wider than the truth, never narrower. A term still running counts up to
:data:`CHECKED`, the day the table was last brought up to date.

A name denotes an official when it is one of the official's names, or a shorter form of one
(:func:`shortens`: "Erick Tsang" of "Erick Tsang Kwok-wai"), and no other official fits. Each row
also holds the official's Chinese name (``name_zh``, in Traditional characters as the Government
writes it); a name written in either script denotes the official too (曾國衞 and 曾国卫 are Erick
Tsang Kwok-wai: :func:`name_key` folds the script).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from cooptrack.knowledge import names_zh

CHECKED = dt.date(2026, 12, 1)  # terms still running are known to run at least to this day


@dataclass(frozen=True)
class Term:
    """One post held by one official, from ``start`` to ``end`` (None: still running at CHECKED)."""

    person: str
    names: tuple[str, ...]  # the full name first, then the shorter ones (and the Chinese name last)
    post: str
    start: dt.date
    end: dt.date | None
    name_zh: str | None = None  # the Chinese name, in Traditional characters

    @property
    def last_day(self) -> dt.date:
        return self.end or CHECKED


_NAME_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65_536)  # a name is keyed again at every step of gathering people: remembered
def name_key(name: str) -> str:
    """A name compared for identity: case, hyphens, full stops and spacing set aside; a Chinese
    name by its characters, Traditional and Simplified folded (曾國衞 is 曾国卫)."""
    if names_zh.is_chinese(name):
        return names_zh.zh_key(name)
    return " ".join(_NAME_WORD.findall(name.casefold().replace("'", "")))


# What a post's words may add without naming another post: "the", Hong Kong as the owner ("of the
# HKSAR Government", "Hong Kong's"), and "of the neighbouring SAR", which is Hong Kong when the
# post is compared with a Hong Kong official's (a Macao paper's "Chief Executive of the
# neighbouring Special Administrative Region, John Lee").
_SAR = (
    r"(?:hong\s+kong\s+special\s+administrative\s+region|hksar"
    r"|neighbou?ring\s+(?:special\s+administrative\s+region|sar))"
)
_POST_NOISE = re.compile(rf"\b(?:of\s+the\s+{_SAR}(?:\s+government)?|the|hksar(?:\s+government)?|hong\s+kong)\b")

# Short forms the releases use for one office only, and the Chinese names of the principal posts
# (compared with the script folded): each stands for the post the table names.
_POST_ALIASES = {"chief secretary": "chief secretary for administration"}
_ZH_POSTS = {"行政长官": "chief executive", "政务司司长": "chief secretary for administration",
             "财政司司长": "financial secretary", "律政司司长": "secretary for justice"}  # fmt: skip
_ZH_OWNER = re.compile(r"^(?:香港特别行政区|香港特区|特区|香港)(?:政府)?")


_BRACKETED = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")


@lru_cache(maxsize=65_536)  # a post is compared with every other post of its holder: remembered
def post_key(post: str) -> str:
    """A post compared for identity: "the", "of the HKSAR (Government)", case and punctuation set aside.

    "Secretary for the Financial Services and the Treasury" and "Secretary for Financial Services
    and the Treasury" are one post; "Acting Chief Executive" is not "Chief Executive";
    "Chief Secretary" and "政務司司長" are "Chief Secretary for Administration".
    """
    if names_zh.is_chinese(post):
        folded = _ZH_OWNER.sub("", names_zh.zh_key(post))
        return _ZH_POSTS.get(folded, folded)
    text = post.casefold().replace("&", " and ")
    text = _BRACKETED.sub(" ", text)
    text = _POST_NOISE.sub(" ", _NOT_WORD.sub(" ", text).replace("'s", "s"))
    key = " ".join(text.split())
    return _POST_ALIASES.get(key, key)


def same_post(a: str, b: str) -> bool:
    return post_key(a) == post_key(b)


@cache
def table() -> tuple[Term, ...]:
    """Every term in the table, in the table's order."""
    text = resources.files("cooptrack.knowledge").joinpath("data/officials.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        others = tuple(n.strip() for n in row["other_names"].split(";") if n.strip())
        chinese = (row.get("name_zh") or "").strip() or None
        out.append(
            Term(
                person=row["person"],
                names=(row["person"], *others, *([chinese] if chinese else [])),
                post=row["post"],
                start=dt.date.fromisoformat(row["start"]),
                end=dt.date.fromisoformat(row["end"]) if row["end"] else None,
                name_zh=chinese,
            )
        )
    return tuple(out)


def shortens(short: str, long: str) -> bool:
    """Whether a name key is a shorter form of another: its first or last words (two or more).

    Releases shorten "Erick Tsang Kwok-wai" to "Erick Tsang" (the English given name and the
    surname) or to "Tsang Kwok-wai" (the Chinese name), and drop middle initials ("Nicholas W
    Yang" as "Nicholas Yang"); never to words from the middle ("Stephen Sui" is not "Stephen Lam
    Sui-lung").
    """
    s, words = _bare(short), _bare(long)
    if short == long or len(s) < 2:
        return False
    if s == words:  # only initials differ
        return True
    return len(s) < len(words) and (words[: len(s)] == s or words[-len(s) :] == s)


def _bare(key: str) -> list[str]:
    return [w for w in key.split() if len(w) > 1]


def _fits(key: str, full: str) -> bool:
    return key == full or shortens(key, full)


@cache
def _table_forms() -> dict[tuple[str, ...], list[tuple[str, str]]]:
    """Each name of the table (its key, with the official) under every form a name that fits it
    has: all its words, its first or last two or more words (see :func:`shortens`)."""
    index: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for t in table():
        for n in t.names:
            full = name_key(n)
            words = tuple(_bare(full))
            forms = {words, *(words[:k] for k in range(2, len(words))), *(words[-k:] for k in range(2, len(words)))}
            for form in forms:
                index.setdefault(form, []).append((t.person, full))
    return index


@cache
def _officials_named(key: str) -> tuple[str, ...]:
    """The officials (by full name) a name key can denote, in the table's order (looked up by the
    key's words, not compared with every name of the table)."""
    found = dict.fromkeys(person for person, full in _table_forms().get(tuple(_bare(key)), ()) if _fits(key, full))
    return tuple(found)


def official(name: str) -> str | None:
    """The full name of the one official this name denotes, or None (none, or several, fit)."""
    found = _officials_named(name_key(name))
    return found[0] if len(found) == 1 else None


def terms_of(name: str) -> list[Term]:
    """The terms of the official this name denotes, earliest first (empty if none or several fit)."""
    person = official(name)
    if person is None:
        return []
    return sorted((t for t in table() if t.person == person), key=lambda t: t.start)


def chinese_name(name: str) -> str | None:
    """The Chinese name of the official this name denotes (None: none, or several, fit)."""
    return next((t.name_zh for t in terms_of(name) if t.name_zh), None)


def terms_for(name: str, post: str) -> list[Term]:
    """The terms in which the official this name denotes held this post (empty if the table knows none)."""
    return [t for t in terms_of(name) if same_post(t.post, post)]
