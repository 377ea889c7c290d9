"""A school's own content: each document's file texts, every saved version, and the content generation.

A document is one quiz module, lesson or story, stored as the same file texts as the repository's (a story is
a folder of files). Every save adds a version (who, when, the files); `published_number` names the version
students are served (none: not served). The one-row content_generation table counts changes to what is served, so
every worker of every app server can tell with one cheap read whether to rebuild its catalog.
"""

from __future__ import annotations

from crosscheck.extensions import db
from crosscheck.timezone import utcnow

DOCUMENT_KINDS = ("quiz", "lesson", "story")  # quiz and lesson are also the assignment kinds
STATES = ("draft", "published", "shared", "archived")


class Document(db.Model):
    """One quiz module, lesson or story of a teacher's; `slug` is its content id, unique across the school."""

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(100), unique=True, nullable=False)
    kind = db.Column(db.String(16), nullable=False)
    title = db.Column(db.String(200), nullable=False, default="")
    author_id = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"), index=True)  # None: a removed account
    state = db.Column(db.String(16), nullable=False, default="draft")
    revision = db.Column(db.Integer, nullable=False, default=0)  # the newest version's number; saves compare it
    published_number = db.Column(db.Integer)  # the version served to classes; None while not published
    published_at = db.Column(db.DateTime)
    published_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    copied_from = db.Column(db.String(100))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        db.CheckConstraint("kind IN ('quiz', 'lesson', 'story')", name="kind"),
        db.CheckConstraint("state IN ('draft', 'published', 'shared', 'archived')", name="state"),
    )

    author = db.relationship("User", foreign_keys=[author_id], lazy="joined")


class DocumentEditor(db.Model):
    """Another teacher the author lets edit the document (sharing with the school only lets others copy it)."""

    document_id = db.Column(db.ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)


class DocumentVersion(db.Model):
    """One saved version of a document: every file's text, who saved it and when, and what the checker found."""

    id = db.Column(db.Integer, primary_key=True)
    document_id = db.Column(db.ForeignKey("document.id", ondelete="CASCADE"), nullable=False)
    number = db.Column(db.Integer, nullable=False)
    files = db.Column(db.JSON, nullable=False)  # repository path -> text
    saved_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    saved_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    errors = db.Column(db.Integer, nullable=False, default=0)
    warnings = db.Column(db.Integer, nullable=False, default=0)
    note = db.Column(db.String(200), nullable=False, default="")

    __table_args__ = (db.UniqueConstraint("document_id", "number"),)

    saver = db.relationship("User", foreign_keys=[saved_by], lazy="joined")


class ContentGeneration(db.Model):
    """One row: a number raised in the same transaction as every change to the content students are served."""

    id = db.Column(db.Integer, primary_key=True)
    value = db.Column(db.Integer, nullable=False, default=0)
