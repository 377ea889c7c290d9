"""The test databases: SQLite copies by default, or a PostgreSQL server named by TEST_DATABASE_URL.

`make test` runs the suite twice: on SQLite, then with TEST_DATABASE_URL pointing at a throwaway server that
scripts/pg-test-server starts. On PostgreSQL the test database is migrated once per session and every table
is emptied before each test (TRUNCATE is far faster than migrating again).
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip() or None
ENGINE_NAME = make_url(TEST_DATABASE_URL).get_backend_name() if TEST_DATABASE_URL else "sqlite"
if ENGINE_NAME not in ("sqlite", "postgresql"):
    raise RuntimeError(f"TEST_DATABASE_URL must name PostgreSQL (postgresql+psycopg://...), not {ENGINE_NAME}")

_engines: dict[str, Engine] = {}

# Set whenever a fixture hands out the pass's database; tests/conftest.py checks the test asked for one.
DATABASE_USE = threading.Event()


def admin_engine(url: str) -> Engine:
    """One small engine per URL for the fixtures' own statements (not the app's)."""
    if url not in _engines:
        _engines[url] = create_engine(url, pool_size=1, max_overflow=2)
    return _engines[url]


def empty_schema(url: str) -> None:
    """Drop everything a previous run left in the PostgreSQL database, so migrations start from nothing."""
    with admin_engine(url).begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


def data_tables(url: str) -> list[str]:
    """Every table the migrations created except Alembic's own bookkeeping."""
    names = inspect(admin_engine(url)).get_table_names()
    return sorted(name for name in names if name != "alembic_version")


def truncate(url: str, tables: list[str]) -> None:
    """Empty every table and restart its ids, in one statement; fail rather than wait forever on a lock."""
    DATABASE_USE.set()
    quoted = ", ".join(f'"{name}"' for name in tables)
    with admin_engine(url).begin() as conn:
        conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


@contextlib.contextmanager
def scratch_postgres_database(url: str):
    """A new, empty PostgreSQL database on the test server for one test; dropped afterwards."""
    DATABASE_USE.set()
    name = f"crosscheck_scratch_{uuid.uuid4().hex[:12]}"
    admin_url = make_url(url).set(database="postgres")
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
