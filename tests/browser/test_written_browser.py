"""Written answers in a real Chromium: a student's text autosaved and kept across a reload, the draft that becomes
the answer on submit; a teacher marking three answers by keyboard alone in the queue."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from crosscheck.catalog_access import get_catalog
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.quizzes.service import save_answer, start_or_resume, submit
from tests.conftest import screenshot
from tests.conftest import sign_in_page as sign_in

pytestmark = pytest.mark.browser
MODULE = "in-your-own-words"


def shot(page, name: str) -> None:
    screenshot(page, f"written-{name}")


def test_a_student_writes_and_nothing_is_lost(page, live_app, live_server, live_builders):
    student = live_builders.user("student", name="Wren Writer")
    sign_in(page, live_server, student.username)
    page.goto(f"{live_server}/quizzes/{MODULE}")
    page.locator("form[action$='/start'] button").click()
    page.wait_for_url("**/items/1#question-heading")
    box = page.get_by_label("Your answer")
    box.fill("Captured North Korean soldiers say they were told they were fighting South Koreans")
    expect(page.locator("[data-word-count]")).to_have_text("13 of 25 words")
    expect(page.locator("[data-draft-status]")).to_contain_text("Draft saved", timeout=10_000)  # autosave
    page.get_by_role("group").first.page.locator("details.rubric-details summary").click()
    shot(page, "writing")
    page.reload()  # a closed tab or a reload: the draft comes back
    expect(page.get_by_label("Your answer")).to_have_value(
        "Captured North Korean soldiers say they were told they were fighting South Koreans"
    )
    page.get_by_label("Your answer").fill(" ".join(["word"] * 26))
    expect(page.locator("[data-word-count]")).to_contain_text("too long")
    page.get_by_role("button", name="Save my answer").click()
    expect(page.locator("#text-error")).to_contain_text("Your answer has 26 words; the most is 25.")
    page.get_by_label("Your answer").fill("Two captured soldiers say they were told they fought South Koreans")
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_url("**/items/2#question-heading")
    page.get_by_label("Your answer").fill("The captives told Chosun Daily; HNGN relays it and cannot verify it.")
    page.get_by_role("button", name="Save draft").click()  # the button, as without JavaScript
    expect(page.locator(".flash, [role=status]").first).to_be_visible()
    page.goto(page.url.rsplit("/items/", 1)[0] + "/submit")
    expect(page.get_by_text("draft saved: it becomes your answer when you submit")).to_be_visible()
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_url("**/results")
    expect(page.locator(".score-summary")).to_contain_text("no score yet. 2 answers are awaiting marking")
    with live_app.app_context():
        attempt = db.session.scalar(db.select(Attempt).where(Attempt.user_id == student.id))
        texts = sorted(
            r.answer["text"] for r in db.session.scalars(db.select(Response).filter_by(attempt_id=attempt.id))
        )
        assert texts == [
            "The captives told Chosun Daily; HNGN relays it and cannot verify it.",
            "Two captured soldiers say they were told they fought South Koreans",
        ]


def test_a_teacher_marks_three_answers_by_keyboard(page, live_app, live_server, live_builders):
    teacher = live_builders.user("teacher", name="Mo Marker")
    students = [live_builders.user("student", name=name) for name in ("Ada Ames", "Bo Bell", "Cy Cole")]
    live_builders.classroom(teacher, students, name="Marking class")
    with live_app.app_context():
        module = get_catalog().quizzes[MODULE]
        ids = []
        for student, text in zip(
            students,
            (
                "Soldiers reveal truth",
                "Captured soldiers say they were told so",
                "Two POWs tell a newspaper they were told they fought South Koreans",
            ),
            strict=True,
        ):
            attempt = start_or_resume(student, module)
            ids.append(save_answer(attempt, module.items[0], {"text": text})[0].id)
            submit(attempt)
        class_id = db.session.execute(db.text("SELECT id FROM classroom WHERE name = 'Marking class'")).scalar()
    sign_in(page, live_server, teacher.username)
    page.goto(f"{live_server}/classes/{class_id}/marking/")
    page.get_by_role("link", name="Mark 3 answers").click()
    expect(page.get_by_role("heading", name="Answer 1 of 3: Ada Ames", exact=False)).to_be_visible()
    page.wait_for_load_state()  # the keys work once marking.js (deferred) has run: under load it can lag the heading
    shot(page, "queue")
    for key, name in (("1", "Bo Bell"), ("2", "Cy Cole")):
        page.keyboard.press(key)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=name, exact=False)).to_be_visible()
        page.wait_for_load_state()
    page.keyboard.press("3")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Every answer in this queue is marked.")).to_be_visible()
    with live_app.app_context():
        marked = {
            r.id: (r.answer["level"], r.points)
            for r in db.session.scalars(db.select(Response).where(Response.id.in_(ids)))
        }
    assert [marked[i] for i in ids] == [("beginning", 0.0), ("emerging", 1.0), ("mastery", 2.0)]
