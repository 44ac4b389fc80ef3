"""The data errors an analyst met (issue 12 item 5), each with a synthetic document written here.

The documents are in tests/data/errors (see its README); each test says what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cooptrack.acquire import Document, read_path
from cooptrack.knowledge.officials import post_key
from cooptrack.pipeline import parse_document
from cooptrack.record import Record
from cooptrack.render import agreement_name
from cooptrack.store import Store
from cooptrack.views import queries
from cooptrack.vocab import Side
from webtools import client

ERRORS = Path(__file__).parent / "data" / "errors"
HK_RELEASE = ERRORS / "hk_release_macao_hlm_neighbouring_sar.txt"
MACAO_PAPER = ERRORS / "macao_paper_hlm_neighbouring_sar.txt"
CS_FORMS = ERRORS / "hk_release_chief_secretary_forms.txt"
ABOUT_THE = ERRORS / "hk_release_agreements_about_the.txt"


def _parse(path: Path) -> Record:
    return parse_document(read_path(path))


def _sides(record: Record) -> dict[str, Side | None]:
    return {p.name: p.side for p in record.people}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('errors') / 'e.db'}") as store:
        for path in (MACAO_PAPER, CS_FORMS, ABOUT_THE):  # the paper alone reports its meeting here
            doc = read_path(path)
            store.ingest(doc, parse_document(doc))
        yield store


# --- the neighbouring Special Administrative Region -------------------------------------------------


def test_in_a_hong_kong_release_the_neighbouring_sars_chief_executive_is_macaos() -> None:
    sides = _sides(_parse(HK_RELEASE))
    assert sides["Sam Hou Fai"] is Side.MACAO  # was HK: "Chief Executive" read as Hong Kong's
    assert sides["John Lee"] is Side.HK


def test_in_a_macao_paper_the_neighbour_is_hong_kong_and_the_chief_executive_is_macaos() -> None:
    sides = _sides(_parse(MACAO_PAPER))
    assert sides["John Lee"] is Side.HK
    assert sides["Sam Hou Fai"] is Side.MACAO  # the paper's own "The Chief Executive"
    assert sides["Tai Kin Ip"] is Side.MACAO
    assert sides["Chan Kwok-ki"] is Side.HK  # Hong Kong's, by the officials table


def test_john_lee_has_no_post_of_the_neighbouring_sar_in_his_history(stored: Store) -> None:
    lee = queries.person(stored, "John Lee")
    posts = [ms.post for ms in lee.memberships]
    assert not any("neighbouring" in post for post in posts), posts
    assert "Chief Executive" in posts
    # what the paper wrote is kept on its appearance
    assert any(a.post and "neighbouring" in a.post for a in lee.appearances)


def test_macaos_chief_executive_is_on_the_macao_side_as_a_person(stored: Store) -> None:
    assert queries.person(stored, "Sam Hou Fai").side == "Macao"


# --- one official's post written several ways -----------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "chief secretary for administration of the HKSAR government",
        "Chief Secretary for Administration of the Hong Kong Special Administrative Region Government",
        "Chief Secretary",
        "政務司司長",
        "香港特别行政区政务司司长",
    ],
)
def test_forms_of_the_chief_secretarys_post_are_that_post(written: str) -> None:
    assert post_key(written) == post_key("Chief Secretary for Administration")


@pytest.mark.parametrize("other", ["Acting Chief Secretary for Administration", "署理政務司司長", "Secretary"])
def test_other_posts_stay_other(other: str) -> None:
    assert post_key(other) != post_key("Chief Secretary for Administration")


def test_chan_kwok_ki_has_no_one_day_third_post(stored: Store) -> None:
    chan = queries.person(stored, "Chan Kwok-ki")
    named = [ms for ms in chan.memberships if ms.basis.startswith("named with this post")]
    assert named == [], [(ms.post, ms.start, ms.end) for ms in named]
    assert [ms.post for ms in chan.memberships] == [
        "Director of the Chief Executive's Office",
        "Chief Secretary for Administration",
    ]


# --- the pages ----------------------------------------------------------------------------------


def test_the_meetings_page_is_titled_meetings(stored: Store) -> None:
    page = client(stored).get("/meetings").text
    assert "<title>Meetings · cooptrack</title>" in page  # was "Mechanisms"
    assert "<h1>Meetings</h1>" in page
    assert "<title>Mechanisms · cooptrack</title>" in client(stored).get("/mechanisms").text


# --- an agreement's name ------------------------------------------------------------------------

SILK_ROAD = "Co-operation Agreement between Shaanxi and Hong Kong on Promoting Silk Road Tourism"


def test_an_agreement_is_named_without_the_translations_about_the(stored: Store) -> None:
    titles = [g.title for g in _parse(ABOUT_THE).agreements]
    assert f"About the {SILK_ROAD}" in titles  # the record keeps the title as written (the gold format)
    web = client(stored)
    register = web.get("/agreements", params={"partner": "Shaanxi"}).text
    assert f">{SILK_ROAD}</a>" in register and f">About the {SILK_ROAD}" not in register
    meeting = web.get("/meetings/shaanxi-plenary-5").text
    assert f">{SILK_ROAD}</a>" in meeting


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (
            "About the Economic Co-operation Agreement between A and B",
            "Economic Co-operation Agreement between A and B",
        ),
        ("Concerning the Memorandum of Understanding on Tourism", "Memorandum of Understanding on Tourism"),
        ("About the Hong Kong/Sichuan Co-operation Conference", "About the Hong Kong/Sichuan Co-operation Conference"),
        ("Agreement on Co-operation About the Arts", "Agreement on Co-operation About the Arts"),
        ("关于深化合作的协议", "关于深化合作的协议"),
    ],
    ids=[
        "about-the-agreement",
        "concerning-the-memorandum",
        "no-agreement-named",
        "about-inside",
        "chinese-as-written",
    ],
)
def test_agreement_name(title: str, name: str) -> None:
    assert agreement_name(title) == name


# --- lists of areas --------------------------------------------------------------------------------


def _areas(path: Path) -> list[tuple[str | None, list[str]]]:
    return [(a.heading, [m.text for m in a.measures]) for a in _parse(path).areas]


def test_the_areas_announced_listed_as_fragments_are_areas_not_measures() -> None:
    """'the following five areas: (1) finance, including ...; ... (4) youth exchange; and (5) health care.'"""
    record = _parse(ERRORS / "hk_release_listed_areas_including.txt")
    assert record.declared_area_count == 5
    assert _areas(ERRORS / "hk_release_listed_areas_including.txt") == [
        ("finance", ["the issuance of green bonds by Hunan enterprises in Hong Kong"]),
        ("logistics", ["rail freight services between Changsha and the Greater Bay Area"]),
        ("tourism and culture", []),
        ("youth exchange", []),
        ("health care", []),
    ]
    assert not any(m.text.endswith("; and") for m in record.measures)
    assert "area_headings_missing" not in {f.value for f in record.flags}


def test_items_naming_their_area_in_lower_case_before_a_colon_are_headed_areas() -> None:
    areas = _areas(ERRORS / "hk_release_inline_lowercase_areas.txt")
    assert [heading for heading, _ in areas] == ["tourism", "financial services", "public health"]
    assert areas[1][1] == ["to support the cross-boundary issuance of bonds; and"]


def test_a_list_of_measures_is_not_taken_for_a_list_of_areas() -> None:
    """Items that are measures (a verb first, or longer than an area's name) stay measures of one area."""
    from cooptrack.clean.blocks import Block, BlockKind
    from cooptrack.extract.sections import _named_fields

    def bullet(text: str) -> Block:
        return Block(BlockKind.BULLET, text, 0, len(text))

    measures = [bullet("to promote trade, including fairs;"), bullet("finance;")]
    assert _named_fields(measures, 2) is None  # an infinitive is a measure
    long_head = [
        bullet("support enterprises of the two places to list in Hong Kong, including start-ups;"),
        bullet("x"),
    ]
    assert _named_fields(long_head, 2) is None
    assert _named_fields([bullet("finance;"), bullet("trade")], 3) is None  # not as many as announced


# --- one meeting across sources ------------------------------------------------------------------


@pytest.mark.parametrize("first", [2012, 2021], ids=["story-first", "release-first"])
def test_a_story_of_another_years_second_plenary_is_not_a_source_of_this_one(
    make_release: Callable[..., tuple[Document, Record]], first: int
) -> None:
    """A 2012 news story of a 'Second Plenary Session' and the 2021 release of the second plenary
    (the numbering restarted, or the story erred): two meetings, each with its own source."""
    with Store("sqlite://") as store:
        for year in (first, {2012: 2021, 2021: 2012}[first]):
            store.ingest(*make_release(partner="Sichuan", ordinal=2, year=year, uri=f"/synthetic/sichuan-{year}.txt"))
        store.ingest(*make_release(partner="Sichuan", ordinal=2, year=2021, uri="/synthetic/sichuan-2021-copy.txt"))
        meetings = {m.meeting.year: m.meeting.slug for m in store.meetings()}
        assert set(meetings) == {2012, 2021}
        sources = {year: sorted(r.source.uri for r in store.meeting(slug).reports) for year, slug in meetings.items()}
        assert sources[2012] == ["/synthetic/sichuan-2012.txt"]
        assert sources[2021] == ["/synthetic/sichuan-2021-copy.txt", "/synthetic/sichuan-2021.txt"]


def test_a_source_without_a_year_still_joins_its_meeting(make_release: Callable[..., tuple[Document, Record]]) -> None:
    with Store("sqlite://") as store:
        store.ingest(*make_release(partner="Sichuan", ordinal=2, year=2021, uri="/synthetic/dated.txt"))
        store.ingest(*make_release(partner="Sichuan", ordinal=2, year=None, uri="/synthetic/undated.txt"))
        [listed] = store.meetings()
        assert len(store.meeting(listed.meeting.slug).reports) == 2


def test_meetings_of_other_years_stay_apart_on_both_databases(
    db_url: str, make_release: Callable[..., tuple[Document, Record]]
) -> None:
    with Store(db_url) as store:
        for year in (2021, 2012, 2021):
            store.ingest(
                *make_release(
                    partner="Sichuan", ordinal=2, year=year, uri=f"/synthetic/s-{year}-{len(store.meetings())}.txt"
                )
            )
        assert sorted(m.meeting.year for m in store.meetings()) == [2012, 2021]


def test_a_post_in_lower_case_opening_a_sentence_is_read_whole() -> None:
    """'The chief secretary for administration of the HKSAR Government, Mr Chan Kwok-ki, ...' gave the
    post 'HKSAR Government' (the capitalised words alone), a third post on his page."""
    people = {p.name: p for p in _parse(ERRORS / "hk_release_lowercase_post_opening.txt").people}
    assert people["Chan Kwok-ki"].post == "chief secretary for administration of the HKSAR Government"
    assert post_key(people["Chan Kwok-ki"].post or "") == post_key("Chief Secretary for Administration")
    assert people["Ren Zhu"].post == "executive vice governor of Jiangxi Province"
