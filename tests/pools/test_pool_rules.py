"""The pure pool rules of QuizModule: the draw, an attempt's items, the maximum and points per skill."""

from __future__ import annotations

import dataclasses
import random

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.reports.items import seen_totals

CATALOG = load_catalog(PROJECT_ROOT)


def test_a_draw_takes_the_pools_count_in_file_order_and_keeps_the_other_skills():
    framing = CATALOG.quizzes["framing"]
    mixed = dataclasses.replace(CATALOG.quizzes["final-mixed"], pools=(("primary_source", 3),))
    for seed in range(20):
        drawn = mixed.draw(random.Random(seed))
        assert len(drawn) == 3 and drawn == [i.id for i in mixed.items if i.id in drawn]
        shown = mixed.for_attempt(drawn)
        assert [i.id for i in shown.items if i.skill == "primary_source"] == drawn
        assert [i for i in shown.items if i.skill != "primary_source"] == [
            i for i in mixed.items if i.skill != "primary_source"
        ]
        assert shown.max_points == mixed.max_points == len(mixed.items) - 8 + 3  # every item here gives 1 point
        assert len(framing.draw(random.Random(seed))) == 10
    assert mixed.skill_points["primary_source"] == 3.0 and mixed.items_per_attempt == len(mixed.items) - 5
    assert mixed.draw(random.Random(1)) != mixed.draw(random.Random(2))


def test_without_pools_or_without_a_draw_an_attempt_shows_every_item():
    plain = CATALOG.quizzes["spot-unverified"]
    assert plain.draw(random.Random(0)) is None and plain.for_attempt(None) is plain
    framing = CATALOG.quizzes["framing"]
    every = framing.for_attempt(None)  # an attempt started before the module had pools: scored on all it showed
    assert every.items == framing.items and every.pools == () and every.max_points == len(framing.items) == 15
    assert every.skill_points == {"framing": 15.0} and framing.max_points == 10.0


def test_seen_totals_count_only_the_attempts_that_showed_an_item():
    draws = [(1, 4.0, ["a"]), (2, 2.0, ["b"]), (3, 6.0, ["a", "b"])]
    n, total, squares = 5, 4.0 + 2.0 + 6.0 + 1.0 + 3.0, 16.0 + 4.0 + 36.0 + 1.0 + 9.0  # two attempts had no draw
    seen = seen_totals(n, total, squares, draws, {"a", "b", "c"})
    assert seen["a"] == (4, 4.0 + 6.0 + 1.0 + 3.0, 16.0 + 36.0 + 1.0 + 9.0)
    assert seen["b"] == (4, 2.0 + 6.0 + 1.0 + 3.0, 4.0 + 36.0 + 1.0 + 9.0)
    assert seen["c"] == (2, 4.0, 10.0)  # drawn by nobody: only the attempts without a draw saw it
