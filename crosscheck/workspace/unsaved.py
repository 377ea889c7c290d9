"""Nothing typed is lost when a save cannot be taken because its form expired.

A save's CSRF token no longer matches when the teacher's session ended or was renewed (signed out and in
again in another tab) while they were typing. CSRFProtect refuses such a POST before any view runs; here the
text comes back instead of a bare error. Still signed in: the editor again, with the text unsaved in it, a
fresh token and the version it was based on (so a save by someone else meanwhile is still caught). Signed
out: the text on a page of its own to copy, and a link to sign in; nothing is stored for a visitor.
static/js/editor.js also keeps the text in the tab (sessionStorage) and offers it back after signing in.
"""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from crosscheck.workspace import service
from crosscheck.workspace.editor import editable_path, render_editor
from crosscheck.workspace.routes import bp
from crosscheck.workspace.service import WorkspaceError

EXPIRED = (
    "Form expired: your text was not saved (you were signed out, or signed in again elsewhere). "
    "It is below, as you typed it. Check it, then save again."
)


@bp.errorhandler(CSRFError)
def expired_form(error: CSRFError):
    """An editor save with an expired token: its text handed back; any other workspace form: the error page."""
    text = request.form.get("text")
    slug = (request.view_args or {}).get("slug")
    if request.endpoint != "workspace.save" or text is None or not slug:
        return render_template("errors/error.html", error=error), 400
    text = text.replace("\r\n", "\n")
    doc = service.document_by_slug(slug) if current_user.is_authenticated else None
    if doc is not None and service.can_edit(current_user, doc):
        newest = service.version_of(doc)
        path = editable_path(doc, newest.files, request.form.get("path"))
        based_on = request.form.get("base", "")
        base = int(based_on) if based_on.isdigit() else newest.number
        return render_editor(doc, path, text, base, newest.files, 400, newest=newest, refused=WorkspaceError(EXPIRED))
    return render_template("workspace/unsaved.html", text=text, slug=slug, path=request.form.get("path", "")), 400
