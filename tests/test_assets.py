"""The site's own files under addresses that name their version (``/static/style.css?v=…``): kept
by caches for a year at that address, asked again at any other; the pages link to those addresses.

In process (ASGI client) on a store of SYNTHETIC releases (``make_release``, written here).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cooptrack.serve import assets
from cooptrack.store import Store
from webtools import add_accounts, client, sign_in


@pytest.fixture
def store(tmp_path: Path, make_release: Callable[..., Any]) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'assets.db'}") as opened:
        opened.ingest(*make_release(ordinal=1, year=2021, uri="https://example.org/shaanxi-1"))
        add_accounts(opened)
        yield opened


def test_pages_link_the_files_under_their_versions_which_caches_keep_for_a_year(store: Store) -> None:
    c = client(store)
    page = c.get("/").text
    linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert sorted(linked) == sorted([assets.url("style.css"), assets.url("app.js")])
    for address in linked:
        answer = c.get(address)
        assert answer.status_code == 200 and answer.headers["cache-control"] == assets.FOREVER
    assert "?v=" in c.get("/api/docs").text.split("api-docs.js")[1][:4]
    bare = c.get("/static/style.css")
    old = c.get("/static/style.css?v=000000000000")
    assert bare.headers["cache-control"] == old.headers["cache-control"] == "no-cache"
    assert bare.content == old.content == (assets.FOLDER / "style.css").read_bytes()
    assert c.get("/static/style.css", headers={"If-None-Match": bare.headers["etag"]}).status_code == 304


def test_a_files_version_follows_its_contents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.css").write_text("body { color: black }")
    (tmp_path / "b.css").write_text("body { color: navy }")
    monkeypatch.setattr(assets, "FOLDER", tmp_path)
    assets.version.cache_clear()
    try:
        assert assets.version("a.css") != assets.version("b.css")
        assert re.fullmatch(r"/static/a\.css\?v=[0-9a-f]{12}", assets.url("a.css"))
    finally:
        assets.version.cache_clear()


def test_a_signed_in_reader_may_keep_the_sites_files_but_not_its_pages(store: Store) -> None:
    c = client(store)
    sign_in(c)
    assert c.get(assets.url("style.css")).headers["cache-control"] == assets.FOREVER
    assert c.get("/").headers["cache-control"] == "no-store"
