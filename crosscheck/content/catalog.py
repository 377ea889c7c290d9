"""The Catalog: every content object by id, read-only once crosscheck.content.loading has built it.

This module holds the catalog's shape and its lookups only; it imports the content types and nothing that
loads them, so the loaders can name `Catalog` in their signatures without an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.content.annotations import ArticleAnnotations, Claim, Figure, Quantity, Source, SpokenQuote
from crosscheck.content.articles import Article
from crosscheck.content.errors import Problem
from crosscheck.content.lessons import Lesson
from crosscheck.content.quizzes import QuizModule
from crosscheck.content.stories import Story


@dataclass
class Catalog:
    """Every content object by id, plus the problems found while loading.

    Each loader of crosscheck.content.loading fills its own fields: seeds (stories, articles), annotations
    (annotations, quantities), lessons (lessons), quizzes (quizzes, misconceptions). Ids are unique across
    stories. `root` is the content root the shipped files were read from (None when there was none).
    """

    root: Path | None = None
    stories: dict[str, Story] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    annotations: dict[str, ArticleAnnotations] = field(default_factory=dict)  # by article id
    quantities: dict[str, Quantity] = field(default_factory=dict)  # by quantity key
    lessons: dict[str, Lesson] = field(default_factory=dict)  # in teaching order
    quizzes: dict[str, QuizModule] = field(default_factory=dict)
    misconceptions: dict[str, str] = field(default_factory=dict)  # tag -> what a student who picks it believes
    problems: list[Problem] = field(default_factory=list)
    # (kind, id) -> the files giving an id that several give, the one that keeps it first (loading/ids.py)
    contested: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    # (kind, id) -> the file that keeps each article, lesson and module id any file gives, broken or not
    keepers: dict[tuple[str, str], str] = field(default_factory=dict)

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

    def modules_in_order(self) -> list[QuizModule]:
        """Quiz modules in teaching order: a pre-test first, then single-skill modules by their lesson's order,
        mixed finals, and a post-test last.

        (Lessons: `self.lessons` is in teaching order already, content.lessons.teaching_order.)
        """
        pre_tests = {module.pre_test for module in self.quizzes.values() if module.pre_test}

        def key(module):
            stage = 0 if module.id in pre_tests else 2 if module.pre_test else 1  # before the lessons, during, after
            lesson = self.lessons.get(module.lesson) if module.lesson else None
            return (stage, len(module.skills) > 1, lesson.order if lesson else 999, module.title)

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

    def _annotated(self) -> list[ArticleAnnotations]:
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
