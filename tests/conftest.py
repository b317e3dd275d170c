"""Shared fixtures: a real PostgreSQL server, per-test databases on SQLite and PostgreSQL, a local HTTP server,
data paths."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import pgserver
from localhttp import LocalServer

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA_ENV = "SITREP_SHARED_DATA"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 with the routes a test sets."""
    srv = LocalServer()
    try:
        yield srv
    finally:
        srv.close()


def _unavailable(reason: str) -> None:
    if pgserver.requirement_action(os.environ) == "fail":
        pytest.fail(f"{reason} ({pgserver.REQUIRE_ENV} is set, so PostgreSQL tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.PgServer]:
    """A PostgreSQL server for the whole session, started from the installed binaries."""
    binaries = pgserver.find_binaries()
    reason = pgserver.unavailability(binaries, pgserver.describe_search(), os.geteuid())
    if reason is None:
        try:
            import psycopg  # noqa: F401 - the driver every PostgreSQL URL below names
        except ImportError as exc:
            reason = f"psycopg is not installed: {exc}"
    if reason is not None or binaries is None:
        _unavailable(reason or "no PostgreSQL binaries")
        return
    server = pgserver.PgServer(binaries)
    started = time.monotonic()
    try:
        server.start()
    except pgserver.PgUnavailable as exc:
        # Binaries are here but the server would not come up: that is a broken set-up, never a skip.
        pytest.fail(f"PostgreSQL from {binaries.origin} did not start: {exc}", pytrace=False)
    try:
        server.create_database("sitrep_test")
        print(f"\nPostgreSQL ({binaries.origin}) ready on port {server.port} "
              f"in {time.monotonic() - started:.2f} s")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(pg_server: pgserver.PgServer) -> str:
    """SQLAlchemy URL of the session's `sitrep_test` database (shared by all tests that use it)."""
    return pg_server.url("sitrep_test")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database for one test: a SQLite file, or a fresh PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/sitrep.db"
        return
    # Looked up lazily so SQLite-only runs never start the server.
    server: pgserver.PgServer = request.getfixturevalue("pg_server")
    with server.fresh_database() as url:
        yield url


@pytest.fixture(scope="session")
def sample_docs_path() -> Iterator[Path]:
    """The sample corpus bundled with the package (one JSON document per line)."""
    resource = resources.files("sitrep").joinpath("data/sample/reports.jsonl")
    with resources.as_file(resource) as path:
        if not path.is_file():
            pytest.fail(f"bundled sample corpus is missing: {path}", pytrace=False)
        yield path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The human-coded reference data beside the repository (or where SITREP_SHARED_DATA points)."""
    configured = os.environ.get(SHARED_DATA_ENV)
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        how = f"{SHARED_DATA_ENV}={configured}" if configured else f"{SHARED_DATA_ENV} is not set"
        pytest.skip(f"shared reference data not found at {path} ({how})")
    return path
