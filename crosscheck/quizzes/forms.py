"""Quiz forms: a button form for start and submit, and each item type's answer form."""

from __future__ import annotations

from flask import g, request
from flask_wtf import FlaskForm
from wtforms import SubmitField

from crosscheck.items.fields import plain_data


class StartForm(FlaskForm):
    """Start or resume an attempt (a POST with the CSRF token)."""

    submit = SubmitField("Start")


class SubmitAttemptForm(FlaskForm):
    """Hand the attempt in."""

    submit = SubmitField("Submit my answers")


def answer_form(kind, view: dict) -> FlaskForm:
    """The item type's answer fields on a CSRF-protected form; reads the request's form data on POST."""
    # A class per call: the fields' choices and labels depend on the view.
    fields = {**kind.form_fields(view), "submit": SubmitField("Save my answer")}
    form_class = type(f"{kind.name.title()}AnswerForm", (FlaskForm,), fields)
    # WTForms lists a class's fields on its first use by looking through dir() of the class, FlaskForm's many
    # attributes included: two thirds of the form's cost, on every answer and question page. The same list in
    # WTForms' order (by creation, then name), given here.
    form_class._unbound_fields = sorted(fields.items(), key=lambda pair: (pair[1].creation_counter, pair[0]))
    return form_class()


def plain_answer(kind, view: dict) -> dict | None:
    """The answer form's data from a plainly valid POST without building the form (items.fields), or None."""
    # Only where CSRFProtect has checked the token (the form's own check would trust that too), and never for a
    # post WTForms reads otherwise (files, JSON) or one it must explain: those build the form.
    if request.method != "POST" or not g.get("csrf_valid") or request.files or not request.form:
        return None
    return plain_data(kind.form_fields(view), request.form)
