"""The seeds loader: each story folder's story.yaml, then its articles; article ids are unique across stories
(crosscheck.content.loading.ids says which file keeps an id several give)."""

from __future__ import annotations

from crosscheck.content.articles import load_article
from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.loading.ids import ARTICLE, claim_in, holders
from crosscheck.content.sources import ContentFiles, KnownHolders
from crosscheck.content.stories import STORY_FILE, load_story


def load_seeds(catalog: Catalog, files: ContentFiles, known: KnownHolders) -> None:
    """Fill catalog.stories and catalog.articles from seeds/<story>/story.yaml and seeds/<story>/*.md."""
    loaded = []
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
            article, problems, meta = load_article(file)
            catalog.problems.extend(problems)
            loaded.append((article, claim_in(ARTICLE, file, meta)))
    for article in holders(loaded, known, catalog):
        catalog.articles[article.id] = article
