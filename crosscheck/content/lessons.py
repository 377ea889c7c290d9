"""Lessons: lessons/*.md, Markdown with front matter; what a lesson file must say and the loaded Lesson.

crosscheck.content.loading.lessons reads the files, resolves their directives against the catalogue and
renders each body once, sanitised, into the frozen Lesson below.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from pydantic import Field

from crosscheck.content.skills import Skill
from crosscheck.content.validation import Slug, Strict

MAX_LESSON_BYTES = 256 * 1024


class LessonMeta(Strict):
    """The front matter every lesson must have."""

    id: Slug
    title: str = Field(min_length=1, max_length=120)
    order: int = Field(ge=1)
    skills: list[Skill] = Field(min_length=1)
    articles: list[str] = Field(min_length=1)
    objectives: list[str] = Field(min_length=1)
    minutes: int = Field(ge=1, le=180)
    quiz: Slug


def teaching_order(lesson: Lesson) -> tuple[int, str]:
    """Lessons are taught by their `order`, two with the same order by id (the catalog keeps them so)."""
    return (lesson.order, lesson.id)


@dataclass(frozen=True)
class Lesson:
    """One lesson, validated and rendered; `html` is sanitised and safe to put on a page."""

    id: Slug
    title: str
    order: int
    skills: tuple[str, ...]
    articles: tuple[str, ...]
    objectives: tuple[str, ...]
    minutes: int
    quiz: str
    path: str
    html: Markup
    quiz_line: int = 1
    order_line: int = 1
