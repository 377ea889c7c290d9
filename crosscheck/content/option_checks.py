"""Warnings about answer options that give the answer away, checked once a module's items have loaded.

Three patterns let a student score without reading the text: the correct option of a choice item is the
longest one more often than chance allows (here: in more than a third of a module's choice items); it is
almost never the longest or the shortest (in fewer than a quarter of them, where chance gives a half), so
ruling out both ends leaves a coin toss; and a multi item has fewer than two wrong options (so ticking nearly
everything scores). All are warnings, positioned at the item (the module-wide one at the module's `items:`),
so a teacher's module still loads while the author fixes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from crosscheck.content.errors import Problem

LONGEST_SHARE = Fraction(1, 3)  # a module may have the correct option longest in at most this share of choice items
ENDS_SHARE = Fraction(1, 4)  # ... and at either end of the lengths in at least this share of them
ENDS_MIN_ITEMS = 4  # with fewer choice items the share says nothing
MIN_WRONG = 2  # wrong options a multi item needs


def shown_length(option: dict) -> int:
    """The option's length as the student reads it (runs of white space count once)."""
    return len(" ".join((option.get("text") or "").split()))


def correct_is_longest(content: dict) -> int | None:
    """The index of a choice item's correct option when it is longer than every other option, else None."""
    options = content["options"]
    right = next(n for n, option in enumerate(options) if option["correct"])
    length = shown_length(options[right])
    if all(shown_length(option) < length for n, option in enumerate(options) if n != right):
        return right
    return None


def correct_at_an_end(content: dict) -> bool:
    """Whether a choice item's correct option is longer, or shorter, than every other option."""
    options = content["options"]
    length = next(shown_length(option) for option in options if option["correct"])
    others = [shown_length(option) for option in options if not option["correct"]]
    return all(other < length for other in others) or all(other > length for other in others)


def giveaway_warnings(items: Sequence, where: Callable[[tuple], tuple[int, int]], path: str) -> list[Problem]:
    """Warnings for one loaded module; `items[n]` is the module's n-th item, `where` finds a key in its file."""
    problems = []
    choices = [(n, item) for n, item in enumerate(items) if item.type == "choice"]
    longest = [(n, index) for n, item in choices if (index := correct_is_longest(item.content)) is not None]
    if choices and Fraction(len(longest), len(choices)) > LONGEST_SHARE:
        for n, index in longest:
            problems.append(
                Problem(
                    path,
                    *where(("items", n, "options", index)),
                    f"the correct option is the longest of this item's options, as it is in {len(longest)} of "
                    f"this module's {len(choices)} choice items (more than a third): a student can score by "
                    "picking the longest; shorten it or lengthen a wrong option",
                    "warning",
                )
            )
    ends = sum(correct_at_an_end(item.content) for _, item in choices)
    if len(choices) >= ENDS_MIN_ITEMS and Fraction(ends, len(choices)) < ENDS_SHARE:
        problems.append(
            Problem(
                path,
                *where(("items",)),
                f"the correct option is the longest or the shortest of its item's options in only {ends} of this "
                f"module's {len(choices)} choice items (fewer than a quarter): a student can score by ruling out "
                "the longest and the shortest; make the correct option the longest or the shortest in more items",
                "warning",
            )
        )
    for n, item in enumerate(items):
        if item.type != "multi":
            continue
        wrong = sum(not option["correct"] for option in item.content["options"])
        if wrong < MIN_WRONG:
            problems.append(
                Problem(
                    path,
                    *where(("items", n, "options")),
                    f"this multi item has {wrong} wrong option{'' if wrong == 1 else 's'}; give it at least "
                    f"{MIN_WRONG}, or ticking every option scores without reading",
                    "warning",
                )
            )
    return problems
