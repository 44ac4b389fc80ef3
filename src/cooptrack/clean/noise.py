"""The noise of the genre: every pattern that marks text as not part of the release.

Lines are tested after white space (including non-breaking spaces) has been normalised and the
line stripped. Each pattern maps to the :class:`~cooptrack.vocab.RemovalReason` recorded for it.
"""

from __future__ import annotations

import re

from cooptrack.dates import MONTH_RE, WEEKDAY_RE, ZONE, printed_date, stamp_date

# Characters that render as white space in the releases (NBSP, ideographic space, thin spaces).
SPACE_CHARS = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Encoding noise ([NOISE-ENC]): a no-break space read in the wrong encoding leaves a stray "Â"
# before it; Big5 text read as another encoding turns curly quotes into "ˇ§" and "ˇ¨".
_STRAY_A = re.compile(r"\u00c2(?=[\u00a0 \t]|$)", re.MULTILINE)
_MOJIBAKE_PAIRS = (("\u02c7\u00a7", "\u201c"), ("\u02c7\u00a8", "\u201d"))


def fold_encoding(text: str) -> str:
    """The text without the genre's encoding noise: stray "Â" before a (no-break) space or at a
    line's end, mojibake quotation marks "ˇ§ … ˇ¨" as the curly quotes they were."""
    if "\u00c2" in text:
        text = _STRAY_A.sub("", text)
    if "\u02c7" in text:
        for bad, good in _MOJIBAKE_PAIRS:
            text = text.replace(bad, good)
    return text


# A row of dashes, rules or underscores under a heading.
UNDERLINE = re.compile(r"^(?:[\-\u2010-\u2015\u2500\u2501_=~]{3,}|[\u2014\u2015\u2500\u2501]{2})$")  # "——" too
# A separator row: asterisks, equals signs, hashes (possibly spaced).
SEPARATOR = re.compile(r"^(?:[*#=~]\s*){3,}$")

# Site navigation, page chrome and the chrome of each source of pages are kept as data: the
# catalogue of cooptrack/data/chrome.toml (cooptrack.clean.chrome).

# "Ends/Wednesday, November 29, 2023" and its variants.
FOOTER_ENDS = re.compile(
    rf"^Ends?\s*/\s*(?:{WEEKDAY_RE}\s*,?\s*)?(?P<date>(?:{MONTH_RE}\s+\d{{1,2}},?\s+\d{{4}})"
    rf"|(?:\d{{1,2}}\s+{MONTH_RE},?\s+\d{{4}}))?",
    re.IGNORECASE,
)
FOOTER_ISSUED = re.compile(r"^Issued at HKT\s*\d{1,2}:\d{2}$", re.IGNORECASE)
FOOTER_NNNN = re.compile(r"^N{4}$")
# A news site's byline and contact lines.
BYLINE = re.compile(
    r"^(?:additional reporting by|reporting by|edited by|posted (?:on|by)\b)"
    r"|^(?:contact (?:the )?(?:writer|reporter|author|editor)|(?:editor|reporter|writer|source)s?\s*:)"
    r"|^By\s+[A-Z][\w.'\- ]{2,60}(?:,\s*[\w ]{3,40})?(?:\s*\|\s*[^|]{1,60})*$"
    # a byline with its paper and stamp on its own line: "By Cheng Wai-ling (Metro Daily) Updated: 2025-10-23 08:10"
    r"|^By\s+[A-Z][^|()\n]{1,60}?(?:\s*\([^()]{1,60}\))?(?:\s*\|\s*|\s+)(?:updated|published|posted|first\s+published)\b"
    r"\s*:?[^:]{0,40}?\b(?:19|20)\d\d\b.{0,25}$"
    # "Joanne Leung · 23 April 2024, 9:15pm"
    r"|^[A-Z][\w.'\- ]{2,60}\s*[\u00b7|\u2022]\s*[^\u00b7|\u2022]{0,40}\b(?:19|20)\d\d\b[^.]{0,20}$"
    r"|^(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*\|\s*[A-Z][a-z]+(?: [A-Z][a-z'\-]+){1,2})$"  # "Local | Wallis Wang"
    r"|^\S+@\S+\.\w+$|\b(?:at|email:?)\s+\S+@\S+\.\w+\.?$",
    re.IGNORECASE,
)

# A news site's heading over other stories: what follows it is not the story.
OTHER_STORIES = re.compile(
    r"(?:also\s+in\s+the\s+news|in\s+other\s+news|other\s+news|more\s+(?:news|stories)|"
    r"related\s+(?:news|stories|articles|reading)|read\s+more|you\s+may\s+also\s+like|"
    r"recommended(?:\s+for\s+you)?|latest\s+news|top\s+stories|most\s+read|related|topics|tags|"
    r"trending(?:\s+(?:now|on\s+\S.{0,30}))?|more\s+from\s+\S.{0,40}|related\s+(?:posts|content|coverage)|"
    # a section's other stories: "More in Local", "More in Hong Kong"
    r"more\s+in\s+(?-i:[A-Z])[\w&'\-]{0,20}(?:\s[\w&'\-]{1,20}){0,2}|"
    # a wire release's contact block
    r"media\s+contacts?)\s*:?$",
    re.IGNORECASE,
)

