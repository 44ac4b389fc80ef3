"""Every Chinese pattern and cue word of the Chinese path, in one place ([ZH-*] of chinese.md).

All patterns are written in the folded form of :mod:`cooptrack.fold` (Simplified characters, NFKC: ASCII
``,():`` and digits, while ``、。“”《》「」`` stay full-width), so that one pattern reads both
scripts and both widths. Every repetition is bounded.
"""

from __future__ import annotations

import re

from cooptrack.extract.zh.numbers import NUMBER
from cooptrack.extract.zh.places import CITY_ABBREV_ZH, CITY_NAMES, PROVINCES_ZH

N = NUMBER
SENTENCE_END = "。！？；!?;"
# A sentence (a clause of the text ending at 。！？；, or a line).
SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]{{1,600}}[{SENTENCE_END}]?[”」』)]?")

# --- meetings: kinds and ordinals ([ZH-KIND] [ZH-ORD]) ------------------------------------------
# After a mechanism's name: 第N次会议, 第N次全体会议, 首次会议, 第N次开会, 第N次工作会议.
ORD_AFTER = re.compile(
    rf"^(?:的|举行|召开|举行了|召开了|举行的|召开的){{0,1}}"
    rf"(?:第(?P<n>{N})次|(?P<first>首次))(?P<working>工作)?(?:全体)?(?:会议|开会|会晤)"
)
# Before a mechanism's name: 第三次京港合作会议, 第19次粤港合作联席会议, 首次; news also counts the
# sessions of a mechanism named in full as 届 (第七届京港合作会议, 首届): another event's 届 (第N届全运会,
# 第N届…洽谈会) names no mechanism, so never stands before one.
ORD_BEFORE = re.compile(rf"(?:第(?P<n>{N})(?:次|届)|(?P<first>首次|首届))(?:召开的|举行的|的)?$")
# A working meeting held under a plenary, named after it (…第六次会议的第二次工作会议, a headline's
# …第六次会议工作会议): its own number, or none.
WORKING_OF = re.compile(rf"^(?:的|之)?(?:第(?P<n>{N})次)?工作会议")
# Generic forms once the mechanism is named: 联席会议第N次会议, 第N次工作会议.
ORD_GENERIC = re.compile(
    rf"(?:联席会议|合作会议|高层会议)(?:第(?P<n>{N})次|(?P<first>首次))(?:全体)?会议"
    rf"|第(?P<wn>{N})次工作会议"
)
# A meeting's number in a clause after the mechanism's name (…机制将正式启动,首次会议将在杭州举行;
# …这是两地政府第七次开会): not a working meeting's (第N次工作会议), nor another event's (第N届).
ORD_LATER = re.compile(rf"(?:第(?P<n>{N})次|(?P<first>首次))(?:全体)?(?:会议|开会)")
# The sentence after a statement pointing back at the meeting it named ('呢個會係兩地政府第三次開會',
# '这是两地政府第七次开会', '此次会议是…'): its number is that meeting's (audit zh16).
BACK_REFERENCE = re.compile(r"^(?:呢个会|呢次|这次|这是|此次|今次|是次|本次)")
WORKING = re.compile(rf"第(?P<n>{N})次工作会议")
ORDINAL_IN = re.compile(rf"第(?P<n>{N})次|(?P<first>首次)")
HLM_CUM = re.compile("高层会晤暨")
HLM = re.compile("高层会晤|合作高层会议")
# Another body of a mechanism, with numbers of its own.
OTHER_BODY = re.compile(
    r"^(?:下设的?|属下的?|框架下的?|的)?[^,。、]{0,12}?"
    r"(?:专责小组|工作小组|联络办公室|咨询委员会|督导组|秘书处|联络小组|工作组|小组)"
)

# The mechanism named as the source of what another act carries out (落实沪港合作会议第六次会议共识,
# 根据粤港合作联席会议的部署): a follow-up of a meeting, not a statement of one ([ZH-NEG]). Read
# around a naming: a verb of carrying out before it, its consensus or decisions after it.
FOLLOW_UP_BEFORE = re.compile(r"(?:落实|贯彻|根据|按照|依据|遵照|执行|兑现)(?:好|了)?$")
FOLLOW_UP_AFTER = re.compile(
    r"^[^,。、;]{0,12}?(?:的|所)?(?:达成的|确定的|议定的|签署的|提出的)?"
    r"(?:共识|精神|成果|部署|决定|议定事项|合作事项|工作安排)"
)
BODY_WORD = re.compile(r"专责小组|工作小组|联络小组|工作组|督导组|咨询委员会|联络办公室|秘书处")

# The verbs of signing, Cantonese 簽咗 ("signed", [ZH-CANTO]) with them.
_SIGNED = r"签署|签订|签约|签了|签咗"

