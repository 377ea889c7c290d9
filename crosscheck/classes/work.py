"""Assignments resolved against the catalog: title, maximum points, skills and where to open the work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from werkzeug.routing import BuildError

from crosscheck.classes.assignments import Assignment

KIND_LABELS = {"lesson": "Lesson", "quiz": "Quiz"}
# Where each kind of work opens; the lessons and quizzes blueprints name these endpoints.
WORK_ENDPOINTS = {"lesson": ("lessons.show", "lesson_id"), "quiz": ("quizzes.module", "module_id")}


@dataclass(frozen=True)
class Work:
    """One assignment with what the catalog says about its lesson or quiz module."""

    assignment_id: int
    kind: str
    target_id: str
    title: str
    due_at: datetime | None
    in_catalog: bool
    max_points: float | None  # quizzes: the sum of the module's item points
    skills: tuple[str, ...]

    @property
    def label(self) -> str:
        """'Quiz: Spot the unverified claim', for headings and CSV columns."""
        return f"{KIND_LABELS[self.kind]}: {self.title}"


def module_points(module) -> float:
    """The most a quiz module can score: the sum of its items' points."""
    return float(sum(item.points for item in module.items))


def module_skill_points(module) -> dict[str, float]:
    """Points available on each skill's items of a quiz module."""
    points: dict[str, float] = {}
    for item in module.items:
        points[item.skill] = points.get(item.skill, 0.0) + float(item.points)
    return points


def describe(assignment: Assignment, catalog) -> Work:
    """The assignment with its title and points from the catalog (or its id, if the file has gone)."""
    source = catalog.lessons if assignment.kind == "lesson" else catalog.quizzes
    content = source.get(assignment.target_id)
    if content is None:
        return Work(
            assignment.id,
            assignment.kind,
            assignment.target_id,
            assignment.target_id,
            assignment.due_at,
            False,
            None,
            (),
        )
    max_points = module_points(content) if assignment.kind == "quiz" else None
    return Work(
        assignment.id,
        assignment.kind,
        assignment.target_id,
        content.title,
        assignment.due_at,
        True,
        max_points,
        tuple(content.skills),
    )


def describe_all(assignments: list[Assignment], catalog) -> list[Work]:
    """Every assignment described."""
    return [describe(a, catalog) for a in assignments]


def work_url(kind: str, target_id: str) -> str | None:
    """The page where a student opens this work, once its feature is installed; None before."""
    endpoint, arg = WORK_ENDPOINTS[kind]
    try:
        return url_for(endpoint, **{arg: target_id})
    except BuildError:
        return None


def assignable(catalog) -> dict[str, list[tuple[str, str]]]:
    """Choices for the assignment form, grouped: lessons in their order, then quiz modules by title."""
    lessons = sorted(catalog.lessons.values(), key=lambda lesson: (lesson.order, lesson.title))
    quizzes = sorted(catalog.quizzes.values(), key=lambda module: module.title.lower())
    groups = {}
    if lessons:
        groups["Lessons"] = [(f"lesson:{lesson.id}", lesson.title) for lesson in lessons]
    if quizzes:
        groups["Quiz modules"] = [(f"quiz:{module.id}", module.title) for module in quizzes]
    return groups
