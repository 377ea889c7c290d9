"""What a printed sheet holds: each item of a module on paper, in file order, from the item types' `printed`.

Options are lettered in one fixed order (PRINT_SEED), the same on the worksheet and on its answer key, so a
teacher marks a class's sheets with one key. Pure: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.content.quizzes import QuizModule
from crosscheck.items import item_type
from crosscheck.items.interface import Printed

PRINT_SEED = 0  # one order for every printed copy: a worksheet and its key must agree


@dataclass(frozen=True)
class SheetItem:
    """One item on paper: its number, content (prompt, excerpt, explanation) and printed lines."""

    number: int
    content: dict
    points: int
    printed: Printed


def sheet_items(module: QuizModule) -> list[SheetItem]:
    """Every item of the module in file order, as paper shows it."""
    shuffle = module.settings.shuffle_options
    return [
        SheetItem(n, item.content, item.points, item_type(item.type).printed(item.content, PRINT_SEED, shuffle))
        for n, item in enumerate(module.items, start=1)
    ]
