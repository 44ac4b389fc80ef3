"""Chinese page furniture that needs more than a line of the chrome catalogue ([ZH-NOISE], [ZH-FOLD]).

The catalogue (``data/chrome.toml``) holds the Chinese chrome that is a plain line (跳至主要內容,
字型大小, 分享到:, licence lines, breadcrumbs, 責任編輯:X …). This module reads what carries a
date or closes the release, and mends lines before the scan:

* :func:`prepare`: injected pinyin removed from every line (``會(huì)議`` → ``會議``, the printed
  line kept as the removal's text, for provenance); an end mark glued to the last sentence
  (``…。(完)``, ``【编辑:X】``) and a share label glued to the headline (``…分享到:``) put on lines
  of their own;
* :func:`furniture`: the end marks (``完``, ``(完)``, ``【编辑:X】``, ``責任編輯:X``), the GIA end block
  (``YYYY年M月D日(星期X)`` gives the release's year, ``香港時間HH時MM分``, ``即日新聞``), the dated
  lines of portals and news sites (``YYYY年M月D日``, ``發佈日期: YYYY-MM-DD HH:MM``, a broadcaster's
  ``即時新聞: 本地 • YYYY-MM-DD HH:MM``, ``當前報章YYYY年M月D日``, ``YYYY年MM月DD日 HH:MM | 来源:…``, the
  source first ``来源:X YYYY-MM-DD HH:MM``, a paper's or a site's name and its date ``澳門日報 YYYY-MM-DD``,
  the page's own ``发布时间:YYYY-MM-DD``, a site's page-information line of labelled fields
  ``来源:X 发布时间:YYYY-MM-DD 【字体:大 中 小】 打印本页``), read in either width (NFKC), which date the page, a
  mirror's own stamp (``发布时间:… 来源: spYYYYMMDD``: no date source), photo
  captions (``…(政府新聞處)``, ``(記者X攝)``, ``資料圖``), a reporter's line (``本報記者 X 報道``) and a
  repost's ``(原标题:…)``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from cooptrack.clean.chrome import catalogue
from cooptrack.clean.page import Line
from cooptrack.dates import safe_date
from cooptrack.record import Removed
from cooptrack.vocab import RemovalReason

# A lower-case syllable (with tone marks) in ASCII parentheses right after a Chinese character.
PINYIN = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])\([a-z\u00e0-\u00fc\u0101-\u01dc]{1,7}\)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _holds_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character: never a text in ASCII (most lines of most pages),
    which ``str.isascii`` tells in one step where the search reads every character."""
    return not text.isascii() and _CJK.search(text) is not None


# (完 in any bracket closes the story: (完), 【完】, 〔完〕, [完] (audit zh17: a Macao page's 【完】 had been
# no end mark, the page flagged truncated))
_BRACKETED_END = r"[(（\[［【〔]完[)）\]］】〕]"
_END_GLUED = re.compile(
    rf"(?<=\S)\s*(?P<mark>{_BRACKETED_END}|【(?:编辑|編輯|责任编辑|責任編輯)[:：][^】]{{1,20}}】)\s*$"
)
_SHARE_GLUED = re.compile(r"(?<=\S)\s*(?P<mark>分享到\s?[:：]?)\s*$")

