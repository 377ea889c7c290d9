"""Quiz item types, chosen by an item's `type:` field (a registry, as CTFd does for challenge types).

Each type is a module with a subclass of interface.ItemType that implements the whole interface: its
pydantic schema, `resolve` (checks and the stored content), `view`/`form_fields`/`answer_from_form`/
`form_data` (answering), `grade`, `review`, how the reports read an answer as picks, and the answers the demo,
the bench and the tests make up. A new type is a new module, one entry in TYPES and a template
templates/quizzes/items/<type>.html; registering a type that lacks a part stops the import with its name.
"""

from __future__ import annotations

from crosscheck.items.base import Score
from crosscheck.items.choice import Choice
from crosscheck.items.highlight import Highlight
from crosscheck.items.interface import ItemType, Pick, missing_parts
from crosscheck.items.match import Match
from crosscheck.items.multi import Multi
from crosscheck.items.written import Written

TYPES = (Choice, Multi, Highlight, Match, Written)


def _registry(types) -> dict[str, type[ItemType]]:
    """name -> type, refusing a type that does not implement every part of the interface."""
    for kind in types:
        missing = missing_parts(kind)
        if missing:
            raise TypeError(f"item type {kind.__name__} does not implement {', '.join(missing)}")
    return {kind.name: kind for kind in types}


ITEM_TYPES: dict[str, type[ItemType]] = _registry(TYPES)


def item_type(name: str) -> type[ItemType]:
    """The item type registered under `name` (KeyError for an unknown one; content check refuses those)."""
    return ITEM_TYPES[name]


__all__ = ["ITEM_TYPES", "ItemType", "Pick", "Score", "item_type"]
