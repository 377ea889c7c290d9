"""Report figures agree with the quiz feature's own grading: attempts made through its service, on real items.

Students answer the sample module (one item of each type, tests/quizzes/good/) through
crosscheck.quizzes.service, which grades with the item types; the reports must show the same scores as the
quiz pages (crosscheck.quizzes.module_states), and mastery, facility and discrimination must follow from the
graded points.
"""

import dataclasses
import statistics

import pytest

from crosscheck.items import item_type
from crosscheck.quizzes.module_states import module_states
from crosscheck.quizzes.service import response_totals, save_answer, score_of, start_or_resume, submit
from crosscheck.reports.items import build_item_analysis
from crosscheck.reports.matrix import build_matrix
from crosscheck.reports.overview import build_overview
from crosscheck.timezone import utcnow
from tests.quizzes.conftest import make_content_root
from tests.sample_work import assign

# Per student, per item: "key" (a fully correct answer), "wrong" (the item type's plausible wrong answer) or
# None (left unanswered). Items: hngn-verify, kp-nis-statements, kp-soldier-said, who-gave-figure.
PLANS = {
    "ada": ["key", "key", "key", "key"],
    "ben": ["key", "wrong", "key", None],
    "cam": ["wrong", "key", "wrong", "wrong"],
    "dot": ["wrong", None, "wrong", "key"],
    "eve": ["key", "wrong", None, "wrong"],
}


@pytest.fixture(scope="module")
def content_root(tmp_path_factory):
    return make_content_root(tmp_path_factory.mktemp("report-content"))


@pytest.fixture
def app(make_app, content_root):
    """The app serving the sample quiz module (overrides the shared app fixture for this module)."""
    app = make_app(CONTENT_DIR=str(content_root))
    with app.app_context():
        yield app


@pytest.fixture
def taken(app, build):
    catalog = app.extensions["crosscheck.catalog"]
    module = catalog.quizzes["sample-module"]
    students = {name: build.user("student", username=name, name=name.title()) for name in PLANS}
    classroom = build.classroom(build.user("teacher"), list(students.values()))
    assign(classroom, "quiz", module.id)
    for name, plan in PLANS.items():
        attempt = start_or_resume(students[name], module)
        for item, how in zip(module.items, plan, strict=True):
            if how is not None:
                kind = item_type(item.type)
                answer = kind.answer_key(item.content) if how == "key" else kind.wrong_answer(item.content)
                save_answer(attempt, item, answer)
        submit(attempt)
    return catalog, module, classroom, students


def _graded(module, plan):
    """The points the item types give each item under a plan (0 when unanswered)."""
    points = []
    for item, how in zip(module.items, plan, strict=True):
        kind = item_type(item.type)
        if how is None:
            points.append(0.0)
            continue
        answer = kind.answer_key(item.content) if how == "key" else kind.wrong_answer(item.content)
        points.append(kind.grade(item.content, answer).points)
    return points


def test_overview_scores_equal_the_quiz_pages(taken):
    catalog, module, classroom, students = taken
    report = build_overview(classroom.id, catalog, utcnow())
    for row in report.rows:
        (state,) = module_states(students[row.student.username], [module])
        latest = state.submitted[-1]
        cell = row.cells[0]
        assert (cell.points, cell.max_points) == (latest.points, latest.maximum), row.student.username
        assert cell.points == sum(_graded(module, PLANS[row.student.username]))
    assert {r.student.username: r.cells[0].summary for r in report.rows}["ada"] == "Done 100%"


def test_matrix_and_item_figures_follow_from_the_grading(taken):
    catalog, module, classroom, students = taken
    graded = {name: _graded(module, plan) for name, plan in PLANS.items()}
    matrix = build_matrix(classroom.id, catalog)
    for student, cells in matrix.rows:
        for skill, mastery in zip(matrix.skills, cells, strict=True):
            items = [n for n, item in enumerate(module.items) if item.skill == skill]
            if not items:
                assert mastery.share is None
                continue
            available = sum(module.items[n].points for n in items)
            assert mastery.share == pytest.approx(sum(graded[student.username][n] for n in items) / available)
    analysis = build_item_analysis(classroom.id, module.id, catalog, module.title)
    totals = [sum(points) for points in graded.values()]
    for n, row in enumerate(analysis.items):
        x = [points[n] for points in graded.values()]
        assert row.figures.facility == pytest.approx(100 * statistics.mean(x) / module.items[n].points)
        rest = [t - xi for t, xi in zip(totals, x, strict=True)]
        assert row.figures.discrimination == pytest.approx(100 * statistics.correlation(x, rest))


