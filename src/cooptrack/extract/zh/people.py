"""People in a Chinese release: names and posts as written, sides, and roles at the meeting
([ZH-PEOPLE] [ZH-ROLE] [ZH-PRESIDE]).

A person is named after a post, with no comma or honorific between (行政長官李家超, 廣東省省長X,
國務院港澳辦副主任、香港中聯辦主任X: posts joined by 、 or 兼 are one post). A name is two or three
characters (four after a double surname: 林鄭月娥), ending where the sentence goes on (今日, 與, 在,
表示 …) or at a title after it (教授, 博士 …); a stop character is read by its position: 于 向 連
right after a post are surnames (于國偉, 向明遠) unless a place, a time or the press follows, and
一 和 為 先 分 inside a name are its last character before what ends a name (殷嘉一與). Later
the person is found by the full name, by the surname and the post (馬省長), or as 他/她 opening a
sentence (the first person of the sentence before); one post over a list joined by 、 is each
name's (副市長A、B). Roles are read clause by clause (apart at commas, and at a space between
Chinese characters, as a sub-head prints them): 共同主持 and 主持 (the meeting) make co-chairs,
also of the people just counted as its subject (其後三人共同主持), both heads leading their
delegations (率領, 率團, 率 X代表團) make co-chairs, 以特邀嘉賓身份 and a Central official's 出席
make special guests, 出席 / 參加 / 隨團 / 隨同 / 陪同 and 代表團成員 attendees, 簽署 signatories;
會見 and 見證 give no role, nor does X in 受X委託.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cooptrack.extract.zh import patterns as P
from cooptrack.extract.zh.text import Sent, clauses
from cooptrack.vocab import Role, Side

_VERB = re.compile(
    r"主持|率领|率团|带领|率(?=[^,。;]{1,24}代表团)|特邀|出席|参加|随团|随行|随同|代表团(?:的)?成员|陪同|列席|与会|一齐(?:去|嚟|来|出发)"
    r"|会见|会面|会晤|拜会|签署|签订|签约|见证|致辞|讲话|表示|指出|说|委托"
)
# (or a delegation's members, '代表团成员包括A、B,以及C': C after the comma is one of them too; audit zh20)
_LIST_OF_ATTENDING = re.compile(
    r"^(?:随团|陪同)?(?:出席|参加|列席)[^,。]{0,12}的[^,。]{0,16}(?:包括|有|计有)|^[^,。]{0,12}代表团(?:的)?成员(?:包括|有|计有)"
)
_SIDES = {"central": Side.CENTRAL, "macao": Side.MACAO, "mainland": Side.MAINLAND, "hk": Side.HK, "hkbody": Side.HK}


@dataclass
class Found:
    """A person of the release: name and post as written, folded name, side, roles, span."""

    name: str
    key: str  # the folded name
    post: str | None
    side: Side
    start: int
    end: int
    honorific: str | None = None
    roles: set[Role] = field(default_factory=set)


@dataclass(frozen=True)
class _At:
    person: Found
    start: int  # folded positions in the sentence
    end: int


def _name_at(f: str, i: int) -> int:
    """The end of a name starting at folded position ``i`` (``i`` when there is none)."""
    if f[i : i + 1] in P.SURNAME_STOPS:
        return _stop_surname(f, i)
    if f[i : i + 1] in P.NAME_STOP or f[i : i + 1] in P.NOT_A_NAME_START or f[i + 1 : i + 2] in ("、", ",", "。", ""):
        return i
    if f[i : i + 1] not in P.SURNAMES and f[i : i + 2] not in P.DOUBLE_SURNAMES:
        return i  # no surname opens it: 行政长官职务, 离港期间
    j = i
    while j < len(f) and j - i < 4 and P.NAME_CHAR.match(f[j]):
        if j - i >= 2 and (_stops(f, j) or P.TITLE_AFTER.match(f[j:]) or P.POST_SUFFIX.match(f[j:])):
            if _last_given(f, j):
                j += 1
            break
        if j - i == 3 and f[i : i + 2] not in P.DOUBLE_SURNAMES and not _married_name(f, i):
            break
        j += 1
    return j if j - i >= 2 else i


def _married_name(f: str, i: int) -> bool:
    """A Hong Kong woman's married name: her husband's surname, her own and two given characters
    (劉吳惠蘭, 黃何詠詩: four characters, as 林鄭月娥 of the known pairs), the fourth no stop and
    followed by what ends a name (audit zh17: 劉吳惠蘭和 had been 劉吳惠)."""
    return (
        f[i] in P.SURNAMES
        and f[i + 1 : i + 2] in P.SURNAMES
        and bool(P.NAME_CHAR.match(f, i + 3))
        and not _stops(f, i + 3)
        and not P.TITLE_AFTER.match(f[i + 3 :])
        and not P.POST_SUFFIX.match(f[i + 3 :])
        and bool(P.NAME_END.match(f, i + 4))
    )


def _last_given(f: str, j: int) -> bool:
    """The stop character at ``j``, inside a name, is its last character: one of 一 和 为 先 分,
    opening no word (一行, 分別), and followed by what ends a name (殷嘉一與, 連志一共同主持)."""
    return f[j] in P.GIVEN_NAME_STOPS and not P.STOP_WORD.match(f, j) and bool(P.NAME_END.match(f, j + 1))


def _stop_surname(f: str, i: int) -> int:
    """A name right after a post that opens with 于, 向 or 连: a surname when two or three name
    characters follow, none of them a stop (but 一 may open the given name: 連一鳴), and the name
    ends where a name ends (于國偉與, 向明遠、); not the preposition's or the adverb's object
    (于北京, 于會上, 向記者, 連日來)."""
    if P.NOT_A_GIVEN_NAME.match(f, i + 1):
        return i
    j = i + 1
    while j < len(f) and j - i < 3 and P.NAME_CHAR.match(f[j]):
        if f[j] in P.NOT_A_NAME_START:
            return i
        if _stops(f, j) and not (j == i + 1 and f[j] in P.GIVEN_NAME_STOPS and not P.STOP_WORD.match(f, j)):
            break  # 連一鳴: 一 opens the given name
        j += 1
    if j - i in (1, 2) and j < len(f) and _last_given(f, j):
        j += 1
    if j - i < 2 or not (P.NAME_END.match(f, j) or P.TITLE_AFTER.match(f, j) or P.POST_SUFFIX.match(f, j)):
        return i
    return j


def _stops(f: str, j: int) -> bool:
    """The character at ``j`` ends a name (今 明 昨 本 only as a day word: 黄守明 is a name, at the
    end of a line too, as a table's cell or a list's item ends: 医务卫生局局长卢德明)."""
    if f[j] in "今明昨本":
        return bool(P.DAY_WORD.match(f, j))
    return f[j] in P.NAME_STOP or bool(P.NAME_STOP_WORD.match(f, j))


def collect(sents: list[Sent]) -> list[Found]:
    """Every person named after a post, first naming first (post and side from it)."""
    people: dict[str, Found] = {}
    for sent in sents:
        f = sent.f
        pos = 0
        listed: dict[tuple[int, int], int] = {}  # a listed item's name -> where its own post starts
        while True:
            m = P.POST.search(f, pos)
            if m is None:
                break
            end = m.end()
            while True:  # a compound post: 、 or 兼 and another post
                joined = P.POST_JOIN.match(f[end : end + 1])
                nxt = (P.POST.match(f, end + 1) or P.JOINED_DEPT.match(f, end + 1)) if joined else None
                if nxt is None:
                    break
                end = nxt.end()
            name_end = _name_at(f, end)
            pos = max(end, name_end, m.start() + 1)
            if name_end == end:
                continue
            named = [(end, name_end), *_sharing(f, name_end)]
            for start, stop, post_start in _listed(f, named[-1][1]):
                named.append((start, stop))
                listed[(start, stop)] = post_start
            for start, stop in named:
                key = f[start:stop]
                if key in people:
                    continue
                s, e = sent.span(start, stop)
                title = P.TITLE_AFTER.match(f[stop:])
                post_at = listed.get((start, stop))
                post = sent.original(post_at, start) if post_at is not None else sent.original(m.start(), end)
                people[key] = Found(
                    name=sent.original(start, stop),
                    key=key,
                    post=P.POST_SHORT_FORM.sub("", post),
                    side=_SIDES[m.lastgroup or "mainland"],
                    start=s,
                    end=e,
                    honorific=P.HONORIFIC_ZH.get(title.group(0)) if title else None,
                )
                pos = max(pos, stop)
        _reverse(sent, people)
    found = list(people.values())
    _macao_page(found)
    return found


def _macao_page(people: list[Found]) -> None:
    """A Macao Government page names Macao's own Secretaries bare (經濟財政司司長X, not 澳門特區…):
    its posts that name no place (行政長官X, 特區政府…) are Macao's, unless the name is a Hong Kong
    official's ([REL-MACAO]: a Hong Kong release does the same the other way)."""
    from cooptrack.knowledge import officials

    if not any(p.side is Side.MACAO and not p.post.startswith(("澳門", "澳门")) for p in people if p.post):
        return
    for p in people:
        post = p.post or ""
        if p.side is Side.HK and not post.startswith("香港") and officials.official(p.name) is None:
            p.side = Side.MACAO


