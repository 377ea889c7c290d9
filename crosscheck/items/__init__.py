"""Quiz item types, chosen by an item's `type:` field (a registry, as CTFd does for challenge types).

Each type is a module with a subclass of base.ItemType: its pydantic schema, `resolve` (checks and the stored
content), `view`/`form_fields`/`answer_from_form` (answering), `grade` and `review`. A new type is a new
module plus one line here and a template templates/quizzes/items/<type>.html.
"""

from __future__ import annotations

from crosscheck.items.base import ItemType, Score
from crosscheck.items.choice import Choice
from crosscheck.items.highlight import Highlight
from crosscheck.items.match import Match
from crosscheck.items.multi import Multi

ITEM_TYPES: dict[str, type[ItemType]] = {t.name: t for t in (Choice, Multi, Highlight, Match)}


def item_type(name: str) -> type[ItemType]:
    """The item type registered under `name` (KeyError for an unknown one; content check refuses those)."""
    return ITEM_TYPES[name]


__all__ = ["ITEM_TYPES", "ItemType", "Score", "item_type"]
