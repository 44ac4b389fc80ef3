"""Schemathesis against the OpenAPI document, in process (ASGI): no request it makes, valid or
not, gets a server error. The store holds the real corpus (read in place) and an editor whose
API token is sent on half of the cases, so that the writing routes are exercised too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from cooptrack.serve.app import WebSettings, create_app
from cooptrack.serve.auth import make_token
from cooptrack.store import Store
from webtools import CORPUS, EDITOR, add_accounts, ingest_corpus

_TOKEN: list[str] = []


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    with Store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}") as store:
        ingest_corpus(store, CORPUS)
        add_accounts(store)
        _TOKEN.append(make_token(store, EDITOR, "schemathesis").secret)
        # schemathesis's client names the host "testserver"; no request budget, so that every case reaches its route
        yield create_app(store, WebSettings(allowed_hosts=("testserver",), anonymous_per_minute=0))


def test_the_api_never_answers_with_a_server_error(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "every route of the API is in the document"
    for operation in operations:
        _fuzz(operation)


def _fuzz(operation: schemathesis.APIOperation) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        headers = {"Authorization": f"Bearer {_TOKEN[0]}"} if case.method.upper() == "POST" else None
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])
        body = response.json()
        expected = {"error"} if response.status_code >= 400 else {"data", "meta", "links"}
        assert set(body) == expected, (case.method, case.path, response.status_code, body)

    run()
