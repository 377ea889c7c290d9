"""Texts and page steps for driving the workspace as a teacher does (through its forms)."""

from __future__ import annotations

import re

from tests.conftest import post_form

GOOD_QUOTE = "The South Korean newspaper Chosun Daily reported the findings"
BAD_QUOTE = "The North Korean newspaper Chosun Daily reported the findings"


def module_text(slug: str, quote: str = GOOD_QUOTE, title: str = "Who reported it first?") -> str:
    """A one-item module about HNGN's relay of Chosun Daily; its excerpt is on line 13."""
    return f"""id: {slug}
title: "{title}"
description: Trace one report back to its source.
skills: [primary_source]
items:
  - id: relay
    type: choice
    skill: primary_source
    articles: [nk-pow-hngn]
    prompt: |
      Where do HNGN's statements from the captured soldiers come from?
    excerpt: "{quote}"
    options:
      - text: From the South Korean newspaper Chosun Daily, which HNGN relays.
        correct: true
        feedback: Yes; HNGN says Chosun Daily "reported the findings".
      - text: From HNGN's own reporters, who questioned the soldiers at the camp.
        feedback: HNGN never says it spoke to the soldiers.
"""


EXCERPT_LINE = 12


def make(client, kind: str, slug: str, title: str = "A title"):
    """Press "Make it" on the workspace page."""
    return post_form(client, "/workspace/new", {"kind": kind, "slug": slug, "title": title})


def base_of(client, slug: str, path: str | None = None) -> int:
    """The version the editor page is based on (its hidden `base` field)."""
    url = f"/workspace/{slug}/edit" + (f"?file={path}" if path else "")
    page = client.get(url).get_data(as_text=True)
    return int(re.search(r'name="base" type="hidden" value="(\d+)"', page).group(1))


def save(client, slug: str, text: str, path: str | None = None, base: int | None = None, action: str = "save"):
    """Type `text` into the editor and press Save (or "Check without saving")."""
    path = path or f"quizzes/{slug}.yaml"
    base = base_of(client, slug, path) if base is None else base
    data = {"text": text, "base": base, "path": path, "action": action}
    return post_form(client, f"/workspace/{slug}/edit", data)


def act(client, slug: str, action: str):
    """Press a one-button action (publish, share, archive, delete...) on the document's page."""
    return post_form(client, f"/workspace/{slug}/{action}")
