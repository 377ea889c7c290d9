"""Marking rules without views: which answers a class's queue holds, marking one, and the score history.

A mark puts the chosen level in the response's answer and stores the points the item type's grade() gives
for it, so marking, regrading and the reports all read one rule. Every change is a ScoreChange row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from crosscheck.accounts.models import User, utcnow
from crosscheck.accounts.names import labels_by_id
from crosscheck.classes.models import Enrollment
from crosscheck.content.quizzes import QuizModule
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.marking.models import Mark, ScoreChange
from crosscheck.quizzes.models import Attempt, ItemVersion, Response

MARKED_TYPES = ("written",)  # item types a teacher marks (their grade() is pending until a level is chosen)


class MarkingError(Exception):
    """A marking that cannot be made; the message is shown to the teacher."""


@dataclass(frozen=True)
class QueueEntry:
    """One answer in a marking queue (no answer text: the page loads that for the answer shown)."""

    response_id: int
    attempt_id: int
    item_id: str
    student_id: int
    student_name: str  # with the username when another student of the queue has the same name
    attempt_number: int
    submitted_at: datetime
    awaiting: bool


def marked_item_ids(module: QuizModule) -> list[str]:
    """The module's items a teacher marks, in module order."""
    return [item.id for item in module.items if item.type in MARKED_TYPES]


def queue(class_id: int, module: QuizModule) -> list[QueueEntry]:
    """Every submitted answer to the module's marked items by the class's current students: one query.

    Ordered item by item (a teacher marks one question across the class, which keeps the marking consistent),
    then by student name and attempt.
    """
    items = marked_item_ids(module)
    if not items:
        return []
    rows = db.session.execute(
        select(
            Response.id,
            Response.attempt_id,
            Response.item_id,
            User.id,
            User.display_name,
            Attempt.number,
            Attempt.submitted_at,
            Response.points.is_(None),
            User.username,
        )
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Enrollment, (Enrollment.student_id == User.id) & (Enrollment.classroom_id == class_id))
        .where(
            Enrollment.removed_at.is_(None),
            Attempt.module_id == module.id,
            Attempt.submitted_at.is_not(None),
            Response.item_id.in_(items),
        )
    )
    order = {item_id: n for n, item_id in enumerate(items)}
    rows = rows.all()
    names = labels_by_id((row[3], row[4], row[8]) for row in rows)
    entries = [QueueEntry(*row[:4], names[row[3]], *row[5:7], bool(row[7])) for row in rows]
    return sorted(entries, key=lambda e: (order[e.item_id], e.student_name.lower(), e.student_id, e.attempt_number))


def answer_with_version(response_id: int) -> tuple[Response, dict]:
    """The response and the item content it was answered against: one query."""
    row = db.session.execute(
        select(Response, ItemVersion.content)
        .join(ItemVersion, ItemVersion.hash == Response.item_hash)
        .where(Response.id == response_id)
    ).one()
    return row[0], row[1]


def mark_of(response_id: int) -> Mark | None:
    """The latest mark's comment and marker, if the answer was marked."""
    return db.session.get(Mark, response_id)


def mark(response: Response, content: dict, level_id: str, comment: str, by: User) -> ScoreChange:
    """Mark a written answer at a rubric level (again, if it was marked): points from the item type's grade."""
    kind = item_type(content["type"])
    if content["type"] not in MARKED_TYPES:
        raise MarkingError("This answer is scored automatically; there is nothing to mark.")
    if level_id not in {level["id"] for level in content["rubric"]}:
        raise MarkingError("Choose one of the rubric's levels.")
    answer = {**kind.as_submitted(response.answer), "level": level_id}
    score = kind.grade(content, answer)
    change = _change(response, "mark", answer, score.stored_points, score.max_points, response.item_hash, by)
    existing = db.session.get(Mark, response.id)
    if existing is None:
        db.session.add(Mark(response_id=response.id, comment=comment or None, marked_by=by.id))
    else:
        existing.comment, existing.marked_by, existing.marked_at = comment or None, by.id, utcnow()
    db.session.commit()
    return change


def _change(response: Response, kind: str, answer: dict, points, max_points, item_hash: str, by: User) -> ScoreChange:
    """Record the change and apply it to the response (not committed)."""
    change = ScoreChange(
        response_id=response.id,
        kind=kind,
        old_points=response.points,
        new_points=points,
        old_max=response.max_points,
        new_max=max_points,
        old_answer=response.answer,
        new_answer=answer,
        old_hash=response.item_hash,
        new_hash=item_hash,
        changed_by=by.id,
    )
    db.session.add(change)
    response.answer, response.points, response.max_points, response.item_hash = answer, points, max_points, item_hash
    return change


def history(response_ids: list[int]) -> list[ScoreChange]:
    """Every score change of these answers, newest first: one query."""
    if not response_ids:
        return []
    query = select(ScoreChange).where(ScoreChange.response_id.in_(response_ids))
    return list(db.session.scalars(query.order_by(ScoreChange.changed_at.desc(), ScoreChange.id.desc())))