_Y, _M, _D = r"(?P<y>(?:19|20)\d\d)", r"(?P<m>\d{1,2})", r"(?P<d>\d{1,2})"
# (an editor's credit on a line of its own after the story closes it too, alone or with the credits
# of whoever reviewed it: '编辑:孙悦', '编辑:刘洋 审核:王静', '編輯:小灣 | 審核:阿區'; audit zh11)
_CREDIT = (
    r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編|审核|審核|审校|審校|校对|校對|监制|監製|终审|終審)"
    r"\s?[:：]\s?[^\s|｜:：]{1,12}"
)
# (a news portal's editors in brackets after the story, '(责编:刘洋、王静)', '（責編：劉洋）'; audit zh13)
_CREDIT_BRACKETED = (
    r"[(（](?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s?[:：]\s?[^()（）:：]{1,20}"
    r"(?:\s{0,3}[,，、]?\s{0,3}(?:审核|審核|校对|校對)\s?[:：]\s?[^()（）:：]{1,12}){0,2}[)）]"
)
# (a news agency's correction link before its editor's credit: '【纠错】 【责任编辑:王琳】'; audit zh20)
_END = re.compile(
    rf"完|{_BRACKETED_END}|(?:【(?:纠错|糾錯)】\s{{0,3}})?【(?:编辑|編輯|责任编辑|責任編輯)[:：][^】]{{1,20}}】|(?:责任编辑|責任編輯)\s?[:：]\s?\S{{1,20}}"
    rf"|{_CREDIT}(?:\s{{0,3}}[|｜]?\s{{0,3}}{_CREDIT}){{0,3}}|{_CREDIT_BRACKETED}"
)
_GIA_DATE = re.compile(rf"{_Y}年{_M}月{_D}日\s?[(（]星期[一二三四五六日天][)）]")
_GIA_TIME = re.compile(r"香港(?:時間|时间)\s?\d{1,2}\s?[時时]\s?\d{1,2}\s?分|即日(?:新聞|新闻)")
# (the end block printed on one line, its parts apart by slashes: '完／2027年9月8日（星期三）／香港時間16時05分',
# read after NFKC; audit zh14)
_GIA_END_LINE = re.compile(
    rf"[(（]?完[)）]?\s?/\s?{_GIA_DATE.pattern}(?:\s?/\s?(?:{_GIA_TIME.pattern}))?(?:\s?/\s?即日(?:新聞|新闻))?"
)
# A share bar: 分享到 and the services it names ('分享到：微信 微博 QQ空間'; audit zh14)
_SHARE_BAR = re.compile(
    r"(?:分享到|分享至|分享)\s?[:：]?\s?(?:(?:微信|微博|新浪微博|騰訊微博|腾讯微博|朋友圈|QQ空間|QQ空间|QQ好友|QQ|豆瓣"
    r"|人人網|人人网|複製鏈接|复制链接|Facebook|Twitter|WhatsApp|LinkedIn)\s{0,3}[|｜、]?\s{0,3}){1,10}"
)
# (a clock after it, with nothing else on the line, is the page's stamp too: '2026年4月15日 21:05', printed
# in full-width digits as '２０２６年４月１５日　２１：０５', read after NFKC; audit zh10)
_DATE_LINE = re.compile(
    r"(?:(?:當前報章|当前报章)\s?)?(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:\s?星期[一二三四五六日天])?"
    r"(?:\s{1,3}\d{1,2}:\d{2}(?::\d{2})?)?"
)
# The same date line in Chinese numerals, as a paper's page prints its day ('二〇二六年三月十二日　星期四';
# audit zh15: it had been joined to the headline and the page left undated).
_CN_DIGIT = "〇一二三四五六七八九"
_CN_DATE_LINE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>十[一二]?|[一二三四五六七八九])月"
    r"(?P<d>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日(?:\s?星期[一二三四五六日天])?"
)
# A paper's, a broadcaster's or a site's name: a few characters ending as media names end (a
# government's portal too, '湖北省人民政府门户网站'; audit zh13).
_MASTHEAD = (
    r"[\u3400-\u9fff]{1,10}(?:日报|日報|晚报|晚報|时报|時報|商报|商報|报|報|网站|網站|网|網|在线|在線|新闻|新聞|电视台|電視台|电台|電台"
    r"|通讯社|通訊社|社|客户端|客戶端)"
)
# 'Published': every way it is written (發佈 in Hong Kong, 發布 in Traditional copies of Mainland
# pages, 发布), with time or date, and on a bilingual page its English twin (發佈日期 Date:)
_PUBLISHED = r"(?:发布|發佈|發布|发佈)(?:时间|時間|日期)(?:\s?(?:Date|Time|Published|Release Date))?"
# A clock as a stamp prints it: 10:28, 10:28:05, or in characters as Mainland portals do (10时28分)
_CLOCK = r"(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s?[时時]\s?\d{1,2}\s?分)"
_STAMPS = (
    # (after the page's section tag, its spans run together: '港聞 發佈時間：2026-09-22 20:15'; audit html7)
    re.compile(
        rf"(?:[\u3400-\u9fff]{{2,4}}\s{{1,3}}(?:[|｜]\s?)?)?(?:{_PUBLISHED}|更新日期)\s?[:：]\s?{_Y}-{_M}-{_D}"
        r"(?:\s?\d{1,2}:\d{2}(?::\d{2})?)?"
    ),
    # (its date in characters, as Macao's pages print it: '發佈日期：2026年11月20日 19:03'; audit zh15)
    re.compile(rf"(?:{_PUBLISHED}|更新日期)\s?[:：]\s?{_Y}年{_M}月{_D}日(?:\s?{_CLOCK})?"),
    re.compile(rf"{_PUBLISHED}\s?[:：]\s?\d{{1,2}}:\d{{2}}\s{_Y}-{_M}-{_D}"),
    re.compile(
        rf".{{0,40}}即(?:時|时)(?:新聞|新闻)\s?[:：].{{0,20}}[•·]\s?{_Y}-{_M}-{_D}\s?\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    ),
    re.compile(rf"{_Y}年{_M}月{_D}日\s?{_CLOCK}\s?(?:\|\s?)?(?:来源|來源)\s?[:：].{{0,60}}"),
    # a WeChat account's line under the headline: '原创 <author> <account> 2025年11月20日 21:36 重庆', its
    # page's spans run together ('<author> <account> 2025-06-19 18:02 發表於香港'): the article's own time,
    # the place it was posted from after it (audit zh11)
    *(
        re.compile(
            rf"(?:(?:原创|原創)\s{{1,3}})?(?:[^\s,，。:：]{{1,20}}\s{{1,3}}){{1,3}}{when}\s?{_CLOCK}"
            r"(?:\s{1,3}(?:发表于|發表於)?[\u4e00-\u9fff]{2,8})?"
        )
        for when in (f"{_Y}年{_M}月{_D}日", f"{_Y}-{_M}-{_D}")
    ),
    re.compile(
        rf"{_Y}-{_M}-{_D}\s?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s{{0,3}}(?:\|\s?)?(?:来源|來源)\s?[:：].{{0,60}})?"
    ),
    # the page's own 发布时间 with its date first (a mirror's, with 来源: spYYYYMMDD, is read before)
    re.compile(rf"{_PUBLISHED}\s?[:：]\s?{_Y}-{_M}-{_D}(?:\s?\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"),
    # the source first, then the stamp ('来源:云南日报 2026-08-27 09:30'); a paper's or a site's
    # name, then its stamp ('澳门日报 2026-05-12', '湖北日報網 2027-05-18 19:40', '华龙网 2026年5月12日 10时28分')
    *(
        re.compile(rf"{who}\s{{1,4}}{when}(?:\s?{_CLOCK})?")
        for who in (r"(?:来源|來源)\s?[:：]\s?\S{1,20}", _MASTHEAD)
        for when in (f"{_Y}-{_M}-{_D}", f"{_Y}年{_M}月{_D}日")
    ),
    # a provincial site's own line: its name and 消息 / 讯, the stamp, then the source ('四川在线消息
    # 2027年11月12日 18:40 | 来源:四川日报'; audit zh12)
    *(
        re.compile(
            rf"{_MASTHEAD}(?:消息|讯|訊)?\s{{1,4}}{when}(?:\s?{_CLOCK})?\s{{0,3}}(?:[|｜]\s?)?(?:来源|來源)\s?[:：].{{0,60}}"
        )
        for when in (f"{_Y}-{_M}-{_D}", f"{_Y}年{_M}月{_D}日")
    ),
)
_MIRROR_STAMP = re.compile(
    _PUBLISHED + r"\s?[:：]\s?\d{4}-\d\d-\d\d\s?[\d:]{0,8}\s{0,3}(?:来源|來源)\s?[:：]\s?sp\d{8}"
)
# A site's page-information line: labelled fields side by side, one of them the page's date
# ('来源:广东省人民政府门户网站 发布时间:2025-09-19 08:15:22 【字体:大 中 小】 打印本页',
# '发布时间:2025-04-23 09:12:45 信息来源:湖北日报', '2025-05-28 来源:四川省人民政府网站 浏览次数:88'),
# the fields in any order, spaced or run together as an HTML page's spans print them.
_INFO_DATE = rf"{_Y}(?:-|/|年)\s?{_M}(?:-|/|月)\s?{_D}日?(?:\s?\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
_INFO_DATE_PLAIN = re.sub(r"\?P<[ymd]>", "?:", _INFO_DATE)
_INFO_LABEL = (
    r"(?:信息|文章|稿件)?(?:来源|來源|出处|出處|稿源)|作者|(?:责任|責任)?(?:编辑|編輯)|(?:发布|發佈|發布|更新|录入|錄入)(?:时间|時間|日期)"
    r"|(?:浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問)(?:次数|次數|量|数|數)?"
)
# The font-size tool: '【字体:大 中 小】', '字號:[大] [中] [小]', its sizes in one bracket with spaces inside
# ('字号：[ 大 中 小 ]'; audit html7).
_FONT = r"【?\s?(?:字体|字體|字号|字號)\s?[:：]?\s?\[?\s?大\s?\]?\s?\[?\s?中\s?\]?\s?\[?\s?小\s?\]?\s?】?"
_INFO_FIELD = (
    rf"(?:(?:发布|發佈|發布|更新)(?:时间|時間|日期)\s?[:：]\s?)?{_INFO_DATE_PLAIN}"
    rf"|(?:{_INFO_LABEL})\s?[:：]\s?(?:(?!{_INFO_LABEL}|【)\S){{1,30}}?"
    rf"|{_FONT}"
    r"|【?\s?(?:打印本页|打印本頁|打\s?印|关闭窗口|關閉窗口|关闭本页|關閉本頁|关闭|關閉|收藏|纠错|糾錯)\s?】?|分享到\s?[:：]?"
)
# the font-size tool alone on its line ('【字體：大 中 小】'; audit zh14)
_FONT_ROW = re.compile(_FONT)
_INFO_LINE = re.compile(rf"(?:(?:{_INFO_FIELD})[\s|｜]{{0,4}}){{2,8}}")
_INFO_DATE_RE = re.compile(_INFO_DATE)
# The field of the row that dates the page when it prints more than one date: its publication
# ('发布时间:2025-12-29 09:10 … 更新日期:2026-01-05': the day it was published, not the day it was
# last touched; audit zh20)
_INFO_PUBLISHED = re.compile(rf"{_PUBLISHED}\s?[:：]\s?{_INFO_DATE}")
# A reporter's line under the headline ('福建日报记者 林华 报道', '本報記者 陳強', '記者:王蕾 攝影:李明').
_BYLINE = re.compile(
    r"(?:[\u3400-\u9fff]{0,10}?(?:记者|記者|通讯员|通訊員)\s?[:：]?\s?[\u3400-\u9fff]{2,4}"
    r"(?:[、\s]\s?[\u3400-\u9fff]{2,4}){0,3}\s?(?:报道|報道|报导|報導|摄影|攝影|摄|攝)?\s?){1,3}"
)
_CAPTION = re.compile(
    r".{2,300}[(（](?:政府新聞處|政府新闻处|(?:記者|记者)\s?\S{1,6}?\s?(?:攝|摄))[)）]|(?:資料圖|资料图)(?:片)?"
    r"|(?:图为|圖為|图片为|圖片為).{0,80}?(?:记者|記者)\s?\S{1,6}?\s?(?:摄|攝)"
    # a news agency's photo credit closing the caption's sentence: '…举行。新华社记者 刘海燕 摄' (audit zh20)
    r"|.{2,300}?[。.]\s?(?:新华社|新華社|中新社)?(?:记者|記者)\s?[\u4e00-\u9fff]{2,4}(?:\s?[、\s][\u4e00-\u9fff]{2,4})?\s?(?:摄|攝)"
    r"|(?:图片来源|圖片來源|图源|圖源|图片|圖片)\s?[:：]\s?\S.{0,40}"
)
_SLOGAN = re.compile(r"[^,，。:：;；!?！？]{2,12}(?:\s[^,，。:：;；!?！？]{2,12}){0,2}")
_ORIGINAL_TITLE = re.compile(r"[(（](?:原標題|原标题)\s?[:：].{2,200}[)）]")


@dataclass(frozen=True)
class Furniture:
    """A line of Chinese furniture: why it goes, whether it closes the release, the date it gives."""

    reason: RemovalReason
    ends: bool = False
    footer_date: dt.date | None = None
    page_date: dt.date | None = None


def prepare(lines: list[str]) -> tuple[list[str], list[Removed]]:
    """Lines with injected pinyin removed and glued end marks put on lines of their own; on a
    Chinese page, the English site furniture above its first Chinese line and below its last."""
    lines, removed = _foreign_edges(lines)
    lines = _english_twins(lines, removed)
    lines = _split_glued_lead(lines)
    out: list[str] = []
    slogans = False  # after a repost's (原标题:…), its slogan sub-heads
    for line in lines:
        if not _holds_chinese(line):
            out.append(line)
            continue
        if slogans and _SLOGAN.fullmatch(line.strip()):
            removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=line.strip(), detail="a slogan sub-head"))
            continue
        slogans = bool(_ORIGINAL_TITLE.fullmatch(line.strip()))
        plain = PINYIN.sub("", line)
        if plain != line:
            removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=line, detail="injected pinyin removed"))
        glued = _END_GLUED.search(plain) or _SHARE_GLUED.search(plain)
        if glued:
            out.extend([plain[: glued.start()], glued["mark"]])
        else:
            out.append(plain)
    return out, removed


