"""A student takes the shipped pooled module (`framing`: 10 of 15 questions per attempt) in Chromium: the module
page says what a pool is, the questions are numbered 1 to 10, a reload shows the same question; the teacher's
item analysis shows who drew each question. With --shots, screenshots in shots/ (pools-*.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from crosscheck.catalog_access import get_catalog
from crosscheck.classes import service as classes
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.models import Attempt
from crosscheck.quizzes.service import save_answer, start_or_resume, submit
from tests.conftest import screenshot, sign_in_page

pytestmark = pytest.mark.browser
MODULE = "framing"


def shot(page, name: str) -> None:
    screenshot(page, f"pools-{name}")


def test_a_pooled_module_in_the_browser(page, live_app, live_server, live_builders):
    teacher = live_builders.user("teacher", name="Pat Pool")
    taker = live_builders.user("student", name="Tia Taker")
    others = [live_builders.user("student", name=f"Student {n}") for n in range(1, 7)]
    classroom = live_builders.classroom(teacher, [taker, *others], name="Pool class")
    with live_app.app_context():
        classes.assign(db.session.get(type(classroom), classroom.id), "quiz", MODULE, None, teacher)
        module = get_catalog().quizzes[MODULE]
        for n, student in enumerate(others):  # each answers what they drew, some right and some wrong
            attempt = start_or_resume(student, module)
            for k, item in enumerate(module.for_attempt(attempt.drawn).items):
                kind = item_type(item.type)
                right = (k + n) % 3 != 0
                save_answer(attempt, item, kind.answer_key(item.content) if right else kind.wrong_answer(item.content))
            submit(attempt)
    sign_in_page(page, live_server, taker.username)
    page.goto(f"{live_server}/quizzes/{MODULE}")
    expect(page.get_by_text("10 per attempt (10 of the 15 questions on framing drawn at random")).to_be_visible()
    shot(page, "module-page")
    page.locator("form[action$='/start'] button").click()
    page.wait_for_url("**/items/1#question-heading")
    expect(page.get_by_role("heading", name="Question 1 of 10")).to_be_visible()
    page.goto(page.url.replace("/items/1", "/items/4"))
    question = page.locator("main").inner_text()
    page.reload()
    assert page.locator("main").inner_text() == question  # the same drawn question after a reload
    expect(page.get_by_role("heading", name="Question 4 of 10")).to_be_visible()
    shot(page, "item-4-of-10")
    with live_app.app_context():
        drawn = db.session.scalar(db.select(Attempt.drawn).where(Attempt.user_id == taker.id))
    assert len(drawn) == 10
    page.get_by_role("button", name="Sign out").click()
    sign_in_page(page, live_server, teacher.username)
    page.goto(f"{live_server}/reports/classes/{classroom.id}/items/{MODULE}")
    expect(page.locator("td", has_text="who drew it").first).to_be_visible()
    shot(page, "item-analysis")
    screenshot(page.locator("table.data").first, "pools-item-analysis-table")
