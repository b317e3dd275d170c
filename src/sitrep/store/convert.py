"""Conversions between domain records and table rows."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.domain import FIELD_NAMES, Claim, Document, Evidence, Mention
from sitrep.store.models import ClaimRow, DocumentRow, MentionRow


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


def document_from_row(row: DocumentRow) -> Document:
    return Document(
        doc_id=row.doc_id, text=row.text, title=row.title, url=row.url, outlet=row.outlet,
        published_at=utc(row.published_at), language=row.language, origin=row.origin,
        content_hash=row.content_hash,
    )


def document_to_row(doc: Document, run_id: int | None) -> DocumentRow:
    return DocumentRow(
        content_hash=doc.content_hash, doc_id=doc.doc_id[:512], url=doc.url, outlet=doc.outlet,
        title=doc.title, published_at=utc(doc.published_at), language=doc.language, origin=doc.origin,
        text=doc.text, status="pending", ingested_at=now(), run_id=run_id,
    )


def mention_to_row(mention: Mention, document_id: int, extractor: str) -> MentionRow:
    values = {name: getattr(mention, name) for name in FIELD_NAMES}
    values["denied_by"] = list(mention.denied_by)
    row = MentionRow(
        mention_key=mention.mention_key, document_id=document_id, idx=mention.index,
        evidence=[{"field": e.field, "text": e.text, "start": e.start, "end": e.end} for e in mention.evidence],
        evidence_text=mention.evidence_text, extractor=extractor, created_at=now(), **values,
    )
    row.claims = [
        ClaimRow(kind=c.kind, claimant=c.claimant, fatalities=c.fatalities, wounded=c.wounded,
                 group_name=c.group, text=c.text)
        for c in mention.claims
    ]
    return row


def mention_from_row(row: MentionRow, doc: DocumentRow) -> Mention:
    values = {name: getattr(row, name) for name in FIELD_NAMES}
    values["denied_by"] = tuple(row.denied_by or ())
    claims = tuple(
        Claim(kind=c.kind, claimant=c.claimant, fatalities=c.fatalities, wounded=c.wounded,  # type: ignore[arg-type]
              group=c.group_name, text=c.text, doc_id=doc.doc_id, published_at=utc(doc.published_at))
        for c in row.claims
    )
    evidence = tuple(Evidence(e["field"], e["text"], e.get("start", -1), e.get("end", -1))
                     for e in (row.evidence or ()))
    return Mention(
        doc_id=doc.doc_id, content_hash=doc.content_hash, index=row.idx, claims=claims, evidence=evidence,
        published_at=utc(doc.published_at), **values,
    )
