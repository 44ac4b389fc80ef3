"""The mechanism of a Chinese page, whether it reports or announces one of its meetings, and the
meeting's kind, ordinal and venue ([ZH-MECH] [ZH-NEG] [ZH-KIND] [ZH-ORD] [ZH-VENUE] [ZH-DOCKIND]).

A *statement* is a sentence naming a meeting of a mechanism Hong Kong is a party to (by name, or
as 聯席會議第N次會議 once the name is given) with a predicate saying it took place or will (舉行,
召開, 共同主持, 主持, 出席, 將於 …), not about another time (以來, 去年, 此前) nor a hope (期望, 籌備),
nor naming it as what another act carries out (落實…第六次會議共識).
A headline of another kind of event (會見, 研討洽談會, 成果展, 簽約儀式) needs a statement of the
meeting itself, chaired or held. A page naming three or more numbered meetings and reporting none
is a background page. Every "no" has its reason in words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cooptrack import mechanisms
from cooptrack.extract.zh import patterns as P
from cooptrack.extract.zh.numbers import number
from cooptrack.extract.zh.places import CITIES_ZH, CITY_ABBREV_ZH, CITY_NAMES
from cooptrack.extract.zh.text import Sent, clauses
from cooptrack.mechanisms import Entry
from cooptrack.vocab import DocumentKind, MeetingKind


@dataclass(frozen=True)
class Named:
    """A naming of a mechanism in a sentence, in folded positions."""

    entry: Entry
    sent: Sent
    start: int
    end: int


def named(sent: Sent) -> list[Named]:
    """Every mechanism the sentence names."""
    return [Named(m.entry, sent, sent.at(m.start), sent.at(m.end)) for m in mechanisms.find_zh(sent.text)]


def _other_body(n: Named) -> bool:
    """The naming is of another body of the mechanism (its task force, liaison office …)."""
    return bool(P.OTHER_BODY.match(n.sent.f[n.end : n.end + 24]))


def _carried_out(n: Named) -> bool:
    """The naming is of the meeting whose consensus another act carries out (落实沪港合作会议第六次
    会议共识, 根据…联席会议的部署): a signing ceremony's or a department's follow-up, which states no
    meeting, whatever its own verb (签署, 举行)."""
    f = n.sent.f
    return bool(P.FOLLOW_UP_BEFORE.search(f[max(0, n.start - 6) : n.start])) and bool(
        P.FOLLOW_UP_AFTER.match(f[n.end : n.end + 24])
    )


def main_mechanism(title: Sent | None, sents: list[Sent]) -> tuple[Entry | None, list[Entry]]:
    """The page's mechanism (the one named most, the headline counting triple) and the others."""
    counts: Counter[str] = Counter()
    entries: dict[str, Entry] = {}
    for sent, weight in [*([(title, 3)] if title else []), *((s, 1) for s in sents)]:
        for n in named(sent):
            if _other_body(n) and n.entry.hk_party:
                continue
            entries[n.entry.name] = n.entry
            counts[n.entry.name] += weight * (1 if n.entry.hk_party else 2)
    ranked = [entries[name] for name, _ in counts.most_common()]
    ours = [e for e in ranked if e.hk_party]
    return (ours[0] if ours else None), [e for e in ranked if not e.hk_party]


@dataclass(frozen=True)
class Statement:
    sent: Sent
    future: bool
    chaired: bool
    this_day: bool


