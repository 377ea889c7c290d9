"""A real gunicorn serving the app from gunicorn.conf.py, as docs/deploy.md runs it, on a free port of 127.0.0.1."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from crosscheck.config import PROJECT_ROOT
from tests.load.webclient import WebClient

SECRET = "load-test-secret-key"


def free_port() -> int:
    """A port of 127.0.0.1 nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class GunicornServer:
    """Start, stop or SIGKILL gunicorn (master and workers, one process group) for one database."""

    def __init__(self, database_url: str, log_path: Path, workers: int = 3, env: dict | None = None):
        self.database_url = database_url
        self.log_path = log_path
        self.workers = workers
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.base_url = ""

    def start(self, ready_within: float = 30) -> GunicornServer:
        """Start in production mode and wait until every worker answers."""
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "CROSSCHECK_ENV": "production",
            "SECRET_KEY": SECRET,
            "DATABASE_URL": self.database_url,
            "CROSSCHECK_BIND": f"127.0.0.1:{port}",
            "CROSSCHECK_WORKERS": str(self.workers),
            # Hashing cost is not what these tests measure: scrypt would make 30 sign-ins take seconds of CPU.
            "CROSSCHECK_PASSWORD_HASH": "pbkdf2:sha256:1000",
            **self.extra_env,
        }
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop and kill reach every worker
            )
        self._wait_ready(ready_within)
        return self

    def _wait_ready(self, seconds: float) -> None:
        """Poll the sign-in page until it answers and every worker has booted."""
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                if WebClient(self.base_url).get("/login").status == 200 and self._booted() >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn was not ready within {seconds}s:\n{self.log()}")

    def _booted(self) -> int:
        """Workers booted since the last start."""
        return self.log().rsplit("Starting gunicorn", 1)[-1].count("Booting worker")

    def stop(self) -> None:
        """Shut down gracefully (SIGTERM), as a service manager would."""
        self._signal(signal.SIGTERM, wait=20)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no cleanup, like a power cut to the app."""
        self._signal(signal.SIGKILL, wait=10)

    def _signal(self, signum: int, wait: float) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            return
        try:
            self.process.wait(wait)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def log(self) -> str:
        """Everything gunicorn and the app wrote."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def serving_pids(self) -> set[str]:
        """Worker process ids that answered at least one request (from the access log)."""
        return set(re.findall(r"^\[pid <?(\d+)>?\] ", self.log(), re.M))
