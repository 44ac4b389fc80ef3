"""Agreements signed at the meeting: title, kind, annex, language and signatories.

Titles come quoted in a signing sentence ("signed the “Co-operation Memorandum of ...”"),
unquoted after "signed the", or as a list of items after a sentence announcing the signing.
A later sentence places them in annexes ("The document (Chinese only) is at Annex 1", "the
above documents ... are at Annex 2, Annex 3 ... respectively", "(i), (ii) and (iv) ... are in
Annexes 3 to 5"), referring to them by quoted title, by list label, or as the last ones named.
Agreements mentioned inside the measures of an area are past ones, not signed at this meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cooptrack.clean.blocks import Block, BlockKind
from cooptrack.extract import patterns as P
from cooptrack.extract.gazetteer import VENUES
from cooptrack.extract.people import Found
from cooptrack.extract.sentences import Sentence, sentences
from cooptrack.extract.signers import named_after, signatories_in
from cooptrack.screen import screen
from cooptrack.vocab import AgreementKind, Role


@dataclass
class FoundAgreement:
    title: str
    kind: AgreementKind
    start: int
    end: int
    label: str | None = None
    annex: str | None = None
    chinese_only: bool = False
    signatories: list[str] = field(default_factory=list)


def _norm(title: str) -> str:
    t = _QUOTE_MARKS.sub("", title)
    return _DASHES_SPACES.sub(" ", t).strip(" ;,.").casefold()


_QUOTE_MARKS = re.compile(r"[\u2018\u2019\u201c\u201d\"']")
_DASHES_SPACES = re.compile(r"[\s\-]+")


_TRAILING_BRACKET = re.compile(
    r"(?:\s*[(\uff08][^()\uff08\uff09]*(?:[\u3400-\u9fff]|\bChinese\s+only\b)[^()\uff08\uff09]*[)\uff09])+$"
)


def _tidy_title(raw: str) -> str:
    """The title without its outer quotation marks and trailing list punctuation; inner quotation
    marks of a nested title are kept ("Arrangements for the “P-Hong Kong ... Conference” Mechanism")."""
    title = _tidy_outer(raw)
    if title.count("\u201c") > title.count("\u201d"):
        title += "\u201d"  # the inner quotation closed the title: its closing mark was taken as the outer
    elif title.count("\u201d") > title.count("\u201c"):
        title = "\u201c" + title
    return title


_OUTER_QUOTES = re.compile(r"^[\u201c\"]|[\u201d\"]$")
# A list item's end: "...;", "..., and", "...; or" (a whole word: not the end of "Corridor", "Island").
_LIST_END = re.compile(r"(?:\s*[;,.])?(?:[\u201d\"])?(?:\s*[;,.])?\s*(?:\b(?:and|or)\b)?\s*$")
_OPENING_QUOTE = re.compile(r"^[\u201c\"]")
# An item opening with an article before its quoted title: "the “Agreement on …”, signed by …", or
# before an unquoted one: "(1) The Co-operation Memorandum of …, signed by …" (the list's article,
# as "signed the Memorandum of …" has it: no part of the title; audit en20), the article in lower
# case before the title's capital ("the Memorandum of …, signed by …": audit html7).
_ITEM_ARTICLE = re.compile(r"^\s*(?:(?i:the|an?)\s+(?=[\u201c\"])|(?:[Tt]he|an?)\s+(?=[A-Z]))")


def _tidy_outer(raw: str) -> str:
    title = raw.strip()
    title = _OUTER_QUOTES.sub("", title.strip())
    title = _LIST_END.sub("", title)
    title = _OPENING_QUOTE.sub("", title)
    # A Chinese name or "(Chinese only)" in brackets after the English title is not part of it.
    stripped = title.strip(' ;,.\u201c\u201d"')
    bracket = _TRAILING_BRACKET.sub("", stripped)
    if bracket != stripped and bracket:
        return _tidy_outer(bracket)
    return title.strip(' ;,.\u201c\u201d"')


class _Collector:
    def __init__(self, people: list[Found]) -> None:
        self.people = people
        self.items: list[FoundAgreement] = []
        self.last_group: list[FoundAgreement] = []
        self.expect_list = False
        self.signed_before = False  # the sentence before was a signing ("Six agreements were signed ...")
        self.unsigned: set[str] = set()  # signers a later "The X was signed by ..." replaced
        self.marked: dict[str, list[FoundAgreement]] = {}  # items by their footnote's mark ("*")

    def add(self, title: str, start: int, *, label: str | None = None, in_list: bool = False) -> FoundAgreement | None:
        title = _tidy_title(title)
        if P.SPEECH_IN_QUOTES.search(title):
            return None  # "... we have entered into a deeper partnership under our mechanism."
        kind = P.agreement_kind(title)
        if kind is None:
            if not in_list or len(title.split()) < 3:
                return None
            kind = AgreementKind.OTHER
        key = _norm(title)
        for item in self.items:
            if _norm(item.title) == key:
                return item
        item = FoundAgreement(title, kind, start, start + len(title), label=label)
        self.items.append(item)
        return item

    def block(self, block: Block) -> None:
        if self._footnote(block):
            return
        signers = P.SIGNERS_LINE.match(block.text)
        if signers is not None and self.last_group:  # "Signatories: …" under an item: that item's signers
            item = self.last_group[-1]
            if not item.signatories:
                sentence = Sentence(block.text, block.start, block)
                item.signatories = [p.name for p in named_after(sentence, self.people, signers.end() - 1)]
            return
        if block.kind is BlockKind.BULLET:
            if self.expect_list:
                self._list_item(block)
            return
        if self.expect_list and (" | " in block.text or _item_like(block.text)):  # a table's row, or an item
            self._list_item(block)
            return
        if self.expect_list and self.last_group and block.kind is BlockKind.HEADING:
            self.expect_list = False
        if block.kind is BlockKind.HEADING:
            self.expect_list = bool(P.SIGN_CUE.search(block.text))
            self.last_group = [] if self.expect_list else self.last_group
            return
        self.expect_list = False
        for sentence in sentences(block):
            self.sentence(sentence)

    def _footnote(self, block: Block) -> bool:
        """A footnote under a list ("* Chinese only", read as a bullet marked "*" or a line opening on
        the mark): its note goes to the items bearing the mark. Never an agreement of its own."""
        if block.kind is BlockKind.BULLET and block.label and set(block.label) <= {"*", "\u2020"}:
            mark, note = block.label, block.text
        elif (line := _FOOTNOTE_LINE.match(block.text)) is not None:
            mark, note = line["mark"], line["note"]
        else:
            return False
        if not _FOOTNOTE.fullmatch(note):
            return False
        numbers = annex_numbers(note)
        for item in self.marked.get(mark, []):
            item.chinese_only = item.chinese_only or bool(P.CHINESE_ONLY.search(note))
            item.annex = f"Annex {numbers[0]}" if len(numbers) == 1 else item.annex
        return True

    def _list_item(self, block: Block) -> None:
        raw = block.text
        notes = [m[0] for m in _ITEM_NOTE.finditer(raw)]  # "1. Memorandum of ... (Chinese only) (Annex 2);"
        raw = _ITEM_NOTE.sub(lambda m: " " * len(m[0]), raw).rstrip()
        offset = block.start + (len(raw) - len(raw.lstrip('\u201c" ')))
        signers_at = None  # a table row's cells after its title: the signers' posts and names
        if "|" in raw:  # a table's row: the title is the cell naming a kind of document (its notes' cell gone)
            cells = [c.strip() for c in raw.split("|")]
            cell = next((c for c in cells if P.agreement_kind(c) and len(c.split()) > 2), None)
            if cell is None:
                return  # a header row ("Document | Signed by", "Agreement | Signed by")
            notes += [c for c in cells if _NOTE_CELL.fullmatch(c)]  # a remarks column: "Annex 1", "Chinese only"
            offset, raw = block.start + raw.index(cell), cell
            signers_at = offset - block.start + len(cell)
        article = _ITEM_ARTICLE.match(raw)  # "(1) the “Memorandum of …”, signed by …": the item's own article
        if article is not None:
            raw = " " * article.end() + raw[article.end() :]
            offset = block.start + (len(raw) - len(raw.lstrip('\u201c" ')))
        quoted = P.QUOTED.match(raw.lstrip())
        rest = ""
        signed = _ITEM_SIGNED_BY.search(raw)
        if quoted is None and signed is not None:  # "Memorandum of ..., signed by Mr A and Mr B;"
            rest, raw = raw[signed.start() :], raw[: signed.start()]
        if quoted is not None:  # “Title”, signed by ... / “Title” (Chinese only)
            lead = len(raw) - len(raw.lstrip())
            rest = raw[lead + quoted.end() :]
            raw = quoted["t"]
        marked = _MARK_AFTER_QUOTE.match(rest) if quoted is not None else _FOOTNOTE_MARK.search(raw)
        if marked is not None and quoted is None:  # "Memorandum of …*;": the mark is no part of the title
            raw = raw[: marked.start()]
        item = self.add(raw, offset, label=_label(block.label), in_list=True)
        if item is not None and marked is not None and item not in self.marked.get(marked["mark"], []):
            self.marked.setdefault(marked["mark"], []).append(item)
        if item is not None and notes:
            item.chinese_only = item.chinese_only or any(P.CHINESE_ONLY.search(n) for n in notes)
            numbers = [n for note in notes for n in annex_numbers(note)]
            item.annex = f"Annex {numbers[0]}" if len(numbers) == 1 else item.annex
        if item is not None and item not in self.last_group:
            self.last_group.append(item)
        if item is not None and rest and P.SIGN_CUE.search(rest) and not item.signatories:
            item.signatories = [p.name for p in signatories_in(Sentence(block.text, block.start, block), self.people)]
        elif item is not None and signed is not None and not item.signatories:  # "Title, by the Secretary ..., Mr A"
            at = block.text.find(signed[0]) + len(signed[0])
            item.signatories = [p.name for p in named_after(Sentence(block.text, block.start, block), self.people, at)]
        elif item is not None and signers_at is not None and not item.signatories:  # "Title | Secretary …, Mr A"
            at = signers_at
            item.signatories = [p.name for p in named_after(Sentence(block.text, block.start, block), self.people, at)]

    def sentence(self, sentence: Sentence) -> None:
        text = sentence.text
        signing = P.SIGN_CUE.search(text) or P.AGREE_VERB.search(text)
        past = _signed_before(text)
        listed = False
        if signing and not past and (colon := text.find(":", signing.start())) > 0 and text[colon + 1 :].strip():
            listed = self._inline_list(sentence, colon + 1)  # "... were signed at the plenary: A, signed by ...; B."
        annexed = _has_annex(text)
        # a signing sentence naming its document's annex after the title ("… signed the Memorandum of …
        # (see Annex 1)", "…, which is at Annex 1"): the titles are read before the annex's words (a
        # sentence placing documents named before, "The documents signed are at Annexes 2 to 5", has none)
        read = _before_annex(sentence, signing.start()) if signing and annexed else sentence
        if signing and read is not None and not past:
            group = self._titles_in(read)
            for item in group:  # "… signed the Memorandum of … (Chinese only)": the note right after its title
                at = item.end - sentence.start  # (a title named in this sentence: an earlier one's end is elsewhere)
                if 0 <= at <= len(text) and _NOTE_AFTER_TITLE.match(text, at):
                    item.chinese_only = True
            if group:
                names = [p.name for p in signatories_in(sentence, self.people)]
                shares = _respective(text, group, names)
                # "The agreement was signed by A and B" names the signers: it outranks signers read
                # earlier from "the two sides signed the ..." (the co-chairs, by default)
                named = bool(_PASSIVE_SIGNED.search(text))
                for item, share in zip(group, shares, strict=True):
                    if item.signatories and named and share and share != item.signatories:
                        self.unsigned.update(set(item.signatories) - set(share))
                    if not item.signatories or (named and share):
                        item.signatories = share
                self.last_group = group
        # "The following four agreements were signed at the meeting:" opens a list of agreements
        # (not "... the following agreements signed at the last meeting:")
        opens = text.rstrip().endswith(":") and (
            signing or _DOCUMENTS.search(text) or (self.signed_before and bool(_THEY_WERE.match(text)))
        )
        if opens and not past and not (signing and _lists_another_meetings(text, signing.start())):
            self.expect_list = True
            self.last_group = []
        self.signed_before = bool(signing) and not past
        if _has_annex(text) and not listed:  # an inline list's annexes are its items' own
            self._annex(sentence)

    def _inline_list(self, sentence: Sentence, at: int) -> bool:
        """A list of agreements run into the announcing sentence after its colon, items apart by
        semicolons (a copy that lost its line breaks): each item is read as a list item."""
        if P.OTHER_MEETING_LIST.search(sentence.text[:at]):
            return False
        found = False
        for part in re.finditer(r"[^;]+", sentence.text[at:]):
            lead = _INLINE_LEAD.match(part[0])
            raw = part[0][lead.end() if lead else 0 :].rstrip()
            if len(raw) >= 8 and _item_like(raw):
                start = sentence.start + at + part.start() + (lead.end() if lead else 0)
                self._list_item(Block(BlockKind.BULLET, raw, start, start + len(raw)))
                found = True
        return found

    def _titles_in(self, sentence: Sentence) -> list[FoundAgreement]:
        text = sentence.text
        group: list[FoundAgreement] = []
        # "entered into the “...”": without a sign word, only a title quoted after the verb counts
        after = 0 if P.SIGN_CUE.search(text) else min((m.end() for m in P.AGREE_VERB.finditer(text)), default=0)
        for at, quoted in _quoted_titles(text, after):
            item = self.add(quoted, sentence.start + at)
            if item is not None:
                group.append(item)
                # "the “A” and the “B” (Chinese only)": the note right after a title is its own
                item.chinese_only = item.chinese_only or bool(_CHINESE_AFTER.match(text, at + len(quoted)))
        if group:
            return group
        passive = _PASSIVE_SIGNED.search(text)
        if passive:  # "The Agreement on X was signed by ...": a title already named, or a new one
            subject = _norm(text[: passive.start()])
            group = [i for i in self.items if _norm(i.title) in subject]
            if not group and re.fullmatch(r"(?:it|they|both|these(?: documents)?|the (?:two )?documents)", subject):
                group = list(self.last_group)  # "It was signed by ...": the documents just named
            # the subject at the sentence's head, or at its last clause's ("Witnessed by A, the X was signed by")
            head = re.match(r"\s*(?:The|the)\s+", text) or _clause_head(text, passive.start())
            if not group and head:
                named = text[head.end() : passive.start()]
                run = _title_run(named) if named[:1].isupper() else _described(named)
                short = [i for i in self.items if run and _norm(i.title).startswith(_norm(run))]
                item = short[0] if len(short) == 1 else None  # "The Co-operation Memorandum was signed by ..."
                if item is None and run and _BARE_KIND.fullmatch(run.strip()):
                    # "The Memorandum was signed by ...": a reference, never a title of its own; to the
                    # one agreement of its kind, or to none when two are (audit en21)
                    item = self._referred(run)
                elif item is None and run and len(parts := _split_titles(run)) > 1:
                    # "the Memorandum of … and the Agreement on … were signed by A and B, and by C and D,
                    # respectively": each title of the subject its own (audit en21)
                    at = sentence.start + head.end() + (named.find(run) if run in named else 0)
                    group = [i for off, title in parts if (i := self.add(title, at + off)) is not None]
                elif item is None:
                    item = self.add(run, sentence.start + head.end()) if run else self._referred(named)
                group = group or ([item] if item is not None else [])
            if group:
                return group
        # "At the plenary, the Memorandum of ... between the ‹Bureau› and the ‹Department› was signed",
        # "An Agreement on ... was also signed": a title at the head of the clause signed in the
        # passive, with no "by" (its parties, when named, are part of the title as printed)
        bare = _BARE_PASSIVE.search(text) if not passive else None
        head = (re.match(r"\s*(?:The|the|An|an|A)\s+", text) or _clause_head(text, bare.start())) if bare else None
        if bare and head:
            named = text[head.end() : bare.start()]
            run = _title_run(named) if named[:1].isupper() else ""
            for offset, title in _split_titles(run) if len(run.split()) > 2 else []:
                item = self.add(title, sentence.start + head.end() + offset)
                if item is not None and item not in group:
                    group.append(item)
            if group:
                return group
        for anchor in P.SIGN_OBJECT.finditer(text):  # "signed the A", "the signing of the memorandum of the ..."
            if _past_event(text, anchor) or P.OTHER_MEETING_LIST.search(anchor[0]):
                continue  # (not "the documents signed at the previous plenary included the ...")
            at = anchor.end()
            if text[at : at + 1].isupper():
                titles = _split_titles(_title_run(text[at:]))
            else:
                described = _described(text[at:])
                titles = [(0, described)] if described else []
                referred = None if described or anchor["det"] != "the" else self._referred(text[at:])
                if referred is not None and referred not in group:  # "X and Y signed the memorandum."
                    group.append(referred)
            for offset, title in titles:
                item = self.add(title, sentence.start + at + offset)
                if item is not None and item not in group:
                    group.append(item)
        if not group:  # "Among them was the Memorandum of …, signed by A and B" (audit html7)
            for at, title in _titled_signed_by(text):
                item = self.add(title, sentence.start + at)
                if item is not None and item not in group:
                    group.append(item)
        return group

    def _referred(self, text: str) -> FoundAgreement | None:
        """The one agreement already named that "the memorandum", "the co-operation agreement"
        (the start of ``text``) refers to, if exactly one is of that kind."""
        m = _REFERENCE.match(text)
        if m is None:
            return None
        word = m["k"].casefold()[:8]  # "memorand", "agreemen", "arrangem", ...
        named = [i for i in self.items if word in i.title.casefold()]
        return named[0] if len(named) == 1 else None

    def _annex(self, sentence: Sentence) -> None:
        text = sentence.text
        numbers: list[int | None] = list(annex_numbers(text))
        if not numbers and _SOLE_ANNEX.search(text):
            numbers = [None]  # "The document (Chinese only) is at (the) Annex": the release's only annex
        if not numbers:
            return
        referents = self._referents(text)
        if len(numbers) > 1 and len(referents) < len(numbers) <= len(self.items) and referents == self.last_group:
            referents = self.items[-len(numbers) :]  # "The two documents are at Annex 1 and Annex 2 respectively"
        chinese = bool(P.CHINESE_ONLY.search(text))
        if len(referents) == len(numbers):
            pairs = list(zip(referents, numbers, strict=True))
        elif len(numbers) == 1:
            pairs = [(r, numbers[0]) for r in referents]
        else:
            pairs = list(zip(referents, numbers, strict=False))
        for item, number in pairs:
            item.annex = "Annex" if number is None else f"Annex {number}"
            item.chinese_only = item.chinese_only or chinese

    def _referents(self, text: str) -> list[FoundAgreement]:
        quoted = [_norm(t) for _, t in _quoted_titles(text)]
        if quoted:
            found = [i for q in quoted for i in self.items if _norm(i.title) == q]
            if found:
                return found
        for m in re.finditer(r"\b[Tt]he\s+(?P<n>[A-Z][\w\-']*(?:\s+[A-Z][\w\-']*){1,5})", text.split("Annex")[0]):
            short = _norm(m["n"])  # "The Co-operation Memorandum (Chinese only) is at Annex 1"
            named = [i for i in self.items if _norm(i.title).startswith(short)]
            if len(named) == 1:
                return named
        labels = [m["l"] for m in P.ROMAN_LABEL.finditer(text.split("Annex")[0])]
        if labels:
            by_label = {i.label: i for i in self.items if i.label}
            found = [by_label[lab] for lab in labels if lab in by_label]
            if found:
                return found
        return list(self.last_group)


# (a list item's bare ", by the Secretary for ..., Mr A, and ...", under "witnessed the signing of:")
# "…, signed by A and B", "… (signed by the Secretary for …, Mr A, and …, Mr B)", "…, by the Secretary …",
# "… -- signed by A and B", "… – signed by …" (a dash before the clause, audit en21)
_ITEM_SIGNED_BY = re.compile(
    rf"(?:\s+(?:--?|[\u2013\u2014])\s*|\s*[\u2013\u2014]\s*|,?\s+|\s*[(\uff08]\s*)(?:was\s+|were\s+)?(?:signed|inked)\s+by\b"
    rf"|{P.ITEM_BY.pattern}"
)
# A list item's notes in brackets: "(Chinese only)", "(Annex 2)", "(Annex 3, Chinese only)".
_NOTE = r"(?:(?:in\s+)?Chinese\s+(?:version\s+)?only|(?:see\s+|at\s+)?Annex\s+\d{1,2})"
_ITEM_NOTE = re.compile(rf"(?i)\s*[(\uff08]\s*{_NOTE}(?:\s*[,;]\s*(?:and\s+)?{_NOTE})*\s*[)\uff09]")
_NOTE_CELL = re.compile(rf"(?i){_NOTE}")
# A footnote's mark after a list item's title ("Memorandum of …*", "“Agreement on …”**;"), and the
# footnote under the list that it points to ("* Chinese only", "** In Chinese only", "*Available in
# Chinese only"): the note is the marked items' (audit en16: the mark had been cut as chrome, the
# footnote read as an agreement "Chinese version only").
_FOOTNOTE_MARK = re.compile(
    r"(?<=[\w\u201d\")])\s?(?P<mark>\*{1,3}|\u2020{1,2})(?=\s*[;,.]?\s*(?:\b(?:and|or)\b)?\s*$)"
)
_MARK_AFTER_QUOTE = re.compile(r"^\s?(?P<mark>\*{1,3}|\u2020{1,2})")
_FOOTNOTE = re.compile(
    rf"(?i)\s*(?:(?:the\s+)?(?:documents?|agreements?|memoranda|items?|texts?)\s+(?:marked\s+\S+\s+)?"
    rf"(?:is|are|was|were)\s+)?(?:available\s+)?{_NOTE}\s*\.?\s*"
)
_FOOTNOTE_LINE = re.compile(r"^\s*(?P<mark>\*{1,3}|\u2020{1,2})\s*(?P<note>.+)$")
_SOLE_ANNEX = re.compile(r"\b(?:is|are)\s+(?:attached\s+)?(?:at|in)\s+(?:the\s+)?Annex\b(?!\s*\d)")
_CONNECTORS = frozenset({"of", "the", "and", "on", "in", "for", "between", "to", "with", "among", "a", "an", "by"})


# A table's column of documents or of those who signed them: "Agreement", "Document", "Title of
# document", "Signed by", "Hong Kong signatory", "Signing parties" (a header's labels, either language).
_DOCUMENT_LABEL = re.compile(r"(?i)\bsign|document|agreement|\btitle|memorand|文件|名稱|名称|簽署|签署|協議|协议")


_RESPECTIVELY = re.compile(r"(?i)\brespectively\b")


def _respective(text: str, group: list[FoundAgreement], names: list[str]) -> list[list[str]]:
    """Each title's signers. "T1 and T2 were signed respectively by A and B, and by C and D", "A and
    B, and C and D, signed T1 and T2 respectively": with "respectively", as many signers per title as
    the names divide evenly among the titles, in the order of both ("respectively" after the signing
    verb); otherwise every title has all the sentence's signers."""
    n = len(group)
    sign = P.SIGN_VERB.search(text)
    # (after the signing verb: not "A and B, leading the delegations … respectively, witnessed the
    # signing of T1 and T2 by C and D")
    respectively = sign is not None and _RESPECTIVELY.search(text, sign.start()) is not None
    if n >= 2 and names and len(names) % n == 0 and len(names) // n <= 2 and respectively:
        k = len(names) // n
        return [names[i * k : (i + 1) * k] for i in range(n)]
    return [names for _ in group]


