"""The command line (Typer + Rich): each command reads its options, calls the library, renders.

:mod:`.base` holds the app and what every command shares; each other module registers its
commands on the app when imported: :mod:`.core` (parse, ingest, list, show, search, export),
:mod:`.acquire` (fetch, crawl), :mod:`.commitments` (commitments list|show|split|join).
"""

from cooptrack.cli import acquire, commitments, core, db, knowledge, web
from cooptrack.cli.base import app

__all__ = ["acquire", "app", "commitments", "core", "db", "knowledge", "web"]
