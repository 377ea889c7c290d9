"""Generate a whole school straight into a database, for the benchmarks.

    python -m bench.generate --database sqlite:///bench/work/school.db [--students 2000 --classes 80 --seed 7]

The schema comes from the app's own migrations; the rows (users, classes, enrolments, assignments, attempts,
graded responses, item versions, lesson progress) are built in Python (bench/school.py, bench/work.py) and
written with SQLAlchemy Core bulk inserts in big chunks. Every bench user shares one precomputed password
hash (pbkdf2 with few rounds: signing in hundreds of bench clients must not cost seconds of CPU).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url

from bench.school import PASSWORD, SchoolSize, make_people
from bench.work import make_work
from crosscheck import create_app
from crosscheck.extensions import db
from crosscheck.stamps.remember import STORES
from crosscheck.stamps.triggers import create_sql, drop_sql, seed_sql
from crosscheck.timezone import utcnow

CHUNK = 50_000
REPORT_CLASS_ID = 1  # make_people puts the report class first


@dataclass(frozen=True)
class Summary:
    """What was generated, how long it took, and what the benchmark signs in with."""

    database: str
    seed: int
    counts: dict[str, int]
    students: int
    seconds: float
    report_class_id: int
    report_class_students: int
    report_teacher: str
    sample_student: str  # a student of another class (the dashboard's in-process figure)
    password: str
    max_ids: dict[str, int] = field(default_factory=dict)  # on PostgreSQL: what a benchmark adds comes after


def password_hash(seed: int) -> str:
    """A werkzeug-format pbkdf2 hash of PASSWORD with a salt derived from the seed (so the data is reproducible)."""
    salt = hashlib.sha256(f"{seed}:salt".encode()).hexdigest()[:16]
    digest = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt.encode(), 1000).hex()
    return f"pbkdf2:sha256:1000${salt}${digest}"


# The app with no remembered pages (crosscheck/stamps): every request builds its page, as the first view after a
# write does; the profiles and the "built" in-process figures use it.
EVERY_REQUEST_BUILDS = dict.fromkeys(STORES.values(), 0)


def bench_app(url: str, **config):
    """The app on `url`, as the bench uses it in-process (its own secret: nothing is written to instance/)."""
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-secret", **config})


def generate(url: str, size: SchoolSize | None = None, seed: int = 7, now: datetime | None = None) -> Summary:
    """Migrate a new database at `url` and fill it with a school; SQLite files are replaced."""
    started = time.perf_counter()
    size = size or SchoolSize()
    url = absolute_url(url)
    _remove_sqlite_file(url)
    now = now or utcnow().replace(microsecond=0)
    app = bench_app(url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    catalog = app.extensions["crosscheck.catalog"]
    people = make_people(size, catalog, password_hash(seed), seed, now)
    work = make_work(people, catalog, seed, now)
    tables = [
        ("user", people.users),
        ("classroom", people.classrooms),
        ("class_teacher", people.class_teachers),
        ("enrollment", people.enrollments),
        ("assignment", people.assignments),
        ("item_version", work.item_versions),
        ("attempt", work.attempts),
        ("response", work.responses),
        ("lesson_progress", work.lesson_progress),
    ]
    _insert(url, tables)
    report_teacher = next(t["user_id"] for t in people.class_teachers if t["classroom_id"] == REPORT_CLASS_ID)
    return Summary(
        database=make_url(url).render_as_string(hide_password=True),
        seed=seed,
        counts={name: len(rows) for name, rows in tables},
        students=len(people.students),
        seconds=round(time.perf_counter() - started, 2),
        report_class_id=REPORT_CLASS_ID,
        report_class_students=sum(1 for s in people.class_of.values() if s == REPORT_CLASS_ID),
        report_teacher=people.users[report_teacher - 1]["username"],
        sample_student=people.users[people.students[-1] - 1]["username"],
        password=PASSWORD,
    )


def absolute_url(url: str) -> str:
    """A relative SQLite path made absolute (Flask-SQLAlchemy would read it relative to instance/)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return parsed.set(database=str(Path(parsed.database).resolve())).render_as_string(hide_password=False)
    return url


def _remove_sqlite_file(url: str) -> None:
    """Start from nothing: a SQLite file and its WAL files are deleted (other databases must be empty)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = Path(parsed.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _insert(url: str, tables: list[tuple[str, list[dict]]]) -> None:
    """Bulk inserts in chunks, in one transaction; on SQLite without waiting for the disk."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def fast_writes(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=OFF")  # a generated school is thrown away if the machine dies
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    metadata = db.metadata
    with engine.begin() as conn:
        # The stamps' triggers (crosscheck/stamps) come back once the rows are in (a trigger per row would only
        # slow the inserts), with a stamp for every user and class, as a school at work has them.
        for statement in drop_sql(engine.dialect.name):
            conn.exec_driver_sql(statement)
        for name, rows in tables:
            for start in range(0, len(rows), CHUNK):
                conn.execute(metadata.tables[name].insert(), rows[start : start + CHUNK])
        for statement in seed_sql() + create_sql(engine.dialect.name):
            conn.exec_driver_sql(statement)
    if engine.dialect.name == "sqlite":
        # No ANALYZE: a school's database has never been analysed either, so the planner works as it would there.
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def main(argv: list[str] | None = None) -> Summary:
    """Command line: generate, then print the summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="SQLAlchemy URL, e.g. sqlite:///bench/work/school.db")
    parser.add_argument("--students", type=int, default=SchoolSize.students)
    parser.add_argument("--classes", type=int, default=SchoolSize.classes)
    parser.add_argument("--report-class", type=int, default=SchoolSize.report_class)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    size = SchoolSize(students=args.students, classes=args.classes, report_class=args.report_class)
    summary = generate(args.database, size, args.seed)
    print(json.dumps(asdict(summary), indent=2))
    return summary


if __name__ == "__main__":
    main()
