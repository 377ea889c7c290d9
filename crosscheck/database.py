"""Engine settings per database: SQLite in WAL mode with a busy timeout, PostgreSQL with connection checks and
without JIT compilation."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url


def is_sqlite(uri: str) -> bool:
    """True when the database URL names SQLite."""
    return make_url(uri).get_backend_name() == "sqlite"


def add_engine_defaults(app: Flask) -> None:
    """Engine options that depend on the database; call before db.init_app."""
    options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    if not is_sqlite(app.config["SQLALCHEMY_DATABASE_URI"]):
        # A pooled connection may have been closed by a database restart; test it before handing it out.
        options.setdefault("pool_pre_ping", True)


def configure_engine(app: Flask, engine: Engine) -> None:
    """Set the per-connection settings of the app's engine: SQLite's pragmas, PostgreSQL's JIT off."""
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _without_jit)
    if engine.dialect.name != "sqlite":
        return
    busy_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])  # default and environment variable: config.Config

    @event.listens_for(engine, "connect")
    def set_sqlite_pragmas(dbapi_connection, _record) -> None:
        """WAL lets readers and one writer work at once; the busy timeout makes a second writer wait, not fail."""
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # stored in the file; a no-op once set (memory stays memory)
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")  # as PostgreSQL does: no orphans, ON DELETE CASCADE works
        cursor.close()


def _without_jit(dbapi_connection, _record) -> None:
    """PostgreSQL compiles a statement whose estimated cost passes jit_above_cost: on a district's report
    statements (millions of responses in the estimates, a few hundred rows read) that took 350-415 ms of a
    statement's 360-420 ms (bench/RESULTS.md). The app's statements are all short, so JIT never pays. A SET,
    not a startup option, so it passes through pgbouncer too."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET jit = off")
    cursor.close()
    dbapi_connection.commit()
