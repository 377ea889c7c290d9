"""Teachers take a quiz module to another system (QTI 3.0, GIFT, Moodle XML) and bring QTI items in as a draft."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.exchange.formats import FORMATS, download
from crosscheck.exchange.qti_import import ImportError_, import_package
from crosscheck.quizzes.pages import module_or_404

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
    module_id = StringField("Id of the new module", validators=[DataRequired(), Length(max=80)])
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Import as a draft")


@bp.route("/quizzes/import", methods=["GET", "POST"])
@allow(*STAFF)
def import_qti():
    """Read a package's choice and multi items into a draft module file, listing what could not be mapped."""
    form = ImportForm()
    result, error = None, None
    if form.validate_on_submit():
        try:
            result = import_package(form.package.data.read(), form.module_id.data, form.title.data)
        except ImportError_ as exc:
            error = str(exc)
    status = 400 if error or (form.is_submitted() and form.errors) else 200
    return render_template("exchange/import.html", form=form, result=result, error=error, formats=FORMATS), status


@bp.app_context_processor
def export_formats():
    """The formats, for the module page's download links."""
    return {"export_formats": FORMATS}
