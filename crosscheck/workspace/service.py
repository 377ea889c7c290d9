"""Workspace rules without views: make, save, publish, share, archive, copy and delete school documents.

Every save adds a version; a save based on an older version than the newest is refused (the second of two
editors is told, and their text is handed back). Publishing needs a version without errors that breaks no
other published work. Each change to what classes are served raises the content generation in the same
transaction, and this worker's catalog is marked stale so the next page shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from crosscheck.accounts.models import User
from crosscheck.classes.models import Assignment
from crosscheck.content.errors import Problem
from crosscheck.content.loading import build_catalog
from crosscheck.content.yamlsafe import YamlProblem, decode_utf8
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt
from crosscheck.timezone import utcnow
from crosscheck.workspace.checking import CheckCache, CheckResult, Draft
from crosscheck.workspace.files import (
    MAX_STORY_FILES,
    main_path,
    max_bytes,
    path_problem,
    place_of,
    slug_problem,
)
from crosscheck.workspace.generation import bump_generation
from crosscheck.workspace.live import school_files
from crosscheck.workspace.models import DOCUMENT_KINDS, Document, DocumentEditor, DocumentVersion
from crosscheck.workspace.starters import starter_files
from crosscheck.workspace.story_copy import copy_story_files

CHECKS = CheckCache()


class WorkspaceError(Exception):
    """A workspace action that cannot be done; the message (and any problems) are shown to the teacher."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class SaveConflict(WorkspaceError):
    """Someone saved a newer version while this text was being edited."""

    def __init__(self, newest: DocumentVersion):
        who = newest.saver.display_name if newest.saver else "someone"
        super().__init__(
            f"{who} saved version {newest.number} while you were editing. Your text is not saved: it is below, "
            "with their version beside it. Merge what you need, then save again."
        )
        self.newest = newest


@dataclass(frozen=True)
class Saved:
    """A saved version and what the checker found in it."""

    version: DocumentVersion
    result: CheckResult


# ---- who may do what: the one place these rules live ----


def can_view(user, doc: Document) -> bool:
    """The author, editors and admins see a document; every teacher sees one shared with the school."""
    return user.role == "admin" or can_edit(user, doc) or (user.role == "teacher" and doc.state == "shared")


def can_edit(user, doc: Document) -> bool:
    """The author and the editors they named may save versions."""
    if user.role not in ("teacher", "admin"):
        return False
    if doc.author_id == user.id:
        return True
    return db.session.get(DocumentEditor, (doc.id, user.id)) is not None


def can_manage(user, doc: Document) -> bool:
    """Only the author publishes, shares, archives, deletes and names editors."""
    return doc.author_id == user.id


def can_unpublish(user, doc: Document) -> bool:
    """The author, or an admin (who may take anything off the classes' shelves)."""
    return doc.published_number is not None and (can_manage(user, doc) or user.role == "admin")


# ---- reading ----


def document_by_slug(slug: str) -> Document | None:
    """The document with this id, or None."""
    return db.session.scalar(select(Document).where(Document.slug == slug))


def version_of(doc: Document, number: int | None = None) -> DocumentVersion:
    """One saved version (the newest when no number is given)."""
    number = doc.revision if number is None else number
    version = db.session.scalar(
        select(DocumentVersion).where(DocumentVersion.document_id == doc.id, DocumentVersion.number == number)
    )
    if version is None:
        raise WorkspaceError(f"{doc.slug} has no version {number}.")
    return version


def newest_versions(docs: list[Document]) -> dict[int, DocumentVersion]:
    """Each document's newest version, by document id, in one query."""
    if not docs:
        return {}
    query = select(DocumentVersion).join(
        Document, (Document.id == DocumentVersion.document_id) & (Document.revision == DocumentVersion.number)
    )
    return {v.document_id: v for v in db.session.scalars(query.where(Document.id.in_([d.id for d in docs])))}


def still_exists(doc: Document) -> bool:
    """Whether the document is still stored (an action may have deleted it)."""
    return db.session.get(Document, doc.id) is not None


def versions_of(doc: Document) -> list[DocumentVersion]:
    """Every saved version, newest first (the files stay unloaded until read)."""
    query = select(DocumentVersion).where(DocumentVersion.document_id == doc.id)
    return list(db.session.scalars(query.order_by(DocumentVersion.number.desc())))


