"""`multi`: tick every correct option; all-or-nothing or right-minus-wrong scoring.

Answer: {"choices": [option ids, in the order shown]}.
"""

from __future__ import annotations

import random
from typing import Literal

from pydantic import Field

from crosscheck.exchange.parts import MATCH_CORRECT, QtiParts, gift_weight, identifier, response_declaration
from crosscheck.items.base import CheckContext, Score, scaled
from crosscheck.items.fields import some_of
from crosscheck.items.interface import Pick, picks_among
from crosscheck.items.options import OptionsItem, OptionsType, correct_ids, first_wrong, options_review


class MultiItem(OptionsItem):
    """One question, several options, one or more of them correct."""

    type: Literal["multi"]
    scoring: Literal["all_or_nothing", "right_minus_wrong"] = Field(
        "all_or_nothing",
        description="all_or_nothing: points only for exactly the correct set; right_minus_wrong: "
        "(correct ticked - wrong ticked) / correct options, floored at 0.",
    )


class Multi(OptionsType):
    """The several-answers item type."""

    name = "multi"
    schema = MultiItem
    template = "quizzes/items/multi.html"
    print_instruction = "Circle every letter that applies."

    @classmethod
    def check_correct(cls, item: MultiItem, ctx: CheckContext) -> None:
        """At least one option is marked correct."""
        if not any(option.correct for option in item.options):
            ctx.error(("options",), "a multi item needs at least one correct option: none has `correct: true`")

    @classmethod
    def grade(cls, content: dict, answer: dict) -> Score:
        """Per the item's scoring; each option is a part, right when ticked exactly if correct."""
        every = [o["id"] for o in content["options"]]
        correct = set(correct_ids(content))
        chosen = set(answer.get("choices", [])) & set(every)
        if content["scoring"] == "right_minus_wrong":
            points = scaled(content["points"], len(chosen & correct), len(chosen - correct), len(correct))
        else:
            points = content["points"] if chosen == correct else 0.0
        parts = {option_id: (option_id in chosen) == (option_id in correct) for option_id in every}
        return Score(points, content["points"], parts)

    @classmethod
    def form_fields(cls, view: dict) -> dict:
        """One checkbox group."""
        return {"choices": some_of("Your answer", view["choices"], "Tick at least one option.")}

    @classmethod
    def answer_from_form(cls, view: dict, data: dict) -> dict:
        """{"choices": [option ids in the order shown]}."""
        return {"choices": [view["tokens"][token] for token in data["choices"]]}

    @classmethod
    def form_data(cls, view: dict, answer: dict) -> dict:
        """The ticked options' tokens, in the order shown (as a browser sends them)."""
        chosen = set(answer["choices"])
        return {"choices": [token for token, option_id in view["tokens"].items() if option_id in chosen]}

    @classmethod
    def review(cls, content: dict, answer: dict, seed: int, shuffle: bool, reveal: bool = True) -> dict:
        """Options with the student's ticks (and, if revealed, the correct ones) marked."""
        return {"options": options_review(content, set(answer.get("choices", [])), seed, shuffle, reveal)}

    @classmethod
    def picks(cls, content: dict, answer: dict, possible: list[Pick] | None = None) -> list[Pick]:
        """The ticked options."""
        chosen = list(answer.get("choices") or [])
        return picks_among(cls.possible_picks(content) if possible is None else possible, chosen)

    @classmethod
    def answer_key(cls, content: dict) -> dict:
        """Exactly the correct options."""
        return {"choices": correct_ids(content)}

    @classmethod
    def wrong_answer(cls, content: dict) -> dict:
        """One correct option and one wrong one."""
        return {"choices": [correct_ids(content)[0], first_wrong(content)]}

    @classmethod
    def random_wrong_answer(cls, content: dict, rng: random.Random) -> dict:
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

    qti_max_choices = 0  # any number

    @classmethod
    def qti_scoring(cls, content: dict, interaction) -> QtiParts:
        """right_minus_wrong: each correct option +points/n, each wrong one -points/n, floored at 0 (map_response);
        all_or_nothing: the points for exactly the correct set (match_correct, scaled to the points)."""
        right = [identifier(i) for i in correct_ids(content)]
        if content["scoring"] == "all_or_nothing":
            declaration = response_declaration("multiple", "identifier", right)
            return QtiParts(declaration, interaction, MATCH_CORRECT, content["points"], feedback_from_response=True)
        share = content["points"] / len(right)
        mapping = {identifier(o["id"]): share if o["correct"] else -share for o in content["options"]}
        declaration = response_declaration("multiple", "identifier", right, mapping, upper=content["points"])
        return QtiParts(declaration, interaction, feedback_from_response=True)

    @classmethod
    def shares(cls, content: dict) -> list[float]:
        """+1/n of the grade per correct option, -1/n per wrong one (GIFT and Moodle have no all-or-nothing
        multiple response: a wrong tick still costs what a right one gives, see docs/authoring.md)."""
        n = len(correct_ids(content))
        return [1 / n if option["correct"] else -1 / n for option in content["options"]]

    @classmethod
    def gift_marks(cls, content: dict) -> list[str]:
        """~%share% for every option."""
        return [f"~{gift_weight(share)}" for share in cls.shares(content)]
