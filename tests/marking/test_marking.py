"""The marking queue as a teacher drives it: one answer after another, a level and a comment, names hidden on
request; the student's results, score and history after marking; who may mark what."""

from __future__ import annotations

import re

import pytest

from crosscheck.accounts.models import User
from crosscheck.extensions import db
from crosscheck.marking.models import Mark, ScoreChange
from crosscheck.quizzes.models import Response
from tests.conftest import counting_queries, login, post_form
from tests.marking.written_work import MODULE, written_attempt
from tests.quizzes.test_taking import text_of


@pytest.fixture
def marking_class(app, build):
    """A teacher's class of two students who submitted written answers (Ann and Ben), and a student of another."""
    teacher = build.user("teacher")
    ann, ben, stranger = build.user("student", name="Ann Able"), build.user("student", name="Ben Best"), build.user()
    classroom = build.classroom(teacher, [ann, ben])
    build.classroom(build.user("teacher"), [stranger])
    attempts = {s.display_name: written_attempt(s) for s in (ann, ben, stranger)}
    return teacher, classroom, attempts


def queue_url(classroom, **args) -> str:
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/classes/{classroom.id}/marking/{MODULE}" + (f"?{query}" if query else "")


def responses_of(attempt) -> list[Response]:
    db.session.expire_all()
    return Response.query.filter_by(attempt_id=attempt.id).order_by(Response.item_id).all()


def test_the_queue_goes_answer_by_answer_and_marks_with_the_rubric(client, marking_class):
    teacher, classroom, attempts = marking_class
    login(client, teacher.username)
    index = text_of(client.get(f"/classes/{classroom.id}/marking/"))
    assert "Sample written answers 4 4 Mark 4 answers" in index  # the stranger's answers are another class's
    page = text_of(client.get(queue_url(classroom)))
    assert "4 of 4 answers awaiting marking" in page and "Answer 1 of 4: Ann Able" in page
    assert "Soldiers say they were told so" in page and "Mastery (2 points)" in page
    assert "Accept any wording that keeps the claim attributed" in page  # the teacher's notes
    first = responses_of(attempts["Ann Able"])[0]
    assert first.item_id == "hngn-headline" and first.points is None
    marked = post_form(
        client, queue_url(classroom, answer=first.id), {"level": "mastery", "comment": "Well attributed."}
    )
    second = [r for r in responses_of(attempts["Ben Best"]) if r.item_id == "hngn-headline"][0]
    assert marked.status_code == 302 and marked.location == queue_url(classroom, answer=second.id)  # item by item
    first = responses_of(attempts["Ann Able"])[0]
    assert first.points == 2.0 and first.answer == {"text": "Soldiers say they were told so", "level": "mastery"}
    assert db.session.get(Mark, first.id).comment == "Well attributed."
    (change,) = ScoreChange.query.all()
    assert (change.kind, change.old_points, change.new_points, change.changed_by) == ("mark", None, 2.0, teacher.id)
    assert "3 of 4 answers awaiting marking" in text_of(client.get(marked.location))


def test_the_student_sees_the_level_the_comment_and_the_new_score(client, app, marking_class):
    teacher, classroom, attempts = marking_class
    login(client, teacher.username)
    for response in responses_of(attempts["Ann Able"]):
        level = "emerging" if response.item_id == "hngn-headline" else "got-it"
        post_form(client, queue_url(classroom, answer=response.id), {"level": level, "comment": "<b>Close</b>"})
    student = app.test_client()
    ann = db.session.get(User, attempts["Ann Able"].user_id)
    login(student, ann.username)
    results = client_text(student, f"/quizzes/attempts/{attempts['Ann Able'].id}/results")
    assert "you scored 2 of 3 points (67%)" in results and "awaiting marking" not in results
    # The level and the comment are feedback: with `feedback: end` they wait, like the key, for the last attempt
    assert "your level" not in results and "Close" not in results
    written_attempt(ann, ())  # the second and last attempt, handed in blank
    results = client_text(student, f"/quizzes/attempts/{attempts['Ann Able'].id}/results")
    assert "Emerging your level" in results and "Your teacher's comment: <b>Close</b>" in results


