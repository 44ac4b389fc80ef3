"""Shared fixtures: where the real corpus is, temporary stores, and synthetic releases.

``db_url`` (and ``store`` on it) is each storage test's database, once on a SQLite file and once
on the PostgreSQL server of this machine (``$COOPTRACK_TEST_PG``, by default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``): every PostgreSQL test gets a schema of
its own, named at random, made before and dropped after it (or emptied and recycled for a later
test's new store: ``templates.py``), so that tests run side by side and nothing else in the
database is touched. A server that cannot be reached fails those tests with the reason; they are
never skipped. A new store is made from a migrated template rather than by every migration
again (``templates.py`` says when and how).

``make_release`` builds a synthetic document and its record by hand (text written here, spans
computed as the text is assembled), so that storage tests do not depend on the extractor.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from archive_server import ArchiveServer, guard_loopback, running
from cooptrack.acquire import Document
from cooptrack.record import Agreement, Area, Measure, Meeting, Person, Record
from cooptrack.store import Store
from templates import TEST_SCHEMA, Templates

# The CLI's tables are read as a pipe gives them (config.PIPE_WIDTH): a width that the runner sets
# for its workers (pytest-xdist's give COLUMNS=80) or that a shell exports is not a pipe's.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# (heading, themes, [(measure text, themes), ...])
AreaSpec = tuple[str, list[str], list[tuple[str, list[str]]]]
Release = tuple[Document, Record]


@pytest.fixture
def corpus() -> Path:
    """The five real releases, read in place (``../shared/corpus`` beside the clone)."""
    assert CORPUS.is_dir(), f"the corpus is expected at {CORPUS}"
    return CORPUS


PG_ENV = "COOPTRACK_TEST_PG"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session", autouse=True)
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """New stores made from a migrated template for the whole session (``templates.py``)."""
    made = Templates(tmp_path_factory.mktemp("template"), Store._upgrade)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "_upgrade", lambda store: made.upgrade(store))
        yield made
    if made.pooled:
        url = os.environ.get(PG_ENV, PG_DEFAULT)
        with psycopg.connect(libpq_url(url), autocommit=True) as admin:
            made.drop_pool(admin)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in the test's own folder."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL server the tests use; one that cannot be reached fails them, with the reason."""
    url = os.environ.get(PG_ENV, PG_DEFAULT)
    try:
        psycopg.connect(libpq_url(url), connect_timeout=5).close()
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        pytest.fail(
            f"PostgreSQL is not reachable at {url} ({reason}): the storage tests run on it as well as on SQLite; "
            f"start the server, or set {PG_ENV} to the SQLAlchemy URL of one",
            pytrace=False,
        )
    return url


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as psycopg and the PostgreSQL tools take it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def postgres_admin(postgres_server: str) -> str:
    """The server's URL for psycopg and the PostgreSQL tools (to make or drop a test's own schema)."""
    return libpq_url(postgres_server)


@pytest.fixture
def postgres_url(postgres_server: str, templates: Templates) -> Iterator[str]:
    """A store URL on a schema made for this test (``search_path`` in the connection options)."""
    schema = f"{TEST_SCHEMA}{secrets.token_hex(6)}"
    with psycopg.connect(libpq_url(postgres_server), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield (
        make_url(postgres_server)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    with psycopg.connect(libpq_url(postgres_server), autocommit=True) as admin:
        if templates.recycle(admin, schema):
            return
        admin.execute("SET lock_timeout = '30s'")
        admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=["sqlite", "postgres"], ids=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The test's database: a SQLite file, then a PostgreSQL schema of its own."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


@pytest.fixture
def memory_store() -> Iterator[Store]:
    with Store("sqlite://") as opened:
        yield opened


class _Text:
    """Cleaned text assembled piece by piece, each piece's span known."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str, end: str = "\n\n") -> tuple[int, int]:
        start = len(self.text)
        self.text += piece + end
        return (start, start + len(piece))


def _release(
    *,
    partner: str = "Anhui",
    ordinal: int | None = 3,
    year: int | None = 2024,
    areas: list[AreaSpec] | None = None,
    people: list[tuple[str, str]] | None = None,
    agreements: list[str] | None = None,
    uri: str | None = None,
    relevant: bool = True,
    parser_version: str | None = None,
    note: str = "",
) -> Release:
    """A synthetic release (invented names and measures) and its record."""
    out = _Text()
    out.add(f"SYNTHETIC RELEASE WRITTEN FOR COOPTRACK'S TESTS {note}".strip())
    intro = out.add(f"The Hong Kong/{partner} Co-operation Conference held a plenary session in Hefei today.")
    persons = []
    for name, post in people or [("Lau Ka-ming", "Chief Secretary for Administration")]:
        out.add(f"The {post}, Mr {name}, attended.")
        persons.append(Person(name=name, honorific="Mr", post=post, side="HK", roles=["attendee"],
                              span=_name_span(out, name)))  # fmt: skip
    built = []
    for heading, themes, measures in areas if areas is not None else _AREAS:
        start = len(out.text)
        out.add(heading)
        items = [Measure(text=t, themes=th, span=out.add(t)) for t, th in measures]
        built.append(Area(heading=heading, themes=themes, measures=items, span=(start, len(out.text) - 2)))
    signed = [Agreement(title=t, kind="memorandum", signatories=[], span=out.add(t)) for t in (agreements or [])]
    date = f"{year}-05-06" if year else None
    fields: dict[str, Any] = {"parser_version": parser_version} if parser_version else {}
    record = Record(
        source="synthetic.txt", relevant=relevant, title=f"Synthetic plenary with {partner}" if relevant else None,
        mechanism=f"Hong Kong/{partner} Co-operation Conference" if relevant else None,
        partner=partner if relevant else None,
        meeting=Meeting(ordinal=ordinal, kind="plenary", date=date, date_text="May 6", venue="Hefei", span=intro),
        people=persons, declared_area_count=len(built), areas=built, agreements=signed, text=out.text, **fields,
    )  # fmt: skip
    raw = out.text.encode("utf-8")
    where = uri or f"/synthetic/{partner.lower()}-{ordinal}.txt"
    doc = Document(
        source=Path(where).name, uri=where, raw=raw, text=out.text, encoding="utf-8", media_type="text/plain"
    )
    return doc, record


def _name_span(out: _Text, name: str) -> tuple[int, int]:
    start = out.text.rindex(name)
    return (start, start + len(name))


_AREAS: list[AreaSpec] = [
    (
        "Trade and investment",
        ["trade_investment"],
        [("Hold a joint trade fair for small firms.", ["trade_investment"])],
    ),
    ("Health", ["health"], [("Promote exchanges on Chinese medicine between hospitals.", ["health"])]),
]


@pytest.fixture
def make_release() -> Callable[..., Release]:
    """``make_release(partner=..., ordinal=..., year=..., areas=[...], ...) -> (Document, Record)``."""
    return _release


# --- the local archive server of the network tests ------------------------------------------------


@pytest.fixture
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail on any connection to an address other than 127.0.0.1; return those made."""
    return guard_loopback(monkeypatch)


@pytest.fixture
def server() -> Iterator[ArchiveServer]:
    """The synthetic archive served on 127.0.0.1 (see ``archive_server``)."""
    with running() as started:
        yield started
