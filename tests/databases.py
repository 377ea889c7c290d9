"""The test databases: SQLite copies by default, or a PostgreSQL server named by TEST_DATABASE_URL.

`make test` runs the suite twice: on SQLite, then with TEST_DATABASE_URL pointing at a throwaway server that
scripts/pg-test-server starts. On PostgreSQL the test database is migrated once per session and every table
is emptied before each test (far faster than migrating again).
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
    """Every table the migrations created except Alembic's own bookkeeping, parents before the tables that refer to them."""
    ordered = inspect(admin_engine(url)).get_sorted_table_and_fkc_names()
    return [name for name, _ in ordered if name is not None and name != "alembic_version"]


def empty_tables(url: str, tables: list[str]) -> None:
    """Empty every table and restart every id sequence a test used; fail rather than wait forever on a lock.

    `tables` comes parents first (data_tables). Only the tables holding rows are emptied, with DELETE, children
    first: a TRUNCATE of all of them makes new files for every table and index, some 70 ms of the server's time
    per test, where a test writes to a handful of tables with a few rows each.
    """
    DATABASE_USE.set()
    probe = " UNION ALL ".join(f'SELECT {i} WHERE EXISTS (SELECT FROM "{name}")' for i, name in enumerate(tables))
    with admin_engine(url).begin() as conn:
        conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        holding = {index for (index,) in conn.execute(text(probe))}
        for index in sorted(holding, reverse=True):
            conn.execute(text(f'DELETE FROM "{tables[index]}"'))
        # A sequence moves on inserts that were rolled back too, so every sequence read since is restarted.
        conn.execute(
            text(
                "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false)"
                " FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
            )
        )


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
