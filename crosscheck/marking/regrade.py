"""Regrading: which stored answers of a class would score differently under an item's current version, applying
that to all or some of them, and undoing any score change (a regrade or a marking) with its history kept.

Without a regrade nothing moves: an answer keeps the version and points it was graded with (docs/quizzes.md).
A regraded answer points at the current version, so its review shows what it was scored against.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from crosscheck.accounts.models import User, utcnow
from crosscheck.accounts.names import labels_by_id
from crosscheck.classes.models import Enrollment
from crosscheck.content.quizzes import QuizModule
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.marking.models import ScoreChange
from crosscheck.marking.service import MarkingError, _change
from crosscheck.quizzes.models import Attempt, ItemVersion, Response


@dataclass(frozen=True)
class Candidate:
    """A stored answer whose score under the item's current version differs from its stored score."""

    response_id: int
    attempt_id: int
    item_id: str
    student_name: str  # with the username when another student of the list has the same name
    attempt_number: int
    old_points: float | None
    old_max: float
    new_points: float | None  # None: the current version needs it marked again (its level is gone)
    new_max: float


def _class_responses(class_id: int, module: QuizModule, response_ids: list[int] | None = None):
    """(Response, student id, name, username, attempt number) of the class's current students' submitted
    attempts: one query."""
    query = (
        select(Response, User.id, User.display_name, User.username, Attempt.number)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Enrollment, (Enrollment.student_id == User.id) & (Enrollment.classroom_id == class_id))
        .where(Enrollment.removed_at.is_(None), Attempt.module_id == module.id, Attempt.submitted_at.is_not(None))
    )
    if response_ids is not None:
        query = query.where(Response.id.in_(response_ids))
    return db.session.execute(query).all()


def candidates(class_id: int, module: QuizModule, response_ids: list[int] | None = None) -> list[Candidate]:
    """The class's answers graded against an earlier version of an item that would now score differently."""
    current = {item.id: item for item in module.items}
    found = []
    rows = _class_responses(class_id, module, response_ids)
    names = labels_by_id((student_id, name, username) for _, student_id, name, username, _ in rows)
    for response, student_id, _, _, number in rows:
        item = current.get(response.item_id)
        if item is None or item.hash == response.item_hash:
            continue
        score = item_type(item.type).grade(item.content, response.answer)
        new = (score.stored_points, float(score.max_points))
        if new != (response.points, response.max_points):
            found.append(
                Candidate(
                    response.id,
                    response.attempt_id,
                    item.id,
                    names[student_id],
                    number,
                    response.points,
                    response.max_points,
                    *new,
                )
            )
    order = {item_id: n for n, item_id in enumerate(current)}
    return sorted(found, key=lambda c: (order[c.item_id], c.student_name.lower(), c.attempt_number))


def regrade(class_id: int, module: QuizModule, response_ids: list[int], by: User) -> list[Candidate]:
    """Regrade the chosen answers (those still differing) under the current versions; each change recorded."""
    chosen = candidates(class_id, module, response_ids)
    if not chosen:
        return []
    items = {item.id: item for item in module.items}
    responses = {
        r.id: r for r in db.session.scalars(select(Response).where(Response.id.in_([c.response_id for c in chosen])))
    }
    stored = set(
        db.session.scalars(select(ItemVersion.hash).where(ItemVersion.hash.in_([i.hash for i in items.values()])))
    )
    for candidate in chosen:  # new versions first, in one flush
        item = items[candidate.item_id]
        if item.hash not in stored:  # the current version was never answered: keep it, as answering does
            db.session.add(ItemVersion(hash=item.hash, module_id=module.id, item_id=item.id, content=item.content))
            stored.add(item.hash)
    db.session.flush()
    # Student by student in id order, each flushed: every change moves its student's stamp (crosscheck/stamps) at
    # the commit, in the order written; two regrades that took shared students' stamp rows in different orders
    # would deadlock on PostgreSQL.
    owned = select(Response.id, Attempt.user_id).join(Attempt).where(Response.id.in_(responses))
    owners = {response_id: user_id for response_id, user_id in db.session.execute(owned)}
    for candidate in sorted(chosen, key=lambda c: (owners[c.response_id], c.response_id)):
        response = responses[candidate.response_id]
        item = items[candidate.item_id]
        _change(response, "regrade", response.answer, candidate.new_points, candidate.new_max, item.hash, by)
        db.session.flush()
    db.session.commit()
    return chosen


def changes_in_class(class_id: int, module: QuizModule) -> list[tuple[ScoreChange, str, str | None]]:
    """Every score change of the class's answers to the module, newest first, with the student's and the
    changer's names: one query."""
    changer = db.aliased(User)
    rows = db.session.execute(
        select(ScoreChange, User.display_name, changer.display_name)
        .join(Response, Response.id == ScoreChange.response_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Enrollment, (Enrollment.student_id == User.id) & (Enrollment.classroom_id == class_id))
        .outerjoin(changer, changer.id == ScoreChange.changed_by)
        .where(Attempt.module_id == module.id)
        .order_by(ScoreChange.changed_at.desc(), ScoreChange.id.desc())
    ).all()
    return [(change, student, by) for change, student, by in rows]


def undo(class_id: int, module: QuizModule, change_id: int, by: User) -> ScoreChange:
    """Put the answer back as it was before the change; only the latest change still in force can be undone."""
    rows = {c.id: c for c, _, _ in changes_in_class(class_id, module)}
    change = rows.get(change_id)
    if change is None:
        raise LookupError(change_id)
    if change.undone_at is not None:
        raise MarkingError("This change was already undone.")
    later = [
        c for c in rows.values() if c.response_id == change.response_id and c.id > change.id and c.undone_at is None
    ]
    if later:
        raise MarkingError("A later change of this answer is in force: undo that one first.")
    response = db.session.get(Response, change.response_id)
    response.answer, response.points = change.old_answer, change.old_points
    response.max_points, response.item_hash = change.old_max, change.old_hash
    change.undone_at, change.undone_by = utcnow(), by.id
    db.session.commit()
    return change
