"""Regrade after a key changed: the teacher sees which stored answers would score differently, regrades all or
some, every regrade is recorded (who, when, old and new points) and can be undone; without one nothing moves."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from flask import current_app
from sqlalchemy import event, select

from crosscheck.content.quizzes import QuizItem, content_hash
from crosscheck.extensions import db
from crosscheck.marking.models import ScoreChange
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.quizzes.service import save_answer, start_or_resume, submit
from tests.conftest import login, post_form
from tests.quizzes.test_taking import text_of

MODULE = "sample-module"


def catalog():
    return current_app.extensions["crosscheck.catalog"]


def answered(student, choice: str):
    """The student's submitted attempt with the first item (hngn-verify, key a) answered `choice`."""
    module = catalog().quizzes[MODULE]
    attempt = start_or_resume(student, module)
    save_answer(attempt, module.items[0], {"choice": choice})
    submit(attempt)
    return attempt


def correct_the_key(to: str = "b") -> None:
    """A new version of hngn-verify whose correct option is `to` (a teacher fixed a wrong key in the file)."""
    module = catalog().quizzes[MODULE]
    item = module.items[0]
    content = copy.deepcopy(item.content)
    for option in content["options"]:
        option["correct"] = option["id"] == to
    edited = QuizItem(item.spec, content, content_hash(content))
    catalog().quizzes[MODULE] = dataclasses.replace(module, items=(edited, *module.items[1:]))


@pytest.fixture
def regrade_class(app, build):
    teacher = build.user("teacher")
    ann, ben, stranger = build.user(name="Ann Able"), build.user(name="Ben Best"), build.user(name="Sam Stranger")
    classroom = build.classroom(teacher, [ann, ben])
    build.classroom(build.user("teacher"), [stranger])
    attempts = {"ann": answered(ann, "a"), "ben": answered(ben, "b"), "sam": answered(stranger, "b")}
    return teacher, classroom, attempts


def points(attempt) -> float | None:
    db.session.expire_all()
    return Response.query.filter_by(attempt_id=attempt.id, item_id="hngn-verify").one().points


def url(classroom, tail: str = "regrade") -> str:
    return f"/classes/{classroom.id}/marking/{MODULE}/{tail}"


def test_without_a_regrade_scores_stay_as_answered(client, regrade_class):
    teacher, classroom, attempts = regrade_class
    correct_the_key()
    assert (points(attempts["ann"]), points(attempts["ben"])) == (1.0, 0.0)
    login(client, teacher.username)
    page = text_of(client.get(url(classroom)))
    assert "Ann Able hngn-verify 1 1 of 1 0 of 1" in page and "Ben Best hngn-verify 1 0 of 1 1 of 1" in page
    assert "Sam Stranger" not in page  # another class's student


def test_regrade_some_then_all_then_undo(client, regrade_class):
    teacher, classroom, attempts = regrade_class
    correct_the_key()
    login(client, teacher.username)
    ben = Response.query.filter_by(attempt_id=attempts["ben"].id, item_id="hngn-verify").one()
    done = post_form(client, url(classroom), {"responses": str(ben.id), "selected": "1"})
    assert done.status_code == 302 and (points(attempts["ann"]), points(attempts["ben"])) == (1.0, 1.0)
    results = text_of(client.get(url(classroom)))
    assert "Ben Best" not in results.split("History")[0] and "Regraded 1 answer" in results
    post_form(client, url(classroom), {"all": "1"})
    assert (points(attempts["ann"]), points(attempts["ben"]), points(attempts["sam"])) == (0.0, 1.0, 0.0)
    changes = ScoreChange.query.order_by(ScoreChange.id).all()
    assert [(c.kind, c.old_points, c.new_points, c.changed_by) for c in changes] == [
        ("regrade", 0.0, 1.0, teacher.id),
        ("regrade", 1.0, 0.0, teacher.id),
    ]
    assert all(c.new_hash == catalog().quizzes[MODULE].items[0].hash != c.old_hash for c in changes)
    history = text_of(client.get(url(classroom)))
    assert "nothing to regrade" in history and "Regraded Ann Able" in history
    undone = post_form(client, url(classroom, f"changes/{changes[1].id}/undo"))
    assert undone.status_code == 302 and points(attempts["ann"]) == 1.0
    response = Response.query.filter_by(attempt_id=attempts["ann"].id, item_id="hngn-verify").one()
    assert response.item_hash == changes[1].old_hash  # back to the version it was answered against
    again = post_form(client, url(classroom, f"changes/{changes[1].id}/undo"), follow_redirects=True)
    assert "already undone" in text_of(again) and points(attempts["ann"]) == 1.0
    assert "Ann Able hngn-verify 1 1 of 1 0 of 1" in text_of(client.get(url(classroom)))  # a candidate again


