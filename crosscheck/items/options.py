"""Options shared by the choice and multi item types: schema, checking, display order, review and picks."""

from __future__ import annotations

from lxml import etree
from pydantic import Field, model_validator

from crosscheck.content.validation import Strict
from crosscheck.exchange.parts import (
    QtiParts,
    answer_line,
    feedback_inline,
    gift_question,
    html_of,
    identifier,
    moodle_answer,
    moodle_question,
    q,
    qti_children,
    qti_prompt,
    shuffles,
)
from crosscheck.items.base import (
    CheckContext,
    ItemBase,
    Slug,
    Text,
    common_content,
    display_order,
    link,
    reading_links,
    tokens,
)
from crosscheck.items.interface import ItemType, Pick, Printed, PrintedLine, letter


class Option(Strict):
    """One answer option: plain `text`, or a verbatim `quote` of an article (checked)."""

    id: Slug | None = Field(None, description="Stable id for reports; default a, b, c... in file order.")
    text: Text | None = Field(None, description="The option as the student reads it.")
    quote: Text | None = Field(None, description="Instead of text: a verbatim passage of articles[0] (or `article`).")
    article: str | None = Field(None, description="With `quote`: which of the item's articles it is from.")
    correct: bool = Field(False, description="True for a correct option.")
    feedback: Text | None = Field(None, description="Shown after answering, when chosen or when correct.")
    misconception: str | None = Field(None, description="A tag from quizzes/misconceptions.yaml.")

    @model_validator(mode="after")
    def _text_or_quote(self) -> Option:
        """An option shows exactly one text."""
        if (self.text is None) == (self.quote is None):
            raise ValueError("give the option either `text` or `quote` (not both, not neither)")
        if self.article is not None and self.quote is None:
            raise ValueError("`article` only goes with `quote`")
        return self


class OptionsItem(ItemBase):
    """An item whose answer is chosen from options."""

    options: list[Option] = Field(min_length=2, description="Two or more options, in file order.")


def default_option_id(n: int) -> str:
    """a, b, c... z, then option-27..."""
    return chr(ord("a") + n) if n < 26 else f"option-{n + 1}"


def quote_or_text(
    ctx: CheckContext, item: ItemBase, text, quote, article, loc: tuple
) -> tuple[str | None, dict | None]:
    """The text to show and its link: plain text as written, or a quote looked up in its article."""
    if quote is None:
        return text, None
    article_id = article or item.articles[0]
    if article is not None and article not in item.articles:
        ctx.error(loc[:-1] + ("article",), f"article {article!r} is not one of this item's articles {item.articles}")
        return None, None
    found = ctx.quote(article_id, quote, loc)
    return (found.text, link(found)) if found else (None, None)


def resolve_options(item: OptionsItem, ctx: CheckContext) -> list[dict]:
    """Each option with its id, shown text and (for quotes) where it stands; problems go to ctx."""
    resolved, seen = [], {}
    for n, option in enumerate(item.options):
        option_id = option.id or default_option_id(n)
        if option_id in seen:
            where = ("options", n, "id") if option.id else ("options", n)
            ctx.error(where, f"option id {option_id!r} is already used by option {seen[option_id] + 1}")
        seen.setdefault(option_id, n)
        text, where = quote_or_text(ctx, item, option.text, option.quote, option.article, ("options", n, "quote"))
        ctx.tag(option.misconception, ("options", n, "misconception"))
        resolved.append({**option.model_dump(mode="json"), "id": option_id, "text": text, "link": where})
    return resolved


def correct_ids(content: dict) -> list[str]:
    """Ids of the correct options, in file order."""
    return [o["id"] for o in content["options"] if o["correct"]]


def options_view(content: dict, seed: int, shuffle: bool) -> dict:
    """Options in this attempt's order, each behind an opaque token; no correctness, no feedback."""
    by_id = {o["id"]: o for o in content["options"]}
    ordered = display_order(list(by_id), seed, content["id"], shuffle)
    token_ids = tokens(ordered)
    return {
        "choices": [(token, by_id[option_id]["text"]) for token, option_id in token_ids.items()],
        "tokens": token_ids,
    }


def options_review(content: dict, chosen: set[str], seed: int, shuffle: bool, reveal: bool) -> list[dict]:
    """Every option in the attempt's order, chosen or not; if `reveal`, correct or not and feedback."""
    by_id = {o["id"]: o for o in content["options"]}
    rows = []
    for option_id in display_order(list(by_id), seed, content["id"], shuffle):
        option = by_id[option_id]
        picked = option_id in chosen
        rows.append(
            {
                "text": option["text"],
                "chosen": picked,
                "correct": option["correct"] if reveal else None,
                "feedback": option["feedback"] if reveal and (picked or option["correct"]) else None,
                "link": option.get("link") if reveal else None,
            }
        )
    return rows


