"""The quotes directive: the same spoken words as two outlets printed them, with the differing words marked."""

from __future__ import annotations

import difflib
import re

from pydantic import Field

from crosscheck.content.directives.base import (
    DirectiveContext,
    h,
    mark_spans,
    outlet_html,
    outlet_text,
    reader_link,
)
from crosscheck.content.text import fold
from crosscheck.content.validation import Strict, did_you_mean

QUOTE_FORM_LABELS = {"direct": "printed as a direct quote", "reported": "reported in the outlet's words"}


class QuotesOptions(Strict):
    """```quotes: a quote key, and which two outlets to compare when more than two printed it."""

    key: str
    articles: list[str] = Field(default=[], max_length=2)


def render_quotes(ctx: DirectiveContext, options: QuotesOptions) -> str:
    """The same spoken words as two outlets printed them; words only one version has are marked."""
    printed = ctx.catalog.quotes_for(options.key)
    if not printed:
        known = {q.key for a in ctx.catalog.annotations.values() for q in a.quotes}
        ctx.error(("key",), f"unknown quote key {options.key!r}" + did_you_mean(options.key, known))
        return ""
    by_article = {q.article_id: q for q in printed}
    chosen = options.articles or list(by_article)
    for n, article_id in enumerate(options.articles):
        if ctx.article(("articles", n), article_id) and article_id not in by_article:
            ctx.error(
                ("articles", n),
                f"{article_id!r} does not print quote {options.key!r}; it is in {', '.join(by_article)}",
            )
    if len(options.articles) == 1 or len(chosen) != 2:
        ctx.error(("articles",) if options.articles else ("key",), _choose_two(options.key, list(by_article)))
    if ctx.problems:
        return ""
    first, second = (by_article[a] for a in chosen)
    first_marks, second_marks = word_differences(first.location.text, second.location.text)
    pair = _quote_figure(ctx, first, first_marks) + _quote_figure(ctx, second, second_marks)
    summary = (
        "Marked: words the other version does not have."
        if first_marks or second_marks
        else "Both print the same words."
    )
    return (
        f'<figure class="quote-compare"><figcaption>Words of {h(first.speaker)}, as two outlets printed them. '
        f'{summary}</figcaption><div class="quote-pair">{pair}</div></figure>'
    )


def _choose_two(key: str, article_ids: list[str]) -> str:
    """Explain which articles can be compared for this key."""
    if len(article_ids) < 2:
        return f"only {', '.join(article_ids)} prints quote {key!r}; a comparison needs two outlets"
    return f"{len(article_ids)} articles print quote {key!r}; choose two with articles: [{', '.join(article_ids[:2])}]"


def _quote_figure(ctx: DirectiveContext, quote, spans: list[tuple[int, int]]) -> str:
    """One version of the quote with its differing words marked and a link to it in the article."""
    article = ctx.catalog.articles[quote.article_id]
    ctx.articles_used.add(article.id)
    link = reader_link(article, quote.location, "Read it in the article", hidden=f"({outlet_text(article)})")
    form = QUOTE_FORM_LABELS.get(quote.form, quote.form)
    return (
        f'<figure class="excerpt"><blockquote class="verbatim"><p>{mark_spans(quote.location.text, spans, "differs")}'
        f'</p></blockquote><figcaption class="attribution">— {outlet_html(article)} <span class="tag">{h(form)}</span>'
        f" · {link}</figcaption></figure>"
    )


_WORD = re.compile(r"\S+")


def word_differences(first: str, second: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the words each text has that the other lacks (case, quote marks, punctuation ignored)."""
    first_words, second_words = list(_WORD.finditer(first)), list(_WORD.finditer(second))
    matcher = difflib.SequenceMatcher(None, _keys(first_words), _keys(second_words), autojunk=False)
    first_spans, second_spans = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        first_spans.extend(m.span() for m in first_words[i1:i2])
        second_spans.extend(m.span() for m in second_words[j1:j2])
    return _joined(first, first_spans), _joined(second, second_spans)


def _keys(words: list[re.Match]) -> list[str]:
    """Comparable forms of words: folded quote marks, lower case, outer punctuation stripped."""
    return [fold(w.group()).lower().strip(".,;:!?\"'()[]—–-…") for w in words]


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans separated only by white space, so a run of changed words is one mark."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined
