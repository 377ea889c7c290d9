"""Markdown from content files to safe HTML: rendered, then sanitised with nh3 to a small set of tags."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "q", "cite"}
_ATTRIBUTES = {"a": {"href", "title"}}


@lru_cache(maxsize=2048)
def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a Markdown string (cached: content is read-only once loaded)."""
    if not text:
        return Markup("")
    html = markdown.markdown(text)
    # No rel added (as lessons): links never open a new window, the Referrer-Policy header keeps the
    # referrer on this site, and an <a> whose unsafe href was dropped stays valid HTML.
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"}, link_rel=None)
    return Markup(clean)
