"""Orchestration: documents into the store, then extraction and linking of what is pending.

Each step commits in small batches, so an interrupted command leaves a consistent database and the
next ``sitrep run`` picks up exactly what is left (pending documents, unlinked mentions).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.link import LinkConfig, link
from sitrep.link.linker import anchor_date
from sitrep.store import Store

if TYPE_CHECKING:
    from sitrep.extract.base import Extractor

log = logging.getLogger(__name__)
Progress = Callable[[int], None]


def _noop(_n: int) -> None:
    return None


@dataclass(slots=True)
class IngestResult:
    run_id: int
    new: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)


@dataclass(slots=True)
class RunResult:
    run_id: int
    documents: int = 0
    mentions: int = 0
    failed: int = 0
    linked: int = 0
    new_events: int = 0
    errors: list[str] = field(default_factory=list)


def ingest(store: Store, items: Iterable[Document | InputError], *, batch_size: int = 200,
           args: dict | None = None, progress: Progress = _noop) -> IngestResult:
    """Store documents (idempotent by content hash) and record every unreadable input as a failure."""
    result = IngestResult(run_id=store.start_run("ingest", args))
    batch: list[Document] = []
    status = "interrupted"
    try:
        for item in items:
            if isinstance(item, InputError):
                result.failed += 1
                result.errors.append(item)
                store.record_failure(result.run_id, "ingest", item)
                progress(1)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                _flush(store, batch, result, progress)
        _flush(store, batch, result, progress)
        status = "ok" if not result.failed else "partial"
    finally:
        store.finish_run(result.run_id, status, {"new": result.new, "duplicates": result.duplicates,
                                                 "failed": result.failed})
    return result


def _flush(store: Store, batch: list[Document], result: IngestResult, progress: Progress) -> None:
    if not batch:
        return
    new, dup = store.add_documents(batch, result.run_id)
    result.new += new
    result.duplicates += dup
    progress(len(batch))
    batch.clear()


def run_pending(store: Store, extractor: Extractor, *, batch_size: int = 50, link_config: LinkConfig | None = None,
                progress: Progress = _noop) -> RunResult:
    """Extract every pending document, then link every unlinked mention."""
    result = RunResult(run_id=store.start_run("run", {"extractor": extractor.name}))
    status = "interrupted"
    try:
        _extract_pending(store, extractor, batch_size, result, progress)
        _link_unlinked(store, link_config, result)
        status = "ok" if not result.failed else "partial"
    finally:
        store.finish_run(result.run_id, status, {
            "documents": result.documents, "mentions": result.mentions, "failed": result.failed,
            "linked": result.linked, "new_events": result.new_events})
    return result


def _extract_pending(store: Store, extractor: Extractor, batch_size: int, result: RunResult,
                     progress: Progress) -> None:
    after = 0
    while True:
        pending = store.pending_documents(batch_size, after_id=after)
        if not pending:
            return
        outcomes: list[tuple[int, list | str]] = []
        for row_id, doc in pending:
            after = row_id
            try:
                outcomes.append((row_id, extractor.extract(doc)))
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                reason = f"{doc.origin or doc.doc_id}: extraction failed: {type(exc).__name__}: {exc}"
                log.warning("%s", reason)
                outcomes.append((row_id, reason))
                store.record_failure(result.run_id, "extract", reason, origin=doc.origin or doc.doc_id,
                                     reason="extract_error")
                result.failed += 1
                result.errors.append(reason)
        result.mentions += store.save_extractions(outcomes, extractor.name)
        result.documents += len(pending)
        progress(len(pending))


def _link_unlinked(store: Store, config: LinkConfig | None, result: RunResult, batch: int = 5000) -> None:
    config = config or LinkConfig()
    while True:
        unlinked = store.unlinked_mentions(batch)
        if not unlinked:
            return
        days = [d for d in (anchor_date(m) for _, m in unlinked) if d]
        clusters = []
        if days:
            pad = timedelta(days=config.window_days)
            clusters = store.clusters_between(min(days) - pad, max(days) + pad)
        ids = {id(m): mid for mid, m in unlinked}
        linked = link((m for _, m in unlinked), clusters, config)  # oldest report first, as the linker wants
        links = [(ids[id(m)], cluster.event_id, score) for m, cluster, score in linked]
        result.new_events += sum(1 for _, _, score in linked if score is None)
        store.save_links(links)
        result.linked += len(links)
