"""The crawler's headline picker ([ACQ-PICK]): which releases of a day's index are read, and why.

Every headline here is invented, written in the genre's ways of headlining a meeting (or of
headlining something that only looks like one). A picked headline's release is then read in full
and its text decides relevance, so the picker leans to recall; the refusals are the look-alikes
it can tell by the headline alone. The reasons are what ``crawl --explain`` prints.
"""

from __future__ import annotations

import pytest

import cooptrack.extract  # noqa: F401  (first: cooptrack.mechanisms imported first meets an import cycle)
from cooptrack import mechanisms
from cooptrack.acquire import archive as A
from cooptrack.acquire import pick as K

SICHUAN = "Hong Kong/Sichuan Co-operation Conference"
BELT_AND_ROAD = (
    "Joint Conference on Advancing Hong Kong's Full Participation in and Contribution to the Belt and Road Initiative"
)
PPRD = "Pan-Pearl River Delta Regional Co-operation Chief Executive Joint Conference"


def _named(name: str) -> str:
    return f"its headline names a meeting of the {name}"


def _paired(partner: str, what: str) -> str:
    return f"its headline pairs Hong Kong with {partner} and {what}"


PICKED = [
    # Hong Kong, a partner, co-operation and a signing: the release of a meeting whose headline names none
    ("pacts-signed-with-photos", "Six Hong Kong/ Sichuan co-operation pacts signed (with photos)",
     _paired("Sichuan", "speaks of co-operation signed")),
    ("pacts-comma-pair-ink-deals", "HK, Fujian ink four cooperation deals",
     _paired("Fujian", "speaks of co-operation signed")),
    ("agreement-and-pair", "Hong Kong and Shandong sign co-operation agreement on logistics",
     _paired("Shandong", "speaks of co-operation signed")),
    ("memorandum-partner-first", "Chongqing-Hong Kong co-operation memorandum signed",
     _paired("Chongqing", "speaks of co-operation signed")),
    ("title-case-and", "Hong Kong And Guangxi Sign Co-operation Agreements",
     _paired("Guangxi", "speaks of co-operation signed")),
    ("city-then-its-province", "Hong Kong and Shenzhen, Guangdong sign co-operation pacts",
     _paired("Shenzhen", "speaks of co-operation signed")),
    # Hong Kong, a partner and a meeting, no mechanism named
    ("pair-and-plenary", "Hong Kong and Zhejiang sign co-operation documents at third plenary",
     _paired("Zhejiang", "names a plenary")),
    ("pair-and-working-meeting", "HK, Guangdong hold working meeting in Guangzhou",
     _paired("Guangdong", "names a working meeting")),
    ("pair-and-cum-plenary", "Hong Kong and Chongqing hold High-Level Meeting cum Second Plenary",
     _paired("Chongqing", "names a high-level meeting cum plenary")),
    ("pair-and-meeting-word", "HK, Shenzhen sign co-operation agreements at meeting",
     _paired("Shenzhen", "speaks of a meeting")),
    # every spelling of a mechanism of the table, with a meeting word (the name's own counts)
    ("plenary-of-mechanism", "Fourth Plenary Session of Hong Kong/Sichuan Co-operation Conference held in Chengdu",
     _named(SICHUAN)),
    ("old-name-ampersand", "Hong Kong/Shanghai Economic & Trade Co-operation Conference holds fifth plenary",
     _named("Hong Kong/Shanghai Co-operation Conference")),
    ("old-name-and", "First Hong Kong/Beijing Economic and Trade Co-operation Conference opens in Beijing",
     _named("Hong Kong/Beijing Co-operation Conference")),
    ("partner-first-hubei", "Hubei-Hong Kong Co-operation Conference convenes in Wuhan",
     _named("Hong Kong/Hubei Co-operation Conference")),
    ("macao-no-separator", "Hong Kong Macao Co-operation High Level Meeting held in Macao",
     _named("Hong Kong/Macao Co-operation High Level Meeting")),
    ("macao-hyphenated-announcement", "FS to attend Hong Kong/Macao Co-operation High-Level Meeting",
     _named("Hong Kong/Macao Co-operation High Level Meeting")),
    ("macau-spelling", "Hong Kong/Macau Co-operation High Level Meeting convened",
     _named("Hong Kong/Macao Co-operation High Level Meeting")),
    ("shenzhen-meeting", "Hong Kong/Shenzhen Co-operation Meeting held in Shenzhen",
     _named("Hong Kong/Shenzhen Co-operation Meeting")),
    ("guangdong-abbreviated", "HK/Guangdong Co-operation Joint Conference holds ninth plenary",
     _named("Hong Kong/Guangdong Co-operation Joint Conference")),
    ("partner-without-a-row", "Hong Kong/Jiangxi Co-operation Conference held in Nanchang",
     _named("Hong Kong/Jiangxi Co-operation Conference")),
    ("pprd-chief-executive", "Pan-PRD Chief Executive Joint Conference held in Nanning", _named(PPRD)),
    ("pprd-forum", "CE attends Pan-Pearl River Delta Regional Co-operation and Development Forum in Kunming",
     _named(PPRD)),
    # the Belt and Road joint conference, by its name, its short name, or the opening of its name
    ("belt-and-road-full-name", f"{BELT_AND_ROAD} holds fourth meeting", _named(BELT_AND_ROAD)),
    ("belt-and-road-short-name", "SCED to lead delegation to Belt and Road Joint Conference in Beijing",
     _named(BELT_AND_ROAD)),
    ("belt-and-road-cut", "Joint Conference on Advancing Hong Kong\u2019s Full Participation in \u2026",
     f"{_named(BELT_AND_ROAD)} (by part of its name)"),
    ("belt-and-road-reworded", "HK, NDRC hold joint conference on Belt and Road",
     f"{_named(BELT_AND_ROAD)} (by part of its name)"),
    ("chinese-name", "第二十二次粵港合作聯席會議在廣州舉行",
     _named("Hong Kong/Guangdong Co-operation Joint Conference")),
    # a mirror's "Hong Kong – " prefix and its own rewording
    ("mirror-rewording", "Hong Kong \u2013 Sichuan, HK ink six cooperation pacts",
     _paired("Sichuan", "speaks of co-operation signed")),
    ("mirror-prefix-then-mechanism", "Hong Kong \u2013 Hubei-Hong Kong co-operation conference held in Wuhan",
     _named("Hong Kong/Hubei Co-operation Conference")),
    # a courtesy call that names the mechanism: read, and the release decides (usually not relevant)
    ("courtesy-call-naming-mechanism",
     "CE meets Sichuan Party Secretary ahead of Hong Kong/Sichuan Co-operation Conference", _named(SICHUAN)),
    # wordings written after the rule was done (they passed unchanged)
    ("after-rule-seal-accords", "Hong Kong, Hainan seal three co-operation accords",
     _paired("Hainan", "speaks of co-operation signed")),
    ("after-rule-between", "Co-operation agreements signed between Hong Kong and Jilin",
     _paired("Jilin", "speaks of co-operation signed")),
    ("after-rule-hksar-mous", "HKSAR and Guangxi sign MoUs on co-operation",
     _paired("Guangxi", "speaks of co-operation signed")),
    ("after-rule-belt-ampersand-road", "Belt & Road joint conference convened in Hong Kong", _named(BELT_AND_ROAD)),
    ("after-rule-pprd-abbreviated", "PPRD Chief Executive Joint Conference opens", _named(PPRD)),
    ("after-rule-cum-plenary-announced",
     "CE to visit Wuhan for High-Level Meeting cum Fourth Plenary of Hong Kong/Hubei Co-operation Conference",
     _named("Hong Kong/Hubei Co-operation Conference")),
]  # fmt: skip

