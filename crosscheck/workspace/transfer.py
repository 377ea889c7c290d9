"""Files in and out: zips laid out like the repository, read with every limit checked; export formats.

An uploaded zip is read member by member and refused whole on the first thing that is not a plain text file
at a path a document may hold: absolute or `..` paths, links, encrypted members, too many files, a member
or a total larger than the limits however small the zip is (a zip bomb stops at the limit, never inflated
further), bytes that are not UTF-8. `content export --format` picks a writer from EXPORT_FORMATS; other
formats (QTI, GIFT...) add theirs to the same table.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.sources import ContentFiles
from crosscheck.content.yamlsafe import YamlProblem, decode_utf8
from crosscheck.workspace.files import Place, main_path, max_bytes, place_of, sorted_paths

MAX_MEMBERS = 300
MAX_TOTAL_BYTES = 16 * 1024 * 1024
ZIP_TIME = (2025, 1, 1, 0, 0, 0)  # every member the same time: the same files give the same zip


class TransferError(Exception):
    """Files that cannot be taken in; carries every problem found (nothing is saved)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Bundle:
    """Documents read from a zip, a folder or one file: their files by kind and id."""

    documents: dict[Place, dict[str, str]] = field(default_factory=dict)

    def add(self, path: str, text: str) -> Problem | None:
        """File a text under its document, or say why the path holds no document's file."""
        place = place_of(path)
        if place is None:
            return Problem(
                path, 1, 1, "not a path a document holds: quizzes/<id>.yaml, lessons/<id>.md, seeds/<story>/..."
            )
        self.documents.setdefault(place, {})[path] = text
        return None


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member cannot be taken, from its header alone."""
    name = info.filename
    parts = PurePosixPath(name).parts
    if name.startswith("/") or "\\" in name or ":" in name or ".." in parts or not parts:
        return "an absolute path or one with '..' is not allowed"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "links are not allowed; put the file itself in the zip"
    if info.flag_bits & 0x1:
        return "encrypted files cannot be read"
    return None


def read_zip(raw: bytes, name: str = "upload.zip") -> Bundle:
    """The documents in a zip laid out like the repository; TransferError with every problem otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        raise TransferError(f"{name} is not a zip file.") from None
    infos = [i for i in archive.infolist() if not i.is_dir() and not _ignored(i.filename)]
    if len(infos) > MAX_MEMBERS:
        raise TransferError(f"{name} holds {len(infos):,} files; at most {MAX_MEMBERS} are taken in one upload.")
    bundle, problems, total, seen = Bundle(), [], 0, set()
    for info in infos:
        reason = _member_problem(info)
        if reason is None and info.filename in seen:
            reason = "this path is in the zip twice"
        if reason:
            problems.append(Problem(info.filename, 1, 1, reason))
            continue
        seen.add(info.filename)
        limit = max_bytes(info.filename)
        try:
            with archive.open(info) as member:
                data = member.read(limit + 1)  # never inflate past the limit, whatever the header claims
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            problems.append(Problem(info.filename, 1, 1, f"cannot be read from the zip ({exc})"))
            continue
        total += len(data)
        if len(data) > limit:
            problems.append(Problem(info.filename, 1, 1, f"larger than the limit of {limit:,} bytes once unpacked"))
        elif total > MAX_TOTAL_BYTES:
            raise TransferError(f"{name} unpacks to more than {MAX_TOTAL_BYTES:,} bytes; nothing was taken.", problems)
        else:
            problems += _take(bundle, info.filename, data)
    if problems:
        raise TransferError(f"Nothing was taken from {name}: fix these first.", sorted(problems))
    if not bundle.documents:
        raise TransferError(f"{name} holds no quizzes/, lessons/ or seeds/ files.")
    return bundle


