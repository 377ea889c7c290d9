"""The demo gives students some quiz work, once."""

from __future__ import annotations

from sqlalchemy import func, select

from crosscheck.demo import load_demo
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt, Response


def counts() -> tuple[int, int, int]:
    """Submitted attempts, open attempts, responses."""
    submitted = db.session.scalar(select(func.count()).where(Attempt.submitted_at.is_not(None)))
    still_open = db.session.scalar(select(func.count()).where(Attempt.submitted_at.is_(None)))
    return submitted, still_open, db.session.scalar(select(func.count()).select_from(Response))


SAMPLE_MODULES = {"lessons": (), "modules": ("sample-module", "sample-end")}  # the demo's own, in these tests


def test_demo_students_have_submitted_and_open_attempts_and_a_second_run_adds_nothing(app):
    load_demo(**SAMPLE_MODULES)
    submitted, still_open, responses = counts()
    assert submitted >= 2 and still_open == 1 and responses > submitted
    load_demo(**SAMPLE_MODULES)
    assert counts() == (submitted, still_open, responses)
    scores = db.session.execute(select(Response.attempt_id, func.sum(Response.points)).group_by(Response.attempt_id))
    assert len({points for _, points in scores}) > 1  # not every demo student scored the same
