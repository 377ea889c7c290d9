"""Two editors save the same module at the same moment: one version is saved, the other editor is told."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from crosscheck.accounts.models import User
from crosscheck.extensions import db
from crosscheck.workspace import service
from crosscheck.workspace.models import Document, DocumentVersion
from tests.workspace.helpers import module_text


def _save_at_once(app, slug: str, user_ids: list[int]) -> list[str]:
    """Each editor saves their own title on version 1, all let go at once; 'saved' or 'told' each."""
    barrier, outcomes = threading.Barrier(len(user_ids)), []

    def save(user_id: int) -> None:
        with app.app_context():
            doc = db.session.scalar(select(Document).where(Document.slug == slug))
            user = db.session.get(User, user_id)
            files = {f"quizzes/{slug}.yaml": module_text(slug, title=f"Saved by {user_id}")}
            service.check(doc, files)  # the check runs before the row is taken; done first so both race the write
            barrier.wait()
            try:
                service.save(doc, user, files, base=1)
                outcomes.append("saved")
            except service.SaveConflict as exc:
                outcomes.append("told" if exc.newest.number == 2 else f"told of version {exc.newest.number}")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(user_id,)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_editors_saving_at_once_save_one_version_and_tell_the_other(app, build):
    author, editor = build.user("teacher"), build.user("teacher")
    for n in range(3):
        slug = f"race-{n}"
        doc, _ = service.create_document(author, "quiz", slug, "Race", {f"quizzes/{slug}.yaml": module_text(slug)})
        service.add_editor(doc, author, editor.username)
        assert _save_at_once(app, slug, [author.id, editor.id]) == ["saved", "told"]
        numbers = db.session.scalars(
            select(DocumentVersion.number).where(DocumentVersion.document_id == doc.id).order_by(DocumentVersion.number)
        )
        assert list(numbers) == [1, 2]
        assert db.session.scalar(select(func.max(Document.revision)).where(Document.slug == slug)) == 2
