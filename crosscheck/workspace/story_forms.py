"""The forms of a new story's pages: an article's front matter and text, and the furniture toggles."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from crosscheck.content.articles import OUTLET_NOT_NAMED
from crosscheck.workspace.files import FILE_NAME, SLUG, is_article


def next_name(files: dict[str, str]) -> str:
    """A file name for the next article: 000, 001, ... (teachers add the outlet: 002-bbc)."""
    taken = {path.rsplit("/", 1)[-1].split("-")[0] for path in files if is_article(path)}
    number = next(n for n in range(1000) if f"{n:03d}" not in taken)
    return f"{number:03d}"


class ArticleForm(FlaskForm):
    """One outlet's article: what the text says about itself, and the text, pasted verbatim."""

    name = StringField(
        "File name (e.g. 002-bbc)", validators=[DataRequired(), Length(max=80), Regexp(FILE_NAME.pattern + "$")]
    )
    article_id = StringField(
        "Article id (used by lessons and quiz items)",
        validators=[DataRequired(), Length(max=100), Regexp(SLUG.pattern + "$", message="lowercase words and hyphens")],
    )
    outlet = StringField("Outlet, as the text names it", validators=[Optional(), Length(max=200)])
    outlet_not_named = BooleanField(f"The text does not name its outlet (shown as “{OUTLET_NOT_NAMED}”)")
    outlet_note = TextAreaField(
        "Where the text names the outlet, or why no outlet is named", validators=[DataRequired(), Length(max=1000)]
    )
    headline = StringField("Headline, exactly as in the text", validators=[Optional(), Length(max=500)])
    headline_note = StringField("If the text has no headline: why", validators=[Optional(), Length(max=500)])
    standfirst = StringField(
        "Standfirst (the line under the headline), if any", validators=[Optional(), Length(max=1000)]
    )
    date_as_stated = StringField("Date, as the text states it", validators=[Optional(), Length(max=200)])
    date_note = StringField(
        "Where the date comes from, or that the text states none", validators=[DataRequired(), Length(max=500)]
    )
    kind = SelectField(
        "Kind", choices=[SelectChoice("report", "Report"), SelectChoice("analysis", "Analysis")],
        validators=[DataRequired()],
    )  # fmt: skip
    source = StringField("Where it came from (web address or file name)", validators=[DataRequired(), Length(max=500)])
    text = TextAreaField("The text, pasted as captured (one paragraph a line)", validators=[DataRequired()])
    submit = SubmitField("Add the article")

    def validate(self, extra_validators=None) -> bool:
        """An outlet or the reason none is named; a headline or the reason there is none."""
        ok = super().validate(extra_validators)
        if not (self.outlet.data or "").strip() and not self.outlet_not_named.data:
            self.outlet.errors.append(f"Give the outlet, or tick “{self.outlet_not_named.label.text}”.")
            ok = False
        if (self.outlet.data or "").strip() and self.outlet_not_named.data:
            self.outlet.errors.append("Either name the outlet or say the text does not name it, not both.")
            ok = False
        if not (self.headline.data or "").strip() and not (self.headline_note.data or "").strip():
            self.headline_note.errors.append("Give the headline, or say why the text has none.")
            ok = False
        return ok

    def seed_parts(self) -> tuple[dict, str, str | None]:
        """The front matter, the body, and a note when the headline had to be put first in the body."""
        body = self.text.data.replace("\r\n", "\n").replace("\r", "\n")
        headline = (self.headline.data or "").strip() or None
        note = None
        if headline and headline not in [line.strip() for line in body.split("\n")]:
            body = f"{headline}\n\n{body}"
            note = "The headline was not a line of the text, so it was put first, as a captured page shows it."
        meta = {
            "id": self.article_id.data.strip(),
            "source": self.source.data.strip(),
            "outlet": None if self.outlet_not_named.data else self.outlet.data.strip(),
            "outlet_note": self.outlet_note.data.strip(),
            "headline": headline,
        }
        if not headline:
            meta["headline_note"] = self.headline_note.data.strip()
        meta.update(
            {
                "standfirst": (self.standfirst.data or "").strip() or None,
                "date_as_stated": (self.date_as_stated.data or "").strip() or None,
                "date_note": self.date_note.data.strip(),
                "kind": self.kind.data,
                "subheadings": [],
                "furniture": [],
            }
        )
        return meta, body, note


class FurnitureForm(FlaskForm):
    """The furniture toggles are plain fields named p<N> and kind<N>; this form carries the CSRF token."""

    submit = SubmitField("Save the furniture marks")
