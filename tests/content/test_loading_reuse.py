"""A catalog build that reuses earlier steps' results is the build a fresh load gives, whatever changed."""

from __future__ import annotations

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import LOADED, build_catalog
from crosscheck.content.sources import ContentFile, ContentFiles

GLIMPSE = "seeds/nk-pow-interrogation/002-glimpse.md"
QUOTED = "The soldiers’ answers came in footage provided and edited"  # lessons and modules quote it


def fresh(files: ContentFiles, known=None):
    """The catalog a load with nothing kept gives."""
    LOADED.forget()
    return build_catalog(files, known)


def teachers_module(module_id: str) -> ContentFile:
    """A teacher's module: the shipped one under another id."""
    text = (PROJECT_ROOT / "quizzes" / "spot-unverified.yaml").read_text(encoding="utf-8")
    return ContentFile.from_text(f"quizzes/{module_id}.yaml", text.replace("id: spot-unverified", f"id: {module_id}"))


@pytest.fixture(scope="module")
def shipped() -> ContentFiles:
    """The shipped content files."""
    return ContentFiles.from_root(PROJECT_ROOT)


def edited_article(shipped: ContentFiles) -> ContentFiles:
    """The shipped files with one article's quoted sentence reworded, under the same name."""
    reworded = ContentFile(GLIMPSE, shipped.get(GLIMPSE).data.replace(QUOTED.encode(), b"The answers were in"), True)
    files = [reworded if file.name == GLIMPSE else file for file in shipped.every()]
    return ContentFiles(files, shipped.story_folders(), shipped.root)


def builds(shipped: ContentFiles) -> list[tuple[str, ContentFiles, dict]]:
    """Builds in an order that makes each reuse a step's result where it may and must not."""
    mine, empty = teachers_module("mine"), ContentFile("quizzes/empty.yaml", b"")
    clash = ContentFile("quizzes/zz-mine.yaml", mine.data)
    return [
        ("shipped", shipped, {}),
        ("plus a module", shipped.plus([mine]), {}),
        ("an article reworded", edited_article(shipped), {}),
        ("shipped again", shipped, {}),
        ("plus an empty module", shipped.plus([empty]), {}),
        ("two files give one id", shipped.plus([mine, clash]), {}),
        ("the same, the other file known", shipped.plus([mine, clash]), {("module", "mine"): "quizzes/zz-mine.yaml"}),
        ("plus a module again", shipped.plus([mine]), {}),
    ]


def test_every_build_equals_a_fresh_load_of_the_same_files(shipped):
    expected = {name: fresh(files, known) for name, files, known in builds(shipped)}
    LOADED.forget()
    for name, files, known in builds(shipped) + builds(shipped):  # the second round reuses every step
        assert build_catalog(files, known) == expected[name], name


def test_a_reworded_article_fails_the_quotes_of_lessons_and_modules_that_were_loaded_before(shipped):
    before = build_catalog(shipped)
    after = build_catalog(edited_article(shipped))
    assert not before.errors
    broken = {problem.path for problem in after.errors}
    assert "lessons/02-who-said-so.md" in broken and "quizzes/primary-source.yaml" in broken
    assert "who-said-so" not in after.lessons and "primary-source" not in after.quizzes


def test_the_known_holder_decides_a_contested_id_even_when_the_files_were_loaded_before(shipped):
    files = shipped.plus([teachers_module("mine"), ContentFile("quizzes/zz-mine.yaml", teachers_module("mine").data)])
    assert build_catalog(files).quizzes["mine"].path == "quizzes/mine.yaml"  # named after the id
    known = {("module", "mine"): "quizzes/zz-mine.yaml"}
    assert build_catalog(files, known).quizzes["mine"].path == "quizzes/zz-mine.yaml"
    assert build_catalog(files, {("module", "other"): "quizzes/x.yaml"}).quizzes["mine"].path == "quizzes/mine.yaml"


def test_changing_a_built_catalog_changes_no_later_build(shipped):
    first = build_catalog(shipped)
    first.quizzes.clear()
    first.articles.pop(next(iter(first.articles)))
    first.problems.clear()
    assert build_catalog(shipped) == fresh(shipped)


def test_a_build_reuses_the_steps_whose_inputs_did_not_change(shipped):
    first = build_catalog(shipped)
    again = build_catalog(shipped)
    assert all(again.quizzes[i] is module for i, module in first.quizzes.items())  # nothing loaded again
    plus_module = build_catalog(shipped.plus([teachers_module("mine")]))
    assert all(plus_module.lessons[i] is lesson for i, lesson in first.lessons.items())  # lessons kept
    assert plus_module.quizzes["spot-unverified"] is not first.quizzes["spot-unverified"]  # the quiz step ran
    reworded = build_catalog(edited_article(shipped))
    assert reworded.articles["nk-pow-kyivpost"] is not first.articles["nk-pow-kyivpost"]  # seeds changed: all ran
