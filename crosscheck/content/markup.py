"""Markdown for teacher-written text: raw HTML is refused, the output is sanitised with an allow-list.

Three layers keep script off the page: `find_raw_html` reports any tag a teacher typed (so `content
check` fails), the Markdown parser is built without its raw-HTML handling (a typed tag is shown as text),
and `sanitise` runs nh3 over the final HTML with only the tags, attributes and classes we emit.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "em", "strong", "code", "pre", "blockquote", "a", "hr", "br",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "details", "summary",
    "mark", "span", "section", "div", "small", "cite",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"scope"}, "ol": {"start"}, "div": {"tabindex"}}
# Every class the directives emit; nh3 drops any other class a teacher might smuggle in.
ALLOWED_CLASSES = {
    "figure": {"excerpt", "quote-compare"},
    "blockquote": {"verbatim"},
    "figcaption": {"attribution"},
    "mark": {"signal", "differs"},
    "span": {"visually-hidden", "muted", "tag", "outlet", "arrow"},
    "small": {"headline-hint"},
    "div": {"table-scroll", "quote-pair", "source-chain"},
    "table": {"framing", "figures", "timeline"},
    "tr": {"disagrees"},
    "td": {"disagrees"},
    "ol": {"chain"},
    "ul": {"plain"},
    "section": {"self-check", "directive-sources"},
    "p": {"legend", "question", "chain-meta"},
    "a": {"context-link"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])|<!--|<\?|<!\[CDATA\[", re.IGNORECASE)
_SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data):", re.IGNORECASE)


def find_raw_html(text: str) -> list[tuple[int, int, str]]:
    """(line index, column, message) for the first HTML tag and each script link per line, outside code."""
    found = []
    for index, line in enumerate(text.split("\n")):
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)  # keep columns, hide `code`
        tag = _HTML_TAG.search(masked)
        if tag:
            found.append((index, tag.start() + 1, _html_message(tag.group())))
        for match in _SCRIPT_LINK.finditer(masked):
            found.append((index, match.start() + 1, f"links to {match.group(1)}: are not allowed in lessons"))
    return found


def _html_message(tag: str) -> str:
    """Explain what to write instead of a raw tag."""
    name = tag.lstrip("<").lower()
    if name.startswith("script") or name.startswith("/script"):
        return "script is not allowed in lessons; remove it"
    return (
        f"raw HTML ({tag}…) is not allowed in lessons; use Markdown or a directive, "
        "or put it in `backticks` to show it as code"
    )


class _TableHeaderScope(Treeprocessor):
    """Give Markdown tables' header cells scope="col", as screen readers expect."""

    def run(self, root: etree.Element) -> None:
        for cell in root.iter("th"):
            cell.set("scope", "col")


class _AccessibleTables(markdown.Extension):
    """Registers the header-scope tree processor."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802  (Markdown's API name)
        md.treeprocessors.register(_TableHeaderScope(md), "table_header_scope", 0)


def markdown_parser() -> markdown.Markdown:
    """A Markdown parser that treats typed HTML as text (not as markup)."""
    md = markdown.Markdown(extensions=["fenced_code", "tables", "sane_lists", _AccessibleTables()])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_parsers = threading.local()  # a Markdown parser keeps state while converting: one per thread, reset each time


@lru_cache(maxsize=4096)  # each catalog build renders the same lessons and directive phrases again
def unsanitised_html(text: str) -> str:
    """Markdown to HTML, NOT sanitised: only for building a fragment that `sanitise` cleans before any page.

    (crosscheck.items.markup.render_markdown is the safe one for quiz text: rendered and sanitised at once.)
    """
    parser = getattr(_parsers, "markdown", None)
    if parser is None:  # building one (extensions, patterns) cost more than converting a paragraph
        parser = _parsers.markdown = markdown_parser()
    return parser.reset().convert(text)


def unsanitised_inline_html(text: str) -> str:
    """Markdown for a short phrase, NOT sanitised: one paragraph's content without the <p> around it."""
    html = unsanitised_html(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


@lru_cache(maxsize=1024)  # a lesson's HTML is the same at every catalog build while its inputs are
def sanitise(html: str) -> str:
    """Keep only the tags, attributes, classes and URL schemes lessons use; drop script with its content."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
