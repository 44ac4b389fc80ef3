"""The catalogue of page chrome, kept as data (``cooptrack/data/chrome.toml``).

Pages of the genre come from many sources (the Government's press-release pages of several
eras, the bureau's site, the news portal, mirrors with video players, translated-news sites,
blogs, re-hosts ...). Each source prints its own chrome around the release: navigation above the
headline, menus, banners, stamps, end-of-page links. The catalogue lists it family by family;
this module reads it once and answers, for one line of a page, whether and how it is chrome:

* :meth:`Catalogue.line`: chrome wherever it stands (``lines``, ``patterns``), or a line that
  closes the release (``ends``, ``ends_patterns``: the one place of the genre's end markers);
* :meth:`Catalogue.end_glued`: an end marker glued to the release's last paragraph (``ends_inline``);
* :meth:`Catalogue.is_end`: whether a line printed after the release proves the copy complete;
* :meth:`Catalogue.head`: chrome only above the headline (menus, section words);
* :meth:`Catalogue.banner`: a banner at the page's top, under the site's name;
* :meth:`Catalogue.breadcrumb`: the first item of a numbered breadcrumb ("1. Home");
* :meth:`Catalogue.strip_inline`: chrome glued to a line's start or end, cut off.

Whole lines are compared folded (:func:`fold`: case, white space, quotation marks, a leading
bullet glyph, a stray ``Â``). Each kind of pattern is tried as one combined expression first, so
a line costs a few regular-expression calls whatever the catalogue's size.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from cooptrack.fold import CJK as _CJK
from cooptrack.fold import simplified
from cooptrack.quick import may_start_anywhere, quick
from cooptrack.screen import _anything, screen
from cooptrack.vocab import RemovalReason

HitKind = Literal["any", "head", "end", "inline"]

_MAX_LINE = 600  # no chrome line is longer: longer lines are never tested
_TAIL = 240  # chrome glued to a line's end is looked for in its last characters only

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
    }
)
_BULLETS = "\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2219-\u2013\u2014*"
_LEAD_BULLET = re.compile(r"^[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2219\-\u2013\u2014*]\s+(?=\w)")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_KEYS = frozenset(
    "id source reason max_length lines patterns head head_patterns ends ends_patterns ends_inline banner inline"
    " closing breadcrumb".split()
)


def fold(text: str) -> str:
    """A line as compared with the catalogue: NFKC, one quote style, no stray ``Â``, one space
    between words, lower case, no leading bullet glyph."""
    folded = unicodedata.normalize("NFKC", text)
    if not folded.isascii() or "`" in folded:  # the other quotes and the Â are beyond ASCII
        folded = folded.translate(_QUOTES).replace("\u00c2", "")
    # str.split() splits at what \s matches (str.isspace): the runs of white space as one space
    folded = " ".join(folded.split()).casefold()
    return _without_bullet(folded)


def _without_bullet(text: str) -> str:
    """A line without its leading bullet glyph (looked for in a line starting with one only)."""
    return _LEAD_BULLET.sub("", text) if text[:1] and text[0] in _BULLETS else text


@dataclass(frozen=True)
class Hit:
    """A piece of chrome found: its family, what kind of chrome it is, the reason to record, the
    date it carries (as printed: a ` date YYYY-MM-DD ` prefix, a byline's stamp) and the text cut
    (for inline chrome)."""

    family: str
    kind: HitKind
    reason: RemovalReason
    date: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Family:
    """One source's chrome (see the keys described at the top of ``chrome.toml``)."""

    id: str
    source: str
    reason: RemovalReason
    max_length: int
    lines: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    head: tuple[str, ...]
    head_patterns: tuple[re.Pattern[str], ...]
    ends: tuple[str, ...]
    ends_patterns: tuple[re.Pattern[str], ...]
    ends_inline: tuple[re.Pattern[str], ...]
    banner: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    closing: tuple[re.Pattern[str], ...]
    breadcrumb: re.Pattern[str] | None

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> Family:
        unknown = set(table) - _KEYS
        if unknown:
            raise ValueError(f"chrome family {table.get('id')!r}: unknown keys {sorted(unknown)}")

        def regexes(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(p, re.IGNORECASE) for p in table.get(key, []))

        crumb = table.get("breadcrumb")
        return cls(
            id=table["id"],
            source=table["source"],
            reason=RemovalReason(table.get("reason", RemovalReason.PAGE_CHROME.value)),
            max_length=int(table.get("max_length", _MAX_LINE)),
            lines=tuple(fold(x) for x in table.get("lines", [])),
            patterns=regexes("patterns"),
            head=tuple(fold(x) for x in table.get("head", [])),
            head_patterns=regexes("head_patterns"),
            ends=tuple(fold(x) for x in table.get("ends", [])),
            ends_patterns=regexes("ends_patterns"),
            ends_inline=regexes("ends_inline"),
            banner=regexes("banner"),
            inline=regexes("inline"),
            closing=regexes("closing"),
            breadcrumb=re.compile(crumb, re.IGNORECASE) if crumb else None,
        )


def _joined(entries: list[tuple[Family, re.Pattern[str]]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p.pattern)})" for _, p in entries), re.IGNORECASE)


