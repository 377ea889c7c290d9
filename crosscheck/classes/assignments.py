"""Assignments: a lesson or quiz module given to a class, with an optional due date."""

from __future__ import annotations

from crosscheck.accounts.models import utcnow
from crosscheck.extensions import db

ASSIGNMENT_KINDS = ("lesson", "quiz")
# timezone.FIRST_DUE_DAY..LAST_DUE_DAY as stored moments, a day wider each way for any time zone's offset:
# a row written past the forms (a script, an import) still cannot break the pages with a year-9999 date.
DUE_AT_RANGE = "due_at BETWEEN '1999-12-31 00:00:00' AND '2100-01-01 23:59:59'"


class Assignment(db.Model):
    """A lesson or quiz module assigned to a class; target_id is the content file's id."""

    id = db.Column(db.Integer, primary_key=True)
    classroom_id = db.Column(db.ForeignKey("classroom.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = db.Column(db.String(16), nullable=False)
    target_id = db.Column(db.String(100), nullable=False)
    due_at = db.Column(db.DateTime)
    created_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        db.UniqueConstraint("classroom_id", "kind", "target_id"),
        db.CheckConstraint("kind IN ('lesson', 'quiz')", name="kind"),
        db.CheckConstraint(DUE_AT_RANGE, name="due_at_range"),
    )
