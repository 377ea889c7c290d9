"""The shipped lessons: the contract's ids, order and quiz modules, a clean content check, and faithful quotes."""

import re

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.content.text import fold
from tests.content.lesson_files import content_root, line_of, write_lesson

CONTRACT = [
    ("one-event-five-frames", "final-mixed"),
    ("who-said-so", "primary-source"),
    ("numbers-that-disagree", "conflicting-figures"),
    ("what-nobody-verified", "spot-unverified"),
    ("quotes-that-changed", "final-mixed"),
    ("what-is-not-the-article", "final-mixed"),
    ("how-words-frame", "framing"),
    ("reading-laterally", "lateral-reading"),
]
# Phrases the lessons put in quotation marks that are not quotes of an article: the app's own wording, a
# lesson's title, an example of reported speech, and a value of a table column.
NOT_ARTICLE_QUOTES = {
    "outlet not named in the text",
    "What nobody verified",
    "One event, several interviews, five frames",
    "he said that",
    "Yes",
}
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(PROJECT_ROOT)


def test_eight_lessons_with_the_contracts_ids_order_and_quiz_modules(catalog):
    assert [(lesson.id, lesson.quiz) for lesson in catalog.lessons.values()] == CONTRACT
    assert [lesson.order for lesson in catalog.lessons.values()] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [p for p in catalog.problems if p.path.startswith("lessons/")] == []


def test_every_lesson_has_objectives_minutes_a_self_check_and_directives(catalog):
    for lesson in catalog.lessons.values():
        assert lesson.objectives and 5 <= lesson.minutes <= 45, lesson.id
        assert lesson.html.count('<section class="self-check">') == 1, lesson.id
        assert lesson.html.rstrip().endswith("</section>"), lesson.id
        assert '<figure class="excerpt">' in lesson.html or "<table" in lesson.html, lesson.id


def test_the_lessons_use_every_directive(catalog):
    html = "".join(lesson.html for lesson in catalog.lessons.values())
    markers = ('class="excerpt"', 'class="framing"', 'class="figures"', 'class="chain"', 'class="quote-compare"')
    for marker in (*markers, 'class="timeline"'):
        assert marker in html, marker


def test_figure_tables_cover_every_quantity_that_several_outlets_report(catalog):
    shared = {key for key in catalog.quantities if len({f.article_id for f in catalog.figures_for(key)}) > 1}
    lesson = (PROJECT_ROOT / "lessons" / "03-numbers-that-disagree.md").read_text(encoding="utf-8")
    assert shared == set(re.findall(r"^quantity: (\w+)$", lesson, re.MULTILINE))


def test_every_phrase_a_lesson_puts_in_quotation_marks_is_verbatim_in_one_of_its_articles(catalog):
    missing = []
    for lesson in catalog.lessons.values():
        text = (PROJECT_ROOT / lesson.path).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        texts = [fold(p.text) for a in lesson.articles for p in catalog.articles[a].paragraphs]
        for match in _QUOTED.finditer(text):
            phrase = " ".join((match.group(1) or match.group(2)).split()).rstrip("…").strip()
            if phrase in NOT_ARTICLE_QUOTES:
                continue
            needle = fold(phrase)
            found = any(needle in t or needle[:1].swapcase() + needle[1:] in t for t in texts)
            if not found:
                missing.append(f"{lesson.path}: {phrase!r}")
    assert missing == []


def test_content_check_passes_on_the_shipped_lessons(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "lessons/" not in result.output


def test_content_check_exits_1_on_a_broken_lesson(make_app, tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(root, "```excerpt\narticle: nk-pow-glimpse\nquote: edited by Russia\n```\n")
    result = make_app(CONTENT_DIR=str(root)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    line = line_of(path, "quote: edited by Russia")
    assert f"lessons/lesson.md:{line}:1: excerpt: quote not found" in result.output


def test_quiz_module_page_links_back_to_the_lesson_it_practises(client, signed_in):
    signed_in()
    html = client.get("/quizzes/primary-source").get_data(as_text=True)
    assert 'href="/lessons/who-said-so"' in html
    lesson = client.get("/lessons/who-said-so").get_data(as_text=True)
    assert 'href="/quizzes/primary-source"' in lesson
