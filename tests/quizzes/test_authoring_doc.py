"""docs/authoring.md stays true: its example module loads, and its draft gives exactly the output it shows."""

from __future__ import annotations

import re

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import build_catalog, load_catalog
from crosscheck.content.loading.quizzes import load_quiz_file
from crosscheck.content.sources import ContentFile, ContentFiles
from tests.quizzes.conftest import HERE, make_content_root
from tests.quizzes.test_validator import BROKEN, expected

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
    assert set(module.settings.model_fields_set) == set(type(module.settings).model_fields)


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


def table_messages() -> list[str]:
    """The first column of the guide's table of messages (the text between backticks)."""
    section = GUIDE.split("Other messages and what to do", 1)[1].split("\n## ", 1)[0]
    return [text.strip() for _, text in re.findall(r"^\| (`+)(.+?)\1", section, flags=re.MULTILINE)]


def real_messages(catalog) -> set[str]:
    """What the checker prints for the broken corpus, and for the few mistakes that need the whole catalogue."""
    found = {line.split(": ", 1)[1] for path in BROKEN for line in expected(path)}
    huge = b"id: huge\ntitle: " + b"x" * (600_012 - 17) + b"\n"
    _, problems, _ = load_quiz_file(ContentFile("quizzes/huge.yaml", huge), catalog, {})
    found.add(problems[0].message)
    good = (HERE / "good" / "sample-end.yaml").read_text(encoding="utf-8")
    framing = good.replace("skill: conflicting_figure\n", "skill: framing\n", 1).encode()
    _, problems, _ = load_quiz_file(ContentFile("quizzes/x.yaml", framing), catalog, catalog.misconceptions)
    found |= {p.message for p in problems}
    giveaways = (HERE / "warnings" / "giveaways.yaml").read_bytes()  # loads, with the two option warnings
    _, problems, _ = load_quiz_file(ContentFile("quizzes/giveaways.yaml", giveaways), catalog, catalog.misconceptions)
    found |= {p.message for p in problems}
    copyable = good.replace("attempts: 1\n  shuffle_options: false\n  feedback: end", "attempts: 2\n  feedback: each")
    _, problems, _ = load_quiz_file(ContentFile("quizzes/x.yaml", copyable.encode()), catalog, catalog.misconceptions)
    found |= {f"{p.message}; {p.fix}" for p in problems}  # the warning about copying the key into a later attempt
    middle = (HERE / "warnings" / "middle.yaml").read_bytes()  # loads, with the warning about middling lengths
    _, problems, _ = load_quiz_file(ContentFile("quizzes/middle.yaml", middle), catalog, catalog.misconceptions)
    found |= {p.message for p in problems}
    copy = (PROJECT_ROOT / "quizzes" / "spot-unverified.yaml").read_bytes()
    files = ContentFiles.from_root(PROJECT_ROOT).plus([ContentFile("quizzes/my-first-module.yaml", copy)])
    found |= {str(p).split(": ", 1)[1] for p in build_catalog(files).errors}
    return found


def test_every_message_in_the_guides_table_is_one_the_checker_prints(sample_catalog):
    real = real_messages(sample_catalog)
    assert len(table_messages()) >= 25
    assert [m for m in table_messages() if m not in real] == []


def test_the_guide_shows_every_kind_of_mistake_in_the_corpus():
    shown = set(table_messages()) | {
        line.split(": ", 1)[1] for line in blocks("content check output")[0][1].splitlines()
    }
    missing = [p.name for p in BROKEN if not any(e.split(": ", 1)[1] in shown for e in expected(p))]
    assert missing == []