_SENTENCE_MARK = re.compile(r"[。！？；!?;，,:：]")
# Where a lead glued to its headline begins: a post, a bracketed source or a wire's name, then the
# day of the meeting before the first full stop ('…第二十四次会议 双方签署多份合作协议行政长官李家超与…今日(6日)…').
_LEAD_GLUED = re.compile(
    r"^(?P<head>[^。，,]{8,80}?)(?P<lead>(?:署理)?(?:行政長官|行政长官|政務司司長|政务司司长|財政司司長|财政司司长"
    r"|國務院|国务院|【[^】]{2,12}】|新華社|新华社|中新社)[^。]{0,80}?(?:今日|今天|昨日|昨天|明日|\d{1,2}日)[^。]{0,300}。.*)$"
)


def prose(line: str) -> bool:
    """A line of Chinese prose: 30 Chinese characters or more, closing a sentence (a Chinese
    paragraph is short in characters, so the English measure of 80 does not hold)."""
    return len(_CJK.findall(line)) >= 30 and bool(re.search(r"[。！？]", line))


# A wire's dateline on a line of its own, with its reporters' byline at most ('中新社北京7月6日电
# (记者 王丽华)'): a copy that prints it above the headline; never the headline's (audit zh12).
_DATELINE_LINE = re.compile(
    r"[^。,，\s]{2,16}?(?:[0-9一二三四五六七八九十]{1,3})月(?:[0-9一二三四五六七八九十]{1,3})日(?:电|電|讯|訊)"
    r"\s?(?:[(（][^()（）]{1,30}[)）])?"
)
# A portal's section tag on a line of its own above the headline: a few characters, no mark, no
# bracket (a column tag 【政情】 is part of the headline).
_SECTION_TAG = re.compile(r"[\u3400-\u9fff]{2,6}")
# A note in brackets on a line of its own (an editor's or a page's note, a photo tag).
_NOTE_LINE = re.compile(r"[(（【〔][^()（）【】〔〕]{1,60}[)）】〕]")


