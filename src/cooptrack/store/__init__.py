"""Store: the only code that talks to the database (SQLite by default, any SQLAlchemy URL).

:class:`Store` opens (and migrates) a database and holds every query; :mod:`.models` is the
schema, :mod:`.derive` turns a record into rows, :mod:`.search` is full-text search and
:mod:`.export` writes JSON and CSV files from a store.
"""

from cooptrack.store.models import CorrectionKind, ItemKind
from cooptrack.store.search import Hit, MeasureFilter, SearchCounts, SearchQuery
from cooptrack.store.store import Listed, Store
from cooptrack.store.writes import Ingested, Outcome

__all__ = [
    "CorrectionKind",
    "Hit",
    "Ingested",
    "ItemKind",
    "Listed",
    "MeasureFilter",
    "Outcome",
    "SearchCounts",
    "SearchQuery",
    "Store",
]
