"""No correct answer, explanation or feedback reaches the browser before the item is answered."""

from __future__ import annotations

import re

import pytest

from tests.quizzes.helpers import answer, attempts, catalog, start


def secrets_of(content: dict) -> list[str]:
    """Every text the student must not see before answering: explanation, feedback, notes, the right matches."""
    texts = [content.get("explanation")]
    texts += [o.get("feedback") for o in content.get("options", [])]
    texts += [n.get("feedback") for n in content.get("notes", [])]
    texts += [p.get("feedback") for p in content.get("pairs", [])]
    texts += [content.get("model_answer"), content.get("teacher_notes")]  # a written item's: teachers only
    return [t for t in texts if t]


def form_values(html: str) -> set[str]:
    """Every value an input or drop-down entry sends."""
    return set(re.findall(r'<input[^>]*\bvalue="([^"]*)"', html)) | set(re.findall(r'<option value="([^"]*)"', html))


@pytest.mark.parametrize("number", [1, 2, 3, 4], ids=["choice", "multi", "highlight", "match"])
def test_an_unanswered_item_page_holds_no_answer_key(client, signed_in, number):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    content = catalog().quizzes["sample-module"].items[number - 1].content
    html = client.get(f"/quizzes/attempts/{attempt.id}/items/{number}").get_data(as_text=True)
    assert content["prompt"].split("\n")[0][:40] in html
    for secret in secrets_of(content):
        assert secret not in html
    assert "correct" not in html.lower()  # no class, mark, data attribute or word that could point at it
    assert "<script>" not in html and "application/json" not in html
    hidden = re.findall(r'<input[^>]*type="hidden"[^>]*>', html)
    assert all('name="csrf_token"' in field for field in hidden)
    values = form_values(html) - {"", "Save my answer"}
    csrf = set(re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', html))
    ids = {o["id"] for o in content.get("options", [])} | {r["id"] for r in content.get("rights", [])}
    assert not values & ids  # file order (option a, right r1) never shows
    if content["type"] == "highlight":
        assert values - csrf == {s["id"] for s in content["sentences"]}  # all sentences, none singled out
    else:
        assert all(re.fullmatch(r"o\d+", v) for v in values - csrf)


def test_feedback_appears_once_the_item_is_answered(client, signed_in):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    content = catalog().quizzes["sample-module"].items[2].content
    answer(client, attempt, 3, correct=False)
    html = client.get(f"/quizzes/attempts/{attempt.id}/items/3").get_data(as_text=True)
    assert content["explanation"] in html
    assert "correct, not selected" in html and "you selected it: not correct" in html
    later = client.get(f"/quizzes/attempts/{attempt.id}/items/4").get_data(as_text=True)
    assert not any(secret in later for secret in secrets_of(catalog().quizzes["sample-module"].items[3].content))


def test_with_feedback_at_the_end_an_answered_item_still_reveals_nothing(client, signed_in):
    student = signed_in("student")
    start(client, "sample-end")
    (attempt,) = attempts(student.id, "sample-end")
    content = catalog().quizzes["sample-end"].items[0].content
    answer(client, attempt, 1)
    html = client.get(f"/quizzes/attempts/{attempt.id}/items/1").get_data(as_text=True)
    assert "Your answer is saved" in html
    for secret in secrets_of(content):
        assert secret not in html
    assert "mark-correct" not in html and "is-correct" not in html
