"""One page: every conflict, unverified claim, source chain, quote drift and page furniture, with who covers it."""

from __future__ import annotations

from flask import Blueprint, render_template

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.content.coverage import KINDS, coverage, summary

bp = Blueprint("coverage", __name__, url_prefix="/coverage")

KIND_HELP = {
    "figure conflict": "Figures for one quantity that cannot all be true, or that the annotations say disagree.",
    "unverified claim": "Claims the annotations mark as unverified or disputed.",
    "source chain": "Every source a text cites, from who said it to the outlet that printed it.",
    "quote drift": "The same words as two or more outlets printed them, when the words differ.",
    "page furniture": "Lines captured with a page that are not the article.",
}


@bp.route("/")
@allow("teacher", "admin")
def index():
    """The coverage table of the loaded catalogue, kind by kind, rows not covered first."""
    catalog = get_catalog()
    rows = coverage(catalog)
    sections = [
        (kind, KIND_HELP[kind], sorted((r for r in rows if r.kind == kind), key=lambda r: r.covered)) for kind in KINDS
    ]
    missing = [r for r in rows if not r.covered]
    return render_template(
        "coverage/index.html",
        sections=sections,
        summary=summary(rows),
        missing=missing,
        lessons=catalog.lessons,
        modules=catalog.quizzes,
        articles=catalog.articles,
    )
