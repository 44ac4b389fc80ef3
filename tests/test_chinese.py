"""The Chinese path's building blocks ([ZH-DETECT], [ZH-FOLD], [ZH-ORD], [ZH-MECH]): folding with
spans into the text as written, numerals, pinyin removal, language found from the content, and
Chinese pages in Big5, GB18030 and without a declared charset read through the file reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from cooptrack.clean import clean
from cooptrack.clean.blocks import Block, BlockKind
from cooptrack.extract.zh.areas import enumerated
from cooptrack.extract.zh.numbers import number, year
from cooptrack.fold import fold, script, simplified, strip_pinyin
from cooptrack.mechanisms import find_zh
from cooptrack.pipeline import parse_path, parse_text
from cooptrack.vocab import Role

SYNTHETIC = Path(__file__).parent / "data" / "synthetic"


def test_folding_keeps_spans_into_the_text_as_written() -> None:
    text = "行政長官今日在廣州主持粵港合作聯席會(huì)議第二十三次會議，雙方達成共識。"
    f = fold(text)
    assert "粤港合作联席会议第二十三次会议," in f.text
    i = f.text.index("粤港合作联席会议")
    s, e = f.span(i, i + len("粤港合作联席会议"))
    assert text[s:e] == "粵港合作聯席會(huì)議"
    assert f.original(i, i + 8) == "粵港合作聯席會議"


@pytest.mark.parametrize(
    ("printed", "folded"), [("衞生", "卫生"), ("於", "于"), ("臺灣", "台湾"), ("（附圖）", "(附图)")]
)
def test_variants_and_width_fold(printed: str, folded: str) -> None:
    assert simplified(printed) == folded


def test_pinyin_is_removed_only_after_chinese() -> None:
    assert strip_pinyin("會(huì)議 領(lǐng)域 協(xié)議") == "會議 領域 協議"
    assert strip_pinyin("Hong Kong (hk) and (abc)") == "Hong Kong (hk) and (abc)"


@pytest.mark.parametrize(
    ("written", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十四", 24), ("九十九", 99), ("廿", 20), ("廿一", 21),
     ("21", 21), ("首", 1), ("十十", None), ("百", None)],
)  # fmt: skip
def test_numerals(written: str, value: int | None) -> None:
    assert number(written) == value


def test_years_with_circle_zero() -> None:
    assert year("二○二一") == 2021
    assert year("二〇二三") == 2023
    assert year("2019") == 2019


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("閩港舉行第三次合作會議", "Hong Kong/Fujian Co-operation Conference"),
        ("港深合作會議", "Hong Kong/Shenzhen Co-operation Meeting"),
        ("川港高層會晤暨川港合作會議", "Hong Kong/Sichuan Co-operation Conference"),
        ("第二次港澳合作高層會議", "Hong Kong/Macao Co-operation High Level Meeting"),
        ("粵澳合作聯席會議", "Guangdong/Macao Co-operation Joint Conference"),
        ("闽澳合作会议", "Fujian/Macao Co-operation Conference"),
    ],
)
def test_chinese_names_of_mechanisms(text: str, name: str) -> None:
    found = find_zh(text)
    assert [m.entry.name for m in found] == [name]


def test_the_greater_bay_area_is_no_mechanism() -> None:
    assert find_zh("粵港澳大灣區建設") == []


@pytest.mark.parametrize(
    "text",
    [
        "蘇港合作會議第二次會議在南京召開",
        "苏港合作会议",
        "桂港合作會議第四次會議",
        "在桂港資企業代表",
        "行政長官蘇展鴻與港商會面",
    ],
)
def test_jiangsu_and_guangxi_name_no_mechanism_of_their_own(text: str) -> None:
    # chinese.md's table of abbreviations: 蘇 / 苏 and 桂 name none (蘇 is a surname too)
    assert find_zh(text) == []


def test_a_province_without_a_row_is_named_by_its_abbreviation() -> None:
    assert [m.entry.name for m in find_zh("瓊港合作會議第四次會議在海口舉行")] == [
        "Hong Kong/Hainan Co-operation Conference"
    ]


def test_language_and_script_from_the_content() -> None:
    page = "English 繁體 简体\n行政長官與廣東省省長共同主持粵港合作聯席會議第二十次會議\n\n  雙方在會上達成共識。"
    assert clean(page).language == "zh"
    assert script(page) == "Hant"
    assert script(simplified(page)) == "Hans"
    assert clean("The Chief Executive co-chaired the meeting (粵港合作聯席會議) today.").language == "en"


def test_a_chinese_page_is_read_not_dropped() -> None:
    rec = parse_text(
        "行政長官李家超與廣東省省長王偉中今日在廣州共同主持粵港合作聯席會議第二十四次會議。\n\n雙方達成共識。"
    )
    assert rec.language == "zh"
    assert rec.relevant, rec.relevance_reason
    assert rec.partner == "Guangdong"


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
def test_chinese_encodings_through_the_file_reader(tmp_path: Path, encoding: str) -> None:
    source = SYNTHETIC / (
        "zh_mech_shanghai_2019_trad.txt" if encoding == "big5" else "zh_preside_sichuan_2023_simp.txt"
    )
    text = source.read_text("utf-8")
    path = tmp_path / f"page_{encoding}.txt"
    path.write_bytes(text.encode(encoding, "replace"))
    rec, want = parse_path(path), parse_path(source)
    assert rec.language == "zh"
    assert (rec.relevant, rec.mechanism, rec.meeting.ordinal) == (want.relevant, want.mechanism, want.meeting.ordinal)


def test_a_big5_page_without_a_declared_charset(tmp_path: Path) -> None:
    html = (
        "<html><head><title>x</title></head><body><h1>滬港合作會議第五次會議</h1>"
        "<p>行政長官林鄭月娥與上海市市長應勇今日在上海共同主持滬港合作會議第五次會議。</p></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("big5"))
    rec = parse_path(path)
    assert rec.language == "zh"
    assert rec.mechanism == "Hong Kong/Shanghai Co-operation Conference"


@pytest.mark.parametrize(
    ("page", "date"),
    [
        pytest.param(
            "滬港合作會議第七次會議在滬舉行\n2026-08-12 19:40\n\n"
            "滬港合作會議第七次會議今日在上海舉行。上海市市長龔志遠與行政長官何俊業共同主持會議。",
            "2026-08-12",
            id="bare-today-under-the-page-stamp",
        ),
        pytest.param(
            "粤港合作联席会议第三十次会议明日举行\n2027-11-19 18:00\n\n"
            "行政长官何俊业明日将在广州与广东省省长马志峰共同主持粤港合作联席会议第三十次会议。",
            "2027-11-20",
            id="bare-tomorrow-of-an-announcement",
        ),
        pytest.param(
            "鄂港合作会议第七次会议在汉举行\n2027-04-09 10:00\n\n"
            "中新社武汉4月9日电 鄂港合作会议第七次会议昨日在武汉举行,湖北省省长乔建文与行政长官何俊业共同主持会议。",
            "2027-04-08",
            id="bare-yesterday-from-the-dateline",
        ),
        pytest.param(
            "2026-02-03 11:00\n特首:浙港合作會議下月舉行\n\n"
            "行政長官何俊業今天表示,浙港合作會議第四次會議將於下個月在杭州舉行,他將率團出席。",
            None,
            id="today-dates-the-words-the-meeting-is-next-month",
        ),
        pytest.param(
            "发布时间:2026-05-02 08:00:00 来源: sp20260502\n闽港合作会议第九次会议在港举行\n\n"
            "闽港合作会议第九次会议今天在香港举行,政务司司长梁伟文与福建省常务副省长林振东共同主持会议。",
            None,
            id="a-mirrors-repost-stamp-dates-nothing",
        ),
    ],
)
def test_a_bare_day_word_counts_from_the_pages_own_date(page: str, date: str | None) -> None:
    """[ZH-DATE] synthetic: 今日 / 明日 with no day printed take the page's own stamp; not a mirror's."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert (str(rec.meeting.date) if rec.meeting.date else None, rec.meeting.date_text) == (date, None)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("湖北省副省長于明華與政務司司長連一鳴共同主持會議。", ["于明華", "連一鳴"]),
        ("重庆市副市长向阳出席会议。", ["向阳"]),
        ("浙江省省長喬志一與行政長官何俊業共同主持會議。", ["喬志一", "何俊業"]),
        ("政务司司长连立和、财政司司长邓志康随团出席。", ["连立和", "邓志康"]),
        ("行政長官於上午出席會議,並於會上致辭。", []),
        ("行政长官向记者介绍会议成果。", []),
        ("行政長官連日來在成都訪問。", []),
        ("行政長官於港會見四川省代表團。", []),
        ("行政長官何俊業一同前往。", ["何俊業"]),
        ("政務司司長連同多名官員出席。", []),
        ("國務院港澳辦副主任趙明應邀出席會議。", ["趙明"]),
        ("中联办副主任罗永纲获邀出席。", ["罗永纲"]),
        ("上海市市長應勇應邀出席。", ["應勇"]),
        ("副省長施應華出席會議。", ["施應華"]),
    ],
)
def test_a_stop_character_is_read_by_its_position_in_a_name(sentence: str, names: list[str]) -> None:
    """[ZH-PEOPLE] synthetic: 于 向 連 right after a post are surnames unless a place, a time or the
    press follows; 一 和 inside a name end it only where a word or another name starts; 應邀 / 獲邀
    after a name ends it, 應 inside or opening a name does not."""
    from cooptrack.extract.zh.people import collect
    from cooptrack.extract.zh.text import split

    assert [p.name for p in collect(split(sentence, 0, 0))] == names


