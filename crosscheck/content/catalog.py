"""The Catalog: every content file loaded and cross-checked once at start-up, read-only after."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.content.annotation_files import load_annotations
from crosscheck.content.annotations import Claim, Figure, Source, SpokenQuote
from crosscheck.content.articles import Article, load_article
from crosscheck.content.errors import Problem
from crosscheck.content.lessons import check_lesson_quizzes, load_lessons
from crosscheck.content.quizzes import load_quizzes
from crosscheck.content.sources import Sources, parent_name
from crosscheck.content.stories import Story, load_story


@dataclass
class Catalog:
    """Every content object by id, plus the problems found while loading.

    Each feature's loader fills its own fields: seeds (stories, articles), annotations (annotations,
    quantities), lessons (lessons), quizzes (quizzes, misconceptions). Ids are unique across stories.
    """

    root: Path
    sources: Sources | None = None
    stories: dict[str, Story] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    annotations: dict = field(default_factory=dict)
    quantities: dict = field(default_factory=dict)
    lessons: dict = field(default_factory=dict)
    quizzes: dict = field(default_factory=dict)
    misconceptions: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make a file unusable."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth fixing that do not stop a file from loading."""
        return [p for p in self.problems if not p.is_error]

    def broken_files(self) -> dict[str, Problem]:
        """Each file with an error, and its first error, for the teachers' notice."""
        first: dict[str, Problem] = {}
        for problem in sorted(self.errors):
            first.setdefault(problem.path, problem)
        return first

    def summary(self) -> str:
        """A one-line count of what loaded, for `content check`."""
        return (
            f"{len(self.articles)} article(s) in {len(self.stories)} story(ies), "
            f"{len(self.lessons)} lesson(s), {len(self.quizzes)} quiz module(s)"
        )

    def modules_in_order(self) -> list:
        """Quiz modules in teaching order: single-skill modules by their lesson's order, mixed finals last."""

        def key(module):
            lesson = self.lessons.get(module.lesson) if module.lesson else None
            return (len(module.skills) > 1, lesson.order if lesson else 999, module.title)

        return sorted(self.quizzes.values(), key=key)

    def article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        return self.articles.get(article_id)

    def articles_of(self, story_id: str) -> list[Article]:
        """A story's articles in file order."""
        return [a for a in self.articles.values() if a.story == story_id]

    def figures_for(self, quantity_key: str) -> list[Figure]:
        """Every figure of one quantity, in article order, then reading order within an article."""
        return [f for a in self._annotated() for f in a.figures if f.quantity == quantity_key]

    def quotes_for(self, key: str) -> list[SpokenQuote]:
        """The same spoken words as each outlet printed them, in article order."""
        return [q for a in self._annotated() for q in a.quotes if q.key == key]

    def _annotated(self) -> list:
        """Annotations in article order (the order of self.articles)."""
        return [self.annotations[i] for i in self.articles if i in self.annotations]

    def sources_by_article(self, article_id: str) -> list[Source]:
        """Whom one article quotes or cites, in reading order (empty when it is not annotated)."""
        annotations = self.annotations.get(article_id)
        return list(annotations.sources) if annotations else []

    def claims_for(self, article_id: str) -> list[Claim]:
        """One article's annotated claims, in reading order."""
        annotations = self.annotations.get(article_id)
        return list(annotations.claims) if annotations else []


def load_catalog(root: Path | str, extra: dict[str, bytes | str] | None = None) -> Catalog:
    """Load everything under the content root (seeds/, lessons/, quizzes/), then the extra files (repository
    paths -> texts, e.g. the school's published content); never raises on bad content."""
    root = Path(root)
    sources = Sources(root, dict(extra or {}))
    catalog = Catalog(root=root, sources=sources, problems=list(sources.problems))
    with _collector_paused():
        # Order matters: annotations quote articles; lessons and quizzes quote articles and annotations.
        for loader in LOADERS:
            loader(catalog)
        for check in CHECKS:  # cross-checks that need every kind of content loaded, whatever the loaders' order
            check(catalog)
    return catalog


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector while loading (start-up and `content check`, one thread).

    Loading builds hundreds of thousands of objects that live as long as the app and leaves almost no cycles;
    each collection walked all of them again: a quarter of the time for 100 x the quiz items.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_seeds(catalog: Catalog) -> None:
    """Load seeds/<story>/story.yaml and seeds/<story>/*.md; ids are unique across all stories."""
    sources = catalog.sources
    for story_dir in sources.folders("seeds"):
        story, problems = load_story(story_dir, sources)
        catalog.problems.extend(problems)
        if story is None:
            continue
        catalog.stories[story.id] = story
        for rel in sources.files(story_dir, "*.md"):
            article, problems = load_article(rel, sources.read(rel), parent_name(rel))
            catalog.problems.extend(problems)
            if article is None:
                continue
            if article.id in catalog.articles:
                other = catalog.articles[article.id].path
                catalog.problems.append(
                    Problem(article.path, 2, 1, f"article id {article.id!r} is already used by {other}")
                )
                continue
            catalog.articles[article.id] = article


LOADERS = [_load_seeds, load_annotations, load_lessons]
LOADERS.append(load_quizzes)  # after articles, annotations and lessons: quiz items quote articles, name lessons
CHECKS = [check_lesson_quizzes]
