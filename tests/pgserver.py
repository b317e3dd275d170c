"""A throw-away PostgreSQL server for the test suite, started from the installed binaries.

The server lives in a temporary folder, listens on a free TCP port on 127.0.0.1 only, trusts local
connections and runs with durability switched off: the data dies with the test session anyway.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import logging
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

REQUIRE_ENV = "SITREP_REQUIRE_POSTGRES"
DEFAULT_ROOTS: tuple[str, ...] = ("/usr/lib/postgresql",)
SERVER_USER = "postgres"
SUPERUSER = "postgres"
SPEED_OPTIONS: tuple[str, ...] = (
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
)
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


class PgUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


@dataclass(frozen=True, slots=True)
class PgBinaries:
    initdb: Path
    pg_ctl: Path
    origin: str  # "PATH" or the folder the binaries were found in


def _version_key(name: str) -> tuple[int, ...]:
    parts = name.split(".")
    if not all(part.isdigit() for part in parts):
        return (-1,)
    return tuple(int(part) for part in parts)


def find_binaries(path: str | None = None, roots: Sequence[str | Path] | None = None) -> PgBinaries | None:
    """Find `initdb` and `pg_ctl`: on PATH first, then in `<root>/<version>/bin`, highest version first.

    `path` defaults to the PATH environment variable and `roots` to DEFAULT_ROOTS; both can be
    given so the search can be tested against fake folders.
    """
    search_path = os.environ.get("PATH", "") if path is None else path
    roots = DEFAULT_ROOTS if roots is None else roots
    initdb = shutil.which("initdb", path=search_path)
    pg_ctl = shutil.which("pg_ctl", path=search_path)
    if initdb and pg_ctl:
        return PgBinaries(Path(initdb), Path(pg_ctl), "PATH")
    candidates: list[Path] = []
    for root in roots:
        candidates.extend(Path(p) for p in glob.glob(os.path.join(glob.escape(str(root)), "*", "bin")))
    # Debian keeps one folder per major version side by side; the newest one is the one to use.
    candidates.sort(key=lambda bindir: _version_key(bindir.parent.name), reverse=True)
    for bindir in candidates:
        initdb_path, pg_ctl_path = bindir / "initdb", bindir / "pg_ctl"
        if all(p.is_file() and os.access(p, os.X_OK) for p in (initdb_path, pg_ctl_path)):
            return PgBinaries(initdb_path, pg_ctl_path, str(bindir))
    return None


def describe_search(path: str | None = None, roots: Sequence[str | Path] | None = None) -> str:
    search_path = os.environ.get("PATH", "") if path is None else path
    roots = DEFAULT_ROOTS if roots is None else roots
    places = ", ".join(f"{root}/*/bin" for root in roots)
    return f"searched PATH={search_path!r} and {places}"


def requirement_action(env: Mapping[str, str]) -> Literal["skip", "fail"]:
    """What to do when PostgreSQL is unavailable.

    CI sets SITREP_REQUIRE_POSTGRES=1 so that a missing server can never turn into a quiet skip.
    """
    value = env.get(REQUIRE_ENV, "").strip().lower()
    return "fail" if value in _TRUE_WORDS else "skip"


def unavailability(
    binaries: PgBinaries | None, search: str, euid: int, server_user: str = SERVER_USER
) -> str | None:
    """Why the server cannot be started, or None when it can."""
    if binaries is None:
        return f"no PostgreSQL binaries (initdb/pg_ctl) found: {search}"
    if euid == 0 and not user_exists(server_user):
        return (
            f"running as root and there is no {server_user!r} user to run PostgreSQL as "
            "(PostgreSQL refuses to run as root; installing the postgresql package creates the user)"
        )
    return None


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _runuser() -> str:
    # sbin folders are often missing from PATH (cron, minimal CI shells) though runuser lives there.
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    found = shutil.which("runuser", path=search)
    if found is None:
        raise PgUnavailable("running as root but `runuser` (util-linux) is not installed")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in a temporary folder. `start()` and `stop()` are idempotent."""

    def __init__(self, binaries: PgBinaries, host: str = "127.0.0.1", server_user: str = SERVER_USER):
        self.binaries = binaries
        self.host = host
        self.server_user = server_user
        self.as_root = os.geteuid() == 0
        self.root: Path | None = None
        self.port: int | None = None
        self._running = False

    @property
    def datadir(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        assert self.root is not None
        return self.root / "server.log"

    def url(self, dbname: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{SUPERUSER}@{self.host}:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> str:
        return f"host={self.host} port={self.port} user={SUPERUSER} dbname={dbname} connect_timeout=10"

    # -- life cycle ------------------------------------------------------------------------------------

    def start(self, attempts: int = 3) -> None:
        if self._running:
            return
        self.root = self._make_root()
        atexit.register(self.stop)
        try:
            self._run([str(self.binaries.initdb), "-D", str(self.datadir), "-U", SUPERUSER, "-A", "trust",
                       "-E", "UTF8", "--locale=C", "--no-sync"])
            last_error: PgUnavailable | None = None
            # Another process can take the port between probing and binding; a new port fixes that.
            for _ in range(attempts):
                self.port = free_port(self.host)
                try:
                    self._pg_ctl_start()
                except PgUnavailable as exc:
                    last_error = exc
                    if "already in use" in str(exc):
                        continue
                    raise
                self._running = True
                return
            assert last_error is not None
            raise last_error
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self.root is None:
            return
        if self._running or self.datadir.joinpath("postmaster.pid").exists():
            with contextlib.suppress(PgUnavailable):
                self._run([str(self.binaries.pg_ctl), "-D", str(self.datadir), "-m", "immediate", "-w",
                           "stop"])
        self._running = False
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def _pg_ctl_start(self) -> None:
        options = ["-p", str(self.port), "-h", self.host, "-k", str(self.root), *SPEED_OPTIONS]
        # pg_ctl hands -o to a shell, so every piece is quoted.
        command = [str(self.binaries.pg_ctl), "-D", str(self.datadir), "-l", str(self.logfile), "-w",
                   "-t", "60", "-o", shlex.join(options), "start"]
        started = time.monotonic()
        self._run(command)
        log.info("PostgreSQL on %s:%s started in %.2f s", self.host, self.port, time.monotonic() - started)

    def _make_root(self) -> Path:
        # /tmp is the fallback for a TMPDIR inside a folder only root can enter.
        bases = list(dict.fromkeys([tempfile.gettempdir(), "/tmp"]))
        for base in bases:
            root = Path(tempfile.mkdtemp(prefix="sitrep-pg-", dir=base))
            if not self.as_root:
                return root
            entry = pwd.getpwnam(self.server_user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
            # A TMPDIR under a root-only folder cannot be entered by the server user even after chown.
            check = subprocess.run(self._wrap(["test", "-w", str(root)]), check=False, capture_output=True)
            if check.returncode == 0:
                return root
            shutil.rmtree(root, ignore_errors=True)
        raise PgUnavailable(f"no temporary folder that user {self.server_user!r} can write to ({bases})")

    def _wrap(self, command: list[str]) -> list[str]:
        # PostgreSQL refuses to run as root, so root hands the work to the unprivileged server user.
        if not self.as_root:
            return command
        return [_runuser(), "-u", self.server_user, "--", *command]

    def _run(self, command: list[str]) -> None:
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        # The caller's working folder may be closed to the server user; the cluster folder never is.
        result = subprocess.run(self._wrap(command), cwd=self.root, env=env, capture_output=True, text=True,
                                check=False, timeout=120)
        if result.returncode != 0:
            raise PgUnavailable(
                f"{shlex.join(command)} failed with exit code {result.returncode}\n"
                f"{result.stdout}{result.stderr}{self._log_tail()}"
            )

    def _log_tail(self, lines: int = 30) -> str:
        if self.root is None or not self.logfile.exists():
            return ""
        text = self.logfile.read_text(errors="replace").splitlines()[-lines:]
        return "\nserver log:\n" + "\n".join(text)

    # -- databases -------------------------------------------------------------------------------------

    def create_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            # FORCE ends connections a test left open (a pooled engine that was never disposed).
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    @contextlib.contextmanager
    def fresh_database(self) -> Iterator[str]:
        """An empty database with a unique name, dropped afterwards; yields its SQLAlchemy URL."""
        name = f"t_{uuid.uuid4().hex}"
        self.create_database(name)
        try:
            yield self.url(name)
        finally:
            self.drop_database(name)
