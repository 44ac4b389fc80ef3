"""The mechanisms table (src/cooptrack/data/mechanisms.toml) and the namings it resolves.

The spellings below are invented sentences in the genre's ways of naming a mechanism ([MECH-OLDNAME],
[REL-MACAO], [ORD-BR], ../shared/genre/patterns.md); each must resolve to the one canonical name.
"""

from __future__ import annotations

import pytest

from cooptrack import mechanisms
from cooptrack.store.derive import mechanism_key
from cooptrack.vocab import MeetingKind, Side

_BR = "Joint Conference on Advancing Hong Kong's Full Participation in and Contribution to the Belt and Road Initiative"
_PPRD = "Pan-Pearl River Delta Regional Co-operation Chief Executive Joint Conference"
_MACAO = "Hong Kong/Macao Co-operation High Level Meeting"
_GD = "Hong Kong/Guangdong Co-operation Joint Conference"


def _conference(partner: str) -> str:
    return f"Hong Kong/{partner} Co-operation Conference"


SPELLINGS = [
    ("slash", "co-chaired the plenary of the Hong Kong/Fujian Co-operation Conference", _conference("Fujian")),
    ("hyphen", "the Hong Kong-Zhejiang Co-operation Conference met", _conference("Zhejiang")),
    ("spaced slash", "the Hong Kong / Shenzhen Co-operation Meeting 2023", "Hong Kong/Shenzhen Co-operation Meeting"),
    ("slash then space", "the Hong Kong/ Chongqing Co-operation Conference", _conference("Chongqing")),
    ("partner first", "the Hubei-Hong Kong Cooperation Conference opened", _conference("Hubei")),
    ("and", "the Hong Kong and Shandong cooperation joint conference", _conference("Shandong")),
    ("between", "the co-operation conference between Jiangxi and Hong Kong", _conference("Jiangxi")),
    ("old name", "the Hong Kong/Beijing Economic and Trade Co-operation Conference", _conference("Beijing")),
    ("old name with &", "the HK-Shanghai Economic & Trade Co-operation Conference", _conference("Shanghai")),
    ("headline abbreviation", "CE to attend HK-Guangdong joint conference", _GD),
    ("pinyin abbreviation", "the E-Hong Kong Cooperation Conference", _conference("Hubei")),
    ("Macao without slash", "the 9th Hong Kong Macao Co-operation High Level Meeting", _MACAO),
    ("Macau", "the Hong Kong/Macau Co-operation High-Level Meeting", _MACAO),
    ("Belt & Road", "the fifth Joint Conference on Advancing Hong Kong's Full Participation in & "
     "Contribution to the Belt & Road Initiative", _BR),
    ("PPRD", "the Pan-PRD Chief Executive Joint Conference in Kunming", _PPRD),
    ("Chinese, Traditional", "出席粵港合作聯席會議第二十次會議", _GD),
    ("Chinese, Simplified", "沪港合作会议第六次会议", _conference("Shanghai")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name"), [pytest.param(t, n, id=i) for i, t, n in SPELLINGS])
def test_every_spelling_resolves_to_the_canonical_name(text: str, name: str) -> None:
    found = mechanisms.find(text)
    assert [m.entry.name for m in found] == [name]
    assert found[0].entry.hk_party


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("the Guangdong-Macao Co-operation Joint Conference", id="Guangdong-Macao"),
        pytest.param("閩澳合作會議", id="Fujian-Macao in Chinese"),
    ],
)
def test_mechanisms_between_other_governments_are_not_hong_kongs(text: str) -> None:
    found = mechanisms.find(text)
    assert found and not found[0].entry.hk_party


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("the Guangdong-Hong Kong-Macao Greater Bay Area", id="Greater Bay Area"),
        pytest.param("the Hong Kong Government Co-operation Conference", id="no partner"),
        pytest.param("the Hong Kong/Beijing co-operation has deepened", id="no body named"),
    ],
)
def test_what_names_no_mechanism(text: str) -> None:
    assert mechanisms.find(text) == []


def test_a_partner_without_a_row_takes_the_default_name() -> None:
    entry = mechanisms.for_partner("Guangxi")
    assert entry.name == "Hong Kong/Guangxi Co-operation Conference"
    assert entry.hk_party and not entry.listed and entry.side is Side.MAINLAND


def test_the_table_says_what_kind_a_numbered_naming_is() -> None:
    assert mechanisms.for_partner("Macao").ordinal_kind is MeetingKind.HIGH_LEVEL_MEETING
    assert mechanisms.for_partner("Guangdong").ordinal_kind is MeetingKind.PLENARY
    belt_and_road = mechanisms.by_name("Joint Conference on Hong Kong's Participation in the Belt and Road Initiative")
    assert belt_and_road is not None and belt_and_road.ordinal_kind is MeetingKind.OTHER
    assert belt_and_road.partner is None


def test_every_row_is_complete() -> None:
    rows = mechanisms.mechanisms()
    assert len({r.name for r in rows}) == len(rows)
    for row in rows:
        assert row.kinds and row.chairs, row.name
        if row.hk_party and row.partner:
            assert row.abbrev_zh and row.aliases_zh, row.name
            assert mechanisms.canonical(row.name) == row.name


def test_stored_meetings_of_an_old_and_a_new_name_are_one_mechanism() -> None:
    old = mechanism_key("Hong Kong/Shanghai Economic and Trade Co-operation Conference", "Shanghai")
    assert old == mechanism_key("Hong Kong/Shanghai Co-operation Conference", "Shanghai")


def test_a_meeting_without_a_partner_is_stored_under_the_mechanisms_short_name() -> None:
    from cooptrack.pipeline import parse_text
    from cooptrack.store.derive import meeting_slug

    text = (
        "Fifth joint conference on Belt and Road held in Beijing\n\n"
        "     The Secretary for Commerce and Economic Development, Mr Algernon Yau, and the Vice Chairman of the "
        "National Development and Reform Commission, Mr Zhou Haibing, led the delegations to the fifth Joint "
        "Conference on Advancing Hong Kong's Full Participation in and Contribution to the Belt and Road Initiative "
        "in Beijing today (June 3).\n"
    )  # synthetic
    record = parse_text(text, "synthetic.txt", html=False)
    assert record.relevant and record.partner is None
    assert meeting_slug(record, "0" * 64) == "belt-and-road-meeting-5"
