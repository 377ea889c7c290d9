"""Where content files come from: the folder on disk, then extra file texts laid out the same way.

The shipped content is a folder (seeds/, lessons/, quizzes/). A school's own content, written in the app and
kept in the database, arrives as extra files named by the same repository paths ("quizzes/x.yaml"). The
loaders list and read files only through Sources, so both kinds load through one checker. Files on disk
are listed before extra ones, so a shipped id is always known first and wins over a school file that
repeats it; an extra file cannot replace a file on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from crosscheck.content.errors import Problem


@dataclass
class Sources:
    """The content folder on disk plus extra files by repository path (text or bytes)."""

    root: Path
    extra: dict[str, bytes | str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        kept = {}
        for rel, data in sorted(self.extra.items()):
            parts = PurePosixPath(rel).parts
            if (self.root / rel).exists():
                self.problems.append(Problem(rel, 1, 1, "a shipped file has this path; this copy is not read"))
            elif parts[0] == "seeds" and len(parts) > 2 and (self.root / "seeds" / parts[1]).is_dir():
                message = f"story folder seeds/{parts[1]} is shipped; a school story needs an id of its own"
                self.problems.append(Problem(rel, 1, 1, message))
            else:
                kept[rel] = data
        self.extra = kept

    def folders(self, parent: str) -> list[str]:
        """Sub-folders of `parent` ("seeds/x"): those on disk by name, then those only in the extra files."""
        on_disk = self.root / parent
        disk = sorted(p.name for p in on_disk.iterdir() if p.is_dir()) if on_disk.is_dir() else []
        prefix = parent.rstrip("/") + "/"
        nested = (rel[len(prefix) :] for rel in self.extra if rel.startswith(prefix))
        only_extra = {rest.split("/")[0] for rest in nested if "/" in rest}
        return [f"{prefix}{name}" for name in disk + sorted(only_extra - set(disk))]

    def files(self, folder: str, pattern: str) -> list[str]:
        """Files directly in `folder` whose name matches `pattern`: on disk by name, then the extra ones."""
        on_disk = self.root / folder
        disk = sorted(p.name for p in on_disk.glob(pattern) if p.is_file()) if on_disk.is_dir() else []
        prefix = folder.rstrip("/") + "/"
        extra = sorted(
            rel
            for rel in self.extra
            if rel.startswith(prefix) and "/" not in rel[len(prefix) :] and fnmatchcase(rel[len(prefix) :], pattern)
        )
        return [f"{prefix}{name}" for name in disk] + extra

    def is_file(self, rel: str) -> bool:
        """Whether the file exists on disk or among the extra files."""
        return rel in self.extra or (self.root / rel).is_file()

    def read(self, rel: str) -> bytes:
        """The file's bytes (extra texts are encoded as UTF-8)."""
        if rel in self.extra:
            data = self.extra[rel]
            return data.encode("utf-8") if isinstance(data, str) else data
        return (self.root / rel).read_bytes()

    def is_extra(self, rel: str) -> bool:
        """Whether the file came from the extra files (the school's), not the folder on disk."""
        return rel in self.extra


def name_of(rel: str) -> str:
    """The file name of a repository path."""
    return PurePosixPath(rel).name


def parent_name(rel: str) -> str:
    """The name of the folder holding a repository path ("seeds/story/a.md" -> "story")."""
    return PurePosixPath(rel).parent.name
