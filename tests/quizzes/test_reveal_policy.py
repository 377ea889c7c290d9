"""The reveal policy: no key, feedback or explanation reaches a student's page before the module's rule allows.

Each policy runs on a copy of tests/quizzes/good/sample-end.yaml (two choice items) with other settings; the
pages are the results page, the module page and the student's own drill-down, as a student opens them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from crosscheck.classes.accommodations import Accommodation
from crosscheck.content.quizzes import Standing, counted_score, feedback_shown
from crosscheck.extensions import db
from crosscheck.timezone import utcnow
from tests.conftest import login
from tests.quizzes.conftest import HERE, make_content_root
from tests.quizzes.helpers import answer, attempts, catalog, start, submit
from tests.quizzes.test_no_answer_key import secrets_of
from tests.sample_work import assign

POLICIES = {
    "end-two": "attempts: 2\n  shuffle_options: false\n  feedback: end",
    "after-due": "attempts: 1\n  shuffle_options: false\n  feedback: after-due",
    "never": "attempts: 1\n  shuffle_options: false\n  feedback: never",
}


SAMPLE_END_SETTINGS = "attempts: 1\n  shuffle_options: false\n  feedback: end"


def with_variants(root, variants: dict[str, str]):
    """Add to a content root one copy of sample-end.yaml per module id, with other settings text."""
    text = (HERE / "good" / "sample-end.yaml").read_text(encoding="utf-8")
    for module_id, settings in variants.items():
        variant = text.replace("id: sample-end", f"id: {module_id}").replace(SAMPLE_END_SETTINGS, settings)
        (root / "quizzes" / f"{module_id}.yaml").write_text(variant, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def policy_root(tmp_path_factory):
    """The sample modules plus one copy of sample-end per policy (module id `policy-<name>`)."""
    root = make_content_root(tmp_path_factory.mktemp("policies"))
    return with_variants(root, {f"policy-{name}": settings for name, settings in POLICIES.items()})


@pytest.fixture
def app(make_app, policy_root):
    app = make_app(CONTENT_DIR=str(policy_root))
    with app.app_context():
        yield app


def secrets(module_id: str) -> list[str]:
    """Every feedback and explanation text of the module's items."""
    return [s for item in catalog().quizzes[module_id].items for s in secrets_of(item.content)]


def take(client, student, module_id: str, correct: bool = False):
    """Start, answer every item, submit: the attempt."""
    start(client, module_id)
    attempt = attempts(student.id, module_id)[-1]
    for number in (1, 2):
        answer(client, attempt, number, correct=correct)
    submit(client, attempt)
    return attempt


def page(client, url: str) -> str:
    return " ".join(client.get(url).get_data(as_text=True).split())


def shows_key(html: str, module_id: str) -> bool:
    found = [s for s in secrets(module_id) if " ".join(s.split()) in html]
    return bool(found) or "Not correct" in html or "Picked, wrong" in html


def test_the_rule_itself():
    module = type("M", (), {"settings": type("S", (), {"feedback": "end", "scored": True})()})()
    assert not feedback_shown(module, True, standing=Standing(attempts_left=1))
    assert feedback_shown(module, True, standing=Standing(attempts_left=0))
    assert feedback_shown(module, True, standing=Standing(attempts_left=None))  # no limit: practice
    assert not feedback_shown(module, True, standing=Standing(attempts_left=2, due_passed=True))  # end: attempts
    assert not feedback_shown(module, True, standing=Standing(attempts_left=0, answering=True))  # one is open
    assert not feedback_shown(module, False, standing=Standing(attempts_left=0))
    assert feedback_shown(module, False, to_taker=False)  # a teacher reading the work
    module.settings.feedback = "never"
    assert not feedback_shown(module, True, standing=Standing(0, True)) and feedback_shown(module, True, False)
    module.settings.feedback = "after-due"
    assert not feedback_shown(module, True, standing=Standing(0)) and feedback_shown(
        module, True, True, Standing(0, True)
    )
    assert not feedback_shown(module, True, True, Standing(1, True, answering=True))  # a late attempt is open
    module.settings.scored = False  # a pre-test: never to the student, whatever the policy
    assert not feedback_shown(module, True, True, Standing(0, True)) and feedback_shown(module, True, False)


