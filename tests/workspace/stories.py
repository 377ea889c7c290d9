"""A short two-article story for the workspace tests, filled in as a teacher fills the forms."""

from __future__ import annotations

from tests.conftest import post_form

COURIER = {
    "name": "000-courier",
    "article_id": "flood-courier",
    "outlet": "The Courier",
    "outlet_note": "Named in the text: “The Courier understands the council met on Wednesday.”",
    "headline": "Flood waters reach the old town",
    "headline_note": "",
    "standfirst": "",
    "date_as_stated": "Tuesday",
    "date_note": "The text says only that the river rose on Tuesday.",
    "kind": "report",
    "source": "https://example.org/courier/flood",
    "text": (
        "Flood waters reach the old town\n\nSubscribe to our newsletter\n\n"
        "River levels rose by 2 metres overnight on Tuesday, the city council said.\n\n"
        "About 300 homes were evacuated, according to the fire service.\n\n"
        "The Courier understands the council met on Wednesday.\n"
    ),
}
UNNAMED = {
    **COURIER,
    "name": "001-unnamed",
    "article_id": "flood-unnamed",
    "outlet": "",
    "outlet_not_named": "y",
    "outlet_note": "The captured text carries no outlet name, byline or masthead.",
    "headline": "Hundreds leave homes as river bursts its banks",
    "date_as_stated": "",
    "date_note": "The text states no date.",
    "source": "flood-unnamed.txt",
    "text": (
        "Hundreds leave homes as river bursts its banks\n"
        "The river rose two metres, officials said.\n"
        "Some 250 homes were emptied, a fire service spokesperson told reporters.\n"
    ),
}
QUANTITIES = "homes_evacuated:\n  label: Homes evacuated\n  unit: homes\n  description: How many homes were emptied.\n"
COURIER_NOTES = """article: flood-courier
figures:
  - id: courier-homes
    quote: About 300 homes were evacuated
    quantity: homes_evacuated
    value: about 300
    unit: homes
    given_by: the fire service
"""


def add_article(client, story: str, fields: dict):
    """Fill in and send the new-article form."""
    return post_form(client, f"/workspace/{story}/articles/new", fields)


def flood_module(slug: str, quote: str = "About 300 homes were evacuated") -> str:
    """A one-item module on who gave the Courier's figure of evacuated homes; the excerpt is on line 11."""
    return f"""id: {slug}
title: Who counted the homes?
description: Who gave the figure of evacuated homes?
skills: [conflicting_figure]
items:
  - id: courier-homes-source
    type: choice
    skill: conflicting_figure
    articles: [flood-courier]
    prompt: In the Courier's report, who gave the figure of homes evacuated?
    excerpt: "{quote}"
    options:
      - text: The fire service.
        correct: true
        feedback: Yes; the sentence ends "according to the fire service".
      - text: The city council.
        feedback: The council is quoted on the river level, not on the homes.
settings:  # right and wrong after each answer (the browser test reads it); the first attempt counts
  feedback: each
  score: first
"""


FLOOD_EXCERPT_LINE = 11


def courier_seed(article_id: str) -> str:
    """The Courier's article as a seed file (front matter and body), under the given article id."""
    return f"""---
id: {article_id}
source: https://example.org/courier/flood
outlet: The Courier
outlet_note: 'Named in the text: "The Courier understands the council met on Wednesday."'
headline: Flood waters reach the old town
date_as_stated: Tuesday
date_note: The text says only that the river rose on Tuesday.
kind: report
furniture:
- text: Subscribe to our newsletter
  kind: subscribe prompt
---
{COURIER["text"]}"""
