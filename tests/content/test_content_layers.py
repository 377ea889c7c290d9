"""crosscheck/content/ has layers: content types, then the Catalog, then the loaders; no module imports back up."""

from __future__ import annotations

import ast
import typing

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.catalog import Catalog
from crosscheck.content.loading import STEPS
from crosscheck.content.loading.annotations import load_annotations
from crosscheck.content.loading.lessons import check_lesson_quizzes, load_lessons
from crosscheck.content.loading.quizzes import load_quizzes
from crosscheck.content.loading.seeds import load_seeds

CONTENT = PROJECT_ROOT / "crosscheck" / "content"


def _module_name(path) -> str:
    """crosscheck.content.x.y for crosscheck/content/x/y.py (the package itself for __init__.py)."""
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def content_imports() -> dict[str, set[str]]:
    """Each content module and the content modules it imports, type-only imports included."""
    paths = sorted(CONTENT.rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        name = _module_name(path)
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("crosscheck.content"):
                # `from package import submodule` imports the submodule
                submodules = {f"{node.module}.{a.name}" for a in node.names} & modules
                imported |= submodules or {node.module}
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names if a.name.startswith("crosscheck.content")}
        graph[name] = imported
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> list[str] | None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return trail[trail.index(target) :] + [module, target] if target in trail else [module, target]
            if target not in state and (found := visit(target, trail + [module])):
                return found
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module, [])):
            return found
    return None


def test_no_module_of_content_imports_another_that_imports_it_back():
    graph = content_imports()
    assert "crosscheck.content.loading" in graph and "crosscheck.content.catalog" in graph
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_only_the_loaders_import_the_loaders():
    for module, imported in content_imports().items():
        if not module.startswith("crosscheck.content.loading"):
            assert not {m for m in imported if m.startswith("crosscheck.content.loading")}, module


def test_the_catalog_fields_are_typed_to_what_they_hold():
    hints = typing.get_type_hints(Catalog)
    for name in ("stories", "articles", "annotations", "quantities", "lessons", "quizzes", "misconceptions"):
        assert typing.get_origin(hints[name]) is dict and len(typing.get_args(hints[name])) == 2, name
    assert typing.get_args(hints["quizzes"])[1].__name__ == "QuizModule"
    assert typing.get_args(hints["annotations"])[1].__name__ == "ArticleAnnotations"


def test_the_loader_order_is_one_list():
    assert [load_seeds, load_annotations, load_lessons, load_quizzes, check_lesson_quizzes] == [
        step.loader for step in STEPS
    ]
