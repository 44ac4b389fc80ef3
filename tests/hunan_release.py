"""One synthetic plenary release (Hong Kong/Hunan, invented for the tests), in English and in
Chinese, built from its parts: the lead, the areas with their measures, and what follows them.
The extraction tests that vary one of those parts (themes, the closing, co-chairs, agreements'
notes) write it here once."""

from __future__ import annotations

Areas = list[tuple[str, list[str]]]

TITLE = "Hong Kong and Hunan hold Third Plenary Session of Hong Kong/Hunan Co-operation Conference"
LEAD = (
    "The Chief Secretary for Administration, Mr Chan Kwok-ki, and the Governor of Hunan Province, Mr Mao "
    "Weiming, today (May 14) co-chaired the Third Plenary Session of the Hong Kong/Hunan Co-operation "
    "Conference in Changsha."
)
AREAS: Areas = [
    ("Trade and investment", ["Jointly organise investment promotion events in ASEAN countries."]),
    ("Tourism", ["Jointly promote multi-destination tourism products."]),
]
TITLE_ZH = "湘港合作會議第三次會議在長沙舉行"
LEAD_ZH = "政務司司長陳國基今日（五月十四日）在長沙與湖南省省長毛偉明共同主持湘港合作會議第三次會議。"
AREAS_ZH: Areas = [("經貿合作", ["共同在東盟國家舉辦投資推廣活動。"]), ("旅遊合作", ["聯合推廣「一程多站」旅遊產品。"])]


def release(*, lead: str = LEAD, areas: Areas = AREAS, after: str = "") -> str:
    """The English release: paragraphs indented, headings flush, ``after`` (lines as written) after the
    last area, then the Government's footer."""
    lines = [TITLE, "", f"     {lead}", "", f"     The two sides reached consensus on co-operation in {len(areas)} "
             "areas as follows:", ""]  # fmt: skip
    for heading, measures in areas:
        lines += [heading, ""]
        for text in measures:
            lines += [f"     {text}", ""]
    if after:
        lines += [after, ""]
    return "\n".join([*lines, "Ends/Thursday, May 14, 2026", ""])


def release_zh(*, areas: Areas = AREAS_ZH, after: str = "") -> str:
    """The Chinese release, headings as bare lines after 達成共識：, ``after`` after the last area."""
    lines = [TITLE_ZH, "", LEAD_ZH, "", f"雙方就以下{len(areas)}個範疇的合作達成共識：", ""]
    for heading, measures in areas:
        lines += [heading, ""]
        for text in measures:
            lines += [text, ""]
    if after:
        lines += [after, ""]
    return "\n".join(lines)
