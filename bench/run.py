"""`make bench`: generate a school, serve it with gunicorn, measure every figure, print and record the results.

Order: the school is generated; SQL statements per report page are counted and content loading is timed
in-process; gunicorn starts (2 sync workers on 127.0.0.1) and its workers' memory is read at rest; bench
clients sign in through the real form; wrk measures the baseline, the health check, the dashboard, the
reports and the CSV export, then students answering items (checked against the database afterwards);
memory is read again; the server stops. Everything is bounded in time (BENCH_SECONDS per figure, default 10).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import select

from bench import targets
from bench.answer_pool import build_pool
from bench.content_timing import multiply_content, time_load
from bench.generate import bench_app, generate
from bench.query_counts import copy_database, count_queries
from bench.results import Run, append, render
from bench.school import PASSWORD
from bench.server import start_server, workers_rss_mb
from bench.sessions import check_pages, cookie_header, sign_in, sign_in_all
from bench.verify_answers import read_acks, verify
from bench.wrk import CONNECTIONS, WrkMissing, require_wrk, run_wrk, write_requests
from crosscheck.accounts.models import User
from crosscheck.classes.models import Enrollment
from crosscheck.config import PROJECT_ROOT
from crosscheck.extensions import db

WORK = Path(__file__).resolve().with_name("work")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP = 2
DASHBOARD_STUDENTS = 64
MODULE = "final-mixed"  # the item analysis and its module: every item type and skill
BASELINE = "bare route (baseline)"


def say(message: str) -> None:
    """Progress on stderr; the results go to stdout."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main() -> int:
    """Run everything; 2 when wrk is missing, 1 when the answers check fails, else 0."""
    try:
        require_wrk()
    except WrkMissing as missing:
        print(f"make bench: {missing}", file=sys.stderr)
        return 2
    started = time.monotonic()
    WORK.mkdir(exist_ok=True)
    database = WORK / "school.db"
    url = f"sqlite:///{database}"
    say("generating the school ...")
    school = generate(url)
    say(f"school generated in {school.seconds} s: {school.counts}")
    queries = count_queries(
        copy_database(database, WORK / "queries.db"), school.report_teacher, school.report_class_id, MODULE
    )
    say(f"SQL statements per report page (class of 5 / 500): {queries}")
    content = {
        "shipped": time_load(PROJECT_ROOT),
        "100x items": time_load(multiply_content(WORK / "content-100x")),
    }
    say(f"content loading: {content}")
    server = start_server(url, WORK / "gunicorn.log")
    try:
        memory = {"at rest": workers_rss_mb(server)}
        app = bench_app(url)
        with app.app_context():
            measures, verification = load_tests(server.base_url, app.extensions["crosscheck.catalog"], school)
            memory["after the report and answer runs"] = workers_rss_mb(server)
    finally:
        server.stop()
    run = Run(
        school=asdict(school),
        seconds=SECONDS,
        baseline=measures[0][1],
        measures=measures,
        content=content,
        queries=queries,
        memory=memory,
        verification=verification,
    )
    run.outcomes = targets.evaluate(run)
    run.notes = [f"`make bench` took {time.monotonic() - started:.0f} s."]
    section = render(run)
    print(section)
    append(section)
    say("results appended to bench/RESULTS.md")
    return 0 if verification.startswith("PASS") else 1


def read_runs(base_url: str, school, catalog) -> list[tuple[str, str, list]]:
    """(name, path, signed-in clients) of every read benchmark; each page checked once before timing."""
    teacher = sign_in(base_url, school.report_teacher, PASSWORD)
    students = dashboard_students(school.report_class_id)
    say(f"signing in {len(students)} students for the dashboard ...")
    student_clients = sign_in_all(base_url, students, PASSWORD)
    reports = f"/reports/classes/{school.report_class_id}"
    return [
        (BASELINE, "/health/bare", []),
        ("health check (SELECT 1)", "/health", []),
        (targets.DASHBOARD, "/", student_clients),
        ("class overview", f"{reports}/overview", [teacher]),
        ("skill matrix", f"{reports}/skills", [teacher]),
        ("item analysis", f"{reports}/items/{MODULE}", [teacher]),
        (targets.CSV, f"{reports}/overview.csv", [teacher]),
    ]


def dashboard_students(report_class_id: int) -> list[str]:
    """Students spread over the school (not the report class, whose pages must not move under the reports)."""
    in_report_class = select(Enrollment.student_id).where(Enrollment.classroom_id == report_class_id)
    names = db.session.scalars(
        select(User.username).where(User.role == "student", User.id.not_in(in_report_class)).order_by(User.id)
    ).all()
    step = max(1, len(names) // DASHBOARD_STUDENTS)
    return names[::step][:DASHBOARD_STUDENTS]


def load_tests(base_url: str, catalog, school) -> tuple[list, str]:
    """Every wrk figure, then the answering run and its check; returns ([(path, Measure)], answers check)."""
    measures = []
    for name, path, clients in read_runs(base_url, school, catalog):
        check_pages([(client, path) for client in clients])
        lines = [("GET", path, cookie_header(c), "") for c in clients] or [("GET", path, "", "")]
        requests = write_requests(WORK / "requests.txt", lines)
        run_wrk(name, base_url, requests, WARM_UP)
        measure = run_wrk(name, base_url, requests, SECONDS)
        say(f"{name}: {measure.rps:,.0f} req/s, p50 {measure.p50_ms:.1f} ms, p95 {measure.p95_ms:.1f} ms")
        measures.append((path, measure))
    answer, verification = answering(base_url, catalog, school)
    measures.append(("POST /quizzes/attempts/<id>/items/<n>", answer))
    return measures, verification


def answering(base_url: str, catalog, school) -> tuple:
    """A short probe sizes the pool (every request must be a new answer), then the timed run; both checked."""
    in_class = select(Enrollment.student_id).where(Enrollment.classroom_id == school.report_class_id)
    exclude = set(db.session.scalars(in_class).all())
    probe, probe_check = answer_run(base_url, catalog, "probe", WARM_UP, 1500, exclude)
    measure, check = answer_run(base_url, catalog, "timed", SECONDS, int(probe.rps * SECONDS * 1.5) + 500, exclude)
    verdict = "PASS" if probe_check.startswith("PASS") and check.startswith("PASS") else "FAIL"
    return measure, f"{verdict}. probe run: {probe_check}; timed run: {check}"


def answer_run(base_url: str, catalog, label: str, seconds: int, needed: int, exclude: set[int]) -> tuple:
    """One wrk run of new answers from students not in `exclude` (then excluded), checked against the database."""
    say(f"answering ({label}): preparing {needed} unanswered items ...")
    pool = build_pool(base_url, catalog, PASSWORD, needed, exclude, seed=len(exclude))
    exclude |= set(pool.student_ids)
    requests = write_requests(WORK / "answers.txt", pool.lines)
    prefix = f"acks-{label}-"
    for old in WORK.glob(f"{prefix}*.txt"):
        old.unlink()
    measure = run_wrk(targets.ANSWER, base_url, requests, seconds, mode="once", acks=WORK / prefix)
    db.session.rollback()  # a new read transaction: see every answer the server stored
    check = verify(pool, read_acks(WORK, prefix), CONNECTIONS)
    summary = f"{check.summary()} ({len(pool.student_ids)} students signed in, {len(pool.lines)} answers ready)"
    say(f"answering ({label}): {measure.rps:,.0f} req/s; {summary}")
    return measure, summary


if __name__ == "__main__":
    sys.exit(main())
