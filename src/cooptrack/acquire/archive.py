"""The Government's press-release archive: daily index pages, release links, and what to pick.

Each day of the archive has an index page, ``<archive>YYYYMM/DD.htm`` (the archive being
``https://www.info.gov.hk/gia/general/``), listing the day's releases as links inside
``div.leftBody`` elements. A release link is recognised by its file name: ``P2023112900501.htm``
(the letter P, the date, a serial number), ``0610166.htm`` before about 2008 (month, day, serial
number), and either with ``p`` before ``.htm`` for the printer-friendly page.

:func:`pick` decides from a headline alone whether a release reports or announces a meeting of a
co-operation mechanism, and says why, using the extractor's own relevance rules
(:func:`cooptrack.extract.meeting.relevance`), so the crawler and the parser share one vocabulary.
It leans to recall: the parser reads each picked release in full and has the last word.

:func:`crawl` walks the days from ``since`` to ``until``, reading each index and each picked
release through the page cache, and yields what happened as events; the caller parses and stores.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from cooptrack import config
from cooptrack.acquire.cache import Page, PageCache
from cooptrack.acquire.decode import decode
from cooptrack.acquire.http import HttpClient
from cooptrack.errors import FetchError, HTTPStatusError, InputError, RefusedURL
from cooptrack.extract import meeting as M
from cooptrack.extract import patterns as P
from cooptrack.extract.gazetteer import partner_name

HKT = dt.timezone(dt.timedelta(hours=config.ARCHIVE_UTC_OFFSET_HOURS))
_RELEASE_NAME = re.compile(r"^(?P<stem>P\d{13}|\d{7})(?P<printable>p)?\.htm$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


# --- names and pages -----------------------------------------------------------------------------


def index_url(day: dt.date, archive: str = config.ARCHIVE_URL) -> str:
    """The index page of one day: ``<archive>YYYYMM/DD.htm``."""
    return f"{archive.rstrip('/')}/{day:%Y%m}/{day:%d}.htm"


@dataclass(frozen=True)
class ReleaseName:
    """What a release page's file name says: its stem, and whether it is the printer-friendly page."""

    stem: str  # "P2023112900501" or "0610166"
    printable: bool

    @property
    def pre_2008(self) -> bool:
        return not self.stem.upper().startswith("P")


def release_name(url: str) -> ReleaseName | None:
    """The release a URL names, or None when its file name is not a release's."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    match = _RELEASE_NAME.match(name)
    if match is None:
        return None
    stem = match["stem"]
    return ReleaseName(stem="P" + stem[1:] if stem[0] in "pP" else stem, printable=bool(match["printable"]))


@dataclass(frozen=True)
class Listing:
    """One release listed on a day's index page."""

    day: dt.date
    title: str
    url: str  # absolute, as linked
    name: ReleaseName


def read_index(html: str, page_url: str, day: dt.date) -> list[Listing]:
    """The releases an index page lists in its ``div.leftBody`` elements, each once, in order.

    Raises an InputError when the page has no ``div.leftBody`` at all (it is not a daily index, or
    the archive's layout changed): a day is never taken for empty in silence.
    """
    tree = LexborHTMLParser(html)
    lists = tree.css("div.leftBody")
    if not lists:
        raise InputError(page_url, "is not a daily index page (no div.leftBody listing releases)")
    seen: set[str] = set()
    out: list[Listing] = []
    for block in lists:
        for link in block.css("a[href]"):
            url = urljoin(page_url, (link.attributes.get("href") or "").strip())
            name = release_name(url)
            if name is None or name.stem in seen:
                continue
            seen.add(name.stem)
            title = _SPACES.sub(" ", link.text(deep=True)).strip()
            out.append(Listing(day=day, title=title, url=url, name=name))
    return out


# --- picking from headlines -----------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    picked: bool
    reason: str


def pick(title: str) -> Decision:
    """Whether a headline reports or announces a meeting of a co-operation mechanism, and why."""
    if not title:
        return Decision(False, "the index gives it no headline")
    mechanism, others = M.main_mechanism(title, "")
    why_not = M.relevance(title, "", mechanism, others)
    if mechanism is not None and why_not is None:
        return Decision(True, f"its headline names a meeting of the {mechanism.name}")
    if mechanism is None and not others:
        paired = _paired_meeting(title)
        if paired is not None:
            return Decision(True, paired)
    return Decision(False, _headline_reason(why_not or "names no meeting of a co-operation mechanism"))


