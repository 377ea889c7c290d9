"""A real Chromium takes the sample module: every item type, the keyboard-only highlight, and no JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.quizzes.models import Response
from tests.conftest import screenshot, start_and_open_question
from tests.conftest import sign_in_page as sign_in
from tests.databases import TEST_DATABASE_URL

pytestmark = pytest.mark.browser


def open_item(page, base: str, number: int) -> None:
    """Start the sample module from its page, then open question `number`."""
    page.goto(f"{base}/quizzes/sample-module")
    start_and_open_question(page, number)


def shot(page, name: str) -> None:
    screenshot(page, f"quiz-{name}")


def stored_answer(app, item_id: str) -> list:
    with app.app_context():
        return [r.answer for r in db.session.scalars(select(Response).where(Response.item_id == item_id))]


@pytest.mark.one_engine  # keys, touch and markup: the stored answer's path runs on both engines in tests/quizzes
def test_a_highlight_item_answered_with_the_keyboard_alone(page, quiz_live_server, quiz_live_builders):
    app, base = quiz_live_server
    student = quiz_live_builders.user("student", username="keyboard-student")
    sign_in(page, base, student.username)
    open_item(page, base, 3)
    sentences = page.locator(".hl-sentence")
    expect(sentences).to_have_count(6)
    expect(page.locator(".sentence-list")).to_be_hidden()
    for _ in range(40):  # Tab through the page until the passage has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hl-sentence')"):
            break
    assert page.evaluate("document.activeElement.dataset.sentence") == "p12s1"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.keyboard.press("Space")  # select, then unselect, p12s4
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.dataset.sentence") == "p13s2"
    pressed = [s.get_attribute("aria-pressed") for s in sentences.all()]
    assert pressed == ["true", "true", "true", "false", "false", "false"]
    expect(page.get_by_text("3 sentences selected.")).to_be_visible()
    shot(page, "highlight-keyboard")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "Save my answer"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".verdict")).to_have_text("Correct")
    assert stored_answer(app, "kp-soldier-said") == [{"sentences": ["p12s1", "p12s2", "p12s3"]}]
    # The saved answer's page opens at the answer: the next Tabs reach the way on, not the menu again.
    assert page.url.endswith("#your-answer")
    # Tab starts from the fragment's target once the browser has moved there (the page may still be loading).
    page.wait_for_function("document.querySelector(':target') !== null")
    reached = []
    while len(reached) < 6 and reached[-1:] not in (["Next question"], ["Review and submit"]):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert reached[-1] in ("Next question", "Review and submit") and "Skip to content" not in reached, reached


@pytest.mark.one_engine  # keys, touch and markup: the stored answer's path runs on both engines in tests/quizzes
def test_a_highlight_item_by_touch(new_context, quiz_live_server, quiz_live_builders):
    app, base = quiz_live_server
    student = quiz_live_builders.user("student", username="touch-student")
    context = new_context(has_touch=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, base, student.username)
    open_item(page, base, 3)
    expect(page.locator(".hl-sentence")).to_have_count(6)
    page.locator('.hl-sentence[data-sentence="p12s2"]').tap()
    page.locator('.hl-sentence[data-sentence="p13s2"]').tap()
    assert page.locator('.hl-sentence[aria-pressed="true"]').count() == 2
    shot(page, "highlight-touch")
    page.get_by_role("button", name="Save my answer").tap()
    expect(page.locator(".verdict")).to_have_text("Not correct")  # 1 right - 1 wrong = 0


@pytest.mark.one_engine  # keys, touch and markup: the stored answer's path runs on both engines in tests/quizzes
def test_without_javascript_the_highlight_is_a_list_of_checkboxes(new_context, quiz_live_server, quiz_live_builders):
    app, base = quiz_live_server
    student = quiz_live_builders.user("student", username="nojs-student")
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base, student.username)
    open_item(page, base, 3)
    expect(page.get_by_label("The soldier confirmed to the interviewer")).to_be_visible()
    assert page.locator(".hl-sentence").count() == 0
    page.get_by_label("The soldier confirmed to the interviewer").check()
    page.get_by_label("He said there was no cargo on board").check()
    shot(page, "highlight-no-js")
    page.get_by_role("button", name="Save my answer").click()
    expect(page.locator(".verdict")).to_have_text("Partly correct")
    shot(page, "highlight-no-js-feedback")


def test_a_student_takes_every_item_type_and_reads_the_results(page, quiz_live_server, quiz_live_builders):
    app, base = quiz_live_server
    student = quiz_live_builders.user("student", username="every-type-student")
    sign_in(page, base, student.username)
    page.get_by_role("link", name="Quizzes").click()
    shot(page, "list")
    page.get_by_role("link", name="Sample module", exact=True).click()
    page.get_by_role("button", name="Start").click()

    shot(page, "choice")
    page.get_by_label("However, HNGN cannot independently verify the claims.").check()
    page.get_by_role("button", name="Save my answer").click()
    shot(page, "choice-feedback")
    page.get_by_role("link", name="Next question").click()

    shot(page, "multi")
    page.get_by_label("said 1,500 North Korean special forces were transported").check()
    page.get_by_label("would take at least seven non-stop days").check()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.locator(".verdict")).to_have_text("Not correct")  # 1 right - 1 wrong
    shot(page, "multi-feedback")
    page.get_by_role("link", name="Next question").click()

    shot(page, "highlight")
    for sentence in ("p12s1", "p12s2", "p13s1"):
        page.locator(f'.hl-sentence[data-sentence="{sentence}"]').click()
    page.get_by_role("button", name="Save my answer").click()
    shot(page, "highlight-feedback")
    page.get_by_role("link", name="Next question").click()

    shot(page, "match")
    page.get_by_label("approximately 300 North Korean soldiers").select_option(
        label="South Korea's National Intelligence Service (NIS)"
    )
    page.get_by_label("approximately 4,000 casualties").select_option(label="The White House")
    page.get_by_label("up to 12,000 troops sent to Kursk Oblast").select_option(label="HNGN, without naming a source")
    page.get_by_role("button", name="Save my answer").click()
    shot(page, "match-feedback")
    page.get_by_role("link", name="Review and submit").last.click()
    shot(page, "submit")
    page.get_by_role("button", name="Submit my answers").click()
    summary = page.locator(".score-summary").inner_text()
    assert "2 of 5 points (40%)" in summary  # choice 1 + multi 0 + highlight (2 - 1) / 3 + match 2 / 3
    shot(page, "results")
    page.locator("#result-3 ~ .feedback .read-links a").click()
    assert page.url == f"{base}/articles/nk-pow-kyivpost#p12s1"
    assert page.locator("#p12s1").inner_text().startswith("The soldier confirmed")


def test_the_quiz_live_server_runs_on_the_suites_database_engine(quiz_live_server):
    app, _ = quiz_live_server
    with app.app_context():
        assert db.engine.dialect.name == ("postgresql" if TEST_DATABASE_URL else "sqlite")
