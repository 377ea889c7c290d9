"""Load the catalog against the database: the loaders are told who holds each contested id, then the files that
keep their ids are recorded for the next load."""

from __future__ import annotations

import logging

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from crosscheck.content.catalog import Catalog
from crosscheck.content.loading import build_catalog
from crosscheck.content.sources import ContentFiles, KnownHolders
from crosscheck.content.validation import MAX_ID_LENGTH
from crosscheck.extensions import db
from crosscheck.id_record.models import IdHolder
from crosscheck.quizzes.answered_ids import answered_holders
from crosscheck.timezone import utcnow

log = logging.getLogger(__name__)


def build_recorded_catalog(files: ContentFiles, known: KnownHolders | None = None) -> tuple[Catalog, KnownHolders]:
    """build_catalog, where a file keeps an id others give too by the first of: the caller's `known` holder, the
    module file whose questions students answered, the file recorded at an earlier load; then the rules of
    content.loading.ids. Records the files in the content folders that keep their ids; also returns the
    holders the loaders were told."""
    given = dict(known or {})
    recorded = recorded_holders()
    holders = {**(recorded or {}), **given}
    catalog = build_catalog(files, holders)
    answered = {key: path for key, path in answered_holders(files, catalog).items() if key not in given}
    if any(catalog.contested[key][0] != path for key, path in answered.items()):  # only then load again
        holders = {**(recorded or {}), **answered, **given}
        catalog = build_catalog(files, holders)
    if recorded is not None:
        record_keepers(catalog, files, recorded)
    return catalog, holders


def recorded_holders() -> dict[tuple[str, str], str] | None:
    """(kind, id) -> the file recorded as keeping it; None before the database has its tables."""
    try:
        rows = db.session.execute(select(IdHolder.kind, IdHolder.content_id, IdHolder.path)).all()
    except SQLAlchemyError:  # no tables yet (`flask init-db` starts the app before it migrates)
        db.session.rollback()
        return None
    return {(kind, content_id): path for kind, content_id, path in rows}


def record_keepers(catalog: Catalog, files: ContentFiles, recorded: dict[tuple[str, str], str]) -> None:
    """Record the file that keeps each id when it is in the content folders (a teacher's file kept in the
    database never beats a shipped one by the rules, so needs no record); an id no file gives keeps its row."""
    keepers = {
        key: path
        for key, path in catalog.keepers.items()
        if files.get(path).shipped and len(key[1]) <= MAX_ID_LENGTH and recorded.get(key) != path
    }
    if not keepers:
        return
    now = utcnow()
    try:
        for (kind, content_id), path in sorted(keepers.items()):
            if (kind, content_id) in recorded:
                where = (IdHolder.kind == kind) & (IdHolder.content_id == content_id)
                db.session.execute(update(IdHolder).where(where).values(path=path, recorded_at=now))
            else:
                db.session.add(IdHolder(kind=kind, content_id=content_id, path=path, recorded_at=now))
        db.session.commit()
    except SQLAlchemyError as exc:  # another worker starting at once recorded the same ids
        db.session.rollback()
        log.info("which file keeps each content id was not recorded: %s", exc.__class__.__name__)