def agreement_item(text: str) -> bool:
    """A list's item that is an agreement: a table's row with a cell naming a kind of document
    ("1 | Agreement on … | Secretary for …, Mr A, and …"), a table's header of labels naming the
    documents or their signatories ("No. | Agreement | Signed by", "Document | Hong Kong signatory |
    Jiangxi signatory"), or an item shaped as a document's title ("Memorandum of …, signed by …")."""
    if " | " in text:
        cells = [c.strip() for c in text.strip("\u2022 ").split(" | ")]
        if any(P.agreement_kind(c) and len(c.split()) > 2 for c in cells):
            return True
        return all(len(c) <= 40 for c in cells) and any(_DOCUMENT_LABEL.search(c) for c in cells)
    return _item_like(text)


def _item_like(text: str) -> bool:
    """A paragraph that is one item of a list of agreements: the title (quoted or not) of a kind
    of document, in title case, then at most its notes and a "signed by" clause ("Memorandum of
    Understanding on X, signed by Mr A and Ms B (Chinese only) (Annex 2);"). A sentence about
    documents ("The X was signed by ...", "... signed by ... are at Annexes 2 and 3") is not one."""
    plain = _ITEM_NOTE.sub("", text)
    signed = _ITEM_SIGNED_BY.search(plain)
    body, rest = (plain[: signed.start()], plain[signed.end() :]) if signed else (plain, "")
    if (signed and re.search(r"\b(?:was|were)\b", signed[0])) or _has_annex(rest) or _FINITE.search(rest):
        return False
    body = body.strip().rstrip(";,.").removesuffix(" and").strip()
    quoted = P.QUOTED.match(body)
    body = quoted["t"] if quoted else body
    words = body.split()
    if not words or words[0] == "The" or len(words) > 60 or P.agreement_kind(" ".join(words[:10])) is None:
        return False
    if P.SIGN_CUE.search(body) or P.SPEECH_IN_QUOTES.search(body):
        return False
    titled = sum(1 for w in words if w in _CONNECTORS or w.lstrip("\u201c\u2018\"'(")[:1].isupper())
    return titled >= 0.75 * len(words)


