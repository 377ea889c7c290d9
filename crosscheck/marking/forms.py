"""The marking form: a rubric level (radio buttons, number keys with JavaScript) and an optional comment."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from crosscheck.items.fields import MultiCheckboxField
from crosscheck.items.written import CONTROL, PlainTextArea

COMMENT_LIMIT = 2000


def _no_control_characters(form, field) -> None:
    """A comment with control characters is refused with the reason (they would break pages and PostgreSQL)."""
    if field.data and CONTROL.search(field.data):
        raise ValidationError("The comment contains control characters; remove them and save again.")


class MarkForm(FlaskForm):
    """Mark one answer: the level reached and a comment for the student."""

    level = RadioField("Level", validators=[InputRequired(message="Choose a level of the rubric.")])
    comment = PlainTextArea(
        "Comment for the student (optional)",
        validators=[
            Length(max=COMMENT_LIMIT, message=f"Keep the comment under {COMMENT_LIMIT} characters."),
            _no_control_characters,
        ],
        filters=[lambda text: text.replace("\r\n", "\n").strip() if text else text],
    )
    submit = SubmitField("Save mark and go to the next")

    def set_levels(self, rubric: list[dict]) -> None:
        """The item version's levels as choices, numbered as the number keys pick them."""
        self.level.choices = [
            (level["id"], f"{n} · {level['label']} ({level['points']} point{'' if level['points'] == 1 else 's'})")
            for n, level in enumerate(rubric, start=1)
        ]


class RegradeForm(FlaskForm):
    """Regrade the ticked answers, or all of them."""

    responses = MultiCheckboxField("Answers to regrade", choices=[])
    selected = SubmitField("Regrade the ticked answers")
    all = SubmitField("Regrade all")


class UndoForm(FlaskForm):
    """Undo one score change (a POST with the CSRF token)."""

    submit = SubmitField("Undo")
