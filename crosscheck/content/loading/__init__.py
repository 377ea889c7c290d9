"""Build a Catalog from content files: the shipped ones under a content root, plus any extra ones.

`load_catalog(root)` is what the app and `content check` call. `build_catalog(files)` takes a ContentFiles
the caller assembled (the shipped files read once, plus teachers' files from the database), and
`check_file(files, file)` says what is wrong with one file as it would load beside the others. No step
raises on bad content: a broken file is skipped and its problems are listed in `catalog.problems`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.loading.annotations import load_annotations
from crosscheck.content.loading.lessons import check_lesson_quizzes, load_lessons
from crosscheck.content.loading.quizzes import load_quizzes
from crosscheck.content.loading.reuse import Step, StepResults
from crosscheck.content.loading.seeds import load_seeds
from crosscheck.content.sources import LESSONS, QUIZZES, SEEDS, ContentFile, ContentFiles, KnownHolders

# The steps in the order they run, each with the folders whose files it reads; each needs what the steps
# before it filled in.
STEPS: list[Step] = [
    Step(load_seeds, (SEEDS,)),  # stories and articles: everything else quotes them
    Step(load_annotations, (SEEDS,)),  # quantities, then claims, figures, sources and quotes of each article
    Step(load_lessons, (LESSONS,)),  # lesson directives quote articles and annotations
    Step(load_quizzes, (QUIZZES,)),  # items quote articles; a module names its lesson
    Step(check_lesson_quizzes, ()),  # a lesson names its quiz module: needs both loaded
]
LOADED = StepResults()  # each step's last results, reused when a build gives a step the same inputs


def load_catalog(root: Path | str, extra: Iterable[ContentFile] = (), known: KnownHolders | None = None) -> Catalog:
    """Load everything under the content root (seeds/, lessons/, quizzes/), plus the extra files."""
    return build_catalog(ContentFiles.from_root(root).plus(extra), known)


def build_catalog(files: ContentFiles, known: KnownHolders | None = None) -> Catalog:
    """Run every loader over these files; `known` names the files that keep ids others give too."""
    catalog = Catalog(root=files.root)
    catalog.problems.extend(files.problems)
    token = 0  # stands for "nothing loaded yet"
    with _collector_paused():
        for step in STEPS:
            token = LOADED.run(step, catalog, files, known or {}, token)
    return catalog


def check_file(files: ContentFiles, file: ContentFile, known: KnownHolders | None = None) -> list[Problem]:
    """Every problem of one file (new, or a new version of an extra file) when loaded beside `files`, sorted."""
    catalog = build_catalog(files.plus([file]), known)
    return sorted(p for p in catalog.problems if p.path == file.name)


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
