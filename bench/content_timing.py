"""Content loading, timed in a fresh Python process each time (no warm caches): the shipped content, and a
copy with 100 times the quiz items (every module cloned under new ids)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.quizzes import MISCONCEPTIONS_FILE

CONTENT_FOLDERS = ("seeds", "lessons", "quizzes")
MODULE_ID = re.compile(r"^id: *(\S+) *$", re.M)
PRE_TEST = re.compile(r"^pre_test: *(\S+) *$", re.M)
# Imports first (not timed), then one load_catalog: what the app does once at start-up.
TIMED = """
import json, sys, time
from crosscheck.content.loading import load_catalog
started = time.perf_counter()
catalog = load_catalog(sys.argv[1])
seconds = time.perf_counter() - started
items = sum(len(m.items) for m in catalog.quizzes.values())
print(json.dumps({"seconds": seconds, "items": items, "modules": len(catalog.quizzes), "errors": len(catalog.errors)}))
"""


@dataclass(frozen=True)
class LoadTime:
    """The quickest of several fresh-process loads (other processes only ever add time), and what was loaded."""

    seconds: float
    runs: list[float]
    items: int
    modules: int
    errors: int


def time_load(root: Path, runs: int = 3) -> LoadTime:
    """Load and cross-check the content under `root` in `runs` fresh processes; the quickest time."""
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", TIMED, str(root)], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    times = [r["seconds"] for r in results]
    last = results[-1]
    return LoadTime(round(min(times), 3), [round(t, 3) for t in times], last["items"], last["modules"], last["errors"])


def multiply_content(destination: Path, copies: int = 100, source: Path = PROJECT_ROOT) -> Path:
    """A content folder with every quiz module `copies` times (the original plus clones under new ids).

    A clone of a post-test names the clone of its pre-test with the same number: a pre-test pairs with one
    post-test only.
    """
    shutil.rmtree(destination, ignore_errors=True)
    for folder in CONTENT_FOLDERS:
        shutil.copytree(source / folder, destination / folder)
    for path in sorted((source / "quizzes").glob("*.yaml")):
        if path.name == MISCONCEPTIONS_FILE:
            continue
        text = path.read_text(encoding="utf-8")
        module_id = MODULE_ID.search(text).group(1)
        for n in range(2, copies + 1):
            clone = MODULE_ID.sub(f"id: {module_id}-copy-{n:03d}", text, count=1)
            clone = PRE_TEST.sub(lambda m, n=n: f"pre_test: {m.group(1)}-copy-{n:03d}", clone, count=1)
            (destination / "quizzes" / f"{path.stem}-copy-{n:03d}.yaml").write_text(clone, encoding="utf-8")
    return destination
