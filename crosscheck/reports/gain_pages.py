"""The gain report pages of a pre-test / post-test pair (they join the reports blueprint)."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.service import class_for_teacher_or_404
from crosscheck.reports.csv import csv_response
from crosscheck.reports.gain import build_gain_report
from crosscheck.reports.routes import STAFF, _assigned_module_or_404, bp


def _gain_report(class_id: int, module_id: str):
    """The class and the gain report of one of its assigned post-tests (404 for any other module)."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    _assigned_module_or_404(class_id, module_id)
    catalog = get_catalog()
    post = catalog.quizzes.get(module_id)
    pre = catalog.quizzes.get(post.pre_test) if post is not None and post.pre_test else None
    if pre is None:
        abort(404, description="That quiz module is not the post-test of a pair.")
    return classroom, build_gain_report(class_id, post, pre)


@bp.route("/gain/<module_id>")
@allow(*STAFF)
def gain(class_id: int, module_id: str):
    """Pre-test, post-test and normalised gain per student, per skill and for the class."""
    classroom, report = _gain_report(class_id, module_id)
    return render_template("reports/gain.html", classroom=classroom, report=report, module_id=module_id)


@bp.route("/gain/<module_id>.csv")
@allow(*STAFF)
def gain_csv(class_id: int, module_id: str):
    """The gain report as CSV: one row per student, then the class."""
    classroom, report = _gain_report(class_id, module_id)
    return csv_response(f"{classroom.name}-{module_id}-gain.csv", *report.csv_table())
