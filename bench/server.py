"""The app under gunicorn for the benchmark: gunicorn.conf.py as deployed, two sync workers, on 127.0.0.1.

The server itself is the one the load tests start (tests/load/server.py): production mode, a free port.
"""

from __future__ import annotations

from pathlib import Path

from tests.load.server import GunicornServer

WORKERS = 2


def start_server(database_url: str, log_path: Path) -> GunicornServer:
    """gunicorn with WORKERS sync workers on the database; returns once every worker answers."""
    log_path.unlink(missing_ok=True)
    return GunicornServer(database_url, log_path, workers=WORKERS).start()


def worker_pids(server: GunicornServer) -> list[int]:
    """The worker processes of the gunicorn master (its children)."""
    master = server.process.pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (VmRSS of /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def workers_rss_mb(server: GunicornServer) -> list[float]:
    """Resident memory of each worker, in MB."""
    return [round(rss_mb(pid), 1) for pid in worker_pids(server)]
