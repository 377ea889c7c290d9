"""The query plans of every report page: each SQL statement a page runs, under EXPLAIN (ANALYZE, BUFFERS).

In-process on PostgreSQL: the class's teacher signs in through the real form with the test client, a
before_cursor_execute listener keeps each statement a page runs with its bound values, and each is run again
under EXPLAIN ANALYZE. A sequential scan over a table that grows with the district (responses, attempts,
enrolments, lesson progress) is what a report for one class must never need: `seq_scans` names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event

from bench.query_counts import signed_in_client
from crosscheck.extensions import db

GROWING = ("response", "attempt", "enrollment", "lesson_progress", "user", "work_stamp", "class_stamp")
SEQ_SCAN = re.compile(r'Seq Scan on "?(\w+)"?')


@dataclass
class PagePlans:
    """One page's statements and their plans."""

    page: str
    plans: list[tuple[str, str]] = field(default_factory=list)  # (statement, EXPLAIN ANALYZE output)

    @property
    def seq_scans(self) -> list[str]:
        """The growing tables some statement of the page reads with a sequential scan."""
        return sorted({t for _, plan in self.plans for t in SEQ_SCAN.findall(plan) if t in GROWING})

    @property
    def execution_ms(self) -> float:
        """The statements' execution time in total, as EXPLAIN ANALYZE measured it."""
        return sum(float(m) for _, plan in self.plans for m in re.findall(r"Execution Time: ([\d.]+) ms", plan))

    def text(self) -> str:
        """Every statement and its plan, for bench/plans/."""
        parts = [f"{self.page}: {len(self.plans)} statements, {self.execution_ms:.1f} ms executing in all\n"]
        for n, (statement, plan) in enumerate(self.plans, start=1):
            parts.append(f"-- statement {n}\n{statement.strip()}\n\n{plan}\n")
        return "\n".join(parts)


def explain_pages(app, username: str, pages: list[str]) -> list[PagePlans]:
    """EXPLAIN ANALYZE of every statement each page (a path) runs for `username`."""
    client = signed_in_client(app, username)
    captured: list[tuple[str, object]] = []
    with app.app_context():
        engine = db.engine

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:
        captured.append((statement, parameters))

    results = []
    for path in pages:
        client.get(path)  # warm: the statements are built and compiled once
        captured.clear()
        event.listen(engine, "before_cursor_execute", keep)
        try:
            response = client.get(path)
        finally:
            event.remove(engine, "before_cursor_execute", keep)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        page = PagePlans(path)
        with engine.connect() as conn:
            for statement, parameters in captured:
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                rows = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters).all()
                page.plans.append((statement, "\n".join(row[0] for row in rows)))
            conn.rollback()
        results.append(page)
    return results


def write_plans(folder: Path, label: str, pages: list[PagePlans]) -> list[Path]:
    """bench/plans/<label>-<page>.txt for each page (the folder keeps the latest run's)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{label}-*.txt"):  # an earlier run's (its drill-down may name another student)
        old.unlink()
    written = []
    for page in pages:
        name = re.sub(r"[^a-z0-9]+", "-", page.page.lower()).strip("-")
        path = folder / f"{label}-{name}.txt"
        path.write_text(page.text())
        written.append(path)
    return written
