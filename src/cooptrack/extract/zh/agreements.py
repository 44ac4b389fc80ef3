"""Agreements signed at the meeting, from 《…》 titles in a signing sentence ([ZH-AGREE]).

``簽署《A》《B》和《C》`` is three agreements; each title is kept without its 《》, in the page's
script, inner quotes and spaces kept, pinyin removed. The kind comes from the title's suffix
(備忘錄, 諒解備忘錄, 框架協議, 協議(書), 意向書, (合作)安排). Signatories are those the sentence
says signed (由X與Y簽署, X與Y簽署了; X…,與Y簽署: the sentence's subject too, not Z of 受Z委託),
never those who witnessed (見證); a later sentence may name them for one title by a short form
of it (其中合作備忘錄由X與Y簽署), or by its whole title again (《A》由X與Y簽署). A signing
described without titles (簽署N份合作文件) gives no agreement; a plan or outline named in passing
(《…綱要》) is none, and so is a title signed before the meeting (《A》簽署後, 自《A》簽署以來, 自兩地簽訂《A》以來,
二○○三年簽署的《A》, 去年簽署的《A》). A signing sentence closing on a colon with no title (雙方簽署以下文件:) lists
its titles under it, one item or table row each; numbered items ('1.《A》') may have their signers in a
table below, one row per number ('1 | X | Y').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cooptrack.extract.zh import patterns as P
from cooptrack.extract.zh.people import Found
from cooptrack.extract.zh.text import Sent
from cooptrack.fold import simplified
from cooptrack.vocab import AgreementKind


@dataclass
class Signed:
    title: str
    kind: AgreementKind
    start: int
    end: int
    signatories: list[str] = field(default_factory=list)
    key: str = ""  # the folded title of a 《…》 title, by which a later naming of it is known


def extract(sents: list[Sent], people: list[Found]) -> list[Signed]:
    """The agreements of the release, in order, each once."""
    out: list[Signed] = []
    seen: set[str] = set()
    last: list[tuple[int, Signed]] = []  # the titles listed so far, with the block of their sentence
    latest: list[Signed] = []  # the titles of the last signing sentence naming any
    listed = -2  # the block of a signing lead-in closing on a colon, then of the list's last item
    numbered: dict[int, Signed] = {}  # the titles listed as numbered items ('1.《A》'), by their number
    inline = -2  # the block of a signing sentence whose colon opens a numbered list of titles in it
    for sent in sents:
        f = sent.f
        verb = P.SIGN.search(f)
        if verb is None and sent.block == inline and _INLINE_ITEM.match(f):
            _add(sent, [], out, seen, last)  # the list's next item, after the ; that closed the last
            continue
        if verb is None or (sent.block - listed == 1 and "|" in f):  # (a header's 簽署人 signs nothing)
            # a list of titles under the lead-in (<ul>, a table's rows: one block each)
            if sent.block - listed == 1 and P.TITLE_QUOTED.search(f):
                listed = sent.block
                before = len(out)
                _add(sent, [], out, seen, last)
                label = _NUMBER_LABEL.match(f)
                if label and len(out) == before + 1:
                    numbered[int(label["n"])] = out[-1]
            elif sent.block - listed == 1 and "|" in f:  # a table's row: 序號 | 文件名稱 | 簽署人
                listed = sent.block
                _add_row(sent, people, out, seen, last, numbered)
            elif sent.block - listed == 1 and _bare_title(f):
                listed = sent.block  # an item printed without its 《》: the line is the title
                _add_bare(sent, out, seen, last)
            elif not numbered and _caption(sent, f, listed, last):
                listed = sent.block  # a table's caption under the lead-in ('合作文件一览'): the list goes on
            elif sent.block != listed:
                listed = -2
            continue
        if not P.TITLE_QUOTED.search(f):
            if _caption(sent, f, listed, last):
                listed = sent.block  # a table's caption under the lead-in ('…簽署文件'): the list goes on
                continue
            recent = [a for block, a in last if sent.block - block <= 1]
            if P.WHICH_SIGNED.match(f):  # the former / the latter: of the last sentence's titles
                recent = latest
            _signed_later(f, recent, people)
            listed = sent.block if _LEAD_IN.search(f) else -2
            continue
        before = len(out)
        _add(sent, people, out, seen, last)
        latest = out[before:] or latest
        # (its first item signed at the meeting: not a list of what was signed before, 此前簽署的文件:)
        inline = sent.block if len(out) > before and _INLINE_LIST.search(f) else -2
    return out


# A signing sentence whose colon opens a list of titles numbered in the same paragraph, each item
# a sentence of its own after the ; closing the one before: '雙方簽署了以下文件:(一)《A》;(二)《B》;(三)《C》。'
# (audit zh13; the folded text: '（一）' is '(一)', '；' is ';').
_ITEM = r"(?:\([一二三四五六七八九十\d]{1,2}\)|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])\s?"
_INLINE_LIST = re.compile(rf"[:]\s?{_ITEM}《")
_INLINE_ITEM = re.compile(rf"^\s*{_ITEM}《")

# A table's caption between the lead-in and its rows: one short line, no sentence mark, no title
# ('粵港合作聯席會議第二十六次會議簽署文件'; audit html7).
_LIST_CAPTION = re.compile(r"[^,，。;；:：!?！？《》|]{4,40}")


def _caption(sent: Sent, f: str, listed: int, last: list[tuple[int, Signed]]) -> bool:
    """A table's caption right under the lead-in, before any item of the list."""
    return (
        sent.block - listed == 1 and not any(b == listed for b, _ in last) and bool(_LIST_CAPTION.fullmatch(f.strip()))
    )


