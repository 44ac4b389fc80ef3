"""Knowledge across documents, on a store holding the real corpus and a synthetic series.

``tests/data/series`` holds three plenaries of one (synthetic) mechanism and a news copy of the
third: measures carried over unchanged, reworded, dropped and new; areas renamed, dropped and
added; officials changing posts; names shortened; two invented people with similar names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from cooptrack.acquire import read_path
from cooptrack.knowledge import changes, people, series
from cooptrack.pipeline import parse_document
from cooptrack.record import PARSER_VERSION
from cooptrack.store import Store
from cooptrack.store.store import Outcome
from cooptrack.views import queries
from peoplefakes import FakeMeeting

SERIES = Path(__file__).parent / "data" / "series"
FIRST, SECOND, THIRD = "jiangxi-plenary-1", "jiangxi-plenary-2", "jiangxi-plenary-3"


def _ingest(store: Store, paths: list[Path], parser_version: str | None = None) -> list[Outcome]:
    out = []
    for path in paths:
        doc = read_path(path)
        record = parse_document(doc)
        if parser_version:
            record = record.model_copy(update={"parser_version": parser_version})
        out.append(store.ingest(doc, record).outcome)
    return out


def _everything(corpus: Path) -> list[Path]:
    return sorted(SERIES.glob("*.txt")) + sorted(corpus.glob("*.txt"))


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the tests that only read."""
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    with Store(f"sqlite:///{tmp_path_factory.mktemp('k') / 'k.db'}") as store:
        _ingest(store, _everything(corpus))
        yield store


@pytest.fixture
def fresh(store: Store, corpus: Path) -> Store:
    """A store of its own, for tests that record users' decisions."""
    _ingest(store, _everything(corpus))
    return store


def _person(store: Store, name: str) -> people.PersonRecord:
    return queries.person(store, name)


# --- meetings and mechanisms -----------------------------------------------------------------------


def test_a_mechanisms_meetings_come_in_order_without_a_gap(filled: Store) -> None:
    jiangxi = series.find(queries.mechanisms(filled), "Jiangxi")
    assert [m.slug for m in jiangxi.meetings] == [FIRST, SECOND, THIRD]
    assert jiangxi.gaps == []
    assert jiangxi.name == "Hong Kong/Jiangxi Co-operation Conference"


def test_missing_meetings_of_a_numbered_series_are_noticed(filled: Store) -> None:
    beijing = series.find(queries.mechanisms(filled), "Beijing")
    assert [g.describe() for g in beijing.gaps] == ["plenaries 1–4 not in the store"]
    sichuan = series.find(queries.mechanisms(filled), "Sichuan")
    assert [g.describe() for g in sichuan.gaps] == ["plenary 1 not in the store"]


def test_a_gap_in_the_middle_is_named(store: Store) -> None:
    _ingest(store, [SERIES / "jiangxi_1st_plenary_2019.txt", SERIES / "jiangxi_3rd_plenary_2024.txt"])
    [jiangxi] = queries.mechanisms(store)
    assert [g.describe() for g in jiangxi.gaps] == ["plenary 2 not in the store"]


@pytest.mark.parametrize(
    "name",
    ["Hong Kong/Jiangxi Co-operation Conference", "Hong Kong-Jiangxi Cooperation Conference", "jiangxi", "JIANGXI"],
)
def test_a_mechanism_is_found_by_any_spelling_or_its_partner(filled: Store, name: str) -> None:
    assert series.find(queries.mechanisms(filled), name).partner == "Jiangxi"


def test_one_meeting_reported_by_a_release_and_a_news_copy_is_one_meeting_with_two_sources(filled: Store) -> None:
    third = filled.meeting(THIRD)
    assert sorted(Path(r.source.uri).name for r in third.reports) == [
        "jiangxi_3rd_plenary_2024.txt",
        "jiangxi_3rd_plenary_2024_news.txt",
    ]
    primary = next(r for r in third.reports if r.is_primary)
    assert Path(primary.source.uri).name == "jiangxi_3rd_plenary_2024.txt"  # the release, not the copy
    assert third.date is not None and third.date.isoformat() == "2024-06-14"
    assert len(third.measures) == 5


def test_the_timeline_has_each_meeting_at_its_year_and_an_inferred_one_at_its_range(filled: Store) -> None:
    entries = {e.meeting.slug: e.years for e in series.timeline(queries.mechanisms(filled))}
    assert entries[FIRST] == (2019, 2019)
    assert entries[SECOND] == (2021, 2021)  # no year in the text: Carrie Lam and John Lee tell it
    assert entries[THIRD] == (2024, 2024)
    assert entries["fujian-plenary-4"] == (2023, 2026)


