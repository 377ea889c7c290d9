"""Alembic migrations: an empty database, the previous release's data, and agreement with the models.

Each test runs on SQLite and, in the PostgreSQL run of `make test`, on a new database of that server.
"""

from __future__ import annotations

from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import JSON, DateTime, String, column, inspect, select, table, text
from werkzeug.security import generate_password_hash

from crosscheck.accounts.models import User
from crosscheck.classes.models import Classroom, Enrollment
from crosscheck.extensions import db
from tests.conftest import PASSWORD, login

PREVIOUS_RELEASE = "0001"


def test_upgrade_an_empty_database_creates_every_model_table(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_downgrade_to_nothing_and_up_again(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())


def _previous_release_data(conn) -> None:
    """Rows as release 0001 stored them: a teacher, a student in a class, a failed sign-in."""
    password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    conn.execute(
        text(
            'INSERT INTO "user" (id, username, display_name, password_hash, role, is_active_account, created_at) '
            "VALUES (:id, :username, :name, :hash, :role, :active, '2026-01-05 09:00:00')"
        ),
        [
            {
                "id": 1,
                "username": "oldteacher",
                "name": "Ms Old",
                "hash": password_hash,
                "role": "teacher",
                "active": True,
            },
            {
                "id": 2,
                "username": "oldstudent",
                "name": "Ana Old",
                "hash": password_hash,
                "role": "student",
                "active": True,
            },
        ],
    )
    conn.execute(
        text(
            "INSERT INTO classroom (id, name, join_code, archived, created_at) "
            "VALUES (1, 'Year 10 Media', 'ABCD-EFGH', :no, '2026-01-05 09:00:00')"
        ),
        {"no": False},
    )
    conn.execute(text("INSERT INTO class_teacher (classroom_id, user_id) VALUES (1, 1)"))
    conn.execute(
        text("INSERT INTO enrollment (id, classroom_id, student_id, joined_at) VALUES (1, 1, 2, '2026-01-06 10:00:00')")
    )
    conn.execute(
        text(
            "INSERT INTO login_failure (id, username, remote_addr, at) VALUES (1, 'oldstudent', '10.0.0.9', '2026-01-06 10:00:00')"
        )
    )
    if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them, as a real release would have
        for table in ("user", "classroom", "enrollment", "login_failure"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), 10)"))


def test_upgrade_from_the_previous_release_keeps_its_data(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision=PREVIOUS_RELEASE)
        with db.engine.begin() as conn:
            _previous_release_data(conn)
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        student = db.session.scalar(select(User).where(User.username == "oldstudent"))
        enrollment = db.session.scalar(select(Enrollment).where(Enrollment.student_id == student.id))
        assert enrollment.classroom.name == "Year 10 Media"
        assert [t.username for t in db.session.get(Classroom, 1).teachers] == ["oldteacher"]
        db.session.remove()
    client = app.test_client()
    response = login(client, "oldstudent")
    assert response.status_code == 302
    assert "Ana Old" in client.get("/").get_data(as_text=True)
    with app.app_context():  # new rows still get fresh ids after the old ones
        from crosscheck.accounts.service import create_user

        new = create_user("newstudent", "New", PASSWORD, "student")
        db.session.commit()
        assert new.id > 2


def test_models_and_migrations_agree(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
            differences = compare_metadata(context, db.metadata)
    assert differences == [], "models differ from the migrations; add one with `flask db migrate`:\n" + "\n".join(
        map(str, differences)
    )


def test_upgrade_brings_a_year_9999_due_date_into_the_range(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0003")
        with db.engine.begin() as conn:
            _previous_release_data(conn)
            conn.execute(
                text(
                    "INSERT INTO assignment (id, classroom_id, kind, target_id, due_at, created_at) VALUES "
                    "(1, 1, 'quiz', 'primary-source', '9999-12-31 23:59:59', '2026-01-05 09:00:00'), "
                    "(2, 1, 'lesson', 'framing', '0001-01-01 23:59:59', '2026-01-05 09:00:00'), "
                    "(3, 1, 'quiz', 'spot-unverified', '2026-03-05 23:59:59', '2026-01-05 09:00:00')"
                )
            )
        upgrade()
        rows = db.session.execute(text("SELECT id, due_at FROM assignment ORDER BY id")).all()
        db.session.remove()
    assert [str(due)[:19] for _, due in rows] == ["2099-12-31 23:59:59", "2000-01-01 23:59:59", "2026-03-05 23:59:59"]
    client = app.test_client()
    assert login(client, "oldteacher").status_code == 302
    assert client.get("/classes/1").status_code == 200


def test_upgrade_counts_a_live_session_as_last_used_when_it_began(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0008")
        with db.engine.begin() as conn:
            _previous_release_data(conn)
            conn.execute(
                text(
                    "INSERT INTO user_session (key_hash, user_id, created_at) "
                    "SELECT :key_hash, id, '2026-12-02 08:00:00' FROM \"user\" WHERE username = 'oldteacher'"
                ),
                {"key_hash": "a" * 64},
            )
        upgrade()
        seen = db.session.execute(text("SELECT last_seen_at FROM user_session")).scalar_one()
        db.session.remove()
    assert str(seen)[:19] == "2026-12-02 08:00:00"


def test_upgrade_gives_each_stored_item_version_the_skill_its_content_holds(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    version = table(
        "item_version",
        column("hash", String),
        column("module_id", String),
        column("item_id", String),
        column("content", JSON),
        column("first_seen", DateTime),
    )
    stored = [("a" * 64, "framing"), ("b" * 64, "primary_source")]
    with app.app_context():
        upgrade(revision="0173")
        with db.engine.begin() as conn:
            conn.execute(
                version.insert(),
                [
                    {
                        "hash": digest,
                        "module_id": "spot-unverified",
                        "item_id": f"q{n}",
                        "content": {"id": f"q{n}", "skill": skill, "prompt": "Which claim is unverified?"},
                        "first_seen": datetime(2026, 12, 1, 9),
                    }
                    for n, (digest, skill) in enumerate(stored)
                ],
            )
        upgrade()
        skills = db.session.execute(text("SELECT hash, skill FROM item_version ORDER BY hash")).all()
        db.session.remove()
    assert [tuple(row) for row in skills] == stored
