"""`make bench`: generate a school, serve it with gunicorn, measure every figure, print and record the results.

Order: the school is generated; SQL statements per report page are counted, each page's CPU is measured and
profiled in-process (bench/profiles/) and content loading is timed; gunicorn starts (2 sync workers on
127.0.0.1) and its workers' memory is read at rest; bench clients sign in through the real form; wrk measures
the baseline, the health check, the dashboard, the reports and the CSV export, then students answering items
(checked against the database afterwards); memory is read again; the server stops. Everything is bounded in
time (BENCH_SECONDS per figure, default 10).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from sqlalchemy import select

from bench import targets
from bench.answer_pool import build_pool
from bench.content_timing import multiply_content, time_load
from bench.cpu_per_request import pages_cpu_ms
from bench.generate import EVERY_REQUEST_BUILDS, bench_app, generate
from bench.profiles import write_profiles
from bench.query_counts import copy_database, count_queries
from bench.results import Run, append, render
from bench.school import PASSWORD
from bench.server import start_server, worker_pids, workers_rss_mb
from bench.sessions import check_pages, cookie_header, sign_in, sign_in_all
from bench.verify_answers import read_acks, verify
from bench.wrk import CONNECTIONS, Measure, WrkMissing, require_wrk, run_wrk, write_requests
from crosscheck.accounts.models import User
from crosscheck.classes.models import Enrollment
from crosscheck.config import PROJECT_ROOT
from crosscheck.extensions import db

WORK = Path(__file__).resolve().with_name("work")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP = 2
QUIET = 0.10  # a figure measured while other processes used more of the machine than this is measured again
TRIES = 3
DASHBOARD_STUDENTS = 64
MODULE = "final-mixed"  # the item analysis and its module: every item type and skill
BASELINE = "bare route (baseline)"
BESIDE = "bare route, just before"
BESIDE_SECONDS = 5
FLOOR = "signed-in page with a form (floor)"  # what any page for a signed-in user costs: session, user, base.html


def say(message: str) -> None:
    """Progress on stderr; the results go to stdout."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass
class Server:
    """The running server as the load tests need it: its address, its processes, its memory readings."""

    base_url: str
    pids: list[int]
    rss: object  # () -> MB per worker
    memory: dict[str, list[float]] = field(default_factory=dict)

    def wrk(self, name: str, requests: Path, seconds: int, **options) -> Measure:
        """One wrk run against this server."""
        return run_wrk(name, self.base_url, requests, seconds, self.pids, **options)


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
    app = bench_app(url)  # the benchmark's own view of the school: who to ask for, what the server stored
    with app.app_context():
        pages = in_process_pages(school, first_student(school.report_class_id))
    cpu = pages_cpu_ms(f"sqlite:///{WORK / 'queries.db'}", pages)
    cpu_built = pages_cpu_ms(f"sqlite:///{WORK / 'queries.db'}", pages, **EVERY_REQUEST_BUILDS)
    say(f"CPU ms per request in-process: {cpu}; each request building its page: {cpu_built}")
    profiles = write_profiles(f"sqlite:///{WORK / 'queries.db'}", pages, targets.ANSWER)
    say(f"profiles written: {', '.join(p.name for p in profiles)}")
    content = {
        "shipped": time_load(PROJECT_ROOT),
        "100x items": time_load(multiply_content(WORK / "content-100x")),
    }
    say(f"content loading: {content}")
    gunicorn = start_server(url, WORK / "gunicorn.log")
    try:
        server = Server(
            gunicorn.base_url, [gunicorn.process.pid, *worker_pids(gunicorn)], lambda: workers_rss_mb(gunicorn)
        )
        server.memory["at rest"] = server.rss()
        with app.app_context():
            measures, verification = load_tests(server, app.extensions["crosscheck.catalog"], school)
    finally:
        gunicorn.stop()
    run = Run(
        school=asdict(school),
        seconds=SECONDS,
        baseline=mean_baseline(measures[0][1], measures[-1][1]),
        measures=measures,
        content=content,
        queries=queries,
        cpu=cpu,
        cpu_built=cpu_built,
        memory=server.memory,
        verification=verification,
    )
    run.outcomes = targets.evaluate(run)
    run.notes = [
        "The baseline is the mean of the bare route's runs at the start and at the end of the load tests; "
        "`other load` is the share of the machine that processes other than the server, wrk and the benchmark "
        f"used during a figure; a figure measured while it was over {QUIET:.0%} is measured again ({TRIES} runs at "
        "most) and the quietest run is kept.",
        f"`vs the bare route just before`: each figure's ratios to a {BESIDE_SECONDS} s run of the bare route made "
        "just before its timed run (after its warm-up; for answering, after its students signed in). The machine's "
        "speed drifts within a run, so this ratio follows the figure's own moment; the baseline's is the run's mean.",
        "Profiles of this run's pages and of answering (pyinstrument, in-process): bench/profiles/ (the latest "
        "run's only; `git log bench/profiles` keeps earlier ones).",
        f"`make bench` took {time.monotonic() - started:.0f} s.",
    ]
    section = render(run)
    print(section)
    append(section)
    say("results appended to bench/RESULTS.md")
    return 0 if verification.startswith("PASS") else 1


