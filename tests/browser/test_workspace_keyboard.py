"""The workspace by keyboard alone, and nothing typed lost when the session ends mid-edit (real Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, screenshot
from tests.conftest import sign_in_page as sign_in
from tests.workspace.helpers import BAD_QUOTE, EXCERPT_LINE, module_text

# Focus, keys and the page's own script: its saves run on both engines in tests/workspace/test_nothing_lost.py.
pytestmark = [pytest.mark.browser, pytest.mark.one_engine]
SLUG = "keyboard-relay"
PATH = f"quizzes/{SLUG}.yaml"


def type_over(page, text: str) -> None:
    """Select everything in the focused editor and type `text` in its place."""
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)


def test_a_teacher_makes_saves_and_fixes_a_module_by_keyboard_and_loses_nothing_when_signed_out(
    page, live_server, live_builders
):
    teacher = live_builders.user("teacher", username="kb-teacher", name="Mr Keys")
    sign_in(page, live_server, teacher.username)
    page.goto(f"{live_server}/workspace/")
    page.get_by_label("Kind").focus()
    page.keyboard.press("Tab")  # from Kind to the id
    page.keyboard.type(SLUG)
    page.keyboard.press("Tab")
    page.keyboard.type("Relayed by keyboard")
    page.keyboard.press("Enter")  # submits the form, as its button would
    editor = page.get_by_label(f"Text of {PATH}")
    expect(editor).to_be_visible()

    editor.focus()
    type_over(page, module_text(SLUG, quote=BAD_QUOTE))
    page.keyboard.press("Control+S")
    expect(page.get_by_text("Saved version 2: 1 error(s)")).to_be_visible()
    page.wait_for_load_state("load")  # the text shows before editor.js (end of the body) has run
    problem = page.get_by_role("link", name=f"line {EXCERPT_LINE}, column").first
    problem.focus()
    page.keyboard.press("Enter")  # the cursor goes to the problem's line and column
    expect(editor).to_be_focused()
    line_start = page.evaluate(
        "n => document.getElementById('text').value.split('\\n').slice(0, n - 1).join('\\n').length + 1",
        EXCERPT_LINE,
    )
    assert editor.evaluate("t => t.selectionStart") >= line_start
    assert editor.evaluate("t => t.value.slice(0, t.selectionStart).split('\\n').length") == EXCERPT_LINE

    type_over(page, module_text(SLUG))
    page.keyboard.press("Control+S")
    # The saved page, not the live check (editor.js) saying the same of the text still in the old page.
    expect(page.get_by_text("Saved version 3: 0 error(s)")).to_be_visible()
    expect(page.get_by_text("No problems in this file")).to_be_visible()
    page.wait_for_load_state("load")  # Control+S below is editor.js's, which runs at the end of the body

    # The session ends while the teacher types: Save cannot be taken, and the text is not lost.
    editor.focus()
    unsaved = module_text(SLUG, title="Typed as the session ended")
    type_over(page, unsaved)
    page.context.clear_cookies()
    page.keyboard.press("Control+S")
    expect(page.get_by_role("heading", name="Your text was not saved")).to_be_visible()
    expect(page.get_by_label("The text you sent")).to_have_value(unsaved)
    screenshot(page, "workspace-unsaved")
    page.get_by_role("link", name="Sign in again").click()
    page.get_by_label("Username").fill(teacher.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(editor).to_be_visible()  # back in the editor, which shows the last saved version
    page.wait_for_load_state("load")  # editor.js offers the unsaved text back once it has run
    assert "Typed as the session ended" not in editor.input_value()
    put_back = page.get_by_role("button", name="Put my unsaved text back")
    screenshot(page, "workspace-put-back")
    put_back.focus()
    page.keyboard.press("Enter")
    expect(editor).to_have_value(unsaved)
    expect(editor).to_be_focused()
    page.keyboard.press("Control+S")
    expect(page.get_by_text("Saved version 4: 0 error(s)")).to_be_visible()
    expect(page.get_by_role("button", name="Put my unsaved text back")).to_have_count(0)
