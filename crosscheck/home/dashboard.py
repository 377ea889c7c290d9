"""The student dashboard: assigned work with due dates and state, scores, mastery by skill, the next thing to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from crosscheck.content.skills import SKILLS
from crosscheck.progress.allowances import Allowance
from crosscheck.progress.assigned_work import AssignedWork, describe, student_work, work_url
from crosscheck.progress.mastery import Mastery, tally_skills
from crosscheck.progress.states import WorkState, next_change, work_state
from crosscheck.progress.student_sums import quiz_summaries, skill_points

# What comes first among unfinished work: late work, then the soonest due, then work with no due date.
_URGENCY = {"late": 0, "in_progress": 1, "not_started": 1}


class ClassName(NamedTuple):
    """A class as the dashboard names it."""

    id: int
    name: str


@dataclass(frozen=True)
class Task:
    """One piece of assigned work as the student sees it."""

    classroom: ClassName
    work: AssignedWork
    progress: WorkState
    url: str | None


@dataclass
class Dashboard:
    """A student's classes with their work, mastery per skill, and the next thing to do."""

    classes: list[tuple[ClassName, list[Task]]]
    mastery: list[tuple[str, Mastery]]

    def next_change(self, now: datetime) -> datetime | None:
        """The first moment after `now` at which a task turns late: the dashboard holds until then."""
        return next_change((t.progress for _, tasks in self.classes for t in tasks), now)

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
                t.progress.due_at is None,
                t.progress.due_at or datetime.max,
                t.work.assignment_id,
            ),
        )


def build_dashboard(student_id: int, catalog, now: datetime) -> Dashboard:
    """Three queries: classes with their assignments, accommodations and lesson progress, attempt summaries and
    skill points (through crosscheck/progress)."""
    rows = student_work(student_id)
    classrooms = list(dict.fromkeys(ClassName(r.classroom_id, r.classroom_name) for r in rows))  # by name, once
    assignments = [r for r in rows if r.id is not None]
    works = [(a.classroom_id, describe(a, catalog)) for a in assignments]
    allowances = {
        (a.id, student_id): Allowance(a.own_due_at, a.extra_attempts)
        for a in assignments
        if a.accommodation_id is not None
    }
    # Mastery counts every module the student submitted, assigned or not.
    module_ids = sorted({w.target_id for _, w in works if w.kind == "quiz"} | set(catalog.quizzes))
    modules = {m: catalog.quizzes.get(m) for m in module_ids}
    quizzes = quiz_summaries([student_id], modules)
    lessons = {  # as lesson_states reads them: (opened_at, completed_at) per (student, lesson)
        (student_id, a.target_id): (a.opened_at, a.completed_at) for a in assignments if a.opened_at is not None
    }
    tasks: dict[int, list[Task]] = {c.id: [] for c in classrooms}
    by_id = {c.id: c for c in classrooms}
    for class_id, work in works:  # each class's soonest due first, as student_work reads them
        progress = work_state(work, student_id, quizzes, lessons, now, allowances)
        tasks[class_id].append(Task(by_id[class_id], work, progress, work_url(work)))
    tally = tally_skills(quizzes, skill_points([student_id], modules), modules)
    mastery = [(s, tally.of(student_id, s)) for s in SKILLS]
    return Dashboard([(c, tasks[c.id]) for c in classrooms], mastery)
