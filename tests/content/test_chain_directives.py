"""The sources (source chain) and quotes (one quote, two outlets) directives, and their errors."""

import pytest

from crosscheck.content.directives.quotes import word_differences
from tests.content.lesson_files import line_of, problems_of, write_lesson
from tests.content.small_annotations import ALL
from tests.content.test_excerpt_directive import lesson_html


@pytest.fixture
def root(annotated_root):
    return annotated_root


def test_sources_show_who_said_it_who_relayed_it_and_the_outlet(root):
    write_lesson(root, "```sources\narticles: [nk-pow-glimpse, nk-pow-hngn]\n```\n", articles=ALL)
    html = lesson_html(root)
    assert (
        '<ol class="chain"><li>the two North Korean prisoners, questioned by a Ukrainian official</li>'
        '<li><span class="visually-hidden">passed on to </span>Ukraine, which provided and edited the footage</li>'
        '<li><span class="visually-hidden">passed on to </span><span class="outlet">outlet not named in the text</span> '
        '<small class="headline-hint">“Troops Detained in Ukraine Give Rare Glimpse Into North Korea’s Military”</small>'
        "</li></ol>"
    ) in html
    assert '<span class="tag">interrogation footage</span> <span class="tag">outlet\'s access: relayed</span>' in html
    assert 'href="/articles/nk-pow-glimpse#p6s1">“footage provided and edited by Ukraine, which controlled' in html
    assert "<li>the South Korean newspaper Chosun Daily, in exclusive interviews</li>" in html.replace(
        '<span class="visually-hidden">passed on to </span>', ""
    )
    assert html.index("Troops Detained") < html.index("Chosun Daily")  # in the order the articles are named


def test_sources_can_be_limited_to_one_kind(root):
    write_lesson(root, "```sources\narticles: [nk-pow-glimpse, nk-pow-hngn]\nkind: other_outlet\n```\n", articles=ALL)
    html = lesson_html(root)
    assert "Chosun Daily" in html and "provided and edited" not in html


def test_sources_errors(root):
    path = write_lesson(root, "```sources\narticles: [nk-pow-hngn]\nkind: other_outlets\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'kind: other')}:1: sources: unknown source kind 'other_outlets'; did you mean 'other_outlet'?"
    ]
    path = write_lesson(root, "```sources\narticles: [nk-pow-diplomat]\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'articles: [nk-pow-diplomat]')}:1: sources: these articles have no annotated source"
    ]
    path = write_lesson(root, "```sources\narticles: []\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'articles: []')}:1: sources: articles: List should have at least 1 item "
        "after validation, not 0"
    ]


def test_quotes_marks_the_words_only_one_outlet_printed(root):
    write_lesson(root, "```quotes\nkey: fewer-mountains\n```\n", articles=ALL)
    html = lesson_html(root)
    assert "Words of the North Korean soldier, in the video, as two outlets printed them." in html
    assert "Marked: words the other version does not have." in html
    assert (
        '<p>“I only know <mark class="differs">that</mark> South Korea has fewer mountains than North Korea.”</p>'
        in html
    )
    assert '<p>"I only know South Korea has fewer mountains than North Korea,"</p>' in html
    assert 'href="/articles/nk-pow-kyivpost#p28s1"' in html and 'href="/articles/nk-pow-captives#p7s' in html
    assert html.count('<span class="tag">printed as a direct quote</span>') == 2


@pytest.mark.parametrize(
    ("options", "at", "col", "message"),
    [
        ("key: fewer-mountain", "key:", 1, "unknown quote key 'fewer-mountain'; did you mean 'fewer-mountains'?"),
        (
            "key: heavy-equipment",
            "key:",
            1,
            "only nk-pow-kyivpost prints quote 'heavy-equipment'; a comparison needs two outlets",
        ),
        (
            "key: fewer-mountains\narticles: [nk-pow-kyivpost, nk-pow-hngn]",
            "articles:",
            29,
            "'nk-pow-hngn' does not print quote 'fewer-mountains'; it is in nk-pow-kyivpost, nk-pow-captives",
        ),
        (
            "key: fewer-mountains\narticles: [nk-pow-kyivpost, nk-pow-hngn, x]",
            "articles:",
            1,
            "articles: List should have at most 2 items after validation, not 3",
        ),
    ],
)
def test_quote_errors(root, options, at, col, message):
    path = write_lesson(root, f"```quotes\n{options}\n```\n")
    line = line_of(path, "```quotes") + next(i for i, o in enumerate(options.split("\n"), 1) if o.startswith(at))
    assert problems_of(root) == [f"lessons/lesson.md:{line}:{col}: quotes: {message}"]


def test_word_differences_ignore_case_quote_marks_and_punctuation():
    first, second = "“Not much.”", '"not much"'
    assert word_differences(first, second) == ([], [])
    first, second = "there were a lot of casualties", "there were many casualties in combat"
    a, b = word_differences(first, second)
    assert [first[s:e] for s, e in a] == ["a lot of"]
    assert [second[s:e] for s, e in b] == ["many", "in combat"]
