"""People: who was there, in what post, on which side, and in what role.

The releases name people as "the <post>, <honorific> <name>" (in lists joined by semicolons),
"<post> <honorific> <name>", "the <post>, <name>" and, in news copies, "<post> <name>". Later
they refer to them by honorific and surname ("Mr Chan"), by title and surname ("Governor Ma"),
or by post alone ("the Financial Secretary"); those references resolve to the people already
named. Roles come from the sentence a person is named in: co-chairing, attending as a special
guest, signing, or (by default) attending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cooptrack.extract import patterns as P
from cooptrack.extract.gazetteer import LETTER_SURNAMES, PARTNERS, SURNAMES, VENUES
from cooptrack.extract.nameindex import index_of
from cooptrack.extract.sentences import Sentence, mask_speech
from cooptrack.screen import screen
from cooptrack.vocab import Honorific, Role, Side


@dataclass
class Found:
    """A person as first named, with roles gathered from every mention."""

    name: str
    honorific: str | None
    post: str | None
    side: Side | None
    start: int
    end: int
    roles: set[Role] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return surname_of(self.name)


@dataclass(frozen=True)
class Mention:
    """One naming of a person in a sentence (offsets in the cleaned text)."""

    name: str
    honorific: str | None
    post: str | None
    start: int
    end: int
    bare: bool = False  # a name alone, no post or honorific: a reference, or a chair in news style


def surname_of(name: str) -> str:
    """The surname: before a hyphenated given name ("Matthew Cheung Kin-chung"), first when it
    is a Chinese surname ("Ma Xingrui"), else last ("Paul Chan")."""
    tokens = name.split()
    for i, tok in enumerate(tokens):
        if i > 0 and "-" in tok:
            return tokens[i - 1]
    if tokens and tokens[0] in SURNAMES and len(tokens) > 1 and tokens[1] not in SURNAMES:
        return tokens[0]
    if tokens and tokens[0] in SURNAMES and len(tokens) == 2 and tokens[1] in SURNAMES:
        return tokens[0]
    return tokens[-1] if tokens else name


_HONORIFIC_WORD = re.compile(rf"\b{P.HONORIFIC}\s")


_AND_THE_POST = re.compile(  # "... and the <post>", "... and Hong Kong's <post>" (its owner's, possessive)
    r" and (?:the (?!Secretary\s+for\s+Financial\b)|(?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*['\u2019]s\s+)"
    r"(?=(?:Chief|Executive|Governor|Mayor|Vice|Deputy|Director|Secretary|Chairman|Financial|Party)\b)"
)


# A capitalised word closing a name, then a comma and a post's head word.
_NAME_THEN_HEAD = re.compile(
    r"(?P<last>[A-Z][\w'\u2019\-]*),\s+(?=(?:Secretary|Under|Permanent|Deputy|Director|Governor|Vice|Mayor|"
    r"Chief|Commissioner|Chairman|Minister|Head)\b)"
)


def _post_before(text: str, start: int, floor: int = 0) -> str | None:
    """The post written just before a name: the earliest start of a post head from which the
    rest up to the name is made only of capitalised words and connectors."""
    window = text[max(floor, start - 260) : start]
    window = window.rstrip()
    comma = window.endswith(",")
    window = window.removesuffix(",").rstrip()
    # a clause, or a new post after ", the" ("Leading a delegation of the HKSAR Government, the Chief ...")
    cut = max(window.rfind(";"), window.rfind(":"), window.rfind(". "), window.rfind(", the "), window.rfind(", The "))
    # another person's post before "and the <post>" ("the Chief Secretary and the Executive Vice Governor of ...")
    cut = max([cut, *(m.start() + 4 for m in _AND_THE_POST.finditer(window, max(0, cut)))])
    segment = window[cut + 1 :] if cut >= 0 else window
    # the previous person of a news story's list, named without an honorific ("Secretary for A Erick
    # Tsang, Secretary for B Prof Sun Dong"): this post starts after the comma closing that name
    named = [m for m in _NAME_THEN_HEAD.finditer(segment) if m["last"] not in P.POST_WORDS]
    segment = segment[named[-1].end() :] if named else segment
    # a news story's "the mayor of Beijing, Yin Yong", "the province's executive vice governor, Xu"
    clause = segment.rsplit(",", 1)[-1]
    loose = (_LOCAL_OFFICE_OWNER_BEFORE.search(clause) or _LOOSE_POST_BEFORE.search(clause)) if comma else None
    if (
        loose
        and (_HONORIFIC_WORD.search(loose["post"] + " ") or not _LOOSE_POST_WORDS.fullmatch(loose["post"]))
        and not _LOCAL_OFFICE_POST.fullmatch(loose["post"])
        and loose.re is not _LOCAL_OFFICE_OWNER_BEFORE
    ):
        loose = None  # "the Chief Executive to attend the plenary included ...": not one post
    loose_at = len(segment) - len(clause) + loose.start("post") if loose else len(segment)
    for m in P.POST_HEAD.finditer(segment):
        candidate = segment[m.start() :].strip()
        if P.POST_BODY.match(candidate) and not _HONORIFIC_WORD.search(candidate + " "):
            if loose and loose_at < m.start():  # "the director of the ... Administration of Government Services"
                break
            return _tidy_post(candidate, segment[: m.start()])
    return _tidy_post(loose["post"], "") if loose else None


# A post written after the name, as wire stories do: "Eric Chan, chief secretary for
# administration of the HKSAR, ..." or "Mr Paul Chan, Financial Secretary, ...".
_POST_AFTER_HEAD = (
    r"(?i:chief\s+executive|chief\s+secretary|financial\s+secretary|secretary\s+(?:for|of)\b|"
    r"(?:under|permanent|deputy)\s+secretary|(?:deputy\s+)?director\b|(?:executive\s+)?vice[- ]governor|governor\b|"
    r"(?:executive\s+)?vice[- ]mayor|mayor\b|party\s+(?:secretary|chief)\b|(?:vice[- ])?chair(?:man|woman|person)\b|"
    r"(?:deputy\s+)?secretary[- ]general|(?:vice[- ])?minister\b|commissioner\b|head\s+of\b|member\s+of\b)"
)
# A comma followed by a capitalised word (not an honorific) continues the post: "Secretary for
# Innovation, Technology and Industry"; ", and Mr ...", ", said", ";" or a full stop ends it.
# The owner of a post written after the name: "Tai Kin Ip, Macao SAR's secretary for economy and finance".
_OWNER = r"(?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*"
# The next person of a list, named before a post in lower case: ", Paul Chan, financial secretary".
_NAMED = rf"{P.NAME},\s+(?:the\s+)?[a-z]"
_NEXT_NAMED = rf",\s+{_NAMED}"
# A comma inside a post in lower case, before the last fields of its portfolio: "secretary for
# innovation, technology and industry", "secretary for culture, sports and tourism" (audit en21).
_LAST_FIELDS = r"[a-z]+(?:\s+[a-z]+)?\s+and\s+[a-z]+(?:\s+of\b|\s*[,;.]|\s*$)"
_FIELDS_GO_ON = rf",\s+(?={_LAST_FIELDS})"
_POST_AFTER = re.compile(
    rf",\s+(?:the\s+)?(?:{_OWNER}['\u2019]s\s+)?(?P<post>{_POST_AFTER_HEAD}"
    # an abbreviation in brackets inside it: "... of the Macao Special Administrative Region (SAR) government"
    rf"(?:[^,;()\n.]|\.(?=\S)|\s\([A-Z]{{2,}}\)(?=\s)|,\s+(?=[A-Z])(?!{P.HONORIFIC}\s)(?!{_NAMED})|{_FIELDS_GO_ON})*?)"
    rf"(?:\s*\([A-Z]{{2,}}\))?\s*(?=,\s+(?![A-Z])(?!{_LAST_FIELDS})|,\s+{P.HONORIFIC}\s|{_NEXT_NAMED}|;|\.(?:\s|$)|$)"
)
# A post in brackets after the name, as lists and captions write it: "Mr John Lee (Chief
# Executive) and Mr B (Mayor of Chongqing)", "Mr A (the Secretary for Innovation, Technology and Industry)".
_POST_IN_BRACKETS = re.compile(rf"\s*\((?:the\s+)?(?P<post>{_POST_AFTER_HEAD}[^()\n]{{0,160}}?)\)")
# (each of its matches is followed by one of _POST_AFTER's or _POST_IN_BRACKETS's: a text holding
# none, most, is not searched for names at every capital)
_NAME_THEN_POST = re.compile(
    rf"\b(?P<name>{P.NAME})(?={_POST_AFTER.pattern}|{_POST_IN_BRACKETS.pattern.replace('?P<post>', '')})"
)


# What a post written in lower case is made of: its head words, capitalised words, connectors.
_LOOSE_POST_WORD = (
    r"(?:[A-Z][\w'\u2019\-]*|of|the|and|for|in|executive|vice|vice-\w+|deputy|director|secretary|governor|"
    r"mayor|chairman|general|party|chief|administration|affairs|mainland|constitutional|bureau|neighbou?ring|former|"
    r"provincial|municipal|government|people's|committee|office|commission|department|region|autonomous|standing|"
    r"member|council|state|central)"
)
_LOOSE_POST_WORDS = re.compile(rf"{_LOOSE_POST_WORD}(?:\s+(?:{_LOOSE_POST_WORD}|&))*")
_LOOSE_POST_BEFORE = re.compile(
    rf"(?:\b[Tt]he\s+|^\s*|['\u2019]s\s+)(?P<post>(?:(?:executive|deputy|vice|assistant)[\s-]+)*{_POST_AFTER_HEAD}.*)$"
)

# A post in a Mainland province's or city's office written in lower case, as stories write the
# departments' heads: "the head of the provincial forestry and grassland administration", "the
# director of the municipal bureau of commerce", "the provincial department of natural resources'
# director" (audit en21). The office's words are open (any field of work), its ends are not: a
# post's head, "of the", the office's scope (provincial, municipal …) and an office's noun, with
# its field after "of" or "for"; or the office, a possessive and the head. No verb or clause word
# stands among them (the list of fields can never be closed: the shape is).
_SCOPE = r"(?:provincial|municipal|city|prefectural|county|district|regional)"
_OFFICE_NOUN = (
    r"(?:administration|department|bureau|commission|office|committee|government|authority|agency|"
    r"centre|center|council|service|institute|academy|federation|association)"
)
_FIELD_WORD = (
    r"(?!(?:the|a|an|of|for|to|in|on|at|by|with|from|that|which|who|said|says|told|was|were|is|are|has|"
    r"had|have|will|would|also|then|when|while|after|before|met|led|held)\b)(?:[a-z]+(?:-[a-z]+)?|[A-Z][a-z]+)"
)
_FIELD = rf"{_FIELD_WORD}(?:,?\s+(?:and\s+)?{_FIELD_WORD}){{0,5}}"
_OFFICE_REST = rf"(?:\s+{_FIELD})??\s+{_OFFICE_NOUN}(?:\s+(?:of|for)\s+{_FIELD})?"
_PLACE_WORDS = r"(?:[A-Z][a-z]+\s+){0,3}"  # the place before the scope: "the Shenzhen municipal bureau of …"
_LOCAL_OFFICE = rf"{_PLACE_WORDS}{_SCOPE}{_OFFICE_REST}"
# "of the provincial …", "of the city's …", "of Hubei's provincial …": the office's owner
_OF_LOCAL = (
    rf"of\s+(?:the\s+(?:{_PLACE_WORDS}{_SCOPE}|(?:city|province|region|municipality)['\u2019]s(?:\s+{_SCOPE})?)"
    rf"|[A-Z][a-z]+['\u2019]s\s+{_SCOPE}){_OFFICE_REST}"
)
_LOWER_HEAD_WORD = (
    r"(?:(?:executive|deputy|vice|assistant)[\s-]+)*(?:director(?:-general)?|head|chief|chairman|chairwoman|"
    r"secretary(?:-general)?|commissioner|party\s+secretary)"
)
_LOCAL_OFFICE_POST = re.compile(rf"{_LOWER_HEAD_WORD}\s+{_OF_LOCAL}")
_LOCAL_OFFICE_OWNER_BEFORE = re.compile(
    rf"(?:\b[Tt]he\s+|^\s*)(?P<post>{_LOCAL_OFFICE}(?:['\u2019]s|(?<=s)['\u2019])\s+{_LOWER_HEAD_WORD})$"
)


def _post_after(text: str, end: int) -> tuple[str | None, int]:
    """The post written after a name ending at ``end``, and where it ends (``end`` if none). A
    post after "the" followed by an honorific and a name is that next person's, as a release writes
    a person ("Witnessed by Mr Lee and Mr Zhou, the Secretary for Education, Dr Choi …, and …")."""
    m = _POST_AFTER.match(text, end) or _POST_IN_BRACKETS.match(text, end)
    if m is None or (_THE_POST.match(text, end) and _HONORIFIC_NEXT.match(text, m.end("post"))):
        return None, end
    return _tidy_post(m["post"], ""), m.end("post")


_THE_POST = re.compile(r",\s+the\s")
_HONORIFIC_NEXT = re.compile(rf"\s*,\s+{P.HONORIFIC}\s")


# The place a news story writes before a post: "Guangdong", "Guangxi Zhuang Autonomous Region",
# "Sichuan Provincial", "Guangxi Zhuang Autonomous Region People's" (Government ...).
_PLACE_BEFORE = re.compile(
    r"(?P<partner>Hong\s+Kong|HKSAR|[A-Z][a-z]+)(?:\s+(?:Zhuang|Hui|Uygur|Uyghur))?(?:\s+Autonomous\s+Region)?"
    r"(?:\s+(?:Province|Provincial|Municipality|Municipal))?(?:\s+People['\u2019]s)?\s*$"
)
# A Central body's abbreviation before a post, part of the post as written: "NDRC Vice Chairman".
_BODY_BEFORE = re.compile(r"\b(?P<body>NDRC|MOFCOM|HKMAO)\s*$")
# A post word in capitals, as a news story's first words print it: "CHIEF Executive Donald Tsang".
_CAPS_POST_WORD = re.compile(r"^\s*(?:CHIEF|FINANCIAL|SECRETARY|GOVERNOR|MAYOR|VICE|EXECUTIVE|DEPUTY)(?=\s+[A-Z][a-z])")


_ABBREVIATION = re.compile(r"\s*\([A-Z]{2,}\)")
_THE = re.compile(r"^(?:the|The)\s+")
_HK = re.compile(P.HK)


def _tidy_post(post: str, before: str) -> str | None:
    post = _ABBREVIATION.sub("", post).strip(" ,")
    post = _THE.sub("", post)
    place = _PLACE_BEFORE.search(before)
    if (
        place
        and (place["partner"] in PARTNERS or _HK.fullmatch(place["partner"]))
        and not post.startswith(place["partner"])
    ):
        post = f"{place.group(0).strip()} {post}"
    elif body := _BODY_BEFORE.search(before):
        post = f"{body['body']} {post}"
    if post.split()[-1] in {"and", "of", "the", "for"}:
        return None
    return post or None


def mentions_in(sentence: Sentence, *, masked: str | None = None) -> list[Mention]:
    """Every person named in a sentence, in order (speech in quotation marks is skipped)."""
    text = masked if masked is not None else mask_speech(sentence.text)
    text = _CAPS_POST_WORD.sub(lambda m: m.group(0).capitalize(), text)  # a news lead's "CHIEF Executive ..."
    anchors: list[tuple[int, int, str, str | None]] = []  # (post search end, name start, name, honorific)
    anchored = _Covered(len(text))  # each anchor's span, from post search end to name end
    for m in P.HONORIFIC_NAME.finditer(text):
        name = _trim_name(m["name"])
        if name:
            anchors.append((m.start(), m.start("name"), name, P.HONORIFICS[m["hon"].rstrip(".").lower()]))
            anchored.add(m.start(), m.start("name") + len(name))
    for m in _BARE_AFTER_COMMA.finditer(text):
        name = _trim_name(m["name"])
        if name and m.start("name") not in anchored and _looks_like_name(name.split()):
            anchors.append((m.start("name"), m.start("name"), name, None))
            anchored.add(m.start("name"), m.start("name") + len(name))
    # (a comma in every match of the first, a bracket in every match of the second)
    posts = ("," in text and _POST_AFTER.search(text)) or ("(" in text and _POST_IN_BRACKETS.search(text))
    for m in _NAME_THEN_POST.finditer(text) if posts else ():
        name = m["name"]
        if m.start("name") not in anchored and _looks_like_name(name.split()):
            anchors.append((m.start("name"), m.start("name"), name, None))
            anchored.add(m.start("name"), m.start("name") + len(name))
    anchors.sort(key=lambda a: a[1])
    found: list[Mention] = []
    taken = _Covered(len(text))
    floor = 0
    for post_end, name_start, name, hon in anchors:
        post = _post_before(text, post_end, floor)
        end = name_start + len(name)
        if post is None:
            post, end_of_post = _post_after(text, end)
            floor = max(floor, end_of_post)
        floor = max(floor, end)
        if hon is None and post is None:
            continue
        found.append(Mention(name, hon, post, sentence.start + name_start, sentence.start + end))
        taken.add(post_end, end)
    found.extend(_bare_mentions(text, sentence.start, taken))
    found.extend(_lower_post_mentions(text, sentence.start, taken))
    found.extend(_lower_head_mentions(text, sentence.start, taken))
    found.extend(_bare_names(text, sentence.start, taken))
    return sorted(found, key=lambda x: x.start)


class _Covered:
    """The offsets of a text covered by spans already read. Asking about an offset takes one
    step, not one per span (a sentence may name thousands), so reading stays linear."""

    def __init__(self, size: int) -> None:
        self._marks = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self._marks[start:end] = b"\x01" * (end - start)

    def __contains__(self, at: int) -> bool:
        return bool(self._marks[at])

    def first(self, start: int, end: int) -> int:
        """The first covered offset from ``start`` to ``end`` (excluded), -1 when none is."""
        return self._marks.find(1, start, end)

    def last(self, start: int, end: int) -> int:
        """The last covered offset from ``start`` to ``end`` (excluded), -1 when none is."""
        return self._marks.rfind(1, start, end)


def _trim_name(name: str) -> str:
    tokens = name.split()
    while tokens and tokens[-1] in P.POST_WORDS:
        tokens.pop()
    return " ".join(tokens)


_BARE_AFTER_COMMA = re.compile(rf",\s+(?P<name>{P.NAME})(?=\s*(?:,|;|\.|\band\b|\balso\b|$))")


# A post and a name: capitalised words and connectors, at most 40 (a run of capitalised words
# longer than any post is cut, which keeps the reading linear in the length of the text).
_POST_RUN = re.compile(
    r"[A-Z][\w'\u2019\-]*(?:(?:\s+|,\s+)(?:(?:[A-Z]\.){2,3}(?!\w)|[A-Z][\w'\u2019\-]*|of|the|for|and|in|&|"
    r"secretary|governor|mayor|chairman|director|vice|deputy)){0,40}"  # "Communist Party secretary Chen Jining"
)


def _bare_mentions(text: str, offset: int, taken: _Covered) -> list[Mention]:
    """Names without an honorific after a post: "the Vice-Governor of X, Guo Ningning" and,
    in news copies, "Guangdong Governor Ma Xingrui"."""
    out: list[Mention] = []
    for m in P.POST_HEAD.finditer(text):
        if m.start() in taken:
            continue
        run = _POST_RUN.match(text, m.start())
        if not run:
            continue
        # a run stops before a name already read ("Chief Executive A and Zhu Xiaodan, governor of ...")
        first = taken.first(run.start(), run.end())
        span = run.group(0)[: None if first < 0 else first - m.start()]
        # a news story's list ("Secretary for A Bernadette Linn, Secretary for B Algernon Yau and ... C"):
        # the run ends with the name before the next post, which is read on its own; an item of such a
        # list ends with its name, whatever the surname
        nxt = next((n for n in _NAME_THEN_HEAD.finditer(span) if n["last"] not in P.POST_WORDS), None)
        span = span[: nxt.end("last")] if nxt else span
        end = m.start() + len(span)
        item = bool(_ITEM_BEFORE.search(text, max(0, m.start() - 6), m.start()) and _ITEM_AFTER.match(text, end))
        found = _split_post_name(span) or (_listed_name(span) if nxt or item else None)
        if found is None:
            continue
        post, name = found
        # the place a news story writes before the post is a few words: read no further back
        place = text[max(0, m.start() - _PLACE_WINDOW) : m.start()]
        _take(out, taken, name, _tidy_post(post, place), m.start(), m.start() + span.rindex(name), offset)
    return out


_PLACE_WINDOW = 200

# A news story's office or place before a post in lower case, then the name: "Tianjin mayor Zhang
# Gong", "Liaison Office deputy director Luo Yonggang", "State Council Hong Kong and Macao Affairs
# Office deputy director Zhou Ji".
_LOWER_POST = (
    r"(?:(?:executive|deputy|vice|assistant)[\s-]+)*(?:mayor|governor|director(?:-general)?|"
    r"(?i:party)\s+(?:secretary|chief)|secretary(?:-general)?|chairman|commissioner|minister|president|leader|"
    r"chief|counterpart)"
)
_OFFICE_LOWER_POST_NAME = re.compile(
    rf"(?<![\w-])(?P<post>(?:[A-Z][\w'\u2019&.-]*\s+(?:(?:and|of|for|the|on)\s+){{0,2}}){{1,12}}"
    # "Hong Kong's commerce secretary", "Macau's economy and finance chief"
    rf"(?:(?!(?:and|the|of|for|on|with|by)\s)[a-z]+\s+(?:(?:and|&)\s+[a-z]+\s+)?)?{_LOWER_POST})"
    rf"\s+(?P<name>{P.NAME})"
)
# A post in the plural before the names it is each one's: "Provincial leaders A and B attended",
# "Vice-Governors A, B and C".
_PLURAL_POST_NAMES = re.compile(
    rf"(?<![\w-])(?P<post>(?:[A-Z][\w'\u2019&.-]*\s+){{1,4}}(?i:(?:executive\s+|deputy\s+)?(?:vice[- ])?"
    rf"(?:leaders|governors|mayors|secretaries|directors)))\s+(?P<names>{P.NAME}(?:,\s+{P.NAME}){{0,6}}"
    rf",?\s+and\s+{P.NAME})"
)


# Every such post holds "mayor", "governor", "director" ... (in the plural: "leaders", "governors"
# ...): a sentence holding none of them is not searched (read from the patterns, cooptrack.screen).
_MAY_HAVE_LOWER_POST = screen(_OFFICE_LOWER_POST_NAME)
_MAY_HAVE_PLURAL_POST = screen(_PLURAL_POST_NAMES)

# A name joined by "and" to the next person's office and post.
_NAME_AND = re.compile(rf"(?P<name>{P.NAME})\s+and\s+")


def _lower_post_mentions(text: str, offset: int, taken: _Covered) -> list[Mention]:
    """Names after an office and a post in lower case, as news stories write them."""
    out: list[Mention] = []
    for m in _OFFICE_LOWER_POST_NAME.finditer(text) if _MAY_HAVE_LOWER_POST(text) else ():
        name = _name_prefix(m["name"].split())
        if not name or m.start("name") in taken:
            continue
        start = m.start("post")
        covered = taken.last(start, m.end("post"))
        if covered >= 0:  # "Chief Executive John Lee and Tianjin mayor ...": the post starts after the last name
            start = covered + 1
        for named in _NAME_AND.finditer(text, start, m.end("post")):  # "... leader Carrie Lam and Sichuan governor"
            if _looks_like_name(named["name"].split()):
                start = named.end()
        post = re.sub(r"^[\s,]*(?:(?:and|the|of|The)\s+)*", "", text[start : m.end("post")])
        if not post or not post[0].isupper():
            continue
        out.append(Mention(name, None, post, offset + m.start("name"), offset + m.start("name") + len(name)))
        taken.add(start, m.start("name") + len(name))
    for m in _PLURAL_POST_NAMES.finditer(text) if _MAY_HAVE_PLURAL_POST(text) else ():
        if m.start("post") in taken:
            continue
        for named in re.finditer(P.NAME, m["names"]):
            at = m.start("names") + named.start()
            if named.group(0) != "and" and _looks_like_name(named.group(0).split()) and at not in taken:
                out.append(Mention(named.group(0), None, m["post"], offset + at, offset + at + len(named.group(0))))
        taken.add(m.start(), m.end())
    return out


# A post in lower case before its office's capitalised name and the name, as a news story writes it:
# "the director of the Henan Provincial Department of Education Mao Jie" (audit en20).
_LOWER_HEAD = re.compile(
    r"(?<=\bthe )(?:(?:executive|deputy|vice)[\s-]+)*(?:director(?:-general)?|governor|mayor|chairman|"
    r"commissioner|head)(?= of (?:the )?[A-Z])"
)


def _take(
    out: list[Mention], taken: _Covered, name: str, post: str | None, start: int, n_start: int, offset: int
) -> None:
    """A name read after its post (the post at ``start``, the name at ``n_start`` in the sentence, the
    sentence at ``offset``): kept unless a mention already holds the name."""
    if n_start in taken:
        return
    out.append(Mention(name, None, post, offset + n_start, offset + n_start + len(name)))
    taken.add(start, n_start + len(name))


def _lower_head_mentions(text: str, offset: int, taken: _Covered) -> list[Mention]:
    """Names after a post whose head word is in lower case and whose office is capitalised: the post
    is read as a capitalised one's and kept as printed."""
    out: list[Mention] = []
    for m in _LOWER_HEAD.finditer(text) if " of " in text else ():
        if m.start() in taken:
            continue
        raised = text[: m.start()] + text[m.start()].upper() + text[m.start() + 1 : m.start() + 400]
        run = _POST_RUN.match(raised, m.start())
        if not run:
            continue
        first = taken.first(run.start(), min(run.end(), len(text)))
        span = run.group(0)[: None if first < 0 else first - m.start()]
        found = _split_post_name(span) if "," not in span else None
        if found is None:
            continue
        post, name = found
        printed = text[m.start() : m.start() + len(post)]
        _take(out, taken, name, printed, m.start(), m.start() + span.rindex(name), offset)
    return out


