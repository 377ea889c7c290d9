"""The app's catalog: shipped files plus the school's published content, as the signed-in user may see it."""

from __future__ import annotations

from flask import abort, current_app, has_request_context

from crosscheck.content.articles import Article
from crosscheck.content.catalog import Catalog
from crosscheck.workspace.live import Served


def served() -> Served:
    """Everything this worker serves (checked against the database's content generation when due)."""
    current = current_app.extensions["crosscheck.live"].current()
    current_app.extensions["crosscheck.catalog"] = current.catalog  # the whole catalog, for commands and tests
    return current


def get_catalog() -> Catalog:
    """The catalog the signed-in user may see (outside a request: the whole served catalog)."""
    current = served()
    if not current.school or not has_request_context():
        return current.catalog
    from crosscheck.workspace.visibility import visible_catalog  # reads classes and quizzes tables

    return visible_catalog(current)


def assignable_catalog() -> Catalog:
    """The lessons and modules the signed-in teacher may assign (archived and others' unshared work left out)."""
    current = served()
    if not current.school:
        return current.catalog
    from crosscheck.workspace.visibility import assignable_catalog as assignable

    return assignable(current)


def article_or_404(article_id: str) -> Article:
    """The article with this id, or a 404 page."""
    article = get_catalog().article(article_id)
    if article is None:
        abort(404, description=f"There is no article {article_id!r}.")
    return article