_CUM = "high_level_meeting_cum_plenary"


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        ("行政長官何俊業與上海市市長龔志遠今日在上海出席滬港高層會晤暨滬港合作會議第七次會議。", _CUM),
        ("京港高层会晤暨京港合作会议第十一次会议今天在香港举行,北京市市长殷嘉一与行政长官何俊业共同主持会议。", _CUM),
        ("粵港高層會晤暨粵港合作聯席會議第三十次會議今日在廣州舉行。", _CUM),
        ("滬港合作會議第七次會議今日在上海舉行,上海市市長龔志遠與行政長官何俊業共同主持會議。", "plenary"),
        ("第廿一次港澳合作高層會議今日在香港舉行,財政司司長鄧志康主持會議。", "high_level_meeting"),
    ],
)  # fmt: skip
def test_the_text_decides_a_high_level_meeting_cum_plenary(lead: str, kind: str) -> None:
    """[ZH-KIND] synthetic: 高層會晤暨…第N次會議 is the combined kind for any conference holding
    plenaries, whatever kinds its row lists; a flash naming the plenary alone says plenary."""
    rec = parse_text(f"{lead}\n\n雙方同意加強合作。")
    assert rec.relevant, rec.relevance_reason
    assert rec.meeting.kind == kind


@pytest.mark.parametrize(
    ("page", "chairs"),
    [
        (
            "行政长官何俊业今日(三月九日)在成都与四川省省长石明远会面。\n\n"
            "他说,今日下午将与石省长共同主持川港合作会议第五次会议,就深化合作交换意见。",
            {"何俊业", "石明远"},
        ),
        (
            "行政長官何俊業今日(五月六日)在杭州與浙江省委書記許立群和浙江省省長唐偉明會面。\n\n"
            "她表示,會後會同唐省長共同主持浙港合作會議第四次會議。",
            {"何俊業", "唐偉明"},
        ),
        (
            "財政司司長鄧志康今日(九月一日)在武漢與湖北省常務副省長喬建文會面。\n\n"
            "他隨後與喬副省長共同主持鄂港合作會議第七次會議。",
            {"鄧志康", "喬建文"},
        ),
    ],
)
def test_a_pronoun_opening_the_sentence_is_the_first_person_of_the_sentence_before(page: str, chairs: set[str]) -> None:
    """[ZH-ROLE] synthetic: 他/她 then a time and a modal before 與/和/同 Y: the pronoun co-chairs too."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert {p.name for p in rec.people if "co_chair" in p.roles} == chairs


_LEAD = "行政長官何俊業與湖北省省長喬建文今日在武漢共同主持鄂港合作會議第八次會議。\n\n"


@pytest.mark.parametrize(
    ("signing", "signed"),
    [
        (
            "會上簽署《鄂港物流合作協議》。協議由運輸及物流局局長林世雄與湖北省副省長陳安簽署。",
            {"鄂港物流合作協議": ["林世雄", "陳安"]},
        ),
        (
            "会上签署《鄂港物流合作协议》和《鄂港科技合作备忘录》。其中备忘录由创新科技及工业局局长孙东明与湖北省副省长陈安签署。",
            {"鄂港物流合作协议": [], "鄂港科技合作备忘录": ["孙东明", "陈安"]},
        ),
        (  # two agreements answer to 協議: which one is not said
            "會上簽署《鄂港物流合作協議》和《鄂港旅遊合作協議》。協議由政制及內地事務局局長梁思慧與湖北省副省長陳安簽署。",
            {"鄂港物流合作協議": [], "鄂港旅遊合作協議": []},
        ),
        (
            "財政司司長鄧志康受行政長官委託出席簽約儀式,並與湖北省副省長陳安簽署《鄂港金融合作協議》。",
            {"鄂港金融合作協議": ["鄧志康", "陳安"]},
        ),
    ],
)
def test_signatories_of_a_short_title_and_of_a_with_clause(signing: str, signed: dict[str, list[str]]) -> None:
    """[ZH-AGREE] synthetic: 其中備忘錄由X與Y簽署 names the signatories of the one title it shortens;
    '…受Z委託出席簽約儀式,與Y簽署《…》' makes the sentence's subject sign with Y."""
    rec = parse_text(_LEAD + signing)
    assert {a.title: a.signatories for a in rec.agreements} == signed


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        pytest.param(
            "渝港合作會議第五次會議今天在重慶舉行\n\n"
            "渝港合作會議第五次會議今天在重慶舉行,重慶市市長韋志強與行政長官何俊業共同主持會議,"
            "雙方表示,渝港兩地攜手共創更加美好的明天。",
            "report",
            id="a-better-tomorrow-in-a-report",
        ),
        pytest.param(
            "鄂港合作会议第八次会议今天召开\n\n"
            "鄂港合作会议第八次会议今天在武汉召开,双方同意深化合作,共创美好明天。"
            "湖北省省长江立群与行政长官何俊业共同主持会议。",
            "report",
            id="a-better-tomorrow-without-its-particle",
        ),
        pytest.param(
            "京港合作會議第十次會議今天在北京舉行\n\n"
            "會議今天上午在北京舉行,由北京市市長殷志遠與行政長官何俊業共同主持。"
            "殷志遠致辭時表示,京港兩地要攜手共創更美好的明天。",
            "report",
            id="the-meeting-named-in-the-headline-only",
        ),
        pytest.param(
            "浙港合作會議第六次會議明天舉行\n\n"
            "行政長官何俊業明天將在杭州與浙江省省長韋志強共同主持浙港合作會議第六次會議。",
            "announcement",
            id="tomorrow-of-an-announcement",
        ),
    ],
)
def test_a_better_tomorrow_is_no_day(page: str, kind: str) -> None:
    """[ZH-DOCKIND] synthetic: 明天 in "a better tomorrow" (美好的明天, 美好明天), a common close of
    officials' remarks, announces nothing; a meeting held 今天 is reported."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert rec.document_kind.value == kind


@pytest.mark.parametrize(
    ("page", "chairs"),
    [
        pytest.param(
            "川港合作會議第三次會議今日舉行\n\n四川省省長黃立新和行政長官何俊業今日在成都主持川港合作會議第三次會議。",
            {"黃立新", "何俊業"},
            id="preside-the-meetings-name",
        ),
        pytest.param(
            "闽港合作会议第十次会议今日举行\n\n"
            "福建省省长林振东今日在福州与政务司司长梁伟文一同主持闽港合作会议第十次会议。",
            {"林振东", "梁伟文"},
            id="together-preside",
        ),
        pytest.param(
            "渝港合作會議第四次會議今日舉行\n\n"
            "渝港合作會議第四次會議今日在重慶舉行。重慶市市長韋志強主持簽約儀式,行政長官何俊業出席。",
            set(),
            id="presiding-a-signing-ceremony-is-no-chair",
        ),
        pytest.param(
            "浙港合作会议第五次会议今日举行\n\n"
            "浙港合作会议第五次会议今日在杭州举行。浙江省副省长周晓明主持记者会,介绍会议成果。",
            set(),
            id="presiding-a-press-conference-is-no-chair",
        ),
    ],
)
def test_presiding_the_meeting_by_its_name(page: str, chairs: set[str]) -> None:
    """[ZH-ROLE] synthetic: 主持 makes co-chairs of whoever presides the meeting, named as 會議 or by
    its own name (主持川港合作會議第三次會議), and 一同主持 as 共同主持; presiding a ceremony or a
    press conference chairs nothing."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert {p.name for p in rec.people if Role.CO_CHAIR in p.roles} == chairs


