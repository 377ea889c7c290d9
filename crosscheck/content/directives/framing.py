"""The framing directive: how each article presents the event, one row per article, one column per aspect."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from crosscheck.content.directives.base import (
    DirectiveContext,
    h,
    outlet_html,
    outlet_text,
    paragraph_link,
    reader_link,
    table,
)
from crosscheck.content.validation import Strict

FRAMING_ROWS = ("headline", "lead", "first", "quotes", "hedges", "inferences", "furniture")
FRAMING_HEADINGS = {
    "headline": "Headline",
    "lead": "Lead (first paragraph)",
    "first": "What it puts first",
    "quotes": "Whom it quotes or cites",
    "hedges": "Hedges: uncertain, estimated, unverified or disputed",
    "inferences": "Inferences: the writer reasoning aloud",
    "furniture": "Page furniture (not the article)",
}


class FramingOptions(Strict):
    """```framing: the articles to compare, which aspects to show, and notes on what each puts first."""

    articles: list[str] = Field(min_length=1)
    show: list[Literal[FRAMING_ROWS]] = list(FRAMING_ROWS)  # type: ignore[valid-type]
    first: dict[str, str] = {}
    caption: str = "How each article frames the event"


def render_framing(ctx: DirectiveContext, options: FramingOptions) -> str:
    """One row per article, one column per aspect, every cell taken from the article or its annotations."""
    articles = [ctx.article(("articles", n), a) for n, a in enumerate(options.articles)]
    for article_id in options.first:
        if article_id not in options.articles:
            ctx.error(("first", article_id), f"{article_id!r} is not one of this table's articles")
    shown = [aspect for aspect in options.show if aspect != "first" or options.first]
    if "first" in shown:
        for n, article_id in enumerate(options.articles):
            if article_id not in options.first:
                ctx.error(("first",), f"say what {article_id!r} puts first (articles[{n}] has no entry)")
    if None in articles or ctx.problems:
        return ""
    head = "".join(f'<th scope="col">{FRAMING_HEADINGS[a]}</th>' for a in shown)
    rows = []
    for article in articles:
        cells = "".join(f"<td>{_framing_cell(ctx, article, aspect, options)}</td>" for aspect in shown)
        rows.append(f'<tr><th scope="row">{outlet_html(article)}</th>{cells}</tr>')
    return table("framing", ctx.markdown(("caption",), options.caption), "Article", head, rows)


def _framing_cell(ctx: DirectiveContext, article, aspect: str, options: FramingOptions) -> str:
    """The HTML of one aspect of one article."""
    catalog = ctx.catalog
    if aspect == "headline":
        headline = h(article.headline) if article.headline else '<span class="muted">No headline in the text</span>'
        standfirst = f"<br><small>{h(article.standfirst)}</small>" if article.standfirst else ""
        return headline + standfirst
    if aspect == "lead":
        link = paragraph_link(article, article.lead.id, "In context", hidden=f"({outlet_text(article)})")
        return f"{h(article.lead.text)} <small>{link}</small>"
    if aspect == "first":
        return ctx.markdown(("first", article.id), options.first[article.id])
    if aspect == "quotes":
        sources = catalog.sources_by_article(article.id)
        names = dict.fromkeys((s.name, s.kind_label) for s in sources)  # one line per source cited twice
        items = [f'{h(name)} <span class="tag">{h(kind)}</span>' for name, kind in names]
        return _list(items, "No sources annotated")
    if aspect == "hedges":
        return _list(_marked(article, catalog.claims_for(article.id), "hedges"), "No hedge annotated")
    if aspect == "inferences":
        return _list(_marked(article, catalog.claims_for(article.id), "inferences"), "No inference annotated")
    furniture = [p for p in article.paragraphs if p.is_furniture]
    items = [
        f'<span class="tag">{h(p.furniture_kind)}</span> {paragraph_link(article, p.id, p.text)}' for p in furniture
    ]
    return _list(items, "None captured")


def _marked(article, claims, kind: str) -> list[str]:
    """Each hedge (or inference) word of the article's claims once, in reading order, linked to where it stands."""
    seen: dict[str, str] = {}
    for claim in claims:
        for words in getattr(claim, kind):
            key = words.lower()
            if key not in seen:
                seen[key] = reader_link(article, claim.location, f"“{words}”")
    return list(seen.values())


def _list(items: list[str], empty: str) -> str:
    """A plain list of already-escaped items, or a muted note when there are none."""
    if not items:
        return f'<span class="muted">{h(empty)}</span>'
    return '<ul class="plain">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