PHOTO_LINE = re.compile(r"^(?:photos?|pictures?|photo gallery)$", re.IGNORECASE)
PHOTO_CAPTION = re.compile(
    # news.gov.hk: "Co-chairing plenary: Chief Secretary ... (right) and ... shake hands ..."
    r"^[A-Z][\w'\- ]{2,40}:\s+.*\((?:right|left|centre|center|front row|back row|second [a-z]+|[a-z]+ row)[^)]{0,200}\)"
    r"|^(?:group photo|photo gallery)\s*:"
    r"|\bPhoto(?:s)? shows?\b|^\(?Photo(?:s)?(?: courtesy)?\s*[:：]|\((?:Photo|Xinhua)[/:]"
    # "(Cover image: The skyline of Jinan ... /CFP)", "File photo: ...", "Top image: ..."
    r"|^\(?(?:cover|top|file|main|featured?|header|lead|banner)\s+(?:image|photo|picture|pic)s?\s*[:：]",
    re.IGNORECASE,
)
MEDIA_LIST = re.compile(r"^(?:audio\s*/\s*video|videos?|audio|video clips?)$", re.IGNORECASE)

# An archive URL names the release's date: /gia/general/202311/29/
ARCHIVE_URL_DATE = re.compile(r"/gia/general/(?P<ym>(?:19|20)\d{4})/(?P<d>\d\d)/")
# A news page's publication date on a line of its own: "7 March 2024", "Published: June 3, 2019 10:15".
DATE_LINE = re.compile(
    # (Macao's pages label it in Portuguese: "Data de publicação: 2027-03-15 19:02"; audit zh12)
    rf"^(?:(?:published|updated|posted|date|data(?:\s+de\s+publica[çc][ãa]o)?|publicado(?:\s+em)?)\s*:?\s*)?(?:\d{{1,2}}:\d{{2}}\s*[ap]\.?m\.?,?\s*)?(?:{WEEKDAY_RE},?\s*)?"
    rf"(?P<date>\d{{1,2}}\s+{MONTH_RE},?\s+\d{{4}}|{MONTH_RE}\s+\d{{1,2}},?\s+\d{{4}}|(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:,?\s*(?:(?:HKT|SGT)\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:HKT|SGT|GMT[+-]\d{1,2}|UTC(?:[+-]\d{1,2})?))?)?"
    r"(?:\s*[\u00b7|]\s*updated\b.{0,40})?"  # "Nov 20, 2025, 8:05 PM GMT+8 · Updated"
    # its writer after it: "October 15, 2025 by admin", "15 Oct 2025 | By Staff Reporter"
    r"(?:\s*[\u00b7|,\-\u2013\u2014]?\s*by\s+[\w.'\-]+(?:\s+[\w.'\-]+){0,3})?$",
    re.IGNORECASE,
)
# A page's line of facts about the story, its parts apart by "·" or "|", one of them dated:
# "NewsNow Hong Kong · From: Hong Kong Free Press · Nov 20, 2025, 7:42 PM GMT+8".
META_LINE = re.compile(r"^(?=[^.]*\b(?:19|20)\d\d\b)(?:[^\u00b7|]{1,60}\s[\u00b7|]\s){1,5}[^\u00b7|]{1,60}$")
# A page's line of labelled facts, one of them dated: "Release time: 2018-09-20 21:47:05   Source:
# Zhejiang Daily", "Date: 2025-11-21 Author: Li Hua", "2017-11-21 10:32  Source: Fujian Daily",
# "Date: 2012-09-12  Source: ...  [Font: Large Medium Small]", "www.chinaview.cn  2010-09-17 08:15:46"
# ([TITLE-CHROME], [D-PRINTED]).
_FIELD = (
    r"\[?(?:release\s+(?:time|date)|publish(?:ed|ing)?(?:\s+(?:at|on|time|date))?|(?:last\s+)?updated|posted|date|"
    r"time|source|author|editor|writer|reporter|from|origin|views?|clicks?|hits|font(?:\s+size)?|text\s+size)"
    r"\s*[:\uff1a]\s*(?:[^:\uff1a]|(?<=\d):(?=\d)){1,80}?\s*"
)
FIELDS_LINE = re.compile(
    r"^(?=.{0,200}\b(?:19|20)\d\d\b)(?:"
    r"(?:(?:www\.)?[\w-]{1,40}(?:\.[\w-]{1,40}){1,4}\s+)?(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}"
    rf"(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*{ZONE})?)?\s*(?:{_FIELD}){{0,5}}|(?:{_FIELD}){{1,5}})$",
    re.IGNORECASE,
)


