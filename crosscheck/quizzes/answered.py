"""Items as the item and results pages show them: once answered, the content answered, the review and links to
read; for a match item quoting several articles, whose quote each entry is."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from crosscheck.catalog_access import get_catalog
from crosscheck.content.quizzes import QuizModule
from crosscheck.content.text import fold
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.items.base import verdict
from crosscheck.items.markup import render_markdown
from crosscheck.marking.models import Mark
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.quizzes.service import responses_of, versions_of


def reading_links(content: dict) -> list[dict]:
    """Reader links for an item's articles, labelled by outlet (or 'outlet not named in the text')."""
    links = []
    for where in content.get("links", []):
        article = get_catalog().article(where["article"])
        label = f"{article.outlet_label}: {article.title}" if article else where["article"]
        href = url_for("articles.reader", article_id=where["article"], _anchor=where["anchor"])
        links.append({"href": href, "label": label})
    return links


def quote_sources(content: dict) -> dict[str, str]:
    """For a match item quoting several articles: "left:<pair id>" / "right:<pair id>" -> the quote's outlet.

    Out of context a quoted figure could be any outlet's, so the student is told whose text it is. Nothing is
    shown when the quotes come from one article, or when an entry names one of the outlets: the item then
    asks which outlet printed what, and the outlet beside the quote would give the answer away.
    """
    if content.get("type") != "match":
        return {}
    catalog = get_catalog()
    quoted = {
        f"{side}:{pair['id']}": pair[f"{side}_link"]["article"]
        for pair in content["pairs"]
        for side in ("left", "right")
        if pair.get(f"{side}_link")
    }
    articles = [catalog.article(i) for i in set(quoted.values())]
    if len(articles) < 2 or None in articles:
        return {}
    entries = [fold(p[side]).lower() for p in content["pairs"] for side in ("left", "right") if p.get(side)]
    entries += [fold(r["text"]).lower() for r in content.get("rights", [])]
    outlets = {fold(a.outlet_label).lower() for a in articles}
    if any(outlet in entry for outlet in outlets for entry in entries):
        return {}
    labels = {a.id: source_label(a) for a in articles}
    return {key: labels[article_id] for key, article_id in quoted.items()}


def source_label(article) -> str:
    """The outlet, or the start of the headline when the text names no outlet."""
    if article.outlet:
        return article.outlet
    words = article.title.split()
    headline = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return f"“{headline}”, {article.outlet_label}"


@dataclass
class AnsweredItem:
    """An answered item as the student sees it afterwards (feedback only when revealed)."""

    number: int
    content: dict
    response: Response
    review: dict
    reveal: bool
    comment: str | None = None  # the marker's comment on a written answer (shown when revealed)

    @property
    def verdict(self) -> str:
        """correct, partly correct or not correct."""
        return verdict(self.response.points, self.response.max_points)

    @property
    def prompt(self):
        """The prompt as HTML."""
        return render_markdown(self.content["prompt"])

    @property
    def explanation(self):
        """The explanation as HTML (only used when revealed)."""
        return render_markdown(self.content.get("explanation")) if self.reveal else ""

    @property
    def links(self) -> list[dict]:
        """Where to read the passage (only when revealed: the link can name the source)."""
        return reading_links(self.content) if self.reveal else []

    @property
    def sources(self) -> dict[str, str]:
        """Each quoted match entry's outlet, when the quotes come from several articles (see quote_sources)."""
        return quote_sources(self.content)

    @property
    def template(self) -> str:
        """The item type's template."""
        return item_type(self.content["type"]).template


def marker_comments(response_ids: list[int]) -> dict[int, str]:
    """Response id -> the marker's comment, for the marked answers among them (no query when there are none)."""
    if not response_ids:
        return {}
    rows = db.session.execute(select(Mark.response_id, Mark.comment).where(Mark.response_id.in_(response_ids)))
    return {response_id: comment for response_id, comment in rows if comment}


def answered_items(attempt: Attempt, module: QuizModule, reveal: bool) -> dict[str, AnsweredItem]:
    """Every answered item of the attempt, shown with the content it was answered against."""
    responses = responses_of(attempt.id)
    contents = versions_of(responses)
    numbers = {item.id: n for n, item in enumerate(module.items, start=1)}
    comments = marker_comments([r.id for r in responses.values() if "level" in r.answer]) if reveal else {}
    answered = {}
    for item_id, response in responses.items():
        content = contents[item_id]
        kind = item_type(content["type"])
        review = kind.review(content, response.answer, attempt.order_seed, module.settings.shuffle_options, reveal)
        answered[item_id] = AnsweredItem(
            numbers.get(item_id, 0), content, response, review, reveal, comments.get(response.id)
        )
    return answered
