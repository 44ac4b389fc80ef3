"""Load with nothing lost: 50 readers and 2 writers at once against the server over PostgreSQL.

Uvicorn serves the app on 127.0.0.1 over a PostgreSQL store (a schema of this test's own, see
conftest) holding one synthetic release; 50 reader threads each read a fixed list of pages and
API lists while 2 writer threads each record a fixed number of statuses through the API with
their own tokens. Bounded by counts, not time (each thread joins within a generous limit that
only a hung server would reach). Afterwards: no request failed, and every status written is in
the store exactly once, in each writer's order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from browsertools import free_port, serving
from cooptrack.cli.web import uvicorn_options
from cooptrack.serve.app import WebSettings, create_app
from cooptrack.serve.auth import hash_password, make_token
from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole

READERS, WRITERS = 50, 2
READS = ["/", "/tracker", "/api/meetings", "/api/measures?per_page=5", "/api/events", "/meetings"]
WRITES_EACH = 25
STATUSES = ["in_progress", "implemented", "stalled", "agreed"]

pytestmark = pytest.mark.slow


@pytest.fixture
def served(postgres_url: str, make_release: Callable[..., Any]) -> Iterator[tuple[str, Store, list[str]]]:
    with Store(postgres_url) as store:
        store.ingest(*make_release())
        tokens = []
        for n in range(WRITERS):
            store.add_user(f"writer{n}", AccountRole.EDITOR, hash_password("a long test password"))
            tokens.append(make_token(store, f"writer{n}", "load test").secret)
        settings = WebSettings(anonymous_per_minute=0)  # the readers share one address: no budget here
        with serving(create_app(store, settings), **uvicorn_options("127.0.0.1", free_port())) as url:
            yield url, store, tokens


def test_fifty_readers_and_two_writers_lose_nothing(served: tuple[str, Store, list[str]]) -> None:
    base, store, tokens = served
    key = store.all_meetings()[0].measures[0].key
    failures: list[str] = []
    answered: list[int] = []
    lock = threading.Lock()

    def note(problem: str | None) -> None:
        with lock:
            if problem is None:
                answered.append(1)
            else:
                failures.append(problem)

    def read() -> None:
        with httpx.Client(base_url=base, timeout=120) as c:
            for path in READS:
                try:
                    status = c.get(path).status_code
                    note(None if status == 200 else f"GET {path}: {status}")
                except httpx.HTTPError as exc:
                    note(f"GET {path}: {exc!r}")

    def write(n: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[n]}"}
        with httpx.Client(base_url=base, timeout=120, headers=headers) as c:
            for i in range(WRITES_EACH):
                body = {"status": STATUSES[i % len(STATUSES)], "note": f"writer{n} #{i}"}
                try:
                    status = c.post(f"/api/measures/{key}/events", json=body).status_code
                    note(None if status == 201 else f"POST #{i} of writer{n}: {status}")
                except httpx.HTTPError as exc:
                    note(f"POST #{i} of writer{n}: {exc!r}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    threads += [threading.Thread(target=read) for _ in range(READERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not any(t.is_alive() for t in threads), "a client never got its answers"
    assert failures == []
    assert len(answered) == READERS * len(READS) + WRITERS * WRITES_EACH
    events = store.events()
    notes = [e.note for e in events]
    assert len(notes) == len(set(notes)) == WRITERS * WRITES_EACH, "every write there, and once"
    for n in range(WRITERS):
        mine = [e for e in sorted(events, key=lambda e: e.id) if e.made_by == f"writer{n}"]
        assert [e.note for e in mine] == [f"writer{n} #{i}" for i in range(WRITES_EACH)], "in the writer's order"
