"""The one rule for an attempt's maximum, which every score uses: answered items at the maximum they were graded
against, the module's other items at their points today. Pure: no database.

So an edit of a module's YAML never moves a past score (an answered item keeps the maximum stored with its
response); an item added since counts in full until answered (it scored 0 of its points); an item removed
from the module adds nothing unless it was answered. The quiz results, the reports, the drill-down, the
dashboard and the mastery per skill all count a maximum this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def graded_maximum(answered_max: float, answered_now: float, total_now: float) -> float:
    """The maximum from sums: the answered items' stored maxima, the same items' points today, and today's points
    of every item counted (a module, or one skill's items of it)."""
    return answered_max + total_now - answered_now


def attempt_maximum(answered_max: Mapping[str, float], items: Iterable) -> float:
    """The maximum of one attempt from its answers' stored maxima by item id and the module's items today."""
    items = list(items)
    answered_now = sum(item.points for item in items if item.id in answered_max)
    return graded_maximum(sum(answered_max.values()), answered_now, sum(item.points for item in items))
