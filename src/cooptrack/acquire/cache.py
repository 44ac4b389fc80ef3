"""Raw pages on disk, by URL and content hash, and the crawl's state: nothing is fetched twice.

::

    <cache>/pages/ab/<sha256 of the URL>.json   what was fetched for a URL: where it ended up,
                                                the HTTP status, when, and the body's sha256
    <cache>/bodies/cd/<sha256 of the body>      the raw bytes, as received
    <cache>/crawl-state.json                    per archive: the last day crawled completely

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


class CrawlState:
    """For each archive, the last day whose index and picked releases were all read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._path = root / _STATE

    def last_day(self, archive: str) -> dt.date | None:
        entry = _read_json(self._path).get(archive)
        try:
            return dt.date.fromisoformat(entry["last_complete_day"]) if isinstance(entry, dict) else None
        except (KeyError, TypeError, ValueError):
            return None

    def mark_done(self, archive: str, day: dt.date) -> None:
        """Record ``day`` as crawled completely (the state never moves back)."""
        last = self.last_day(archive)
        if last is not None and last >= day:
            return
        state = _read_json(self._path)
        state[archive] = {"last_complete_day": day.isoformat(), "at": dt.datetime.now(dt.UTC).isoformat()}
        _write_atomically(self._path, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"), self.root)


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
