"""Write small lesson files into a temporary content root (with the real seeds) and load them."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog

SELF_CHECK = """
```self-check
questions:
  - question: Who edited the video?
    answer: Ukraine did, says the text.
```
"""


def content_root(tmp_path: Path, lessons: bool = False, annotations: bool = False) -> Path:
    """A content folder with the shipped articles; shipped annotations and lessons only when asked."""
    root = tmp_path / "content"
    ignore = None if annotations else shutil.ignore_patterns("*.annotations.yaml", "quantities.yaml")
    shutil.copytree(PROJECT_ROOT / "seeds", root / "seeds", ignore=ignore)
    if lessons:
        shutil.copytree(PROJECT_ROOT / "lessons", root / "lessons")
    (root / "lessons").mkdir(exist_ok=True)
    return root


def front_matter(**fields) -> dict:
    """A valid lesson front matter with fields overridden (None removes a field)."""
    meta = {
        "id": "test-lesson",
        "title": "A test lesson",
        "order": 1,
        "skills": ["framing"],
        "articles": ["nk-pow-glimpse", "nk-pow-kyivpost"],
        "objectives": ["Say who released the video"],
        "minutes": 10,
        "quiz": "final-mixed",
    }
    meta.update(fields)
    return {k: v for k, v in meta.items() if v is not None}


def write_lesson(root: Path, body: str = "", name: str = "lesson.md", self_check: bool = True, **fields) -> Path:
    """lessons/<name> with the front matter and body given; a self-check is appended unless told not to."""
    meta = yaml.safe_dump(front_matter(**fields), sort_keys=False, allow_unicode=True)
    path = root / "lessons" / name
    path.write_text(f"---\n{meta}---\n{body}{SELF_CHECK if self_check else ''}", encoding="utf-8")
    return path


def write_annotations(root: Path, stem: str, text: str) -> None:
    """seeds/nk-pow-interrogation/<stem>.annotations.yaml (or quantities.yaml when stem is 'quantities')."""
    name = "quantities.yaml" if stem == "quantities" else f"{stem}.annotations.yaml"
    (root / "seeds" / "nk-pow-interrogation" / name).write_text(text, encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the first line of the file containing `text`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def problems_of(root: Path) -> list[str]:
    """Every problem in lesson files, as `file:line:col: message` strings (seed warnings aside)."""
    return [str(p) for p in sorted(load_catalog(root).problems) if p.path.startswith("lessons/")]
