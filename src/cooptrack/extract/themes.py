"""Themes of areas and measures, by cue words: transparent rules, one table.

Each theme has cue patterns with weights (a specific phrase such as "Belt and Road" or
"civil service" weighs more than a general word such as "training"). A measure's score for a
theme is the sum of its cues' weights, doubled in its first sentence (where a paragraph states
its subject) and tripled in a leading topic phrase ("On legal services, ..."). The heading of
the area a measure stands under adds a bonus worth about one specific cue: enough to decide
between weak cues, not to override a measure that is plainly about something else — which is
how a lost heading shows. A measure listing many themes at once, none dominant, takes its
heading's theme.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from cooptrack.memo import per_document
from cooptrack.screen import screen
from cooptrack.vocab import Theme

T = Theme

# (pattern, weight) per theme. Patterns are case-insensitive and matched on word boundaries.
CUES: dict[Theme, tuple[tuple[str, float], ...]] = {
    T.NATIONAL_STRATEGY: (
        (r"belt and road", 2),
        (r"greater bay area|bay area", 2),
        (r"national strateg(?:y|ies)", 2),
        (r"five-year plan|14th five|15th five", 2),
        (r"beijing-tianjin-hebei", 2),
        (r"regional development strateg(?:y|ies)", 1.5),
        (r"dual circulation|dual cycle", 1.5),
        (r"chengdu-chongqing economic circle", 2),
        (r"yangtze river delta|yangtze river economic belt", 2),
        (r"overall development of the country|national development", 1),
        (r"development plan", 0.5),
        (r"free trade (?:zone|port|pilot)", 1),
        (r"pan-pearl river delta|pan-prd", 2),
        (r"pearl river delta", 1),
        (r"regional co-?operation", 1),
    ),
    T.TRADE_INVESTMENT: (
        (r"trade(?! development council)", 1),
        (r"investments?", 1),
        (r"econom(?:y|ic)", 0.5),
        (r"enterprises?|businesses|companies", 0.5),
        (r"consumption|consumer market", 1),
        (r"e-commerce", 1),
        (r"business (?:events?|matching|opportunit\w+|collaboration)", 1),
        (r"exhibitions? and fairs|trade fairs?|fairs", 1),
        (r"going global|go global|going out", 1),
        (r"expand\w* (?:overseas|abroad|into (?:overseas|international) markets)", 1),
        (r"invest(?:s|ed|ing|ors?)?", 1),  # "investing in the markets along ...", "investors" (audit en16)
        (r"invest hong kong|investment promotion", 2),
        (r"cepa|closer economic partnership", 1.5),
        (r"markets?(?! access)", 0.5),
        (r"brands?", 0.5),
        (r"commerce|commercial", 0.5),
        (r"business environment", 1),
        # a heading's own words: "Commerce and industry", "Exhibitions and conventions"
        (r"commerce and industry|industry and commerce", 1.5),
        (r"exhibitions? and conventions?|conventions? and exhibitions?|mice", 1.5),
    ),
    T.FINANCE: (
        (r"financ(?:e|ing)|financial (?:services|institutions?|industry|regulators?|sector|market)", 1.5),
        (r"financial", 0.5),
        (r"fintech|financial technolog\w+", 2),
        (r"bonds?", 1.5),
        (r"listings?\b|list\b(?! of)|go public|ipo", 1.5),  # "the listing of ... enterprises in Hong Kong"
        # "have been listed in Hong Kong", "listed on the Main Board", "listed companies" (audit en16)
        (r"listed (?:in|on) (?:hong kong|the (?:main board|gem|stock|hong kong))|listed (?:company|companies)", 1.5),
        (r"stock (?:exchange|connect|market)|hkex|exchanges and clearing", 2),
        (r"capital (?:market|raising)s?", 2),
        (r"rais(?:e|es|ed|ing) (?:funds|capital)|fund-?raising", 1.5),  # "to raise funds in Hong Kong" (audit en15)
        (r"insurance", 1.5),
        (r"renminbi|rmb business|currenc(?:y|ies)", 1),
        (r"asset management|wealth management|risk management|treasury cent(?:re|er)s?", 1.5),
        (r"green (?:finance|and sustainable)", 1),
        (r"securities|banks?|banking", 1),
        (r"funds?\b", 0.5),
    ),
    T.PROFESSIONAL_SERVICES: (
        (r"legal services?|legal professionals?|law firms?|lawyers?", 2),
        (r"arbitrat\w+|mediation", 2),
        (r"dispute(?:s| resolution)", 2),
        (r"intellectual property", 2),
        (r"department of justice", 2),
        (r"accounting|accountants?", 1.5),
        (r"professional services", 2),
        # consulting and the construction professions (the theme's own examples; audit en16): "consulting
        # firms", "engineering consultancies", "consultants", "construction professionals", "surveyors"
        (r"consult(?:ing|ancy|ancies|ants?)", 1.5),
        (r"construction and related engineering|engineering services|professional qualifications?", 2),
        (r"construction (?:professionals?|professions?|practitioners)|surveyors?|surveying", 2),
        (r"legal", 1),
        (r"design services|architect\w*", 1),
        (r"construction and engineering|construction (?:industry|sector)", 1.5),
        # legal co-operation between the two places' authorities (judicial assistance in civil matters)
        (r"judicial (?:assistance|co-operation|cooperation|exchanges?)|mutual legal assistance", 2),
    ),
    T.INNOVATION_TECHNOLOGY: (
        (r"innovation and technology|science and technology|sci-tech", 2),
        (r"research(?: and development)?|r&d", 1),
        (r"technolog(?:y|ies|ical)", 1),
        (r"digital economy|digital(?:isation|ization)|data", 1),
        (r"smart city", 2),
        (r"science parks?|technology parks?|innovation (?:park|hub|centre|base)", 1.5),
        (r"artificial intelligence|robotics|biotechnology|high-tech", 1),
        (r"laborator(?:y|ies)", 1),
        (r"scientific", 1),
        (r"innovat\w+", 0.5),
        (r"information industry", 1),
        (r"start-ups?", 0.5),
        (r"low-altitude economy|drones?|unmanned aerial vehicles?|semiconductors?|integrated circuits?", 1.5),
    ),
    T.TRANSPORT_LOGISTICS: (
        (r"aviation|airports?|flights?|airlines?|air routes?", 2),
        (r"maritime|shipping|ports?\b|cruises?|ferr(?:y|ies)", 1.5),
        (r"rail(?:way)?s?|express rail|metro", 2),
        (r"logistics", 2),
        (r"transport(?:ation)?", 1),
        (r"cross-boundary (?:infrastructure|transport|vehicles?|private cars?|coaches)", 2),
        (r"bridge|boundary control|traffic", 1),
        # the English of 口岸 / 通关: "control points", "boundary crossings", "customs clearance"
        (r"control points?|boundary crossings?|ports? of entry", 1.5),
        (r"(?:customs|immigration) clearance|clearance of goods", 1.5),
        (r"infrastructure", 0.5),
    ),
    T.CULTURE_TOURISM: (
        (r"cultur(?:e|al)", 1.5),
        (r"arts?\b|artistic|performing|performances?", 1.5),
        (r"touris[mt]|travel", 2),
        (r"tour (?:packages?|routes?|products?|groups?)|multi-destination|itinerar(?:y|ies)|visitors?", 2),
        (r"creative industr\w+|creative", 1.5),
        (r"heritage|museums?|exhibitions on cultural", 1.5),
        (r"sports?|athletes?", 2),
        (r"film|opera|design week", 1),
        (r"people-to-people", 1),
    ),
    T.EDUCATION: (
        (r"education(?:al)?", 1.5),
        (r"schools?|sister school", 1.5),
        (r"universit(?:y|ies)|higher education", 1.5),
        (r"students?", 1),
        (r"teachers?", 1.5),
        (r"vocational", 1.5),
        (r"academic", 1),
        (r"graduates?|sub-degree", 1),
        (r"study tours?", 1),
        (r"training", 0.5),
    ),
    T.YOUTH: (
        (r"youths?|young people", 2),
        (r"interns?|internships?", 2),
        (r"entrepreneur\w*", 1),
        (r"youth development fund|youth exchange", 1),
    ),
    T.HEALTH: (
        (r"health(?:care)?|medical|medicines?", 2),  # (plurals too: "Chinese medicines"; audit html7)
        (r"hospitals?", 2),
        (r"chinese medicines?", 2),
        (r"epidemic|pandemic|covid", 2),
        (r"diseases?|infectious|clinical|patients?|pharma\w*|drugs?", 1.5),
        (r"nurses?|doctors?", 1.5),
        (r"biomedic\w+", 1),
    ),
    T.ENVIRONMENT: (
        (r"environment(?:al)?(?! for)", 1.5),
        (r"ecolog(?:y|ical)", 2),
        (r"climate", 2),
        (r"pollut\w+|emissions?", 2),
        (r"marine refuse|waste management|waste", 1),
        (r"carbon (?:monitoring|neutral\w*|peak\w*|emission)", 1.5),
        (r"biodiversity", 1.5),
        (r"air quality|water quality|sewage|effluent|noise management", 1.5),
        (r"radiation monitoring|monitoring", 0.5),
        (r"flood(?:s|ing)?(?: prevention)?", 1.5),
        (r"low-carbon|green development", 1),
        (r"water resources|water conservation|water conservancy|water sources?", 1.5),
        (r"forests?|forest fires?|wetlands?", 1.5),
        (r"energy", 1),
    ),
    T.CITY_MANAGEMENT: (
        (r"city management|urban management|city governance", 2),
        (r"public services?", 1.5),
        (r"housing|estate management|harmonious communit\w+", 2),
        (r"food safety", 2),
        (r"gas safety|municipal|water supply|utilities", 1.5),
        (r"urban (?:development|management|renewal|planning)", 1),
        (r"construction technolog\w+|building design|intelligent construction", 1.5),
        (r"consumers?'? rights|product quality", 1),
        (r"social welfare|elderly", 1),
        # the supplies Hong Kong draws from the Mainland, and the livelihood a heading names
        (
            r"suppl(?:y|ies|ying) (?:of )?(?:fresh |live |stable )?"
            r"(?:food\w*|vegetables|meat|pork|poultry|water|energy|electricity|natural gas)",
            1.5,
        ),
        (r"(?:food|energy|electricity|power) supply", 1.5),
        (r"livelihood|fresh food", 1),
        (r"emergency (?:management|response|rescue)|disaster (?:prevention|relief|reduction)", 1.5),
    ),
    T.CIVIL_SERVICE_TALENT: (
        (r"civil serv(?:ices?|ants?)", 2.5),
        (r"talents?", 1),
        (r"renowned (?:schools|universities)", 2),
        (r"employee skills|skills", 1.5),
        (r"personnel exchanges?|secondments?|attachments?", 1),
        (r"manpower|labour", 1),
        (r"human resources", 1.5),
    ),
    T.FACILITATION: (
        (r"hong kong (?:people|residents)", 1.5),
        (r"facilitat\w+ (?:measures?|for hong kong)", 2),
        (r"(?:living|live|study|studying|working|work),? (?:and )?(?:in|on) the mainland", 1.5),
        (r"mainland travel permits?", 2),
        (r"same treatment as mainland residents", 2),
        (r"one-stop", 1),
        (r"liaison office in|hong kong institutions in", 0.5),
    ),
    T.LIAISON: (
        (r"liaison mechanism|exchanges between the two governments|regular (?:meetings|communication)", 1.5),
        (r"visits? by officials|high-level exchanges", 1),
        # the mechanism's own working: its liaison, its contact points, its officials' visits (a heading
        # "Liaison and exchanges" or "Communication and co-ordination"; not the Liaison Office)
        (r"liaison(?! office)|communication and co-ordination|co-ordination and communication", 1.5),
        (r"communication between the (?:two|both) (?:governments|sides)|contact points?", 1.5),
        (r"exchanges? of visits|mutual visits|reciprocal visits", 1),
        # how the conference itself works: its mechanism, its meetings held alternately, its working meetings
        (r"(?:co-?operation|liaison|communication) mechanism|mechanism of co-?operation", 1),
        (r"alternately in|working meetings?", 1),
        (r"follow(?:-| )up (?:of |on )?(?:the )?(?:co-?operation )?(?:items|consensus)|progress of co-?operation", 1),
    ),
    # what the vocabulary's other themes do not cover: policing (not farming: its produce is often
    # the food supplied to Hong Kong, or a trade)
    T.OTHER: ((r"police|policing|crimes?|law enforcement|disciplined services", 1.5),),
}


# Chinese cue words (../shared/genre/chinese.md), per theme, in the folded form of
# cooptrack.fold (Simplified, NFKC): matched on a Chinese text's folded copy, without word
# boundaries. The English cues above are not used on Chinese text, nor these on English text.
CUES_ZH: dict[Theme, tuple[tuple[str, float], ...]] = {
    T.NATIONAL_STRATEGY: (
        (r"一带一路", 2), (r"大湾区", 2), (r"国家战略|国家发展战略", 2), (r"五年规划|十四五|十五五", 2),
        (r"成渝地区双城经济圈|长江经济带|长三角", 2),
        (r"泛珠", 2), (r"区域合作|珠三角", 1), (r"双循环", 1.5), (r"自贸区|自由贸易试验区|自贸港", 1),
    ),
    T.TRADE_INVESTMENT: (
        (r"经贸|商贸", 1.5), (r"贸易", 1), (r"投资|招商", 1), (r"企业", 0.5), (r"经济", 0.5), (r"消费", 1),
        (r"电子商务|电商", 1), (r"会展|展会|博览会|交易会", 1), (r"走出去", 1), (r"营商环境", 1), (r"CEPA", 1.5),
        (r"市场(?!准入)", 0.5), (r"品牌", 0.5), (r"工商业", 1.5),
    ),
    T.FINANCE: (
        (r"金融", 1.5), (r"金融科技", 1), (r"上市", 1.5), (r"债券", 1.5), (r"资本市场", 2), (r"保险", 1.5),
        (r"人民币", 1), (r"理财通|互联互通", 1.5), (r"银行|证券", 1), (r"融资", 1), (r"基金", 0.5),
    ),
    T.PROFESSIONAL_SERVICES: (
        (r"法律服务|律师|法律专业", 2), (r"仲裁|调解", 2), (r"争议解决", 2), (r"知识产权", 2), (r"会计", 1.5),
        (r"专业服务", 2), (r"专业资格", 2), (r"法律", 1), (r"建筑|工程顾问", 1),
        (r"司法协助|司法合作|司法交流", 2),
    ),
    T.INNOVATION_TECHNOLOGY: (
        (r"创新科技|科技创新|科创", 2), (r"科技", 1), (r"研发|科研|研究", 1), (r"数字经济|数据", 1),
        (r"智慧城市", 2), (r"科学园|科技园", 1.5), (r"人工智能|生物科技|机器人", 1), (r"实验室", 1), (r"创新", 0.5),
        (r"低空经济|无人机|半导体|集成电路", 1.5),
    ),
    T.TRANSPORT_LOGISTICS: (
        (r"航空|机场|航班", 2), (r"航运|港口|海运|邮轮|渡轮|航线", 1.5), (r"铁路|高铁", 2), (r"物流", 2),
        (r"交通|运输", 1),
        (r"口岸|通关", 1), (r"基建|基础设施", 0.5), (r"大桥|隧道|(?:跨境|跨海|深中|西部|东部|陆路)通道", 2),
    ),
    T.CULTURE_TOURISM: (
        (r"文化", 1.5), (r"艺术|演艺|文艺", 1.5), (r"旅游", 2), (r"旅客|游客|访客", 2), (r"文创|创意产业", 1.5),
        (r"文物|博物馆|非遗", 1.5), (r"体育|运动员|全运会", 2), (r"电影|戏曲|粤剧", 1),
    ),
    T.EDUCATION: (
        (r"教育", 1.5), (r"学校|姊妹学校|姐妹学校", 1.5), (r"高校|大学|院校", 1.5), (r"学生", 1), (r"教师", 1.5),
        (r"职业教育|职业培训", 1.5), (r"学术", 1), (r"培训", 0.5), (r"学童", 2),  # (跨境学童: audit zh19)
    ),
    T.YOUTH: ((r"青年|年轻人|青少年", 2), (r"实习", 2), (r"创业", 1)),
    T.HEALTH: (
        (r"医疗|医药|医学|卫生", 2), (r"医院", 2), (r"中医药|中医", 2), (r"疫情|防疫|传染病", 2),
        (r"疾病|药品|药物|病人", 1.5),
    ),
    T.ENVIRONMENT: (
        (r"环境|环保", 1.5), (r"生态", 2), (r"气候", 2), (r"污染|排放", 2), (r"海洋垃圾|废物|垃圾", 1),
        (r"碳中和|碳达峰|减碳", 1.5), (r"生物多样性", 1.5), (r"空气质素|空气质量|水质", 1.5), (r"低碳|绿色发展", 1),
        (r"水资源|水利", 1.5), (r"能源", 1),
    ),
    T.CITY_MANAGEMENT: (
        (r"城市管理|城市治理", 2), (r"公共服务", 1.5), (r"房屋|住房|物业管理", 2), (r"食品安全|食物安全", 2),
        (r"供水|供电|燃气", 1.5), (r"城市规划|城市更新", 1), (r"社会福利|安老|长者", 1),
        (r"鲜活食品|民生|(?:食品|能源|电力)供应", 1), (r"应急管理|防灾减灾|应急救援", 1.5),
    ),
    T.CIVIL_SERVICE_TALENT: (
        (r"公务员", 2.5), (r"人才", 1), (r"技能", 1.5), (r"人员交流|挂职", 1), (r"人力资源", 1.5), (r"劳动力", 1),
    ),
    T.FACILITATION: (
        (r"香港居民|香港人|港人|香港同胞", 1.5), (r"便利(?:措施|香港)", 2),
        (r"在内地(?:生活|学习|工作|就业|发展)", 1.5), (r"回乡证|通行证", 2), (r"同等待遇|国民待遇", 2), (r"一站式", 1),
    ),
    T.LIAISON: (
        (r"联络机制|定期会晤|沟通机制|两地政府|沟通协调|协调沟通|联络(?!办)", 1.5), (r"互访|高层交流|联络点|联络人", 1),
        (r"合作机制|轮流举行|工作会议", 1),
    ),
    T.OTHER: ((r"警务|治安|打击(?:跨境)?犯罪|执法合作|纪律部队", 1.5),),
}  # fmt: skip


def _anchors(pattern: str) -> tuple[str, ...] | None:
    """Words a text must hold for the pattern to match it: each top-level alternative's literal
    start, case-folded (None when an alternative starts with a group or a class: always try it).

    A text holding none of them cannot match, so the pattern is not run on it: most cues are
    absent from most measures, and this spares a regular-expression search per cue and text.
    """
    branches, depth, start = [], 0, 0
    for i, char in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
    branches.append(pattern[start:])
    out = []
    for branch in branches:
        literal = re.match(r"[\w ,'&-]*", branch)
        prefix = literal.group(0) if literal else ""
        if prefix and branch[len(prefix) : len(prefix) + 1] in ("?", "*", "{"):
            prefix = prefix[:-1]  # "houses?": the "s" may be absent
        if not prefix.strip():
            return None
        out.append(prefix.casefold())
    return tuple(out)


_COMPILED: dict[Theme, list[tuple[re.Pattern[str], float, tuple[str, ...] | None]]] = {
    theme: [(re.compile(rf"(?i)\b(?:{p})\b"), w, _anchors(p)) for p, w in cues] for theme, cues in CUES.items()
}
# Every cue in table order, and which of them each anchor may let match: a text is looked up by
# its three-character grams, so that only the anchors starting with one of them are searched for.
_CUE_LIST = [(theme, pattern, weight) for theme, cues in _COMPILED.items() for pattern, weight, _ in cues]
_ANCHORS_LIST = [anchors for cues in _COMPILED.values() for *_, anchors in cues]
_ALWAYS = frozenset(i for i, anchors in enumerate(_ANCHORS_LIST) if anchors is None)
# (those are run only on a text that holds their words: cooptrack.screen)
_ALWAYS_MAY = {i: screen(_CUE_LIST[i][1]) for i in _ALWAYS}
_CUES_OF: dict[str, list[int]] = defaultdict(list)
for _i, _anchors_of in enumerate(_ANCHORS_LIST):
    for _a in _anchors_of or ():
        _CUES_OF[_a].append(_i)
_BY_GRAM: dict[str, list[str]] = defaultdict(list)
_SHORT_ANCHORS = [a for a in _CUES_OF if len(a) < 3]
for _a in _CUES_OF:
    if len(_a) >= 3:
        _BY_GRAM[_a[:3]].append(_a)
_GRAMS = frozenset(_BY_GRAM)
# The gram starting at a character (one at most: they are all three characters long); the match
# takes that character only, so that the next search finds a gram starting at the next one.
_GRAM_AT = re.compile(f"(?=({'|'.join(map(re.escape, sorted(_GRAMS)))})).", re.DOTALL)
# Every cue starts at a word (its pattern opens with \b) and every anchor with a letter or digit: in
# a text in ASCII (folded as written, same offsets) an anchor that can match starts a word, and
# only the grams starting words are read (a word's own "por" of "support" lets no "port" match).
_WORD_GRAM = re.compile(r"\b(?=(\w..))", re.DOTALL)
_ORDER = {theme: i for i, theme in enumerate(Theme)}
HEADING_BONUS = 1.0
OVERRIDE = 2.0
_TOPIC_PHRASE = re.compile(r"^(?:On|As regards|Regarding|In respect of|As for|For)\s+[^,]{3,80},")
_FIRST_SENTENCE = re.compile(r"^.*?[.;](?=\s+[A-Z]|$)")
# A measure whose subject is making life easier for Hong Kong people in the Mainland, whatever the
# service it names: "Make it easier for Hong Kong residents in Shenzhen to use … hospitals …",
# "Provide more convenience for Hong Kong people studying in …" (audit en16; not "Facilitate Hong Kong
# enterprises …", nor professionals: their own themes).
_FACILITATION_LEAD = re.compile(
    r"(?i)^(?:(?:further|continue\s+to|jointly)\s+)?(?:make\s+it\s+(?:easier|more\s+convenient)\s+for|facilitate|"
    r"provide\s+(?:more\s+|greater\s+)?(?:convenience|facilitation)\s+(?:for|to)|implement\s+(?:the\s+)?"
    r"(?:facilitation\s+)?measures\s+(?:that|to)\s+facilitate|(?:the\s+)?facilitation\s+(?:measures\s+)?for)\s+"
    r"(?:the\s+)?hong\s+kong\s+(?:people|residents|compatriots)\b"
)
_OTHER_HEADING = re.compile(r"(?i)^(?:other(?:s| areas?| co-?operation| matters)?)\b")


Scores = defaultdict[Theme, float]
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_COMPILED_ZH = {theme: [(re.compile(p), w) for p, w in cues] for theme, cues in CUES_ZH.items()}
_FIRST_SENTENCE_ZH = re.compile(r"^[^。；]{1,400}[。；]")
_TOPIC_PHRASE_ZH = re.compile(r"^(?:在|于)?[^,，。]{2,20}方面[,，]")


def _zh_scores(text: str, scores: Scores) -> None:
    """Add the Chinese cues' weights (on the text's folded copy)."""
    from cooptrack.fold import simplified

    folded = simplified(text)
    for theme, cues in _COMPILED_ZH.items():
        for pattern, weight in cues:
            n = len(pattern.findall(folded))
            if n:
                scores[theme] += weight * n


def _candidates(folded: str) -> list[int]:
    """The cues (indices in table order) one of whose anchors the folded text holds, and those
    without anchors: the only cues that can match it."""
    # the anchors' grams the text holds (each match's group)
    grams = set(_WORD_GRAM.findall(folded)) & _GRAMS if folded.isascii() else set(_GRAM_AT.findall(folded))
    out = set(_ALWAYS)
    for gram in grams:
        for anchor in _BY_GRAM[gram]:
            if anchor in folded:
                out.update(_CUES_OF[anchor])
    for anchor in _SHORT_ANCHORS:
        if anchor in folded:
            out.update(_CUES_OF[anchor])
    return sorted(out)


@per_document
def _cue_scores(text: str) -> tuple[tuple[Theme, float], ...]:
    scores: Scores = defaultdict(float)
    for i in _candidates(text.casefold()):
        theme, pattern, weight = _CUE_LIST[i]
        if i in _ALWAYS and not _ALWAYS_MAY[i](text):
            continue
        n = len(pattern.findall(text))
        if n:
            scores[theme] += weight * n
    if not text.isascii() and _CJK.search(text):  # (a text in ASCII holds no Chinese)
        _zh_scores(text, scores)
    return tuple(scores.items())


def cue_scores(text: str) -> Scores:
    """Sum of cue weights per theme in a text, without position weighting.

    Remembered for the document (a measure's first sentence is often the whole measure, and an
    area's heading is read for the area and for each of its measures)."""
    scores: Scores = defaultdict(float)
    scores.update(_cue_scores(text))
    return scores


def measure_scores(text: str) -> Scores:
    """Cue scores with the first sentence counting twice and a topic phrase three times."""
    scores = cue_scores(text)
    chinese = not text.isascii()  # (the Chinese forms are not looked for in a text in ASCII)
    first = _FIRST_SENTENCE.match(text) or (_FIRST_SENTENCE_ZH.match(text) if chinese else None)
    if first:
        for theme, value in cue_scores(first.group(0)).items():
            scores[theme] += value
    topic = _TOPIC_PHRASE.match(text) or (_TOPIC_PHRASE_ZH.match(text) if chinese else None)
    if topic:
        for theme, value in cue_scores(topic.group(0)).items():
            scores[theme] += 2 * value
    return scores


def heading_themes(heading: str | None) -> list[Theme]:
    """Themes a heading names, strongest first ("Education and Talent Exchange" → education,
    civil service and talent)."""
    if not heading:
        return []
    if _OTHER_HEADING.match(heading.strip()):
        return [Theme.OTHER]
    scores = cue_scores(heading)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _ORDER[kv[0]]))
    top = ranked[0][1] if ranked else 0
    return [t for t, s in ranked if s >= max(1.0, top / 2)]