# --- relevance ([ZH-MECH] [ZH-NEG]) ---------------------------------------------------------------
# A predicate saying a meeting took place, is taking place or will.
PREDICATE = re.compile(
    r"共同主持|主持|举行|举办|召开|开会|出席|参加|率领|率团|带领|达成共识|达成了|签署|签订|会上|会议上|会晤"
)
CHAIR = re.compile(r"共同主持|主持|率领[^。]{0,30}代表团|率团")
# Tomorrow as a day: not "a better tomorrow" (美好的明天, 美好明天), a common close of officials' remarks.
# (Macao's pages bracket the day between 明 and 日: 明(12)日, as 明(12日); audit zh14)
TOMORROW = r"(?<![的好])(?:明日|明天)|(?<![的好说证表声查])明\([0-9一二三四五六七八九十]{1,3}日?\)"
FUTURE = re.compile(
    rf"将于|将在|将会|将出席|将率|将与|将共同|将就|将举行|将召开|{TOMORROW}|听日|下个月|下月|即将|拟于|将$"
)
# (Cantonese 噚日 is read folded, as 㖊日: the fold writes 噚 as its Simplified form 㖊; audit zh15)
PAST_MARK = re.compile(r"今日|今天|当天|当日|今早|今朝|日前|昨日|昨天|㖊日|寻日|琴日|了|已|达成共识|签署了")
# The sentence is about another time, or hopes for a meeting: no statement. Last week's day printed
# in brackets (上周二(22日)…在重庆召开, a story of the week after) is the day of the meeting it states.
OTHER_TIME = re.compile(
    rf"以来|去年|前年|上次|上届|上一次|早前|此前|过去|历届|至今|已经举行|已举行|自\d{{4}}年|自二"
    rf"|今年(?:{N}月|初|年初|上半年)|年初|上月|上个月|本月初|本月上旬|(?:上周|上星期)(?![一二三四五六日天]\()"
    # how the mechanism meets as a rule, no one meeting (按惯例…每年举行一次, 由两地轮流主办; audit zh14)
    r"|按惯例|每年(?:举行|召开|举办)|(?:每年|每届)[^。,]{0,6}轮流|轮流(?:在两地)?(?:举行|召开|举办|主办|主持|共同主持)"
)
HOPE = re.compile(r"期望|期待|希望|筹备|准备|商讨|展望|欢迎.{0,10}出席")
# A day printed with its month and without its year (10月21日, 十月二十一日), or the day before the
# page's (昨日, 前天, 日前, Cantonese 噚日): a news story's own day, the year being the page's; a
# background page dates its history with years (2019年9月16日).
DAY_OF_THE_PAGE = re.compile(rf"(?<![年\d〇○零一二三四五六七八九]){N}月{N}日|昨日|昨天|前日|前天|日前|㖊日|寻日|琴日")
# A wire's bare day, read in its dateline's month (…联席会议9日在南宁举行, 十日在成都举行): a day with
# no month before it, followed by where or when it happened
WIRE_DAY = re.compile(rf"(?<![月年\d〇○零一二三四五六七八九十]){N}日(?:在|于|上午|下午|晚|举行)")
THIS_DAY = re.compile(rf"今日|今天|当天|当日|今早|今朝|本月{N}日|{TOMORROW}|将于|于{N}日|{N}日(?:上午|下午|晚上)")
# Headline of another kind of event: a call, a symposium, an exhibition, a signing ceremony.
# 会晤 alone is a meeting between people; 高层会晤 is the mechanism's high-level meeting.
LOOKALIKE_TITLE = re.compile(
    r"(?P<cue>会见|会面|(?<!高层)会晤|拜会|拜访|研讨洽谈会|洽谈会|成果展|展览|签约仪式|签署仪式|座谈会|座谈|研讨会|全会|督导组"
    r"|酒会|晚宴|午宴|宴会|典礼|庆典)"
)
LOOKALIKE_WORDS = {
    "会见": "courtesy call",
    "会面": "courtesy call",
    "会晤": "courtesy call",
    "拜会": "courtesy call",
    "拜访": "courtesy call",
    "研讨洽谈会": "symposium",
    "洽谈会": "symposium",
    "成果展": "exhibition",
    "展览": "exhibition",
    "签约仪式": "signing ceremony",
    "签署仪式": "signing ceremony",
    "座谈会": "symposium",
    "座谈": "symposium",
    "研讨会": "seminar",
    "全会": "party plenum",
    "督导组": "steering group meeting",
    # a reception, a banquet or a ceremony where a leader speaks (出席…国庆酒会致辞): the meeting it
    # recalls (本月初,我到广州出席了…第二十次会议) is another day's (audit zh11)
    "酒会": "reception",
    "晚宴": "dinner",
    "午宴": "luncheon",
    "宴会": "banquet",
    "典礼": "ceremony",
    "庆典": "celebration",
}
# The event a headline names, right after the mechanism's name with no mark between (粤港合作联席会议成立
# 二十五周年座谈会): the name is the event's own, no meeting of the mechanism (audit neg2).
EVENT_AFTER_NAME = 14
NAME_OF_EVENT = re.compile(
    rf"[^,。;:、\s]{{0,{EVENT_AFTER_NAME}}}(?:座谈|研讨|展览|成果展|签约仪式|签署仪式|酒会|晚宴|午宴|宴会|典礼|庆典)"
)
# A page opening with a call (礼节性拜会, 会见 …): its lead sentence's own verb.
CALL_LEAD = re.compile(r"(?<!高层)(?:会见|会面|会晤|拜会|拜访)")
# What a story says of a meeting it reports, beyond its being held: who chaired it (a chair
# verb, see CHAIR), what was agreed or signed at it. A call's story that only mentions the meeting
# held the same day (…第N次会议今日在港举行) reports none of this.
OUTCOME = re.compile(rf"达成(?:了)?共识|达成(?:以下|如下)|{_SIGNED}|会上|会议上|会后")
OUTCOME_NEXT = re.compile(r"^(?:会上|会议上|会后|会议期间|双方在会上|双方于会上|席间)")
PARTY_PLENUM = re.compile(r"中共中央[^。]{0,10}全体会议|[一二三四五六七八九十]中全会|(?:届|次)全国代表大会|二十大")
NUMBERED_POINT = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\))")
LAUNCH = re.compile(r"正式启动|启动|成立[^。,]{0,20}机制")

# --- document kind ([ZH-DOCKIND]) ---------------------------------------------------------------------
ANNOUNCEMENT = re.compile(rf"将于|{TOMORROW}|听日|下个月|下月|将出席|将率团|将率领|将就|将共同主持|将主持|即将")
REPORT = re.compile(
    r"(?:今日|今天)[^。将]{0,40}(?:举行|召开|主持)|召开了|举行了|达成共识|签署了|共同主持了|主持了|已举行"
)

# A story written on the meeting day before the meeting ([ZH-DOCKIND]): it says what this meeting
# will do (今日在广州举行的会议将就…订下方向, 会上预计签署…), and reports no outcome of it (达成共识,
# 签署了 … outside a sentence about another time). Its 今日…主持 is the plan of the day (audit zh18).
AHEAD = re.compile(
    r"(?:今日|今天|今|是次|本次|这次|今次|此次)[^。,;]{0,14}(?:会议|会上)[^。,;]{0,4}?(?:将|预计|预料|料将|料会|拟)"
    r"|(?:会上|会议上)(?:将|预计|预料|料将|料会|拟)"
)
# (an outcome expected is none yet: 预料双方会在会上就…达成共识; the clause before it says so)
EXPECTED = re.compile(r"预料|预计|料将|料会|可望|有望|希望|期望|期待|争取|将|拟")
DONE = re.compile(
    r"达成(?:了)?共识|达成(?:以下|如下)|签署了|签订了|签了|签咗|举行了|召开了|主持了|已举行|已召开|会议结束|会议后"
)

# --- venue ([ZH-VENUE]) ---------------------------------------------------------------------------
VENUE_VERB = r"(?:在|于|抵|赴|来|到|去|抵达|前往|访问|访)"
VIDEO = re.compile(r"视频|视像|线上|以网上|遥距")
VISIT = re.compile(
    r"(?:率团|率领[^。]{0,20}代表团)(?:访问|到访|前往|去)(?P<place>[^,。、]{2,4})|正在(?P<here>[^,。、]{1,4})访问"
)

