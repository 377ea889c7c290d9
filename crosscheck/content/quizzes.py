"""Quiz modules: what quizzes/*.yaml (one module a file) and quizzes/misconceptions.yaml may say, and the
loaded QuizModule, each item carrying its stored content and the hash of that content (see docs/authoring.md).

crosscheck.content.loading.quizzes reads and checks the files.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Annotated, Literal, Union

from pydantic import Field, RootModel

from crosscheck.content.skills import Skill
from crosscheck.content.validation import Slug, Strict
from crosscheck.items import ITEM_TYPES
from crosscheck.items.base import ItemBase, Text

MISCONCEPTIONS_FILE = "misconceptions.yaml"
Item = Annotated[Union[tuple(t.schema for t in ITEM_TYPES.values())], Field(discriminator="type")]  # noqa: UP007


class Settings(Strict):
    """How a module is taken; every setting is optional."""

    attempts: int = Field(3, strict=True, ge=0, description="Attempts allowed per student; 0 = unlimited.")
    shuffle_options: bool = Field(True, description="Shuffle choice and multi options (fixed per attempt).")
    feedback: Literal["each", "end", "after-due", "never"] = Field(
        "end",
        description=(
            "When students see right and wrong, feedback and explanations: each (after every item), end (on the "
            "results page once the last attempt is submitted), after-due (once the due date has passed), never "
            "(teachers only)."
        ),
    )
    scored: bool = Field(
        True,
        description="false: students never see a score or the answers (a pre-test); teachers see everything.",
    )
    score: Literal["highest", "latest", "first", "mean"] = Field(
        "highest",
        description="Which submitted attempts make the student's score: the highest, the latest, the first, or "
        "the mean of all.",
    )


class Pool(Strict):
    """Each attempt draws `draw` of the module's items on one skill at random (the draw kept with the attempt)."""

    skill: Skill = Field(description="The skill whose items form the pool: every item of the module on it.")
    draw: int = Field(strict=True, ge=1, description="How many of the pool's items each attempt shows.")


class _ModuleFields(Strict):
    """A module's own fields, shared by the loading envelope and the full schema."""

    id: Slug = Field(description="Unique across the catalogue: lowercase letters, digits and hyphens.")
    title: Text
    description: str = Field("", description="Markdown, one or two sentences.")
    skills: list[Skill] = Field(min_length=1, description="The skills the module trains.")
    lesson: Slug | None = Field(None, description="Id of the lesson the module practises.")
    pre_test: Slug | None = Field(
        None,
        description="Makes this module the post-test of a pair: the id of its pre-test, a module with parallel "
        "items on the same skills. Reports show each student's gain between the two.",
    )
    settings: Settings = Settings()
    pools: list[Pool] = Field(
        [],
        description="Items drawn at random per attempt, per skill: each attempt shows `draw` of the items on "
        "`skill` (all of the same points) and every item on the other skills.",
    )


class QuizModuleSchema(_ModuleFields):
    """A whole quiz module file: the source of docs/quiz.schema.json."""

    items: list[Item] = Field(min_length=1, description="The items, shown in file order.")


class ModuleEnvelope(_ModuleFields):
    """The module with its items left raw: each item is validated against its own type's schema."""

    items: list[dict] = Field(min_length=1)


class Misconceptions(RootModel[dict[Slug, Text]]):
    """quizzes/misconceptions.yaml: tag -> what the student who picks it believes."""


@dataclass(frozen=True)
class QuizItem:
    """One validated item: its YAML model, its stored content (resolved, JSON) and the content's hash."""

    spec: ItemBase
    content: dict
    hash: str

    id = property(lambda self: self.spec.id)
    type = property(lambda self: self.spec.type)
    skill = property(lambda self: self.spec.skill)
    points = property(lambda self: self.spec.points)
    articles = property(lambda self: self.spec.articles)


