"""Teachers run classes through the pages: create, join codes, archive, roster, co-teachers, assignments."""

import re
from datetime import UTC, date, datetime

import time_machine
from sqlalchemy import select

from crosscheck.classes.models import Assignment, Classroom, Enrollment
from crosscheck.extensions import db
from tests.conftest import PASSWORD, Builders, login, post_form
from tests.sample_work import SAMPLE_QUIZ, install_sample_catalog, record_attempt, seeds_only_root


def test_teacher_creates_a_class_with_a_join_code(client, signed_in):
    teacher = signed_in("teacher")
    response = post_form(client, "/classes/", {"name": '10C, "Media"'})
    assert response.status_code == 302
    classroom = db.session.scalar(select(Classroom))
    assert classroom.name == '10C, "Media"' and re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", classroom.join_code)
    assert [t.id for t in classroom.teachers] == [teacher.id]
    assert classroom.join_code in client.get(response.location).get_data(as_text=True)


def test_class_page_says_when_there_is_nothing_to_assign(make_app, tmp_path):
    app = make_app(CONTENT_DIR=str(seeds_only_root(tmp_path)))
    with app.app_context():
        teacher = Builders().user("teacher")
        classroom = Builders().classroom(teacher, name="Empty catalog")
        client = app.test_client()
        login(client, teacher.username)
        page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert "No lessons yet" in page and 'name="work"' not in page


def test_empty_name_is_refused_beside_the_field(client, signed_in):
    signed_in("teacher")
    response = post_form(client, "/classes/", {"name": ""})
    assert response.status_code == 400 and "This field is required." in response.get_data(as_text=True)


def test_regenerated_code_replaces_the_old_one(client, signed_in, build):
    teacher = signed_in("teacher")
    classroom = build.classroom(teacher)
    old = classroom.join_code
    post_form(client, f"/classes/{classroom.id}/join-code")
    db.session.refresh(classroom)
    assert classroom.join_code != old
    signup = {"display_name": "Newbie", "username": "newbie", "password": PASSWORD, "confirm": PASSWORD}
    other = client.application.test_client()
    assert post_form(other, "/signup", {**signup, "join_code": old}).status_code == 400
    assert post_form(other, "/signup", {**signup, "join_code": classroom.join_code}).status_code == 302


def test_archive_stops_joining_and_unarchive_reopens(client, signed_in, build):
    teacher = signed_in("teacher")
    classroom = build.classroom(teacher)
    post_form(client, f"/classes/{classroom.id}/archive")
    db.session.refresh(classroom)
    assert classroom.archived
    assert "nobody can join" in client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    post_form(client, f"/classes/{classroom.id}/unarchive")
    db.session.refresh(classroom)
    assert not classroom.archived


def test_removing_a_student_keeps_their_work(app, client, signed_in, build):
    install_sample_catalog(app)
    teacher = signed_in("teacher")
    student = build.user("student", name='Zoë, "Z" Ng')
    classroom = build.classroom(teacher, [student])
    record_attempt(student, SAMPLE_QUIZ, {"q1": ({"choice": "a"}, 1)})
    enrollment = db.session.scalar(select(Enrollment))
    response = post_form(client, f"/classes/{classroom.id}/students/{enrollment.id}/remove", follow_redirects=True)
    assert "Their work is kept" in response.get_data(as_text=True)
    db.session.refresh(enrollment)
    assert enrollment.removed_at is not None
    drill = client.get(f"/reports/classes/{classroom.id}/students/{student.id}")
    assert drill.status_code == 200  # the teacher still reads what they did
    post_form(client, f"/classes/{classroom.id}/students/{enrollment.id}/restore")
    db.session.refresh(enrollment)
    assert enrollment.removed_at is None


def test_co_teacher_by_username_as_an_admin(client, signed_in, build):
    """Admins add teachers directly (teachers invite: tests/classes/test_invitations.py)."""
    signed_in("admin")
    colleague = build.user("teacher", username="colleague")
    build.user("student", username="pupil")
    classroom = build.classroom(build.user("teacher"))
    bad = post_form(client, f"/classes/{classroom.id}/teachers", {"username": "pupil"})
    assert bad.status_code == 400 and "No teacher account has the username" in bad.get_data(as_text=True)
    assert post_form(client, f"/classes/{classroom.id}/teachers", {"username": "Colleague"}).status_code == 302
    again = post_form(client, f"/classes/{classroom.id}/teachers", {"username": "colleague"})
    assert "already teaches this class" in again.get_data(as_text=True)
    other = client.application.test_client()
    login(other, colleague.username)
    assert other.get(f"/classes/{classroom.id}").status_code == 200