def first_wrong(content: dict) -> str:
    """A wrong option's id, preferring one tagged with a misconception."""
    wrong = [o for o in content["options"] if not o["correct"]]
    tagged = [o for o in wrong if o.get("misconception")]
    return (tagged or wrong or content["options"])[0]["id"]


def options_printed(content: dict, seed: int, shuffle: bool, instruction: str) -> Printed:
    """Options lettered in the order `seed` gives; the key is the correct letters."""
    by_id = {o["id"]: o for o in content["options"]}
    order = display_order(list(by_id), seed, content["id"], shuffle)
    lines = tuple(
        PrintedLine(letter(n), by_id[i]["text"], by_id[i]["correct"], by_id[i].get("feedback"))
        for n, i in enumerate(order)
    )
    key = ", ".join(line.label for line in lines if line.correct)
    return Printed(instruction, "options", lines, key=key, write_lines=0)  # the letters are circled


class OptionsType(ItemType):
    """What choice and multi do alike: resolve, show and list options; subclasses check the correct count and grade."""

    pick_noun = "Option"

    @classmethod
    def resolve(cls, item: OptionsItem, ctx: CheckContext) -> dict:
        """Options resolved (quotes looked up, ids given), then the type's own check of the correct ones."""
        content = common_content(item, ctx)
        content["options"] = resolve_options(item, ctx)
        cls.check_correct(item, ctx)
        content["links"] = reading_links(content, [o["link"] for o in content["options"]])
        return content

    @classmethod
    def check_correct(cls, item: OptionsItem, ctx: CheckContext) -> None:
        """Report a wrong number of correct options."""
        raise NotImplementedError

    print_instruction = "Circle one letter."

    @classmethod
    def view(cls, content: dict, seed: int, shuffle: bool) -> dict:
        """The options in this attempt's order."""
        return options_view(content, seed, shuffle)

    @classmethod
    def printed(cls, content: dict, seed: int, shuffle: bool) -> Printed:
        """The options lettered; the key, the correct letters."""
        return options_printed(content, seed, shuffle, cls.print_instruction)

    @classmethod
    def possible_picks(cls, content: dict) -> list[Pick]:
        """Every option, in file order."""
        return [Pick(o["id"], o["text"], o["correct"], o["misconception"]) for o in content["options"]]

    # ---- Export (crosscheck/exchange): a choice interaction, GIFT options, a Moodle multichoice ----

    @classmethod
    def qti(cls, content: dict, catalog) -> QtiParts:
        """A choice interaction, each option with its feedback; scored as `grade` scores."""
        interaction = q(
            "qti-choice-interaction",
            {
                "response-identifier": "RESPONSE",
                "max-choices": cls.qti_max_choices,
                "shuffle": shuffles(content, catalog),
            },
            qti_prompt(content),
        )
        for option in content["options"]:
            choice = qti_children(
                q("qti-simple-choice", {"identifier": identifier(option["id"])}), option["text"], True
            )
            for block in feedback_inline(identifier(option["id"]), option.get("feedback")):
                choice.append(block)
            interaction.append(choice)
        return cls.qti_scoring(content, interaction)

    @classmethod
    def gift(cls, content: dict, catalog) -> str:
        """The options with their marks (= right, ~ wrong, ~%n% partial credit) and feedback."""
        lines = [
            answer_line(mark, option["text"], option.get("feedback"))
            for option, mark in zip(content["options"], cls.gift_marks(content), strict=True)
        ]
        return gift_question(content, "".join(lines))

    @classmethod
    def moodle(cls, content: dict, catalog) -> etree._Element:
        """A multichoice question: each option with its fraction of the grade and its feedback."""
        element = moodle_question(content, "multichoice")
        etree.SubElement(element, "single").text = "true" if cls.qti_max_choices == 1 else "false"
        etree.SubElement(element, "shuffleanswers").text = "1" if shuffles(content, catalog) == "true" else "0"
        etree.SubElement(element, "answernumbering").text = "abc"
        for option, share in zip(content["options"], cls.shares(content), strict=True):
            element.append(moodle_answer(share, html_of(option["text"], True), html_of(option.get("feedback"), True)))
        return element
