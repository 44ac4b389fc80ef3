"""Clean: HTML or text in, the release's own text out, as blocks, with what was cut and why.

Pure functions. :func:`clean` keeps the block structure of the release (title, headings,
paragraphs, bullets) and removes what is not the release (site navigation, separators, the
"Ends/" footer and everything after it, photo captions, media lists, a mirror site's prefix, an
unrelated article glued on), recording each removal with its reason.

Its patterns are quickened (:mod:`cooptrack.quick`) by :func:`cooptrack.pipeline.prepare` before
the first parse, not when the package is imported.
"""

from cooptrack.clean.blocks import Block, BlockKind, Cleaned
from cooptrack.clean.text import clean

__all__ = ["Block", "BlockKind", "Cleaned", "clean"]