def test_picks_and_misconceptions_read_real_item_content(taken):
    catalog, module, classroom, _ = taken
    analysis = build_item_analysis(classroom.id, module.id, catalog, module.title)
    by_id = {row.item_id: row for row in analysis.items}
    choice = module.items[0]
    wrong = item_type("choice").wrong_answer(choice.content)
    assert [p.misconception for p in item_type("choice").picks(choice.content, wrong)] == ["relay-taken-for-source"]
    counts = {pick.key: n for pick, n in by_id["hngn-verify"].picks}
    assert counts == {"a": 3, "b": 2, "c": 0}
    assert by_id["hngn-verify"].misconceptions == [
        ("relay-taken-for-source", "takes the outlet relaying a claim for its source", 2)
    ]
    match = module.items[3]
    drawn = item_type("match").misconceptions_drawn(match.content, item_type("match").wrong_answer(match.content))
    assert {tag for tag, _, _ in by_id["who-gave-figure"].misconceptions} == drawn
    highlight = by_id["kp-soldier-said"]
    # ada and ben select the three correct sentences; cam and dot (the wrong answer) one correct, one not.
    assert sum(n for pick, n in highlight.picks if pick.correct) == 3 + 3 + 1 + 1
    assert sum(n for pick, n in highlight.picks if not pick.correct) == 2


def test_a_later_edit_of_the_module_never_moves_a_past_score(app, taken):
    catalog, module, classroom, students = taken
    heavier = module.items[3]  # who-gave-figure, which ben left unanswered
    edited_item = dataclasses.replace(heavier, spec=heavier.spec.model_copy(update={"points": 3}))
    first = module.items[0]
    edited_first = dataclasses.replace(first, spec=first.spec.model_copy(update={"points": 5}))
    catalog.quizzes[module.id] = dataclasses.replace(module, items=(edited_first, *module.items[1:3], edited_item))
    edited = catalog.quizzes[module.id]
    report = build_overview(classroom.id, catalog, utcnow())
    for row in report.rows:
        (state,) = module_states(students[row.student.username], [edited])
        latest = state.submitted[-1]
        expected = score_of(response_totals([latest.attempt.id])[latest.attempt.id], edited)
        assert (row.cells[0].points, row.cells[0].max_points) == expected, row.student.username
    ben = next(r for r in report.rows if r.student.username == "ben").cells[0]
    assert ben.max_points == 1 + 2 + 1 + 3  # answered items as graded; the unanswered one at today's points


def test_a_student_sees_right_and_wrong_in_an_open_attempt_only_when_the_module_allows(app, build, client):
    from tests.conftest import login

    catalog = app.extensions["crosscheck.catalog"]
    end_module = catalog.quizzes["sample-end"]  # feedback: end
    student = build.user("student", username="sol")
    teacher = build.user("teacher", username="tess")
    classroom = build.classroom(teacher, [student])
    assign(classroom, "quiz", end_module.id)
    attempt = start_or_resume(student, end_module)
    first = end_module.items[0]
    save_answer(attempt, first, item_type(first.type).wrong_answer(first.content))
    url = f"/reports/classes/{classroom.id}/students/{student.id}"
    login(client, student.username)
    own = client.get(url).get_data(as_text=True)
    assert "Picked:</span> 12,000" in own and "Picked, wrong" not in own and "Missed, correct" not in own
    assert "right and wrong are shown once you submit" in own
    rows = client.get(url + ".csv").get_data(as_text=True).splitlines()
    assert rows[1].endswith(",,,1.0")  # no correct-pick count, no points, only the maximum
    teacher_client = client.application.test_client()
    login(teacher_client, teacher.username)
    assert "Missed, correct" in teacher_client.get(url).get_data(as_text=True)  # teachers always see the key
    submit(attempt)
    assert "Picked, wrong" in client.get(url).get_data(as_text=True)  # after submitting, as the results page
