"""The workspace: a teacher's own and the school's shared documents, making, publishing, sharing, copying.

The editor (editor.py), preview (preview.py), story pages (story_pages.py) and zip transfers (transfer_pages.py)
add their views to this blueprint. A document the user may not see is a 404, the same as one that does not
exist; one they may see but not change is a 403 with the reason.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.catalog_access import served
from crosscheck.workspace import service
from crosscheck.workspace.files import KIND_LABELS, main_path, sorted_paths
from crosscheck.workspace.forms import ActionForm, CopyForm, EditorNameForm, NewDocumentForm, UploadForm
from crosscheck.workspace.service import WorkspaceError

bp = Blueprint("workspace", __name__, url_prefix="/workspace")
STAFF = ("teacher", "admin")
STATE_LABELS = {
    "draft": "Draft",
    "published": "Published to my classes",
    "shared": "Shared with the school",
    "archived": "Archived",
}


@bp.context_processor
def workspace_helpers() -> dict:
    """Labels every workspace page uses."""
    return {"kind_labels": KIND_LABELS, "state_labels": STATE_LABELS, "main_path": main_path}


@bp.app_context_processor
def workspace_links() -> dict:
    """The teachers' notice of broken files links a school file to its document."""

    def workspace_url_of(path: str) -> str | None:
        owner = served().owner_of(path)
        return url_for("workspace.document", slug=owner.slug) if owner else None

    return {"workspace_url_of": workspace_url_of}


def document_or_404(slug: str, need: str = "view") -> service.Document:
    """The document if the user may `need` it (view, edit, manage); 404 when they may not even see it."""
    doc = service.document_by_slug(slug)
    if doc is None or not service.can_view(current_user, doc):
        abort(404, description=f"There is no document {slug!r} in your workspace.")
    allowed = {"view": True, "edit": service.can_edit, "manage": service.can_manage}[need]
    if allowed is not True and not allowed(current_user, doc):
        abort(403, description="Only the author (and the editors they named) may change this document.")
    return doc


@bp.route("/")
@allow(*STAFF)
def index():
    """The user's own documents (archived ones last) and those the school shares."""
    own, others = service.documents_for(current_user)
    own.sort(key=lambda d: d.state == "archived")
    return render_template(
        "workspace/index.html",
        own=own,
        others=others,
        newest=service.newest_versions(own + others),
        new_form=NewDocumentForm(),
        upload_form=UploadForm(),
        action_form=ActionForm(),
    )


@bp.route("/new", methods=["POST"])
@allow(*STAFF)
def new():
    """Make a document from its starter file and open it in the editor."""
    form = NewDocumentForm()
    if not form.validate_on_submit():
        flash("Choose a kind, an id and a title.", "error")
        return redirect(url_for(".index"))
    try:
        doc, _ = service.create_document(current_user, form.kind.data, form.slug.data, form.title.data)
    except WorkspaceError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".index"))
    flash(f"Made {KIND_LABELS[doc.kind].lower()} {doc.slug}. Edit it, check it, then publish it.", "success")
    if doc.kind == "story":
        return redirect(url_for(".document", slug=doc.slug))
    return redirect(url_for(".edit", slug=doc.slug))


@bp.route("/<slug>")
@allow(*STAFF)
def document(slug: str):
    """A document: its state, files, problems, versions (who and when) and what may be done with it."""
    doc = document_or_404(slug)
    newest = service.version_of(doc)
    files = newest.files if service.can_edit(current_user, doc) else service.version_of(doc, doc.published_number).files
    result = service.check(doc, files)
    return render_template(
        "workspace/document.html",
        doc=doc,
        newest=newest,
        files=files,
        paths=sorted_paths(files),
        result=result,
        versions=service.versions_of(doc) if service.can_edit(current_user, doc) else [],
        editors=service.editors_of(doc),
        assigned=service.assignment_count(doc.slug),
        can_edit=service.can_edit(current_user, doc),
        can_manage=service.can_manage(current_user, doc),
        can_unpublish=service.can_unpublish(current_user, doc),
        action_form=ActionForm(),
        copy_form=CopyForm(),
        editor_form=EditorNameForm(),
    )


