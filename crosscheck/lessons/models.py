"""Lesson progress: when a user first opened a lesson and when they marked it complete."""

from __future__ import annotations

from crosscheck.extensions import db
from crosscheck.timezone import utcnow


class LessonProgress(db.Model):
    """One row per (user, lesson); lessons themselves live in files, so lesson_id is the file's id."""

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    lesson_id = db.Column(db.String(100), nullable=False)
    opened_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    completed_at = db.Column(db.DateTime)

    __table_args__ = (db.UniqueConstraint("user_id", "lesson_id"),)
