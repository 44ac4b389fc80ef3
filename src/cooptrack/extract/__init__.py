"""Extract: cleaned blocks in, one Record out. Pure, deterministic, offline."""

import importlib
import pkgutil

from cooptrack import dates, mechanisms
from cooptrack.extract.record import extract
from cooptrack.quick import quicken

# every pattern of the extractor passes over the positions where no match can start (same matches)
quicken(
    [dates, mechanisms, *(importlib.import_module(m.name) for m in pkgutil.walk_packages(__path__, f"{__name__}."))]
)

__all__ = ["extract"]
