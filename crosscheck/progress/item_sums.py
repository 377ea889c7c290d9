"""What the item analysis reads of one module: sums per item and per answer over the latest submitted attempts.

One query each, whatever the size of the class. Every figure is an aggregate over stored responses of each
student's counted submitted attempt (the score policy). Each statement is built once per students' shape and
catalog module (crosscheck/progress/statements.py: the module id and its score policy are written into it) and
run with the students bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Text, cast, func, select

from crosscheck.catalog_access import get_catalog
from crosscheck.items.base import AWAITING
from crosscheck.progress.statements import STATEMENTS, in_catalog_values, modules_key, run
from crosscheck.progress.student_sums import counted_attempt
from crosscheck.progress.students import students_clause, students_params, students_shape
from crosscheck.quizzes.models import Attempt, ItemVersion, Response


def _run_for(name: str, students, module_id: str, build) -> list:
    """Run the statement `build(students SQL, {module_id: catalog module})` makes for these students, built once
    per students' shape and catalog module (None for a module no longer in the catalog)."""
    shape = students_shape(students)
    modules = {module_id: get_catalog().quizzes.get(module_id)}
    statement = STATEMENTS.get(
        (name, shape, modules_key(modules)),
        lambda: build(students_clause(shape), modules),
        tuple(modules.values()),
    )
    return run(statement, students_params(students))


def _attempt_totals(students, modules: dict):
    """Subquery: each counted submitted attempt's id, student and total points (0 when nothing was answered)."""
    latest = counted_attempt(students, modules)
    return (
        select(
            latest.c.id,
            latest.c.user_id,
            func.coalesce(func.sum(Response.points), 0.0).label("total"),
        )
        .select_from(latest)
        .outerjoin(Response, Response.attempt_id == latest.c.id)
        .group_by(latest.c.id, latest.c.user_id)
        .subquery("attempt_totals")
    )


def _module_totals_statement(students, modules: dict):
    """The statement module_totals runs."""
    totals = _attempt_totals(students, modules)
    return select(
        func.count(totals.c.id),
        func.coalesce(func.sum(totals.c.total), 0.0),
        func.coalesce(func.sum(totals.c.total * totals.c.total), 0.0),
    )


def module_totals(students, module_id: str) -> tuple[int, float, float]:
    """(attempts N, sum of totals, sum of squared totals) over the counted submitted attempts: one query."""
    n, total, total_squared = _run_for("module_totals", students, module_id, _module_totals_statement)[0]
    return int(n), float(total), float(total_squared)


def _counted_draws_statement(students, modules: dict):
    """The statement counted_draws runs."""
    totals = _attempt_totals(students, modules)
    return (
        select(totals.c.user_id, totals.c.total, Attempt.drawn)
        .join(Attempt, Attempt.id == totals.c.id)
        .where(Attempt.drawn.is_not(None))
    )


def counted_draws(students, module_id: str) -> list[tuple[int, float, list[str]]]:
    """(student, total, drawn item ids) of each counted submitted attempt that drew items from the module's
    pools: one query, one row per student (never one per answer). Attempts without a draw saw every item."""
    rows = _run_for("counted_draws", students, module_id, _counted_draws_statement)
    return [(user_id, float(total), list(drawn)) for user_id, total, drawn in rows]


@dataclass(frozen=True)
class ItemSums:
    """Sums over the latest submitted attempts that answered an item (unanswered ones add 0 to each)."""

    answered: int
    points: float  # sum of x
    points_squared: float  # sum of x^2
    points_times_total: float  # sum of x * X, X = the attempt's total
    max_points: float  # the largest max_points stored, for items no longer in the catalog
    marked: int = 0  # answers with points (the others await marking; SUM skips them, so they count as 0)


def _item_sums_statement(students, modules: dict):
    """The statement item_sums runs."""
    totals = _attempt_totals(students, modules)
    return (
        select(
            Response.item_id,
            func.count(Response.id),
            func.sum(Response.points),
            func.sum(Response.points * Response.points),
            func.sum(Response.points * totals.c.total),
            func.max(Response.max_points),
            func.count(Response.points),
        )
        .join(totals, totals.c.id == Response.attempt_id)
        .group_by(Response.item_id)
    )


def item_sums(students, module_id: str) -> dict[str, ItemSums]:
    """Per item: count, sum x, sum x^2, sum x*X over the counted submitted attempts: one query."""
    rows = _run_for("item_sums", students, module_id, _item_sums_statement)
    return {  # a NULL sum: every answer awaits marking
        row[0]: ItemSums(int(row[1]), *(float(v or 0) for v in row[2:6]), int(row[6])) for row in rows
    }


def _answer_counts_statement(students, modules: dict):
    """The statement answer_counts runs."""
    latest = counted_attempt(students, modules)
    answer = cast(Response.answer, Text)
    return (
        select(Response.item_id, Response.item_hash, answer, func.count())
        .join(latest, latest.c.id == Response.attempt_id)
        .group_by(Response.item_id, Response.item_hash, answer)
    )


def answer_counts(students, module_id: str) -> list[tuple[str, str, str, int]]:
    """(item id, item hash, answer as JSON text, how many) over the counted submitted attempts: one query."""
    return [tuple(row) for row in _run_for("answer_counts", students, module_id, _answer_counts_statement)]


def _item_versions_statement(students, modules: dict):
    """The statement item_versions runs."""
    used = (
        select(Response.item_hash)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.user_id.in_(students), in_catalog_values(Attempt.module_id, list(modules)))
        .distinct()
    )
    return (
        select(ItemVersion.item_id, ItemVersion.hash, ItemVersion.content, ItemVersion.first_seen)
        .where(ItemVersion.hash.in_(used))
        .order_by(ItemVersion.item_id, ItemVersion.first_seen, ItemVersion.hash)
    )


def item_versions(students, module_id: str) -> dict[str, list[tuple[str, dict, datetime]]]:
    """Every stored version of each item the class answered: item id -> [(hash, content, first seen)]: one query."""
    versions: dict[str, list[tuple[str, dict, datetime]]] = {}
    for item_id, item_hash, content, first_seen in _run_for(
        "item_versions", students, module_id, _item_versions_statement
    ):
        versions.setdefault(item_id, []).append((item_hash, content, first_seen))
    return versions


def _student_item_points_statement(students, modules: dict):
    """The statement student_item_points runs."""
    latest = counted_attempt(students, modules)
    return select(latest.c.user_id, Response.item_id, Response.points).join(
        Response, Response.attempt_id == latest.c.id
    )


def student_item_points(students, module_id: str) -> dict[tuple[int, str], float | str]:
    """(student, item) -> points in the student's latest submitted attempt, or AWAITING: one query (for the CSV)."""
    rows = _run_for("student_item_points", students, module_id, _student_item_points_statement)
    return {(user_id, item_id): AWAITING if p is None else float(p) for user_id, item_id, p in rows}
