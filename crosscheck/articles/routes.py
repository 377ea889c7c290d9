"""Library of source articles, a reader with links to every sentence, and a compare view."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from crosscheck.access import SIGNED_IN, allow
from crosscheck.catalog_access import article_or_404, get_catalog

bp = Blueprint("articles", __name__, url_prefix="/articles")
MAX_COMPARE = 5


@bp.route("/")
@allow(*SIGNED_IN)
def library():
    """Every story's articles: outlet, headline, kind, date as stated, length."""
    catalog = get_catalog()
    stories = [(story, catalog.articles_of(story.id)) for story in catalog.stories.values()]
    return render_template("articles/library.html", stories=stories)


@bp.route("/<article_id>")
@allow(*SIGNED_IN)
def reader(article_id: str):
    """One article; furniture hidden unless ?furniture=show."""
    article = article_or_404(article_id)
    show_furniture = request.args.get("furniture") == "show"
    return render_template("articles/reader.html", article=article, show_furniture=show_furniture)


@bp.route("/compare")
@allow(*SIGNED_IN)
def compare():
    """Two to five articles side by side: headline, lead, and whom each quotes or cites."""
    catalog = get_catalog()
    chosen_ids = list(dict.fromkeys(request.args.getlist("a")))
    for article_id in chosen_ids:
        article_or_404(article_id)
    if len(chosen_ids) > MAX_COMPARE:
        abort(400, description=f"Compare at most {MAX_COMPARE} articles at once.")
    chosen = [catalog.articles[i] for i in chosen_ids]
    error = "Choose at least two articles to compare." if request.args and len(chosen) < 2 else None
    return render_template(
        "articles/compare.html",
        articles=list(catalog.articles.values()),
        chosen=chosen if len(chosen) >= 2 else [],
        chosen_ids=set(chosen_ids),
        error=error,
        cited=catalog_sources(catalog, chosen),
    ), 400 if error else 200


def catalog_sources(catalog, articles) -> dict[str, list]:
    """People and organisations each article quotes or cites, once each (by name and kind), in reading order."""
    cited = {}
    for article in articles:
        unique = {}
        for source in catalog.sources_by_article(article.id):
            unique.setdefault((source.name, source.kind), source)
        cited[article.id] = list(unique.values())
    return cited
