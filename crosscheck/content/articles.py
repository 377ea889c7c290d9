"""Source articles: seed files (front matter + verbatim body) loaded into frozen dataclasses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import model_validator

from crosscheck.content.errors import Problem, QuoteError, QuoteNotFound
from crosscheck.content.frontmatter import read_front_matter
from crosscheck.content.sources import ContentFile
from crosscheck.content.text import Span, find_all, find_in_paragraphs, fold, split_sentences
from crosscheck.content.validation import Slug, Strict, validate
from crosscheck.content.yamlsafe import YamlDoc, YamlProblem

MAX_SEED_BYTES = 1024 * 1024
OUTLET_NOT_NAMED = "outlet not named in the text"
FURNITURE_KINDS = (
    "subscribe prompt",
    "related headline",
    "paywall notice",
    "photo caption",
    "photo credit",
    "section label",
    "repeated headline",
    "footer",
    "tags",
)


class FurnitureSpec(Strict):
    """A paragraph of captured page furniture, named by its whole text."""

    text: str
    kind: Literal[FURNITURE_KINDS]  # type: ignore[valid-type]


class SeedMeta(Strict):
    """The front matter every seed file must have."""

    id: Slug
    source: str
    outlet: str | None
    outlet_note: str
    headline: str | None
    headline_note: str | None = None
    standfirst: str | None = None
    date_as_stated: str | None
    date_note: str
    kind: Literal["report", "analysis"]
    subheadings: list[str] = []
    furniture: list[FurnitureSpec] = []

    @model_validator(mode="after")
    def _headline_reason(self) -> SeedMeta:
        """A missing headline must say why, so the reader never shows a blank silently."""
        if self.headline is None and not self.headline_note:
            raise ValueError("headline is null: add headline_note saying why the text has none")
        return self


@dataclass(frozen=True)
class Sentence:
    """A sentence with a stable id such as 'p3s2'."""

    id: str
    text: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of the body; role is body, headline, standfirst, subheading or furniture."""

    id: str
    number: int
    text: str
    role: str
    line: int
    furniture_kind: str | None = None
    sentences: tuple[Sentence, ...] = ()

    @property
    def is_furniture(self) -> bool:
        """True for captured page furniture (subscribe prompts, stray captions, footers...)."""
        return self.role == "furniture"


@dataclass(frozen=True)
class QuoteLocation:
    """Where a quote stands in an article: paragraph, the sentences it touches and its exact text."""

    article_id: str
    paragraph_id: str
    sentence_ids: tuple[str, ...]
    span: Span
    text: str

    @property
    def anchor(self) -> str:
        """The reader anchor of the first sentence the quote touches."""
        return self.sentence_ids[0] if self.sentence_ids else self.paragraph_id


@dataclass(frozen=True)
class Article:
    """One source article, read-only after loading."""

    id: str
    story: str
    path: str
    source: str
    outlet: str | None
    outlet_note: str
    headline: str | None
    headline_note: str | None
    standfirst: str | None
    date_as_stated: str | None
    date_note: str
    kind: str
    paragraphs: tuple[Paragraph, ...] = field(repr=False)
    # Each quote's location (or its QuoteError) once looked up: lessons, annotations and quiz items quote the
    # same passages again and again, and the paragraphs never change.
    _quotes: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def outlet_label(self) -> str:
        """The outlet's name, or the plain statement that the text does not name one."""
        return self.outlet or OUTLET_NOT_NAMED

    @property
    def title(self) -> str:
        """Headline, or a description that makes clear the text has none."""
        return self.headline or f"(no headline in the text) {self.lead.text[:80]}…"

    @property
    def content(self) -> tuple[Paragraph, ...]:
        """Paragraphs that belong to the article itself (no furniture)."""
        return tuple(p for p in self.paragraphs if not p.is_furniture)

    @property
    def lead(self) -> Paragraph:
        """The first body paragraph: what the outlet chose to say first."""
        return next(p for p in self.paragraphs if p.role == "body")

    @property
    def word_count(self) -> int:
        """Words in the article's own text, furniture excluded."""
        return sum(len(p.text.split()) for p in self.content if p.role != "headline")

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        """The paragraph with this id, or None."""
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def sentence(self, sentence_id: str) -> Sentence | None:
        """The sentence with this id, or None."""
        for p in self.paragraphs:
            for s in p.sentences:
                if s.id == sentence_id:
                    return s
        return None

    def find_quote(self, quote: str) -> QuoteLocation:
        """Locate a quote verbatim; article text wins over furniture. Raises QuoteError subclasses."""
        found = self._quotes.get(quote)
        if found is None:
            try:
                found = self._locate(quote)
            except QuoteError as exc:
                found = exc
            self._quotes[quote] = found
        if isinstance(found, QuoteError):
            raise type(found)(*found.args)  # a fresh exception: a raised one carries its caller's traceback
        return found

    def _locate(self, quote: str) -> QuoteLocation:
        """Search the paragraphs for a quote (find_quote remembers the answer)."""
        texts = [p.text for p in self.paragraphs]
        preferred = {i for i, p in enumerate(self.paragraphs) if not p.is_furniture}
        match = find_in_paragraphs(texts, quote, preferred)
        paragraph = self.paragraphs[match.paragraph_index]
        touched = tuple(
            s.id for s in paragraph.sentences if s.span.start < match.span.end and match.span.start < s.span.end
        )
        text = paragraph.text[match.span.start : match.span.end]
        return QuoteLocation(self.id, paragraph.id, touched, match.span, text)

    def sentences(self, include_furniture: bool = False) -> list[tuple[Paragraph, Sentence]]:
        """Every sentence with its paragraph, in reading order."""
        return [(p, s) for p in self.paragraphs if include_furniture or not p.is_furniture for s in p.sentences]


