"""Forms of the workspace: new document, upload, the editor, editors, copy, and one-button actions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from crosscheck.workspace.files import KIND_LABELS, MAX_SLUG


class NewDocumentForm(FlaskForm):
    """A new quiz module, lesson or story: its kind, its id (fixed from then on) and a title."""

    kind = SelectField(
        "Kind", choices=[SelectChoice(k, label) for k, label in KIND_LABELS.items()], validators=[DataRequired()]
    )
    slug = StringField(
        "Id (lowercase words and hyphens; fixed once made)", validators=[DataRequired(), Length(max=MAX_SLUG)]
    )
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Make it")


class UploadForm(FlaskForm):
    """A quiz module (.yaml), lesson (.md) or a zip laid out like the repository."""

    file = FileField("File (.yaml module, .md lesson, or .zip)", validators=[FileRequired()])
    submit = SubmitField("Upload")


class EditorForm(FlaskForm):
    """One file's text and the version it was based on (saves compare it)."""

    text = TextAreaField("Text", validators=[InputRequired()])
    base = HiddenField(validators=[InputRequired(), Regexp(r"^\d+$")])
    path = HiddenField(validators=[DataRequired()])
    submit = SubmitField("Save")


class ReplaceFileForm(FlaskForm):
    """Replace one file's text with an uploaded file (saved as a new version)."""

    file = FileField("Replace with a file", validators=[FileRequired()])
    base = HiddenField(validators=[InputRequired(), Regexp(r"^\d+$")])
    submit = SubmitField("Upload and save")


class CopyForm(FlaskForm):
    """Copy a document under a new id of one's own."""

    slug = StringField("Id of the copy", validators=[DataRequired(), Length(max=MAX_SLUG)])
    submit = SubmitField("Copy")


class EditorNameForm(FlaskForm):
    """Name another teacher who may edit."""

    username = StringField("Teacher's username", validators=[DataRequired(), Length(max=64)])
    submit = SubmitField("Add editor")


class ActionForm(FlaskForm):
    """A CSRF token and a button: publish, share, archive, delete and the like."""

    submit = SubmitField("Go")
