"""Store: the only code that talks to the database (SQLite by default, any SQLAlchemy URL).

The schema is made by the Alembic migrations shipped in the package, run when the store
opens. Every document version is kept; a meeting's facts come from the current version of
the source that reports it. Ingesting the same bytes again changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from cooptrack.acquire import Document as InputDocument
from cooptrack.errors import NotFound, StoreError
from cooptrack.record import PARSER_VERSION, Record
from cooptrack.store.models import Document, Item, Meeting, Source

__all__ = ["MARK_CLOSE", "MARK_OPEN", "Hit", "Outcome", "Store"]

_MIGRATIONS = Path(__file__).parent / "migrations"
# Around the matched words of a search snippet.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


class Outcome(StrEnum):
    INSERTED = "inserted"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Hit:
    kind: str
    text: str
    snippet: str
    meeting: str
    partner: str | None
    year: int | None
    themes: list[str]


class Store:
    """All database access: open (and migrate), ingest, and the queries behind the commands."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open the database {url}: {_reason(exc)}") from exc
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def session(self) -> Session:
        return self._session()

    # --- writing ---------------------------------------------------------------------------

    def ingest(self, doc: InputDocument, record: Record) -> Outcome:
        """Store one parsed document; each document is its own transaction."""
        try:
            with self._session.begin() as session:
                return self._ingest(session, doc, record)
        except OperationalError as exc:
            raise StoreError(f"{doc.source}: cannot be stored: {_reason(exc)}") from exc

    def _ingest(self, session: Session, doc: InputDocument, record: Record) -> Outcome:
        source = session.scalar(select(Source).where(Source.uri == doc.uri))
        if source is None:
            source = Source(uri=doc.uri, name=doc.source)
            session.add(source)
            session.flush()
            outcome = Outcome.INSERTED
        else:
            outcome = Outcome.UPDATED
        same = next((v for v in source.versions if v.sha256 == doc.sha256), None)
        if same is not None and same.is_current and same.parser_version == PARSER_VERSION:
            return Outcome.UNCHANGED
        for version in source.versions:
            version.is_current = False
        if same is None:
            same = Document(source=source, version=len(source.versions) + 1, sha256=doc.sha256, size=len(doc.raw))
            session.add(same)
        _fill(same, doc, record)
        session.flush()
        self._rebuild_meeting(session, source, same, record)
        return outcome

    def _rebuild_meeting(self, session: Session, source: Source, current: Document, record: Record) -> None:
        ids = [v.id for v in source.versions]
        for old in session.scalars(select(Meeting).where(Meeting.document_id.in_(ids))):
            session.delete(old)
        session.flush()
        if not record.relevant or record.mechanism is None:
            return
        slug = meeting_slug(record, current.sha256)
        if session.scalar(select(Meeting).where(Meeting.slug == slug)) is not None:
            slug = f"{slug}-{current.sha256[:6]}"
        meeting = _meeting_row(record, slug, current)
        meeting.items = list(_items(record, slug))
        session.add(meeting)

    # --- reading ---------------------------------------------------------------------------

    def meetings(self) -> list[tuple[Meeting, dict[str, int]]]:
        with self.session() as session:
            rows = session.scalars(select(Meeting).order_by(Meeting.partner, Meeting.kind, Meeting.ordinal)).all()
            counts: dict[int, dict[str, int]] = {}
            for meeting_id, kind, n in session.execute(
                select(Item.meeting_id, Item.kind, func.count()).group_by(Item.meeting_id, Item.kind)
            ):
                counts.setdefault(meeting_id, {})[kind] = n
            return [(m, counts.get(m.id, {})) for m in rows]

    def meeting(self, ref: str) -> tuple[Meeting, Record]:
        with self.session() as session:
            query = select(Meeting).where(Meeting.slug == ref)
            if ref.isdigit():
                query = select(Meeting).where((Meeting.slug == ref) | (Meeting.id == int(ref)))
            meeting = session.scalar(query)
            if meeting is None:
                raise NotFound(f'no meeting "{ref}" (try cooptrack list)')
            record = Record.model_validate(meeting.document.record)
            return meeting, record

    def source_of(self, meeting: Meeting) -> tuple[str, str]:
        with self.session() as session:
            doc = session.get(Document, meeting.document_id)
            if doc is None:
                raise NotFound(f"no document for meeting {meeting.slug}")
            return doc.source.uri, doc.sha256

    def search(
        self,
        query: str,
        *,
        partner: str | None = None,
        theme: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        """Full-text search over people, areas, measures and agreements, with facets."""
        with self.session() as session:
            matched = self._match(session, query)
            if not matched:
                return []
            stmt = select(Item, Meeting).join(Meeting).where(Item.id.in_(list(matched)))
            if partner:
                stmt = stmt.where(func.lower(Meeting.partner) == partner.lower())
            if year:
                stmt = stmt.where(Meeting.year == year)
            if kind:
                stmt = stmt.where(Item.kind == kind)
            hits = []
            for item, meeting in session.execute(stmt.order_by(Meeting.date.desc(), Item.position)):
                if theme and theme not in item.themes:
                    continue
                hits.append(
                    Hit(
                        item.kind, item.text, matched[item.id], meeting.slug, meeting.partner, meeting.year, item.themes
                    )
                )
            return hits[:limit]

    def _match(self, session: Session, query: str) -> dict[int, str]:
        words = re.findall(r"\w[\w'-]*", query)
        if not words:
            return {}
        if self.engine.dialect.name == "sqlite":
            fts = " ".join('"' + w.replace('"', "") + '"' for w in words)
            rows = session.execute(
                text(
                    "SELECT rowid, snippet(item_fts, 0, :open, :close, '…', 16) FROM item_fts "
                    "WHERE item_fts MATCH :q ORDER BY rank LIMIT 2000"
                ),
                {"q": fts, "open": MARK_OPEN, "close": MARK_CLOSE},
            )
            return {int(r[0]): str(r[1]) for r in rows}
        stmt = select(Item.id, Item.text)
        for w in words:
            stmt = stmt.where(Item.text.ilike(f"%{w}%"))
        return {i: t[:200] for i, t in session.execute(stmt.limit(2000))}

    def items(self) -> list[tuple[Item, Meeting, str, str]]:
        """Every stored item with its meeting and its source (uri, hash), for exports."""
        with self.session() as session:
            stmt = (
                select(Item, Meeting, Source.uri, Document.sha256)
                .join(Meeting, Item.meeting_id == Meeting.id)
                .join(Document, Meeting.document_id == Document.id)
                .join(Source, Document.source_id == Source.id)
                .order_by(Meeting.slug, Item.kind, Item.position)
            )
            return [(i, m, u, h) for i, m, u, h in session.execute(stmt)]

    def counts(self) -> dict[str, int]:
        with self.session() as session:
            return {
                "sources": session.scalar(select(func.count()).select_from(Source)) or 0,
                "documents": session.scalar(select(func.count()).select_from(Document)) or 0,
                "meetings": session.scalar(select(func.count()).select_from(Meeting)) or 0,
                "items": session.scalar(select(func.count()).select_from(Item)) or 0,
            }


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]


