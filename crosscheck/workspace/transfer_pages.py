"""Download a document as a zip laid out like the repository; upload files or a zip into the workspace;
the format guides (docs/*.md) shown in the app for teachers who have no copy of the repository."""

from __future__ import annotations

import re

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from crosscheck.access import allow
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.markup import sanitise, unsanitised_html
from crosscheck.workspace import service
from crosscheck.workspace.forms import UploadForm
from crosscheck.workspace.importing import take_in
from crosscheck.workspace.routes import STAFF, bp, document_or_404
from crosscheck.workspace.service import WorkspaceError
from crosscheck.workspace.transfer import TransferError, read_zip, single_file, zip_bytes

GUIDES = {"quizzes": "authoring.md", "lessons": "lessons.md", "stories": "content.md"}


@bp.route("/<slug>/download.zip")
@allow(*STAFF)
def download(slug: str):
    """The version's files in a zip (editors: the newest or ?version=N; others: the published one)."""
    doc = document_or_404(slug)
    editor = service.can_edit(current_user, doc)
    number = request.args.get("version", type=int) if editor else doc.published_number
    try:
        version = service.version_of(doc, number)
    except WorkspaceError:
        abort(404, description=f"{slug} has no version {number}.")
    body = zip_bytes(version.files)
    name = f"{doc.slug}-v{version.number}.zip"
    return Response(body, mimetype="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/upload", methods=["POST"])
@allow(*STAFF)
def upload():
    """Take in a module, a lesson or a zip: each document a new draft of the user's, or a new version of theirs."""
    form = UploadForm()
    if not form.validate_on_submit():
        flash("Choose a file to upload.", "error")
        return redirect(url_for(".index"))
    upload = form.file.data
    raw = upload.read()
    name = upload.filename or "upload"
    try:
        bundle = read_zip(raw, name) if name.lower().endswith(".zip") else single_file(raw, name)
        done = take_in(bundle, current_user, f"uploaded {name}"[:200])
    except (TransferError, WorkspaceError) as exc:
        flash(str(exc), "error")
        for problem in exc.problems[:30]:
            flash(str(problem), "error")
        return redirect(url_for(".index"))
    for item in done:
        what = "new" if item.created else f"version {item.number} of"
        flash(f"Uploaded {what} {item.slug}: {item.errors} error(s), {item.warnings} warning(s).", "success")
    if len(done) == 1:
        return redirect(url_for(".document", slug=done[0].slug))
    return redirect(url_for(".index"))


@bp.route("/guide/<topic>")
@allow(*STAFF)
def guide(topic: str):
    """A format guide from docs/, rendered and sanitised like any content Markdown."""
    if topic not in GUIDES:
        abort(404, description=f"There is no guide {topic!r}.")
    text = (PROJECT_ROOT / "docs" / GUIDES[topic]).read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # notes for the docs' own tests
    heading, _, body = text.partition("\n")  # "# Writing quiz modules": the page's own heading
    html = Markup(sanitise(unsanitised_html(body)))
    return render_template(
        "workspace/guide.html", guide_title=heading.lstrip("# "), html=html, topic=topic, guides=GUIDES
    )
