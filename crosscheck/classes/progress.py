"""How far students are with their assigned work: SQL aggregates over attempts, responses and lesson progress.

Every function takes `students` (a list of user ids or a SELECT of them) and runs one query whatever their
number. Scores are sums over stored responses; nothing here is a counter kept by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from crosscheck.quizzes.models import Attempt, ItemVersion, Response


def latest_submitted(students, module_ids) -> Select:
    """Each student's latest submitted attempt of each module: (id, user_id, module_id)."""
    ranked = (
        select(
            Attempt.id,
            Attempt.user_id,
            Attempt.module_id,
            func.row_number()
            .over(partition_by=(Attempt.user_id, Attempt.module_id), order_by=Attempt.number.desc())
            .label("rank"),
        )
        .where(Attempt.submitted_at.is_not(None), Attempt.user_id.in_(students), Attempt.module_id.in_(module_ids))
        .subquery("ranked")
    )
    return select(ranked.c.id, ranked.c.user_id, ranked.c.module_id).where(ranked.c.rank == 1).subquery("latest")


@dataclass(frozen=True)
class QuizSummary:
    """One student's attempts at one module."""

    attempts: int
    first_submitted: datetime | None
    latest_points: float | None  # None until an attempt is submitted


def quiz_summaries(students, module_ids) -> dict[tuple[int, str], QuizSummary]:
    """Attempts, first submission and the latest submitted attempt's points per (student, module): one query."""
    latest = latest_submitted(students, module_ids)
    latest_points = (
        select(latest.c.user_id, latest.c.module_id, func.coalesce(func.sum(Response.points), 0.0).label("points"))
        .select_from(latest)
        .outerjoin(Response, Response.attempt_id == latest.c.id)
        .group_by(latest.c.user_id, latest.c.module_id)
        .subquery("latest_points")
    )
    summary = (
        select(
            Attempt.user_id,
            Attempt.module_id,
            func.count(Attempt.id).label("attempts"),
            func.min(Attempt.submitted_at).label("first_submitted"),
        )
        .where(Attempt.user_id.in_(students), Attempt.module_id.in_(module_ids))
        .group_by(Attempt.user_id, Attempt.module_id)
        .subquery("summary")
    )
    query = select(summary, latest_points.c.points).outerjoin(
        latest_points,
        (latest_points.c.user_id == summary.c.user_id) & (latest_points.c.module_id == summary.c.module_id),
    )
    return {
        (row.user_id, row.module_id): QuizSummary(row.attempts, _as_datetime(row.first_submitted), row.points)
        for row in db_rows(query)
    }


def lesson_states(students, lesson_ids) -> dict[tuple[int, str], tuple[datetime, datetime | None]]:
    """(opened_at, completed_at) per (student, lesson): one query."""
    query = select(
        LessonProgress.user_id, LessonProgress.lesson_id, LessonProgress.opened_at, LessonProgress.completed_at
    ).where(LessonProgress.user_id.in_(students), LessonProgress.lesson_id.in_(lesson_ids))
    return {(row.user_id, row.lesson_id): (row.opened_at, row.completed_at) for row in db_rows(query)}


def skill_points(students, module_ids) -> dict[tuple[int, str, str], tuple[float, float]]:
    """(points, max points answered) per (student, module, skill) over each latest submitted attempt: one query."""
    latest = latest_submitted(students, module_ids)
    skill = ItemVersion.content["skill"].as_string()
    query = (
        select(
            latest.c.user_id,
            latest.c.module_id,
            skill.label("skill"),
            func.sum(Response.points).label("points"),
            func.sum(Response.max_points).label("max_points"),
        )
        .select_from(latest)
        .join(Response, Response.attempt_id == latest.c.id)
        .join(ItemVersion, ItemVersion.hash == Response.item_hash)
        .group_by(latest.c.user_id, latest.c.module_id, skill)
    )
    return {(r.user_id, r.module_id, r.skill): (float(r.points), float(r.max_points)) for r in db_rows(query)}


def db_rows(query):
    """Run a query through the app's session and return every row."""
    return db.session.execute(query).all()


def _as_datetime(value) -> datetime | None:
    """MIN() over a DateTime column comes back as text on SQLite; parse it there."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