def join_headline(
    title: str | None, lines: list[Line], removed: list[Removed] | None = None
) -> tuple[str | None, list[Line]]:
    """A Chinese headline printed on two lines is one, joined with a space ([ZH-TITLE]): a short
    line right under it (no blank line between) that ends no sentence, over the lead (not the site's
    name printed there: 澳門特別行政區政府入口網站 is cut); a first
    line of a few characters over a headline more than twice its length is a portal's section
    tag (內地事務 over the headline), not the headline's. A first line holding a full stop is the
    lead of a page that prints no headline (a wire's item). A wire's dateline alone above the
    headline is not the headline: the line under it is, and the dateline opens the body."""
    if title and _CJK.search(title) and re.search(r"。.", title.rstrip() + "~"):
        return None, [Line(title, False), *lines]  # a page with no headline: its first line is the lead
    if not title or not _CJK.search(title) or _SENTENCE_MARK.search(title[-1:]) or len(lines) < 2:
        return title, lines
    second = lines[0]
    # the lead under a note in brackets ('（本文为…）', '(附圖)'): the note is neither the headline's nor
    # the lead (audit zh19: a site's name over the headline had been kept as the title)
    notes = 1
    while notes < min(len(lines) - 1, 3) and _NOTE_LINE.fullmatch(lines[notes].text.strip()):
        notes += 1
    lead = lines[notes]
    head = second.text.strip()
    headline = _CJK.search(head) and len(head) <= 60 and not _SENTENCE_MARK.search(head[-1:]) and "。" not in head
    if headline and _DATELINE_LINE.fullmatch(title.strip()):  # the dateline above the headline
        return head, [Line(title, False), *lines[1:]]
    text = second.text.strip()
    if second.blank_before or second.indented or not _CJK.search(text) or len(text) > 60:
        return title, lines
    if _SENTENCE_MARK.search(text) or len(lead.text) < 40 or "。" not in lead.text:
        return title, lines
    if len(text) <= 30 and catalogue().head(text) is not None:  # the site's name under the headline
        if removed is not None:
            removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=text, detail="the site's name"))
        return title, lines[1:]
    # a section tag over the headline (內地事務, 政府動態, a Macao page's 新聞局), over a headline of any
    # length a line holds (audit zh19: one of 33 characters had been left under its tag)
    if _SECTION_TAG.fullmatch(title.strip()) and len(text) > 2 * len(title.strip()):
        if removed is not None:
            removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=title.strip(), detail="a section tag"))
        return text, lines[1:]
    if len(text) > 30:
        return title, lines
    return f"{title.rstrip()} {text}", lines[1:]


