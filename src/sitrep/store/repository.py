"""The Store: every read and write of the database goes through here.

Writes happen in short transactions so that an interrupted command leaves a consistent database:
a document is either stored or not, its mentions are saved together with its ``extracted`` status,
and a mention is linked (has an ``event_mentions`` row) or waits for the next run.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from sitrep.domain import FIELD_NAMES, Document, Event, Mention, Source
from sitrep.errors import InputError, NotFound
from sitrep.link import Cluster, reconcile
from sitrep.store import db
from sitrep.store.convert import (
    document_from_row,
    document_to_row,
    mention_from_row,
    mention_to_row,
    now,
    utc,
)
from sitrep.store.models import (
    DocumentAlias,
    DocumentRow,
    Edit,
    EventMention,
    EventRow,
    Failure,
    MentionRow,
    Run,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    limit: int | None = None


class Store:
    """Access to one sitrep database (SQLite file or PostgreSQL)."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = db.resolve_url(url)
        self.engine = db.make_engine(self.url)
        if upgrade:
            db.ensure_schema(self.engine)
        self.session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # runs and failures -------------------------------------------------------------------------
    def start_run(self, kind: str, args: dict | None = None) -> int:
        with self.session.begin() as s:
            run = Run(kind=kind, started_at=now(), status="running", args=args or {}, counts={})
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, status: str, counts: dict) -> None:
        with self.session.begin() as s:
            s.execute(update(Run).where(Run.id == run_id)
                      .values(status=status, counts=counts, finished_at=now()))

    def record_failure(self, run_id: int | None, stage: str, error: InputError | str, *,
                       origin: str | None = None, reason: str = "error") -> None:
        if isinstance(error, InputError):
            origin, line, reason, message = error.path, error.line, error.reason, str(error)
        else:
            line, message = None, str(error)
        with self.session.begin() as s:
            s.add(Failure(run_id=run_id, stage=stage, origin=origin, line=line, reason=reason,
                          message=message[:4000], created_at=now()))

    def failures(self, run_id: int | None = None) -> list[Failure]:
        with self.session() as s:
            q = select(Failure).order_by(Failure.id)
            if run_id is not None:
                q = q.where(Failure.run_id == run_id)
            return list(s.scalars(q))

    # documents ---------------------------------------------------------------------------------
    def add_documents(self, docs: Iterable[Document], run_id: int | None = None) -> tuple[int, int]:
        """Store documents keyed by content hash; returns (new, already stored). One transaction."""
        docs = list(docs)
        new = dup = 0
        with self.session.begin() as s:
            hashes = list({d.content_hash for d in docs})
            rows: dict[str, DocumentRow] = {}
            for chunk in _chunks(hashes, 500):
                rows.update((r.content_hash, r) for r in
                            s.scalars(select(DocumentRow).where(DocumentRow.content_hash.in_(chunk))))
            known: set[tuple[int, str]] = set()
            ids = [r.id for r in rows.values()]
            for chunk in _chunks(ids, 500):
                known.update((a, b) for a, b in s.execute(select(DocumentAlias.document_id, DocumentAlias.doc_id)
                                                          .where(DocumentAlias.document_id.in_(chunk))))
            for doc in docs:
                row = rows.get(doc.content_hash)
                if row is None:
                    row = rows[doc.content_hash] = document_to_row(doc, run_id)
                    s.add(row)
                    s.flush()
                    new += 1
                else:
                    dup += 1
                name = doc.doc_id[:512]
                if (row.id, name) not in known:
                    known.add((row.id, name))
                    s.add(DocumentAlias(document_id=row.id, doc_id=name, url=doc.url, outlet=doc.outlet,
                                        origin=doc.origin, seen_at=now()))
        return new, dup

    def pending_documents(self, limit: int = 100, after_id: int = 0) -> list[tuple[int, Document]]:
        with self.session() as s:
            rows = s.scalars(select(DocumentRow).where(DocumentRow.status == "pending", DocumentRow.id > after_id)
                             .order_by(DocumentRow.id).limit(limit))
            return [(r.id, document_from_row(r)) for r in rows]

    def count_pending(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(DocumentRow)
                            .where(DocumentRow.status == "pending")) or 0

    def save_extractions(self, results: Iterable[tuple[int, list[Mention] | str]], extractor: str) -> int:
        """Save each document's mentions (or its failure reason) and its status, in one transaction."""
        saved = 0
        with self.session.begin() as s:
            for document_id, outcome in results:
                doc = s.get(DocumentRow, document_id)
                if doc is None:
                    continue
                for old in s.scalars(select(MentionRow).where(MentionRow.document_id == document_id)):
                    s.delete(old)
                s.flush()
                if isinstance(outcome, str):
                    doc.status, doc.status_reason = "failed", outcome[:2000]
                    continue
                for mention in outcome:
                    s.add(mention_to_row(mention, document_id, extractor))
                    saved += 1
                doc.status, doc.status_reason, doc.extracted_at = "extracted", None, now()
        return saved

    def reset_failed(self) -> int:
        """Put failed documents back in the queue (after a fix of the extractor)."""
        with self.session.begin() as s:
            result = s.execute(update(DocumentRow).where(DocumentRow.status == "failed")
                               .values(status="pending", status_reason=None))
            return result.rowcount or 0

    def document(self, key: str) -> Document:
        with self.session() as s:
            row = s.scalar(select(DocumentRow).where(DocumentRow.content_hash == key)) or s.scalar(
                select(DocumentRow).join(DocumentAlias).where(DocumentAlias.doc_id == key))
            if row is None:
                raise NotFound(f"no document {key!r}")
            return document_from_row(row)

    # linking -----------------------------------------------------------------------------------
    def unlinked_mentions(self, limit: int = 5000) -> list[tuple[int, Mention]]:
        with self.session() as s:
            q = (select(MentionRow).outerjoin(EventMention, EventMention.mention_id == MentionRow.id)
                 .where(EventMention.mention_id.is_(None)).order_by(MentionRow.id).limit(limit)
                 .options(selectinload(MentionRow.claims), selectinload(MentionRow.document)))
            return [(r.id, mention_from_row(r, r.document)) for r in s.scalars(q)]

    def clusters_between(self, start: date, end: date) -> list[Cluster]:
        """Existing events whose mentions fall in [start, end], as clusters for the linker."""
        with self.session() as s:
            ids = s.scalars(select(EventRow.id).where(EventRow.active.is_(True), EventRow.origin == "extracted",
                                                      EventRow.event_date >= start, EventRow.event_date <= end))
            return self._clusters(s, list(ids))

    def _clusters(self, s: Session, event_ids: list[str]) -> list[Cluster]:
        if not event_ids:
            return []
        rows = s.execute(_linked(event_ids))
        clusters: dict[str, Cluster] = {}
        for event_id, m in rows:
            clusters.setdefault(event_id, Cluster(event_id)).mentions.append(mention_from_row(m, m.document))
        return list(clusters.values())

    def save_links(self, links: list[tuple[int, str, float | None]]) -> set[str]:
        """Attach mentions to events (creating new events) and refresh the touched events."""
        touched: set[str] = set()
        with self.session.begin() as s:
            for mention_id, event_id, link_score in links:
                if s.get(EventRow, event_id) is None:
                    s.add(EventRow(id=event_id, created_at=now(), updated_at=now(), overrides={}, denied_by=[]))
                    s.flush()
                s.merge(EventMention(mention_id=mention_id, event_id=event_id, score=link_score,
                                     pinned=False, linked_at=now()))
                touched.add(event_id)
            s.flush()
            for event_id in touched:
                self._refresh(s, event_id)
        return touched

    def _refresh(self, s: Session, event_id: str) -> None:
        """Recompute an event's reconciled fields from its mentions; a person's overrides win."""
        event = s.get(EventRow, event_id)
        if event is None:
            return
        rows = [m for _, m in s.execute(_linked([event_id]))]
        if not rows:
            event.active, event.n_mentions, event.updated_at = False, 0, now()
            return
        mentions = [mention_from_row(r, r.document) for r in rows]
        sources = list({r.document.content_hash: _source(r.document) for r in rows}.values())
        rec = reconcile(mentions, sources)
        for key, value in rec.fields.items():
            setattr(event, key, value)
        for key, value in (event.overrides or {}).items():
            setattr(event, key, date.fromisoformat(value) if key == "event_date" and value else value)
        event.n_mentions, event.n_sources, event.n_outlets = len(rows), len(sources), rec.n_outlets
        event.first_reported, event.last_reported = rec.first_reported, rec.last_reported
        event.evidence_text, event.explanation = rec.evidence, rec.explanation
        event.active, event.updated_at = True, now()

    # human control: merge, split, undo ---------------------------------------------------------
    def merge(self, event_ids: list[str], user: str, note: str | None = None) -> tuple[str, int]:
        """Merge events into the first one; returns (kept event id, edit id). The merge can be undone."""
        if len(set(event_ids)) < 2:
            raise ValueError("merge needs at least two different event ids")
        with self.session.begin() as s:
            before = {eid: self._mention_ids(s, eid) for eid in dict.fromkeys(event_ids)}
            target = event_ids[0]
            for eid in before:
                if s.get(EventRow, eid) is None:
                    raise NotFound(f"no event {eid!r}")
            for mids in before.values():
                self._move(s, mids, target)
            for eid in before:
                self._refresh(s, eid)
            edit = Edit(at=now(), user=user, action="merge", event_id=target, before=before,
                        after={target: [m for mids in before.values() for m in mids]}, note=note)
            s.add(edit)
            s.flush()
            return target, edit.id

    def split(self, event_id: str, mention_ids: list[int], user: str, note: str | None = None) -> tuple[str, int]:
        """Move the given mentions of an event into a new event; returns (new event id, edit id)."""
        with self.session.begin() as s:
            current = self._mention_ids(s, event_id)
            if not current:
                raise NotFound(f"no event {event_id!r} with mentions")
            moving = [m for m in mention_ids if m in current]
            if not moving or set(moving) == set(current):
                raise ValueError(f"split needs some but not all of the mentions of {event_id}: {current}")
            first = s.get(MentionRow, min(moving))
            new_id = "ev-" + hashlib.sha1(f"split:{first.mention_key}:{event_id}".encode()).hexdigest()[:12]  # noqa: S324
            if s.get(EventRow, new_id) is None:
                s.add(EventRow(id=new_id, created_at=now(), updated_at=now(), overrides={}, denied_by=[]))
                s.flush()
            self._move(s, moving, new_id)
            self._refresh(s, event_id)
            self._refresh(s, new_id)
            edit = Edit(at=now(), user=user, action="split", event_id=event_id, before={event_id: current},
                        after={event_id: [m for m in current if m not in moving], new_id: moving}, note=note)
            s.add(edit)
            s.flush()
            return new_id, edit.id

    def undo(self, edit_id: int, user: str) -> int:
        """Put the mentions back where an earlier merge or split found them; returns the undo's edit id."""
        with self.session.begin() as s:
            edit = s.get(Edit, edit_id)
            if edit is None:
                raise NotFound(f"no edit {edit_id}")
            if edit.undone_by is not None:
                raise ValueError(f"edit {edit_id} was already undone by edit {edit.undone_by}")
            if edit.action not in ("merge", "split"):
                raise ValueError(f"edit {edit_id} is a {edit.action}; only merges and splits can be undone")
            touched = set((edit.before or {}).keys()) | set((edit.after or {}).keys())
            for eid, mids in (edit.before or {}).items():
                if s.get(EventRow, eid) is None:
                    s.add(EventRow(id=eid, created_at=now(), updated_at=now(), overrides={}, denied_by=[]))
                    s.flush()
                self._move(s, mids, eid)
            for eid in touched:
                self._refresh(s, eid)
            undo = Edit(at=now(), user=user, action="undo", event_id=edit.event_id, before=edit.after,
                        after=edit.before, note=f"undo of edit {edit_id}")
            s.add(undo)
            s.flush()
            edit.undone_by = undo.id
            return undo.id

    def edits(self, event_id: str | None = None) -> list[Edit]:
        with self.session() as s:
            q = select(Edit).order_by(Edit.id)
            if event_id:
                q = q.where(Edit.event_id == event_id)
            return list(s.scalars(q))

    @staticmethod
    def _mention_ids(s: Session, event_id: str) -> list[int]:
        return list(s.scalars(select(EventMention.mention_id).where(EventMention.event_id == event_id)
                              .order_by(EventMention.mention_id)))

    @staticmethod
    def _move(s: Session, mention_ids: list[int], event_id: str) -> None:
        """Attach mentions to an event as a person's decision (pinned, so automatic runs keep it)."""
        for mid in mention_ids:
            s.merge(EventMention(mention_id=mid, event_id=event_id, score=None, pinned=True, linked_at=now()))
        s.flush()

    # reading events ----------------------------------------------------------------------------
    def events(self, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter()
        with self.session() as s:
            q = select(EventRow).where(EventRow.active.is_(True))
            if flt.date_from:
                q = q.where(EventRow.event_date >= flt.date_from)
            if flt.date_to:
                q = q.where(EventRow.event_date <= flt.date_to)
            if flt.country:
                q = q.where(func.lower(EventRow.country) == flt.country.lower())
            if flt.admin1:
                q = q.where(func.lower(EventRow.admin1) == flt.admin1.lower())
            if flt.event_type:
                q = q.where(func.lower(EventRow.event_type) == flt.event_type.lower())
            if flt.actor:
                pattern = f"%{flt.actor.lower()}%"
                q = q.where(func.lower(EventRow.actor1).like(pattern) | func.lower(EventRow.actor2).like(pattern)
                            | func.lower(EventRow.responsibility).like(pattern))
            q = q.order_by(EventRow.event_date.desc().nulls_last(), EventRow.id)
            if flt.limit:
                q = q.limit(flt.limit)
            rows = list(s.scalars(q))
            return self._to_events(s, rows)

    def event(self, event_id: str) -> tuple[Event, list[tuple[int, Mention]]]:
        """An event and every mention that reports it."""
        with self.session() as s:
            row = s.get(EventRow, event_id)
            if row is None:
                raise NotFound(f"no event {event_id!r}")
            mentions = [m for _, m in s.execute(_linked([event_id]))]
            return self._to_events(s, [row])[0], [(m.id, mention_from_row(m, m.document)) for m in mentions]

    def _to_events(self, s: Session, rows: list[EventRow]) -> list[Event]:
        ids = [r.id for r in rows]
        by_event: dict[str, list[MentionRow]] = {i: [] for i in ids}
        for chunk in _chunks(ids, 500):
            for event_id, m in s.execute(_linked(chunk)):
                by_event[event_id].append(m)
        out = []
        for r in rows:
            ms = by_event[r.id]
            sources = tuple({m.document.content_hash: _source(m.document) for m in ms}.values())
            claims = tuple(c for m in ms for c in mention_from_row(m, m.document).claims)
            out.append(Event(
                event_id=r.id, event_date=r.event_date, date_precision=r.date_precision,  # type: ignore[arg-type]
                event_type=r.event_type, sub_event_type=r.sub_event_type, actor1=r.actor1, actor2=r.actor2,
                country=r.country, admin1=r.admin1, admin2=r.admin2, location=r.location, latitude=r.latitude,
                longitude=r.longitude, geo_precision=r.geo_precision, fatalities=r.fatalities,
                fatalities_low=r.fatalities_low, fatalities_high=r.fatalities_high, wounded=r.wounded,
                responsibility=r.responsibility, denied_by=tuple(r.denied_by or ()),
                certainty=r.certainty,  # type: ignore[arg-type]
                mention_keys=tuple(m.mention_key for m in ms), sources=sources, claims=claims,
                evidence=r.evidence_text, first_reported=utc(r.first_reported),
                last_reported=utc(r.last_reported), explanation=r.explanation, origin=r.origin,
                dataset=r.dataset, external_id=r.external_id, raw=r.raw,
            ))
        return out

    def save_imported(self, events: Iterable[Event], batch_size: int = 5000) -> tuple[int, int]:
        """Store events of a human-coded dataset, keyed by (dataset, external id); returns (new, updated).

        Re-importing a file updates the events in place, so the same export never counts twice. Each
        batch is one transaction, and the events are read from ``events`` only between transactions.

        Exports run to hundreds of thousands of rows, so the rows skip the ORM and Core's per-row
        bookkeeping: the INSERT and UPDATE are compiled once for the database, and each event becomes
        a tuple of column values as soon as it arrives (so the event itself is freed at once), with
        only the columns whose type needs it (dates, JSON) passed through SQLAlchemy's own bind
        processors. A batch then goes to the driver's ``executemany``.
        """
        from functools import lru_cache
        from operator import attrgetter, itemgetter

        from sqlalchemy import bindparam, insert

        table = EventRow.__table__
        dialect = self.engine.dialect
        # Column values come in this order: those read from the event, those shared by the batch, the key.
        from_event = (*FIELD_NAMES, "dataset", "external_id", "raw", "evidence_text", "explanation",
                      "first_reported", "last_reported", "n_sources")
        read = attrgetter(*FIELD_NAMES, "dataset", "external_id", "raw", "evidence", "explanation",
                          "first_reported", "last_reported")
        shared = ("origin", "n_mentions", "n_outlets", "active", "updated_at")
        update_keys = (*from_event, *shared, "row_id")
        insert_keys = (*from_event, *shared, "created_at", "overrides", "id")
        processors = {c.key: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns}

        def per_value(key: str):  # type: ignore[no-untyped-def]
            process = processors.get(key)
            if process is None or key in ("raw", "latitude", "longitude"):  # different in every row
                return process
            return lru_cache(maxsize=4096, typed=True)(process)  # dates and empty lists repeat

        row_processors = [(i, f) for i, key in enumerate(from_event) if (f := per_value(key))]

        def compiled(statement, keys: tuple[str, ...]):  # type: ignore[no-untyped-def]
            """The SQL text, and what turns values in ``keys`` order into the driver's parameters."""
            sql = statement.compile(dialect=dialect, column_keys=list(keys))
            if sql.positiontup is None:  # named parameters (psycopg)
                return sql.string, lambda values: dict(zip(keys, values, strict=True))
            return sql.string, itemgetter(*(keys.index(k) for k in sql.positiontup))

        insert_sql, insert_params = compiled(insert(table), insert_keys)
        update_sql, update_params = compiled(update(table).where(table.c.id == bindparam("row_id")), update_keys)

        def values(event: Event) -> tuple:
            row = [*read(event), len(event.sources)]
            for i, process in row_processors:
                row[i] = process(row[i])
            return tuple(row)

        new = updated = 0
        dataset: str | None = None
        batch: list[tuple[str, tuple]] = []  # (external id, the event's column values)

        def flush() -> None:
            nonlocal new, updated
            stamp = now()
            # What every row of the batch shares, converted for the database once.
            common = tuple(process(v) if (process := processors[k]) else v
                           for k, v in zip((*shared, "created_at", "overrides"),
                                           ("imported", 0, 0, True, stamp, stamp, {}), strict=True))
            on_update, on_insert = common[:len(shared)], common
            with self.session.begin() as s:
                existing = dict(s.execute(
                    select(EventRow.external_id, EventRow.id)
                    .where(EventRow.dataset == dataset, EventRow.external_id.in_([key for key, _ in batch]))
                ).all())
                inserts, updates = [], []
                for external_id, row in batch:
                    row_id = existing.get(external_id)
                    if row_id is None:
                        row_id = existing[external_id] = f"{dataset}-{external_id}"[:40]
                        inserts.append(insert_params((*row, *on_insert, row_id)))
                    else:
                        updates.append(update_params((*row, *on_update, row_id)))
                connection = s.connection()
                if inserts:
                    connection.exec_driver_sql(insert_sql, inserts)
                if updates:
                    connection.exec_driver_sql(update_sql, updates)
                new += len(inserts)
                updated += len(updates)
            batch.clear()

        for event in events:
            if not event.dataset or not event.external_id:
                raise ValueError("an imported event needs its dataset and external id")
            if event.dataset != dataset:
                if batch:
                    flush()
                dataset = event.dataset
            batch.append((event.external_id, values(event)))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return new, updated

    def counts(self) -> dict[str, int]:
        with self.session() as s:
            def n(model, *where) -> int:  # type: ignore[no-untyped-def]
                return s.scalar(select(func.count()).select_from(model).where(*where)) or 0
            return {
                "documents": n(DocumentRow), "pending": n(DocumentRow, DocumentRow.status == "pending"),
                "failed_documents": n(DocumentRow, DocumentRow.status == "failed"),
                "mentions": n(MentionRow), "events": n(EventRow, EventRow.active.is_(True)),
                "failures": n(Failure), "runs": n(Run), "edits": n(Edit),
            }

    def iter_event_rows(self) -> Iterator[EventRow]:
        with self.session() as s:
            yield from s.scalars(select(EventRow).where(EventRow.active.is_(True)))


def _linked(event_ids: list[str]):  # type: ignore[no-untyped-def]
    """(event id, mention row) for the mentions of these events, with claims and documents loaded."""
    return (select(EventMention.event_id, MentionRow)
            .join(MentionRow, MentionRow.id == EventMention.mention_id)
            .where(EventMention.event_id.in_(event_ids)).order_by(MentionRow.id)
            .options(selectinload(MentionRow.claims), selectinload(MentionRow.document)))


def _source(doc: DocumentRow) -> Source:
    return Source(doc_id=doc.doc_id, url=doc.url, outlet=doc.outlet, published_at=utc(doc.published_at))


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
