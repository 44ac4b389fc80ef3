"""Settings, read explicitly when a command runs (never at import)."""

from __future__ import annotations

import os
from collections.abc import Mapping

DEFAULT_DB = "sqlite:///./cooptrack.db"  # a file in the current folder
DB_ENV = "COOPTRACK_DB"
PROGRESS_MIN_FILES = 20  # a progress bar for runs this long or longer (on a terminal only)
PIPE_WIDTH = 200  # the width of tables written to a file or a pipe (unless $COLUMNS says otherwise)


def database_url(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The database to use: ``--db``, else ``$COOPTRACK_DB``, else ``./cooptrack.db``."""
    env = os.environ if environ is None else environ
    return option or env.get(DB_ENV) or DEFAULT_DB
