"""The timeline directive: events in the order the author sets, each dated in every text's own words.

The texts rarely give a calendar date ("on Sunday", "last month", "On January 20"), so the directive never
computes an order: the lesson lists the events in the order the texts allow, and each row shows how every
text that dates the event words it, linked to the sentence. An event is a date quantity (every figure of
it, by its value) or a list of figure ids (each figure's `when`, as the text states it, or its value when the
figure is itself a date).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from crosscheck.content.directives.base import DirectiveContext, outlet_html, reader_link, table
from crosscheck.content.validation import Strict, did_you_mean

DATE_UNITS = ("date", "day", "year")


class TimelineEvent(Strict):
    """One row: a quantity key or some figure ids, and an optional label (default: the quantity's label)."""

    label: str | None = None
    quantity: str | None = None
    figures: list[str] = []

    @model_validator(mode="after")
    def _one_kind(self) -> TimelineEvent:
        """An event is dated by one quantity or by a list of figures, not both."""
        if (self.quantity is None) == (not self.figures):
            raise ValueError("give the event either `quantity` or `figures` (not both, not neither)")
        if self.figures and not self.label:
            raise ValueError("an event dated by `figures` needs a `label`")
        return self


class TimelineOptions(Strict):
    """```timeline: the events, earliest first, and a caption."""

    events: list[TimelineEvent] = Field(min_length=1)
    caption: str = "When it happened, as each text dates it"


def render_timeline(ctx: DirectiveContext, options: TimelineOptions) -> str:
    """One row per event: its label, then every text's dating of it, each linked to its sentence."""
    by_id = {f.id: f for a in ctx.catalog.annotations.values() for f in a.figures}
    rows = []
    for n, event in enumerate(options.events):
        datings = _datings(ctx, n, event, by_id)
        if datings is None:
            continue
        label = event.label or ctx.catalog.quantities[event.quantity].label
        cells, seen = [], set()
        for figure, words in datings:
            if (figure.article_id, words) in seen:  # a text that dates the event twice alike ("Jan. 3") shows once
                continue
            seen.add((figure.article_id, words))
            article = ctx.catalog.articles[figure.article_id]
            ctx.articles_used.add(article.id)
            cells.append(f"<li>{outlet_html(article)}: {reader_link(article, figure.location, words)}</li>")
        rows.append(
            f'<tr><th scope="row">{ctx.markdown(("events", n, "label"), label)}</th>'
            f'<td><ul class="plain">{"".join(cells)}</ul></td></tr>'
        )
    if ctx.problems:
        return ""
    head = '<th scope="col">How each text dates it</th>'
    return table("timeline", ctx.markdown(("caption",), options.caption), "Event", head, rows)


def _datings(ctx: DirectiveContext, n: int, event: TimelineEvent, by_id: dict) -> list[tuple] | None:
    """(figure, the words that date it) for one event, or None after recording a problem."""
    if event.quantity is not None:
        quantities = ctx.catalog.quantities
        if event.quantity not in quantities:
            hint = did_you_mean(event.quantity, quantities)
            ctx.error(("events", n, "quantity"), f"unknown quantity key {event.quantity!r}{hint}")
            return None
        figures = ctx.catalog.figures_for(event.quantity)
        if not figures:
            ctx.error(("events", n, "quantity"), f"no figure for {event.quantity!r} is annotated")
            return None
        return [(f, f.value) for f in figures]
    datings = []
    for m, figure_id in enumerate(event.figures):
        figure = by_id.get(figure_id)
        if figure is None:
            ctx.error(("events", n, "figures", m), f"unknown figure id {figure_id!r}{did_you_mean(figure_id, by_id)}")
        elif figure.when:
            datings.append((figure, figure.when))
        elif figure.unit in DATE_UNITS:  # the figure is itself a date ("on Sunday")
            datings.append((figure, figure.value))
        else:
            ctx.error(("events", n, "figures", m), f"figure {figure_id!r} is not a date and has no `when`")
    return datings if len(datings) == len(event.figures) else None
