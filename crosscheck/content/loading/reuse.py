"""Reuse a loading step's result when its inputs are the ones it was given before.

A worker rebuilds its catalog on every publish, and the workspace checks a draft by loading it beside every
other file (crosscheck/workspace/checking.py): each build parses, checks and renders the same shipped files
again (0.2 s for the shipped content alone, seconds with hundreds of school modules). A step's result
depends only on the files it reads, on what the steps before it filled in, and on the known holders of the
ids several of its files give (crosscheck/content/loading/ids.py). So each step's result is kept under
exactly that: the step, its files' names and bytes, the result of the step before it (a token standing for
it), and, for the ids its files contest, the holder the caller named. The content objects are frozen, and
every build gets its own copy of the catalog's mappings, as each build made its own before.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, fields

from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.sources import SEEDS, ContentFiles, KnownHolders

Loader = Callable[[Catalog, ContentFiles, KnownHolders], None]
# Results kept per step: the served catalog, a draft being checked beside it, a few more. Each result of the
# quiz step holds its own objects for every module, so a school with hundreds of modules pays memory for each.
KEPT_PER_STEP = 4
_tokens = itertools.count(1)


@dataclass(frozen=True)
class Step:
    """One loader and the files it reads: those whose names start with one of `folders`."""

    loader: Loader
    folders: tuple[str, ...]

    def inputs(self, files: ContentFiles) -> bytes:
        """A digest of the names, origin and bytes of every file this step reads (and of the story folders for
        the seeds): a key that does not hold the files themselves."""
        digest = hashlib.blake2b(digest_size=32)
        for file in files.every():
            if file.name.startswith(self.folders):
                for part in (file.name.encode(), b"shipped" if file.shipped else b"extra", file.data):
                    digest.update(len(part).to_bytes(8, "big") + part)  # lengths first: no two inputs read alike
        if SEEDS in self.folders:
            digest.update(repr(files.story_folders()).encode())
        return digest.digest()


@dataclass(frozen=True)
class _Result:
    """What one run of a step left in the catalog, with what it depended on beyond its key."""

    token: int  # stands for this result: the next step's key holds it
    mappings: dict[str, dict]  # every mapping of the catalog after the step
    problems: tuple[Problem, ...]  # the problems the step added
    holders_used: dict[tuple[str, str], str | None]  # each id its files contest -> the known holder it was given


class StepResults:
    """The last results of each step, most recently used last; safe to share between threads."""

    def __init__(self, size: int = KEPT_PER_STEP):
        self.size = size
        self._kept: dict[Loader, OrderedDict[tuple, _Result]] = {}  # by step
        self._lock = threading.Lock()

    def run(self, step: Step, catalog: Catalog, files: ContentFiles, known: KnownHolders, before: int) -> int:
        """Bring the catalog to where the step leaves it (running it unless a kept result fits); its token."""
        key = (before, step.inputs(files))
        with self._lock:
            results = self._kept.setdefault(step.loader, OrderedDict())
            kept = results.get(key)
            if kept is not None and all(known.get(k) == v for k, v in kept.holders_used.items()):
                results.move_to_end(key)
                for name, mapping in _copies(kept.mappings).items():
                    setattr(catalog, name, mapping)
                catalog.problems.extend(kept.problems)
                return kept.token
        problems_before, contested_before = len(catalog.problems), set(catalog.contested)
        step.loader(catalog, files, known)
        contested = set(catalog.contested) - contested_before
        result = _Result(
            next(_tokens),
            _copies(_mappings(catalog)),
            tuple(catalog.problems[problems_before:]),
            {key: known.get(key) for key in contested},
        )
        with self._lock:
            results[key] = result
            while len(results) > self.size:
                results.popitem(last=False)
        return result.token

    def forget(self) -> None:
        """Drop every kept result (a check that must load afresh)."""
        with self._lock:
            self._kept.clear()


def _mappings(catalog: Catalog) -> dict[str, dict]:
    """The catalog's dict fields by name (problems are a list, added step by step)."""
    return {f.name: getattr(catalog, f.name) for f in fields(catalog) if isinstance(getattr(catalog, f.name), dict)}


def _copies(mappings: dict[str, dict]) -> dict[str, dict]:
    """New dicts holding the same (frozen) objects: a later step or caller changing one changes no kept result."""
    return {name: dict(mapping) for name, mapping in mappings.items()}
