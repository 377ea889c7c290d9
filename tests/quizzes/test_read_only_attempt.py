"""A question page, an answer and a draft read the attempt as a row of its columns (lookups.own_attempt's
read_only), not as the ORM's object, with the same rule: only the attempt's own student gets it."""

from __future__ import annotations

from flask_login import login_user
from sqlalchemy import event

from crosscheck.quizzes.lookups import answered_in, own_attempt
from crosscheck.quizzes.models import Attempt
from crosscheck.quizzes.service import answered_ids
from tests.conftest import login, post_form
from tests.quizzes.helpers import answer, attempts, start


def started(app, build):
    """A new student signed in on a new client with the sample module started: (student, client, attempt)."""
    student = build.user("student")
    client = app.test_client()
    login(client, student.username)
    start(client)
    (attempt,) = attempts(student.id)
    return student, client, attempt


def test_question_pages_answers_and_drafts_load_no_attempt_object(app, build):
    _, client, attempt = started(app, build)
    loaded = []

    def record(target, context):
        loaded.append(target.id)

    event.listen(Attempt, "load", record)
    try:
        assert client.get(f"/quizzes/attempts/{attempt.id}/items/1").status_code == 200
        assert answer(client, attempt, 1).status_code == 302
        assert client.get(f"/quizzes/attempts/{attempt.id}/items/1").status_code == 200  # answered: the review
        assert post_form(client, f"/quizzes/attempts/{attempt.id}/items/2/draft", {}).status_code in (302, 400)
        assert loaded == []
        assert client.get(f"/quizzes/attempts/{attempt.id}/submit").status_code == 200  # the submit step: the object
        assert loaded == [attempt.id]
    finally:
        event.remove(Attempt, "load", record)


def test_another_students_attempt_is_a_404_on_every_read_only_page(app, build):
    owner, other = build.user("student"), build.user("student")
    mine, theirs = app.test_client(), app.test_client()
    login(mine, owner.username)
    login(theirs, other.username)
    start(mine)
    (attempt,) = attempts(owner.id)
    base = f"/quizzes/attempts/{attempt.id}/items/1"
    assert theirs.get(base).status_code == 404
    assert answer(theirs, attempt, 1).status_code == 404
    assert post_form(theirs, f"{base}/draft", {}).status_code == 404
    assert mine.get(base).status_code == 200


def test_the_row_carries_the_same_answered_items_as_a_query_of_its_own(app, build):
    """The ids read with the attempt in one statement are those answered_ids reads on its own: none, then each
    answer as it is stored."""
    student, client, attempt = started(app, build)
    seen = []
    for number in (None, 1, 3, 2):
        if number is not None:
            assert answer(client, attempt, number).status_code == 302
        with app.test_request_context():
            login_user(student)
            row, _ = own_attempt(attempt.id, read_only=True)
            seen.append(answered_in(row))
            assert answered_in(row) == answered_ids(attempt.id)
    assert [len(ids) for ids in seen] == [0, 1, 2, 3]
