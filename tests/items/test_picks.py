"""How the reports read an answer: as picks of the item version it answered (the sample module's real content)."""

import pytest

from crosscheck.content.loading import load_catalog
from crosscheck.items import item_type
from tests.quizzes.conftest import make_content_root


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    catalog = load_catalog(make_content_root(tmp_path_factory.mktemp("answers-content")))
    return {item.id: item.content for item in catalog.quizzes["sample-module"].items}


def picks_of(content, answer):
    return item_type(content["type"]).picks(content, answer)


def possible_picks(content):
    return item_type(content["type"]).possible_picks(content)


def misconceptions_drawn(content, answer):
    return item_type(content["type"]).misconceptions_drawn(content, answer)


def answer_lines(content, answer):
    return item_type(content["type"]).answer_lines(content, answer)


def test_choice_and_multi(items):
    choice = items["hngn-verify"]
    assert [(p.key, p.correct, p.misconception) for p in picks_of(choice, {"choice": "b"})] == [
        ("b", False, "relay-taken-for-source")
    ]
    multi = items["kp-nis-statements"]
    assert misconceptions_drawn(multi, {"choices": ["a", "d"]}) == {"outlet-inference-as-report"}
    lines = answer_lines(multi, {"choices": ["a", "d"]})
    assert [(p.key, p.correct, picked) for p, picked in lines] == [
        ("a", True, True),
        ("b", True, False),
        ("c", False, False),
        ("d", False, True),
    ]


def test_highlight(items):
    highlight = items["kp-soldier-said"]
    correct = highlight["correct_sentences"]
    other = next(s["id"] for s in highlight["sentences"] if s["id"] not in correct)
    picks = picks_of(highlight, {"sentences": [correct[0], other]})
    assert [(p.key, p.correct) for p in picks] == [(correct[0], True), (other, False)]
    assert picks[0].label.startswith("The soldier confirmed to the interviewer")
    shown = [(p.key, picked) for p, picked in answer_lines(highlight, {"sentences": [other]})]
    in_reading_order = [s["id"] for s in highlight["sentences"] if s["id"] in correct or s["id"] == other]
    assert shown == [(sentence_id, sentence_id == other) for sentence_id in in_reading_order]


def test_match(items):
    match = items["who-gave-figure"]
    assert [p.key for p in possible_picks(match)] == ["l1=r1", "l2=r2", "l3=r3"]
    answer = {"pairs": {"l1": "r1", "l2": "r4", "l3": "r3"}}
    assert [(p.key, p.correct) for p in picks_of(match, answer)] == [("l1=r1", True), ("l2=r4", False), ("l3=r3", True)]
    assert misconceptions_drawn(match, answer) == {"official-figure-as-verified"}
    wrong_line = answer_lines(match, answer)[1][0]
    assert wrong_line.label.endswith("→ The White House (belongs with: Ukrainian President Volodymyr Zelensky)")


def test_an_option_missing_from_the_version_is_still_shown(items):
    assert [p.label for p in picks_of(items["hngn-verify"], {"choice": "z"})] == ["z (not in this version)"]
