"""Lesson progress rules: record the first opening and the completion, and each lesson's state for a user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from crosscheck.content.lessons import Lesson
from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from crosscheck.timezone import utcnow

NOT_STARTED, OPENED, COMPLETED = "not started", "opened", "completed"


@dataclass(frozen=True)
class LessonState:
    """A lesson with where this user stands in it."""

    lesson: Lesson
    state: str
    opened_at: datetime | None = None
    completed_at: datetime | None = None


# Prebuilt, as every statement of a page students open often (docs/architecture.md, "Requests").
PROGRESS_OF = select(LessonProgress).where(LessonProgress.user_id == bindparam("user_id"))


def progress_by_lesson(user_id: int) -> dict[str, LessonProgress]:
    """The user's progress rows by lesson id."""
    return {row.lesson_id: row for row in db.session.scalars(PROGRESS_OF, {"user_id": user_id})}


def lesson_states(lessons: list[Lesson], user_id: int) -> list[LessonState]:
    """Each lesson, in order, with the user's state in it."""
    progress = progress_by_lesson(user_id)
    return [state_of(lesson, progress.get(lesson.id)) for lesson in lessons]


def state_of(lesson: Lesson, row: LessonProgress | None) -> LessonState:
    """Not started without a row; completed once completed_at is set; opened otherwise."""
    if row is None:
        return LessonState(lesson, NOT_STARTED)
    state = COMPLETED if row.completed_at else OPENED
    return LessonState(lesson, state, row.opened_at, row.completed_at)


def record_opened(user_id: int, lesson_id: str, when: datetime | None = None) -> LessonProgress:
    """The user's progress row for the lesson, created on first opening (safe when two requests race)."""
    row = _find(user_id, lesson_id)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():  # another worker may insert the same row first
            row = LessonProgress(user_id=user_id, lesson_id=lesson_id, opened_at=when or utcnow())
            db.session.add(row)
    except IntegrityError:
        row = _find(user_id, lesson_id)
    db.session.commit()
    return row


def mark_complete(user_id: int, lesson_id: str, when: datetime | None = None) -> LessonProgress:
    """Record completion once; completing again keeps the first completion time."""
    row = record_opened(user_id, lesson_id, when)
    if row.completed_at is None:
        row.completed_at = when or utcnow()
        db.session.commit()
    return row


def _find(user_id: int, lesson_id: str) -> LessonProgress | None:
    """The existing progress row, or None."""
    return db.session.scalar(
        select(LessonProgress).where(LessonProgress.user_id == user_id, LessonProgress.lesson_id == lesson_id)
    )