def test_the_student_sees_the_regraded_answer_against_the_new_key(client, app, regrade_class):
    teacher, classroom, attempts = regrade_class
    correct_the_key()
    login(client, teacher.username)
    post_form(client, url(classroom), {"all": "1"})
    student = app.test_client()
    from crosscheck.accounts.models import User

    login(student, db.session.get(User, attempts["ben"].user_id).username)
    page = text_of(student.get(f"/quizzes/attempts/{attempts['ben'].id}/results"))
    assert "Correct : 1 of 1 point" in page


def test_only_the_class_teachers_regrade_and_undo(client, app, build, regrade_class):
    teacher, classroom, attempts = regrade_class
    correct_the_key()
    other = app.test_client()
    login(other, build.user("teacher").username)
    assert other.get(url(classroom)).status_code == 404
    assert post_form(other, url(classroom), {"all": "1"}).status_code == 404
    login(client, teacher.username)
    post_form(client, url(classroom), {"all": "1"})
    change = ScoreChange.query.first()
    assert post_form(other, url(classroom, f"changes/{change.id}/undo")).status_code == 404
    assert change.undone_at is None
    nothing = post_form(client, url(classroom), {"selected": "1"})
    assert nothing.status_code == 302  # nothing left to regrade: the page says so


def test_two_students_of_the_same_name_are_told_apart_by_username(client, build):
    teacher = build.user("teacher")
    twins = [build.user(username="ann1", name="Ann Able"), build.user(username="ann2", name="Ann Able")]
    alone = build.user(username="ben1", name="Ben Best")
    classroom = build.classroom(teacher, [*twins, alone])
    for student in (*twins, alone):
        answered(student, "a")
    correct_the_key()
    login(client, teacher.username)
    page = text_of(client.get(url(classroom)))
    assert "Ann Able (ann1) hngn-verify" in page and "Ann Able (ann2) hngn-verify" in page
    assert "Ben Best hngn-verify" in page and "(ben1)" not in page


def test_a_regrade_changes_answers_student_by_student_in_id_order(client, build):
    """Each change moves its student's stamp (crosscheck/stamps): taken in one order by every regrade, two
    co-teachers' regrades over shared students wait for each other on PostgreSQL instead of deadlocking."""
    teacher = build.user("teacher")
    lower, higher = build.user(name="Lower Id"), build.user(name="Higher Id")
    classroom = build.classroom(teacher, [lower, higher])
    answered(higher, "a")  # answered first: the lower response id belongs to the higher user id
    answered(lower, "a")
    correct_the_key()
    login(client, teacher.username)
    owned = select(Response.id, Attempt.user_id).join(Attempt, Attempt.id == Response.attempt_id)
    owners = {response_id: user_id for response_id, user_id in db.session.execute(owned)}
    changed = []

    def note(_conn, _cursor, statement, parameters, *_args):
        if statement.startswith("UPDATE response"):
            # The row's id: the last value, or on PostgreSQL (named values) the one named after the key.
            changed.append(parameters["response_id"] if isinstance(parameters, dict) else parameters[-1])

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        assert post_form(client, url(classroom), {"all": "1"}).status_code == 302
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert [owners[r] for r in changed] == [lower.id, higher.id] and changed == sorted(changed, reverse=True)
