"""Every report figure agrees with scores built by hand: overview, skill matrix, facility, discrimination."""

import statistics
from datetime import timedelta

import pytest

from crosscheck.timezone import utcnow
from tests.conftest import login
from tests.sample_work import (
    SAMPLE_LESSON,
    SAMPLE_QUIZ,
    assign,
    edited,
    install_sample_catalog,
    lesson_done,
    record_attempt,
    store_version,
)

RIGHT, WRONG = {"choice": "a"}, {"choice": "b"}


@pytest.fixture
def graded_class(app, build):
    """Four students with known scores on the sample module (q1, q2: 1 point; q3: 2 points)."""
    return build_graded_class(app, build)


def build_graded_class(app, build):
    """The data of graded_class, for other tests (and other databases) too."""
    install_sample_catalog(app)
    teacher = build.user("teacher")
    names = ["Ana", "Bo", "Cy", "Di"]
    students = [build.user("student", username=n.lower(), name=n) for n in names]
    classroom = build.classroom(teacher, students)
    due = utcnow() - timedelta(days=1)
    quiz = assign(classroom, "quiz", SAMPLE_QUIZ.id, due)
    lesson = assign(classroom, "lesson", SAMPLE_LESSON.id, None)
    ana, bo, cy, di = students
    # Ana: an earlier, worse attempt; her latest submitted one counts (4 of 4).
    record_attempt(ana, SAMPLE_QUIZ, {"q1": (WRONG, 0)}, submitted_at=due - timedelta(days=2))
    record_attempt(
        ana,
        SAMPLE_QUIZ,
        {"q1": (RIGHT, 1), "q2": (RIGHT, 1), "q3": ({"choices": ["a", "c"]}, 2)},
        submitted_at=due - timedelta(hours=1),
    )
    # Bo: 2 of 4, submitted after the due date.
    record_attempt(
        bo,
        SAMPLE_QUIZ,
        {"q1": (RIGHT, 1), "q2": (WRONG, 0), "q3": ({"choices": ["a"]}, 1)},
        submitted_at=due + timedelta(hours=3),
    )
    # Cy: 1 of 4, q3 left unanswered.
    record_attempt(cy, SAMPLE_QUIZ, {"q1": (WRONG, 0), "q2": (RIGHT, 1)}, submitted_at=due - timedelta(hours=2))
    # Di: 2 of 4 (q2 unanswered), then an open attempt that must not count.
    record_attempt(
        di, SAMPLE_QUIZ, {"q1": (WRONG, 0), "q3": ({"choices": ["a", "c"]}, 2)}, submitted_at=due - timedelta(hours=5)
    )
    record_attempt(di, SAMPLE_QUIZ, {"q1": (RIGHT, 1)}, submitted_at=None)
    lesson_done(ana, SAMPLE_LESSON.id, utcnow())
    lesson_done(bo, SAMPLE_LESSON.id, None)
    return classroom, teacher, students, quiz, lesson


def test_overview_shows_state_score_and_lateness(client, graded_class):
    classroom, teacher, students, quiz, lesson = graded_class
    login(client, teacher.username)
    html = client.get(f"/reports/classes/{classroom.id}/overview").get_data(as_text=True)
    assert "100%" in html and "(4/4)" in html  # Ana's latest attempt, not her first
    assert "Done (late)" in html  # Bo
    assert "25%" in html and "(1/4)" in html  # Cy
    assert "50%" in html and "(2/4)" in html  # Bo and Di
    rows = _csv_rows(client, f"/reports/classes/{classroom.id}/overview.csv")
    header = rows[0]
    assert header == ["Student", "Username", "Quiz: Sample: figures and claims", "Lesson: Sample lesson: five frames"]
    assert rows[1:] == [
        ["Ana", "ana", "Done 100%", "Done"],
        ["Bo", "bo", "Done 50% (late)", "In progress"],
        ["Cy", "cy", "Done 25%", "Not started"],
        ["Di", "di", "Done 50%", "Not started"],
    ]


def test_overview_sorts_by_any_column(client, graded_class):
    classroom, teacher, _, quiz, _ = graded_class
    login(client, teacher.username)
    html = client.get(f"/reports/classes/{classroom.id}/overview?sort=a{quiz.id}&dir=desc").get_data(as_text=True)
    grid = html[html.index('class="data grid"') :]
    order = [grid.index(f">{name}</a>") for name in ("Ana", "Bo", "Di", "Cy")]
    assert order == sorted(order)  # 100%, 50% (Bo before Di by name), 50%, 25%
    assert 'aria-sort="descending"' in html
    assert f"sort=a{quiz.id}&amp;dir=asc" in html  # the link to reverse it


