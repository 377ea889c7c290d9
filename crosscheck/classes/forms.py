"""Forms to run a class: create, co-teacher, assign work, one-button actions; and the student's join form."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from crosscheck.timezone import FIRST_DUE_DAY, LAST_DUE_DAY, school_today


def _day(day) -> str:
    """'1 Jan 2000'."""
    return f"{day.day} {day:%b %Y}"


def due_day_in_range(_form, field) -> None:
    """Refuse a due date no school means (9999-12-31, 0001-01-01): the range is timezone.py's."""
    if field.data is not None and not FIRST_DUE_DAY <= field.data <= LAST_DUE_DAY:
        raise ValidationError(f"Choose a due date between {_day(FIRST_DUE_DAY)} and {_day(LAST_DUE_DAY)}.")


def past_day_error(day: date | None, today: date, what: str = "A due date") -> str | None:
    """The error for a due date before today (set then, the work is late for everyone at once); None if fine.

    The one rule for every due date a teacher sets: the class's (AssignForm) and a student's own (extensions).
    """
    if day is not None and day < today:
        return f"{what} cannot be in the past: today is {_day(today)}."
    return None


def due_day_not_past(_form, field) -> None:
    """Refuse a due date before today in the school's zone (past_day_error); a date out of range says so alone."""
    error = None if field.errors else past_day_error(field.data, school_today())
    if error:
        raise ValidationError(error)


class ClassCreateForm(FlaskForm):
    """A new class needs only a name; the join code is generated."""

    name = StringField("Class name", validators=[DataRequired(), Length(max=100)])
    submit = SubmitField("Create class")


def join_code_field() -> StringField:
    """The join code as a student types it (sign-up and Join a class); classes/joining.py reads it."""
    return StringField("Class join code", validators=[DataRequired(), Length(max=16)])


class JoinForm(FlaskForm):
    """A signed-in student joins another class with its join code."""

    join_code = join_code_field()
    submit = SubmitField("Join class")


class CoTeacherForm(FlaskForm):
    """Add a co-teacher by the username of their teacher account."""

    username = StringField("Teacher's username", validators=[DataRequired(), Length(max=64)])
    submit = SubmitField("Add co-teacher")


def work_choices(groups: dict[str, list[tuple[str, str]]]) -> list[SelectChoice]:
    """The lessons and quiz modules grouped, after an empty first choice (none when there is nothing to pick).

    A required select starts on a choice that is no choice (HTML requires it): nothing is assigned or placed
    by a teacher who did not pick.
    """
    options = [SelectChoice(value, label, optgroup=group) for group, items in groups.items() for value, label in items]
    return [SelectChoice("", "Choose…"), *options] if options else []


class AssignForm(FlaskForm):
    """Assign a lesson or quiz module, with an optional due date (today or later); again: change the due date."""

    work = SelectField(
        "Lesson or quiz module", validators=[DataRequired("Choose a lesson or quiz module.")], validate_choice=True
    )
    due = DateField("Due date (optional)", validators=[Optional(), due_day_in_range, due_day_not_past])
    submit = SubmitField("Assign")

    def set_choices(self, groups: dict[str, list[tuple[str, str]]]) -> None:
        """Fill the select with the catalog's lessons and quiz modules, grouped."""
        self.work.choices = work_choices(groups)

    @property
    def kind_and_target(self) -> tuple[str, str]:
        """('quiz', 'spot-unverified') from the chosen 'quiz:spot-unverified'."""
        kind, _, target = self.work.data.partition(":")
        return kind, target


class ActionForm(FlaskForm):
    """A form with only a CSRF token and a button: regenerate, archive, remove, restore, unassign."""

    submit = SubmitField("Go")


def assignable(catalog) -> dict[str, list[tuple[str, str]]]:
    """Choices for the assignment form, grouped: lessons in their order, then quiz modules by title."""
    lessons = sorted(catalog.lessons.values(), key=lambda lesson: (lesson.order, lesson.title))
    quizzes = sorted(catalog.quizzes.values(), key=lambda module: module.title.lower())
    groups = {}
    if lessons:
        groups["Lessons"] = [(f"lesson:{lesson.id}", lesson.title) for lesson in lessons]
    if quizzes:
        groups["Quiz modules"] = [(f"quiz:{module.id}", module.title) for module in quizzes]
    return groups
