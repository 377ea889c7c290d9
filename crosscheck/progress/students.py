"""Whose work a statement reads, and the class roster the reports list.

A statement reads one of two shapes of students: the current students of a class (a ClassStudents, resolved
inside the statement, for the reports: a report never ships its roster back) or a list of user ids (the
dashboard and the drill-down). Removed students are never a class's current students.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Enrollment
from crosscheck.progress.statements import STATEMENTS, run


@dataclass(frozen=True)
class ClassStudents:
    """The current students of a class (removed ones are left out), resolved inside the statement."""

    classroom_id: int


def students_shape(students) -> str:
    """'class' for a ClassStudents, 'list' for user ids: the part of a statement's cache key they decide."""
    return "class" if isinstance(students, ClassStudents) else "list"


def students_clause(shape: str):
    """SQL for `user_id IN (...)`: the class's current students, or an expanding list of ids."""
    if shape == "class":
        return select(Enrollment.student_id).where(
            Enrollment.classroom_id == bindparam("classroom_id"), Enrollment.removed_at.is_(None)
        )
    return bindparam("students", expanding=True)


def students_params(students) -> dict:
    """The bound values for students_clause."""
    if isinstance(students, ClassStudents):
        return {"classroom_id": students.classroom_id}
    return {"students": list(students)}


def class_students(classroom_id: int) -> ClassStudents:
    """The class's current students (removed ones are left out), for the aggregates to select inside SQL."""
    return ClassStudents(classroom_id)


@dataclass(frozen=True)
class Student:
    """A student on a report."""

    id: int
    name: str
    username: str


def _roster_statement():
    """The statement roster runs; the class is bound as "classroom_id"."""
    return (
        select(User.id, User.display_name, User.username)
        .join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.classroom_id == bindparam("classroom_id"), Enrollment.removed_at.is_(None))
        .order_by(func.lower(User.display_name), User.id)
    )


def roster(classroom_id: int) -> list[Student]:
    """The class's current students by name: one query."""
    statement = STATEMENTS.get("roster", _roster_statement)
    return [Student(*row) for row in run(statement, {"classroom_id": classroom_id})]