def measure_themes(text: str, heading: list[Theme]) -> list[Theme]:
    """Themes of a measure, primary first.

    The heading's theme stays primary when the measure speaks of it at all, unless another
    theme is far stronger (``OVERRIDE`` times): that is a measure under a lost heading. A measure
    opening on making things easier for Hong Kong people is facilitation first, whatever services
    it names.
    """
    if _FACILITATION_LEAD.match(text):
        rest = [t for t in _ranked_themes(text, heading) if t is not Theme.FACILITATION]
        return [Theme.FACILITATION, *rest[:2]]
    return _ranked_themes(text, heading)


def _ranked_themes(text: str, heading: list[Theme]) -> list[Theme]:
    scores = measure_scores(text)
    if not scores:
        return heading[:1] or [Theme.OTHER]
    if _diffuse(scores) and heading:
        return heading[:1]
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0] not in heading, _ORDER[kv[0]]))
    best, best_score = ranked[0]
    held = max((t for t in heading if scores[t] > 0), key=lambda t: scores[t], default=None)
    if held is not None and best not in heading and best_score < OVERRIDE * (scores[held] + HEADING_BONUS):
        ranked.sort(key=lambda kv: kv[0] != held)
        best_score = ranked[0][1]
    top = max(best_score, ranked[0][1])
    themes = [ranked[0][0]] + [t for t, s in ranked[1:] if s >= top * 0.6]
    close = len(themes) > 1 and scores[themes[1]] >= CLOSE * scores[themes[0]]
    if close and (themes[1] in heading) == (themes[0] in heading):
        # two themes about as strong, the heading siding with neither: the one the paragraph names first
        first, second = (_first_cue(text, t) for t in themes[:2])
        if second < first:
            themes[0], themes[1] = themes[1], themes[0]
    return themes[:3]


CLOSE = 0.8


def _first_cue(text: str, theme: Theme) -> int:
    """Where the text first names a theme by one of its cues (its length when it never does)."""
    found = [m.start() for pattern, _, _ in _COMPILED[theme] for m in [pattern.search(text)] if m]
    return min(found, default=len(text))


def _diffuse(scores: Scores) -> bool:
    """A list of many topics with none dominant ("such as CEPA, education, tourism, ...")."""
    values = sorted(scores.values(), reverse=True)
    return len(values) >= 4 and values[0] < 0.35 * sum(values)


def area_themes(heading: str | None, measures: list[list[Theme]], named: list[Theme] | None = None) -> list[Theme]:
    """An area's themes: those its heading names (``named``, when the caller has read them with
    :func:`heading_themes` for the measures), else the primaries of its measures."""
    named = heading_themes(heading) if named is None else named
    if named:
        return named
    counts = Counter(m[0] for m in measures if m)
    return [t for t, _ in counts.most_common()] or [Theme.OTHER]
