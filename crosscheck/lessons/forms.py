"""The one lesson form: mark a lesson complete (a POST with a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField


class CompleteLessonForm(FlaskForm):
    """A button; the CSRF token is the only data."""

    submit = SubmitField("Mark as complete")
