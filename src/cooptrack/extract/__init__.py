"""Extract: cleaned blocks in, one Record out. Pure, deterministic, offline.

Its patterns are quickened (:mod:`cooptrack.quick`) by :func:`cooptrack.pipeline.prepare` before
the first parse, not when the package is imported.
"""

from cooptrack.extract.record import extract

__all__ = ["extract"]
