"""A real Chromium walks the demo class's reports as a teacher and the dashboard as a student (screenshots: --shots)."""

import pytest
from playwright.sync_api import expect

from crosscheck.demo import DEMO_PASSWORD, load_demo
from tests.conftest import _testing, copy_of_template, new_app, screenshot, shared_catalog
from tests.serving import ServedApp

# Screens of the reports and the dashboard: their figures are checked on both engines in tests/reports, tests/home.
pytestmark = [pytest.mark.browser, pytest.mark.one_engine]


@pytest.fixture(scope="module")
def demo_server(template_db):
    """A live server with the shipped lessons and quiz modules and the demo class with its work loaded."""
    path = copy_of_template(template_db)
    app = new_app({**_testing(), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}, shared_catalog())
    with app.app_context():
        load_demo()
    served = ServedApp(app)
    yield served.url()
    served.stop()


def _sign_in(page, base, username):
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def _shot(page, name):
    screenshot(page, f"{name}")


def test_teacher_reads_every_report(page, demo_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, demo_server, "teacher")
    _shot(page, "teacher-home")
    page.get_by_role("link", name="Overview of 9B Media Literacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Class overview: 9B Media Literacy")
    assert page.locator("svg[role=img] title").first.text_content() == "Students at each state, per assignment"
    _shot(page, "report-overview")
    page.get_by_role("link", name="Quiz: Spot the unverified claim", exact=True).click()  # sort by that column
    assert "sort=a" in page.url and "dir=asc" in page.url
    page.get_by_role("link", name="Quiz: Spot the unverified claim", exact=True).click()  # again: reverse
    assert "dir=desc" in page.url
    # expect() waits for the new page: page.url changes before its table has loaded, count() would not wait
    expect(page.locator("th[aria-sort=descending]")).to_have_count(1)
    page.get_by_role("link", name="Skill matrix").click()
    expect(page.locator("svg#skill-heat, svg[aria-labelledby^=skill-heat]")).to_have_count(1)
    _shot(page, "report-skills")
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="item analysis of Spot the unverified claim", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Item analysis: Spot the unverified claim")
    _shot(page, "report-items")
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Amara Okafor").click()
    expect(page.get_by_text("Every attempt and answer", exact=False).first).to_be_visible()  # waits for the page
    _shot(page, "report-student")
    page.get_by_role("link", name="Class page").click()
    _shot(page, "class-page")
    with page.expect_download() as download:
        page.goto(page.url.replace("/classes/", "/reports/classes/") + "/overview")
        page.get_by_role("link", name="Download the overview as CSV").click()
    assert download.value.suggested_filename == "9B-Media-Literacy-overview.csv"


def test_student_dashboard(page, demo_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, demo_server, "dev")
    expect(page.get_by_role("heading", name="Next thing to do")).to_be_visible()
    _shot(page, "student-dashboard")
    page.get_by_role("link", name="All my attempts and answers in 9B Media Literacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work in 9B Media Literacy")
    _shot(page, "student-own-work")
