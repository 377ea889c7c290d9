"""GIFT, Moodle's text format: one question a block, the module as its category.

Each item type writes its own answer block (`gift` on the type); here: the category, the question's title,
text and excerpt, and the explanation as general feedback. Markdown is kept as GIFT's [markdown] format.
"""

from __future__ import annotations

from crosscheck.exchange.markup import gift_escape, gift_feedback, gift_text


def question(content: dict, answers: str, extra_text: str = "", extra_explanation: str = "") -> str:
    """One GIFT question: ::title:: [markdown]text {answers ####general feedback}."""
    text = gift_text(content["prompt"])
    if content.get("excerpt"):
        text = f"{gift_text('> ' + content['excerpt'])}\\n\\n{text}"
    if extra_text:
        text = f"{text}\\n\\n{extra_text}"
    explanation = "\n\n".join(t for t in (content.get("explanation"), extra_explanation) if t)
    general = f"\t####[markdown]{gift_text(explanation)}\n" if explanation else ""
    block = f"{{\n{answers}{general}}}" if answers or general else "{}"  # {} alone: an essay
    return f"::{gift_escape(content['id'])}::[markdown]{text} {block}\n"


def weight(share: float) -> str:
    """A GIFT percentage such as %50% or %-33.33333% (Moodle matches it to its nearest grade)."""
    percent = round(share * 100, 5)
    return f"%{percent:g}%"


def answer_line(mark: str, text: str, feedback: str | None = None) -> str:
    """'=right#feedback' or '~%50%partly right#feedback'."""
    line = f"{mark}[markdown]{gift_text(text)}" if mark else gift_text(text)
    return f"\t{line}#[markdown]{gift_feedback(feedback)}\n" if feedback else f"\t{line}\n"


def category_name(title: str) -> str:
    """A module title as one category (Moodle reads the line literally; a slash would start a subcategory)."""
    return " ".join(title.replace("/", "-").split())


def module_text(module, catalog) -> str:
    """The module as a GIFT file: its category line, then each item's question."""
    from crosscheck.items import item_type

    blocks = [
        f"// {module.title}: exported from Crosscheck (module {module.id})\n$CATEGORY: $course$/Crosscheck/{category_name(module.title)}\n"
    ]
    for item in module.items:
        blocks.append(item_type(item.type).gift(item.content, catalog))
    return "\n".join(blocks)