# A document referred to by its kind alone: "signed the memorandum.", "the co-operation agreement at".
_REFERENCE = re.compile(
    r"(?i)(?:co-?operation\s+|framework\s+)?(?P<k>memorand(?:um|a)|agreement|arrangements?|letter\s+of\s+intent|protocol)"
    r"(?=\s*(?:$|[.,;:)]|(?:on\s+behalf|at|with|in|during|after|before|today|yesterday|respectively)\b))"
)
# What comes before an item of a list run into a sentence: "; and the ...".
_INLINE_LEAD = re.compile(r"\s*(?:and\s+)?(?:the\s+)?")
_CHINESE_AFTER = re.compile(r"(?i)[\u201d\"]?\s*[(\uff08](?:in\s+)?Chinese\s+(?:version\s+)?only[)\uff09]")
_DOCUMENTS = re.compile(r"(?i)\b(?:agreements?|documents?|memorand)")
# A list's own lead-in after the sentence saying the documents were signed: "They were:", "These are:".
_THEY_WERE = re.compile(
    r"(?i)\s*(?:they|these|those)\s+(?:were|are|include[sd]?|comprised?)\s*(?:as\s+follows\s*)?:\s*$"
)
_FINITE = re.compile(r"\b(?:is|are|was|were|will|have|has|had)\b")


