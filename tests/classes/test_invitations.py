"""Co-teaching is an invitation the other teacher accepts; inviting tells nothing about which accounts exist."""

from __future__ import annotations

from datetime import timedelta

from crosscheck.classes.models import ClassInvitation, ClassTeacher
from crosscheck.extensions import db
from crosscheck.timezone import utcnow
from tests.conftest import login, post_form


def _teachers(classroom_id: int) -> set[int]:
    """Ids of the class's teachers, read fresh."""
    db.session.expire_all()
    return {link.user_id for link in db.session.query(ClassTeacher).filter_by(classroom_id=classroom_id)}


def _invite(client, classroom, username: str):
    """The class's teacher types a username into the co-teacher form."""
    return post_form(client, f"/classes/{classroom.id}/teachers", {"username": username}, follow_redirects=True)


def test_inviting_says_the_same_for_a_teacher_a_student_and_nobody(client, signed_in, build):
    teacher = signed_in("teacher")
    build.user("teacher", username="colleague")
    build.user("student", username="pupil")
    classroom = build.classroom(teacher, name="9B")
    pages = {name: _invite(client, classroom, name).get_data(as_text=True) for name in ("colleague", "pupil", "ghost")}
    for name, page in pages.items():
        assert f"Invited {name}. If a teacher account has that username, 9B waits on its Classes page" in page
        assert "No teacher account" not in page
    assert _teachers(classroom.id) == {teacher.id}  # nobody added without saying yes
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert "Invited, not yet answered" in page and all(name in page for name in pages)


def test_the_invited_teacher_accepts_and_then_teaches_the_class(app, client, signed_in, build):
    teacher = signed_in("teacher")
    colleague = build.user("teacher", username="colleague")
    classroom = build.classroom(teacher, name="9B")
    _invite(client, classroom, "Colleague")
    other = app.test_client()
    login(other, "colleague")
    assert other.get(f"/classes/{classroom.id}").status_code == 404  # not before accepting
    page = other.get("/classes/").get_data(as_text=True)
    assert "Invitations to co-teach" in page and "9B" in page
    (invitation,) = db.session.query(ClassInvitation).all()
    response = post_form(other, f"/classes/invitations/{invitation.id}/accept", follow_redirects=True)
    assert "You now teach 9B." in response.get_data(as_text=True)
    assert _teachers(classroom.id) == {teacher.id, colleague.id}
    assert "Invitations to co-teach" not in other.get("/classes/").get_data(as_text=True)


def test_declined_withdrawn_expired_and_others_invitations_open_nothing(app, client, signed_in, build):
    teacher = signed_in("teacher")
    build.user("teacher", username="colleague")
    build.user("teacher", username="bystander")
    classroom = build.classroom(teacher, name="9B")
    _invite(client, classroom, "colleague")
    (invitation,) = db.session.query(ClassInvitation).all()
    bystander = app.test_client()
    login(bystander, "bystander")
    assert post_form(bystander, f"/classes/invitations/{invitation.id}/accept").status_code == 404
    colleague = app.test_client()
    login(colleague, "colleague")
    invitation.created_at = utcnow() - timedelta(days=15)
    db.session.commit()
    assert post_form(colleague, f"/classes/invitations/{invitation.id}/accept").status_code == 404
    assert "Invitations to co-teach" not in colleague.get("/classes/").get_data(as_text=True)
    _invite(client, classroom, "colleague")  # invited again: the invitation starts anew
    (invitation,) = db.session.query(ClassInvitation).all()
    response = post_form(colleague, f"/classes/invitations/{invitation.id}/decline", follow_redirects=True)
    assert "Declined the invitation to teach 9B." in response.get_data(as_text=True)
    _invite(client, classroom, "colleague")
    (invitation,) = db.session.query(ClassInvitation).all()
    response = post_form(client, f"/classes/{classroom.id}/invitations/{invitation.id}/withdraw", follow_redirects=True)
    assert "Withdrew the invitation to colleague." in response.get_data(as_text=True)
    assert post_form(colleague, f"/classes/invitations/{invitation.id}/accept").status_code == 404
    assert _teachers(classroom.id) == {teacher.id}


def test_a_student_with_the_invited_username_sees_and_can_accept_nothing(app, client, signed_in, build):
    teacher = signed_in("teacher")
    build.user("student", username="pupil")
    classroom = build.classroom(teacher)
    _invite(client, classroom, "pupil")
    (invitation,) = db.session.query(ClassInvitation).all()
    pupil = app.test_client()
    login(pupil, "pupil")
    assert post_form(pupil, f"/classes/invitations/{invitation.id}/accept").status_code == 403
    assert _teachers(classroom.id) == {teacher.id}


def test_an_admin_adds_a_teacher_directly(client, signed_in, build):
    signed_in("admin")
    colleague = build.user("teacher", username="colleague", name="Ms Colleague")
    classroom = build.classroom(build.user("teacher"))
    response = _invite(client, classroom, "colleague")
    assert "Ms Colleague now teaches" in response.get_data(as_text=True)
    assert colleague.id in _teachers(classroom.id)


def test_inviting_a_teacher_of_the_class_is_refused_beside_the_field(client, signed_in, build):
    teacher = signed_in("teacher")
    classroom = build.classroom(teacher)
    response = post_form(client, f"/classes/{classroom.id}/teachers", {"username": teacher.username})
    assert response.status_code == 400 and "already teaches this class" in response.get_data(as_text=True)
