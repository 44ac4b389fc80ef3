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
    return "" if value is None else format_decimal(value, locale=_LOCALES[current()])


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


def template_helpers() -> dict[str, object]:
    """What every template may call: ``_``, ``ngettext``, ``num``, ``day``, the languages, the current one."""
    return {"_": gettext, "ngettext": ngettext, "num": number, "day": day, "languages": LANGUAGES, "language": current}