def statement(sent: Sent, known: bool) -> Statement | None:
    """The statement the sentence makes about a meeting of a mechanism, if it makes one."""
    f = sent.f
    ours = [n for n in named(sent) if n.entry.hk_party and not _other_body(n) and not _carried_out(n)]
    if any(not n.entry.hk_party or _carried_out(n) for n in named(sent)) and not ours:
        return None  # another government's mechanism, or ours only as what another act carries out
    generic = known and (P.ORD_GENERIC.search(f) or ("会议" in f and P.CHAIR.search(f)))
    if not ours and (not generic or P.BODY_WORD.search(f)):  # 专责小组…第一次工作会议: another body's meeting
        return None
    if not P.PREDICATE.search(f) or (ours and not generic and not _said_of_mechanism(sent, ours)):
        return None
    this_day = bool(P.THIS_DAY.search(f))
    if (P.OTHER_TIME.search(f) or P.HOPE.search(f)) and not this_day:
        return None
    future = bool(P.FUTURE.search(f) or P.LATER.search(f)) and not P.REPORT.search(f)
    if _season_ahead(f):
        return None  # 我們會在本年內…舉行…第二十五次會議, 將於下半年…舉行: a season, not a day
    return Statement(sent, future, bool(P.CHAIR.search(f)), this_day)


def _season_ahead(f: str) -> bool:
    """A coming meeting given a season and no day (本年內, 下半年, 適當時候, 稍後; 明年 in a sentence of the
    future), in a sentence reporting nothing done (召開了, 簽署了): no announcement of it (audit neg2)."""
    future = bool(P.FUTURE.search(f) or P.LATER.search(f)) and not P.REPORT.search(f)
    vague = P.VAGUE_FUTURE.search(f) or (future and P.VAGUE_NEXT_YEAR.search(f))
    return bool(vague) and not _a_day(f) and not P.REPORT.search(f) and not P.DONE.search(f)


def _a_day(f: str) -> bool:
    """The sentence gives a day: 今日, 明日, 将于20日, 9月14日, 本月20日 (not 将于 alone: 将于下半年)."""
    return bool(
        P.RELATIVE_DAY.search(f) or P.WILL_ON.search(f) or P.DAY_OF_THE_PAGE.search(f) or P.THIS_MONTH.search(f)
    )


def _names_ours(sent: Sent) -> bool:
    """The sentence names a mechanism Hong Kong is a party to, as itself: not as the framework of
    another body (粵港合作聯席會議框架下的…專責小組), whose 會議 a later sentence then means."""
    return any(n.entry.hk_party and not _other_body(n) for n in named(sent))


def _said_of_mechanism(sent: Sent, ours: list[Named]) -> bool:
    """The predicate is the mechanism's, not another body's: where the sentence names a task
    force or a steering group ('专责小组每年举行…工作会议,并向粤港合作联席会议汇报'), the verb must
    stand in the clause that names the mechanism."""
    if not P.BODY_WORD.search(sent.f):
        return True
    for start, end in clauses(sent.f):
        if any(start <= n.start < end for n in ours) and P.PREDICATE.search(sent.f[start:end]):
            return True
    return False


@dataclass(frozen=True)
class Decision:
    relevant: bool
    reason: str | None
    statements: tuple[Statement, ...]


