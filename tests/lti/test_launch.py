"""Launches from the test LMS through the test client: accounts, classes, deep linking, placements."""

from __future__ import annotations

from sqlalchemy import select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Assignment, Classroom, ClassTeacher, Enrollment
from crosscheck.extensions import db
from crosscheck.lti.models import LtiContext, LtiPlacement, LtiUserLink
from tests.lti.conftest import launch, place

MODULE = "spot-unverified"


def test_first_teacher_launch_makes_the_class_and_opens_the_picker(client, lms):
    response = launch(client, lms, "t-1")
    assert response.status_code == 302 and response.headers["Location"].endswith("/lti/deep-link")
    link = db.session.scalar(select(LtiUserLink).where(LtiUserLink.subject == "t-1"))
    assert link.issuer == lms.issuer and link.user.role == "teacher" and link.user.display_name == "Ms Teacher"
    context = db.session.scalar(select(LtiContext))
    assert context.context_id == "course-7b" and context.classroom.name == "Media literacy 7B"
    assert db.session.get(ClassTeacher, (context.classroom_id, link.user_id)) is not None
    assert context.memberships_url == f"{lms.base_url}/memberships"
    picker = client.get("/lti/deep-link")
    assert picker.status_code == 200 and "Place Crosscheck work" in picker.get_data(as_text=True)


def test_deep_linked_module_opens_for_the_student_who_is_enrolled(client, app, lms):
    link = place(client, lms, "quiz", MODULE)
    assert lms.links[link]["custom"] == {"crosscheck_kind": "quiz", "crosscheck_id": MODULE}
    line = lms.lineitems[lms.links[link]["lineitem"]]
    assert line["scoreMaximum"] > 0 and line["resourceId"] == f"quiz:{MODULE}"
    student = app.test_client()
    response = launch(student, lms, "s-1", link)
    assert response.status_code == 302 and response.headers["Location"] == f"/quizzes/{MODULE}"
    user = db.session.scalar(select(User).join(LtiUserLink).where(LtiUserLink.subject == "s-1"))
    assert user.role == "student"
    classroom = db.session.scalar(select(Classroom))
    assert db.session.scalar(select(Enrollment).where(Enrollment.student_id == user.id)).classroom_id == classroom.id
    placement = db.session.scalar(select(LtiPlacement))
    assert placement.lineitem_url.endswith(f"/lineitems/{lms.links[link]['lineitem']}")
    assert db.session.scalar(select(Assignment.target_id).where(Assignment.classroom_id == classroom.id)) == MODULE
    assert student.get(f"/quizzes/{MODULE}").status_code == 200


def test_a_second_launch_reuses_the_account(client, app, lms):
    launch(client, lms, "t-1")
    again = app.test_client()
    launch(again, lms, "t-1")
    assert db.session.query(LtiUserLink).count() == 1 and db.session.query(Classroom).count() == 1
