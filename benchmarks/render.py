"""The page layouts of the synthetic benchmark corpus (SYNTHETIC: every template written here).

A release is first a list of blocks (``("para" | "heading" | "bullet", text)``), then one of the
layouts turns it into a page: the Government press-release page and its printer-friendly and
pre-2008 forms, a news-site story, and a courtesy call that is no meeting (a lookalike).
"""

from __future__ import annotations

import datetime as dt
import html
import random
from typing import TYPE_CHECKING

import pools as P

if TYPE_CHECKING:
    from corpus import Meeting, Person

Block = tuple[str, str]

_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_TEENS = "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
_TENS = {2: ("twenty", "twentieth"), 3: ("thirty", "thirtieth"), 4: ("forty", "fortieth"), 5: ("fifty", "fiftieth")}
_KIND_TITLES = {
    "plenary": "Plenary Session",
    "working_meeting": "Working Meeting",
    "high_level_meeting": "High-level Meeting",
}


def ordinal_words(n: int, rng: random.Random) -> str:
    """ "Fifth", "Twenty-first" (or "21st" now and then); past fifty-nine always "137th"."""
    if n >= 60 or rng.random() < 0.25:
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if n < 10:
        return _UNITS[n - 1].capitalize()
    if n < 20:
        return _TEENS[n - 10].capitalize()
    tens, units = divmod(n, 10)
    word = _TENS[tens][1] if units == 0 else f"{_TENS[tens][0]}-{_UNITS[units - 1]}"
    return word.capitalize()


def _day(date: dt.date) -> str:
    return f"{P.MONTHS[date.month - 1]} {date.day}"


def _ends(date: dt.date, rng: random.Random) -> tuple[str, str]:
    weekday = P.WEEKDAYS[date.weekday()]
    return (
        f"Ends/{weekday}, {_day(date)}, {date.year}",
        f"Issued at HKT {rng.randint(9, 23):02d}:{rng.randint(0, 59):02d}",
    )


def _surname(person: Person) -> str:
    first, rest = person.name.split(" ", 1)
    return rest.split(" ")[0] if first in P.ENGLISH_NAMES else first


def _meeting_name(meeting: Meeting, rng: random.Random) -> str:
    return f"{ordinal_words(meeting.ordinal, rng)} {_KIND_TITLES[meeting.kind]} of the {meeting.mechanism}"


def headline(meeting: Meeting, rng: random.Random) -> str:
    venue = meeting.city if rng.random() < 0.6 else "Hong Kong"
    photos = rng.choice(("", "", " (with photos)", " (with photos/video)"))
    return f"{_meeting_name(meeting, rng).replace(' of the ', ' of ', 1)} held in {venue}{photos}"


def release_lines(rng: random.Random, meeting: Meeting) -> list[Block]:
    """The release's blocks: opening, a quote, the areas and their measures, signings, officials."""
    hk, ml = meeting.hk_lead, meeting.mainland_lead
    venue = meeting.city if rng.random() < 0.6 else "Hong Kong"
    blocks: list[Block] = [
        (
            "para",
            f"The {hk.post}, {hk.called}, and the {ml.post}, {ml.called}, co-chaired the "
            f"{_meeting_name(meeting, rng)} in {venue} today ({_day(meeting.date)}). At the meeting, the two "
            "sides reviewed the progress of co-operation since the last meeting and set out the key areas of "
            "co-operation for the next stage.",
        ),
        (
            "para",
            f"{hk.honorific} {_surname(hk)} said, \u201c{meeting.partner} and Hong Kong have deep ties and "
            "complement each other\u2019s strengths. The two places will continue to pursue pragmatic "
            "co-operation for mutual benefit.\u201d",
        ),
        (
            "para",
            f"{ml.honorific} {ml.name.split()[0]} said that {meeting.partner} welcomed Hong Kong enterprises and "
            "professionals to take part in its development, and that the two sides would make full use of the "
            f"{meeting.mechanism} to take forward the co-operation agreed, review its progress regularly and "
            "report to the next meeting.",
        ),
        ("para", f"The two sides agreed to take forward co-operation in the following {_count(meeting)} areas:"),
    ]
    for heading, measures in meeting.areas:
        blocks.append(("heading", heading))
        blocks.extend(("para", measure) for measure in measures)
    blocks.extend(_signing(meeting))
    blocks.append(("para", _officials(meeting.officials)))
    return blocks


def _count(meeting: Meeting) -> str:
    return P.NUMBER_WORDS[len(meeting.areas) - 1]


def _signing(meeting: Meeting) -> list[Block]:
    if not meeting.agreements:
        return []
    blocks: list[Block] = [("para", "At the meeting, the following co-operation documents were signed:")]
    last = len(meeting.agreements) - 1
    for k, title in enumerate(meeting.agreements):
        blocks.append(("bullet", f"{title}{'.' if k == last else ';'}{' and' if k == last - 1 else ''}"))
    annex = "Annex 1" if last == 0 else f"Annex 1 to Annex {last + 1}"
    blocks.append(("para", f"The above documents (Chinese only) are at {annex}."))
    return blocks


