"""The same release as text and as a Government press-release page gives the same record.

The pages are built here, at test time, from the real releases in ../shared/corpus (headline in
div#PRHeadline, body lines joined by <br> in span#pressrelease, as the archive publishes them).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from cooptrack.pipeline import parse_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _as_gia_page(text: str) -> str:
    title, *body = text.split("\n")
    lines = "<br>\n".join(html.escape(line).replace("\u00a0", "&nbsp;") for line in body)
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body>"
        f'<div id="PRHeadline">{html.escape(title)}</div><span id="pressrelease">{lines}</span></body></html>'
    )


def _facts(value: Any) -> Any:
    """The record without offsets, cleaned text and reader (the page's text differs in white space only)."""
    if isinstance(value, dict):
        return {k: _facts(v) for k, v in value.items() if k not in {"span", "text", "removed", "reader"}}
    if isinstance(value, list):
        return [_facts(v) for v in value]
    return value


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_text_and_html_copies_give_the_same_record(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    as_text = parse_text(text, path.name, html=False)
    as_html = parse_text(_as_gia_page(text), path.name, html=True)
    assert as_html.relevant and as_html.measures
    assert _facts(as_html.model_dump(mode="json")) == _facts(as_text.model_dump(mode="json"))
    assert [m.text for m in as_html.measures] == [m.text for m in as_text.measures]
