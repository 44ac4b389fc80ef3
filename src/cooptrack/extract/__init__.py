"""Extract: cleaned blocks in, one Record out. Pure, deterministic, offline.

Importing the package does not import the extractor: :func:`extract` (from
:mod:`cooptrack.extract.record`) is imported when first asked for, so that a module of the
package read alone (the gazetteer, which the mechanisms' table reads in the web application)
costs only itself. The patterns are quickened by :func:`cooptrack.pipeline.prepare` before the
first parse, not when the package is imported.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cooptrack.extract.record import extract

__all__ = ["extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from cooptrack.extract.record import extract

        return extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