# A run of capitalised words that may be a name written alone ("Carrie Lam and Yin Li co-chaired").
_CAPITALISED_RUN = re.compile(rf"(?<![\w'\u2019/-]){P.NAME_TOKEN}(?:\s{P.NAME_TOKEN})*")


def _bare_names(text: str, offset: int, taken: _Covered) -> list[Mention]:
    """Names written alone, anchored on a Chinese surname ("Carrie Lam and Yin Li co-chaired");
    the release's people decide whether they refer to someone, or chair."""
    out: list[Mention] = []
    for m in _CAPITALISED_RUN.finditer(text):
        tokens = m.group(0).split()
        if len(tokens) > 6 or taken.first(m.start(), m.end()) >= 0:
            continue
        if (
            len(tokens) == 1
            and tokens[0] in SURNAMES
            and tokens[0] != "He"
            and (m.start() > 0 or tokens[0] not in _WORDS)
        ):
            out.append(Mention(tokens[0], None, None, offset + m.start(), offset + m.end(), bare=True))  # "Lam and ..."
            continue
        if tokens[0] in _ARTICLES:  # "The Lo Wu crossing": a place
            continue
        for k in range(len(tokens) - 1):  # "After Carrie Lam ...": the longest name at the run's end
            rest = tokens[k:]
            if k and f"{tokens[k - 1].rsplit('-', 1)[-1]} {tokens[k]}" in _TWO_WORD_PLACES:
                continue  # "Shenzhen-Hong Kong Science Park": no name starts inside a place's name
            if tokens[k] not in PARTNERS and _looks_like_name(rest) and any(t in SURNAMES for t in rest):
                name = " ".join(rest)
                out.append(Mention(name, None, None, offset + m.end() - len(name), offset + m.end(), bare=True))
                break
    return out