# --- dates ([ZH-DATE]) -----------------------------------------------------------------------------
MONTH_DAY = rf"(?P<m>{N})月(?P<d>{N})日"
# (Macao's pages bracket the day alone, 日 after the bracket: 今(25)日下午, 昨(24)日; audit zh14)
TODAY_PAREN = re.compile(rf"(?P<rel>今日|今天|明日|明天|今|明|昨日|昨天|昨)\((?:(?P<m>{N})月)?(?P<d>{N})(?:日\)|\)日)")
WEEKDAY_PAREN = re.compile(rf"(?:周|星期|礼拜)[一二三四五六日天]\((?:(?P<m>{N})月)?(?P<d>{N})日\)")
THIS_MONTH = re.compile(rf"本月(?P<d>{N})日")
WILL_ON = re.compile(rf"将于(?:(?P<m>{N})月)?(?P<d>{N})日")
DATED = re.compile(rf"(?:(?P<y>(?:19|20)\d\d|[一二三四五六七八九〇○零]{{4}})年)?(?P<m>{N})月(?P<d>{N})日")
# The end of a span of days after its first (四月七日至九日, 7月5日至7月7日, 5日至7日): a visit's days.
DAY_SPAN_END = re.compile(rf"(?:至|到|-|—|－|~)(?:(?P<m>{N})月)?(?P<d>{N})日")
# The Dth, on its own (Mainland wires: '…第四次会议28日在成都举行'): before a time of day, a place or
# the verb of the meeting.
DAY_ONLY = re.compile(rf"(?<![月\d年期周])(?P<d>{N})日(?:上午|下午|晚上|早上|傍晚|(?=在|于|以|举行|召开|,))")
# Cantonese yesterday and tomorrow count from a publication date seldom printed: no date when the
# page prints none; from the page's own date when it does (a broadcaster's stamp, a date line), as
# 昨日 and 明日 do (audit zh15). Its 今朝 (this morning) is 今早: a bare day word of RELATIVE_DAY.
CANTONESE_DAY = re.compile(r"(?P<yesterday>㖊日|寻日|琴日)|(?P<tomorrow>听日)")
# A day word with no day printed (今日在北京召开, 昨天举行, 明日将出席): counted from the dateline, else
# from the day the page was written (its printed date); "a better tomorrow" (美好的明天) is no day.
RELATIVE_DAY = re.compile(
    r"(?P<today>今日|今天|当天|当日|今早|今朝|今晨|今晚)|(?P<yesterday>昨日|昨天|昨晚)|(?<![的好])(?P<tomorrow>明日|明天)"
)
# A coming meeting given no day, only a season (本年内, 下半年, 稍后, 明年, 适当时候): a policy paragraph or a
# call's wish, no announcement (patterns.md VAGUE_FUTURE's Chinese forms; audit neg2). 下个月 is a month,
# near enough to announce a meeting ([ZH-NEG] contrast).
# A sentence holding a season and neither a day nor a verb done (召开了, 签署了) is about a coming meeting
# even without 将: 我们亦会适当时候…召开…第七次会议. 明年 only where the sentence speaks of the future.
VAGUE_FUTURE = re.compile(r"本年内|今年内|年内|年底前|下半年|上半年|适当时候|稍后|日后|短期内")
VAGUE_NEXT_YEAR = re.compile(r"明年|来年")
# A sentence placing the meeting at another time than its day word (今日表示…将于下个月启动): the
# word dates the speech, not the meeting.
LATER = re.compile(r"下个月|下月|下周|下星期|下旬|明年|年内|年底|月底|稍后|日后|届时")
# The time of a page's stamp (2025-05-20 21:30, 发布时间:00:15 2025-05-21): a stamp in the small
# hours dates a story written the evening before.
STAMP_TIME = re.compile(r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):[0-5]\d(?![\d])")
# A dateline: a wire's 电, a paper's or a portal's 讯 (浙江在线10月18日讯).
WIRE_DATELINE = re.compile(rf"^[^。,]{{0,30}}?(?:社|网|报|台)?[^。,]{{0,12}}?(?P<m>{N})月(?P<d>{N})日(?:电|讯)")
# A dateline printing its year (人民网北京2026年12月3日电, 2026年12月3日电): a date the page prints.
DATED_DATELINE = re.compile(rf"^[^。,]{{0,30}}?(?P<y>(?:19|20)\d\d)年(?P<m>{N})月(?P<d>{N})日(?:电|讯)")
# Years that are not the meeting's: founding years, events named by year, future events.
NOT_MEETING_YEAR = re.compile(r"^(?:起|以来|开始|举行的|举办的|全运会)|^[^。,]{0,8}(?:论坛|博览会|全运会|运动会)")