def documents_for(user) -> tuple[list[Document], list[Document]]:
    """The user's own documents (those they edit too) and the others they may see, newest first."""
    editing = select(DocumentEditor.document_id).where(DocumentEditor.user_id == user.id)
    mine = (Document.author_id == user.id) | Document.id.in_(editing)
    own = list(db.session.scalars(select(Document).where(mine).order_by(Document.created_at.desc())))
    others_query = select(Document).where(~mine)
    if user.role != "admin":
        others_query = others_query.where(Document.state == "shared")
    others = list(db.session.scalars(others_query.order_by(Document.kind, Document.slug)))
    return own, others


def editors_of(doc: Document) -> list[User]:
    """The teachers besides the author who may edit the document."""
    query = select(User).join(DocumentEditor, DocumentEditor.user_id == User.id)
    return list(db.session.scalars(query.where(DocumentEditor.document_id == doc.id).order_by(User.username)))


def assignment_count(slug: str) -> int:
    """How many classes have this lesson or module assigned."""
    return db.session.scalar(select(func.count()).select_from(Assignment).where(Assignment.target_id == slug)) or 0


# ---- checking ----


def live():
    """This worker's LiveCatalog."""
    return current_app.extensions["crosscheck.live"]


def check(doc: Document, files: dict[str, str], whole: bool = False) -> CheckResult:
    """The checker's result for these files as this document's, against what the school is served now
    (`whole`: loading everything again, which also finds what else the files would break)."""
    draft = Draft(doc.kind, doc.slug, doc.author_id, files)
    return CHECKS.check(live().shipped, live().current(), draft, whole)


def taken_ids() -> set[str]:
    """Every id a new document may not take: the served catalog's (shipped and published) and every document's."""
    catalog = live().current().catalog
    ids = set(catalog.quizzes) | set(catalog.lessons) | set(catalog.stories) | set(catalog.articles)
    # A shipped file's name, too: a document's file is named by its id and may not take a shipped file's name.
    shipped = {place.slug for place in map(place_of, live().shipped.names()) if place is not None}
    return ids | shipped | set(db.session.scalars(select(Document.slug)))


def decode_upload(raw: bytes, path: str) -> str:
    """An uploaded file's text, or a WorkspaceError at the line and column of the first bad byte or its size."""
    try:
        return decode_utf8(raw, path, max_bytes(path))
    except YamlProblem as exc:
        raise WorkspaceError(f"{path} cannot be read.", [exc.problem]) from None


def _refuse_bad_files(doc: Document, files: dict[str, str]) -> None:
    """Files the document may not hold, too many, or too large: refused before anything is saved."""
    problems = []
    for path, text in files.items():
        reason = path_problem(doc.kind, doc.slug, path)
        if reason:
            problems.append(Problem(path, 1, 1, f"this file does not belong here: {reason}"))
        size = len(text.encode("utf-8"))
        if size > max_bytes(path):
            problems.append(Problem(path, 1, 1, f"the text is {size:,} bytes; the limit is {max_bytes(path):,} bytes"))
    if len(files) > MAX_STORY_FILES:
        problems.append(Problem(main_path(doc.kind, doc.slug), 1, 1, f"at most {MAX_STORY_FILES} files in a story"))
    if problems:
        raise WorkspaceError("Nothing was saved: fix these first.", sorted(problems))


# ---- writing ----


def create_document(user, kind: str, slug: str, title: str, files: dict[str, str] | None = None, note: str = ""):
    """A new document with its first version (the starter file unless files are given)."""
    if kind not in DOCUMENT_KINDS:
        raise WorkspaceError(f"Unknown kind {kind!r}.")
    slug = slug.strip()
    reason = slug_problem(slug)
    if reason:
        raise WorkspaceError(f"Id {slug!r}: {reason}.")
    if slug in taken_ids():
        raise WorkspaceError(f"The id {slug!r} is already used in this school's catalogue; choose another.")
    title = (title or "").strip()[:200] or slug
    files = files if files is not None else starter_files(kind, slug, title, live().current().catalog)
    doc = Document(slug=slug, kind=kind, title=title, author_id=user.id, state="draft", revision=0)
    _refuse_bad_files(doc, files)
    result = check(doc, files)
    db.session.add(doc)
    try:
        db.session.flush()
    except IntegrityError:  # another teacher took the id a moment ago
        db.session.rollback()
        raise WorkspaceError(f"The id {slug!r} was just taken by someone else; choose another.") from None
    doc.revision = 1
    saved = _add_version(doc, user, files, result, note or "made")
    db.session.commit()
    return doc, saved


