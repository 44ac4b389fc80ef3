"""Every extraction pattern of the genre in one place: mechanisms, meetings, people, signings.

These describe how the releases (and news copies of them) write things, not any one release.
"""

from __future__ import annotations

import re

from cooptrack.dates import DATELINE, MONTH_RE, WEEKDAY_RE, YESTERDAY_RE
from cooptrack.extract.numbers import CARDINAL_RE, ORDINAL_RE, ORDINAL_WORDS
from cooptrack.vocab import AgreementKind

# --- mechanisms -----------------------------------------------------------------------------

HK = r"(?:Hong\s?Kong(?:\s+Special\s+Administrative\s+Region)?|HKSAR|HK)"
PLACE = r"(?:[A-Z][a-z']+(?:\s(?:Mongolia|Province|Municipality))?)"
_SEP = r"\s*[/\-\u2010-\u2014]\s*"
MECHANISM_SUFFIX = (
    r"(?i:(?:(?:economic\s+and\s+trade|economic|regional)\s+)?co-?operation\s+"
    r"(?:joint\s+conference|conference|meeting|council|high[-\s]level\s+meeting|mechanism|forum)"
    r"|council\s+for\s+co-?operation\s+and\s+development|joint\s+conference)"
)
MECHANISM = re.compile(
    rf"(?P<a>{HK}|{PLACE}){_SEP}(?P<b>{HK}|{PLACE})(?:{_SEP}(?P<c>{HK}|{PLACE}))?\s+(?P<suffix>{MECHANISM_SUFFIX})"
)
HK_NAME = re.compile(rf"^{HK}$")

# --- meetings ---------------------------------------------------------------------------------

_ORD = rf"(?i:{ORDINAL_RE})"
_PLENARY = r"(?i:plenary(?:\s+(?:session|meeting))?)"
_HLM = r"(?i:high[-\s]level\s+(?:meeting|assembly))"  # a content farm's "assembly"
# Every mention starts with a digit or with the first four letters of one of these words (an ordinal's,
# or those of "high-level", "meeting-cum-plenary", "working", "plenary", "joint"): a lookahead for them
# lets the search pass over any other position at once, instead of trying the nine alternatives there
# (four letters, not two: "the", "in", "se..." would let most words in).
_MENTION_STARTS = "|".join(sorted({w[:4] for w in (*ORDINAL_WORDS, "high", "meeting", "working", "plenary", "joint")}))
MEETING_MENTION = re.compile(
    rf"(?=\d|(?i:{_MENTION_STARTS}))(?:"
    rf"(?P<cum>{_HLM}\s*(?:-\s*)?cum\s*(?:-\s*)?(?:the\s+)?(?:(?P<ord_cum>{_ORD})\s+)?{_PLENARY})"
    rf"|(?P<cum_short>\bmeeting-cum-plenary\b)"
    rf"|(?P<working>(?:(?P<ord_work>{_ORD})\s+)?(?i:working\s+meeting)(?!s))"
    rf"|(?P<plenary>(?:(?P<ord_plen>{_ORD})\s+){_PLENARY})"
    rf"|(?P<hlm>(?:(?P<ord_hlm>{_ORD})\s+){_HLM})"
    rf"|(?P<meeting>(?P<ord_meet>{_ORD})\s+(?i:meeting)\b)"
    rf"|(?P<plenary_bare>\b(?i:plenary)\b)"
    rf"|(?P<hlm_bare>{_HLM})"
    rf"|(?P<joint>\b(?i:joint\s+meeting)\b)"  # a wire story's "a joint meeting" of the two governments
    r")"
)
# A meeting of another body than the mechanism: "the second meeting of the Hong Kong-Shenzhen Joint
# Task Force on ...", "the third plenary of the ... Steering Committee".
# A body's own meeting named before it: "The ... Joint Working Group on ... held its 16th meeting".
# So is a headline's "Hetao joint task force holds fifth meeting", and a sector's own authorities'
# "Hong Kong and Macao tourism authorities hold 12th joint meeting" (not "the two authorities").
# A mechanism's own liaison offices, secretariat or sub-group holding "their fifth meeting" are such a
# body, named "of" or "under" the mechanism: "The liaison offices of the Hong Kong/Fujian Co-operation
# Conference held their fifth meeting" (audit neg2).
_OTHER_BODY = (
    r"task\s+forces?|expert\s+groups?|working\s+groups?|steering\s+(?:group|committee)s?|leading\s+groups?|committees?|"
    r"commissions?|panels?|liaison\s+(?:groups?|offices?|officers|units?|teams?)|secretariats?|sub-?groups?|"
    r"association|council|symposium|forum"
)
OTHER_BODY_BEFORE = re.compile(
    rf"(?i)\b(?:{_OTHER_BODY}|"
    r"(?-i:(?!(?:two|both|the|their|its|respective|relevant|local|government|governmental)\b)[a-z]{3,})\s+"
    r"(?:authorities|departments|regulators))\b(?:\s+(?:on|for|of|under)\s+[^.;()]{0,90}?)?"
    rf"\s+(?:held|holds?|holding|convened|convenes?|had|will\s+hold)\s+(?:(?:its|their)\s+)?(?:{_ORD}\s+)?$"
)
OTHER_BODY_AFTER = re.compile(
    # (a central body's "plenary meeting of the Leading Group for the Development of the ... Greater Bay Area")
    r"\s+(?:session\s+|meeting\s+)?of\s+(?:the\s+)?[^.;()]{0,80}?\b(?i:task\s+force|expert\s+group|working\s+group|"
    r"steering\s+(?:group|committee)|leading\s+group|committee|symposium|commission|panel|liaison\s+group|association|"
    r"chamber|federation|advisory\s+(?:board|council)|trade\s+development\s+council|legislative\s+council|"
    r"congress)\b"
)
# A mention that refers to an earlier or later meeting, not the one the release is about.
OTHER_MEETING_BEFORE = re.compile(
    r"(?i:\b(?:since|last|previous|preceding|prepar(?:e|ations?|ing)\s+for|arrangements?\s+for|ahead\s+of|before|"
    r"following\s+up\s+on|follow-up\s+to|the\s+next|next)\s+(?:the\s+|its\s+|their\s+)?"
    rf"(?:{ORDINAL_RE}\s+)?$"  # "the preparations for the 14th " + the mechanism's name
    # what an earlier meeting decided: "the co-operation items agreed at the Third Plenary Session"
    r"|\b(?:items|measures|projects|initiatives|matters|consensus|tasks|proposals|areas|results|outcomes|"
    r"directions)\s+(?:agreed|reached|endorsed|adopted|decided|set\s+out)\s+(?:upon\s+)?(?:at|during|in)\s+"
    r"(?:the\s+)?$"
    # a meeting held to prepare another, or to follow one up: "held a preparatory meeting in Hong Kong
    # today for the 25th Plenary", "to follow up on the consensus of the Fourth Plenary" (audit neg2)
    r"|\bpreparatory\s+(?:meeting|session|talks|work)\b[^.;]{0,60}?\bfor\s+(?:the\s+)?$"
    r"|\bfollow(?:ing)?[\s-]+up\s+(?:on|to)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:of|at|from)\s+(?:the\s+)?$)"
)
# A line of its own naming the signers of the list item above it: "Signatories: the Secretary for
# …, Ms A; and the Vice Governor …, Mr B", "Signed by: …", "Signing parties: …" ([AGREE-LIST]).
SIGNERS_LINE = re.compile(
    r"(?i)^\s*(?:signator(?:y|ies)|signers?|signed\s+by|signing\s+(?:parties|officials))\s*[:\uff1a]\s*(?=\S)"
)

# A mechanism's name right after one of its bodies: "the liaison offices of the ", "a joint working group
# on biomedicine set up under the " (audit neg2): the name owns the body, not a meeting of the page.
BODY_OWNS_NAME = re.compile(
    rf"(?i)\b(?:{_OTHER_BODY})(?:\s+(?:on|for)\s+[^.;()]{{0,60}}?)?\s+(?:(?:set\s+up|established|formed|created)\s+)?"
    r"(?:of|under)\s+(?:the\s+)?$"
)

# A mechanism's name owning such a meeting, or being one: "since the Second Plenary Session of the ",
# "the preparations for the 14th " (cooptrack.extract.relevance: that name is not this meeting's).
ANOTHER_MEETINGS_NAME = re.compile(
    r"(?i)\b(?:since|last|previous|preceding|prepar(?:e|ations?|ing)\s+for|arrangements?\s+for|ahead\s+of|"
    r"preparatory\s+(?:meeting|session|talks|work)\b[^.;]{0,60}?\bfor|"
    r"following\s+up\s+on|follow-up\s+to|the\s+next|next)\s+(?:the\s+|its\s+|their\s+)?"
    rf"(?:(?:[\w'-]+\s+){{0,4}}?(?:plenary(?:\s+session)?|session|meeting)\s+of\s+(?:the\s+)?|{ORDINAL_RE}\s+)?$"
)
_PARTY_PLENUM = re.compile(r"(?i)\b(?:CPC|Communist Party|Central Committee|National People's Congress|NPC|CPPCC)\b")

# --- relevance and kind of document -------------------------------------------------------

# The two sides "met for" the meeting, words of place and time between or not: "met for the 14th
# high-level meeting", "officials met in Hong Kong yesterday for the ...", "met at the Government
# Headquarters in Macao this morning for the ...", a mechanism that "met for the fourth time" (never
# "met with X", nor "met X for talks": a call).
MET_FOR = (
    r"met(?:\s+(?!with\b|for\b)[\w'-]+){0,8}?\s+for\s+(?:the|a|an|its|their)\s+(?:[\w'-]+\s+){0,5}?"
    r"(?:plenary|meeting|session|conference)|met\s+for\s+the\s+[\w-]+\s+time"  # "met for the fourth time"
)