def _fill(row: Document, doc: InputDocument, record: Record) -> None:
    row.encoding = doc.encoding
    row.media_type = doc.media_type
    row.fetched_at = doc.fetched_at.replace(tzinfo=None)
    row.parser_version = record.parser_version
    row.relevant = record.relevant
    row.is_current = True
    row.cleaned_text = record.text
    row.record = record.model_dump(mode="json")


_SLUG_KINDS = {
    "plenary": "plenary",
    "high_level_meeting_cum_plenary": "hlm-plenary",
    "high_level_meeting": "hlm",
    "working_meeting": "working",
}


def meeting_slug(record: Record, sha256: str) -> str:
    """A stable, readable id: ``beijing-plenary-5``; the hash stands in for a missing ordinal."""
    partner = re.sub(r"[^a-z0-9]+", "-", (record.partner or "unknown").lower()).strip("-")
    kind = _SLUG_KINDS.get(record.meeting.kind.value if record.meeting.kind else "", "meeting")
    number = str(record.meeting.ordinal) if record.meeting.ordinal is not None else sha256[:8]
    return f"{partner}-{kind}-{number}"


def _meeting_row(record: Record, slug: str, current: Document) -> Meeting:
    m = record.meeting
    year = m.date.year if m.date else (m.year_range[0] if m.year_range and m.year_range[0] == m.year_range[1] else None)
    return Meeting(
        slug=slug,
        document=current,
        mechanism=record.mechanism or "",
        partner=record.partner,
        kind=m.kind.value if m.kind else None,
        ordinal=m.ordinal,
        date=m.date,
        date_text=m.date_text,
        year=year,
        venue=m.venue,
        document_kind=record.document_kind.value,
        title=record.title,
        declared_area_count=record.declared_area_count,
        flags=[f.value for f in record.flags],
    )


def _key(slug: str, kind: str, value: str) -> str:
    normal = re.sub(r"\W+", " ", value).strip().casefold()
    return hashlib.sha256(f"{slug}|{kind}|{normal}".encode()).hexdigest()[:32]


def _items(record: Record, slug: str) -> list[Item]:
    out: list[Item] = []

    def add(
        kind: str, value: str, span: tuple[int, int] | None, area: str | None, themes: list[str], data: dict[str, Any]
    ) -> None:
        out.append(
            Item(
                kind=kind,
                position=len(out),
                key=_key(slug, kind, value),
                text=value,
                area=area,
                themes=themes,
                data=data,
                span_start=span[0] if span else None,
                span_end=span[1] if span else None,
            )
        )

    for p in record.people:
        add("person", p.name, p.span, None, [], p.model_dump(mode="json", exclude={"span"}))
    for a in record.areas:
        themes = [t.value for t in a.themes]
        if a.heading:
            add("area", a.heading, a.span, a.heading, themes, {"measures": len(a.measures)})
        for m in a.measures:
            add("measure", m.text, m.span, a.heading, [t.value for t in m.themes], {})
    for g in record.agreements:
        add("agreement", g.title, g.span, None, [], g.model_dump(mode="json", exclude={"span", "title"}))
    return out