REFUSED = [
    ("council-question", "LCQ12: Cross-boundary school buses", K.NO_MECHANISM),
    ("courtesy-call-partner-only", "CE calls on Party Secretary of Hubei Province", K.NO_MECHANISM),
    ("partner-without-pairing", "Sichuan delegation visits Hong Kong Science Park", K.NO_MECHANISM),
    ("signing-between-others", "Guangdong and Macao sign co-operation agreement on tourism", K.NO_MECHANISM),
    ("other-governments", "Guangdong/Macao Co-operation Joint Conference held in Zhuhai",
     "about the Guangdong/Macao Co-operation Joint Conference, a mechanism between other governments"),
    ("other-governments-behind-mirror-prefix", "Hong Kong \u2013 Guangdong/Macao Co-operation Joint Conference held",
     "about the Guangdong/Macao Co-operation Joint Conference, a mechanism between other governments"),
    ("other-governments-fujian-macao", "Fujian-Macao Co-operation Conference opens in Fuzhou",
     "about the Fujian/Macao Co-operation Conference, a mechanism between other governments"),
    ("other-governments-speech", "Speech by SCMA at reception for Guangdong/Macao Co-operation Joint Conference guests",
     "about the Guangdong/Macao Co-operation Joint Conference, a mechanism between other governments"),
    ("party-plenum", "Hong Kong and Shanghai delegates attend CPC plenary session",
     "about a party or legislature plenum, not a co-operation mechanism"),
    ("legislature-plenum", "HK, Sichuan deputies meet at NPC plenary session",
     "about a party or legislature plenum, not a co-operation mechanism"),
    ("greater-bay-area-run-of-three", "Guangdong-Hong Kong-Macao Greater Bay Area co-operation agreement signed",
     "its headline names Hong Kong in a run of three places (the Greater Bay Area), no mechanism's pair"),
    ("mirror-prefix-before-look-alike", "Hong Kong \u2013 Guangdong and Macao sign co-operation agreement",
     "its headline names Hong Kong in a run of three places (the Greater Bay Area), no mechanism's pair"),
    ("pair-without-meeting-or-signing", "Hong Kong and Guangdong officials tour the Western Corridor",
     "its headline pairs Hong Kong with Guangdong but names no meeting, no co-operation signed"),
    ("pair-signing-without-co-operation", "Hong Kong, Tianjin students sign up for summer exchange",
     "its headline pairs Hong Kong with Tianjin but names no meeting, no co-operation signed"),
    ("mechanism-without-meeting", "Pan-Pearl River Delta Regional Co-operation Exhibition opens",
     f"its headline names the {PPRD} but no meeting of it"),
    ("empty", "", "the index gives it no headline"),
    # written after the rule was done (passed unchanged)
    ("after-rule-others-hold-joint-conference", "Guangdong, Macao hold joint conference", K.NO_MECHANISM),
]  # fmt: skip