# A signing sentence that names no title and closes on a colon: its titles are listed under it
# ("雙方簽署以下文件:", "簽署了以下三份合作協議:"), as [AGREE-LIST] lists them in English.
_LEAD_IN = re.compile(r"[:：]\s*$")


def _add(sent: Sent, people: list[Found], out: list[Signed], seen: set[str], last: list[tuple[int, Signed]]) -> None:
    """The 《…》 titles of a sentence, each once, with the signatories the sentence names."""
    f = sent.f
    for m in P.TITLE_QUOTED.finditer(f):
        signers = _signatories(f, m.start(), people) if people else []
        folded_title = m["title"]
        if P.PLAN_TITLE.search(folded_title) or _signed_before(f, m) or _in_force(f, m):
            continue
        if folded_title in seen:  # named again ('《A》由X與Y簽署'): who signed it, when not yet known
            again = [a for a in out if a.key == folded_title and not a.signatories]
            if again and signers:
                again[0].signatories = signers
            continue
        seen.add(folded_title)
        s, e = sent.span(m.start("title"), m.end("title"))
        title = sent.original(m.start("title"), m.end("title"))
        out.append(Signed(title, _kind(folded_title), s, e, signers, key=folded_title))
        last.append((sent.block, out[-1]))


def _in_force(f: str, m: re.Match[str]) -> bool:
    """A title the sentence implements or follows (落实《A》下的措施, 根据《A》): a document in force."""
    return bool(P.IN_FORCE_AHEAD.search(f[: m.start()])) and (
        f[m.start() - 1 : m.start()] != "在" or bool(P.IN_FORCE_AFTER.match(f[m.end() :]))
    )


def _signed_before(f: str, m: re.Match[str]) -> bool:
    """A title the sentence says was signed before the meeting: background, no agreement of it."""
    after = P.SIGNED_BEFORE_AFTER.match(f[m.end() :])
    if after is not None:
        # a time at the meeting in a clause of the sentence's own ('会上,《A》签署后'), not in the clause
        # introducing a speaker's words ('X在会上表示,《A》签署后…')
        own = [c for c in re.split(r"[,:;]", f) if not P.SPEECH.search(c)]
        if after["since"] or not any(P.MEETING_TIME.search(c) for c in own):
            return True
    verb, since = P.SIGNED_SINCE
    if verb.search(f[: m.start()]) and since.match(f[m.end() :]):
        return True
    return bool(P.SIGNED_BEFORE_AHEAD.search(f[: m.start()]))


# A list item printed without 《》: one short line, no sentence mark, ending as an agreement's title ends
_BARE_ITEM = re.compile(r"[^,，。;；:：!?！？《》]{4,60}")
# its label, if any: (一) 一、 1. 1、 or a bullet
_ITEM_LABEL = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、]|[•·‧\-*])\s*"
)


def _bare_title(f: str) -> bool:
    text = _ITEM_LABEL.sub("", f).strip()
    return bool(_BARE_ITEM.fullmatch(text)) and (_kind(text) is not AgreementKind.OTHER or text.endswith("纪要"))


def _add_bare(sent: Sent, out: list[Signed], seen: set[str], last: list[tuple[int, Signed]]) -> None:
    f = sent.f
    label = _ITEM_LABEL.match(f)
    lead = label.end() if label else len(f) - len(f.lstrip())
    end = len(f.rstrip())
    title = f[lead:end]
    if title in seen:
        return
    seen.add(title)
    s, e = sent.span(lead, end)
    out.append(Signed(sent.original(lead, end), _kind(title), s, e, []))
    last.append((sent.block, out[-1]))


