"""Which file keeps an id that several files give, decided the same whatever order the files are read in.

The file that keeps it is the first of: the file `known` names as the id's holder (the app loads against the
database through crosscheck/id_record/loading.py, which names, in this order, the caller's holders, the module
file whose questions students answered and the file recorded as keeping the id at an earlier load; the
workspace names the files whose ids students have used); a file that ships with the app over an extra one; a
file named after the id (`spot-unverified.yaml`, `05-quotes-that-changed.md`, `000-kyivpost.md` for
`nk-pow-kyivpost`) over one that is not; the first by name. Every other file giving the id is refused, with
the error at its own `id:` line, even when the holder itself has errors: a newcomer never takes the place of a
module students have answered or of a file served before, and never is served in place of one a typo broke.
Every id's keeper is listed in `Catalog.keepers` (the record is written from it).

Story ids need no rule: a story's id is its folder's name, and two files cannot have one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.sources import ContentFile, KnownHolders
from crosscheck.content.yamlsafe import YamlDoc

ARTICLE, LESSON, MODULE = "article", "lesson", "module"
_NUMBERED = re.compile(r"^\d+-")
T = TypeVar("T")


@dataclass(frozen=True)
class IdClaim:
    """One file giving one id, and where its `id:` stands."""

    kind: str
    id: str
    file: ContentFile
    line: int
    col: int


def claim_in(kind: str, file: ContentFile, doc: YamlDoc | None) -> IdClaim | None:
    """The id a parsed file gives (when its `id:` is a word), broken or not."""
    data = doc.data if doc is not None else None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    return IdClaim(kind, data["id"], file, *doc.where(("id",)))


def named_after(file: ContentFile, item_id: str) -> bool:
    """True when the file's name, without its extension and leading number, is the id or the id's ending."""
    stem = _NUMBERED.sub("", file.file_name.split(".", 1)[0])
    return bool(stem) and (item_id == stem or item_id.endswith("-" + stem))


def _rank(claim: IdClaim, known: KnownHolders) -> tuple:
    """Sort key: the file that keeps the id comes first."""
    known_holder = known.get((claim.kind, claim.id)) == claim.file.name
    return (not known_holder, not claim.file.shipped, not named_after(claim.file, claim.id), claim.file.name)


def holders(loaded: list[tuple[T | None, IdClaim | None]], known: KnownHolders, catalog: Catalog) -> list[T]:
    """The loaded objects (each with its file's claim) whose file keeps its id, in file order; every refused
    file's problem is added to the catalog's problems, each id to its `keepers` with the file that keeps it,
    and each id several files give to its `contested`."""
    claims = [claim for _, claim in loaded if claim]
    refused, found = settle(claims, known, catalog.contested)
    catalog.keepers.update({(c.kind, c.id): c.file.name for c in claims if c.file.name not in refused})
    catalog.problems.extend(found)
    return [item for item, claim in loaded if item is not None and claim.file.name not in refused]


def settle(
    claims: list[IdClaim], known: KnownHolders, contested: dict[tuple[str, str], tuple[str, ...]] | None = None
) -> tuple[set[str], list[Problem]]:
    """The names of the files refused for an id another file keeps, and a problem at each refused `id:`;
    `contested` is given each such id with its files, the keeper first."""
    by_id: dict[str, list[IdClaim]] = {}
    for claim in claims:
        by_id.setdefault(claim.id, []).append(claim)
    refused: set[str] = set()
    problems = []
    for same in by_id.values():
        holder, *others = sorted(same, key=lambda c: _rank(c, known))
        if others and contested is not None:
            contested[(holder.kind, holder.id)] = tuple(c.file.name for c in (holder, *others))
        for other in others:
            refused.add(other.file.name)
            message = f"{other.kind} id {other.id!r} is already used by {holder.file.name}"
            fix = f"give this {other.kind} an id of its own"
            problems.append(Problem(other.file.name, other.line, other.col, message, fix=fix))
    return refused, problems