LOOKALIKE_TITLE = re.compile(
    r"(?i)\b(?P<cue>meets?|met|calls?\s+on|courtesy\s+call|symposium|seminar|exhibition|expo|"
    r"forum|reception|banquet|luncheon|dinner|visits?|tours?|speech|remarks|opens?|officiates?|"
    r"webinar|roundtable|workshop|study\s+session|briefing|signs?|signing|inks?|LCQ\d*|written\s+reply|"
    r"question|replies|reply)\b"
)
EVENT_VERB = re.compile(
    r"(?i)\b(?:held|co-?chaired|chaired|convened|attended|attends?|hosted|took\s+place|"
    r"will\s+(?:be\s+held|attend|co-?chair|chair|lead|hold)|to\s+(?:attend|co-?chair|be\s+held)|"
    rf"co-?chair|{MET_FOR}|opened|agreed|reached)\b"
)
# A meeting reported as held, in the past tense: what a lead must say under a headline of another kind.
HELD_REPORT = re.compile(r"(?i)\b(?:(?:was|were)\s+(?:held|co-?chaired|convened)|co-?chaired|held\s+the)\b")
ANNOUNCEMENT = re.compile(
    r"(?i)\b(?:will\s+(?:lead|attend|co-?chair|chair|depart|be\s+held|hold|visit|head)|"
    r"to\s+(?:lead|attend|co-?chair|depart\s+for|visit)\b|is\s+to\s+be\s+held|will\s+be\s+convened)"
)
# A Legislative Council document: a question and its reply ("LCQ9: ...", "Following is a question by the
# Hon ... and a written reply by ... in the Legislative Council today"), or a paper to one of its panels
# ("Legislative Council Panel on ...", "LC Paper No. ..."). It answers about meetings held or planned,
# and reports none of them, however plainly it names them (patterns.md [NEG], a reference page).
# A panel's own meeting on the mechanism is one too ("LegCo panel discusses work of ...", "The
# Legislative Council Panel on Constitutional Affairs held a meeting today to discuss ...").
LEGCO_TITLE = re.compile(
    r"(?i)^\s*LCQ\s*\d*\s*:|^\s*(?:Legislative\s+Council|LegCo)(?:['\u2019]s)?\s+(?:Panel|question|Subcommittee)\b"
)
# A news copy words it its own way: "In a written reply to a question by lawmaker ... in the
# Legislative Council today, ... said ...".
_LEGCO = r"(?:Legislative\s+Council|LegCo)\b"
_ASKER = r"(?:the\s+Hon\b|lawmakers?\b|legislators?\b|(?:Legislative\s+Council|LegCo)\s+members?\b)"
LEGCO_LEAD = re.compile(
    rf"(?i)\bquestions?\s+(?:by|from|raised\s+by)\s+{_ASKER}[^.]{{0,300}}?\brepl(?:y|ies|ied|ying)\b[^.]{{0,300}}?\b{_LEGCO}"
    rf"|\brepl(?:y|ies|ied|ying)\s+to\s+(?:a\s+)?(?:{_LEGCO}\s+)?questions?\s+(?:by|from|raised\s+by)\s+{_ASKER}"
    rf"[^.]{{0,300}}?\b{_LEGCO}|\brepl(?:y|ies|ied|ying)\s+to\s+(?:a\s+)?{_LEGCO}\s+questions?\b"
    r"|^\s*(?:(?:The\s+)?(?:Legislative\s+Council|LegCo)(?:['\u2019]s)?\s+(?:Panel|Subcommittee)\s+on\b|LC\s+Paper\s+No\b)"
)
# A page of many stories, each told in a line or two: "Evening News Digest", "News in brief", "Weekly
# round-up", "Today's headlines" (audit neg2). One of its items may sum up a meeting; the page
# reports none: its own story is elsewhere ("Full story on page 4").
DIGEST_TITLE = re.compile(
    r"(?i)\b(?:(?:news\s+)?digest|news\s+in\s+brief|in\s+brief|(?:news\s+)?round-?up|(?:news\s+)?briefs|"
    r"(?:today['\u2019]s|top|evening|morning|daily)\s+headlines|news\s+summary|week\s+in\s+review)\b"
)
# The meeting's day not yet fixed: "Its date will be announced later", "The date of the plenary is yet to
# be fixed" (audit neg2): a coming meeting without a day is no announcement of it.
DATE_UNFIXED = re.compile(
    r"(?i)\b(?:its|the)\s+(?:exact\s+|specific\s+)?(?:date|dates|timing|schedule)\b[^.;]{0,80}?\b(?:"
    r"will\s+be\s+(?:announced|fixed|set|decided|confirmed|finali[sz]ed)|(?:is|are)\s+(?:yet\s+)?to\s+be\s+"
    r"(?:announced|fixed|set|decided|confirmed|finali[sz]ed)|(?:has|have)\s+(?:yet\s+)?(?:not\s+)?(?:yet\s+)?"
    r"(?:to\s+)?be(?:en)?\s+(?:announced|fixed|set|decided|confirmed|finali[sz]ed))"
)
TITLE_ANNOUNCEMENT = re.compile(r"(?i)\b(?:to\s+(?:attend|lead|co-?chair|visit|depart|hold|head)|will)\b")

# What a sentence says of a meeting (cooptrack.extract.relevance): its nouns, who chaired it,
# whether it took place or will, and whether it is another meeting than the page's.
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MEETING_NOUN = re.compile(
    r"(?i)\b(?:(?<!press\s)(?<!video\s)(?<!news\s)conference|plenary|plenum|meeting-cum-plenary|meeting|session)s?\b"
)
# One meeting (not "plenaries", "meetings": a count of many, as a background page writes).
ONE_MEETING_NOUN = re.compile(
    r"(?i)\b(?:(?<!press\s)(?<!video\s)(?<!news\s)conference|plenary|plenum|meeting-cum-plenary|meeting|session|talks)\b"
)
# Nouns that name a formal meeting of a mechanism (a bare "meeting" may be any encounter).
FORMAL_MEETING_NOUN = re.compile(
    r"(?i)\b(?:(?<!press\s)(?<!video\s)(?<!news\s)conference|plenary|joint\s+meeting|high[-\s]level\s+meeting|"
    r"working\s+meeting|meeting-cum-plenary|meeting\s+cum\s+plenary)\b"
)
CHAIR_PREDICATE = re.compile(
    r"(?i)\bco-?chair(?:ed|ing|s)?\b|\b(?:jointly\s+)?chaired\b|\bpresid(?:ed|e|ing)\s+over\b|\bconven(?:ed|e|ing)\b|"
    r"\b(?:led|leading|lead|headed|heading)\s+(?:the\s+)?(?:two\s+|respective\s+|their\s+)?(?:[\w'-]+\s+){0,4}?delegations\b|"
    r"\bdelegations?\s+(?:was|were)\s+(?:respectively\s+)?(?:led|headed)\s+by\b|\bwas\s+led\s+by\b|"
    r"\bin\s+the\s+chair\b|\b(?:joint\s+)?(?:co-?)?chairmanship\b|"
    # the chairs as a noun or a participle: "A and B acted as co-chairs of ...", "with A and B presiding"
    r"\b(?:served|serving|acted|acting|sat|sitting)\s+as\s+(?:the\s+)?(?:two\s+)?co-?chairs?\b|"
    r"\b(?:co-?)?presiding\b(?!\s+(?:officer|judge))|"
    # a meeting co-led or hosted jointly: "A and B co-led the session", "was hosted jointly by A and B"
    # (each verb spelt whole after "co-": its screen then looks for "led", not for the "co" of "co-operation")
    r"\bco-?led\b|\bco-?lead(?:s|ing)?\b|\bco-?head(?:ed|ing)\b|\b(?:co-?|jointly\s+)host(?:ed|ing|s)?\b|\bhosted\s+jointly\b|"
    r"\b(?:heads|leaders)\s+of\s+(?:the\s+)?(?:two\s+|both\s+|respective\s+|their\s+)?delegations\b"
)
# News copy's verbs for what the two sides agreed on: "sealed deals in 11 areas of cooperation",
# "struck", "clinched", "forged" (a meeting's event, and a cue of its area count).
NEWS_AGREED = r"(?:sealed|struck|clinched|forged)"
# A sentence that opens on a chairing participle and reports its subject's words in the past (a
# release's lead in the order of a speech story); not "Co-chairing … tomorrow, he will …".
CHAIRING_LEAD = (
    r"(?:jointly\s+)?(?:co-?chairing|chairing|co-?presiding\s+over|presiding\s+over|convening)\b"
    r"(?=[^.;]{0,400}?,\s+[^.;]{0,160}?\b(?:said|stated|noted|remarked|stressed|added|pointed\s+out)\b)"
)
PAST_EVENT = re.compile(
    r"(?i)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)(?<!-)\b(?:held|took\s+place|co-?chaired|chaired|"
    r"presided|(?:co-?)?convened|"
    r"attended|participated|(?<!will\s)led|(?<!will\s)headed|co-?led|co-?headed|co-?hosted|hosted\s+jointly|reviewed|reached|agreed|signed|discussed|concluded|kept|inked|joined|"
    # what news copy says was done there: "sealed deals in 11 areas at the seventh plenary"
    rf"{NEWS_AGREED}|pledged|vowed|endorsed|unveiled|mapped\s+out|charted|"
    rf"{MET_FOR}|(?:served|acted)\s+as\s+(?:the\s+)?(?:two\s+)?co-?chairs?)\b|\b(?:was|were)\s+(?:held|convened)\b|"
    r"\bconsensus\s+(?:reached\s+)?(?:at|during)\b|"
    r"\bafter\s+(?:co-?chairing|chairing|attending|holding|presiding\s+over|convening)\b|"
    # a meeting that "opened" (not an exhibition that "was opened"): the meeting is the subject
    r"\b(?:plenary|session|meeting|conference)\s+opened\b|\b(?:plenary|session)\s+[^.;]{0,120}?\bopened\b|"
    r"\bafter\s+(?:a|the|their|its)\s+(?:[\w'-]+\s+){0,3}?(?:meeting|plenary|conference|session)\b"
)
# A lead that opens on the chairing participle, its subject reporting in the past: "Co-chairing the
# Seventh Plenary … today with the Mayor …, Mr B, the Chief Executive, Mr A, said that …" (matched
# at the text's start: as an alternative "^…" of PAST_EVENT it kept re from skipping to the letters
# the others start with, and the pattern was tried at every position).
PAST_EVENT_LEAD = re.compile(rf"(?i)\W*{CHAIRING_LEAD}")


def past_event(text: str) -> bool:
    """Whether ``text`` reports an event as past: PAST_EVENT anywhere in it, or PAST_EVENT_LEAD at its start."""
    return bool(PAST_EVENT.search(text) or PAST_EVENT_LEAD.match(text))


