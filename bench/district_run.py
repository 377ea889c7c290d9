"""`make bench-district`: a school and a district on PostgreSQL, measured under gunicorn as `make bench` measures.

Order: PostgreSQL and wrk must be installed (else stop at once, saying how to install them); a throwaway server
starts on its kept data folder (bench/pg_server.py); the 2,000-student school and the 100,000-student
district are generated with COPY, or kept from an earlier run (bench/district.py). For each, one after the
other: the rows an earlier run's answering added are removed; every report page's statements are explained
(bench/plans/); CPU per page is measured in-process. Then both are served at once, each by its own gunicorn (2
sync workers), and wrk measures the bare route, the floor page, the dashboard, every report page of the class
of 35 and answering (checked against the database), each figure on the school and on the district back to back
(bench/district_interleaved.py: the machine's drift during the run falls on neither side). Then the district's
size, a pg_dump of it and a pg_restore into a scratch database are timed. The results are appended to
bench/RESULTS.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from bench import targets
from bench.cpu_per_request import pages_cpu_ms
from bench.district import DISTRICT, SCHOOL, ensure
from bench.district_interleaved import Side, measure_interleaved
from bench.district_results import append_district, render_district, render_storage
from bench.generate import EVERY_REQUEST_BUILDS, bench_app
from bench.pg_server import PostgresMissing, PostgresServer, find_bindir
from bench.plans import explain_pages, write_plans
from bench.run import BASELINE, FLOOR, MODULE, SECONDS, WORK, first_student, say
from bench.wrk import WrkMissing, require_wrk

PLANS = Path(__file__).resolve().with_name("plans")


def main() -> int:
    """Run everything; 2 when PostgreSQL or wrk is missing, 1 when an answers check fails."""
    try:
        require_wrk()
        bindir = find_bindir()
    except (WrkMissing, PostgresMissing) as missing:
        print(f"make bench-district: {missing}", file=sys.stderr)
        return 2
    started = time.monotonic()
    WORK.mkdir(exist_ok=True)
    server = PostgresServer(WORK / "postgres", bindir).start()
    try:
        school = ensure(server, "school", SCHOOL, log=say)
        district = ensure(server, "district", district_size(), log=say)
        if os.environ.get("BENCH_DISTRICT_GENERATE_ONLY"):
            return 0
        measured = [prepare(server, "school", school), prepare(server, "district", district)]
        say("serving both at once; each figure measured on the school and on the district back to back ...")
        measure_interleaved(measured, lambda: postgres_pids(server))
        for side in measured:
            remove_bench_rows(server, side.summary.database)
        # The figures are recorded before the backup is timed: a run cut short keeps what it measured.
        section = render_district(measured, SECONDS, time.monotonic() - started)
        print(section)
        append_district(section)
        say("results appended to bench/RESULTS.md; timing pg_dump and pg_restore of the district ...")
        storage = render_storage(backup_and_restore(server, district.database))
        print(storage)
        append_district(storage)
    finally:
        server.stop()
    return 0 if all(m.verification.startswith("PASS") for m in measured) else 1


def district_size():
    """The district; BENCH_DISTRICT_STUDENTS makes a smaller one (25 students a class) to try the tools quickly."""
    students = int(os.environ.get("BENCH_DISTRICT_STUDENTS", DISTRICT.students))
    return replace(DISTRICT, students=students, classes=max(3, students * DISTRICT.classes // DISTRICT.students))


def pages(summary) -> list[tuple[str, str | None, str]]:
    """(name, who, path) of every page measured: the floor, the dashboard and every report page of the class."""
    reports = f"/reports/classes/{summary.report_class_id}"
    teacher = summary.report_teacher
    return [
        (BASELINE, None, "/health/bare"),
        (FLOOR, summary.sample_student, "/account/password"),
        (targets.DASHBOARD, summary.sample_student, "/"),
        ("class overview", teacher, f"{reports}/overview"),
        ("skill matrix", teacher, f"{reports}/skills"),
        ("item analysis", teacher, f"{reports}/items/{MODULE}"),
        (targets.DRILL_DOWN, teacher, f"{reports}/students/{{student}}"),
        (targets.CSV, teacher, f"{reports}/overview.csv"),
    ]


def prepare(server: PostgresServer, label: str, summary) -> Side:
    """One generated database, its rows as generated, its plans and in-process CPU per page (one database at a
    time: these are not timed under load)."""
    url = server.url(summary.database)
    remove_bench_rows(server, summary.database)
    app = bench_app(url)
    with app.app_context():
        student = first_student(summary.report_class_id)
        report_pages = [(n, w, p.format(student=student)) for n, w, p in pages(summary)]
    side = Side(label, summary, url, app, report_pages)
    say(f"{label}: EXPLAIN ANALYZE of every report page ...")
    side.plans = explain_pages(  # the statements that build each page, not a remembered page's three
        bench_app(url, **EVERY_REQUEST_BUILDS),
        summary.report_teacher,
        [p for _, w, p in report_pages if w == summary.report_teacher],
    )
    write_plans(PLANS, label, side.plans)
    say(f"{label}: CPU per request in-process ...")
    side.cpu = pages_cpu_ms(url, report_pages)
    side.cpu_built = pages_cpu_ms(url, report_pages, **EVERY_REQUEST_BUILDS)
    return side


def postgres_pids(server: PostgresServer) -> list[int]:
    """The postmaster and its processes (the backends serving gunicorn are part of the server measured)."""
    master = int((server.data / "postmaster.pid").read_text().split()[0])
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *(int(pid) for pid in children)]


SIGN_IN_TABLES = ("login_failure", "user_session")  # what signing in may write; a generated district has none


def remove_bench_rows(server: PostgresServer, database: str) -> None:
    """Delete what a benchmark run added (attempts and answers past the generated ids, sign-in records), so every
    run measures the same rows."""
    generated = "(SELECT (summary::json->'max_ids'->>'{}')::int FROM bench_generated)"
    statements = [
        f"DELETE FROM response WHERE id > {generated.format('response')}",
        f"DELETE FROM attempt WHERE id > {generated.format('attempt')}",
    ]
    existing = server.psql(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").split()
    statements += [f'DELETE FROM "{table}"' for table in SIGN_IN_TABLES if table in existing]
    server.psql(database, "; ".join(statements))


def backup_and_restore(server: PostgresServer, database: str) -> dict:
    """The district's size on disk, and the time of a pg_dump (custom format) and a pg_restore of it."""
    size = int(server.psql(database, "SELECT pg_database_size(current_database())"))
    dump = WORK / "district.dump"
    common = ["-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"]
    say("pg_dump of the district ...")
    began = time.monotonic()
    run([str(server.bindir / "pg_dump"), *common, "-Fc", "-f", str(dump), database])
    dumped = time.monotonic() - began
    dump_size = dump.stat().st_size
    scratch = f"{database}_restore"
    server.psql("postgres", f'DROP DATABASE IF EXISTS "{scratch}"')
    server.psql("postgres", f'CREATE DATABASE "{scratch}"')
    say("pg_restore into a scratch database ...")
    began = time.monotonic()
    try:
        run([str(server.bindir / "pg_restore"), *common, "-j", "2", "-d", scratch, str(dump)])
        restored = time.monotonic() - began
        same = server.psql(scratch, "SELECT count(*) FROM response") == server.psql(
            database, "SELECT count(*) FROM response"
        )
    finally:
        server.psql("postgres", f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        dump.unlink(missing_ok=True)
    return {
        "database bytes": size,
        "dump bytes": dump_size,
        "dump seconds": round(dumped, 1),
        "restore seconds": round(restored, 1),
        "restored rows equal": same,
    }


def run(command: list[str]) -> None:
    """A PostgreSQL client program; its error output when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stderr}")


if __name__ == "__main__":
    sys.exit(main())