def _reverse(sent: Sent, people: dict[str, Found]) -> None:
    """The people a sentence names in the reverse order, name then post (王浩书记, 李家超行政长官): a
    name opening with a surname, not a place (江苏省长), not one already named."""
    f = sent.f
    for m in P.REVERSE_NAME.finditer(f):
        key = m["name"]
        if key in people:
            continue
        if P.COLLECTIVE.search(key):
            continue  # a group's post (由两地行政长官共同主持): the heads of both sides, no one named
        if P.PLACE.match(key) or P.POST.match(f, m.start("name") + 1):
            continue  # a place's post (江苏省长), a surname and a post (乔副省长: named before)
        if key[-1] in "委办厅局部处组会党府":
            continue  # an organ's post (区委书记, 党组书记): no one's name
        if _name_at(f, m.start("name")) < m.end("name"):  # no surname opens it, or a stop inside it
            continue
        s, e = sent.span(m.start("name"), m.end("name"))
        people[key] = Found(
            name=sent.original(m.start("name"), m.end("name")),
            key=key,
            post=sent.original(m.start("post"), m.end("post")),
            side=Side.HK if m["hk"] else Side.MAINLAND,
            start=s,
            end=e,
        )


def _listed(f: str, i: int) -> list[tuple[int, int, int]]:
    """The items after a named person's that head a body of the same government with no government
    named (…局長A、金融管理局主席B、旅遊局局長C, …和文化和旅遊廳廳長D): (name start, name end, post start) of each, the
    list stopping at an item with a post of its own kind (POST reads it) or a name not ending as one."""
    out: list[tuple[int, int, int]] = []
    # (the list's last item after 和 / 及 too: '…厅长A、B和文化和旅游厅厅长C')
    while f[i : i + 1] in ("、", "和", "及") and len(out) < 8:
        post_at = i + 1
        if P.POST.match(f, post_at):
            break
        head = P.LISTED_HEAD.match(f, post_at)
        if head is None:
            break
        stop = _name_at(f, head.end())
        ends = stop >= len(f) or P.NAME_END.match(f, stop) is not None or _stops(f, stop)  # (…李愛武參加)
        if stop - head.end() not in (2, 3) or not ends:
            break
        out.append((head.end(), stop, post_at))
        i = stop
    return out


