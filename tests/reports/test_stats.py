"""Facility and discrimination from sums agree with a direct computation."""

import math
import statistics

import pytest

from crosscheck.reports.stats import LOW_DISCRIMINATION, item_figures


def _from_scores(item, others_total, max_points=1.0):
    totals = [x + r for x, r in zip(item, others_total, strict=True)]
    return item_figures(
        len(item),
        sum(totals),
        sum(t * t for t in totals),
        sum(item),
        sum(x * x for x in item),
        sum(x * t for x, t in zip(item, totals, strict=True)),
        max_points,
    )


def test_worked_example():
    figures = _from_scores([1, 1, 0, 0], [3, 1, 1, 2])
    assert figures.facility == 50.0
    assert figures.discrimination == pytest.approx(100 * 0.125 / math.sqrt(0.25 * 0.6875))
    assert round(figures.discrimination, 2) == 30.15 and not figures.low_discrimination


@pytest.mark.parametrize(
    "item,rest",
    [([2, 0, 1, 2, 0.5], [3, 1, 2, 4, 0]), ([0, 1, 1, 0, 1, 0], [5, 1, 2, 6, 0, 3]), ([1, 0], [0, 1])],
)
def test_matches_statistics_correlation(item, rest):
    expected = 100 * statistics.correlation(item, rest)
    assert _from_scores(item, rest, 2).discrimination == pytest.approx(expected)


def test_undefined_cases_give_none():
    assert _from_scores([], []).facility is None
    assert _from_scores([1], [2]).discrimination is None  # one attempt
    assert _from_scores([1, 1, 1], [0, 2, 3]).discrimination is None  # everyone scored the same on the item
    assert _from_scores([1, 0, 1], [2, 2, 2]).discrimination is None  # the rest of the test has no spread
    assert _from_scores([1, 1, 1], [0, 2, 3]).facility == 100.0


def test_negative_discrimination_is_flagged():
    figures = _from_scores([1, 0, 1, 0], [0, 3, 1, 2])
    assert figures.discrimination < 0 < LOW_DISCRIMINATION and figures.low_discrimination
