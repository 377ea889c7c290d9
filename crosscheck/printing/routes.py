"""Printable pages: a module's worksheet and answer key (teachers and admins), a lesson (anyone signed in).

They are ordinary pages with print CSS (static/css/print.css): the browser's Print makes the paper or PDF;
no JavaScript is needed.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from crosscheck.access import SIGNED_IN, allow
from crosscheck.catalog_access import get_catalog
from crosscheck.printing.sheets import sheet_items
from crosscheck.quizzes.lookups import module_or_404

bp = Blueprint("printing", __name__, url_prefix="/print")
STAFF = ("teacher", "admin")


@bp.route("/quizzes/<module_id>")
@allow(*STAFF)
def worksheet(module_id: str):
    """The module as a worksheet: every item in order, options lettered, sentences numbered, room to write."""
    module = module_or_404(module_id)
    return render_template("printing/worksheet.html", module=module, items=sheet_items(module))


@bp.route("/quizzes/<module_id>/key")
@allow(*STAFF)
def answer_key(module_id: str):
    """The worksheet's answer key: the right letters or numbers, feedback and explanations."""
    module = module_or_404(module_id)
    return render_template("printing/answer_key.html", module=module, items=sheet_items(module))


@bp.route("/lessons/<lesson_id>")
@allow(*SIGNED_IN)
def lesson(lesson_id: str):
    """A lesson on paper: objectives, the articles it uses, its body."""
    catalog = get_catalog()
    lesson = catalog.lessons.get(lesson_id)
    if lesson is None:
        abort(404, description=f"There is no lesson {lesson_id!r}.")
    articles = [catalog.articles[a] for a in lesson.articles if a in catalog.articles]
    return render_template("printing/lesson.html", lesson=lesson, articles=articles)
