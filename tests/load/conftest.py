"""Fixtures for tests that run a real gunicorn: started on the test's database, always stopped afterwards."""

from __future__ import annotations

import pytest

from tests.load.server import GunicornServer


@pytest.fixture
def gunicorn(tmp_path):
    """start(app, workers=3) -> a running GunicornServer on the app's database; stopped after the test."""
    servers: list[GunicornServer] = []

    def start(app, workers: int = 3, **env) -> GunicornServer:
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        server = GunicornServer(url, tmp_path / f"gunicorn{len(servers)}.log", workers, env)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
        print(f"---- {server.log_path.name} (last lines) ----\n" + "\n".join(server.log().splitlines()[-40:]))


@pytest.fixture
def serve_workload(make_app, gunicorn):
    """serve_workload(workload) -> (app, server): a clean database prepared for the workload, gunicorn on it."""

    def serve(workload, workers: int = 3):
        app = make_app()
        workload.prepare(app)
        return app, gunicorn(app, workers=workers)

    return serve