def _officials(officials: tuple[Person, ...]) -> str:
    named = [f"the {p.post}, {p.called}" for p in officials]
    listed = "; ".join(named[:-1]) + f"; and {named[-1]}" if len(named) > 1 else named[0]
    return f"Officials of the HKSAR Government attending the meeting included {listed}."


# --- Government pages --------------------------------------------------------------------------


def _gia_body(blocks: list[Block], rng: random.Random, *, underline: bool) -> str:
    lines = []
    for kind, text in blocks:
        if kind == "heading":
            rule = "&mdash;" * len(text) if underline and rng.random() < 0.5 else ""
            lines.append(f"{html.escape(text)}<br>\n" + (f"{rule}<br>\n" if rule else "") + "<br>\n")
        elif kind == "bullet":
            lines.append(f"&nbsp;&nbsp;&nbsp;&nbsp; &bull; {html.escape(text)}<br>\n")
        else:
            lines.append(f"&nbsp;&nbsp;&nbsp;&nbsp; {html.escape(text)}<br>\n<br>\n")
    return "".join(lines)


def gia_page(rng: random.Random, meeting: Meeting, blocks: list[Block], title: str | None = None) -> str:
    title = html.escape(title or headline(meeting, rng))
    ends, issued = _ends(meeting.date, rng)
    photos = "".join(
        f'<div class="photoBox"><img src="/gia/general/photo_{k}.jpg" alt="">'
        f'<p class="caption">{html.escape(_caption(rng, meeting))}</p></div>\n'
        for k in range(rng.randint(0, 3))
    )
    return f"""<!DOCTYPE html>
<!-- SYNTHETIC benchmark page written by cooptrack's benchmarks/corpus.py: not a real release. -->
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/gia/css/pr.css"><script src="/gia/js/common.js"></script>
<script>var prLang = "en"; function openPrint() {{ window.open("print.htm", "print"); }}</script>
</head><body>
<div id="skipLink"><a href="#contentArea">Go to main content</a></div>
<div id="header"><ul id="topMenu"><li><a href="/gia/general/today.htm">Today's Press Releases</a></li>
<li><a href="/gia/ISD_public_Calendar_en.html">Press Releases Archive</a></li>
<li><a href="/gia/search.htm">Search</a></li></ul></div>
<div id="leftMenu"><ul>{_menu()}</ul></div>
<div id="contentArea">
<div class="print-tools"><a href="javascript:openPrint()">Printer-friendly version</a> |
<a href="/gia/mail.htm">Email this article</a></div>
<div id="PRHeadline" class="mB15 f15 bold">{title}</div>
<div class="mB15 f15">{"*" * 77}</div>
<span id="pressrelease" class="fontSize1">{_gia_body(blocks, rng, underline=True)}</span>
<br><div class="mB15 f15 bold">{ends}<br>{issued}</div><div class="mB15 f15 bold">NNNN</div>
{photos}</div>
<div id="footer"><a href="#top">Back to top</a><p>{meeting.date.year} | Important notices | Privacy policy</p></div>
</body></html>
"""


def gia_print_page(meeting: Meeting, blocks: list[Block]) -> str:
    rng = random.Random(meeting.ordinal)
    title = html.escape(headline(meeting, rng))
    ends, issued = _ends(meeting.date, rng)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body onload="window.print()">\n'
        f"<!-- SYNTHETIC benchmark page (printer-friendly layout): not a real release. -->\n"
        f'<div id="PRHeadline">{title}</div>\n<span id="pressrelease">{_gia_body(blocks, rng, underline=False)}'
        f"</span>\n<p>{ends}<br>{issued}</p><p>NNNN</p></body></html>\n"
    )


def gia_old_page(rng: random.Random, meeting: Meeting, blocks: list[Block]) -> str:
    """The table layout of pages before 2008, declared windows-1252 (curly quotes as its bytes)."""
    title = html.escape(headline(meeting, rng))
    ends, issued = _ends(meeting.date, rng)
    body = _gia_body(blocks, rng, underline=False).replace("<br>", "<BR>")
    return (
        '<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252">\n'
        f"<TITLE>{title}</TITLE></HEAD>\n<!-- SYNTHETIC benchmark page (pre-2008 layout): not a real release. -->\n"
        '<BODY BGCOLOR="#FFFFFF"><TABLE WIDTH="100%" BORDER="0"><TR><TD><IMG SRC="/gia/images/banner.gif" '
        'ALT="Government Information Centre"></TD></TR>\n<TR><TD><FONT SIZE="3">\n'
        f'<div id="PRHeadline">{title}</div><BR>\n<span id="pressrelease">{body}</span>\n'
        f"<P>{ends}<BR>{issued}<BR>NNNN</FONT></TD></TR></TABLE></BODY></HTML>\n"
    )


_MENU = (
    "Government Structure",
    "Policy Address",
    "Budget",
    "Legislative Council Business",
    "Press Releases",
    "Photo Gallery",
    "Video Gallery",
    "Speeches",
    "Statistics",
    "Public Consultations",
    "Government Notices",
    "Tenders",
    "Recruitment",
    "Accessibility",
    "Related Sites",
    "RSS",
    "Mobile Apps",
    "Contact Us",
)