def _sharing(f: str, i: int) -> list[tuple[int, int]]:
    """The names after the one ending at ``i`` that share its post: one post over a list joined by
    、 ('副市长解冬、华源', '省领导田向利、曹立军、左永祥'), each a name ending where a name ends, the
    list stopping at an item that has a post of its own ('副省长X、省政府秘书长Y')."""
    out: list[tuple[int, int]] = []
    while f[i : i + 1] == "、" and len(out) < 8:
        start = i + 1
        if P.POST.match(f, start) or P.LISTED_HEAD.match(f, start):
            break  # (an item with a post of its own: 、文化和旅游厅厅长X is no one named 文化; audit zh19)
        stop = _name_at(f, start)
        if stop - start not in (2, 3) or not P.NAME_END.match(f, stop) or P.POST.match(f, stop):
            break
        out.append((start, stop))
        i = stop
    return out


def _occurrences(sent: Sent, people: list[Found], previous: Found | None) -> list[_At]:
    """Where the sentence names each person: full name, surname and post, or 他/她 opening it."""
    f = sent.f
    out: list[_At] = []
    for p in people:
        for m in re.finditer(re.escape(p.key), f):
            out.append(_At(p, m.start(), m.end()))
        if p.post:
            for m in re.finditer(re.escape(p.key[0]) + r"(?=(?:副省长|副市长|省长|市长|书记|主任|司长|局长|特首))", f):
                tail = P.POST_SUFFIX.match(f[m.end() :]) or re.match("特首", f[m.end() :])
                if (
                    tail
                    and p.post
                    and _post_ends(p, tail.group(0))
                    and not any(a.start <= m.start() < a.end for a in out)
                ):
                    out.append(_At(p, m.start(), m.end() + len(tail.group(0))))
    if previous is not None and re.match(r"^\s*(?:他|她)", f):
        out.append(_At(previous, 0, 1))
    return sorted(out, key=lambda a: a.start)


