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


def test_a_post_tests_clone_pairs_with_its_own_pre_tests_clone_or_none():
    post = next(n for n, text in enumerate(school_modules(9).values()) if "\npre_test: " in text)
    pre = post + 1  # pre-test.yaml follows post-test.yaml in file order
    assert f"\npre_test: school-{pre:04d}\n" in school_modules(pre + 1)[f"school-{post:04d}"]
    assert f"\npre_test: school-{pre + 9:04d}\n" in school_modules(pre + 10)[f"school-{post + 9:04d}"]
    assert "pre_test" not in school_modules(pre)[f"school-{post:04d}"]  # its pre-test's clone is not made


def test_a_small_school_is_measured_whole(tmp_path):
    shipped = [p for p in (PROJECT_ROOT / "quizzes").glob("*.yaml") if p.name != MISCONCEPTIONS_FILE]
    row = measure(7, 2, tmp_path)  # with a post-test's clone and its pre-test's: no load error (measure checks)
    # Each run's rebuild follows a publish of one more module (a rebuild of unchanged files times no publish)
    assert row["school"] == 7 and row["modules"] == 7 + len(shipped) + 2 and row["items"] > 7
    assert all(row[key] > 0 for key in ("rebuild", "quick", "whole"))
