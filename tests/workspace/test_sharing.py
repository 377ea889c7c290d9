"""Publishing, sharing, copying, archiving and deleting: who may do what, and what classes keep."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.workspace.models import Document
from tests.conftest import login, post_form
from tests.quizzes.helpers import answer, attempts, start, submit
from tests.workspace.helpers import act, base_of, make, module_text, save


@pytest.fixture
def published(client, signed_in):
    """A teacher signed in on `client` with the published module `relay`."""
    teacher = signed_in("teacher", name="Ms Author")
    make(client, "quiz", "relay")
    save(client, "relay", module_text("relay"))
    act(client, "relay", "publish")
    return teacher


def _flashes(client, reply) -> str:
    return client.get(reply.headers["Location"]).get_data(as_text=True)


def _other(app, build, role: str = "teacher"):
    user = build.user(role)
    other = app.test_client()
    login(other, user.username)
    return user, other


def test_ids_never_collide_with_the_shipped_catalogue_or_another_teachers(app, client, published, build):
    page = _flashes(client, make(client, "quiz", "primary-source"))
    assert "The id &#39;primary-source&#39; is already used in this school&#39;s catalogue" in page
    _, other = _other(app, build)
    assert "already used" in _flashes(other, make(other, "lesson", "relay"))
    assert "names a workspace page" in _flashes(other, make(other, "quiz", "upload"))
    assert "lowercase letters" in _flashes(other, make(other, "quiz", "Bad Id"))
    assert db.session.scalar(select(db.func.count()).select_from(Document)) == 1


def test_unshared_work_is_the_authors_alone(app, client, published, build):
    _, other = _other(app, build)
    assert other.get("/workspace/relay").status_code == 404
    assert "Who reported it first?" not in other.get("/quizzes/").get_data(as_text=True)
    assert "Who reported it first?" not in other.get("/workspace/").get_data(as_text=True)


def test_shared_work_is_used_and_copied_by_other_teachers_not_edited(app, client, published, build):
    assert "Shared with the school." in _flashes(client, act(client, "relay", "share"))
    teacher, other = _other(app, build)
    assert "Who reported it first?" in other.get("/workspace/").get_data(as_text=True)
    assert other.get("/workspace/relay/edit").status_code == 403
    assert save(other, "relay", "id: relay\n", base=2).status_code == 403
    assert act(other, "relay", "publish").status_code == 403
    classroom = build.classroom(teacher)
    other.get(f"/classes/{classroom.id}")
    assert post_form(other, f"/classes/{classroom.id}/assignments", {"work": "quiz:relay"}).status_code == 302
    page = _flashes(other, post_form(other, "/workspace/relay/copy", {"slug": "my-relay"}))
    assert "Copied to my-relay, a draft of yours." in page
    copy = db.session.scalar(select(Document).where(Document.slug == "my-relay"))
    assert copy.author_id == teacher.id and copy.state == "draft" and copy.copied_from == "relay"
    assert "id: my-relay" in other.get("/workspace/my-relay/edit").get_data(as_text=True)


def test_an_editor_saves_and_the_second_of_two_is_told_and_keeps_their_text(app, client, published, build):
    editor_user, editor = _other(app, build)
    post_form(client, "/workspace/relay/editors", {"username": editor_user.username})
    base = base_of(client, "relay")
    assert save(client, "relay", module_text("relay", title="First save"), base=base).status_code == 302
    second = save(editor, "relay", module_text("relay", title="Second save"), base=base)
    page = second.get_data(as_text=True)
    assert second.status_code == 409
    assert f"Ms Author saved version {base + 1} while you were editing" in page
    assert "Second save" in page  # their text, still in the editor
    assert "-title: &#34;First save&#34;" in page and "+title: &#34;Second save&#34;" in page  # the difference
    assert save(editor, "relay", module_text("relay", title="Second save"), base=base + 1).status_code == 302
    assert "Second save" in client.get("/workspace/relay/edit").get_data(as_text=True)
    assert "First save" in client.get(f"/workspace/relay/versions/{base + 1}").get_data(as_text=True)
    assert act(editor, "relay", "publish").status_code == 403  # editors save; the author publishes


def test_deleting_assigned_work_is_refused_and_archived_work_stays_with_its_classes(app, client, published, build):
    student = build.user("student")
    classroom = build.classroom(published, [student])
    client.get(f"/classes/{classroom.id}")
    post_form(client, f"/classes/{classroom.id}/assignments", {"work": "quiz:relay"})
    page = _flashes(client, act(client, "relay", "delete"))
    assert "1 class(es) have it assigned, so it cannot be deleted: archive it instead." in page
    assert "Archived" in _flashes(client, act(client, "relay", "archive"))
    other_class = build.classroom(published)
    assert "quiz:relay" not in client.get(f"/classes/{other_class.id}").get_data(as_text=True)
    student_client = app.test_client()
    login(student_client, student.username)
    assert "Who reported it first?" in student_client.get("/quizzes/").get_data(as_text=True)


def test_an_admin_unpublishes_anything_the_author_only_what_is_unassigned(app, client, published, build):
    classroom = build.classroom(published)
    client.get(f"/classes/{classroom.id}")
    post_form(client, f"/classes/{classroom.id}/assignments", {"work": "quiz:relay"})
    assert "archive it instead" in _flashes(client, act(client, "relay", "unpublish"))
    _, admin = _other(app, build, "admin")
    assert "Unpublished" in _flashes(admin, act(admin, "relay", "unpublish"))
    assert client.get("/quizzes/relay").status_code == 404
    assert "file missing" in client.get(f"/classes/{classroom.id}").get_data(as_text=True)


def test_an_edit_keeps_past_answers_as_answered_and_the_item_analysis_shows_the_change(app, client, published, build):
    student = build.user("student")
    classroom = build.classroom(published, [student])
    client.get(f"/classes/{classroom.id}")
    post_form(client, f"/classes/{classroom.id}/assignments", {"work": "quiz:relay"})
    student_client = app.test_client()
    login(student_client, student.username)
    start(student_client, "relay")
    (attempt,) = attempts(student.id, "relay")
    answer(student_client, attempt, 1)
    submit(student_client, attempt)

    changed = module_text("relay").replace(
        "From HNGN's own reporters, who questioned the soldiers at the camp.", "From a press release."
    )
    save(client, "relay", changed)
    act(client, "relay", "publish")
    results = student_client.get(f"/quizzes/attempts/{attempt.id}/results").get_data(as_text=True)
    assert (
        "From HNGN&#39;s own reporters, who questioned the soldiers at the camp." in results
        and "From a press release." not in results
    )

    start(student_client, "relay")
    second = attempts(student.id, "relay")[-1]
    answer(student_client, second, 1, correct=False)
    submit(student_client, second)
    analysis = client.get(f"/reports/classes/{classroom.id}/items/relay").get_data(as_text=True)
    assert "changed while answered (2 versions)" in analysis
