"""The form a teacher gives accommodations with: which work, which students, an own due date, extra attempts."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, SubmitField
from wtforms.validators import DataRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from crosscheck.classes.accommodations import MAX_EXTRA_ATTEMPTS
from crosscheck.classes.forms import past_day_error
from crosscheck.timezone import LAST_DUE_DAY


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes: a group of students picked without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AccommodationForm(FlaskForm):
    """One accommodation for one student or a group; the view checks it against the work and today."""

    work = SelectField("Work", validators=[DataRequired("Choose the work.")], coerce=int, validate_choice=True)
    students = CheckboxesField(
        "Students", validators=[DataRequired("Choose at least one student.")], coerce=int, validate_choice=True
    )
    due = DateField("Their own due date (optional)", validators=[Optional()])
    extra_attempts = IntegerField(
        "Extra attempts (quiz modules; optional)",
        validators=[Optional(), NumberRange(0, MAX_EXTRA_ATTEMPTS, f"From 0 to {MAX_EXTRA_ATTEMPTS}.")],
    )
    submit = SubmitField("Save")

    def check_terms(self, kind: str, class_due, today: date) -> bool:
        """The rules no field checks alone: something to give, a date ahead and after the class's. False on error."""
        extra = self.extra_attempts.data or 0
        if self.due.data is None and not extra:
            self.due.errors.append("Give a due date, extra attempts, or both.")
            return False
        if extra and kind != "quiz":
            self.extra_attempts.errors.append("Only quiz modules have attempts.")
            return False
        day = self.due.data
        if day is None:
            return True
        past = past_day_error(day, today, "An extension")
        if class_due is None:
            self.due.errors.append("This work has no due date, so there is nothing to extend.")
        elif past:
            self.due.errors.append(past)
        elif day > LAST_DUE_DAY:  # the range every due date keeps (timezone.py)
            self.due.errors.append(f"Choose a day up to {LAST_DUE_DAY:%-d %b %Y}.")
        elif day <= class_due:
            self.due.errors.append(f"Choose a day after the class due date, {class_due:%-d %b %Y}.")
        return not self.due.errors
