"""Where content comes from: named files, read from the content root or given by the caller.

Loaders never open files. They ask a ContentFiles for the files in a folder; each ContentFile is a name
relative to the content root (`quizzes/my-module.yaml`, `seeds/<story>/000-outlet.md`) and its bytes. The
shipped files are read from the content root once (`ContentFiles.from_root`); extra files (teachers' files
kept in the database) are added with `plus`, under names of their own, and never replace a shipped file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from crosscheck.content.errors import Problem

SEEDS, LESSONS, QUIZZES = "seeds", "lessons", "quizzes"
# The only names a content file may have, and the endings each folder reads.
_NAME = re.compile(r"(seeds/[^/]+|lessons|quizzes)/[^/]+")
_SUFFIXES = {SEEDS: (".md", ".yaml"), LESSONS: (".md",), QUIZZES: (".yaml", ".yml")}

# Who already holds an id: (kind, id) -> the name of the file that keeps it, whatever else gives the same id.
# The workspace passes the files whose ids students have answered; the kinds are crosscheck.content.loading.ids'.
KnownHolders = Mapping[tuple[str, str], str]


@dataclass(frozen=True)
class ContentFile:
    """One content file: its name relative to the content root, its bytes, and whether it shipped with the app."""

    name: str
    data: bytes
    shipped: bool = False

    @classmethod
    def from_text(cls, name: str, text: str) -> ContentFile:
        """An extra file from text (a teacher's file kept in the database), stored as UTF-8 bytes."""
        return cls(name, text.encode("utf-8"))

    @property
    def folder(self) -> str:
        """The folder part of the name: `quizzes`, `lessons` or `seeds/<story>`."""
        return self.name.rsplit("/", 1)[0]

    @property
    def file_name(self) -> str:
        """The last part of the name: `my-module.yaml`."""
        return self.name.rsplit("/", 1)[1]


class ContentFiles:
    """Every content file by name: the shipped files, then any extra ones; not changed once built."""

    def __init__(self, files: Iterable[ContentFile] = (), story_folders: Iterable[str] = (), root: Path | None = None):
        self.root = root
        self._files: dict[str, ContentFile] = {}
        self._story_folders = set(story_folders)
        self.problems: list[Problem] = []  # extra files refused for their name
        for file in files:
            self._add(file)

    @classmethod
    def from_root(cls, root: Path | str) -> ContentFiles:
        """The files of a content root: seeds/<story>/*.md and *.yaml, lessons/*.md, quizzes/*.yaml and *.yml."""
        root = Path(root)
        paths: list[Path] = []
        story_folders = []
        seeds = root / SEEDS
        for story in sorted(p for p in seeds.iterdir() if p.is_dir()) if seeds.is_dir() else []:
            story_folders.append(f"{SEEDS}/{story.name}")
            paths += [p for p in story.iterdir() if p.name.endswith(_SUFFIXES[SEEDS])]
        for folder in (LESSONS, QUIZZES):
            if (root / folder).is_dir():
                paths += [p for p in (root / folder).iterdir() if p.name.endswith(_SUFFIXES[folder])]
        paths = [p for p in sorted(paths) if p.is_file() and not p.name.startswith(".")]  # editors' hidden files
        files = (ContentFile(p.relative_to(root).as_posix(), p.read_bytes(), shipped=True) for p in paths)
        return cls(files, story_folders, root)

    def plus(self, extra: Iterable[ContentFile]) -> ContentFiles:
        """These files and the extra ones; an extra file replaces an extra of its name, never a shipped one."""
        combined = ContentFiles(root=self.root)
        combined._files = dict(self._files)
        combined._story_folders = set(self._story_folders)
        combined.problems = list(self.problems)
        for file in extra:
            combined._add(ContentFile(file.name, file.data, shipped=False))
        return combined

    def _add(self, file: ContentFile) -> None:
        """Keep one file, or a problem saying why its name cannot be a content file."""
        reason = name_problem(file.name)
        held = self._files.get(file.name)
        if reason is None and held is not None and held.shipped and not file.shipped:
            reason = "a file that ships with the app has this name; give yours another name"
        if reason is not None:
            self.problems.append(Problem(file.name, 1, 1, reason))
            return
        self._files[file.name] = file
        if file.name.startswith(SEEDS + "/"):
            self._story_folders.add(file.folder)

    def in_folder(self, folder: str, *suffixes: str) -> list[ContentFile]:
        """The files directly in `folder` whose names end with one of the suffixes, sorted by name."""
        found = [f for f in self._files.values() if f.folder == folder and f.file_name.endswith(suffixes)]
        return sorted(found, key=lambda f: f.name)

    def get(self, name: str) -> ContentFile | None:
        """The file with this name, or None."""
        return self._files.get(name)

    def story_folders(self) -> list[str]:
        """`seeds/<story>` for every story folder, sorted."""
        return sorted(self._story_folders)

    def every(self) -> list[ContentFile]:
        """Every file, sorted by name."""
        return [self._files[name] for name in sorted(self._files)]

    def names(self) -> list[str]:
        """Every file's name, sorted."""
        return sorted(self._files)


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a content file, or None when it can."""
    parts = PurePosixPath(name).parts
    if not _NAME.fullmatch(name) or any(p.startswith(".") for p in parts):
        return "a content file is named seeds/<story>/<file>, lessons/<file>.md or quizzes/<file>.yaml"
    if not parts[-1].endswith(_SUFFIXES[parts[0]]):
        return f"a file in {parts[0]}/ ends in {' or '.join(_SUFFIXES[parts[0]])}"
    return None
