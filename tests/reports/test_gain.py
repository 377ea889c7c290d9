"""The shipped pre-test / post-test pair: the pre-test hidden from students, the gain report's figures, its CSV,
and a pair whose skills differ refused by `content check` at its line."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.items import item_type
from crosscheck.quizzes.service import save_answer, start_or_resume, submit
from crosscheck.reports.gain import normalised_gain
from tests.conftest import login
from tests.quizzes.test_no_answer_key import secrets_of
from tests.sample_work import assign

# Which items each student answers correctly (items in file order: primary source, figure, unverified claim).
PLANS = {"ada": ([True, False, False], [True, True, True]), "ben": ([False] * 3, [True, True, False])}


def take(student, module, plan) -> int:
    """An attempt answering each item right or wrong, submitted; its id."""
    attempt = start_or_resume(student, module)
    for item, right in zip(module.items, plan, strict=True):
        kind = item_type(item.type)
        save_answer(attempt, item, kind.answer_key(item.content) if right else kind.wrong_answer(item.content))
    submit(attempt)
    return attempt.id


@pytest.fixture
def paired(app, build):
    catalog = app.extensions["crosscheck.catalog"]
    pre, post = catalog.quizzes["pre-test"], catalog.quizzes["post-test"]
    teacher = build.user("teacher")
    students = {name: build.user("student", username=name, name=name.title()) for name in (*PLANS, "cam")}
    classroom = build.classroom(teacher, list(students.values()))
    assign(classroom, "quiz", "pre-test")
    assign(classroom, "quiz", "post-test")
    attempts = {}
    for name, (before, after) in PLANS.items():
        attempts[name] = take(students[name], pre, before)
        take(students[name], post, after)
    attempts["cam"] = take(students["cam"], pre, [True, True, False])  # no post-test yet
    return teacher, students, classroom, attempts, pre


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_the_gain_formula():
    assert normalised_gain(0.25, 1.0) == 1.0 and normalised_gain(0.5, 0.75) == 0.5
    assert normalised_gain(0.5, 0.25) == -0.5  # forgetting shows as a negative gain
    assert normalised_gain(1.0, 1.0) is None and normalised_gain(None, 0.5) is None


def test_the_report_per_student_skill_and_class(app, client, paired):
    teacher, students, classroom, _, _ = paired
    login(client, teacher.username)
    response = client.get(f"/reports/classes/{classroom.id}/gain/post-test")
    assert response.status_code == 200
    page = text(response)
    # ada 33% -> 100%: gain 100%; ben 0% -> 67%: gain 67%; cam: no post-test.
    assert "Ada 33% 100% 100%" in page and "Ben 0% 67% 67%" in page and "Cam 67% – –" in page
    # The class: means of ada and ben, 17% -> 83%, gain (83 - 17) / (100 - 17) = 80%.
    assert "All items 17% 83% 80%" in page
    assert "Find the primary source 50% 100% 100%" in page  # ada's full pre score leaves ben's gain
    assert 'role="img"' in page or "<svg" in response.get_data(as_text=True)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/reports/classes/{classroom.id}/gain/post-test.csv")
                .get_data(as_text=True)
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[0][:5] == ["Student", "Username", "Pre (%)", "Post (%)", "Gain (%)"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ada"][2:5] == ["33.3", "100.0", "100.0"] and by_name["Class"][2:5] == ["16.7", "83.3", "80.0"]
    assert by_name["Cam"][3:5] == ["", ""]


def test_only_a_post_test_has_a_gain_report(client, paired):
    teacher, _, classroom, _, _ = paired
    login(client, teacher.username)
    assert client.get(f"/reports/classes/{classroom.id}/gain/pre-test").status_code == 404
    assert client.get(f"/reports/classes/{classroom.id}/gain/spot-unverified").status_code == 404
    assert "Gain: After the lessons" in text(client.get(f"/classes/{classroom.id}"))


def test_the_unscored_pre_test_shows_students_no_score_and_no_key(app, paired):
    _, students, classroom, attempts, pre = paired
    client = app.test_client()
    login(client, students["ada"].username)
    pages = {
        "results": text(client.get(f"/quizzes/attempts/{attempts['ada']}/results")),
        "module": text(client.get("/quizzes/pre-test")),
        "list": text(client.get("/quizzes/")),
        "home": text(client.get("/")),
        "own": text(client.get(f"/reports/classes/{classroom.id}/students/{students['ada'].id}")),
    }
    assert "not scored" in pages["results"] and "you scored" not in pages["results"]
    for name, page in pages.items():
        assert "33%" not in page and "1 of 3" not in page, name
        for item in pre.items:
            for secret in secrets_of(item.content):
                assert " ".join(secret.split())[:50] not in page, (name, secret)
    assert "not scored" in pages["home"] and "not scored" in pages["module"]


def test_a_pair_whose_skills_differ_is_an_error_at_its_line(tmp_path):
    root = tmp_path / "content"
    for folder in ("seeds", "lessons", "quizzes"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    post = root / "quizzes" / "post-test.yaml"
    text_ = post.read_text(encoding="utf-8")
    post.write_text(text_.replace("    skill: conflicting_figure\n", "    skill: framing\n"), encoding="utf-8")
    catalog = load_catalog(root)
    line = text_.splitlines().index("pre_test: pre-test") + 1
    (problem,) = [p for p in catalog.errors if p.path == "quizzes/post-test.yaml"]
    assert (problem.line, problem.col) == (line, 1)
    assert "test the same skills" in problem.message and "framing" in problem.message
    assert "post-test" not in catalog.quizzes and "pre-test" in catalog.quizzes
