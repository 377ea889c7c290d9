"""Generate a district (or a school) on PostgreSQL with COPY, kept between runs while nothing it depends on changes.

    python -m bench.district [--students 100000 --classes 4000]   # prints the summary; reuses a kept one

The rows are the school generator's own (bench/school.py, bench/work.py: the same people, work pattern and
grading), streamed by worker processes (one per core) in batches of students through COPY, not row inserts.
A district is built in a database named `<name>_<fingerprint>_partial` and renamed to `<name>_<fingerprint>`
only when complete, so an interrupted run leaves nothing a later run could mistake for a finished district: the
next run drops every database of that name that is not the finished one with the current fingerprint. The
fingerprint covers the generator's code (and LOADING_VERSION of this file), the item types, the content, the
size and the seed. A kept district is brought up to the newest schema with the app's own migrations, as a
deployed database would be (a migration that fails there drops it, and it is generated again).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import time
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path

import psycopg

from bench.copy_rows import CopyTable
from bench.deferred_indexes import drop_keys_and_indexes, make_again
from bench.generate import REPORT_CLASS_ID, Summary, bench_app, password_hash
from bench.school import PASSWORD, SchoolSize, make_people
from bench.work import ATTEMPT_COUNTS, WorkPlan, plan_work, seen_versions, student_work
from crosscheck.config import PROJECT_ROOT
from crosscheck.extensions import db
from crosscheck.stamps.triggers import create_sql, drop_sql, seed_sql
from crosscheck.timezone import utcnow

DISTRICT = SchoolSize(students=100_000, classes=4_000, report_class=35)
SCHOOL = SchoolSize()
WORKERS = 2
BATCH = 200  # students per COPY batch (about 27,000 responses)
SUMMARY_TABLE = "bench_generated"  # one row: the summary, written last, before the rename
LOADING_VERSION = 3  # part of the fingerprint: raise it when a change here changes the rows a district holds
FINGERPRINTED = ("bench/generate.py", "bench/school.py", "bench/work.py", "bench/answers.py", "bench/copy_rows.py")
FINGERPRINTED_FOLDERS = ("crosscheck/items",)
PEOPLE_TABLES = ("user", "classroom", "class_teacher", "enrollment", "assignment")
WORK_TABLES = {"attempts": "attempt", "responses": "response", "lesson_progress": "lesson_progress"}


def fingerprint(catalog, size: SchoolSize, seed: int) -> str:
    """A short hash of everything the generated rows depend on."""
    digest = hashlib.sha256(json.dumps([asdict(size), seed, LOADING_VERSION]).encode())
    files = [PROJECT_ROOT / name for name in FINGERPRINTED]
    for folder in FINGERPRINTED_FOLDERS:
        files += sorted((PROJECT_ROOT / folder).glob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes())
    for module in sorted(catalog.quizzes.values(), key=lambda m: m.id):  # the content, as the engine hashes it
        digest.update(json.dumps([module.id, module.settings.attempts, [i.hash for i in module.items]]).encode())
    digest.update(json.dumps(sorted(catalog.lessons)).encode())
    return digest.hexdigest()[:12]


def ensure(server, name: str, size: SchoolSize, seed: int = 7, log=print, now: datetime | None = None) -> Summary:
    """The finished database for this size and seed: kept from an earlier run, or generated now."""
    app = bench_app(server.url("postgres"))
    catalog = app.extensions["crosscheck.catalog"]
    finished = f"{name}_{fingerprint(catalog, size, seed)}"
    for database in server.databases():
        if database.startswith(f"{name}_") and database != finished:
            log(f"dropping {database} (unfinished, or generated from other code or content)")
            server.psql("postgres", f'DROP DATABASE "{database}" WITH (FORCE)')
    if finished in server.databases():
        summary = json.loads(server.psql(finished, f"SELECT summary FROM {SUMMARY_TABLE}"))
        log(
            f"{finished}: kept from an earlier run (generated in {summary['seconds']} s); migrating to the newest schema"
        )
        try:
            _migrate(server.url(finished))
            return replace(Summary(**summary), database=finished)
        except Exception as error:  # any failure: the district is made again from nothing
            log(f"{finished}: its migration failed ({error}); generating it again")
            server.psql("postgres", f'DROP DATABASE "{finished}" WITH (FORCE)')
    log(f"generating {finished} ({size.students:,} students, {size.classes:,} classes) ...")
    return generate(server, finished, catalog, size, seed, log, now)


def generate(server, finished: str, catalog, size: SchoolSize, seed: int, log, now: datetime | None = None) -> Summary:
    """Migrate `<finished>_partial`, COPY the school into it, then rename it to `finished`."""
    started = time.perf_counter()
    partial = f"{finished}_partial"
    server.psql("postgres", f'CREATE DATABASE "{partial}" OWNER crosscheck')
    _migrate(server.url(partial))
    now = now or utcnow().replace(microsecond=0)
    people = make_people(size, catalog, password_hash(seed), seed, now)
    plan = plan_work(catalog, seed, now)
    conninfo = server.conninfo(partial)
    with psycopg.connect(conninfo) as conn:
        for statement in drop_sql("postgresql"):  # made again once the rows are in (as bench/generate.py says)
            conn.execute(statement)
        for table in PEOPLE_TABLES:
            _copy(conn, table, getattr(people, _attr(table)))
        # Every version now; those nobody answered go, and first_seen is set, once the work is in.
        _copy(conn, "item_version", [{**v, "first_seen": now} for v in plan.item_versions])
        keys_again = drop_keys_and_indexes(conn, list(WORK_TABLES.values()))  # built once the rows are in
    log(f"people and classes copied in {time.perf_counter() - started:.1f} s; work by {WORKERS} processes ...")
    counts, first_seen, timings = _copy_work(conninfo, plan, people)
    log(f"work copied: seconds per process (wall, and this process's CPU) {timings}; load {os.getloadavg()[:2]}")
    plan.first_seen = first_seen
    with psycopg.connect(conninfo, autocommit=True) as conn:
        seen = seen_versions(plan)
        with conn.transaction():
            for version in seen:
                conn.execute(
                    "UPDATE item_version SET first_seen = %s WHERE hash = %s", (version["first_seen"], version["hash"])
                )
            conn.execute("DELETE FROM item_version WHERE NOT hash = ANY(%s)", ([v["hash"] for v in seen],))
            _restart_sequences(conn)
        log(f"work copied ({counts['response']:,} responses) at {time.perf_counter() - started:.0f} s; keys ...")
        make_again(conn, keys_again)  # the foreign keys check every reference the COPY wrote
        for statement in seed_sql() + create_sql("postgresql"):  # a stamp for every user and class, then triggers
            conn.execute(statement)
        log(f"keys and indexes made at {time.perf_counter() - started:.0f} s; VACUUM ANALYZE ...")
        conn.execute("VACUUM ANALYZE")  # as autovacuum leaves a database that has been in use
        counts |= {table: len(getattr(people, _attr(table))) for table in PEOPLE_TABLES}
        counts["item_version"] = len(seen)
        summary = Summary(
            database=finished,
            seed=seed,
            counts=counts,
            students=len(people.students),
            seconds=round(time.perf_counter() - started, 1),
            report_class_id=REPORT_CLASS_ID,
            report_class_students=sum(1 for c in people.class_of.values() if c == REPORT_CLASS_ID),
            report_teacher=people.users[_report_teacher(people) - 1]["username"],
            sample_student=people.users[people.students[-1] - 1]["username"],
            password=PASSWORD,
            max_ids={
                table: conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
                for table in ("attempt", "response")
            },
        )
        conn.execute(f"CREATE TABLE {SUMMARY_TABLE} (summary text NOT NULL)")
        conn.execute(f"INSERT INTO {SUMMARY_TABLE} VALUES (%s)", (json.dumps(asdict(summary)),))
        conn.execute("CHECKPOINT")
    server.psql("postgres", f'ALTER DATABASE "{partial}" RENAME TO "{finished}"')
    log(f"{finished} generated in {summary.seconds} s: {counts}")
    return summary


def _migrate(url: str) -> None:
    """The app's migrations, up to the newest."""
    app = bench_app(url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()


def _attr(table: str) -> str:
    """The People attribute holding a table's rows."""
    return {"user": "users", "classroom": "classrooms", "class_teacher": "class_teachers"}.get(table, table + "s")


def _report_teacher(people) -> int:
    return next(t["user_id"] for t in people.class_teachers if t["classroom_id"] == REPORT_CLASS_ID)


def _copy(conn, table: str, rows: list[dict]) -> None:
    """COPY rows into a table (one statement)."""
    if not rows:
        return
    copier = CopyTable(db.metadata.tables[table], list(rows[0]))
    with conn.cursor().copy(copier.statement()) as copy:
        for start in range(0, len(rows), 10_000):
            copy.write("".join(copier.line(row) for row in rows[start : start + 10_000]))


class _CopySink:
    """A worker's rows, written to COPY lines and sent every BATCH students."""

    def __init__(self, conn):
        self.conn = conn
        self.tables: dict[str, CopyTable] = {}
        self.lines: dict[str, list[str]] = {name: [] for name in WORK_TABLES}
        self.counts = dict.fromkeys(WORK_TABLES.values(), 0)

    def add(self, table: str, row: dict) -> None:
        copier = self.tables.get(table)
        if copier is None:
            copier = self.tables[table] = CopyTable(db.metadata.tables[WORK_TABLES[table]], list(row))
        self.lines[table].append(copier.line(row))

    def flush(self) -> None:
        """COPY what the batch made, attempts first (responses point at them), in one transaction."""
        with self.conn.transaction():
            for name, lines in self.lines.items():
                if lines:
                    with self.conn.cursor().copy(self.tables[name].statement()) as copy:
                        copy.write("".join(lines))
                    self.counts[WORK_TABLES[name]] += len(lines)
                    lines.clear()


def _work_worker(conninfo: str, plan: WorkPlan, people, first: int, last: int, results) -> None:
    """Generate and COPY the work of students[first:last]; put (counts, first_seen, seconds) on `results`."""
    os.nice(10)  # the machine is shared: generating gives way to everyone else's work
    most_attempts = max(count for count, _ in ATTEMPT_COUNTS) * len(plan.catalog.quizzes)
    # Ids as one process would give them to the students before `first` at most: unique, in order per worker.
    plan = replace(plan, attempts=first * most_attempts, lessons=first * len(plan.catalog.lessons), first_seen={})
    with psycopg.connect(conninfo, autocommit=True) as conn:
        sink = _CopySink(conn)
        students = people.students[first:last]
        making = copying = 0.0
        cpu = time.process_time()
        for start in range(0, len(students), BATCH):
            began = time.perf_counter()
            for student_id in students[start : start + BATCH]:
                student_work(plan, people, student_id, sink)
            made = time.perf_counter()
            sink.flush()
            making, copying = making + made - began, copying + time.perf_counter() - made
    seconds = {"making rows": round(making, 1), "COPY": round(copying, 1), "CPU": round(time.process_time() - cpu, 1)}
    results.put((sink.counts, plan.first_seen, seconds))


def _copy_work(conninfo: str, plan: WorkPlan, people) -> tuple[dict[str, int], dict]:
    """Every student's work, split between WORKERS processes; the row counts and each version's first answer."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    total = len(people.students)
    bounds = [total * n // WORKERS for n in range(WORKERS + 1)]
    processes = [
        context.Process(target=_work_worker, args=(conninfo, plan, people, bounds[n], bounds[n + 1], results))
        for n in range(WORKERS)
    ]
    for process in processes:
        process.start()
    counts: dict[str, int] = {}
    first_seen: dict = {}
    timings: list[dict] = []
    try:
        for _ in processes:
            worker_counts, worker_seen, seconds = results.get()
            timings.append(seconds)
            for table, count in worker_counts.items():
                counts[table] = counts.get(table, 0) + count
            for version, moment in worker_seen.items():
                if version not in first_seen or moment < first_seen[version]:
                    first_seen[version] = moment
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    if any(process.exitcode for process in processes):
        raise RuntimeError("a generating process failed (its error is above)")
    return counts, first_seen, timings


def _restart_sequences(conn) -> None:
    """Every id sequence continues after the largest id copied (rows were copied with their ids)."""
    tables = conn.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' "
        "AND column_default LIKE 'nextval%'"
    ).fetchall()
    for (table,) in tables:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
        )


def main(argv: list[str] | None = None) -> Summary:
    """Command line: start the kept server, make sure the district exists, print its summary."""
    from bench.pg_server import PostgresServer, find_bindir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=DISTRICT.students)
    parser.add_argument("--classes", type=int, default=DISTRICT.classes)
    parser.add_argument("--name", default="district")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    server = PostgresServer(Path(__file__).resolve().with_name("work") / "postgres", find_bindir()).start()
    try:
        size = replace(DISTRICT, students=args.students, classes=args.classes)
        summary = ensure(server, args.name, size, args.seed)
    finally:
        server.stop()
    print(json.dumps(asdict(summary), indent=2))
    return summary


if __name__ == "__main__":
    main()