def in_process_pages(school, drilled: int) -> list[tuple[str, str | None, str]]:
    """(name, who, path) of the pages timed in-process: the same pages the wrk figures request (`drilled`: the
    student whose drill-down is measured)."""
    reports = f"/reports/classes/{school.report_class_id}"
    teacher = school.report_teacher
    return [
        (BASELINE, None, "/health/bare"),
        ("health check (SELECT 1)", None, "/health"),
        (FLOOR, school.sample_student, "/account/password"),
        (targets.DASHBOARD, school.sample_student, "/"),
        ("class overview", teacher, f"{reports}/overview"),
        ("skill matrix", teacher, f"{reports}/skills"),
        ("item analysis", teacher, f"{reports}/items/{MODULE}"),
        (targets.DRILL_DOWN, teacher, f"{reports}/students/{drilled}"),
        (targets.CSV, teacher, f"{reports}/overview.csv"),
    ]


def mean_baseline(start: Measure, end: Measure) -> Measure:
    """The baseline the ratios use: the two bare-route runs averaged (the machine's load drifts)."""
    return replace(
        start,
        name=BASELINE,
        rps=(start.rps + end.rps) / 2,
        p50_ms=(start.p50_ms + end.p50_ms) / 2,
        p95_ms=(start.p95_ms + end.p95_ms) / 2,
    )


def read_runs(base_url: str, school) -> list[tuple[str, str, list]]:
    """(name, path, signed-in clients) of every read benchmark; each page checked once before timing."""
    teacher = sign_in(base_url, school.report_teacher, PASSWORD)
    students = dashboard_students(school.report_class_id)
    say(f"signing in {len(students)} students for the dashboard ...")
    student_clients = sign_in_all(base_url, students, PASSWORD)
    reports = f"/reports/classes/{school.report_class_id}"
    return [
        (f"{BASELINE}, start", "/health/bare", []),
        ("health check (SELECT 1)", "/health", []),
        (FLOOR, "/account/password", student_clients[:1]),
        (targets.DASHBOARD, "/", student_clients),
        ("class overview", f"{reports}/overview", [teacher]),
        ("skill matrix", f"{reports}/skills", [teacher]),
        ("item analysis", f"{reports}/items/{MODULE}", [teacher]),
        (targets.DRILL_DOWN, f"{reports}/students/{first_student(school.report_class_id)}", [teacher]),
        (targets.CSV, f"{reports}/overview.csv", [teacher]),
    ]


def first_student(classroom_id: int) -> int:
    """The report class's first current student (the drill-down's)."""
    return db.session.scalar(
        select(Enrollment.student_id)
        .where(Enrollment.classroom_id == classroom_id, Enrollment.removed_at.is_(None))
        .order_by(Enrollment.student_id)
    )