_ARTICLES = frozenset({"The", "A", "An", "This", "That", "These", "Those", "Its", "Their"})
_TWO_WORD_PLACES = frozenset(p for p in VENUES | PARTNERS if len(p.split()) == 2)
# Surnames that are also English words opening a sentence ("So the two sides ..."); "He" never
# stands alone for a person surnamed He (it is the pronoun).
_WORDS = frozenset({"So", "To", "Long", "Man", "Lo", "Ho", "Wan", "Sun", "Ding", "Chi", "Tin", "Hung"})


def _split_post_name(span: str) -> tuple[str, str] | None:
    """Split "Chief Secretary for Administration Matthew Cheung" into post and name, anchoring
    the name on a Chinese surname; None when no name can be found with confidence."""
    head, sep, tail = span.rpartition(", ")
    if sep and _looks_like_name(tail.split()):
        return head, _name_prefix(tail.split())
    tokens = span.replace(",", " ,").split()
    for i in range(1, len(tokens)):
        # "…, Vincent U, the Chief of Office …": a Macao surname of one letter closing a name after a comma
        letter = _letter_surname_at(tokens, i)
        if letter is not None:
            return letter
        if tokens[i] in SURNAMES and tokens[i - 1] not in {",", "of", "the", "and", "for", "in"}:
            start = i - 1 if _given_name(tokens[i - 1]) and i - 1 > 0 else i
            rest = tokens[start:]
            name = _name_prefix(rest)
            post = " ".join(tokens[:start]).replace(" ,", ",").strip(" ,")
            if name and post and P.POST_HEAD.match(post):
                return post, name
    return None


