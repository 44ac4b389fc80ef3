"""The web interface in English (the default) or Traditional Chinese, remembered per browser.

The language is the ``ct_lang`` cookie's (set by the switch in every page's header, ``POST
/language``), English when there is none. Templates write their words as ``_("…")`` (and
``ngettext``); the Traditional Chinese catalogue is a gettext PO file,
``serve/locale/zh_Hant/LC_MESSAGES/messages.po``, read once with Babel (no compiling step: edit
it, restart). Dates and numbers are Babel's for the locale (``zh_Hant_HK``: 2023年11月20日, 1,234);
English keeps the ISO dates it always showed. Document text — names, measures, titles as the
releases wrote them — is never translated. The language of a request is set around its
rendering (:func:`speaking`), so the template helpers need no argument for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from starlette.requests import Request

COOKIE = "ct_lang"
DEFAULT = "en"
LANGUAGES = {"en": "English", "zh-Hant": "繁體中文"}  # each language named in itself, for the switch
_LOCALES = {"en": "en", "zh-Hant": "zh_Hant_HK"}  # Babel's locale of each
_CATALOGUES = {"zh-Hant": Path(__file__).parent / "locale" / "zh_Hant" / "LC_MESSAGES" / "messages.po"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

_current: ContextVar[str] = ContextVar("cooptrack_language", default=DEFAULT)


def chosen(request: Request) -> str:
    """The language of the browser that sent the request: its cookie's, else English."""
    value = request.cookies.get(COOKIE, "")
    return value if value in LANGUAGES else DEFAULT


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Render in ``language`` inside the block."""
    token = _current.set(language if language in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


@functools.cache
def catalogue(language: str) -> dict[str, str | tuple[str, ...]]:
    """The translations of ``language``: a message's id to its text (a plural's: one text a form)."""
    path = _CATALOGUES.get(language)
    if path is None:
        return {}
    with path.open("rb") as handle:
        messages = read_po(handle, locale=_LOCALES[language].split("_")[0])
    found: dict[str, str | tuple[str, ...]] = {}
    for message in messages:
        if not message.id or not message.string or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        found[key] = tuple(message.string) if isinstance(message.string, tuple | list) else message.string
    return found


def gettext(message: str) -> str:
    """``message`` in the current language (itself when it has no translation)."""
    found = catalogue(current()).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n`` (Chinese has one form)."""
    found = catalogue(current()).get(singular)
    if isinstance(found, tuple) and found:
        return found[0]
    return singular if n == 1 else plural


def number(value: int | float | None) -> str:
    """A count as the locale writes it (1,234)."""
    return "" if value is None else _number(value, current())


@functools.lru_cache(maxsize=4096, typed=True)
def _number(value: int | float, language: str) -> str:
    """Babel's formatting takes 50 µs a number, and a page of the tracker writes a hundred: the
    same few counts, worked out once."""
    return format_decimal(value, locale=_LOCALES[language])


