"""The excerpt and self-check directives, and errors common to every directive, at their line and column."""

import pytest

from crosscheck.content.loading import load_catalog
from tests.content.lesson_files import content_root, line_of, problems_of, write_lesson

GLIMPSE_EDIT = "footage provided and edited by Ukraine, which controlled the production and release of the video"


def lesson_html(root) -> str:
    """The rendered body of the one test lesson (fails with the problems if it did not load)."""
    catalog = load_catalog(root)
    assert catalog.errors == [], [str(p) for p in catalog.errors]
    return catalog.lessons["test-lesson"].html


@pytest.fixture
def root(tmp_path):
    return content_root(tmp_path)


def test_excerpt_is_the_articles_own_text_with_outlet_and_link_to_the_sentence(root):
    write_lesson(root, f'```excerpt\narticle: nk-pow-glimpse\nquote: "{GLIMPSE_EDIT}"\n```\n')
    html = lesson_html(root)
    assert f'<blockquote class="verbatim"><p>{GLIMPSE_EDIT}</p></blockquote>' in html
    assert '<span class="outlet">outlet not named in the text</span>' in html
    assert "“Troops Detained in Ukraine Give Rare Glimpse Into North Korea’s Military”" in html
    assert 'href="/articles/nk-pow-glimpse#p6s1"' in html


def test_excerpt_keeps_the_articles_quote_marks_whatever_the_teacher_typed(root):
    write_lesson(
        root, '```excerpt\narticle: nk-pow-kyivpost\nquote: "I only know that South Korea has fewer mountains"\n```\n'
    )
    html = lesson_html(root)
    assert "<p>I only know that South Korea has fewer mountains</p>" in html
    assert '<span class="outlet">Kyiv Post</span>' in html and "headline-hint" not in html
    assert 'href="/articles/nk-pow-kyivpost#p28s1"' in html


def test_excerpt_can_show_the_whole_sentence_and_mark_signal_words(root):
    body = (
        "```excerpt\narticle: nk-pow-diplomat\nquote: the secrecy surrounding this specific deployment\n"
        "show: sentence\nmark: [could suggest, kept in the dark]\n```\n"
    )
    write_lesson(root, body, articles=["nk-pow-diplomat"])
    html = lesson_html(root)
    assert (
        '<p>However, the secrecy surrounding this specific deployment <mark class="signal">could suggest</mark> '
        'that the North Korean people are <mark class="signal">kept in the dark</mark> about the mobilization '
        "of troops to Russia.</p>"
    ) in html
    assert '<span class="outlet">The Diplomat</span>' in html


def test_excerpt_of_furniture_opens_the_reader_with_furniture_shown_and_a_headline_links_to_the_top(root):
    body = (
        "```excerpt\narticle: nk-pow-hngn\nquote: a string of mysterious assassinations\n```\n\n"
        "```excerpt\narticle: nk-pow-hngn\nquote: Told They're Fighting South Koreans\n```\n"
    )
    write_lesson(root, body, articles=["nk-pow-hngn"])
    html = lesson_html(root)
    assert 'href="/articles/nk-pow-hngn?furniture=show#p2"' in html
    assert 'href="/articles/nk-pow-hngn">Read it' in html


def test_excerpt_unknown_article_is_reported_at_its_line(root):
    path = write_lesson(root, "Intro.\n\n```excerpt\narticle: nk-pow-glimse\nquote: edited by Ukraine\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'article: nk-pow-glimse')}:1: excerpt: unknown article 'nk-pow-glimse'; "
        "did you mean 'nk-pow-glimpse'?"
    ]


def test_excerpt_quote_not_in_the_article_says_where_it_differs(root):
    path = write_lesson(root, "```excerpt\narticle: nk-pow-glimpse\nquote: footage provided and edited by Kyiv\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'quote: footage')}:1: excerpt: quote not found in nk-pow-glimpse: the "
        "article has '…provided and edited by Ukraine, whi…', you wrote '…provided and edited by Kyiv'"
    ]


def test_excerpt_quote_in_another_article_names_it(root):
    path = write_lesson(root, "```excerpt\narticle: nk-pow-glimpse\nquote: However, HNGN cannot independently\n```\n")
    [problem] = [p for p in load_catalog(root).problems if p.path == "lessons/lesson.md"]
    assert (problem.line, problem.message, problem.fix) == (
        line_of(path, "quote: However"),
        "excerpt: quote not found in nk-pow-glimpse; nk-pow-hngn (HNGN) has it",
        "quote it from nk-pow-hngn (article: nk-pow-hngn)",
    )