def _split_glued_lead(lines: list[str]) -> list[str]:
    """A broadcaster's repost glues its headline to the lead: the first Chinese line that runs
    from a headline (no full stop, no comma) into a lead opening with a post or a source and
    the day ('…协议行政长官李家超与…今日(6日)…。') is split there ([ZH-TITLE])."""
    for i, line in enumerate(lines[:6]):
        if not _holds_chinese(line) or furniture(line.strip(), after_end=False) is not None:
            continue
        m = _LEAD_GLUED.match(line.strip()) if len(line) > 60 else None
        return [*lines[:i], m["head"], m["lead"], *lines[i + 1 :]] if m else lines
    return lines


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_STAMP_LINE = re.compile(r"\d{4}[-/.年]\d{1,2}")


def _chinese_line(line: str) -> bool:
    """A line of the Chinese page itself, not a bilingual banner or menu ('Beijing Municipal
    Government | 北京市人民政府', '中文 | English'): Chinese outweighs English, no '|' beside English."""
    latin = len(_LATIN_WORD.findall(line))
    return len(_CJK.findall(line)) > 2 * latin and not (latin and "|" in line)


def _foreign_edges(lines: list[str]) -> tuple[list[str], list[Removed]]:
    """A Chinese page's English lines before its first Chinese line and after its last one (a
    site's name, its menu, 'Copyright …', 'Privacy | Terms of Use', a bilingual banner), and a
    bilingual menu label above its first paragraph: the
    release is in Chinese, so they are the site's furniture ([ZH-DETECT]). Date stamps stay for
    the scanner to read."""
    text = "\n".join(lines)
    if not _holds_chinese(text):
        return lines, []  # no Chinese line (most pages): nothing to look for
    chinese = [i for i, line in enumerate(lines) if _chinese_line(line)]
    if not chinese or len(_CJK.findall(text)) <= 2 * len(_LATIN_WORD.findall(text)):
        return lines, []
    first, last = chinese[0], chinese[-1]
    story = [i for i in chinese if prose(lines[i])]
    told = story[-1] if story else last  # an English summary or twin after the story's last paragraph
    removed: list[Removed] = []
    kept: list[str] = []
    opens = story[0] if story else first
    for i, line in enumerate(lines):
        # (a line with no Chinese at all above the story's first paragraph is the site's too: a Macao
        # page prints its Portuguese name under its Chinese one, 'Portal do Governo da Região …'; audit zh19)
        head = i < opens and (_menu_pair(line) or not _holds_chinese(line))
        edge = i < first or i > last or (told < i and not _chinese_line(line)) or head
        if edge and _LATIN_WORD.search(line) and not _STAMP_LINE.search(line):
            detail = "English site furniture around a Chinese page"
            removed.append(Removed(reason=RemovalReason.SITE_NAVIGATION, text=line.strip(), detail=detail))
            continue
        kept.append(line)
    return kept, removed


