"""An answer cannot be stored once its attempt is submitted, however the two requests interleave (both engines)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, func, select, update

from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.quizzes.service import QuizError, save_answer, start_or_resume, submit
from crosscheck.timezone import utcnow
from tests.quizzes.helpers import catalog


def _open_attempt(build):
    """A student's open attempt at the sample module, its first item and a right answer to it."""
    student = build.user("student")
    module = catalog().quizzes["sample-module"]
    attempt = start_or_resume(student, module)
    item = module.items[0]
    return attempt, item, item_type(item.type).answer_key(item.content)


def _responses() -> int:
    """Responses stored, read fresh."""
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Response))


def test_an_answer_checked_before_a_submit_and_written_after_it_is_refused(app, build):
    attempt, item, answer = _open_attempt(build)
    assert attempt.submitted_at is None  # the answering request has checked the attempt: still open
    with db.engine.begin() as other_tab:  # ... and now another tab submits it
        other_tab.execute(update(Attempt).where(Attempt.id == attempt.id).values(submitted_at=utcnow()))
    with pytest.raises(QuizError, match="has been submitted"):
        save_answer(attempt, item, answer)
    assert _responses() == 0


def test_an_answer_waits_for_a_submit_in_flight_and_then_is_refused(app, build):
    attempt, item, answer = _open_attempt(build)
    attempt_id = attempt.id
    outcome = []

    def answering_request():
        with app.app_context():
            fresh = db.session.get(Attempt, attempt_id)  # the request's check: open (the submit is not committed)
            try:
                outcome.append(save_answer(fresh, item, answer))
            except QuizError as exc:
                outcome.append(exc)
            finally:
                db.session.remove()

    with db.engine.connect() as submitting:
        transaction = submitting.begin()
        submitting.execute(update(Attempt).where(Attempt.id == attempt_id).values(submitted_at=utcnow()))
        thread = threading.Thread(target=answering_request)
        thread.start()
        time.sleep(0.5)
        assert thread.is_alive(), "the answer was written while the submit held the attempt"
        transaction.commit()
    thread.join(timeout=15)
    assert len(outcome) == 1 and isinstance(outcome[0], QuizError)
    assert _responses() == 0


def test_a_submit_waits_for_an_answer_being_written_and_counts_it(app, build):
    attempt, item, answer = _open_attempt(build)
    attempt_id = attempt.id
    inserted, release = threading.Event(), threading.Event()
    answered, submitted = [], []

    def hold_after_insert(_conn, _cursor, statement, *_args):
        """Keep the answering request between its INSERT and its COMMIT until the test lets it go."""
        if statement.lstrip().upper().startswith("INSERT INTO RESPONSE"):
            inserted.set()
            release.wait(timeout=15)

    def answering_request():
        with app.app_context():
            answered.append(save_answer(db.session.get(Attempt, attempt_id), item, answer))
            db.session.remove()

    def submitting_request():
        with app.app_context():
            submit(db.session.get(Attempt, attempt_id))
            submitted.append(db.session.get(Attempt, attempt_id).submitted_at)
            db.session.remove()

    event.listen(db.engine, "after_cursor_execute", hold_after_insert)
    answering = threading.Thread(target=answering_request)
    submitting = threading.Thread(target=submitting_request)
    try:
        answering.start()
        assert inserted.wait(timeout=15)
        submitting.start()
        time.sleep(0.5)
        assert submitting.is_alive(), "the attempt was submitted while an answer to it was being stored"
    finally:
        release.set()
        for thread in (answering, submitting):
            if thread.ident is not None:  # started
                thread.join(timeout=15)
        event.remove(db.engine, "after_cursor_execute", hold_after_insert)
    assert answered and answered[0][1] is True
    assert submitted and submitted[0] is not None
    assert _responses() == 1
