"""Sign-up, sign-in, password and admin user forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from crosscheck.accounts.names import clean_display_name
from crosscheck.classes.forms import join_code_field

USERNAME_RULE = Regexp(r"^[A-Za-z0-9_.-]+$", message="Use letters, digits, dots, hyphens and underscores only.")
MIN_PASSWORD = 10
NEW_PASSWORD = [DataRequired(), Length(min=MIN_PASSWORD, max=200, message=f"Use at least {MIN_PASSWORD} characters.")]


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Sign in")


class SignupForm(FlaskForm):
    """A student joins with the code their teacher gave them."""

    display_name = StringField(
        "Your name (as your teacher will see it)",
        filters=[clean_display_name],
        validators=[DataRequired(), Length(max=100)],
    )
    username = StringField("Username", validators=[DataRequired(), Length(min=3, max=64), USERNAME_RULE])
    password = PasswordField("Password", validators=NEW_PASSWORD)
    confirm = PasswordField("Password again", validators=[DataRequired(), EqualTo("password", "The passwords differ.")])
    join_code = join_code_field()
    submit = SubmitField("Create account")


class PasswordResetForm(FlaskForm):
    """A new password, twice: an admin sets it for someone who forgot theirs."""

    new = PasswordField("New password", validators=NEW_PASSWORD)
    confirm = PasswordField("New password again", validators=[DataRequired(), EqualTo("new", "The passwords differ.")])
    submit = SubmitField("Set new password")


class PasswordChangeForm(PasswordResetForm):
    """Change one's own password; the current one is asked again."""

    current = PasswordField("Current password", validators=[DataRequired()])
    submit = SubmitField("Change password")


class UserCreateForm(FlaskForm):
    """An admin creates a teacher, admin or student account."""

    display_name = StringField("Name", filters=[clean_display_name], validators=[DataRequired(), Length(max=100)])
    username = StringField("Username", validators=[DataRequired(), Length(min=3, max=64), USERNAME_RULE])
    role = SelectField(
        "Role",
        choices=[
            SelectChoice("teacher", "Teacher"),
            SelectChoice("admin", "Admin"),
            SelectChoice("student", "Student"),
        ],
    )
    password = PasswordField("Initial password", validators=NEW_PASSWORD)
    submit = SubmitField("Create user")


class ActionForm(FlaskForm):
    """A button with only a CSRF token: unlock a sign-in."""

    submit = SubmitField("Go")
