"""`choice`: pick the one correct option."""

from __future__ import annotations

from typing import Literal

from crosscheck.exchange.parts import QtiParts, identifier, response_declaration
from crosscheck.items.base import CheckContext, Score
from crosscheck.items.fields import one_of
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
    def review(cls, content: dict, answer: dict, seed: int, shuffle: bool, reveal: bool = True) -> dict:
        """Options with the student's choice (and, if revealed, the correct one) marked."""
        return {"options": options_review(content, {answer.get("choice")}, seed, shuffle, reveal)}

    @classmethod
    def answer_key(cls, content: dict) -> dict:
        """The correct option."""
        return {"choice": correct_ids(content)[0]}

    @classmethod
    def wrong_answer(cls, content: dict) -> dict:
        """A wrong option."""
        return {"choice": first_wrong(content)}

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
