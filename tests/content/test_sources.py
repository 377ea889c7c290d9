"""Extra file texts (a school's content) load through the same loaders as the shipped folder, after it."""

from __future__ import annotations

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.catalog import load_catalog
from crosscheck.content.sources import Sources

SHIPPED_MODULE = (PROJECT_ROOT / "quizzes" / "primary-source.yaml").read_text(encoding="utf-8")


def test_extra_module_loads_after_the_shipped_ones():
    text = SHIPPED_MODULE.replace("id: primary-source", "id: school-primary-source", 1)
    catalog = load_catalog(PROJECT_ROOT, {"quizzes/school-primary-source.yaml": text})
    assert list(catalog.quizzes)[-1] == "school-primary-source"
    assert catalog.quizzes["school-primary-source"].path == "quizzes/school-primary-source.yaml"
    assert catalog.errors == []


def test_a_shipped_id_wins_over_a_school_file_repeating_it():
    catalog = load_catalog(PROJECT_ROOT, {"quizzes/zz-copy.yaml": SHIPPED_MODULE})
    assert catalog.quizzes["primary-source"].path == "quizzes/primary-source.yaml"
    [problem] = [p for p in catalog.errors if p.path == "quizzes/zz-copy.yaml"]
    assert "module id 'primary-source' is already used by quizzes/primary-source.yaml" in problem.message


def test_an_extra_file_never_replaces_a_shipped_file():
    catalog = load_catalog(PROJECT_ROOT, {"quizzes/primary-source.yaml": "id: broken"})
    assert "primary-source" in catalog.quizzes
    assert [str(p) for p in catalog.errors] == [
        "quizzes/primary-source.yaml:1:1: a shipped file has this path; this copy is not read"
    ]


def test_an_extra_file_cannot_join_a_shipped_story(tmp_path):
    sources = Sources(PROJECT_ROOT, {"seeds/nk-pow-interrogation/999-extra.md": "---\n---\n"})
    assert sources.extra == {}
    assert "a school story needs an id of its own" in sources.problems[0].message


def test_folders_and_files_list_disk_then_extra(tmp_path):
    (tmp_path / "seeds" / "b").mkdir(parents=True)
    (tmp_path / "seeds" / "b" / "x.md").write_text("disk")
    sources = Sources(tmp_path, {"seeds/a/y.md": "extra", "seeds/a/z.txt": "", "seeds/c.md": ""})
    assert sources.folders("seeds") == ["seeds/b", "seeds/a"]
    assert sources.files("seeds/a", "*.md") == ["seeds/a/y.md"]
    assert sources.files("seeds", "*.md") == ["seeds/c.md"]
    assert sources.read("seeds/a/y.md") == b"extra"
    assert sources.read("seeds/b/x.md") == b"disk"
    assert sources.is_extra("seeds/a/y.md") and not sources.is_extra("seeds/b/x.md")
