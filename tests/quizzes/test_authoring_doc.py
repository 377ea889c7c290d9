"""docs/authoring.md stays true: its example module loads, and its draft gives exactly the output it shows."""

from __future__ import annotations

import re

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from tests.quizzes.conftest import make_content_root

GUIDE = (PROJECT_ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


def blocks(marker: str) -> list[tuple[str, str]]:
    """(name, text) of every fenced block that follows `<!-- marker[: name] -->`."""
    pattern = rf"<!-- {marker}:? ?([^ ]*) -->\n```\w*\n(.*?)```"
    return re.findall(pattern, GUIDE, flags=re.DOTALL)


def guide_root(tmp_path):
    """A content root holding the shipped misconceptions and the guide's example files."""
    root = make_content_root(tmp_path / "content", quiz_files=PROJECT_ROOT / "quizzes")
    for path in (root / "quizzes").glob("*.yaml"):
        if path.name != "misconceptions.yaml":
            path.unlink()
    for name, text in blocks("module"):
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_worked_example_uses_every_type_and_setting_and_loads_cleanly(tmp_path):
    catalog = load_catalog(guide_root(tmp_path))
    assert [p for p in catalog.problems if p.path == "quizzes/practice-sources.yaml"] == []
    module = catalog.quizzes["practice-sources"]
    assert [i.type for i in module.items] == ["choice", "multi", "highlight", "match"]
    assert set(module.settings.model_fields_set) == {"attempts", "shuffle_options", "feedback"}


def test_the_draft_gives_the_output_the_guide_shows(make_app, tmp_path):
    ((_, shown),) = blocks("content check output")
    app = make_app(CONTENT_DIR=str(guide_root(tmp_path)))
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    printed = _without_seed_notes(result.output.splitlines())
    expected = [line for line in shown.splitlines() if not line.startswith("content file")]  # start-up log
    assert printed == expected


def _without_seed_notes(lines: list[str]) -> list[str]:
    """The output without the annotations' list of numbers marked as not a figure: it is about the seed
    articles, the same for every quiz author, and the guide shows only what the draft causes."""
    kept, in_notes = [], False
    for line in lines:
        if line.endswith("marked as not a figure:"):
            in_notes = True
            continue
        if in_notes and line.startswith("  "):
            continue
        in_notes = False
        kept.append(line)
    return kept