@dataclass(frozen=True)
class QuizModule:
    """A loaded module, read-only."""

    id: str
    path: str
    title: str
    description: str
    skills: tuple[str, ...]
    lesson: str | None
    settings: Settings
    items: tuple[QuizItem, ...]
    pre_test: str | None = None  # the id of the pre-test this module is the post-test of
    pools: tuple[tuple[str, int], ...] = ()  # (skill, how many of its items an attempt draws)

    @property
    def item_skills(self) -> set[str]:
        """The skills the module's items test."""
        return {item.skill for item in self.items}

    @property
    def skill_points(self) -> dict[str, float]:
        """Points a perfect attempt scores on each skill: a pool's draw times its items' points (one value: the
        loader checks it), every other item at its points. The same for every student whatever they drew."""
        return dict(self._skill_points)  # a new dict each time: the caller may change it

    @cached_property
    def _skill_points(self) -> tuple[tuple[str, float], ...]:
        """skill_points, worked out once: a module is read-only, and reports and dashboards ask it many times."""
        draws = dict(self.pools)
        points: dict[str, float] = {}
        for item in self.items:
            if item.skill not in draws:
                points[item.skill] = points.get(item.skill, 0.0) + float(item.points)
            elif item.skill not in points:
                points[item.skill] = float(draws[item.skill] * item.points)
        return tuple(points.items())

    @property
    def items_per_attempt(self) -> int:
        """How many questions one attempt shows."""
        draws = dict(self.pools)
        return sum(1 for item in self.items if item.skill not in draws) + sum(draws.values())

    @property
    def max_points(self) -> float:
        """Points for a perfect attempt (pools count what an attempt draws from them)."""
        return sum(self.skill_points.values())

    def draw(self, rng: random.Random) -> list[str] | None:
        """A new attempt's draw: the ids of the pooled items it shows, in file order (None without pools)."""
        if not self.pools:
            return None
        drawn: set[str] = set()
        for skill, count in self.pools:
            drawn.update(rng.sample([item.id for item in self.items if item.skill == skill], count))
        return [item.id for item in self.items if item.id in drawn]

    def for_attempt(self, drawn: list[str] | None) -> QuizModule:
        """The module as one attempt shows it, and is scored against: every item outside the pools and the pooled
        items it drew, in file order. An attempt with no draw (the module had no pools when it started) shows
        every item, so its maximum counts every item, not a pool's draw."""
        if not self.pools:
            return self
        if drawn is None:
            return replace(self, pools=())
        pooled, kept = {skill for skill, _ in self.pools}, set(drawn)
        items = tuple(item for item in self.items if item.skill not in pooled or item.id in kept)
        return replace(self, items=items, pools=())


@dataclass(frozen=True)
class Standing:
    """What the reveal rule needs to know of one student and module: attempts left (None: no limit), whether
    the student's due date (extensions included) has passed, and whether an attempt of theirs is open."""

    attempts_left: int | None = None
    due_passed: bool = False
    answering: bool = False


def feedback_shown(module: QuizModule | None, submitted: bool, to_taker: bool = True, standing=Standing()) -> bool:
    """Whether right and wrong, the key, feedback and explanations may be shown for an attempt: the one rule.

    A teacher reading a student's work (to_taker False) always sees them. The student who took it sees them as
    the module's `feedback` says: each, after every answered item; end, on a submitted attempt once no attempt
    is left (or the module has no limit); after-due, on a submitted attempt once the due date has passed;
    never, not at all. With end and after-due, never while another attempt of theirs is open (the key would
    go straight into it). A module gone from the catalog shows a submitted attempt; an unscored one, nothing.
    """
    if not to_taker:
        return True
    if module is None:
        return submitted
    if not module.settings.scored:  # a pre-test: results hidden from students
        return False
    policy = module.settings.feedback
    if policy == "each":
        return True
    if not submitted or policy == "never" or standing.answering:
        return False
    if policy == "after-due":
        return standing.due_passed
    return not standing.attempts_left


def score_shown(module: QuizModule | None, to_taker: bool = True) -> bool:
    """Whether a score may be shown: to teachers always; to the student unless the module is unscored (a pre-test)."""
    return not to_taker or module is None or module.settings.scored


def counted_score(policy: str, scores: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(points, maximum) that count for a student, from their submitted attempts' scores, oldest first.

    highest: the best share (the later one on a tie); latest; first; mean: the mean of the points over the
    mean of the maxima. None before any attempt is submitted.
    """
    if not scores:
        return None
    if policy == "first":
        return scores[0]
    if policy == "latest":
        return scores[-1]
    if policy == "mean":
        return sum(p for p, _ in scores) / len(scores), sum(m for _, m in scores) / len(scores)
    return max(reversed(scores), key=lambda s: s[0] / s[1] if s[1] else 0.0)


# Score policies whose counted score can change with any submitted attempt's marks (a mark can make another
# attempt the highest, or move the mean): answers awaiting marking in any of them hold the score back.
WAITS_ON_EVERY_ATTEMPT = frozenset({"highest", "mean"})


def counted_awaiting(policy: str, awaiting: list[int]) -> int:
    """Answers awaiting marking that keep the counted score from being final, from each submitted attempt's
    count, oldest first: the first's or the latest's alone for first and latest; all of them for highest and
    mean. While it is above 0 the pages, reports and CSVs say "awaiting marking" instead of a score."""
    if not awaiting:
        return 0
    if policy in WAITS_ON_EVERY_ATTEMPT:
        return sum(awaiting)
    return awaiting[0] if policy == "first" else awaiting[-1]


def content_hash(content: dict) -> str:
    """sha256 of the content's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
