"""`choice`: pick the one correct option. Answer: {"choice": option id}."""

from __future__ import annotations

import random
from typing import Literal

from crosscheck.exchange.parts import QtiParts, identifier, response_declaration
from crosscheck.items.base import CheckContext, Score, token_of
from crosscheck.items.fields import one_of
from crosscheck.items.interface import Pick, picks_among
from crosscheck.items.options import OptionsItem, OptionsType, correct_ids, first_wrong, options_review


class ChoiceItem(OptionsItem):
    """One question, several options, exactly one of them correct."""

    type: Literal["choice"]


class Choice(OptionsType):
    """The single-answer item type."""

    name = "choice"
    schema = ChoiceItem
    template = "quizzes/items/choice.html"

    @classmethod
    def check_correct(cls, item: ChoiceItem, ctx: CheckContext) -> None:
        """Exactly one option is marked correct."""
        marked = [n for n, option in enumerate(item.options) if option.correct]
        if not marked:
            ctx.error(("options",), "a choice item needs exactly one correct option: none has `correct: true`")
        for n in marked[1:]:
            ctx.error(
                ("options", n, "correct"),
                f"a choice item has exactly one correct option, but options {marked[0] + 1} and {n + 1} are "
                "both marked correct (use `type: multi` for several)",
            )

    @classmethod
    def grade(cls, content: dict, answer: dict) -> Score:
        """All the points for the correct option, none otherwise."""
        chosen = answer.get("choice")
        right = chosen in correct_ids(content)
        parts = {chosen: right} if chosen else {}
        return Score(content["points"] if right else 0.0, content["points"], parts)

    @classmethod
    def form_fields(cls, view: dict) -> dict:
        """One radio group."""
        return {"choice": one_of("Your answer", view["choices"])}

    @classmethod
    def answer_from_form(cls, view: dict, data: dict) -> dict:
        """{"choice": option id}."""
        return {"choice": view["tokens"][data["choice"]]}

    @classmethod
    def form_data(cls, view: dict, answer: dict) -> dict:
        """The chosen option's token."""
        return {"choice": token_of(view)[answer["choice"]]}

    @classmethod
    def review(cls, content: dict, answer: dict, seed: int, shuffle: bool, reveal: bool = True) -> dict:
        """Options with the student's choice (and, if revealed, the correct one) marked."""
        return {"options": options_review(content, {answer.get("choice")}, seed, shuffle, reveal)}

    @classmethod
    def picks(cls, content: dict, answer: dict, possible: list[Pick] | None = None) -> list[Pick]:
        """The chosen option."""
        chosen = [answer["choice"]] if answer.get("choice") is not None else []
        return picks_among(cls.possible_picks(content) if possible is None else possible, chosen)

    @classmethod
    def answer_key(cls, content: dict) -> dict:
        """The correct option."""
        return {"choice": correct_ids(content)[0]}

    @classmethod
    def wrong_answer(cls, content: dict) -> dict:
        """A wrong option."""
        return {"choice": first_wrong(content)}

    @classmethod
    def random_wrong_answer(cls, content: dict, rng: random.Random) -> dict:
        """A wrong option; tagged misconceptions are the tempting ones, so they are picked twice as often."""
        wrong = [o for o in content["options"] if not o["correct"]]
        weights = [2 if o.get("misconception") else 1 for o in wrong]
        return {"choice": rng.choices(wrong, weights)[0]["id"]}

    qti_max_choices = 1

    @classmethod
    def qti_scoring(cls, content: dict, interaction) -> QtiParts:
        """RESPONSE is one option; the correct one maps to the item's points (the standard map_response template)."""
        right = identifier(correct_ids(content)[0])
        declaration = response_declaration("single", "identifier", [right], {right: content["points"]})
        return QtiParts(declaration, interaction, feedback_from_response=True)

    @classmethod
    def shares(cls, content: dict) -> list[float]:
        """All the grade for the correct option."""
        return [1.0 if option["correct"] else 0.0 for option in content["options"]]

    @classmethod
    def gift_marks(cls, content: dict) -> list[str]:
        """= for the correct option, ~ for the others."""
        return ["=" if option["correct"] else "~" for option in content["options"]]