def save(doc: Document, user, files: dict[str, str], base: int, note: str = "") -> Saved:
    """Save the files as the next version, if nobody saved since version `base`; never half-saved."""
    if not can_edit(user, doc):
        raise WorkspaceError("Only the author and the editors they named may change this.")
    _refuse_bad_files(doc, files)
    result = check(doc, files)  # before taking the row: the check takes a while, and holds no lock
    moved = db.session.execute(
        update(Document).where(Document.id == doc.id, Document.revision == base).values(revision=base + 1)
    )
    if moved.rowcount != 1:  # the compare-and-set lost: someone saved a newer version first
        db.session.rollback()
        db.session.refresh(doc)
        raise SaveConflict(version_of(doc))
    db.session.refresh(doc)
    saved = _add_version(doc, user, files, result, note)
    db.session.commit()
    return saved


def _add_version(doc: Document, user, files: dict[str, str], result: CheckResult, note: str) -> Saved:
    """Store checked files as the version numbered doc.revision (the caller commits)."""
    version = DocumentVersion(
        document_id=doc.id,
        number=doc.revision,
        files=dict(files),
        saved_by=user.id,
        saved_at=utcnow(),
        errors=len(result.errors),
        warnings=len(result.warnings),
        note=note[:200],
    )
    db.session.add(version)
    doc.title = _title_in(doc, result) or doc.title
    return Saved(version, result)


def _title_in(doc: Document, result: CheckResult) -> str | None:
    """The title the document's file gives, when it loaded."""
    catalog = result.catalog
    loaded = {"quiz": catalog.quizzes, "lesson": catalog.lessons, "story": catalog.stories}[doc.kind].get(doc.slug)
    return loaded.title[:200] if loaded is not None else None


def _served_change(doc: Document) -> None:
    """Commit a change to what classes are served: raise the generation with it, then look again here."""
    bump_generation()
    db.session.commit()
    live().mark_stale()


def publish(doc: Document, user, number: int | None = None, share: bool | None = None) -> DocumentVersion:
    """Serve a version (the newest by default) to the author's classes; refused with every error that stops it."""
    if not can_manage(user, doc):
        raise WorkspaceError("Only the author may publish this.")
    version = version_of(doc, number)
    # Only a story can break others' work (their quotes of its articles): a module or lesson that loads under
    # its own id leaves everything else as it was, so it is checked alone like a draft.
    result = check(doc, version.files, whole=doc.kind == "story")
    if result.errors:
        raise WorkspaceError(
            f"Version {version.number} has {len(result.errors)} error(s); a draft with errors can be saved, "
            "never published. Fix them, save, then publish.",
            result.errors,
        )
    if result.broken_elsewhere:
        raise WorkspaceError(
            "Publishing this would break published work that builds on it; it stays as it was.",
            result.broken_elsewhere,
        )
    doc.published_number = version.number
    doc.published_at, doc.published_by = utcnow(), user.id
    if share is not None or doc.state in ("draft", "archived"):
        doc.state = "shared" if share else "published"
    _served_change(doc)
    return version


def set_shared(doc: Document, user, shared: bool) -> None:
    """Share a published document with the school's teachers (they may use and copy it), or stop sharing."""
    if not can_manage(user, doc):
        raise WorkspaceError("Only the author may share this.")
    if doc.published_number is None:
        raise WorkspaceError("Publish it first: only a published version can be shared.")
    doc.state = "shared" if shared else "published"
    _served_change(doc)


def unpublish(doc: Document, user) -> None:
    """Stop serving it. The author may not while classes have it assigned (archive instead); an admin may."""
    if not can_unpublish(user, doc):
        raise WorkspaceError("Only the author or an admin may unpublish this, and only once it is published.")
    assigned = assignment_count(doc.slug)
    if assigned and user.role != "admin":
        raise WorkspaceError(
            f"{assigned} class(es) have it assigned: archive it instead (their work stays; nobody new can assign it)."
        )
    _refuse_breaking(doc)
    doc.published_number = None
    doc.state = "draft"
    _served_change(doc)


