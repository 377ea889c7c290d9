"""Pools through the pages, on the shipped `framing` module (each attempt draws 10 of its 15 questions): the draw
fixed per attempt and kept across reloads and resumes, scores and maxima the same for every student whatever
they drew, and reports that count a pooled item only for the students who drew it."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from crosscheck.classes import service
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt, Response
from tests.conftest import counting_queries, login
from tests.quizzes.helpers import answer, attempts, catalog, start, submit
from tests.quizzes.test_taking import text_of

MODULE = "framing"


def pooled():
    return catalog().quizzes[MODULE]


def drawn_titles(client, attempt, count) -> list[str]:
    """The question headings' prompts of every item page of the attempt, in order."""
    pages = [client.get(f"/quizzes/attempts/{attempt.id}/items/{n}") for n in range(1, count + 1)]
    assert all(p.status_code == 200 for p in pages)
    return [text_of(p).split("Review and submit", 1)[1] for p in pages]  # the question, not the navigation


def test_the_shipped_module_draws_ten_of_fifteen_and_says_so(client, signed_in):
    signed_in("student")
    module = pooled()
    assert module.pools == (("framing", 10),) and len(module.items) == 15
    assert module.items_per_attempt == 10 and module.max_points == 10.0
    page = text_of(client.get(f"/quizzes/{MODULE}"))
    assert "10 per attempt (10 of the 15 questions on framing drawn at random for each attempt" in page
    assert "(10 points)" in page


def test_the_draw_is_fixed_per_attempt_across_reloads_and_resumes(client, signed_in):
    student = signed_in("student")
    start(client, MODULE)
    (attempt,) = attempts(student.id, MODULE)
    module = pooled()
    assert len(attempt.drawn) == 10 and len(set(attempt.drawn)) == 10
    assert attempt.drawn == [i.id for i in module.items if i.id in attempt.drawn]  # file order
    shown = module.for_attempt(attempt.drawn).items
    first = drawn_titles(client, attempt, 10)
    for item, page in zip(shown, first, strict=True):
        assert "Question " in page and " of 10" in page
        assert " ".join(re.sub(r"[*_`]", "", item.content["prompt"]).split())[:30] in page
    assert client.get(f"/quizzes/attempts/{attempt.id}/items/11").status_code == 404
    answer(client, attempt, 3)
    start(client, MODULE)  # Resume: the same attempt and the same questions
    (again,) = attempts(student.id, MODULE)
    assert again.id == attempt.id and again.drawn == attempt.drawn
    assert drawn_titles(client, again, 10)[3:] == first[3:]
    assert "You have answered 1 of 10 questions" in text_of(client.get(f"/quizzes/{MODULE}"))


def test_attempts_draw_anew_and_every_drawn_item_is_a_pooled_one(app, build):
    draws = set()
    for _ in range(6):
        student, client = build.user("student"), app.test_client()
        login(client, student.username)
        start(client, MODULE)
        (attempt,) = attempts(student.id, MODULE)
        draws.add(tuple(attempt.drawn))
    assert len(draws) > 1  # six equal draws of 10 from 15 would happen once in 3003^5
    assert {i for d in draws for i in d} <= {item.id for item in pooled().items}


def take_all(client, student, correct_numbers=None) -> Attempt:
    """Answer every drawn question (correctly where `correct_numbers` says, all if None) and submit."""
    login(client, student.username)
    start(client, MODULE)
    (attempt,) = attempts(student.id, MODULE)
    for n in range(1, 11):
        assert answer(client, attempt, n, correct=correct_numbers is None or n in correct_numbers).status_code == 302
    submit(client, attempt)
    return attempt


def test_a_full_score_is_ten_of_ten_whatever_was_drawn(client, signed_in):
    student = signed_in("student")
    attempt = take_all(client, student)
    results = text_of(client.get(f"/quizzes/attempts/{attempt.id}/results"))
    assert "you scored 10 of 10 points (100%)" in results and "You answered 10 of 10 questions" in results
    assert "Not answered" not in results  # the five questions not drawn are not the student's to answer
    assert "100% (10 of 10 points)" in text_of(client.get("/quizzes/"))


@pytest.fixture
def pooled_class(app, build):
    """A class with the pooled module assigned; three students took it (all right, half right, none right)."""
    teacher = build.user("teacher")
    students = [build.user("student") for _ in range(3)]
    classroom = build.classroom(teacher, students)
    service.assign(classroom, "quiz", MODULE, None, teacher)
    return teacher, classroom, students


