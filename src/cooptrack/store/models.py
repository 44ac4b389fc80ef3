"""The stored form of records (SQLAlchemy 2 typed ORM); the migrations create the same tables.

::

    source             where documents come from (a file path or URL), one row per uri
    └── document_version   each distinct content of a source: hash, size, encoding, when it was
                           read, which parser read it, the cleaned text and the record; kept for ever
    meeting                one meeting of a mechanism, however many sources report it
    ├── report             each source reporting it (its current version); the primary one, the
    │                      best report, supplies the meeting's facts and items
    ├── person             each person named, with post, side, roles
    ├── area               each co-operation area (heading and themes)
    │   └── measure        each measure; ``key`` is stable across re-parses
    ├── agreement          each memorandum or agreement signed
    └── search_entry       one row per searchable item (the full-text index follows it)
    correction             what users decided (same person, different people, a measure link
                           confirmed or rejected): keyed by names and item keys, never by row
                           ids, so that it survives re-ingests and parser upgrades
    digest                 derived, never entered: the overview as worked out for one state of the
                           store, so that a new server process does not work it out again
    pair_score             derived, never entered: the measures of two meetings worded alike, keyed
                           by both meetings' texts, so that no process scores them again

Every row derived from a record points to the document version it came from and carries its
``span`` (``span_start``, ``span_end``) into that version's ``cleaned_text``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from cooptrack.completeness import Completeness


class ItemKind(StrEnum):
    """The kinds of item a meeting holds, as searched and exported."""

    MEASURE = "measure"
    AREA = "area"
    AGREEMENT = "agreement"
    PERSON = "person"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC, stored without a zone (portable), always returned time-zone aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored moment must be time-zone aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


# Named constraints, so that later migrations can alter them on every dialect (SQLite included).
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[dict[str, Any]]: JSON,
        dt.datetime: UTCDateTime,
    }


class _Spanned:
    """A ``[span_start, span_end)`` range of the cleaned text of the row's document version."""

    span_start: Mapped[int | None] = mapped_column()
    span_end: Mapped[int | None] = mapped_column()

    @property
    def span(self) -> tuple[int, int] | None:
        if self.span_start is None or self.span_end is None:
            return None
        return (self.span_start, self.span_end)


class Source(Base):
    """Where documents come from: a file path or URL."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(primary_key=True)
    uri: Mapped[str] = mapped_column(String(2000), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    first_seen_at: Mapped[dt.datetime]
    versions: Mapped[list[DocumentVersion]] = relationship(back_populates="source", order_by="DocumentVersion.version")


class DocumentVersion(Base):
    """One content of a source (its bytes' hash), when it was read, and what was parsed from it."""

    __tablename__ = "document_version"
    __table_args__ = (
        UniqueConstraint("source_id", "version"),
        Index("ix_document_version_current", "source_id", "is_current"),
        Index("ix_document_version_ingested_at", "ingested_at"),  # Store.stamp() (core_0006)
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    version: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    encoding: Mapped[str] = mapped_column(String(40))
    media_type: Mapped[str] = mapped_column(String(40))
    fetched_at: Mapped[dt.datetime]
    ingested_at: Mapped[dt.datetime]
    parser_version: Mapped[str] = mapped_column(String(20))
    relevant: Mapped[bool]
    relevance_reason: Mapped[str | None] = mapped_column(Text)
    is_current: Mapped[bool]
    cleaned_text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]]  # the record's JSON without its text (that is cleaned_text)
    source: Mapped[Source] = relationship(back_populates="versions")

    def record_json(self) -> dict[str, Any]:
        """The record as the parser wrote it (the format of ``gold/README.md``), text included."""
        return {**self.record, "text": self.cleaned_text}


