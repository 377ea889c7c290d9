"""A remembered report or dashboard is never older than the data: after every kind of write, and when a due date
passes, each page equals the page an app that remembers nothing builds from the same database.

Two apps share one database: `app` remembers pages (the default), `fresh` builds every page each time. Viewers
sign in on each; the writes are made by other clients (so no flashed message tells the pages apart), through the
app's own forms where a user makes them, or through the service a feature calls.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import event, select, update

from crosscheck.classes import accommodations
from crosscheck.classes.models import Assignment, Classroom, Enrollment
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt
from crosscheck.stamps.remember import STORES
from crosscheck.timezone import utcnow
from tests.conftest import login, post_form
from tests.quizzes.helpers import answer, start, submit
from tests.sample_work import SAMPLE_LESSON, SAMPLE_QUIZ, SAMPLE_QUIZ_2, assign, install_sample_catalog

REPORTS = ["overview", "overview.csv", "skills", "skills.csv", f"items/{SAMPLE_QUIZ.id}", f"items/{SAMPLE_QUIZ.id}.csv"]
NOTHING_REMEMBERED = dict.fromkeys(STORES.values(), 0)
TOKENS = re.compile(r'"[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}"')  # a signed CSRF token, as a form or meta tag holds it


def _shown(response) -> str:
    """A page as its reader sees it, less the session's CSRF tokens (each session has its own)."""
    assert response.status_code == 200
    return TOKENS.sub('"a token"', response.get_data(as_text=True))


@pytest.fixture
def school(app, make_app, build):
    """A class of two students with a quiz module (due in 20 minutes: sessions stay open) and a lesson; the two apps and their viewers."""
    fresh = make_app(SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], **NOTHING_REMEMBERED)
    for each in (app, fresh):
        install_sample_catalog(each)
    teacher, ana, ben = build.user("teacher"), build.user("student"), build.user("student")
    classroom = build.classroom(teacher, [ana, ben])
    assign(classroom, "quiz", SAMPLE_QUIZ.id, utcnow().replace(microsecond=0) + timedelta(minutes=20))
    assign(classroom, "lesson", SAMPLE_LESSON.id)
    viewers = {}
    for each in (app, fresh):
        viewers[each] = {user.username: each.test_client() for user in (teacher, ana, ben)}
        for username, client in viewers[each].items():
            login(client, username)
    actors = {user.username: app.test_client() for user in (teacher, ana, ben)}
    for username, client in actors.items():
        login(client, username)
    return fresh, classroom, (teacher, ana, ben), viewers, actors


def _same_everywhere(app, fresh, classroom, users, viewers):
    """Every report page and the student's dashboard read the same from both apps; returns the overview."""
    teacher, ana, _ = users
    urls = [(teacher.username, f"/reports/classes/{classroom.id}/{page}") for page in REPORTS]
    for student in users[1:]:  # each student's drill-down and its CSV, for the teacher and for the student
        for page in (f"students/{student.id}", f"students/{student.id}.csv"):
            urls += [
                (reader, f"/reports/classes/{classroom.id}/{page}") for reader in (teacher.username, student.username)
            ]
    shown = {}
    # Ana hands her quiz in; Ben never does, so his dashboard is the one that turns late when the due date passes.
    for username, url in [*urls, (ana.username, "/"), (users[2].username, "/")]:
        kept, built = (_shown(viewers[each][username].get(url)) for each in (app, fresh))
        assert kept == built, url
        shown[url] = kept
    return shown[urls[0][1]]


def test_every_write_and_the_passing_due_date_show_at_once(app, school):
    fresh, classroom, users, viewers, actors = school
    teacher, ana, ben = users
    check = lambda: _same_everywhere(app, fresh, classroom, users, viewers)  # noqa: E731
    check()
    check()  # the second time from what the app remembered
    assert app.extensions["crosscheck.remembered.reports"].hits >= len(REPORTS)
    assert app.extensions["crosscheck.remembered.drill_downs"].hits >= 4  # the teacher's two, and their CSVs

    start(actors[ana.username], SAMPLE_QUIZ.id)
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == ana.id))
    assert answer(actors[ana.username], attempt, 1).status_code == 302
    check()
    assert submit(actors[ana.username], attempt).status_code == 302
    assert "state-done" in check()
    db.session.expire_all()

    url = f"/classes/{classroom.id}/assignments"
    assert post_form(actors[teacher.username], url, {"work": f"quiz:{SAMPLE_QUIZ_2.id}"}).status_code == 302
    assert SAMPLE_QUIZ_2.title in check()

    quiz = db.session.scalar(select(Assignment).where(Assignment.target_id == SAMPLE_QUIZ.id))
    accommodations.grant(quiz, [ben.id], None, 1, teacher.id)  # one more attempt; the class's due date holds
    check()
    ben.display_name = "Benedict Renamed"
    db.session.commit()
    assert "Benedict Renamed" in check()

    before = check()
    assert "state-late" not in before
    with time_machine.travel(quiz.due_at + timedelta(seconds=1), tick=False):
        late = check()
    assert "state-late" in late and late != before

    enrolment = db.session.scalar(select(Enrollment).where(Enrollment.student_id == ben.id))
    remove = f"/classes/{classroom.id}/students/{enrolment.id}/remove"
    assert post_form(actors[teacher.username], remove).status_code == 302
    assert "Benedict Renamed" not in check()


def test_a_classmates_answer_leaves_a_drill_down_kept_and_the_students_own_moves_it(app, school):
    _, classroom, (teacher, ana, ben), viewers, actors = school
    url = f"/reports/classes/{classroom.id}/students/{ana.id}"
    reader = viewers[app][teacher.username]
    before = _shown(reader.get(url))
    kept = app.extensions["crosscheck.remembered.drill_downs"]
    hits = kept.hits
    for student in (ben, ana):
        start(actors[student.username], SAMPLE_QUIZ.id)
        attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == student.id))
        assert answer(actors[student.username], attempt, 1).status_code == 302
        shown = _shown(reader.get(url))
        if student is ben:  # Ben's answer moves the class report's stamp, not the drill-down's of Ana
            assert (shown, kept.hits) == (before, hits + 1)
    assert kept.hits == hits + 1 and shown != before  # Ana's own answer: built again, with her attempt


def test_a_class_renamed_between_the_access_check_and_the_stamp_shows_its_new_name_next(app, client, build):
    install_sample_catalog(app)
    teacher = build.user("teacher")
    classroom = build.classroom(teacher, [build.user("student")], name="Before")
    assign(classroom, "quiz", SAMPLE_QUIZ.id)
    login(client, teacher.username)
    url = f"/reports/classes/{classroom.id}/overview"
    renamed = []

    def rename_once(_conn, _cursor, statement, *_args):
        """A co-teacher's rename, committed after the page read the class's row and before it reads the stamp."""
        if "FROM class_stamp" in statement and not renamed:
            renamed.append(True)
            with db.engine.connect() as other:
                other.execute(update(Classroom).where(Classroom.id == classroom.id).values(name="After"))
                other.commit()

    event.listen(db.engine, "before_cursor_execute", rename_once)
    try:
        first = client.get(url).get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", rename_once)
    assert renamed and "Class overview: Before" in first  # built from the row read before the rename
    assert "Class overview: After" in client.get(url).get_data(as_text=True)