@pytest.mark.parametrize(
    ("page", "relevant"),
    [
        pytest.param(
            "特首在成都與四川省委書記會晤\n\n行政長官蘇展鴻今日(19日)在成都與四川省委書記羅建明"
            "就深化川港合作交換意見。\n\n雙方同意,川港合作會議第六次會議明年在香港舉行。",
            False,
            id="a-meeting-between-two-leaders-is-a-call",
        ),
        pytest.param(
            "行政长官与湖北省委书记会晤 鄂港合作会议将于年内召开\n\n"
            "行政长官苏展鸿今日在武汉与湖北省委书记方志远就两地合作交换意见。\n\n鄂港合作会议第五次会议将于年内在香港召开。",
            False,
            id="after-a-call-naming-the-next-meeting",
        ),
        pytest.param(
            "京港高層會晤在北京舉行\n\n京港高層會晤今日(9日)在北京舉行。北京市委書記尹志成與行政長官蘇展鴻共同主持會晤。",
            True,
            id="contrast-the-high-level-meeting-itself",
        ),
        pytest.param(
            "粤港合作二十五周年座谈活动举行\n\n为纪念粤港合作联席会议机制建立二十五周年,"
            "两地政府今日(30日)在广州举行座谈活动。政务司司长方启明出席并致辞。",
            False,
            id="a-symposium-marking-the-mechanism",
        ),
        pytest.param(
            "滬港合作十五周年座談在滬舉行\n\n滬港合作會議機制建立十五周年,兩地政府今日(12日)在上海舉行座談,"
            "財政司司長彭志文出席。",
            False,
            id="after-a-symposium-in-another-clause",
        ),
        pytest.param(
            "粵港合作項目簽約儀式在穗舉行\n\n粵港合作聯席會議第廿七次會議今日在廣州舉行,會後舉行簽約儀式。",
            True,
            id="contrast-a-signing-ceremony-after-the-meeting-held",
        ),
        pytest.param(
            "第十一屆「一帶一路」高峰論壇開幕\n\n第十一屆「一帶一路」高峰論壇今日(10日)在香港開幕。\n\n"
            "商務及經濟發展局局長黃永康表示,推進香港全面參與和助力「一帶一路」建設聯席會議第六次會議今年七月在北京舉行。",
            False,
            id="a-meeting-held-in-a-month-of-this-year",
        ),
        pytest.param(
            "特首出席大湾区论坛致辞\n\n行政长官苏展鸿今日出席大湾区发展论坛并致辞。\n\n"
            "他表示,粤港合作联席会议第二十六次会议上月在港举行,两地就多个范畴达成共识。",
            False,
            id="after-a-meeting-held-last-month",
        ),
    ],
)
def test_a_page_about_another_event_is_no_meetings_record(page: str, relevant: bool) -> None:
    """[ZH-NEG] synthetic: 會晤 alone (not 高層會晤) is a call and 座談 a symposium, whose 舉行 is the
    event's own; a meeting held 今年七月 or 上月 is another time than the page's."""
    rec = parse_text(page)
    assert rec.relevant is relevant, rec.relevance_reason


