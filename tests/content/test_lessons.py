"""Loading lesson files: front matter, duplicates, unknown ids, raw HTML, the self-check rule."""

from crosscheck.content.loading import load_catalog
from crosscheck.content.loading.lessons import check_lesson_quizzes
from crosscheck.content.sources import ContentFiles
from tests.content.lesson_files import content_root, line_of, problems_of, write_lesson


def test_a_valid_lesson_loads_with_its_fields_and_rendered_body(tmp_path):
    root = content_root(tmp_path)
    write_lesson(root, "## Why it matters\n\nRead *both* texts.\n", minutes=12, quiz="primary-source")
    catalog = load_catalog(root)
    assert catalog.errors == []
    lesson = catalog.lessons["test-lesson"]
    assert (lesson.title, lesson.minutes, lesson.quiz, lesson.path) == (
        "A test lesson",
        12,
        "primary-source",
        "lessons/lesson.md",
    )
    assert lesson.articles == ("nk-pow-glimpse", "nk-pow-kyivpost")
    assert "<h2>Why it matters</h2>" in lesson.html and "<em>both</em>" in lesson.html
    assert '<section class="self-check">' in lesson.html


def test_lessons_are_listed_by_their_order_field(tmp_path):
    root = content_root(tmp_path)
    write_lesson(root, name="a.md", id="second", order=2)
    write_lesson(root, name="b.md", id="first", order=1)
    assert list(load_catalog(root).lessons) == ["first", "second"]


def test_a_missing_field_is_reported_and_the_lesson_skipped(tmp_path):
    root = content_root(tmp_path)
    write_lesson(root, minutes=None)
    catalog = load_catalog(root)
    assert catalog.lessons == {}
    assert [str(p) for p in catalog.errors] == ["lessons/lesson.md:2:1: missing field 'minutes'"]


def test_a_misspelt_field_gets_a_suggestion(tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(root, objectves=["x"], objectives=None)
    line = line_of(path, "objectves:")
    assert f"lessons/lesson.md:{line}:1: unknown field 'objectves'; did you mean 'objectives'?" in problems_of(root)


def test_a_repeated_lesson_id_is_an_error_in_the_second_file(tmp_path):
    root = content_root(tmp_path)
    write_lesson(root, name="a.md")
    write_lesson(root, name="b.md", order=2)
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.errors] == [
        "lessons/b.md:2:1: lesson id 'test-lesson' is already used by lessons/a.md; give this lesson an id of its own"
    ]
    assert catalog.lessons["test-lesson"].path == "lessons/a.md"
    assert list(catalog.broken_files()) == ["lessons/b.md"]


def test_an_unknown_article_in_front_matter_is_reported_where_it_is_written(tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(root, articles=["nk-pow-glimpse", "nk-pow-hngm"])
    line = line_of(path, "- nk-pow-hngm")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line}:3: unknown article 'nk-pow-hngm'; did you mean 'nk-pow-hngn'?"
    ]


def test_an_unknown_skill_is_refused(tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(root, skills=["framing", "spelling"])
    line = line_of(path, "- spelling")
    assert any(p.startswith(f"lessons/lesson.md:{line}:3: skill 2: Input should be") for p in problems_of(root))


def test_an_unknown_quiz_module_is_an_error_once_quizzes_are_loaded(tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(root, quiz="primary-sources")
    catalog = load_catalog(root)
    assert "test-lesson" in catalog.lessons  # no quiz modules loaded: nothing to check against
    catalog.quizzes = {"primary-source": object(), "final-mixed": object()}
    check_lesson_quizzes(catalog, ContentFiles(), {})
    line = line_of(path, "quiz:")
    assert [str(p) for p in catalog.errors] == [
        f"lessons/lesson.md:{line}:1: unknown quiz module 'primary-sources'; did you mean 'primary-source'?"
    ]
    assert catalog.lessons == {}


def test_a_known_quiz_module_passes_the_check(tmp_path):
    root = content_root(tmp_path)
    write_lesson(root, quiz="final-mixed")
    catalog = load_catalog(root)
    catalog.quizzes = {"final-mixed": object()}
    check_lesson_quizzes(catalog, ContentFiles(), {})
    assert catalog.errors == [] and "test-lesson" in catalog.lessons


def test_raw_html_and_script_are_reported_at_their_column(tmp_path):
    root = content_root(tmp_path)
    body = (
        "Intro.\n\nClick <b onclick='x()'>here</b>.\n\n<script>alert(1)</script>\n\nSee [this](javascript:alert(1)).\n"
    )
    path = write_lesson(root, body)
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'Click')}:7: raw HTML (<b…) is not allowed in lessons; use Markdown or "
        "a directive, or put it in `backticks` to show it as code",
        f"lessons/lesson.md:{line_of(path, '<script>')}:1: script is not allowed in lessons; remove it",
        f"lessons/lesson.md:{line_of(path, 'See [this]')}:10: links to javascript: are not allowed in lessons",
    ]
    assert load_catalog(root).lessons == {}


def test_html_inside_code_is_text_not_an_error(tmp_path):
    root = content_root(tmp_path)
    write_lesson(root, "Write `<b>` for bold? No: use `**`.\n\n```html\n<script>alert(1)</script>\n```\n")
    catalog = load_catalog(root)
    assert catalog.errors == []
    html = catalog.lessons["test-lesson"].html
    assert "<code>&lt;b&gt;</code>" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html


def test_a_lesson_must_end_with_its_self_check(tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(root, "Only prose.\n", self_check=False)
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'Only prose.')}:1: a lesson ends with its self-check: add a ```self-check block"
    ]
    write_lesson(
        root, "```self-check\nquestions:\n  - question: Q?\n    answer: A.\n```\n\nMore prose.\n", self_check=False
    )
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'More prose.')}:1: a lesson ends with its self-check: move the ```self-check block to the end"
    ]


def test_a_level_one_heading_in_the_body_is_refused(tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(root, "# Another title\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, '# Another')}:1: use '## ' for sections: the lesson title is the page's only '# ' heading"
    ]


def test_broken_front_matter_yaml_is_positioned(tmp_path):
    root = content_root(tmp_path)
    (root / "lessons" / "bad.md").write_text("---\nid: x\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    [problem] = problems_of(root)
    assert problem.startswith("lessons/bad.md:3:8: the list opened with [ here is not closed")  # at the [


def test_a_lesson_that_quotes_an_article_it_does_not_list_gets_a_warning(tmp_path):
    root = content_root(tmp_path)
    path = write_lesson(
        root, "```excerpt\narticle: nk-pow-hngn\nquote: HNGN cannot independently verify the claims\n```\n"
    )
    catalog = load_catalog(root)
    assert catalog.errors == [] and "test-lesson" in catalog.lessons
    assert [str(p) for p in catalog.warnings if p.path.startswith("lessons/")] == [
        f"lessons/lesson.md:{line_of(path, 'articles:')}:1: warning: the lesson quotes 'nk-pow-hngn'; add it to articles"
    ]