# A header's label of the titles' column (文件名稱, 協議名稱, 文件標題): not a title itself (folded text).
_COLUMN_LABEL = re.compile(r"(?:名称|标题)$")


# A numbered item's label (1. 1、 (1)), and a table's cell holding a number alone.
_NUMBER_LABEL = re.compile(r"^\s*[(（]?(?P<n>\d{1,2})[.、)）]")
_NUMBER_CELL = re.compile(r"^\s*(?P<n>\d{1,2})\s*\|")


def _add_row(
    sent: Sent,
    people: list[Found],
    out: list[Signed],
    seen: set[str],
    last: list[tuple[int, Signed]],
    numbered: dict[int, Signed],
) -> None:
    """A table's row: the cell that is a bare title, signed by the people the other cells name (a
    header row, with no such cell, gives nothing). A row holding no title but a number in its first
    cell gives the signers of the title listed above under that number ('1.《A》' … '1 | X | Y')."""
    f, at = sent.f, 0
    key = _NUMBER_CELL.match(f)
    if key and not any(_bare_title(c.strip()) for c in f.split("|")):
        one = numbered.get(int(key["n"]))
        if one is not None and not one.signatories:
            found = sorted((f.find(p.key), p.name) for p in people if p.key in f)
            one.signatories = [name for _, name in found]
        return
    for cell in f.split("|"):
        lead = at + len(cell) - len(cell.lstrip())
        at += len(cell) + 1
        if not _bare_title(cell.strip()) or cell.strip() in seen or _COLUMN_LABEL.search(cell.strip()):
            continue
        end = lead + len(cell.strip())
        seen.add(cell.strip())
        rest = f[:lead] + " " * (end - lead) + f[end:]
        found = sorted((rest.find(p.key), p.name) for p in people if p.key in rest)
        s, e = sent.span(lead, end)
        out.append(Signed(sent.original(lead, end), _kind(cell.strip()), s, e, [name for _, name in found]))
        last.append((sent.block, out[-1]))
        return


def _signed_later(f: str, recent: list[Signed], people: list[Found]) -> None:
    """A sentence with no title saying who signed one of the titles listed in its paragraph or the
    one before, by a short form of it (其中合作備忘錄由X與Y簽署, 協議由X與Y簽署): the one title that
    ends with that form, or the one of its kind, gets the signatories when it has none."""
    if P.WHICH_SIGNED.match(f):
        # '前者由X與Y簽署,後者由Z與W簽署。' after the sentence listing the titles: the first, the last of them
        for which in P.WHICH_SIGNED.finditer(f) if recent else ():
            one = recent[0] if which["which"] == "前者" else recent[-1]
            if not one.signatories:
                found = sorted((which["who"].find(p.key), p.name) for p in people if p.key in which["who"])
                one.signatories = [name for _, name in found]
        return
    m = P.SHORT_TITLE_SIGNED.search(f)
    if m is None or not recent:
        return
    short = re.sub(r"^(?:其中|该|此|这份|上述|有关)", "", m["short"])
    folded = {id(a): simplified(a.title) for a in recent}
    matches = [a for a in recent if folded[id(a)].endswith(short)]
    if not matches:
        matches = [a for a in recent if a.kind is _kind(short)]
    if len(matches) == 1 and not matches[0].signatories:
        found = sorted((m["who"].find(p.key), p.name) for p in people if p.key in m["who"])
        matches[0].signatories = [name for _, name in found]


def _kind(title: str) -> AgreementKind:
    for suffix, kind in P.AGREEMENT_KINDS:
        if title.endswith(suffix) or (
            suffix in ("备忘录", "协议", "安排") and re.search(suffix + r"[^《》]{0,6}$", title)
        ):
            return AgreementKind(kind)
    return AgreementKind.OTHER