@pytest.mark.parametrize(
    ("page", "date"),
    [
        pytest.param(
            "闽港合作会议第七次会议在港召开\n\n"
            "2026年12月3日电 闽港合作会议第七次会议3日在香港召开。会议由福建省常务副省长吴振邦和"
            "香港特区政府政务司司长方启明联合主持。",
            "2026-12-03",
            id="a-dateline-of-year-month-day",
        ),
        pytest.param(
            "滬港合作會議第六次會議在港舉行\n\n"
            "人民網香港2025年6月10日電 滬港合作會議第六次會議今日在香港舉行,"
            "上海市市長陸振宇與行政長官蘇展鴻共同主持會議。",
            "2025-06-10",
            id="after-an-agencys-dateline-and-today",
        ),
        pytest.param(
            "闽港合作会议第六次会议在榕举行\n\n"
            "中新社福州9月24日电 闽港合作会议第六次会议24日在福州举行。"
            "福建省常务副省长吴振邦与政务司司长方启明共同主持会议。",
            None,
            id="contrast-a-dateline-without-its-year",
        ),
    ],
)
def test_a_dateline_printing_its_year_dates_the_meeting(page: str, date: str | None) -> None:
    """[ZH-DATE] synthetic: a dateline that prints its year (2026年12月3日电) is a date the page
    prints: the meeting's 3日 or 今日 takes its year; a dateline of month and day gives none."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert (str(rec.meeting.date) if rec.meeting.date else None) == date


_BODY = "\n\n行政長官蘇展鴻今日與湖北省省長劉子健在武漢共同主持鄂港合作會議第四次會議,雙方簽署多份合作協議。"


@pytest.mark.parametrize(
    ("head", "title", "date"),
    [
        pytest.param("２０２６年０４月２０日　１７：４５　来源：浙江日报\n鄂港合作會議在漢舉行", "鄂港合作會議在漢舉行",
                     "2026-04-20", id="a-full-width-page-line"),
        pytest.param("澳门日报 2026-05-12\n鄂港合作會議在漢舉行", "鄂港合作會議在漢舉行", "2026-05-12",
                     id="a-papers-name-and-its-date"),
        pytest.param("湖北日報網 2027-05-18 19:40\n鄂港合作會議在漢舉行", "鄂港合作會議在漢舉行", "2027-05-18",
                     id="a-sites-name-and-its-stamp"),
        pytest.param("鄂港合作會議在漢舉行\n来源:云南日报  2026-08-27 09:30", "鄂港合作會議在漢舉行", "2026-08-27",
                     id="the-source-then-the-stamp"),
        pytest.param("鄂港合作會議在漢舉行\n发布时间:2027-06-18", "鄂港合作會議在漢舉行", "2027-06-18",
                     id="the-pages-own-publication-date"),
        pytest.param("鄂港合作會議在漢舉行\n福建日报记者 林华 报道", "鄂港合作會議在漢舉行", None,
                     id="a-reporters-line"),
        pytest.param("大公報 2025年12月8日\n鄂港合作會議在漢舉行\n本報記者 陳強、李明", "鄂港合作會議在漢舉行",
                     "2025-12-08", id="after-a-masthead-with-a-chinese-date-and-two-reporters"),
        pytest.param("鄂港合作會議在漢舉行\n來源：文匯網　2025-07-02 10:11", "鄂港合作會議在漢舉行", "2025-07-02",
                     id="after-a-full-width-source-line"),
        pytest.param("鄂港合作會議在漢舉行\n发布时间:2026-05-02 08:00:00 来源: sp20260502", "鄂港合作會議在漢舉行",
                     None, id="contrast-a-mirrors-stamp"),
    ],
)  # fmt: skip
def test_page_lines_of_a_source_and_its_date(head: str, title: str, date: str | None) -> None:
    """[ZH-NOISE] synthetic: a page line of a source and its date, in either order and in either
    width (澳門日報 2026-05-12, 來源:X 2026-08-27 09:30, ２０２６年０４月２０日　１７：４５　來源：X), and the
    page's own 發佈時間 date the page; a reporter's line is no part of the headline; a mirror's
    stamp (來源: spYYYYMMDD) dates nothing."""
    rec = parse_text(head + _BODY)
    assert rec.title == title
    assert (str(rec.meeting.date) if rec.meeting.date else None) == date


@pytest.mark.parametrize(
    ("head", "title"),
    [
        pytest.param("2025年3月6日\n內地事務\n政務司司長在武漢主持鄂港合作會議", "政務司司長在武漢主持鄂港合作會議",
                     id="a-portals-section-tag"),
        pytest.param("浙江在线 > 浙江新闻 > 时政\n鄂港合作会议第四次会议在汉举行", "鄂港合作会议第四次会议在汉举行",
                     id="a-breadcrumb-opening-with-the-sites-name"),
        pytest.param("2027年9月20日\n行政與公民\n特首下旬赴漢出席鄂港合作會議", "特首下旬赴漢出席鄂港合作會議",
                     id="after-another-section-tag"),
        pytest.param("湖北日报网 >> 新闻 >> 要闻 >> 正文\n鄂港合作会议在汉举行", "鄂港合作会议在汉举行",
                     id="after-a-breadcrumb-of-double-marks"),
        pytest.param("鄂港合作會議第四次會議\n雙方簽署三份協議", "鄂港合作會議第四次會議 雙方簽署三份協議",
                     id="contrast-a-headline-on-two-lines"),
        pytest.param("【政情】\n鄂港合作會議 簽三份協議", "【政情】 鄂港合作會議 簽三份協議",
                     id="contrast-a-column-tag"),
    ],
)  # fmt: skip
def test_a_section_tag_or_a_breadcrumb_over_the_headline_is_not_the_headlines(head: str, title: str) -> None:
    """[ZH-TITLE] [ZH-NOISE] synthetic: a portal's section tag (a few characters over a headline
    more than twice as long) and a site's breadcrumb of three items or more, whatever its first
    (浙江在線 > 浙江新聞 > 時政), are chrome; a headline on two lines and a column tag are the headline."""
    rec = parse_text(head + _BODY)
    assert rec.title == title


@pytest.mark.parametrize(
    ("page", "chairs"),
    [
        pytest.param(
            "京港高層會晤在北京舉行\n\n京港高層會晤今日(9日)在北京舉行。北京市委書記尹志成與行政長官蘇展鴻共同主持會晤,"
            "北京市市長殷立群出席。",
            {"尹志成", "蘇展鴻"},
            id="co-chairing-the-meeting-named-as-such",
        ),
        pytest.param(
            "渝港高层会晤在港举行\n\n渝港高层会晤今天在香港举行,会晤由重庆市委书记夏振声和行政长官苏展鸿主持。",
            {"夏振声", "苏展鸿"},
            id="after-the-meeting-presided-by",
        ),
        pytest.param(
            "川港合作會議第五次會議在蓉舉行\n\n行政長官蘇展鴻今日在成都與四川省委書記羅建明會晤。"
            "川港合作會議第五次會議其後舉行,由四川省省長陳洪傑與蘇展鴻共同主持。",
            {"陳洪傑", "蘇展鴻"},
            id="contrast-a-meeting-between-two-leaders",
        ),
    ],
)
def test_the_high_level_meeting_presided_is_no_call(page: str, chairs: set[str]) -> None:
    """[ZH-ROLE] synthetic: 會晤 presided (共同主持會晤, 會晤由X和Y主持) is the high-level meeting
    itself, so its chairs co-chair; 與Y會晤 alone is a call, which gives Y no role."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert {p.name for p in rec.people if Role.CO_CHAIR in p.roles} == chairs


