"""Agreements signed at the meeting, from 《…》 titles in a signing sentence ([ZH-AGREE]).

``簽署《A》《B》和《C》`` is three agreements; each title is kept without its 《》, in the page's
script, inner quotes and spaces kept, pinyin removed. The kind comes from the title's suffix
(備忘錄, 諒解備忘錄, 框架協議, 協議(書), 意向書, (合作)安排). Signatories are those the sentence
says signed (由X與Y簽署, X與Y簽署了), never those who witnessed (見證). A signing described without
titles (簽署N份合作文件) gives no agreement; a plan or outline named in passing (《…綱要》) is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cooptrack.extract.zh import patterns as P
from cooptrack.extract.zh.people import Found
from cooptrack.extract.zh.text import Sent
from cooptrack.vocab import AgreementKind


@dataclass
class Signed:
    title: str
    kind: AgreementKind
    start: int
    end: int
    signatories: list[str] = field(default_factory=list)


def extract(sents: list[Sent], people: list[Found]) -> list[Signed]:
    """The agreements of the release, in order, each once."""
    out: list[Signed] = []
    seen: set[str] = set()
    for sent in sents:
        f = sent.f
        verb = P.SIGN.search(f)
        if verb is None:
            continue
        for m in P.TITLE_QUOTED.finditer(f):
            signers = _signatories(f, m.start(), people)
            folded_title = m["title"]
            if P.PLAN_TITLE.search(folded_title) or folded_title in seen:
                continue
            seen.add(folded_title)
            s, e = sent.span(m.start("title"), m.end("title"))
            out.append(Signed(sent.original(m.start("title"), m.end("title")), _kind(folded_title), s, e, signers))
    return out


def _kind(title: str) -> AgreementKind:
    for suffix, kind in P.AGREEMENT_KINDS:
        if title.endswith(suffix) or (
            suffix in ("备忘录", "协议", "安排") and re.search(suffix + r"[^《》]{0,6}$", title)
        ):
            return AgreementKind(kind)
    return AgreementKind.OTHER


def _signatories(f: str, at: int, people: list[Found]) -> list[str]:
    """Who the sentence says signed the title at ``at``: 由X與Y簽署, or the subjects of the
    signing verb before it (not of 見證)."""
    by = P.SIGNED_BY.search(f)
    if by:
        return [p.name for p in people if p.key in by["who"]]
    verbs = [v for v in P.SIGN.finditer(f) if v.start() < at]
    if not verbs:
        return []
    verb = verbs[-1]
    head = f[: verb.start()]
    clause_head = head[max(head.rfind(","), head.rfind("。"), -1) + 1 :]
    if P.WITNESS.search(clause_head):
        return []
    clause_start = max(head.rfind(","), head.rfind("。"), -1) + 1
    subject = head[clause_start:]
    found = sorted((subject.find(p.key), p.name) for p in people if p.key in subject)
    return [name for _, name in found]