def _signatories(f: str, at: int, people: list[Found]) -> list[str]:
    """Who the sentence says signed the title at ``at``: 由X與Y簽署, or the subjects of the
    signing verb before it (not of 見證: those named between 見證 and the verb)."""
    whiches = list(P.WHICH_SIGNED.finditer(f))
    if whiches:  # '簽署了《A》和《B》,前者由X與Y簽署,後者由Z與W簽署': each clause its own title
        titles = [t.start() for t in P.TITLE_QUOTED.finditer(f[: whiches[0].start()])]
        for which in whiches:
            own = -1 if not titles else titles[0] if which["which"] == "前者" else titles[-1]
            if at == own:
                return [p.name for p in people if p.key in which["who"]]
        return []
    each = P.RESPECTIVELY_BY.search(f)
    titles = [t.start() for t in P.TITLE_QUOTED.finditer(f[: each.start()])] if each else []
    if each and at in titles and len(titles) >= 2:
        groups = _respective(each["who"], people, len(titles))
        if groups is not None:
            return groups[titles.index(at)]
    clause = _own_clause(f, at)
    if clause is not None:
        return [p.name for p in people if p.key in clause["who"]]
    by = P.SIGNED_BY.search(f)
    # '由X與Y簽署(的)《B》' names who signed the titles after it: a title before it ('簽署了《A》,並由X與Y
    # 簽署《B》') is the sentence's subject's; '《A》由X與Y簽署' names who signed the titles before it,
    # not one after it ('…簽訂,《B》的簽署則由兩人共同見證'), whose signing verb comes after it
    ahead = by is not None and re.match(r"(?:了|的)?\s?《", f[by.end() :]) is not None
    if by and (at > by.start() if ahead else at < by.start()):
        return [p.name for p in people if p.key in by["who"]]
    after = by.end() if by and not ahead else 0
    verbs = [v for v in P.SIGN.finditer(f) if after <= v.start() < at]
    if not verbs:
        return []
    verb = verbs[-1]
    head = f[: verb.start()]
    clause_head = head[max(head.rfind(","), head.rfind("。"), -1) + 1 :]
    witness = list(P.WITNESS.finditer(clause_head))
    if witness:  # the witnesses signed nothing; who is named after 見證 signed ('共同見證X與Y簽署《A》'; audit zh12)
        signed = clause_head[witness[-1].end() :]
        return [name for _, name in sorted((signed.find(p.key), p.name) for p in people if p.key in signed)]
    clause_start = max(head.rfind(","), head.rfind("。"), -1) + 1
    subject = head[clause_start:]
    found = sorted((subject.find(p.key), p.name) for p in people if p.key in subject)
    names = [name for _, name in found]
    if P.WITH_SUBJECT.match(subject):  # '…X受Z委託出席簽約儀式,與Y簽署《…》': X signed with Y
        first = _subject(head[:clause_start], people)
        if first is not None and first.name not in names:
            names.insert(0, first.name)
    return names


_AHEAD = re.compile(r"(?:了|的)?\s?《")


def _own_clause(f: str, at: int) -> re.Match[str] | None:
    """In a sentence of several '由X與Y簽署(的)《…》' clauses, each naming who signed the titles right
    after it ('由X與Y簽署的《A》、由P與Q簽署的《B》'), the one before the title at ``at``; None when the
    sentence holds fewer than two such clauses (one clause is read by :func:`_signatories`)."""
    if f.count("由") < 2:
        return None
    ahead = [m for m in P.SIGNED_BY.finditer(f) if _AHEAD.match(f, m.end())]
    if len(ahead) < 2:
        return None
    before = [m for m in ahead if m.end() <= at]
    return before[-1] if before else None


def _respective(who: str, people: list[Found], n: int) -> list[list[str]] | None:
    """The signers of each of ``n`` titles listed before 分別由…簽署, in order: one person each
    (分別由A、B及C簽署, also 與 a side named by no one), a pair each (分別由A與X、B與Y簽署), or two
    lists of ``n`` (分別由A、B及C,與X、Y及Z簽署: the i-th of each). None when the people named do not
    fall into ``n`` groups."""
    found = sorted((who.find(p.key), p.name) for p in people if p.key in who)
    names = [name for _, name in found]
    joined = who.find("与")  # (分別由A、B及C,與香港方面相關機構簽署: one each, no one named after 與)
    if len(names) == n and (joined < 0 or all(at < joined for at, _ in found)):
        return [[name] for name in names]
    if len(names) != 2 * n:
        return None
    items = who.split("、")
    pairs = [
        [name for _, name in sorted((item.find(p.key), p.name) for p in people if p.key in item)] for item in items
    ]
    if len(items) == n and all(len(pair) == 2 for pair in pairs):
        return pairs
    return [[names[i], names[i + n]] for i in range(n)]


def _subject(head: str, people: list[Found]) -> Found | None:
    """The sentence's subject: the first person it names, not the one on whose behalf (受Z委託)."""
    behalf = [(m.start(), m.end()) for m in P.ON_BEHALF.finditer(head)]
    named = sorted(
        (i, p) for p in people for i in [head.find(p.key)] if i >= 0 and not any(s <= i < e for s, e in behalf)
    )
    return named[0][1] if named else None
