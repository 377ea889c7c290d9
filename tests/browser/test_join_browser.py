"""A student with an account joins a class from the home page in a real Chromium, with JavaScript off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot
from tests.conftest import sign_in_page as sign_in

pytestmark = pytest.mark.browser


def test_a_student_without_a_class_joins_one_then_another_without_javascript(new_context, live_server, live_builders):
    teacher = live_builders.user("teacher")
    first = live_builders.classroom(teacher, name="History 9B")
    second = live_builders.classroom(teacher, name="Civics 9")
    student = live_builders.user("student", name="Gus Lindqvist")
    page = new_context(java_script_enabled=False).new_page()  # the forms post by themselves
    sign_in(page, live_server, student.username)
    expect(page.get_by_text("You are not in a class yet")).to_be_visible()
    screenshot(page, "join-dashboard-no-class")

    page.get_by_label("Class join code").fill("none-such")
    page.get_by_role("button", name="Join class").click()
    expect(page.locator("#join_code-error")).to_have_text(
        "No open class has that join code. Check it with your teacher."
    )
    expect(page.get_by_label("Class join code")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "join-wrong-code")

    page.get_by_label("Class join code").fill(first.join_code.lower())
    page.get_by_role("button", name="Join class").click()
    page.wait_for_url(f"{live_server}/")
    expect(page.get_by_role("status")).to_contain_text("You have joined History 9B.")
    expect(page.get_by_role("heading", name="History 9B")).to_be_visible()
    screenshot(page, "join-joined-first")

    page.get_by_label("Class join code").fill(second.join_code)
    page.get_by_role("button", name="Join class").click()
    page.wait_for_url(f"{live_server}/")
    expect(page.get_by_role("heading", name="Civics 9")).to_be_visible()
    page.get_by_label("Class join code").fill(second.join_code)
    page.get_by_role("button", name="Join class").click()
    expect(page.locator("#join_code-error")).to_have_text("You are already in Civics 9.")
    screenshot(page, "join-already-in")