@pytest.mark.parametrize(("headline", "reason"), [pytest.param(h, r, id=i) for i, h, r in PICKED])
def test_headlines_of_meetings_are_picked_with_their_reason(headline: str, reason: str) -> None:
    assert A.pick(headline) == A.Decision(True, reason)


@pytest.mark.parametrize(("headline", "reason"), [pytest.param(h, r, id=i) for i, h, r in REFUSED])
def test_look_alikes_are_refused_with_their_reason(headline: str, reason: str) -> None:
    assert A.pick(headline) == A.Decision(False, reason)


@pytest.mark.parametrize(
    "entry", [pytest.param(e, id=e.name) for e in mechanisms.mechanisms() if e.hk_party and e.listed]
)
def test_every_mechanism_of_the_table_is_picked_by_its_names(entry: mechanisms.Entry) -> None:
    for name in (entry.name, *entry.aliases, *entry.aliases_zh):
        assert A.pick(f"{name} held").picked, name


@pytest.mark.parametrize("entry", [pytest.param(e, id=e.name) for e in mechanisms.mechanisms() if not e.hk_party])
def test_every_mechanism_the_table_says_is_not_hong_kongs_is_refused(entry: mechanisms.Entry) -> None:
    decision = A.pick(f"{entry.name} held")
    assert decision == A.Decision(False, f"about the {entry.name}, a mechanism between other governments")


def test_a_long_headline_is_read_only_so_far() -> None:
    decision = A.pick("Hong Kong and Sichuan " + "very " * 200 + "sign co-operation pacts")
    assert decision == A.Decision(
        False, "its headline pairs Hong Kong with Sichuan but names no meeting, no co-operation signed"
    )
