"""Tables of the sitrep store (SQLAlchemy 2 declarative). The schema is created by Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Run(Base):
    """One command that changed the store: what ran, when, with what result."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")  # running, ok, failed, interrupted
    args: Mapped[dict] = mapped_column(JSON, default=dict)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    doc_id: Mapped[str] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(256))
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(String(16))
    origin: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, extracted, failed
    status_reason: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))

    aliases: Mapped[list[DocumentAlias]] = relationship(back_populates="document", cascade="all, delete-orphan")

    __table_args__ = (Index("ix_documents_status", "status"),)


class DocumentAlias(Base):
    """Every name a document came in with (the same text under two URLs is stored once, named twice)."""

    __tablename__ = "document_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    doc_id: Mapped[str] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(256))
    origin: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    document: Mapped[DocumentRow] = relationship(back_populates="aliases")
    __table_args__ = (UniqueConstraint("document_id", "doc_id", name="uq_alias_doc"),
                      Index("ix_alias_url", "url"))


class _EventColumns:
    """Coded fields shared by mentions and events (the extract contract)."""

    event_date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    event_type: Mapped[str | None] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    actor1: Mapped[str | None] = mapped_column(String(256))
    actor2: Mapped[str | None] = mapped_column(String(256))
    country: Mapped[str | None] = mapped_column(String(128))
    admin1: Mapped[str | None] = mapped_column(String(128))
    admin2: Mapped[str | None] = mapped_column(String(128))
    location: Mapped[str | None] = mapped_column(String(256))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    wounded: Mapped[int | None] = mapped_column(Integer)
    responsibility: Mapped[str | None] = mapped_column(String(256))
    denied_by: Mapped[list] = mapped_column(JSON, default=list)
    certainty: Mapped[str] = mapped_column(String(16), default="reported")


class MentionRow(_EventColumns, Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_key: Mapped[str] = mapped_column(String(64), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[list] = mapped_column(JSON, default=list)  # [{field, text, start, end}]
    evidence_text: Mapped[str] = mapped_column(Text, default="")
    extractor: Mapped[str] = mapped_column(String(64), default="rules")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    document: Mapped[DocumentRow] = relationship()
    claims: Mapped[list[ClaimRow]] = relationship(back_populates="mention", cascade="all, delete-orphan")

    __table_args__ = (Index("ix_mentions_date", "event_date"), Index("ix_mentions_document", "document_id"))


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    claimant: Mapped[str | None] = mapped_column(String(256))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    wounded: Mapped[int | None] = mapped_column(Integer)
    group_name: Mapped[str | None] = mapped_column(String(256))
    text: Mapped[str] = mapped_column(Text, default="")

    mention: Mapped[MentionRow] = relationship(back_populates="claims")
    __table_args__ = (Index("ix_claims_mention", "mention_id"),)


class EventRow(_EventColumns, Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    origin: Mapped[str] = mapped_column(String(16), default="extracted")  # extracted or imported
    dataset: Mapped[str | None] = mapped_column(String(16))  # acled, ucdp, gtd for imported events
    external_id: Mapped[str | None] = mapped_column(String(64))  # the event's id in that dataset
    raw: Mapped[dict | None] = mapped_column(JSON)  # the original coding, kept as it came
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    n_outlets: Mapped[int] = mapped_column(Integer, default=0)
    first_reported: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_reported: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    evidence_text: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    overrides: Mapped[dict] = mapped_column(JSON, default=dict)  # fields set by a person
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # false once merged away or emptied
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_events_date", "event_date"),
        Index("ix_events_country_admin1", "country", "admin1"),
        Index("ix_events_type", "event_type"),
        UniqueConstraint("dataset", "external_id", name="uq_events_dataset_external"),
    )


class EventMention(Base):
    """Which event a mention belongs to. ``pinned`` marks a person's decision that automatic runs keep."""

    __tablename__ = "event_mentions"
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    score: Mapped[float | None] = mapped_column(Float)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_event_mentions_event", "event_id"),)


class Failure(Base):
    """What could not be read or processed, and why."""

    __tablename__ = "failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    stage: Mapped[str] = mapped_column(String(16))  # ingest, extract, link
    origin: Mapped[str | None] = mapped_column(Text)  # file path or URL
    line: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Edit(Base):
    """Audit trail of every human change: who, when, what, before and after."""

    __tablename__ = "edits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))  # merge, split, set, undo
    event_id: Mapped[str | None] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict | list | None] = mapped_column(JSON)
    after: Mapped[dict | list | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    undone_by: Mapped[int | None] = mapped_column(Integer)


class Feed(Base):
    """A polled feed and what the last poll learned (for conditional requests and resuming)."""

    __tablename__ = "feeds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)


class FetchedUrl(Base):
    """Every URL fetched once (stored or refused), so a restarted watch never fetches it again."""

    __tablename__ = "fetched_urls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))  # stored, duplicate, failed
    content_hash: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