def _letter_surname_at(tokens: list[str], i: int) -> tuple[str, str] | None:
    """The post and the name when ``tokens[i]`` is a Macao surname of one letter closing a name of
    one or two given names right after the post's comma ("…, Vincent U", "…, Kelly O,"), else None."""
    if tokens[i] not in LETTER_SURNAMES or (i + 1 < len(tokens) and tokens[i + 1] != ","):
        return None
    for size in (1, 2):
        comma = i - size - 1
        given = tokens[comma + 1 : i]
        if comma >= 1 and tokens[comma] == "," and all(_given_word(t) for t in given):
            post = " ".join(tokens[:comma]).replace(" ,", ",").strip(" ,")
            return (post, " ".join([*given, tokens[i]])) if P.POST_HEAD.match(post) else None
    return None


def _given_word(token: str) -> bool:
    return token.istitle() and len(token) > 1 and token not in P.POST_WORDS and token not in _NOT_NAME_WORDS


_ITEM_BEFORE = re.compile(r"(?:,|\band)\s+$")
_ITEM_AFTER = re.compile(r"\s*(?:[.,;]|and\b|$)")


def _listed_name(span: str) -> tuple[str, str] | None:
    """A post then a name of two or three capitalised words, the name closed by the comma before the
    list's next post ("Secretary for Development Bernadette Linn"): the name need not hold a
    surname known as Chinese."""
    tokens = span.split()
    for size in (3, 2):
        name, post = tokens[-size:], " ".join(tokens[:-size])
        if (
            len(tokens) > size
            and all(_NAME_TOKEN.fullmatch(t) and t not in P.POST_WORDS and t not in _NOT_NAME_WORDS for t in name)
            and not any(t in PARTNERS or t in _CONNECTORS or t in {"Hong", "Kong"} for t in name)
            and P.POST_HEAD.match(post)
            and post.split()[-1] not in _CONNECTORS
        ):
            return post, " ".join(name)
    return None