def test_reports_count_a_pooled_item_only_for_the_students_who_drew_it(app, build, pooled_class):
    teacher, classroom, students = pooled_class
    taken = []
    for student, right in zip(students, (None, {1, 2, 3, 4, 5}, set()), strict=True):
        client = app.test_client()
        taken.append(take_all(client, student, right))
    client = app.test_client()
    login(client, teacher.username)
    base = f"/reports/classes/{classroom.id}"
    overview = text_of(client.get(f"{base}/overview"))
    scored = [sum(r.points for r in Response.query.filter_by(attempt_id=a.id)) for a in taken]
    assert scored[0] == 10.0 and scored[1] >= 5.0  # a wrong pick on a multi or match item can still earn part
    for points in scored:  # every maximum is 10, whichever 10 of the 15 questions were drawn
        assert f"{round(10 * points)}% ({points:.2f}".rstrip("0").rstrip(".") + "/10)" in overview
    analysis = text_of(client.get(f"{base}/items/{MODULE}"))
    assert re.search(r"mean total [\d.]+ of 10 points", analysis)
    for item in pooled().items:
        saw = sum(item.id in a.drawn for a in taken)
        answered = Response.query.join(Attempt).filter(Response.item_id == item.id).count()
        assert answered == saw
        assert f"{item.id} Framing" in analysis
        assert re.search(rf"{re.escape(item.id)} Framing \w+ {saw} of {saw} who drew it", analysis), item.id
    csv = client.get(f"{base}/items/{MODULE}.csv").get_data(as_text=True)
    header, *rows = csv.splitlines()
    ids = header.split(",")[3:]
    for attempt, row in zip(taken, rows, strict=False):
        cells = dict(zip(ids, row.split(",")[3:], strict=True))
        assert {i for i, c in cells.items() if c == "not drawn"} == set(ids) - set(attempt.drawn)
    student_page = text_of(client.get(f"{base}/students/{students[0].id}"))
    assert "10 of 10 points (100%)" in student_page and "Not answered" not in student_page


def test_an_attempt_begun_before_the_module_had_pools_counts_every_item_it_showed(app, build, pooled_class):
    """A pool added to a module students already took: their attempts have no draw and showed all 15 questions,
    so every page scores them against all 15 (15 of 15 is 100%, never 15 of the pool's 10, 150%)."""
    teacher, classroom, students = pooled_class
    student, client = students[0], app.test_client()
    login(client, student.username)
    start(client, MODULE)
    (attempt,) = attempts(student.id, MODULE)
    attempt.drawn = None  # as an attempt begun before `pools:` was added to the module has it
    db.session.commit()
    for n in range(1, 16):
        assert answer(client, attempt, n).status_code == 302
    submit(client, attempt)
    assert "you scored 15 of 15 points (100%)" in text_of(client.get(f"/quizzes/attempts/{attempt.id}/results"))
    base = f"/reports/classes/{classroom.id}"
    pages = {
        "dashboard": text_of(client.get("/")),
        "quizzes": text_of(client.get("/quizzes/")),
        "own report": text_of(client.get(f"{base}/students/{student.id}")),
    }
    client = app.test_client()
    login(client, teacher.username)
    replies = {page: client.get(f"{base}/{page}") for page in ("overview.csv", "skills", "skills.csv")}
    replies |= {page: client.get(f"{base}/{page}") for page in ("overview", f"students/{student.id}")}
    assert {reply.status_code for reply in replies.values()} == {200}
    pages |= {
        page: reply.get_data(as_text=True) if page.endswith(".csv") else text_of(reply)
        for page, reply in replies.items()
    }
    for name, page in pages.items():
        assert "150%" not in page and "150.0" not in page, name  # 15 of the pooled maximum 10
    assert "Framing 100% (15 of 15)" in pages["dashboard"]
    assert "100% (15/15)" in pages["overview"] and "Done 100%" in pages["overview.csv"]
    header, *rows = csv.reader(io.StringIO(pages["skills.csv"].lstrip("\ufeff")))
    assert {row[1]: row[header.index("Framing (%)")] for row in rows}[student.username] == "100.0"
    assert "15 of 15 points (100%)" in pages[f"students/{student.id}"]


