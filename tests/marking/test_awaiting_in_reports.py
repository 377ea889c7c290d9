"""Until a teacher marks it, a written answer's score reads "awaiting marking" on the student's pages, the
dashboard, every report page and CSV; marked, the level counts everywhere. Report pages keep their number of
SQL statements whatever the class size, with answers awaiting marking among them."""

from __future__ import annotations

import pytest

from crosscheck.classes import service
from crosscheck.content.quizzes import counted_awaiting
from crosscheck.quizzes.module_states import counted_score_of
from tests.conftest import counting_queries, login, post_form
from tests.marking.test_marking import queue_url, responses_of
from tests.marking.written_work import MODULE, written_attempt
from tests.quizzes.test_taking import text_of


@pytest.fixture
def assigned(app, build):
    """A class with the written module assigned; Ann submitted two answers awaiting marking, Ben nothing."""
    teacher = build.user("teacher")
    ann, ben = build.user("student", name="Ann Able"), build.user("student", name="Ben Best")
    classroom = build.classroom(teacher, [ann, ben])
    service.assign(classroom, "quiz", MODULE, None, teacher)
    return teacher, classroom, ann, written_attempt(ann)


def reports(classroom, student) -> dict[str, str]:
    base = f"/reports/classes/{classroom.id}"
    return {
        "overview": f"{base}/overview",
        "overview.csv": f"{base}/overview.csv",
        "skills": f"{base}/skills",
        "items": f"{base}/items/{MODULE}",
        "items.csv": f"{base}/items/{MODULE}.csv",
        "student": f"{base}/students/{student.id}",
        "student.csv": f"{base}/students/{student.id}.csv",
    }


def test_every_page_says_awaiting_marking_until_marked(client, app, assigned):
    teacher, classroom, ann, attempt = assigned
    login(client, teacher.username)
    pages = {name: client.get(url) for name, url in reports(classroom, ann).items()}
    assert all(r.status_code == 200 for r in pages.values()), {n: r.status_code for n, r in pages.items()}
    assert "Done awaiting marking" in text_of(pages["overview"])
    assert "Ann Able,ann" not in pages["overview.csv"].get_data(as_text=True)  # usernames are generated
    assert "Done, awaiting marking" in pages["overview.csv"].get_data(as_text=True)
    assert text_of(pages["items"]).count("1 awaiting marking (counted as 0 until marked)") == 2
    assert "awaiting marking" in pages["items.csv"].get_data(as_text=True)
    student_page = text_of(pages["student"])
    assert "2 answers awaiting marking: 0 of 3 points so far" in student_page
    assert "Soldiers say they were told so" in student_page
    assert "awaiting marking" in pages["student.csv"].get_data(as_text=True)
    own = app.test_client()
    login(own, ann.username)
    assert "awaiting marking" in text_of(own.get("/"))  # the dashboard

    for response in responses_of(attempt):
        level = "mastery" if response.item_id == "hngn-headline" else "not-yet"
        post_form(client, queue_url(classroom, answer=response.id), {"level": level})
    overview = text_of(client.get(reports(classroom, ann)["overview"]))
    assert "awaiting marking" not in overview and "67% (2/3)" in overview
    items = text_of(client.get(reports(classroom, ann)["items"]))
    assert "awaiting marking" not in items
    assert "Mastery (2 pt) yes 1 100%" in items and "Emerging (1 pt) no 0 0%" in items  # answers per level
    assert "67%" in text_of(own.get("/"))


def test_report_pages_with_answers_awaiting_marking_do_not_grow_with_the_class(client, build, assigned):
    teacher, small, ann, _ = assigned
    students = [build.user() for _ in range(30)]
    large = build.classroom(teacher, students)
    service.assign(large, "quiz", MODULE, None, teacher)
    for student in students:
        written_attempt(student)
    login(client, teacher.username)
    urls = [reports(classroom, ann) for classroom in (small, large)]  # read the ids outside the counting
    client.get("/")  # the session's first page after signing in (not a report: each is counted as it is built)
    for name in ("overview", "overview.csv", "skills", "items", "items.csv"):
        counts = []
        for url in urls:
            with counting_queries() as statements:
                assert client.get(url[name]).status_code == 200
            counts.append(len(statements))
        assert counts[0] == counts[1], (name, counts)


def test_with_the_highest_attempt_counting_an_attempt_awaiting_marking_holds_the_score(client, app, assigned):
    """sample-written counts the highest attempt: a second attempt awaiting marking may become the highest, so
    the score awaits marking even though the first attempt is marked (content.quizzes.counted_awaiting)."""
    teacher, classroom, ann, first = assigned
    login(client, teacher.username)
    for response in responses_of(first):
        level = "beginning" if response.item_id == "hngn-headline" else "not-yet"
        post_form(client, queue_url(classroom, answer=response.id), {"level": level})
    assert "Done 0% (0/3)" in text_of(client.get(reports(classroom, ann)["overview"]))
    second = written_attempt(ann, ("Captured soldiers say they were told so", "Each counts differently"))
    module = app.extensions["crosscheck.catalog"].quizzes[MODULE]
    assert module.settings.score == "highest"
    assert "Done awaiting marking" in text_of(client.get(reports(classroom, ann)["overview"]))
    assert counted_score_of(ann.id, module) == (0.0, 3.0, 2)  # the LMS is told PendingManual
    own = app.test_client()
    login(own, ann.username)
    assert "awaiting marking" in text_of(own.get("/")) and "awaiting marking" in text_of(own.get("/quizzes/"))
    for response in responses_of(second):
        level = "mastery" if response.item_id == "hngn-headline" else "got-it"
        post_form(client, queue_url(classroom, answer=response.id), {"level": level})
    assert "Done 100% (3/3)" in text_of(client.get(reports(classroom, ann)["overview"]))
    assert counted_score_of(ann.id, module) == (3.0, 3.0, 0)


@pytest.mark.parametrize(("policy", "expected"), [("first", 1), ("latest", 4), ("highest", 7), ("mean", 7)])
def test_which_attempts_answers_awaiting_marking_hold_the_score(policy, expected):
    assert counted_awaiting(policy, [1, 2, 4]) == expected
    assert counted_awaiting(policy, []) == 0