def decide(title: Sent | None, sents: list[Sent], entry: Entry | None, others: list[Entry]) -> Decision:
    """Relevant or not, with the reason in words."""
    if entry is None:
        return Decision(False, _no_mechanism(title, sents, others), ())
    known = title is not None and _names_ours(title)
    found: list[Statement] = []
    for sent in sents[:16]:
        said = statement(sent, known)
        if said is not None:
            found.append(said)
        known = known or _names_ours(sent)
    ordinals = {o for s in sents for o in _ordinals(s)}
    points = sum(1 for s in sents if P.NUMBERED_POINT.match(s.f))
    if (len(ordinals) >= 3 or points >= 3) and not any(
        s.this_day or _dated_report(s) or _same_day(s, sents) for s in found
    ):
        what = f"names {len(ordinals)} meetings" if len(ordinals) >= 3 else "sets out its points 一、二、三"
        return Decision(False, f"a background page on the {entry.name}: it {what} and reports none of them", ())
    head = statement(title, True) if title else None
    cue = P.LOOKALIKE_TITLE.search(title.f) if title else None
    kind = P.LOOKALIKE_WORDS[cue["cue"]] if cue else None
    where = "its headline"
    if kind is None and sents and P.CALL_LEAD.search(sents[0].f) and not statement(sents[0], known):
        kind, where = "courtesy call", "its lead"  # the page opens with a call, whatever its headline says
    if kind == "courtesy call":
        # a call's story is the meeting's record only where it reports the meeting: who chaired
        # it (or will, that day), or what was agreed or signed at it; that it was held the same
        # day is a mention
        plain = [
            s
            for s in found
            if (s.chaired and (not s.future or s.this_day)) or (not s.future and _outcome(s.sent, sents))
        ]
    elif kind is not None:
        # under a ceremony's headline, only the meeting held counts, not a coming one: held that day,
        # on a day printed (10月21日, 昨日; a wire's bare day under its dateline: 联席会议9日在南宁举行),
        # or convened; a clause holding the event the headline names (…在广州举行座谈活动) says that
        # event was held
        event = cue["cue"] if cue else ""
        plain = [
            s
            for s in found
            if not s.future
            and (
                s.chaired
                or ((s.this_day or _dated_report(s) or P.WIRE_DAY.search(s.sent.f)) and _held(s.sent, "举行", event))
                or _held(s.sent, "召开", event)
            )
        ]
    if kind is not None:
        if plain:
            return Decision(True, None, tuple(found))
        article = "an" if kind[0] in "aeiou" else "a"
        return Decision(False, f"{article} {kind} (per {where}), not a meeting of the {entry.name}: "
                        "the page names the mechanism but reports none of its meetings", tuple(found))  # fmt: skip
    if head is not None:
        return Decision(True, None, (head, *found))
    if found:
        return Decision(True, None, tuple(found))
    for sent in [*([title] if title else []), *sents[:3]]:
        body = P.BODY_WORD.search(sent.f)
        if body is not None:
            what = sent.original(body.start(), body.end())
            return Decision(False, f"a meeting of another body of the {entry.name} (its {what}), "
                            "not one of the mechanism's own meetings", ())  # fmt: skip
    return Decision(False, f"names the {entry.name} but does not report or announce one of its meetings", ())


def _dated_report(said: Statement) -> bool:
    """A statement that a meeting was held on a day printed without its year (10月21日,…在厦门召开)
    or the day before the page's (昨日在香港共同主持):
    a news story's report of its own meeting, whatever it numbers after (its areas 一、二、三), not a
    background page's history, which dates its meetings with their years."""
    f = said.sent.f
    return not said.future and bool(P.DAY_OF_THE_PAGE.search(f)) and not P.OTHER_TIME.search(f)


def _same_day(said: Statement, sents: list[Sent]) -> bool:
    """A chaired statement in the lead after a sentence dating the page's own day (今日(十一月三日)上午
    抵達福州,先與…會見。李家超隨後與…共同主持…第五次會議): the release's report of its meeting,
    whatever it numbers after ((一)(二)(三) the documents signed), not a background page's history."""
    if not said.chaired or said.future or P.OTHER_TIME.search(said.sent.f) or len(_ordinals(said.sent)) != 1:
        return False  # one numbered meeting chaired: not how the mechanism is chaired (會議由…共同主持)
    before = [s for s in sents[:3] if s.start < said.sent.start]
    return len(before) < 3 and any(P.THIS_DAY.search(s.f) and not P.OTHER_TIME.search(s.f) for s in before)


def _held(sent: Sent, verb: str, event: str) -> bool:
    """A clause of the sentence says the mechanism's meeting was held (``verb``): one naming the
    mechanism, or one not naming another event (``event``: the headline's 座谈, 签约仪式 …)."""
    # (not a name the event's own: 粵港合作聯席會議成立二十五周年座談會, the mechanism's anniversary symposium,
    # the event word right after the name with no mark between; audit neg2)
    names = [n.start for n in named(sent) if not (event and P.NAME_OF_EVENT.match(sent.f, n.end) and event in
             sent.f[n.end : n.end + P.EVENT_AFTER_NAME + len(event)])]  # fmt: skip
    for start, end in clauses(sent.f):
        if verb in sent.f[start:end] and (event not in sent.f[start:end] or any(start <= i < end for i in names)):
            return True
    return False