def test_the_item_analysis_and_its_csv_keep_their_query_count_with_pools(app, build, pooled_class):
    teacher, small, students = pooled_class
    for student in students[:1]:
        take_all(app.test_client(), student)
    large_students = [build.user("student") for _ in range(12)]
    large = build.classroom(teacher, large_students)
    service.assign(large, "quiz", MODULE, None, teacher)
    for student in large_students:
        take_all(app.test_client(), student, {1, 3, 5})
    client = app.test_client()
    login(client, teacher.username)
    client.get("/")  # the session's first page after signing in (not a report: each is counted as it is built)
    for page in (f"items/{MODULE}", f"items/{MODULE}.csv", "overview", "skills", f"students/{students[0].id}"):
        counts = []
        for classroom in (small, large):
            url = f"/reports/classes/{classroom.id}/{page}"
            if page.startswith("students/") and classroom is large:
                url = f"/reports/classes/{large.id}/students/{large_students[0].id}"
            with counting_queries() as statements:
                assert client.get(url).status_code == 200
            counts.append(len(statements))
        assert counts[0] == counts[1], (page, counts)
    db.session.expire_all()


def brute_figures(pairs: list[tuple[float, float]], max_points: float) -> tuple[float | None, float | None]:
    """Facility and discrimination (Moodle's: item against the rest of the test) straight from (x, X) pairs."""
    if not pairs:
        return None, None
    xs, rests = [x for x, _ in pairs], [total - x for x, total in pairs]
    n = len(pairs)
    mean_x, mean_r = sum(xs) / n, sum(rests) / n
    var_x = sum((x - mean_x) ** 2 for x in xs) / n
    var_r = sum((r - mean_r) ** 2 for r in rests) / n
    cov = sum((x - mean_x) * (r - mean_r) for x, r in zip(xs, rests, strict=True)) / n
    discrimination = None if n < 2 or var_x <= 1e-12 or var_r <= 1e-12 else 100 * cov / (var_x * var_r) ** 0.5
    return 100 * mean_x / max_points, discrimination


def test_each_pooled_items_figures_are_those_of_the_students_who_drew_it(app, build, pooled_class):
    from crosscheck.reports.items import build_item_analysis

    teacher, classroom, students = pooled_class
    more = [build.user("student") for _ in range(5)]
    for student in more:
        service.enrol(classroom, student)
    db.session.commit()
    plans = [None, {1, 2, 3, 4, 5}, set(), {2, 4, 6, 8, 10}, {1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {10}, {3, 7}]
    taken = [take_all(app.test_client(), s, plan) for s, plan in zip([*students, *more], plans, strict=True)]
    analysis = build_item_analysis(classroom.id, MODULE, catalog(), "Framing")
    db.session.expire_all()
    points = {(r.attempt_id, r.item_id): r.points for r in Response.query.all()}
    totals = {a.id: sum(p for (aid, _), p in points.items() if aid == a.id) for a in taken}
    for row in analysis.items:
        pairs = [(points.get((a.id, row.item_id), 0.0), totals[a.id]) for a in taken if row.item_id in a.drawn]
        facility, discrimination = brute_figures(pairs, row.max_points)
        assert row.seen == len(pairs)
        assert row.figures.facility == pytest.approx(facility)
        if discrimination is None:
            assert row.figures.discrimination is None
        else:
            assert row.figures.discrimination == pytest.approx(discrimination)


def test_the_pooled_item_analysis_is_the_class_staffs_alone(app, build, pooled_class):
    """Who opens the item analysis of a pooled module and its CSV: the class's teacher and an admin; a student
    403; another class's teacher 404 (as for an id that does not exist)."""
    teacher, classroom, students = pooled_class
    take_all(app.test_client(), students[0])
    urls = [f"/reports/classes/{classroom.id}/items/{MODULE}", f"/reports/classes/{classroom.id}/items/{MODULE}.csv"]
    for user, status in (
        (teacher, 200),
        (build.user("admin"), 200),
        (students[0], 403),
        (build.user("teacher"), 404),
    ):
        client = app.test_client()
        login(client, user.username)
        assert [client.get(url).status_code for url in urls] == [status, status], user.role
    anonymous = app.test_client().get(urls[0])
    assert anonymous.status_code == 302 and "/login" in anonymous.location


def test_skill_points_are_worked_out_once_per_module_and_handed_out_fresh(app):
    module = pooled()
    handed_out = module.skill_points
    handed_out["framing"] = 99.0  # a caller's change stays its own
    assert module.skill_points == {"framing": 10.0} and module.max_points == 10.0
    every_item = replace(module, pools=())  # a changed module (as for_attempt makes) works out its own
    assert every_item.skill_points == {"framing": 15.0} and module.skill_points == {"framing": 10.0}
