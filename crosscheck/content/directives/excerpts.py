"""The excerpt directive (a verbatim passage, linked to its sentence) and the self-check directive."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from crosscheck.content.directives.base import DirectiveContext, mark_spans, outlet_html, outlet_text, reader_link
from crosscheck.content.text import find_all
from crosscheck.content.validation import Strict


class ExcerptOptions(Strict):
    """```excerpt: article, quote, optional words to mark, and whether to show the whole sentence."""

    article: str
    quote: str = Field(min_length=1)
    mark: list[str] = []
    show: Literal["quote", "sentence"] = "quote"


def render_excerpt(ctx: DirectiveContext, options: ExcerptOptions) -> str:
    """A blockquote of the article's own characters, its outlet, and a link to the sentence in the reader."""
    article = ctx.article(("article",), options.article)
    location = ctx.quote(("quote",), article, options.quote) if article else None
    if location is None:
        return ""
    text, spans = location.text, []
    if options.show == "sentence":
        paragraph = article.paragraph(location.paragraph_id)
        touched = [s for s in paragraph.sentences if s.id in location.sentence_ids]
        start, end = touched[0].span.start, touched[-1].span.end
        text = paragraph.text[start:end]
    for n, word in enumerate(options.mark):
        hits = find_all([text], word)
        if not hits:
            ctx.error(("mark", n), f"{word!r} is not in the {options.show} shown; mark words that it contains")
        spans.extend((hit.span.start, hit.span.end) for hit in hits)
    body = mark_spans(text, spans, "signal")
    link = reader_link(article, location, "Read it in the article", hidden=f"({outlet_text(article)})")
    return (
        f'<figure class="excerpt"><blockquote class="verbatim"><p>{body}</p></blockquote>'
        f'<figcaption class="attribution">— {outlet_html(article)} · {link}</figcaption></figure>'
    )


class Question(Strict):
    """One self-check question and its answer, both Markdown."""

    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)


class SelfCheckOptions(Strict):
    """```self-check: the questions a student answers before marking the lesson complete."""

    questions: list[Question] = Field(min_length=1)


def render_self_check(ctx: DirectiveContext, options: SelfCheckOptions) -> str:
    """Questions with their answers behind <details>, so the page needs no JavaScript."""
    items = []
    for n, item in enumerate(options.questions):
        question = ctx.markdown(("questions", n, "question"), item.question)
        answer = ctx.markdown(("questions", n, "answer"), item.answer, inline=False)
        items.append(
            f'<li><p class="question">{question}</p><details><summary>Show the answer</summary>{answer}</details></li>'
        )
    return (
        '<section class="self-check"><h2>Self-check</h2>'
        '<p class="legend">Answer each question yourself first, then open the answer to compare.</p>'
        f"<ol>{''.join(items)}</ol></section>"
    )