def _lists_another_meetings(text: str, sign_at: int) -> bool:
    """A lead-in listing the documents of another meeting ("… the following agreements signed at the
    last meeting:", "Since the last plenary, the following … were signed:"): the time words date the
    signing when they follow its cue or open the sentence, not when a clause of another verb
    coordinated before it holds them ("reviewed the work done over the past year, reached consensus
    on 12 areas and signed four agreements, as listed below:" lists this meeting's)."""
    for m in P.OTHER_MEETING_LIST.finditer(text):
        if m.start() >= sign_at or not _NEW_PREDICATE.search(text, m.end(), sign_at):
            return True
    return False


# A predicate of its own after a comma: ", reached consensus", ", and agreed", ", held".
_NEW_PREDICATE = re.compile(r",\s+(?:and\s+)?(?:also\s+)?(?:[a-z]+ed|held|made|took|set|saw|gave)\b")


def _quoted_titles(text: str, pos: int = 0) -> list[tuple[int, str]]:
    """The quoted strings of a text from ``pos``, as (offset, content without the outer quotes).

    Machine translations nest curly quotes ("the “Arrangements for the “P-Hong Kong Cooperation
    Conference” Mechanism”"), or leave the outer one open before the next title ("the “A “B” and
    the “C”"): a nested quotation is read whole, with its inner quotes, instead of the inner one."""
    nested = _nested_quotes(text, pos)
    out = [(m.start("t"), m["t"]) for m in P.QUOTED.finditer(text, pos)]
    out = [(at, t) for at, t in out if not any(a <= at < b for a, b in nested)]
    out += [(a, text[a:b]) for a, b in nested]
    return sorted(out)


