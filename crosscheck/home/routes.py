"""The landing page and each role's starting page."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from crosscheck.access import public
from crosscheck.catalog_access import get_catalog

bp = Blueprint("home", __name__)


@bp.route("/")
@public
def index():
    """Visitors see what Crosscheck is; signed-in users see where to go next."""
    catalog = get_catalog()
    if not current_user.is_authenticated:
        return render_template("home/landing.html", stories=catalog.stories.values())
    return render_template("home/index.html", stories=catalog.stories.values(), catalog=catalog)
