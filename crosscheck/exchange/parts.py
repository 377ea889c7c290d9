"""What an item type uses to write its own part of each export format: one import for crosscheck/items/."""

from __future__ import annotations

from crosscheck.exchange.gift import answer_line
from crosscheck.exchange.gift import question as gift_question
from crosscheck.exchange.gift import weight as gift_weight
from crosscheck.exchange.markup import escape_html, gift_escape, gift_text, qti_children
from crosscheck.exchange.moodle_xml import answer as moodle_answer
from crosscheck.exchange.moodle_xml import html_of
from crosscheck.exchange.moodle_xml import question as moodle_question
from crosscheck.exchange.moodle_xml import text_element as moodle_text
from crosscheck.exchange.qti import MATCH_CORRECT, QtiParts, feedback_inline, identifier, q, response_declaration
from crosscheck.exchange.qti import prompt as qti_prompt


def shuffles(content: dict, catalog) -> str:
    """'true' when the item's module shows options in a shuffled order (QTI's and Moodle's shuffle)."""
    module = catalog.quizzes.get(content.get("module_id"))
    return "true" if module is None or module.settings.shuffle_options else "false"


__all__ = [
    "MATCH_CORRECT",
    "QtiParts",
    "answer_line",
    "escape_html",
    "feedback_inline",
    "gift_escape",
    "gift_question",
    "gift_text",
    "gift_weight",
    "html_of",
    "identifier",
    "moodle_answer",
    "moodle_question",
    "moodle_text",
    "q",
    "qti_children",
    "qti_prompt",
    "response_declaration",
    "shuffles",
]