@time_machine.travel(datetime(2026, 3, 1, 12, tzinfo=UTC))  # 5 March is ahead (and the session's cookie is new)
def test_assigning_work_with_a_due_date(app, client, signed_in, build):
    install_sample_catalog(app)
    teacher = signed_in("teacher")
    classroom = build.classroom(teacher)
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert "Sample lesson: five frames" in page and "Sample: figures and claims" in page
    assert 'name="work" required><option value="">Choose…</option><optgroup label="Lessons">' in page
    url = f"/classes/{classroom.id}/assignments"
    assert post_form(client, url, {"work": f"quiz:{SAMPLE_QUIZ.id}", "due": "2026-03-05"}).status_code == 302
    assignment = db.session.scalar(select(Assignment))
    assert (assignment.kind, assignment.target_id, assignment.due_at.isoformat()) == (
        "quiz",
        SAMPLE_QUIZ.id,
        "2026-03-05T23:59:59",
    )
    post_form(client, url, {"work": f"quiz:{SAMPLE_QUIZ.id}", "due": ""})  # again: changes the due date
    db.session.refresh(assignment)
    assert assignment.due_at is None and db.session.query(Assignment).count() == 1
    assert post_form(client, url, {"work": "quiz:no-such-module"}).status_code == 400
    refused = post_form(client, url, {"work": "lesson:sample-lesson", "due": "not a date"})
    assert refused.status_code == 400 and "You typed “not a date”." in refused.get_data(as_text=True)
    assert 'value="not a date"' not in refused.get_data(as_text=True)  # a date input holds a date or nothing
    unchosen = post_form(client, url, {"work": ""})
    assert unchosen.status_code == 400 and "Choose a lesson or quiz module." in unchosen.get_data(as_text=True)
    post_form(client, f"/classes/{classroom.id}/assignments/{assignment.id}/delete")
    assert db.session.query(Assignment).count() == 0


@time_machine.travel(datetime(2026, 5, 10, 12, tzinfo=UTC))
def test_a_due_date_in_the_past_is_refused_beside_the_field_and_nothing_is_saved(app, client, signed_in, build):
    install_sample_catalog(app)
    teacher = signed_in("teacher")
    classroom = build.classroom(teacher, [build.user("student")])
    url = f"/classes/{classroom.id}/assignments"
    work = f"quiz:{SAMPLE_QUIZ.id}"
    refused = post_form(client, url, {"work": work, "due": "2026-05-09"})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert 'id="due-error">A due date cannot be in the past: today is 10 May 2026.' in page
    assert db.session.scalar(select(Assignment.id)) is None
    assert post_form(client, url, {"work": work, "due": "2026-05-10"}).status_code == 302  # today is fine
    changed = post_form(client, url, {"work": work, "due": "2026-01-31"})  # assigning again changes the date
    assert changed.status_code == 400 and "cannot be in the past" in changed.get_data(as_text=True)
    assert db.session.scalar(select(Assignment.due_at)).isoformat() == "2026-05-10T23:59:59"


def test_today_is_the_school_s_today(make_app):
    app = make_app(TIME_ZONE="Asia/Seoul")  # 20:00 UTC on 10 May is already 11 May in Seoul
    with app.app_context(), time_machine.travel(datetime(2026, 5, 10, 20, tzinfo=UTC)):
        install_sample_catalog(app)
        teacher = Builders().user("teacher")
        classroom = Builders().classroom(teacher)
        client = app.test_client()
        login(client, teacher.username)
        url = f"/classes/{classroom.id}/assignments"
        refused = post_form(client, url, {"work": f"quiz:{SAMPLE_QUIZ.id}", "due": "2026-05-10"})
        assert "today is 11 May 2026" in refused.get_data(as_text=True)


def test_admin_sees_all_classes_teacher_only_theirs(client, build):
    mine, theirs = build.user("teacher"), build.user("teacher")
    build.classroom(mine, name="Mine")
    build.classroom(theirs, name="Theirs")
    login(client, mine.username)
    page = client.get("/classes/").get_data(as_text=True)
    assert "Mine" in page and "Theirs" not in page
    admin_client = client.application.test_client()
    login(admin_client, build.user("admin").username)
    page = admin_client.get("/classes/").get_data(as_text=True)
    assert "Mine" in page and "Theirs" in page


def test_every_class_action_is_404_for_another_teachers_class(client, build):
    owner, outsider = build.user("teacher"), build.user("teacher")
    student = build.user("student")
    classroom = build.classroom(owner, [student])
    enrollment = db.session.scalar(select(Enrollment))
    login(client, outsider.username)
    base = f"/classes/{classroom.id}"
    posts = [
        "/join-code",
        "/archive",
        "/unarchive",
        f"/students/{enrollment.id}/remove",
        f"/students/{enrollment.id}/restore",
        "/teachers",
        "/assignments",
        "/assignments/1/delete",
    ]
    assert client.get(base).status_code == 404
    assert {post_form(client, base + p).status_code for p in posts} == {404}
    db.session.refresh(classroom)
    assert not classroom.archived


def test_students_may_not_manage_classes(client, signed_in, build):
    signed_in("student")
    classroom = build.classroom(build.user("teacher"))
    assert client.get("/classes/").status_code == 403
    assert post_form(client, f"/classes/{classroom.id}/archive").status_code == 403


def test_due_date_is_the_end_of_the_day(app):  # in the default zone, UTC
    from crosscheck.classes.service import due_at_end_of

    assert due_at_end_of(date(2026, 1, 2)).isoformat() == "2026-01-02T23:59:59"
    assert due_at_end_of(None) is None