def _headline_reason(reason: str) -> str:
    """The extractor's reason, said of the headline ("names no ..." → "its headline names no ...")."""
    return f"its headline {reason}" if reason.startswith(("names ", "does ")) else reason


def _paired_meeting(title: str) -> str | None:
    """A headline naming no mechanism that pairs Hong Kong with a partner and names a meeting."""
    if P.is_party_plenum(title):
        return None
    for pair in P.TITLE_PAIR.finditer(title):
        partner = partner_name(pair["a"] or pair["b"])
        mentions = M.meeting_mentions(title)
        if partner and mentions:
            kind = mentions[0].kind.value.replace("_", " ").replace("high level", "high-level")
            return f"its headline pairs Hong Kong with {partner} and names a {kind}"
        meeting = _MEETING_WORD.search(title)
        if partner and meeting:  # "HK, Shenzhen sign co-operation agreements at meeting": the release decides
            return f"its headline pairs Hong Kong with {partner} and speaks of a {meeting[0].lower()}"
    return None


_MEETING_WORD = re.compile(r"(?i)\b(?:meeting|conference)\b")


# --- crawling -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrawlPlan:
    since: dt.date
    until: dt.date
    archive: str = config.ARCHIVE_URL
    refresh: bool = False


@dataclass(frozen=True)
class IndexRead:
    day: dt.date
    page: Page
    listed: int


@dataclass(frozen=True)
class Decided:
    listing: Listing
    decision: Decision


@dataclass(frozen=True)
class Fetched:
    listing: Listing
    page: Page


@dataclass(frozen=True)
class Failed:
    day: dt.date
    url: str
    error: InputError
    lasting: bool  # asking again will not help (a 404, a refused URL, a page that is not text)


@dataclass(frozen=True)
class DayDone:
    day: dt.date
    complete: bool  # its index was read after the day ended, and every picked release was read


Event = IndexRead | Decided | Fetched | Failed | DayDone


def days(since: dt.date, until: dt.date) -> Iterator[dt.date]:
    day = since
    while day <= until:
        yield day
        day += dt.timedelta(days=1)


def crawl(plan: CrawlPlan, cache: PageCache, client: HttpClient) -> Iterator[Event]:
    """Walk the archive day by day, yielding what was read, picked, skipped and failed.

    Raises a RefusedURL at once when the archive itself is not one the client may fetch from.
    """
    client.check(index_url(plan.since, plan.archive))
    for day in days(plan.since, plan.until):
        yield from _crawl_day(day, plan, cache, client)


def _crawl_day(day: dt.date, plan: CrawlPlan, cache: PageCache, client: HttpClient) -> Iterator[Event]:
    url = index_url(day, plan.archive)
    try:
        page = cache.fetch(url, client, refresh=plan.refresh, valid=lambda cached: day_over(day, cached.fetched_at))
        listings = read_index(decode(page.body, url)[0], page.final_url, day)
    except InputError as exc:
        yield Failed(day, url, exc, lasting=_lasting(exc))
        yield DayDone(day, complete=_no_index(exc))
        return
    yield IndexRead(day, page, len(listings))
    complete = day_over(day, page.fetched_at)
    for listing in listings:
        decision = pick(listing.title)
        yield Decided(listing, decision)
        if not decision.picked:
            continue
        try:
            release = cache.fetch(listing.url, client, refresh=plan.refresh)
        except InputError as exc:
            complete = complete and _lasting(exc)
            yield Failed(day, listing.url, exc, lasting=_lasting(exc))
            continue
        yield Fetched(listing, release)
    yield DayDone(day, complete)


def day_over(day: dt.date, at: dt.datetime) -> bool:
    """Whether ``at`` is after the end of ``day`` in Hong Kong (its index can list no more)."""
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=HKT)
    return at >= end


def today() -> dt.date:
    """Today in Hong Kong, the archive's calendar."""
    return dt.datetime.now(HKT).date()


def _no_index(exc: InputError) -> bool:
    """The archive has no index for the day (so the day is done); any other failure leaves it to do."""
    return isinstance(exc, HTTPStatusError) and exc.status in (404, 410)


def _lasting(exc: InputError) -> bool:
    """A failure that asking again will not mend: only network errors and 5xx answers might pass."""
    if isinstance(exc, HTTPStatusError):
        return exc.status < 500
    return isinstance(exc, RefusedURL) or not isinstance(exc, FetchError)