def _outcome(sent: Sent, sents: list[Sent]) -> bool:
    """The sentence, or the one after it (会上, 会后 …), says what was agreed or signed at the meeting."""
    if P.OUTCOME.search(sent.f):
        return True
    after = [s for s in sents if s.start > sent.start][:1]
    return bool(after) and bool(P.OUTCOME_NEXT.match(after[0].f.lstrip())) and bool(P.OUTCOME.search(after[0].f))


def _ordinals(sent: Sent) -> set[int]:
    out = set()
    for n in named(sent):
        found = _ordinal_at(n)
        if found is not None and found[0] is not None:
            out.add(found[0])
    return out


def _no_mechanism(title: Sent | None, sents: list[Sent], others: list[Entry]) -> str:
    if others:
        return f"about the {others[0].name}, a mechanism between other governments: Hong Kong is not a party"
    texts = [title.f if title else "", *(s.f for s in sents[:8])]
    if any(P.PARTY_PLENUM.search(t) for t in texts):
        return "about a party plenum, not a co-operation mechanism"
    return "names no co-operation mechanism to which Hong Kong is a party (read as Chinese)"


# --- the meeting: kind and ordinal -----------------------------------------------------------------


def _ordinal_at(n: Named) -> tuple[int | None, bool] | None:
    """The ordinal of the meeting a naming names (None: it names none), and whether it is a
    working meeting's."""
    f = n.sent.f
    inside = P.ORDINAL_IN.search(f[n.start : n.end])
    if inside:
        return (1 if inside["first"] else number(inside["n"])), False
    after = P.ORD_AFTER.match(f[n.end : n.end + 16])
    if after:
        working = P.WORKING_OF.match(f[n.end + after.end() : n.end + after.end() + 12])
        if working and not after["working"]:  # the plenary's working meeting: its own number
            return (number(working["n"]) if working["n"] else None), True
        return (1 if after["first"] else number(after["n"])), bool(after["working"])
    before = P.ORD_BEFORE.search(f[max(0, n.start - 10) : n.start])
    if before and "届" in before.group(0) and f[n.start : n.end].endswith("论坛"):
        before = None  # the forum's own sessions (第十四届泛珠…论坛): not the conference's number
    if before:
        return (1 if before["first"] else number(before["n"])), False
    return None


def identify(
    entry: Entry, title: Sent | None, statements: tuple[Statement, ...], sents: list[Sent]
) -> tuple[MeetingKind, int | None]:
    """The meeting's kind and ordinal: from the headline, then the statements, then any sentence.
    A report's sentences about a coming meeting (…第二十五次會議於年內在港舉行) name the next one."""
    held = any(not s.future for s in statements if s.sent is not title)
    coming = {id(s.sent) for s in statements if s.future and s.sent is not title} if held else set()
    pool = [*([title] if title else []), *(s.sent for s in statements), *sents[:10]]
    # (a sentence of a season ahead names the coming meeting too, though it states none: 於年內在港舉行)
    pool = [s for s in pool if id(s) not in coming and not (held and s is not title and _season_ahead(s.f))]
    said = {id(s.sent) for s in statements}
    kind: MeetingKind | None = None
    for sent in pool:
        for n in named(sent):
            if n.entry.name != entry.name:
                continue
            got = _ordinal_at(n)
            k = _kind(n, got)
            kind = kind or k
            if got == (None, True):  # a working meeting named without its number: look on for it
                continue
            if got is not None:
                return (MeetingKind.WORKING_MEETING if got[1] else _fullest(k, got[0], entry, pool)), got[0]
        generic = P.ORD_GENERIC.search(sent.f) if sent is not title or named(sent) else None
        if (generic and any(n.entry.name == entry.name for n in named(sent))) or (generic and sent is not title):
            if generic["wn"]:
                return MeetingKind.WORKING_MEETING, number(generic["wn"])
            if kind is not MeetingKind.WORKING_MEETING:  # a plenary's number is no working meeting's
                return kind or entry.ordinal_kind, (1 if generic["first"] else number(generic["n"]))
    if kind is MeetingKind.WORKING_MEETING:
        return kind, None  # never the number of the plenary it serves
    stated = [s for s in pool if s is title or id(s) in said]
    return kind or entry.ordinal_kind, _ordinal_later(entry, stated) or _ordinal_next(stated, sents)


