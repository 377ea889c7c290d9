"""Grade passback: a submitted attempt's score reaches the LMS once, failures are shown and retried."""

from __future__ import annotations

from sqlalchemy import func, select

from crosscheck.accounts.models import User
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.models import Classroom
from crosscheck.extensions import db
from crosscheck.lti import grades
from crosscheck.lti.models import LtiScorePost, LtiUserLink
from crosscheck.quizzes.models import Response
from tests.conftest import post_form
from tests.lti.conftest import launch, place
from tests.quizzes.helpers import answer, attempts, start, submit

MODULE = "spot-unverified"


def student_takes_module(app, lms, link: str, user_id: str = "s-1", correct: int = 1):
    """The student launches the placed module, answers every item (the first `correct` rightly) and submits."""
    client = app.test_client()
    assert launch(client, lms, user_id, link).status_code == 302
    start(client, MODULE)
    user = db.session.scalar(select(User).join(LtiUserLink).where(LtiUserLink.subject == user_id))
    attempt = attempts(user.id, MODULE)[-1]
    for number in range(1, len(get_catalog().quizzes[MODULE].items) + 1):
        answer(client, attempt, number, correct=number <= correct)
    submit(client, attempt)
    return client, attempt


def test_submitting_a_placed_module_sends_the_score_once(client, app, lms):
    link = place(client, lms, "quiz", MODULE)
    _, attempt = student_takes_module(app, lms, link)
    module = get_catalog().quizzes[MODULE]
    (score,) = lms.scores
    given = db.session.scalar(select(func.sum(Response.points)).where(Response.attempt_id == attempt.id))
    assert score["userId"] == "s-1" and score["lineitem"] == lms.links[link]["lineitem"]
    assert score["scoreGiven"] == given and score["scoreMaximum"] == module.max_points
    assert score["activityProgress"] == "Completed" and score["gradingProgress"] == "FullyGraded"
    post = db.session.scalar(select(LtiScorePost))
    assert post.state == "sent" and post.tries == 1
    # A second submit (another tab) and a retry run send nothing more.
    student = app.test_client()
    submit(student, attempt)
    assert grades.send_waiting() == {} and grades.send(post.id) == "sent"
    assert len(lms.scores) == 1
    page = client.get(f"/classes/{post.placement.context.classroom_id}/lms").get_data(as_text=True)
    assert "Ana Student" in page and "sent" in page


def test_a_failed_send_is_shown_then_retried_by_the_command_once(client, app, lms):
    link = place(client, lms, "quiz", MODULE)
    lms.fail_scores = 1
    student_takes_module(app, lms, link)
    post = db.session.scalar(select(LtiScorePost))
    assert post.state == "failed" and "503" in post.last_error and lms.scores == []
    classroom_id = db.session.scalar(select(Classroom.id))
    class_page = client.get(f"/classes/{classroom_id}").get_data(as_text=True)
    assert "1 failed" in class_page
    lms_page = client.get(f"/classes/{classroom_id}/lms").get_data(as_text=True)
    assert "failed" in lms_page and "503" in lms_page
    result = app.test_cli_runner().invoke(args=["lti", "send-scores"])
    assert result.exit_code == 0 and "1 sent" in result.output
    result = app.test_cli_runner().invoke(args=["lti", "send-scores"])
    assert "Nothing waiting" in result.output
    assert len(lms.scores) == 1


def test_the_teacher_retries_from_the_class_page(client, app, lms):
    link = place(client, lms, "quiz", MODULE)
    lms.fail_scores = 1
    student_takes_module(app, lms, link)
    classroom_id = db.session.scalar(select(Classroom.id))
    response = post_form(client, f"/classes/{classroom_id}/lms/scores", follow_redirects=True)
    assert "1 grade(s) sent" in response.get_data(as_text=True) and len(lms.scores) == 1


def test_a_row_claimed_by_another_worker_is_not_sent_again(client, app, lms):
    link = place(client, lms, "quiz", MODULE)
    lms.fail_scores = 1
    student_takes_module(app, lms, link)
    post = db.session.scalar(select(LtiScorePost))
    assert grades._claim(post.id)  # another worker took it and is sending it now
    assert grades.send(post.id) == "sending" and lms.scores == []


def test_a_newer_score_replaces_one_not_yet_sent(client, app, lms):
    link = place(client, lms, "quiz", MODULE)
    lms.fail_scores = 1
    _, attempt = student_takes_module(app, lms, link)
    (old,) = db.session.scalars(select(LtiScorePost)).all()
    db.session.expire_all()  # the test's session still holds the attempt as it was before the submit
    grades.score_changed(attempt.id)  # as a regrade would: the same attempt's score again
    db.session.expire_all()
    states = sorted(p.state for p in db.session.scalars(select(LtiScorePost)))
    assert states == ["sent", "superseded"] and len(lms.scores) == 1
    assert db.session.get(LtiScorePost, old.id).state == "superseded"


def test_an_unplaced_module_sends_nothing(client, app, lms, signed_in):
    place(client, lms, "quiz", "primary-source")
    student = app.test_client()
    launch(student, lms, "s-1", next(iter(lms.links)))
    start(student, MODULE)
    user = db.session.scalar(select(User).join(LtiUserLink).where(LtiUserLink.subject == "s-1"))
    submit(student, attempts(user.id, MODULE)[-1])
    assert db.session.query(LtiScorePost).count() == 0 and lms.scores == []


def test_written_answers_go_as_pending_manual_then_fully_graded_once_marked(client, app, lms):
    """A module with written answers: its score goes to the LMS as PendingManual, and again once marked."""
    link = place(client, lms, "quiz", "in-your-own-words")
    client_of_student = app.test_client()
    assert launch(client_of_student, lms, "s-1", link).status_code == 302
    start(client_of_student, "in-your-own-words")
    user = db.session.scalar(select(User).join(LtiUserLink).where(LtiUserLink.subject == "s-1"))
    attempt = attempts(user.id, "in-your-own-words")[-1]
    answer(client_of_student, attempt, 1)  # the model answer as the student's text: awaiting marking
    submit(client_of_student, attempt)
    (pending,) = lms.scores
    assert pending["gradingProgress"] == "PendingManual" and pending["scoreGiven"] == 0
    class_id = db.session.scalar(select(LtiScorePost)).placement.context.classroom_id
    response = db.session.scalar(select(Response).where(Response.attempt_id == attempt.id))
    marked = post_form(
        client, f"/classes/{class_id}/marking/in-your-own-words?answer={response.id}", {"level": "mastery"}
    )
    assert marked.status_code == 302
    assert [(s["gradingProgress"], s["scoreGiven"]) for s in lms.scores] == [("PendingManual", 0), ("FullyGraded", 2)]
