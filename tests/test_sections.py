"""Dividing a release into lead, areas and closing, for layouts without headings (text written here)."""

from __future__ import annotations

from cooptrack.pipeline import parse_text

_LEAD = (
    "Plenary Session of Hong Kong/Anhui Co-operation Conference held\n\n"
    "The Chief Secretary for Administration, Mr Lau Ka-ming, and the Vice Governor of Anhui Province, "
    "Mr Wang Jun, co-chaired the Third Plenary Session of the Hong Kong/Anhui Co-operation Conference "
    "in Hefei today (May 6).\n\n"
)


def test_paragraphs_naming_their_topic_are_the_measures_of_an_area_without_heading() -> None:
    record = parse_text(
        _LEAD + "On tourism, the two sides will promote multi-destination travel products.\n\n"
        "As regards logistics, both sides agreed to study a new freight route.\n\n"
        "The Secretary for Education, Mr Chan Tai-man, also attended.\n",
        html=False,
    )
    [area] = record.areas
    assert area.heading is None
    assert [m.text.split(",")[0] for m in area.measures] == ["On tourism", "As regards logistics"]
    assert [p.name for p in record.people][-1] == "Chan Tai-man"  # the closing is still read


def test_paragraphs_opening_with_on_behalf_of_are_not_measures() -> None:
    record = parse_text(
        _LEAD + "On behalf of the HKSAR Government, Mr Lau thanked the Anhui delegation.\n\n"
        "On the same day, the delegation visited a science park.\n\n"
        "On this occasion, the two sides will also meet the press.\n",
        html=False,
    )
    assert record.measures == []