# --- people ([ZH-ROLE] [ZH-PEOPLE] [ZH-PRESIDE]) --------------------------------------------------------
# Posts, longest first within each alternation; a place before a Mainland post is part of it.
_HK_POSTS = (
    r"署理行政长官|行政长官(?!办公室)|特首(?![办辦])|政务司副司长|政务司司长|政务司长|财政司副司长|财政司司长|财政司长"
    r"|律政司副司长|律政司司长|律政司长"
    r"|(?:政制及内地事务|商务及经济发展|财经事务及库务|创新科技及工业|创新及科技|文化体育及旅游|医务卫生|食物及卫生"
    r"|教育|环境及生态|环境|运输及物流|运输及房屋|发展|房屋|劳工及福利|保安|公务员事务|民政及青年事务|民政事务"
    # the bureaus of earlier terms (1997-2007)
    r"|工商及科技|政制事务|宪制事务|经济发展及劳工|环境运输及工务|卫生福利及食物|教育统筹|房屋及规划地政|资讯科技及广播"
    r"|环境食物|卫生福利|规划地政|财经事务|工商|经济|库务|运输|工务)局?(?:副局长|局长)"
    # a bureau's Permanent Secretary (教育局常任秘書長X; audit zh17: a Mainland 秘書長)
    r"|(?:政制及内地事务|商务及经济发展|财经事务及库务|创新科技及工业|创新及科技|文化体育及旅游|医务卫生|食物及卫生"
    r"|教育|环境及生态|环境|运输及物流|运输及房屋|发展|房屋|劳工及福利|保安|公务员事务|民政及青年事务|民政事务)局"
    r"常任秘书长"
    r"|(?:政制及内地|医卫|商经|财库|创科|文体旅|环生|运流|劳福|民青)局?(?:副局长|局长)"  # 商经局长, 商经局局长
    # the head of one of the Government's offices on the Mainland (驻福建联络处主任, 驻武汉经济贸易办事处主任,
    # 驻京办主任); a province's office in Hong Kong is named after its province, a Mainland post (audit zh10)
    r"|驻(?:[^\s,。、;与和及]{1,6}?(?:经济贸易办事处|经贸办|办事处|联络处)|京办)(?:副主任|主任)"
    # the head of one of its departments named 署 (知识产权署署长, 投资推广署副署长, 地政总署署长): the
    # Mainland's 署 is the Customs' (海关总署), a Central office (audit zh12)
    r"|(?:(?!海关|总署)[^\s,。、;与和及的]){2,8}?署(?:副署长|署长)"
    # the head of the Chief Executive's or a Secretary's office (行政长官办公室主任, 特首办主任); 行政长官
    # alone does not name it (audit zh15: the Director of the CE's Office had been no one)
    r"|(?:行政长官|政务司司长|财政司司长|律政司司长)办公室(?:副主任|主任)|特首办(?:副主任|主任)"
)
_PLACE_NAMES = "|".join(sorted([*PROVINCES_ZH, *CITY_NAMES], key=len, reverse=True))
PLACE = re.compile(rf"(?:{_PLACE_NAMES})")  # a province's or a city's name
_PLACE = rf"(?:中共|共青团)?(?:{_PLACE_NAMES})(?:省|市|自治区)?"  # (共青团湖南省委书记: audit zh19)
_MAINLAND_PLACE = (
    "(?:"
    + "|".join(sorted({*PROVINCES_ZH, *CITY_NAMES} - {"香港", "澳门"}, key=len, reverse=True))
    + ")(?:省|市|自治区)?"
)
# A department of a province or a city and its head's title.
_DEPT = r"(?:厅|局|委员会|委|办公室|办事处|办)(?:副厅长|厅长|副局长|局长|副主任|主任)"
# Words of a sentence, never of a department's name: who the people are (官员, 代表, 包括), what they do.
_NOT_DEPT = r"官员|代表|包括|的|出席|参加|陪同|随同|随团|率领|会见|表示|主持"
_MAINLAND_POSTS = (
    rf"(?:中共中央政治局委员兼|中央政治局委员兼|政治局委员兼)?(?:{_PLACE}(?:人民政府)?)?"
    r"(?:省委副书记|省委书记|市委副书记|市委书记|常务副省长|副省长|代省长|省长|常务副市长|副市长|代市长|市长|省委常委|市委常委"
    # an autonomous region's chair (广西壮族自治区主席, 自治区人民政府副主席), its Party secretary
    r"|[^\s,。、;与和及]{0,4}自治区(?:人民政府)?(?:常务副主席|副主席|主席)|[^\s,。、;与和及]{0,4}自治区党委(?:副书记|书记)"
    r"|(?:省政府|市政府)?(?:副秘书长|秘书长)|人大常委会主任|政协主席|省领导|市领导)"
    # the head of a province's or a city's department, named with its place (广东省港澳事务办公室主任,
    # 湖北省商务厅厅长, 重庆市发展和改革委员会副主任, 浙江省人力资源和社会保障厅厅长: a 和 inside the
    # department's name, before its suffix, joins no two people): HK's bureaus are named without one;
    # a name holds no word of the sentence around it (福建省官员包括福建省商务厅厅长: the post is the last)
    # (the province or city of the page named by 省 / 市 alone, a word of its own: '省商务厅厅长X' in a table's
    # cell or after 、; audit zh11)
    # (also after 由, 与, 和, 及, 同: '分别由省商务厅厅长X与…'; audit zh19)
    rf"|(?:{_MAINLAND_PLACE}|(?:(?<![\u4e00-\u9fff])|(?<=[由与和及同]))[省市])(?:人民政府)?(?:(?!{_NOT_DEPT})[^\s,。、;与和及]|和(?=[^\s,。、;与和及]{{1,8}}?{_DEPT})){{2,14}}?{_DEPT}"
    # a committee's secretary by its full name (中共广东省委员会书记, 共青团上海市委员会书记)
    rf"|(?:中共|共青团)?{_MAINLAND_PLACE}委员会(?:副书记|书记)"
)
# (the Work Office and the State Council's office, one organ since 2023, named side by side before the
# one title they share: 中央港澳工作办公室、国务院港澳事务办公室副主任X; audit zh19)
_HKMAO_PAIR = r"(?:(?:中央港澳工作办公室|中央港澳办)、(?=国务院港澳))?"
_CENTRAL = (
    rf"{_HKMAO_PAIR}(?:国务院港澳事务办公室|国务院港澳办|中央港澳工作办公室|中央港澳办|(?<![省市区])港澳办"
    # (Mainland media's short forms of the Liaison Office: 中央政府驻港联络办, 驻港联络办; audit zh13)
    r"|中央人民政府驻香港特别行政区联络办公室|(?:中央(?:人民)?政府)?驻港联络办(?:公室)?|香港中联办|中联办"
    r"|国家发展和改革委员会|国家发展改革委|国家发改委|商务部|国务院)"
    # the office's short form in brackets after its full name (…联络办公室(中联办)副主任, 国家发展和改革委员会
    # (国家发改委)副主任): part of no post (audit zh18: the special guest had been no one)
    r"(?:\((?:国务院|中央|国家|香港)?(?:港澳办|中联办|发改委|发展改革委)\))?"
    r"(?:常务副主任|副主任|主任|副部长|部长)"
    # the head of one of their departments (国务院港澳办交流司司长, 中联办经济部副部长)
    r"|(?:国务院港澳事务办公室|国务院港澳办|中央港澳工作办公室|中央港澳办|(?<![省市区])港澳办|香港中联办|中联办|商务部|国家发展改革委)"
    r"[^\s,。、;与和及]{1,8}?(?:司|部|局)(?:副司长|司长|副部长|部长|副局长|局长)"
)
# Macao's posts: its Secretaries' titles are Macao's alone (HK has no 经济财政司), its CE needs the name.
_MACAO = (
    r"(?:澳门(?:特区|特别行政区)?(?:政府)?)?(?:经济财政司司长|行政法务司司长|社会文化司司长|运输工务司司长|保安司司长)"
    r"|澳门(?:特区|特别行政区)?(?:政府)?(?:行政长官|特首)"
    # the head of one of its bureaus, named with Macao (澳门经济及科技发展局局长: not HK's 发展局局长)
    rf"|澳门(?:特区|特别行政区)?(?:政府)?(?:(?!{_NOT_DEPT})[^\s,。、;与和]){{2,12}}?(?:局|办公室|厅)"
    r"(?:副局长|局长|副主任|主任|厅长|主席)"
    # a bureau Macao alone has, named bare on its pages (经济及科技发展局局长X: not HK's 发展局局长 inside it;
    # audit zh19)
    r"|(?:经济及科技发展|教育及青年发展|土地工务|交通事务|贸易投资促进|统计暨普查|劳工事务|社会工作|海事及水务"
    r"|环境保护|司法警察|治安警察)局(?:副局长|局长|副主席|主席)"
)
POST = re.compile(
    rf"(?P<central>{_CENTRAL})|(?P<macao>{_MACAO})|(?P<mainland>{_MAINLAND_POSTS})"
    rf"|(?:香港特别行政区政府|香港特别行政区|香港特区政府|特区政府|香港特区|香港)?(?P<hk>{_HK_POSTS})"
    # the head of a Hong Kong statutory body (香港贸易发展局总裁, 香港旅游发展局主席): Hong Kong's
    # (its monetary authority, regulators, hospital and training bodies too: 香港金融管理局总裁, 香港金管局副总裁,
    # 香港证监会行政总裁, 香港医院管理局主席; audit zh15: the HKMA's head signing had been no one)
    r"|(?P<hkbody>香港(?:贸易发展局|旅游发展局|生产力促进局|科技园公司|机场管理局|数码港|投资推广署|总商会|中华总商会"
    r"|金融管理局|金管局|证券及期货事务监察委员会|证监会|保险业监管局|金融发展局|医院管理局|医管局|职业训练局)"
    r"(?:副总裁|总裁|行政总裁|总干事|署长|主席)"
    # the head of a Hong Kong university in a delegation (香港大學副校長X教授; audit zh17: no person)
    r"|香港(?:中文|科技|理工|城市|浸会|教育|都会)?大学(?:常务副校长|副校长|校长))"
)
# A compound post: posts joined by 、 or 兼 are one post.
POST_JOIN = re.compile(r"^(?:、|兼)")
# An office's short form in brackets inside a post (中联办, 国家发改委): dropped from the post as written.
POST_SHORT_FORM = re.compile(
    r"[(（](?:國務院|国务院|中央|國家|国家|香港)?(?:港澳辦|港澳办|中聯辦|中联办|發改委|发改委|發展改革委|发展改革委)[)）]"
)
# An item of a list of officials after one whose post names their government, its own head's post
# naming no government (澳門特區政府經濟及科技發展局局長A、金融管理局主席B、旅遊局局長C: Macao's
# bureaus, as the list's first post says; audit zh19: B and C had been no one).
# (a department whose name holds 和 opens with one of a few words: 文化和旅游厅, 人力资源和社会保障厅, 工业和
# 信息化厅; never a name before it, 'A、B和省委办公厅主任C' being B and C)
LISTED_HEAD = re.compile(
    r"(?:(?:文化|人力资源|工业|住房|发展|自然资源|生态环境|农业|卫生)和)?"
    rf"(?:(?!{_NOT_DEPT})[^\s,。、;与和及]){{2,14}}?(?:局|厅|委员会|办公室|署|基金会|促进局)"
    r"(?:副局长|局长|副厅长|厅长|副主任|主任|副主席|主席|副署长|署长|行政委员会主席|行政总裁|总裁)"
)
# In a compound post, a department named by 省 / 市 alone is the province's or the city's the post
# before it names (福建省政府副秘书长兼省港澳办主任: the province's office, not the State Council's;
# audit zh10).
JOINED_DEPT = re.compile(rf"[省市](?:(?!{_NOT_DEPT})[^\s,。、;与和及]){{1,10}}?{_DEPT}")
# Characters that end a name: what follows a name in the genre's sentences.
# Adverbs that never open a name: a post before them is a surname's ('唐市长还介绍了').
# Verbs of a visit never open one either (随同行政长官访问重庆的官员, 行政长官抵达).
NOT_A_NAME_START = frozenset("还又再都便即仍均也亦则就其访抵")  # 其 of 其后, 其间
# 今 明 昨 本 end a name only as a day word (今日, 明天, 本月): 黄守明 is a name.
DAY_WORD = re.compile(r"[今明昨本](?:日|天|年|早|晚|晨|午|月|周|次)")
NAME_STOP = frozenset(
    "今明昨本在于与和及、,。与同以共表致出主率会见签等将也亦随陪受并则(「“向对称说指为分先后一的就均是于各已带到去向连偕"
)
NAME_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Verbs of two characters whose first is no stop by itself (参加, 列席, 介绍 …): after two characters
# of a name they end it ('孙东参加', '罗蔺列席').
NAME_STOP_WORD = re.compile(
    r"参加|参观|参与|列席|介绍|发表|讲话|指出|强调|宣布|考察|视察|调研|提出|希望|回顾"
    r"|都有|也有|亦有|均有|都会|都係|都是"  # 'also' before a verb (Cantonese 孙东都有出席)
    r"|应邀|获邀|应约"  # 'at the invitation' before the verb (赵明应邀出席)
    r"|联袂|携手"  # 'jointly' before the verb (省长王浩联袂主持; audit zh13)
)
# Stop characters read by position ([ZH-PEOPLE]). Right after a post, 于 向 连 are surnames (Yu,
# Xiang, Lian: 常务副省长于国伟, 副省长向明远, 司长连志一) unless what follows is what the word takes as
# a preposition or an adverb: a place, a time, the press, a stop (于北京, 于会上, 向记者, 连日来).
SURNAME_STOPS = frozenset("于向连")
NOT_A_GIVEN_NAME = re.compile(
    rf"(?:{_PLACE_NAMES}|[{''.join(CITY_ABBREV_ZH)}]|内地|本港|两地|中央|国家|各地|当地"
    r"|上午|下午|中午|晚上|早上|傍晚|会上|会后|会前|席间|期间|日前|近日|同日|当日|同时"
    r"|记者|传媒|媒体|大家|各界|市民|公众|外界|业界|全体|港人|日|续|任|年|夜)"
)
# Inside a name, 一 和 为 先 分 end it only when a word starts there (一行, 一同, 分别, 先后 …) or a
# name goes on after them (王五和李四); before a conjunction, a verb of the meeting or a mark, they
# are the name's last character (市长殷嘉一与…, 司长连志一共同主持).
GIVEN_NAME_STOPS = frozenset("一和为先分")
STOP_WORD = re.compile(r"一行|一同|一起|一道|一并|一致|一再|一直|一向|为首|为主|分别|先后|先行")
NAME_END = re.compile(
    r"$|[、,。;:!?)」”\s]|与|和|及|同|共同|主持|出席|率|带领|签|致辞|讲话|表示|指出|说|称|会见|会面|会晤|等"
    r"|今日|今天|明日|明天|昨日|昨天|当天|在|于|也|亦|又|都|均|则|以|受|随|陪|将|已|还|并|分别|先后|一行|特邀|见证|就|对|向|为"
    r"|代表|发言|介绍|宣布|强调|作|应邀|获邀|联袂|携手"
)
# A Chinese name opens with a surname: the common ones (folded to Simplified, as the sentences are
# read), the Mainland's and Hong Kong's and Macao's alike. What a post is followed by that opens with
# none is no name (署理行政长官职务, 行政长官离港期间, 行政长官十分重视).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱丘江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明"
    "佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠"
    "豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭"
    "由洪竺靖甯雒酆鄂暴粘谯逄郄郗钮隗郦昌扶竹木过经汝糜缑兀訾逢仉拓"
    "赖习荀禤源招巢伦恽代凤弓滑蒯濮贝"
    # and what opens a name of the ethnic minorities as Chinese writes it (布小林, 努尔·白克力, 扎西)
    "布雪努热买吐帕达格多尼次洛扎旦"
)
DOUBLE_SURNAMES = frozenset("欧阳 司徒 上官 诸葛 司马 林郑 叶刘 范徐 陈方 梁唐".split())
# The reverse order of Mainland prose ([ZH-PEOPLE]): a name, then its post (王浩書記與李家超行政長官
# 共同主持, 陳茂波司長), standing where a person stands in the sentence (after a mark, 與, 和, 由 …)
# and followed by what follows a person (與, 共同, 主持, 出席, a mark …). A place before 省長 or 市長
# (江蘇省長, 海南省長) is no name.
REVERSE_NAME = re.compile(
    r"(?:^|(?<=[、,:;(「“\s。!?与和及同由对向请了见在]))"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)"
    rf"(?P<post>常务副省长|副省长|省长|常务副市长|副市长|市长|书记|(?P<hk>{_HK_POSTS}|司长|局长))"
    r"(?=与|和|及|同|、|,|。|;|:|\s|共同|一同|一起|联袂|携手|主持|出席|率|在|表示|指出|会见|签署|见证|致辞|等|分别|$)"
)
# Words of the reverse order's place that name a group, never a person (由兩地行政長官共同主持, 雙方局長,
# 兩位市長; audit zh14)
COLLECTIVE = re.compile(r"两地|三地|双方|三方|各方|各地|两位|各位|两国|两省|两市|两区")
TITLE_AFTER = re.compile(r"^(?:资深大律师|教授|博士|先生|女士|太太|小姐)")
HONORIFIC_ZH = {"教授": "Professor", "博士": "Dr", "先生": "Mr", "女士": "Ms", "太太": "Mrs", "小姐": "Miss"}
# Reverse order: name then post (王伟中省长, 李家超行政长官), and a surname with a post (马省长).
POST_SUFFIX = re.compile(r"^(?:省长|市长|行政长官|书记|副主任|主任|司长|局长|副省长|副市长)")
# A clause going on with the sentence's subject: '(并)(今日)(在X)与Y …', also after a time and a
# modal ('她表示,会后将和马省长…共同主持', '…受X委托出席签约仪式,与副市长Y签署《…》').
WITH_SUBJECT = re.compile(
    r"^(?:并且|并|还|亦|也|再)?"
    # 其间 / 期间 / 届时 of a visit: the days of the visit the sentence opened on (audit zh12)
    # (a day word's day in brackets: '昨日(16日)与…'; audit zh19)
    r"(?:会后|会前|随后|其后|之后|稍后|其间|期间|届时|今日|今天|明日|明天|昨日|当天|上午|下午|晚上|\d{1,2}日|将于|将会|将|会"
    r"|[(（][^()（）,]{1,10}[)）]){0,5}"
    r"(?:在[^,与和同]{1,12})?(?:和|与|同)"
)
# Role verbs, in the order they are tried on a clause.
CO_CHAIR = re.compile(r"(?:共同|一同|一起|联合)主持")
# 主持 the meeting: 会议, or the meeting by its name (主持川港合作会议第三次会议); not a ceremony,
# a forum or a press conference (主持签约仪式, 主持记者会: see people._presides).
PRESIDE = re.compile(r"主持(?:会议|了会议|了|$|,|。|[^,。;]{2,30}?会议)")
# Leading a delegation: 率领, 带领, 率团, and 率 itself before the delegation it leads
# ('分别率四川省政府代表团和香港特区政府代表团出席会议').
LEAD_DELEGATION = re.compile(r"率领|率团|带领|率(?=[^,。;]{1,24}代表团)")
# The people just named, counted as the subject of the next verb ('其后三人共同主持…', '两人一同主持').
COUNTED_SUBJECT = re.compile(r"^(?:其后|随后|之后|稍后|然后|并|再)?(?:由)?(?:两|二|三|四)(?:人|位)")
SPECIAL_GUEST = re.compile(r"特邀嘉宾")
ON_BEHALF = re.compile(r"受(?P<who>[^,。、]{2,8}?)委托")
# Attending: the verbs, and membership of a delegation ('代表团成员包括…', '随同行政长官到访的官员包括…').
# (Cantonese 一齊去 / 一齊嚟, going along with the delegation, is 随行; audit zh18)
ATTEND = re.compile(r"出席|参加|随团|随行|随同|陪同|列席|与会|代表团(?:的)?成员|一齐(?:去|嚟|来|出发)")
# A negation right before the verb of attending: who did not attend ([ZH-ROLE]: absent, no role).
NOT_BEFORE = re.compile(r"(?:未|没有|没|未有|不|无法|未能|不能|不克)$")
# 高层会晤 is the meeting itself, and so is the 会晤 someone presides (共同主持会晤, 会晤由X和Y主持).
MET = re.compile(r"会见|会面|(?<!高层)(?<!主持)(?<!主持了)会晤(?!由)|拜会|拜访|接见")
WITNESS = re.compile(r"见证")
SIGN = re.compile(_SIGNED)
# Signing done by the clause's people, not a ceremony attended (出席签约仪式: attending).
SIGN_ACT = re.compile(rf"(?:{_SIGNED})(?!仪式)")

