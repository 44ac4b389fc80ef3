"""Raw pages on disk, by URL and content hash, and the crawl's state: nothing is fetched twice.

::

    <cache>/pages/ab/<sha256 of the URL>.json   what was fetched for a URL: where it ended up,
                                                the HTTP status, when, and the body's sha256
    <cache>/bodies/cd/<sha256 of the body>      the raw bytes, as received
    <cache>/crawl-state.json                    per archive: the ledger of days crawled, done or not

:meth:`PageCache.fetch` answers from the cache unless asked to refresh (or unless the caller's
``valid`` test rejects the cached copy, as the crawler does for a day's index read before the day
was over). A page that answered 404 or 410 is remembered too, so a resumed crawl does not ask for
it again. Every file is written to a temporary name and renamed into place, the body before the
entry that points to it, so a process killed at any moment leaves the cache consistent: at worst
a page fetched but not yet recorded is fetched once more. A damaged entry or body counts as not
cached.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cooptrack.acquire.decode import http_charset
from cooptrack.acquire.files import Document, document_from_bytes
from cooptrack.acquire.http import HttpClient
from cooptrack.errors import CooptrackError, HTTPStatusError

_REMEMBERED_STATUSES = frozenset({404, 410})  # answers that will not change: kept like pages
_STATE = "crawl-state.json"
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Page:
    """A page as fetched (or as remembered from an earlier fetch)."""

    url: str  # as asked for: the page's identity
    final_url: str  # after redirects
    status: int
    content_type: str | None
    body: bytes
    sha256: str
    fetched_at: dt.datetime
    from_cache: bool = False

    def document(self) -> Document:
        """The page decoded (the charset of its HTTP header first), named by its URL's last part, dated when fetched."""
        name = urlsplit(self.url).path.rsplit("/", 1)[-1] or self.url
        charset = http_charset(self.content_type)
        doc = document_from_bytes(self.body, source=name, uri=self.url, label=self.url, charset=charset)
        return replace(doc, fetched_at=self.fetched_at)


