"""The one rule for an attempt's maximum: answered items as graded, the module's other items at today's points."""

from dataclasses import dataclass

from crosscheck.progress.scoring import attempt_maximum, graded_maximum


@dataclass(frozen=True)
class Item:
    id: str
    points: int


MODULE = [Item("q1", 1), Item("q2", 2), Item("q3", 3)]


def test_an_unchanged_module_counts_every_item_at_its_points():
    assert attempt_maximum({"q1": 1.0, "q2": 2.0, "q3": 3.0}, MODULE) == 6.0
    assert attempt_maximum({}, MODULE) == 6.0
    assert attempt_maximum({"q2": 2.0}, MODULE) == 6.0  # unanswered items count: they scored 0 of their points


def test_an_answered_item_keeps_the_maximum_it_was_graded_against():
    raised = [Item("q1", 1), Item("q2", 5), Item("q3", 3)]  # q2 was worth 2 when answered
    assert attempt_maximum({"q2": 2.0}, raised) == 6.0
    assert attempt_maximum({"q1": 1.0}, raised) == 9.0  # unanswered q2 counts at today's 5


def test_an_added_item_counts_and_a_removed_one_counts_only_if_answered():
    assert attempt_maximum({"q1": 1.0}, [*MODULE, Item("q4", 4)]) == 10.0
    assert attempt_maximum({"q1": 1.0, "gone": 2.0}, MODULE) == 8.0
    assert attempt_maximum({"gone": 2.0}, ()) == 2.0  # a module gone from the catalog: the answers alone


def test_the_rule_from_sums_is_the_rule_from_items():
    answered = {"q2": 4.0, "gone": 1.0}
    items = [Item("q1", 1), Item("q2", 2), Item("q3", 3)]
    assert graded_maximum(5.0, 2.0, 6.0) == attempt_maximum(answered, items) == 9.0
