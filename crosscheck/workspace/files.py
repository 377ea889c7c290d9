"""A document's files laid out like the repository: which paths each kind may hold, size limits, starters.

A quiz module is quizzes/<id>.yaml, a lesson lessons/<id>.md, a story the folder seeds/<id>/ (story.yaml,
quantities.yaml, one <name>.md per article and its <name>.annotations.yaml). The same layout is used in the
database, in zip downloads and uploads, and by `content export` / `content import`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.content.annotation_schema import SUFFIX as ANNOTATIONS_SUFFIX
from crosscheck.content.articles import MAX_SEED_BYTES
from crosscheck.content.lessons import MAX_LESSON_BYTES
from crosscheck.content.yamlsafe import MAX_BYTES as MAX_YAML_BYTES

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 60
FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_STORY_FILES = 62  # story.yaml, quantities.yaml and up to 30 articles with their annotations
RESERVED = {"new", "upload", "guide"}  # workspace page names
KIND_LABELS = {"quiz": "Quiz module", "lesson": "Lesson", "story": "Story"}


@dataclass(frozen=True)
class Place:
    """Where a repository path belongs: the kind and id of its document."""

    kind: str
    slug: str


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot be a content id, or None."""
    if not slug:
        return "give an id: lowercase letters, digits and hyphens, e.g. 'flood-sources'"
    if len(slug) > MAX_SLUG:
        return f"an id has at most {MAX_SLUG} characters"
    if not SLUG.fullmatch(slug):
        return "use lowercase letters, digits and single hyphens only, e.g. 'flood-sources'"
    if slug in RESERVED:
        return f"{slug!r} names a workspace page; choose another id"
    return None


def main_path(kind: str, slug: str) -> str:
    """The file that names the document: its module, its lesson, or its story.yaml."""
    return {"quiz": f"quizzes/{slug}.yaml", "lesson": f"lessons/{slug}.md", "story": f"seeds/{slug}/story.yaml"}[kind]


def place_of(path: str) -> Place | None:
    """The document a repository path belongs to, or None when the path is not one a document may hold."""
    parts = path.split("/")
    if len(parts) == 2 and parts[0] == "quizzes" and parts[1].endswith(".yaml"):
        slug = parts[1].removesuffix(".yaml")
        return Place("quiz", slug) if SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG else None
    if len(parts) == 2 and parts[0] == "lessons" and parts[1].endswith(".md"):
        slug = parts[1].removesuffix(".md")
        return Place("lesson", slug) if SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG else None
    if len(parts) == 3 and parts[0] == "seeds" and SLUG.fullmatch(parts[1]) and len(parts[1]) <= MAX_SLUG:
        return Place("story", parts[1]) if story_file_name(parts[2]) else None
    return None


def story_file_name(name: str) -> bool:
    """Whether a story folder may hold a file of this name."""
    if name in ("story.yaml", "quantities.yaml"):
        return True
    stem = name.removesuffix(ANNOTATIONS_SUFFIX) if name.endswith(ANNOTATIONS_SUFFIX) else name.removesuffix(".md")
    return stem != name and bool(FILE_NAME.fullmatch(stem)) and len(stem) <= 80


def path_problem(kind: str, slug: str, path: str) -> str | None:
    """Why a document of this kind and id cannot hold a file at `path`, or None."""
    place = place_of(path)
    if place == Place(kind, slug):
        return None
    if kind == "story":
        return f"a story's files are seeds/{slug}/story.yaml, quantities.yaml, <name>.md and <name>{ANNOTATIONS_SUFFIX}"
    return f"this {KIND_LABELS[kind].lower()} is the one file {main_path(kind, slug)}"


def max_bytes(path: str) -> int:
    """The most bytes the loaders read from a file at this path."""
    if path.startswith("seeds/") and path.endswith(".md"):
        return MAX_SEED_BYTES
    if path.endswith(".md"):
        return MAX_LESSON_BYTES
    return MAX_YAML_BYTES


def article_path(story: str, name: str) -> str:
    """The seed file of an article named `name` in a story."""
    return f"seeds/{story}/{name}.md"


def annotations_path(seed_path: str) -> str:
    """The annotations file beside a seed file."""
    return seed_path.removesuffix(".md") + ANNOTATIONS_SUFFIX


def is_article(path: str) -> bool:
    """Whether a story path is an article's seed file."""
    return path.startswith("seeds/") and path.endswith(".md")


def sorted_paths(paths) -> list[str]:
    """A document's paths in reading order: story.yaml, quantities.yaml, then each article and its notes."""

    def key(path: str) -> tuple:
        name = path.rsplit("/", 1)[-1]
        first = {"story.yaml": 0, "quantities.yaml": 1}.get(name, 2)
        return first, name.removesuffix(ANNOTATIONS_SUFFIX).removesuffix(".md"), name.endswith(ANNOTATIONS_SUFFIX)

    return sorted(paths, key=key)
