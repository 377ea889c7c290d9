"""IdHolder: the file in the content folders that kept an article, lesson or module id at the last load."""

from __future__ import annotations

from crosscheck.extensions import db
from crosscheck.timezone import utcnow


class IdHolder(db.Model):
    """One id and the content file that keeps it (a path relative to the content root)."""

    kind = db.Column(db.String(20), primary_key=True)  # article, lesson or module (content.loading.ids)
    content_id = db.Column(db.String(100), primary_key=True)
    path = db.Column(db.Text, nullable=False)
    recorded_at = db.Column(db.DateTime, nullable=False, default=utcnow)  # when this file became the keeper
