"""The score policy: the module page, the dashboard, the reports and the LMS score count the same attempt(s).

A student makes two attempts at copies of sample-end.yaml that differ only in `score`: the first attempt all
wrong (0 of 2), the second all right (2 of 2).
"""

from __future__ import annotations

import re

import pytest

from crosscheck.quizzes.module_states import counted_score_of
from crosscheck.reports.items import build_item_analysis
from crosscheck.reports.matrix import build_matrix
from crosscheck.reports.overview import build_overview
from crosscheck.timezone import utcnow
from tests.quizzes.conftest import make_content_root
from tests.quizzes.helpers import answer, attempts, catalog, start, submit
from tests.quizzes.test_reveal_policy import SAMPLE_END_SETTINGS, page, take, with_variants
from tests.sample_work import assign, with_items

EXPECTED = {"highest": 100, "latest": 100, "first": 0, "mean": 50}


@pytest.fixture(scope="module")
def score_root(tmp_path_factory):
    root = make_content_root(tmp_path_factory.mktemp("scores"))
    settings = SAMPLE_END_SETTINGS.replace("attempts: 1", "attempts: 2")
    return with_variants(root, {f"score-{policy}": f"{settings}\n  score: {policy}" for policy in EXPECTED})


@pytest.fixture
def app(make_app, score_root):
    app = make_app(CONTENT_DIR=str(score_root))
    with app.app_context():
        yield app


@pytest.mark.parametrize("policy", EXPECTED)
def test_every_page_counts_the_policys_attempts(client, signed_in, build, policy):
    student = signed_in("student")
    classroom = build.classroom(build.user("teacher"), [student])
    module_id = f"score-{policy}"
    assign(classroom, "quiz", module_id)
    take(client, student, module_id, correct=False)
    take(client, student, module_id, correct=True)
    percent = EXPECTED[policy]
    assert f"Your score: {percent}%" in re.sub(r"<[^>]+>", "", page(client, f"/quizzes/{module_id}"))
    assert f"{percent}%" in page(client, "/")  # the dashboard's score column
    (row,) = build_overview(classroom.id, catalog(), utcnow()).rows
    assert round(100 * row.cells[0].score) == percent
    points, maximum, waiting = counted_score_of(student.id, catalog().quizzes[module_id])  # what the LMS is sent
    assert round(100 * points / maximum) == percent and waiting == 0
    # The item analysis and mastery read the counted attempt's answers (a mean's: the latest attempt's).
    analysis = build_item_analysis(classroom.id, module_id, catalog(), "t")
    facility = 0 if policy == "first" else 100
    assert [round(i.figures.facility) for i in analysis.items] == [facility, facility]
    mastery = build_matrix(classroom.id, catalog()).rows[0]
    assert mastery is not None


def test_a_mean_over_attempts_of_different_maxima_never_reads_above_100(app, client, signed_in, build):
    """2 of 2, then an item is removed from the module and the next attempt scores 1 of 1: the mean of the points
    over the mean of the maxima is 100% everywhere (the reports once divided by the last attempt's 1: 150%)."""
    student = signed_in("student")
    classroom = build.classroom(build.user("teacher"), [student])
    module_id = "score-mean"
    assign(classroom, "quiz", module_id)
    take(client, student, module_id, correct=True)
    module = catalog().quizzes[module_id]
    catalog().quizzes[module_id] = with_items(module, module.items[0])  # the file edited: one item left
    start(client, module_id)
    attempt = attempts(student.id, module_id)[-1]
    answer(client, attempt, 1, correct=True)
    submit(client, attempt)
    assert "Your score: 100%" in re.sub(r"<[^>]+>", "", page(client, f"/quizzes/{module_id}"))
    (row,) = build_overview(classroom.id, catalog(), utcnow()).rows
    assert round(100 * row.cells[0].score) == 100
    assert "100%" in page(client, "/") and "150%" not in page(client, "/")
    points, maximum, _ = counted_score_of(student.id, catalog().quizzes[module_id])
    assert (points, maximum) == (1.5, 1.5)
