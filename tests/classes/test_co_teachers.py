"""Co-teachers leave a class through its page: removed by another teacher, or leaving; never the last one."""

import threading

from crosscheck.classes import service
from crosscheck.classes.models import Classroom, ClassTeacher
from crosscheck.extensions import db
from tests.conftest import login, post_form


def _teachers(classroom_id: int) -> set[int]:
    """Ids of the class's teachers, read fresh."""
    db.session.expire_all()
    return {link.user_id for link in db.session.query(ClassTeacher).filter_by(classroom_id=classroom_id)}


def test_a_teacher_removes_a_co_teacher_who_then_cannot_open_the_class(client, signed_in, build):
    teacher = signed_in("teacher")
    colleague = build.user("teacher", name="Mr Colleague")
    classroom = build.classroom(teacher)
    db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=colleague.id))
    db.session.commit()
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert 'Remove<span class="visually-hidden"> Mr Colleague</span>' in page and "Leave the class" in page
    response = post_form(client, f"/classes/{classroom.id}/teachers/{colleague.id}/remove")
    assert response.status_code == 302 and _teachers(classroom.id) == {teacher.id}
    assert "Mr Colleague no longer teaches" in client.get(response.location).get_data(as_text=True)
    other = client.application.test_client()
    login(other, colleague.username)
    assert other.get(f"/classes/{classroom.id}").status_code == 404


def test_the_last_teacher_cannot_be_removed_and_is_told_why(client, signed_in, build):
    teacher = signed_in("teacher")
    classroom = build.classroom(teacher)
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert "Leave the class" not in page and "A class keeps at least one teacher" in page
    response = post_form(client, f"/classes/{classroom.id}/teachers/{teacher.id}/remove")
    assert response.status_code == 302 and _teachers(classroom.id) == {teacher.id}
    assert "is the only teacher of" in client.get(response.location).get_data(as_text=True)


def test_a_teacher_who_leaves_goes_to_their_classes(client, signed_in, build):
    teacher = signed_in("teacher")
    colleague = build.user("teacher")
    classroom = build.classroom(colleague, name="Their class")
    db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=teacher.id))
    db.session.commit()
    response = post_form(client, f"/classes/{classroom.id}/teachers/{teacher.id}/remove")
    assert response.status_code == 302 and response.location == "/classes/"
    assert "You no longer teach Their class" in client.get("/classes/").get_data(as_text=True)
    assert _teachers(classroom.id) == {colleague.id}


def test_an_account_that_does_not_teach_the_class_is_a_404(client, signed_in, build):
    teacher = signed_in("teacher")
    stranger = build.user("teacher")
    classroom = build.classroom(teacher)
    assert post_form(client, f"/classes/{classroom.id}/teachers/{stranger.id}/remove").status_code == 404
    assert _teachers(classroom.id) == {teacher.id}


def _remove_at_once(app, classroom_id: int, user_ids: list[int]) -> list[str]:
    """Each teacher removed by a request of its own, all let go at the same moment; 'removed' or 'refused' each."""
    barrier, outcomes = threading.Barrier(len(user_ids)), []

    def remove(user_id: int) -> None:
        with app.app_context():
            room = db.session.get(Classroom, classroom_id)
            barrier.wait()
            try:
                service.remove_teacher(room, user_id)
                outcomes.append("removed")
            except service.ClassError:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=remove, args=(user_id,)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_teachers_removing_each_other_at_once_leave_one(app, build):
    """Both requests check and delete in one statement (and PostgreSQL locks the class): one of them is refused."""
    for _ in range(5):
        first, second = build.user("teacher"), build.user("teacher")
        classroom = build.classroom(first)
        db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=second.id))
        db.session.commit()
        assert _remove_at_once(app, classroom.id, [first.id, second.id]) == ["refused", "removed"]
        assert len(_teachers(classroom.id)) == 1