def _post_ends(p: Found, suffix: str) -> bool:
    from cooptrack.fold import simplified

    post = simplified(p.post or "")
    return post.endswith(suffix) or (suffix == "特首" and post.endswith("行政长官"))


def assign_roles(sents: list[Sent], people: list[Found], *, meeting_sents: set[int]) -> None:
    """Give each person the roles the text gives them (``meeting_sents``: ids of the sentences
    that state the meeting, where speaking or witnessing is attending)."""
    previous: Found | None = None
    leaders: list[Found] = []
    attending = False
    lines_list = False  # in a list of attending people printed one a line
    # the people of a part closing on a semicolon with no verb: a list whose verb ends the next part
    # ('副省长A,省政府秘书长B;香港特区政府…局长C等参加会议'; audit zh17: A and B had had no role)
    held: list[Found] = []
    for idx, sent in enumerate(sents):
        at = _occurrences(sent, people, previous)
        carried: list[_At] = []  # people of a clause with no verb: a list the next clause's verb takes
        # the sentence opened with attending ('随团出席会议的…包括A, …包括B和C'), or the one before it,
        # cut at a semicolon, did ('出席会议的福建省官员包括A;特区政府官员包括B和C')
        before = sents[idx - 1] if idx else None
        # or the list it opened on a colon goes on one person a line ('出席会议的香港特区政府官员包括:' then
        # '政务司司长陈国基', '财政司司长陈茂波' …: lines with a person and no verb; audit zh14)
        listing = (attending and before is not None and before.f.rstrip().endswith(":")) or lines_list
        lines_list = listing and bool(at) and _person_line(sent.f)
        attending = lines_list or (
            attending and before is not None and before.block == sent.block and before.f.rstrip().endswith(";")
        )
        verbless, attended = True, ""
        for start, end in clauses(sent.f, gaps=True):
            here = [a for a in at if start <= a.start < end]
            if not _VERB.search(sent.f[start:end]):
                carried += here
                continue
            _clause_roles(sent.f, start, end, carried + here, at, leaders, idx in meeting_sents)
            attending = bool(_LIST_OF_ATTENDING.match(sent.f[start:end]))
            carried = []
            verbless = False
            attended = sent.f[start:end] if _attends_only(sent.f[start:end]) else ""
        same = before is not None and before.block == sent.block
        for p in held if same and attended else []:
            central = p.side is Side.CENTRAL and "出席" in attended
            p.roles.add(Role.SPECIAL_GUEST if central else Role.ATTENDEE)
        ends_open = verbless and bool(at) and sent.f.rstrip().endswith(";")
        held = ([*held] if same else []) + [a.person for a in at] if ends_open else []
        for a in carried if attending else []:  # a list after the verb's own clause
            central = a.person.side is Side.CENTRAL
            a.person.roles.add(Role.SPECIAL_GUEST if central else Role.ATTENDEE)
        if at:
            previous = at[0].person
    sides = {p.side for p in leaders}
    if len(leaders) >= 2 and len(sides) >= 2:
        for p in leaders:
            p.roles.add(Role.CO_CHAIR)
    else:
        for p in leaders:
            p.roles.add(Role.ATTENDEE)
    for p in people:
        if Role.CO_CHAIR in p.roles or Role.SPECIAL_GUEST in p.roles:
            p.roles.discard(Role.ATTENDEE)
        if Role.CO_CHAIR in p.roles:
            p.roles.discard(Role.SPECIAL_GUEST)


