"""A throwaway PostgreSQL server for the district benchmark, started as scripts/pg-test-server starts the tests'.

Same binaries (PG_BINDIR, else the newest /usr/lib/postgresql/*/bin, else initdb on PATH), same initdb (trust,
UTF8, C locale; as the postgres user when run as root), 127.0.0.1 on a free port, its socket in its own
folder. Unlike the tests' server, its data folder is kept (bench/work/postgres/) so a generated district
survives between runs, and it runs with PostgreSQL's durable defaults (fsync on): answering is measured on it.

Nothing a killed run leaves breaks the next one: a folder whose initdb did not finish is made again, a server
still running from an interrupted run is stopped first, and PostgreSQL recovers its own files after a kill.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROLE = "crosscheck"
START_TRIES = 10
READY = "initdb.done"  # written after initdb succeeded: without it the folder is made again
SETTINGS = (
    # Room to load and index 14 M responses without a checkpoint every minute, and to keep them cached.
    "-c shared_buffers=512MB -c maintenance_work_mem=256MB -c max_wal_size=8GB -c checkpoint_timeout=30min "
    "-c max_connections=100"
)


class PostgresMissing(RuntimeError):
    """PostgreSQL is not installed."""


def find_bindir() -> Path:
    """The folder of PostgreSQL's programs, or PostgresMissing with how to install them."""
    if os.environ.get("PG_BINDIR"):
        candidates = [Path(os.environ["PG_BINDIR"])]
    else:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        on_path = shutil.which("initdb")
        candidates = versions[::-1] + ([Path(on_path).resolve().parent] if on_path else [])
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise PostgresMissing(
        "PostgreSQL is not installed (no initdb found): `apt-get install postgresql` (Debian/Ubuntu; the server "
        "need not run, the benchmark starts its own), or set PG_BINDIR to the folder holding initdb and pg_ctl"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a server program; as root, as the postgres user (initdb and the server refuse root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
        kwargs.setdefault("cwd", "/")
    return subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)


@dataclass
class PostgresServer:
    """One server on a kept data folder: start() it, connect with url(database), stop() it."""

    folder: Path
    bindir: Path
    port: int = 0

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def start(self) -> PostgresServer:
        """Make the folder if needed, stop a server left running by an interrupted run, start on a free port."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not (self.folder / READY).exists():
            self._initdb()
        self._pg_ctl("stop", "-m", "fast", "-w")  # left running by a killed run: stop it (an error if none: fine)
        self.port = _free_port()
        options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 {SETTINGS}"
        for _ in range(START_TRIES):  # after a kill, the old server's processes take a moment to go
            done = self._pg_ctl("start", "-w", "-t", "120", "-l", str(self.folder / "server.log"), "-o", options)
            if done.returncode == 0:
                break
            time.sleep(1)
        else:
            raise RuntimeError(f"PostgreSQL did not start:\n{done.stdout}{done.stderr}\n{self.log_tail()}")
        self.psql(
            "postgres",
            f"DO $$BEGIN CREATE ROLE {ROLE} LOGIN PASSWORD '{ROLE}' CREATEDB; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END$$",
        )
        return self

    def _initdb(self) -> None:
        """A new cluster, as scripts/pg-test-server makes one."""
        if self.data.exists():
            self._pg_ctl("stop", "-m", "immediate", "-w")
            shutil.rmtree(self.data)
        os.chmod(self.folder, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        args = [str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
        done = _as_owner([*args, "--locale=C"])
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{done.stdout}{done.stderr}")
        (self.folder / READY).write_text("initdb finished\n")

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        return _as_owner([str(self.bindir / "pg_ctl"), "-D", str(self.data), *args])

    def stop(self) -> None:
        """Stop the server (its data stays)."""
        self._pg_ctl("stop", "-m", "fast", "-w")

    def url(self, database: str, superuser: bool = False) -> str:
        """SQLAlchemy URL of a database on this server (the app's role, or the superuser for loading)."""
        user = "postgres" if superuser else f"{ROLE}:{ROLE}"
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str) -> str:
        """libpq connection string for psycopg as the superuser."""
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def psql(self, database: str, sql: str) -> str:
        """Run SQL with psql as the superuser; its output (unaligned, tuples only)."""
        done = subprocess.run(
            [str(self.bindir / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
             str(self.port), "-U", "postgres", "-d", database, "-c", sql],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {sql[:200]}\n{done.stderr}")
        return done.stdout.strip()

    def databases(self) -> list[str]:
        """Names of the databases other than PostgreSQL's own."""
        names = self.psql("postgres", "SELECT datname FROM pg_database WHERE NOT datistemplate")
        return [n for n in names.splitlines() if n and n != "postgres"]

    def log_tail(self, lines: int = 20) -> str:
        log = self.folder / "server.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""
