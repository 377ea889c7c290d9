"""Engine settings per database: SQLite in WAL mode with a busy timeout, PostgreSQL with connection checks."""

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
    """Set SQLite's per-connection pragmas on every new connection of the app's engine."""
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