@pytest.mark.parametrize(
    ("page", "kind", "ordinal"),
    [
        pytest.param(
            "京港高層會晤在北京舉行\n\n京港高層會晤今日(9日)在北京舉行。北京市委書記尹志成與行政長官蘇展鴻共同主持會晤。\n\n"
            "雙方同意在科技創新、文化和金融方面加強合作,並商定京港合作會議第二十五次會議於年內在港舉行。",
            "high_level_meeting",
            None,
            id="the-next-plenary-within-the-year",
        ),
        pytest.param(
            "沪港高层会晤在沪举行\n\n沪港高层会晤今天在上海举行,上海市委书记陈立明与行政长官苏展鸿共同主持会晤。\n\n"
            "双方商定,沪港合作会议第七次会议将于下半年在香港举行。",
            "high_level_meeting",
            None,
            id="after-the-next-plenary-in-the-second-half",
        ),
        pytest.param(
            "粵港合作聯席會議第二十六次會議在港舉行\n\n粵港合作聯席會議第二十六次會議今日在香港舉行,"
            "行政長官蘇展鴻與廣東省省長梁毅恒共同主持會議。\n\n雙方商定,粵港合作聯席會議第二十七次會議明年在廣州舉行。",
            "plenary",
            26,
            id="contrast-the-plenary-held-and-the-next",
        ),
    ],
)
def test_a_reports_coming_meeting_is_not_its_meeting(page: str, kind: str, ordinal: int | None) -> None:
    """[ZH-KIND] [ZH-ORD] synthetic: a report's sentence about the next meeting (於年內, 將於下半年,
    明年) names another meeting: its number and kind are not those of the meeting held."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert (rec.meeting.kind, rec.meeting.ordinal) == (kind, ordinal)


@pytest.mark.parametrize(
    ("signing", "signed"),
    [
        pytest.param(
            "兩地喺會上簽咗《渝港科技創新合作備忘》。", {"渝港科技創新合作備忘": []}, id="signed-in-cantonese"
        ),
        pytest.param(
            "財政司司長彭志文同重慶市副市長沈國強簽咗《渝港金融合作協議》。",
            {"渝港金融合作協議": ["彭志文", "沈國強"]},
            id="after-signed-with-someone",
        ),
        pytest.param("兩地喺會上簽咗8份合作文件。", {}, id="contrast-agreements-only-counted"),
    ],
)
def test_cantonese_signed(signing: str, signed: dict[str, list[str]]) -> None:
    """[ZH-CANTO] [ZH-AGREE] synthetic: Cantonese 簽咗 is 簽署了: a titled agreement is signed, 同X簽咗
    makes X a signatory with the subject; 簽咗N份 describes agreements without their titles."""
    page = (
        "【晨早新聞】特首喺重慶主持渝港合作會議\n\n"
        "特首蘇展鴻噚日喺重慶同重慶市市長胡文博一齊主持渝港合作會議第三次會議。"
    )
    rec = parse_text(page + signing)
    assert {a.title: a.signatories for a in rec.agreements} == signed


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (
            "政制及內地事務局局長何思遠與廣東省港澳事務辦公室主任林曉東簽署了《紀要》。",
            [("何思遠", "政制及內地事務局局長", "HK"), ("林曉東", "廣東省港澳事務辦公室主任", "Mainland")],
        ),
        (  # written after the rule
            "重庆市发展和改革委员会副主任李强与财经事务及库务局局长叶佩芝签署协议。",
            [("李强", "重庆市发展和改革委员会副主任", "Mainland"), ("叶佩芝", "财经事务及库务局局长", "HK")],
        ),
        (  # written after the rule
            "湖北省商務廳廳長張明出席。",
            [("張明", "湖北省商務廳廳長", "Mainland")],
        ),
        (
            "公务员事务局局长杨慧敏与浙江省人力资源和社会保障厅厅长方正签署。",
            [("杨慧敏", "公务员事务局局长", "HK"), ("方正", "浙江省人力资源和社会保障厅厅长", "Mainland")],
        ),
        (  # written after the rule
            "旅遊事務專員陳美儀和福建省文化和旅遊廳副廳長張林出席。",
            [("張林", "福建省文化和旅遊廳副廳長", "Mainland")],
        ),
        (  # contrast: 和 between two people
            "廣東省省長梁毅恒和財經事務及庫務局局長葉佩芝出席。",
            [("梁毅恒", "廣東省省長", "Mainland"), ("葉佩芝", "財經事務及庫務局局長", "HK")],
        ),
        (  # contrast: Hong Kong's bureaus are not a province's departments
            "香港特区政府发展局局长宁汉豪出席会议。",
            [("宁汉豪", "香港特区政府发展局局长", "HK")],
        ),
    ],
)
def test_the_head_of_a_provinces_department_is_a_person(sentence: str, found: list[tuple[str, str, str]]) -> None:
    """[ZH-PEOPLE] synthetic: the head of a province's or a city's department, named with its place
    (廣東省港澳事務辦公室主任X, 湖北省商務廳廳長X; a 和 inside the department's name, 人力資源和社會保障廳),
    often an agreement's signatory, is a Mainland person."""
    from cooptrack.extract.zh.people import collect
    from cooptrack.extract.zh.text import split

    assert [(p.name, p.post, p.side.value) for p in collect(split(sentence, 0, 0))] == found


@pytest.mark.parametrize(
    ("page", "ordinal"),
    [
        pytest.param(
            "特首:浙港合作會議機制將正式啟動\n\n"
            "行政長官蘇展鴻今日(15日)表示,浙港合作會議機制將於下個月正式啟動,首次會議將在杭州舉行,屆時他會率團出席。",
            1,
            id="the-first-meeting-after-the-launch",
        ),
        pytest.param(
            "沪港合作会议今日在沪举行\n\n"
            "沪港合作会议今日在上海举行,这是沪港两地政府在该机制下第七次开会。上海市市长陆振宇与行政长官苏展鸿共同主持会议。",
            7,
            id="met-for-the-seventh-time",
        ),
        pytest.param(
            "港澳合作高層會議在澳門舉行\n\n港澳合作高層會議今日在澳門舉行,是兩地政府第十四次會議,由財政司司長彭志文主持。",
            14,
            id="after-the-fourteenth-meeting-of-the-two",
        ),
        pytest.param(
            "特首:浙港合作會議機制將正式啟動\n\n"
            "行政長官蘇展鴻今日(15日)表示,浙港合作會議機制將於下個月正式啟動,屆時他會率團出席。",
            None,
            id="contrast-a-launch-alone",
        ),
        pytest.param(
            "港深合作會議今日舉行\n\n港深合作會議今日在深圳舉行,雙方回顧了首次會議以來的合作進展。",
            None,
            id="contrast-the-first-meeting-as-another-time",
        ),
    ],
)
def test_the_meetings_number_in_a_clause_of_its_own(page: str, ordinal: int | None) -> None:
    """[ZH-ORD] synthetic: a statement naming the mechanism may give the meeting's number in a
    later clause (…將正式啟動,首次會議將在杭州舉行; …這是兩地政府第七次開會); 啟動 alone gives none,
    nor does a meeting of another time (首次會議以來)."""
    rec = parse_text(page)
    assert rec.relevant, rec.relevance_reason
    assert rec.meeting.ordinal == ordinal


@pytest.mark.parametrize(
    ("page", "relevant"),
    [
        pytest.param(
            "粤港合作联席会议框架下的粤港海洋资源护养专责小组举行第五次会议\n\n"
            "粤港海洋资源护养专责小组第五次会议今日在广州举行。环境及生态局副局长黄志明与广东省自然资源厅副厅长林峰"
            "共同主持会议。\n\n双方表示,会在粤港合作联席会议的框架下,继续加强海洋生态保护方面的合作。",
            False,
            id="a-task-forces-meeting-under-the-conference",
        ),
        pytest.param(
            "閩港合作會議框架下的旅遊合作工作小組舉行會議\n\n"
            "旅遊合作工作小組第三次會議今日在福州舉行。會議由旅遊事務專員陳美儀和福建省文化和旅遊廳副廳長張林共同主持。"
            "\n\n小組會把會議成果提交閩港合作會議。",
            False,
            id="after-a-working-groups-meeting",
        ),
        pytest.param(
            "閩港合作會議第九次會議在港舉行\n\n會議今日在香港舉行,由政務司司長曾立達與福建省常務副省長吳振邦共同主持。",
            True,
            id="contrast-the-conference-named-in-the-headline",
        ),
    ],
)
def test_the_meeting_of_a_body_under_the_mechanism_is_not_the_mechanisms(page: str, relevant: bool) -> None:
    """[ZH-NEG] synthetic: a headline naming the mechanism as the framework of another body
    (…合作聯席會議框架下的…專責小組) makes the body's 會議 the body's: its chairs chair no meeting of
    the mechanism; a headline naming the mechanism itself makes 會議 its meeting."""
    rec = parse_text(page)
    assert rec.relevant is relevant, rec.relevance_reason


@pytest.mark.parametrize(
    ("paragraph", "items"),
    [
        pytest.param(
            "會上，雙方同意：（一）深化經貿合作；（二）加強金融合作；（三）擴大青年交流。",
            ["深化經貿合作", "加強金融合作", "擴大青年交流"],
            id="bracketed-chinese-numerals-full-width",
        ),
        pytest.param(
            "会议商定,下一步双方将重点推进以下合作:一是深化经贸合作;二是拓展金融合作。",
            ["深化经贸合作", "拓展金融合作"],
            id="yishi-ershi-half-width",
        ),
        pytest.param(
            "會議議定了合作重點：1.共同推動企業上市；2.共建聯合實驗室；3.加強航運合作。此外，雙方亦會保持溝通。",
            ["共同推動企業上市", "共建聯合實驗室", "加強航運合作"],
            id="arabic-labels-the-last-closing-at-its-stop",
        ),
        pytest.param(
            "雙方決定：(1)合辦文化交流活動；(2)推動博物館互訪。",
            ["合辦文化交流活動", "推動博物館互訪"],
            id="bracketed-arabic-digits",
        ),
        pytest.param(
            "双方一致同意，一是加快基建，提升通关便利，二是深化金融合作，三是推动医疗合作。",
            ["加快基建，提升通关便利", "深化金融合作", "推动医疗合作"],
            id="yishi-with-commas-between-and-inside-items",
        ),
        pytest.param(
            "李家超表示，希望兩地一是加強金融合作；二是深化航運合作。", [], id="contrast-a-leaders-numbered-hopes"
        ),
        pytest.param(
            "雙方回顧了上次會議議定的合作事項：（一）聯合推廣旅遊；（二）便利跨境交通。",
            [],
            id="contrast-a-review-of-the-last-meetings-items",
        ),
        pytest.param(
            "會上，雙方同意並簽署了以下文件：（一）《甲備忘錄》；（二）《乙協議》。", [], id="contrast-documents-signed"
        ),
        pytest.param("雙方同意：（一）深化經貿合作；（三）擴大青年交流。", [], id="contrast-a-gap-in-the-numbers"),
        pytest.param("雙方同意，標準的統一是合作的基礎，兩地將加強規則銜接。", [], id="contrast-a-word-holding-yishi"),
    ],
)
def test_items_numbered_inside_one_paragraph(paragraph: str, items: list[str]) -> None:
    """[ZH-AREAS] synthetic (audit zh13): a paragraph numbering what the meeting agreed gives one
    measure per item, its label and closing mark apart; a leader's hopes, a review, a signing, a
    broken numbering and a word holding 一是 give none."""
    block = Block(BlockKind.PARAGRAPH, paragraph, 100, 100 + len(paragraph))
    found = enumerated(block)
    assert [b.text for b in found] == items
    assert all(paragraph[b.start - 100 : b.end - 100] == b.text for b in found)


def test_items_numbered_inside_one_paragraph_under_a_heading() -> None:
    """[ZH-AREAS] synthetic (audit zh13): under a heading line of the areas, a paragraph numbering its
    items (1.…；2.…) gives that heading one measure per item; a plain paragraph stays one measure."""
    page = (
        "行政長官與廣東省省長共同主持粵港合作聯席會議第二十八次會議\n\n"
        "行政長官李家超今日（十月二十八日）在香港與廣東省省長王偉中共同主持粵港合作聯席會議第二十八次會議。\n\n"
        "雙方就以下兩個範疇的合作達成共識：\n\n（一）跨境基建\n\n1.加快港深西部鐵路的規劃；2.優化口岸通關安排。\n\n"
        "（二）金融合作\n\n雙方同意擴大跨境理財通的參與機構範圍。\n\n"
        "會後，雙方簽署了《粵港合作聯席會議第二十八次會議紀要》。\n"
    )
    rec = parse_text(page)
    assert rec.declared_area_count == 2
    assert [(a.heading, [m.text for m in a.measures]) for a in rec.areas] == [
        ("跨境基建", ["加快港深西部鐵路的規劃", "優化口岸通關安排"]),
        ("金融合作", ["雙方同意擴大跨境理財通的參與機構範圍。"]),
    ]


@pytest.mark.parametrize(
    ("line", "ends", "footer"),
    [
        pytest.param("完／2027年9月8日（星期三）／香港時間16時05分", True, "2027-09-08", id="full-width-slashes"),
        pytest.param("完/2027年3月4日(星期四)/香港時間20時10分", True, "2027-03-04", id="ascii-slashes"),
        pytest.param("完／2027年9月8日（星期三）", True, "2027-09-08", id="no-time"),
    ],
)
def test_end_block_on_one_line(line: str, ends: bool, footer: str) -> None:
    """[ZH-NOISE] synthetic (audit zh14): the Government's end block printed on one line, its parts
    apart by slashes, closes the release and gives its date."""
    from cooptrack.clean.zh import furniture

    got = furniture(line, after_end=False)
    assert got is not None and got.ends is ends
    assert str(got.footer_date) == footer


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        pytest.param("分享到：微信 微博 QQ空間", True, id="share-bar"),
        pytest.param("分享至：微博 | 微信 | QQ空间", True, id="share-bar-bars"),
        pytest.param("【字體：大 中 小】", True, id="font-size-alone"),
        pytest.param("來源：湖北日報　　責任編輯：周曉雯　　發佈時間：2027-06-22 20:41", True, id="info-line-editor"),
        pytest.param("李家超在會上分享了香港的經驗。", False, id="contrast-shared-in-prose"),
        pytest.param("分享交流心得", False, id="contrast-sharing-no-service"),
    ],
)
def test_share_bar_and_font_row(line: str, chrome: bool) -> None:
    """[ZH-NOISE] synthetic (audit zh14): a share bar naming its services, the font-size tool alone
    and an information line holding 責任編輯 are the site's; prose that shares is not."""
    from cooptrack.clean.zh import furniture

    assert (furniture(line, after_end=False) is not None) is chrome


