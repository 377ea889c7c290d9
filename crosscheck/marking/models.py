"""A teacher's mark on a written answer, and the history of every score changed after answering.

The level itself is in Response.answer (`"level"`), so the item type's pure grade() gives the points; Mark
keeps what grade() does not need: the comment, who marked and when.
"""

from __future__ import annotations

from crosscheck.accounts.models import utcnow
from crosscheck.extensions import db


class Mark(db.Model):
    """The marking of one written answer: comment, marker, time (the latest; ScoreChange keeps every one)."""

    response_id = db.Column(db.ForeignKey("response.id", ondelete="CASCADE"), primary_key=True)
    comment = db.Column(db.Text)
    marked_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    marked_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class ScoreChange(db.Model):
    """One change of a stored answer's score: a marking or a regrade; undone_at set when it was undone.

    Old and new points (NULL: awaiting marking), maxima, answers and item versions, so an undo restores the
    response exactly as it was.
    """

    id = db.Column(db.Integer, primary_key=True)
    response_id = db.Column(db.ForeignKey("response.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = db.Column(db.String(16), nullable=False)
    old_points = db.Column(db.Float)
    new_points = db.Column(db.Float)
    old_max = db.Column(db.Float, nullable=False)
    new_max = db.Column(db.Float, nullable=False)
    old_answer = db.Column(db.JSON, nullable=False)
    new_answer = db.Column(db.JSON, nullable=False)
    old_hash = db.Column(db.String(64), nullable=False)
    new_hash = db.Column(db.String(64), nullable=False)
    changed_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    changed_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    undone_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    undone_at = db.Column(db.DateTime)

    __table_args__ = (db.CheckConstraint("kind IN ('mark', 'regrade')", name="kind"),)

    response = db.relationship("Response", lazy="select")
