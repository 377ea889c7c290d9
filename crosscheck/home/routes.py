"""The landing page and each role's starting page."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import text

from crosscheck.access import public
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.forms import JoinForm
from crosscheck.classes.service import student_counts, visible_classes
from crosscheck.extensions import db
from crosscheck.home.dashboard import build_dashboard
from crosscheck.home.rows import task_rows
from crosscheck.stamps.remember import remembered, student_stamp

bp = Blueprint("home", __name__)


@bp.route("/")
@public
def index():
    """Visitors see what Crosscheck is; students their dashboard; teachers and admins their classes."""
    catalog = get_catalog()
    if not current_user.is_authenticated:
        return render_template("home/landing.html", stories=catalog.stories.values())
    if current_user.role == "student":
        dashboard = _dashboard(current_user.id)
        return render_template(
            "home/dashboard.html",
            dashboard=dashboard,
            stories=catalog.stories.values(),
            join_form=JoinForm(),
            task_rows=task_rows,
        )
    classes = visible_classes(current_user, include_archived=False)
    return render_template(
        "home/index.html",
        stories=catalog.stories.values(),
        catalog=catalog,
        classes=classes,
        counts=student_counts([c.id for c in classes]),
    )


def _dashboard(student_id: int):
    """The student's dashboard, built again only when their stamp or the time says so."""

    def build(catalog, now):
        dashboard = build_dashboard(student_id, catalog, now)
        return dashboard, dashboard.next_change(now)

    return remembered("dashboards", ("dashboard", student_id), lambda: student_stamp(student_id), build)


@bp.route("/health")
@public
def health():
    """For load balancers and the benchmark baseline: the app answers and its database responds."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}


@bp.route("/health/bare")
@public
def health_bare():
    """The process answers, without touching the database: the benchmark's baseline (a bare Flask route)."""
    return {"status": "ok"}
