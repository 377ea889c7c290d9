"""WTForms fields the item types' answer forms share (plain WTForms: no Flask here), and how a plainly valid
post of them reads without building the form.

Answering is the busiest write, and building and validating the answer form cost a sixth of its instructions. Each field
made here carries `plain_read`: given the values a browser posted under its name, the field's data as WTForms
would give it after validating, or None when the post is not plainly valid (missing, empty, not one of the
choices), where WTForms must decide and say what is wrong. tests/quizzes/test_plain_answers.py checks every
item type's fields against WTForms' own reading.
"""

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
    field = RadioField(label, choices=_choices(choices), validators=[InputRequired(message="Choose an answer.")])
    return _reads(field, _first_of(frozenset(value for value, _ in choices if value)))


def some_of(label: str, choices: list[tuple[str, str]], message: str) -> MultiCheckboxField:
    """A checkbox group that needs at least one tick."""
    field = MultiCheckboxField(label, choices=_choices(choices), validators=[AtLeastOne(message)])
    return _reads(field, _all_of(frozenset(value for value, _ in choices)))


def pick(label: str, choices: list[tuple[str, str]]) -> SelectField:
    """A required drop-down with an empty first entry."""
    field = SelectField(
        label, choices=_choices([("", "Choose…"), *choices]), validators=[DataRequired(message="Choose a match.")]
    )
    return _reads(field, _first_of(frozenset(value for value, _ in choices if value.strip())))


def _reads(field, plain_read):
    """The unbound field with its plain reader (see the module's docstring)."""
    field.plain_read = plain_read
    return field


def _first_of(allowed: frozenset[str]):
    """A radio group's or drop-down's reader: the first value posted, if it is one of `allowed`."""
    # WTForms keeps the first value; its choice check and InputRequired/DataRequired refuse anything else.
    return lambda values: values[0] if values and values[0] in allowed else None


def _all_of(allowed: frozenset[str]):
    """A checkbox group's reader: every value posted, in order, each a choice, and at least one."""
    return lambda values: list(values) if values and all(value in allowed for value in values) else None


def plain_data(fields: dict, posted) -> dict | None:
    """WTForms' data for `posted` (a MultiDict) on these unbound fields if each reads plainly, else None."""
    data = {}
    for name, field in fields.items():
        read = getattr(field, "plain_read", None)
        value = None if read is None else read(posted.getlist(name))
        if value is None:
            return None
        data[name] = value
    return data
