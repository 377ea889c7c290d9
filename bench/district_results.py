"""`make bench-district`'s figures as Markdown: school and district side by side, the 1.25 x goal, the plans,
the storage figures. Printed, and appended to bench/RESULTS.md."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime

from bench import targets
from bench.results import RESULTS, _ms, append, machine
from bench.wrk import CONNECTIONS, THREADS

SAME_AS_SCHOOL = 1.25  # a class's report p95 and a student's dashboard p95: at most this x the school's
GOAL_FIGURES = ("class overview", "skill matrix", "item analysis", targets.DRILL_DOWN, targets.CSV, targets.DASHBOARD)


def _postgres_version() -> str:
    try:
        done = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False, timeout=10)
    except OSError:
        return "PostgreSQL (version unknown)"
    return done.stdout.strip().replace("psql (PostgreSQL) ", "PostgreSQL ")


def _mb(size: int) -> str:
    return f"{size / 1e9:.2f} GB" if size >= 1e9 else f"{size / 1e6:.0f} MB"


def _summary_line(m) -> str:
    s, c = m.summary, m.summary.counts
    return (
        f"- {m.label}: {s.students:,} students, {c['classroom']:,} classes, {c['attempt']:,} attempts, "
        f"{c['response']:,} responses, {c['lesson_progress']:,} lesson progress rows; generated with COPY in "
        f"{s.seconds} s (database `{s.database}`)."
    )


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base > 0 else "n/a"


def scans_text(school_page, district_page) -> str:
    """The district's sequential scans over growing tables (the goal), the school's in brackets: on a 2,000-student
    school a sequential scan is often the planner's right choice, and says nothing of the district."""

    def names(page) -> str:
        return ", ".join(page.seq_scans) or "none"

    return f"{names(district_page)} (school: {names(school_page)})"


def render_district(measured: list, seconds: int, took: float) -> str:
    """The run's section of RESULTS.md."""
    school, district = measured
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    lines = [
        f"## {when}: district and school on PostgreSQL (`make bench-district`)",
        "",
        f"Machine: {machine()}; {_postgres_version()}. Load average at the end: {load}.",
        f"Server: gunicorn.conf.py with 2 sync workers on 127.0.0.1, production settings; PostgreSQL on 127.0.0.1 "
        f"(fsync on, shared_buffers 512MB). Load: wrk -t{THREADS} -c{CONNECTIONS}, {seconds} s per figure after a "
        f"2 s warm-up.",
        "Measured interleaved: both servers ran at once, and each figure was measured on the school and on the "
        "district back to back before the next; the side measured first alternates row by row (school first in "
        "the first row, district first in the second, and so on), so the machine's drift during the run falls on "
        "neither side. Plans and CPU per request in-process were measured one database after the other.",
        *(_summary_line(m) for m in measured),
        "",
        "| what | request | school req/s | p50 | p95 | vs bare | district req/s | p50 | p95 | vs bare | p95 district / school |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_name = {m.label: {measure.name: (request, measure) for request, measure in m.measures} for m in measured}
    for name, (request, s) in by_name["school"].items():
        d = by_name["district"][name][1]
        request = (
            request.replace(str(school.summary.report_class_id), "<class>", 1) if "/reports/" in request else request
        )
        lines.append(
            f"| {name} | `{request}` | {s.rps:,.0f} | {_ms(s.p50_ms)} | {_ms(s.p95_ms)} | "
            f"{s.rps / school.baseline.rps:.1%} | {d.rps:,.0f} | {_ms(d.p50_ms)} | {_ms(d.p95_ms)} | "
            f"{d.rps / district.baseline.rps:.1%} | {_ratio(d.p95_ms, s.p95_ms)} |"
        )
    lines += [
        "",
        "Other load (share of the machine used by processes other than both servers, PostgreSQL, wrk and the "
        "benchmark) per figure, school / district: ",
    ]
    lines[-1] += ", ".join(
        f"{name} {s.others_cpu:.0%} / {by_name['district'][name][1].others_cpu:.0%}"
        for name, (_, s) in by_name["school"].items()
    )
    lines += ["", f"Answers check: school {school.verification}; district {district.verification}", ""]
    lines += ["| goal: p95 within 1.25 x the school's | school p95 | district p95 | ratio | result |"]
    lines += ["| --- | ---: | ---: | ---: | --- |"]
    for name in GOAL_FIGURES:
        s, d = by_name["school"][name][1], by_name["district"][name][1]
        met = s.p95_ms > 0 and d.p95_ms <= SAME_AS_SCHOOL * s.p95_ms and s.clean and d.clean
        lines.append(
            f"| {name} | {_ms(s.p95_ms)} | {_ms(d.p95_ms)} | {_ratio(d.p95_ms, s.p95_ms)} | {'PASS' if met else 'MISS'} |"
        )
    lines += [
        "",
        "| in-process, test client | CPU per request, school | district | each request building its page: school | district |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    built = {side.label: {n: f"{ms:.2f} ms" for n, ms in side.cpu_built.items()} for side in (school, district)}
    lines += [
        f"| {name} | {ms:.2f} ms | {district.cpu[name]:.2f} ms | {built['school'].get(name, '')} "
        f"| {built['district'].get(name, '')} |"
        for name, ms in school.cpu.items()
    ]
    lines += [
        "",
        "| report page (EXPLAIN ANALYZE, bench/plans/) | statements | executing, school | district "
        "| sequential scans over growing tables: district (school) |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for s_page, d_page in zip(school.plans, district.plans, strict=True):
        page = s_page.page.replace(f"/reports/classes/{school.summary.report_class_id}/", "")
        lines.append(
            f"| `{page}` | {len(d_page.plans)} | {s_page.execution_ms:.1f} ms | {d_page.execution_ms:.1f} ms "
            f"| {scans_text(s_page, d_page)} |"
        )
    lines += ["", f"Measuring took {took:.0f} s (generating too, where the kept databases were stale).", ""]
    return "\n".join(lines)


def render_storage(storage: dict) -> str:
    """The district's size and backup figures, appended after the run's section."""
    return (
        f"District storage (same run): database {_mb(storage['database bytes'])}; `pg_dump -Fc` "
        f"{storage['dump seconds']} s ({_mb(storage['dump bytes'])}); `pg_restore -j 2` into a new database "
        f"{storage['restore seconds']} s (responses restored: {'all' if storage['restored rows equal'] else 'NOT all'}). "
        f"Load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}.\n"
    )


def append_district(section: str) -> None:
    """Add the section at the end of RESULTS.md."""
    append(section, RESULTS)
