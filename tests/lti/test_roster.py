"""Roster sync from the LMS (Names and Role Provisioning)."""

from __future__ import annotations

from sqlalchemy import select

from crosscheck.classes.models import Classroom, Enrollment
from crosscheck.extensions import db
from crosscheck.lti.models import LtiContext, LtiUserLink
from tests.conftest import post_form
from tests.lti.conftest import launch
from tests.lti.platform import INSTRUCTOR, LEARNER


def enrolled(classroom_id: int) -> set[str]:
    """Subjects of the students enrolled and not removed."""
    query = (
        select(LtiUserLink.subject)
        .join(Enrollment, Enrollment.student_id == LtiUserLink.user_id)
        .where(Enrollment.classroom_id == classroom_id, Enrollment.removed_at.is_(None))
    )
    return set(db.session.scalars(query))


def test_sync_enrols_learners_adds_teachers_and_removes_inactive(client, lms):
    lms.add_user("t-2", "Mr Coteacher", INSTRUCTOR)
    lms.add_user("m-1", "A Parent", "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor")
    launch(client, lms, "t-1")
    classroom = db.session.scalar(select(Classroom))
    response = post_form(client, f"/classes/{classroom.id}/lms/roster", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "2 student(s) added" in page and "2 teacher(s)" in page and "1 skipped" in page
    assert enrolled(classroom.id) == {"s-1", "s-2"}
    db.session.expire_all()
    assert {t.display_name for t in db.session.get(Classroom, classroom.id).teachers} == {"Ms Teacher", "Mr Coteacher"}
    lms.users["s-2"].status = "Inactive"
    lms.add_user("s-3", "Cy Student", LEARNER)
    response = post_form(client, f"/classes/{classroom.id}/lms/roster", follow_redirects=True)
    assert "1 student(s) added, 1 removed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert enrolled(classroom.id) == {"s-1", "s-3"}


def test_sync_when_the_lms_is_down_changes_nothing(client, lms):
    launch(client, lms, "t-1")
    classroom = db.session.scalar(select(Classroom))
    context = db.session.scalar(select(LtiContext))
    context.memberships_url = "http://127.0.0.1:9/memberships"
    db.session.commit()
    response = post_form(client, f"/classes/{classroom.id}/lms/roster", follow_redirects=True)
    assert "could not be read" in response.get_data(as_text=True)
    assert enrolled(classroom.id) == set()


def test_a_student_the_teacher_removed_stays_removed_through_syncs_and_launches(client, lms):
    launch(client, lms, "t-1")
    classroom = db.session.scalar(select(Classroom))
    post_form(client, f"/classes/{classroom.id}/lms/roster")
    subject_of = {link.user_id: link.subject for link in db.session.scalars(select(LtiUserLink))}
    s1 = next(e for e in db.session.scalars(select(Enrollment)) if subject_of[e.student_id] == "s-1")
    assert post_form(client, f"/classes/{classroom.id}/students/{s1.id}/remove").status_code == 302
    post_form(client, f"/classes/{classroom.id}/lms/roster")  # the LMS still lists s-1 as active
    launch(client.application.test_client(), lms, "s-1")  # and s-1 opens the course's link
    db.session.expire_all()
    assert enrolled(classroom.id) == {"s-2"}
