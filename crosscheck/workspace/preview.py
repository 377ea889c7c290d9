"""Preview a saved version as students get it: each item as a student sees it, then its answer and feedback;
a lesson as students read it; a story's articles in the reader. Nothing is stored.

The catalog used is the one the checker built with the version's files, so a draft previews exactly as it
would be served once published.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, render_template, request, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.items import item_type
from crosscheck.quizzes.answered import AnsweredItem
from crosscheck.quizzes.forms import answer_form
from crosscheck.quizzes.models import Response
from crosscheck.workspace import service
from crosscheck.workspace.routes import STAFF, bp, document_or_404
from crosscheck.workspace.service import WorkspaceError

PREVIEW_SEED = 1  # options in one fixed shuffled order, as one attempt would show them


@dataclass
class PreviewAnswer(AnsweredItem):
    """The key answer of an item, shown as a student sees a right answer with its feedback."""

    reading: list[dict] | None = None

    @property
    def links(self) -> list[dict]:
        """Where to read the passage, in this preview's catalog."""
        return self.reading or []


def _version_shown(doc):
    """The version to preview: ?version=N, else the newest (others than editors: the published one)."""
    if not service.can_edit(current_user, doc):
        return service.version_of(doc, doc.published_number)
    number = request.args.get("version", type=int)
    try:
        return service.version_of(doc, number)
    except WorkspaceError:
        abort(404, description=f"{doc.slug} has no version {number}.")


def _item_preview(number: int, item, module, catalog) -> dict:
    """One item twice: the question and answer form a student gets, then the key answer with its feedback."""
    kind = item_type(item.type)
    content = item.content
    view = kind.view(content, PREVIEW_SEED, module.settings.shuffle_options)
    key = kind.answer_key(content)
    score = kind.grade(content, key)
    response = Response(item_id=item.id, answer=key, points=score.points, max_points=score.max_points)
    review = kind.review(content, key, PREVIEW_SEED, module.settings.shuffle_options, True)
    reading = []
    for where in content.get("links", []):
        article = catalog.article(where["article"])
        label = f"{article.outlet_label}: {article.title}" if article else where["article"]
        reading.append(
            {"href": url_for("articles.reader", article_id=where["article"], _anchor=where["anchor"]), "label": label}
        )
    done = PreviewAnswer(number, content, response, review, True, reading)
    return {"number": number, "item": item, "kind": kind, "form": answer_form(kind, view), "done": done}


@bp.route("/<slug>/preview")
@allow(*STAFF)
def preview(slug: str):
    """The version as students get it (or, while it has errors, the errors that keep it from loading)."""
    doc = document_or_404(slug)
    shown = _version_shown(doc)
    result = service.check(doc, shown.files)
    catalog = result.catalog
    context = {"doc": doc, "version": shown, "result": result}
    if doc.kind == "quiz" and doc.slug in catalog.quizzes and not result.errors:
        module = catalog.quizzes[doc.slug]
        items = [_item_preview(n, item, module, catalog) for n, item in enumerate(module.items, start=1)]
        return render_template("workspace/preview_quiz.html", module=module, items=items, **context)
    if doc.kind == "lesson" and doc.slug in catalog.lessons and not result.errors:
        lesson = catalog.lessons[doc.slug]
        articles = [catalog.articles[a] for a in lesson.articles if a in catalog.articles]
        quiz = catalog.quizzes.get(lesson.quiz)
        return render_template("workspace/preview_lesson.html", lesson=lesson, articles=articles, quiz=quiz, **context)
    if doc.kind == "story" and doc.slug in catalog.stories:
        story = catalog.stories[doc.slug]
        return render_template(
            "workspace/preview_story.html", story=story, articles=catalog.articles_of(doc.slug), **context
        )
    return render_template("workspace/preview_broken.html", **context), 200


@bp.route("/<slug>/preview/articles/<article_id>")
@allow(*STAFF)
def preview_article(slug: str, article_id: str):
    """One article of a story in the reader, as students will read it."""
    doc = document_or_404(slug)
    shown = _version_shown(doc)
    catalog = service.check(doc, shown.files).catalog
    article = catalog.article(article_id)
    if doc.kind != "story" or article is None or article.story != doc.slug:
        abort(404, description=f"{slug} has no article {article_id!r} that loads.")
    return render_template(
        "workspace/preview_article.html",
        doc=doc,
        version=shown,
        article=article,
        show_furniture=request.args.get("furniture") == "show",
        reader_url=url_for(".preview_article", slug=slug, article_id=article_id),
    )
