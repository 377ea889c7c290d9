"""The student dashboard: assigned work with due dates and state, scores, mastery by skill, the next thing to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, bindparam, select

from crosscheck.classes.assignments import Assignment
from crosscheck.classes.models import Classroom, Enrollment
from crosscheck.classes.prebuilt import STATEMENTS, run
from crosscheck.classes.progress import lesson_states, quiz_summaries, skill_points
from crosscheck.classes.standing import Mastery, Progress, progress_of, tally_skills
from crosscheck.classes.work import Work, describe, work_url
from crosscheck.content.skills import SKILLS

# What comes first among unfinished work: late work, then the soonest due, then work with no due date.
_URGENCY = {"late": 0, "in_progress": 1, "not_started": 1}


@dataclass(frozen=True)
class Task:
    """One piece of assigned work as the student sees it."""

    classroom: Row  # the class's id and name
    work: Work
    progress: Progress
    url: str | None


@dataclass
class Dashboard:
    """A student's classes with their work, mastery per skill, and the next thing to do."""

    classes: list[tuple[Row, list[Task]]]
    mastery: list[tuple[str, Mastery]]

    @property
    def next_task(self) -> Task | None:
        """The most urgent unfinished task: late first, then by due date, then undated in the order assigned."""
        open_tasks = [t for _, tasks in self.classes for t in tasks if t.progress.state != "done"]
        if not open_tasks:
            return None
        return min(
            open_tasks,
            key=lambda t: (
                _URGENCY[t.progress.state],
                t.work.due_at is None,
                t.work.due_at or datetime.max,
                t.work.assignment_id,
            ),
        )


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


def build_dashboard(student_id: int, catalog, now: datetime) -> Dashboard:
    """Five queries: classes, assignments, attempt summaries, lesson progress, skill points.

    Classes and assignments are read as rows, not ORM objects, by prebuilt statements: the page needs a
    few columns of each, and building and loading them was a fifth of the dashboard's time (profiled).
    """
    classrooms = run(STATEMENTS.get("dashboard_classes", _classes_statement), {"student_id": student_id})
    assignments = run(
        STATEMENTS.get("dashboard_assignments", _assignments_statement), {"classes": [c.id for c in classrooms]}
    )
    works = [(a.classroom_id, describe(a, catalog)) for a in assignments]
    # Mastery counts every module the student submitted, assigned or not.
    module_ids = sorted({w.target_id for _, w in works if w.kind == "quiz"} | set(catalog.quizzes))
    modules = {m: catalog.quizzes.get(m) for m in module_ids}
    quizzes = quiz_summaries([student_id], modules)
    lessons = lesson_states([student_id], sorted({w.target_id for _, w in works if w.kind == "lesson"}))
    tasks: dict[int, list[Task]] = {c.id: [] for c in classrooms}
    by_id = {c.id: c for c in classrooms}
    for class_id, work in works:
        progress = progress_of(work, student_id, quizzes, lessons, now)
        tasks[class_id].append(Task(by_id[class_id], work, progress, work_url(work.kind, work.target_id)))
    tally = tally_skills(quizzes, skill_points([student_id], modules), modules)
    mastery = [(s, tally.of(student_id, s)) for s in SKILLS]
    return Dashboard([(c, tasks[c.id]) for c in classrooms], mastery)
