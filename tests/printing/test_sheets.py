"""Printable worksheet, answer key and lesson: what each holds, and that the worksheet holds no key."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from crosscheck.printing.sheets import sheet_items
from tests.quizzes.test_no_answer_key import secrets_of


def text(html: str) -> str:
    """The page's text with tags dropped and white space collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def catalog(app):
    return app.extensions["crosscheck.catalog"]


@pytest.mark.parametrize("module_id", ["spot-unverified", "final-mixed", "conflicting-figures"])
def test_the_worksheet_has_every_item_in_order_and_no_key(client, signed_in, catalog, module_id):
    signed_in("teacher")
    module = catalog.quizzes[module_id]
    html = client.get(f"/print/quizzes/{module_id}").get_data(as_text=True)
    page = text(html)
    positions = [page.index(f"Question {n} (") for n in range(1, len(module.items) + 1)]
    assert positions == sorted(positions)
    for it in sheet_items(module):
        first_words = text(it.content["prompt"]).split("\n")[0][:30]
        assert first_words in page
        for line in it.printed.lines + it.printed.choices:
            assert " ".join(line.text.split()) in page
        for secret in secrets_of(it.content):
            assert " ".join(text(secret).split())[:60] not in page, secret
    assert "(correct)" not in page and "Answer:" not in page and "key-" not in html
    assert page.count("Question ") >= len(module.items) and "Name:" in page


def test_highlight_items_print_as_numbered_sentences(client, signed_in, catalog):
    signed_in("teacher")
    module = next(m for m in catalog.quizzes.values() if any(i.type == "highlight" for i in m.items))
    item = next(i for i in module.items if i.type == "highlight")
    page = text(client.get(f"/print/quizzes/{module.id}").get_data(as_text=True))
    for n, sentence in enumerate(item.content["sentences"], start=1):
        assert f"[{n}] {' '.join(sentence['text'].split())}" in page


def test_the_answer_key_gives_the_worksheets_letters_and_the_explanations(client, signed_in, catalog):
    signed_in("teacher")
    for module in catalog.quizzes.values():
        page = text(client.get(f"/print/quizzes/{module.id}/key").get_data(as_text=True))
        sheet = text(client.get(f"/print/quizzes/{module.id}").get_data(as_text=True))
        for it in sheet_items(module):
            assert f"Answer: {it.printed.key}" in page
            if it.content.get("explanation"):
                assert text(it.content["explanation"])[:40] in page
            for line in it.printed.lines:
                if it.printed.layout == "options":  # the same letter beside the same text on both sheets
                    assert f"{line.label} {' '.join(line.text.split())}" in sheet
                    assert f"{line.label} {' '.join(line.text.split())}" in page


def test_a_choice_key_names_the_correct_option(catalog):
    module = catalog.quizzes["spot-unverified"]
    for it in sheet_items(module):
        if it.printed.layout == "options" and it.content["type"] == "choice":
            (right,) = [o for o in it.content["options"] if o["correct"]]
            (line,) = [line for line in it.printed.lines if line.text == right["text"]]
            assert it.printed.key == line.label


def test_students_may_not_print_the_worksheet_or_key(client, signed_in):
    signed_in("student")
    assert client.get("/print/quizzes/spot-unverified").status_code == 403
    assert client.get("/print/quizzes/spot-unverified/key").status_code == 403


def test_a_lesson_prints_with_its_objectives_and_body(client, signed_in, catalog):
    signed_in("student")
    lesson = next(iter(catalog.lessons.values()))
    page = text(client.get(f"/print/lessons/{lesson.id}").get_data(as_text=True))
    assert lesson.title in page and lesson.objectives[0] in page
    assert text(str(lesson.html))[:80] in page
    assert client.get("/print/lessons/no-such-lesson").status_code == 404
    assert client.get("/print/quizzes/no-such-module").status_code in (403, 404)


def test_a_written_item_prints_room_to_write_and_its_rubric_the_key_adds_the_model_answer(client, signed_in, catalog):
    signed_in("teacher")
    module = catalog.quizzes["in-your-own-words"]
    sheet_html = client.get(f"/print/quizzes/{module.id}").get_data(as_text=True)
    sheet, key = text(sheet_html), text(client.get(f"/print/quizzes/{module.id}/key").get_data(as_text=True))
    for it in sheet_items(module):
        content = it.content
        assert f"Write your answer in at most {content['max_words']} words." in sheet
        assert it.printed.write_lines >= 3 and it.printed.write_lines * 10 >= min(content["max_words"], 240)
        for level in content["rubric"]:
            descriptor = text(level["descriptor"])[:50]
            assert f"{level['label']} {level['points']} point" in sheet and descriptor in sheet and descriptor in key
        model = " ".join(content["model_answer"].split())[:60]
        notes = " ".join(content["teacher_notes"].split())[:60]
        assert model not in sheet and notes not in sheet  # the worksheet goes to students
        assert f"Model answer (top level): {model}" in key and f"Marking notes: {notes}" in key
    assert sheet.count("How your answer will be marked") == len(module.items)
    rules = sum(it.printed.write_lines for it in sheet_items(module))
    assert sheet_html.count('<span class="rule"></span>') == rules