def test_the_matrix_counts_measures_by_partner_and_theme(filled: Store) -> None:
    latest = series.matrix(queries.mechanisms(filled), latest=True)
    assert latest.total("Jiangxi") == 5
    assert latest.counts[("Jiangxi", "culture_tourism")] == 1
    assert latest.counts.get(("Jiangxi", "youth"), 0) == 0  # the youth measures were not repeated at the third
    every = series.matrix(queries.mechanisms(filled), latest=False)
    assert every.total("Jiangxi") == 5 + 6 + 5
    assert every.counts[("Jiangxi", "youth")] == 2


# --- what changed -------------------------------------------------------------------------------------


def test_the_default_diff_is_the_last_two_meetings(filled: Store) -> None:
    d = queries.diff(filled, "Jiangxi").diff
    assert (d.earlier.slug, d.later.slug) == (SECOND, THIRD)
    unchanged = {link.later.text[:30] for link in d.unchanged}
    assert unchanged == {
        "Encourage Jiangxi enterprises ",  # only a comma changed
        "Support more Jiangxi enterpris",
        "Support universities and resea",
    }
    [reworded] = d.reworded
    assert "{+surveying+}" in reworded.wording() or "surveying" in reworded.wording()
    assert reworded.score >= changes.LINK_MIN
    assert [m.text[:30] for m in d.new] == ["Jointly promote multi-destinat"]
    assert sorted(m.text[:20] for m in d.dropped) == ["Organise exchange to", "Support Hong Kong en"]


def test_areas_renamed_dropped_and_added_between_the_first_and_second(filled: Store) -> None:
    d = queries.diff(filled, "Jiangxi", "1", "2").diff
    by_status = {(c.status, c.earlier.heading if c.earlier else None, c.later.heading if c.later else None)
                 for c in d.areas}  # fmt: skip
    assert ("renamed", "Financial co-operation", "Financial and professional services co-operation") in by_status
    assert ("dropped", "Chinese medicine", None) in by_status
    assert ("added", None, "Innovation and technology") in by_status
    assert ("kept", "Youth exchanges", "Youth exchanges") in by_status
    renamed = next(c for c in d.areas if c.status == "renamed")
    assert "1 measure carried over" in renamed.basis


def test_a_changed_number_is_a_rewording_shown_word_by_word(filled: Store) -> None:
    d = queries.diff(filled, "Jiangxi", FIRST, SECOND).diff
    youth = next(link for link in d.carried if "exchange tours" in link.later.text)
    assert not youth.unchanged
    assert "[-500-] {+800+}" in youth.wording()
    assert "wording" in youth.basis and "%" in youth.basis


def test_an_agreement_like_an_earlier_one_renews_it(filled: Store) -> None:
    d = queries.diff(filled, "Jiangxi").diff
    [signed] = d.agreements
    assert signed.status == "renewed"
    assert signed.earlier is not None and "Second Plenary" in signed.earlier.title


def test_diff_refuses_a_mechanism_with_one_meeting_and_names_the_meetings_it_has(filled: Store) -> None:
    with pytest.raises(queries.NotFound, match="nothing to compare"):
        queries.diff(filled, "Zhejiang")
    with pytest.raises(queries.NotFound, match="jiangxi-plenary-1"):
        queries.diff(filled, "Jiangxi", "9")


def test_compare_puts_two_partners_latest_meetings_side_by_side_by_theme(filled: Store) -> None:
    found = queries.compare(filled, "Jiangxi", "Beijing")
    assert (found.left.slug, found.right.slug) == (THIRD, "beijing-plenary-5")
    rows = {theme: (len(a), len(b)) for theme, a, b in found.rows}
    assert rows["culture_tourism"][0] == 1
    assert sum(a for a, _ in rows.values()) == 5
    assert sum(b for _, b in rows.values()) == len(filled.meeting("beijing-plenary-5").measures)


# --- people ---------------------------------------------------------------------------------------------


def test_one_official_under_several_spellings_is_one_person_with_the_reasons(filled: Store) -> None:
    erick = _person(filled, "Erick Tsang")
    assert erick.name == "Erick Tsang Kwok-wai"
    assert "Erick Tsang" in erick.other_names
    assert {a.meeting.slug for a in erick.appearances} >= {SECOND, THIRD, "beijing-plenary-5", "fujian-plenary-4"}
    assert any("Erick Tsang" in reason for reason in erick.reasons)


def test_the_same_name_with_other_hyphens_is_one_person(filled: Store) -> None:
    choi = _person(filled, "Dr Choi Yuk Lin")
    assert {a.name for a in choi.appearances} == {"Choi Yuk Lin", "Choi Yuk-lin"}
    assert any("set aside" in reason for reason in choi.reasons)


