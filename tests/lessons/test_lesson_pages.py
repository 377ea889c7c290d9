"""The lesson list and lesson pages for every role, progress per user, and broken lessons kept off the pages."""

from pathlib import Path

import pytest
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from tests.conftest import login, post_form
from tests.content.lesson_files import content_root, line_of, write_lesson


@pytest.fixture
def app(make_app, tmp_path):
    """The app (used by client, build, signed_in) serving two small lessons and one broken lesson with a script."""
    root = content_root(tmp_path)
    write_lesson(
        root, "## Read closely\n\nThe video was *edited*.\n", name="one.md", id="first-lesson", title="First lesson"
    )
    write_lesson(root, "Second body.\n", name="two.md", id="second-lesson", title="Second lesson", order=2)
    write_lesson(root, "<script>alert('pwned')</script>\n", name="three.md", id="broken-lesson", order=3)
    app = make_app(CONTENT_DIR=str(root))
    with app.app_context():
        yield app


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/lessons/", "/lessons/first-lesson"])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


def test_anonymous_cannot_mark_complete(client):
    response = post_form(client, "/lessons/first-lesson/complete")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["student", "teacher", "admin"])
def test_every_role_may_read_lessons_and_sees_the_menu_entry(client, signed_in, role):
    signed_in(role)
    html = page(client, "/lessons/")
    assert '<a href="/lessons/" aria-current="page">Lessons</a>' in html
    assert "First lesson" in html and "Second lesson" in html
    assert "<em>edited</em>" in page(client, "/lessons/first-lesson")


def test_the_list_shows_each_state_and_n_of_n(client, signed_in):
    user = signed_in()
    html = page(client, "/lessons/")
    assert "completed <strong>0 of 2</strong> lessons" in html and '<progress max="2" value="0"' in html
    assert html.count("Not started") == 2
    page(client, "/lessons/first-lesson")
    row = db.session.scalar(select(LessonProgress).where(LessonProgress.user_id == user.id))
    assert row.lesson_id == "first-lesson" and row.opened_at is not None and row.completed_at is None
    html = page(client, "/lessons/")
    assert html.count("Not started") == 1 and html.count(">Opened<") == 1 and "0 of 2" in html
    response = post_form(client, "/lessons/first-lesson/complete")
    assert response.status_code == 302 and response.headers["Location"] == "/lessons/first-lesson#progress"
    html = page(client, "/lessons/")
    assert (
        html.count(">Completed<") == 1 and "<strong>1 of 2</strong>" in html and '<progress max="2" value="1"' in html
    )


def test_the_lesson_page_has_objectives_minutes_body_self_check_quiz_link_and_the_form(client, signed_in):
    signed_in()
    html = page(client, "/lessons/first-lesson")
    assert '<h1 id="lesson-title">First lesson</h1>' in html and "About 10 minutes" in html
    assert "<li>Say who released the video</li>" in html
    assert "<h2>Read closely</h2>" in html and '<section class="self-check">' in html
    assert '<a href="/quizzes/final-mixed">final-mixed</a>' in html
    assert 'name="csrf_token"' in html and 'value="Mark as complete"' in html
    assert html.index("self-check") < html.index("Mark as complete")
    assert 'Next lesson: <a href="/lessons/second-lesson">Second lesson</a>' in html
    assert "outlet not named in the text (“Troops Detained" in html and ">Kyiv Post</a>" in html


def test_marking_complete_needs_the_csrf_token_and_keeps_the_first_time(client, signed_in):
    user = signed_in()
    assert client.post("/lessons/first-lesson/complete").status_code == 400
    assert db.session.scalar(select(LessonProgress).where(LessonProgress.user_id == user.id)) is None
    post_form(client, "/lessons/first-lesson/complete")
    first = db.session.scalar(select(LessonProgress.completed_at).where(LessonProgress.user_id == user.id))
    post_form(client, "/lessons/first-lesson/complete")
    assert db.session.scalar(select(LessonProgress.completed_at).where(LessonProgress.user_id == user.id)) == first
    html = page(client, "/lessons/first-lesson")
    assert "You marked this lesson complete on" in html and 'value="Mark as complete"' not in html


def test_progress_is_per_user(app, client, signed_in, build):
    signed_in()
    post_form(client, "/lessons/first-lesson/complete")
    other = app.test_client()
    login(other, build.user("student").username)
    html = page(other, "/lessons/")
    assert "<strong>0 of 2</strong>" in html and html.count("Not started") == 2


def test_unknown_lessons_are_404(client, signed_in):
    signed_in()
    assert client.get("/lessons/no-such-lesson").status_code == 404
    assert post_form(client, "/lessons/no-such-lesson/complete").status_code == 404


def test_a_broken_lesson_is_skipped_named_to_teachers_and_its_script_never_served(app, client, signed_in):
    signed_in("teacher")
    html = page(client, "/lessons/")
    assert "Some content files were skipped" in html
    line = line_of(Path(app.config["CONTENT_DIR"]) / "lessons" / "three.md", "<script>")
    assert f"lessons/three.md:{line}:1: script is not allowed in lessons; remove it" in html
    assert "broken-lesson" not in html.replace("lessons/three.md", "")
    assert client.get("/lessons/broken-lesson").status_code == 404
    for url in ("/lessons/", "/lessons/first-lesson", "/lessons/second-lesson"):
        assert "alert('pwned')" not in page(client, url)


def test_students_do_not_see_the_broken_file_notice(client, signed_in):
    signed_in("student")
    assert "Some content files were skipped" not in page(client, "/lessons/")


def test_demo_gives_students_some_lesson_progress_once(runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    rows = db.session.execute(select(LessonProgress.lesson_id, LessonProgress.completed_at)).all()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert db.session.execute(select(LessonProgress.lesson_id, LessonProgress.completed_at)).all() == rows
    assert len(rows) == 15 and sum(1 for _, done in rows if done) == 12
