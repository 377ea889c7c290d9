"""The quiz loader: quizzes/misconceptions.yaml, then every quizzes/*.yaml module, checked.

The module's fields are validated with pydantic; each item is validated against the schema of its `type:`
(crosscheck.items) and then resolved: quotes looked up in their articles, ids given, correct answers
counted. A module with any error is skipped and its problems are listed.
"""

from __future__ import annotations

from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.loading.ids import MODULE, claim_in, holders
from crosscheck.content.loading.module_rules import pair_problems, settings_problems
from crosscheck.content.option_checks import giveaway_warnings
from crosscheck.content.quizzes import (
    MISCONCEPTIONS_FILE,
    Misconceptions,
    ModuleEnvelope,
    QuizItem,
    QuizModule,
    content_hash,
)
from crosscheck.content.sources import QUIZZES, ContentFile, ContentFiles, KnownHolders
from crosscheck.content.validation import did_you_mean, validate
from crosscheck.content.yamlsafe import YamlDoc, YamlProblem, decode_utf8, load_yaml
from crosscheck.items import ITEM_TYPES
from crosscheck.items.base import CheckContext


def load_quizzes(catalog: Catalog, files: ContentFiles, known: KnownHolders) -> None:
    """Catalog loader: misconceptions first, then every module file; broken files are skipped."""
    tags, problems = load_misconceptions(files.get(f"{QUIZZES}/{MISCONCEPTIONS_FILE}"))
    catalog.problems.extend(problems)
    catalog.misconceptions.update(tags or {})
    for file in files.in_folder(QUIZZES, ".yml"):
        catalog.problems.append(Problem(file.name, 1, 1, "quiz files end in .yaml; this file is not read", "warning"))
    loaded, docs = [], {}
    for file in files.in_folder(QUIZZES, ".yaml"):
        if file.file_name == MISCONCEPTIONS_FILE:
            continue
        module, problems, doc = load_quiz_file(file, catalog, tags)
        catalog.problems.extend(problems)
        loaded.append((module, claim_in(MODULE, file, doc)))
        docs[file.name] = doc
    for module in holders(loaded, known, catalog):
        catalog.quizzes[module.id] = module
    broken_pairs = pair_problems(catalog.quizzes, docs)
    catalog.problems.extend(broken_pairs)
    for problem in broken_pairs:  # a module with an error is skipped, as every other error skips it
        catalog.quizzes.pop(next(m.id for m in catalog.quizzes.values() if m.path == problem.path), None)


def load_misconceptions(file: ContentFile | None) -> tuple[dict[str, str] | None, list[Problem]]:
    """The tag -> description mapping ({} without a file); None when the file is broken."""
    if file is None:
        return {}, []
    rel = file.name
    try:
        doc = load_yaml(decode_utf8(file.data, rel), rel)
    except YamlProblem as exc:
        return None, [exc.problem]
    model, problems = validate(Misconceptions, doc, rel)
    return (dict(model.root) if model else None), problems


def load_quiz_file(
    file: ContentFile, catalog: Catalog, misconceptions: dict[str, str] | None
) -> tuple[QuizModule | None, list[Problem], YamlDoc | None]:
    """One module file: the module (None when it has an error), every problem in the file, and its YAML.

    A module id another file gives too is settled by the caller, once every file is read."""
    rel = file.name
    try:
        doc = load_yaml(decode_utf8(file.data, rel), rel)
    except YamlProblem as exc:
        return None, [exc.problem], None
    if not isinstance(doc.data, dict):
        message = "a quiz module is a block of `key: value` lines: id, title, skills, items"
        return None, [Problem(rel, 1, 1, message)], doc
    envelope, problems = validate(ModuleEnvelope, doc, rel)
    problems += _module_checks(doc, rel, catalog)
    items = _load_items(doc, rel, catalog, misconceptions, problems)
    if envelope is None or any(p.is_error for p in problems):
        return None, problems, doc
    problems += settings_problems(doc, rel, envelope.settings)
    skills = set(envelope.skills)
    for n, item in enumerate(items):
        if item.skill not in skills:
            where = doc.where(("items", n, "skill"))
            problems.append(Problem(rel, *where, f"skill {item.skill!r} is not in the module's skills", "warning"))
    fields = envelope.model_dump(exclude={"items", "settings"})
    module = QuizModule(
        **{**fields, "skills": tuple(envelope.skills)}, path=rel, settings=envelope.settings, items=tuple(items)
    )
    return module, problems + giveaway_warnings(module.items, doc.where, rel), doc


def item_hashes(file: ContentFile, catalog: Catalog) -> set[str]:
    """The hashes of the items of a module file that load, even while others in it (or the module) have errors."""
    try:
        doc = load_yaml(decode_utf8(file.data, file.name), file.name)
    except YamlProblem:
        return set()
    if not isinstance(doc.data, dict):
        return set()
    return {item.hash for item in _load_items(doc, file.name, catalog, catalog.misconceptions, [])}


def _module_checks(doc: YamlDoc, rel: str, catalog: Catalog) -> list[Problem]:
    """Checks that need the rest of the catalogue: an unknown lesson."""
    data, problems = doc.data, []
    lesson = data.get("lesson")
    if catalog.lessons and isinstance(lesson, str) and lesson not in catalog.lessons:
        problems.append(
            Problem(rel, *doc.where(("lesson",)), f"unknown lesson {lesson!r}{did_you_mean(lesson, catalog.lessons)}")
        )
    return problems


def _load_items(
    doc: YamlDoc, rel: str, catalog: Catalog, misconceptions: dict[str, str] | None, problems: list[Problem]
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
    problems.extend(Problem(rel, *doc.where(at + i.loc), i.message, i.severity, fix=i.fix) for i in ctx.issues)
    if ctx.has_errors:
        return None
    content = {"module_id": module_id, **content}
    return QuizItem(spec, content, content_hash(content))
