"""The issue's targets, each checked against the figures of one run (ratios to that run's baseline)."""

from __future__ import annotations

from bench.results import Outcome, Run

ANSWER_SHARE = 0.40  # answering an item: at least 40% of the baseline's requests/s
DASHBOARD_SHARE = 0.50
REPORT_P95 = 5.0  # report pages and the CSV export: p95 within 5x the baseline's p95
SHIPPED_LOAD_S = 0.5
MULTIPLIED_LOAD_RATIO = 20.0  # 100x the items in under 20x the time
WORKER_RSS_MB = 120.0

ANSWER = "answering an item"
DASHBOARD = "student dashboard"
DRILL_DOWN = "student drill-down"
REPORTS = ("class overview", "skill matrix", "item analysis", DRILL_DOWN)
CSV = "CSV export"


def evaluate(run: Run) -> list[Outcome]:
    """PASS/MISS for every target."""
    base = run.baseline
    by_name = {m.name: m for _, m in run.measures}
    outcomes = []
    for name, share in ((ANSWER, ANSWER_SHARE), (DASHBOARD, DASHBOARD_SHARE)):
        m = by_name[name]
        outcomes.append(
            Outcome(
                f"{name}: at least {share:.0%} of the baseline's req/s",
                f"{m.rps:,.0f} req/s = {m.rps / base.rps:.1%}",
                m.clean and m.rps >= share * base.rps,
            )
        )
    for name in (*REPORTS, CSV):
        m = by_name[name]
        outcomes.append(
            Outcome(
                f"{name}: p95 within {REPORT_P95:g}x the baseline's p95 ({base.p95_ms:.1f} ms)",
                f"p95 {m.p95_ms:.1f} ms = {m.p95_ms / base.p95_ms:.1f}x",
                m.clean and m.p95_ms <= REPORT_P95 * base.p95_ms,
            )
        )
    same = {page: by[5] == by[500] for page, by in run.queries.items()}
    outcomes.append(
        Outcome(
            "report SQL statements: the same count for a class of 5 and of 500",
            ", ".join(f"{page} {by[5]}/{by[500]}" for page, by in run.queries.items()),
            all(same.values()),
        )
    )
    shipped, multiplied = run.content["shipped"], run.content["100x items"]
    outcomes.append(
        Outcome(
            f"shipped content loads and cross-checks in under {SHIPPED_LOAD_S} s",
            f"{shipped.seconds:.3f} s",
            shipped.seconds < SHIPPED_LOAD_S and shipped.errors == 0,
        )
    )
    ratio = multiplied.seconds / shipped.seconds
    outcomes.append(
        Outcome(
            f"100x the items load in under {MULTIPLIED_LOAD_RATIO:g}x the time",
            f"{multiplied.items:,} items in {multiplied.seconds:.2f} s = {ratio:.1f}x",
            ratio < MULTIPLIED_LOAD_RATIO and multiplied.errors == 0,
        )
    )
    at_rest = max(run.memory["at rest"])
    outcomes.append(
        Outcome(f"a worker at rest under {WORKER_RSS_MB:g} MB RSS", f"{at_rest:.1f} MB", at_rest < WORKER_RSS_MB)
    )
    return outcomes
