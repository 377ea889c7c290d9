"""Draft answers: what a student has written so far, kept until the answer is saved or the attempt submitted.

A draft is the type's answer JSON, saved again and again (the "Save draft" button without JavaScript,
autosave with it). Submitting an attempt turns the drafts of unanswered items into their answers, so
closing a tab before pressing "Save my answer" loses nothing.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from crosscheck.accounts.models import utcnow
from crosscheck.content.quizzes import QuizModule
from crosscheck.extensions import db
from crosscheck.quizzes.models import AnswerDraft, Attempt
from crosscheck.quizzes.service import SUBMITTED, QuizError, answered_ids, save_answer

# Prebuilt: every question page asks (a statement built per call cost more in its cache key than in SQLite).
DRAFT_OF = select(AnswerDraft).where(
    AnswerDraft.attempt_id == bindparam("attempt_id"), AnswerDraft.item_id == bindparam("item_id")
)


def draft_of(attempt_id: int, item_id: str) -> AnswerDraft | None:
    """The attempt's draft for one item, if any."""
    return db.session.scalar(DRAFT_OF, {"attempt_id": attempt_id, "item_id": item_id})


def drafted_ids(attempt_id: int) -> set[str]:
    """Ids of the items the attempt has a draft for."""
    return set(db.session.scalars(select(AnswerDraft.item_id).where(AnswerDraft.attempt_id == attempt_id)))


def save_draft(attempt: Attempt, item_id: str, answer: dict) -> AnswerDraft:
    """Keep the latest draft of an item (one row per attempt and item, replaced each time)."""
    if attempt.submitted_at is not None:
        raise QuizError(SUBMITTED)
    attempt_id = attempt.id
    for _ in range(2):
        changed = db.session.execute(
            update(AnswerDraft)
            .where(AnswerDraft.attempt_id == attempt_id, AnswerDraft.item_id == item_id)
            .values(answer=answer, saved_at=utcnow())
        ).rowcount
        if not changed:
            db.session.add(AnswerDraft(attempt_id=attempt_id, item_id=item_id, answer=answer))
        try:
            db.session.commit()
            return draft_of(attempt_id, item_id)
        except IntegrityError:  # another request (autosave and the button at once) inserted it: update that
            db.session.rollback()
    raise QuizError("The draft could not be saved; please try again.")


def answer_drafts(attempt: Attempt, module: QuizModule) -> int:
    """Save each unanswered item's draft as its answer (before submitting); how many were saved."""
    drafts = db.session.scalars(select(AnswerDraft).where(AnswerDraft.attempt_id == attempt.id)).all()
    done = answered_ids(attempt.id)
    items = {item.id: item for item in module.items}
    saved = 0
    for draft in drafts:
        item = items.get(draft.item_id)
        if item is not None and draft.item_id not in done:
            saved += save_answer(attempt, item, draft.answer)[1]
    return saved
