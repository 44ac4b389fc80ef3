"""What follows the last area is no measure of it (synthetic releases written for this test).

A release, or a news story, goes on after its last area with where the conference meets next,
the visit around the meeting, the delegation's way home, the signing that came with it and its
photos. Those paragraphs had been read as the last area's measures. Each group below holds the
wordings the rules were written on, wordings written before the rules and run after them (held
out), and measures of the same shape that must stay measures.
"""

from __future__ import annotations

import pytest

from cooptrack.pipeline import parse_text
from hunan_release import AREAS, AREAS_ZH, release, release_zh

CLOSING_EN = [
    "The two sides agreed that the Fourth Plenary Session will be held in Hong Kong in 2028.",
    "The next meeting of the Conference will take place in Hong Kong next year.",
    "During his stay in Changsha, Mr Chan also visited a technology park and met Hong Kong people working there.",
    "Mr Chan will return to Hong Kong tomorrow evening.",
    "The Plenary Session was preceded by a signing ceremony for four co-operation agreements.",
    "Photos of the meeting are available on the website.",
    # held out
    "It was agreed that the Fifth Plenary will be convened in Changsha in 2029.",
    "The Conference's next meeting is expected to take place in Hong Kong in 2027.",
    "While in Changsha, Mr Chan also toured the Xiangjiang New Area.",
    "The delegation will return to Hong Kong on Saturday.",
    "The meeting was followed by a signing ceremony for three agreements.",
    "Photos of the plenary are attached.",
]
MEASURES_EN = [
    "Jointly organise a tourism promotion week, which will be held in Hong Kong in the autumn.",
    "Support the hosting of the World Tourism Congress, which will take place in Changsha in 2027.",
    "Photovoltaic industry co-operation will be strengthened, with a forum held each year.",
    "Encourage Hong Kong people working in Hunan to return to Hong Kong for training courses.",
    "During the Expo, the two sides will hold business matching sessions for small enterprises.",
]
CLOSING_ZH = [
    "雙方商定，第四次會議將於二〇二八年在香港舉行。",
    "下一次會議將於明年在長沙舉行。",
    "訪問期間，陳國基還參觀了湘江新區。",
    "陳國基將於明日返港。",
    # held out
    "第五次會議定於二〇二九年在長沙召開。",
    "在長沙期間，代表團亦到訪了科技園。",
    "代表團明天返回香港。",
]
MEASURES_ZH = [
    "共同舉辦旅遊推廣周，活動將於秋季在香港舉行。",
    "支持在香港舉辦世界旅遊大會。",
    "鼓勵在湘港人返港參加培訓課程。",
]


def _measures(page: str) -> list[str]:
    rec = parse_text(page)
    assert [a.heading for a in rec.areas][:2] in (["Trade and investment", "Tourism"], ["經貿合作", "旅遊合作"])
    return [m.text for a in rec.areas for m in a.measures]


@pytest.mark.parametrize("paragraph", CLOSING_EN)
def test_an_english_closing_paragraph_is_no_measure(paragraph: str) -> None:
    measures = _measures(release(after=f"     {paragraph}"))
    assert measures == [
        "Jointly organise investment promotion events in ASEAN countries.",
        "Jointly promote multi-destination tourism products.",
    ]


@pytest.mark.parametrize("paragraph", MEASURES_EN)
def test_an_english_measure_of_the_same_shape_stays_one(paragraph: str) -> None:
    assert _measures(release(after=f"     {paragraph}"))[-1] == paragraph


@pytest.mark.parametrize("paragraph", CLOSING_ZH)
def test_a_chinese_closing_paragraph_is_no_measure(paragraph: str) -> None:
    assert _measures(release_zh(after=paragraph)) == [
        "共同在東盟國家舉辦投資推廣活動。",
        "聯合推廣「一程多站」旅遊產品。",
    ]


