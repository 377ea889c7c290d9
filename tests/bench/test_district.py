"""The district generator (COPY into PostgreSQL) at a tiny size: the same rows as the school generator, kept
between runs, nothing left behind by an interrupted run. Its own throwaway server in a temporary folder."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from bench import district_run
from bench.deferred_indexes import schema_objects
from bench.district import WORK_TABLES, _migrate, ensure
from bench.generate import bench_app, generate
from bench.pg_server import PostgresMissing, PostgresServer, find_bindir
from bench.school import SchoolSize
from crosscheck.accounts.models import User
from crosscheck.classes.models import Assignment, Classroom, ClassTeacher, Enrollment
from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from crosscheck.quizzes.models import Attempt, ItemVersion, Response
from crosscheck.stamps.models import WorkStamp
from tests.conftest import skip_or_fail
from tests.databases import TEST_DATABASE_URL
from tests.load.integrity import integrity_problems

NOW = datetime(2026, 3, 2, 9, 30)
TINY = SchoolSize(students=24, classes=3, report_class=8)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server():
    """A server of bench/pg_server.py in a temporary folder (the PostgreSQL pass only: it starts its own)."""
    if TEST_DATABASE_URL is None:
        pytest.skip("runs in the PostgreSQL pass (make test-postgres), beside the other PostgreSQL tests")
    try:
        bindir = find_bindir()
    except PostgresMissing as missing:
        skip_or_fail(str(missing))
    folder = Path(tempfile.mkdtemp(prefix="crosscheck-district-"))  # not pytest's: the postgres user must enter it
    folder.chmod(0o755)
    started = PostgresServer(folder / "postgres", bindir).start()
    yield started
    started.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _rows(url: str) -> dict[str, list[tuple]]:
    """Every generated table, rows keyed by what they are (ids may differ: worker processes give attempt ids)."""
    with bench_app(url).app_context():
        attempt_key = {a.id: (a.user_id, a.module_id, a.number) for a in db.session.scalars(select(Attempt))}

        def plain(model, drop=("id",)):
            columns = [c for c in model.__table__.columns if c.name not in drop]
            return sorted(tuple(row) for row in db.session.execute(select(*columns)))

        rows = {
            model.__name__: plain(model)
            for model in (User, Classroom, ClassTeacher, Enrollment, Assignment, LessonProgress, ItemVersion)
        }
        rows["Attempt"] = sorted(
            (attempt_key[a.id], a.order_seed, a.started_at, a.submitted_at) for a in db.session.scalars(select(Attempt))
        )
        rows["Response"] = sorted(
            (attempt_key[r.attempt_id], r.item_id, r.item_hash, repr(r.answer), r.points, r.max_points, r.answered_at)
            for r in db.session.scalars(select(Response))
        )
        db.session.remove()
        return rows


def test_the_district_holds_the_rows_the_school_generator_makes(server, tmp_path):
    log: list[str] = []
    summary = ensure(server, "tiny", TINY, seed=3, log=log.append, now=NOW)
    assert summary.students == 24 and summary.report_class_students == 8 and summary.counts["response"] > 2000
    school = tmp_path / "school.db"
    generate(f"sqlite:///{school}", TINY, seed=3, now=NOW)
    district = _rows(server.url(summary.database))
    assert district == _rows(f"sqlite:///{school}")
    with bench_app(server.url(summary.database)).app_context():
        assert integrity_problems() == []
        db.session.remove()


def test_the_district_has_the_keys_and_indexes_the_migrations_make(server):
    """The COPY ran without them (bench/deferred_indexes.py): made again, they are the migrations' own."""
    summary = ensure(server, "tiny", TINY, seed=3, log=lambda _: None, now=NOW)
    server.psql("postgres", 'DROP DATABASE IF EXISTS "tiny_migrated"')
    server.psql("postgres", 'CREATE DATABASE "tiny_migrated" OWNER crosscheck')
    try:
        _migrate(server.url("tiny_migrated"))
        objects = {}
        for database in (summary.database, "tiny_migrated"):
            with psycopg.connect(server.conninfo(database)) as conn:
                objects[database] = schema_objects(conn, list(WORK_TABLES.values()))
    finally:
        server.psql("postgres", 'DROP DATABASE "tiny_migrated" WITH (FORCE)')
    kinds = {(kind, type_) for kind, type_, *_ in objects["tiny_migrated"]}
    assert {("constraint", "p"), ("constraint", "u"), ("constraint", "f"), ("index", "i")} <= kinds
    assert objects[summary.database] == objects["tiny_migrated"]


def test_a_kept_district_is_used_again_and_accepts_new_rows(server):
    first = ensure(server, "tiny", TINY, seed=3, log=lambda _: None, now=NOW)
    log: list[str] = []
    again = ensure(server, "tiny", TINY, seed=3, log=log.append, now=NOW)
    assert again == first and "kept from an earlier run" in log[0]
    with bench_app(server.url(again.database)).app_context():
        # The sequences continue after the copied ids: the app can add attempts, as answering does.
        student = db.session.scalar(select(User.id).where(User.role == "student"))
        db.session.add(Attempt(user_id=student, module_id="new-module", number=1, order_seed=1))
        db.session.commit()
        # Every user has a stamp, and the triggers are back after the COPY: the new attempt moved its student's.
        assert db.session.get(WorkStamp, student).version == 2
        db.session.remove()


def test_an_interrupted_run_leaves_nothing_the_next_run_keeps(server):
    summary = ensure(server, "tiny", TINY, seed=3, log=lambda _: None, now=NOW)
    server.psql("postgres", f'CREATE DATABASE "{summary.database}x_partial"')  # as a run killed mid-way leaves it
    server.psql("postgres", 'CREATE DATABASE "tiny_0123456789ab"')  # generated by other code
    # A killed run leaves its server running: the next run's server, on the same folder, stops it first.
    server.start()
    log: list[str] = []
    again = ensure(server, "tiny", TINY, seed=3, log=log.append, now=NOW)
    assert again == summary
    assert [n for n in server.databases() if n.startswith("tiny_")] == [summary.database]
    assert sum("dropping" in line for line in log) == 2


def test_without_postgresql_the_message_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PG_BINDIR", str(tmp_path))
    with pytest.raises(PostgresMissing, match="apt-get install postgresql"):
        find_bindir()


def test_make_bench_district_stops_at_once_without_postgresql(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PG_BINDIR", str(tmp_path))
    monkeypatch.setattr(district_run, "require_wrk", lambda: "wrk")
    assert district_run.main() == 2
    assert "make bench-district: PostgreSQL is not installed" in capsys.readouterr().err