def test_officials_one_a_line_attend() -> None:
    """[ZH-ROLE] synthetic (audit zh14): officials listed one a line after 出席會議的…官員包括： are
    attendees; people listed one a line after a lead-in that attends nothing take no role; a post
    held by 兩地 names no one."""
    page = (
        "行政長官與浙江省省長共同主持浙港合作會議第三次會議\n\n"
        "行政長官李家超今日（十月十九日）在杭州與浙江省省長劉永昌共同主持浙港合作會議第三次會議。"
        "會議每年由兩地行政長官輪流主持。\n\n"
        "出席會議的香港特區政府官員包括：\n政務司司長陳國基\n財政司司長陳茂波\n\n"
        "駐杭州聯絡人員如下：\n香港特區政府駐上海經濟貿易辦事處主任黃少雄\n"
    )
    rec = parse_text(page)
    roles = {p.name: set(p.roles) for p in rec.people}
    assert roles["陳國基"] == {Role.ATTENDEE}
    assert roles["陳茂波"] == {Role.ATTENDEE}
    assert not roles.get("黃少雄")
    assert "由兩地" not in roles and "兩地" not in roles


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param("第九次港澳合作高層會議今（25）日下午在澳門舉行。", "report", id="today-bracketed-day"),
        pytest.param(
            "行政長官岑浩輝明（12）日赴港出席第十次港澳合作高層會議。", "announcement", id="tomorrow-bracketed-day"
        ),
    ],
)
def test_bracketed_day_before_ri(sentence: str, kind: str) -> None:
    """[ZH-DATE] synthetic (audit zh14): Macao's 今(25)日 and 明(12)日 are today and tomorrow with their
    day, counted under the page's stamp."""
    stamp = "2027-08-25 18:00" if kind == "report" else "2027-08-11 18:00"  # the page's day: 今 its day, 明 the next
    page = f"行政長官出席第十次港澳合作高層會議\n{stamp}\n\n{sentence}\n"
    rec = parse_text(page)
    assert rec.document_kind.value == kind
    assert rec.meeting is not None
    assert rec.meeting.date is not None and rec.meeting.date.day == (25 if kind == "report" else 12)


