"""The workspace timing: its published school modules are all served, with no error, and the draft it checks
loads clean both ways (a broken clone or draft would time the wrong thing)."""

from __future__ import annotations

from bench.workspace_timing import measure, school_modules
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.quizzes import MISCONCEPTIONS_FILE


def test_school_modules_are_the_shipped_ones_under_new_ids():
    modules = school_modules(9)
    assert list(modules) == [f"school-{n:04d}" for n in range(9)]
    assert all(text.startswith(f"id: {slug}\n") or f"\nid: {slug}\n" in text for slug, text in modules.items())


def test_a_small_school_is_measured_whole(tmp_path):
    shipped = [p for p in (PROJECT_ROOT / "quizzes").glob("*.yaml") if p.name != MISCONCEPTIONS_FILE]
    row = measure(3, 1, tmp_path)
    assert row["school"] == 3 and row["modules"] == 3 + len(shipped) and row["items"] > 3
    assert all(row[key] > 0 for key in ("rebuild", "quick", "whole"))
