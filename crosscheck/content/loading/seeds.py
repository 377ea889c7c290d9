"""The seeds loader: each story folder's story.yaml, then its articles; article ids are unique across stories."""

from __future__ import annotations

from crosscheck.content.articles import load_article
from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.sources import ContentFiles, KnownHolders
from crosscheck.content.stories import STORY_FILE, load_story


def load_seeds(catalog: Catalog, files: ContentFiles, known: KnownHolders) -> None:
    """Fill catalog.stories and catalog.articles from seeds/<story>/story.yaml and seeds/<story>/*.md."""
    for folder in files.story_folders():
        story_file = files.get(f"{folder}/{STORY_FILE}")
        if story_file is None:
            message = "every story folder needs a story.yaml with id, title and summary"
            catalog.problems.append(Problem(f"{folder}/{STORY_FILE}", 1, 1, message))
            continue
        story, problems = load_story(story_file)
        catalog.problems.extend(problems)
        if story is None:
            continue
        catalog.stories[story.id] = story
        for file in files.in_folder(folder, ".md"):
            article, problems = load_article(file)
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
