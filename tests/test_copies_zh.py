"""Chinese releases as copies hard-wrapped at a fixed width: the record must not change.

Chinese releases reach analysts as text taken from a PDF (a Mainland government's document, a
paper's e-edition) or copied from a fixed-width mail: every paragraph broken into lines of one
length, counted in characters (a full-width one as one), anywhere (inside a name, a post, a
《title》, a number), paragraphs told apart by an indent (two full-width spaces or spaces), by a
blank line, or by a last line shorter than the width. Each copy is made here from a synthetic
Chinese document of tests/data/synthetic, at 24, 30, 36 and 40 characters, indented by 　　 or not,
blank lines between paragraphs or not, and its record compared with the original's on every field
but the spans. The copy keeps a closing mark on the line it closes (no line opens with 。，」》),
breaks a Latin word only at a space, and leaves the page's stamps (a line with a time of day) and
lines with no Chinese (a row of '*') whole.

Not covered: a paragraph whose last line reaches the margin exactly (a headline as long as the
margin), in a copy with neither indent nor blank line, is one with the next (the text cannot tell;
zh_date_sichuan_2026_this_morning_flash_trad at 24, flush); a paragraph numbering its items inline
（一）…；（二）… whose label opens a line is cut there; a copy with fewer than five lines at
the margin (a page of short lines) is not seen as wrapped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cooptrack.clean.layout import _Line, zh_wrap_width
from cooptrack.pipeline import parse_path

DATA = Path(__file__).parent / "data" / "synthetic"

# Documents of many entries (people and posts, signatories, lists of areas, dates, stamps, flags),
# both scripts, the GIA's layout and others.
STEMS = [
    "zh_agree_beijing_2008_signed_by_ahead_trad",
    "zh_agree_hubei_2027_chaired_by_then_signed_contrast_simp",
    "zh_agree_zhejiang_2026_documents_including_list_trad",
    "zh_areas_zhejiang_2027_bracket_digit_headings_officials_lines_simp",
    "zh_areas_beijing_2027_fullwidth_digit_headings_officials_lines_after_trad",
    "zh_areas_guangdong_2027_yishi_items_commas_trad",
    "zh_count_zhejiang_2023_simp",
    "zh_agree_zhejiang_2027_entrusted_with_clause_simp",
    "zh_detect_shanghai_2023_trad",
    "zh_dockind_macao_2026_joint_meeting_tomorrow_simp",
    "zh_kind_macao_2027_hlm_macao_government_page_bay_area_trad",
    "zh_kind_guangdong_2013_after_simp",
    "zh_neg_guangdong_macao_2009_joint_conference_mentions_hk_trad",
    "zh_flags_beijing_2027_editor_credit_end_trad",
    "zh_people_reverse_order_after_trad",
]

FIELDS = ("title", "mechanism", "partner", "meeting", "people", "declared_area_count", "areas", "agreements", "flags")
FIELDS += ("relevant", "document_kind")

_CLOSING = "。，、；：？！」』）》”,.;:?!)"
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_STAMP = re.compile(r"\d:\d\d")


def _chunks(body: str, width: int) -> list[str]:
    out = []
    while len(body) > width:
        cut = width
        if re.fullmatch(r"[A-Za-z0-9]{2}", body[cut - 1 : cut + 1]):  # a Latin word breaks at a space
            space = body.rfind(" ", 0, cut)
            if space > width // 2:
                cut = space
        while cut < len(body) and body[cut] in _CLOSING:
            cut += 1  # (no line opens with a closing mark: it stays on the line above)
        out.append(body[:cut].rstrip(" "))
        body = body[cut:].lstrip(" ")
    out.append(body)
    return out


def wrapped(text: str, width: int, indent: str, blank: bool) -> str:
    """The copy hard-wrapped at ``width`` characters, paragraphs opened by ``indent`` (those the
    original indents), blank lines kept when ``blank``."""
    out: list[str] = []
    for line in text.split("\n"):
        body = line.lstrip(" \u3000")
        if not body:
            if blank:
                out.append("")
            continue
        ind = indent if len(body) != len(line) else ""
        if len(ind) + len(body) <= width or not _CHINESE.search(body) or _STAMP.search(body):
            out.append(ind + body)
            continue
        first = _chunks(body, width - len(ind))[0]
        out.append(ind + first)
        out.extend(_chunks(body[len(first) :].lstrip(" "), width))
    return "\n".join(out) + "\n"


def _without_spans(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _without_spans(v) for k, v in x.items() if k != "span"}
    if isinstance(x, list):
        return [_without_spans(v) for v in x]
    return x


def _fields(path: Path) -> dict[str, Any]:
    record = json.loads(parse_path(path).to_json())
    return {k: _without_spans(record.get(k)) for k in FIELDS}


_STYLES = [("\u3000\u3000", True), ("\u3000\u3000", False), ("", True), ("", False)]


@pytest.mark.parametrize("stem", STEMS)
def test_a_wrapped_copy_gives_the_original_s_record(stem: str, tmp_path: Path) -> None:
    original = DATA / f"{stem}.txt"
    want = _fields(original)
    text = original.read_text("utf-8")
    j = STEMS.index(stem)
    for k, width in enumerate((24, 30, 36, 40)):
        indent, blank = _STYLES[(j + k) % 4]  # each document in every style at one width or another
        copy = tmp_path / f"{stem}_{width}.txt"
        made = wrapped(text, width, indent, blank)
        chinese = [x.rstrip(_CLOSING) for x in made.split("\n") if _CHINESE.search(x) and not _STAMP.search(x)]
        assert max(len(x) for x in chinese) <= width  # (but the closing marks kept on a line)
        copy.write_text(made, "utf-8")
        got = _fields(copy)
        wrong = {f: (want[f], got[f]) for f in FIELDS if got[f] != want[f]}
        assert not wrong, f"{stem} at {width} ({'indented' if indent else 'flush'}, blank lines {blank}): {wrong}"


def test_a_chinese_page_of_a_paragraph_a_line_is_not_wrapped() -> None:
    """No Chinese synthetic document as written (a paragraph a line, whatever its lines' lengths) is
    read as a fixed-width copy, but those written hard-wrapped (zh_*_wrapped_at_*)."""
    seen = []
    for path in sorted(DATA.glob("zh_*.txt")):
        raw = path.read_text("utf-8").replace("\u3000", " ").split("\n")
        lines = [_Line(x.strip(), x[:1] == " ", indent=len(x) - len(x.lstrip(" "))) for x in raw if x.strip()]
        if zh_wrap_width(lines) and "_wrapped_at_" not in path.stem:
            seen.append(path.name)
    assert not seen, seen


def test_the_synthetic_wrapped_copies_are_read_as_wrapped() -> None:
    for path in sorted(DATA.glob("zh_*_wrapped_at_*.txt")):
        width = int(re.search(r"_wrapped_at_(\d+)", path.stem)[1])  # type: ignore[index]
        raw = path.read_text("utf-8").replace("\u3000", " ").split("\n")
        lines = [_Line(x.strip(), x[:1] == " ", indent=len(x) - len(x.lstrip(" "))) for x in raw if x.strip()]
        assert zh_wrap_width(lines) == width, path.name
