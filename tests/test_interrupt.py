"""Killing `sitrep ingest` or `sitrep run` mid-way leaves a database that the next run completes."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TOWNS = ["Bannu", "Quetta", "Peshawar", "Turbat", "Lakki Marwat", "Khuzdar", "Tank district", "Mastung"]


def corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            town = TOWNS[i % len(TOWNS)]
            text = (f"Gunmen attacked a police checkpoint in {town} on Sunday, killing {i % 9 + 1} policemen "
                    f"and wounding {i % 5} others, officials said. Report number {i}.")
            fh.write(json.dumps({"id": f"d{i}", "text": text, "published_at": "2024-03-05T08:00:00Z"}) + "\n")


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitrep", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def kill_after(proc: subprocess.Popen, seconds: float, sig: int) -> bool:
    """Send ``sig`` after ``seconds``; True when the process was still running (really interrupted)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return True


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            "documents": conn.execute("select count(*) from documents").fetchone()[0],
            "pending": conn.execute("select count(*) from documents where status='pending'").fetchone()[0],
            "dup_mentions": conn.execute("select count(*) from (select document_id, idx from mentions "
                                         "group by document_id, idx having count(*) > 1)").fetchone()[0],
            "unlinked": conn.execute("select count(*) from mentions m left join event_mentions em "
                                     "on em.mention_id = m.id where em.mention_id is null").fetchone()[0],
            "extracted_without_mentions": conn.execute(
                "select count(*) from documents d where status='extracted' and not exists "
                "(select 1 from mentions m where m.document_id = d.id)").fetchone()[0],
        }


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_ingest_and_run_are_completed(tmp_path: Path, sig: int) -> None:
    n = 6000
    src = tmp_path / "docs.jsonl"
    corpus(src, n)
    db = tmp_path / "s.db"
    assert kill_after(start("ingest", str(src), "--db", str(db)), 1.5, sig), "ingest ended before the signal"
    if db.exists():
        assert counts(db)["documents"] < n
    done = subprocess.run([sys.executable, "-m", "sitrep", "ingest", str(src), "--db", str(db)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert counts(db)["documents"] == n

    assert kill_after(start("run", "--db", str(db)), 3.0, sig), "run ended before the signal"
    after_kill = counts(db)
    assert after_kill["dup_mentions"] == 0 and after_kill["extracted_without_mentions"] == 0
    finished = subprocess.run([sys.executable, "-m", "sitrep", "run", "--db", str(db)], capture_output=True,
                              text=True, timeout=600, check=False)
    assert finished.returncode == 0, finished.stderr
    final = counts(db)
    assert final == {"documents": n, "pending": 0, "dup_mentions": 0, "unlinked": 0,
                     "extracted_without_mentions": 0}