def _nested_quotes(text: str, pos: int) -> list[tuple[int, int]]:
    """Spans (inside the outer quotes) of curly quotations holding another quotation."""
    spans: list[tuple[int, int]] = []
    stack: list[list[int]] = []  # [start, holds an inner quotation]
    for m in _CURLY.finditer(text, pos):
        if m[0] == "\u201c":
            window = max(0, m.start() - 40)
            between = _NEXT_ITEM.search(text[window : m.start()]) if len(stack) == 1 and stack[0][1] else None
            if between is not None:  # "“A “B” and the “C”": the first one was never closed
                spans.append((stack.pop()[0] + 1, window + between.start() + 1))
            stack.append([m.start(), 0])
        elif stack:
            start, inner = stack.pop()
            if stack:
                stack[-1][1] = 1
            elif inner:
                spans.append((start + 1, m.start()))
    if len(stack) == 1 and stack[0][1]:  # left open to the end of the sentence
        spans.append((stack[0][0] + 1, len(text.rstrip(" .;,"))))
    return spans


_CURLY = re.compile("[\u201c\u201d]")
# Between two titles of a list: "” and the “", ", the “" (the end of the text searched is the next quote).
_NEXT_ITEM = re.compile(r"\u201d\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+)(?:the\s+)?$")


