"""Report pages and their CSV downloads. Teachers see their classes, admins every class, students their own work.

A role that may never open a report gets 403 (from @allow); a class or student that is not the reader's gets
404, the same answer as an id that does not exist, so guessing ids reveals nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from markupsafe import Markup

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.service import class_for_teacher_or_404, is_assigned, student_in_class_or_404
from crosscheck.reports.csv import csv_response
from crosscheck.reports.drilldown import build_student_report
from crosscheck.reports.items import build_item_analysis, item_csv_table
from crosscheck.reports.matrix import build_matrix
from crosscheck.reports.overview import build_overview
from crosscheck.reports.svg import HEAT_LEGEND, heat_bin
from crosscheck.stamps.remember import remembered_drill_down, remembered_report
from crosscheck.timezone import utcnow

bp = Blueprint("reports", __name__, url_prefix="/reports/classes/<int:class_id>")
STAFF = ("teacher", "admin")
FEW_ATTEMPTS = 10  # below this, the item analysis warns that discrimination is unstable
bp.app_template_filter("heat_bin")(heat_bin)


def _body(template: str, **context) -> Markup:
    """A report's part below its tabs, as HTML to keep (it holds no form, token or reader's name)."""
    return Markup(render_template(template, **context))


@bp.route("/overview")
@allow(*STAFF)
def overview(class_id: int):
    """Students by assignments: state, score, late; sortable with ?sort=&dir= links."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    sort, direction = request.args.get("sort", "name"), request.args.get("dir", "asc")

    def build(catalog, now):
        report = build_overview(class_id, catalog, now, sort, direction)
        return _body("reports/_overview_body.html", classroom=classroom, report=report), report.next_change(now)

    body = remembered_report(("overview", sort, direction), classroom, build)
    return render_template("reports/overview.html", classroom=classroom, body=body)


@bp.route("/overview.csv")
@allow(*STAFF)
def overview_csv(class_id: int):
    """The overview as CSV: one row per student, a column per assignment."""
    classroom = class_for_teacher_or_404(current_user, class_id)

    def build(catalog, now):
        report = build_overview(class_id, catalog, now)
        return report.csv_table(), report.next_change(now)

    return csv_response(f"{classroom.name}-overview.csv", *remembered_report(("overview.csv",), classroom, build))


@bp.route("/skills")
@allow(*STAFF)
def skills(class_id: int):
    """Students by skills as a heat map, with the class average per skill."""
    classroom = class_for_teacher_or_404(current_user, class_id)

    def build(catalog, _now):
        report = build_matrix(class_id, catalog)
        return _body("reports/_skills_body.html", classroom=classroom, report=report, legend=HEAT_LEGEND), None

    body = remembered_report(("skills",), classroom, build)
    return render_template("reports/skills.html", classroom=classroom, body=body)


@bp.route("/skills.csv")
@allow(*STAFF)
def skills_csv(class_id: int):
    """The skill matrix as CSV: one row per student, a column per skill."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    table = remembered_report(
        ("skills.csv",), classroom, lambda catalog, _now: (build_matrix(class_id, catalog).csv_table(), None)
    )
    return csv_response(f"{classroom.name}-skills.csv", *table)


def _assigned_module_or_404(class_id: int, module_id: str) -> str:
    """The module's title if it is assigned to the class; 404 otherwise."""
    if not is_assigned(class_id, "quiz", module_id):
        abort(404, description="That quiz module is not assigned to this class.")
    return _module_title(get_catalog(), module_id)


def _module_title(catalog, module_id: str) -> str:
    """A module's title in this catalog (its id once it has left the catalog)."""
    module = catalog.quizzes.get(module_id)
    return module.title if module else module_id


@bp.route("/items/<module_id>")
@allow(*STAFF)
def items(class_id: int, module_id: str):
    """Item analysis of one assigned module."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    title = _assigned_module_or_404(class_id, module_id)

    def build(catalog, _now):  # the title from the catalog the page is built (and kept) for
        report = build_item_analysis(class_id, module_id, catalog, _module_title(catalog, module_id))
        return _body("reports/_items_body.html", classroom=classroom, report=report, few_attempts=FEW_ATTEMPTS), None

    body = remembered_report(("items", module_id), classroom, build)
    return render_template("reports/items.html", classroom=classroom, title=title, body=body)


@bp.route("/items/<module_id>.csv")
@allow(*STAFF)
def items_csv(class_id: int, module_id: str):
    """Item analysis as CSV: one row per student, a column per item, then the item figures."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    _assigned_module_or_404(class_id, module_id)

    def build(catalog, _now):
        analysis = build_item_analysis(class_id, module_id, catalog, _module_title(catalog, module_id))
        return item_csv_table(analysis, class_id), None

    table = remembered_report(("items.csv", module_id), classroom, build)
    return csv_response(f"{classroom.name}-{module_id}-items.csv", *table)


def _drill_down(class_id: int, student_id: int, page: str, make):
    """The class, student and enrolment, and `make(classroom, student, report)`, if the reader may see this
    student's work. Staff get what was kept while nothing it reads has changed; a student's own page is built
    each time (when it reveals answers depends on the module's terms and the time, which no stamp covers)."""
    classroom, student, enrollment = student_in_class_or_404(current_user, class_id, student_id)
    for_student = current_user.role == "student"

    def build(catalog, now):
        report = build_student_report(class_id, student_id, catalog, now, for_student)
        return make(classroom, student, report), report.next_change(now)

    if for_student:
        return classroom, student, enrollment, build(get_catalog(), utcnow())[0]
    return classroom, student, enrollment, remembered_drill_down((page,), classroom, student_id, build)


@bp.route("/students/<int:student_id>")
@allow("student", *STAFF)
def student(class_id: int, student_id: int):
    """Every attempt and answer of one student, each item shown as it was when answered."""

    def below_heading(classroom, student, report):
        return _body("reports/_student_body.html", classroom=classroom, student=student, report=report)

    classroom, student, enrollment, body = _drill_down(class_id, student_id, "student", below_heading)
    return render_template(
        "reports/student.html", classroom=classroom, student=student, enrollment=enrollment, body=body
    )


def _csv_table(_classroom, _student, report) -> tuple[list[str], list[list]]:
    """The drill-down's CSV header and rows."""
    return report.csv_table()


@bp.route("/students/<int:student_id>.csv")
@allow("student", *STAFF)
def student_csv(class_id: int, student_id: int):
    """The drill-down as CSV: one row per answer."""
    classroom, student, _, table = _drill_down(class_id, student_id, "student.csv", _csv_table)
    return csv_response(f"{classroom.name}-{student.username}.csv", *table)


from crosscheck.reports import gain_pages  # noqa: E402,F401  (its views join this blueprint)
