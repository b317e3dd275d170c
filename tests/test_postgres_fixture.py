"""The PostgreSQL test server and the rules for when its absence skips or fails the suite."""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import pgserver

# -- the live server -----------------------------------------------------------------------------------


@pytest.mark.postgres
def test_server_answers_version(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert postgres_url.endswith("/sitrep_test")
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            version = conn.execute(sa.text("select version()")).scalar_one()
            database = conn.execute(sa.text("select current_database()")).scalar_one()
            fsync = conn.execute(sa.text("show fsync")).scalar_one()
    finally:
        engine.dispose()
    assert version.startswith("PostgreSQL ")
    assert database == "sitrep_test"
    assert fsync == "off"


@pytest.mark.postgres
def test_server_listens_on_loopback_only(pg_server: pgserver.PgServer) -> None:
    engine = sa.create_engine(pg_server.url("postgres"))
    try:
        with engine.connect() as conn:
            listen = conn.execute(sa.text("show listen_addresses")).scalar_one()
    finally:
        engine.dispose()
    assert listen == "127.0.0.1"


@pytest.mark.postgres
def test_server_does_not_run_as_root(pg_server: pgserver.PgServer) -> None:
    owner = (pg_server.datadir / "postmaster.pid").stat().st_uid
    if os.geteuid() == 0:
        assert owner == pwd.getpwnam(pgserver.SERVER_USER).pw_uid
    else:
        assert owner == os.geteuid()


_seen_databases: list[str] = []


def _database_state(url: str) -> tuple[str, list[str]]:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                name = conn.execute(sa.text("select current_database()")).scalar_one()
            else:
                name = conn.engine.url.database or ""
            tables = list(sa.inspect(conn).get_table_names())
            # Leave something behind: the next test must not see it.
            conn.execute(sa.text("create table leftover (x integer)"))
    finally:
        engine.dispose()
    return name, tables


@pytest.mark.parametrize("turn", [1, 2])
def test_each_test_gets_its_own_empty_database(database_url: str, turn: int) -> None:
    name, tables = _database_state(database_url)
    assert tables == [], f"database {name} of turn {turn} is not empty: {tables}"
    if database_url.startswith("postgresql"):
        assert name.startswith("t_")
        assert name not in _seen_databases
        _seen_databases.append(name)


@pytest.mark.postgres
def test_fresh_database_is_dropped_afterwards(pg_server: pgserver.PgServer) -> None:
    with pg_server.fresh_database() as url:
        name = url.rsplit("/", 1)[1]
        engine = sa.create_engine(url)
        # The pool keeps this connection open on purpose: dropping the database must still succeed.
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        assert _database_exists(pg_server, name)
    engine.dispose()
    assert not _database_exists(pg_server, name)


def _database_exists(server: pgserver.PgServer, name: str) -> bool:
    engine = sa.create_engine(server.url("postgres"))
    try:
        with engine.connect() as conn:
            query = sa.text("select count(*) from pg_database where datname = :n")
            return conn.execute(query, {"n": name}).scalar_one() == 1
    finally:
        engine.dispose()


# -- finding binaries and deciding skip versus fail -----------------------------------------------------


def _fake_bin(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        exe = folder / name
        exe.write_text("#!/bin/sh\nexit 0\n")
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def test_find_binaries_prefers_path(tmp_path: Path) -> None:
    _fake_bin(tmp_path / "onpath", "initdb", "pg_ctl")
    _fake_bin(tmp_path / "lib" / "16" / "bin", "initdb", "pg_ctl")
    found = pgserver.find_binaries(path=str(tmp_path / "onpath"), roots=[tmp_path / "lib"])
    assert found is not None
    assert found.origin == "PATH"
    assert found.initdb == tmp_path / "onpath" / "initdb"


def test_find_binaries_takes_highest_complete_version(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    _fake_bin(lib / "9.6" / "bin", "initdb", "pg_ctl")
    _fake_bin(lib / "15" / "bin", "initdb", "pg_ctl")
    _fake_bin(lib / "13" / "bin", "initdb", "pg_ctl")
    _fake_bin(lib / "17" / "bin", "initdb")  # half-installed: no pg_ctl
    found = pgserver.find_binaries(path=str(tmp_path / "empty"), roots=[lib])
    assert found is not None
    assert found.pg_ctl == lib / "15" / "bin" / "pg_ctl"


def test_missing_binaries_skip_by_default_and_fail_when_required(tmp_path: Path) -> None:
    # The situation `PATH=/usr/bin:/bin` creates on a machine without the server package.
    search = pgserver.describe_search(path=str(tmp_path / "bin"), roots=[tmp_path / "lib"])
    found = pgserver.find_binaries(path=str(tmp_path / "bin"), roots=[tmp_path / "lib"])
    assert found is None
    reason = pgserver.unavailability(found, search, euid=1000)
    assert reason is not None
    assert reason.startswith("no PostgreSQL binaries (initdb/pg_ctl) found: ")
    assert str(tmp_path / "lib") in reason
    assert pgserver.requirement_action({}) == "skip"
    assert pgserver.requirement_action({"SITREP_REQUIRE_POSTGRES": "0"}) == "skip"
    assert pgserver.requirement_action({"SITREP_REQUIRE_POSTGRES": ""}) == "skip"
    assert pgserver.requirement_action({"SITREP_REQUIRE_POSTGRES": "1"}) == "fail"
    assert pgserver.requirement_action({"SITREP_REQUIRE_POSTGRES": "true"}) == "fail"


def test_root_without_server_user_is_unavailable(tmp_path: Path) -> None:
    _fake_bin(tmp_path / "bin", "initdb", "pg_ctl")
    found = pgserver.find_binaries(path=str(tmp_path / "bin"), roots=[])
    assert found is not None
    reason = pgserver.unavailability(found, "", euid=0, server_user="no-such-user-for-sitrep")
    assert reason is not None
    assert "root" in reason
    assert pgserver.unavailability(found, "", euid=1000, server_user="no-such-user-for-sitrep") is None


def _run_suite_without_binaries(tmp_path: Path, require: str | None) -> subprocess.CompletedProcess[str]:
    """Run a one-test suite through the real conftest on a machine that seems to have no PostgreSQL."""
    tests_dir = Path(__file__).parent
    empty = tmp_path / "nothing-here"
    empty.mkdir(exist_ok=True)
    suite = tmp_path / f"suite-{require}"
    suite.mkdir()
    # The real conftest, told to search only an empty folder instead of /usr/lib/postgresql.
    conftest = (tests_dir / "conftest.py").read_text()
    (suite / "conftest.py").write_text(f"{conftest}\n\npgserver.DEFAULT_ROOTS = ({str(empty)!r},)\n")
    (suite / "test_needs_pg.py").write_text("def test_uses_server(postgres_url):\n    pass\n")
    env = {key: value for key, value in os.environ.items() if key != pgserver.REQUIRE_ENV}
    env.update(PATH=str(empty), PYTHONPATH=str(tests_dir))
    if require is not None:
        env[pgserver.REQUIRE_ENV] = require
    command = [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", "--rootdir", str(suite), str(suite)]
    return subprocess.run(command, cwd=suite, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_fixture_skips_without_binaries_and_fails_when_required(tmp_path: Path) -> None:
    """End to end, through the conftest: skip by default, an error once SITREP_REQUIRE_POSTGRES=1."""
    skipped = _run_suite_without_binaries(tmp_path, require=None)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "1 skipped" in skipped.stdout
    assert "no PostgreSQL binaries (initdb/pg_ctl) found: searched PATH=" in skipped.stdout

    failed = _run_suite_without_binaries(tmp_path, require="1")
    assert failed.returncode != 0, failed.stdout + failed.stderr
    assert "1 error" in failed.stdout
    assert "no PostgreSQL binaries (initdb/pg_ctl) found" in failed.stdout
    assert "SITREP_REQUIRE_POSTGRES is set" in failed.stdout
