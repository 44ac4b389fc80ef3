"""Settings, read once and explicitly when a command runs (never at import)."""

from __future__ import annotations

import os

DEFAULT_DB = "sqlite:///cooptrack.db"


def database_url(option: str | None = None) -> str:
    """The database to use: ``--db``, else ``COOPTRACK_DB``, else ``./cooptrack.db``."""
    return option or os.environ.get("COOPTRACK_DB") or DEFAULT_DB