class Meeting(Base, _Spanned):
    """A meeting of a mechanism, with the facts of its primary report's current document version.

    ``identity`` says which meeting it is (mechanism, series, ordinal or date): reports with the
    same identity are one meeting; a meeting without one (no ordinal, no date) has one report.
    """

    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    identity: Mapped[str | None] = mapped_column(String(400), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_version.id"), index=True)
    mechanism: Mapped[str | None] = mapped_column(String(300))
    partner: Mapped[str | None] = mapped_column(String(100), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    ordinal: Mapped[int | None]
    date: Mapped[dt.date | None]
    date_text: Mapped[str | None] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(index=True)  # the date's year, or a one-year year_range
    year_from: Mapped[int | None]
    year_to: Mapped[int | None]
    year_reasons: Mapped[list[str]]
    venue: Mapped[str | None] = mapped_column(String(200))
    declared_area_count: Mapped[int | None]
    flags: Mapped[list[str]]
    document_kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    document: Mapped[DocumentVersion] = relationship()
    reports: Mapped[list[Report]] = relationship(
        back_populates="meeting", order_by="Report.id", cascade="all, delete-orphan", passive_deletes=True
    )
    people: Mapped[list[Person]] = relationship(
        back_populates="meeting", order_by="Person.position", cascade="all, delete-orphan", passive_deletes=True
    )
    areas: Mapped[list[Area]] = relationship(
        back_populates="meeting", order_by="Area.position", cascade="all, delete-orphan", passive_deletes=True
    )
    measures: Mapped[list[Measure]] = relationship(
        back_populates="meeting", order_by="Measure.position", cascade="all, delete-orphan", passive_deletes=True
    )
    agreements: Mapped[list[Agreement]] = relationship(
        back_populates="meeting", order_by="Agreement.position", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def completeness(self) -> Completeness:
        """How completely its primary report was read (from its flags and counts): what a
        comparison with this meeting may say."""
        return Completeness.of(self.flags or [], self.declared_area_count, len(self.areas), len(self.measures))


class Report(Base):
    """A source that reports a meeting, through its current document version."""

    __tablename__ = "report"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_version.id"), index=True)
    is_primary: Mapped[bool]
    meeting: Mapped[Meeting] = relationship(back_populates="reports")
    source: Mapped[Source] = relationship()
    document: Mapped[DocumentVersion] = relationship()


class Person(Base, _Spanned):
    """A person as named in one release (linking one person across releases comes later)."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_version.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(300))
    honorific: Mapped[str | None] = mapped_column(String(20))
    post: Mapped[str | None] = mapped_column(Text)
    side: Mapped[str | None] = mapped_column(String(20))
    roles: Mapped[list[str]]
    meeting: Mapped[Meeting] = relationship(back_populates="people")


class Area(Base, _Spanned):
    """A co-operation area; its span is the heading's, ``extent`` the whole area's."""

    __tablename__ = "area"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_version.id"), index=True)
    position: Mapped[int]
    heading: Mapped[str | None] = mapped_column(Text)
    themes: Mapped[list[str]]
    extent_start: Mapped[int | None]
    extent_end: Mapped[int | None]
    meeting: Mapped[Meeting] = relationship(back_populates="areas")
    measures: Mapped[list[Measure]] = relationship(back_populates="area", order_by="Measure.position")


class Measure(Base, _Spanned):
    """A measure agreed under an area; ``key`` (meeting slug + normalised text) survives re-parses."""

    __tablename__ = "measure"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_version.id"), index=True)
    position: Mapped[int]  # within the meeting
    text: Mapped[str] = mapped_column(Text)
    themes: Mapped[list[str]]
    primary_theme: Mapped[str | None] = mapped_column(String(40), index=True)
    quantities: Mapped[list[dict[str, Any]]]  # the record's quantities: kind, value, unit, text, span
    meeting: Mapped[Meeting] = relationship(back_populates="measures")
    area: Mapped[Area] = relationship(back_populates="measures")


class Agreement(Base, _Spanned):
    """A memorandum, agreement or arrangement signed at the meeting; ``key`` as for measures."""

    __tablename__ = "agreement"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_version.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    annex: Mapped[str | None] = mapped_column(String(100))
    chinese_only: Mapped[bool]
    signatories: Mapped[list[str]]
    meeting: Mapped[Meeting] = relationship(back_populates="agreements")


class SearchEntry(Base, _Spanned):
    """One searchable item; on SQLite the FTS5 table ``search_fts`` indexes ``text``, ``extra`` and ``grams``.

    ``item_id`` is the row's id in the table named by ``kind`` (0 for an item of another report
    of the meeting, read from that report's record: no row holds it); ``document_id`` is the
    document version of the report it came from; ``themes`` is the item's theme ids between
    spaces (`` health education ``) so that a theme filter is a portable LIKE; ``grams`` is the
    Chinese of ``text`` and ``extra`` folded into bigrams (:mod:`.grams`), empty without Chinese.
    """

    __tablename__ = "search_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    item_id: Mapped[int]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_version.id"))  # never looked up: no index
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    extra: Mapped[str] = mapped_column(Text)  # a person's post; an agreement's signatories
    themes: Mapped[str] = mapped_column(String(400))
    grams: Mapped[str] = mapped_column(Text, default="")
    meeting: Mapped[Meeting] = relationship()


class CorrectionKind(StrEnum):
    """What a user decided. The latest decision about a pair stands; none is ever deleted."""

    SAME_PERSON = "same_person"  # two names (name keys) denote one person
    DIFFERENT_PEOPLE = "different_people"  # two names that look alike are two people
    LINK_CONFIRMED = "link_confirmed"  # a later measure (key) carries an earlier one over
    LINK_REJECTED = "link_rejected"  # it does not, whatever the similarity says
    COMMITMENT_SPLIT = "commitment_split"  # a measure (right) starts a commitment apart from the one before (left)
    COMMITMENT_JOIN = "commitment_join"  # two measures' commitments are one


class Correction(Base):
    """A user's decision about two things, keyed so that it outlives the rows it was made on.

    People are keyed by their name key (``knowledge.people.name_key``), measures by their stable
    ``key``; the labels (a name, a measure's meeting and text) let a decision be shown, and found
    again if a parser upgrade changes a key.
    """

    __tablename__ = "correction"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    left: Mapped[str] = mapped_column(String(300), index=True)
    right: Mapped[str] = mapped_column(String(300), index=True)
    left_label: Mapped[str] = mapped_column(Text)
    right_label: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime]


# --- tracking and accounts ----------------------------------------------------------------------
#
#   tracking_event     a status given to a measure (append-only): who, when, status, note,
#                      evidence; keyed by the measure's stable key, with its meeting slug and
#                      text kept so that it can be found again after a parser upgrade
#   tracking_reattach  a user's decision that an event belongs to another measure key
#   tracker_note       a measure's responsible bureau, or a day its progress was checked
#                      (append-only; the latest of each field stands)
#   user_account       a person who may write: name, role (editor or admin), password hash
#   web_session        a signed-in browser: the hash of its cookie, its CSRF token, expiry
#   api_token          a token for scripts: its hash, a short prefix to name it, revocation


class TrackingEvent(Base):
    """A status given to a measure. Never updated nor deleted: the latest attached event stands."""

    __tablename__ = "tracking_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    measure_key: Mapped[str] = mapped_column(String(64), index=True)
    meeting_slug: Mapped[str] = mapped_column(String(200), index=True)
    measure_text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    evidence_kind: Mapped[str | None] = mapped_column(String(20))
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime]


class TrackingReattach(Base):
    """A user's decision that an event (whose measure changed) belongs to the measure ``measure_key``."""

    __tablename__ = "tracking_reattach"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("tracking_event.id"), index=True)
    measure_key: Mapped[str] = mapped_column(String(64))
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime]


class TrackerNote(Base):
    """What an editor wrote down about a measure besides its status (append-only, the latest of each
    field stands): the bureau responsible for it, or that its progress was checked on a day.

    Keyed like a status event, with the meeting and text kept, so that it survives a re-ingest.
    """

    __tablename__ = "tracker_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    measure_key: Mapped[str] = mapped_column(String(64), index=True)
    meeting_slug: Mapped[str] = mapped_column(String(200))
    measure_text: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(20))  # "bureau" or "checked"
    value: Mapped[str] = mapped_column(String(300))  # the bureau's name, or the day checked (ISO)
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime]


