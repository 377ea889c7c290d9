"""A real Chromium signs in and reads an article (Playwright, Debian's Chromium)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.one_engine]  # reading pages: tests/articles runs on both engines


def test_student_signs_in_and_opens_the_reader(page, live_server, live_builders):
    student = live_builders.user("student", username="browserstudent")
    page.goto(f"{live_server}/articles/")
    assert "/login" in page.url
    page.get_by_label("Username").fill(student.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/articles/")
    page.get_by_role("link", name="Troops Detained in Ukraine Give Rare Glimpse Into North Korea’s Military").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Troops Detained")
    assert page.get_by_text("You have a preview view of this article").count() == 0
    screenshot(page, "reader-hidden")
    page.get_by_role("link", name="Show it, marked").click()
    expect(page.get_by_text("You have a preview view of this article")).to_be_visible()
    screenshot(page, "reader-shown")
    page.goto(f"{live_server}/articles/nk-pow-glimpse#p5s1")
    assert page.locator("#p5s1").inner_text().startswith("The three-minute video clip")