# A photo caption reports in the present tense: after a position in brackets, "A (right), and B
# (left), lead their delegations at the eighth Joint Conference ... today", "... (centre) co-chair
# the plenary today". The bracketed position is the caption's mark, so a present tense elsewhere
# (a habit, a plan: "will lead", "to attend") is not read as an event.
CAPTION_POSITION = (
    r"\((?:(?:first|second|third|fourth|fifth|sixth|\d{1,2}(?:st|nd|rd|th))\s+)?(?:left|right|centre|center)\)"
)
CAPTION_EVENT = re.compile(
    rf"(?i){CAPTION_POSITION}"
    r"[^.;]{0,200}?(?<!\bwill\s)(?<!\bto\s)(?<!\bwould\s)\b(?:co-?chairs?|chairs?|lead|leads|head|heads|attend|attends|"
    r"convene|convenes|preside\s+over|presides\s+over|hold|holds)\b(?=[^.;]{0,300}?\btoday\b)"
)
# The predicates that say the meeting itself took place, as opposed to what was done there.
MEETING_EVENT = re.compile(
    r"(?i)(?<!\bbe\s)\b(?:held|took\s+place|co-?chaired|chaired|presided|convened|attended|participated|kept|"
    rf"joined|{MET_FOR}|(?:was|were)\s+(?:held|convened))\b|\bconsensus\s+(?:at|during)\b|"
    r"\b(?:plenary|session|meeting|conference)\s+opened\b|\b(?:plenary|session)\s+[^.;]{0,120}?\bopened\b"
)
FUTURE_EVENT = re.compile(
    r"(?i)\bwill\s+(?:\w+\s+){0,3}?(?:be\s+(?:held|convened)|attend|co-?chair|chair|lead|hold|preside|convene|"
    r"take\s+place|meet|visit|depart|head|travel|fly|leave|sign|set)\b|\b(?:is|are)\s+(?:scheduled|due|set|expected|going)\s+to\b|"
    # the meeting as the subject: "The Sixth Plenary Session will be co-chaired by ..."
    r"\bwill\s+be\s+(?:jointly\s+)?(?:co-?chaired|chaired|co-?hosted|hosted|presided\s+over|convened|led)\s+by\b|"
    r"\bto\s+be\s+(?:held|convened)\b|\b(?:is|are)\s+to\s+(?:be\s+held|attend|co-?chair|lead|hold)\b|"
    r"\bwould\s+(?:\w+\s+){0,2}?(?:be\s+held|take\s+the\s+form|attend|co-?chair|lead|hold)\b|"
    r"\b(?:it|this|the\s+(?:plenary|meeting|conference|session|meeting-cum-plenary))\s+will\s+be\b|"
    r"\b(?:is|are)\s+leading\b|\bshall\s+(?:attend|co-?chair|hold)\b|\bto\s+(?:attend|co-?chair)\b"
)
# A party to a meeting that is not a government: a trade body's "joint meeting between the HKTDC
# and Hubei", "co-chaired by HKTDC Chairman ...".
OTHER_PARTY = re.compile(
    r"\b(?:HKTDC|TDC|HKGCC|FHKI|CGCC|CMA|(?:Trade\s+Development|Productivity|Business)\s+Council|"
    r"Chamber\s+of\s+Commerce|Federation\s+of|Chinese\s+Manufacturers|Association\s+of)\b"
)
# The meeting told in the present tense of its day by one taking part in it ([REL-NEWS], [DOCKIND];
# audit en14): a speech's "I am delighted to attend the Third Plenary … today", "It gives me great
# pleasure to join the Eighth Joint Conference …", "We are honoured to take part in …", and a
# transcript's opening "Following is the speech by …, at the Third Plenary … today (November 17):",
# a speech given at the meeting. The meeting is under way as the text is written: a report. Not a
# day still ahead ("I am delighted to attend the plenary tomorrow", "… next month": PRESENT_AHEAD),
# nor "I look forward to attending …", a wish.
PRESENT_EVENT = re.compile(
    r"(?i)(?:\b(?:I\s+am|I['\u2019]m|we\s+are|we['\u2019]re)\s+(?:(?:very|most|truly|so|deeply|particularly|especially|"
    r"greatly|extremely|really)\s+)?(?:delighted|pleased|glad|happy|honou?red|privileged|thrilled|grateful)"
    r"|\bit\s+(?:gives|is)\s+(?:me|us|my|our)\s+(?:a\s+)?(?:(?:great|real|particular|special)\s+)?"
    r"(?:pleasure|honou?r|privilege))\s+to\s+"
    r"(?:be\s+(?:here\s+)?(?=(?:at|in)\b)|be\s+(?:attending|joining)\b|attend\b|join\b|take\s+part\s+in\b|"
    r"participate\s+in\b|co-?chair\b|chair\b|address\b|speak\s+at\b)"
    r"|^\W*(?:following|below)\s+(?:is|are)\s+(?:the\s+)?(?:full\s+)?(?:text\s+of\s+(?:the\s+)?)?"
    r"(?:(?:opening|closing|welcome|keynote)\s+)?(?:speech|remarks|address)\s+(?:\w+\s+){0,3}?by\b"
    r"(?![^:]{0,400}?\b(?:to\s+be\s+delivered|will\s+(?:deliver|give))\b)"
)
PRESENT_AHEAD = re.compile(
    r"(?i)\b(?:tomorrow|next\s+(?:week|month|year|Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)|later\s+(?:this|in\s+the)|"
    r"in\s+the\s+coming|look(?:s|ing)?\s+forward\s+to)\w*"
)
# What a finite verb of the past says for certain (a participle "held together with" does not).
PAST_FINITE = re.compile(
    r"(?i)\b(?:was|were)\s+(?:held|convened|co-?chaired|chaired|presided)\b|\btook\s+place\b|"
    r"(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!-)\b(?:co-?chaired|jointly\s+chaired|presided\s+over|convened|reviewed|reached|"
    r"discussed|concluded)\b|\bheld\s+(?:the|a|its|their)\b"
)
# A habit, not an event: "Its plenary sessions are held ... normally once every two years".
HABITUAL = re.compile(
    r"(?i)\b(?:at\s+each|(?:every|each)\s+(?:year|two|three|other)|normally|usually|alternately|annually|regularly|"
    r"once\s+(?:a|every))\b"
)
# A future too vague to be an announcement (a courtesy call's "will be held later in the year").
VAGUE_FUTURE = re.compile(
    r"(?i)\blater\s+(?:in|this)\s+(?:the\s+)?year\b|\bin\s+the\s+(?:first|second)\s+half\s+of\b|"
    r"\bin\s+due\s+course\b|\bnext\s+year\b|\bin\s+the\s+(?:coming|near)\s+(?:months?|future)\b|"
    r"\bat\s+an?\s+(?:appropriate|suitable)\s+time\b|\bbefore\s+the\s+end\s+of\s+the\s+year\b"
)
# The day of the page's own meeting, which overrides the cues of another time.
THIS_MEETING_DAY = re.compile(
    rf"(?i)\b(?:today|{YESTERDAY_RE}|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|"
    r"(?:on|this|next)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)
# A day the meeting may already have been held on: "Today they reviewed ..." (not "next Monday").
PAST_DAY = re.compile(rf"(?i)\b(?:today|{YESTERDAY_RE}|this\s+(?:morning|afternoon|evening)|tonight)\b")
# Right after a meeting's name: the words that date it to another time ("... in Wuhan in April").
OTHER_TIME_AFTER = re.compile(
    rf"(?i)^(?:(?!\b(?:since|after|when|who|which|where)\b)[^.;]){{0,140}}?\b(?:in\s+{_MONTHS}\b|in\s+(?:19|20)\d\d\b|(?:last|next)\s+(?:year|month)\b|"
    r"later\s+(?:this|in\s+the)\s+year\b|earlier\s+this\s+(?:year|month)\b|years?\s+ago\b|since\s+(?:19|20)\d\d\b)"
)
OTHER_TIME_ANYWHERE = re.compile(
    rf"(?i)\b(?:since|previous|preceding|earlier\s+this\s+(?:year|month)|last\s+(?:year|month|time)|years?\s+ago|"
    rf"in\s+(?:19|20)\d\d|in\s+{_MONTHS})\b"
)

# --- dates and venues -------------------------------------------------------------------------

# The words of the genre about a meeting's day are read in extract/when.py.
NEWS_DATELINE = DATELINE
# A news story's dateline without a date: "NANNING – Hong Kong and ...".
PLACE_DATELINE = re.compile(r"^(?P<place>[A-Z]{3,}(?:\s[A-Z]{3,})?)\s*(?:--|\u2014|\u2013|-|:)\s+(?=[A-Z])")
VENUE_PHRASE = re.compile(
    r"(?:\bin|\bat|\bto|depart\s+for|arrive\s+in|visit)\s+"
    r"(?P<place>[A-Z][a-z'\u2019]+(?:\s[A-Z][a-z'\u2019]+)?)(?:,\s*(?P<region>[A-Z][a-z]+)(?:\s+Province)?)?"
)
# "held in the capital": the nation's capital (a provincial capital is named or qualified).
IN_THE_CAPITAL = re.compile(
    r"\b(?i:held|met|meeting|plenary|session|conference)\s+in\s+the\s+(?:national\s+)?capital\b(?!\s+of\b|,?\s+[A-Z])"
)
VIA_VIDEO = re.compile(
    r"(?i)\b(?:via|by|through|over)\s+video\s*(?:-\s*)?(?:conferenc|link|call)|\bvideo\s*conferenc|\bvideo\s+link\b|"
    r"\b(?:held|met|meeting|attended|joined|convened)\s+(?:online|virtually|remotely)\b|\bonline\s+meeting\b"
)
# Where the sentence that reports the meeting places it: "in Guilin", "at the Hong Kong Convention ...".
# A city's apostrophe may be printed curly ("Xi’an", [NOISE-ENC]): these patterns take both, and the
# venue is written with the straight one (meeting._venue_of; audit meta).
MEETING_PLACE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][a-z'\u2019]+(?:\s[A-Z][a-z'\u2019]+)?)(?:,\s*(?P<region>[A-Z][a-z]+)(?:\s+Province)?)?"
)
# "in the Admiralty district of Hong Kong", "on the outskirts of Jinan"; a news story's "in the
# southern Chinese city of Guangzhou", "in the eastern metropolis of Shanghai" (not "the capital of
# Sichuan Province", a province).
PLACE_DISTRICT = re.compile(
    r"\b(?:in|at|on)\s+the\s+(?:(?:[A-Z][a-z]+\s+){0,3}(?:district|area|suburbs?|quarter|outskirts|centre|center)"
    r"|(?:[a-z]+\s+){0,2}(?:[A-Z][a-z]+\s+)?(?:city|metropolis|capital))\s+of\s+"
    r"(?P<place>[A-Z][a-z'\u2019]+(?:\s[A-Z][a-z'\u2019]+)?)(?!\s+(?i:province|region|autonomous)\b)"
)
# The city of the visit during which the meeting was held.
VISIT_PLACE = re.compile(
    r"\b(?:visit(?:s|ed|ing)?(?:\s+to)?|trip\s+to|tour\s+of|delegation\s+[^.;]{0,90}?\bto|"
    r"arriv(?:e|ed|es|ing)\s+in|travel(?:led|s|ling)?\s+to|depart(?:ed|s|ing)?\s+for|head(?:ed|s|ing)?\s+to|"
    r"(?:leave|leaves|leaving|left|set(?:s|ting)?\s+off|set\s+out)\s+for|(?:fly|flies|flew|flying)\s+to|"
    r"(?:stay|stop)\s+in|spen[dt]s?\s+[^.;]{0,40}?\bin)\s+(?P<place>[A-Z][a-z'\u2019]+(?:\s[A-Z][a-z'\u2019]+)?)"
    # (not the visitors' home: "told a visiting Hong Kong delegation", "visiting Sichuan officials"; audit neg2)
    r"(?!(?:\s[A-Z][a-z'\u2019]+)?\s+(?:delegation|delegates|officials|officers|leaders|ministers|team|guests|visitors|"
    r"counterparts|businesspeople|entrepreneurs|students)\b)"
)
# "in the northern city", "to the city", "in the provincial capital", "in the Zhejiang capital": the
# partner city, the partner's capital, or a named province's capital.
THE_CITY = re.compile(
    r"\b(?:in|to)\s+the\s+(?:(?P<province>[A-Z][a-z]+)\s+|[a-z]+(?:-[a-z]+)?\s+)?"
    r"(?P<what>city|municipality|capital|metropolis)\b(?!\s+of\b)"
)
HERE = re.compile(r"\bhere\b")
# A wire's "here" that places the meeting or the signing at it: "was held here Thursday", "held the
# fifth plenary session of the ... Conference here", "signed 14 agreements here at a joint
# conference" (not a remark: "said here on Saturday that ..., a day after he co-chaired the plenary").
HERE_EVENT = re.compile(
    r"(?i)\b(?:signed|inked|held|met|convened|co-?chaired|chaired|gathered|took\s+place|opened|"
    # what the two sides did at the meeting (not what one of them "said" or "told reporters" here)
    r"agreed|pledged|vowed|decided|resolved|reached|endorsed)\b[^.;]{0,160}?\bhere\b"
    r"|\bhere\s+(?:at|during|for)\s+(?:a|an|the|their|its)\s+(?:[\w'-]+\s+){0,4}?(?:conference|meeting|plenary|session)\b"
)
# The verbs and nouns a meeting's city follows: "held in", "met in", "co-chair the conference in".
# The page's meeting as the subject of a sentence that places it, named only by its noun: "The
# meeting, held in Shanghai, focused on ...", "The talks, which took place in Wuhan, ...", "The
# conference was held in Jinan" (a story whose lead named the meeting).
THE_MEETING_HELD = re.compile(
    r"^(?:The|This)\s+(?:(?:two-day|one-day|annual|joint|high-level)\s+)?(?:meeting|conference|session|talks|gathering)"
    r"(?:,\s*(?:which|that)(?:\s+(?:was|were))?|,|\s+(?:was|were))?\s+(?:held|convened|took\s+place)\b"
)
PLACE_ANCHOR = re.compile(
    r"(?i)\b(?:held|met|meet|convened|gathered|took\s+place|co-?chair(?:ed)?|chaired|(?<!press\s)conference|"
    r"plenary(?:\s+session)?|meeting|session)\b"
)
# Other meetings held by video, plural or earlier: "after two plenaries held by video conference",
# "the previous meetings were held online" (this one's mode is not said there).
OTHER_MEETINGS_BY_VIDEO = re.compile(
    r"(?i)\b(?:(?:previous|last|earlier|past|two|three|four|five|several)\s+)?"
    r"(?:plenaries|meetings|sessions|conferences)\s+(?:were\s+|had\s+been\s+)?(?:held\s+)?"
    r"(?:(?:by|via|through|over)\s+video\s*(?:-\s*)?(?:conferenc\w*|links?|calls?)?|online|virtually)"
)
# The meeting said to be held by video, in a sentence of the lead.
HELD_BY_VIDEO = re.compile(
    r"(?i)\bheld\s+(?:by|via|through|over|online\s+via)\s+video\b|\bheld\s+(?:online|virtually)\b"
)
# The day right after a city: "in Guilin today", "in Hangzhou on Friday".
DAY_AFTER_PLACE = re.compile(
    rf"(?:,\s*[A-Z][a-z]+)?,?\s+(?:today|{YESTERDAY_RE}|tomorrow|this\s+(?:morning|afternoon|evening)|tonight|"
    r"on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|on\s+[A-Z][a-z]+\s+\d|"
    # the day before its month: "in Nanchang on 5th December", "in Wuhan on 17 June"
    rf"on\s+\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{MONTH_RE})\b)"
)
# The day right before a city: "on 4 November in Beijing", "today (June 3) in Wuhan", "on Tuesday
# afternoon in Hangzhou", "yesterday in Chengdu" (searched up to the city: it ends the match).
DAY_BEFORE_PLACE = re.compile(
    rf"(?i:\b(?:today|{YESTERDAY_RE}|tomorrow|tonight|this\s+(?:morning|afternoon|evening)"
    rf"|on\s+{WEEKDAY_RE}|on\s+(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?"
    rf"(?:{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE})(?:,?\s+(?:19|20)\d\d)?)"
    r"(?:\s*\([^()]{1,30}\))?(?:\s+(?:morning|afternoon|evening))?),?\s+$"
)

