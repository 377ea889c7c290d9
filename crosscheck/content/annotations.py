"""Annotations of the articles: claims, figures, sources and spoken quotes, every passage checked in its text.

Files: seeds/<story>/<article-file-stem>.annotations.yaml (one per article) and seeds/<story>/quantities.yaml
(the shared keys that line figures up across outlets). loading/annotations.py reads and checks them into the
frozen dataclasses below; its `load_annotations` is in loading.STEPS. Every number the figure finder sees
in an article must lie inside a figure's quote or a `not_figures` entry, or `content check` warns about it at
the paragraph's line in the seed file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crosscheck.content.articles import Article, QuoteLocation
from crosscheck.content.errors import Problem
from crosscheck.content.figures import NumberFound, find_numbers

PRESENTATIONS = ("reported_as_fact", "attributed", "unverified", "disputed", "analysis")
SOURCE_KINDS = (
    "interrogation_footage",
    "official_statement",
    "intelligence_briefing",
    "other_outlet",
    "open_source_tracker",
    "anonymous",
    "social_media",
    "lawmakers_briefing",
    "prisoner_interview",
)
SOURCE_KIND_LABELS = {kind: kind.replace("_", " ") for kind in SOURCE_KINDS}
ACCESS = ("direct", "relayed")
QUOTE_FORMS = ("direct", "reported")  # direct: the outlet prints the words as the speaker's; reported: paraphrase
OUTLET_ITSELF = "the outlet itself"
NOT_ATTRIBUTED = "not attributed in the text"


@dataclass(frozen=True)
class Claim:
    """A claim of substance, who the article attributes it to and how it presents it."""

    id: str
    article_id: str
    quote: str
    location: QuoteLocation
    attributed_to: str  # a person or body, or OUTLET_ITSELF
    presentation: str  # one of PRESENTATIONS
    signals: tuple[str, ...]  # attribution and other marker words, each inside the quote
    hedges: tuple[str, ...] = ()  # words marking the claim as uncertain, estimated, unverified or disputed
    inferences: tuple[str, ...] = ()  # words marking the writer's own inference ("could suggest", "likely")


@dataclass(frozen=True)
class Figure:
    """A figure as printed, keyed by the quantity it measures so outlets line up."""

    id: str
    article_id: str
    quote: str
    location: QuoteLocation
    quantity: str  # key in Catalog.quantities
    value: str  # as printed, e.g. "approximately 300"
    low: float | None  # numeric bounds for comparing, None when open or not a number
    high: float | None
    unit: str
    given_by: str  # exactly who the text says gave it, or NOT_ATTRIBUTED
    when: str | None  # as the text states it


@dataclass(frozen=True)
class Source:
    """Someone the article quotes or cites, and the chain by which their account reached the outlet."""

    id: str
    article_id: str
    name: str
    kind: str  # one of SOURCE_KINDS
    access: str  # "direct" | "relayed"
    chain: tuple[str, ...]  # who said it -> who relayed it -> ... -> the outlet (Article.outlet_label)
    quote: str
    location: QuoteLocation

    @property
    def kind_label(self) -> str:
        """The kind in plain words, for pages."""
        return SOURCE_KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class SpokenQuote:
    """Someone's words as one outlet printed them; the key lines the same words up across outlets."""

    key: str
    article_id: str
    speaker: str
    quote: str
    location: QuoteLocation
    form: str = "direct"  # one of QUOTE_FORMS


@dataclass(frozen=True)
class Quantity:
    """What a quantity key measures; `note` says how the outlets' figures for it differ."""

    key: str
    label: str
    unit: str
    description: str
    note: str = ""
    conflict: str = ""  # what disagrees, when the figures' ranges alone do not show it
    conflict_with: tuple[str, ...] = ()  # quantity keys whose figures it disagrees with


@dataclass(frozen=True)
class NotFigure:
    """A number the figure finder reports that is not a figure (e.g. "One soldier admitted"), with why."""

    article_id: str
    quote: str
    location: QuoteLocation
    reason: str


@dataclass(frozen=True)
class ArticleAnnotations:
    """Everything annotated in one article, each tuple in reading order."""

    article_id: str
    claims: tuple[Claim, ...]
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    quotes: tuple[SpokenQuote, ...]
    not_figures: tuple[NotFigure, ...] = ()


@dataclass(frozen=True)
class NumberMention:
    """A number the figure finder found in an article, with its sentence."""

    article_id: str
    paragraph_id: str
    sentence_id: str
    line: int
    number: NumberFound


def numbers_in(article: Article) -> list[NumberMention]:
    """Every number in the article's own text (furniture is not the article and is not searched)."""
    mentions = []
    for paragraph in article.content:
        for number in find_numbers(paragraph.text):
            sentence = next(
                (s.id for s in paragraph.sentences if s.span.start <= number.span.start < s.span.end), paragraph.id
            )
            mentions.append(NumberMention(article.id, paragraph.id, sentence, paragraph.line, number))
    return mentions


def uncovered_numbers(article: Article, annotations: ArticleAnnotations | None) -> list[NumberMention]:
    """Numbers that lie inside no figure quote and no not_figures entry."""
    covers = [f.location for f in annotations.figures] if annotations else []
    covers += [n.location for n in annotations.not_figures] if annotations else []
    return [m for m in numbers_in(article) if not any(_inside(m, location) for location in covers)]


def _inside(mention: NumberMention, location: QuoteLocation) -> bool:
    """True when the number's whole span lies within the quote's span, in the same paragraph."""
    span = mention.number.span
    return location.paragraph_id == mention.paragraph_id and location.span.start <= span.start < span.end <= (
        location.span.end
    )


def coverage_warnings(
    articles: Mapping[str, Article], annotations: Mapping[str, ArticleAnnotations], skip: set[str]
) -> list[Problem]:
    """A warning at its seed line for each number no figure annotation covers (articles in `skip` aside)."""
    problems = []
    for article in articles.values():
        if article.id in skip:
            continue
        for mention in uncovered_numbers(article, annotations.get(article.id)):
            number = mention.number
            problems.append(
                Problem(
                    article.path,
                    mention.line,
                    number.span.start + 1,
                    f"number {number.text!r} ({mention.sentence_id}) is not covered by any figure annotation: "
                    f"quote it in a figure of {annotation_file_name(article)} or list it under not_figures "
                    "with a reason",
                    "warning",
                )
            )
    return problems


def annotation_file_name(article: Article) -> str:
    """Where an article's annotations live: its seed's path with .annotations.yaml for .md."""
    return article.path.removesuffix(".md") + ".annotations.yaml"


def not_figure_summary(articles: Mapping[str, Article], annotations: Mapping[str, ArticleAnnotations]) -> list[str]:
    """One line per number marked as not a figure, for `content check` to list."""
    lines = []
    for annotated in annotations.values():
        article = articles[annotated.article_id]
        for entry in annotated.not_figures:
            line = article.paragraph(entry.location.paragraph_id).line
            where = f"{article.path}:{line}:{entry.location.span.start + 1}"
            lines.append(f"{where}: {entry.quote!r} is not a figure: {entry.reason}")
    return lines
