"""Answers a student might give to each item type: right ones from the item type's own answer key, and
believable wrong ones (a misconception picked more often than a plain slip). Answers use the stored
answer formats of the quiz engine, and every score comes from the item type's own grade()."""

from __future__ import annotations

import random

from crosscheck.items import item_type
from crosscheck.items.base import Score


def right_answer(content: dict) -> dict:
    """The item type's answer key."""
    return item_type(content["type"]).answer_key(content)


def wrong_answer(content: dict, rng: random.Random) -> dict:
    """A plausible mistake for this item (sometimes only partly wrong, where the type gives partial credit)."""
    return WRONG[content["type"]](content, rng)


def answer_for(content: dict, right: bool, rng: random.Random) -> tuple[dict, Score]:
    """A right or wrong answer and its grade from the real item type."""
    answer = right_answer(content) if right else wrong_answer(content, rng)
    return answer, item_type(content["type"]).grade(content, answer)


def _wrong_choice(content: dict, rng: random.Random) -> dict:
    """A wrong option; tagged misconceptions are the tempting ones, so they are picked twice as often."""
    wrong = [o for o in content["options"] if not o["correct"]]
    weights = [2 if o.get("misconception") else 1 for o in wrong]
    return {"choice": rng.choices(wrong, weights)[0]["id"]}


def _wrong_multi(content: dict, rng: random.Random) -> dict:
    """The correct set with one option too many or one too few (never the exact correct set)."""
    ids = [o["id"] for o in content["options"]]
    correct = [o["id"] for o in content["options"] if o["correct"]]
    wrong = [i for i in ids if i not in correct]
    chosen = set(correct)
    if wrong and (len(correct) == 1 or rng.random() < 0.6):
        chosen.add(rng.choice(wrong))
    else:
        chosen.discard(rng.choice(correct))
    if not chosen:
        chosen = {rng.choice(wrong or ids)}
    return {"choices": [i for i in ids if i in chosen]}


def _wrong_highlight(content: dict, rng: random.Random) -> dict:
    """Some correct sentences missed, one wrong sentence selected."""
    order = [s["id"] for s in content["sentences"]]
    correct = list(content["correct_sentences"])
    others = [s for s in order if s not in correct]
    chosen = set(rng.sample(correct, max(0, len(correct) - 1 - rng.randint(0, 1))))
    if others:
        chosen.add(rng.choice(others))
    if not chosen:
        chosen = {rng.choice(order)}
    return {"sentences": [s for s in order if s in chosen]}


def _wrong_match(content: dict, rng: random.Random) -> dict:
    """Two lefts swapped, or one matched to a distractor when the item has one."""
    pairs = {p["id"]: p["right_id"] for p in content["pairs"]}
    used = set(pairs.values())
    spare = [r["id"] for r in content["rights"] if r["id"] not in used]
    lefts = list(pairs)
    if spare and rng.random() < 0.4:
        pairs[rng.choice(lefts)] = rng.choice(spare)
    else:
        first, second = rng.sample(lefts, 2)
        pairs[first], pairs[second] = pairs[second], pairs[first]
    return {"pairs": pairs}


WRONG = {"choice": _wrong_choice, "multi": _wrong_multi, "highlight": _wrong_highlight, "match": _wrong_match}