def _label(label: str | None) -> str | None:
    if not label:
        return None
    m = re.fullmatch(r"\(?([ivxlc]{1,6}|[a-z]|\d{1,2})[.)]?", label)
    return m.group(1) if m else None


def _past_event(text: str, anchor: re.Match[str]) -> bool:
    """A signing named as a noun ("the signing of", "the renewal of") is this meeting's only when it
    is witnessed, attended or done by someone named: "said that the signing of CEPA had ..." is not."""
    if not re.match(r"(?i)(?:signing|renewal|conclusion)\s", anchor[0]):
        return False
    if _AT_THE_EVENT.search(text[max(0, anchor.start() - 40) : anchor.start()]):
        return False
    return not re.search(r"\bby\b", text[anchor.end() : anchor.end() + 300])


_AT_THE_EVENT = re.compile(r"(?i)\b(?:witness(?:ed|ing|es)?|(?:at|after|during|attended|for)\s+)\s*the\s+$")


# Most sentences name no annex and no signing at another time: they are not searched (cooptrack.screen).
_MAY_ANNEX = screen(P.ANNEX)
_MAY_SIGNED_ELSEWHEN = screen(P.SIGNED_ELSEWHEN)
_MAY_SIGNED_BEFORE = screen(P.SIGNED_BEFORE)


