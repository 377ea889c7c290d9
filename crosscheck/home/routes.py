"""The landing page and each role's starting page."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import text

from crosscheck.access import public
from crosscheck.catalog_access import get_catalog
from crosscheck.extensions import db

bp = Blueprint("home", __name__)


@bp.route("/")
@public
def index():
    """Visitors see what Crosscheck is; signed-in users see where to go next."""
    catalog = get_catalog()
    if not current_user.is_authenticated:
        return render_template("home/landing.html", stories=catalog.stories.values())
    return render_template("home/index.html", stories=catalog.stories.values(), catalog=catalog)


@bp.route("/health")
@public
def health():
    """For load balancers and the benchmark baseline: the app answers and its database responds."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
