"""Quiz modules: quizzes/*.yaml (one module a file) and quizzes/misconceptions.yaml, loaded and checked.

The module's fields are validated with pydantic; each item is validated against the schema of its `type:`
(crosscheck.items) and then resolved: quotes looked up in their articles, ids given, correct answers
counted. A module with any error is skipped and its problems are listed; a valid module is frozen into
QuizModule, each item carrying its stored content and the hash of that content (see docs/authoring.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Annotated, Literal, Union

from pydantic import Field, RootModel

from crosscheck.content.errors import Problem
from crosscheck.content.validation import Strict, validate
from crosscheck.content.yamlsafe import YamlDoc, YamlProblem, decode_utf8, load_yaml
from crosscheck.items import ITEM_TYPES
from crosscheck.items.base import CheckContext, ItemBase, Skill, Slug, Text, did_you_mean

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


class _Envelope(_ModuleFields):
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

    def item(self, item_id: str) -> QuizItem | None:
        """The item with this id, or None."""
        return next((item for item in self.items if item.id == item_id), None)


def content_hash(content: dict) -> str:
    """sha256 of the content's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_quizzes(catalog) -> None:
    """Catalog loader: misconceptions first, then every module file; broken files are skipped."""
    sources = catalog.sources
    tags, problems = load_misconceptions(f"quizzes/{MISCONCEPTIONS_FILE}", sources)
    catalog.problems.extend(problems)
    catalog.misconceptions.update(tags or {})
    for rel in sources.files("quizzes", "*.yml"):
        catalog.problems.append(Problem(rel, 1, 1, "quiz files end in .yaml; this file is not read", "warning"))
    for rel in sources.files("quizzes", "*.yaml"):
        if rel == f"quizzes/{MISCONCEPTIONS_FILE}":
            continue
        module, problems = load_quiz_file(sources.read(rel), rel, catalog, tags)
        catalog.problems.extend(problems)
        if module is not None:
            catalog.quizzes[module.id] = module


def load_misconceptions(rel: str, sources) -> tuple[dict | None, list[Problem]]:
    """The tag -> description mapping ({} without a file); None when the file is broken."""
    if not sources.is_file(rel):
        return {}, []
    try:
        doc = load_yaml(decode_utf8(sources.read(rel), rel), rel)
    except YamlProblem as exc:
        return None, [exc.problem]
    model, problems = validate(Misconceptions, doc, rel)
    return (dict(model.root) if model else None), problems


def load_quiz_file(
    raw: bytes, rel: str, catalog, misconceptions: dict | None
) -> tuple[QuizModule | None, list[Problem]]:
    """One module file's bytes: the module, or None and every problem in the file (named `rel` in messages)."""
    try:
        doc = load_yaml(decode_utf8(raw, rel), rel)
    except YamlProblem as exc:
        return None, [exc.problem]
    if not isinstance(doc.data, dict):
        return None, [Problem(rel, 1, 1, "a quiz module is a block of `key: value` lines: id, title, skills, items")]
    envelope, problems = validate(_Envelope, doc, rel)
    problems += _module_checks(doc, rel, catalog)
    items = _load_items(doc, rel, catalog, misconceptions, problems)
    if envelope is None or any(p.is_error for p in problems):
        return None, problems
    skills = set(envelope.skills)
    for n, item in enumerate(items):
        if item.skill not in skills:
            where = doc.where(("items", n, "skill"))
            problems.append(Problem(rel, *where, f"skill {item.skill!r} is not in the module's skills", "warning"))
    fields = envelope.model_dump(exclude={"items", "settings"})
    module = QuizModule(
        **{**fields, "skills": tuple(envelope.skills)}, path=rel, settings=envelope.settings, items=tuple(items)
    )
    return module, problems


def _module_checks(doc: YamlDoc, rel: str, catalog) -> list[Problem]:
    """Checks that need the rest of the catalogue: a module id used twice, an unknown lesson."""
    data, problems = doc.data, []
    module_id = data.get("id")
    other = catalog.quizzes.get(module_id) if isinstance(module_id, str) else None
    if other is not None:
        problems.append(Problem(rel, *doc.where(("id",)), f"module id {module_id!r} is already used by {other.path}"))
    lesson = data.get("lesson")
    if catalog.lessons and isinstance(lesson, str) and lesson not in catalog.lessons:
        problems.append(
            Problem(rel, *doc.where(("lesson",)), f"unknown lesson {lesson!r}{did_you_mean(lesson, catalog.lessons)}")
        )
    return problems


def _load_items(
    doc: YamlDoc, rel: str, catalog, misconceptions: dict | None, problems: list[Problem]
) -> list[QuizItem]:
    """Validate and resolve every item, collecting all problems; return the items that passed."""
    raw_items = doc.data.get("items")
    module_id = doc.data.get("id")
    items, ids = [], {}
    for n, raw in enumerate(raw_items if isinstance(raw_items, list) else []):
        if not isinstance(raw, dict):
            continue  # the envelope already said an item must be a block of fields
        item_id = raw.get("id")
        if isinstance(item_id, str) and item_id in ids:
            where = doc.where(("items", n, "id"))
            problems.append(Problem(rel, *where, f"item id {item_id!r} is already used by item {ids[item_id] + 1}"))
        elif isinstance(item_id, str):
            ids[item_id] = n
        item = _load_item(doc, rel, n, catalog, misconceptions, problems, module_id)
        if item is not None:
            items.append(item)
    return items


def _load_item(doc, rel, n, catalog, misconceptions, problems, module_id) -> QuizItem | None:
    """One item: validated against its type's schema, then resolved against the articles."""
    at = ("items", n)
    type_name = doc.data["items"][n].get("type")
    if type_name not in ITEM_TYPES:
        names = ", ".join(ITEM_TYPES)
        if type_name is None:
            problems.append(Problem(rel, *doc.where(at), f"missing field 'type' (one of {names})"))
        else:
            hint = did_you_mean(str(type_name), ITEM_TYPES)
            problems.append(Problem(rel, *doc.where(at + ("type",)), f"unknown item type {type_name!r}{hint}"))
        return None
    kind = ITEM_TYPES[type_name]
    spec, found = validate(kind.schema, doc, rel, at=at)
    problems.extend(found)
    if spec is None:
        return None
    ctx = CheckContext(catalog.articles, misconceptions)
    content = kind.resolve(spec, ctx)
    problems.extend(Problem(rel, *doc.where(at + i.loc), i.message, i.severity) for i in ctx.issues)
    if ctx.has_errors:
        return None
    content = {"module_id": module_id, **content}
    return QuizItem(spec, content, content_hash(content))
