"""Stories: a folder of articles about one event, described by its story.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.content.errors import Problem
from crosscheck.content.sources import Sources, name_of
from crosscheck.content.validation import Strict, validate
from crosscheck.content.yamlsafe import YamlProblem, decode_utf8, load_yaml


class StoryMeta(Strict):
    """What story.yaml says."""

    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Story:
    """One event reported by several outlets."""

    id: str
    title: str
    summary: str


def load_story(folder: str, sources: Sources) -> tuple[Story | None, list[Problem]]:
    """Load <folder>/story.yaml ("seeds/<story>"); the folder name must equal the story id."""
    rel = f"{folder}/story.yaml"
    if not sources.is_file(rel):
        return None, [Problem(rel, 1, 1, "every story folder needs a story.yaml with id, title and summary")]
    try:
        doc = load_yaml(decode_utf8(sources.read(rel), rel), rel)
    except YamlProblem as exc:
        return None, [exc.problem]
    meta, problems = validate(StoryMeta, doc, rel)
    if meta is None:
        return None, problems
    if meta.id != name_of(folder):
        return None, [
            Problem(rel, *doc.where(("id",)), f"story id {meta.id!r} must match its folder name {name_of(folder)!r}")
        ]
    return Story(meta.id, meta.title, meta.summary), []
