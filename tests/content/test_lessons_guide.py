"""Every directive example in the authoring guide renders without a problem against the shipped content."""

import re

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from tests.content.lesson_files import content_root, write_lesson

EXAMPLE = re.compile(r"^````markdown\n(.*?)^````$", re.MULTILINE | re.DOTALL)


def test_the_guides_directive_examples_render(tmp_path):
    guide = (PROJECT_ROOT / "docs" / "lessons.md").read_text(encoding="utf-8")
    examples = EXAMPLE.findall(guide)
    names = [re.match(r"```([\w-]+)", example).group(1) for example in examples]
    assert names == ["excerpt", "framing", "figures", "sources", "quotes", "timeline", "self-check"]
    root = content_root(tmp_path, annotations=True)
    for n, example in enumerate(examples):
        ends_with_check = example.startswith("```self-check")
        write_lesson(root, example, name=f"{n}.md", id=f"example-{n}", order=n + 1, self_check=not ends_with_check)
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.problems if p.path.startswith("lessons/") and p.is_error] == []
    assert len(catalog.lessons) == len(examples)
