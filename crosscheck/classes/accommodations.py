"""Accommodations: a student's own due date and extra attempts on one assignment (extra time, a second chance).

A teacher gives them to one student or to several at once (a group is saved as one row per student, in one
transaction). The student's due date replaces the class's for late marks and for the reveal rule; extra
attempts add to the module's limit. Both show to the teacher (the accommodations page, the overview) and to
the student (their dashboard and the module page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select

from crosscheck.accounts.models import utcnow
from crosscheck.classes.assignments import Assignment
from crosscheck.classes.models import Enrollment
from crosscheck.classes.prebuilt import STATEMENTS, run
from crosscheck.extensions import db

MAX_EXTRA_ATTEMPTS = 20


class Accommodation(db.Model):
    """One student's own due date and/or extra attempts on one assignment."""

    id = db.Column(db.Integer, primary_key=True)
    assignment_id = db.Column(db.ForeignKey("assignment.id", ondelete="CASCADE"), nullable=False, index=True)
    student_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    due_at = db.Column(db.DateTime)  # None: the class's due date
    extra_attempts = db.Column(db.Integer, nullable=False, default=0)
    created_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        db.UniqueConstraint("assignment_id", "student_id"),
        db.CheckConstraint(f"extra_attempts BETWEEN 0 AND {MAX_EXTRA_ATTEMPTS}", name="extra_attempts"),
    )


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


def of_class(classroom_id: int) -> list[Accommodation]:
    """The class's accommodations as rows, for its page (by assignment, then student)."""
    query = (
        select(Accommodation)
        .join(Assignment, Assignment.id == Accommodation.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
        .order_by(Accommodation.assignment_id, Accommodation.student_id)
    )
    return list(db.session.scalars(query))


def grant(
    assignment: Assignment, student_ids: list[int], due_at: datetime | None, extra_attempts: int, by_id: int
) -> int:
    """Give every listed student these terms on the assignment (replacing what they had); one transaction."""
    existing = {
        a.student_id: a
        for a in db.session.scalars(
            select(Accommodation).where(
                Accommodation.assignment_id == assignment.id, Accommodation.student_id.in_(student_ids)
            )
        )
    }
    for student_id in student_ids:
        row = existing.get(student_id)
        if row is None:
            row = Accommodation(assignment_id=assignment.id, student_id=student_id, created_by=by_id)
            db.session.add(row)
        row.due_at, row.extra_attempts = due_at, extra_attempts
    db.session.commit()
    return len(student_ids)


def withdraw(classroom_id: int, accommodation_id: int) -> Accommodation | None:
    """Remove one accommodation of this class; None if it is not the class's."""
    row = db.session.get(Accommodation, accommodation_id)
    if row is None or db.session.get(Assignment, row.assignment_id).classroom_id != classroom_id:
        return None
    db.session.delete(row)
    db.session.commit()
    return row