def client_text(client, url: str) -> str:
    """The page as text, tags dropped but escaped text decoded (so an escaped <b> reads as <b>)."""
    html = client.get(url).get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&lt;", "<").replace("&gt;", ">").split())


def test_names_can_be_hidden_and_marked_answers_reviewed(client, marking_class):
    teacher, classroom, attempts = marking_class
    login(client, teacher.username)
    hidden = text_of(client.get(queue_url(classroom, names="hidden")))
    assert "Answer 1 of 4: name hidden" in hidden and "Ann Able" not in hidden and "Ben Best" not in hidden
    first = responses_of(attempts["Ann Able"])[0]
    after = post_form(client, queue_url(classroom, answer=first.id, names="hidden"), {"level": "beginning"})
    assert "names=hidden" in after.location
    everything = text_of(client.get(queue_url(classroom, show="all")))
    assert "Answer 1 of 4: Ann Able" in everything and "marked: 0 of 2" in everything


def test_bad_marks_are_refused_with_the_reason(client, marking_class):
    teacher, classroom, attempts = marking_class
    login(client, teacher.username)
    first = responses_of(attempts["Ann Able"])[0]
    refused = post_form(client, queue_url(classroom, answer=first.id), {"level": "excellent"})
    assert refused.status_code == 400 and "Not a valid choice" in text_of(refused)
    refused = post_form(client, queue_url(classroom, answer=first.id), {"level": "mastery", "comment": "a\x07b"})
    assert refused.status_code == 400 and "control characters" in text_of(refused)
    # A NUL is refused for every form before the view (crosscheck/security.py), with its own reason.
    refused = post_form(client, queue_url(classroom, answer=first.id), {"level": "mastery", "comment": "a\x00b"})
    assert refused.status_code == 400 and "NUL character" in text_of(refused)
    refused = post_form(client, queue_url(classroom, answer=first.id), {"level": "mastery", "comment": "x" * 2001})
    assert refused.status_code == 400 and "under 2000 characters" in text_of(refused)
    assert responses_of(attempts["Ann Able"])[0].points is None and ScoreChange.query.count() == 0


def test_marking_a_student_not_in_your_class_is_a_404(client, app, build, marking_class):
    teacher, classroom, attempts = marking_class
    login(client, teacher.username)
    strangers = responses_of(attempts[next(n for n in attempts if n not in ("Ann Able", "Ben Best"))])
    assert client.get(queue_url(classroom, answer=strangers[0].id)).status_code == 404
    assert post_form(client, queue_url(classroom, answer=strangers[0].id), {"level": "mastery"}).status_code == 404
    other = app.test_client()
    login(other, build.user("teacher").username)
    assert other.get(queue_url(classroom)).status_code == 404
    assert responses_of(attempts["Ann Able"])[0].points is None


def test_the_queue_runs_the_same_queries_for_a_small_and_a_large_class(client, build, marking_class):
    teacher, small, _ = marking_class
    large = build.classroom(teacher, [build.user() for _ in range(40)])
    for enrolment in large_students(large):
        written_attempt(enrolment)
    login(client, teacher.username)
    urls = [queue_url(classroom) for classroom in (small, large)]
    client.get(urls[0])
    counts = []
    for url in urls:
        with counting_queries() as statements:
            assert client.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def large_students(classroom):
    from crosscheck.accounts.models import User
    from crosscheck.classes.models import Enrollment

    return User.query.join(Enrollment, Enrollment.student_id == User.id).filter(Enrollment.classroom_id == classroom.id)


def test_two_students_of_the_same_name_are_told_apart_by_username(client, build):
    teacher = build.user("teacher")
    ann1, ann2 = (
        build.user("student", username="ann1", name="Ann Able"),
        build.user("student", username="ann2", name="ann able"),
    )
    classroom = build.classroom(teacher, [ann1, ann2])
    attempts = [written_attempt(student) for student in (ann1, ann2)]
    login(client, teacher.username)
    first = text_of(client.get(queue_url(classroom)))
    assert "Answer 1 of 4: Ann Able (ann1)" in first
    other = text_of(client.get(queue_url(classroom, answer=responses_of(attempts[1])[0].id)))
    assert "ann able (ann2)" in other
