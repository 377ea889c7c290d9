"""WTForms fields the item types' answer forms share (plain WTForms: no Flask here)."""

from __future__ import annotations

from wtforms import RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """Several choices, each a checkbox; only the offered values are accepted."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AtLeastOne:
    """At least one box must be ticked."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field) -> None:
        if not field.data:
            raise ValidationError(self.message)


def _choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def one_of(label: str, choices: list[tuple[str, str]]) -> RadioField:
    """A required radio group."""
    return RadioField(label, choices=_choices(choices), validators=[InputRequired(message="Choose an answer.")])


def some_of(label: str, choices: list[tuple[str, str]], message: str) -> MultiCheckboxField:
    """A checkbox group that needs at least one tick."""
    return MultiCheckboxField(label, choices=_choices(choices), validators=[AtLeastOne(message)])


def pick(label: str, choices: list[tuple[str, str]]) -> SelectField:
    """A required drop-down with an empty first entry."""
    return SelectField(
        label, choices=_choices([("", "Choose…"), *choices]), validators=[DataRequired(message="Choose a match.")]
    )
