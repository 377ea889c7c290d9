"""What every directive shares: the parsed block, lookups that report positioned problems, HTML helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from crosscheck.content.articles import Article, QuoteLocation, quote_not_found
from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem, QuoteError
from crosscheck.content.markup import find_raw_html, unsanitised_html, unsanitised_inline_html
from crosscheck.content.validation import did_you_mean
from crosscheck.content.yamlsafe import YamlDoc

READER_URL = "/articles/{article_id}"


@dataclass
class DirectiveBlock:
    """A fenced directive: its name, the file line of its opening fence, and its YAML options."""

    name: str
    line: int
    doc: YamlDoc


@dataclass
class DirectiveContext:
    """Lookups in the catalogue for one directive; every failure becomes a Problem at the option's line."""

    catalog: Catalog
    path: str
    block: DirectiveBlock
    problems: list[Problem] = field(default_factory=list)
    articles_used: set[str] = field(default_factory=set)

    def error(self, key: tuple, message: str, fix: str = "") -> None:
        """Report a problem at the option `key` (or the fence line when the key is unknown)."""
        line, col = self.block.doc.where(key) if key else (self.block.line, 1)
        if line < self.block.line:  # an empty block has no positions: point at the fence
            line, col = self.block.line, 1
        self.problems.append(Problem(self.path, line, col, f"{self.block.name}: {message}", fix=fix))

    def article(self, key: tuple, article_id: str) -> Article | None:
        """The article with this id, or None after reporting it with a suggestion."""
        article = self.catalog.articles.get(article_id)
        if article is None:
            self.error(key, f"unknown article {article_id!r}" + did_you_mean(article_id, self.catalog.articles))
            return None
        self.articles_used.add(article.id)
        return article

    def quote(self, key: tuple, article: Article, quote: str) -> QuoteLocation | None:
        """Where the quote stands in the article, or None after reporting why it was not found."""
        try:
            return article.find_quote(quote)
        except QuoteError as exc:
            message, other = quote_not_found(exc, article, self.catalog.articles.values())
            self.error(key, message, f"quote it from {other.id} (article: {other.id})" if other else "")
            return None

    def markdown(self, key: tuple, text: str, inline: bool = True) -> str:
        """A teacher's Markdown as HTML (a phrase when `inline`); typed HTML is reported and shown as text."""
        for _, _, message in find_raw_html(text):
            self.error(key, message)
        return unsanitised_inline_html(text) if inline else unsanitised_html(text)


def h(text: object) -> str:
    """HTML-escape a value for text or an attribute."""
    return escape(str(text), quote=True)


def reader_url(article: Article, paragraph_id: str, anchor: str | None = None) -> str:
    """The reader's address of a paragraph (or one of its sentences); furniture is shown, marked, when linked."""
    paragraph = article.paragraph(paragraph_id)
    url = READER_URL.format(article_id=article.id)
    if paragraph.is_furniture:  # the reader hides furniture unless asked, and furniture has paragraph anchors only
        return f"{url}?furniture=show#{paragraph_id}"
    if paragraph.role == "headline":  # the headline is the page's title, without an anchor of its own
        return url
    return f"{url}#{anchor or paragraph_id}"


def reader_link(article: Article, location: QuoteLocation, label: str, hidden: str = "") -> str:
    """A link to the quoted sentence in the reader; `hidden` adds context for screen readers."""
    return _link(reader_url(article, location.paragraph_id, location.anchor), label, hidden)


def paragraph_link(article: Article, paragraph_id: str, label: str, hidden: str = "") -> str:
    """A link to a paragraph in the reader; `hidden` adds context for screen readers."""
    return _link(reader_url(article, paragraph_id), label, hidden)


def _link(url: str, label: str, hidden: str) -> str:
    """An escaped link, with optional visually hidden context."""
    extra = f'<span class="visually-hidden"> {h(hidden)}</span>' if hidden else ""
    return f'<a class="context-link" href="{h(url)}">{h(label)}{extra}</a>'


def outlet_html(article: Article) -> str:
    """The outlet's name; for an unnamed outlet the plain statement plus the headline, to tell them apart."""
    label = f'<span class="outlet">{h(article.outlet_label)}</span>'
    if article.outlet or not article.headline:
        return label
    return f'{label} <small class="headline-hint">“{h(article.headline)}”</small>'


def outlet_text(article: Article) -> str:
    """Plain-text form of `outlet_html`, for screen-reader hints."""
    if article.outlet or not article.headline:
        return article.outlet_label
    return f"{article.outlet_label}, “{article.headline}”"


def mark_spans(text: str, spans: list[tuple[int, int]], css: str) -> str:
    """Escape `text` and wrap each [start, end) span in <mark class=css>; overlapping spans merge."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out.append(h(text[at:start]))
        out.append(f'<mark class="{css}">{h(text[start:end])}</mark>')
        at = end
    out.append(h(text[at:]))
    return "".join(out)


def table(css: str, caption: str, corner: str, head: str, rows: list[str]) -> str:
    """A captioned table in a keyboard-scrollable wrapper."""
    return (
        f'<div class="table-scroll" tabindex="0"><table class="{css}"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">{corner}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
