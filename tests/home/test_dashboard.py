"""The student dashboard: assigned work with state and score, mastery by skill, the next thing to do."""

from datetime import timedelta

from crosscheck.classes.accommodations import Accommodation
from crosscheck.extensions import db
from crosscheck.timezone import utcnow
from tests.conftest import login
from tests.sample_work import (
    SAMPLE_LESSON,
    SAMPLE_LESSON_2,
    SAMPLE_QUIZ,
    SAMPLE_QUIZ_2,
    assign,
    install_sample_catalog,
    lesson_done,
    record_attempt,
)


def _rows(html: str) -> dict[str, str]:
    """Each work row of the dashboard: title -> the row's text."""
    import re

    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", html, re.S)
    return {
        re.sub(r"<[^>]+>", "", r.split("</th>")[0]).strip(): re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r))
        for r in rows
    }


def test_states_scores_and_the_next_thing_to_do(app, client, build):
    extra = SAMPLE_LESSON_2
    install_sample_catalog(app)
    student = build.user("student", username="sam")
    classroom = build.classroom(build.user("teacher"), [student], name="9B")
    now = utcnow()
    assign(classroom, "quiz", SAMPLE_QUIZ.id, now - timedelta(days=2))  # done, but late
    assign(classroom, "quiz", SAMPLE_QUIZ_2.id, now - timedelta(days=1))  # not done: late
    assign(classroom, "lesson", SAMPLE_LESSON.id, now + timedelta(days=3))  # in progress
    assign(classroom, "lesson", extra.id, None)  # not started
    record_attempt(student, SAMPLE_QUIZ, {"q1": ({"choice": "a"}, 1), "q3": ({"choices": ["a"]}, 1)}, submitted_at=now)
    lesson_done(student, SAMPLE_LESSON.id, None)
    login(client, student.username)
    html = client.get("/").get_data(as_text=True)
    rows = _rows(html)
    assert (
        "Done (late)" in rows["Quiz: Sample: figures and claims"] and "50%" in rows["Quiz: Sample: figures and claims"]
    )
    assert "Late" in rows["Quiz: Sample: who said so"]
    assert "In progress" in rows["Lesson: Sample lesson: five frames"]
    assert "Not started" in rows["Lesson: Sample lesson: quotes"]
    next_up = html[html.index("Next thing to do") : html.index("</section>")]
    assert "Sample: who said so" in next_up  # late work comes first
    # Mastery: unverified_claim 1 of 3 (q2 unanswered, q3 half), conflicting_figure 1 of 1.
    assert "33% (1 of 3)" in rows["Spot the unverified claim"]
    assert "100%" in rows["Conflicting figures"] and "not yet" in rows["Find the primary source"]
    assert f"/reports/classes/{classroom.id}/students/{student.id}" in html
    assert 'href="/quizzes/sample-sources"' in next_up and 'href="/lessons/sample-lesson"' in html  # where work opens


def test_all_caught_up_and_no_class(app, client, build):
    install_sample_catalog(app)
    student = build.user("student")
    login(client, student.username)
    assert "You are not in a class yet" in client.get("/").get_data(as_text=True)
    classroom = build.classroom(build.user("teacher"), [student])
    assign(classroom, "lesson", SAMPLE_LESSON.id)
    lesson_done(student, SAMPLE_LESSON.id, utcnow())
    assert "all caught up" in client.get("/").get_data(as_text=True)


def test_archived_and_removed_classes_leave_the_dashboard(client, build):
    student = build.user("student")
    build.classroom(build.user("teacher"), [student], name="Old class", archived=True)
    login(client, student.username)
    assert "Old class" not in client.get("/").get_data(as_text=True)


def test_teacher_home_lists_classes_with_report_links(client, build):
    teacher = build.user("teacher")
    classroom = build.classroom(teacher, [build.user("student")], name="7A Media")
    build.classroom(build.user("teacher"), name="Someone else's")
    login(client, teacher.username)
    html = client.get("/").get_data(as_text=True)
    assert "7A Media" in html and "Someone else" not in html
    assert f"/reports/classes/{classroom.id}/overview" in html and f"/reports/classes/{classroom.id}/skills" in html
    assert 'href="/classes/"' in html  # the Classes menu entry


def test_work_whose_file_has_gone_is_listed_without_a_link(app, client, build):
    install_sample_catalog(app)
    student = build.user("student")
    classroom = build.classroom(build.user("teacher"), [student])
    assign(classroom, "quiz", "a-deleted-module", utcnow() + timedelta(days=1))
    login(client, student.username)
    html = client.get("/").get_data(as_text=True)
    assert "This work is no longer available; ask your teacher." in html
    assert 'href="/quizzes/a-deleted-module"' not in html and "Quiz: a-deleted-module" in html


def test_each_class_lists_its_own_work_soonest_due_first_with_its_own_accommodations(app, client, build):
    install_sample_catalog(app)
    student = build.user("student")
    teacher = build.user("teacher")
    first = build.classroom(teacher, [student], name="A first")
    build.classroom(teacher, [student], name="B empty")
    second = build.classroom(teacher, [student], name="C second")
    now = utcnow()
    assign(first, "lesson", SAMPLE_LESSON.id, None)
    assign(first, "quiz", SAMPLE_QUIZ.id, now + timedelta(days=5))
    assign(first, "lesson", SAMPLE_LESSON_2.id, now + timedelta(days=2))
    extended = assign(second, "quiz", SAMPLE_QUIZ.id, now - timedelta(days=1))  # late but for the accommodation
    assign(second, "quiz", SAMPLE_QUIZ_2.id, now - timedelta(days=1))
    db.session.add(Accommodation(assignment_id=extended.id, student_id=student.id, due_at=now + timedelta(days=3)))
    db.session.commit()
    login(client, student.username)
    html = client.get("/").get_data(as_text=True)
    sections = {
        name: html[html.index(f">{name}</h2>") :].split("</section>")[0] for name in ("A first", "B empty", "C second")
    }
    assert html.index(">A first<") < html.index(">B empty<") < html.index(">C second<")
    titles = list(_rows(sections["A first"]))
    assert titles == [
        "Lesson: Sample lesson: quotes",
        "Quiz: Sample: figures and claims",
        "Lesson: Sample lesson: five frames",
    ]
    assert "No work assigned yet" in sections["B empty"] and "your own date" not in sections["A first"]
    rows = _rows(sections["C second"])
    assert (
        "your own date" in rows["Quiz: Sample: figures and claims"]
        and "Late" not in rows["Quiz: Sample: figures and claims"]
    )
    assert "Late" in rows["Quiz: Sample: who said so"] and "your own date" not in rows["Quiz: Sample: who said so"]
