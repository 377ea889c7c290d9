"""The two journeys that matter, in a real Chromium on the shipped content: a student's and a teacher's."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from crosscheck.catalog_access import get_catalog
from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from tests.conftest import PASSWORD, screenshot, start_and_open_question
from tests.conftest import sign_in_page as sign_in

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    screenshot(page, f"journey-{name}")


def first_highlight(live_app, module_id: str) -> int:
    """1-based number of the module's first highlight item (items keep file order)."""
    with live_app.app_context():
        items = get_catalog().quizzes[module_id].items
    return next(n for n, item in enumerate(items, 1) if item.type == "highlight")


def test_student_joins_reads_a_lesson_follows_a_quote_and_takes_a_module(page, live_app, live_server, live_builders):
    teacher = live_builders.user("teacher", username="journey-teacher")
    classroom = live_builders.classroom(teacher, name="Journey class", join_code="JRNY-2345")
    assert classroom.join_code == "JRNY-2345"

    page.goto(f"{live_server}/signup")
    page.get_by_label("Class join code").fill("jrny2345")
    page.get_by_label("Your name (as your teacher will see it)").fill("Journey Student")
    page.get_by_label("Username").fill("journey-student")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("You have joined Journey class")).to_be_visible()

    page.get_by_role("link", name="Lessons", exact=True).click()
    page.get_by_role("link", name="Who said so?").first.click()
    link = page.get_by_role("link", name="Read it in the article").first
    link.click()
    assert "/articles/" in page.url and "#p" in page.url
    anchor = page.url.split("#", 1)[1]
    expect(page.locator(f"#{anchor}")).to_be_visible()
    shot(page, "reader-from-lesson")

    number = first_highlight(live_app, "spot-unverified")
    page.goto(f"{live_server}/quizzes/spot-unverified")
    start_and_open_question(page, number)
    expect(page.locator(".hl-sentence").first).to_be_visible()  # the item's page, not the one being left
    for _ in range(60):  # Tab until a sentence of the passage has the focus: the keyboard alone from here
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hl-sentence')"):
            break
    page.keyboard.press("Space")
    expect(page.locator(".hl-sentence[aria-pressed=true]")).to_have_count(1)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "Save my answer":
            break
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Your answer")).to_be_visible()
    shot(page, "highlight-answered")

    page.get_by_role("link", name="Review and submit").first.click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    expect(page.get_by_text("not answered").first).to_be_visible()
    shot(page, "results")


def test_teacher_creates_a_class_assigns_a_module_opens_every_report_and_downloads_csv(
    page, live_server, live_builders
):
    teacher = live_builders.user("teacher", username="journey-teacher2")
    sign_in(page, live_server, teacher.username)
    page.get_by_role("link", name="Classes", exact=True).click()
    page.get_by_label("Class name").fill("Period 3, Media")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Period 3, Media")
    page.get_by_label("Lesson or quiz module").select_option(label="Spot the unverified claim")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("link", name="Items: Spot the unverified claim")).to_be_visible()
    shot(page, "teacher-class")
    class_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    student = live_builders.user("student", username="journey-pupil", name='Pupil, "Quoted"')
    db.session.add(Enrollment(classroom_id=class_id, student_id=student.id))
    db.session.commit()

    for link, heading in [
        ("Class overview", "Class overview"),
        ("Skill matrix", "Skill matrix"),
        ("Items: Spot the unverified claim", "Item analysis"),
    ]:
        page.get_by_role("link", name="Period 3, Media").first.click() if "/reports/" in page.url else None
        page.get_by_role("link", name=link).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        shot(page, f"teacher-{heading.lower().replace(' ', '-')}")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download").first.click()
        text = download.value.path().read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert any('Pupil, "Quoted"' in cell for row in rows for cell in row), f"{heading}: {rows[:2]}"