def test_an_official_changing_posts_has_a_post_history(filled: Store) -> None:
    chan = _person(filled, "Chan Kwok-ki")
    posts = [(ms.post, ms.start, ms.end) for ms in chan.memberships]
    assert ("Director of the Chief Executive's Office", "2017-07-01", "2022-06-30") in posts
    assert ("Chief Secretary for Administration", "2022-07-01", None) in posts
    written = {a.meeting.slug: a.post for a in chan.appearances}
    assert written[FIRST] == "Director of the Chief Executive's Office"
    assert written[THIRD] == "Chief Secretary for Administration"


def test_john_lee_signed_as_chief_secretary_and_co_chaired_as_chief_executive(filled: Store) -> None:
    lee = _person(filled, "John Lee")
    by_meeting = {a.meeting.slug: a for a in lee.appearances}
    assert by_meeting[SECOND].post == "Chief Secretary for Administration"
    assert "signatory" in by_meeting[SECOND].roles
    assert by_meeting[SECOND].signed
    assert by_meeting[THIRD].post == "Chief Executive"
    assert "co_chair" in by_meeting[THIRD].roles
    assert by_meeting[SECOND].when == "November 9, 2021?"  # the year inferred, never a date


def test_a_mainland_official_is_one_person_across_meetings_with_posts_from_the_releases(filled: Store) -> None:
    hu = _person(filled, "Hu Wenming")
    assert hu.side == "Mainland"
    assert len({a.meeting.slug for a in hu.appearances}) == 3
    [post] = hu.memberships
    assert post.post == "Vice Governor of Jiangxi Province"
    assert (post.start, post.end) == ("2019-10-15", "2024-06-14")
    assert post.basis == "named with this post in 3 releases"


def test_a_short_name_that_fits_two_people_is_merged_with_neither_and_the_doubt_is_shown(filled: Store) -> None:
    everyone = queries.all_people(filled)
    davids = [p for p in everyone if p.name.startswith("David Wong")]
    assert sorted(p.name for p in davids) == ["David Wong", "David Wong Ka-lok", "David Wong Kin-man"]
    bare = next(p for p in davids if p.name == "David Wong")
    assert bare.doubts and "not merged" in bare.doubts[0]
    assert queries.person(filled, "David Wong").name == "David Wong"  # the name as written wins over shortenings


def test_people_are_exported_as_popolo(filled: Store) -> None:
    shape = _person(filled, "Chan Kwok-ki").popolo()
    assert shape["id"] == "person/chan-kwok-ki"
    assert {"name", "other_names", "memberships", "appearances", "merged_because", "not_merged"} <= shape.keys()


# --- users' decisions, kept across re-ingests ----------------------------------------------------------


def test_a_users_merge_joins_two_names_and_survives_a_reparse(fresh: Store, corpus: Path) -> None:
    queries.decide_people(fresh, "David Wong", "David Wong Kin-man", same=True, by="analyst", note="same PS")
    merged = _person(fresh, "David Wong Kin-man")
    assert {a.name for a in merged.appearances} == {"David Wong", "David Wong Kin-man"}
    assert any("decided by analyst" in r and "same PS" in r for r in merged.reasons)
    outcomes = _ingest(fresh, _everything(corpus), parser_version=_newer(PARSER_VERSION))
    assert set(outcomes) == {Outcome.UPDATED}  # every document parsed again, its items rebuilt
    assert {a.name for a in _person(fresh, "David Wong Kin-man").appearances} == {"David Wong", "David Wong Kin-man"}


def test_a_users_split_keeps_two_names_apart_over_the_rules(fresh: Store) -> None:
    assert _person(fresh, "Edward Yau").name == "Edward Yau Tang-wah"  # one official by the table
    queries.decide_people(fresh, "Edward Yau", "Edward Yau Tang-wah", same=False, by="analyst", note=None)
    everyone = queries.all_people(fresh)
    yaus = [p for p in everyone if "edward yau" in " ".join(p.keys)]
    assert len(yaus) == 2
    assert any("not the same person" in r for p in yaus for r in p.reasons)


def test_the_latest_decision_about_two_names_stands(fresh: Store) -> None:
    queries.decide_people(fresh, "David Wong", "David Wong Ka-lok", same=True, by="a", note=None)
    queries.decide_people(fresh, "David Wong", "David Wong Ka-lok", same=False, by="b", note="wrong bureau")
    assert {a.name for a in _person(fresh, "David Wong Ka-lok").appearances} == {"David Wong Ka-lok"}
    assert len(fresh.corrections()) == 2  # nothing is overwritten


def test_a_decision_about_an_unknown_name_is_refused(fresh: Store) -> None:
    with pytest.raises(queries.NotFound, match="no one is named"):
        queries.decide_people(fresh, "Nobody Here", "David Wong", same=True, by="a", note=None)


