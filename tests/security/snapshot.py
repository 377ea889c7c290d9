"""Worlds built once a session and put back into each test's clean database, row for row.

The access matrix and the CSRF table each need a world (six for a state-changing row), and building one runs
the app's own services (attempts, marking, invitations, a published workspace module): most of those tests'
time. The first test that asks for a kind of world builds it through the services as before and keeps what
that changed, table by table; later tests get the same rows written into their own empty database, with the
same ids, and the app told that the workspace's content moved, as a publish tells it. Tables the world did
not change (those the app fills when it starts) stay as the test's own app wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from sqlalchemy import Integer, delete, func, insert, select, text

from crosscheck.extensions import db

STAMPS = ("work_stamp", "class_stamp")  # crosscheck/stamps: written by triggers


@dataclass(frozen=True)
class Snapshot:
    """The rows of every table a world's building changed, in the order foreign keys allow."""

    tables: dict[str, list[dict]]


def table_rows() -> dict[str, list[dict]]:
    """Every row of every table of the app's models, by table name (ordered by key: a stable comparison)."""
    rows = {}
    for table in db.metadata.sorted_tables:
        statement = select(table).order_by(*table.primary_key.columns)
        rows[table.name] = [dict(row) for row in db.session.execute(statement).mappings()]
    return rows


def changes(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> Snapshot:
    """The tables whose rows differ between two reads of the database, with their rows afterwards."""
    return Snapshot({name: rows for name, rows in after.items() if rows != before.get(name)})


def restore(app: Flask, snapshot: Snapshot) -> None:
    """Make the snapshot's tables hold exactly its rows, ids and all, and the id sequences follow them."""
    tables = [t for t in db.metadata.sorted_tables if t.name in snapshot.tables]
    # The stamps move while the other tables are written (their triggers): they are put back last, exactly.
    tables.sort(key=lambda t: t.name in STAMPS)
    with app.app_context():
        for table in reversed(tables):  # children first: no foreign key points at a removed row
            db.session.execute(delete(table))
        for table in tables:
            if table.name in STAMPS:
                if db.engine.dialect.name == "postgresql":  # its stamp triggers wait for the commit: fire them now
                    db.session.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
                db.session.execute(delete(table))
            if snapshot.tables[table.name]:
                db.session.execute(insert(table), snapshot.tables[table.name])
        if db.engine.dialect.name == "postgresql":
            for table in tables:
                _follow_sequence(table)
        db.session.commit()
        # As a publish does: the next page reads the workspace's generation and serves what is published.
        app.extensions["crosscheck.live"].mark_stale()


def _follow_sequence(table) -> None:
    """PostgreSQL: the table's id sequence continues after the rows written with explicit ids."""
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer) or keys[0].autoincrement is False:
        return
    sequence = db.session.scalar(
        text("SELECT pg_get_serial_sequence(:table, :column)"),
        {
            "table": f'"{table.name}"',
            "column": keys[0].name,
        },
    )
    if sequence is None:
        return
    highest = db.session.scalar(select(func.max(keys[0])))
    db.session.execute(
        text("SELECT setval(:sequence, :value, :called)"),
        {"sequence": sequence, "value": highest or 1, "called": highest is not None},
    )