def day(value: str | dt.date | None) -> str:
    """A date as the locale writes it; English as it is (ISO). What is no ISO date (``May 6 (2021?)``,
    ``date not stated``) is translated when the catalogue has it, else left as it is."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not _ISO_DAY.fullmatch(text[:10]):
        return _without_year(text) or gettext(text)
    if current() == DEFAULT:
        return text
    return format_date(dt.date.fromisoformat(text[:10]), format="long", locale=_LOCALES[current()]) + text[10:]


# A date without its year as the store labels it (:func:`cooptrack.render.date_label`): "June 28
# (2023–2026?)", the years from officials' terms of office, or "June 28 (year?)" with none.
# A person's appearance writes it "June 28, 2023–2026?" or "June 28, year unknown" (people.Appearance.when).
_NO_YEAR = re.compile(
    r"(?P<date>.+?)(?: \((?:(?P<lo>\d{4})(?:–(?P<hi>\d{4}))?|year)\?\)"
    r"|, (?:(?P<lo2>\d{4})(?:–(?P<hi2>\d{4}))?\?|year unknown))"
)

_YEARS_ONLY = re.compile(r"(\d{4})(?:–(\d{4}))?\?")


def _without_year(text: str) -> str | None:
    """The date as written, saying that its year is not stated and what the officials' terms allow:
    "June 28 — year not stated; 2023–2026 from officials' terms" (the same words on every page)."""
    bare = _YEARS_ONLY.fullmatch(text)
    if bare:
        years = bare[1] if bare[2] in (None, bare[1]) else f"{bare[1]}–{bare[2]}"
        return gettext("date not stated; {years} from officials' terms").format(years=years)
    found = _NO_YEAR.fullmatch(text)
    if found is None:
        return None
    lo, hi = found["lo"] or found["lo2"], found["hi"] or found["hi2"]
    if lo is None:
        return gettext("{date} — year not stated").format(date=found["date"])
    years = lo if hi in (None, lo) else f"{lo}–{hi}"
    return gettext("{date} — year not stated; {years} from officials' terms").format(date=found["date"], years=years)


# Sentences the Python code writes (knowledge/changes.py, commitments.py, series.py, people.py): each
# is a message of the catalogue with its placeholders, recognised in the finished English sentence
# and written again in the current language, the placeholders' values carried over (themselves
# translated when they are a message). The code that writes them stays free of the web's languages.
SENTENCES = (
    "wording {score}% alike",
    "wording {score}% alike (threshold {threshold}%)",
    "confirmed by {who} on {day}",
    "1 measure carried over",
    "{n} measures carried over",
    "plenary {numbers} not in the store",
    "plenaries {numbers} not in the store",
    "{series} meeting {numbers} not in the store",
    "{series} meetings {numbers} not in the store",
    "named with this post in 1 release",
    "named with this post in {n} releases",
    "terms of office table",
    "{written} is {name} in the table of principal officials' terms of office",
    "{one} and {other} are both {name} in the table of principal officials' terms of office",
    "{spellings} are the same name once Traditional and Simplified characters are folded",
    "{spellings} are the same name once case, hyphens and honorifics are set aside",
    "{zh} is {en}: the pinyin of the Chinese name ({reading}) is the English spelling",
    "not the same person as {other}: decided by {who}",
    "{name} could be {names}: not merged (several fit)",
    "{short} is {long} without {words}, and no other person stored fits",
    '"{name}" is also named at meetings with {others}: not merged (a Mainland name is compared within one '
    'partner; say "{choice}" to decide)',
    # what changed between two meetings (knowledge/changes.py, the briefing's lines)
    'Area renamed: "{earlier}" became "{later}" ({basis}).',
    'Area added: "{heading}".',
    'Area dropped: "{heading}".',
    "Not repeated: {text}",
    "Not found in {where}: {text}",
    "Measures: {summary}.",
    "{unchanged} carried over unchanged, {reworded} reworded, {new}, {dropped}; {agreements}",
    "1 measure",
    "{n} measures",
    "{n} new",
    "{n} dropped",
    "1 agreement signed",
    "{n} agreements signed",
    # how a release was read (completeness.py), the briefing's facts
    "{areas} (the release announces {declared})",
    "read with {count}, the copy stops mid-way",  # before the shorter: the first that fits is taken
    "read with {count}",
    "{n} of {declared} areas",
    "no area or measure stated",
    "headings {score}% alike",
    "headings {score}% alike, {carried}",
    "The {meeting}'s release was {how}: its measures cannot be compared; it is left out of the comparison.",
    "The {meeting}'s release was {how}: its measures cannot be compared",
    "The {meeting}'s release was {how}: its measures can be compared only in part "
    "(a measure not found in it may be in the part not read)",
    # why a meeting's year is what it is (knowledge/years.py); the first pattern that fits is taken
    "{name} was {post} from {start} to {end}",
    "{name} has been {post} since {start}",
    "{conclusion}; the 1 other official named held theirs then too",
    "{conclusion}; the {n} other officials named held theirs then too",
    "{name} held that post on {date} only in {year}",
    "{name} held that post on {date} in {years}",
    "{name} held that post only in {year}",
    "{name} held that post in {years}",
    "{named} held these posts together on {date} only in {year}",
    "{named} held these posts together on {date} in {years}",
    "{named} held these posts together only in {year}",
    "{named} held these posts together in {years}",
    "{named} never held these posts together in the table of terms of office: no year inferred",
    "terms still running are known up to {checked}, when the table was last checked",
    "the report was published on {published}, so the meeting was held by then",
    "the announcement was published on {published}, so the meeting is held then or later",
    # what a page or a form says went wrong (serve/errors.py, forms.py, views/queries.py)
    "nothing here",
    "this address does not take that method",
    "wrong name or password",
    "a password needs at least {n} characters",
    "this form has expired or did not come from this site: reload the page and try again",
    'no meeting "{ref}"',
    'no person "{ref}"',
    'no mechanism "{ref}" (known: {known})',
    'no measure with key "{ref}"',
    '"{ref}": give at least six characters of a key (cooptrack commitments list)',
    "no briefing as .{fmt} ({formats})",
    "too many expensive requests from this address: try again in {n} s, or sign in",
    "{name} may not change anything",
    "choose one of the statuses listed",
    # the tracker's latest word on a measure, in the briefing (views/brief.py _progress)
    "{status} ({day}, recorded by {who}, {kind} evidence: {note})",
    "{status} ({day}, recorded by {who}, {kind} evidence)",
    "{status} ({day}, recorded by {who}: {note})",
    "{status} ({day}, recorded by {who})",
)


# The placeholders whose values are the code's words too (translated in turn); the others are
# document text (headings, measures, names, meetings) and stay as written.
_SAID_TOO = frozenset({"summary", "unchanged", "reworded", "new", "dropped", "agreements", "basis", "series", "count",
                       "conclusion", "carried", "how", "meeting", "status", "kind"})  # fmt: skip
_DAYS = frozenset({"start", "end", "checked", "published", "day"})  # ISO days, written as the locale writes them


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    found = []
    for message in SENTENCES:
        parts = re.split(r"\{(\w+)\}", message)
        pattern = "".join(
            re.escape(part) if i % 2 == 0 else rf"(?P<{part}>\d+)" if part == "n" else f"(?P<{part}>.+?)"
            for i, part in enumerate(parts)
        )  # a count is digits only: "{n} new" never reads a measure that ends in "new"
        found.append((re.compile(pattern), message))
    return tuple(found)


# A meeting as the briefing names it (views/brief.py: "Third plenary session", "21st plenary session").
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_MEETING = re.compile(
    r"(?:(?P<word>" + "|".join(_ORDINALS) + r")|(?P<n>\d+)(?:st|nd|rd|th)) (?P<kind>"
    r"plenary session|high-level meeting cum plenary session|high-level meeting|working meeting|meeting|plenary)",
    re.IGNORECASE,
)


def _meeting(text: str) -> str | None:
    found = _MEETING.fullmatch(text)
    if found is None:
        return None
    n = found["n"] or str(_ORDINALS.index(found["word"].casefold()) + 1)
    return gettext("{kind} {n}").format(n=n, kind=gettext(found["kind"].casefold()))


def said(text: str | None) -> str:
    """A sentence the Python code wrote, in the current language: a message of the catalogue as it
    is, or one of :data:`SENTENCES` with its values put back; else the text as it is."""
    if not text:
        return ""
    found = catalogue(current()).get(text)
    if isinstance(found, str):
        return found
    if current() == DEFAULT:
        return text
    if _ISO_DAY.fullmatch(text) or _NO_YEAR.fullmatch(text) or _YEARS_ONLY.fullmatch(text):
        return day(text)  # a day the code wrote (ISO, or without its year), as the locale writes it
    meeting = _meeting(text)
    if meeting is not None:
        return meeting
    for pattern, message in _patterns():
        match = pattern.fullmatch(text)
        if match:
            values = {
                k: said(v) if k in _SAID_TOO else day(v) if k in _DAYS else v for k, v in match.groupdict().items()
            }
            return gettext(message).format(**values)
    return text


def template_helpers() -> dict[str, object]:
    """What every template may call: ``_``, ``ngettext``, ``num``, ``day``, ``said`` (a sentence the code
    wrote), the languages, the current one."""
    return {"_": gettext, "ngettext": ngettext, "num": number, "day": day, "said": said, "languages": LANGUAGES,
            "language": current}  # fmt: skip
