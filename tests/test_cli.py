"""The command line as a user meets it: real processes, real files, a real database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep import __version__
from sitrep.domain import FIELD_NAMES

CONTRACT = {"doc_id", *FIELD_NAMES, "claims", "evidence"}
COMMANDS = ["ingest", "run", "events", "events show", "events merge", "events split", "events undo",
            "events history", "extract", "evaluate", "demo", "db upgrade", "geocode", "gazetteer build"]


def sitrep(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env=env, check=False)


REPORT = ("PESHAWAR, March 4 - Militants attacked a police checkpoint in Bannu district of Khyber Pakhtunkhwa "
          "on Sunday, killing three policemen and wounding two others, officials said.")


def test_version() -> None:
    result = sitrep("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"sitrep {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = sitrep(*command.split(), "--help")
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout


def test_bad_inputs_in_one_batch(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(REPORT, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "latin.txt").write_bytes(b"Gunmen killed two men \xff\xfe\xfa in Quetta.")
    lines = [json.dumps({"id": "j1", "text": "Two soldiers were killed in North Waziristan on Monday."}),
             "{not json",
             json.dumps({"id": "j3", "text": "A grenade attack in Quetta wounded four people."})]
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "table.csv").write_text("id,body_text\n1,hello\n", encoding="utf-8")
    db = tmp_path / "s.db"
    first = sitrep("ingest", str(src), "--db", str(db))
    assert first.returncode == 4, first.stdout + first.stderr
    for fragment in ("empty.txt", "latin.txt", "feed.jsonl:2", "table.csv"):
        assert fragment in first.stderr
    assert "3 new document(s)" in first.stdout
    second = sitrep("ingest", str(src), "--db", str(db))
    assert "0 new document(s), 3 already stored" in second.stdout
    run = sitrep("run", "--db", str(db))
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in sitrep("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert events and all(e["evidence"] and e["sources"] for e in events)


def test_database_in_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    result = sitrep("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "nope" / "x.db"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_extract_prints_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": REPORT, "published_at": "2024-03-05T08:00:00Z"}) + "\n",
                    encoding="utf-8")
    result = sitrep("extract", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "one event expected"
    assert set(rows[0]) >= CONTRACT
    assert rows[0]["doc_id"] == "r1"
    assert rows[0]["fatalities"] == 3 and rows[0]["wounded"] == 2
    assert rows[0]["event_date"] == "2024-03-03"
    assert not (tmp_path / "sitrep.db").exists()


def test_extract_table_and_published_option(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = sitrep("extract", str(path), "--published", "2024-03-05", "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "Bannu" in result.stdout


def test_events_formats(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": REPORT, "published_at": "2024-03-05T08:00:00Z",
                                "url": "https://example.org/r1", "outlet": "Example"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert sitrep("ingest", str(path), "--db", db).returncode == 0
    assert sitrep("run", "--db", db).returncode == 0
    [event] = [json.loads(x) for x in sitrep("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert {"event_id", "sources", *CONTRACT} <= set(event)
    assert event["sources"][0] == {"doc_id": "r1", "url": "https://example.org/r1", "outlet": "Example",
                                   "published_at": "2024-03-05T08:00:00+00:00"}
    csv_out = sitrep("events", "--db", db, "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("event_id,event_date") and len(csv_out) == 2
    geo = json.loads(sitrep("events", "--db", db, "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection"
    assert sitrep("events", "--db", db, "--admin1", "Balochistan", "--format", "jsonl").stdout == ""
    bad = sitrep("events", "--db", db, "--from", "yesterday")
    assert bad.returncode != 0 and "--from" in bad.stderr


def test_db_upgrade(tmp_path: Path) -> None:
    result = sitrep("db", "upgrade", "--db", str(tmp_path / "u.db"))
    assert result.returncode == 0 and "revision 0002" in result.stdout


@pytest.mark.slow
def test_demo_twice_adds_nothing(tmp_path: Path) -> None:
    first = sitrep("demo", "--db", str(tmp_path / "demo.db"))
    assert first.returncode == 0, first.stderr
    assert "Deadliest events" in first.stdout
    db = str(tmp_path / "demo.db")
    events = [json.loads(x) for x in sitrep("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert len(events) >= 25
    assert all(e["evidence"] and e["sources"] and e["sources"][0]["doc_id"] for e in events)
    second = sitrep("demo", "--db", db)
    assert second.returncode == 0
    assert "0 new document(s)" in second.stdout
    again = [json.loads(x) for x in sitrep("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert sorted(e["event_id"] for e in again) == sorted(e["event_id"] for e in events)


def test_geocode_explains_the_winner() -> None:
    result = sitrep("geocode", "militants attacked a check post near Mir Ali, North Waziristan")
    assert result.returncode == 0, result.stderr
    assert "Mir Ali" in result.stdout and "Khyber Pakhtunkhwa" in result.stdout
    assert "why:" in result.stdout and "precision 2" in result.stdout
    reverse = sitrep("geocode", "-", "--latlon", "30.18,66.99")
    assert "Balochistan" in reverse.stdout
    nothing = sitrep("geocode", "a quiet afternoon")
    assert nothing.returncode == 1 and "no place found" in nothing.stdout