def _menu() -> str:
    return "".join(
        f'<li class="menuItem"><a href="/gia/menu/{k}.htm" title="{m}">{m}</a></li>\n' for k, m in enumerate(_MENU)
    )


def _caption(rng: random.Random, meeting: Meeting) -> str:
    hk, ml = meeting.hk_lead, meeting.mainland_lead
    return rng.choice(P.PHOTO_CAPTIONS).format(
        lead=hk.post, name=hk.called, other=ml.post, other_name=ml.called, c=meeting.city
    )


def lookalike_page(rng: random.Random, meeting: Meeting) -> str:
    """A courtesy call by a partner's leader: the genre's words, but no meeting of a mechanism."""
    hk, ml = meeting.hk_lead, meeting.mainland_lead
    title = f"{hk.post.split(' for ')[0]} meets {ml.post}"
    blocks: list[Block] = [
        (
            "para",
            f"The {hk.post}, {hk.called}, met the {ml.post}, {ml.called}, and his delegation at Government "
            f"House this afternoon ({_day(meeting.date)}).",
        ),
        (
            "para",
            f"{hk.honorific} {_surname(hk)} welcomed the delegation to Hong Kong and said that Hong Kong and "
            f"{meeting.partner} have great potential for co-operation in tourism, finance and logistics.",
        ),
        ("para", _officials(meeting.officials).replace("attending the meeting included", "also present were")),
    ]
    return gia_page(rng, meeting, blocks, title)


# --- news sites --------------------------------------------------------------------------------


def news_page(rng: random.Random, meeting: Meeting, *, glued: bool = False) -> str:
    """A news-site story of the meeting: a shorter account, with the chrome a news site carries."""
    outlet = rng.choice(P.NEWS_OUTLETS)
    title = f"Hong Kong and {meeting.partner} agree {_count(meeting)} areas of co-operation"
    paras = [
        f"<p><strong>{meeting.city.upper()}, {_day(meeting.date)}</strong> &ndash; Hong Kong and "
        f"{meeting.partner} agreed on {P.WEEKDAYS[meeting.date.weekday()]} to work together in {_count(meeting)} "
        f"areas at the {html.escape(_meeting_name(meeting, rng))}.</p>",
        f"<p>The {meeting.hk_lead.post}, {meeting.hk_lead.called}, and the {meeting.mainland_lead.post}, "
        f"{meeting.mainland_lead.called}, co-chaired the meeting.</p>",
    ]
    for heading, measures in meeting.areas:
        paras.append(f"<h2>{html.escape(heading)}</h2>")
        paras.extend(f"<p>{html.escape(m)}</p>" for m in measures)
    paras.extend(_news_signing(meeting))
    if glued:
        text = rng.choice(P.GLUED_ARTICLES).format(c=meeting.city, n=rng.randint(2, 90))
        paras.append(f"<h2>Also in the news</h2><p>{html.escape(text)}</p>")
    related = "".join(f'<li><a href="/a{k}">{h}</a></li>' for k, h in enumerate(rng.sample(P.RELATED_HEADLINES, 3)))
    body = "\n".join(paras)
    return f"""<!DOCTYPE html>
<!-- SYNTHETIC benchmark page: an invented story on an invented site; nothing here was published. -->
<html lang="en-GB"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<script async src="https://ads.example.invalid/tag.js"></script><style>body {{ font-family: serif }}</style></head>
<body class="story-page"><header class="site-header"><h1 class="masthead-logo"><a href="/">{outlet}</a></h1>
<nav class="primary-nav"><ul><li><a href="/hong-kong">Hong Kong</a></li><li><a href="/china">China</a></li>
<li><a href="/business">Business</a></li></ul></nav></header>
<div class="ad-slot leaderboard">Advertisement</div>
<main id="story"><div class="breadcrumb"><a href="/">Home</a> &rsaquo; China</div>
<article class="story"><header><h1>{title}</h1><p class="byline">By staff reporters</p>
<time datetime="{meeting.date.isoformat()}T19:40:00+08:00">{_long_date(meeting.date)}</time></header>
<div class="share-tools"><a href="#">Share on social media</a> <a href="#">Copy link</a></div>
<div class="story-body">
{body}
<div class="related-stories"><h3>Related stories</h3><ul>{related}</ul></div>
</div></article>
<aside class="most-read"><h2>Most read</h2>
<ol><li><a href="/m1">{rng.choice(P.RELATED_HEADLINES)}</a></li></ol></aside></main>
<footer class="site-footer"><p>&copy; {meeting.date.year} {outlet}. All rights reserved.</p></footer>
</body></html>
"""


def _long_date(date: dt.date) -> str:
    return f"{date.day} {P.MONTHS[date.month - 1]} {date.year}"


def _news_signing(meeting: Meeting) -> list[str]:
    if not meeting.agreements:
        return []
    items = "".join(f"<li>{html.escape(t)}</li>" for t in meeting.agreements)
    return ["<p>At the meeting, the following co-operation documents were signed:</p>", f"<ul>{items}</ul>"]
