"""``sitrep demo``: the whole pipeline on the bundled sample corpus, then a summary."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.analytics.summary import summarise
from sitrep.pipeline import ingest, run_pending
from sitrep.sources.files import iter_documents
from sitrep.store import Store


def sample_corpus() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "sample" / "reports.jsonl"))


def _counts(title: str, label: str, rows: list[tuple[str, int, int]]) -> Table:
    table = Table(title=title)
    for col in (label, "events", "fatalities"):
        table.add_column(col)
    for name, n, dead in rows:
        table.add_row(Text(name), str(n), str(dead))
    return table


def run_demo(db: str | None, out: Console, err: Console) -> int:
    from sitrep.interfaces.cli import _extractor

    corpus = sample_corpus()
    with Store(db) as store:
        out.print(f"[bold]sitrep demo[/]: {corpus.name} → {store.url}")
        ing = ingest(store, iter_documents([corpus]), args={"demo": True})
        out.print(f"ingested {ing.new} new document(s), {ing.duplicates} already stored, {ing.failed} failed")
        res = run_pending(store, _extractor())
        out.print(f"extracted {res.mentions} mention(s) from {res.documents} document(s), "
                  f"{res.new_events} new event(s), {res.failed} failed")
        events = store.events()
        counts = store.counts()
    summary = summarise(events)
    out.print(f"\n[bold]{summary.events} events[/] from {counts['documents']} documents "
              f"({counts['mentions']} mentions), {summary.fatalities} fatalities (best estimates)\n")
    out.print(_counts("Events by type", "event type", summary.by_type))
    out.print(_counts("Events by province", "country / province", summary.by_admin1))
    top = Table(title="Deadliest events", show_lines=True)
    for col in ("date", "event", "place", "killed", "sources"):
        top.add_column(col)
    for e in summary.deadliest:
        rng = f" ({e.fatalities_low}-{e.fatalities_high})" if e.fatalities_high != e.fatalities_low else ""
        actors = " vs ".join(a for a in (e.actor1, e.actor2) if a)
        top.add_row(str(e.event_date or "?"), Text(f"{e.sub_event_type}: {actors}"),
                    Text(", ".join(x for x in (e.location, e.admin1) if x)), f"{e.fatalities}{rng}",
                    Text("\n".join(f"{s.outlet or s.doc_id} ({s.published_at:%Y-%m-%d})" if s.published_at
                                   else (s.outlet or s.doc_id) for s in e.sources)))
    out.print(top)
    return min(ing.failed + res.failed, 100)
