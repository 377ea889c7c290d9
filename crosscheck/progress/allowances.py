"""What accommodations change for a student, as the reports, the dashboard and the quiz pages read them: the
due date that holds and the extra attempts (crosscheck/classes/accommodations.py gives and withdraws them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select

from crosscheck.classes.accommodations import Accommodation
from crosscheck.classes.models import Assignment, Enrollment
from crosscheck.content.quizzes import QuizModule, Standing
from crosscheck.progress.statements import STATEMENTS, run
from crosscheck.progress.states import past_due


@dataclass(frozen=True)
class Allowance:
    """What an accommodation changes for one student on one assignment."""

    due_at: datetime | None  # the student's own due date, or None for the class's
    extra_attempts: int = 0

    def due(self, class_due: datetime | None) -> datetime | None:
        """The due date that holds for the student: never earlier than the class's, and none when the class
        has none (the teacher may move or drop the class's date after giving the extension)."""
        if class_due is None or self.due_at is None:
            return class_due
        return max(self.due_at, class_due)


NONE = Allowance(None, 0)


def _class_statement():
    """Every accommodation on a class's assignments; bound: "classroom_id"."""
    return (
        select(
            Accommodation.assignment_id, Accommodation.student_id, Accommodation.due_at, Accommodation.extra_attempts
        )
        .join(Assignment, Assignment.id == Accommodation.assignment_id)
        .where(Assignment.classroom_id == bindparam("classroom_id"))
    )


def for_class(classroom_id: int) -> dict[tuple[int, int], Allowance]:
    """(assignment id, student id) -> allowance, for one class: one query."""
    rows = run(STATEMENTS.get("accommodations_class", _class_statement), {"classroom_id": classroom_id})
    return {(r.assignment_id, r.student_id): Allowance(r.due_at, r.extra_attempts) for r in rows}


def _student_statement():
    """Every accommodation of one student; bound: "student_id"."""
    return select(
        Accommodation.assignment_id, Accommodation.student_id, Accommodation.due_at, Accommodation.extra_attempts
    ).where(Accommodation.student_id == bindparam("student_id"))


def for_student(student_id: int) -> dict[tuple[int, int], Allowance]:
    """(assignment id, student id) -> allowance, for one student in every class: one query."""
    rows = run(STATEMENTS.get("accommodations_student", _student_statement), {"student_id": student_id})
    return {(r.assignment_id, r.student_id): Allowance(r.due_at, r.extra_attempts) for r in rows}


@dataclass(frozen=True)
class ModuleTerms:
    """How one student may take one module, over every current class that assigns it."""

    extra_attempts: int = 0
    due_at: datetime | None = None  # the latest due date that holds for them; None if any class sets none
    assigned: bool = False


def _terms_statement():
    """The student's quiz assignments in their current classes, with their accommodations; bound: "student_id"."""
    return (
        select(Assignment.target_id, Assignment.due_at, Accommodation.due_at, Accommodation.extra_attempts)
        .join(Enrollment, Enrollment.classroom_id == Assignment.classroom_id)
        .outerjoin(
            Accommodation,
            (Accommodation.assignment_id == Assignment.id) & (Accommodation.student_id == Enrollment.student_id),
        )
        .where(
            Enrollment.student_id == bindparam("student_id"),
            Enrollment.removed_at.is_(None),
            Assignment.kind == "quiz",
        )
    )


def module_terms(student_id: int) -> dict[str, ModuleTerms]:
    """Module id -> the student's terms (extra attempts, due date), over every class assigning it: one query.

    Several classes may assign one module: the most generous terms hold (the most extra attempts, the latest
    due date, and no due date at all when one class sets none).
    """
    rows = run(STATEMENTS.get("accommodations_terms", _terms_statement), {"student_id": student_id})
    terms: dict[str, ModuleTerms] = {}
    for module_id, class_due, own_due, extra in rows:
        due = Allowance(own_due, extra or 0).due(class_due)
        known = terms.get(module_id)
        if known is None:
            terms[module_id] = ModuleTerms(extra or 0, due, True)
            continue
        latest = None if due is None or known.due_at is None else max(due, known.due_at)
        terms[module_id] = ModuleTerms(max(known.extra_attempts, extra or 0), latest, True)
    return terms


def student_standing(module: QuizModule, terms: ModuleTerms, attempts_made: int, answering: bool, now) -> Standing:
    """A student's standing on a module from their terms and attempts (for pages that have no ModuleState)."""
    limit = None if module.settings.attempts == 0 else module.settings.attempts + terms.extra_attempts
    left = None if limit is None else max(0, limit - attempts_made)
    return Standing(left, terms.due_at is not None and past_due(now, terms.due_at), answering)
