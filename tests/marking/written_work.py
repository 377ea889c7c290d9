"""Submitted written answers for the marking tests, stored through the quiz service as a student's clicks are."""

from __future__ import annotations

from flask import current_app

from crosscheck.quizzes.service import save_answer, start_or_resume, submit

MODULE = "sample-written"


def written_attempt(student, texts: tuple[str, ...] = ("Soldiers say they were told so", "Both are estimates")):
    """The student's submitted attempt at the written module, each item answered with the text given."""
    module = current_app.extensions["crosscheck.catalog"].quizzes[MODULE]
    attempt = start_or_resume(student, module)
    for item, text in zip(module.items, texts, strict=False):
        save_answer(attempt, item, {"text": text})
    submit(attempt)
    return attempt