@pytest.mark.parametrize("paragraph", MEASURES_ZH)
def test_a_chinese_measure_of_the_same_shape_stays_one(paragraph: str) -> None:
    assert _measures(release_zh(after=paragraph))[-1] == paragraph


_AFTER = "     Mr Chan toured the city's science park and spoke with young Hong Kong entrepreneurs."
CLOSING_HEADINGS = [
    "Signing of co-operation agreements",
    "Co-operation documents",
    "Other activities",
    "Visits",
    "Site visits",
    "Courtesy calls",
    "Exchange of documents",
    "Programme of the visit",
    "Accompanying officials",
    "Meetings with officials",
    # held out
    "Visit to a science park",
    "Other engagements",
    "Study visits",
    "Programme of the day",
    "Itinerary",
    "Courtesy call on the Party Secretary",
    "Co-operation Documents Signed",
    # the delegation and the meeting as the event still close
    "Delegation",
    "The HKSAR Government delegation",
    "Composition of the delegation",
    "Meeting with the Party Secretary",
    "About the Conference",
]
AREA_HEADINGS = [
    "Exchanges and visits",
    "Mutual visits by officials",
    "Youth exchange visits",
    "Tourism and visitors",
    "Other co-operation",
    "Travel documents and immigration",
    "Conferences and exhibitions",
    "Training of officials",
    # a trade named by the meeting's words, and delegations of an area's exchanges (written after the
    # headings above had been run; each had closed the areas, losing every later one)
    "Conference and exhibition services",
    "Convention, exhibition and conference industry",
    "Meeting, incentive, convention and exhibition industries",
    "Youth delegations and exchanges",
    "Exchange of delegations",
]


@pytest.mark.parametrize("heading", CLOSING_HEADINGS)
def test_a_heading_of_the_visit_or_its_documents_closes_the_areas(heading: str) -> None:
    page = release(after=f"{heading}\n\n{_AFTER}")
    assert _measures(page) == [
        "Jointly organise investment promotion events in ASEAN countries.",
        "Jointly promote multi-destination tourism products.",
    ]
    assert heading not in [a.heading for a in parse_text(page).areas]


@pytest.mark.parametrize("heading", AREA_HEADINGS)
def test_an_area_heading_of_the_same_words_stays_an_area(heading: str) -> None:
    page = release(areas=[AREAS[0], (heading, AREAS[1][1])])
    rec = parse_text(page)
    assert [a.heading for a in rec.areas] == ["Trade and investment", heading]
    assert [m.text for m in rec.areas[1].measures] == ["Jointly promote multi-destination tourism products."]


CLOSING_HEADINGS_ZH = [
    "簽署合作文件",
    "代表團成員",
    "參觀考察",
    "其他活動",
    "隨行官員",
    "會見省委書記",
    "行程",
    "背景資料",
    "相關活動",
]
AREA_HEADINGS_ZH = ["會展業", "會議展覽及獎勵旅遊", "青年交流團", "官員交流", "公務員交流"]


@pytest.mark.parametrize("heading", CLOSING_HEADINGS_ZH)
def test_a_chinese_heading_of_the_signing_delegation_or_visit_closes_the_areas(heading: str) -> None:
    """A heading line after the areas over the signing, the delegation or the visit had opened an
    area of its own, and the story under it had become its measures (none of nine closed)."""
    page = release_zh(after=f"{heading}\n\n陳國基參觀了當地的科技園，並與在湘創業的香港青年交流。")
    assert _measures(page) == ["共同在東盟國家舉辦投資推廣活動。", "聯合推廣「一程多站」旅遊產品。"]


@pytest.mark.parametrize("heading", AREA_HEADINGS_ZH)
def test_a_chinese_area_heading_of_the_same_words_stays_an_area(heading: str) -> None:
    rec = parse_text(release_zh(areas=[AREAS_ZH[0], (heading, AREAS_ZH[1][1])]))
    assert [a.heading for a in rec.areas] == ["經貿合作", heading]