def test_excerpt_quote_found_twice_is_ambiguous(root):
    path = write_lesson(root, "```excerpt\narticle: nk-pow-kyivpost\nquote: North Korean soldier\n```\n")
    line = line_of(path, "quote: North Korean soldier")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line}:1: excerpt: quote occurs 3 times; quote more words so that it matches only once "
        "(in nk-pow-kyivpost)"
    ]


def test_excerpt_bad_options_are_reported_with_suggestions(root):
    body = "```excerpt\narticle: nk-pow-glimpse\nqoute: edited by Ukraine\nshow: paragraph\n```\n"
    path = write_lesson(root, body)
    fence = line_of(path, "```excerpt")
    assert problems_of(root) == [
        f"lessons/lesson.md:{fence + 1}:1: excerpt: missing field 'quote'",
        f"lessons/lesson.md:{fence + 2}:1: excerpt: unknown field 'qoute'; did you mean 'quote'?",
        f"lessons/lesson.md:{fence + 3}:1: excerpt: show: Input should be 'quote' or 'sentence'",
    ]


def test_excerpt_mark_must_be_inside_what_is_shown(root):
    body = "```excerpt\narticle: nk-pow-glimpse\nquote: edited by Ukraine\nmark:\n  - edited\n  - produced\n```\n"
    path = write_lesson(root, body)
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, '- produced')}:5: excerpt: 'produced' is not in the quote shown; "
        "mark words that it contains"
    ]


def test_an_empty_or_unclosed_directive_is_reported_at_its_fence(root):
    path = write_lesson(root, "```excerpt\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, '```excerpt')}:1: excerpt: missing field 'article'",
        f"lessons/lesson.md:{line_of(path, '```excerpt')}:1: excerpt: missing field 'quote'",
    ]
    path = write_lesson(root, "```excerpt\narticle: nk-pow-glimpse\n", self_check=False)
    assert f"lessons/lesson.md:{line_of(path, '```excerpt')}:1: excerpt: not closed; add a ``` line after it" in (
        problems_of(root)
    )


def test_directive_yaml_errors_and_lists_are_positioned(root):
    path = write_lesson(root, "```excerpt\narticle: [nk-pow-glimpse\n```\n")
    [problem] = problems_of(root)
    line = line_of(path, "article: [")
    assert problem.startswith(f"lessons/lesson.md:{line}:10: the list opened with [ here is not closed")
    path = write_lesson(root, "```excerpt\n- nk-pow-glimpse\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, '```excerpt') + 1}:1: excerpt: write the options as 'key: value' lines"
    ]


def test_a_misspelt_directive_name_is_caught_and_other_code_blocks_are_left_alone(root):
    path = write_lesson(root, "```exerpt\narticle: nk-pow-glimpse\n```\n\n```python\nprint('hi')\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, '```exerpt')}:4: unknown directive 'exerpt'; did you mean 'excerpt'?"
    ]


def test_a_directive_inside_a_list_is_reported(root):
    path = write_lesson(root, "- item\n\n    ```excerpt\n    article: nk-pow-glimpse\n    ```\n")
    assert (
        f"lessons/lesson.md:{line_of(path, '    ```excerpt')}:5: a directive must start at the beginning of a line, outside lists"
        in problems_of(root)
    )


def test_self_check_answers_sit_behind_details(root):
    body = (
        "```self-check\nquestions:\n  - question: Who **edited** the video?\n"
        "    answer: |\n      Ukraine.\n\n      It also *controlled* the release.\n```\n"
    )
    write_lesson(root, body, self_check=False)
    html = lesson_html(root)
    assert '<p class="question">Who <strong>edited</strong> the video?</p>' in html
    assert (
        "<details><summary>Show the answer</summary><p>Ukraine.</p>\n<p>It also <em>controlled</em> the release.</p>"
        "</details>"
    ) in html


def test_self_check_errors(root):
    path = write_lesson(root, "```self-check\nquestions: []\n```\n", self_check=False)
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'questions: []')}:1: self-check: questions: List should have at least 1 "
        "item after validation, not 0"
    ]
    body = "```self-check\nquestions:\n  - question: Who?\n    answer: <script>alert(1)</script>\n```\n"
    path = write_lesson(root, body, self_check=False)
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'answer: <script>')}:5: self-check: script is not allowed in lessons; remove it"
    ]
