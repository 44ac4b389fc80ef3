"""Areas of co-operation in a Chinese release: the declared count, headings and measures
([ZH-COUNT] [ZH-AREAS]).

The count is what the release announces (N個範疇, N個合作領域, 八個範疇, 就…N個範疇的合作方向達成
共識, a headline's N領域M項目), not key areas (N個重點合作領域), items (M個項目), documents (N份),
agreements (N項協議) nor a leader's opinion (表示…在N個領域…). Headings are the bare short lines
after 達成共識: (their (一) / 一、 labels apart); paragraphs opening 在X方面 are measures without a
heading; a comma list (…等N個範疇) gives no headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cooptrack.clean.blocks import Block
from cooptrack.extract.zh import patterns as P
from cooptrack.extract.zh.numbers import number
from cooptrack.extract.zh.text import Sent, clauses
from cooptrack.fold import fold


@dataclass
class Group:
    heading: Block | None
    heading_text: str | None
    measures: list[Block] = field(default_factory=list)


def declared_count(title: Sent | None, lead: list[Sent]) -> int | None:
    """The number of areas the release announces, from its headline or lead: not the areas of
    another meeting whose progress a clause reviews ('檢視了…第二十五次會議所確定的五個範疇的合作
    進展')."""
    return next((n for n, reviewed in _counts(title, lead) if not reviewed), None)


def reviews_progress(title: Sent | None, lead: list[Sent], *, outcomes: bool = False) -> bool:
    """The only count of areas the release gives is of areas agreed before, whose progress it
    reviews: it reports progress rather than announcing new areas. A release with no count and no
    outcome (``outcomes``: no area, measure or agreement) whose lead says the meeting reviewed the
    progress made (回顧了…合作進展, 檢視了…落實情況), in a sentence not looking ahead nor a
    speaker's, reports progress too (audit zh15)."""
    counts = list(_counts(title, lead))
    if counts:
        return all(reviewed for _, reviewed in counts)
    return not outcomes and any(_reports_progress(sent.f) for sent in lead)


def _reports_progress(f: str) -> bool:
    return P.REVIEWED_PROGRESS.search(f) is not None and P.PROGRESS_AHEAD.search(f) is None


def _counts(title: Sent | None, lead: list[Sent]) -> Iterator[tuple[int, bool]]:
    """Each count of areas in the headline and lead, and whether its clause reviews the progress
    of areas agreed before (進展, 落實情況; 去年, 以來 …) rather than stating this meeting's."""
    opening: dict[int, str] = {}  # each paragraph's first sentence: who speaks in it
    for sent in lead:
        opening.setdefault(sent.block, sent.f)
    for sent in [*([title] if title else []), *lead]:
        f = sent.f
        for m in P.DECLARED.finditer(f):
            before = f[: m.start()]
            # a leader's words, not the meeting's (or a later sentence of a paragraph a leader's words
            # open: '施小琳说，…。四川愿与香港在…6个领域加强合作' is hers; audit zh20)
            said = P.SPEECH.search(P.MEETING_SAYS.sub("", before)) is not None or (
                sent.block >= 0 and _SPEAKER_OPENS.match(opening.get(sent.block, "")) is not None
            )
            if said and not P.CONSENSUS.search(f) and not _AGREED.search(f):
                continue
            value = number(m["n"] or m["h"] or m["b"] or m["g"] or m["j"])
            if value:
                clause = next((f[a:b] for a, b in clauses(f) if a <= m.start() < b), f)
                yield value, bool(P.PROGRESS.search(clause) or P.OTHER_TIME.search(clause))


# What both sides agreed, whoever reports it: no opinion ('…指出，…。本次会议双方商定在以下四个方面深化合作。')
_AGREED = re.compile(r"同意|商定|议定")
# A paragraph opening on one leader's words: a name or a post and its verb of saying before the
# first comma ('施小琳说，', '李家超在会上表示，'), not the meeting's or both sides' (会议指出，双方一致认为).
_SPEAKER_OPENS = re.compile(r"^(?!会议|双方)[^,，。:：]{2,16}?(?:表示|指出|说|称|强调)[,，:：]")


def _heading_line(text: str) -> bool:
    f = fold(text).text.strip()
    return 0 < len(f) <= 30 and not any(c in f for c in "。,;:!?") and not P.SIGN.search(f)


def _intro_over_heading(block: Block, following: list[Block]) -> bool:
    """A paragraph closing on the announcement of the areas with a full stop (…在以下四个方面深化合作。)
    right over a heading line, labelled (一、经贸投资合作) or over its paragraph (a paper's bold
    跨境基建 over 雙方會…。): the areas' lead-in."""
    if not following or not P.AREAS_INTRO_CLOSED.search(fold(block.text).text) or not _heading_line(following[0].text):
        return False
    labelled = P.AREA_LABEL.match(following[0].text) is not None
    return labelled or (len(following) > 1 and not _heading_line(following[1].text))


def _closing(text: str) -> bool:
    f = fold(text).text
    starts = ("会后", "会前", "会上", "会议期间", "出席", "随团", "参与", "陪同", "此外", "另外")
    said = re.match(r"^[^,。]{2,16}?(?:表示|指出|说|称|强调)", f)  # a speaker's paragraph after the areas
    around = P.NEXT_MEETING.match(f) or P.VISIT_AROUND.match(f) or P.GOING_HOME.match(f)
    return bool(P.SIGN.search(f) or P.MET.search(f) or f.startswith(starts) or "随团出席" in f or said or around)


def split(body: list[Block]) -> tuple[list[Block], list[Group], list[Block]]:
    """The lead, the area groups and the closing blocks of the body."""
    start = next(
        (
            i + 1
            for i, b in enumerate(body)
            if P.AREAS_INTRO.search(fold(b.text).text) or _intro_over_heading(b, body[i + 1 : i + 3])
        ),
        None,
    )
    if start is None:
        return _inline_areas(body)
    groups: list[Group] = []
    end = len(body)
    for i in range(start, len(body)):
        block = body[i]
        if _heading_line(block.text):
            if groups and P.CLOSING_HEADING.search(fold(block.text).text):
                end = i  # a heading over the signing, the delegation or the visit after the areas
                break
            label = P.AREA_LABEL.match(block.text)
            heading = block.text[label.end() :] if label else block.text
            groups.append(Group(block, heading.strip()))
        elif _closing(block.text) and groups:
            end = i
            break
        elif items := enumerated(block, opened=True):  # the lead-in's line, then its numbered paragraph
            if groups and groups[-1].heading is not None:
                groups[-1].measures.extend(items)
            else:
                groups.extend(Group(None, None, [item]) for item in items)
        elif groups:
            groups[-1].measures.append(block)
        else:
            groups.append(Group(None, None, [block]))
    return body[:start], groups, body[end:]


def _inline_areas(body: list[Block]) -> tuple[list[Block], list[Group], list[Block]]:
    """No heading lines: paragraphs opening 在X方面 are measures, each its own area, no heading;
    else the items numbered inside one paragraph after a lead-in saying what was agreed."""
    picked = [i for i, b in enumerate(body) if P.IN_AREA.match(fold(b.text).text)]
    if not picked:
        for i, block in enumerate(body):
            items = enumerated(block)
            if items:
                return body[: i + 1], [Group(None, None, [item]) for item in items], body[i + 1 :]
        return body, [], []
    first, last = picked[0], picked[-1]
    groups = [Group(None, None, [body[i]]) for i in range(first, last + 1)]
    return body[:first], groups, body[last + 1 :]


def enumerated(block: Block, *, opened: bool = False) -> list[Block]:
    """The items a paragraph numbers after its lead-in, one measure each ([ZH-AREAS]; audit zh13):
    '雙方同意：（一）…；（二）…；（三）…。', '会议商定，…以下合作：一是…；二是…；三是…。', '1.…；2.…'.

    The labels are of one style, numbered from one without a gap, two or more; the lead-in (the
    sentence before the first label, closing on a colon or a comma) says what the meeting or both
    sides agreed or will take forward (同意, 商定, 达成共识, 确定, 将重点推进 …), and is neither a
    leader's words (X表示，一是…) nor a review of what another time agreed (回顾…以来, 上次会议确定的).
    Each item is its text as printed, without its label and the mark closing it; the last closes at
    the first full stop after it. English records an 'agreed to …; to …' series as one measure; a
    Chinese paragraph numbers its decisions as a list does, so they are read as a list's items.

    ``opened``: the paragraph follows a lead-in line of its own (雙方同意在以下方面加強合作：, read as
    the areas' lead-in), so its items may open at its start with no lead-in of their own."""
    folded = fold(block.text)
    pad = ":" if opened else ""  # (the lead-in line's colon, before the paragraph's first label)
    f = pad + folded.text
    labels = [m for m in P.ITEM_LABEL.finditer(f) if _label_style(m)]
    if len(labels) < 2:
        return []
    style = _label_style(labels[0])
    run = [labels[0]]
    for m in labels[1:]:
        if _label_style(m) == style and _label_value(m) == _label_value(run[-1]) + 1:
            run.append(m)
    if len(run) < 2 or _label_value(run[0]) != 1:
        return []
    lead_end = run[0].start()
    if f[lead_end - 1] not in ":,":
        return []
    lead = f[:lead_end].rsplit("。", 1)[-1]
    said = P.SPEECH.search(P.MEETING_SAYS.sub("", lead))
    agreed = P.AGREED_LEAD.search(lead) or (opened and lead == pad)
    if not agreed or said or P.SIGN.search(lead) or P.OTHER_TIME.search(lead) or P.PROGRESS.search(lead):
        return []
    out = []
    for k, m in enumerate(run):
        begin = m.end()
        if k + 1 < len(run):
            end = run[k + 1].start()
        else:
            stop = f.find("。", begin)
            end = len(f) if stop < 0 else stop
        while end > begin and f[end - 1] in ";。,: \u3000":
            end -= 1
        if end <= begin:
            return []
        s, e = folded.span(begin - len(pad), end - len(pad))
        out.append(Block(block.kind, block.text[s:e], block.start + s, block.start + e, indented=block.indented))
    return out


def _label_style(m: re.Match[str]) -> str:
    return next((k for k in ("a", "d", "c", "y") if m[k]), "")


def _label_value(m: re.Match[str]) -> int:
    return number(m[_label_style(m)]) or 0