# --- people -----------------------------------------------------------------------------------

HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Professor|Prof)\.?"
HONORIFICS = {
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "dr": "Dr",
    "professor": "Professor",
    "prof": "Professor",
}
# Abbreviations of two capitals that are no initials of a given name.
NOT_INITIALS = r"(?!(?:CE|CS|FS|SJ|SC|JP|HK|PS|US|UK|EU|UN|GD|SZ|MO|LC|PR|TV|IT|AI|ID|OK|NO|AM|PM)\b)"
# "B.L.", "C"; a translation's given name in brackets: "Lin Zheng(yue'e)"; run-together initials "CY"
NAME_TOKEN = (
    # a pinyin syllable joined by an apostrophe ("Chen Min'er"; never a possessive "'s")
    r"(?:[A-Z][a-z]+(?:['\u2019](?!s\b)[a-z]+)?(?:-[A-Za-z]+)?(?:\([a-z'\u2019]+\))?|(?:[A-Z]\.){2,3}(?=\s)|[A-Z]\.?(?=\s)|"
    # a Macao surname of one letter before the name's comma or full stop: "Mr Vincent U, ...", "Mr O."
    r"[A-Z](?=[,;.](?:\s|$))|"
    rf"{NOT_INITIALS}[A-Z]{{2}}(?=\s[A-Z][a-z]))"  # "CY Leung", never "CE Leung"
)
# Portuguese names of Macao officials keep their particles: "Helena de Senna Fernandes".
NAME = rf"{NAME_TOKEN}(?:(?:\s(?:de|da|do|dos|das))?\s{NAME_TOKEN}){{0,3}}"
HONORIFIC_NAME = re.compile(rf"\b(?P<hon>{HONORIFIC})\s+(?P<name>{NAME})\b")
# Words that start an official post.
POST_HEAD = re.compile(
    r"\b(?:Chief|Financial|Secretary|Under|Permanent|Deputy|Director|Governor|Vice|Vice-\w+|"
    r"Executive|Mayor|Party|Chairman|Chairperson|Chairwoman|President|Commissioner|Head|"
    r"Minister|Member|Convenor|Assistant|Political|Solicitor|Controller|Consul|Administrator|"
    r"Leader|Government|Permanent|Principal|Acting|Monetary)\b"
)
# A word in lower case between capitalised words of a post, as a content farm's spinner writes them
# ("the Secretary for Economic system and Finance"); never a connector, a verb or a relative.
LOWER_IN_POST = (
    r"(?!(?:of|the|for|and|in|on|at|to|cum|said|says|told|met|saw|gave|led|held|took|made|will|would|can|could|"
    r"may|also|then|was|were|is|are|has|had|have|from|with|by|as|that|who|which|when|while|where|after|before)\b)"
    r"[a-z]+(?<!ed)(?<!ing)(?=\s+(?:and\s+)?[A-Z])"
    # a post's head word in lower case after its capitalised rank: "Deputy director of the ...", "Vice governor"
    r"|(?:(?<=Deputy\s)|(?<=Vice\s)|(?<=Executive\s)|(?<=Assistant\s)|(?<=Acting\s)|(?<=Party\s))"
    r"(?:director|governor|mayor|secretary|chairman|chairwoman|minister|president|commissioner|head|chief)\b"
)
# What a post may be made of: capitalised words, abbreviations, connectors (an ampersand too, as news
# sites print "Secretary for Constitutional & Mainland Affairs"), commas.
# A post's portfolio in brackets, as Permanent Secretaries' posts print it: "Permanent Secretary for
# Commerce and Economic Development (Commerce, Industry and Tourism)", "... the Treasury (Treasury)".
PORTFOLIO = r"\([A-Z][\w'\u2019.\-&]*,?(?:\s+(?:[A-Z][\w'\u2019.\-&]*,?|and|of|the|for|&))*\)"
POST_BODY = re.compile(
    rf"^(?:[A-Z][\w'\u2019.\-/&]*|of|the|for|and|in|on|at|to|cum|\([A-Z]{{2,}}\)|{PORTFOLIO}|,)"
    rf"(?:\s+(?:[A-Z][\w'\u2019.\-/&]*|of|the|for|and|&|in|on|at|to|cum|\([A-Z]{{2,}}\)|{PORTFOLIO}|{LOWER_IN_POST})|,)*$"
)
# Words of posts and institutions, which are never part of a person's name.
POST_WORDS = frozenset(
    """
    Administration Justice Affairs Development Province Provincial Government Office Committee
    Bureau Department Council Commission Security Education Treasury Technology Innovation
    Housing Transport Welfare Labour Health Environment Ecology Industry Tourism Culture Sports
    Services Financial Mainland Constitutional Commerce Economic Home Youth Logistics Civil
    Service Food Works Planning Lands Trade Secretary Executive Chief Governor Mayor Director
    Deputy Vice Party Municipal People's Region Administrative Special HKSAR CPC State
    Central Liaison Macao Chairman President Secretary-General Vice-Governor Vice-Premier
    Vice-Chairman Vice-Mayor Autonomous Commissioner Under Permanent Minister Head Member
    Finance Economy Public Social Convenor
    """.split()
)
ATTENDED_BY = re.compile(r"(?i)\b(?:attended|accompanied|joined|witnessed)\s+by\b")
# "signed by", "signed after the plenary by", "signed today by" (not "signed the ... by")
# "signed by A", and a news story's "inked by A"
SIGNED_BY = re.compile(r"(?i)\b(?:signed|inked)\s+(?!(?:the|a|an)\b)(?:[\w'-]+\s+){0,4}?by\b")
HK_OFFICIALS = re.compile(
    r"(?i)\boffic(?:ials|ers)\s+of\s+the\s+(?:HKSAR|Hong Kong)|\bHKSAR\s+Government\s+offic(?:ials|ers)\b"
)
CO_CHAIRS = re.compile(r"(?i)\b(?:the\s+two|both)\s+co-?chairs\b")
SPECIAL_GUEST_CUE = re.compile(r"(?i)\bspecial\s+guests?\b")
ATTEND_CUE = re.compile(
    r"(?i)\b(?:attend(?:ed|ing|s)?|accompan(?:ied|ying|y)|joined|present(?!\s+(?:a|an|the|its|their|his|her)\b)|"
    # (not the documents a signing sentence counts: "signed four agreements, including the Memorandum ...")
    r"includ(?:ed|es|e|ing)(?!\s+(?:the\s+|a\s+|an\s+)?(?:(?i:co-?operation|framework)\s+)?"
    r"(?i:memorand|agreement|letters?\s+of\s+intent|arrangement|protocol|documents?)))\b"
)
# A sentence naming someone who is not at the meeting ("During Mr Chan's absence, ... will be the Acting ...").
# Also one who sent apologies, and a news story's acting leader ("Chief Secretary B will be Acting
# Chief Executive while Mr Lee is away").
# Indirect speech after its speaker ("Mr Chan said that, as the Vice-Premier, Mr X, had pointed out,
# ...", "Mr Ye said that Jiangxi would follow the instructions of President X"): those first named
# inside it are what the speaker spoke of, not people at the meeting (audit en21).
REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|stressed|noted|pointed\s+out|added|remarked|recalled|hoped|believed|emphasi[sz]ed|"
    r"told\s+(?:the\s+)?[a-z]+)\s+that\b"
)
NOT_ATTENDING = re.compile(
    r"(?i)\babsence\b|\bwill\s+be\s+(?:the\s+)?acting\b|\bwill\s+act\s+as\b|"
    r"\b(?:did|does|will)\s+not\s+attend\b|\b(?:was|were)\s+(?:unable|not\s+able)\s+to\s+(?:attend|join|be\s+present)\b|"
    r"\b(?:could|can)\s*not\s+(?:attend|join|be\s+present)\b|\b(?:is|are|will\s+be)\s+away\b|"
    r"\b(?:sent|send|sends|conveyed|extended)\s+(?:his|her|their)\s+(?:apologies|regrets)\b"
)
# One present at the meeting only by a message: the person named after "from" ("a congratulatory
# letter from the Director of ..., Mr A, was read out"; "Ms B read out a message from ...").
MESSAGE_FROM = re.compile(
    r"(?i)\b(?:letters?|messages?|notes?)\s+(?:of\s+(?:congratulations|greeting|support)\s+)?from\b"
)
# A sentence about meeting someone outside the conference: a call, a visit.
OTHER_ENCOUNTER = re.compile(
    r"(?i)\b(?:met(?!\s+(?:in|at)\b)|meets|(?:to|will|would)\s+(?:also\s+|then\s+)?meet|called\s+on|call\s+on|"
    r"courtesy\s+call|visited|(?:to|will)\s+(?:also\s+|then\s+)?visit|meeting\s+with)\b"
    r"|(?-i:(?<!\bthe\s)(?<!\ba\s)\bmeeting\s+(?=(?:the\s+)?[A-Z][a-z]))"
)
# An event that is not a meeting of the mechanism, where a sentence's names take no part in it; not
# a building named after one ("the Hong Kong Convention and Exhibition Centre", "Expo Center").
OTHER_EVENT = re.compile(
    r"(?i)\b(?:forum|opening\s+ceremony|banquet|dinner|luncheon|reception|seminar|symposium|exhibition|"
    r"trade\s+fair|expo)\b(?!\s+(?:centre|center|hall|room|building|complex|ground|venue|park)s?\b)"
)
# The meeting named only as the time of another event: "After the plenary, X hosted a reception".
MEETING_AS_TIME = re.compile(
    r"(?i)\b(?:after|before|following|ahead\s+of|prior\s+to)\s+the\s+(?:plenary|meeting|conference|session)\b"
)
# "the two co-chairs" as a noun: the people it names are others.
CO_CHAIRS_NOUN = re.compile(r"(?i)\b(?:the\s+two|both|the)\s+co-?chairs\b")
# Another time than the meeting's: "led a delegation to Hainan earlier this year".
ANOTHER_TIME = re.compile(
    rf"(?i)\b(?:earlier\s+this\s+(?:year|month)|last\s+(?:year|month|week)(?!['\u2019]s)|(?:years?|months?)\s+ago|"
    rf"last\s+{_MONTHS}|{_MONTHS}(?:\s+\d{{1,2}})?\s+last\s+year"
    # a meeting pointed back to, one named before: "co-chaired that plenary", "at those meetings" (audit neg2)
    r"|(?:that|those)\s+(?:plenary|plenaries|meetings?|conferences?|sessions?))\b"
)
# A day of the month printed for an event ("on October 12", "on 12 October"), not one of last year.
ON_DAY_OF_MONTH = re.compile(rf"(?i)\bon\s+(?:{_MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS})\b(?!,?\s+last\s+year)")
# (a news idiom of signing: "A and B put pen to paper on the 'Memorandum of ...'")
SIGN_CUE = re.compile(r"(?i)\b(?:signed|sign|signing|inked|put(?:ting)?\s+pen\s+to\s+paper)\b")
# A list item's signatories after a bare "by", under a lead-in announcing the signing ("... witnessed
# the signing of three documents:" then "(a) Agreement on ..., by the Secretary for ..., Mr A, and ...;").
ITEM_BY = re.compile(r",\s+by\s+(?=(?:the\s+)?[A-Z])")
SIGN_VERB = re.compile(r"(?i)\b(?:signed|(?:will|to)\s+sign|inked|put\s+pen\s+to\s+paper)\b")
# "... which he signed with Mr Huang in April 2010": a signing dated to another month or year, not
# this meeting's day ("signed ... on June 28, 2024" may be the meeting's: not matched).
SIGNED_ELSEWHEN = re.compile(
    r"(?i)\b(?:signed|inked)\b[^.;]{0,200}?\bin\s+(?:(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+)?(?:19|20)\d\d\b"
    r"|\b(?:signed|inked)\b[^.;]{0,200}?\b(?:last\s+year|earlier\s+this\s+year|years?\s+ago)\b"
)
# "the Framework Agreement was signed in April 2010": a document as subject, no signer named
PASSIVE_SIGNED = re.compile(r"(?i)\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?signed\b(?!\s+by\b)")
WITNESS_CUE = re.compile(r"(?i)\bwitness(?:ed|ing)?\b")
# Witnesses who "looked on as" (or "watched as", "were present as") others signed: the clause after
# "as" is the signing's, its people sign and are not the witnesses' attendance.
WATCHED_AS = re.compile(
    r"(?i)\b(?:looked\s+on|looking\s+on|watched|watching|(?:were|was)\s+(?:also\s+)?present)\s+as\s+"
)
CENTRAL_POST = re.compile(
    r"(?i)Liaison Office|\bNDRC\b|\bMOFCOM\b|\bHKMAO\b|Central People's Government|State Council|\bMinistry\b|"
    r"National Development and Reform|Central Committee|Office of the Commissioner|\bNational\b|\bMinister\b"
)
# Offices that exist both centrally and in each province: central unless the post names a province.
CENTRAL_IF_UNQUALIFIED = re.compile(r"(?i)Hong Kong and Macao (?:Affairs|Work) Office")
MAINLAND_POST = re.compile(
    r"(?i)\b(?:Governor|Vice[- ]Governor|Mayor|Vice[- ]Mayor|Provincial|Municipal|CPC|Party Secretary|"
    r"People's Government|Province|Autonomous Region|(?:Regional|City|Provincial|Municipal)\s+leaders?)\b"
)
HK_POST = re.compile(
    r"(?i)\b(?:Chief Executive|Chief Secretary|Financial Secretary|Secretary for|Under Secretary|"
    r"Chief\s+Gov(?:ernmen)?t|Monetary\s+Secretary|"  # a content farm's spun "Chief Executive", "Financial Secretary"
    r"Permanent Secretary|HKSAR|Hong Kong|Commissioner for|Government Chief|Secretary for Justice|"
    r"Solicitor General|Government Economist)\b"
)
# Heads of Hong Kong departments, when the post names no Mainland place or office (which the
# Mainland's and Central posts do): "Commissioner of Customs and Excise".
HK_DEPARTMENT_HEAD = re.compile(r"\b(?:Director-General\s+of|Director\s+of|Commissioner\s+of|Postmaster General)\b")
# Macao's officials ([REL-MACAO]): a post naming Macao, or one of the Macao Government's own
# Secretaries ("Secretary for Economy and Finance"; Hong Kong has no such post).
MACAO_POST = re.compile(
    r"(?i)(?<!Kong\sand\s)(?<!Kong\s&\s)(?<!Kong,\s)\bMaca[ou]\b(?!\s+(?:Affairs|Work)\b)|\bSecretary\s+for\s+(?:Economy\s+(?:and|&)\s+Finance|Administration\s+(?:and|&)\s+Justice|"
    r"Social\s+Affairs\s+(?:and|&)\s+Culture|Transport\s+(?:and|&)\s+Public\s+Works)\b"
)