def dashboard_students(report_class_id: int) -> list[str]:
    """Students spread over the school (not the report class, whose pages must not move under the reports)."""
    in_report_class = select(Enrollment.student_id).where(Enrollment.classroom_id == report_class_id)
    names = db.session.scalars(
        select(User.username).where(User.role == "student", User.id.not_in(in_report_class)).order_by(User.id)
    ).all()
    step = max(1, len(names) // DASHBOARD_STUDENTS)
    return names[::step][:DASHBOARD_STUDENTS]


def load_tests(server: Server, catalog, school) -> tuple[list, str]:
    """Every read figure, the answering run and its check, and the baseline again; ([(request, Measure)], check)."""
    measures = []
    for name, path, clients in read_runs(server.base_url, school):
        measures.append((path, read_run(server, name, path, clients, beside=path != "/health/bare")))
    server.memory["after the report requests"] = server.rss()
    answer, verification = answering(server, catalog, school, beside=True)
    measures.append(("POST /quizzes/attempts/<id>/items/<n>", answer))
    measures.append(("/health/bare", read_run(server, f"{BASELINE}, end", "/health/bare", [])))
    server.memory["at the end"] = server.rss()
    return measures, verification


def read_run(server: Server, name: str, path: str, clients: list, beside: bool = False) -> Measure:
    """A warm-up, then timed runs of GET `path` (each after a bare route's run if `beside`); the quietest is kept."""
    check_pages([(client, path) for client in clients])
    lines = [("GET", path, cookie_header(c), "") for c in clients] or [("GET", path, "", "")]
    requests = write_requests(WORK / "requests.txt", lines)
    server.wrk(name, requests, WARM_UP)
    return quietest(name, lambda: beside_bare(server, beside, lambda: server.wrk(name, requests, SECONDS)))


def beside_bare(server: Server, wanted: bool, measure_once) -> Measure:
    """`measure_once()`, right after a BESIDE_SECONDS run of the bare route when `wanted` (kept in `beside`)."""
    if not wanted:
        return measure_once()
    requests = write_requests(WORK / "bare.txt", [("GET", "/health/bare", "", "")])
    bare = server.wrk(BESIDE, requests, BESIDE_SECONDS)
    return replace(measure_once(), beside=(bare.rps, bare.p95_ms))


def quietest(name: str, measure_once) -> Measure:
    """Measure until other processes left the machine mostly alone (TRIES at most); keep the quietest run."""
    runs = []
    for _ in range(TRIES):
        runs.append(measure_once())
        m = runs[-1]
        say(f"{name}: {m.rps:,.0f} req/s, p50 {m.p50_ms:.1f} ms, p95 {m.p95_ms:.1f} ms, other load {m.others_cpu:.0%}")
        if m.others_cpu <= QUIET:
            break
    return replace(min(runs, key=lambda m: m.others_cpu), tries=len(runs))


def answering(server: Server, catalog, school, beside: bool = False) -> tuple:
    """A probe sizes the pool (each request a new answer), then the timed run (`beside`: see beside_bare)."""
    in_class = select(Enrollment.student_id).where(Enrollment.classroom_id == school.report_class_id)
    exclude = set(db.session.scalars(in_class).all())
    checks = []
    probe = answer_run(server, catalog, "probe", WARM_UP, 1500, exclude, checks, beside=False)
    needed = int(probe.rps * SECONDS * 1.5) + 500
    timed = [0]

    def once() -> Measure:
        timed[0] += 1
        return answer_run(server, catalog, f"timed {timed[0]}", SECONDS, needed, exclude, checks, beside)

    measure = quietest(targets.ANSWER, once)
    verdict = "PASS" if all(check.startswith("PASS") for _, check in checks) else "FAIL"
    return measure, f"{verdict}. " + "; ".join(f"{label} run: {check}" for label, check in checks)


def answer_run(
    server: Server, catalog, label: str, seconds: int, needed: int, exclude: set[int], checks, beside: bool
) -> Measure:
    """One wrk run of new answers from students not in `exclude` (then excluded), checked against the database."""
    say(f"answering ({label}): preparing {needed} unanswered items ...")
    pool = build_pool(server.base_url, catalog, PASSWORD, needed, exclude, seed=len(exclude))
    exclude |= set(pool.student_ids)
    requests = write_requests(WORK / "answers.txt", pool.lines)
    prefix = f"acks-{label.replace(' ', '-')}-"
    for old in WORK.glob(f"{prefix}*.txt"):
        old.unlink()
    measure = beside_bare(
        server, beside, lambda: server.wrk(targets.ANSWER, requests, seconds, mode="once", acks=WORK / prefix)
    )
    db.session.rollback()  # a new read transaction: see every answer the server stored
    check = verify(pool, read_acks(WORK, prefix), CONNECTIONS)
    checks.append((label, f"{check.summary()} ({len(pool.student_ids)} students, {len(pool.lines)} answers ready)"))
    say(f"answering ({label}): {checks[-1][1]}")
    return measure


if __name__ == "__main__":
    sys.exit(main())
