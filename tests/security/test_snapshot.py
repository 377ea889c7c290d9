"""The kept worlds of the security tables: a restored world is, row for row, the world the services built."""

from __future__ import annotations

from sqlalchemy import delete, text

from crosscheck.catalog_access import get_catalog
from crosscheck.extensions import db
from tests.conftest import Builders
from tests.databases import ENGINE_NAME
from tests.security.snapshot import Snapshot, changes, restore, table_rows
from tests.security.world import build_world


def _as_in_a_new_database(tables: list[str]) -> None:
    """Empty these tables and, on PostgreSQL, start their ids from 1 again, as a test's new database does."""
    if ENGINE_NAME == "postgresql":
        quoted = ", ".join(f'"{table}"' for table in tables)
        db.session.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed([t for t in db.metadata.sorted_tables if t.name in tables]):
            db.session.execute(delete(table))
    db.session.commit()


def test_a_restored_world_is_the_world_built(make_app):
    app = make_app()
    with app.app_context():
        before = table_rows()
        world = build_world(Builders(), tag="-kept")
        module = world.fields["ws_module"]  # the workspace's lazy part too: a published module
        assert module in get_catalog().quizzes
        snapshot = changes(before, table_rows())
        assert {"user", "attempt", "document"} <= set(snapshot.tables)

        restore(app, Snapshot({name: [] for name in snapshot.tables}))
        assert module not in get_catalog().quizzes  # the app looked at the workspace again
        _as_in_a_new_database(list(snapshot.tables))

        restore(app, snapshot)
        rows = table_rows()
        assert {name: rows[name] for name in snapshot.tables} == snapshot.tables
        assert module in get_catalog().quizzes
        newcomer = Builders().user(username="after-the-restore")  # ids carry on after the restored rows
        assert newcomer.id > max(row["id"] for row in snapshot.tables["user"])

    teacher = world.client(app, "teacher")  # the restored teacher signs in and teaches class A
    assert teacher.get(f"/classes/{world.fields['class_a']}").status_code == 200
