"""A student reads lessons in a real Chromium, opens a self-check answer by keyboard and marks a lesson complete."""

import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot
from tests.conftest import sign_in_page as sign_in

# Reading, a keyboard-opened answer, a completion: tests/lessons runs the completion on both engines.
pytestmark = [pytest.mark.browser, pytest.mark.one_engine]

DIRECTIVES = [  # (lesson, CSS selector of one directive, screenshot name)
    ("one-event-five-frames", ".lesson-body > figure.excerpt", "directive-excerpt"),
    ("one-event-five-frames", "table.framing", "directive-framing"),
    ("numbers-that-disagree", "table.figures", "directive-figures"),
    ("who-said-so", ".source-chain", "directive-sources"),
    ("quotes-that-changed", "figure.quote-compare", "directive-quotes"),
    ("what-is-not-the-article", "section.self-check", "directive-self-check"),
    ("one-event-five-frames", "table.timeline", "directive-timeline"),
]


def test_student_reads_a_lesson_checks_an_answer_and_completes_it(page, live_server, live_builders):
    live_builders.user("student", username="lessonreader")
    sign_in(page, live_server, "lessonreader")
    page.get_by_role("link", name="Lessons", exact=True).click()
    expect(page.get_by_text("You have completed 0 of 8 lessons.")).to_be_visible()
    assert page.locator("progress").get_attribute("value") == "0"
    page.get_by_role("link", name="One event, several interviews, five frames").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("One event, several interviews, five frames")
    answer = page.locator("section.self-check details").first
    assert not answer.evaluate("el => el.open")
    answer.locator("summary").focus()
    page.keyboard.press("Enter")
    assert answer.evaluate("el => el.open")
    assert "At least three" in answer.inner_text()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("You marked this lesson complete on")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lessons").click()
    expect(page.get_by_text("You have completed 1 of 8 lessons.")).to_be_visible()
    assert page.locator("progress").get_attribute("value") == "1"
    expect(page.locator(".lesson-card").first.get_by_text("Completed")).to_be_visible()
    screenshot(page, "lessons-list")


def test_every_directive_is_on_a_lesson_page_and_links_to_the_reader(page, live_server, live_builders):
    live_builders.user("student", username="directivereader")
    sign_in(page, live_server, "directivereader")
    for lesson, selector, name in DIRECTIVES:
        page.goto(f"{live_server}/lessons/{lesson}")
        element = page.locator(selector).first
        element.scroll_into_view_if_needed()
        assert element.is_visible(), name
        screenshot(element, name)
    page.goto(f"{live_server}/lessons/who-said-so")
    page.locator(".lesson-body > figure.excerpt a.context-link").first.click()
    assert page.url.endswith("/articles/nk-pow-glimpse#p6s1")
    assert page.locator("#p6s1").inner_text().startswith("The soldiers’ answers came in footage provided and edited")
    page.goto(f"{live_server}/lessons/what-is-not-the-article")
    page.locator(".lesson-body > figure.excerpt a.context-link").first.click()
    assert page.url.endswith("/articles/nk-pow-hngn?furniture=show#p2")
    assert "Russia has been hit by a string of mysterious assassinations" in page.locator("#p2").inner_text()
    assert page.locator("#p2 .furniture-label").inner_text().lower() == "not the article · photo caption"
