"""[AGREE-LIST] A list of agreements gives the same agreements with or without its bullets.

Copies lose layout: older releases and mirrors print the items of "The following N agreements
were signed at the meeting:" as plain paragraphs (indented, or bare lines shaped like headings),
pages as ``<ul><li>``, other copies with bullets, and copies that lost their line breaks run
the items on after the colon, apart by semicolons. Each pair below is one invented release written
both ways (the documents and their expectations are in tests/data/synthetic and tests/data/html);
both must give equal agreements: titles, kinds, annexes, languages and signatories.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cooptrack.clean.tables import read_tables
from cooptrack.pipeline import parse_path

DATA = Path(__file__).parent / "data"
PAIRS = [
    ("synthetic/gen_agree_list_guangdong_2008_plain.txt", "html/gen_agree_list_guangdong_2008_bullets.htm"),
    (
        "synthetic/gen_agree_list_sichuan_2015_mirror_plain.txt",
        "synthetic/gen_agree_list_sichuan_2015_mirror_bullets.txt",
    ),
    ("synthetic/gen_agree_list_hubei_2018_inline_flattened.txt", "synthetic/gen_agree_list_hubei_2018_bullets.txt"),
]


def _agreements(path: str) -> list[tuple[object, ...]]:
    record = parse_path(DATA / path)
    return [(a.title, a.kind, a.annex, a.chinese_only, tuple(a.signatories)) for a in record.agreements]


@pytest.mark.parametrize(("plain", "bulleted"), PAIRS, ids=[Path(p).stem for p, _ in PAIRS])
def test_a_list_gives_the_same_agreements_with_or_without_bullets(plain: str, bulleted: str) -> None:
    without = _agreements(plain)
    assert len(without) >= 3, f"{plain}: the list's items were not read as agreements: {without}"
    assert without == _agreements(bulleted)


# --- tables saved as text: columns aligned with spaces or apart by tabs (clean/tables.py) -----


def test_a_space_aligned_tables_wrapped_cells_are_joined_into_one_row_each() -> None:
    lines = [
        "     Document                          Signed by",
        "     Memorandum of Understanding on    Secretary for Justice,",
        "       Co-operation in Legal Services  Mr Paul Lam",
        "     Agreement on Youth Exchanges      Secretary for Home and Youth",
        "                                       Affairs, Miss Alice Mak",
        "",
        "     Officials attending the plenary also included the Secretary for Constitutional and Mainland Affairs.",
    ]
    assert read_tables(lines) == [
        "     Document | Signed by",
        "\u2022 Memorandum of Understanding on Co-operation in Legal Services | Secretary for Justice, Mr Paul Lam",
        "\u2022 Agreement on Youth Exchanges | Secretary for Home and Youth Affairs, Miss Alice Mak",
        "",
        lines[-1],
    ]


def test_a_numbered_tables_line_without_a_number_continues_its_row() -> None:
    lines = [
        "  No.  Title                                  Remarks",
        "  1.   Co-operation Memorandum of the Fifth   Annex 1",
        "       Plenary Session",
        "  2.   Agreement on Tourism Promotion         Chinese only",
    ]
    assert read_tables(lines)[1:] == [
        "\u2022 1. | Co-operation Memorandum of the Fifth Plenary Session | Annex 1",
        "\u2022 2. | Agreement on Tourism Promotion | Chinese only",
    ]


def test_a_chinese_table_aligned_by_display_width_joins_a_wrapped_title_without_a_space() -> None:
    lines = [
        "  序號    文件名稱                    簽署人",
        "  1       閩港關於深化航運物流合作    運輸及物流局局長林世雄",
        "          的備忘錄                    福建省交通運輸廳廳長王峰",
    ]
    assert (
        read_tables(lines)[1]
        == "\u2022 1 | 閩港關於深化航運物流合作的備忘錄 | 運輸及物流局局長林世雄 福建省交通運輸廳廳長王峰"
    )


@pytest.mark.parametrize(
    "lines",
    [
        ["First Plenary        Hong Kong    30 March 1998", "Second Plenary       Guangzhou    22 March 1999"],
        [
            "     The two sides agreed to co-operate.  Mr Chan said so.",
            "     He invited Zhejiang firms to come.  They will sign later.",
        ],
        [
            "     Document                          Signed by",
            "     The two sides signed four documents at the plenary today, listed below.",
        ],
        ["  ".join(["Word"] * 40), "  ".join(["Next"] * 40)],
    ],
    ids=["rows-of-data-with-no-header", "double-spaced-prose", "header-then-prose", "forty-columns"],
)
def test_lines_that_are_no_table_are_left_as_they_are(lines: list[str]) -> None:
    assert read_tables(lines) == lines


def test_a_long_text_table_gives_one_line_a_row() -> None:
    rows = [f"  {'Agreement on Topic ' + 'X' * (k % 7):<28}Mr Chan" for k in range(20_000)]
    out = read_tables(["  Document                  Signed by", *rows])
    assert len(out) == 1 + len(rows) and all(line.startswith("\u2022 Agreement on Topic") for line in out[1:])


TABLE_PAIRS = [
    ("synthetic/gen_agree_table_guangxi_2026_spaces_wrapped.txt", 3),
    ("synthetic/gen_agree_table_shandong_2026_tabs_wrapped.txt", 3),
    ("synthetic/gen_agree_table_beijing_2027_signing_parties_blank_rows_after.txt", 4),
]


@pytest.mark.parametrize(("path", "count"), TABLE_PAIRS, ids=[Path(p).stem for p, _ in TABLE_PAIRS])
def test_a_text_tables_rows_name_each_agreements_two_signatories(path: str, count: int) -> None:
    found = _agreements(path)
    assert len(found) == count
    assert all(len(signers) == 2 for *_, signers in found), found


def test_a_tab_separated_tables_full_line_is_a_row_though_a_cell_opens_in_lower_case() -> None:
    """A page's <table> written as text (tabs between cells) prints a row a line: a signer's cell
    opening "the Secretary for …" starts a row of its own; a cell cut on a comma still goes on below."""
    out = read_tables([
        "Agreement\tSigned by",
        "Memorandum of the Fifth Plenary\tMr A and Mr B",
        "Agreement on Co-operation in Tourism\tthe Secretary for Culture, Sports and Tourism, Mr C,",
        "\tand the Director of the Provincial Sports Bureau, Mr D",
        "Letter of Intent on Sports Exchanges\tthe Director of Leisure and Culture, Mr E",
    ])  # fmt: skip
    signers = (
        "the Secretary for Culture, Sports and Tourism, Mr C, and the Director of the Provincial Sports Bureau, Mr D"
    )
    assert out == [
        "Agreement | Signed by",
        "\u2022 Memorandum of the Fifth Plenary | Mr A and Mr B",
        f"\u2022 Agreement on Co-operation in Tourism | {signers}",
        "\u2022 Letter of Intent on Sports Exchanges | the Director of Leisure and Culture, Mr E",
    ]


def test_a_table_of_documents_printed_without_its_header_gives_one_item_a_row() -> None:
    lines = [
        "     1.  Memorandum on Joint Training of Pilots        Ms Mable Chan     Mr Wu Yan",
        "     2.  Agreement on Co-operation in Museum           Miss Rosanna Law  Ms Ge Lin",
        "         Conservation",
        "",
        "     Officials attending the plenary also included the Secretary for Constitutional and Mainland Affairs.",
    ]
    assert read_tables(lines) == [
        "\u2022 1. | Memorandum on Joint Training of Pilots | Ms Mable Chan | Mr Wu Yan",
        "\u2022 2. | Agreement on Co-operation in Museum Conservation | Miss Rosanna Law | Ms Ge Lin",
        "",
        lines[-1],
    ]


def test_rows_aligned_without_a_header_that_name_no_document_stay_lines() -> None:
    lines = [
        "     1.  Ningbo Sea-Air Transhipment Pilot      Airport Authority Hong Kong",
        "     2.  Joint Laboratory on Marine Robotics    Hong Kong Productivity Council",
    ]
    assert read_tables(lines) == lines


def test_one_aligned_line_naming_a_document_is_no_table() -> None:
    lines = ["     Agreement on Tourism  (Chinese only)", "", "     The two sides agreed to meet again next year."]
    assert read_tables(lines) == lines