@pytest.mark.parametrize(
    ("sentence", "signers"),
    [
        pytest.param(
            "會上，《粵港合作聯席會議第二十七次會議紀要》由省長何雲峰代表廣東省人民政府，"
            "與行政長官李家超代表香港特別行政區政府共同簽署。",
            ["何雲峰", "李家超"],
            id="comma-before-the-second-signer",
        ),
        pytest.param(
            "會議由省長何雲峰與行政長官李家超共同主持，會後雙方簽署了《粵港合作聯席會議第二十七次會議紀要》。",
            [],
            id="contrast-chaired-by-then-signed",
        ),
    ],
)
def test_signed_by_across_a_comma(sentence: str, signers: list[str]) -> None:
    """[ZH-AGREE] synthetic (audit zh14): 由X代表甲，與Y代表乙共同簽署 names both signers, the comma before
    與 inside the clause; a clause of chairing before a signing names none."""
    page = (
        "粵港合作聯席會議第二十七次會議在穗舉行\n2027-11-03 21:30\n\n"
        "11月3日，粵港合作聯席會議第二十七次會議在廣州舉行。廣東省省長何雲峰與香港特別行政區行政長官李家超共同主持會議。\n\n"
        f"{sentence}\n"
    )
    rec = parse_text(page)
    assert [sorted(a.signatories) for a in rec.agreements] == [sorted(signers)]


