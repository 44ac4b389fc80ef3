"""The same release as text and as a Government press-release page gives the same record.

The pages are built here, at test time, from the real releases in ../shared/corpus (headline in
div#PRHeadline, body lines joined by <br> in span#pressrelease, as the archive publishes them).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from cooptrack.pipeline import parse_text
from cooptrack.record import Record
from cooptrack.vocab import Flag, RemovalReason
from recordfacts import facts

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _as_gia_page(text: str) -> str:
    title, *body = text.split("\n")
    lines = "<br>\n".join(html.escape(line).replace("\u00a0", "&nbsp;") for line in body)
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body>"
        f'<div id="PRHeadline">{html.escape(title)}</div><span id="pressrelease">{lines}</span></body></html>'
    )


def _release_only(text: str, record: Record) -> str:
    """The text without an article a mirror glued after the release: the Government's own page
    carries the release alone (nothing inside its body is ever cut as another article)."""
    for removed in record.removed:
        if removed.reason is RemovalReason.UNRELATED_ARTICLE:
            text = text[: text.index(removed.text.split("\n")[0])]
    return text


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_text_and_html_copies_give_the_same_record(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    as_text = parse_text(text, path.name, html=False)
    as_html = parse_text(_as_gia_page(_release_only(text, as_text)), path.name, html=True)
    assert as_html.relevant and as_html.measures
    from_text = facts(as_text.model_dump(mode="json"))
    from_text["flags"] = [f for f in from_text["flags"] if f != Flag.UNRELATED_CONTENT]
    assert facts(as_html.model_dump(mode="json")) == from_text
    assert [m.text for m in as_html.measures] == [m.text for m in as_text.measures]
