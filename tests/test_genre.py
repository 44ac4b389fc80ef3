"""The parser against synthetic releases of the genre, one aspect per test.

Each document in ``tests/data/synthetic`` has a partial expectation in
``tests/data/synthetic/expected/<stem>.json`` (keys described in that folder's README.md). A key
that is absent is not checked. Strings are compared the way ``../shared/tools/score.py`` compares
them: quotes, dashes, non-breaking spaces, runs of white space and case do not matter, and
people's names also ignore hyphens and spaces.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from cooptrack.clean.tables import read_tables
from cooptrack.extract.zh.places import chinese_names
from cooptrack.fold import simplified, strip_pinyin
from cooptrack.pipeline import parse_path
from cooptrack.record import Record
from cooptrack.vocab import AgreementKind, Flag, Honorific, MeetingKind, Role, Side, Theme

DATA = Path(__file__).parent / "data" / "synthetic"
# The synthetic HTML pages (tests/data/html/expected) are read against the same checks.
HTML = Path(__file__).parent / "data" / "html"
TEXT_EXPECTED = sorted((DATA / "expected").glob("*.json"))
EXPECTED = TEXT_EXPECTED + sorted((HTML / "expected").glob("*.json"))
TEXT_STEMS = frozenset(p.stem for p in TEXT_EXPECTED)

_CHARS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
    "\u2013": "-",
    "\u2014": "-",
}


# A bracketed abbreviation after a name ("(NDRC)", "(HKSAR)"): a post is written without it
_ABBREVIATION = re.compile(r"\s*\((?:[A-Z][A-Za-z&]{1,9})\)")


def norm(value: object) -> str | None:
    """Compare strings whatever their quotes, dashes, white space and case."""
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value))
    for a, b in _CHARS.items():
        s = s.replace(a, b)
    s = s.replace('"', "'")
    return re.sub(r"\s+", " ", s).strip().casefold()


def name_key(value: object) -> str:
    """People's names match whatever their hyphens, spaces, dots and case."""
    return re.sub(r"[\s\-\u2010-\u2015.]", "", norm(value) or "")


def expected(stem: str) -> dict[str, Any]:
    folder = DATA if stem in TEXT_STEMS else HTML
    data: dict[str, Any] = json.loads((folder / "expected" / f"{stem}.json").read_text("utf-8"))
    return data


def document(stem: str) -> Path:
    """A text document of tests/data/synthetic, or the page an HTML expectation names."""
    return DATA / f"{stem}.txt" if stem in TEXT_STEMS else HTML / expected(stem)["source"]


def cases(*keys: str, measure_key: str | None = None) -> list[Any]:
    """One case per document whose expectation states any of ``keys`` (all documents if none)."""
    return [pytest.param(p.stem, id=p.stem) for p in EXPECTED if applies(expected(p.stem), keys, measure_key)]


def applies(exp: dict[str, Any], keys: tuple[str, ...], measure_key: str | None = None) -> bool:
    """Whether an expectation states any of ``keys`` (any expectation if none), and a measure ``measure_key``."""
    if keys and not any(k in exp for k in keys):
        return False
    return not measure_key or any(measure_key in m for m in exp.get("measures", []))


CASES = cases()


@functools.cache
def parsed(stem: str) -> Record:
    return parse_path(document(stem))


def _value(v: object) -> object:
    return getattr(v, "value", v)


def _people_names(rec: Record) -> str:
    return ", ".join(f"{p.name!r} {[_value(r) for r in p.roles]}" for p in rec.people) or "none"


def _find_person(rec: Record, name: str) -> Any:
    key = name_key(name)
    for p in rec.people:
        if name_key(p.name) == key:
            return p
    return None


def _find_measure(rec: Record, starts: str, used: set[int]) -> tuple[int, Any, Any] | None:
    """The first unused measure whose text starts with ``starts``: (index, area, measure)."""
    key = norm(starts) or ""
    i = 0
    for area in rec.areas:
        for m in area.measures:
            if i not in used and (norm(m.text) or "").startswith(key):
                return i, area, m
            i += 1
    return None


def _measure_starts(rec: Record) -> str:
    lines = [f"  [{a.heading!r}] {m.text[:70]!r}" for a in rec.areas for m in a.measures]
    return "\n".join(lines) or "  none"


# --- the expectation files themselves ---------------------------------------------------------

