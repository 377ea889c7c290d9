"""Answers a student might give to each item: right ones from the item type's own answer key, believable
wrong ones from its random_wrong_answer (a misconception picked more often than a plain slip). Answers use the
stored answer formats of the quiz engine, and every score comes from the item type's own grade()."""

from __future__ import annotations

import random

from crosscheck.items import item_type
from crosscheck.items.base import Score


def right_answer(content: dict) -> dict:
    """The item type's answer key."""
    return item_type(content["type"]).answer_key(content)


def wrong_answer(content: dict, rng: random.Random) -> dict:
    """A plausible mistake for this item (sometimes only partly wrong, where the type gives partial credit)."""
    return item_type(content["type"]).random_wrong_answer(content, rng)


def answer_for(content: dict, right: bool, rng: random.Random) -> tuple[dict, Score]:
    """A right or wrong answer and its grade from the real item type."""
    return graded(content, right_answer(content) if right else wrong_answer(content, rng))


def graded(content: dict, answer: dict) -> tuple[dict, Score]:
    """The answer and the real item type's grade of it."""
    return answer, item_type(content["type"]).grade(content, answer)