class PairScore(Base):
    """The measures of two meetings worded alike, remembered by what the two meetings say.

    Derived, never entered: ``pair`` is a hash of both meetings' measure texts in order (and of the
    way they are scored, :func:`cooptrack.knowledge.changes.pair_key`), so a row is never out
    of date; a meeting whose measures changed is another pair. ``scores`` packs each ``(earlier
    index, later index, score x 10)`` as three unsigned 16-bit integers. Following the commitments
    reads these instead of scoring every pair of measures again in each process (the slow part).
    """

    __tablename__ = "pair_score"
    pair: Mapped[str] = mapped_column(String(32), primary_key=True)
    scores: Mapped[bytes] = mapped_column(LargeBinary)


class Digest(Base):
    """What a page shows across every meeting (the overview), as it was worked out for one state of
    the store (``stamp``, :meth:`.tracking.TrackingMixin.stamp`): derived, never entered.

    Written by whatever worked it out (an ingest when it ends, the server when it had to), read by
    every server process that finds the store in that state, so that the first page after a start
    or an ingest is not the one that pays for reading every meeting. One row per ``name``: a state
    of the store replaces the one before. ``body`` is zlib-compressed JSON.
    """

    __tablename__ = "digest"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(500))
    made_at: Mapped[dt.datetime]
    body: Mapped[bytes] = mapped_column(LargeBinary)