# --- areas and counts ([ZH-COUNT] [ZH-AREAS]) ---------------------------------------------------------
# N个范畴 / N个合作领域; a headline's N领域M项; without 个 where the words say it is a count: after
# 以下 / 下列 / 等 (以下五方面, 等六大领域; not 一方面 'on the one hand'), as N大范畴 / N大领域 / N大方面,
# or as what the sides agreed on (就五方面合作达成共识, 在四领域深化合作, 达成三方面共识)
DECLARED = re.compile(
    rf"(?P<n>{N})个(?:合作)?(?:范畴|领域|方面)|(?P<h>{N})(?:大)?领域(?:{N})项"
    rf"|(?:以下|下列|等)(?P<b>{N})(?:大)?(?:合作)?(?:范畴|领域|方面)|(?P<g>{N})大(?:合作)?(?:范畴|领域|方面)"
    rf"|(?:就|在|达成)(?!一方面)(?P<j>{N})(?:大)?(?:合作)?(?:范畴|领域|方面)"
)
# Paragraphs after the areas that end them ([ZH-AREAS]; the English closing's): where and when the
# conference meets next (雙方商定，第四次會議將於二〇二八年在香港舉行; 下一次會議將於明年在長沙舉行;
# 第五次會議定於…召開), the visit around it (訪問期間，…; 在長沙期間，…; 此行…) and the way home
# (陳國基將於明日返港; 代表團明天返回香港).
# Not a measure's event (活動將於秋季在香港舉行) nor people sent home (鼓勵在湘港人返港…).
# A heading line after the areas that closes them, as the English closing headings do: the signing
# (簽署合作文件), the delegation and its officials (代表團成員, 隨行官員; not an area's 官員交流), the visit
# (參觀考察, 會見省委書記, 行程, 其他活動, 相關活動) and the background (背景資料, 會議背景).
CLOSING_HEADING = re.compile(
    r"签署|签约|签订|见证|出席|随团|随行|陪同|代表团|官员(?!交流|培训|互访|挂职)|参观|考察|访问|会见|会晤|拜会|拜访"
    r"|其他活动|相关活动|行程|背景|图片|照片"
)
NEXT_MEETING = re.compile(
    r"^(?:双方(?:商定|同意|议定|决定|确定)[,:]?)?(?:下一次|下次|下届|第[一二三四五六七八九十〇零\d]{1,4}次)"
    r"[^。,]{0,12}?(?:会议|会晤|联席会议)[^。]{0,30}?(?:举行|召开)"
)
VISIT_AROUND = re.compile(r"^(?:(?:访问|考察|逗留|访问[^,。]{1,6}|在[^,。]{1,8})期间|此行)")
GOING_HOME = re.compile(
    r"^(?:代表团|[\u4e00-\u9fff]{2,4})(?:亦将于|将于|亦将|将|于)?(?:明天|明日|今晚|今日|稍后|当晚|周[一二三四五六日]|星期[一二三四五六日])?"
    r"(?:返港|返回香港|回港|启程返)"
)
NOT_A_COUNT = re.compile(r"重点|主要")
# Progress on areas agreed before ([COUNT]: a count of past progress is no count of this meeting's):
# '检视了…所确定的五个范畴的合作进展', '回顾了…八个领域的落实情况'.
PROGRESS = re.compile(r"进展|落实情况|推进情况|执行情况|实施情况|工作情况|合作成果")
# A lead reporting the progress made, with no count of areas ([ZH-FLAGS], as the English rule reads
# 'progress made'; audit zh15): the meeting reviewed or summed up the progress (回顾了…合作进展,
# 检视了…落实情况), not in a sentence looking ahead (于明年…举行第六次会议,检视…进展), nor a speaker's.
REVIEWED_PROGRESS = re.compile(
    r"(?:回顾|检视|总结|梳理)了(?:[^。;,]{0,40}?|[^。;]{0,60}?以来[^。;]{0,40}?)"
    r"(?:进展|落实情况|推进情况|执行情况|实施情况|合作成果)"
)
PROGRESS_AHEAD = re.compile(r"将|明年|下一次|下次|定期|每年|每半年|以便|负责|期望|希望|准备|表示|指出|说")
SPEECH = re.compile(r"表示|指出|认为|说|称|致辞|强调|话")
# The meeting's or both sides' own statement (会议指出, 会议强调, 双方一致认为): what the meeting
# concluded, reported as Mainland reports word it, not one leader's opinion ([ZH-COUNT]).
MEETING_SAYS = re.compile(r"(?:会议|双方)(?:一致)?(?:表示|指出|认为|强调)")
CONSENSUS = re.compile(r"达成(?:了)?共识|达成(?:以下|如下)")
# What opens the list of areas, a line closing on a colon: 達成共識: / 同意深化以下方面的合作: /
# 會議確定了以下四個領域的合作重點: / 雙方商定的合作範疇如下: / 雙方達成的共識如下: (what is agreed, or the areas named
# with 以下, 下列 or 如下; an agenda or a list of officials names no area).
AREAS_INTRO = re.compile(
    r"(?:达成(?:了|的)?共识|达成(?:以下|如下)|共识如下|(?:同意|确定|商定|议定|明确|决定)[^。]{0,30}?(?:以下|下列|如下)"
    r"|(?:以下|下列)[^。]{0,12}(?:范畴|领域|方面)|(?:范畴|领域|方面)[^。]{0,8}如下"
    # (or the count the meeting agreed, the areas named before it: '会议商定，双方在经贸、金融…四个领域开展合作：';
    # audit zh20)
    r"|(?:同意|确定|商定|议定|决定)[^。]{0,40}?个(?:合作)?(?:范畴|领域|方面))[^。]{0,30}[:：]\s*$"
)
# The same announcement closed on a full stop ('本次会议双方商定在以下四个方面深化合作。'): it opens the areas
# only over a labelled heading line ('一、经贸投资合作'; audit zh20)
AREAS_INTRO_CLOSED = re.compile(r"(?:以下|下列)[^。:：]{0,12}(?:范畴|领域|方面)[^。:：]{0,30}。\s*$")
# (read on the text as printed: full-width brackets, digits and stops too, '（一）', '１．'; audit zh13; digits in
# brackets, '(1)', '（1）', '（１）'; audit zh14)
AREA_LABEL = re.compile(
    r"^(?:[(（](?P<a>[一二三四五六七八九十]{1,2})[)）]|(?P<b>[一二三四五六七八九十]{1,2})、"
    r"|(?P<c>[0-9０-９]{1,2})[.、．]|[(（](?P<d>[0-9０-９]{1,2})[)）])\s?"
)
IN_AREA = re.compile(r"^(?:在|于)?(?P<topic>[^,。、]{2,20}?)方面[,:]")
# Measures numbered inside one paragraph ([ZH-AREAS]; audit zh13): (一)…;(二)…, 1.…;2.…, (1)…;(2)…, or
# 一是…;二是… (read on the folded text: '（一）' and '；' are '(一)' and ';'), each label after the lead-in's
# colon or comma or after the item before it (a stop, a semicolon; a comma between 一是 items), never
# inside a word (统一是, 第一是).
ITEM_LABEL = re.compile(
    r"(?<=[:;。,])\s?(?:\((?P<a>[一二三四五六七八九十]{1,2})\)|\((?P<d>\d{1,2})\)|(?P<c>\d{1,2})[.、](?!\d)"
    r"|(?P<y>[一二三四五六七八九十]{1,2})是)"
)
# A lead-in saying what the meeting or both sides agreed, decided or will take forward, before the
# items: 双方同意:, 会议商定,…以下合作:, 就…达成共识:, 确定了…重点:, 下一步双方将重点推进:.
AGREED_LEAD = re.compile(
    r"同意|商定|议定|确定|决定|达成(?:了|的)?共识|共识如下|一致认为|重点推进|重点(?:合作|工作)|将(?:重点|着力|共同|携手)"
)

