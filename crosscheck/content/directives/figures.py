"""The figures directive: every outlet's figure for one quantity, who gave it, when, and which cannot agree."""

from __future__ import annotations

from crosscheck.content.directives.base import DirectiveContext, h, outlet_html, outlet_text, reader_link, table
from crosscheck.content.validation import Strict, did_you_mean

HEADINGS = ("Figure as printed", "Given by", "When", "Fits the others?")


class FiguresOptions(Strict):
    """```figures: a quantity key, optionally limited to some articles."""

    quantity: str
    articles: list[str] = []


def render_figures(ctx: DirectiveContext, options: FiguresOptions) -> str:
    """Every outlet's figure for one quantity, who gave it and when; figures that cannot all be true are marked."""
    quantity = ctx.catalog.quantities.get(options.quantity)
    if quantity is None:
        ctx.error(
            ("quantity",),
            f"unknown quantity key {options.quantity!r}" + did_you_mean(options.quantity, ctx.catalog.quantities),
        )
        return ""
    for n, article_id in enumerate(options.articles):
        ctx.article(("articles", n), article_id)
    figures = [
        f for f in ctx.catalog.figures_for(quantity.key) if f.article_id in options.articles or not options.articles
    ]
    if not figures:
        ctx.error(("quantity",), f"no figure for {quantity.key!r} is annotated in the articles chosen")
    if ctx.problems:
        return ""
    rows = []
    for figure in figures:
        article = ctx.catalog.articles[figure.article_id]
        ctx.articles_used.add(article.id)
        conflicts = [other for other in figures if figures_conflict(figure, other)]
        fits = _fits(ctx, figure, conflicts)
        css = ' class="disagrees"' if conflicts else ""
        when = h(figure.when) if figure.when else '<span class="muted">not stated</span>'
        rows.append(
            f'<tr{css}><th scope="row">{outlet_html(article)}</th>'
            f"<td>{reader_link(article, figure.location, figure.value)}</td><td>{h(figure.given_by)}</td>"
            f"<td>{when}</td><td>{fits}</td></tr>"
        )
    head = "".join(f'<th scope="col">{t}</th>' for t in HEADINGS)
    caption = f"{h(quantity.label)} <small>({h(quantity.unit)})</small>"
    return table("figures", caption, "Outlet", head, rows)


def _fits(ctx: DirectiveContext, figure, conflicts: list) -> str:
    """Yes, No with the figures it cannot agree with, or a note that words (not numbers) must be compared."""
    if figure.low is None and figure.high is None:
        return '<span class="muted">Not a number: compare the words</span>'
    if not conflicts:
        return "Yes"
    others = "; ".join(f"{h(outlet_text(ctx.catalog.articles[o.article_id]))} ({h(o.value)})" for o in conflicts)
    return f"<strong>No</strong>: cannot be true together with {others}"


def figures_conflict(a, b) -> bool:
    """True when the two figures' ranges cannot overlap (an open bound never conflicts on that side)."""
    if a is b:
        return False
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_high < b_low or b_high < a_low


def _bounds(figure) -> tuple[float, float]:
    """The figure's numeric range with open ends as infinities."""
    low = figure.low if figure.low is not None else float("-inf")
    high = figure.high if figure.high is not None else float("inf")
    return low, high