_CONNECTORS = frozenset({"of", "the", "and", "for", "in", "&"})
_POST_PARTS = frozenset({"General", "Premier", "Chairman", "Chair"})


def _given_name(token: str) -> bool:
    # "Secretary-General", "Vice-Governor", "Vice-Premier": a hyphenated post word is no given name
    if "-" in token and any(part in P.POST_WORDS or part in _POST_PARTS for part in token.split("-")):
        return False
    initials = _INITIALS.fullmatch(token) is not None and len(token.rstrip(".")) > 1  # "CY", "C.Y."
    known = token in P.POST_WORDS or token in PARTNERS or token in SURNAMES
    return not known and (token.istitle() or initials)


def _name_prefix(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens[:4]:
        if tok in {",", "of", "the", "and", "for", "in"} or tok in P.POST_WORDS:
            break
        out.append(tok)
    return " ".join(out) if _looks_like_name(out) else ""


_INITIALS = re.compile(rf"[A-Z]|(?:[A-Z]\.){{1,3}}|{P.NOT_INITIALS}[A-Z]{{2}}")
_NAME_TOKEN = re.compile(P.NAME_TOKEN)
# Words of meetings and places, never of a name: "(Macao-Hong) Kong Cooperation High-Level Meeting".
_NOT_NAME_WORDS = frozenset(
    "Meeting Meetings Conference Cooperation Co-operation Plenary Session High-Level Joint Forum Centre Center "
    "Hotel Hall Building Road Street Port Bridge Park Zone Area Bay River Delta District New Territories".split()
)


_PARTICLES = frozenset({"de", "da", "do", "dos", "das"})


def _looks_like_name(tokens: list[str]) -> bool:
    # a Macao official's Portuguese name keeps its particle, and is a name by it with no Chinese
    # surname: "the Director of the Macao Government Tourism Office, Maria Helena de Senna Fernandes,"
    particle = any(t in _PARTICLES for t in tokens[1:-1])
    tokens = [t for t in tokens if t not in _PARTICLES] if particle else tokens
    if not 2 <= len(tokens) <= 4:
        return False
    # a token of one capital is an initial ("C Y Leung", "C.Y. Leung") or a Macao surname ("O Lam")
    if any(
        t in P.POST_WORDS or t in _NOT_NAME_WORDS or not (_NAME_TOKEN.fullmatch(t) or _INITIALS.fullmatch(t))
        for t in tokens
    ):
        return False
    if "Hong Kong" in " ".join(tokens):
        return False
    return particle or any(t in SURNAMES for t in tokens) or any("-" in t for t in tokens)


def honorific(value: str | None) -> Honorific | None:
    return Honorific(value) if value else None


# --- gathering people and roles over the release -------------------------------------------


def name_key(name: str) -> str:
    return _KEY_DROPS.sub("", name).casefold()


_KEY_DROPS = re.compile(r"[\s\-.]")


def resolve(people: list[Found], mention: Mention) -> Found | None:
    """The person already named whom a mention refers to, if any."""
    # the first person whose key is the mention's, or (a full name) begins it or starts with it
    index = index_of(people, name_key)
    first = index.first(name_key(mention.name), prefixes=len(mention.name.split()) > 1)
    if first is not None:
        return people[first]
    if len(mention.name.split()) != 1:
        return None
    candidates = [people[i] for i in index.with_word(mention.name)]  # surname or a word of the name
    if mention.honorific:
        same = [p for p in candidates if p.honorific == mention.honorific]
        candidates = same or candidates
    candidates.sort(key=lambda p: (Role.CO_CHAIR not in p.roles, p.surname != mention.name))
    return candidates[0] if candidates else None
