"""A student who already has an account joins a class with its join code, as sign-up does for new ones."""

from __future__ import annotations

from sqlalchemy import select

from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from tests.conftest import PASSWORD, Builders, login, post_form
from tests.sample_work import SAMPLE_QUIZ, assign, install_sample_catalog


def text(response) -> str:
    return response.get_data(as_text=True)


def enrolled(classroom, student) -> Enrollment | None:
    return db.session.scalar(
        select(Enrollment).where(Enrollment.classroom_id == classroom.id, Enrollment.student_id == student.id)
    )


def test_a_student_an_admin_made_joins_from_the_dashboard_and_the_class_lists_them(app, client, build):
    install_sample_catalog(app)
    teacher = build.user("teacher")
    classroom = build.classroom(teacher, name="History 9B", join_code="K7QP-3XWM")
    assign(classroom, "quiz", SAMPLE_QUIZ.id)
    gus = build.user("student", username="gus", name="Gus Lindqvist")  # as an admin makes one at /admin/users
    login(client, "gus")
    home = text(client.get("/"))
    assert "You are not in a class yet" in home
    assert 'action="/classes/join"' in home and 'name="join_code"' in home and 'name="csrf_token"' in home
    joined = post_form(client, "/classes/join", {"join_code": " k7qp3xwm "}, follow_redirects=True)  # as typed
    assert joined.status_code == 200 and "You have joined History 9B." in text(joined)
    assert enrolled(classroom, gus).removed_at is None
    assert "Join another class" in text(joined) and "History 9B" in text(joined)
    staff = app.test_client()
    login(staff, teacher.username)
    assert "Gus Lindqvist" in text(staff.get(f"/classes/{classroom.id}"))
    assert "Gus Lindqvist" in text(staff.get(f"/reports/classes/{classroom.id}/overview"))


def test_a_student_in_a_class_joins_a_second_one_and_not_the_same_twice(client, signed_in, build):
    student = signed_in("student")
    first = build.classroom(build.user("teacher"), [student], name="Media 10")
    second = build.classroom(build.user("teacher"), name="Media 11")
    assert "Join another class" in text(client.get("/"))
    again = post_form(client, "/classes/join", {"join_code": first.join_code})
    assert again.status_code == 400 and 'id="join_code-error">You are already in Media 10.' in text(again)
    assert post_form(client, "/classes/join", {"join_code": second.join_code}).status_code == 302
    assert enrolled(second, student) is not None
    assert db.session.query(Enrollment).filter_by(student_id=student.id).count() == 2


def test_wrong_archived_or_empty_codes_are_refused_beside_the_field(client, signed_in, build):
    student = signed_in("student")
    archived = build.classroom(build.user("teacher"), archived=True)
    for code, message in (
        ("GUES-SING", "No open class has that join code. Check it with your teacher."),
        (archived.join_code, "No open class has that join code."),
        ("", "This field is required."),
    ):
        response = post_form(client, "/classes/join", {"join_code": code})
        assert response.status_code == 400 and message in text(response), code
        assert "Please correct the highlighted fields." in text(response)
    assert db.session.scalar(select(Enrollment.id).where(Enrollment.student_id == student.id)) is None


def test_a_student_the_teacher_removed_cannot_undo_it_with_the_code(client, signed_in, build):
    student = signed_in("student")
    classroom = build.classroom(build.user("teacher"), [student], name="Civics")
    enrollment = enrolled(classroom, student)
    post_form(client, "/classes/join", {"join_code": classroom.join_code})  # nothing changes while enrolled
    enrollment.removed_at = enrollment.joined_at
    db.session.commit()
    response = post_form(client, "/classes/join", {"join_code": classroom.join_code})
    assert response.status_code == 400 and "Your teacher took you off Civics." in text(response)
    db.session.refresh(enrollment)
    assert enrollment.removed_at is not None


def test_guessing_codes_holds_back_that_student_only(make_app):
    app = make_app(SIGNUP_MAX_FAILURES=3)
    with app.app_context():
        build = Builders()
        classroom = build.classroom(build.user("teacher"), join_code="REAL-CODE")
        guesser, classmate = build.user("student"), build.user("student")
        school = {"REMOTE_ADDR": "198.51.100.7"}  # everyone at the school shares one address
        prober = app.test_client()
        login(prober, guesser.username, environ_base=school)
        for guess in ("GUES-SIN1", "GUES-SIN2", "GUES-SIN3"):
            assert post_form(prober, "/classes/join", {"join_code": guess}, environ_base=school).status_code == 400
        held = post_form(prober, "/classes/join", {"join_code": "REAL-CODE"}, environ_base=school)
        assert held.status_code == 429  # even the right code: a held-back guess learns nothing
        assert "Too many failed join code attempts. Wait 1 minute " in text(held)
        assert enrolled(classroom, guesser) is None
        other = app.test_client()
        login(other, classmate.username, environ_base=school)
        assert post_form(other, "/classes/join", {"join_code": "real-code"}, environ_base=school).status_code == 302
        newcomer = {"display_name": "New", "username": "newkid", "password": PASSWORD, "confirm": PASSWORD}
        signup = post_form(app.test_client(), "/signup", {**newcomer, "join_code": "REAL-CODE"}, environ_base=school)
        assert signup.status_code == 302  # sign-up at the same address counts its own failures only


def test_already_in_the_class_is_not_a_guess(make_app):
    app = make_app(SIGNUP_MAX_FAILURES=2)
    with app.app_context():
        build = Builders()
        student = build.user("student")
        classroom = build.classroom(build.user("teacher"), [student])
        client = app.test_client()
        login(client, student.username)
        for _ in range(3):
            assert post_form(client, "/classes/join", {"join_code": classroom.join_code}).status_code == 400


def test_teachers_and_admins_are_refused_and_see_no_join_form(app, build):
    classroom = build.classroom(build.user("teacher"))
    for role in ("teacher", "admin"):
        client = app.test_client()
        assert login(client, build.user(role).username).status_code == 302
        home = text(client.get("/"))
        assert "Join a class" not in home and 'name="join_code"' not in home
        assert client.get("/classes/join").status_code == 403
        assert post_form(client, "/classes/join", {"join_code": classroom.join_code}).status_code == 403
    assert db.session.query(Enrollment).count() == 0


def test_joining_without_the_csrf_token_is_refused(client, signed_in, build):
    student = signed_in("student")
    classroom = build.classroom(build.user("teacher"))
    assert client.post("/classes/join", data={"join_code": classroom.join_code}).status_code == 400
    assert enrolled(classroom, student) is None


def test_the_teacher_s_sign_up_link_followed_signed_in_opens_the_join_form_with_the_code(client, signed_in, build):
    signed_in("student")
    response = client.get("/signup?code=K7QP-3XWM")
    assert response.status_code == 302 and response.location.endswith("/classes/join?code=K7QP-3XWM")
    assert 'value="K7QP-3XWM"' in text(client.get(response.location))
