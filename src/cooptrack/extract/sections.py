"""The parts of a release: the lead, the co-operation areas with their measures, the closing.

A release leads with who met where, then (usually after a sentence announcing "the following
N co-operation areas") lists the areas, each a heading followed by its measures, and closes
with the signing of agreements and the officials who attended. Headings may be lost; then the
measures run on under the previous heading, and the announced count says how many are missing.
Some releases write no headings at all, each measure a paragraph naming its topic ("On finance,
the two sides will ..."): those paragraphs are the measures of one area without a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cooptrack import mechanisms
from cooptrack.clean.blocks import Block, BlockKind
from cooptrack.extract import patterns as P
from cooptrack.extract.agreements import agreement_item
from cooptrack.extract.meeting import mentions_a_meeting
from cooptrack.extract.numbers import cardinal_value
from cooptrack.screen import screen


@dataclass
class AreaBlocks:
    heading: Block | None
    measures: list[Block] = field(default_factory=list)


@dataclass
class Sections:
    lead: list[Block]
    areas: list[AreaBlocks]
    closing: list[Block]
    declared_count: int | None
    lead_in: Block | None
    ends_in_areas: bool  # the document stopped before any closing part

    @property
    def outside_areas(self) -> list[Block]:
        return self.lead + self.closing


# Every count of areas ends with "area(s)", "fields", "locations" or "aspects" (DECLARED_AREAS's last group, in
# any case): a paragraph holding none of those words, most, is not searched for one (cooptrack.screen).
COUNT_WORDS = re.compile(r"(?i)area|field|location|aspect")
_MAY_COUNT = screen(COUNT_WORDS)


def _holds_count(text: str) -> bool:
    return _MAY_COUNT(text) and P.DECLARED_AREAS.search(text) is not None


def declared_count(text: str) -> int | None:
    m = P.DECLARED_AREAS.search(text)
    if not m:
        return None
    n = cardinal_value(m["n"])
    return n if n and 1 < n <= 40 else None


_AGREED = re.compile(r"(?i)\b(?:agree[ds]?|consensus|reached|identified|set\s+out|pledg(?:e[ds]?|ing)|vow(?:ed|s)?)\b")
_OTHER_MEETING = re.compile(r"(?i)\b(?:was|were)\s+held\b")
# Words of an earlier meeting date the count's own clause, or the sentence they open: "reviewed the
# progress made since the last plenary and agreed to focus on eight fields" is this meeting's
# count; "the eight areas agreed at the previous plenary", "At the last plenary, the two sides
# agreed on 11 areas", "Since 2016, the two sides have co-operated in 11 areas" are not.
_EARLIER = re.compile(r"(?i)\blast\b|\bprevious\b|\bsince\b")
# "..., at which the two sides agreed on 11 areas" recalls a meeting of another time when what comes
# before it dates that meeting ("the Fifth Plenary, held in December 2022, at which ..."); after this
# meeting's chair verb it is this meeting's ("co-chaired the session, at which ... in 10 areas").
_AT_WHICH = re.compile(r"(?i)\bat\s+which\b")
# A meeting dated to another year before a count's clause: "held in Hong Kong in 2024", "last year" (not
# "the progress made since the last plenary", which the meeting of the count reviewed).
_DATED_BEFORE = re.compile(
    r"(?i)\b(?:held|convened)\b[^.;]{0,60}?\bin\s+(?:19|20)\d\d\b|\blast\s+(?:year|month)\b|\b(?:years?|months?)\s+ago\b"
)


# What makes a count of areas stated in prose this meeting's ([COUNT]): the two sides agree on
# it, or will co-operate in it ("will pursue closer ties in 11 areas", "to enhance co-operation in
# four areas"), or what they agreed covers it; not progress made, agreements signed, or one
# leader's view of where co-operation could grow.
_COUNT_CUE = re.compile(
    # (news copy's "settled on co-operation in nine areas", "decided on ten areas"; audit neg2)
    rf"(?i)\b(?:agree[ds]?|consensus|reached|identified|set\s+out|map(?:ped)?\s+out|pledg(?:e[ds]?|ing)|vow(?:ed|s)?|{P.NEWS_AGREED}|"
    r"settled\s+on|decided\s+on|"
    r"will|shall|to\s+(?:co-?operate|work|pursue|deepen|strengthen|enhance|focus|carry\s+out|take\s+forward|promote|expand))\b"
    # what the meeting agreed, as the subject of the count's sentence: "The key tasks cover eight
    # areas", "The work plan spans 10 areas" (audit en11)
    r"|\b(?:tasks|plan|priorities|consensus)\s+(?:\w+\s+){0,3}?(?:cover|span|involve|include)(?:s|ed)?\s+(?=[\w-]+\s)"
    # what the meeting's document sets out, in a participle or a verb right before the count: "signed
    # the Co-operation Memorandum …, setting out co-operation in 10 areas", "a blueprint covering
    # co-operation in eight fields", "which sets out co-operation in nine areas" (audit en14)
    r"|\b(?:set(?:s|ting)?\s+out|lay(?:s|ing)?\s+out|laid\s+out|cover(?:s|ing)?|span(?:s|ning)?|outlin(?:es|ing))\s+"
    r"(?:(?:the|closer|deeper|further|future)\s+)?co-?operation\s+in\s+(?=[\w-]+\s)"
)
_NOT_COUNT = re.compile(
    r"(?i)\b(?:progress|achieve(?:d|ments?)|results|advanced|sign(?:ed|ing)?|inked|potential|room\s+for|could|"
    r"might|hoped?|hopes|suggest(?:ed|s)?|propos(?:ed|es|als?)|sees?|saw)\b"
)


def _agreed_count(text: str) -> int | None:
    """An area count stated outside a lead-in: only in a sentence saying the two sides agreed
    on it or will co-operate in it at this meeting (not a count recalled from an earlier one),
    and whose own clause is not about progress, signings or an opinion ("reviewed the
    achievements and agreed to strengthen co-operation in eight areas" counts)."""
    if not _holds_count(text):
        return None  # (a sentence with a count is in a text with one: the text is split only then)
    speech = bool(_SPEECH_OPENER.match(text))
    for sentence in re.split(r"(?<=\.)\s+", text):
        m = P.DECLARED_AREAS.search(sentence) if _MAY_COUNT(sentence) else None
        if m is None or not _COUNT_CUE.search(sentence) or _OTHER_MEETING.search(sentence):
            continue
        clause = _CLAUSE_BREAK.split(sentence[: m.start()])[-1]
        after = _CLAUSE_BREAK.split(sentence[m.end() :])[0]
        opening = re.split(r"[,;]", sentence[: m.start()], maxsplit=1)  # "At the last plenary, ..."
        earlier = _EARLIER.search(clause + " " + after) or (len(opening) > 1 and _EARLIER.search(opening[0]))
        at_which = _AT_WHICH.search(clause)
        earlier = earlier or (
            at_which and P.OTHER_TIME_ANYWHERE.search(sentence[: m.start() - len(clause) + at_which.start()])
        )
        # a meeting dated to another time before the count's clause ("At the fifth session …, held in Hong
        # Kong in 2024, the two sides settled on … seven areas"); the clause's own "today" is this meeting's
        # ("Building on the progress made since then, the two sides today agreed …"; audit neg2)
        earlier = earlier or (len(opening) > 1 and _DATED_BEFORE.search(sentence[: m.start() - len(clause)]))
        if earlier and P.THIS_MEETING_DAY.search(clause):
            earlier = None
        if _NOT_COUNT.search(clause) or earlier or (speech and _a_view(sentence)):
            continue
        if n := declared_count(sentence[m.start() :]):
            return n
    return None


# A paragraph in one person's words: "Yin Li said that ...", "In his speech, Mr Lee stressed ...".
# A collective subject ("The meeting noted", "Both sides said") is written in lower case after its
# first word, and is not matched.
_SPEECH_OPENER = re.compile(
    r"(?:In\s+(?:his|her|their)\s+(?:speech|remarks|address)[^,]{0,60},\s+)?(?:[A-Z][\w'().\-]*\s+){0,5}?"
    r"[A-Z][\w'().\-]*\s+(?:also\s+)?(?:said|says|stated|noted|pointed\s+out|stressed|emphasi[sz]ed|added|remarked|"
    r"hoped|suggested|proposed|expressed|believed|called\s+for|urged)\b"
)
_JOINT_DECISION = re.compile(
    r"(?i)\b(?:agree[ds]?|consensus|reached|decided|identified|set\s+out)\b"  # not one speaker's "pledged"
)
_JOINT_PLAN = re.compile(
    r"(?i)\b(?:the\s+two\s+(?:sides|places|governments|parties)|both\s+(?:sides|places|governments))\s+"
    r"(?:will|would|shall)\b"
)
_OPINION = re.compile(
    r"(?i)\b(?:should|could|might|may|can|hopes?|hoped|wish(?:es|ed)?|suggest\w*|propos\w*|need(?:s|ed)?\s+to|must|"
    r"look(?:s|ed)?\s+forward)\b"
)


def _a_view(sentence: str) -> bool:
    """In a paragraph of one person's words, a sentence with a count is that person's view of
    where co-operation should go ("The two sides should … deepen cooperation in the following 6 key
    areas", "Beijing will work with Hong Kong in ten fields"), unless it reports what the sides
    agreed, or what both will do with no word of opinion ("Mr Tsang said the two sides would
    strengthen co-operation in the following six areas:")."""
    if _JOINT_DECISION.search(sentence):
        return False
    return not _JOINT_PLAN.search(sentence) or bool(_OPINION.search(sentence))


_CLAUSE_BREAK = re.compile(r"[,;:\u2014]|\s\band\s")


def _count_sentence(text: str) -> str:
    """The sentence of ``text`` holding its count of areas, or the last one (a lead-in's)."""
    parts = _AFTER_FULL_STOP.split(text)
    return next((p for p in parts if _holds_count(p)), parts[-1])


_AFTER_FULL_STOP = re.compile(r"(?<=\.)\s+")


def _last_sentence(text: str) -> str:
    """``_AFTER_FULL_STOP.split(text)[-1]`` for a text without white space at its end: what follows
    the white space after its last full stop that has some (looked for from the end)."""
    at = len(text)
    while (at := text.rfind(".", 0, at)) >= 0:
        if text[at + 1 : at + 2].isspace():
            start = at + 1
            while start < len(text) and text[start].isspace():
                start += 1
            return text[start:]
    return text


def _is_lead_in(block: Block) -> bool:
    if block.kind is not BlockKind.PARAGRAPH:
        return False
    text = block.text
    if _SPEECH_OPENER.match(text) and _a_view(_count_sentence(text)):
        return False  # one leader's areas in a speech: no lead-in of the meeting's areas
    last = _last_sentence(text.rstrip())
    if last.endswith(":") and P.SIGN_CUE.search(last) and not P.DECLARED_AREAS.search(last):
        return False  # "... in eight areas. They then witnessed the signing of the following documents:"
    return bool(_holds_count(text) and (text.rstrip().endswith(":") or P.AREAS_LEAD_IN.search(text))) or bool(
        text.rstrip().endswith(":") and P.AREAS_LEAD_IN.search(text)
    )


def _names_meeting(text: str) -> bool:
    """A paragraph naming a meeting, or a mechanism whose meetings have no meeting word ("held the
    second Joint Conference on Advancing ...", "the Hong Kong-Shenzhen co-operation meeting")."""
    return mentions_a_meeting(text) or any(m.entry.hk_party for m in mechanisms.find(text))


# A closing paragraph holds "signed", "witnessed", "attend", "guest" ... (read from the pattern): a
# paragraph of measures holding none of them is not searched (cooptrack.screen).
_MAY_CLOSE = screen(P.CLOSING_PARAGRAPH)


def _is_closing(block: Block) -> bool:
    if block.kind is BlockKind.HEADING:
        return bool(P.CLOSING_HEADING.search(block.text))
    if block.kind is BlockKind.PARAGRAPH:
        return (
            (_MAY_CLOSE(block.text) and bool(P.CLOSING_PARAGRAPH.search(block.text)))
            or bool(P.VISIT_STORY.match(block.text))
            or bool(P.SPEAKER_PARAGRAPH.match(block.text))
        )
    return False


def _signed_list_after(body: list[Block], i: int) -> int | None:
    """A lead-in closing on a colon that announces a signing as well as the areas ("… reached
    consensus on 12 areas and signed four agreements, as listed below:", "… and witnessed the
    signing of three documents, detailed below:") leads in the agreements when what follows it is
    a list of them (a table's header naming its documents or signatories, rows or items naming a
    kind of document): the index after that list, where the areas may begin; else None."""
    last = _last_sentence(body[i].text.rstrip())
    if not (last.endswith(":") and P.SIGN_CUE.search(last)):
        return None
    j = i + 1
    while j < len(body) and agreement_item(body[j].text):
        j += 1
    return j if j > i + 1 else None


def _in_signed_list(body: list[Block], i: int) -> bool:
    """A heading-shaped line inside a list of agreements ("(b) Agreement on …" between the items
    and their "Signatories: …" lines, under "The following three documents were signed …:"), the
    first one too ("1. Memorandum of …" right under it; audit en16): an item, not an area's heading
    ([AGREE-LIST])."""
    if not agreement_item(body[i].text):
        return False
    j = i - 1
    while j >= 0 and (agreement_item(body[j].text) or P.SIGNERS_LINE.match(body[j].text)):
        j -= 1
    if j < 0 or body[j].kind is not BlockKind.PARAGRAPH:
        return False
    last = _last_sentence(body[j].text.rstrip())
    return last.endswith(":") and bool(P.SIGN_CUE.search(last)) and not P.DECLARED_AREAS.search(last)


def split_sections(body: list[Block]) -> Sections:
    """Divide the body into lead, areas and closing."""
    body = _split_inline_items(body)
    lead_in_at = next((i for i, b in enumerate(body) if _is_lead_in(b)), None)
    signed_from, after_signed = None, 0  # a lead-in of the areas and the agreements, and the list it leads in
    if lead_in_at is not None and (after := _signed_list_after(body, lead_in_at)) is not None:
        signed_from, after_signed = body[lead_in_at], after
        lead_in_at = next((i for i in range(after, len(body)) if _is_lead_in(body[i])), None)
    if lead_in_at is not None:
        start = lead_in_at + 1
    else:
        # Headings come after the lead: a heading before the first paragraph that names a
        # meeting (a news page's byline, time stamps, share bar) does not open the areas.
        first_para = next(
            (i for i, b in enumerate(body) if b.kind is BlockKind.PARAGRAPH and _names_meeting(b.text)), 0
        )
        start = next(
            (
                i
                for i, b in enumerate(body)
                if b.kind is BlockKind.HEADING
                and not _is_closing(b)
                and i > first_para
                and i >= after_signed
                and not _in_signed_list(body, i)
            ),
            len(body),
        )
    end = next((i for i in range(start, len(body)) if _is_closing(body[i])), len(body))
    if start < end < len(body) and body[end - 1].kind is BlockKind.HEADING:
        end -= 1  # a sub-head over the closing ("Visits" over "Before the meeting, Mr Lee visited ..."): its own
    if start == len(body):  # no headings: measures in one of the headless layouts, if any
        run = _topic_run(body) or _agreed_list(body) or _agreed_series(body)
        if run is not None:
            start, end = run
    end = _after_bare_list(body, start, end)
    lead_in = body[lead_in_at] if lead_in_at is not None else None
    listed = declared_count(lead_in.text) if lead_in else None
    if listed is None and signed_from is not None:
        listed = declared_count(signed_from.text)
    areas = _areas(body[start:end], listed)
    count = listed
    if count is None:
        count = next((n for b in body[:start] if (n := _agreed_count(b.text))), None)
    return Sections(
        lead=body[:start],
        areas=areas,
        closing=body[end:],
        declared_count=count,
        lead_in=lead_in,
        ends_in_areas=end == len(body) and bool(areas),
    )


def _after_bare_list(body: list[Block], start: int, end: int) -> int:
    """A list of areas ("(a) the implementation of CEPA; (b) tourism.", or items naming their area
    before a colon) ends the areas at its last item when the paragraph after it is not a measure:
    after short items, any paragraph; after longer ones, a paragraph naming people ("The Hong Kong
    delegation included the Secretary for ..., Mr A; ..."), which is the closing."""
    i = start
    while i < end and body[i].kind is BlockKind.BULLET:
        i += 1
    if i - start < 2 or i >= end or body[i].kind is not BlockKind.PARAGRAPH:
        return end
    short = all(len(b.text.split()) <= 14 for b in body[start:i])
    names_people = len(P.HONORIFIC_NAME.findall(body[i].text)) >= 2  # "The delegation included Mr A; Ms B"
    return i if short or names_people else end


def _topic_run(body: list[Block]) -> tuple[int, int] | None:
    """Measures written without headings, each paragraph naming its topic: "On finance, the two
    sides will ...". The longest run of two or more such paragraphs, as (start, end)."""
    best: tuple[int, int] | None = None
    i = 0
    while i < len(body):
        j = i
        while j < len(body) and body[j].kind is BlockKind.PARAGRAPH and P.TOPIC_MEASURE.match(body[j].text):
            j += 1
        if j - i >= 2 and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
        i = max(j, i + 1)
    return best


def _agreed_list(body: list[Block]) -> tuple[int, int] | None:
    """Measures as a list of items under a sentence such as "the two sides agreed to take forward
    co-operation on the following:", with no headings and no word "areas": (start, end)."""
    for i, b in enumerate(body):
        text = b.text.rstrip()
        if b.kind is not BlockKind.PARAGRAPH or P.SIGN_CUE.search(text):
            continue
        if not text.endswith(":") and not _AGREED_TO_BARE.search(text):
            continue
        # or the list completes the sentence: "The two sides agreed to:", "Both sides agreed that:"
        # (not what an earlier meeting agreed: "At the last plenary, the two sides agreed to:")
        completes = (_AGREED_TO.search(text) or _AGREED_TO_BARE.search(text)) and not _earlier_agreement(
            _last_sentence(text)
        )
        following = re.search(r"(?i)\b(?:following|as\s+follows|below)\b", text) or completes
        if not (_AGREED.search(text) and following):
            continue
        # bullets, or paragraphs that each name their area before a colon ("Financial co-operation: to ...")
        for inline in (False, True):
            j = i + 1
            while j < len(body) and _list_item(body[j], inline=inline):
                j += 1
            if j - i - 1 >= 2:
                return i + 1, j
    return None


# A lead-in whose verb the list completes: "The two sides agreed to:", "Both sides also agreed on:".
_AGREED_TO = re.compile(
    r"(?i)\b(?:the\s+two\s+(?:sides|governments|places)|both\s+sides)\s+(?:also\s+|further\s+)?agreed\s+(?:to|on|that)\s*:$"
)


def _earlier_agreement(sentence: str) -> bool:
    """What an earlier meeting agreed, none of this one's: "At the last plenary, the two sides agreed
    to:", "at the previous plenary the two sides agreed to (a) …"; a period "since" it only in the
    verb's own clause ("After reviewing the work since the Second Plenary, the two governments also
    agreed on:" is this meeting's; audit en15)."""
    return bool(_LAST_OR_PREVIOUS.search(sentence) or _SINCE.search(sentence.rsplit(",", 1)[-1]))


_LAST_OR_PREVIOUS = re.compile(r"(?i)\blast\b|\bprevious\b")
_SINCE = re.compile(r"(?i)\bsince\b")


# The same lead-in whose colon a list's items lettered inside its paragraph follow without one: "The two
# sides agreed to (a) …; (b) …" (_split_inline_items).
_AGREED_TO_BARE = re.compile(
    r"(?i)\b(?:the\s+two\s+(?:sides|governments|places)|both\s+sides)\s+(?:also\s+|further\s+)?agreed\s+(?:to|on|that)$"
)
# The labels of items inside one paragraph: "(a) …; (b) …", "(i) …; (ii) …", "(1) …; (2) …".
_INLINE_LABEL = re.compile(r"(?<![\w(])\((?:(?P<a>[a-h])|(?P<r>i{1,3}|iv|vi{0,3}|ix|x)|(?P<d>[1-9]))\)\s+(?=\S)")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_ITEM_TAIL = re.compile(r"[;,.:]?\s*(?:\b(?:and|or)\s*)?$")


def _label_value(m: re.Match[str]) -> tuple[str, int]:
    if m["a"]:
        return "a", ord(m["a"]) - ord("a") + 1
    if m["r"]:
        return "r", _ROMAN.index(m["r"]) + 1
    return "d", int(m["d"])


def _split_inline_items(body: list[Block]) -> list[Block]:
    """A paragraph lettering what the two sides agreed inside it ("The two sides agreed to (a) …; (b)
    …; and (c) …."; also "(i)", "(1)") is the lead-in and its items, read as a list's (audit en15: a
    flattened copy of the lettered lines); the labels run from the first without a gap, two or more,
    and the sentence before the first is an agreement of the two sides (not of another time, not a
    signing). The last item closes at its sentence's end; what follows is a paragraph of its own."""
    out: list[Block] = []
    for block in body:
        out.extend(_inline_items(block) or [block])
    return out


def _inline_items(block: Block) -> list[Block]:
    if block.kind is not BlockKind.PARAGRAPH or "(" not in block.text:
        return []
    text = block.text
    labels = list(_INLINE_LABEL.finditer(text))
    run: list[re.Match[str]] = []
    for m in labels:
        style, value = _label_value(m)
        if not run and value == 1:
            run = [m]
        elif run and _label_value(run[-1]) == (style, value - 1):
            run.append(m)
    if len(run) < 2:
        return []
    lead = text[: run[0].start()].rstrip()
    last = _last_sentence(lead) if lead else ""
    if not (_AGREED_TO_BARE.search(last) or (last.endswith(":") and _AGREED_TO.search(last))):
        return []
    if _earlier_agreement(last) or P.SIGN_CUE.search(last):
        return []

    def part(kind: BlockKind, begin: int, end: int, label: str | None = None) -> Block:
        while end > begin and text[end - 1].isspace():
            end -= 1
        return Block(
            kind, text[begin:end], block.start + begin, block.start + end, indented=block.indented, label=label
        )

    out = [part(BlockKind.PARAGRAPH, 0, len(lead))]
    for k, m in enumerate(run):
        begin = m.end()
        if k + 1 < len(run):
            end = run[k + 1].start()
        else:
            stop = re.search(r"[.!?](?=\s+[A-Z]|\s*$)", text[begin:])
            end = begin + stop.start() if stop else len(text)
        tail = _ITEM_TAIL.search(text, begin, end)
        end = tail.start() if tail and tail.start() > begin else end
        if end <= begin:
            return []
        out.append(part(BlockKind.BULLET, begin, end, label=m.group(0).strip()))
    rest = re.search(r"[.!?]\s+(?=\S)", text[run[-1].end() :])
    if rest:
        at = run[-1].end() + rest.end()
        out.append(part(BlockKind.PARAGRAPH, at, len(text)))
    return out


def _list_item(block: Block, *, inline: bool) -> bool:
    if inline:
        return block.kind is BlockKind.PARAGRAPH and _inline_item(block)
    return block.kind is BlockKind.BULLET


def _inline_item(block: Block) -> bool:
    m = P.INLINE_HEADING.match(block.text)
    return m is not None and len(m["heading"].split()) <= 8


# Read from the first "agreed to" after a semicolon only: tried from every one, "[^;]+" made a
# line of them quadratic.
_SERIES = re.compile(
    r"(?i)(?:^|(?<=;))(?>[^;]*?\b(?:the\s+two\s+sides|both\s+sides)\s+(?:also\s+)?agreed\s+"
    r"(?:on\s+the\s+following:\s+)?to\b)[^;]+(?:;\s+(?:and\s+)?to\b[^;]+){2,}"
)


def _agreed_series(body: list[Block]) -> tuple[int, int] | None:
    """All decisions in one sentence, "the two sides agreed to X; to Y; ... and to Z", in a
    release with no headings and no list: that paragraph is the (one) measure: (start, end)."""
    at = next((i for i, b in enumerate(body) if b.kind is BlockKind.PARAGRAPH and _SERIES.search(b.text)), None)
    return (at, at + 1) if at is not None else None


def _areas(blocks: list[Block], listed: int | None = None) -> list[AreaBlocks]:
    headless = not any(b.kind is BlockKind.HEADING for b in blocks)
    if headless and (inline := _inline_headed(blocks)) is not None:  # "(a) tourism: to promote ...;"
        return inline
    if blocks and headless and _all_short_items(blocks):
        return [AreaBlocks(heading=_as_heading(b)) for b in blocks]
    if headless and (named := _named_fields(blocks, listed)) is not None:
        return named
    out: list[AreaBlocks] = []
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            if block.rule == "=" and i + 1 < len(blocks) and blocks[i + 1].kind is BlockKind.HEADING:
                continue  # a heading over the areas' own ("=====" over "-----"), not an area ([HEAD-STYLE])
            out.append(AreaBlocks(heading=block))
        else:
            if not out:
                out.append(AreaBlocks(heading=None))
            out[-1].measures.append(block)
    return out


def _inline_headed(blocks: list[Block]) -> list[AreaBlocks] | None:
    """Items that each name their area before a colon ("Finance: support ..."): each an area
    whose heading is the words before the colon and whose measure is the rest. Only when every
    item has that shape (two or more of them), so that a colon inside prose changes nothing."""
    out = []
    for b in blocks:
        m = P.INLINE_HEADING.match(b.text)
        if m is None or len(m["heading"].split()) > 8:
            return None
        heading = Block(BlockKind.HEADING, m["heading"], b.start, b.start + m.end("heading"), label=b.label)
        measure = Block(b.kind, b.text[m.end() :], b.start + m.end(), b.end, indented=b.indented)
        out.append(AreaBlocks(heading=heading, measures=[measure]))
    return out if len(out) >= 2 else None


# "finance, including the listing of Beijing enterprises ...": an area's name, then what it covers.
_FIELD_SCOPE = re.compile(r"(?i),?\s+(?:including|such\s+as|in\s+particular|especially)\s+")


def _named_fields(blocks: list[Block], listed: int | None) -> list[AreaBlocks] | None:
    """A list of the areas announced ("in the following six areas: (1) finance, including ...;
    (2) trade and investment, including ...; (3) culture and creative industries; ... and (6)
    health care."): as many items as the lead-in announced, each a field's name of a few words
    (its "including ..." the area's one measure), none an infinitive ("to ..."). Its items,
    fragments ending "; and", are areas, not measures of one area."""
    if listed is None or len(blocks) != listed or not all(b.kind is BlockKind.BULLET for b in blocks):
        return None
    out = []
    for b in blocks:
        scope = _FIELD_SCOPE.search(b.text)
        head = _as_heading(Block(b.kind, b.text[: scope.start()] if scope else b.text, b.start, b.end))
        words = head.text.split()
        if not words or len(words) > 6 or words[0].casefold() == "to":
            return None
        measures = []
        if scope is not None:
            rest = b.text[scope.end() :]
            tail = _ITEM_END.sub("", rest).strip()
            if tail:
                begin = b.start + scope.end()
                measures.append(Block(b.kind, tail, begin, begin + len(tail), indented=b.indented))
        out.append(AreaBlocks(heading=head, measures=measures))
    return out


# A list item's end: "...;", "..., and", "...; or" (whole words: not the end of "sector", "Corridor").
_ITEM_END = re.compile(r"(?:;|,|\.)?\s*(?:\b(?:and|or))?\s*$")


def _all_short_items(blocks: list[Block]) -> bool:
    """A list of areas without measures: short bullet items such as "• finance;"."""
    return all(b.kind is BlockKind.BULLET and len(b.text.split()) <= 10 for b in blocks)


def _as_heading(block: Block) -> Block:
    text = _ITEM_END.sub("", block.text.strip()).strip()
    return Block(BlockKind.HEADING, text, block.start, block.start + len(text))
