"""The module, attempt and item a quiz address names (or a 404), and which item comes next."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import Row, bindparam, select

from crosscheck.catalog_access import get_catalog
from crosscheck.content.quizzes import QuizItem, QuizModule
from crosscheck.extensions import db
from crosscheck.progress.statements import run
from crosscheck.quizzes.models import Attempt
from crosscheck.quizzes.service import ANSWERED_ID_LIST


def module_or_404(module_id: str) -> QuizModule:
    """The loaded module, or a 404 page."""
    module = get_catalog().quizzes.get(module_id)
    if module is None:
        abort(404, description=f"There is no quiz module {module_id!r}.")
    return module


# Prebuilt, not session.get(): get() builds its statement and that statement's cache key on every call, which
# cost half as much again as the lookup itself; these run on every answer and every question page.
ATTEMPT_BY_ID = select(Attempt).where(Attempt.id == bindparam("attempt_id"))
ATTEMPT_COLUMNS_BY_ID = select(*Attempt.__table__.c, ANSWERED_ID_LIST.label("answered")).where(
    Attempt.id == bindparam("attempt_id")
)


def own_attempt(attempt_id: int, read_only: bool = False) -> tuple[Attempt | Row, QuizModule]:
    """The signed-in user's attempt and its module as the attempt shows it (the items it drew from the pools);
    anyone else's attempt is a 404. `read_only`: the attempt's columns as a row, for the question pages and
    answers, which only read it (the ORM's object cost a third of the lookup again; submitting needs it), with
    the items it has answered in the same statement (read them with answered_in)."""
    if read_only:
        attempt = next(iter(run(ATTEMPT_COLUMNS_BY_ID, {"attempt_id": attempt_id})), None)
    else:
        attempt = db.session.scalar(ATTEMPT_BY_ID, {"attempt_id": attempt_id})
    if attempt is None or attempt.user_id != current_user.id:
        abort(404, description="There is no such attempt of yours.")
    return attempt, module_or_404(attempt.module_id).for_attempt(attempt.drawn)


def answered_in(attempt_row) -> set[str]:
    """The ids of the items answered that a read-only attempt row carries (its `answered` column)."""
    return set(attempt_row.answered.split()) if attempt_row.answered else set()


def item_at(module: QuizModule, number: int) -> QuizItem:
    """The item at a 1-based position, or a 404 page."""
    if not 1 <= number <= len(module.items):
        abort(404, description=f"This module has no question {number}.")
    return module.items[number - 1]


def next_unanswered(module: QuizModule, answered, after: int = 0) -> int | None:
    """The 1-based number of the first unanswered item after `after` (wrapping round), or None."""
    numbers = list(range(after + 1, len(module.items) + 1)) + list(range(1, after + 1))
    return next((n for n in numbers if module.items[n - 1].id not in answered), None)
