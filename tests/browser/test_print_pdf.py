"""Chromium prints the worksheet, the answer key and a lesson to PDF; the PDFs' text is read back with pypdf.

With `pytest --shots` the pages are also rendered to PNG (pdftoppm, where poppler-utils is installed) beside
the PDFs in shots/, to be looked at.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from tests.conftest import SHOTS, shots_wanted, sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.one_engine]  # Chromium's print of the same markup: no engine shapes it
pypdf = pytest.importorskip("pypdf", reason="pypdf is a test dependency: pip install -e '.[test]'")

MODULE = "final-mixed"  # one item of every shipped type


def pdf_text(path) -> str:
    """Every page's text, ligatures undone (NFKC: the PDF's "ﬁ" is "fi"), white space collapsed; and the page count."""
    reader = pypdf.PdfReader(str(path))
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    return " ".join(text.split()), len(reader.pages)


def print_to_pdf(page, url: str, name: str):
    """Open `url`, print it as Chromium prints (print CSS, A4), save the PDF (and with --shots PNGs of its pages)."""
    page.goto(url)
    page.emulate_media(media="print")
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.pdf"
    page.pdf(path=str(path), format="A4", print_background=False)
    if shots_wanted() and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(SHOTS / name)], check=True, timeout=60)
    return path


def test_worksheet_and_answer_key_print_to_pdf(page, live_server, live_builders, live_app):
    teacher = live_builders.user("teacher")
    sign_in_page(page, live_server, teacher.username)
    module = live_app.extensions["crosscheck.catalog"].quizzes[MODULE]
    sheet, pages = pdf_text(print_to_pdf(page, f"{live_server}/print/quizzes/{MODULE}", "print-worksheet"))
    assert module.title in sheet and "Name:" in sheet
    for n in range(1, len(module.items) + 1):
        assert f"Question {n}" in sheet
    assert "Sign out" not in sheet and "Skip to content" not in sheet  # the print CSS hid the site's chrome
    assert "Answer:" not in sheet and "(correct)" not in sheet
    for item in module.items:
        if item.content.get("explanation"):
            assert " ".join(item.content["explanation"].split())[:40] not in sheet
    assert pages >= 2
    key, _ = pdf_text(print_to_pdf(page, f"{live_server}/print/quizzes/{MODULE}/key", "print-answer-key"))
    assert f"Answer key: {module.title}" in key and key.count("Answer:") == len(module.items)


def test_a_lesson_prints_to_pdf(page, live_server, live_builders, live_app):
    student = live_builders.user("student")
    sign_in_page(page, live_server, student.username)
    lesson = next(iter(live_app.extensions["crosscheck.catalog"].lessons.values()))
    text, _ = pdf_text(print_to_pdf(page, f"{live_server}/print/lessons/{lesson.id}", "print-lesson"))
    assert lesson.title in text and "Sign out" not in text


def test_a_written_worksheet_prints_its_rubric_and_the_key_its_model_answers(
    page, live_server, live_builders, live_app
):
    teacher = live_builders.user("teacher")
    sign_in_page(page, live_server, teacher.username)
    module = live_app.extensions["crosscheck.catalog"].quizzes["in-your-own-words"]
    url = f"{live_server}/print/quizzes/{module.id}"
    sheet, _ = pdf_text(print_to_pdf(page, url, "print-written-worksheet"))
    key, _ = pdf_text(print_to_pdf(page, f"{url}/key", "print-written-key"))
    assert sheet.count("How your answer will be marked") == len(module.items) and "Model answer" not in sheet
    assert key.count("Model answer (top level):") == len(module.items)
    for item in module.items:
        assert item.content["rubric"][-1]["label"] in sheet
        assert " ".join(item.content["model_answer"].split()[:6]) in key
