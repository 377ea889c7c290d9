"""Every report and export URL for every role: 403 for a role that may never open it, 404 for others' classes.

A teacher guessing another class's id, or a student guessing another student's, gets 404: the same answer as
an id that does not exist, so ids reveal nothing.
"""

from types import SimpleNamespace

import pytest

from crosscheck.classes.models import ClassTeacher
from crosscheck.extensions import db
from tests.conftest import login
from tests.sample_work import SAMPLE_QUIZ, assign, install_sample_catalog, record_attempt

CLASS_REPORTS = ["overview", "overview.csv", "skills", "skills.csv", "items/sample-figures", "items/sample-figures.csv"]


@pytest.fixture
def two_classes(app, build):
    """Class A (teacher A, students amy and abe) and class B (teacher B, student bea), both doing the sample quiz."""
    install_sample_catalog(app)
    teacher_a, teacher_b = build.user("teacher", username="ta"), build.user("teacher", username="tb")
    amy, abe, bea = (build.user("student", username=n) for n in ("amy", "abe", "bea"))
    class_a = build.classroom(teacher_a, [amy, abe], name="A")
    class_b = build.classroom(teacher_b, [bea], name="B")
    for classroom in (class_a, class_b):
        assign(classroom, "quiz", SAMPLE_QUIZ.id)
    for student in (amy, abe, bea):
        record_attempt(student, SAMPLE_QUIZ, {"q1": ({"choice": "a"}, 1)}, submitted_at=None)
    return class_a, class_b, teacher_a, teacher_b, amy, abe, bea


def _urls(classroom, student):
    base = f"/reports/classes/{classroom.id}"
    return [f"{base}/{r}" for r in CLASS_REPORTS] + [
        f"{base}/students/{student.id}",
        f"{base}/students/{student.id}.csv",
    ]


def _statuses(client, urls):
    return {url: client.get(url).status_code for url in urls}


def test_anonymous_is_sent_to_sign_in(client, two_classes):
    class_a, *_, amy, _, _ = two_classes
    for url in _urls(class_a, amy):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location, url


def test_teacher_opens_every_report_of_their_class(client, two_classes):
    class_a, _, teacher_a, *_ = two_classes
    amy = two_classes[4]
    login(client, teacher_a.username)
    assert set(_statuses(client, _urls(class_a, amy)).values()) == {200}


def test_teacher_guessing_another_class_gets_404(client, two_classes):
    class_a, class_b, teacher_a, _, amy, _, bea = two_classes
    login(client, teacher_a.username)
    assert set(_statuses(client, _urls(class_b, bea)).values()) == {404}
    assert set(_statuses(client, _urls(SimpleNamespace(id=99999), bea)).values()) == {404}
    # A student of another class, reached through one's own class id, is not there either.
    assert client.get(f"/reports/classes/{class_a.id}/students/{bea.id}").status_code == 404
    assert client.get(f"/classes/{class_b.id}").status_code == 404


def test_co_teacher_sees_the_class(client, two_classes):
    class_a, class_b, teacher_a, _, amy, _, bea = two_classes
    db.session.add(ClassTeacher(classroom_id=class_b.id, user_id=teacher_a.id))
    db.session.commit()
    login(client, teacher_a.username)
    assert set(_statuses(client, _urls(class_b, bea)).values()) == {200}


def test_admin_sees_every_class(client, build, two_classes):
    class_a, class_b, *_, amy, _, bea = two_classes
    admin = build.user("admin")
    login(client, admin.username)
    assert set(_statuses(client, _urls(class_a, amy) + _urls(class_b, bea)).values()) == {200}


def test_student_sees_only_their_own_drill_down(client, two_classes):
    class_a, class_b, *_, amy, abe, bea = two_classes
    login(client, amy.username)
    statuses = _statuses(client, _urls(class_a, amy))
    base = f"/reports/classes/{class_a.id}"
    assert {u: s for u, s in statuses.items() if "/students/" in u} == {
        f"{base}/students/{amy.id}": 200,
        f"{base}/students/{amy.id}.csv": 200,
    }
    assert {s for u, s in statuses.items() if "/students/" not in u} == {403}  # teacher reports: not for students
    assert client.get(f"{base}/students/{abe.id}").status_code == 404  # a classmate
    assert client.get(f"{base}/students/{abe.id}.csv").status_code == 404
    assert client.get(f"/reports/classes/{class_b.id}/students/{amy.id}").status_code == 404  # not her class
    assert client.get("/classes/").status_code == 403


def test_removed_student_still_sees_own_work_and_teacher_still_sees_it(client, two_classes):
    from crosscheck.classes.models import Enrollment
    from crosscheck.timezone import utcnow

    class_a, _, teacher_a, _, amy, *_ = two_classes
    enrollment = db.session.query(Enrollment).filter_by(classroom_id=class_a.id, student_id=amy.id).one()
    enrollment.removed_at = utcnow()
    db.session.commit()
    login(client, teacher_a.username)
    page = client.get(f"/reports/classes/{class_a.id}/students/{amy.id}")
    assert page.status_code == 200 and "their work is kept" in page.get_data(as_text=True)
    assert ">Amy</a>" not in client.get(f"/reports/classes/{class_a.id}/overview").get_data(as_text=True)