# "the Chief Executive of the neighbouring Special Administrative Region": the other SAR than the
# one the document speaks from (Macao in a Hong Kong release, Hong Kong in a Macao paper).
NEIGHBOURING_SAR = re.compile(r"(?i)\bneighbou?ring\s+(?:Special\s+Administrative\s+Region|SAR)\b")

# A sentence naming its people's side: "Attending the meeting on (from) the Macao side were ...", "Officials
# of the Macao Special Administrative Region Government attending included ...", "Members of the
# Macao delegation included ...".
_SIDE_OWNER = r"(?:Maca[ou]|Mainland|Hong\s+Kong|HKSAR|[A-Z][a-z]+)"
SIDE_HINT = re.compile(
    rf"(?i)\bon\s+the\s+(?P<side>{_SIDE_OWNER})\s+side\b"
    # those at the meeting "from the Macao side" (not "welcomed the support from the Mainland side")
    rf"|\b(?:attending|attended|present|participants|officials|members|representatives)\b[^.;,]{{0,40}}?"
    rf"\bfrom\s+the\s+(?P<from>{_SIDE_OWNER})\s+side\b"
    rf"|\b(?:officials|members)\s+of\s+the\s+(?P<of>{_SIDE_OWNER})\b"
    # "The Macao delegation included ...", "The Hong Kong side included ..."
    rf"|\bthe\s+(?P<delegation>{_SIDE_OWNER})\s+(?:delegation|side)\s+(?:included|comprised|was\s+made\s+up)\b"
)

