"""The demo class's assignments and believable quiz work, so every report has something to show.

Runs only when the catalog has lessons or quiz modules. Safe to run twice: an assignment, or an attempt at a
module, is only created when the class (or the student) has none yet. Quiz answers go through the quiz
feature's own service and grading, so demo scores are real scores.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select, update

from crosscheck.classes.models import Assignment
from crosscheck.classes.service import due_at_end_of
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.quizzes.service import attempt_limit, save_answer, start_or_resume, submit
from crosscheck.timezone import local, school_zone, utcnow

# Days from today each piece of work is due, in order: some past (late work shows), some to come.
LESSON_DUE_DAYS = (-6, -4, -3, 1, 5, 9)
QUIZ_DUE_DAYS = (-3, -2, 2, 10)  # each single-skill module a day after its lesson, the mixed one last
# How likely each demo student is to get an item right; others default to 0.6.
ABILITY = {"amara": 0.92, "ben": 0.55, "chloe": 0.75, "dev": 0.35, "eitan": 0.85, "fatima": 0.6}


def _due(day_offset: int, now: datetime) -> datetime:
    """The end of the day `day_offset` days from now (the school's day, in its time zone)."""
    return due_at_end_of(local(now + timedelta(days=day_offset), school_zone()).date())


def demo_modules(catalog) -> list:
    """Quiz modules in teaching order: single-skill modules by their lesson's order, the mixed one last."""
    order = {lesson_id: lesson.order for lesson_id, lesson in catalog.lessons.items()}
    return sorted(catalog.quizzes.values(), key=lambda m: (len(m.skills), order.get(m.lesson, 99), m.id))


def assign_demo_work(classroom, teacher, catalog, now: datetime) -> list[Assignment]:
    """Assign every lesson and quiz module with a due date, unless already assigned."""
    lessons = sorted(catalog.lessons.values(), key=lambda lesson: (lesson.order, lesson.id))
    wanted = [("lesson", lesson.id, LESSON_DUE_DAYS[i % len(LESSON_DUE_DAYS)]) for i, lesson in enumerate(lessons)]
    wanted += [("quiz", m.id, QUIZ_DUE_DAYS[i % len(QUIZ_DUE_DAYS)]) for i, m in enumerate(demo_modules(catalog))]
    existing = {
        (a.kind, a.target_id) for a in db.session.scalars(select(Assignment).filter_by(classroom_id=classroom.id))
    }
    for kind, target_id, days in wanted:
        if (kind, target_id) not in existing:
            db.session.add(
                Assignment(
                    classroom_id=classroom.id,
                    kind=kind,
                    target_id=target_id,
                    due_at=_due(days, now),
                    created_by=teacher.id,
                )
            )
    db.session.commit()
    return list(db.session.scalars(select(Assignment).filter_by(classroom_id=classroom.id)))


def _plan(rng: random.Random, due_at: datetime | None, now: datetime) -> str:
    """What a student did with one piece of work: 'done', 'late', 'open' or 'none'."""
    if due_at is not None and due_at < now:
        return rng.choices(["done", "late", "none"], weights=[75, 15, 10])[0]
    return rng.choices(["done", "open", "none"], weights=[35, 30, 35])[0]


def _finished_at(plan: str, rng: random.Random, due_at: datetime | None, now: datetime) -> datetime:
    """When the work was finished: before the due date, or (late) after it; never in the future."""
    anchor = min(due_at or now, now)
    hours = rng.randint(2, 60)
    moment = anchor + timedelta(hours=hours) if plan == "late" else anchor - timedelta(hours=hours)
    return min(moment, now - timedelta(minutes=5))


def _take(student, module, rng: random.Random, ability: float, answered_share: float = 1.0) -> Attempt:
    """One attempt through the quiz service: right with probability `ability`, some items skipped."""
    attempt = start_or_resume(student, module)
    for item in module.items:
        if rng.random() > answered_share:
            continue
        kind = item_type(item.type)
        right = rng.random() < ability
        save_answer(attempt, item, kind.answer_key(item.content) if right else kind.wrong_answer(item.content))
    return attempt


def _backdate(attempt: Attempt, finished: datetime | None, started: datetime) -> None:
    """Give an attempt and its answers believable past times."""
    attempt.started_at = started
    attempt.submitted_at = finished
    db.session.execute(
        update(Response).where(Response.attempt_id == attempt.id).values(answered_at=finished or started)
    )
    db.session.commit()


def record_demo_work(students, assignments: list[Assignment], catalog, now: datetime) -> None:
    """Quiz attempts for each student who has none at a module yet, seeded so every run gives the same.

    Lesson progress comes from the lessons feature's own demo (crosscheck/demo.py); the due dates above are
    set so that its completions, a week back a day apart, land mostly on time.
    """
    for student in students:
        ability = ABILITY.get(student.username, 0.6)
        for assignment in assignments:
            rng = random.Random(f"{student.username}:{assignment.kind}:{assignment.target_id}")
            plan = _plan(rng, assignment.due_at, now)
            if plan == "none":
                continue
            if assignment.kind == "quiz" and assignment.target_id in catalog.quizzes:
                _quiz(student, catalog.quizzes[assignment.target_id], assignment, plan, rng, ability, now)


def _quiz(student, module, assignment: Assignment, plan: str, rng: random.Random, ability: float, now) -> None:
    """One or two submitted attempts, or one left open."""
    if db.session.scalar(select(Attempt.id).filter_by(user_id=student.id, module_id=module.id).limit(1)):
        return
    finished = _finished_at(plan, rng, assignment.due_at, now)
    if plan == "open":
        attempt = _take(student, module, rng, ability, answered_share=0.5)
        _backdate(attempt, None, finished)
        return
    limit = attempt_limit(student, module)
    retake = (limit is None or limit >= 2) and rng.random() < 0.3  # a weaker first go, then the one that counts
    if retake:
        first = _take(student, module, rng, ability * 0.7)
        submit(first)
        _backdate(first, finished - timedelta(days=1), finished - timedelta(days=1, minutes=20))
    attempt = _take(student, module, rng, ability, answered_share=0.95)
    submit(attempt)
    _backdate(attempt, finished, finished - timedelta(minutes=18))


def load_demo_work(classroom, teacher, students, catalog) -> int:
    """Assignments and student work for the demo class; returns how many assignments it has (0: no content)."""
    if not catalog.lessons and not catalog.quizzes:
        return 0
    now = utcnow()
    assignments = assign_demo_work(classroom, teacher, catalog, now)
    record_demo_work(students, assignments, catalog, now)
    return len(assignments)
