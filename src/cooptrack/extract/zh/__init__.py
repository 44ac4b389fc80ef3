"""Reading Chinese releases and news (Traditional and Simplified) into the same record as English.

The Chinese path is separate from the English one (``../shared/genre/chinese.md``): the text is
folded (width, script, injected pinyin) into a copy that knows where each of its characters came
from (:mod:`cooptrack.fold`), matched against Chinese patterns (:mod:`.patterns`), and every string the
record keeps is copied from the cleaned text as written, in the page's own script.
"""

from cooptrack.extract.zh.record import extract_zh

__all__ = ["extract_zh"]
