"""Quiz modules: what quizzes/*.yaml (one module a file) and quizzes/misconceptions.yaml may say, and the
loaded QuizModule, each item carrying its stored content and the hash of that content (see docs/authoring.md).

crosscheck.content.loading.quizzes reads and checks the files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
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
    feedback: Literal["each", "end"] = Field(
        "each", description="each: feedback after every item; end: only on the results page."
    )


class _ModuleFields(Strict):
    """A module's own fields, shared by the loading envelope and the full schema."""

    id: Slug = Field(description="Unique across the catalogue: lowercase letters, digits and hyphens.")
    title: Text
    description: str = Field("", description="Markdown, one or two sentences.")
    skills: list[Skill] = Field(min_length=1, description="The skills the module trains.")
    lesson: Slug | None = Field(None, description="Id of the lesson the module practises.")
    settings: Settings = Settings()


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

    @property
    def max_points(self) -> int:
        """Points for a perfect attempt."""
        return sum(item.points for item in self.items)


def feedback_shown(module: QuizModule | None, submitted: bool, to_taker: bool = True) -> bool:
    """Whether right and wrong, feedback and explanations may be shown for an attempt: once it is submitted,
    and to a teacher reading a student's work, always; to the one taking it while it is in progress only when
    the module gives feedback after each item (and is still in the catalog)."""
    if submitted or not to_taker:
        return True
    return module is not None and module.settings.feedback == "each"


def content_hash(content: dict) -> str:
    """sha256 of the content's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
