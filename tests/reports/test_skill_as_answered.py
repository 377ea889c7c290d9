"""Answers stay as answered: an item whose skill changed counts under the skill it had when it was answered.

The sample module's q3 is on "Spot the unverified claim" (2 points) in today's file; the student answered an
earlier version of it that was on "Framing". The skill matrix and the dashboard count those 2 points scored and
available on Framing, and q3's points today do not reappear as unanswered on "Spot the unverified claim".
"""

from datetime import timedelta

from crosscheck.timezone import utcnow
from tests.conftest import login
from tests.home.test_dashboard import _rows
from tests.reports.test_figures import _csv_rows
from tests.sample_work import SAMPLE_QUIZ, assign, install_sample_catalog, record_attempt, store_version


def _answered_when_q3_was_framing(app, build):
    """A class of one student whose submitted attempt answered q1, q2 (right) and q3 in its Framing version."""
    install_sample_catalog(app)
    teacher, student = build.user("teacher"), build.user("student", username="sam")
    classroom = build.classroom(teacher, [student])
    assign(classroom, "quiz", SAMPLE_QUIZ.id, utcnow() + timedelta(days=1))
    q3 = SAMPLE_QUIZ.items[2]
    assert q3.skill == "unverified_claim" and q3.points == 2
    earlier = store_version(SAMPLE_QUIZ.id, {**q3.content, "skill": "framing", "prompt": "An earlier wording"})
    answers = {"q1": ({"choice": "a"}, 1.0), "q2": ({"choice": "a"}, 1.0), "q3": ({"choices": ["a", "c"]}, 2.0)}
    record_attempt(student, SAMPLE_QUIZ, answers, utcnow(), versions={"q3": earlier})
    return classroom, teacher, student


def test_the_skill_matrix_counts_an_answer_under_its_skill_then(app, client, build):
    classroom, teacher, _ = _answered_when_q3_was_framing(app, build)
    login(client, teacher.username)
    rows = _csv_rows(client, f"/reports/classes/{classroom.id}/skills.csv")
    assert rows[0][2:] == [
        "Spot the unverified claim (%)",
        "Find the primary source (%)",
        "Conflicting figures (%)",
        "Framing (%)",
    ]
    # unverified_claim: q2 alone (1 of 1); framing: q3 as answered (2 of 2); conflicting_figure: q1 (1 of 1)
    assert rows[1][2:] == ["100.0", "", "100.0", "100.0"]


def test_the_dashboard_counts_an_answer_under_its_skill_then(app, client, build):
    _, _, student = _answered_when_q3_was_framing(app, build)
    login(client, student.username)
    rows = _rows(client.get("/").get_data(as_text=True))
    assert "100% (1 of 1)" in rows["Spot the unverified claim"]
    assert "100% (2 of 2)" in rows["Framing"]
    assert "100% (1 of 1)" in rows["Conflicting figures"]
