"""Accommodations: a student's own due date and extra attempts on one assignment (extra time, a second chance).

A teacher gives them to one student or to several at once (a group is saved as one row per student, in one
transaction). The student's due date replaces the class's for late marks and for the reveal rule; extra
attempts add to the module's limit. Both show to the teacher (the accommodations page, the overview) and to
the student (their dashboard and the module page). What reports and pages read of them is in
crosscheck/progress/allowances.py.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from crosscheck.classes.models import Assignment
from crosscheck.extensions import db
from crosscheck.timezone import utcnow

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