def _ordinal_later(entry: Entry, pool: list[Sent]) -> int | None:
    """The number of the meeting a statement gives after the mechanism's name, in a clause of its
    own ('浙港合作會議機制將正式啟動,首次會議將在杭州舉行', '…今日舉行,這是兩地政府第七次開會'),
    when no naming carries one: not another body's meeting, nor one of another time (以來)."""
    for sent in pool:
        names = [n.end for n in named(sent) if n.entry.name == entry.name]
        if not names or P.BODY_WORD.search(sent.f):
            continue
        m = P.ORD_LATER.search(sent.f, min(names))
        if m is None:
            continue
        clause = next((sent.f[a:b] for a, b in clauses(sent.f) if a <= m.start() < b), "")
        if not P.OTHER_TIME.search(clause):
            return 1 if m["first"] else number(m["n"])
    return None


def _ordinal_next(stated: list[Sent], sents: list[Sent]) -> int | None:
    """The number a statement's next sentence (same paragraph) gives the meeting it points back at,
    in a clause of its own not about another time, when it names no mechanism itself."""
    for sent in stated:
        i = next((k for k, s in enumerate(sents) if s is sent), None)
        after = sents[i + 1] if i is not None and i + 1 < len(sents) else None
        if after is None or after.block != sent.block or named(after) or not P.BACK_REFERENCE.match(after.f):
            continue
        m = P.ORD_LATER.search(after.f)
        clause = next((after.f[a:b] for a, b in clauses(after.f) if a <= m.start() < b), "") if m else ""
        if m and not P.OTHER_TIME.search(clause) and not P.BODY_WORD.search(after.f):
            return 1 if m["first"] else number(m["n"])
    return None


def _fullest(kind: MeetingKind, ordinal: int | None, entry: Entry, pool: list[Sent]) -> MeetingKind:
    """A plenary named elsewhere on the page as the high-level meeting cum plenary (the same
    number, or none) is that: a headline shortens the name ('川港合作会议第四次会议' over a lead's
    '川港高层会晤暨川港合作会议第四次会议')."""
    if kind is not MeetingKind.PLENARY or not _holds(entry, MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY):
        return kind
    for sent in pool:
        for n in named(sent):
            if n.entry.name != entry.name or not P.HLM_CUM.search(sent.f[n.start : n.end + 6]):
                continue
            got = _ordinal_at(n)
            if got is None or got[0] in (None, ordinal):
                return MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY
    return kind


def _kind(n: Named, got: tuple[int | None, bool] | None) -> MeetingKind:
    text = n.sent.f[n.start : n.end + 6]
    if got is not None and got[1]:
        return MeetingKind.WORKING_MEETING
    if P.HLM_CUM.search(text) and _holds(n.entry, MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY):
        return MeetingKind.HIGH_LEVEL_MEETING_CUM_PLENARY
    if "高层会晤" in n.sent.f[n.start : n.end] and _holds(n.entry, MeetingKind.HIGH_LEVEL_MEETING):
        return MeetingKind.HIGH_LEVEL_MEETING
    return n.entry.ordinal_kind


def _holds(entry: Entry, kind: MeetingKind) -> bool:
    """The text may call the mechanism's meeting ``kind``: any kind its row lists, and, for a
    conference that holds plenaries, a high-level meeting (cum plenary) whatever its row lists
    (滬港高層會晤暨滬港合作會議: the text decides, as in English). A mechanism without plenaries
    keeps its own kinds (Macao's high-level meeting, the Belt and Road and PPRD conferences)."""
    return kind in entry.kinds or MeetingKind.PLENARY in entry.kinds