# Between a chair verb and its "by": adverbials only ("chaired jointly by", "chaired on the mainland
# side by", "co-chaired in Hong Kong today (March 26) by"); not an object ("the meeting attended by"),
# nor another verb or a with-phrase ("..., accompanied by", "with B, joined by").
_TO_BY = (
    r"\s+(?!(?:the|a|an|this|that|its|their|his|her)\s)"
    r"(?:(?!(?:with|and|as|attended|accompanied|joined|witnessed|followed|signed)\b)[\w'()-]+,?\s+){0,8}?by\b"
)
# Who chaired ([C-*]). A chair verb whose subject comes before it: "co-chaired", "jointly chaired",
# "will co-chair", "presided over", "convened", "led the meeting" (not followed by "by").
CHAIR_ACTIVE = re.compile(
    r"(?i)(?<![\w-])(?:(?:co-?|jointly\s+)?(?:chair(?:ed|ing)|presid(?:ed|e|es|ing)(?:\s+over)?|conven(?:ed|e|es|ing))|"
    r"(?:co-?|jointly\s+)chairs?|(?:will|to|shall|would)\s+(?:co-?|jointly\s+)?chair|"
    r"(?:co-?|jointly\s+)host(?:ed|ing|s)?|"  # "co-hosted the plenary" (never "hosted" alone: a dinner, a city)
    r"host(?:ed|ing|s)?\s+the\s+(?:meeting|plenary|conference|session)|"  # a translation's "hosted the meeting"
    r"(?:jointly\s+|co-?)?(?:led|lead|leads|leading|headed|heading)\s+the\s+(?:meeting|plenary|conference|session|talks)"
    r"|co-?(?:led|headed))\b"
    rf"(?!{_TO_BY})"
)
# A chair verb followed by "by": "co-chaired by", "presided over by", "chaired on the mainland side by".
CHAIR_PASSIVE = re.compile(
    rf"(?i)(?<![\w-])(?:(?:co-?|jointly\s+)?(?:chaired|presided\s+over|convened)|(?:co-?|jointly\s+)hosted|"
    rf"hosted(?=\s+jointly\b)|co-?(?:led|headed)){_TO_BY}"
    r"|\b(?:meetings?|plenary|conference|sessions?)\b(?:(?!banquet|dinner|luncheon|reception|ceremony)[^.;]){0,160}?"
    r",\s+hosted\s+by\b"  # a translation's "..., hosted by"
    r"|\b(?:meetings?|plenary|plenaries|conference|sessions?|talks|delegations|sides)"
    # a reduced relative after the meeting's own phrase: "a high-level meeting between the governments
    # of the two places, led by A and B" (not one delegation's: "a meeting with a delegation of ..., led by")
    # or the delegations' own: "The delegations of Hong Kong and Sichuan were led respectively by A and B"
    r"(?:\s+(?:between|of|in|at)\b(?:(?!delegation|officials)[^,.;]){0,100}?(?:,|(?=\s+(?:was|were|will\s+be)\s)))?"
    r"\s*,?\s+(?:(?:was|were|will\s+be|are|is)\s+)?(?:\w+ly\s+)?(?:led|headed)\s+(?:\w+ly\s+)?by\b"
)
# The leaders of the two delegations chair: "leading the delegations of ... respectively",
# "with A and B leading delegations to the meeting", "A and B led the delegations of ...", "Heading
# the two sides were A and B".
DELEGATIONS_LED = re.compile(
    r"(?i)\b(?:at\s+the\s+head\s+of|led|lead|leads|leading|headed|head|heads|heading)\s+(?:the\s+|their\s+)?"
    r"(?:(?:two|both|respective)\s+sides|(?:two\s+|respective\s+)?(?:[\w'&()-]+\s+){0,8}?delegations)\b"
)
# One side's leader ("A led the HKSAR delegation", "the Sichuan delegation was led by B", "led
# HKSAR Government officials to attend", "with officials led by him"): two of them in a sentence
# chair; alone, it says nothing of the chair unless the other side's leader is named elsewhere.
DELEGATION_LED_ONE = re.compile(
    r"(?i)\b(?:at\s+the\s+head\s+of|led|leads|leading|headed|heads|heading|will\s+lead|to\s+lead)\s+(?:the|a|an|his|her)\s+"
    r"(?:[\w'&()-]+\s+){0,8}?(?:delegation|side)\b(?!s)"
    r"|\b(?:led|leading|will\s+lead)\s+(?:[\w'&()-]+\s+){0,6}?officials\b"
)
DELEGATION_LED_BY_ONE = re.compile(
    r"(?i)\b(?:delegation|side)\s*,?\s+(?:(?:was|is|will\s+be)\s+)?(?:led|headed)\s+(?:\w+ly\s+)?by\b"
    r"|\b(?:delegation|side)\s+by\b"  # "..., and the Guangdong side by B"
)
# "X attended the conference with officials led by him" (or "with officials of the commission").
HEAD_WITH_OFFICIALS = re.compile(
    r"(?i)\b(?:attend(?:ed|ing|s)?|led|leading)\b[^.;]{0,160}?\bwith\s+(?:(?:his|her|the|senior|other|relevant)\s+)*"
    r"officials\s+(?:led\s+by\s+(?:him|her)|of|from)\b"
)
# After a chair verb, the other chair as its object: "co-chaired the plenary with ...".
CHAIR_WITH = re.compile(
    r"(?i)(?:\s+(?:the|this|that|its|their)\s+[^,.;:]{0,160}?)?(?:,?\s+(?:together\s+with|alongside)|\s+with"
    r"(?!\s+(?:the\s+)?(?:direction|guidance|support|participation|presence|attendance|assistance)\b))\b"
)
# An object of "with" who is not a chair: "with C as special guest", "with C attending".
WITH_NOT_CHAIR = re.compile(r"(?i)\s*,?\s*(?:as\b|attending\b|present\b|in\s+attendance\b|also\b|looking\s+on\b)")
# "with C and D as special guests": only the people of the with-phrase are special guests.
SPECIAL_GUEST_WITH = re.compile(r"(?i)\bwith\s+(?P<who>[^;]{0,300}?)\s+as\s+(?:the\s+|a\s+)?special\s+guests?\b")
# "A and C were also present, the latter as special guest": the one of the pair it points back to
# only (audit en16: a Governor had been a special guest with the Central official named after him).
SPECIAL_GUEST_POINTER = re.compile(
    r"(?i)\bthe\s+(?P<which>latter|former)\s+(?:(?:as|being|attending\s+as)\s+)(?:the\s+|a\s+)?special\s+guests?\b"
)
# Where the names after "by" end: another clause begins.
PASSIVE_SCOPE_END = re.compile(
    r"(?i);|,?\s+with\b|\b(?:attended|accompanied|joined|witnessed|while|whereas|who|which|where|said|and\s+was)\b"
    r"|\bas\s+(?:the\s+|a\s+)?special\b"
    # the Central officials a passive chair sentence names after its chairs: "..., under the guidance
    # of C, and D" or "in the presence of C" (audit en18)
    r"|,?\s+(?:under\s+the\s+(?:guidance|direction|auspices)|in\s+the\s+presence)\s+of\b"
)
# Verbs whose objects are not the subject of a later chair verb: "met with X and co-chaired",
# "After meeting X, A and B co-chaired", "Accompanied by X, ...".
OBJECT_OF_OTHER_VERB = re.compile(
    r"(?i)\b(?:met(?!\s+(?:in|at|on)\b)|meets|call(?:ed|ing|s)?\s+on|visit(?:ed|ing)|"
    r"(?:attended|witnessed)\s+by|(?:accompanied|joined)(?:\s+by)?|greeted|received|welcomed|thanked|invited|"
    r"meeting\s+with)\b|(?-i:(?<!\bthe\s)(?<!\ba\s)\bmeeting\s+(?=(?:the\s+)?[A-Z]))"
)
# The speaker of a speech transcript as a chair verb's subject: "Executive Vice-Governor Guo and I
# have just co-chaired the Sixth Plenary", "Today, I co-chaired ... with the Mayor". Only a page
# that is the speaker's own text says who "I" is (SPEECH_BY); in a story, "I" is quoted speech.
# The speaker is also the subject of an infinitive after a first person's pleasure or honour: "It
# is my pleasure to co-chair the Plenary with Governor Ye today", "It is a great honour for me to
# co-chair ..." (audit en15).
FIRST_PERSON_SUBJECT = re.compile(
    r"(?:\b(?P<and>and)\s+)?(?:(?<![\w'-])(?P<pronoun>I)\s+(?:(?!and\b)[a-z]+\s+){0,3}"
    r"|(?i:\bmy\s+(?:\w+\s+){0,2}?(?:pleasure|honou?r|privilege|delight)\s+|\bfor\s+me\s+)"
    r"(?:(?:today|again|once\s+again)\s+)?(?:to\s+(?:(?:jointly|once\s+again|again)\s+)?)?)$"
)
# The one the speaker chaired with, by post and surname as speeches name people: "Executive
# Vice-Governor Guo and I have just co-chaired ...", "It is my pleasure to co-chair the Plenary with
# Governor Ye today" (audit en15: a post and a surname alone, the full name in the salutation).
FIRST_PERSON_PARTNER = re.compile(
    r"\b(?P<surname>[A-Z][a-z]+(?:-[a-z]+)?)\s+and\s+I\b"
    r"|\bwith\s+(?:(?:Executive|Vice|Deputy|Party)[\s-]+)*(?:Governor|Mayor|Chairman|Chairwoman|Secretary|Director)"
    r"\s+(?P<with_surname>[A-Z][a-z]+(?:-[a-z]+)?)\b(?!\s+[A-Z])"
)
# The same post and surname after a chair verb's "with", on any page: "…, which the Chief Executive, Mr
# John Lee, will co-chair with Governor Mao tomorrow" (the Governor named in full before; audit en15).
CHAIR_WITH_POST_SURNAME = re.compile(
    r"(?i:\b(?:co-?chair\w*|chair(?:ed|ing)?|presid\w*|conven\w*))\b[^.;]{0,120}?"
    r"\bwith\s+(?:(?:Executive|Vice|Deputy|Party)[\s-]+)*(?:Governor|Mayor|Chairman|Chairwoman|Secretary|Director)"
    r"\s+(?P<with_surname>[A-Z][a-z]+(?:-[a-z]+)?)\b(?!\s+[A-Z])"
)
# A speech transcript's opening: "Following is the speech by the Chief Secretary for
# Administration, Mr A, at the Sixth Plenary ...", "Below are the remarks by ...".
SPEECH_BY = re.compile(
    r"(?i)^\W*(?:following|below)\s+(?:is|are)\s+(?:the\s+)?(?:full\s+)?(?:text\s+of\s+(?:the\s+)?)?"
    r"(?:(?:opening|closing|welcome|keynote)\s+)?(?:speech|remarks|address|statement|transcript)\s+(?:\w+\s+){0,3}?by\b"
)
# A pronoun as the subject of a chair verb: "He will co-chair the plenary with ...".
PRONOUN_SUBJECT = re.compile(
    r"(?:^\s*|[,;(]\s*|\b(?:and|which|that|where|after|when|as|since|before)\s+)(?P<pronoun>He|She|he|she)\s+"
    r"(?:\w+\s+){0,3}$"
)
# Central officials are special guests whatever the verb, when the sentence puts them there ([SG]).
PRESENCE_CUE = re.compile(
    r"(?i)\b(?:attend(?:ed|ing|s|ance)?|accompan(?:ied|ying|y)|joined|present|includ(?:ed|es|e|ing)|"
    r"witness(?:ed|ing)?|speech(?:es)?|spoke|address(?:ed)?|deliver(?:ed|s)?|participat\w*|direction|guidance|presence|"
    r"visitor|guests?|co-?chair\w*|chair(?:ed|ing)|presid\w*|conven\w*|were\s+at|was\s+at|on\s+hand|"
    r"(?:took|take|takes|taking)\s+part|sat\s+in|(?:was|were)\s+among|(?:was|were|also)\s+(?:also\s+)?there|"
    r"at\s+the\s+(?:meeting|plenary|conference|session))\b"
)

# --- areas ------------------------------------------------------------------------------------