def test_skill_matrix_is_share_of_points_available(client, graded_class):
    classroom, teacher, *_ = graded_class
    login(client, teacher.username)
    rows = _csv_rows(client, f"/reports/classes/{classroom.id}/skills.csv")
    assert rows[0][:5] == [
        "Student",
        "Username",
        "Spot the unverified claim (%)",
        "Find the primary source (%)",
        "Conflicting figures (%)",
    ]
    by_name = {r[0]: r for r in rows[1:]}
    # unverified_claim = q2 (1) + q3 (2) = 3 points available; conflicting_figure = q1 (1).
    assert by_name["Ana"][2:5] == ["100.0", "", "100.0"]
    assert by_name["Bo"][2:5] == ["33.3", "", "100.0"]
    assert by_name["Cy"][2:5] == ["33.3", "", "0.0"]  # q3 unanswered still counts as available
    assert by_name["Di"][2:5] == ["66.7", "", "0.0"]  # q2 unanswered; the open attempt is ignored
    average_unverified = (1 + 1 / 3 + 1 / 3 + 2 / 3) / 4 * 100
    assert by_name["Class average"][2:5] == [str(round(average_unverified, 1)), "", "50.0"]
    html = client.get(f"/reports/classes/{classroom.id}/skills").get_data(as_text=True)
    assert "<svg" in html and "Mastery by student and skill" in html and "Ana: Spot the unverified claim 100%" in html


def test_item_analysis_matches_hand_computation(client, graded_class):
    classroom, teacher, *_ = graded_class
    login(client, teacher.username)
    rows = _csv_rows(client, f"/reports/classes/{classroom.id}/items/sample-figures.csv")
    figures = {r[0]: r for r in rows if r[1] == ""}
    # Latest submitted attempts: Ana (1,1,2)=4, Bo (1,0,1)=2, Cy (0,1,0)=1, Di (0,0,2)=2.
    q1, q2, q3 = [1, 1, 0, 0], [1, 0, 1, 0], [2, 1, 0, 2]
    totals = [sum(t) for t in zip(q1, q2, q3, strict=True)]
    assert figures["Facility index (%)"][3:] == ["50.0", "50.0", "62.5"]
    expected = [
        round(100 * statistics.correlation(x, [t - xi for t, xi in zip(totals, x, strict=True)]), 1)
        for x in (q1, q2, q3)
    ]
    assert expected[0] == 30.2  # worked by hand in docs/reports.md: 0.125 / sqrt(0.25 * 0.6875)
    assert [float(v) for v in figures["Discrimination index"][3:]] == expected
    student_rows = {r[0]: r for r in rows[1:5]}
    assert student_rows["Cy"][2:] == ["1.0", "0.0", "1.0", ""]  # total, q1, q2, q3 unanswered
    html = client.get(f"/reports/classes/{classroom.id}/items/sample-figures").get_data(as_text=True)
    assert "low discrimination" in html  # q2's index is negative
    assert (
        "official-figure-as-verified" in html
        and "Treats a figure given by an official or an agency as a checked, verified fact." in html
    )


def test_option_counts_and_misconceptions(app, graded_class):
    from crosscheck.reports.items import build_item_analysis

    classroom, *_ = graded_class
    analysis = build_item_analysis(classroom.id, "sample-figures", app.extensions["crosscheck.catalog"], "t")
    q1 = next(i for i in analysis.items if i.item_id == "q1")
    assert {pick.key: n for pick, n in q1.picks} == {"a": 2, "b": 2, "c": 0}
    described = "Treats a figure given by an official or an agency as a checked, verified fact."
    assert q1.misconceptions == [("official-figure-as-verified", described, 2)]
    q3 = next(i for i in analysis.items if i.item_id == "q3")
    assert {pick.key: n for pick, n in q3.picks} == {"a": 3, "b": 0, "c": 2} and q3.answered == 3


def test_an_item_edited_mid_class_is_flagged(client, graded_class):
    classroom, teacher, students, *_ = graded_class
    changed = edited(SAMPLE_QUIZ.items[0], prompt="Reworded prompt of q1")
    new_hash = store_version(SAMPLE_QUIZ.id, changed.content)
    record_attempt(students[2], SAMPLE_QUIZ, {"q1": (RIGHT, 1)}, submitted_at=utcnow(), versions={"q1": new_hash})
    login(client, teacher.username)
    html = client.get(f"/reports/classes/{classroom.id}/items/sample-figures").get_data(as_text=True)
    assert "changed while answered (2 versions)" in html
    drill = client.get(f"/reports/classes/{classroom.id}/students/{students[2].id}").get_data(as_text=True)
    assert "Reworded prompt of q1" in drill and "Prompt of q1" in drill  # each attempt shows its own version


def _csv_rows(client, url):
    import csv
    import io

    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_misconceptions_drawn_equally_often_are_listed_by_tag():
    from crosscheck.reports.items import _tally

    content = {
        "type": "choice",
        "options": [
            {"id": "a", "text": "Right", "correct": True, "misconception": None},
            {"id": "b", "text": "Wrong one way", "correct": False, "misconception": "zeta-tag"},
            {"id": "c", "text": "Wrong another way", "correct": False, "misconception": "alpha-tag"},
        ],
    }
    rows = [("h1", '{"choice": "b"}', 2), ("h1", '{"choice": "c"}', 2)]  # zeta is met first: a tie all the same
    _, tags = _tally(rows, {"h1": content}, content, {})
    assert [(tag, n) for tag, _, n in tags] == [("alpha-tag", 2), ("zeta-tag", 2)]