def _menu_pair(line: str) -> bool:
    """A bilingual menu label above the story: a few Chinese characters and their English or
    Portuguese twin apart by '|' ('Notícias | 新聞', 'News | 新聞', on Macao's pages; audit zh12)."""
    return "|" in line and bool(_LATIN_WORD.search(line)) and len(_CJK.findall(line)) <= 6 and not _chinese_line(line)


# English words right after Chinese on a bilingual page's line ('首頁 Home > 新聞稿 Press Releases',
# '發佈日期 Date: 2026-05-26', a headline and its English twin): the twin of the Chinese before it.
_ENGLISH_TWIN = re.compile(  # (or its Portuguese twin, on Macao's pages: 'Gabinete de Comunicação Social'; audit zh19)
    r"(?<=[\u3400-\u9fff])\s+[A-Za-z][A-Za-z\u00c0-\u00ff'\u2019&/.\-]*"
    r"(?:\s+(?:[A-Za-z][A-Za-z\u00c0-\u00ff'\u2019&/.\-]*|\d{1,4}(?=\s+[A-Za-z])))*"
    r"(?=\s*(?:$|[:：>|｜/»]))"  # up to the line's end or a separator, never inside a Chinese phrase
)


def _english_twins(lines: list[str], removed: list[Removed]) -> list[str]:
    """On a bilingual page read as Chinese, a line that is not a sentence and gives each Chinese
    part its English twin (a masthead, a breadcrumb, a date's label, the headline) is read without
    the English words ([ZH-DETECT], audit zh10); a line the chrome catalogue knows as it stands
    ('無綫新聞 TVB News', 'English 繁體 简体') is left to it."""
    if not _chinese_page(lines):
        return lines
    out = []
    for line in lines:
        if (
            len(line) > 200
            or not _holds_chinese(line)
            or re.search(r"[。！？；]", line)
            or len(_LATIN_WORD.findall(line)) < 2
            or catalogue().line(line.strip()) is not None
        ):
            out.append(line)
            continue
        plain = _ENGLISH_TWIN.sub("", line)
        if plain != line:
            detail = "the English twin of a bilingual line"
            removed.append(Removed(reason=RemovalReason.PAGE_CHROME, text=line.strip(), detail=detail))
        out.append(plain)
    return out