VALID = {
    "flag": {f.value for f in Flag},
    "theme": {t.value for t in Theme},
    "kind": {k.value for k in AgreementKind},
    "meeting_kind": {k.value for k in MeetingKind},
    "side": {s.value for s in Side},
    "role": {r.value for r in Role},
    "honorific": {h.value for h in Honorific},
}


@pytest.mark.parametrize("stem", [c for c in CASES if c.values[0] in TEXT_STEMS])
def test_expectation_is_grounded_in_its_document(stem: str) -> None:
    """Guards the test data: vocabularies are valid and every expected string is in the document."""
    exp = expected(stem)
    doc = DATA / f"{stem}.txt"
    assert doc.exists(), f"{doc.name} is missing"
    raw = doc.read_text("utf-8")
    if stem.startswith("zh_"):  # copied strings are read without injected pinyin ([ZH-FOLD])
        raw = strip_pinyin(raw)
    assert 1500 <= len(raw.encode()) <= 8192, f"{doc.name}: {len(raw.encode())} bytes"
    first = raw.splitlines()[0].lstrip()
    assert not first.startswith(("#", "//", "<!--")), "the first line must be the document's own"
    text = norm(raw) or ""
    raw_key = name_key(raw)
    # a Chinese copy hard-wrapped at a fixed width breaks a string anywhere: its lines joined hold it
    joined = (norm(re.sub(r"\n[ \u3000]*", "", raw)) or "") if stem.startswith("zh_") else text

    def grounded(s: str | None, what: str) -> None:
        if s is not None:
            assert norm(s) in text or norm(s) in joined, f"{what} {s!r} is not in {doc.name}"

    assert exp["source"] == doc.name
    for f in exp.get("flags", []) + exp.get("flags_absent", []):
        assert f in VALID["flag"], f"unknown flag {f!r}"
    assert not set(exp.get("flags", [])) & set(exp.get("flags_absent", []))
    meeting = exp.get("meeting", {})
    if meeting.get("kind") is not None:
        assert meeting["kind"] in VALID["meeting_kind"]
    if stem.startswith("zh_") and exp.get("title"):  # a headline printed on two lines, furniture between
        for part in exp["title"].split():
            grounded(part, "title part")
    else:
        grounded(exp.get("title"), "title")
    grounded(meeting.get("date_text"), "date_text")
    if stem.startswith("zh_"):  # a Chinese document names its venue in Chinese, the record in English
        venue = meeting.get("venue")
        assert venue is None or any(n in simplified(raw) for n in chinese_names(venue)), venue
    else:
        grounded(meeting.get("venue"), "venue")
    for h in exp.get("area_headings", []):
        grounded(h, "heading")
    tabled_key = name_key("\n".join(read_tables(raw.splitlines())))  # (a name wrapped in a table's cell)
    for p in exp.get("people", []):
        assert name_key(p["name"]) in raw_key or name_key(p["name"]) in tabled_key, f"{p['name']!r} not in {doc.name}"
        post = p.get("post")  # a post without its bracketed abbreviation ("… Commission (NDRC) and …")
        if post is not None and norm(post) not in text:
            assert norm(post) in (norm(_ABBREVIATION.sub("", raw)) or ""), f"post {post!r} is not in {doc.name}"
        else:
            grounded(post, "post")
        assert p.get("honorific") is None or p["honorific"] in VALID["honorific"]
        assert p["side"] in VALID["side"]
        assert set(p.get("roles", [])) <= VALID["role"]
    for n in exp.get("co_chairs", []) + exp.get("special_guests", []):
        assert name_key(n) in {name_key(p["name"]) for p in exp["people"]}, n
    for m in exp.get("measures", []):
        grounded(m["starts"], "measure")
        assert m.get("area") is None or m["area"] in exp["area_headings"], m
        assert m.get("primary_theme") is None or m["primary_theme"] in VALID["theme"], m
    if "measure_count" in exp and "measures" in exp:
        assert exp["measure_count"] == len(exp["measures"])
    # a title wrapped in a cell of a table saved as text is printed in pieces: its row, joined, holds it
    tabled = norm("\n".join(read_tables(raw.splitlines()))) or ""
    for a in exp.get("agreements", []):
        if norm(a["title"]) not in tabled:
            grounded(a["title"], "agreement")
        assert a["kind"] in VALID["kind"]
        for s in a["signatories"]:
            assert name_key(s) in {name_key(p["name"]) for p in exp["people"]}, s
    for n in exp.get("noise_starts", []):
        grounded(n, "noise")


