"""Forms for registering an LMS and for picking the work a deep link places."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from crosscheck.lti.platforms import PlatformFields, split_ids


class PlatformForm(FlaskForm):
    """An LMS registration: what its administrator's tool page shows."""

    name = StringField("Name", validators=[DataRequired(), Length(max=100)])
    issuer = StringField("Issuer (iss)", validators=[DataRequired(), Length(max=255)])
    client_id = StringField("Client id", validators=[DataRequired(), Length(max=255)])
    deployment_ids = TextAreaField("Deployment ids", validators=[DataRequired(), Length(max=2000)])
    auth_login_url = StringField("Authentication (OIDC) URL", validators=[DataRequired(), Length(max=500)])
    auth_token_url = StringField("Access token URL", validators=[Optional(), Length(max=500)])
    key_set_url = StringField("Public key set URL", validators=[DataRequired(), Length(max=500)])
    auth_audience = StringField("Access token audience (if the LMS asks for one)", validators=[Length(max=500)])
    admin_role = SelectField(
        "LMS administrators become",
        choices=[SelectChoice("teacher", "teachers"), SelectChoice("admin", "Crosscheck admins")],
    )
    no_role = SelectField(
        "Launches with no role",
        choices=[SelectChoice("refuse", "are refused"), SelectChoice("student", "come in as students")],
    )
    submit = SubmitField("Save platform")

    def fields(self) -> PlatformFields:
        """The form's values for the registration service."""
        return PlatformFields(
            name=self.name.data or "",
            issuer=self.issuer.data or "",
            client_id=self.client_id.data or "",
            deployment_ids=split_ids(self.deployment_ids.data or ""),
            auth_login_url=self.auth_login_url.data or "",
            auth_token_url=self.auth_token_url.data or "",
            key_set_url=self.key_set_url.data or "",
            auth_audience=self.auth_audience.data or "",
            admin_role=self.admin_role.data,
            no_role=self.no_role.data,
        )


class DeepLinkForm(FlaskForm):
    """The lesson or quiz module to place in the LMS course."""

    work = SelectField("Lesson or quiz module", validators=[DataRequired()], validate_choice=True)
    submit = SubmitField("Place in course")

    @property
    def kind_and_target(self) -> tuple[str, str]:
        """('quiz', 'spot-unverified') from the chosen 'quiz:spot-unverified'."""
        kind, _, target = self.work.data.partition(":")
        return kind, target