def _attends_only(clause: str) -> bool:
    """A clause whose verb is attending and nothing else (…等参加会议, 亦有出席): no chairing, leading,
    signing, meeting or absence."""
    attend = P.ATTEND.search(clause)
    if attend is None or P.NOT_BEFORE.search(clause, 0, attend.start()):
        return False
    others = (P.MET, P.CO_CHAIR, P.SIGN_ACT, P.SPECIAL_GUEST, P.LEAD_DELEGATION, P.ON_BEHALF)
    return not any(o.search(clause) for o in others) and _presides(clause) is None


def _person_line(f: str) -> bool:
    """A line naming one person and nothing else: a short line with no mark of a sentence and no verb
    (an item of a list of people printed one a line)."""
    return len(f.strip()) <= 40 and not re.search(r"[。,;:!?]", f.strip()) and not _VERB.search(f)


def _clause_roles(
    f: str, start: int, end: int, here: list[_At], at: list[_At], leaders: list[Found], meeting: bool
) -> None:
    start = min([start, *(a.start for a in here)])  # from the first person of a list carried over
    clause = f[start:end]
    if P.MET.search(clause):
        return
    behalf = P.ON_BEHALF.search(clause)
    absent = {a.person.key for a in here if behalf and behalf.start() <= a.start - start < behalf.end()}
    present = [a for a in here if a.person.key not in absent]
    chair = P.CO_CHAIR.search(clause) or _presides(clause)
    if chair:
        subjects = [a for a in present if a.start - start < chair.start()]
        if _with_clause(clause) and at and at[0] not in subjects:
            subjects.insert(0, at[0])  # "她表示，今日和马省长共同主持", "…会晤,并与Y共同主持": the subject too
        if not subjects and P.COUNTED_SUBJECT.match(clause):  # "…举行高层会晤,其后三人共同主持…"
            subjects = [a for a in at if a.start < start]
        for a in subjects:
            a.person.roles.add(Role.CO_CHAIR)
        return
    if (P.LEAD_DELEGATION.search(clause) and "代表团" in f) or (P.LEAD_DELEGATION.search(clause) and "率团" in clause):
        verbs = [v.start() for v in P.LEAD_DELEGATION.finditer(clause)]
        for a in present:  # each leader before a verb of leading ('X率A代表团、Y率B代表团')
            if any(a.start - start < v for v in verbs) and a.person not in leaders:
                leaders.append(a.person)
        return
    if P.SPECIAL_GUEST.search(clause):
        for a in present:
            a.person.roles.add(Role.SPECIAL_GUEST)
        return
    sign = P.SIGN_ACT.search(clause)
    witness = list(P.WITNESS.finditer(clause, 0, sign.start())) if sign else []
    if sign and witness:  # '共同見證X與Y簽署《A》': who is named between 見證 and the verb signed (audit zh12)
        signers = [a for a in present if witness[-1].end() <= a.start - start < sign.start()]
        for a in signers:
            a.person.roles.add(Role.SIGNATORY)
        present = [a for a in present if a not in signers]
    if P.SIGN_ACT.search(clause) and not P.WITNESS.search(clause):
        verb = P.SIGN_ACT.search(clause)
        for a in present:
            if verb and a.start - start < verb.start():
                a.person.roles.add(Role.SIGNATORY)
        return
    attend = P.ATTEND.search(clause)
    if attend and P.NOT_BEFORE.search(clause, 0, attend.start()):
        return  # 未有出席, 未能出席, 没有参加: absent
    if attend or (meeting and re.search(r"致辞|讲话|见证|发言", clause)):
        for a in present:
            central = a.person.side is Side.CENTRAL and "出席" in clause
            a.person.roles.add(Role.SPECIAL_GUEST if central else Role.ATTENDEE)


def _with_clause(clause: str) -> bool:
    """The clause goes on with the sentence's subject: it opens '(并)(今日)(在X)与Y …', also after
    a time and a modal ('她表示,會後將和馬省長…共同主持': 她 is the subject)."""
    return bool(P.WITH_SUBJECT.match(clause))


def _presides(clause: str) -> re.Match[str] | None:
    m = P.PRESIDE.search(clause)
    if m is None or re.match(r"^[^,。]{0,4}(?:仪式|开幕|典礼|签约|论坛|研讨)", clause[m.end() :]):
        return None
    return m
