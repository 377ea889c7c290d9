"""The benchmark's figures as Markdown: the machine, each measurement and its ratio to the baseline of the
same run, and PASS/MISS per target. Printed, and appended to bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.wrk import CONNECTIONS, THREADS, Measure

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = """# Benchmark results

Each `make bench` run appends a section (newest last). How to run it and what each figure means:
[docs/benchmarks.md](../docs/benchmarks.md). Absolute numbers depend on the machine; compare the ratios to the
baseline measured in the same run.
"""


@dataclass(frozen=True)
class Outcome:
    """One target: what it asks, what was measured, and whether it was met."""

    target: str
    measured: str
    met: bool


@dataclass
class Run:
    """Everything one `make bench` measured."""

    school: dict
    seconds: int
    baseline: Measure
    measures: list[tuple[str, Measure]]  # (what was requested, figures); the baseline is the first
    content: dict  # "shipped" / "100x" -> LoadTime
    queries: dict[str, dict[int, int]]
    cpu: dict[str, float]  # page -> CPU ms per request in-process, as served (kept pages taken)
    memory: dict[str, list[float]]  # "at rest" / "after reports" -> MB per worker
    verification: str
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cpu_built: dict[str, float] = field(default_factory=dict)  # page -> the same with every request building


def machine() -> str:
    """Cores, CPU, Python, SQLite and wrk versions, and the commit measured."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    wrk = _command(["wrk", "--version"]).split(" [")[0]
    commit = _command(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    # The run's own outputs (this file and the profiles written before it) do not make the code uncommitted.
    status = [
        "git",
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        ".",
        ":!bench/RESULTS.md",
        ":!bench/profiles",
    ]
    dirty = " (with uncommitted changes)" if _command(status) else ""
    return (
        f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{wrk}; commit {commit}{dirty}"
    )


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _command(args: list[str]) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return ""
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else ""


def _ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def beside(m: Measure) -> str:
    """The figure's ratios to the bare route run just before it, or a dash."""
    if m.beside is None:
        return "-"
    rps, p95_ms = m.beside
    return f"{m.rps / rps:.1%}, {m.p95_ms / p95_ms:.1f}x ({rps:,.0f} req/s)"


def measures_table(run: Run) -> list[str]:
    """One row per wrk run: requests/s, p50, p95 and the ratios to the baseline."""
    base = run.baseline
    rows = [
        "| what | request | req/s | p50 | p95 | req/s vs baseline | p95 vs baseline | vs the bare route just before "
        "(req/s, p95) | clean | other load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for request, m in run.measures:
        tries = f" (quietest of {m.tries} runs)" if m.tries > 1 else ""
        clean = (
            "yes"
            if m.clean
            else f"no ({m.errors_status} error statuses, {m.errors_socket} socket, {m.exhausted} past the list)"
        )
        rows.append(
            f"| {m.name} | `{request}` | {m.rps:,.0f} | {_ms(m.p50_ms)} | {_ms(m.p95_ms)} | "
            f"{m.rps / base.rps:.1%} | {m.p95_ms / base.p95_ms:.1f}x | {beside(m)} | {clean} | {m.others_cpu:.0%}{tries} |"
        )
    return rows


def render(run: Run) -> str:
    """The run's section of RESULTS.md."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    s = run.school
    counts = s["counts"]
    lines = [
        f"## {when}",
        "",
        f"Machine: {machine()}.",
        f"Server: gunicorn.conf.py with 2 sync workers on 127.0.0.1, production settings, SQLite in WAL mode. "
        f"Load: wrk -t{THREADS} -c{CONNECTIONS}, {run.seconds} s per figure after a 2 s warm-up.",
        f"School: {counts['user'] - 1:,} users ({s['students']:,} students), {counts['classroom']} classes, "
        f"{counts['attempt']:,} attempts, {counts['response']:,} responses, {counts['lesson_progress']:,} lesson "
        f"progress rows; generated in {s['seconds']} s (seed {s['seed']}). Report class: {s['report_class_students']} "
        f"students.",
        "",
        *measures_table(run),
        "",
        f"Answers check: {run.verification}",
        "",
        "| content | quickest load | runs | modules | items | errors |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for label, load in run.content.items():
        runs = ", ".join(f"{t:.3f}" for t in load.runs)
        lines.append(f"| {label} | {load.seconds:.3f} s | {runs} | {load.modules} | {load.items:,} | {load.errors} |")
    base_cpu = next(iter(run.cpu.values()))
    lines += [
        "",
        "| in-process, test client | CPU per request | vs baseline | each request building its page |",
        "| --- | ---: | ---: | ---: |",
    ]
    built = {name: f"{ms:.2f} ms" for name, ms in run.cpu_built.items()}
    lines += [
        f"| {name} | {ms:.2f} ms | {ms / base_cpu:.1f}x | {built.get(name, '')} |" for name, ms in run.cpu.items()
    ]
    lines += ["", "| report page | SQL statements, class of 5 | class of 500 |", "| --- | ---: | ---: |"]
    lines += [f"| `{page}` | {by[5]} | {by[500]} |" for page, by in run.queries.items()]
    lines += ["", "| worker memory (RSS) | per worker |", "| --- | --- |"]
    lines += [f"| {label} | {', '.join(f'{mb:.1f} MB' for mb in mbs)} |" for label, mbs in run.memory.items()]
    lines += ["", "| target | measured | result |", "| --- | --- | --- |"]
    lines += [f"| {o.target} | {o.measured} | {'PASS' if o.met else 'MISS'} |" for o in run.outcomes]
    lines += ["", *run.notes, ""] if run.notes else [""]
    return "\n".join(lines)


def append(section: str, path: Path = RESULTS) -> None:
    """Add the section at the end of RESULTS.md (created with its header the first time)."""
    existing = path.read_text() if path.exists() else HEADER
    path.write_text(existing.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n")
