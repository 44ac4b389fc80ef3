"""Settings, read explicitly when a command runs (never at import)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

DEFAULT_DB = "sqlite:///./cooptrack.db"  # a file in the current folder
DB_ENV = "COOPTRACK_DB"
PROGRESS_MIN_FILES = 20  # a progress bar for runs this long or longer (on a terminal only)
PIPE_WIDTH = 200  # the width of tables written to a file or a pipe (unless $COLUMNS says otherwise)
INGEST_BATCH = 200  # documents written in one transaction by ingest and reparse (each still all or nothing)
PARSE_TIME_CAP_SECONDS = 60.0  # a parse running longer is stopped and its file fails (normal pages: under 1 s)


def database_url(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The database to use: ``--db``, else ``$COOPTRACK_DB``, else ``./cooptrack.db``."""
    env = os.environ if environ is None else environ
    return option or env.get(DB_ENV) or DEFAULT_DB


# --- fetching and crawling -----------------------------------------------------------------------

ARCHIVE_URL = "https://www.info.gov.hk/gia/general/"  # daily index pages: <ARCHIVE_URL>YYYYMM/DD.htm
ALLOWED_HOSTS = ("*.gov.hk",)  # hosts requests and redirects may go to ("*." also allows the bare domain)
REQUESTS_PER_SECOND = 1.0  # the crawler's pace, across every request it makes (retries and redirects too)
TIMEOUT_SECONDS = 30.0  # to connect, and between two reads of a response
RETRIES = 3  # further attempts after a network error, a time-out or a 5xx answer (never after a 4xx)
BACKOFF_SECONDS = 2.0  # the wait before the first retry, doubled before each next one
MAX_REDIRECTS = 5
MAX_RETRY_AFTER_SECONDS = 600.0  # the longest wait a 429 or 503's Retry-After is honoured for
DEFAULT_CACHE = "./cooptrack-cache"  # raw pages and crawl state, beside ./cooptrack.db
CACHE_ENV = "COOPTRACK_CACHE"
ARCHIVE_UTC_OFFSET_HOURS = 8  # the archive's days are Hong Kong days (HKT, UTC+8)


def user_agent(rate: float = REQUESTS_PER_SECOND) -> str:
    """The User-Agent every request carries: the tool, its version, what it does, and its pace."""
    from cooptrack import __version__

    pace = "no limit" if rate <= 0 else f"{rate:g} request/s" if rate == 1 else f"{rate:g} requests/s"
    return f"cooptrack/{__version__} (reads HKSAR Government press releases on co-operation conferences; {pace})"


def cache_dir(option: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The page cache: ``--cache``, else ``$COOPTRACK_CACHE``, else ``./cooptrack-cache``."""
    env = os.environ if environ is None else environ
    return option or Path(env.get(CACHE_ENV) or DEFAULT_CACHE)
