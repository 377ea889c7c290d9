"""Written answers as a student gives them: drafts kept without and with JavaScript, the draft that becomes the
answer on submit, the score awaiting marking, and bad input (a 1 MB answer, control characters, script)."""

from __future__ import annotations

import json

from crosscheck.quizzes.models import AnswerDraft, Response
from tests.conftest import csrf_token, login, post_form
from tests.quizzes.helpers import attempts, start, submit
from tests.quizzes.test_taking import text_of

MODULE = "sample-written"


def item_url(attempt, number: int = 1) -> str:
    return f"/quizzes/attempts/{attempt.id}/items/{number}"


def begin(client, signed_in, role: str = "student"):
    """A signed-in student with an attempt at the written module."""
    user = signed_in(role)
    start(client, MODULE)
    (attempt,) = attempts(user.id, MODULE)
    return user, attempt


def test_the_draft_button_keeps_the_text_without_javascript(client, signed_in):
    _, attempt = begin(client, signed_in)
    page = client.get(item_url(attempt)).get_data(as_text=True)
    assert 'maxlength="360"' in page and "How your answer will be marked" in page and "Mastery" in page
    assert "Accept any wording" not in page and "Two captured North Korean soldiers tell" not in page  # teachers only
    saved = post_form(client, f"{item_url(attempt)}/draft", {"text": "Soldiers say they were told so"})
    assert saved.status_code == 302 and saved.location == item_url(attempt)
    page = text_of(client.get(item_url(attempt)))
    assert "Draft saved" in page and "Soldiers say they were told so" in page and "6 of 30 words" in page
    post_form(client, f"{item_url(attempt)}/draft", {"text": "Second thoughts"})
    assert [d.answer for d in AnswerDraft.query.all()] == [{"text": "Second thoughts"}]  # one row, replaced
    assert Response.query.count() == 0


def test_autosave_answers_json_and_the_draft_becomes_the_answer_on_submit(client, signed_in):
    _, attempt = begin(client, signed_in)
    token = csrf_token(client)
    saved = client.post(
        f"{item_url(attempt)}/draft",
        data={"text": "Captured soldiers say\r\nthey were told", "csrf_token": token},
        headers={"Accept": "application/json"},
    )
    assert saved.status_code == 200 and json.loads(saved.data)["message"].startswith("Draft saved")
    review = text_of(client.get(f"/quizzes/attempts/{attempt.id}/submit"))
    assert "You have answered 0 of 2" in review and "draft saved: it becomes your answer when you submit" in review
    submit(client, attempt)  # the tab with "Save my answer" was closed: the draft is the answer
    (response,) = Response.query.all()
    assert response.answer == {"text": "Captured soldiers say\nthey were told"} and response.points is None
    results = text_of(client.get(f"/quizzes/attempts/{attempt.id}/results"))
    # No percentage while an answer awaits marking: 0% would count it as wrong.
    assert "no score yet . 1 answer is awaiting marking" in results and "so far you have 0 of 3 points" in results
    assert "%" not in results.split("Question 1")[0]
    # feedback: end with an attempt left: the per-item feedback (the rubric level to come too) waits for the last
    assert "Awaiting marking : out of 2 points" not in results and "Your answers are saved" in results


def test_a_saved_answer_awaits_marking_on_the_module_pages(client, signed_in):
    _, attempt = begin(client, signed_in)
    for number, text in ((1, "Two soldiers say they were told so"), (2, "Both are estimates")):
        done = post_form(client, item_url(attempt, number), {"text": text})
        assert done.status_code == 302
    assert [r.points for r in Response.query.order_by(Response.item_id)] == [None, None]
    again = post_form(client, f"{item_url(attempt)}/draft", {"text": "changed my mind"})
    assert again.status_code == 302 and AnswerDraft.query.count() == 0  # a saved answer is not reopened
    submit(client, attempt)
    module_page = text_of(client.get(f"/quizzes/{MODULE}"))
    assert "Your score: awaiting marking (0 of 3 points so far; 2 answers to mark)" in module_page
    assert "0%" not in module_page
    listing = text_of(client.get("/quizzes/"))
    assert "awaiting marking (0 of 3 points so far; 2 answers to mark)" in listing and "0%" not in listing


def test_bad_input_is_refused_with_a_clear_message_and_the_text_kept(client, signed_in):
    _, attempt = begin(client, signed_in)
    too_many = " ".join(["word"] * 31)
    refused = post_form(client, item_url(attempt), {"text": too_many})
    assert refused.status_code == 400 and "Your answer has 31 words; the most is 30." in text_of(refused)
    assert too_many in refused.get_data(as_text=True)  # nothing lost: the text is back in the box
    long_word = "x" * 400
    refused = post_form(client, item_url(attempt), {"text": long_word})
    assert "Your answer is 400 characters long; the most is 360." in text_of(refused)
    refused = post_form(client, f"{item_url(attempt)}/draft", {"text": "bell\x07 and escape\x1b"})
    assert refused.status_code == 400 and "control characters" in text_of(refused)
    assert ">bell and escape</textarea>" in refused.get_data(as_text=True)  # kept, minus what HTML forbids
    refused = post_form(client, f"{item_url(attempt)}/draft", {"text": "null\x00"})
    assert refused.status_code == 400 and "NUL character" in text_of(refused)  # crosscheck/security.py, every form
    as_json = client.post(
        f"{item_url(attempt)}/draft",
        data={"text": "bell\x07", "csrf_token": csrf_token(client)},
        headers={"Accept": "application/json"},
    )
    assert as_json.status_code == 400 and "control characters" in json.loads(as_json.data)["message"]
    huge = post_form(client, item_url(attempt), {"text": "a" * (1024 * 1024)})
    assert huge.status_code == 413 and "too long to send" in text_of(huge)
    assert Response.query.count() == 0 and AnswerDraft.query.count() == 0


def test_script_in_an_answer_is_shown_as_text(client, signed_in):
    _, attempt = begin(client, signed_in)
    post_form(client, item_url(attempt), {"text": '<script>alert("x")</script> <b>bold</b>'})
    submit(client, attempt)
    html = client.get(f"/quizzes/attempts/{attempt.id}/results").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_someone_elses_attempt_has_no_draft_address(client, signed_in, app, build):
    _, attempt = begin(client, signed_in)
    other = app.test_client()
    login(other, build.user("student").username)
    assert post_form(other, f"{item_url(attempt)}/draft", {"text": "mine now"}).status_code == 404
    assert AnswerDraft.query.count() == 0