class PageCache:
    """The pages fetched so far, in a folder (made when first written)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def fetch(
        self, url: str, client: HttpClient, *, refresh: bool = False, valid: Callable[[Page], bool] | None = None
    ) -> Page:
        """The page at ``url``: from the cache when there (and ``valid``), else from the network."""
        if not refresh:
            cached = self.get(url)
            if cached is not None and (valid is None or valid(cached)):
                if cached.status in _REMEMBERED_STATUSES:
                    when = f"{cached.fetched_at:%Y-%m-%d}"
                    problem = f"HTTP {cached.status} when asked on {when} (--refresh asks again)"
                    raise HTTPStatusError(url, problem, cached.status)
                return cached
        try:
            response = client.get(url)
        except HTTPStatusError as exc:
            if exc.status in _REMEMBERED_STATUSES:
                self._write_entry(url, url, exc.status, None, None, dt.datetime.now(dt.UTC))
            raise
        digest = hashlib.sha256(response.body).hexdigest()
        self._write_body(digest, response.body)
        self._write_entry(url, response.final_url, response.status, response.content_type, digest, response.fetched_at)
        return Page(
            url=url, final_url=response.final_url, status=response.status, content_type=response.content_type,
            body=response.body, sha256=digest, fetched_at=response.fetched_at,
        )  # fmt: skip

    def get(self, url: str) -> Page | None:
        """The cached page for ``url``, or None when there is none (or it is damaged)."""
        entry = _read_json(self._entry_path(url))
        try:
            status = int(entry["status"])
            fetched_at = dt.datetime.fromisoformat(entry["fetched_at"])
            digest = entry["sha256"]
            final_url = str(entry["final_url"])
            content_type = entry.get("content_type")
        except (KeyError, TypeError, ValueError):
            return None
        if digest is not None and not _SHA256.fullmatch(str(digest)):
            return None  # damaged: it would name a file elsewhere than the cache's bodies
        body = b""
        if digest is not None:
            try:
                body = self._body_path(str(digest)).read_bytes()
            except OSError:
                return None
            if hashlib.sha256(body).hexdigest() != digest:
                return None
        return Page(url, final_url, status, content_type, body, digest or "", fetched_at, from_cache=True)

    # --- files ---------------------------------------------------------------------------------

    def _entry_path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / "pages" / key[:2] / f"{key}.json"

    def _body_path(self, digest: str) -> Path:
        return self.root / "bodies" / digest[:2] / digest

    def _write_body(self, digest: str, body: bytes) -> None:
        path = self._body_path(digest)
        if not _holds(path, digest):  # absent, or damaged: written (again)
            _write_atomically(path, body, self.root)

    def _write_entry(
        self, url: str, final_url: str, status: int, content_type: str | None, digest: str | None, when: dt.datetime
    ) -> None:
        entry = {
            "url": url, "final_url": final_url, "status": status, "content_type": content_type,
            "sha256": digest, "fetched_at": when.isoformat(),
        }  # fmt: skip
        _write_atomically(self._entry_path(url), json.dumps(entry, indent=1).encode("utf-8"), self.root)


class DayStatus(StrEnum):
    """What the ledger knows of a day of an archive."""

    DONE = "done"  # its index read after the day ended, and every picked release read (or lastingly refused)
    EMPTY = "empty"  # no index page at all (404 or 410) once the day was over: nothing published; done
    INCOMPLETE = "incomplete"  # tried, not done: crawled again by ``--since last``


class CrawlState:
    """The crawl ledger: for each archive, every day crawled and whether it is done.

    Kept per archive in ``crawl-state.json`` as ranges of days done (empty days included), the
    days without an index (``empty``) and the days tried but not done (``incomplete``). A day done
    stays done. :meth:`resume_day` is the earliest day not done from the first day ever crawled,
    so a day left undone is crawled again however many later days were done since: no day is
    ever skipped. An older state file (the last complete day only) reads as one range of one day.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._path = root / _STATE

    def record(self, archive: str, day: dt.date, status: DayStatus) -> None:
        """Write down what became of ``day`` (a day done is never undone)."""
        ledger = _Ledger.read(_read_json(self._path).get(archive))
        ledger.record(day, status)
        state = _read_json(self._path)
        state[archive] = ledger.dump()
        _write_atomically(self._path, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"), self.root)

    def mark_done(self, archive: str, day: dt.date) -> None:
        """Record ``day`` as crawled completely."""
        self.record(archive, day, DayStatus.DONE)

    def status(self, archive: str, day: dt.date) -> DayStatus | None:
        """What the ledger says of ``day``; None for a day never crawled."""
        return _Ledger.read(_read_json(self._path).get(archive)).status(day)

    def last_day(self, archive: str) -> dt.date | None:
        """The last day of the unbroken run of days done from the first day crawled (None: not one)."""
        return _Ledger.read(_read_json(self._path).get(archive)).last_day()

    def resume_day(self, archive: str) -> dt.date | None:
        """The earliest day not done, from the first day crawled; None when nothing was ever crawled."""
        return _Ledger.read(_read_json(self._path).get(archive)).resume_day()

    def done_days(self, archive: str, since: dt.date, until: dt.date) -> frozenset[dt.date]:
        """The days from ``since`` to ``until`` that are done (a ``--since last`` run skips them)."""
        ledger = _Ledger.read(_read_json(self._path).get(archive))
        found = set()
        for start, end in ledger.ranges:
            day = max(start, since)
            while day <= min(end, until):
                found.add(day)
                day += dt.timedelta(days=1)
        return frozenset(found)


@dataclass
class _Ledger:
    """One archive's ledger: merged ranges of days done, the empty days, the incomplete days."""

    ranges: list[tuple[dt.date, dt.date]]
    empty: set[dt.date]
    incomplete: set[dt.date]

    @classmethod
    def read(cls, entry: Any) -> _Ledger:
        ledger = cls([], set(), set())
        if not isinstance(entry, dict):
            return ledger
        try:
            if "ranges" in entry:
                ledger.ranges = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in entry["ranges"]]
                ledger.empty = {dt.date.fromisoformat(d) for d in entry.get("empty", [])}
                ledger.incomplete = {dt.date.fromisoformat(d) for d in entry.get("incomplete", [])}
            elif entry.get("last_complete_day"):  # the state of an older version: one day known
                last = dt.date.fromisoformat(entry["last_complete_day"])
                ledger.ranges = [(last, last)]
        except (TypeError, ValueError):
            return cls([], set(), set())
        return ledger

    def dump(self) -> dict[str, Any]:
        return {
            "ranges": [[a.isoformat(), b.isoformat()] for a, b in self.ranges],
            "empty": sorted(d.isoformat() for d in self.empty),
            "incomplete": sorted(d.isoformat() for d in self.incomplete),
            "last_complete_day": last.isoformat() if (last := self.last_day()) else None,
            "at": dt.datetime.now(dt.UTC).isoformat(),
        }

    def status(self, day: dt.date) -> DayStatus | None:
        if any(a <= day <= b for a, b in self.ranges):
            return DayStatus.EMPTY if day in self.empty else DayStatus.DONE
        return DayStatus.INCOMPLETE if day in self.incomplete else None

    def record(self, day: dt.date, status: DayStatus) -> None:
        if status is DayStatus.INCOMPLETE:
            if self.status(day) is None:
                self.incomplete.add(day)
            return
        self.incomplete.discard(day)
        if status is DayStatus.EMPTY:
            self.empty.add(day)
        merged: list[tuple[dt.date, dt.date]] = []
        for start, end in sorted([*self.ranges, (day, day)]):
            if merged and start <= merged[-1][1] + dt.timedelta(days=1):
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.ranges = merged

    def first_day(self) -> dt.date | None:
        starts = [a for a, _ in self.ranges] + list(self.incomplete)
        return min(starts) if starts else None

    def last_day(self) -> dt.date | None:
        first = self.first_day()
        if first is None or not self.ranges or self.ranges[0][0] != first:
            return None
        return self.ranges[0][1]

    def resume_day(self) -> dt.date | None:
        first = self.first_day()
        if first is None:
            return None
        last = self.last_day()
        return first if last is None else last + dt.timedelta(days=1)


def _holds(path: Path, digest: str) -> bool:
    """Whether the file at ``path`` holds bytes of this sha256."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomically(path: Path, data: bytes, root: Path) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise CooptrackError(f"{root}: the page cache cannot be written ({exc.strerror or exc})") from exc