# --- what the document is ---------------------------------------------------------------------


def check_relevance_and_document_kind(exp: dict[str, Any], rec: Record) -> None:
    assert rec.relevant is exp["relevant"], (
        f"relevant: expected {exp['relevant']}, got {rec.relevant} (reason given: {rec.relevance_reason!r})"
    )
    if not exp["relevant"]:
        assert Flag.NOT_RELEVANT in rec.flags, f"not_relevant flag missing; flags: {rec.flags}"
        assert rec.relevance_reason, "a record that is not relevant must say why"
    if "document_kind" in exp:
        assert rec.document_kind == exp["document_kind"], (
            f"document_kind: expected {exp['document_kind']!r}, got {_value(rec.document_kind)!r}"
        )


@pytest.mark.parametrize("stem", CASES)
def test_relevance_and_document_kind(stem: str) -> None:
    check_relevance_and_document_kind(expected(stem), parsed(stem))


def check_language(exp: dict[str, Any], rec: Record) -> None:
    """[LANG] the language is read from the text, never from the page's address."""
    assert rec.language == exp["language"], f"language: expected {exp['language']!r}, got {rec.language!r}"


@pytest.mark.parametrize("stem", cases("language"))
def test_language(stem: str) -> None:
    check_language(expected(stem), parsed(stem))


def check_script(exp: dict[str, Any], rec: Record) -> None:
    """[ZH-DETECT] [ZH-FOLD] a Chinese page's script is read from its characters and kept on the record."""
    assert rec.script == exp["script"], f"script: expected {exp['script']!r}, got {rec.script!r}"


@pytest.mark.parametrize("stem", cases("script"))
def test_script(stem: str) -> None:
    check_script(expected(stem), parsed(stem))


def check_title(exp: dict[str, Any], rec: Record) -> None:
    assert norm(rec.title) == norm(exp["title"]), f"title:\n  expected {exp['title']!r}\n  got      {rec.title!r}"


@pytest.mark.parametrize("stem", cases("title"))
def test_title(stem: str) -> None:
    check_title(expected(stem), parsed(stem))


def check_mechanism_and_partner(exp: dict[str, Any], rec: Record) -> None:
    got = {"mechanism": rec.mechanism, "partner": rec.partner}
    wrong = {k: (exp[k], got[k]) for k in ("mechanism", "partner") if k in exp and norm(got[k]) != norm(exp[k])}
    assert not wrong, "; ".join(f"{k}: expected {e!r}, got {g!r}" for k, (e, g) in wrong.items())


@pytest.mark.parametrize("stem", cases("mechanism", "partner"))
def test_mechanism_and_partner(stem: str) -> None:
    check_mechanism_and_partner(expected(stem), parsed(stem))