def quote_not_found(exc: QuoteError, article: Article, others: Iterable[Article]) -> tuple[str, Article | None]:
    """The message for a quote `article` does not hold, and the other article that holds it, if one does."""
    if isinstance(exc, QuoteNotFound):
        for other in others:
            if other.id == article.id:
                continue
            try:
                other.find_quote(str(exc.quote))
            except QuoteNotFound:
                continue
            except QuoteError:
                pass  # there more than once: it is still that article's text
            return f"quote not found in {article.id}; {other.id} ({other.outlet_label}) has it", other
        return str(exc).replace("quote not found in the article", "quote not found", 1).replace(
            "quote not found", f"quote not found in {article.id}", 1
        ), None
    return f"{exc} (in {article.id})", None


def load_article(file: ContentFile) -> tuple[Article | None, list[Problem], YamlDoc | None]:
    """Load one seed file (seeds/<story>/<name>.md): the article or None, every problem, the front matter."""
    rel = file.name
    try:
        parsed = read_front_matter(file.data, rel, MAX_SEED_BYTES)
    except YamlProblem as exc:
        return None, [exc.problem], None
    meta, problems = validate(SeedMeta, parsed.meta, rel)
    if meta is None:
        return None, problems, parsed.meta
    paragraphs, problems = _paragraphs(meta, parsed, rel)
    if problems:
        return None, problems, parsed.meta
    article = Article(
        id=meta.id,
        story=file.folder.split("/", 1)[1],
        path=rel,
        source=meta.source,
        outlet=meta.outlet,
        outlet_note=meta.outlet_note,
        headline=meta.headline,
        headline_note=meta.headline_note,
        standfirst=meta.standfirst,
        date_as_stated=meta.date_as_stated,
        date_note=meta.date_note,
        kind=meta.kind,
        paragraphs=paragraphs,
    )
    return article, [], parsed.meta


def _paragraphs(meta: SeedMeta, parsed, rel: str) -> tuple[tuple[Paragraph, ...], list[Problem]]:
    """Split the body into paragraphs and give each its role; every named line must be in the body."""
    lines = [(parsed.body_first_line + i, text) for i, text in enumerate(parsed.body.split("\n")) if text.strip()]
    texts = [text for _, text in lines]
    roles: dict[int, tuple[str, str | None]] = {}
    problems: list[Problem] = []

    def claim(value: str, role: str, key: tuple, kind: str | None = None, every: bool = False) -> None:
        """Give the paragraph(s) equal to `value` a role, or report where the value was written."""
        hits = [m.paragraph_index for m in find_all(texts, value) if fold(texts[m.paragraph_index]) == fold(value)]
        hits = [i for i in hits if i not in roles]
        if not hits:
            line, col = parsed.meta.where(key)
            problems.append(Problem(rel, line, col, f"{role} {value[:60]!r} is not a whole line of the body"))
        for i in hits if every else hits[:1]:
            roles[i] = (role, kind)

    if meta.headline:
        claim(meta.headline, "headline", ("headline",))
    if meta.standfirst:
        claim(meta.standfirst, "standfirst", ("standfirst",))
    for n, heading in enumerate(meta.subheadings):
        claim(heading, "subheading", ("subheadings", n), every=True)
    for n, item in enumerate(meta.furniture):
        claim(item.text, "furniture", ("furniture", n, "text"), kind=item.kind, every=True)
    if not any(i not in roles for i in range(len(texts))):
        problems.append(Problem(rel, parsed.body_first_line, 1, "the body has no paragraph of article text"))

    paragraphs = []
    for i, (line, text) in enumerate(lines):
        role, kind = roles.get(i, ("body", None))
        pid = f"p{i + 1}"
        sentences = tuple(
            Sentence(f"{pid}s{n + 1}", text[s.start : s.end], s) for n, s in enumerate(split_sentences(text))
        )
        paragraphs.append(Paragraph(pid, i + 1, text, role, line, kind, sentences))
    return tuple(paragraphs), problems


__all__ = ["Article", "Paragraph", "Sentence", "QuoteLocation", "QuoteError", "load_article", "OUTLET_NOT_NAMED"]