def _act(slug: str, action, done: str, need: str = "manage"):
    """Run one action on a document, then back to its page with what happened (or why it could not)."""
    doc = document_or_404(slug, need)
    if not ActionForm().validate_on_submit():
        abort(400, description="The form expired; open the page again.")
    try:
        action(doc)
    except WorkspaceError as exc:
        flash(str(exc), "error")
        for problem in exc.problems[:20]:
            flash(str(problem), "error")
        return redirect(url_for(".document", slug=slug))
    flash(done, "success")
    return redirect(url_for(".document", slug=slug) if service.still_exists(doc) else url_for(".index"))


@bp.route("/<slug>/publish", methods=["POST"])
@allow(*STAFF)
def publish(slug: str):
    """Serve the newest version to the author's classes."""
    return _act(slug, lambda d: service.publish(d, current_user), "Published: you can assign it to your classes.")


@bp.route("/<slug>/share", methods=["POST"], defaults={"shared": True})
@bp.route("/<slug>/unshare", methods=["POST"], defaults={"shared": False})
@allow(*STAFF)
def share(slug: str, shared: bool):
    """Share with the school's teachers (use and copy, not edit), or stop sharing."""
    done = "Shared with the school." if shared else "No longer shared; classes that have it keep it."
    return _act(slug, lambda d: service.set_shared(d, current_user, shared), done)


@bp.route("/<slug>/unpublish", methods=["POST"])
@allow(*STAFF)
def unpublish(slug: str):
    """Stop serving it (the author while unassigned; an admin always)."""
    return _act(slug, lambda d: service.unpublish(d, current_user), "Unpublished: classes no longer see it.", "view")


@bp.route("/<slug>/archive", methods=["POST"], defaults={"archived": True})
@bp.route("/<slug>/unarchive", methods=["POST"], defaults={"archived": False})
@allow(*STAFF)
def archive(slug: str, archived: bool):
    """Archive (classes that have it keep it; nobody new can assign it) or bring back."""
    done = "Archived: classes that have it keep it." if archived else "Back in your workspace."
    return _act(slug, lambda d: service.archive(d, current_user, archived), done)


@bp.route("/<slug>/delete", methods=["POST"])
@allow(*STAFF)
def delete(slug: str):
    """Delete it and every version (refused while assigned or answered)."""
    return _act(slug, lambda d: service.delete(d, current_user), f"Deleted {slug}.")


@bp.route("/<slug>/copy", methods=["POST"])
@allow(*STAFF)
def copy(slug: str):
    """A draft copy of one's own under a new id."""
    doc = document_or_404(slug)
    form = CopyForm()
    if not form.validate_on_submit():
        flash("Give the copy an id.", "error")
        return redirect(url_for(".document", slug=slug))
    try:
        new, _ = service.copy(doc, current_user, form.slug.data)
    except WorkspaceError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".document", slug=slug))
    flash(f"Copied to {new.slug}, a draft of yours.", "success")
    return redirect(url_for(".document", slug=new.slug))


@bp.route("/<slug>/editors", methods=["POST"])
@allow(*STAFF)
def add_editor(slug: str):
    """Let another teacher edit."""
    doc = document_or_404(slug, "manage")
    form = EditorNameForm()
    if form.validate_on_submit():
        try:
            other = service.add_editor(doc, current_user, form.username.data)
            flash(f"{other.display_name} may now edit {slug}.", "success")
        except WorkspaceError as exc:
            flash(str(exc), "error")
    return redirect(url_for(".document", slug=slug))


@bp.route("/<slug>/editors/<int:user_id>/remove", methods=["POST"])
@allow(*STAFF)
def remove_editor(slug: str, user_id: int):
    """Stop another teacher editing."""
    return _act(slug, lambda d: service.remove_editor(d, current_user, user_id), "Editor removed.")


from crosscheck.workspace import editor, preview, story_pages, transfer_pages, unsaved  # noqa: E402, F401  (their views)
