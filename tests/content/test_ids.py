"""No file silently takes another's id: the shipped (or known) file keeps it whatever the read order."""

from __future__ import annotations

import re
import shutil

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import build_catalog, check_file, load_catalog
from crosscheck.content.sources import ContentFile, ContentFiles

SHIPPED_MODULE = (PROJECT_ROOT / "quizzes" / "spot-unverified.yaml").read_text(encoding="utf-8")
NEWCOMER = "# My first module, copied from spot-unverified.yaml\n" + SHIPPED_MODULE  # id on line 3


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """A copy of the shipped content root."""
    root = tmp_path_factory.mktemp("shipped")
    for folder in ("seeds", "lessons", "quizzes"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    return root


@pytest.fixture
def root(shipped, tmp_path):
    """A fresh copy of it for a test that adds files."""
    shutil.copytree(shipped, tmp_path / "content")
    return tmp_path / "content"


def id_line(text: str) -> int:
    """The line of a module's `id:`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith("id:"))


@pytest.mark.parametrize("name", ["my-first-module.yaml", "zz-my-module.yaml", "a.yaml"])
def test_a_new_module_file_with_a_shipped_id_is_refused_whatever_it_is_called(root, name):
    (root / "quizzes" / name).write_text(NEWCOMER, encoding="utf-8")
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.errors] == [
        f"quizzes/{name}:{id_line(NEWCOMER)}:1: module id 'spot-unverified' is already used by "
        "quizzes/spot-unverified.yaml; give this module an id of its own"
    ]
    assert catalog.quizzes["spot-unverified"].path == "quizzes/spot-unverified.yaml"
    assert list(catalog.broken_files()) == [f"quizzes/{name}"]


def test_the_shipped_module_keeps_its_id_even_while_it_has_an_error(root):
    shipped = root / "quizzes" / "spot-unverified.yaml"
    shipped.write_text(SHIPPED_MODULE.replace("type: choice", "type: choise", 1), encoding="utf-8")
    (root / "quizzes" / "a-copy.yaml").write_text(NEWCOMER, encoding="utf-8")
    catalog = load_catalog(root)
    assert "spot-unverified" not in catalog.quizzes  # nobody is served in its place until it is fixed
    broken = ["lessons/04-what-nobody-verified.md", "quizzes/a-copy.yaml", "quizzes/spot-unverified.yaml"]
    assert sorted(catalog.broken_files()) == broken  # the lesson names the module: it waits for it too
    [refused] = [p for p in catalog.errors if p.path == "quizzes/a-copy.yaml"]
    assert refused.message == "module id 'spot-unverified' is already used by quizzes/spot-unverified.yaml"
    assert refused.fix == "give this module an id of its own"


def test_a_lesson_with_a_shipped_id_is_refused_on_its_id_line(root):
    shipped = (root / "lessons" / "02-who-said-so.md").read_text(encoding="utf-8")
    (root / "lessons" / "00-my-lesson.md").write_text(shipped.replace("order: 2", "order: 9"), encoding="utf-8")
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.errors] == [
        "lessons/00-my-lesson.md:2:1: lesson id 'who-said-so' is already used by lessons/02-who-said-so.md; "
        "give this lesson an id of its own"
    ]
    assert catalog.lessons["who-said-so"].path == "lessons/02-who-said-so.md"


def test_an_article_with_a_shipped_id_is_refused_on_its_id_line(root):
    story = root / "seeds" / "nk-pow-interrogation"
    shutil.copy(story / "000-kyivpost.md", story / "000-a-copy.md")
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.errors] == [
        "seeds/nk-pow-interrogation/000-a-copy.md:2:1: article id 'nk-pow-kyivpost' is already used by "
        "seeds/nk-pow-interrogation/000-kyivpost.md; give this article an id of its own"
    ]
    assert catalog.articles["nk-pow-kyivpost"].path == "seeds/nk-pow-interrogation/000-kyivpost.md"


def test_an_extra_file_never_takes_a_shipped_id_even_when_named_after_it(shipped):
    files = ContentFiles.from_root(shipped).plus([ContentFile.from_text("quizzes/0-spot-unverified.yaml", NEWCOMER)])
    catalog = build_catalog(files)
    assert [str(p) for p in catalog.errors] == [
        f"quizzes/0-spot-unverified.yaml:{id_line(NEWCOMER)}:1: module id 'spot-unverified' is already used by "
        "quizzes/spot-unverified.yaml; give this module an id of its own"
    ]
    assert catalog.quizzes["spot-unverified"].path == "quizzes/spot-unverified.yaml"


def test_an_extra_file_cannot_replace_a_shipped_file_of_the_same_name(shipped):
    files = ContentFiles.from_root(shipped).plus([ContentFile.from_text("quizzes/spot-unverified.yaml", "id: x\n")])
    catalog = build_catalog(files)
    assert [str(p) for p in catalog.errors] == [
        "quizzes/spot-unverified.yaml:1:1: a file that ships with the app has this name; give yours another name"
    ]
    assert catalog.quizzes["spot-unverified"].items == load_catalog(shipped).quizzes["spot-unverified"].items


def teachers_module(module_id: str, title: str) -> str:
    """A valid module of the teacher's own, from the shipped one."""
    text = SHIPPED_MODULE.replace("id: spot-unverified", f"id: {module_id}", 1)
    return re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)


def test_the_known_holder_of_an_id_keeps_it_whatever_the_names(shipped):
    first, second = (
        ContentFile.from_text("quizzes/teacher-1.yaml", teachers_module("mine", "First")),
        ContentFile.from_text("quizzes/teacher-2.yaml", teachers_module("mine", "Second")),
    )
    base = ContentFiles.from_root(shipped)
    unknown = build_catalog(base.plus([first, second]))
    assert unknown.quizzes["mine"].path == "quizzes/teacher-1.yaml"  # neither known: the first by name
    known = build_catalog(base.plus([first, second]), known={("module", "mine"): "quizzes/teacher-2.yaml"})
    assert known.quizzes["mine"].path == "quizzes/teacher-2.yaml"
    assert [(p.path, p.message) for p in known.errors] == [
        ("quizzes/teacher-1.yaml", "module id 'mine' is already used by quizzes/teacher-2.yaml")
    ]


def test_check_file_gives_the_problems_of_one_file_beside_the_others(shipped):
    files = ContentFiles.from_root(shipped)
    draft = ContentFile.from_text("quizzes/draft.yaml", NEWCOMER)
    [problem] = check_file(files, draft)
    assert (problem.path, problem.line, problem.col) == ("quizzes/draft.yaml", id_line(NEWCOMER), 1)
    assert check_file(files, ContentFile.from_text("quizzes/draft.yaml", teachers_module("draft", "Mine"))) == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../quizzes/x.yaml", "a content file is named seeds/<story>/<file>, lessons/<file>.md or quizzes/<file>.yaml"),
        (
            "quizzes/sub/x.yaml",
            "a content file is named seeds/<story>/<file>, lessons/<file>.md or quizzes/<file>.yaml",
        ),
        ("quizzes/.x.yaml", "a content file is named seeds/<story>/<file>, lessons/<file>.md or quizzes/<file>.yaml"),
        ("lessons/x.yaml", "a file in lessons/ ends in .md"),
    ],
)
def test_an_extra_file_with_a_name_no_loader_reads_is_refused(name, reason):
    files = ContentFiles().plus([ContentFile.from_text(name, "id: x\n")])
    assert [str(p) for p in files.problems] == [f"{name}:1:1: {reason}"]
    assert files.names() == []
