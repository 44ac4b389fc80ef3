"""The Government's press-release archive: daily index pages, release links, and what to pick.

Each day of the archive has an index page, ``<archive>YYYYMM/DD.htm`` (the archive being
``https://www.info.gov.hk/gia/general/``), listing the day's releases as links. A release link is
recognised by its file name: ``P2023112900501.htm`` (the letter P, the date, a serial number),
``0610166.htm`` before about 2008 (month, day, serial number), and either with ``p`` before
``.htm`` for the printer-friendly page. The list has sat in different containers over the years
([ACQ-INDEX]): ``div.leftBody`` elements, a list with the id ``prlist``, a list with the class
``list``, links with the class ``NEW``; :func:`read_index` tries each, and when none holds a
release it takes every link of the page whose file name is a release of the day. A day without
an index page (404) is a day with nothing published: done, not failed.

:func:`pick` (:mod:`cooptrack.acquire.pick`) decides from a headline alone whether a release may
report or announce a meeting of a co-operation mechanism, and says why. It leans to recall: the
parser reads each picked release in full and has the last word.

:func:`crawl` walks the days from ``since`` to ``until``, reading each index and each picked
release through the page cache, and yields what happened as events; the caller parses and stores.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cooptrack import config
from cooptrack.acquire.cache import Page, PageCache
from cooptrack.acquire.decode import decode, http_charset
from cooptrack.acquire.http import HttpClient
from cooptrack.acquire.pick import Decision as Decision  # re-exported: the crawler's picks
from cooptrack.acquire.pick import pick as pick
from cooptrack.errors import FetchError, HTTPStatusError, InputError, RefusedURL

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

    def of_day(self, day: dt.date) -> bool:
        """Whether the name dates the release to ``day`` (P + YYYYMMDD, or MMDD before 2008)."""
        return self.stem[:4] == f"{day:%m%d}" if self.pre_2008 else self.stem[1:9] == f"{day:%Y%m%d}"


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
    """The releases a day's index page lists, each once, in order.

    The known containers are tried in turn (:data:`CONTAINERS`); the first that lists a release of
    the day gives the list. When none does, every link of the page whose file name is a release of
    the day is taken. A link whose file name dates it to another day (a side bar's highlights) is
    not the day's. Raises an InputError when the page has neither a known container nor a link to
    a release (it is not a daily index): a day is never taken for empty in silence.
    """
    tree = LexborHTMLParser(html)
    containers = False
    for selector in CONTAINERS:
        nodes = tree.css(selector)
        containers = containers or bool(nodes)
        listings = _listings(_links(nodes), page_url, day)
        if listings:
            return listings
    listings = _listings(tree.css("a[href]"), page_url, day)
    if not listings and not containers:
        raise InputError(page_url, "is not a daily index page (no list of releases, no link to a release)")
    return listings


# Where a day's list of releases has sat over the years: the current layout first.
CONTAINERS = ("div.leftBody", "#prlist", ".list", "a.NEW")


def _links(nodes: list[LexborNode]) -> Iterator[LexborNode]:
    for node in nodes:
        if node.tag == "a":
            yield node
        else:
            yield from node.css("a[href]")


def _listings(links: Iterable[LexborNode], page_url: str, day: dt.date) -> list[Listing]:
    """The links that name releases of the day, each release once (a later link may give the
    headline an icon's link lacked)."""
    found: dict[str, Listing] = {}
    for link in links:
        url = urljoin(page_url, (link.attributes.get("href") or "").strip())
        name = release_name(url)
        if name is None or not name.of_day(day):
            continue
        title = _SPACES.sub(" ", link.text(deep=True)).strip()
        if name.stem not in found or (title and not found[name.stem].title):
            found[name.stem] = Listing(day=day, title=title, url=url, name=name)
    return list(found.values())


# --- crawling -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrawlPlan:
    since: dt.date
    until: dt.date
    archive: str = config.ARCHIVE_URL
    refresh: bool = False
    skip: frozenset[dt.date] = frozenset()  # days known to be done (the ledger's), not crawled again


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
class NoIndex:
    """The archive has no index page for the day (404 or 410): nothing was published that day."""

    day: dt.date
    url: str


@dataclass(frozen=True)
class DayDone:
    day: dt.date
    complete: bool  # its index was read after the day ended, and every picked release was read


Event = IndexRead | NoIndex | Decided | Fetched | Failed | DayDone


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
        if day not in plan.skip:
            yield from _crawl_day(day, plan, cache, client)


def _crawl_day(day: dt.date, plan: CrawlPlan, cache: PageCache, client: HttpClient) -> Iterator[Event]:
    url = index_url(day, plan.archive)
    try:
        page = cache.fetch(url, client, refresh=plan.refresh, valid=lambda cached: day_over(day, cached.fetched_at))
        listings = read_index(decode(page.body, url, http_charset(page.content_type))[0], page.final_url, day)
    except InputError as exc:
        if _no_index(exc):  # not a failure; done once the day is over (today's may come yet)
            yield NoIndex(day, url)
            yield DayDone(day, complete=day_over(day, _now()))
            return
        yield Failed(day, url, exc, lasting=_lasting(exc))
        yield DayDone(day, complete=False)
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
    return _now().date()


def _now() -> dt.datetime:
    return dt.datetime.now(HKT)


def _no_index(exc: InputError) -> bool:
    """The archive has no index for the day (so the day is done); any other failure leaves it to do."""
    return isinstance(exc, HTTPStatusError) and exc.status in (404, 410)


def _lasting(exc: InputError) -> bool:
    """A failure that asking again will not mend: only network errors and 5xx answers might pass."""
    if isinstance(exc, HTTPStatusError):
        return exc.status < 500
    return isinstance(exc, RefusedURL) or not isinstance(exc, FetchError)
