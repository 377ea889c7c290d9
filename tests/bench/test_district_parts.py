"""The district run's pure parts: the interleaved order of its wrk figures, and how its results read (the goal
table, the sequential scans column). No PostgreSQL, no server: figures as wrk prints them."""

from __future__ import annotations

from dataclasses import replace

from bench import targets
from bench.district_interleaved import BASELINE_END, BASELINE_START, Side, figures, interleaved
from bench.district_results import render_district, scans_text
from bench.district_run import pages
from bench.generate import Summary
from bench.plans import PagePlans
from bench.wrk import parse
from tests.bench.test_bench_parts import WRK_OUTPUT

SIDES = ("school", "district")


def _summary(database: str, students: int) -> Summary:
    counts = {"classroom": students // 25, "attempt": students * 19, "response": students * 220, "lesson_progress": 7}
    return Summary(database, 7, counts, students, 4.2, 1, 35, "teacher1", f"student{students}", "pw")


def test_the_figures_run_from_the_bare_route_to_the_bare_route_again():
    names = figures(pages(_summary("school_x", 2000)))
    assert names[0] == BASELINE_START and names[-1] == BASELINE_END and names[-2] == targets.ANSWER
    assert targets.DASHBOARD in names and targets.CSV in names and len(names) == len(set(names)) == 10


def test_each_figure_is_measured_on_both_sides_back_to_back_the_first_side_alternating():
    names = figures(pages(_summary("school_x", 2000)))
    order = interleaved(names, SIDES)
    pairs = [order[n : n + 2] for n in range(0, len(order), 2)]
    assert [pair[0][0] for pair in pairs] == names  # both runs of a figure before the next figure
    assert all(pair[0][0] == pair[1][0] and {pair[0][1], pair[1][1]} == set(SIDES) for pair in pairs)
    assert [pair[0][1] for pair in pairs] == ["school", "district"] * 5
    # The bare route opens school first and closes district first: each side's baseline is measured as early
    # and as late as the other's.
    assert order[:2] == [(BASELINE_START, "school"), (BASELINE_START, "district")]
    assert order[-2:] == [(BASELINE_END, "district"), (BASELINE_END, "school")]


def _plans(page: str, *plans: str) -> PagePlans:
    return PagePlans(page, [("SELECT ...", plan) for plan in plans])


def test_the_scans_column_shows_the_districts_scans_and_the_schools_in_brackets():
    school = _plans("overview", 'Seq Scan on "user"  (cost=0.00..45.00)', "Seq Scan on lesson_progress  (cost=0.00..9)")
    district = _plans("overview", "Index Scan using ix_enrollment_classroom_id on enrollment")
    assert scans_text(school, district) == "none (school: lesson_progress, user)"
    # A table that does not grow with the district (item versions) is not named.
    district = _plans("overview", "Seq Scan on response  (cost=0.00..1.00)", "Seq Scan on item_version  (cost=0..1)")
    assert scans_text(_plans("overview"), district) == "response (school: none)"


def _side(label: str, students: int, slower: float) -> Side:
    summary = _summary(f"{label}_x", students)
    side = Side(label, summary, f"postgresql://127.0.0.1/{label}_x", None, pages(summary))
    measure = parse("", WRK_OUTPUT)
    for name in figures(side.pages):
        figure = replace(measure, name=name, p95_ms=measure.p95_ms * slower, errors_status=0, exhausted=0)
        side.measures.append((f"/reports/classes/1/{name}", figure))
    side.cpu = {name: 1.0 for name, _, _ in side.pages}
    side.cpu_built = {name: 2.0 * slower for name, _, _ in side.pages}
    side.plans = [_plans("/reports/classes/1/overview", "Seq Scan on lesson_progress  (cost=0.00..9)")]
    side.verification = "PASS"
    return side


def test_the_results_say_the_figures_were_measured_interleaved_and_judge_the_goal():
    section = render_district([_side("school", 2000, 1.0), _side("district", 100_000, 1.3)], 10, 300)
    assert "Measured interleaved: both servers ran at once" in section
    assert f"| {targets.DASHBOARD} | 6.6 ms | 8.6 ms | 1.30x | MISS |" in section
    assert "| `overview` | 1 | 0.0 ms | 0.0 ms | lesson_progress (school: lesson_progress) |" in section
    assert f"| {targets.DASHBOARD} | 1.00 ms | 1.00 ms | 2.00 ms | 2.60 ms |" in section  # as served, then built
    section = render_district([_side("school", 2000, 1.0), _side("district", 100_000, 1.2)], 10, 300)
    assert f"| {targets.DASHBOARD} | 6.6 ms | 7.9 ms | 1.20x | PASS |" in section
