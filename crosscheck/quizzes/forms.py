"""Quiz forms: a button form for start and submit, and each item type's answer form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField


class StartForm(FlaskForm):
    """Start or resume an attempt (a POST with the CSRF token)."""

    submit = SubmitField("Start")


class SubmitAttemptForm(FlaskForm):
    """Hand the attempt in."""

    submit = SubmitField("Submit my answers")


def answer_form(kind, view: dict) -> FlaskForm:
    """The item type's answer fields on a CSRF-protected form; reads the request's form data on POST."""
    fields = {**kind.form_fields(view), "submit": SubmitField("Save my answer")}
    return type(f"{kind.name.title()}AnswerForm", (FlaskForm,), fields)()
