"""Take a bundle of documents in (an upload, a zip or `content import`): all of it, or none of it.

Every document is vetted before any is saved: a new id must be free, an existing one must be the importer's
to edit. Then each is saved as a new document or as the next version of the existing one (checker errors do
not stop a draft from being saved; they are shown, and stop publishing). A QTI 3.0 package comes in the same
way, as one new draft module (its missing skills and articles are the checker's errors until filled in).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from crosscheck.content.errors import Problem
from crosscheck.exchange.qti_import import Imported as QtiImported
from crosscheck.exchange.qti_import import import_package
from crosscheck.workspace import service
from crosscheck.workspace.files import main_path, slug_problem
from crosscheck.workspace.service import WorkspaceError
from crosscheck.workspace.transfer import Bundle, TransferError


@dataclass(frozen=True)
class Imported:
    """One document taken in: its id, whether it is new, and the version saved."""

    slug: str
    kind: str
    created: bool
    number: int
    errors: int
    warnings: int


def vet(bundle: Bundle, user) -> list[Problem]:
    """Why any document of the bundle cannot be taken by this user (empty when all can)."""
    problems = []
    taken = service.taken_ids()
    for place in bundle.documents:
        doc = service.document_by_slug(place.slug)
        where = main_path(place.kind, place.slug)
        if doc is not None:
            if doc.kind != place.kind:
                problems.append(Problem(where, 1, 1, f"the id {place.slug!r} is already a {doc.kind} in the workspace"))
            elif not service.can_edit(user, doc):
                problems.append(
                    Problem(where, 1, 1, f"the id {place.slug!r} is another teacher's; rename it to upload")
                )
        elif place.slug in taken:
            problems.append(Problem(where, 1, 1, f"the id {place.slug!r} is already used by shipped content"))
    return sorted(problems)


def take_in(bundle: Bundle, user, note: str, publish: bool = False) -> list[Imported]:
    """Save every document of the bundle (refused whole when any cannot be taken); publish them if asked."""
    problems = vet(bundle, user)
    if problems:
        raise TransferError("Nothing was taken: fix these first.", problems)
    done = []
    for place, files in sorted(bundle.documents.items(), key=lambda item: _order(item[0].kind)):
        doc = service.document_by_slug(place.slug)
        if doc is None:
            doc, saved = service.create_document(user, place.kind, place.slug, place.slug, files, note)
            created = True
        else:
            saved = service.save(doc, user, files, doc.revision, note)
            created = False
        if publish and not saved.result.errors:
            with suppress(WorkspaceError):  # stays a draft: the caller reports errors and warnings per document
                service.publish(doc, user)
        done.append(
            Imported(doc.slug, doc.kind, created, saved.version.number, saved.version.errors, saved.version.warnings)
        )
    return done


def _order(kind: str) -> int:
    """Stories first (lessons and modules quote them), then modules (lessons name them), then lessons."""
    return {"story": 0, "quiz": 1, "lesson": 2}[kind]


def take_in_qti(data: bytes, name: str, user, slug: str, title: str) -> tuple[str, QtiImported]:
    """A QTI 3.0 package's choice and multi items as a new draft module of the user's; its id and the import.

    Raises ImportError_ for a package that cannot be read, WorkspaceError for an id that cannot be taken or a
    package without one item that can be imported (then nothing is saved).
    """
    slug = slug.strip()
    reason = slug_problem(slug)  # before importing: the draft's `id:` line must be this id, not a cleaned one
    if reason:
        raise WorkspaceError(f"Id {slug!r}: {reason}.")
    result = import_package(data, slug, title)
    if not result.items:
        problems = [Problem(name, 1, 1, f"not imported: {problem}") for problem in result.problems]
        raise WorkspaceError("No choice or multiple-response item in this package could be imported.", problems)
    doc, _ = service.create_document(
        user, "quiz", slug, title, {main_path("quiz", slug): result.yaml_text}, f"imported from {name}"[:200]
    )
    return doc.slug, result
