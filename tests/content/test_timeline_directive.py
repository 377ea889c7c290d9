"""The timeline directive: events in the author's order, each dated in every text's own words, and its errors."""

import pytest

from tests.content.lesson_files import content_root, line_of, problems_of, write_lesson
from tests.content.test_excerpt_directive import lesson_html

ALL = ["nk-pow-kyivpost", "nk-pow-captives", "nk-pow-glimpse", "nk-pow-hngn", "nk-pow-diplomat"]


@pytest.fixture
def root(tmp_path):
    return content_root(tmp_path, annotations=True)  # the shipped annotations: the dates are real ones


def test_each_event_lists_every_texts_dating_linked_to_its_sentence_in_the_order_given(root):
    body = (
        "```timeline\ncaption: When, in *their* words\nevents:\n"
        "  - label: The capture is announced\n    quantity: capture_announced\n"
        "  - label: Blinken in Seoul\n    figures: [cp-blinken-at-least-one-thousand]\n"
        "  - label: The clip on X\n    figures: [gl-posted-sunday]\n"
        "  - quantity: battle_start_date\n```\n"
    )
    write_lesson(root, body, articles=ALL)
    html = lesson_html(root)
    assert '<table class="timeline"><caption>When, in <em>their</em> words</caption>' in html
    rows = html.split("<tr>")[2:]
    assert [r.split("</th>")[0].split(">")[-1] for r in rows] == [
        "The capture is announced",
        "Blinken in Seoul",
        "The clip on X",
        "When the fighting started for him",  # no label: the quantity's own
    ]
    assert 'href="/articles/nk-pow-captives#p7s3">On January 11</a>' in rows[0]
    assert 'href="/articles/nk-pow-glimpse#p5s2">on Saturday</a>' in rows[0]
    assert ">on January 6</a>" in rows[1]  # a figure's `when`, as the text states it
    assert ">on Sunday</a>" in rows[2]  # a figure that is itself a date shows its value
    assert rows[3].count(">Jan. 3</a>") == 1  # the Kyiv Post dates it twice alike: shown once


def test_timeline_errors_point_at_the_event(root):
    body = (
        "```timeline\nevents:\n  - quantity: capture_anounced\n"
        "  - label: Ships\n    figures: [kp-nis-150]\n"
        "  - label: Troops\n    figures: [hn-up-to-12000]\n"
        "  - figures: [gl-posted-sunday]\n```\n"
    )
    path = write_lesson(root, body, articles=ALL)
    problems = problems_of(root)
    assert problems == [
        f"lessons/lesson.md:{line_of(path, '- figures: [gl')}:5: timeline: event 4: an event dated "
        "by `figures` needs a `label`",
    ]
    path = write_lesson(root, body.replace("  - figures: [gl-posted-sunday]\n", ""), articles=ALL)
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'capture_anounced')}:5: timeline: unknown quantity key "
        "'capture_anounced'; did you mean 'capture_announced'?",
        f"lessons/lesson.md:{line_of(path, 'kp-nis-150')}:15: timeline: unknown figure id 'kp-nis-150'; "
        "did you mean 'kp-nis-1500'?",
        f"lessons/lesson.md:{line_of(path, 'hn-up-to-12000')}:15: timeline: figure 'hn-up-to-12000' is not a "
        "date and has no `when`",
    ]
