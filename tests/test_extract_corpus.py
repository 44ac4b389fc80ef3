"""Extraction on the five real releases in ../shared/corpus: the score guard and named facts.

The releases are read from ../shared/corpus (beside the clone, as in CI); nothing of their text
is copied here. Expected values are what the releases say, checked by name.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cooptrack.pipeline import parse_path
from cooptrack.record import Person, Record

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def _record(prefix: str) -> Record:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return parse_path(path)


def _person(record: Record, name: str) -> Person:
    for person in record.people:
        if person.name == name:
            return person
    raise AssertionError(f"{name!r} not among {[p.name for p in record.people]}")


def test_score_on_the_corpus_is_perfect(tmp_path: Path) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        (tmp_path / f"{path.stem}.json").write_text(parse_path(path).to_json(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), str(GOLD), str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout)
    wrong = {k: v for k, v in figures["fields"].items() if v < 1.0}
    assert figures["overall"] >= 0.9995, wrong


def test_fujian_release_keeps_the_year_unstated_and_cuts_the_glued_article() -> None:
    record = _record("000")
    assert record.partner == "Fujian"
    assert record.meeting.ordinal == 4
    assert record.meeting.date is None
    assert record.meeting.date_text == "June 28"
    assert {"year_not_stated", "unrelated_content", "area_headings_missing"} <= set(record.flags)
    assert "Pingtan" not in record.text
    assert any(r.reason == "unrelated_article" and r.text.startswith("No. 1 in Fujian") for r in record.removed)
    guo = _person(record, "Guo Ningning")
    assert (guo.honorific, guo.side) == ("Ms", "Mainland")
    assert set(guo.roles) == {"co_chair", "signatory"}


def test_fujian_agreements_resolve_signatories_by_surname_and_annexes_by_title() -> None:
    record = _record("000")
    memo = record.agreements[0]
    assert memo.kind == "memorandum"
    assert (memo.annex, memo.chinese_only) == ("Annex 1", True)
    assert memo.signatories == ["Chan Kwok-ki", "Guo Ningning"]
    by_title = {a.title: a for a in record.agreements}
    assert by_title["Agreement on Education Exchange and Co-operation"].annex == "Annex 3"
    unannexed = [a for a in record.agreements if a.annex is None]
    assert len(unannexed) == 1 and unannexed[0].title.startswith("About the Economic and Trade")


def test_beijing_release_reads_the_year_from_the_footer_and_the_special_guest() -> None:
    record = _record("001")
    assert record.meeting.date == dt.date(2023, 11, 29)
    assert record.meeting.venue == "Hong Kong"
    assert record.declared_area_count == 11 and len(record.areas) == 11
    zheng = _person(record, "Zheng Yanxiong")
    assert zheng.side == "Central" and zheng.roles == ["special_guest"]
    sima = _person(record, "Sima Hong")
    assert sima.post == "Vice Mayor of Beijing Municipal People's Government"
    assert sima.roles == ["signatory"]
    kinds = [a.kind for a in record.agreements]
    assert kinds == ["memorandum", "mou", "mou", "mou", "framework_agreement"]
    assert [a.annex for a in record.agreements] == [f"Annex {i}" for i in range(1, 6)]


def test_zhejiang_release_maps_listed_agreements_to_annexes_by_label() -> None:
    record = _record("002")
    assert record.meeting.kind == "high_level_meeting_cum_plenary"
    assert record.meeting.venue == "Hangzhou"
    assert "no_co_chairs_stated" in record.flags
    annexes = [a.annex for a in record.agreements]
    assert annexes == ["Annex 1", "Annex 2", "Annex 3", "Annex 4", None, "Annex 5"]
    assert record.agreements[0].kind == "mechanism"
    assert record.agreements[3].kind == "letter_of_intent"


def test_guangdong_release_is_a_progress_review_without_photo_captions() -> None:
    record = _record("003")
    assert record.meeting.ordinal == 20
    assert record.declared_area_count is None
    assert "progress_review" in record.flags
    assert [a.heading for a in record.areas][-1] == "Other Areas"
    assert not any("Photo shows" in m.text for m in record.measures)
    assert {_person(record, n).roles[0] for n in ("Huang Liuquan", "Qiu Hong")} == {"special_guest"}
    carrie = _person(record, "Carrie Lam")
    assert carrie.post == "Chief Executive of the Hong Kong Special Administrative Region"
    assert len(record.agreements) == 7 and all(a.annex is None for a in record.agreements)


def test_sichuan_release_takes_the_city_from_the_lead_and_keeps_a_measures_own_theme() -> None:
    record = _record("004")
    assert record.meeting.venue == "Chengdu"
    assert record.meeting.date is None and "year_not_stated" in record.flags
    youth = next(a for a in record.areas if a.heading == "Youth exchange")
    assert [m.themes[0] for m in youth.measures] == ["youth", "youth", "education"]
    lee = _person(record, "John Lee")
    assert set(lee.roles) == {"attendee", "signatory"}


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_every_span_points_at_its_item(path: Path) -> None:
    record = parse_path(path)
    for measure in record.measures:
        assert record.text[slice(*measure.span)] == measure.text
    for area in record.areas:
        if area.heading and area.span:
            assert record.text[slice(*area.span)].startswith(area.heading)
    for person in record.people:
        assert record.text[slice(*person.span)] == person.name
    for agreement in record.agreements:
        assert record.text[slice(*agreement.span)] == agreement.title