# A pattern that reads on from any first character ("… .{0,40}ICP备.{0,80}"): tried at a line's
# start it reads many characters before failing, while what it holds after them (its rest) is
# searched for at the characters that rest starts with only.
_READS_ON = re.compile(r"\.\{0,\d+\}(?=.)")
_ANY_FIRST = re.compile(r"\(\?=\.|\[\^")


def _rest(entry: tuple[Family, re.Pattern[str]]) -> tuple[Family, re.Pattern[str]]:
    family, pattern = entry
    return family, re.compile(_READS_ON.sub("", pattern.pattern, count=1), pattern.flags)


class _Patterns:
    """The patterns of one kind across families: one combined expression, then the family's own."""

    def __init__(self, entries: list[tuple[Family, re.Pattern[str]]]) -> None:
        self._entries = entries
        joined = _joined(entries)
        self._any = quick(joined) if entries else None
        # a line without a piece of text every match holds ("Enditem", "REUTERS", "border image"
        # ...: cooptrack.screen) is not searched (most lines hold none)
        self._may = screen(joined)
        # For a whole line: the patterns that read on from any first character are asked of a line
        # where the rest of one of them is found (a line one of them matches whole holds its rest),
        # the others by one combined expression, which may then start with a lookahead for its first
        # characters (cooptrack.quick). A line neither admits is matched by none of them.
        # A pattern whose first character may be almost any ("[^\s>»]{1,16}…", an optional "[^|]{1,60}?\|"
        # before its words) is asked of a line holding a piece of text every match of it holds (one
        # screen for them all, cooptrack.screen): joined, it reads on from every line's start.
        reads_on = [e for e in entries if _READS_ON.match(e[1].pattern)]
        anywhere = [
            e
            for e in entries
            if e not in reads_on
            and (_ANY_FIRST.match(e[1].pattern) or may_start_anywhere(e[1]))
            and screen(e[1]) is not _anything
        ]
        others = [e for e in entries if e not in reads_on and e not in anywhere]
        self._full_others = quick(_joined(others)) if others else None
        rests = _joined([_rest(e) for e in reads_on]) if reads_on else None
        self._full_rests = quick(rests) if rests is not None else None
        self._rests_may = screen(rests) if rests is not None else _anything  # a line without their words: no search
        self._full_may = screen(_joined(anywhere)) if anywhere else None

    def full(self, text: str) -> tuple[Family, re.Match[str]] | None:
        if not (
            (self._full_others is not None and self._full_others.fullmatch(text))
            or (self._full_rests is not None and self._rests_may(text) and self._full_rests.search(text))
            or (self._full_may is not None and self._full_may(text))
        ):
            return None
        for family, pattern in self._entries:
            m = pattern.fullmatch(text)
            if m and len(text) <= family.max_length:
                return family, m
        return None

    def search(self, text: str) -> tuple[Family, re.Match[str]] | None:
        if self._any is None or not self._may(text) or not self._any.search(text):
            return None
        for family, pattern in self._entries:
            m = pattern.search(text)
            if m:
                return family, m
        return None


_BAR = re.compile(r"\s[|\uff5c]\s")  # the spaced bar between a tool row's links
_BAR_ITEMS = 8


def _in_either_script(text: str, read: Callable[[str], Hit | None]) -> Hit | None:
    """What ``read`` finds in the line, else in its Simplified spelling when it is a Chinese line short
    enough to be chrome and spelt otherwise."""
    hit = read(text)
    if hit is None and len(text) <= _MAX_LINE and not text.isascii() and _CJK.search(text):
        folded = simplified(text)
        if folded != text:
            hit = read(folded)
    return hit


