"""The catalog each worker serves: the shipped files plus the school's published content.

Every worker (gunicorn process, app server) holds one LiveCatalog. At most once per CONTENT_POLL_SECONDS it
reads the content generation (one small SELECT); when the number moved, it loads every published document's
files from the database and rebuilds the catalog with the same loaders as `content check`, then swaps it in
whole. A change made by this worker marks it stale, so the author's next page shows it at once. A broken
school file is skipped like a broken shipped file; the rest is served.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from crosscheck.content.catalog import Catalog
from crosscheck.content.loading import build_catalog
from crosscheck.content.loading.ids import LESSON, MODULE
from crosscheck.content.sources import ContentFile, ContentFiles, KnownHolders
from crosscheck.extensions import db
from crosscheck.id_record.loading import build_recorded_catalog
from crosscheck.lessons.models import LessonProgress
from crosscheck.quizzes.models import Attempt
from crosscheck.workspace.files import main_path
from crosscheck.workspace.generation import read_generation
from crosscheck.workspace.models import Document, DocumentVersion

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SchoolDoc:
    """A published document as the served catalog knows it: whose it is, its state and its files' paths."""

    id: int
    kind: str
    slug: str
    author_id: int | None
    state: str
    number: int
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Served:
    """One built catalog and what it was built from."""

    generation: int
    catalog: Catalog
    school: dict[str, SchoolDoc] = field(default_factory=dict)  # by slug
    files: dict[str, str] = field(default_factory=dict)  # every served school file by repository path
    known: dict[tuple[str, str], str] = field(default_factory=dict)  # ids students have used -> the file keeping it

    def owner_of(self, path: str) -> SchoolDoc | None:
        """The school document a repository path belongs to, or None for a shipped file."""
        return next((doc for doc in self.school.values() if path in doc.paths), None)


def published_documents() -> list[tuple[SchoolDoc, dict[str, str]]]:
    """Every document with a published version, with that version's files, oldest document first."""
    rows = db.session.execute(
        select(Document, DocumentVersion.files)
        .join(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id) & (DocumentVersion.number == Document.published_number),
        )
        .order_by(Document.id)
    )
    found = []
    for document, files in rows:
        doc = SchoolDoc(
            document.id, document.kind, document.slug, document.author_id, document.state,
            document.published_number, tuple(sorted(files)),
        )  # fmt: skip
        found.append((doc, dict(files)))
    return found


def school_files(files: dict[str, str]) -> list[ContentFile]:
    """School file texts (repository path -> text) as content files."""
    return [ContentFile.from_text(path, text) for path, text in files.items()]


def used_ids(documents: list[SchoolDoc]) -> dict[tuple[str, str], str]:
    """The school modules students have answered and lessons they have opened, each with its file: the loaders
    keep such an id with its file even if another (a shipped file added later) gives it too."""
    answered = set(db.session.scalars(select(Attempt.module_id).distinct()))
    opened = set(db.session.scalars(select(LessonProgress.lesson_id).distinct()))
    used = {"quiz": (MODULE, answered), "lesson": (LESSON, opened)}
    return {
        (used[doc.kind][0], doc.slug): main_path(doc.kind, doc.slug)
        for doc in documents
        if doc.kind in used and doc.slug in used[doc.kind][1]
    }


def build_served(shipped: ContentFiles, generation: int) -> Served:
    """The shipped files and every published school document in one catalog."""
    documents = published_documents()
    files = {path: text for _, doc_files in documents for path, text in doc_files.items()}
    known = used_ids([doc for doc, _ in documents])
    catalog, known = build_recorded_catalog(shipped.plus(school_files(files)), known)
    return Served(generation, catalog, {doc.slug: doc for doc, _ in documents}, files, known)


class LiveCatalog:
    """The served catalog of one worker, rebuilt when the content generation moves."""

    def __init__(
        self,
        root: Path | str,
        poll_seconds: float | None,
        catalog: Catalog | None = None,
        known: KnownHolders | None = None,
    ):
        """`catalog`: the shipped content already loaded from `root` (else it is loaded here), with the id
        holders its loaders were told (`known`)."""
        self.shipped = ContentFiles.from_root(root)  # read once: the shipped files change only with the app
        self.poll_seconds = poll_seconds
        # Generation 0: nothing was ever published, so the shipped content is everything there is to serve.
        if catalog is None:
            catalog, known = build_catalog(self.shipped), {}
        self.served = Served(0, catalog, known=dict(known or {}))
        self._checked_at = time.monotonic()
        self._stale = poll_seconds is not None  # the first request looks, unless only own changes count
        self._lock = threading.Lock()

    def current(self) -> Served:
        """The served catalog, checked against the database first when a check is due."""
        if self._due():
            with self._lock:  # one rebuild at a time; a thread that waited finds it done
                if self._due():
                    self._refresh()
        return self.served

    def mark_stale(self) -> None:
        """This worker changed what is served: look again before the next page."""
        self._stale = True

    def _due(self) -> bool:
        """Whether it is time to read the generation again."""
        if self._stale:
            return True
        return self.poll_seconds is not None and time.monotonic() - self._checked_at >= self.poll_seconds

    def _refresh(self) -> None:
        """Read the generation; rebuild when it moved. A database error keeps the catalog being served."""
        self._stale = False
        self._checked_at = time.monotonic()
        try:
            generation = read_generation()
            if generation != self.served.generation:
                started = time.monotonic()
                self.served = build_served(self.shipped, generation)
                log.info("catalog rebuilt for content generation %s in %.2fs", generation, time.monotonic() - started)
        except SQLAlchemyError:
            db.session.rollback()
            log.exception("could not read the school's content; still serving generation %s", self.served.generation)
