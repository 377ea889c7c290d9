"""Accommodations: a student's own due date and extra attempts, given through the class's page, shown to the
teacher and the student, and obeyed by late marks and attempt limits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crosscheck.classes.accommodations import Accommodation
from crosscheck.extensions import db
from crosscheck.timezone import utcnow
from tests.conftest import login, post_form
from tests.sample_work import assign

MODULE = "spot-unverified"  # shipped: 3 attempts


def text(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


@pytest.fixture
def school(app, build):
    """A teacher signed in on a client, a class of three students, and a quiz due yesterday."""
    teacher = build.user("teacher")
    students = [build.user("student", name=name) for name in ("Amara", "Ben", "Chloe")]
    classroom = build.classroom(teacher, students)
    assignment = assign(classroom, "quiz", MODULE, utcnow() - timedelta(days=1))
    client = app.test_client()
    login(client, teacher.username)
    return client, classroom, students, assignment


def grant(client, classroom, data):
    return post_form(client, f"/classes/{classroom.id}/accommodations", data)


def rows() -> list[Accommodation]:
    db.session.expire_all()
    return list(db.session.scalars(select(Accommodation).order_by(Accommodation.student_id)))


def test_a_group_extension_ends_lateness_for_them_only(app, school):
    client, classroom, (amara, ben, chloe), assignment = school
    later = date.today() + timedelta(days=5)
    response = grant(
        client, classroom, {"work": assignment.id, "students": [amara.id, ben.id], "due": later.isoformat()}
    )
    assert response.status_code == 302
    assert [(r.student_id, r.extra_attempts) for r in rows()] == [(amara.id, 0), (ben.id, 0)]
    page = text(client.get(f"/classes/{classroom.id}/accommodations"))
    assert "Amara" in page and "Ben" in page and later.strftime("%-d %b %Y") in page
    overview = text(client.get(f"/reports/classes/{classroom.id}/overview"))
    assert overview.count("accommodation</span>") == 2 and overview.count("state state-late") == 1  # Chloe only
    for student, own in ((amara, True), (chloe, False)):
        mine = app.test_client()
        login(mine, student.username)
        home = text(mine.get("/"))
        assert ("your own date" in home) is own
        assert ("Late" in home) is not own


def test_extra_attempts_lift_the_limit_and_show_on_the_module_page(app, school):
    client, classroom, (amara, *_), assignment = school
    student = app.test_client()
    login(student, amara.username)
    for _ in range(3):
        post_form(student, f"/quizzes/{MODULE}/start")
        attempt_id = db.session.execute(
            db.text("SELECT id FROM attempt WHERE user_id = :u AND submitted_at IS NULL"), {"u": amara.id}
        ).scalar()
        post_form(student, f"/quizzes/attempts/{attempt_id}/submit")
    refused = post_form(student, f"/quizzes/{MODULE}/start", follow_redirects=True)
    assert "used all 3 attempts" in text(refused)
    assert (
        grant(client, classroom, {"work": assignment.id, "students": [amara.id], "extra_attempts": "1"}).status_code
        == 302
    )
    page = text(student.get(f"/quizzes/{MODULE}"))
    assert "4 allowed (including 1 extra from your teacher), 1 left" in page
    assert post_form(student, f"/quizzes/{MODULE}/start").headers["Location"].startswith("/quizzes/attempts/")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"due": "2020-01-01"}, "An extension cannot be in the past"),
        ({}, "Give a due date, extra attempts, or both."),
        ({"extra_attempts": "21"}, "From 0 to 20."),
        ({"due": "not a date"}, "Not a valid date value."),
        ({"due": "3000-01-01"}, "Choose a day up to 31 Dec 2099."),
        ({"students": []}, "Choose at least one student."),
    ],
)
def test_bad_terms_are_form_errors_and_nothing_is_saved(school, data, message):
    client, classroom, (amara, *_), assignment = school
    response = grant(client, classroom, {"work": assignment.id, "students": [amara.id], **data})
    assert response.status_code == 400 and message in text(response)
    assert rows() == []


def test_an_extension_must_extend(school, build):
    client, classroom, (amara, *_), assignment = school
    assignment.due_at = utcnow() + timedelta(days=10)
    db.session.commit()
    soon = (date.today() + timedelta(days=2)).isoformat()
    response = grant(client, classroom, {"work": assignment.id, "students": [amara.id], "due": soon})
    assert response.status_code == 400 and "after the class due date" in text(response)
    undated = assign(classroom, "lesson", "one-event-five-frames")
    for data, message in (
        ({"due": soon}, "no due date, so there is nothing to extend"),
        ({"extra_attempts": "2"}, "Only quiz modules have attempts."),
    ):
        response = grant(client, classroom, {"work": undated.id, "students": [amara.id], **data})
        assert response.status_code == 400 and message in text(response)
    assert rows() == []


def test_a_student_of_another_class_cannot_be_given_terms(school, build):
    client, classroom, _, assignment = school
    outsider = build.user("student")
    build.classroom(build.user("teacher"), [outsider])
    response = grant(client, classroom, {"work": assignment.id, "students": [outsider.id], "extra_attempts": "1"})
    assert response.status_code == 400 and rows() == []


def test_withdrawing_and_another_class_accommodation_is_404(school, build):
    client, classroom, (amara, *_), assignment = school
    grant(client, classroom, {"work": assignment.id, "students": [amara.id], "extra_attempts": "1"})
    (row,) = rows()
    other = build.classroom(build.user("teacher"))
    other_client_class = post_form(client, f"/classes/{other.id}/accommodations/{row.id}/delete")
    assert other_client_class.status_code == 404
    own = build.classroom(None)
    assert post_form(client, f"/classes/{classroom.id}/accommodations/{row.id + 999}/delete").status_code == 404
    assert own is not None and len(rows()) == 1
    assert post_form(client, f"/classes/{classroom.id}/accommodations/{row.id}/delete").status_code == 302
    assert rows() == []


def test_an_extension_never_makes_work_due_sooner():
    from datetime import datetime

    from crosscheck.progress.allowances import Allowance

    own, early, late = datetime(2026, 12, 10), datetime(2026, 12, 5), datetime(2026, 12, 20)
    assert Allowance(own).due(early) == own
    assert Allowance(own).due(late) == late  # the class's date moved past the extension
    assert Allowance(own).due(None) is None  # the class's date was dropped: nobody is late
    assert Allowance(None, 2).due(early) == early