def _has_annex(text: str) -> bool:
    return _MAY_ANNEX(text) and P.ANNEX.search(text) is not None


def _before_annex(sentence: Sentence, signed_at: int) -> Sentence | None:
    """The sentence up to its first word of an annex, when its signing comes before it, else None."""
    annex = P.ANNEX.search(sentence.text)
    if annex is None or annex.start() < signed_at:
        return None
    return Sentence(sentence.text[: annex.start()], sentence.start, sentence.block)


# A note right after a title (its closing quote, then a bracket): "(Chinese only)", "(in Chinese only)",
# "(Chinese version only, see Annex 1)", "(available in Chinese only)".
_NOTE_AFTER_TITLE = re.compile(
    r"[\u201d\"\u2019']?\s*[(\uff08]\s*(?:(?:available\s+)?in\s+)?Chinese\s+(?:version\s+|text\s+)?only\b",
    re.IGNORECASE,
)


def _signed_before(text: str) -> bool:
    """A sentence about a signing at another time: "since the signing of ...", "signed in 2019"."""
    if P.SIGNED_SINCE.search(text):
        return True
    elsewhen = _MAY_SIGNED_ELSEWHEN(text) and P.SIGNED_ELSEWHEN.search(text)
    return bool(elsewhen or (_MAY_SIGNED_BEFORE(text) and P.SIGNED_BEFORE.search(text))) and not P.RENEWAL.search(text)


def _described(text: str) -> str | None:
    """A document named in lower case by its kind and the name of what it is about ("memorandum
    on the Hong Kong/Hubei Co-operation Conference"), as printed; None when it is only described."""
    kind = P.DESCRIBED_DOCUMENT.match(text)
    if kind is None:
        return None
    run = _title_run(text[kind.end() :])
    run = _TRAILING_PLACE.sub(lambda m: "" if m["place"].replace("\u2019", "'") in VENUES else m[0], run)
    # a wire's mechanism in lower case after the pair's names: "a memorandum on the Liaoning-Hong Kong
    # cooperation conference" (audit en20)
    lower = _LOWER_MECHANISM.match(text, kind.end() + len(run)) if run else None
    run = run + lower[0] if lower else run
    if not run or not P.DESCRIBED_END.match(text, kind.end() + len(run)):
        return None  # "a memorandum on the Hong Kong Tourism Board's campaign": a description
    return text[: kind.end()] + run


_LOWER_MECHANISM = re.compile(
    r"\s+co-?operation\s+(?:joint\s+)?(?:conference|meeting)|\s+high[- ]level\s+meeting(?=[\s.,;]|$)"
)
_TRAILING_PLACE = re.compile(r"\s+(?:in|at)\s+(?P<place>[A-Z][a-z'\u2019]+(?:\s[A-Z][a-z'\u2019]+)?)$")


def _title_run(text: str) -> str:
    """An unquoted title: capitalised words and connectors up to the end of the phrase."""
    words: list[str] = []
    for m in re.finditer(r"\S+", text):
        token = m.group(0)
        bare = token.rstrip(".,;:")
        if bare == "with" and _WITH_PERSON.match(text, m.end()):
            break  # "signed the Memorandum of ... with the Director of ..., Mr B": the other signer
        if bare in {"a", "an"} and words and words[-1] == "and" and re.match(r"\s+[A-Z]", text[m.end() :]):
            words.append(bare)  # "signed a Memorandum of ... and an Agreement on ...": split by _split_titles
            continue
        if not P.TITLE_TOKEN.fullmatch(bare):
            break
        if token.endswith(",") and re.match(r"\s+(?:and\s+)?(?:the|a|an)\s+[A-Z]", text[m.end() :]):
            words.append(token)  # "signed the A, the B and the C": one run, split by _split_titles
            continue
        words.append(bare)
        if bare != token:
            break
    while words and words[-1] in {"of", "the", "and", "on", "in", "for", "between", "to", "with", "among"}:
        words.pop()
    return " ".join(words)