def test_score_policies():
    scores = [(1.0, 4.0), (4.0, 4.0), (2.0, 4.0)]
    assert counted_score("highest", scores) == (4.0, 4.0)
    assert counted_score("latest", scores) == (2.0, 4.0)
    assert counted_score("first", scores) == (1.0, 4.0)
    assert counted_score("mean", scores) == (7 / 3, 4.0)
    assert counted_score("highest", []) is None


def test_end_keeps_the_key_until_the_last_attempt(client, signed_in):
    student = signed_in("student")
    first = take(client, student, "policy-end-two")
    html = page(client, f"/quizzes/attempts/{first.id}/results")
    assert "you scored" in html and not shows_key(html, "policy-end-two")
    assert "once you have used your last attempt" in html
    start(client, "policy-end-two")  # the last attempt, open: the first's key would go straight into it
    assert not shows_key(page(client, f"/quizzes/attempts/{first.id}/results"), "policy-end-two")
    second = attempts(student.id, "policy-end-two")[-1]
    for number in (1, 2):
        answer(client, second, number, correct=False)
    submit(client, second)
    assert shows_key(page(client, f"/quizzes/attempts/{second.id}/results"), "policy-end-two")
    assert shows_key(page(client, f"/quizzes/attempts/{first.id}/results"), "policy-end-two")


def test_end_ignores_the_due_date(client, signed_in, build):
    student = signed_in("student")
    classroom = build.classroom(build.user("teacher"), [student])
    assign(classroom, "quiz", "policy-end-two", utcnow() - timedelta(days=1))
    first = take(client, student, "policy-end-two")  # late, and one attempt is left: it could copy the key
    assert not shows_key(page(client, f"/quizzes/attempts/{first.id}/results"), "policy-end-two")


def test_after_due_waits_for_the_students_own_due_date(client, signed_in, build):
    student = signed_in("student")
    classroom = build.classroom(build.user("teacher"), [student])
    assignment = assign(classroom, "quiz", "policy-after-due", utcnow() - timedelta(days=1))
    db.session.add(
        Accommodation(assignment_id=assignment.id, student_id=student.id, due_at=utcnow() + timedelta(days=3))
    )
    db.session.commit()
    attempt = take(client, student, "policy-after-due")  # no attempt left, but their own date is ahead
    results = f"/quizzes/attempts/{attempt.id}/results"
    own = f"/reports/classes/{classroom.id}/students/{student.id}"
    for url in (results, own, own + ".csv"):
        assert not shows_key(page(client, url), "policy-after-due"), url
    assert "once the due date has passed" in page(client, results)
    db.session.query(Accommodation).delete()
    db.session.commit()
    assert shows_key(page(client, results), "policy-after-due")
    assert shows_key(page(client, own), "policy-after-due")


def test_after_due_without_a_due_date_never_shows(client, signed_in):
    student = signed_in("student")
    attempt = take(client, student, "policy-after-due")
    assert not shows_key(page(client, f"/quizzes/attempts/{attempt.id}/results"), "policy-after-due")


def test_never_is_for_teachers_only(app, client, signed_in, build):
    student = signed_in("student")
    teacher = build.user("teacher")
    classroom = build.classroom(teacher, [student])
    assign(classroom, "quiz", "policy-never", utcnow() - timedelta(days=1))
    attempt = take(client, student, "policy-never")
    own = f"/reports/classes/{classroom.id}/students/{student.id}"
    for url in (f"/quizzes/attempts/{attempt.id}/results", own):
        html = page(client, url)
        assert "you scored" in html or "points" in html
        assert not shows_key(html, "policy-never"), url
    assert "only to your teacher" in page(client, "/quizzes/policy-never")
    staff = app.test_client()
    login(staff, teacher.username)
    assert shows_key(page(staff, own), "policy-never")


def test_the_module_page_says_the_policies(client, signed_in):
    signed_in("student")
    html = page(client, "/quizzes/sample-module")
    assert "after each question" in html and "your first attempt counts; later attempts are practice" in html
