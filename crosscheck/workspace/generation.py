"""The content generation: one number, raised with every change to what classes are served.

Raised by an UPDATE of its one row inside the changing transaction, so the row lock orders the changes: a
worker that reads a value has seen every change up to it committed. A missing row (a database emptied by
hand) reads as 0 and is written back on the next change.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from crosscheck.extensions import db
from crosscheck.workspace.models import ContentGeneration

ROW = 1


def read_generation() -> int:
    """The current generation (0 before anything was ever published)."""
    return db.session.scalar(select(ContentGeneration.value).where(ContentGeneration.id == ROW)) or 0


def bump_generation() -> None:
    """Raise the generation in the caller's transaction (committed with the change it announces)."""
    raised = db.session.execute(
        update(ContentGeneration).where(ContentGeneration.id == ROW).values(value=ContentGeneration.value + 1)
    )
    if raised.rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.execute(insert(ContentGeneration).values(id=ROW, value=1))
    except IntegrityError:  # another transaction wrote the row meanwhile: raise theirs
        db.session.execute(
            update(ContentGeneration).where(ContentGeneration.id == ROW).values(value=ContentGeneration.value + 1)
        )