def test_heading_labels_digits_in_brackets() -> None:
    """[ZH-AREAS] synthetic (audit zh14): heading lines labelled （1） or (1) keep the heading alone."""
    page = (
        "行政長官與北京市市長共同主持京港合作會議第七次會議\n\n"
        "行政長官李家超今日（九月十四日）在北京與北京市市長殷勇共同主持京港合作會議第七次會議。\n\n"
        "會上，雙方確定了以下兩個範疇的合作重點：\n\n（1）科技創新\n\n支持兩地高校共建聯合實驗室。\n\n"
        "(2) 文化交流\n\n在北京舉辦香港文化周。\n\n會後，雙方簽署了《京港合作會議第七次會議紀要》。\n"
    )
    rec = parse_text(page)
    assert [a.heading for a in rec.areas] == ["科技創新", "文化交流"]


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        pytest.param("👆點擊上方藍字，關注我們", True, id="hand-pointing-up"),
        pytest.param("▲点击上方蓝字关注我们", True, id="arrow"),
        pytest.param("點擊上方藍字關注我們", True, id="no-hand"),
        pytest.param("👆李家超點擊上方的按鈕", False, id="contrast-no-banner"),
    ],
)
def test_wechat_follow_banner_with_a_hand(line: str, chrome: bool) -> None:
    """[ZH-NOISE] synthetic (audit zh14): a WeChat account's follow banner with a hand or an arrow
    pointing up before it is the account's."""
    from cooptrack.clean.chrome import catalogue

    assert (catalogue().line(line) is not None) is chrome


@pytest.mark.parametrize(
    ("signing", "signed"),
    [
        (  # each title after its own 由…簽署的 (a list of three, Traditional)
            "會上,由財經事務及庫務局局長鄭啟明與湖北省副省長陳安簽署的《鄂港金融合作協議》、"
            "由創新科技及工業局局長孫東明與湖北省科技廳廳長羅文簽署的《鄂港科技合作備忘錄》,"
            "以及由教育局局長余思源與湖北省教育廳廳長夏侯明簽署的《鄂港教育交流協議》正式生效。",
            {
                "鄂港金融合作協議": ["鄭啟明", "陳安"],
                "鄂港科技合作備忘錄": ["孫東明", "羅文"],
                "鄂港教育交流協議": ["余思源", "夏侯明"],
            },
        ),
        (  # two clauses in Simplified, the second naming two titles
            "会上,由政制及内地事务局局长梁思慧与湖北省副省长陈安签署了《鄂港合作会议第八次会议纪要》,"
            "由运输及物流局局长林世雄与湖北省交通运输厅厅长郑健签署了《鄂港物流合作协议》和《鄂港航运合作备忘录》。",
            {
                "鄂港合作会议第八次会议纪要": ["梁思慧", "陈安"],
                "鄂港物流合作协议": ["林世雄", "郑健"],
                "鄂港航运合作备忘录": ["林世雄", "郑健"],
            },
        ),
        (  # a contrast: one 由…簽署 before its titles signs them all
            "會上,由政制及內地事務局局長梁思慧與湖北省副省長陳安簽署了《鄂港合作會議第八次會議紀要》和《鄂港物流合作協議》。",
            {"鄂港合作會議第八次會議紀要": ["梁思慧", "陳安"], "鄂港物流合作協議": ["梁思慧", "陳安"]},
        ),
    ],
)
def test_each_title_is_signed_by_the_clause_naming_it(signing: str, signed: dict[str, list[str]]) -> None:
    """[ZH-AGREE] synthetic: 由X與Y簽署的《A》、由P與Q簽署的《B》: each 由…簽署 names who signed the titles
    right after it, up to the next such clause (all had been given the first clause's signers)."""
    rec = parse_text(_LEAD + signing)
    assert {a.title: a.signatories for a in rec.agreements} == signed


_T, _S = "閩港合作會議第四次會議舉行", "闽港合作会议第四次会议举行"
_ZH_COUNT_PAGE = (
    "{title}\n\n"
    "行政長官今日（五月十二日）在福州與福建省省長共同主持閩港合作會議第四次會議。{lead}\n\n"
    "會上，雙方簽署了《閩港青年交流合作協議》。\n"
)


@pytest.mark.parametrize(
    ("title", "lead", "count"),
    [
        pytest.param("閩港雙方就五方面合作達成共識", "", 5, id="headline-on-five-aspects"),
        pytest.param(_T, "雙方在四大領域深化合作，並同意定期檢視進度。", 4, id="lead-in-four-fields"),
        pytest.param(_S, "会议达成三方面共识。", 3, id="lead-reached-three-aspects"),
        pytest.param(_S, "双方就六大方面的合作交换了意见并达成共识。", 6, id="six-big-aspects"),
        pytest.param(_T, "一方面擴大貿易，另一方面便利人員往來。", None, id="contrast-on-the-one-hand"),
        pytest.param(_T, "雙方同意在多方面加強合作。", None, id="contrast-many-aspects"),
        pytest.param(_T, "他表示，希望兩地今後在兩方面多下功夫。", None, id="contrast-a-leaders-hope"),
    ],
)
def test_a_count_of_aspects_agreed_on(title: str, lead: str, count: int | None) -> None:
    """[ZH-COUNT] synthetic: 就N方面 / 在N大領域 / 達成N方面共識 declare the meeting's count of areas
    without 個; 一方面 (on the one hand), 多方面 and a leader's hope declare none."""
    rec = parse_text(_ZH_COUNT_PAGE.format(title=title, lead=lead))
    assert rec.relevant
    assert rec.declared_area_count == count
