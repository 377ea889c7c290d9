"""The workspace journey in a real Chromium: a story of two short articles, a module with a mistake seen at its
line and fixed, preview, publish, assign; a student answers; the teacher's report shows it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot
from tests.conftest import sign_in_page as sign_in
from tests.workspace.stories import COURIER, FLOOD_EXCERPT_LINE, UNNAMED, flood_module

pytestmark = pytest.mark.browser
FORM_LABELS = {
    "name": "File name (e.g. 002-bbc)",
    "article_id": "Article id (used by lessons and quiz items)",
    "outlet": "Outlet, as the text names it",
    "outlet_note": "Where the text names the outlet, or why no outlet is named",
    "headline": "Headline, exactly as in the text",
    "date_as_stated": "Date, as the text states it",
    "date_note": "Where the date comes from, or that the text states none",
    "source": "Where it came from (web address or file name)",
    "text": "The text, pasted as captured (one paragraph a line)",
}


def shot(page, name: str) -> None:
    screenshot(page, f"workspace-{name}")


def add_article(page, base: str, story: str, fields: dict) -> None:
    """Fill in the new-article form as a teacher does."""
    page.goto(f"{base}/workspace/{story}/articles/new")
    for key, label in FORM_LABELS.items():
        page.get_by_label(label, exact=True).fill(fields[key])
    if fields.get("outlet_not_named"):
        page.get_by_label("The text does not name its outlet", exact=False).check()
    page.get_by_label("If the text has no headline: why").fill(fields["headline_note"])
    page.get_by_role("button", name="Add the article").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mark the page furniture")


def test_a_teacher_writes_checks_previews_publishes_and_assigns_and_a_student_answers(
    page, browser, live_server, live_builders
):
    teacher = live_builders.user("teacher", username="ws-teacher", name="Ms Workspace")
    student = live_builders.user("student", username="ws-student", name="Sam Student")
    live_builders.classroom(teacher, [student], name="Workspace class")
    sign_in(page, live_server, teacher.username)

    page.get_by_role("link", name="Workspace", exact=True).click()
    page.get_by_label("Kind").select_option("story")
    page.get_by_label("Id (lowercase words and hyphens; fixed once made)").fill("flood")
    page.get_by_label("Title").fill("River flood")
    page.get_by_role("button", name="Make it").click()
    page.goto(
        f"{live_server}/workspace/flood/edit?file=seeds/flood/story.yaml"
    )  # the summary is the teacher's to write
    summary = page.get_by_label("Text of seeds/flood/story.yaml")
    page.wait_for_load_state("load")
    summary.fill("id: flood\ntitle: River flood\nsummary: Two papers report the river flood in town.\n")
    page.get_by_role("button", name="Save as version 2").click()
    expect(page.get_by_text("No problems in this file")).to_be_visible()
    add_article(page, live_server, "flood", COURIER)
    page.get_by_label("Paragraph 2 is furniture").check()
    page.get_by_label("Kind of furniture, paragraph 2").select_option("subscribe prompt")
    page.get_by_role("button", name="Save the furniture marks").click()
    expect(page.get_by_text("Saved version")).to_be_visible()
    shot(page, "furniture")
    add_article(page, live_server, "flood", UNNAMED)
    page.goto(f"{live_server}/workspace/flood/articles/000-courier/figures")
    expect(page.get_by_role("cell", name="not yet").first).to_be_visible()
    shot(page, "figures")
    page.goto(f"{live_server}/workspace/flood")
    shot(page, "story")
    page.get_by_role("button", name="Publish version").click()
    expect(page.get_by_text("Published: you can assign it")).to_be_visible()
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_role("cell", name="outlet not named in the text")).to_be_visible()
    shot(page, "story-preview")

    page.goto(f"{live_server}/workspace/")
    page.get_by_label("Kind").select_option("quiz")
    page.get_by_label("Id (lowercase words and hyphens; fixed once made)").fill("flood-homes")
    page.get_by_label("Title").fill("Who counted the homes?")
    page.get_by_role("button", name="Make it").click()
    text = flood_module("flood-homes", quote="About 400 homes were evacuated")  # the text says 300
    editor = page.get_by_label("Text of quizzes/flood-homes.yaml")
    page.wait_for_load_state("load")  # editor.js (end of the body) checks as you type once it has run
    editor.fill(text)
    expect(page.locator(f"#L{FLOOD_EXCERPT_LINE}.is-error")).to_be_visible()  # checked as typed
    page.get_by_role("button", name="Save as version 2").click()
    expect(page.get_by_text("Saved version 2: 1 error(s)")).to_be_visible()
    expect(page.locator(f"#L{FLOOD_EXCERPT_LINE}")).to_have_class("ln is-error")
    expect(page.locator(".line-notes .note-line.is-error")).to_contain_text("quote not found")
    shot(page, "editor-error")
    page.get_by_role("link", name=f"line {FLOOD_EXCERPT_LINE}, column").first.click()
    editor.fill(flood_module("flood-homes"))
    page.get_by_role("button", name="Save as version 3").click()
    expect(page.get_by_text("No problems in this file")).to_be_visible()
    page.get_by_role("link", name="Preview the newest saved version").click()
    expect(page.get_by_role("heading", name="The answer, and the feedback a student gets for it")).to_be_visible()
    shot(page, "preview")
    page.goto(f"{live_server}/workspace/flood-homes")
    page.get_by_role("button", name="Publish version 3").click()
    expect(page.get_by_text("Published: you can assign it")).to_be_visible()
    page.get_by_role("link", name="Classes").click()
    page.get_by_role("link", name="Workspace class").click()
    page.get_by_label("Lesson or quiz module").select_option("quiz:flood-homes")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("Assigned Who counted the homes?")).to_be_visible()

    student_page = browser.new_page()
    sign_in(student_page, live_server, student.username)
    student_page.goto(f"{live_server}/quizzes/flood-homes")
    student_page.get_by_role("button", name="Start").click()
    student_page.get_by_label("The fire service.").check()
    student_page.get_by_role("button", name="Save my answer").click()
    expect(student_page.get_by_text("Correct", exact=True)).to_be_visible()
    student_page.get_by_role("link", name="Review and submit").first.click()
    student_page.get_by_role("button", name="Submit my answers").click()
    expect(student_page.get_by_role("heading", level=1)).to_contain_text("Results")
    student_page.close()

    page.get_by_role("link", name="Class overview").click()
    expect(page.get_by_role("row", name="Sam Student")).to_contain_text("100%")
    shot(page, "report")
    page.goto(f"{live_server}/workspace/")
    shot(page, "list")
