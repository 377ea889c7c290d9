"""The quiz checker on a corpus of broken files (one per kind of mistake), through the loader and the CLI."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest

from crosscheck.content.loading import load_catalog
from crosscheck.content.loading.quizzes import load_quiz_file
from crosscheck.content.sources import ContentFile
from tests.conftest import Builders, login
from tests.quizzes.conftest import HERE, make_content_root

BROKEN = sorted((HERE / "broken").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+:\d+: .*)$", re.MULTILINE)


def _named(path: Path) -> ContentFile:
    """A corpus file under its own file name (messages name it so)."""
    return ContentFile(path.name, path.read_bytes())


def expected(path: Path) -> list[str]:
    """The `# expect: line:col: message` comments at the top of a broken file."""
    return EXPECT.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_broken_file_reports_its_errors_at_line_and_column(path, sample_catalog):
    assert expected(path), f"{path.name} has no '# expect:' line"
    sample_catalog.lessons = {"what-nobody-verified": object()} if path.stem == "unknown-lesson" else {}
    try:
        module, problems, _ = load_quiz_file(_named(path), sample_catalog, sample_catalog.misconceptions)
    finally:
        sample_catalog.lessons = {}
    assert module is None
    assert [str(p).removeprefix(f"{path.name}:") for p in problems] == expected(path)


def test_the_corpus_covers_every_kind_of_error():
    names = {p.stem for p in BROKEN}
    assert {
        "yaml-syntax", "yaml-alias", "python-tag", "unknown-field-module", "unknown-field-item",
        "unknown-field-option", "missing-field", "wrong-type", "unknown-item-type", "unknown-article",
        "quote-not-found", "quote-ambiguous", "duplicate-item-id", "choice-no-correct",
        "choice-two-correct", "multi-none-correct", "highlight-outside-passage", "match-duplicate-left",
        "unknown-misconception", "unknown-lesson", "too-many-points", "id-too-long",
    } <= names  # fmt: skip


def test_lessons_are_only_checked_once_lessons_are_loaded(sample_catalog):
    path = HERE / "broken" / "unknown-lesson.yaml"
    assert sample_catalog.lessons == {}
    module, problems, _ = load_quiz_file(_named(path), sample_catalog, sample_catalog.misconceptions)
    assert module is not None and problems == []


def test_the_sample_modules_load_without_problems(sample_catalog):
    assert set(sample_catalog.quizzes) == {"sample-module", "sample-end", "sample-written"}
    assert sample_catalog.misconceptions["relay-taken-for-source"].startswith("takes the outlet")
    module = sample_catalog.quizzes["sample-module"]
    assert [i.type for i in module.items] == ["choice", "multi", "highlight", "match"]
    assert module.settings.attempts == 2 and module.settings.feedback == "each"
    assert module.max_points == 5


def test_a_file_over_the_size_limit_is_refused(sample_catalog, tmp_path):
    file = ContentFile("huge.yaml", ("id: huge\ntitle: " + "x" * 600_000 + "\n").encode())
    module, problems, _ = load_quiz_file(file, sample_catalog, {})
    assert module is None and "limit" in problems[0].message


def test_content_check_lists_every_error_of_every_file_and_exits_1(make_app, tmp_path):
    root = make_content_root(tmp_path / "content")
    for name in ("several-errors.yaml", "choice-two-correct.yaml"):
        shutil.copy(HERE / "broken" / name, root / "quizzes" / name)
    result = make_app(CONTENT_DIR=str(root)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    printed = [line for line in result.output.splitlines() if line.startswith("quizzes/")]
    wanted = [f"quizzes/several-errors.yaml:{e}" for e in expected(HERE / "broken" / "several-errors.yaml")]
    wanted += [f"quizzes/choice-two-correct.yaml:{e}" for e in expected(HERE / "broken" / "choice-two-correct.yaml")]
    assert sorted(printed) == sorted(wanted)
    assert "4 error(s)" in result.output


def test_a_broken_module_is_skipped_and_logged_and_teachers_see_it(make_app, tmp_path, caplog):
    root = make_content_root(tmp_path / "content")
    shutil.copy(HERE / "broken" / "choice-no-correct.yaml", root / "quizzes" / "choice-no-correct.yaml")
    with caplog.at_level(logging.WARNING, logger="crosscheck"):
        app = make_app(CONTENT_DIR=str(root))
    assert "quizzes/choice-no-correct.yaml skipped" in caplog.text
    catalog = app.extensions["crosscheck.catalog"]
    assert set(catalog.quizzes) == {"sample-module", "sample-end", "sample-written"}  # the valid modules keep working
    with app.app_context():
        names = [Builders().user(role).username for role in ("teacher", "student")]
    notice = "quizzes/choice-no-correct.yaml:12:5: a choice item needs exactly one correct option"
    for username, sees in zip(names, (True, False), strict=True):
        client = app.test_client()
        login(client, username)
        page = client.get("/quizzes/").get_data(as_text=True)
        assert (notice in page) is sees
        assert "Sample module" in page


def test_a_broken_misconceptions_file_is_reported_and_tags_are_not_checked(tmp_path):
    root = make_content_root(tmp_path / "content")
    (root / "quizzes" / "misconceptions.yaml").write_text("Not A Tag: x\n", encoding="utf-8")
    catalog = load_catalog(root)
    assert [str(p).split(": ", 1)[0] for p in catalog.errors] == ["quizzes/misconceptions.yaml:1:1"]
    assert set(catalog.quizzes) == {"sample-module", "sample-end", "sample-written"}


def test_a_skill_outside_the_modules_skills_is_a_warning(tmp_path):
    root = make_content_root(tmp_path / "content")
    path = root / "quizzes" / "sample-end.yaml"
    path.write_text(path.read_text().replace("skill: conflicting_figure\n", "skill: framing\n", 1))
    catalog = load_catalog(root)
    assert not catalog.errors and "sample-end" in catalog.quizzes
    assert [p.message for p in catalog.warnings] == ["skill 'framing' is not in the module's skills"]


def test_a_yml_file_is_named_in_a_warning(tmp_path):
    root = make_content_root(tmp_path / "content")
    (root / "quizzes" / "sample.yaml").rename(root / "quizzes" / "sample.yml")
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.warnings] == [
        "quizzes/sample.yml:1:1: warning: quiz files end in .yaml; this file is not read"
    ]
