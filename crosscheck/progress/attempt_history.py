"""Every attempt of one student with its points, and every answer with the item version it answered.

What the student drill-down reads. Each statement is built once (crosscheck/progress/statements.py) and run
with the student and module ids bound.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Text, bindparam, cast, func, select

from crosscheck.progress.statements import STATEMENTS, run
from crosscheck.quizzes.models import Attempt, ItemVersion, Response


@dataclass(frozen=True)
class AttemptRow:
    """One attempt of the student drill-down, with its points summed from its responses."""

    id: int
    module_id: str
    number: int
    started_at: datetime
    submitted_at: datetime | None
    points: float
    drawn: list[str] | None = None  # the pooled items it drew (QuizModule.for_attempt)


def _student_attempts_statement():
    """The statement student_attempts runs; bound: "student_id", "modules"."""
    return (
        select(
            Attempt.id,
            Attempt.module_id,
            Attempt.number,
            Attempt.started_at,
            Attempt.submitted_at,
            func.coalesce(func.sum(Response.points), 0.0),
            Attempt.drawn,
        )
        .outerjoin(Response, Response.attempt_id == Attempt.id)
        .where(Attempt.user_id == bindparam("student_id"), Attempt.module_id.in_(bindparam("modules", expanding=True)))
        .group_by(Attempt.id)
        .order_by(Attempt.module_id, Attempt.number)
    )


def student_attempts(student_id: int, module_ids: list[str]) -> list[AttemptRow]:
    """Every attempt (submitted or not) of one student at these modules, with points: one query."""
    statement = STATEMENTS.get("student_attempts", _student_attempts_statement)
    rows = run(statement, {"student_id": student_id, "modules": list(module_ids)})
    return [AttemptRow(*row[:5], float(row[5]), row[6]) for row in rows]


@dataclass(frozen=True)
class AnswerRow:
    """One response with the item content as it was when answered."""

    attempt_id: int
    item_id: str
    answer: dict
    points: float
    max_points: float
    answered_at: datetime
    content: dict


def _student_answers_statement():
    """The statement student_answers runs; bound: "student_id", "modules".

    The version's content comes as text, with its hash, so student_answers parses each version once: a student
    answers the same version in attempt after attempt, and the content is most of what the rows carry.
    """
    return (
        select(
            Response.attempt_id,
            Response.item_id,
            Response.answer,
            Response.points,
            Response.max_points,
            Response.answered_at,
            Response.item_hash,
            cast(ItemVersion.content, Text),
        )
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(ItemVersion, ItemVersion.hash == Response.item_hash)
        .where(Attempt.user_id == bindparam("student_id"), Attempt.module_id.in_(bindparam("modules", expanding=True)))
        .order_by(Response.attempt_id, Response.answered_at, Response.id)
    )


def student_answers(student_id: int, module_ids: list[str]) -> list[AnswerRow]:
    """Every response of one student at these modules, joined to the item version answered: one query.

    Answers to one version share its content (one dict, parsed once: read it, never change it).
    """
    statement = STATEMENTS.get("student_answers", _student_answers_statement)
    contents: dict[str, dict] = {}
    rows = []
    for *fields, version, text in run(statement, {"student_id": student_id, "modules": list(module_ids)}):
        content = contents.get(version)
        if content is None:
            content = contents[version] = json.loads(text)
        rows.append(AnswerRow(*fields, content))
    return rows
