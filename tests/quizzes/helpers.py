"""Helpers for driving quizzes through the app as a student does."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.models import Attempt
from tests.conftest import post_form


def catalog():
    """The running app's catalogue."""
    return current_app.extensions["crosscheck.catalog"]


def start(client, module_id: str = "sample-module"):
    """Press Start (or Resume) on the module page; returns the response."""
    return post_form(client, f"/quizzes/{module_id}/start")


def attempts(user_id: int, module_id: str = "sample-module") -> list[Attempt]:
    """The user's attempts, oldest first, read fresh from the database."""
    db.session.expire_all()
    query = select(Attempt).where(Attempt.user_id == user_id, Attempt.module_id == module_id)
    return list(db.session.scalars(query.order_by(Attempt.number)))


def answer(client, attempt: Attempt, number: int, correct: bool = True, given: dict | None = None):
    """Answer item `number` through its form: correctly, with a plausible mistake, or with `given`."""
    module = catalog().quizzes[attempt.module_id]
    content = module.items[number - 1].content
    kind = item_type(content["type"])
    view = kind.view(content, attempt.order_seed, module.settings.shuffle_options)
    chosen = given or (kind.answer_key(content) if correct else kind.wrong_answer(content))
    return post_form(client, f"/quizzes/attempts/{attempt.id}/items/{number}", kind.form_data(view, chosen))


def submit(client, attempt: Attempt):
    """Press Submit on the review step."""
    return post_form(client, f"/quizzes/attempts/{attempt.id}/submit")
