"""Extract: cleaned blocks in, one Record out. Pure, deterministic, offline."""

from cooptrack.extract.record import extract

__all__ = ["extract"]
