"""Clean: HTML or text in, the release's own text out, as blocks, with what was cut and why.

Pure functions. :func:`clean` keeps the block structure of the release (title, headings,
paragraphs, bullets) and removes what is not the release (site navigation, separators, the
"Ends/" footer and everything after it, photo captions, media lists, a mirror site's prefix, an
unrelated article glued on), recording each removal with its reason.
"""

import importlib
import pkgutil

from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.clean.text import clean
from cooptrack.quick import quicken

# every pattern of the cleaner passes over the positions where no match can start (same matches)
quicken(importlib.import_module(m.name) for m in pkgutil.walk_packages(__path__, f"{__name__}."))

__all__ = ["Block", "BlockKind", "Cleaned", "clean"]