# --- agreements ([ZH-AGREE]) -------------------------------------------------------------------------
TITLE_QUOTED = re.compile(r"《(?P<title>[^《》\n]{2,200})》")
AGREEMENT_KINDS: tuple[tuple[str, str], ...] = (
    ("谅解备忘录", "mou"),
    ("框架协议", "framework_agreement"),
    ("备忘录", "memorandum"),
    ("合作备忘", "memorandum"),
    ("意向书", "letter_of_intent"),
    ("合作安排", "arrangement"),
    ("安排", "arrangement"),
    ("协议书", "agreement"),
    ("协议", "agreement"),
    ("合同", "agreement"),
)
PLAN_TITLE = re.compile(r"(?:纲要|规划|意见|决定|公报|条例)$")
# A title in force that the sentence implements or follows (落实《A》下的措施, 根据《A》, 在《A》框架下):
# background, not signed at the meeting, whatever signing the sentence also mentions (audit zh18).
IN_FORCE_AHEAD = re.compile(r"(?<!并)(?:落实|贯彻|根据|按照|依据|依照|遵照|实施|执行|在)$")
IN_FORCE_AFTER = re.compile(r"^(?:的)?(?:框架|下|之下|项下|规定|要求|精神)")
# A title signed before this meeting, named as background ([ZH-AGREE]: not signed at the meeting):
# the subject of a signing in the past tense ('《A》签署后', '自《A》签订以来', '《A》签署至今'), or the
# object of a signing the text dates in an earlier year ('二〇〇三年六月签署的《A》', '去年签署的《A》').
# '签署后' alone may be the meeting's own signing ('会上,《A》签署后,…'): background only when the
# sentence places nothing at the meeting (MEETING_TIME).
SIGNED_BEFORE_AFTER = re.compile(
    r"^(?:的)?(?:正式)?签(?:署|订)(?:并实施|及实施|实施)?(?:(?P<since>以来|至今|多年|\d+年|[一二三四五六七八九十]+年)|后|之后|以后)"
)
# ... and the object of a signing verb the sentence counts from ('自两地签订《A》以来').
SIGNED_SINCE = (re.compile(r"签(?:署|订)(?:了)?$"), re.compile(r"^(?:以来|至今|之后以来)"))
MEETING_TIME = re.compile(r"会上|会后|会前|会议期间|随后|仪式|今日|今天|当天|当日|上午|下午|晚上")
# (also over a numbered list of them: '回顾了两地二○二五年签署的文件:(一)《A》'; audit zh13)
SIGNED_BEFORE_AHEAD = re.compile(
    r"(?:(?:\d{4}|[○〇零一二三四五六七八九]{4})年|去年|前年|上年|早前|此前|过去|之前|早年)[^,。;《》]{0,10}签(?:署|订)(?:了)?的"
    r"(?:[^,。;《》:]{0,8}:\s?(?:\([一二三四五六七八九十\d]{1,2}\)|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])\s?)?$"
)
# Who signed: the people of the clause after 由, posts and all, up to the verb ('由创新科技及工业局局长
# X与广东省工业和信息化厅厅长Y分别代表两地政府签署'); a clause break ends it ('会议由X和Y共同主持,会后
# 双方签署了《A》' names no signatory).
_WHO = r"(?P<who>[^。,;:]{2,80}?)"
# (a comma before the second signer going on with 与 / 和 stays inside: '由省长X代表广东省人民政府,与行政长官Y代表
# 香港特别行政区政府共同签署'; audit zh14)
_WHO_BY = r"(?P<who>(?:[^。,;:]|,(?=与|和|及))(?:[^。,;:]|,(?=与|和|及)){1,79}?)"
SIGNED_BY = re.compile(rf"由{_WHO_BY}(?:代表双方|代表两地政府)?(?:共同|一同)?签(?:署|订)")
# The titles just listed, each signed by its own people in the order of the titles ('《A》、《B》及《C》,分别由
# X1、X2及X3,与Y1、Y2及Y3签署'; '分别由X1与Y1、X2与Y2签署'; audit zh19: every title had had all six).
# (three pairs with their posts run past the 80 characters of one 由…签署 clause: up to 240)
_WHO_EACH = r"(?P<who>(?:[^。,;:]|,(?=与|和|及))(?:[^。,;:]|,(?=与|和|及)){1,239}?)"
RESPECTIVELY_BY = re.compile(rf"分别由{_WHO_EACH}(?:代表双方|代表两地政府)?(?:共同|一同)?签(?:署|订)")
# 'The former' / 'the latter' of the two titles just listed names whose signatories follow
# ('签署了《A》和《B》,前者由X与Y签署'; '后者则由X与Y签订。'): that title alone.
WHICH_SIGNED = re.compile(rf"(?P<which>前者|后者)(?:则|亦|也)?由{_WHO}(?:代表双方)?签(?:署|订)")
# A later sentence naming who signed one of the titles just listed by a short form of it
# ('其中合作备忘录由X与Y签署', '协议由X与Y签署', '该意向书则由X与Y签订').
SHORT_TITLE_SIGNED = re.compile(
    r"(?:^|其中|而|另|该|此|这份|上述)(?P<short>[^,。《》、由]{0,16}?"
    r"(?:谅解备忘录|备忘录|合作备忘|框架协议|协议书|协议|意向书|合作安排|安排))(?:则)?"
    rf"由{_WHO}(?:代表双方)?签(?:署|订)"
)
DESCRIBED_ONLY = re.compile(rf"签(?:署|订)?(?:了|咗)?(?:{N}|多)(?:份|项)")
