"""SQLite in WAL mode with a busy timeout: readers never block the writer, a second writer waits its turn."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from crosscheck.accounts.models import LoginFailure, User
from crosscheck.database import configure_engine
from crosscheck.extensions import db
from tests.conftest import Builders, post_form
from tests.databases import ENGINE_NAME

sqlite_only = pytest.mark.skipif(ENGINE_NAME != "sqlite", reason="SQLite's locking; PostgreSQL has row locks")


def sqlite_path(app) -> str:
    """The file behind the app's SQLite database."""
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database


def sign_up(client, join_code: str, username: str):
    """A student signs up with a class's join code (one write transaction)."""
    data = {"join_code": join_code, "username": username, "display_name": username.title()}
    return post_form(client, "/signup", {**data, "password": "long-enough-pw", "confirm": "long-enough-pw"})


@sqlite_only
def test_every_connection_uses_wal_a_busy_timeout_and_foreign_keys(app):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == app.config["SQLITE_BUSY_TIMEOUT_MS"]
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.skipif(ENGINE_NAME != "postgresql", reason="PostgreSQL's JIT")
def test_every_postgresql_connection_runs_without_jit(app):
    with db.engine.connect() as conn:
        assert conn.execute(text("SHOW jit")).scalar() == "off"
    assert db.session.execute(text("SHOW jit")).scalar() == "off"


@sqlite_only
def test_a_long_read_does_not_block_a_write(make_app):
    app = make_app(SQLITE_BUSY_TIMEOUT_MS=3000)
    with app.app_context():
        join_code = Builders().classroom().join_code
        client = app.test_client()
        client.get("/signup")  # the session and CSRF token exist before the read starts
    reader = sqlite3.connect(sqlite_path(app), isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM user").fetchone()  # holds a read snapshot until the end
    try:
        response = sign_up(client, join_code, "writer")
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    # Without WAL the commit would wait for the reader until the busy timeout, then fail with a 500.
    assert response.status_code == 302


def _hold_write_lock(path: str, locked: threading.Event, release: threading.Event, at_most: float) -> None:
    """Another process's writer: take the write lock, keep it until `release` (or `at_most` seconds), commit."""
    other = sqlite3.connect(path, isolation_level=None, timeout=5)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO login_failure (username, remote_addr, at) VALUES ('x', 'y', '2026-01-01')")
    locked.set()
    release.wait(at_most)
    other.execute("COMMIT")
    other.close()


@sqlite_only
@pytest.mark.parametrize(("busy_ms", "expected"), [(5000, 302), (0, 500)], ids=["busy-timeout", "no-timeout"])
def test_a_second_writer_waits_for_the_first(make_app, busy_ms, expected):
    app = make_app(SQLITE_BUSY_TIMEOUT_MS=busy_ms)
    with app.app_context():
        join_code = Builders().classroom().join_code
    client = app.test_client()
    client.get("/signup")  # the session and CSRF token exist before the lock is taken
    locked, release = threading.Event(), threading.Event()
    # With a timeout the other writer commits after half a second; without one it holds on until we answered.
    hold = 0.5 if busy_ms else 30
    holder = threading.Thread(target=_hold_write_lock, args=(sqlite_path(app), locked, release, hold))
    holder.start()
    locked.wait(5)
    response = sign_up(client, join_code, "waiter")
    release.set()
    holder.join()
    assert response.status_code == expected  # without the timeout SQLite says "database is locked" at once


@sqlite_only
def test_writers_in_parallel_lose_nothing(make_app):
    app = make_app()
    workers, each = 6, 40
    errors: list[Exception] = []

    def write(n: int) -> None:
        engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])  # its own engine, like another process
        configure_engine(app, engine)
        try:
            for i in range(each):
                with engine.begin() as conn:
                    conn.execute(insert(LoginFailure).values(username=f"w{n}-{i}", remote_addr="127.0.0.1"))
        except Exception as exc:  # collected and shown by the assertion below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LoginFailure)) == workers * each
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
