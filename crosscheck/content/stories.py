"""Stories: a folder of articles about one event, described by its story.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.content.errors import Problem
from crosscheck.content.sources import ContentFile
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


STORY_FILE = "story.yaml"


def load_story(file: ContentFile) -> tuple[Story | None, list[Problem]]:
    """Load a seeds/<story>/story.yaml; the folder name must equal the story id."""
    rel, folder = file.name, file.folder.split("/", 1)[1]
    try:
        doc = load_yaml(decode_utf8(file.data, rel), rel)
    except YamlProblem as exc:
        return None, [exc.problem]
    meta, problems = validate(StoryMeta, doc, rel)
    if meta is None:
        return None, problems
    if meta.id != folder:
        return None, [Problem(rel, *doc.where(("id",)), f"story id {meta.id!r} must match its folder name {folder!r}")]
    return Story(meta.id, meta.title, meta.summary), []