def test_a_rejected_link_is_not_made_and_a_confirmed_one_is_whatever_the_score(fresh: Store, corpus: Path) -> None:
    d = queries.diff(fresh, "Jiangxi").diff
    reworded = d.reworded[0]
    dropped_youth = next(m for m in d.dropped if "exchange tours" in m.text)
    tourism = d.new[0]
    queries.decide_link(fresh, reworded.earlier.key, reworded.later.key, confirm=False, by="analyst", note=None)
    queries.decide_link(fresh, dropped_youth.key[:8], tourism.key[:8], confirm=True, by="analyst", note="same scheme")
    after = queries.diff(fresh, "Jiangxi").diff
    pairs = {(link.earlier.key, link.later.key): link for link in after.carried}
    assert (reworded.earlier.key, reworded.later.key) not in pairs
    confirmed = pairs[(dropped_youth.key, tourism.key)]
    assert confirmed.basis.startswith("confirmed by analyst")
    _ingest(fresh, _everything(corpus), parser_version=_newer(PARSER_VERSION))
    again = queries.diff(fresh, "Jiangxi").diff
    assert {(link.earlier.key, link.later.key) for link in again.carried} == set(pairs)


def test_a_decision_finds_its_measure_again_when_a_reparse_rewords_it(fresh: Store, tmp_path: Path) -> None:
    d = queries.diff(fresh, "Jiangxi").diff
    tourism = d.new[0]
    dropped = d.dropped[0]
    queries.decide_link(fresh, dropped.key, tourism.key, confirm=True, by="analyst", note=None)
    # The same release, its tourism measure now read with one more word (as a parser upgrade might).
    source = SERIES / "jiangxi_3rd_plenary_2024.txt"
    changed = tmp_path / "third.txt"
    changed.write_text(source.read_text().replace("each place.", "each place every year."), encoding="utf-8")
    doc = read_path(changed)
    doc = doc.__class__(**{**doc.__dict__, "uri": str(source.resolve()), "source": source.name})
    fresh.ingest(doc, parse_document(doc))
    after = queries.diff(fresh, "Jiangxi").diff
    moved = next(link for link in after.carried if link.earlier.key == dropped.key)
    assert moved.later.key != tourism.key and "every year" in moved.later.text
    assert moved.decision is not None


def test_a_link_decision_needs_a_long_enough_unique_key(fresh: Store) -> None:
    with pytest.raises(queries.CooptrackError, match="at least six characters"):
        queries.decide_link(fresh, "abc", "def", confirm=True, by="a", note=None)
    with pytest.raises(queries.NotFound, match="no measure with key"):
        queries.decide_link(fresh, "ffffffffffff", "eeeeeeeeeeee", confirm=True, by="a", note=None)


def _newer(version: str) -> str:
    major, *rest = version.split(".")
    return ".".join([str(int(major) + 1), *rest])


_Meeting = FakeMeeting


def _named(name: str, partner: str, slug: str, side: str = "Mainland") -> people.Appearance:
    meeting = _Meeting(slug, f"Hong Kong/{partner} Co-operation Conference", partner, dt.date(2020, 5, 6))
    return people.Appearance(name, "Mr", "Vice Governor", side, ("attendee",), meeting, (0, 1))


def test_one_mainland_name_met_with_two_partners_is_two_people_until_a_user_says_otherwise() -> None:
    seen = [
        _named("Wang Wei", "Hubei", "hubei-plenary-1"),
        _named("Wang Wei", "Hubei", "hubei-plenary-2"),
        _named("Wang Wei", "Beijing", "beijing-plenary-3"),
    ]
    apart = people.gather(seen)
    assert sorted(len(p.appearances) for p in apart) == [1, 2]
    assert all(any("also named at meetings with" in d for d in p.doubts) for p in apart)
    assert len({p.id for p in apart}) == 2
    assert [a.meeting.partner for a in people.find(apart, "Wang Wei (Beijing)")[0].appearances] == ["Beijing"]
    assert len(people.find(apart, "Wang Wei")) == 2
    decided = people.PeopleDecisions(same=[("wang wei @hubei", "wang wei @beijing", "ann on 2026-01-01")])
    [one] = people.gather(seen, decided)
    assert len(one.appearances) == 3 and one.doubts == []
    assert any("decided by ann" in r for r in one.reasons)


def test_a_hong_kong_name_is_one_person_whichever_partner_it_is_met_with() -> None:
    seen = [_named("Lau Ka-ming", "Hubei", "hubei-plenary-1", "HK"), _named("Lau Ka-ming", "Beijing", "b-1", "HK")]
    [one] = people.gather(seen)
    assert len(one.appearances) == 2
