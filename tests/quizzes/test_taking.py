"""Taking a module as a student: list, start, answer, resume, submit, results, limits and order."""

from __future__ import annotations

import re

from crosscheck.quizzes.models import Response
from tests.conftest import login, post_form
from tests.quizzes.helpers import answer, attempts, start, submit


def text_of(response) -> str:
    """The page without tags and with single spaces, for reading it as a person does."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_module_list_shows_each_modules_state(client, signed_in):
    student = signed_in("student")
    page = text_of(client.get("/quizzes/"))
    assert "Sample module not started none yet 2 of 2" in page.replace(
        " Spot the unverified claim Find the primary source Conflicting figures 4", ""
    )
    start(client)
    (attempt,) = attempts(student.id)
    answer(client, attempt, 1)
    page = text_of(client.get("/quizzes/"))
    assert "in progress (1 of 4 answered)" in page and "1 of 2" in page
    for number in (2, 3, 4):
        answer(client, attempt, number, correct=number != 4)
    submit(client, attempt)
    page = text_of(client.get("/quizzes/"))
    assert "done" in page and "87% (4.33 of 5 points)" in page and "1 of 2" in page  # a third of the match


def test_a_whole_module_from_start_to_results(client, signed_in):
    student = signed_in("student")
    response = start(client)
    (attempt,) = attempts(student.id)
    assert response.location == f"/quizzes/attempts/{attempt.id}/items/1#question-heading"
    for number in range(1, 5):
        after = answer(client, attempt, number)
        assert (
            after.status_code == 302 and after.location == f"/quizzes/attempts/{attempt.id}/items/{number}#your-answer"
        )
        page = text_of(client.get(after.location))
        assert "Correct : 1 of 1 point" in page or "Correct : 2 of 2 points" in page
        assert "Your answer" in page
    assert "Next question" not in page and "Review and submit" in page
    review = text_of(client.get(f"/quizzes/attempts/{attempt.id}/submit"))
    assert "You have answered 4 of 4 questions" in review
    assert submit(client, attempt).location == f"/quizzes/attempts/{attempt.id}/results"
    html = client.get(f"/quizzes/attempts/{attempt.id}/results").get_data(as_text=True)
    assert "5 of 5 points (100%)" in text_of_html(html)
    assert "Only one sentence speaks about verification" in html  # an explanation
    assert "HNGN says in its own voice" in html  # feedback of the chosen option
    assert 'href="/articles/nk-pow-kyivpost#p12s1"' in html  # the highlight passage in the reader
    assert 'href="/articles/nk-pow-hngn#p10s1"' in html  # the choice item's quoted sentence


def text_of_html(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_feedback_at_the_end_moves_on_and_reveals_nothing_until_results(client, signed_in):
    student = signed_in("student")
    start(client, "sample-end")
    (attempt,) = attempts(student.id, "sample-end")
    saved = answer(client, attempt, 1, correct=False)
    assert saved.location == f"/quizzes/attempts/{attempt.id}/items/2#question-heading"
    page = client.get(f"/quizzes/attempts/{attempt.id}/items/1").get_data(as_text=True)
    assert "Your answer is saved" in page and "your answer" in page
    assert "correct" not in page.lower().replace("your answer is saved", "")
    assert "HNGN" not in page and "estimate; the text does not say whose" not in page
    assert answer(client, attempt, 2).location == f"/quizzes/attempts/{attempt.id}/submit"
    submit(client, attempt)
    results = client.get(f"/quizzes/attempts/{attempt.id}/results").get_data(as_text=True)
    assert "1 of 2 points (50%)" in text_of_html(results)
    assert "That is HNGN" in results and "Not correct" in results


def test_a_student_who_closes_the_browser_resumes_where_they_stopped(app, client, signed_in):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    answer(client, attempt, 1)
    answer(client, attempt, 2)
    later = app.test_client()
    login(later, student.username)
    page = text_of(later.get("/quizzes/sample-module"))
    assert "You have answered 2 of 4 questions" in page and "Resume" in page
    assert start(later).location == f"/quizzes/attempts/{attempt.id}/items/3#question-heading"
    assert len(attempts(student.id)) == 1


def test_the_attempts_limit_is_respected(client, signed_in):
    student = signed_in("student")
    start(client, "sample-end")
    (attempt,) = attempts(student.id, "sample-end")
    submit(client, attempt)
    page = text_of(client.get("/quizzes/sample-end"))
    assert "You have used all your attempts" in page and "Start attempt" not in page
    refused = start(client, "sample-end")
    assert refused.status_code == 302
    assert "used all 1 attempt" in text_of(client.get(refused.location))
    assert len(attempts(student.id, "sample-end")) == 1
    assert "0 of 1" in text_of(client.get("/quizzes/"))


def test_teachers_preview_without_a_limit(client, signed_in):
    teacher = signed_in("teacher")
    for _ in range(2):
        start(client, "sample-end")
        submit(client, attempts(teacher.id, "sample-end")[-1])
    assert start(client, "sample-end").status_code == 302
    assert len(attempts(teacher.id, "sample-end")) == 3
    # No limit for the teacher, who sees what the students get (sample-end allows 1 attempt).
    assert "no limit for you; students 1" in text_of(client.get("/quizzes/"))
    module_page = text_of(client.get("/quizzes/sample-end"))
    assert "Attempts 1 for each student (more with an extension); no limit for you, to try the module" in module_page


def option_order(client, url: str) -> list[tuple[str, str]]:
    """(value, label) of every radio, checkbox or drop-down entry, in page order."""
    html = client.get(url).get_data(as_text=True)
    radios = re.findall(r'<input[^>]*value="([^"]+)"[^>]*>\s*<label[^>]*>([^<]+)</label>', html)
    selects = re.findall(r'<option value="(o\d+)">([^<]+)</option>', html)
    return radios + selects


def test_the_order_is_the_same_on_every_reload(client, signed_in):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    for number in (1, 2, 4):
        url = f"/quizzes/attempts/{attempt.id}/items/{number}"
        first = option_order(client, url)
        assert len(first) >= 3 and first == option_order(client, url)
        assert [value for value, _ in first[:3]] == ["o1", "o2", "o3"]  # opaque values, never option ids


def test_without_shuffling_options_keep_file_order(client, signed_in):
    student = signed_in("student")
    start(client, "sample-end")
    (attempt,) = attempts(student.id, "sample-end")
    labels = [label for _, label in option_order(client, f"/quizzes/attempts/{attempt.id}/items/1")]
    assert labels == ["11,000", "12,000"]


def test_an_empty_or_forged_answer_is_refused_and_nothing_is_stored(client, signed_in):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    url = f"/quizzes/attempts/{attempt.id}/items/1"
    empty = post_form(client, url, {})
    assert empty.status_code == 400 and "Choose an answer." in empty.get_data(as_text=True)
    assert post_form(client, url, {"choice": "a"}).status_code == 400  # option ids are not form values
    assert client.post(url, data={"choice": "o1"}).status_code == 400  # no CSRF token
    assert post_form(client, f"/quizzes/attempts/{attempt.id}/items/3", {"sentences": ["p1s1"]}).status_code == 400
    assert Response.query.count() == 0


def test_attempts_are_private_and_closed_after_submitting(app, client, signed_in, build):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    other = app.test_client()
    login(other, build.user("student").username)
    assert other.get(f"/quizzes/attempts/{attempt.id}/items/1").status_code == 404
    assert other.get(f"/quizzes/attempts/{attempt.id}/results").status_code == 404
    assert client.get(f"/quizzes/attempts/{attempt.id}/results").location.endswith("/submit")
    submit(client, attempt)
    assert client.get(f"/quizzes/attempts/{attempt.id}/items/1").location.endswith("/results")
    assert answer(client, attempt, 1).location.endswith("/results")
    assert Response.query.count() == 0
    assert client.get("/quizzes/no-such-module").status_code == 404
    assert client.get(f"/quizzes/attempts/{attempt.id}/items/9").status_code == 302  # submitted: to results
