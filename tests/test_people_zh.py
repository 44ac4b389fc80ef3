"""One person in two scripts (issue 11, item 2): Chinese names folded across Traditional and
Simplified, a Mainland official's Chinese name joined with its pinyin spelling, a principal
official's Chinese name from the terms-of-office table, with reasons, doubts and users' decisions."""

from __future__ import annotations

import datetime as dt

import pytest

from cooptrack.knowledge import names_zh, officials, people
from peoplefakes import FakeMeeting

_Meeting = FakeMeeting


def _named(name: str, partner: str, slug: str, side: str = "Mainland", post: str = "Governor") -> people.Appearance:
    meeting = _Meeting(slug, f"Hong Kong/{partner} Co-operation Conference", partner, dt.date(2023, 8, 29))
    return people.Appearance(name, None, post, side, ("co_chair",), meeting, (0, 3))


@pytest.mark.parametrize(
    ("chinese", "english", "same"),
    [
        ("王偉中", "Wang Weizhong", True),
        ("王伟中", "WANG Wei-zhong", True),
        ("王伟中", "Weizhong Wang", True),  # given name first
        ("覃偉中", "Qin Weizhong", True),  # 覃: a surname with several readings
        ("曾國衞", "Zeng Guowei", True),
        ("欧阳明", "Ouyang Ming", True),
        ("王伟中", "Wang Wei", False),
        ("王伟中", "Huang Weizhong", False),
        ("李家超", "John Lee", False),  # Cantonese Government spellings are not pinyin
    ],
)
def test_pinyin_of_a_chinese_name_against_an_english_spelling(chinese: str, english: str, same: bool) -> None:
    assert names_zh.spells(chinese, officials.name_key(english)) is same


def test_a_chinese_name_is_one_name_in_either_script() -> None:
    assert people.name_key("王偉中") == people.name_key("王伟中") == "王伟中"
    assert people.name_key("曾國衞") == people.name_key("曾国卫")


def test_the_terms_table_knows_each_principal_officials_chinese_name() -> None:
    assert officials.official("李家超") == officials.official("John Lee") == "John Lee Ka-chiu"
    assert officials.official("曾国卫") == "Erick Tsang Kwok-wai"  # Simplified, folded
    assert officials.chinese_name("Carrie Lam") == "林鄭月娥"
    assert all(t.name_zh for t in officials.table())


def test_a_mainland_official_in_two_scripts_and_in_pinyin_is_one_person_with_the_reasons() -> None:
    seen = [
        _named("王偉中", "Guangdong", "guangdong-plenary-23"),
        _named("王伟中", "Guangdong", "guangdong-plenary-24"),
        _named("Wang Weizhong", "Guangdong", "guangdong-plenary-22"),
    ]
    [one] = people.gather(seen)
    assert (one.name, one.name_zh) == ("Wang Weizhong", "王伟中") or (one.name, one.name_zh) == (
        "Wang Weizhong",
        "王偉中",
    )
    assert len(one.appearances) == 3
    reasons = " ".join(one.reasons)
    assert "once Traditional and Simplified characters are folded" in reasons
    assert "pinyin of the Chinese name (wang wei zhong)" in reasons
    assert one.popolo()["name_zh"] == one.name_zh
    assert people.find([one], "王偉中") == [one] == people.find([one], "Wang Weizhong")


def test_a_chinese_name_is_compared_within_one_partner() -> None:
    seen = [_named("王伟中", "Hubei", "hubei-plenary-1"), _named("Wang Weizhong", "Guangdong", "guangdong-plenary-22")]
    assert len(people.gather(seen)) == 2


def test_two_english_spellings_that_fit_one_chinese_name_are_a_doubt_not_a_merge() -> None:
    seen = [
        _named("王伟中", "Guangdong", "guangdong-plenary-23"),
        _named("Wang Weizhong", "Guangdong", "guangdong-plenary-22"),
        _named("Weizhong Wang", "Guangdong", "guangdong-plenary-21", post="Vice Governor"),
    ]
    found = people.gather(seen)
    chinese = next(p for p in found if p.name_zh and p.name == "王伟中")
    assert len(chinese.appearances) == 1
    assert any("could be" in d and "not merged" in d for d in chinese.doubts)


def test_a_users_decision_keeps_a_chinese_name_apart_from_its_pinyin() -> None:
    seen = [_named("王伟中", "Guangdong", "guangdong-plenary-23"), _named("Wang Weizhong", "Guangdong", "g-22")]
    apart = people.PeopleDecisions(different=[("王伟中 @guangdong", "wang weizhong @guangdong", "ann on 2026-01-02")])
    assert len(people.gather(seen, apart)) == 2


def test_a_hong_kong_official_in_chinese_is_the_official_of_the_table() -> None:
    seen = [
        _named("李家超", "Guangdong", "guangdong-plenary-23", side="HK", post="行政長官"),
        _named("John Lee", "Guangdong", "guangdong-plenary-22", side="HK", post="Chief Executive"),
    ]
    [one] = people.gather(seen)
    assert (one.name, one.name_zh) == ("John Lee Ka-chiu", "李家超")
    assert any("John Lee Ka-chiu" in r and "table" in r for r in one.reasons)


def test_a_person_known_only_in_chinese_gets_a_readable_id() -> None:
    [one] = people.gather([_named("黄强", "Sichuan", "sichuan-plenary-3")])
    assert one.id == "huang-qiang-sichuan"
    assert one.name == one.name_zh == "黄强"