# A count of co-operation areas ([COUNT]): "11 co-operation areas", "10 key areas", "11 fields",
# "12 areas of co-operation", and a content farm's spun "12 co-operation locations" or "the following
# six locations" (a bare "locations" only after "following" or its spun "subsequent", "next": "the 2
# locations" are the two places).
# A machine translation's "aspects" (方面) counts only where co-operation governs it: "deepen
# cooperation in 9 aspects", "the following five aspects", "six aspects of co-operation" (audit en14);
# "in three aspects" alone is any list.
DECLARED_AREAS = re.compile(
    rf"(?P<follow>\b(?i:following|subsequent|next)\s+)?(?P<coop>\b(?i:co-?operation\s+in\s+))?"
    rf"(?P<n>\b(?i:(?:half\s+)?a\s+dozen|{CARDINAL_RE}))\s+(?:(?i:key|major|main|new|priority|specific|important)\s+)?"
    r"(?i:(?:co-?operation\s+)?(?:areas?|fields)|(?:major\s+)?areas?\s+of\s+co-?operation|co-?operation\s+locations"
    r"|aspects\s+of\s+co-?operation|(?(follow)(?:locations|aspects)|(?!))|(?(coop)aspects|(?!)))\b"
)
# A measure that names its topic first: "On finance, the two sides will ...", "As regards tourism,
# both sides agreed to ...". The parties and a verb must follow, so "On behalf of ..." is not one.
TOPIC_MEASURE = re.compile(
    r"(?:On|As regards|Regarding|In respect of|As for|In terms of)\s+[^,.]{3,80},\s+"
    r"(?:the\s+two\s+(?:sides|places|governments)|both\s+sides|both\s+places|the\s+two\s+parties)\s+"
    r"(?:will|would|agreed|shall|undertook|are\s+to|have\s+agreed)\b"
)
# Each alternative reads a line from its first cue word only ("(?m:^)(?>.*?cue)"): tried from every
# cue, ".*" made a line of repeated cue words quadratic (10 s a megabyte).
AREAS_LEAD_IN = re.compile(
    r"(?i)(?m:^)(?>.*?\b(?:following|below)\b).*\bareas?\b|(?m:^)(?>.*?\bareas?\b).*\b(?:following|below)\b|"
    r"(?m:^)(?>.*?\bareas?\s+of\s+co-?operation\b).*:$|(?m:^)(?>.*?\bco-?operation\s+areas?\b).*:$"
)
PROGRESS_CUE = re.compile(r"(?i)\bprogress\s+(?:made|and\s+achievements|of|in)\b|\breported\s+the\s+progress\b")
# The cue in a sentence that looks forward ("the two sides will meet regularly to review the
# progress of co-operation") describes a mechanism's purpose, not what this release reports; so does
# an announcement's plan ("The two sides will review the progress of the items agreed …"; audit en20).
# (Read from the first "will" after a full stop only, as AREAS_LEAD_IN: linear on a line of "will".)
PROGRESS_PROMISED = re.compile(
    r"(?i)(?:^|(?<=\.))(?>[^.]*?\b(?:will|would|shall)\b)[^.]*\b(?:to\s+)?review\s+the\s+progress\b"
)
CLOSING_HEADING = re.compile(
    r"(?i)\b(?:sign(?:ing|ed)?|ceremony|attend(?:ing|ees?)|plenary|background|special\s+guests?|photos?|remarks)\b"
    # the meeting as the event, not a trade's "Conference and exhibition services", "Meeting, incentive,
    # convention and exhibition industries", "Convention, exhibition and conference industry"
    r"|\b(?<!exhibition\sand\s)(?<!exhibitions\sand\s)(?:meeting|conference)\b"
    r"(?![,\s]+(?:and\s+|&\s+)?(?:exhibitions?|conventions?|incentives?|industr\w+|services|sector|tourism)\b)"
    # the delegation that came ("Delegation", "The HKSAR Government delegation", "Composition of the delegation"),
    # not an area's "Youth delegations and exchanges", "Exchange of delegations"
    r"|^\s*(?:the\s+)?(?:(?:hksar|hong\s+kong|sar|government|provincial|municipal|mainland)\s+){0,3}delegations?\b"
    r"|\bthe\s+(?:two\s+|hong\s+kong\s+|hksar\s+|government\s+)?delegations?\b"
    # the officials who came ("Accompanying officials", "Officials attending"), not an area's ("Mutual visits
    # by officials", "Training of officials")
    r"|(?:\b(?:attending|accompanying|other|hksar|government|hong\s+kong|mainland)\s+officials\b"
    r"|^\s*officials\b(?!\s+(?:of|from)\b))"
    # the visit around the meeting: "Visits", "Site visits", "Visit to a science park", "Courtesy calls",
    # "Programme of the visit", "Itinerary", "Other activities"; the documents: "Co-operation documents",
    # "Exchange of documents" (not "Exchanges and visits", "Youth exchange visits", "Travel documents")
    r"|(?:^\s*(?:site\s+|study\s+)?visits?(?:\s+to\b|\s*$)|\bcourtesy\s+calls?\b|^\s*meetings\s+with\b|\bprogramme\s+of\s+the\s+"
    r"(?:visit|trip|day)\b|^\s*itinerary\b|^\s*other\s+(?:activities|programmes?|engagements)\s*$"
    r"|\bco-?operation\s+documents\b|\bexchange\s+of\s+(?:documents|memoranda|agreements)\b)"
)
CLOSING_PARAGRAPH = re.compile(
    # (each "[^.]*" read from the first cue after a full stop only, as AREAS_LEAD_IN: linear)
    r"(?i)(?:^|(?<=\.))(?>[^.]*?\b(?:at|after|during|before)\s+the\s+(?:meeting|plenary|meeting-cum-plenary|"
    r"conference|ceremony|high-level\s+meeting)\b)[^.]*\b(?:signed|witnessed)\b"
    r"|\b(?:agreements?|documents?|memorand(?:um|a)|letters?\s+of\s+intent|arrangements?)\s+"
    r"(?:were|was)\s+(?:also\s+)?signed\b"
    r"|\bsigned\s+the\s+[\u201c\"\u2018']|\bwitnessed\s+the\s+signing\b|\balso\s+attended\b|\bspecial\s+guests?\b"
    # a signing by people, of a document named by its title: "..., Ms A, and ..., Mr B, signed the Memorandum of ..."
    r"|\b(?:signed|inked)\s+(?:the|a|an)\s+(?=(?-i:[A-Z])|[\u201c\"'\u2018])"
    # officials named at the meeting: "The Secretary for ..., Mr A, and ..., Ms B, attended the plenary."
    r"|\battended\s+the\s+(?:meeting|plenary|conference|session|high-level\s+meeting|meeting-cum-plenary)\b"
    r"|\b(?:the\s+two\s+sides|both\s+sides)\s+(?:also\s+)?signed\b"
    # a list of documents signed announced after the areas: "… reviewed the following agreements signed at …:"
    r"|\bthe\s+following\s+(?:\w+\s+)?(?:agreements|documents|memoranda)\s+(?:were\s+|was\s+)?signed\b"
    # a wrap-up looking back over the areas: "to take forward the items above"
    r"|\b(?:the\s+)?(?:items|measures|initiatives|areas(?:\s+of\s+co-?operation)?)\s+(?:set\s+out\s+|listed\s+)?above\b"
    r"|(?:^|(?<=\.))(?>[^.]*?\boffic(?:ials|ers)\s+(?:of|from)\s+the\s+(?:HKSAR|Hong\s+Kong))[^.]*\b(?:attend|accompan|includ)"
    r"|^\s*(?:other\s+)?offic(?:ials|ers)\s+(?:attending|accompanying|who\s+attended|present)\b|\balso\s+attending\b"
    # the roster with its owner first: "HKSAR Government officials attending the conference included ...",
    # "Hong Kong officials present at the conference were ..." (a mirror's order; audit en19); not a
    # measure's "Mainland officials attending training programmes ... will be arranged to ..."
    r"|^\s*(?:(?:the|HKSAR|SAR|Hong\s+Kong|Maca[ou]|Mainland|Central|government|provincial|municipal)\s+){1,3}"
    r"offic(?:ials|ers)\s+(?:attending|accompanying|who\s+attended|present)\b[^.;]{0,80}?\b(?:included|were|comprised)\b"
    # the roster after the last area: "The Hong Kong delegation included ...", "... also took part in the meeting",
    # "The Hong Kong side included ..." (audit en16)
    r"|\bdelegation\s+(?:also\s+)?(?:included|comprised|consisted\s+of|was\s+made\s+up\s+of)\b"
    r"|\bside\s+(?:also\s+)?(?:included|comprised)\b"
    r"|\btook\s+part\s+in\s+the\s+(?:meeting|plenary|conference|session|high-level\s+meeting|meeting-cum-plenary)\b"
    # a wrap-up looking forward to the next meeting: "The two sides will report further progress at the
    # next plenary session", "The next plenary will be held in Hong Kong" (audit en16; not a measure's own
    # body: "A joint task force will report progress to the next plenary")
    r"|\b(?:the\s+two\s+(?:sides|governments|places)|both\s+sides)\s+(?:will|would|shall|agreed\s+to|are\s+to)\s+"
    r"(?:\w+\s+){0,4}?(?:report|review)\s+(?:on\s+)?(?:the\s+|further\s+|their\s+)?progress\b[^.]{0,60}?"
    r"\b(?:at|to)\s+the\s+next\s+(?:plenary|meeting|conference|session|high-level\s+meeting)\b"
    r"|^\s*the\s+next\s+(?:plenary|meeting|conference|session|high-level\s+meeting)\b(?:\s+session)?\s+(?:will|is\s+(?:to|expected))\b"
    # where and when the conference meets next, whoever says it: "The two sides agreed that the Fourth Plenary
    # Session will be held in Hong Kong in 2028", "The next meeting of the Conference will take place in …",
    # "The Conference's next meeting is expected to …" (not a measure's event "which will be held in …")
    r"|^\s*(?:(?:it\s+was|the\s+two\s+sides|both\s+sides)\s+(?:also\s+)?agreed\s+that\s+)?the\s+(?:[\w'\u2019-]+\s+){0,2}?"
    r"(?:next|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|"
    r"twenty-\w+|\d+(?:st|nd|rd|th))\s+(?:plenary|meeting|session|high-level\s+meeting|joint\s+conference)\b"
    r"[^.]{0,80}?\b(?:will|would|shall|is\s+to|is\s+expected\s+to)\s+(?:be\s+(?:held|convened)|take\s+place|convene)\b"
    # the delegation's way home: "Mr Chan will return to Hong Kong tomorrow evening", "The delegation left for …"
    rf"|^\s*(?:{HONORIFIC}\s+[A-Z][\w'\u2019-]+|the\s+(?:HKSAR\s+|Hong\s+Kong\s+)?delegation|he|she)\s+(?:will\s+|also\s+)?"
    r"(?:return(?:s|ed)?|depart(?:s|ed)?|leaves?|left|arrive[sd]?|head(?:s|ed)?\s+back)\s+(?:to|for|from|in|home)\b"
    # what the meeting came with: "The Plenary Session was preceded by a signing ceremony for …"
    r"|\b(?:meeting|plenary|conference|session)\s+(?:was|were)\s+(?:preceded|followed)\s+by\b"
    # the release's pictures: "Photos of the meeting are available on …", "Photo shows …"
    r"|^\s*photos?\s+(?:of\s+the\s+[^.]{0,40}?\s+)?(?:are|is|were|was)\s+(?:available|attached|posted|uploaded)\b"
    r"|^\s*photo\s+shows\b"
)
# A leader's words after the areas, a paragraph of the closing: "Mr Chan said that Hubei …", "Mr Li
# also stressed …", a name without an honorific as news and Macao pages print it ("Tai Kin Ip said that
# …", "Chongqing Mayor Hu Henghua said …") (audit en16: it had been the last area's measure, or a
# headless area's). A named speaker only: "The two sides will …" stays a measure.
SPEAKER_PARAGRAPH = re.compile(
    rf"\s*(?:{HONORIFIC}\s+[A-Z][\w'\u2019-]+|[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){{1,4}})"
    r"(?:\s+[A-Z][\w'\u2019-]+){0,3}\s+(?:also\s+|further\s+|then\s+)?"
    r"(?:said|says|stressed|noted|pointed\s+out|added|remarked|told|expressed|hoped|believed)\b"
)
# The story of the visit around the meeting, a paragraph of the closing: "Before the plenary, Mr Lee
# called on ...", "After the meeting, the delegation visited ...", "Earlier today, ..." (not what the
# two sides will do then: "After the plenary, the two sides will set up a working group ...").
VISIT_STORY = re.compile(
    r"(?i)\s*(?:(?:before|after|following|prior\s+to|ahead\s+of|during|on\s+the\s+sidelines\s+of)\s+the\s+"
    r"(?:[\w-]+\s+){0,3}?(?:meeting|plenary|conference|session|visit|trip|stay)"
    # "During his stay in Changsha, …", "During the delegation's visit to …", "While in Changsha, …"
    r"|during\s+(?:his|her|their|the\s+delegation's|the\s+delegation\u2019s)\s+(?:[\w-]+\s+){0,2}?(?:visit|trip|stay)"
    r"(?:\s+(?:in|to)\s+[\w ]{2,30}?)?|while\s+(?:in|at)\s+[\w ]{2,30}?|(?:earlier|later)\s+"
    r"(?:today|in\s+the\s+day|that\s+day|this\s+(?:morning|afternoon)|in\s+the\s+(?:morning|afternoon)))\s*,\s+"
    r"(?!(?:the\s+two\s+(?:sides|governments|places|parties)|both\s+(?:sides|governments|places))\s+"
    r"(?:will|would|shall|agreed|are\s+to|also\s+agreed)\b)"
)
# An item that names its area before a colon, in either case: "(1) Finance: support Chongqing
# enterprises to ...", "(a) tourism: to promote ...".
INLINE_HEADING = re.compile(r"(?P<heading>[A-Za-z][A-Za-z,'\- ]{2,70}?)\s*:\s+(?=\S)")

