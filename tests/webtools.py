"""Helpers for the web tests (test_api, test_pages, test_auth, test_browser, test_schemathesis).

A store ingested from the real corpus (read in place from ``../shared/corpus``), accounts made
directly in the store, and an in-process client. Passwords here are invented for the tests.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from fastapi.testclient import TestClient

from cooptrack.acquire import Document, iter_paths, read_path
from cooptrack.pipeline import parse_document
from cooptrack.record import Record
from cooptrack.serve.app import WebSettings, create_app
from cooptrack.serve.auth import hash_password
from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole

EDITOR, ADMIN, PASSWORD = "edith", "adam", "a long test password"


def ingest_corpus(store: Store, corpus: Path) -> None:
    for path in iter_paths([corpus]):
        store.ingest(*parsed(path))


@functools.cache
def parsed(path: Path) -> tuple[Document, Record]:
    """A corpus file read and parsed once a session (the web tests' stores hold the same records;
    the parser's own tests parse for themselves)."""
    doc = read_path(path)
    return doc, parse_document(doc)


@functools.cache
def password_hash(password: str) -> str:
    """An Argon2 hash of ``password``, made once a session: each costs a third of a CPU second with
    the server's parameters (signing in still checks it as the server does)."""
    return hash_password(password)


def add_accounts(store: Store) -> None:
    store.add_user(EDITOR, AccountRole.EDITOR, password_hash(PASSWORD))
    store.add_user(ADMIN, AccountRole.ADMIN, password_hash(PASSWORD))


def client(store: Store, settings: WebSettings | None = None, *, raise_errors: bool = True) -> TestClient:
    return TestClient(
        create_app(store, settings),
        base_url="http://localhost",
        raise_server_exceptions=raise_errors,
        follow_redirects=False,
    )


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(c: TestClient, name: str = EDITOR, password: str = PASSWORD, next_page: str = "/tracker") -> None:
    token = csrf_of(c.get("/login").text)
    response = c.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": next_page})
    assert response.status_code == 303, response.text
    assert response.headers["location"] == next_page


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"  # as in conftest.py
