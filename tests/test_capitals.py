"""A province's capital stands for its province as one of the two sides (audit en15, checked for
every province and autonomous region in audit en16): "Hong Kong and Chengdu … their co-operation
conference" is Sichuan's conference, as "Hong Kong and Sichuan …" is."""

from __future__ import annotations

import pytest

from cooptrack import mechanisms
from cooptrack.extract.gazetteer import CAPITALS, CITIES, PROVINCES
from cooptrack.pipeline import parse_text

_RELEASE = """Hong Kong and {side} hold second plenary
     Hong Kong and {side} held the second plenary session of their co-operation conference in {city} today
(May 12), with the Chief Secretary for Administration, Mr Eric Chan, and the Governor of {province}, Mr Li
Ming, co-chairing the session.

     The two sides agreed to deepen co-operation in trade, finance and tourism, and to hold the next
plenary session in Hong Kong.

Ends/Tuesday, May 12, 2026
"""


def test_every_province_and_region_has_its_capital() -> None:
    assert set(CAPITALS) == set(PROVINCES)
    for province, city in CAPITALS.items():
        assert CITIES.get(city) == province, city


@pytest.mark.parametrize("province", sorted(CAPITALS))
def test_the_capital_as_a_side_stands_for_its_province(province: str) -> None:
    city = CAPITALS[province]
    by_city = parse_text(_RELEASE.format(side=city, city=city, province=province))
    by_province = parse_text(_RELEASE.format(side=province, city=city, province=province))
    assert by_city.partner == by_province.partner == province
    assert by_city.mechanism == by_province.mechanism == mechanisms.for_partner(province).name
    assert by_city.meeting is not None and by_city.meeting.venue == city


def test_a_city_with_its_own_mechanism_stays_itself() -> None:
    record = parse_text(_RELEASE.format(side="Shenzhen", city="Shenzhen", province="Guangdong Province"))
    assert record.partner == "Shenzhen"