def _chinese_page(lines: list[str]) -> bool:
    """A page whose Chinese outweighs its English (twice the English words in characters)."""
    text = "\n".join(lines)
    return _holds_chinese(text) and len(_CJK.findall(text)) > 2 * len(_LATIN_WORD.findall(text))


# A full-width form (：, digits, letters): a stamp line of a Chinese page may hold no Chinese character
# but its width ('2025-11-14 19：20'; audit meta)
_WIDE = re.compile(r"[\uff01-\uff5e]")


def furniture(line: str, *, after_end: bool) -> Furniture | None:
    """What the line is, when it is Chinese furniture (None: it is not)."""
    if len(line) > 120 or not (_holds_chinese(line) or (not line.isascii() and _WIDE.search(line))):
        return None
    line = unicodedata.normalize("NFKC", line).strip()  # full-width digits, colons, spaces ([ZH-FOLD])
    line = _SPACED_DATE.sub("", line)  # 2026 年 11 月 20 日: a date typeset with spaces (audit zh15)
    if _END.fullmatch(line):
        return Furniture(RemovalReason.FOOTER, ends=True)
    m = _GIA_DATE.fullmatch(line)
    if m:
        return Furniture(RemovalReason.FOOTER, ends=True, footer_date=_date(m))
    m = _GIA_END_LINE.fullmatch(line)
    if m:
        return Furniture(RemovalReason.FOOTER, ends=True, footer_date=_date(m))
    if _SHARE_BAR.fullmatch(line) or _FONT_ROW.fullmatch(line):
        return Furniture(RemovalReason.PAGE_CHROME)
    if _GIA_TIME.fullmatch(line):
        return Furniture(RemovalReason.FOOTER)
    if _MIRROR_STAMP.match(line):
        return Furniture(RemovalReason.PAGE_CHROME)
    m = _DATE_LINE.fullmatch(line)
    if m:
        if after_end:
            return Furniture(RemovalReason.FOOTER, footer_date=_date(m))
        return Furniture(RemovalReason.PAGE_CHROME, page_date=_date(m))
    m = _CN_DATE_LINE.fullmatch(line)
    if m:
        day = _cn_date(m)
        return (
            Furniture(RemovalReason.FOOTER, footer_date=day)
            if after_end
            else Furniture(RemovalReason.PAGE_CHROME, page_date=day)
        )
    for stamp in _STAMPS:
        m = stamp.fullmatch(line)
        if m:
            return Furniture(RemovalReason.PAGE_CHROME, page_date=_date(m))
    if _INFO_LINE.fullmatch(line):
        dates = {_date(d) for d in _INFO_DATE_RE.finditer(line)}
        # the page's own date, read when the line prints one date only, or one labelled as its
        # publication among others (an update's); a line of the fields with no date ('【字体:大 中
        # 小】【打印本页】【关闭窗口】') is the site's all the same (audit zh11)
        published = {_date(d) for d in _INFO_PUBLISHED.finditer(line)} if len(dates) > 1 else dates
        return Furniture(RemovalReason.PAGE_CHROME, page_date=published.pop() if len(published) == 1 else None)
    if _BYLINE.fullmatch(line):
        return Furniture(RemovalReason.PAGE_CHROME)
    if _CAPTION.fullmatch(line):
        return Furniture(RemovalReason.PHOTO_CAPTION)
    if _ORIGINAL_TITLE.fullmatch(line):
        return Furniture(RemovalReason.DUPLICATE_TITLE)
    return None


# The spaces a page's typesetting puts between a date's numbers and its characters ('2026 年 11 月 20 日').
_SPACED_DATE = re.compile(r"(?<=\d)\s(?=[年月日])|(?<=[年月])\s(?=\d)")


def _date(m: re.Match[str]) -> dt.date | None:
    return safe_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _cn_number(text: str) -> int:
    """一 to 三十一 as a date writes them (十二, 二十一, 三十)."""
    tens, ten, units = text.partition("十")
    if not ten:
        return _CN_DIGIT.index(text)
    return (_CN_DIGIT.index(tens) if tens else 1) * 10 + (_CN_DIGIT.index(units) if units else 0)


def _cn_date(m: re.Match[str]) -> dt.date | None:
    """The date of a line in Chinese numerals, the year digit by digit (二〇二六, 二○二六, 二零二六)."""
    year = int("".join(str(_CN_DIGIT.index(c)) for c in m["y"].replace("○", "〇").replace("零", "〇")))
    return safe_date(year, _cn_number(m["m"]), _cn_number(m["d"]))