class Catalogue:
    """The chrome families, indexed for line-by-line questions."""

    def __init__(self, families: list[Family]) -> None:
        self.families = tuple(families)
        ids = [f.id for f in families]
        if len(set(ids)) != len(ids):
            raise ValueError("chrome families must have distinct ids")
        self._lines: dict[str, tuple[Family, HitKind]] = {}
        for family in families:  # the first family to name a line owns it; an end marker wins
            for key in family.ends:
                self._lines[key] = (family, "end")
            for key in family.lines:
                self._lines.setdefault(key, (family, "any"))
        self._head = {key: f for f in reversed(families) for key in f.head}

        def entries(attr: str) -> list[tuple[Family, re.Pattern[str]]]:
            return [(f, p) for f in families for p in getattr(f, attr)]

        self._patterns = _Patterns(entries("patterns"))
        self._ends = _Patterns(entries("ends_patterns"))
        self._ends_inline = _Patterns(entries("ends_inline"))
        self._head_patterns = _Patterns(entries("head_patterns"))
        self._banner = _Patterns(entries("banner"))
        self._crumbs = _Patterns([(f, f.breadcrumb) for f in families if f.breadcrumb is not None])
        inline = entries("inline")
        self._inline_start = _Patterns([(f, p) for f, p in inline if p.pattern.startswith("^")])
        self._inline_end = _Patterns([(f, p) for f, p in inline if p.pattern.endswith("$")])
        # a line holding no piece of text every glued chrome's match holds (most) is asked neither
        glued = [*inline, *entries("ends_inline")]
        self.may_hold_glued = screen(_joined(glued)) if glued else _anything

    def family(self, family_id: str) -> Family:
        return next(f for f in self.families if f.id == family_id)

    def line(self, text: str) -> Hit | None:
        """Whether the whole line is chrome: anywhere (``any``) or closing the release (``end``).
        A Chinese line is also read in Simplified characters: the catalogue writes a Chinese line in
        both scripts, and a page may print a variant of either (Hong Kong's 相關閲讀, 啓事)."""
        return _in_either_script(text, self._line)

    def _line(self, text: str) -> Hit | None:
        if len(text) > _MAX_LINE:
            return None
        folded = fold(text)
        known = self._lines.get(folded)
        if known is not None and len(text) <= known[0].max_length:
            return Hit(known[0].id, known[1], known[0].reason)
        plain = _without_bullet(text)
        found = self._ends.full(plain)
        if found:
            return Hit(found[0].id, "end", found[0].reason)
        found = self._patterns.full(plain)
        if found:
            return Hit(found[0].id, "any", found[0].reason)
        return self._bar(plain)

    def _bar(self, text: str) -> Hit | None:
        """A row of a page's tool links apart by spaced bars ("Printer-friendly version | Back to
        top"): chrome when every item is, closing the release when one item does."""
        if "|" not in text and "\uff5c" not in text:  # (most lines: no bar to split at)
            return None
        items = _BAR.split(text)
        if not 2 <= len(items) <= _BAR_ITEMS:
            return None
        hits = [self.line(item) for item in items]
        if any(hit is None for hit in hits):
            return None
        return next((hit for hit in hits if hit is not None and hit.kind == "end"), hits[0])

    def is_end(self, text: str) -> bool:
        """Whether the line is an end marker (whole, or glued to the line's end)."""
        hit = self.line(text)
        return (hit is not None and hit.kind == "end") or self.end_glued(text) is not None

    def end_glued(self, text: str) -> tuple[str, Hit] | None:
        """An end marker glued to the end of a line ("… in 1997. REUTERS", "… Enditem"): the line
        without it, and what was cut. Looked for in the line's last characters only."""
        offset = max(len(text) - _TAIL, 0)
        found = self._ends_inline.search(text[offset:])
        if found is None:
            return None
        m = found[1]
        return text[: offset + m.start()], Hit(found[0].id, "end", found[0].reason, None, m.group(0).strip())

    def head(self, text: str) -> Hit | None:
        """Whether the line is chrome when it stands above the headline (a menu, a section word);
        a Chinese line in Simplified characters too, as ``line`` reads it."""
        return _in_either_script(text, self._head_line)

    def _head_line(self, text: str) -> Hit | None:
        if len(text) > _MAX_LINE:
            return None
        family = self._head.get(fold(text))
        if family is not None:
            return Hit(family.id, "head", family.reason)
        found = self._head_patterns.full(text)
        return Hit(found[0].id, "head", found[0].reason) if found else None

    def banner(self, text: str) -> Hit | None:
        """Whether the line is a site's banner (about translated news): it and the lines above
        it are the site's."""
        found = self._banner.full(text) if len(text) <= _MAX_LINE else None
        return Hit(found[0].id, "head", found[0].reason) if found else None

    def breadcrumb(self, text: str) -> bool:
        """Whether the line is a numbered breadcrumb's first item ("1. Home")."""
        return len(text) <= 40 and self._crumbs.full(text) is not None

    def strip_inline(self, text: str) -> tuple[str, list[Hit]]:
        """The line without chrome glued to its start or end, and what was cut."""
        hits: list[Hit] = []
        found = self._inline_start.search(text[:_TAIL])
        if found:
            m = found[1]
            hits.append(Hit(found[0].id, "inline", found[0].reason, _date(m), m.group(0).strip()))
            text = text[m.end() :]
            # the mark closing what the opening one opened ("*Posted on … by …*"), cut only with it
            closing = next((c for p in found[0].closing if (c := p.search(text, max(len(text) - _TAIL, 0)))), None)
            if closing is not None:
                hits.append(Hit(found[0].id, "inline", found[0].reason, None, closing.group(0).strip()))
                text = text[: closing.start()]
        offset = max(len(text) - _TAIL, 0)
        found = self._inline_end.search(text[offset:])
        if found:
            m = found[1]
            hits.append(Hit(found[0].id, "inline", found[0].reason, _date(m), m.group(0).strip()))
            text = text[: offset + m.start()]
        return text, hits


def _date(m: re.Match[str]) -> str | None:
    return m.groupdict().get("date")


@cache
def catalogue() -> Catalogue:
    """The catalogue of ``cooptrack/data/chrome.toml``, read once."""
    data = tomllib.loads(files("cooptrack").joinpath("data/chrome.toml").read_text("utf-8"))
    return Catalogue([Family.from_table(t) for t in data["family"]])
