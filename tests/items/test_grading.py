"""Grading of every item type, partial-credit edges included, on the sample module's real items."""

from __future__ import annotations

import pytest

from crosscheck.items import ITEM_TYPES, item_type
from crosscheck.items.base import display_order, tokens


@pytest.fixture
def items(sample_catalog) -> dict[str, dict]:
    """The sample modules' first item content of each type (copies, so a test may change one)."""
    import copy

    found = {}
    for module_id in ("sample-module", "sample-written"):
        for item in sample_catalog.quizzes[module_id].items:
            found.setdefault(item.type, copy.deepcopy(item.content))
    return found


def grade(content: dict, answer: dict):
    return item_type(content["type"]).grade(content, answer)


def test_every_registered_type_grades_its_answer_key_full_marks(items):
    assert set(items) == set(ITEM_TYPES)
    for content in items.values():
        kind = item_type(content["type"])
        score = kind.grade(content, kind.answer_key(content))
        assert (score.points, score.max_points) == (content["points"], content["points"])
        assert all(score.parts.values()) and score.verdict == "correct"
        wrong = kind.grade(content, kind.wrong_answer(content))
        assert wrong.points < wrong.max_points


def test_choice(items):
    choice = items["choice"]
    assert [o["id"] for o in choice["options"]] == ["a", "b", "c"]
    assert grade(choice, {"choice": "a"}).points == 1
    wrong = grade(choice, {"choice": "b"})
    assert (wrong.points, wrong.parts, wrong.verdict) == (0, {"b": False}, "not correct")
    assert grade(choice, {}).points == 0
    assert grade(choice, {"choice": "zz"}).points == 0


@pytest.mark.parametrize(
    ("chosen", "points"),
    [
        (["a", "b"], 2.0),  # both correct options
        (["a"], 1.0),  # one of two right
        (["a", "c"], 0.0),  # one right, one wrong
        (["a", "b", "c"], 1.0),  # two right, one wrong: (2 - 1) / 2 of 2 points
        (["c", "d"], 0.0),  # floored at 0, never negative
        (["a", "b", "c", "d"], 0.0),
        ([], 0.0),
        (["a", "b", "nonsense"], 2.0),  # unknown ids are ignored
    ],
)
def test_multi_right_minus_wrong_is_floored_at_zero(items, chosen, points):
    multi = items["multi"]
    assert multi["scoring"] == "right_minus_wrong" and multi["points"] == 2
    assert grade(multi, {"choices": chosen}).points == pytest.approx(points)


def test_multi_all_or_nothing(items):
    multi = {**items["multi"], "scoring": "all_or_nothing"}
    assert grade(multi, {"choices": ["b", "a"]}).points == 2
    assert grade(multi, {"choices": ["a"]}).points == 0
    assert grade(multi, {"choices": ["a", "b", "c"]}).points == 0
    parts = grade(multi, {"choices": ["a", "c"]}).parts
    assert parts == {"a": True, "b": False, "c": False, "d": True}


@pytest.mark.parametrize(
    ("chosen", "share"),
    [
        (["p12s1", "p12s2", "p12s3"], 1),
        (["p12s1", "p12s2"], 2 / 3),
        (["p12s1", "p12s2", "p12s3", "p13s2"], 2 / 3),  # 3 right - 1 wrong, of 3
        (["p12s1", "p12s4", "p13s1"], 0),  # 1 right - 2 wrong: floored at 0
        (["p12s4", "p13s1", "p13s2"], 0),
        (["p12s1", "p12s2", "p12s3", "p1s1"], 1),  # a sentence outside the passage is ignored
        ([], 0),
    ],
)
def test_highlight_right_minus_wrong_scaled_to_points(items, chosen, share):
    highlight = items["highlight"]
    assert highlight["correct_sentences"] == ["p12s1", "p12s2", "p12s3"]
    assert grade(highlight, {"sentences": chosen}).points == pytest.approx(share * highlight["points"])
    doubled = {**highlight, "points": 3}
    assert grade(doubled, {"sentences": chosen}).points == pytest.approx(share * 3)


def test_highlight_parts_name_the_sentences_that_matter(items):
    parts = grade(items["highlight"], {"sentences": ["p12s1", "p13s2"]}).parts
    assert parts == {"p12s1": True, "p12s2": False, "p12s3": False, "p13s2": False}


def test_match_partial_credit_per_pair(items):
    match = items["match"]
    assert [r["id"] for r in match["rights"]] == ["r1", "r2", "r3", "r4"]  # distractor last
    assert grade(match, {"pairs": {"l1": "r1", "l2": "r2", "l3": "r3"}}).points == 1
    two = grade(match, {"pairs": {"l1": "r1", "l2": "r2", "l3": "r4"}})
    assert two.points == pytest.approx(2 / 3) and two.parts == {"l1": True, "l2": True, "l3": False}
    assert grade(match, {"pairs": {"l1": "r2", "l2": "r1", "l3": "r3"}}).points == pytest.approx(1 / 3)
    assert grade(match, {"pairs": {}}).points == 0
    assert grade({**match, "points": 3}, {"pairs": {"l1": "r1"}}).points == pytest.approx(1)


def test_match_two_lefts_may_share_one_right(items):
    match = items["match"]
    match["pairs"][2]["right"], match["pairs"][2]["right_id"] = match["pairs"][1]["right"], "r2"
    assert grade(match, {"pairs": {"l1": "r1", "l2": "r2", "l3": "r2"}}).points == 1


def test_display_order_is_stable_per_seed_and_differs_between_seeds():
    ids = [f"x{n}" for n in range(8)]
    assert display_order(ids, 42, "item") == display_order(ids, 42, "item")
    orders = {tuple(display_order(ids, seed, "item")) for seed in range(20)}
    assert len(orders) > 10
    assert display_order(ids, 42, "item", shuffle=False) == ids
    assert tokens(["c", "a"]) == {"o1": "c", "o2": "a"}


def test_views_never_carry_the_answer_key(items):
    for content in items.values():
        view = item_type(content["type"]).view(content, seed=7, shuffle=True)
        text = repr(view)
        assert "correct" not in text and "feedback" not in text and "explanation" not in text
        assert content["explanation"] not in text
        assert all(
            content.get(secret) not in text for secret in ("model_answer", "teacher_notes") if content.get(secret)
        )


def _leaves(value, key=None):
    """Every (key, value) pair in nested dicts and lists."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v, key)
    else:
        yield key, value


def test_review_without_reveal_shows_only_the_answer(items):
    for content in items.values():
        kind = item_type(content["type"])
        hidden = list(_leaves(kind.review(content, kind.answer_key(content), 7, True, reveal=False)))
        assert all(v in (None, []) for k, v in hidden if k in {"correct", "feedback", "right", "notes", "link"})
        assert {v for k, v in hidden if k == "state"} <= {"selected", "plain"}
        shown = list(_leaves(kind.review(content, kind.answer_key(content), 7, True, reveal=True)))
        assert any(v is True or v == "found" for k, v in shown if k in {"correct", "state"})
