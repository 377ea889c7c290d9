"""Quiz attempts and responses. Scores are sums over responses, never counters kept by hand."""

from __future__ import annotations

from sqlalchemy.orm import validates

from crosscheck.extensions import db
from crosscheck.timezone import utcnow


class ItemVersion(db.Model):
    """An item's content as it was answered, keyed by its hash: a later YAML edit never rewrites the past."""

    hash = db.Column(db.String(64), primary_key=True)
    module_id = db.Column(db.String(100), nullable=False)
    item_id = db.Column(db.String(100), nullable=False)
    content = db.Column(db.JSON, nullable=False)
    first_seen = db.Column(db.DateTime, nullable=False, default=utcnow)
    # content["skill"], kept beside it: the skill reports read for every answer, without parsing the JSON
    skill = db.Column(db.String(100), nullable=False)

    __table_args__ = (
        db.Index("ix_item_version_module_item", "module_id", "item_id"),
        # Covers "the skill of this hash": PostgreSQL answers it from the index alone (an index-only scan).
        db.Index("ix_item_version_hash_skill", "hash", "skill"),
    )

    @validates("content")
    def _keep_skill(self, _key: str, content: dict) -> dict:
        """Set the skill column from the content it is part of (one place, whoever stores a version)."""
        self.skill = content["skill"]
        return content


class Attempt(db.Model):
    """One go at a quiz module. At most one unsubmitted attempt per (user, module)."""

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    module_id = db.Column(db.String(100), nullable=False, index=True)
    number = db.Column(db.Integer, nullable=False)
    order_seed = db.Column(db.Integer, nullable=False)
    started_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    submitted_at = db.Column(db.DateTime)
    # The pooled items this attempt drew (ids, file order), fixed when it starts so a reload or a resume shows the
    # same questions; NULL when the module had no pools (QuizModule.for_attempt).
    drawn = db.Column(db.JSON(none_as_null=True))

    __table_args__ = (
        db.UniqueConstraint("user_id", "module_id", "number"),
        db.Index(
            "uq_attempt_one_open",
            "user_id",
            "module_id",
            unique=True,
            sqlite_where=db.text("submitted_at IS NULL"),
            postgresql_where=db.text("submitted_at IS NULL"),
        ),
        # Each student's latest submitted attempt per module (every report and dashboard asks for it) read from
        # the index alone: without it PostgreSQL scanned the whole attempt table of a school for one class.
        db.Index("ix_attempt_latest", "user_id", "module_id", "number", "submitted_at", "id"),
    )


class Response(db.Model):
    """One answer to one item in one attempt; unique, so a double click stores one row."""

    id = db.Column(db.Integer, primary_key=True)
    attempt_id = db.Column(db.ForeignKey("attempt.id", ondelete="CASCADE"), nullable=False)
    item_id = db.Column(db.String(100), nullable=False)
    item_hash = db.Column(db.ForeignKey("item_version.hash"), nullable=False)
    answer = db.Column(db.JSON, nullable=False)
    points = db.Column(db.Float)  # NULL while awaiting marking (a written answer); SUM and AVG skip it
    max_points = db.Column(db.Float, nullable=False)
    answered_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.UniqueConstraint("attempt_id", "item_id"),)


class AnswerDraft(db.Model):
    """A draft answer kept while the student writes (a written item's text): saved by a button or autosave,
    it becomes the answer when the attempt is submitted unanswered, so a closed tab loses nothing."""

    id = db.Column(db.Integer, primary_key=True)
    attempt_id = db.Column(db.ForeignKey("attempt.id", ondelete="CASCADE"), nullable=False)
    item_id = db.Column(db.String(100), nullable=False)
    answer = db.Column(db.JSON, nullable=False)
    saved_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.UniqueConstraint("attempt_id", "item_id"),)
