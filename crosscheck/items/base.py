"""What every quiz item type shares: the common YAML fields, the checking context, Score and display order.

An item type (choice, multi, highlight, match) is a module with a subclass of interface.ItemType, registered
by its `type:` name in crosscheck.items (the CTFd pattern). Nothing here imports Flask or the database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import AfterValidator, Field

from crosscheck.content.articles import quote_not_found
from crosscheck.content.errors import QuoteError
from crosscheck.content.skills import Skill
from crosscheck.content.validation import Slug, Strict, did_you_mean


def _text(value: str) -> str:
    """Text a student reads must not be blank."""
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_text), Field(json_schema_extra={"minLength": 1})]
MAX_ITEM_POINTS = 100  # more is a typo (1000 for 10), and would let one item outweigh a whole module
Points = Annotated[
    int,
    Field(
        strict=True, ge=1, le=MAX_ITEM_POINTS, description="Points for a fully correct answer (1 to 100; default 1)."
    ),
]


class ItemBase(Strict):
    """Fields every item has, whatever its type."""

    id: Slug = Field(description="Unique in its module; lowercase letters, digits and hyphens.")
    skill: Skill = Field(description="The skill the item practises.")
    articles: list[str] = Field(min_length=1, description="Ids of the articles the item is about (at least one).")
    points: Points = 1
    prompt: Text = Field(description="The question, in Markdown.")
    excerpt: Text | None = Field(None, description="A verbatim passage of articles[0] shown with the prompt.")
    explanation: Text | None = Field(None, description="Markdown shown after the item is answered.")


@dataclass(frozen=True)
class Issue:
    """A problem in one item, at a location relative to the item (e.g. ("options", 1, "quote"))."""

    loc: tuple
    message: str
    severity: str = "error"
    fix: str = ""


@dataclass
class CheckContext:
    """What checking an item needs from the catalogue, and the issues found so far."""

    articles: dict
    misconceptions: dict | None  # None when misconceptions.yaml is itself broken: tags are not checked then
    issues: list[Issue] = field(default_factory=list)

    def error(self, loc: tuple, message: str, fix: str = "") -> None:
        """Record an error at `loc` (and what to write instead, when known)."""
        self.issues.append(Issue(tuple(loc), message, fix=fix))

    def warn(self, loc: tuple, message: str) -> None:
        """Record a warning at `loc`."""
        self.issues.append(Issue(tuple(loc), message, "warning"))

    @property
    def has_errors(self) -> bool:
        """True once any error was recorded."""
        return any(i.severity == "error" for i in self.issues)

    def quote(self, article_id: str, quote: str, loc: tuple):
        """The quote's QuoteLocation in the article, or None with an error recorded at `loc`."""
        article = self.articles.get(article_id)
        if article is None:
            return None  # the unknown article is reported where it is named
        try:
            return article.find_quote(quote)
        except QuoteError as exc:
            message, other = quote_not_found(exc, article, self.articles.values())
            fix = f"name that article for this quote (article: {other.id}) and list it in articles" if other else ""
            self.error(loc, message, fix)
            return None

    def tag(self, tag: str | None, loc: tuple) -> None:
        """Report a misconception tag that quizzes/misconceptions.yaml does not define."""
        if tag is None or self.misconceptions is None or tag in self.misconceptions:
            return
        hint = did_you_mean(tag, self.misconceptions, none="none are defined (quizzes/misconceptions.yaml)")
        self.error(loc, f"unknown misconception {tag!r}{hint}")


def link(location) -> dict:
    """Where a located quote stands, as stored in item content: article id and reader anchor."""
    return {"article": location.article_id, "anchor": location.anchor}


def common_content(item: ItemBase, ctx: CheckContext) -> dict:
    """The item as JSON, its articles checked and its excerpt located (verbatim text and link)."""
    for n, article_id in enumerate(item.articles):
        if article_id not in ctx.articles:
            ctx.error(("articles", n), f"unknown article {article_id!r}{did_you_mean(article_id, ctx.articles)}")
    content = item.model_dump(mode="json")
    content["excerpt_text"], content["excerpt_link"] = None, None
    if item.excerpt is not None:
        found = ctx.quote(item.articles[0], item.excerpt, ("excerpt",))
        if found:
            content["excerpt_text"], content["excerpt_link"] = found.text, link(found)
    return content


def reading_links(content: dict, found: list[dict | None]) -> list[dict]:
    """One reader link per article of the item: to the first located passage in it, else to its top."""
    first = {}
    for where in [content.get("excerpt_link"), *found]:
        if where:
            first.setdefault(where["article"], where["anchor"])
    return [{"article": a, "anchor": first.get(a)} for a in content["articles"]]


@dataclass(frozen=True)
class Score:
    """Points given for one answer, the most it could get, and which parts were right."""

    points: float
    max_points: float
    parts: dict[str, bool] = field(default_factory=dict)
    pending: bool = False  # awaiting marking by a teacher (a written answer): stored as points NULL

    @property
    def is_full(self) -> bool:
        """True when the answer got every point."""
        return not self.pending and self.points >= self.max_points

    @property
    def verdict(self) -> str:
        """'correct', 'partly correct', 'not correct' or 'awaiting marking', for the feedback heading."""
        return verdict(None if self.pending else self.points, self.max_points)

    @property
    def stored_points(self) -> float | None:
        """What Response.points holds: the points, or NULL while awaiting marking."""
        return None if self.pending else self.points


AWAITING = "awaiting marking"


def verdict(points: float | None, max_points: float) -> str:
    """'correct' (every point), 'partly correct' (some), 'not correct' (none) or 'awaiting marking' (None)."""
    if points is None:
        return AWAITING
    if points >= max_points:
        return "correct"
    return "partly correct" if points > 0 else "not correct"


def scaled(points: float, right: int, wrong: int, total: int) -> float:
    """Right-minus-wrong, floored at 0, as a share of `points`."""
    return points * max(0, right - wrong) / total if total else 0.0


def display_order(ids: list[str], seed: int, salt: str, shuffle: bool = True) -> list[str]:
    """The ids in the order one attempt shows them: the same on every reload (seeded by the attempt)."""
    ordered = list(ids)
    if shuffle:
        random.Random(f"{seed}:{salt}").shuffle(ordered)
    return ordered


def tokens(ordered: list[str]) -> dict[str, str]:
    """Opaque form values ('o1', 'o2'... in display order) -> ids, so file order never shows in the HTML."""
    return {f"o{n}": item_id for n, item_id in enumerate(ordered, start=1)}


def token_of(view: dict) -> dict[str, str]:
    """Id -> the opaque token an attempt's form uses for it (the inverse of the view's `tokens`)."""
    return {item_id: token for token, item_id in view["tokens"].items()}
