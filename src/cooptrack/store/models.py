"""The stored form of records: sources, their versions, and the facts of each current version."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    """Where documents came from: a file path or URL; its versions are kept for ever."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(primary_key=True)
    uri: Mapped[str] = mapped_column(String(2000), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    versions: Mapped[list[Document]] = relationship(back_populates="source", order_by="Document.version")


class Document(Base):
    """One version of a source: its bytes' hash, when it was read, and the record parsed from it."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("source_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[str] = mapped_column(String(40))
    media_type: Mapped[str] = mapped_column(String(40))
    fetched_at: Mapped[dt.datetime]
    parser_version: Mapped[str] = mapped_column(String(20))
    relevant: Mapped[bool]
    is_current: Mapped[bool] = mapped_column(default=True)
    cleaned_text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]]
    source: Mapped[Source] = relationship(back_populates="versions")


class Meeting(Base):
    """A meeting of a mechanism, with the facts of the document that reports it."""

    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    mechanism: Mapped[str] = mapped_column(String(300))
    partner: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(60))
    ordinal: Mapped[int | None]
    date: Mapped[dt.date | None]
    date_text: Mapped[str | None] = mapped_column(String(60))
    year: Mapped[int | None]
    venue: Mapped[str | None] = mapped_column(String(100))
    document_kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    declared_area_count: Mapped[int | None]
    flags: Mapped[list[Any]]
    document: Mapped[Document] = relationship()
    items: Mapped[list[Item]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Item.position"
    )


class Item(Base):
    """One extracted fact of a meeting (person, area, measure or agreement) with its span."""

    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(64), index=True)  # stable across re-parses
    text: Mapped[str] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(Text)
    themes: Mapped[list[Any]]
    data: Mapped[dict[str, Any]]
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    meeting: Mapped[Meeting] = relationship(back_populates="items")
