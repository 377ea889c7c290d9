"""A real Chromium signs in to the app served as docs/deploy.md serves it: gunicorn, several workers, production."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, Builders, screenshot
from tests.databases import ENGINE_NAME

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_a_teacher_signs_in_through_gunicorn(make_app, gunicorn, page):
    app = make_app()
    with app.app_context():
        teacher = Builders().user("teacher", username="deployteacher", name="Ms Deploy")
        username = teacher.username
    server = gunicorn(app, workers=2)
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"{server.base_url}/articles/")
    assert "/login" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.base_url}/articles/")
    expect(page.get_by_text("Ms Deploy")).to_be_visible()
    page.get_by_role("link", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare articles")
    # The stylesheet loaded under the Content-Security-Policy: the header is dark, not the browser's default.
    page.wait_for_load_state("load")
    background = page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(28, 35, 48)"
    assert refused == []
    screenshot(page, f"deployed-{ENGINE_NAME}")
    cookie = next(c for c in page.context.cookies() if c["name"] == "session")
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()  # waits for the page the click loads