# After a title's "with": a person (a post or an honorific), not a name in the title ("... with ASEAN").
_WITH_PERSON = re.compile(rf"\s+(?:(?:the|his|her|its)\s+)?(?:{P.HONORIFIC}\s|{P.POST_HEAD.pattern})")
_CLAUSE_HEAD = re.compile(r"\s+(?:The|the)\s+")


def _clause_head(text: str, end: int) -> re.Match[str] | None:
    """The article opening the last clause before ``end`` ("Witnessed by A, the X was signed")."""
    comma = max(text.rfind(",", 0, end), text.rfind(";", 0, end))
    return _CLAUSE_HEAD.match(text, comma + 1, end) if comma >= 0 else None


_PASSIVE_SIGNED = re.compile(
    r"\b(?:was|were)\s+(?:also\s+|jointly\s+)?signed\s+(?!(?:the|a|an)\b)(?:[\w'-]+\s+){0,4}?by\b"
)
# A signing in the passive with no "by": "the Memorandum of ... was signed", "... was also signed at
# the plenary" (not "was signed in April 2010": _signed_before has put such a sentence aside).
# A kind of document named alone, capitalised as a defined term ("The Memorandum", "the Agreement"):
# a reference to a document already named, not a title.
_BARE_KIND = re.compile(
    r"(?i)(?:memorandum(?:\s+of\s+understanding)?|mou|agreement|framework\s+agreement|arrangement|"
    r"letter\s+of\s+intent|co-?operation\s+agreement)"
)
_BARE_PASSIVE = re.compile(r"\b(?:was|were)\s+(?:also\s+|jointly\s+)?signed\b(?!\s+(?:by|between|with)\b)")
_NEXT_TITLE = re.compile(r"(?:,\s+|\s+and\s+|,\s+and\s+)(?:the|a|an)\s+(?=[A-Z])")


def _split_titles(run: str) -> list[tuple[int, str]]:
    """An unquoted run naming several documents ("the Agreement on X and the Memorandum of Y"),
    as (offset, title) each; kept whole unless every part names a kind of document (so "between
    the Government of X and the Government of Y" stays one title)."""
    if not run:
        return []
    parts, start = [], 0
    for m in _NEXT_TITLE.finditer(run):
        parts.append((start, run[start : m.start()]))
        start = m.end()
    parts.append((start, run[start:]))
    if len(parts) > 1 and all(P.agreement_kind(title) is not None for _, title in parts):
        return parts
    return [(0, run)]


# A title the sentence names right before "signed by": "…, including the Agreement on X, signed by …".
_SIGNED_BY_AFTER = re.compile(r",?\s+signed\s+by\b")
_ARTICLE_BEFORE_TITLE = re.compile(r"\b(?:the|an?)\s+(?=[A-Z])")


def _titled_signed_by(text: str) -> list[tuple[int, str]]:
    """The unquoted titles, in title case and naming a kind of document, that an article opens and
    a "signed by" clause closes ("Among them was the Memorandum of Understanding on X, signed by
    A and B"), as (offset, title); a description ("the two documents, signed by …") is none."""
    out: list[tuple[int, str]] = []
    for signed in _SIGNED_BY_AFTER.finditer(text):
        head = text[: signed.start()]
        for article in _ARTICLE_BEFORE_TITLE.finditer(head):
            named = head[article.end() :]
            if _title_run(named) == named and len(named.split()) > 2 and P.agreement_kind(named) is not None:
                out.append((article.end(), named))
                break
    return out


def annex_numbers(text: str) -> list[int]:
    """Annex numbers in order: "Annex 1", "Annexes 2 and 3", "Annexes 3 to 5", "Annex 2, Annex 3"."""
    out: list[int] = []
    for m in P.ANNEX_NUMBERS.finditer(text):
        parts = re.split(r"\s*(?:,|and)\s*(?:Annex(?:es)?\s+)?", m["list"])
        for part in parts:
            rng = re.fullmatch(r"(\d+)\s*(?:to|-|\u2013)\s*(?:Annex(?:es)?\s+)?(\d+)", part.strip())
            if rng:
                a, b = int(rng.group(1)), int(rng.group(2))
                if 0 < b - a < 30:
                    out.extend(range(a, b + 1))
            elif part.strip().isdigit():
                out.append(int(part.strip()))
    return out


def extract_agreements(blocks: list[Block], people: list[Found]) -> list[FoundAgreement]:
    """Agreements signed at the meeting, from the blocks outside the areas, in order."""
    collector = _Collector(people)
    previous_end: int | None = None
    for block in blocks:
        if previous_end is not None and block.start > previous_end + 2:
            collector.expect_list = False  # the areas lie between: a list before them has ended
        collector.block(block)
        previous_end = block.end
    # signers read from "the two sides signed the ..." whom "The agreement was signed by A and B" then
    # replaced sign nothing, unless another agreement names them
    signing = {name for item in collector.items for name in item.signatories}
    for person in people:
        if person.name in collector.unsigned and person.name not in signing:
            person.roles.discard(Role.SIGNATORY)
    return collector.items
