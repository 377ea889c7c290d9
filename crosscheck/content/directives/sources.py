"""The sources directive: for each source an article cites, the chain from who said it to the outlet."""

from __future__ import annotations

from pydantic import Field

from crosscheck.content.annotations import SOURCE_KINDS
from crosscheck.content.directives.base import DirectiveContext, h, outlet_html, reader_link
from crosscheck.content.validation import Strict, did_you_mean

ACCESS_LABELS = {"direct": "outlet's access: direct", "relayed": "outlet's access: relayed"}


class SourcesOptions(Strict):
    """```sources: the articles whose source chains to show, optionally only one kind of source."""

    articles: list[str] = Field(min_length=1)
    kind: str | None = None


def render_sources(ctx: DirectiveContext, options: SourcesOptions) -> str:
    """For every source an article cites: who said it, who relayed it, and the outlet that printed it."""
    articles = [ctx.article(("articles", n), a) for n, a in enumerate(options.articles)]
    if options.kind is not None and options.kind not in SOURCE_KINDS:
        ctx.error(("kind",), f"unknown source kind {options.kind!r}" + did_you_mean(options.kind, SOURCE_KINDS))
    if ctx.problems:
        return ""
    items = []
    for article in articles:
        for source in ctx.catalog.sources_by_article(article.id):
            if options.kind in (None, source.kind):
                items.append(_chain_item(article, source))
    if not items:
        ctx.error(
            ("articles",),
            "these articles have no annotated source" + (f" of kind {options.kind!r}" if options.kind else ""),
        )
        return ""
    return (
        '<div class="source-chain"><p class="legend">Each chain reads: who said it → who passed it on → '
        'the outlet that printed it.</p><ul class="plain">' + "".join(items) + "</ul></div>"
    )


def _chain_item(article, source) -> str:
    """One source as an ordered chain, with its kind, how the outlet reached it, and the passage."""
    steps = []
    for n, step in enumerate(source.chain):
        label = outlet_html(article) if step == article.outlet_label and n == len(source.chain) - 1 else h(step)
        relay = '<span class="visually-hidden">passed on to </span>' if n else ""
        steps.append(f"<li>{relay}{label}</li>")
    passage = reader_link(article, source.location, f"“{source.location.text}”")
    return (
        f'<li><ol class="chain">{"".join(steps)}</ol><p class="chain-meta"><span class="tag">{h(source.kind_label)}</span> '
        f'<span class="tag">{h(ACCESS_LABELS.get(source.access, source.access))}</span> Where the text says so: '
        f"{passage}</p></li>"
    )
