"""Lesson directives: fenced blocks (```excerpt, ```figures, ...) with YAML options, rendered from the catalogue.

A directive reads well in plain Markdown (it shows as a small YAML code block) and names what to show by
article id, quote, quantity key or quote key, so a lesson never retypes an article's words.
`split_directives` finds the blocks; `render_directive` validates one and returns its HTML.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from crosscheck.content.catalog import Catalog
from crosscheck.content.directives import excerpts, figures, framing, quotes, sources, timeline
from crosscheck.content.directives.base import DirectiveBlock, DirectiveContext
from crosscheck.content.errors import Problem
from crosscheck.content.validation import validate
from crosscheck.content.yamlsafe import YamlDoc, YamlProblem, load_yaml

DIRECTIVES = {
    "excerpt": (excerpts.ExcerptOptions, excerpts.render_excerpt),
    "self-check": (excerpts.SelfCheckOptions, excerpts.render_self_check),
    "framing": (framing.FramingOptions, framing.render_framing),
    "figures": (figures.FiguresOptions, figures.render_figures),
    "sources": (sources.SourcesOptions, sources.render_sources),
    "quotes": (quotes.QuotesOptions, quotes.render_quotes),
    "timeline": (timeline.TimelineOptions, timeline.render_timeline),
}
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)[^`]*$")


@dataclass
class SplitBody:
    """Markdown with one placeholder line per directive, the directives, and problems found."""

    markdown: str
    blocks: list[DirectiveBlock] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    markdown_lines: list[tuple[int, str]] = field(default_factory=list)  # (file line, text) outside any fence
    trailing_block: str | None = None  # name of the directive the body ends with, if it ends with one


def split_directives(body: str, first_line: int, path: str, token: str) -> SplitBody:
    """Find the directive fences in a lesson body; other fences stay ordinary code blocks."""
    lines = body.split("\n")
    out: list[str] = []
    split = SplitBody(markdown="")
    i = 0
    while i < len(lines):
        line, number = lines[i], first_line + i
        opening = _FENCE.match(line)
        if not opening:
            _check_indented(line, number, path, split.problems)
            out.append(line)
            split.markdown_lines.append((number, line))
            if line.strip():
                split.trailing_block = None
            i += 1
            continue
        close = _closing_fence(lines, i, opening.group("fence"))
        name = opening.group("info").lower()
        if name not in DIRECTIVES:
            _check_name(name, number, path, split.problems)
            out.extend(lines[i : (close if close is not None else len(lines) - 1) + 1])
            split.trailing_block = None
            i = len(lines) if close is None else close + 1
            continue
        if close is None:
            split.problems.append(
                Problem(path, number, 1, f"{name}: not closed; add a {opening['fence']} line after it")
            )
            break
        block = _parse_block(name, lines[i + 1 : close], number, path, split.problems)
        if block is not None:
            placeholder = f"{token}{len(split.blocks)}"
            split.blocks.append(block)
            split.placeholders.append(placeholder)
            out.extend(["", placeholder, ""])
        split.trailing_block = name
        i = close + 1
    split.markdown = "\n".join(out)
    return split


def _closing_fence(lines: list[str], start: int, fence: str) -> int | None:
    """Index of the line closing the fence opened at `start` (same character, at least as long)."""
    for j in range(start + 1, len(lines)):
        stripped = lines[j].strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            return j
    return None


def _check_indented(line: str, number: int, path: str, problems: list[Problem]) -> None:
    """Directives work only at the start of a line (not inside lists or quotes); say so instead of ignoring one."""
    stripped = line.lstrip(" \t>-*0123456789.")
    indented = _FENCE.match(stripped) if stripped != line else None
    if indented and indented.group("info").lower() in DIRECTIVES:
        col = len(line) - len(stripped) + 1
        problems.append(Problem(path, number, col, "a directive must start at the beginning of a line, outside lists"))


def _check_name(name: str, line: int, path: str, problems: list[Problem]) -> None:
    """A code block whose language is nearly a directive name is almost surely a typo."""
    close = difflib.get_close_matches(name, DIRECTIVES, n=1, cutoff=0.75)
    if name and close:
        problems.append(Problem(path, line, 4, f"unknown directive {name!r}; did you mean {close[0]!r}?"))


def _parse_block(name: str, lines: list[str], fence_line: int, path: str, problems: list[Problem]):
    """The directive's YAML options with file positions, or None after reporting a YAML problem."""
    try:
        doc = load_yaml("\n".join(lines), path, line_offset=fence_line)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None
    if doc.data is None:
        doc = YamlDoc(data={}, positions={(): (fence_line, 1)})
    if not isinstance(doc.data, dict):
        problems.append(Problem(path, fence_line + 1, 1, f"{name}: write the options as 'key: value' lines"))
        return None
    return DirectiveBlock(name, fence_line, doc)


def render_directive(block: DirectiveBlock, catalog: Catalog, path: str) -> tuple[str, list[Problem], set[str]]:
    """Validate a block's options and render it; returns HTML, problems and the article ids it used."""
    model, render = DIRECTIVES[block.name]
    options, problems = validate(model, block.doc, path)
    if options is None:
        return "", [_prefixed(p, block.name) for p in problems], set()
    context = DirectiveContext(catalog, path, block)
    html = render(context, options)
    return html, context.problems, context.articles_used


def _prefixed(problem: Problem, name: str) -> Problem:
    """Say which directive a validation problem belongs to."""
    return Problem(problem.path, problem.line, problem.col, f"{name}: {problem.message}", problem.severity)


__all__ = ["DIRECTIVES", "split_directives", "render_directive", "SplitBody"]