def _ignored(name: str) -> bool:
    """Files zip tools add on their own (macOS resource forks, hidden files)."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith(".")


def _take(bundle: Bundle, path: str, data: bytes) -> list[Problem]:
    """Decode one file and add it; its problems otherwise."""
    try:
        text = decode_utf8(data, path, max_bytes(path))
    except YamlProblem as exc:
        return [exc.problem]
    problem = bundle.add(path, text.replace("\r\n", "\n"))
    return [problem] if problem else []


def read_folder(root: Path) -> Bundle:
    """The documents in a folder laid out like the repository (for `content import PATH`)."""
    bundle, problems = Bundle(), []
    files = [p for p in sorted(root.rglob("*")) if p.is_file() and not _ignored(p.relative_to(root).as_posix())]
    if len(files) > MAX_MEMBERS:
        raise TransferError(f"{root} holds {len(files):,} files; at most {MAX_MEMBERS} are taken at once.")
    for path in files:
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            problems.append(Problem(rel, 1, 1, "links are not allowed; put the file itself in the folder"))
            continue
        with path.open("rb") as handle:
            data = handle.read(max_bytes(rel) + 1)
        problems += _take(bundle, rel, data)
    if problems:
        raise TransferError(f"Nothing was taken from {root}: fix these first.", sorted(problems))
    return bundle


def zip_bytes(files: dict[str, str]) -> bytes:
    """A zip of the files at their repository paths (deflated, the same bytes for the same files)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted_paths(files):
            info = zipfile.ZipInfo(path, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path].encode("utf-8"))
    return buffer.getvalue()


@dataclass(frozen=True)
class Exported:
    """What an export format writes: a document's kind, id and files, and the catalog they load into."""

    kind: str
    slug: str
    files: dict[str, str]
    catalog: Catalog


def write_files(exported: Exported, output: Path) -> str:
    """The `files` format: a zip (OUTPUT ends in .zip) or a folder, laid out like the repository."""
    if output.suffix == ".zip":
        output.write_bytes(zip_bytes(exported.files))
        return f"wrote {len(exported.files)} file(s) to {output}"
    for path, text in exported.files.items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return f"wrote {len(exported.files)} file(s) under {output}"


# format name -> writer(exported, output) returning a line for the terminal.
EXPORT_FORMATS: dict[str, Callable[[Exported, Path], str]] = {"files": write_files}


def shipped_files(catalog: Catalog, shipped: ContentFiles, content_id: str) -> tuple[str, dict[str, str]] | None:
    """A shipped module, lesson or story as files (kind and files) as they were read from the content folder."""
    if content_id in catalog.quizzes:
        kind, paths = "quiz", [catalog.quizzes[content_id].path]
    elif content_id in catalog.lessons:
        kind, paths = "lesson", [catalog.lessons[content_id].path]
    elif content_id in catalog.stories:
        kind, paths = "story", [f.name for f in shipped.in_folder(f"seeds/{content_id}", ".md", ".yaml")]
    else:
        return None
    found = [shipped.get(p) for p in paths]
    if not paths or any(f is None or not f.shipped for f in found):
        return None  # the school's, not shipped
    return kind, {f.name: f.data.decode("utf-8") for f in found}


def single_file(raw: bytes, filename: str) -> Bundle:
    """One uploaded module (.yaml) or lesson (.md), filed under the id its own text gives."""
    name = PurePosixPath(filename or "").name
    if name.endswith((".yaml", ".yml")):
        kind = "quiz"
    elif name.endswith(".md"):
        kind = "lesson"
    else:
        raise TransferError(
            f"{name or 'The file'} is not a quiz module (.yaml), a lesson (.md) or a zip; nothing was taken."
        )
    guess = main_path(kind, "upload")
    try:
        text = decode_utf8(raw, name, max_bytes(guess)).replace("\r\n", "\n")
    except YamlProblem as exc:
        raise TransferError(f"{name} cannot be read; nothing was taken.", [exc.problem]) from None
    slug = _own_id(text) or PurePosixPath(name).stem
    bundle = Bundle()
    problem = bundle.add(main_path(kind, slug), text) if place_of(main_path(kind, slug)) else None
    if not bundle.documents:
        reason = problem.message if problem else f"its id {slug!r} is not lowercase words and hyphens"
        raise TransferError(f"{name}: {reason}; nothing was taken.")
    return bundle


def _own_id(text: str) -> str | None:
    """The `id:` a module or lesson gives itself on a line of its own (None when there is none)."""
    for line in text.split("\n")[:200]:
        if line.startswith("id:"):
            value = line[3:].split("#")[0].strip().strip("'\"")
            return value or None
    return None