# --- agreements -------------------------------------------------------------------------------

# A title in double quotes (curly or straight), or in single ones ('...' or \u2018...\u2019): a single
# quote opens only before the start of a word (never after a letter: the apostrophe of "Hong
# Kong's" opens nothing) and closes only at the end of one ("Hong Kong's" inside a title goes on).
QUOTED = re.compile(
    r"(?:(?P<dq>[\u201c\"])|(?<![\w'\u2019])['\u2018](?=[\w(]))(?P<t>[^\u201c\u201d\"]{8,400}?)"
    r"(?(dq)[\u201d\"]|['\u2019](?![\w'\u2019]))"
)
AGREEMENT_KINDS: tuple[tuple[re.Pattern[str], AgreementKind], ...] = (
    (re.compile(r"(?i)\bmemorandum\s+of\s+understanding\b|\bMOU\b"), AgreementKind.MOU),
    (re.compile(r"(?i)\bframework\s+(?:co-?operation\s+)?agreement\b"), AgreementKind.FRAMEWORK_AGREEMENT),
    (re.compile(r"(?i)\bletters?\s+of\s+intent\b"), AgreementKind.LETTER_OF_INTENT),
    (re.compile(r"(?i)\bmemorand(?:um|a)\b"), AgreementKind.MEMORANDUM),
    (re.compile(r"(?i)\bagreements?\b"), AgreementKind.AGREEMENT),
    (re.compile(r"(?i)\barrangements?\b"), AgreementKind.ARRANGEMENT),
    (re.compile(r"(?i)\bmechanism\b"), AgreementKind.MECHANISM),
    (
        re.compile(r"(?i)\b(?:protocol|action\s+plan|work\s+plan|minutes|declaration|charter|accord)\b"),
        AgreementKind.OTHER,
    ),
)
ANNEX = re.compile(r"\bAnnex(?:es)?\b")
ANNEX_NUMBERS = re.compile(r"\bAnnex(?:es)?\s+(?P<list>\d+(?:\s*(?:,|and|to|-|\u2013)\s*(?:Annex(?:es)?\s+)?\d+)*)")
CHINESE_ONLY = re.compile(r"(?i)\(?\b(?:in\s+)?Chinese\s+(?:version\s+)?only\b\)?")
ROMAN_LABEL = re.compile(r"\((?P<l>[ivxlc]{1,6}|[a-z]|\d{1,2})\)")
# (a pair's names joined by an en dash as by a hyphen: "the Hubei–Hong Kong Cooperation Conference"; audit meta)
TITLE_TOKEN = re.compile(
    r"[A-Z0-9][\w'\u2019/\-\u2010-\u2013&().]*|of|the|and|on|in|for|between|to|with|among|\(\d{4}(?:-\d{2,4})?\)"
)
# Where a signed document is named as the object of a signing: "signed the", "the signing of a",
# "entered into the", "the renewal of the", "renewed the", "inked an".
SIGN_OBJECT = re.compile(
    r"(?i:\b(?:signed|inked|renewed|signing\s+of|renewal\s+of|entered\s+into|conclusion\s+of|concluded"
    # a document named among those a signing sentence counts: "signed four agreements, including the A"
    r"|including|namely|among\s+them|notably"
    # the documents signed as a subject, their titles after its verb: "Among the documents signed was
    # the A", "The agreements signed at the plenary were the A and the B", "The documents inked
    # included the A", "Among the agreements signed after the meeting was a A" (audit html6) (a
    # signing sentence's own verb: the sentence must carry a sign word)
    r"|(?:signed|inked)(?:\s+(?:today|yesterday|(?:at|during|after|following)\s+the\s+(?:meeting|plenary|session|conference)))?"
    r"\s+(?:was|were|included|include|includes)"
    r"|\b(?:documents|agreements|memoranda|pacts|deals)\s+(?:signed|inked)\b[^.;]{0,80}?\b(?:included|include|includes)))"
    r"\s+(?P<det>the|a|an)\s+"
)
# Verbs that make a quoted title an agreement besides "sign": only a title quoted after them counts
# ("entered into the “...”"; not "the “...” entered into force").
AGREE_VERB = re.compile(r"(?i)\b(?:entered\s+into|renewal\s+of|renewed|conclusion\s+of|concluded)\b(?!\s+force\b)")
# A document named by its kind and what it is about, in lower case: "a memorandum on the Hong
# Kong/Sichuan Co-operation Conference", "the co-operation memorandum of the Fourth Plenary Session
# of the ...", "the memorandum of the third plenary of the Guangxi-Hong Kong Cooperation Conference",
# "the memorandum of cooperation of the third plenary session of the ..." (a meeting in lower case
# before the name). What it is about must be a name (capitalised): "a
# memorandum of co-operation on tourism" is only described. The name is read on by TITLE_TOKEN runs.
DESCRIBED_DOCUMENT = re.compile(
    r"(?:(?:co-?operation|framework)\s+)?(?:memorand(?:um|a)(?:\s+of\s+(?:understanding|co-?operation))?|"
    r"(?:framework\s+)?agreement|arrangement|letter\s+of\s+intent|protocol)\s+(?:on|of|concerning|regarding)\s+(?:the\s+)?"
    rf"(?:(?i:{ORDINAL_RE})\s+(?:plenary(?:\s+(?:session|meeting))?|(?:working\s+|high-level\s+)?meeting|session)"
    r"\s+of\s+(?:the\s+)?)?(?=[A-Z0-9])"
)
# What may follow a described document's name: punctuation, or a word that starts another phrase.
DESCRIBED_END = re.compile(
    r"\s*(?:$|[.,;:()\u201d\"]|(?:by|at|in|with|during|after|before|and|or|which|that|was|were|is|are|will|"
    r"between|respectively|today|yesterday|on|as|under|from|signed|witnessed)\b)"
)
# A signing at another time than the meeting's: "since the signing of ...", "... entered into in 2019".
SIGNED_SINCE = re.compile(
    r"(?i)\bsince\s+(?:the\s+)?(?:signing|conclusion|renewal)\b"
    r"|\bsince\b[^.;]{0,100}?\b(?:signed|inked|concluded|entered\s+into)\b"  # "since the two governments signed"
)
SIGNED_BEFORE = re.compile(
    r"(?i)\b(?:signing|entered\s+into|concluded)\b[^.;]{0,200}?\bin\s+(?:(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d\d\b"
    r"|\b(?:signed|signing|inked|entered\s+into|concluded)\b[^.;]{0,200}?\bin\s+(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\s+(?:this|last)\s+year\b"
)
# A renewal is this meeting's act: a year in its sentence is the first signing's ("the renewal of
# the “...”, first signed in 2019").
RENEWAL = re.compile(r"(?i)\brenew(?:al|ed|s)?\b")
# A quotation that is speech, not a title: first person, a finite verb, or a full stop at its end.
SPEECH_IN_QUOTES = re.compile(
    r"\b(?:[Ww]e|[Oo]ur|[Uu]s|I|will|would|should|can|must|is|are|was|were|have|has)\b|[.!?]$"
)
# Agreements of another meeting: "the following agreements signed at the last meeting:".
OTHER_MEETING_LIST = re.compile(
    r"(?i)\b(?:last|previous|preceding|earlier|past|former)\s+(?:meeting|plenary|plenaries|session|conference|"
    r"high-level\s+meeting|year)s?\b|\bsince\s+(?:the\s+)?(?:last|previous|\w+\s+plenary|(?:19|20)\d\d)\b"
)
# "the documents signed today": a participle after the documents, whose signers are not named.
DOCUMENTS_SIGNED = re.compile(
    r"(?i)\b(?:documents|agreements|memorand(?:a|ums)|arrangements|pacts|deals|letters\s+of\s+intent)\s+$"
)
# A signing sentence that opens on its witnesses: "Witnessed by A and B, C and D signed ...".
WITNESSED_BY_LEAD = re.compile(
    r"^\s*(?:[Ww]itnessed\s+by|[Ii]n\s+the\s+presence\s+of|[Uu]nder\s+the\s+witness\s+of)\s+"
    # "the two co-chairs," (named by no name), or "A and B," (posts with their commas)
    r"(?:(?:the|both)\s+[^,;A-Z]{0,60},|[^;]{0,200}?\band\s+[A-Z][^,;]{0,80},)"
)
# "witnessed the signing of the memorandum ... by A and B": the signatories follow "by".
SIGNING_OF_BY = re.compile(r"(?i)\bsigning\s+of\b[^.;]{0,300}?(?=\bby\b)")

# --- archive headlines (what the crawler picks from a day's index) -----------------------------

# A headline pairing Hong Kong with a place ("Hong Kong and Zhejiang sign ... at second plenary",
# "HK, Sichuan hold ..."): read together with MEETING_MENTION when it names no mechanism.
_PAIRING = r"\s*(?:and|&|,|/|-|\u2013)\s*"
TITLE_PAIR = re.compile(rf"\b{HK}{_PAIRING}(?P<a>{PLACE})\b|\b(?P<b>{PLACE}){_PAIRING}{HK}\b")

# --- misc -------------------------------------------------------------------------------------

# A split between sentences: its group "split", after the full stop (or ! ?) the match starts with. The
# stop is matched, not looked behind for: re then skips to the next stop in one tight loop, instead of
# trying the pattern at every space (the same splits: a split never ends right after a stop).
SENTENCE_SPLIT = re.compile(r"[.!?](?P<split>[\"\u201d\u2019]?\s+)(?=[A-Z\"\u201c(])")
# A month's abbreviation is none of them: a split is only tried before a capital, where "Nov." closes its
# sentence ("held in Nov. The …"); a day's figure after it ("Jun. 5") is never a split. Read as one, it
# joined a name ending in a pinyin "Jun" (or "Jan") to the next sentence: "… Mr Chen Jun. Officials of
# the two sides also attended" gave the signatories the attendance of the next (audit meta).
ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|No|St|e\.g|i\.e|etc|Co|Ltd|Inc)\.|\b[A-Z]\.)$")


def is_party_plenum(text: str) -> bool:
    """True when a plenary mentioned is a party or legislature plenum, not a mechanism's."""
    return bool(_PARTY_PLENUM.search(text))


def agreement_kind(title: str) -> AgreementKind | None:
    """The kind of an agreement from its title: the earliest kind word wins ("Co-operation
    Framework Agreement" is a framework agreement; "Memorandum of Understanding on ...
    Arrangement" is an MOU)."""
    best: tuple[int, int, AgreementKind] | None = None
    for rank, (pattern, kind) in enumerate(AGREEMENT_KINDS):
        m = pattern.search(title)
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, kind)
    return best[2] if best else None
