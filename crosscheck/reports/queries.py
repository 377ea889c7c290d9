"""The fixed set of SQL aggregates the reports run: one query each, whatever the size of the class.

Progress per assignment and skill points live in crosscheck/classes/progress.py (the student dashboard uses
them too); this module adds the roster and what the item analysis and the student drill-down need. Every
figure is an aggregate over stored responses of each student's latest submitted attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Text, cast, func, select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Enrollment
from crosscheck.classes.progress import db_rows, latest_submitted
from crosscheck.quizzes.models import Attempt, ItemVersion, Response


@dataclass(frozen=True)
class Student:
    """A student on a report."""

    id: int
    name: str
    username: str


def class_students(classroom_id: int):
    """SELECT of the ids of the class's current students (removed ones are left out)."""
    return select(Enrollment.student_id).where(Enrollment.classroom_id == classroom_id, Enrollment.removed_at.is_(None))


def roster(classroom_id: int) -> list[Student]:
    """The class's current students by name: one query."""
    query = (
        select(User.id, User.display_name, User.username)
        .join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.classroom_id == classroom_id, Enrollment.removed_at.is_(None))
        .order_by(func.lower(User.display_name), User.id)
    )
    return [Student(*row) for row in db_rows(query)]


def _attempt_totals(students, module_id: str):
    """Subquery: each latest submitted attempt's id, student and total points (0 when nothing was answered)."""
    latest = latest_submitted(students, [module_id])
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


def module_totals(students, module_id: str) -> tuple[int, float, float]:
    """(attempts N, sum of totals, sum of squared totals) over the latest submitted attempts: one query."""
    totals = _attempt_totals(students, module_id)
    query = select(
        func.count(totals.c.id),
        func.coalesce(func.sum(totals.c.total), 0.0),
        func.coalesce(func.sum(totals.c.total * totals.c.total), 0.0),
    )
    n, total, total_squared = db_rows(query)[0]
    return int(n), float(total), float(total_squared)


@dataclass(frozen=True)
class ItemSums:
    """Sums over the latest submitted attempts that answered an item (unanswered ones add 0 to each)."""

    answered: int
    points: float  # sum of x
    points_squared: float  # sum of x^2
    points_times_total: float  # sum of x * X, X = the attempt's total
    max_points: float  # the largest max_points stored, for items no longer in the catalog


def item_sums(students, module_id: str) -> dict[str, ItemSums]:
    """Per item: count, sum x, sum x^2, sum x*X over the latest submitted attempts: one query."""
    totals = _attempt_totals(students, module_id)
    query = (
        select(
            Response.item_id,
            func.count(Response.id),
            func.sum(Response.points),
            func.sum(Response.points * Response.points),
            func.sum(Response.points * totals.c.total),
            func.max(Response.max_points),
        )
        .join(totals, totals.c.id == Response.attempt_id)
        .group_by(Response.item_id)
    )
    return {row[0]: ItemSums(int(row[1]), *(float(v) for v in row[2:])) for row in db_rows(query)}


def answer_counts(students, module_id: str) -> list[tuple[str, str, str, int]]:
    """(item id, item hash, answer as JSON text, how many) over the latest submitted attempts: one query."""
    latest = latest_submitted(students, [module_id])
    answer = cast(Response.answer, Text)
    query = (
        select(Response.item_id, Response.item_hash, answer, func.count())
        .join(latest, latest.c.id == Response.attempt_id)
        .group_by(Response.item_id, Response.item_hash, answer)
    )
    return [tuple(row) for row in db_rows(query)]


def item_versions(students, module_id: str) -> dict[str, list[tuple[str, dict, datetime]]]:
    """Every stored version of each item the class answered: item id -> [(hash, content, first seen)]: one query."""
    used = (
        select(Response.item_hash)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.user_id.in_(students), Attempt.module_id == module_id)
        .distinct()
    )
    query = (
        select(ItemVersion.item_id, ItemVersion.hash, ItemVersion.content, ItemVersion.first_seen)
        .where(ItemVersion.hash.in_(used))
        .order_by(ItemVersion.item_id, ItemVersion.first_seen, ItemVersion.hash)
    )
    versions: dict[str, list[tuple[str, dict, datetime]]] = {}
    for item_id, item_hash, content, first_seen in db_rows(query):
        versions.setdefault(item_id, []).append((item_hash, content, first_seen))
    return versions


def student_item_points(students, module_id: str) -> dict[tuple[int, str], float]:
    """(student, item) -> points in the student's latest submitted attempt: one query (for the CSV)."""
    latest = latest_submitted(students, [module_id])
    query = select(latest.c.user_id, Response.item_id, Response.points).join(
        Response, Response.attempt_id == latest.c.id
    )
    return {(user_id, item_id): float(points) for user_id, item_id, points in db_rows(query)}


@dataclass(frozen=True)
class AttemptRow:
    """One attempt of the student drill-down, with its points summed from its responses."""

    id: int
    module_id: str
    number: int
    started_at: datetime
    submitted_at: datetime | None
    points: float


def student_attempts(student_id: int, module_ids: list[str]) -> list[AttemptRow]:
    """Every attempt (submitted or not) of one student at these modules, with points: one query."""
    query = (
        select(
            Attempt.id,
            Attempt.module_id,
            Attempt.number,
            Attempt.started_at,
            Attempt.submitted_at,
            func.coalesce(func.sum(Response.points), 0.0),
        )
        .outerjoin(Response, Response.attempt_id == Attempt.id)
        .where(Attempt.user_id == student_id, Attempt.module_id.in_(module_ids))
        .group_by(Attempt.id)
        .order_by(Attempt.module_id, Attempt.number)
    )
    return [AttemptRow(*row[:5], float(row[5])) for row in db_rows(query)]


@dataclass(frozen=True)
class AnswerRow:
    """One response with the item content as it was when answered."""

    attempt_id: int
    item_id: str
    answer: dict
    points: float
    max_points: float
    answered_at: datetime
    content: dict


def student_answers(student_id: int, module_ids: list[str]) -> list[AnswerRow]:
    """Every response of one student at these modules, joined to the item version answered: one query."""
    query = (
        select(
            Response.attempt_id,
            Response.item_id,
            Response.answer,
            Response.points,
            Response.max_points,
            Response.answered_at,
            ItemVersion.content,
        )
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(ItemVersion, ItemVersion.hash == Response.item_hash)
        .where(Attempt.user_id == student_id, Attempt.module_id.in_(module_ids))
        .order_by(Response.attempt_id, Response.answered_at, Response.id)
    )
    return [AnswerRow(*row) for row in db_rows(query)]
