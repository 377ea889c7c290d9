"""The shape of an annotation file (*.annotations.yaml), one pydantic model per kind of entry."""

from __future__ import annotations

from crosscheck.content.validation import Slug, Strict

SUFFIX = ".annotations.yaml"  # seeds/<story>/<seed file stem>.annotations.yaml


class ClaimSpec(Strict):
    """A claim entry: the passage, who it is attributed to, how it is presented, its hedges and inferences."""

    id: Slug
    quote: str
    attributed_to: str
    presentation: str
    signals: list[str] = []
    hedges: list[str] = []
    inferences: list[str] = []


class FigureSpec(Strict):
    """A figure entry: the passage, its quantity key, the value as printed and who gave it."""

    id: Slug
    quote: str
    quantity: str
    value: str
    low: float | None = None
    high: float | None = None
    unit: str
    given_by: str
    when: str | None = None


class SourceSpec(Strict):
    """A source entry: who is cited, what kind, and the chain by which it reached the outlet."""

    id: Slug
    name: str
    kind: str
    access: str
    chain: list[str]
    quote: str


class QuoteSpec(Strict):
    """A quote entry: someone's words as this outlet printed them, under a key shared across outlets."""

    key: Slug
    speaker: str
    quote: str
    form: str = "direct"


class NotFigureSpec(Strict):
    """A number the figure finder reports that is not a figure, and why."""

    quote: str
    reason: str


class AnnotationFileSpec(Strict):
    """The top level of an annotation file; entries are checked one by one so one bad entry spoils no other."""

    article: str
    claims: list[dict] = []
    figures: list[dict] = []
    sources: list[dict] = []
    quotes: list[dict] = []
    not_figures: list[dict] = []
