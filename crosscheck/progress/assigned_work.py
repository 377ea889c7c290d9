"""A class's assignments resolved against the catalog: title, maximum points, skills and where to open the work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from sqlalchemy import Row, bindparam, select

from crosscheck.classes.models import Assignment, Classroom, Enrollment
from crosscheck.extensions import db
from crosscheck.progress.statements import STATEMENTS, run

KIND_LABELS = {"lesson": "Lesson", "quiz": "Quiz"}
# Where each kind of work opens; the lessons and quizzes blueprints name these endpoints.
WORK_ENDPOINTS = {"lesson": ("lessons.show", "lesson_id"), "quiz": ("quizzes.module", "module_id")}


@dataclass(frozen=True)
class AssignedWork:
    """One assignment with what the catalog says about its lesson or quiz module."""

    assignment_id: int
    kind: str
    target_id: str
    title: str
    due_at: datetime | None
    in_catalog: bool
    max_points: float | None  # quizzes: the sum of the module's item points
    skills: tuple[str, ...]
    scored: bool = True  # False: a pre-test, whose score students never see
    pre_test: str | None = None  # a post-test's pre-test: the class has a gain report for it

    @property
    def label(self) -> str:
        """'Quiz: Spot the unverified claim', for headings and CSV columns."""
        return f"{KIND_LABELS[self.kind]}: {self.title}"


def module_points(module) -> float:
    """The most a quiz module can score: the sum of its items' points."""
    return float(sum(item.points for item in module.items))


def describe(assignment: Assignment, catalog) -> AssignedWork:
    """The assignment with its title and points from the catalog (or its id, if the file has gone)."""
    source = catalog.lessons if assignment.kind == "lesson" else catalog.quizzes
    content = source.get(assignment.target_id)
    if content is None:
        return AssignedWork(
            assignment.id,
            assignment.kind,
            assignment.target_id,
            assignment.target_id,
            assignment.due_at,
            False,
            None,
            (),
        )
    max_points = module_points(content) if assignment.kind == "quiz" else None
    return AssignedWork(
        assignment.id,
        assignment.kind,
        assignment.target_id,
        content.title,
        assignment.due_at,
        True,
        max_points,
        tuple(content.skills),
        assignment.kind != "quiz" or content.settings.scored,
        getattr(content, "pre_test", None),
    )


def class_assignments(classroom_id: int) -> list[Assignment]:
    """The class's assignments: dated ones by due date, then undated, each in the order assigned."""
    query = (
        select(Assignment)
        .where(Assignment.classroom_id == classroom_id)
        .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
    )
    return list(db.session.scalars(query))


def assigned_work(classroom_id: int, catalog) -> list[AssignedWork]:
    """Every assignment of the class, in class_assignments' order, described: one query."""
    return [describe(a, catalog) for a in class_assignments(classroom_id)]


def _classes_statement():
    """The student's open classes (id, name) by name; bound: "student_id"."""
    return (
        select(Classroom.id, Classroom.name)
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(
            Enrollment.student_id == bindparam("student_id"),
            Enrollment.removed_at.is_(None),
            Classroom.archived.is_(False),
        )
        .order_by(Classroom.name, Classroom.id)
    )


def _assignments_statement():
    """The assignments of some classes, soonest due first; bound: "classes"."""
    return (
        select(Assignment.id, Assignment.classroom_id, Assignment.kind, Assignment.target_id, Assignment.due_at)
        .where(Assignment.classroom_id.in_(bindparam("classes", expanding=True)))
        .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
    )


def open_classes_of(student_id: int) -> list[Row]:
    """The student's open (not archived) classes they are still in, by name: rows of (id, name); one query."""
    return run(STATEMENTS.get("open_classes_of", _classes_statement), {"student_id": student_id})


def assignments_in(class_ids: list[int]) -> list[Row]:
    """The assignments of these classes, soonest due first, as rows (id, classroom_id, kind, target_id, due_at).

    Rows, not ORM objects: the dashboard needs a few columns of each, and building and loading the objects was
    a fifth of its time (profiled). One query.
    """
    return run(STATEMENTS.get("assignments_in", _assignments_statement), {"classes": list(class_ids)})


def work_url(work: AssignedWork) -> str | None:
    """The page where a student opens this work; None when its file has gone from the catalog."""
    if not work.in_catalog:
        return None
    endpoint, arg = WORK_ENDPOINTS[work.kind]
    return url_for(endpoint, **{arg: work.target_id})