def check_meeting_facts(exp: dict[str, Any], rec: Record) -> None:
    m = rec.meeting
    got = {
        "ordinal": m.ordinal,
        "kind": _value(m.kind),
        "date": m.date.isoformat() if m.date else None,
        "date_text": m.date_text,
        "venue": m.venue,
    }
    wrong = []
    for key, want in exp["meeting"].items():
        same = got[key] == want if key == "ordinal" else norm(got[key]) == norm(want)
        if not same:
            wrong.append(f"meeting.{key}: expected {want!r}, got {got[key]!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases("meeting"))
def test_meeting_facts(stem: str) -> None:
    check_meeting_facts(expected(stem), parsed(stem))


# --- people -----------------------------------------------------------------------------------


def check_people(exp: dict[str, Any], rec: Record) -> None:
    wrong = []
    for want in exp["people"]:
        p = _find_person(rec, want["name"])
        if p is None:
            wrong.append(f"{want['name']!r} not found")
            continue
        if "honorific" in want and _value(p.honorific) != want["honorific"]:
            wrong.append(f"{want['name']}: honorific expected {want['honorific']!r}, got {_value(p.honorific)!r}")
        if "post" in want and norm(p.post) != norm(want["post"]):
            wrong.append(f"{want['name']}: post expected {want['post']!r}, got {p.post!r}")
        if "side" in want and _value(p.side) != want["side"]:
            wrong.append(f"{want['name']}: side expected {want['side']!r}, got {_value(p.side)!r}")
        if "roles" in want and {_value(r) for r in p.roles} != set(want["roles"]):
            wrong.append(
                f"{want['name']}: roles expected {sorted(want['roles'])}, got {sorted(str(_value(r)) for r in p.roles)}"
            )
    assert not wrong, "\n".join(wrong) + f"\n(people extracted: {_people_names(rec)})"


@pytest.mark.parametrize("stem", cases("people"))
def test_people(stem: str) -> None:
    check_people(expected(stem), parsed(stem))


def check_no_extra_people(exp: dict[str, Any], rec: Record) -> None:
    absent = {name_key(n) for n in exp.get("people_absent", [])}
    leaked = [p.name for p in rec.people if name_key(p.name) in absent]
    assert not leaked, f"people taken from noise: {leaked}"
    away = {name_key(n) for n in exp.get("not_attending", [])}
    misplaced = [f"{p.name} {sorted(map(str, p.roles))}" for p in rec.people if name_key(p.name) in away and p.roles]
    assert not misplaced, f"people given a role at a meeting they do not attend: {misplaced}"
    if exp.get("people_complete"):
        known = {name_key(p["name"]) for p in exp["people"]}
        extra = [p.name for p in rec.people if name_key(p.name) not in known]
        assert not extra, f"people not in the release (or split/duplicated names): {extra}"
        keys = [name_key(p.name) for p in rec.people]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        assert not dupes, f"the same person extracted more than once: {dupes}"


@pytest.mark.parametrize("stem", cases("people_complete", "people_absent", "not_attending"))
def test_no_extra_people(stem: str) -> None:
    check_no_extra_people(expected(stem), parsed(stem))


def check_co_chairs_and_special_guests(exp: dict[str, Any], rec: Record) -> None:
    wrong = []
    for role, key in ((Role.CO_CHAIR, "co_chairs"), (Role.SPECIAL_GUEST, "special_guests")):
        if key not in exp:
            continue
        want = {name_key(n) for n in exp[key]}
        got = {name_key(p.name): p.name for p in rec.people if role in p.roles}
        if set(got) != want:
            wrong.append(f"{key}: expected {sorted(exp[key])}, got {sorted(got.values())}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases("co_chairs", "special_guests"))
def test_co_chairs_and_special_guests(stem: str) -> None:
    check_co_chairs_and_special_guests(expected(stem), parsed(stem))


# --- areas and measures -----------------------------------------------------------------------


def check_declared_area_count(exp: dict[str, Any], rec: Record) -> None:
    assert rec.declared_area_count == exp["declared_area_count"], (
        f"declared_area_count: expected {exp['declared_area_count']}, got {rec.declared_area_count}"
    )


@pytest.mark.parametrize("stem", cases("declared_area_count"))
def test_declared_area_count(stem: str) -> None:
    check_declared_area_count(expected(stem), parsed(stem))


def check_area_headings(exp: dict[str, Any], rec: Record) -> None:
    want = [norm(h) or "" for h in exp["area_headings"]]
    headed = [a for a in rec.areas if a.heading is not None]  # a headless area is not a heading
    got = [norm(a.heading) or "" for a in headed]
    cut = want.pop() if exp.get("truncated") and want else None
    if cut is not None and len(got) == len(want) + 1:
        last = got[-1]
        assert last and (last.startswith(cut) or cut.startswith(last)), (
            f"the last heading was cut at {cut!r}; got {headed[-1].heading!r}"
        )
        got = got[:-1]
    assert got == want, (
        "area headings differ:\n  expected "
        + repr(exp["area_headings"])
        + "\n  got      "
        + repr([a.heading for a in headed])
    )


@pytest.mark.parametrize("stem", cases("area_headings"))
def test_area_headings(stem: str) -> None:
    check_area_headings(expected(stem), parsed(stem))


def check_measures_found(exp: dict[str, Any], rec: Record) -> None:
    found, missing, used = [], [], set()
    for m in exp.get("measures", []):
        hit = _find_measure(rec, m["starts"], used)
        if hit is None:
            missing.append(m["starts"])
        else:
            used.add(hit[0])
            found.append(hit[0])
    assert not missing, f"measures not found: {missing}\nmeasures extracted:\n{_measure_starts(rec)}"
    assert found == sorted(found), "measures are not in the order of the text"
    if "measure_count" in exp:
        assert len(rec.measures) == exp["measure_count"], (
            f"expected {exp['measure_count']} measures, got {len(rec.measures)}:\n" + _measure_starts(rec)
        )


@pytest.mark.parametrize("stem", cases("measures", "measure_count"))
def test_measures_found(stem: str) -> None:
    check_measures_found(expected(stem), parsed(stem))


def check_measure_areas(exp: dict[str, Any], rec: Record) -> None:
    wrong, used = [], set()
    for m in exp["measures"]:
        hit = _find_measure(rec, m["starts"], used)
        if hit is None:
            if "area" in m:
                wrong.append(f"{m['starts']!r}: not found")
            continue
        used.add(hit[0])
        if "area" in m and norm(hit[1].heading) != norm(m["area"]):
            wrong.append(f"{m['starts']!r}: under {hit[1].heading!r}, expected {m['area']!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases(measure_key="area"))
def test_measure_areas(stem: str) -> None:
    check_measure_areas(expected(stem), parsed(stem))


def check_measure_primary_themes(exp: dict[str, Any], rec: Record) -> None:
    wrong, used = [], set()
    for m in exp["measures"]:
        hit = _find_measure(rec, m["starts"], used)
        if hit is None:
            if "primary_theme" in m:
                wrong.append(f"{m['starts']!r}: not found")
            continue
        used.add(hit[0])
        if "primary_theme" not in m:
            continue
        themes = [str(_value(t)) for t in hit[2].themes]
        if not themes or themes[0] != m["primary_theme"]:
            wrong.append(f"{m['starts']!r}: themes {themes}, expected {m['primary_theme']!r} first")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases(measure_key="primary_theme"))
def test_measure_primary_themes(stem: str) -> None:
    check_measure_primary_themes(expected(stem), parsed(stem))


# --- agreements -------------------------------------------------------------------------------


def check_agreements(exp: dict[str, Any], rec: Record) -> None:
    by_title = {norm(a.title): a for a in rec.agreements}
    wrong = []
    for want in exp["agreements"]:
        a = by_title.get(norm(want["title"]))
        if a is None:
            wrong.append(f"not found: {want['title']!r}")
            continue
        short = want["title"][:50] + "…"
        if _value(a.kind) != want["kind"]:
            wrong.append(f"{short}: kind expected {want['kind']!r}, got {_value(a.kind)!r}")
        if norm(a.annex) != norm(want["annex"]):
            wrong.append(f"{short}: annex expected {want['annex']!r}, got {a.annex!r}")
        if a.chinese_only != want["chinese_only"]:
            wrong.append(f"{short}: chinese_only expected {want['chinese_only']}, got {a.chinese_only}")
        got_sig = {name_key(s) for s in a.signatories}
        if got_sig != {name_key(s) for s in want["signatories"]}:
            wrong.append(f"{short}: signatories expected {want['signatories']}, got {a.signatories}")
    if len(rec.agreements) != len(exp["agreements"]):
        wrong.append(
            f"expected {len(exp['agreements'])} agreements, got {len(rec.agreements)}: "
            + repr([a.title for a in rec.agreements])
        )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases("agreements"))
def test_agreements(stem: str) -> None:
    check_agreements(expected(stem), parsed(stem))


# --- flags and noise --------------------------------------------------------------------------


def check_flags(exp: dict[str, Any], rec: Record) -> None:
    got = {str(_value(f)) for f in rec.flags}
    missing = [f for f in exp.get("flags", []) if f not in got]
    unwanted = [f for f in exp.get("flags_absent", []) if f in got]
    assert not missing and not unwanted, (
        f"flags missing: {missing}; flags that must not be raised: {unwanted}; got {sorted(got)}"
    )


@pytest.mark.parametrize("stem", CASES)
def test_flags(stem: str) -> None:
    check_flags(expected(stem), parsed(stem))


def check_noise_is_cut(exp: dict[str, Any], rec: Record) -> None:
    text = norm(rec.text) or ""
    kept = [n for n in exp["noise_starts"] if (norm(n) or "") in text]
    assert not kept, f"noise left in the cleaned text: {kept}"


@pytest.mark.parametrize("stem", cases("noise_starts"))
def test_noise_is_cut(stem: str) -> None:
    check_noise_is_cut(expected(stem), parsed(stem))


def check_nothing_extracted_from_noise(exp: dict[str, Any], rec: Record) -> None:
    keys = [(norm(n) or "")[:60] for n in exp["noise_starts"]]
    items = [("measure", m.text) for m in rec.measures]
    items += [("agreement", a.title) for a in rec.agreements]
    items += [("area", a.heading or "") for a in rec.areas]
    leaked = [f"{kind} {s[:70]!r}" for kind, s in items for k in keys if k and k in (norm(s) or "")]
    assert not leaked, "extracted from noise: " + "; ".join(leaked)


@pytest.mark.parametrize("stem", cases("noise_starts"))
def test_nothing_extracted_from_noise(stem: str) -> None:
    check_nothing_extracted_from_noise(expected(stem), parsed(stem))


# --- spans ------------------------------------------------------------------------------------


def check_spans_point_at_their_items(exp: dict[str, Any], rec: Record) -> None:
    text, n = rec.text, len(rec.text)
    wrong = []

    def bounds(what: str, span: tuple[int, int]) -> str | None:
        s, e = span
        if not 0 <= s < e <= n:
            wrong.append(f"{what}: span {span} outside the text (length {n})")
            return None
        return text[s:e]

    for m in rec.measures:
        got = bounds(f"measure {m.text[:40]!r}", m.span)
        if got is not None and got != m.text:
            wrong.append(f"measure {m.text[:40]!r}: span slices {got[:40]!r}")
    for p in rec.people:
        got = bounds(f"person {p.name!r}", p.span)
        # the full name, or the body's short reference to a name a photo caption gives in full ("Mr Chan")
        short = got is not None and got.split()[-1] in p.name.split()
        if got is not None and name_key(p.name) not in name_key(got) and not short:
            wrong.append(f"person {p.name!r}: span slices {got[:60]!r}")
    for a in rec.agreements:
        got = bounds(f"agreement {a.title[:40]!r}", a.span)
        if got is not None and (norm(a.title) or "") not in (norm(got) or ""):
            wrong.append(f"agreement {a.title[:40]!r}: span slices {got[:60]!r}")
    for area in rec.areas:
        if area.span is None:
            continue
        got = bounds(f"area {area.heading!r}", area.span)
        if got is not None and area.heading and (norm(area.heading) or "") not in (norm(got) or ""):
            wrong.append(f"area {area.heading!r}: span slices {got[:60]!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", CASES)
def test_spans_point_at_their_items(stem: str) -> None:
    check_spans_point_at_their_items(expected(stem), parsed(stem))


# --- every comparison, for other modules (tests/test_metamorphic.py) ----------------------------

# (aspect, check, keys, measure_key): the check applies to an expectation as ``cases`` selects it
CHECKS: tuple[tuple[str, Any, tuple[str, ...], str | None], ...] = (
    ("relevance", check_relevance_and_document_kind, (), None),
    ("language", check_language, ("language",), None),
    ("script", check_script, ("script",), None),
    ("title", check_title, ("title",), None),
    ("mechanism", check_mechanism_and_partner, ("mechanism", "partner"), None),
    ("meeting", check_meeting_facts, ("meeting",), None),
    ("people", check_people, ("people",), None),
    ("extra_people", check_no_extra_people, ("people_complete", "people_absent", "not_attending"), None),
    ("chairs", check_co_chairs_and_special_guests, ("co_chairs", "special_guests"), None),
    ("area_count", check_declared_area_count, ("declared_area_count",), None),
    ("headings", check_area_headings, ("area_headings",), None),
    ("measures", check_measures_found, ("measures", "measure_count"), None),
    ("measure_areas", check_measure_areas, (), "area"),
    ("themes", check_measure_primary_themes, (), "primary_theme"),
    ("agreements", check_agreements, ("agreements",), None),
    ("flags", check_flags, (), None),
    ("noise_cut", check_noise_is_cut, ("noise_starts",), None),
    ("noise_extracted", check_nothing_extracted_from_noise, ("noise_starts",), None),
    ("spans", check_spans_point_at_their_items, (), None),
)


def failed_checks(exp: dict[str, Any], rec: Record) -> dict[str, str]:
    """Every comparison of this module that applies to ``exp`` and fails on ``rec``: aspect → message."""
    failed = {}
    for aspect, check, keys, measure_key in CHECKS:
        if not applies(exp, keys, measure_key):
            continue
        try:
            check(exp, rec)
        except AssertionError as exc:
            failed[aspect] = str(exc)
    return failed
