"""A teacher writes a quiz module in the browser: starter, errors beside their lines, fix, publish, assign."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.workspace.models import Document, DocumentVersion
from crosscheck.workspace.starters import PLACEHOLDERS
from tests.conftest import login, post_form
from tests.quizzes.helpers import answer, attempts, start, submit
from tests.workspace.helpers import BAD_QUOTE, EXCERPT_LINE, act, make, module_text, save


def test_the_workspace_lists_nothing_yet_and_offers_to_make_something(client, signed_in):
    signed_in("teacher")
    page = client.get("/workspace/").get_data(as_text=True)
    assert "Nothing yet." in page and "Make something new" in page and 'href="/workspace/"' in page


def editor_text(page: str) -> str:
    """The editor's text as a browser reads it (WTForms writes a line break after <textarea>, which it drops)."""
    return html.unescape(re.search(r"<textarea[^>]*>\r?\n?(.*?)</textarea>", page, re.S).group(1))


def test_a_new_module_starts_from_a_starter_whose_stand_ins_keep_it_from_being_published(client, signed_in):
    signed_in("teacher")
    reply = make(client, "quiz", "flood-check", "Flood check")
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/workspace/flood-check/edit")
    page = client.get("/workspace/flood-check/edit").get_data(as_text=True)
    assert "id: flood-check" in page
    # The starter loads and checks clean but for its seven stand-in sentences, each an error at its line.
    assert (
        page.count('class="ln is-error"') == 7
        and "still the starter&#39;s stand-in text" in page
        and "quote not found" not in page
    )
    refused = client.get(act(client, "flood-check", "publish").headers["Location"]).get_data(as_text=True)
    assert "has 7 error(s); a draft with errors can be saved, never published" in refused
    written = client.get("/workspace/flood-check/edit").get_data(as_text=True)
    starter = editor_text(written)
    for stand_in, own in zip(
        PLACEHOLDERS,
        (
            "Practise finding who said it.",
            "Who gave this figure?",
            "The spokesman.",
            "He is named.",
            "The newspaper that printed it.",
            "It relays him.",
            "Ask who said it.",
        ),
        strict=False,
    ):
        starter = starter.replace(stand_in, own)
    save(client, "flood-check", starter)
    assert "No problems in this file" in client.get("/workspace/flood-check/edit").get_data(as_text=True)


def test_an_error_is_shown_beside_its_line_and_a_draft_with_errors_is_saved_not_published(client, signed_in):
    signed_in("teacher")
    make(client, "quiz", "flood-check")
    reply = save(client, "flood-check", module_text("flood-check", BAD_QUOTE))
    assert reply.status_code == 302
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Saved version 2: 1 error(s)" in page
    assert f'href="#L{EXCERPT_LINE}" data-line="{EXCERPT_LINE}"' in page
    assert f'<span id="L{EXCERPT_LINE}" class="ln is-error">{EXCERPT_LINE}</span>' in page
    assert "quote not found" in page
    refused = client.get(act(client, "flood-check", "publish").headers["Location"]).get_data(as_text=True)
    assert "has 1 error(s); a draft with errors can be saved, never published" in refused
    assert db.session.scalar(select(Document.published_number).where(Document.slug == "flood-check")) is None


def test_check_without_saving_keeps_the_text_and_saves_nothing(client, signed_in):
    signed_in("teacher")
    make(client, "quiz", "flood-check")
    reply = save(client, "flood-check", module_text("flood-check", BAD_QUOTE), action="check")
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200 and "Checked, not saved." in page and BAD_QUOTE in page
    assert db.session.scalar(select(db.func.count()).select_from(DocumentVersion)) == 1


def test_published_module_is_assigned_answered_and_reported(app, client, signed_in, build):
    teacher = signed_in("teacher")
    student = build.user("student")
    classroom = build.classroom(teacher, [student])
    make(client, "quiz", "flood-check")
    save(client, "flood-check", module_text("flood-check"))
    assert "Published" in client.get(act(client, "flood-check", "publish").headers["Location"]).get_data(as_text=True)
    assert "Who reported it first?" in client.get("/quizzes/").get_data(as_text=True)
    reply = post_form(client, f"/classes/{classroom.id}/assignments", {"work": "quiz:flood-check"})
    assert reply.status_code == 302

    student_client = app.test_client()
    login(student_client, student.username)
    assert "Who reported it first?" in student_client.get("/quizzes/").get_data(as_text=True)
    start(student_client, "flood-check")
    (attempt,) = attempts(student.id, "flood-check")
    answer(student_client, attempt, 1)
    submit(student_client, attempt)

    report = client.get(f"/reports/classes/{classroom.id}/overview").get_data(as_text=True)
    assert "Who reported it first?" in report and "100%" in report


def test_students_do_not_see_a_teachers_module_until_it_is_assigned_to_their_class(app, client, signed_in, build):
    teacher = signed_in("teacher")
    student = build.user("student")
    build.classroom(teacher, [student])
    make(client, "quiz", "flood-check")
    save(client, "flood-check", module_text("flood-check"))
    act(client, "flood-check", "publish")
    student_client = app.test_client()
    login(student_client, student.username)
    assert "Who reported it first?" not in student_client.get("/quizzes/").get_data(as_text=True)
    assert student_client.get("/quizzes/flood-check").status_code == 404
    assert student_client.get("/workspace/").status_code == 403


def test_a_lesson_is_written_previewed_as_students_read_it_and_published(client, signed_in):
    signed_in("teacher")
    make(client, "lesson", "who-relayed", "Who relayed it?")
    editor = client.get("/workspace/who-relayed/edit").get_data(as_text=True)
    assert editor.count('class="ln is-error"') == 4 and "```self-check" in editor
    text = editor_text(editor)
    for stand_in in PLACEHOLDERS:
        text = text.replace(stand_in, "Name who relayed the claim.")
    save(client, "who-relayed", text, path="lessons/who-relayed.md")
    assert "No problems in this file" in client.get("/workspace/who-relayed/edit").get_data(as_text=True)
    preview = client.get("/workspace/who-relayed/preview").get_data(as_text=True)
    assert "By the end of this lesson you can" in preview and "Students mark the lesson complete here" in preview
    assert "Published" in client.get(act(client, "who-relayed", "publish").headers["Location"]).get_data(as_text=True)
    assert "Who relayed it?" in client.get("/lessons/").get_data(as_text=True)


def test_a_file_that_changes_its_own_id_is_told_the_id_is_fixed(client, signed_in):
    signed_in("teacher")
    make(client, "quiz", "flood-check")
    save(client, "flood-check", module_text("another-id"))
    page = client.get("/workspace/flood-check/edit").get_data(as_text=True)
    assert "the id is &#39;flood-check&#39;, fixed when it was made: write `id: flood-check`" in page


def test_the_preview_says_when_students_get_feedback_and_which_attempt_counts(client, signed_in):
    signed_in("teacher")
    make(client, "quiz", "relay-rules")
    policies = "settings:\n  attempts: 2\n  feedback: never\n  score: latest\nitems:\n"
    save(client, "relay-rules", module_text("relay-rules").replace("items:\n", policies, 1))
    preview = client.get("/workspace/relay-rules/preview").get_data(as_text=True)
    assert "<dd>only to your teacher</dd>" in preview and "<dd>your latest attempt counts</dd>" in preview
    assert "on the results page" not in preview
    save(client, "relay-rules", module_text("relay-rules").replace("items:\n", "settings:\n  feedback: end\nitems:\n"))
    preview = client.get("/workspace/relay-rules/preview").get_data(as_text=True)
    assert "<dd>on the results page, once you have used your last attempt</dd>" in preview
