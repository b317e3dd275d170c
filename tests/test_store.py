"""The store on SQLite and on a real PostgreSQL server: schema, idempotent ingest, linking, queries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import text

from sitrep.domain import Claim, Document, Evidence, Mention
from sitrep.errors import ConfigError, InputError, NotFound
from sitrep.pipeline import ingest, run_pending
from sitrep.store import EventFilter, Store
from sitrep.store import db as dbmod

TABLES = {"documents", "document_aliases", "mentions", "claims", "events", "event_mentions", "failures", "runs",
          "edits", "alembic_version"}


def doc(doc_id: str, text_: str, day: int = 5) -> Document:
    return Document(doc_id=doc_id, text=text_, outlet=f"outlet-{doc_id}",
                    published_at=datetime(2024, 3, day, 12, tzinfo=UTC))


class KeywordExtractor:
    """A tiny extractor for exercising the store: one mention per document that names a town it knows."""

    name = "keyword"
    towns: ClassVar[dict[str, tuple[str, float, float]]] = {
        "Bannu": ("Khyber Pakhtunkhwa", 32.99, 70.60), "Quetta": ("Balochistan", 30.18, 66.99)}

    def __init__(self, explode_on: str | None = None) -> None:
        self.explode_on = explode_on

    def extract(self, d: Document) -> list[Mention]:
        if self.explode_on and self.explode_on in d.text:
            raise ValueError("cannot parse this one")
        out = []
        for town, (admin1, lat, lon) in self.towns.items():
            if town in d.text:
                dead = int(d.text.split("killed ")[1].split()[0].strip(".,")) if "killed " in d.text else None
                out.append(Mention(
                    doc_id=d.doc_id, content_hash=d.content_hash, index=len(out), published_at=d.published_at,
                    event_date=date(2024, 3, 4), date_precision="day", event_type="Battles",
                    sub_event_type="Armed clash", actor1="TTP: Tehreek-e-Taliban Pakistan",
                    actor2="Police Forces of Pakistan", country="Pakistan", admin1=admin1, location=town,
                    latitude=lat, longitude=lon, geo_precision=1, fatalities=dead,
                    claims=(Claim(kind="casualties", claimant="police", fatalities=dead),),
                    evidence=(Evidence("event_type", d.text, 0, len(d.text)),)))
        return out


@pytest.fixture
def store(database_url: str):
    s = Store(database_url)
    yield s
    s.close()


def test_schema_has_every_table(store: Store) -> None:
    assert set(dbmod.table_names(store.engine)) >= TABLES
    assert dbmod.current_revision(store.engine) == dbmod.head_revision(store.engine)


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path}/x.db") as s, s.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Store(f"sqlite:///{tmp_path}/no/such/folder/x.db")


def test_bare_path_means_sqlite(tmp_path: Path) -> None:
    with Store(str(tmp_path / "plain.db")) as s:
        assert s.url.startswith("sqlite:///")
        assert (tmp_path / "plain.db").exists()


def test_ingest_is_idempotent_and_keeps_aliases(store: Store) -> None:
    docs = [doc("a", "Militants killed 3 police in Bannu."), doc("b", "Quiet day in Lahore.")]
    first = ingest(store, docs)
    assert (first.new, first.duplicates) == (2, 0)
    again = ingest(store, [*docs, doc("a-mirror", "Militants killed 3 police in Bannu.")])
    assert (again.new, again.duplicates) == (0, 3)
    assert store.counts()["documents"] == 2
    assert store.document("a-mirror").doc_id == "a"


def test_failures_are_recorded_and_batch_goes_on(store: Store) -> None:
    bad = InputError("line is not JSON", path="feed.jsonl", line=7, reason="malformed_json")
    result = ingest(store, [doc("a", "Militants killed 3 police in Bannu."), bad, doc("b", "More text.")])
    assert (result.new, result.failed) == (2, 1)
    [failure] = store.failures(result.run_id)
    assert (failure.origin, failure.line, failure.reason) == ("feed.jsonl", 7, "malformed_json")
    assert "feed.jsonl:7" in failure.message


def test_run_links_reports_of_one_event_and_is_repeatable(store: Store) -> None:
    ingest(store, [doc("a", "Militants killed 3 police in Bannu.", 5),
                   doc("b", "Attack in Bannu: killed 4 policemen, officials said.", 6),
                   doc("c", "Separate clash near Quetta, killed 2.", 5)])
    res = run_pending(store, KeywordExtractor())
    assert (res.documents, res.mentions, res.new_events) == (3, 3, 2)
    events = store.events()
    assert len(events) == 2
    bannu = next(e for e in events if e.location == "Bannu")
    assert len(bannu.sources) == 2
    assert (bannu.fatalities, bannu.fatalities_low, bannu.fatalities_high) == (4, 3, 4)  # latest day's figure
    assert {c.doc_id for c in bannu.claims} == {"a", "b"}
    again = run_pending(store, KeywordExtractor())
    assert (again.documents, again.mentions) == (0, 0)
    assert len(store.events()) == 2


def test_event_ids_are_stable_across_databases(tmp_path: Path) -> None:
    ids = []
    for name in ("one", "two"):
        with Store(f"sqlite:///{tmp_path}/{name}.db") as s:
            ingest(s, [doc("a", "Militants killed 3 police in Bannu.")])
            run_pending(s, KeywordExtractor())
            ids.append([e.event_id for e in s.events()])
    assert ids[0] == ids[1]


def test_filters(store: Store) -> None:
    ingest(store, [doc("a", "Militants killed 3 police in Bannu."), doc("c", "Clash near Quetta, killed 2.")])
    run_pending(store, KeywordExtractor())
    assert [e.location for e in store.events(EventFilter(admin1="balochistan"))] == ["Quetta"]
    assert len(store.events(EventFilter(actor="TTP"))) == 2
    assert store.events(EventFilter(date_from=date(2024, 3, 5))) == []
    assert len(store.events(EventFilter(country="Pakistan", event_type="Battles"))) == 2


def test_extraction_failure_marks_document_and_goes_on(store: Store) -> None:
    ingest(store, [doc("a", "Militants killed 3 police in Bannu."), doc("bad", "Bannu poison pill")])
    res = run_pending(store, KeywordExtractor(explode_on="poison"))
    assert res.failed == 1 and res.documents == 2
    assert store.counts()["failed_documents"] == 1
    assert any(f.stage == "extract" and "poison" not in f.message and "bad" in f.message
               for f in store.failures())


def test_interrupted_run_is_completed_by_the_next(store: Store) -> None:
    ingest(store, [doc(f"d{i}", f"Militants killed {i} police in Bannu.", 5) for i in range(1, 8)])

    class Interrupting(KeywordExtractor):
        calls = 0

        def extract(self, d: Document) -> list[Mention]:
            Interrupting.calls += 1
            if Interrupting.calls == 5:
                raise KeyboardInterrupt
            return super().extract(d)

    with pytest.raises(KeyboardInterrupt):
        run_pending(store, Interrupting(), batch_size=2)
    done = store.counts()
    assert done["pending"] == 3 and done["mentions"] == 4
    res = run_pending(store, KeywordExtractor())
    assert res.documents == 3
    counts = store.counts()
    assert counts["pending"] == 0 and counts["mentions"] == 7
    assert len(store.events()) == 1


def test_event_detail_and_missing_event(store: Store) -> None:
    ingest(store, [doc("a", "Militants killed 3 police in Bannu.")])
    run_pending(store, KeywordExtractor())
    [event] = store.events()
    found, mentions = store.event(event.event_id)
    assert found.event_id == event.event_id and len(mentions) == 1
    assert mentions[0][1].evidence_text.startswith("Militants")
    with pytest.raises(NotFound):
        store.event("ev-nope")


def test_imported_events_are_keyed_by_dataset_id(store: Store) -> None:
    from sitrep.domain import Event

    def acled(fatalities: int) -> Event:
        return Event(event_date=date(2023, 5, 1), date_precision="day", event_type="Battles",
                     sub_event_type="Armed clash", actor1="BLA: Baloch Liberation Army", country="Pakistan",
                     admin1="Balochistan", fatalities=fatalities, origin="imported", dataset="acled",
                     external_id="PAK1234", raw={"notes": "coded by hand"}, evidence="coded by hand")

    assert store.save_imported([acled(2)]) == (1, 0)
    assert store.save_imported([acled(3)]) == (0, 1)
    [event] = store.events()
    assert (event.origin, event.dataset, event.external_id, event.fatalities) == ("imported", "acled", "PAK1234", 3)
    assert event.raw == {"notes": "coded by hand"}


def test_merge_split_undo_are_audited_and_kept(store: Store) -> None:
    ingest(store, [doc("a", "Militants killed 3 police in Bannu.", 5),
                   doc("c", "Separate clash near Quetta, killed 2.", 5)])
    run_pending(store, KeywordExtractor())
    bannu, quetta = sorted(store.events(), key=lambda e: e.location or "")
    kept, merge_edit = store.merge([bannu.event_id, quetta.event_id], "analyst", note="one raid")
    assert kept == bannu.event_id
    [merged] = store.events()
    assert len(merged.sources) == 2
    # a later automatic run leaves the person's decision alone
    ingest(store, [doc("d", "Another report: killed 3 in Bannu.", 6)])
    run_pending(store, KeywordExtractor())
    _, mentions = store.event(kept)
    assert sorted(m.doc_id for _, m in mentions) == ["a", "c"]
    quetta_mention = next(mid for mid, m in mentions if m.doc_id == "c")
    new_id, split_edit = store.split(kept, [quetta_mention], "analyst")
    assert [m.doc_id for _, m in store.event(new_id)[1]] == ["c"]
    store.undo(split_edit, "analyst")
    assert new_id not in {e.event_id for e in store.events()}
    assert len(store.event(kept)[1]) == 2
    store.undo(merge_edit, "analyst")
    assert [m.doc_id for _, m in store.event(bannu.event_id)[1]] == ["a"]
    assert [m.doc_id for _, m in store.event(quetta.event_id)[1]] == ["c"]
    actions = [(e.action, e.user) for e in store.edits()]
    assert actions == [("merge", "analyst"), ("split", "analyst"), ("undo", "analyst"), ("undo", "analyst")]
    assert store.edits(kept)[0].note == "one raid"
    with pytest.raises(ValueError, match="already undone"):
        store.undo(merge_edit, "analyst")
    with pytest.raises(ValueError):
        store.merge([bannu.event_id], "analyst")
