"""The remembered pages' store and the moment a state turns late: pure, no app."""

from datetime import datetime, timedelta

from crosscheck.progress.states import WorkState, next_change, state_of
from crosscheck.stamps.cache import RememberedPages

NOON = datetime(2026, 3, 5, 12, 0, 0)


def test_a_value_comes_back_only_for_its_key_and_stamp():
    pages = RememberedPages(4)
    pages.put(("overview", 1), (3, 10), "page", None)
    assert pages.get(("overview", 1), (3, 10), NOON) == "page"
    assert pages.get(("overview", 2), (3, 10), NOON) is None
    assert pages.get(("overview", 1), (3, 11), NOON) is None  # a write moved the stamp
    assert pages.get(("overview", 1), (3, 10), NOON) is None  # and the stale entry is gone
    assert len(pages) == 0


def test_a_value_stops_at_its_moment():
    pages = RememberedPages(4)
    pages.put(("overview", 1), (1, 1), "page", NOON)
    assert pages.get(("overview", 1), (1, 1), NOON - timedelta(microseconds=1)) == "page"
    assert pages.get(("overview", 1), (1, 1), NOON) is None


def test_the_least_recently_used_leaves_first():
    pages = RememberedPages(2)
    pages.put(("a",), (1,), "A", None)
    pages.put(("b",), (1,), "B", None)
    assert pages.get(("a",), (1,), NOON) == "A"  # a is now the most recent
    pages.put(("c",), (1,), "C", None)
    assert pages.get(("b",), (1,), NOON) is None
    assert pages.get(("a",), (1,), NOON) == "A" and pages.get(("c",), (1,), NOON) == "C"


def test_capacity_zero_keeps_nothing():
    pages = RememberedPages(0)
    pages.put(("a",), (1,), "A", None)
    assert pages.get(("a",), (1,), NOON) is None


def test_next_change_is_the_second_after_the_soonest_due_date_still_ahead():
    due_soon, due_later, past = NOON + timedelta(hours=1), NOON + timedelta(days=2), NOON - timedelta(days=1)
    states = [WorkState("not_started", due_at=d) for d in (due_later, past, due_soon, None)]
    change = next_change(states, NOON)
    assert change == due_soon + timedelta(seconds=1)
    # The moment it names is the first at which the lateness rule turns: on time through the due second.
    assert state_of(False, None, due_soon, change - timedelta(microseconds=1))[0] == "not_started"
    assert state_of(False, None, due_soon, change)[0] == "late"
    assert next_change([WorkState("late", due_at=past), WorkState("done")], NOON) is None