def archive(doc: Document, user, archived: bool = True) -> None:
    """Archive: off the workspace and the assignment lists, still served to the classes that have it."""
    if not can_manage(user, doc):
        raise WorkspaceError("Only the author may archive this.")
    if archived:
        doc.state = "archived"
    else:
        doc.state = "published" if doc.published_number is not None else "draft"
    _served_change(doc)


def delete(doc: Document, user) -> None:
    """Delete a document and every version; refused while it is assigned, answered or built on."""
    if not can_manage(user, doc):
        raise WorkspaceError("Only the author may delete this.")
    assigned = assignment_count(doc.slug)
    if assigned:
        raise WorkspaceError(f"{assigned} class(es) have it assigned, so it cannot be deleted: archive it instead.")
    answered = db.session.scalar(select(func.count()).select_from(Attempt).where(Attempt.module_id == doc.slug))
    if answered:
        raise WorkspaceError(f"Students have made {answered} attempt(s) at it, so it cannot be deleted: archive it.")
    was_served = doc.published_number is not None
    if was_served:
        _refuse_breaking(doc)
    db.session.execute(sql_delete(DocumentVersion).where(DocumentVersion.document_id == doc.id))
    db.session.delete(doc)
    if was_served:
        _served_change(doc)
    else:
        db.session.commit()


def _refuse_breaking(doc: Document) -> None:
    """Refuse to stop serving a document other published work builds on (a story its modules quote)."""
    served = live().current()
    remaining = {p: t for p, t in served.files.items() if p not in served.school[doc.slug].paths}
    catalog = build_catalog(live().shipped.plus(school_files(remaining)), served.known)
    before = {str(p) for p in served.catalog.errors}
    broken = [p for p in catalog.errors if str(p) not in before]
    if broken:
        raise WorkspaceError("Published work builds on this, so it stays served; that work comes first.", broken)


def copy(doc: Document, user, slug: str) -> tuple[Document, Saved]:
    """A new draft of the user's own from the published version of a document they may see."""
    if not can_view(user, doc) or user.role not in ("teacher", "admin"):
        raise WorkspaceError("You may copy only your own documents and those shared with the school.")
    number = doc.published_number if not can_edit(user, doc) else doc.revision
    if number is None:
        raise WorkspaceError("Only a published version can be copied.")
    files = version_of(doc, number).files
    slug = slug.strip()
    note = f"copied from {doc.slug} version {number}"
    if doc.kind == "story":
        copied = copy_story_files(files, doc.slug, slug)
    else:
        copied = {main_path(doc.kind, slug): _with_id(files[main_path(doc.kind, doc.slug)], doc.slug, slug)}
    new, saved = create_document(user, doc.kind, slug, doc.title, copied, note)
    new.copied_from = doc.slug
    db.session.commit()
    return new, saved


def _with_id(text: str, old: str, new: str) -> str:
    """The file with its own `id:` line (the first one) changed from `old` to `new`."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.strip() in (f"id: {old}", f"id: '{old}'", f'id: "{old}"'):
            lines[n] = f"id: {new}"
            break
    return "\n".join(lines)


def add_editor(doc: Document, user, username: str) -> User:
    """Let another teacher edit the document."""
    if not can_manage(user, doc):
        raise WorkspaceError("Only the author may name editors.")
    other = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if other is None or other.role != "teacher" or other.id == user.id:
        raise WorkspaceError(f"There is no other teacher called {username.strip()!r}.")
    if db.session.get(DocumentEditor, (doc.id, other.id)) is None:
        db.session.add(DocumentEditor(document_id=doc.id, user_id=other.id))
        db.session.commit()
    return other


def remove_editor(doc: Document, user, editor_id: int) -> None:
    """Stop another teacher editing the document."""
    if not can_manage(user, doc):
        raise WorkspaceError("Only the author may change the editors.")
    db.session.execute(
        sql_delete(DocumentEditor).where(DocumentEditor.document_id == doc.id, DocumentEditor.user_id == editor_id)
    )
    db.session.commit()
