"""The parser against synthetic HTML pages of the genre (tests/data/html/rt2_*), one aspect per test.

Each page has a partial expectation in ``tests/data/html/expected/<stem>.json`` in the format of
``tests/data/synthetic/README.md`` (plus ``reader``: the HTML reader that must be used, and
``encoding``: the encoding the page must be decoded with). Absent keys are not checked. Strings are
compared as ``tests/test_genre.py`` compares them (its helpers are imported: ``tests`` is on
``sys.path`` under pytest's default import mode, as ``recordfacts`` is for ``test_html``).
Two pages have a plain-text twin (the same release saved as text): both must give one record.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cooptrack.acquire import read_path
from cooptrack.pipeline import parse_path
from cooptrack.record import Record
from cooptrack.vocab import Role
from recordfacts import facts
from test_genre import _find_measure, _find_person, _measure_starts, _people_names, _value, name_key, norm

DATA = Path(__file__).parent / "data" / "html"
EXPECTED = sorted((DATA / "expected").glob("rt2_*.json"))
TWINS = sorted(p for p in DATA.glob("rt2_*.txt"))


def expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "expected" / f"{stem}.json").read_text("utf-8"))
    return data


def cases(*keys: str) -> list[Any]:
    return [pytest.param(p.stem, id=p.stem) for p in EXPECTED if not keys or any(k in expected(p.stem) for k in keys)]


@functools.cache
def parsed(stem: str) -> Record:
    return parse_path(DATA / expected(stem)["source"])


def test_there_are_pages() -> None:
    assert len(EXPECTED) >= 6 and len(TWINS) >= 2


@pytest.mark.parametrize("stem", cases())
def test_page_exists_and_expectation_is_grounded(stem: str) -> None:
    exp = expected(stem)
    page = DATA / exp["source"]
    assert page.exists(), page
    text = norm(html.unescape(re.sub(r"<[^>]*>", " ", read_path(page).text))) or ""  # the page's words
    for key in ("title",):
        if key in exp:
            assert norm(exp[key]) in text, exp[key]
    for h in exp.get("area_headings", []):
        assert norm(h) in text, h
    for m in exp.get("measures", []):
        assert norm(m["starts"]) in text, m
    for a in exp.get("agreements", []):
        assert norm(a["title"]) in text, a["title"]
    for n in exp.get("noise_starts", []):
        assert norm(n) in text, n


@pytest.mark.parametrize("stem", cases("encoding"))
def test_encoding(stem: str) -> None:
    exp = expected(stem)
    assert read_path(DATA / exp["source"]).encoding == exp["encoding"]


@pytest.mark.parametrize("stem", cases("reader"))
def test_reader(stem: str) -> None:
    assert parsed(stem).reader == expected(stem)["reader"]


@pytest.mark.parametrize("stem", cases())
def test_relevance_and_kind(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    assert rec.relevant is exp["relevant"], rec.relevance_reason
    if "document_kind" in exp:
        assert _value(rec.document_kind) == exp["document_kind"]


@pytest.mark.parametrize("stem", cases("title"))
def test_title(stem: str) -> None:
    assert norm(parsed(stem).title) == norm(expected(stem)["title"])


@pytest.mark.parametrize("stem", cases("mechanism", "partner"))
def test_mechanism_and_partner(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    got = {"mechanism": rec.mechanism, "partner": rec.partner}
    wrong = {k: (exp[k], got[k]) for k in got if k in exp and norm(got[k]) != norm(exp[k])}
    assert not wrong, wrong


@pytest.mark.parametrize("stem", cases("meeting"))
def test_meeting(stem: str) -> None:
    exp, m = expected(stem), parsed(stem).meeting
    got = {"ordinal": m.ordinal, "kind": _value(m.kind), "date": m.date.isoformat() if m.date else None,
           "date_text": m.date_text, "venue": m.venue}  # fmt: skip
    wrong = [
        f"meeting.{k}: expected {v!r}, got {got[k]!r}"
        for k, v in exp["meeting"].items()
        if not (got[k] == v if k == "ordinal" else norm(got[k]) == norm(v))
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases("people"))
def test_people(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    wrong = []
    for want in exp["people"]:
        p = _find_person(rec, want["name"])
        if p is None:
            wrong.append(f"{want['name']!r} not found")
            continue
        if "honorific" in want and _value(p.honorific) != want["honorific"]:
            wrong.append(f"{want['name']}: honorific {want['honorific']!r} != {_value(p.honorific)!r}")
        if "post" in want and norm(p.post) != norm(want["post"]):
            wrong.append(f"{want['name']}: post {want['post']!r} != {p.post!r}")
        if "side" in want and _value(p.side) != want["side"]:
            wrong.append(f"{want['name']}: side {want['side']!r} != {_value(p.side)!r}")
        if "roles" in want and {_value(r) for r in p.roles} != set(want["roles"]):
            wrong.append(f"{want['name']}: roles {sorted(want['roles'])} != {sorted(map(str, map(_value, p.roles)))}")
    if exp.get("people_complete"):
        known = {name_key(p["name"]) for p in exp["people"]}
        extra = [p.name for p in rec.people if name_key(p.name) not in known]
        if extra:
            wrong.append(f"people not in the release: {extra}")
    absent = {name_key(n) for n in exp.get("people_absent", [])}
    leaked = [p.name for p in rec.people if name_key(p.name) in absent]
    if leaked:
        wrong.append(f"people taken from noise: {leaked}")
    assert not wrong, "\n".join(wrong) + f"\n(people extracted: {_people_names(rec)})"


@pytest.mark.parametrize("stem", cases("co_chairs", "special_guests"))
def test_co_chairs_and_special_guests(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    wrong = []
    for role, key in ((Role.CO_CHAIR, "co_chairs"), (Role.SPECIAL_GUEST, "special_guests")):
        if key in exp:
            got = {name_key(p.name): p.name for p in rec.people if role in p.roles}
            if set(got) != {name_key(n) for n in exp[key]}:
                wrong.append(f"{key}: expected {exp[key]}, got {sorted(got.values())}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases("declared_area_count"))
def test_declared_area_count(stem: str) -> None:
    assert parsed(stem).declared_area_count == expected(stem)["declared_area_count"]


@pytest.mark.parametrize("stem", cases("area_headings"))
def test_area_headings(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    got = [a.heading for a in rec.areas if a.heading is not None]
    assert [norm(h) for h in got] == [norm(h) for h in exp["area_headings"]], got


@pytest.mark.parametrize("stem", cases("measures", "measure_count"))
def test_measures(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    missing, wrong, used, order = [], [], set(), []
    for m in exp.get("measures", []):
        hit = _find_measure(rec, m["starts"], used)
        if hit is None:
            missing.append(m["starts"])
            continue
        used.add(hit[0])
        order.append(hit[0])
        if "area" in m and norm(hit[1].heading) != norm(m["area"]):
            wrong.append(f"{m['starts']!r}: under {hit[1].heading!r}, expected {m['area']!r}")
        themes = [str(_value(t)) for t in hit[2].themes]
        if "primary_theme" in m and (not themes or themes[0] != m["primary_theme"]):
            wrong.append(f"{m['starts']!r}: themes {themes}, expected {m['primary_theme']!r} first")
    if missing:
        wrong.append(f"measures not found: {missing}")
    if order != sorted(order):
        wrong.append("measures out of order")
    if "measure_count" in exp and len(rec.measures) != exp["measure_count"]:
        wrong.append(f"expected {exp['measure_count']} measures, got {len(rec.measures)}")
    assert not wrong, "\n".join(wrong) + "\nmeasures extracted:\n" + _measure_starts(rec)


@pytest.mark.parametrize("stem", cases("agreements"))
def test_agreements(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    by_title = {norm(a.title): a for a in rec.agreements}
    wrong = []
    for want in exp["agreements"]:
        a = by_title.get(norm(want["title"]))
        if a is None:
            wrong.append(f"not found: {want['title']!r}")
            continue
        short = want["title"][:50] + "…"
        if _value(a.kind) != want["kind"]:
            wrong.append(f"{short}: kind {want['kind']!r} != {_value(a.kind)!r}")
        if norm(a.annex) != norm(want["annex"]):
            wrong.append(f"{short}: annex {want['annex']!r} != {a.annex!r}")
        if a.chinese_only != want["chinese_only"]:
            wrong.append(f"{short}: chinese_only {want['chinese_only']} != {a.chinese_only}")
        if {name_key(s) for s in a.signatories} != {name_key(s) for s in want["signatories"]}:
            wrong.append(f"{short}: signatories {want['signatories']} != {a.signatories}")
    if len(rec.agreements) != len(exp["agreements"]):
        wrong.append(f"expected {len(exp['agreements'])} agreements, got {[a.title for a in rec.agreements]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases())
def test_flags(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    got = {str(_value(f)) for f in rec.flags}
    missing = [f for f in exp.get("flags", []) if f not in got]
    unwanted = [f for f in exp.get("flags_absent", []) if f in got]
    assert not missing and not unwanted, f"missing {missing}, unwanted {unwanted}, got {sorted(got)}"


@pytest.mark.parametrize("stem", cases("noise_starts"))
def test_noise_is_cut(stem: str) -> None:
    exp, rec = expected(stem), parsed(stem)
    text = norm(rec.text) or ""
    kept = [n for n in exp["noise_starts"] if (norm(n) or "") in text]
    assert not kept, f"noise left in the cleaned text: {kept}"


# --- the same release as text and as HTML ------------------------------------------------------

GOLD_FIELDS = ("relevant", "document_kind", "title", "mechanism", "partner", "meeting", "people",
               "declared_area_count", "areas", "agreements", "flags")  # fmt: skip


@pytest.mark.parametrize("twin", TWINS, ids=lambda p: p.stem)
def test_text_twin_gives_the_same_record(twin: Path) -> None:
    page = next(p for p in DATA.glob(f"{twin.stem}.htm*"))
    as_text = facts(parse_path(twin).model_dump(mode="json"))
    as_page = facts(parse_path(page).model_dump(mode="json"))
    diff = {k: (as_text.get(k), as_page.get(k)) for k in GOLD_FIELDS if as_text.get(k) != as_page.get(k)}
    assert not diff, "\n".join(f"{k}:\n  text {t!r}\n  html {h!r}" for k, (t, h) in diff.items())
