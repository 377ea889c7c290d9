"""The app's one Catalog, loaded at start-up and shared read-only by every request."""

from __future__ import annotations

from flask import abort, current_app

from crosscheck.content.articles import Article
from crosscheck.content.catalog import Catalog


def get_catalog() -> Catalog:
    """The catalog create_app loaded."""
    return current_app.extensions["crosscheck.catalog"]


def article_or_404(article_id: str) -> Article:
    """The article with this id, or a 404 page."""
    article = get_catalog().article(article_id)
    if article is None:
        abort(404, description=f"There is no article {article_id!r}.")
    return article
