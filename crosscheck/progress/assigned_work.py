"""A class's assignments resolved against the catalog: title, maximum points, skills and where to open the work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from sqlalchemy import Row, bindparam, select

from crosscheck.classes.accommodations import Accommodation
from crosscheck.classes.models import Assignment, Classroom, Enrollment
from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
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
    """The most a quiz module can score: its items' points, a pool's draw counted (QuizModule.max_points)."""
    return float(module.max_points)


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


# Prebuilt: a student's page in the reports and the class page read it on every view.
CLASS_ASSIGNMENTS = (
    select(Assignment)
    .where(Assignment.classroom_id == bindparam("classroom_id"))
    .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
)


def class_assignments(classroom_id: int) -> list[Assignment]:
    """The class's assignments: dated ones by due date, then undated, each in the order assigned."""
    return list(db.session.scalars(CLASS_ASSIGNMENTS, {"classroom_id": classroom_id}))


def assigned_work(classroom_id: int, catalog) -> list[AssignedWork]:
    """Every assignment of the class, in class_assignments' order, described: one query."""
    return [describe(a, catalog) for a in class_assignments(classroom_id)]


def _student_work_statement():
    """The student's open classes by name, each with its assignments soonest due first, the student's
    accommodation on each and, for a lesson, their progress in it (LEFT JOINs: a class without assignments, an
    assignment without accommodation or progress); bound: "student_id"."""
    return (
        select(
            Classroom.id.label("classroom_id"),
            Classroom.name.label("classroom_name"),
            Assignment.id,
            Assignment.kind,
            Assignment.target_id,
            Assignment.due_at,
            Accommodation.id.label("accommodation_id"),
            Accommodation.due_at.label("own_due_at"),
            Accommodation.extra_attempts,
            LessonProgress.opened_at,
            LessonProgress.completed_at,
        )
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .outerjoin(Assignment, Assignment.classroom_id == Classroom.id)
        .outerjoin(
            Accommodation,
            (Accommodation.assignment_id == Assignment.id) & (Accommodation.student_id == Enrollment.student_id),
        )
        .outerjoin(
            LessonProgress,
            (Assignment.kind == "lesson")
            & (LessonProgress.lesson_id == Assignment.target_id)
            & (LessonProgress.user_id == Enrollment.student_id),
        )
        .where(
            Enrollment.student_id == bindparam("student_id"),
            Enrollment.removed_at.is_(None),
            Classroom.archived.is_(False),
        )
        .order_by(Classroom.name, Classroom.id, Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
    )


def student_work(student_id: int) -> list[Row]:
    """The student's open (not archived) classes they are still in, by name, with every assignment of each,
    soonest due first, the student's accommodation on it and their progress in an assigned lesson: rows
    (classroom_id, classroom_name; the assignment's id, kind, target_id, due_at, None for a class with none;
    accommodation_id, own_due_at, extra_attempts, None without one; opened_at, completed_at, None for a quiz or
    a lesson not opened). One query, for the dashboard (rows, not ORM objects: building and loading the objects
    was a fifth of its time, profiled; one statement, not four: each costs about what SQLite's work on it
    does).
    """
    return run(STATEMENTS.get("student_work", _student_work_statement), {"student_id": student_id})


def work_url(work: AssignedWork) -> str | None:
    """The page where a student opens this work; None when its file has gone from the catalog."""
    if not work.in_catalog:
        return None
    endpoint, arg = WORK_ENDPOINTS[work.kind]
    return url_for(endpoint, **{arg: work.target_id})