# --- venue ---------------------------------------------------------------------------------------------

_VERBS = ("在", "于", "喺", "抵", "赴", "来", "到", "去", "访", "抵达", "前往", "访问")


def venue(title: Sent | None, statements: tuple[Statement, ...], lead: list[Sent]) -> str | None:
    """The city the meeting was held in, from the sentence stating it, else a visit's city."""
    pool = [s.sent for s in statements if s.sent is not title][:3] + ([title] if title else [])
    for sent in pool:
        if P.VIDEO.search(sent.f):
            return None
        place = _place_after_verb(sent.f)
        if place:
            return place
    # a lead's chairing sentence that names no mechanism places the meeting a statement named just
    # before it ('闽港举行第三次合作会议。X与Y在榕共同主持会议'; audit zh16)
    for st in statements[:3]:
        i = next((k for k, s in enumerate(lead) if s is st.sent), None)
        after = lead[i + 1] if i is not None and i + 1 < len(lead) else None
        chair = P.CHAIR.search(after.f) if after is not None and after.block == st.sent.block else None
        if after is not None and chair and not P.VIDEO.search(after.f):
            place = _place_after_verb(after.f[: chair.end()])
            if place:
                return place
    for sent in lead[:4]:
        m = P.VISIT.search(sent.f)
        if m:
            place = _city_at(m["place"] or m["here"] or "", 0)
            if place:
                return place
    return None


def _place_after_verb(f: str) -> str | None:
    for i in range(len(f)):
        for verb in _VERBS:
            if f.startswith(verb, i):
                place = _city_at(f, i + len(verb))
                if place:
                    return place
    return None


def _city_at(f: str, i: int) -> str | None:
    for name in CITY_NAMES:
        if f.startswith(name, i):
            return CITIES_ZH[name]
    ch = f[i : i + 1]
    nxt = f[i + 1 : i + 2]
    if (
        ch in CITY_ABBREV_ZH
        and nxt not in CITY_ABBREV_ZH
        and nxt not in "港合两三各等地"
        and not f.startswith("深化", i)
    ):
        return CITY_ABBREV_ZH[ch]
    return None


# --- document kind -------------------------------------------------------------------------------------


def document_kind(title: Sent | None, statements: tuple[Statement, ...], lead: list[Sent]) -> DocumentKind:
    """A report when a statement says the meeting took place, an announcement when it will."""
    body = [s for s in statements if s.sent is not title]  # a headline's present tense is its style
    if _written_before(lead):
        return DocumentKind.ANNOUNCEMENT
    if any(not s.future for s in body):
        return DocumentKind.REPORT
    if (body or statements) and all(s.future for s in (body or statements)):
        return DocumentKind.ANNOUNCEMENT
    text = " ".join([title.f if title else "", *(s.f for s in lead[:3])])
    if P.ANNOUNCEMENT.search(text) and not P.REPORT.search(text):
        return DocumentKind.ANNOUNCEMENT
    return DocumentKind.REPORT


def _written_before(lead: list[Sent]) -> bool:
    """A story of the meeting day written before the meeting: it says what the meeting will do
    (今日在广州举行的会议将就…订下方向, 会上预计签署…) and reports nothing done at it; what another
    meeting did (去年…第十六次会议上…达成共识) is not this one's."""
    now = [s for s in lead if not P.OTHER_TIME.search(s.f)]
    return any(P.AHEAD.search(s.f) for s in now) and not any(_done(s.f) for s in now)


def _done(f: str) -> bool:
    """The sentence reports an outcome reached, not one expected (预料…会在会上就…达成共识)."""
    for m in P.DONE.finditer(f):
        start = max((a for a, b in clauses(f) if a <= m.start()), default=0)
        if not P.EXPECTED.search(f[start : m.start()]):
            return True
    return False
