"""Teachers take a quiz module to another system (QTI 3.0, GIFT, Moodle XML) and bring QTI items in as a draft
module of their workspace."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.exchange.formats import FORMATS, download
from crosscheck.exchange.qti_import import ImportError_
from crosscheck.quizzes.lookups import module_or_404
from crosscheck.workspace.files import MAX_SLUG
from crosscheck.workspace.importing import take_in_qti
from crosscheck.workspace.service import WorkspaceError

bp = Blueprint("exchange", __name__)
STAFF = ("teacher", "admin")


@bp.route("/quizzes/<module_id>/export/<fmt>")
@allow(*STAFF)
def export(module_id: str, fmt: str):
    """The module as a download in one format (answer keys included: teachers and admins only)."""
    if fmt not in FORMATS:
        abort(404, description=f"There is no export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    data, filename, mimetype = download(fmt, module_or_404(module_id), get_catalog())
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


class ImportForm(FlaskForm):
    """A QTI 3.0 content package and the draft module's id and title."""

    package = FileField("QTI 3.0 content package (.zip)", validators=[FileRequired()])
    module_id = StringField("Id of the new module", validators=[DataRequired(), Length(max=MAX_SLUG)])
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Import as a draft")


@bp.route("/quizzes/import", methods=["GET", "POST"])
@allow(*STAFF)
def import_qti():
    """Save a package's choice and multi items as a draft module in the user's workspace, then open its editor
    (where the checker lists what QTI does not carry); what could not be mapped is listed by file."""
    form = ImportForm()
    error, problems = None, []
    if form.validate_on_submit():
        upload = form.package.data
        name = upload.filename or "package.zip"
        try:
            slug, result = take_in_qti(upload.read(), name, current_user, form.module_id.data, form.title.data)
        except ImportError_ as exc:
            error = str(exc)
        except WorkspaceError as exc:
            error, problems = str(exc), exc.problems
        else:
            flash(
                f"Imported {len(result.items)} item(s) from {name} as the draft {slug} in your workspace: give each "
                "item its skill and articles (the errors below), then preview and publish.",
                "success",
            )
            for problem in result.problems:
                flash(f"Not imported: {problem}", "info")
            return redirect(url_for("workspace.edit", slug=slug))
    status = 400 if error or (form.is_submitted() and form.errors) else 200
    return render_template("exchange/import.html", form=form, error=error, problems=problems), status


@bp.app_context_processor
def export_formats():
    """The formats, for the module page's download links."""
    return {"export_formats": FORMATS}