def dates_the_page(line: str) -> bool:
    """Whether ``line``, on a line of its own, is one the text cleaner reads as the page's date: a
    date line or time stamp, a dated byline, a line of facts about the story with a full date."""
    if len(line) > 200 or printed_date(line) is None:
        return False
    return bool(
        DATE_LINE.match(line) or stamp_date(line) or BYLINE.search(line) or META_LINE.match(line)
        or FIELDS_LINE.match(line)
    )  # fmt: skip


# A writer's name alone on a line ("Kelly Ip", "Staff Reporter"): a byline when a date line follows.
WRITER_LINE = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}")
# A headline of a news story, not a section of a release ([CLEAN-BODYCUT]): an exclamation ("No. 1
# in Fujian!"), an amount ("RMB 880 Million", "US$2 billion", "31 per cent"), or a headline's verb in
# the present tense ("Nanning Metro Line 6 Opens to Passengers", "Port Sees Record Traffic"). A
# release's own section heading is a noun phrase: "Cultural programme", "Health advice".
NEWS_HEADLINE = re.compile(
    r"!|\b(?:RMB|HK\$|US\$|USD|CNY)\s?\d|\d(?:[\d.,]*\d)?\s*(?:[Bb]illion|[Mm]illion|[Pp]er\s+[Cc]ent|%)"
    r"|(?<=[\w)]\s)(?:Opens|Launches|Unveils|Hosts|Sees|Hits|Tops|Reaches|Records|Registers|Posts|Kicks\s+Off|"
    r"Starts|Begins|Completes|Welcomes|Becomes|Ranks|Wins|Attracts|Celebrates|Rises|Grows|Surges|Soars|Jumps|"
    r"Climbs|Doubles|Expands|Debuts|Breaks|Sets|Achieves|Approves|Releases|Announces|Goes|Enters|Leads)\b"
)
# A news report's attribution in the first sentence under such a headline: "..., the provincial
# commerce department said.", "..., the port authority said on Tuesday.", "Recently, the Nanning
# Rail Transit Group announced that ...", "..., according to the port authority".
REPORTED = re.compile(
    r"\baccording\s+to\b|\b(?:said|announced|reported|revealed|disclosed)\b(?:\s+that\b|[^.,;]{0,25}[.,;]?$)"
    r"|^(?:Recently|Lately|Earlier\s+this\s+(?:week|month|year)|Last\s+(?:week|month))\s*,"
)
# Words by which a line speaks of a co-operation meeting (a headline does, a site's name does not).
MEETING_CUE = re.compile(r"(?i)\b(?:co-?operation|conference|plenary|plenum|meeting|joint\s+conference)\b")
URL_LINE = re.compile(r"^(?:source\s*:\s*)?(?:https?://|www\.)\S+$", re.IGNORECASE)

# "Hong Kong – " before a headline on a mirror site: a short proper name and a spaced dash.
MIRROR_PREFIX = re.compile(r"^(?P<prefix>[A-Z][\w.&']*(?:\s[A-Z][\w.&']*){0,3})\s[\u2013\u2014|:]\s+(?=\S)")

# The lede of a news story glued after a release: "On February 9, according to Pingtan
# Customs, ...", "According to the port authority, ...", "March 3 (Xinhua) -- ..." ([CLEAN-BODYCUT]).
ARTICLE_LEDE = re.compile(
    rf"^(?:On\s+)?(?:{MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_RE})(?:,?\s+(?:19|20)\d\d)?"
    r"(?:,\s+according\s+to\b|\s*\([A-Z][^()]{0,40}\)\s*(?:--|\u2014|\u2013|-))"
    r"|^According\s+to\s+(?:the\s+)?[A-Za-z][\w'&\-]*(?:\s+[\w'&\-]+){1,12},"
)

# Words that say a paragraph belongs to the release about a meeting (used to spot a glued-on
# article that does not).
RELEASE_CUES = re.compile(
    r"Hong Kong|HKSAR|co-?operation (?:conference|meeting|mechanism|area)|plenary|"
    r"joint conference|the two (?:places|sides)|both sides|delegation",
    re.IGNORECASE,
)
# A paragraph that closes a release: signing, attendance, special guests.
CLOSING_CUES = re.compile(
    r"\bsigned\b|\battend(?:ed|ing)?\b|\baccompan(?:ied|ying)\b|special guests?",
    re.IGNORECASE,
)

# End markers ([FLAG-FALSETRUNC], [FLAG-MISSEDTRUNC]) other than the Government's footer above
# ("Back to list", "Go To Top", "Editor in charge: …", a wire's "Enditem" or "(Xinhua)", "Tags: …")
# are kept in one place: the `ends` of the chrome catalogue (cooptrack/data/chrome.toml).
