"""CPU time per request in-process (Flask's test client, no server, no network): what each page costs the app
itself, a figure that other processes on a shared machine do not move much (process time, median of many)."""

from __future__ import annotations

import statistics
import time

from bench.generate import bench_app
from bench.query_counts import signed_in_client

REQUESTS = 40


def cpu_ms(client, path: str, requests: int = REQUESTS) -> float:
    """Median CPU milliseconds of GET `path`, after a few untimed requests."""
    for _ in range(3):
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    times = []
    for _ in range(requests):
        started = time.process_time()
        client.get(path)
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def pages_cpu_ms(database_url: str, pages: list[tuple[str, str | None, str]], **config) -> dict[str, float]:
    """name -> CPU ms per request, for (name, username or None, path) on the database (app config overrides)."""
    app = bench_app(database_url, **config)
    clients: dict[str | None, object] = {}
    result = {}
    for name, username, path in pages:
        if username not in clients:
            clients[username] = signed_in_client(app, username) if username else app.test_client()
        result[name] = round(cpu_ms(clients[username], path), 2)
    return result