class UserAccount(Base):
    """Someone who signs in: a reader, an editor or an admin; the password is stored as an argon2 hash only."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime]
    disabled_at: Mapped[dt.datetime | None]  # set: cannot sign in, sessions and tokens refused


class WebSession(Base):
    """A signed-in browser; the cookie's value is never stored, only its SHA-256."""

    __tablename__ = "web_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]  # the idle timeout counts from here
    user: Mapped[UserAccount] = relationship()


class ApiToken(Base):
    """A token for scripts (``Authorization: Bearer``): shown once, stored as its SHA-256, revocable."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    label: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    expires_at: Mapped[dt.datetime | None]  # None: never (tokens made before expiry existed)
    last_used_at: Mapped[dt.datetime | None]
    user: Mapped[UserAccount] = relationship()


class AccountChange(Base):
    """One row counting the writes to accounts, sessions and tokens, on PostgreSQL.

    A trigger on each of the three tables moves ``changes`` before every statement that writes
    them (a revoked token, an ended session, a disabled account, a session's last use), in that
    statement's transaction: the count is seen changed exactly when the change is. The web server
    reads it with the store's stamp and keeps a signed-in reader's session row while it has not
    moved (:meth:`.accounts.AccountsMixin._known_row`). On SQLite it stays 0: ``data_version``
    tells the same without a query.
    """

    __tablename__ = "account_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    changes: Mapped[int] = mapped_column(BigInteger)


class StoreChange(Base):
    """One row counting the writes readers see, on PostgreSQL (``core_0013``).

    Triggers move ``documents`` before every statement that writes document versions or meetings,
    ``decisions`` before every one that writes tracking events, re-attachments or tracker notes,
    and ``corrections`` before every one that writes corrections, in that statement's transaction:
    a count is seen changed exactly when the change is. On PostgreSQL these counts are the store's
    stamp (:meth:`.tracking.TrackingMixin.stamp`), one row read by its key on every request. On
    SQLite they stay 0: the stamp is the latest entries of the tables' indexes, known again without
    a query while ``data_version`` stands.
    """

    __tablename__ = "store_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    documents: Mapped[int] = mapped_column(BigInteger)
    decisions: Mapped[int] = mapped_column(BigInteger)
    corrections: Mapped[int] = mapped_column(BigInteger)
