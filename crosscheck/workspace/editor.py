"""The editor: one file of a document in a plain textarea with line numbers, each problem beside its line.

Works without JavaScript: Save stores a new version and shows what the checker found; Check shows it without
saving. static/js/editor.js adds niceties: line numbers that follow typing, checking as you type (the JSON
answer of the same check), jumping to a problem's line and column.
"""

from __future__ import annotations

import difflib

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from crosscheck.access import allow
from crosscheck.content.annotation_schema import SUFFIX as ANNOTATIONS_SUFFIX
from crosscheck.workspace import service
from crosscheck.workspace.files import is_article, main_path, max_bytes, path_problem, sorted_paths
from crosscheck.workspace.forms import EditorForm, ReplaceFileForm
from crosscheck.workspace.routes import STAFF, bp, document_or_404
from crosscheck.workspace.service import SaveConflict, WorkspaceError

SPARE_ROWS = 3  # empty rows below the text, so the end of the file is never at the textarea's edge


def problem_view(problem) -> dict:
    """A problem as the editor shows it: line, column, message and the fix (when the message gives one)."""
    fix = getattr(problem, "fix", None)
    message = problem.message
    if not fix and "; " in message:  # messages say what is wrong, then "; " and what to write instead
        message, fix = message.split("; ", 1)
    return {
        "line": problem.line,
        "col": problem.col,
        "message": message,
        "fix": fix or "",
        "severity": "error" if problem.is_error else "warning",
    }


def starter_text(doc, files: dict[str, str], path: str) -> str:
    """The first text of a story file not yet written: an annotations file names its article."""
    if path.endswith(ANNOTATIONS_SUFFIX):
        seed = path.removesuffix(ANNOTATIONS_SUFFIX) + ".md"
        article_id = _front_matter_id(files.get(seed, ""))
        return f"# Annotations of {seed.rsplit('/', 1)[-1]}. Every `quote` is checked against the article.\narticle: {article_id}\n"
    if path.endswith("/quantities.yaml"):
        return (
            "# Quantity keys: each figure annotation names one, so figures line up across outlets.\n"
            "people_affected:\n  label: People affected\n  unit: people\n"
            "  description: How many people the event affected.\n"
        )
    return ""


def _front_matter_id(text: str) -> str:
    """The `id:` of a seed file's front matter ("" when there is none)."""
    for line in text.split("\n")[1:40]:
        if line.startswith("id:"):
            return line[3:].strip().strip("'\"")
    return ""


def editable_path(doc, files: dict[str, str], path: str | None) -> str:
    """The file to edit: the one asked for if the document may hold it, else its main file."""
    path = path or main_path(doc.kind, doc.slug)
    if path in files:
        return path
    if path_problem(doc.kind, doc.slug, path) is None and doc.kind == "story":
        seed = path.removesuffix(ANNOTATIONS_SUFFIX) + ".md"
        if path.endswith("/quantities.yaml") or (path.endswith(ANNOTATIONS_SUFFIX) and seed in files):
            return path
    abort(404, description=f"{doc.slug} has no file {path!r}.")


def render_editor(doc, path: str, text: str, base: int, files: dict[str, str], status: int = 200, **extra):
    """The editor page for `text` as the file at `path`, with the checker's problems beside its lines."""
    result = service.check(doc, {**files, path: text})
    problems = [problem_view(p) for p in result.of(path)]
    notes: dict[int, list[dict]] = {}
    for problem in problems:
        notes.setdefault(problem["line"], []).append(problem)
    lines = text.split("\n")
    form = EditorForm(formdata=None, text=text, base=base, path=path)
    return render_template(
        "workspace/editor.html",
        doc=doc,
        path=path,
        paths=sorted_paths(set(files) | {path}),
        form=form,
        replace_form=ReplaceFileForm(formdata=None, base=base),
        line_count=len(lines) + SPARE_ROWS,
        notes=notes,
        problems=problems,
        other_problems=len(result.problems) - len(problems),
        limit=max_bytes(path),
        is_article=is_article(path),
        **extra,
    ), status


@bp.route("/<slug>/edit", methods=["GET"])
@allow(*STAFF)
def edit(slug: str):
    """One file of the newest version in the editor (?file= picks a story's file)."""
    doc = document_or_404(slug, "edit")
    newest = service.version_of(doc)
    path = editable_path(doc, newest.files, request.args.get("file"))
    text = newest.files.get(path) or starter_text(doc, newest.files, path)
    return render_editor(doc, path, text, newest.number, newest.files, newest=newest)


@bp.route("/<slug>/edit", methods=["POST"])
@allow(*STAFF)
def save(slug: str):
    """Save the file as a new version (errors and all: a draft may have them), or just check it."""
    doc = document_or_404(slug, "edit")
    form = EditorForm()
    newest = service.version_of(doc)
    if not form.validate_on_submit():
        abort(400, description="The form expired or was incomplete; open the editor again.")
    path = editable_path(doc, newest.files, form.path.data)
    text = form.text.data.replace("\r\n", "\n")
    if request.form.get("action") == "check":
        return render_editor(doc, path, text, int(form.base.data), newest.files, newest=newest, checked=True)
    return _save_file(doc, newest, path, text, int(form.base.data), "", text)


def _save_file(doc, newest, path: str, text: str, base: int, note: str, shown: str):
    """Save `text` as the file at `path` in the next version; a conflict or refusal re-shows the editor with
    `shown` in it (what the teacher sent, or the last saved text when what they sent cannot be shown)."""
    try:
        saved = service.save(doc, current_user, {**newest.files, path: text}, base, note)
    except SaveConflict as exc:
        return _conflict(doc, path, text, exc)
    except WorkspaceError as exc:
        extra = {"newest": newest, "refused": exc, "refused_problems": exc.problems}
        return render_editor(doc, path, shown, base, newest.files, 400, **extra)
    version = saved.version
    flash(f"Saved version {version.number}: {version.errors} error(s), {version.warnings} warning(s).", "success")
    return redirect(url_for(".edit", slug=doc.slug, file=path))


def _conflict(doc, path: str, text: str, exc: SaveConflict):
    """The second of two editors: their text stays in the editor, the newer version and the difference beside."""
    theirs = exc.newest.files.get(path, "")
    diff = list(
        difflib.unified_diff(
            theirs.split("\n"), text.split("\n"), f"version {exc.newest.number}", "your text", lineterm=""
        )
    )
    return render_editor(
        doc, path, text, exc.newest.number, exc.newest.files, 409, newest=exc.newest, conflict=exc, diff=diff
    )


@bp.route("/<slug>/check.json", methods=["POST"])
@allow(*STAFF)
def check_json(slug: str):
    """The checker's problems for a file's text, not saved: for checking as the teacher types."""
    doc = document_or_404(slug, "edit")
    newest = service.version_of(doc)
    path = editable_path(doc, newest.files, request.form.get("path"))
    text = request.form.get("text", "").replace("\r\n", "\n")
    result = service.check(doc, {**newest.files, path: text})
    return jsonify(problems=[problem_view(p) for p in result.of(path)], others=len(result.problems))


@bp.route("/<slug>/upload-file", methods=["POST"])
@allow(*STAFF)
def replace_file(slug: str):
    """Replace one file with an uploaded one and save it as a new version."""
    doc = document_or_404(slug, "edit")
    newest = service.version_of(doc)
    path = editable_path(doc, newest.files, request.args.get("file"))
    form = ReplaceFileForm()
    if not form.validate_on_submit():
        flash("Choose a file to upload.", "error")
        return redirect(url_for(".edit", slug=slug, file=path))
    try:
        text = service.decode_upload(form.file.data.read(max_bytes(path) + 1), path)
    except WorkspaceError as exc:
        extra = {"newest": newest, "refused": exc, "refused_problems": exc.problems}
        return render_editor(doc, path, newest.files.get(path, ""), newest.number, newest.files, 400, **extra)
    return _save_file(doc, newest, path, text, int(form.base.data), "uploaded", newest.files.get(path, ""))


@bp.route("/<slug>/versions/<int:number>")
@allow(*STAFF)
def version(slug: str, number: int):
    """One saved version: who saved it and when, each file, and what changed from the version before."""
    doc = document_or_404(slug, "edit")
    try:
        shown = service.version_of(doc, number)
        before = service.version_of(doc, number - 1) if number > 1 else None
    except WorkspaceError:
        abort(404, description=f"{slug} has no version {number}.")
    diffs = {}
    for path in sorted_paths(set(shown.files) | set(before.files if before else {})):
        old = (before.files if before else {}).get(path, "")
        diffs[path] = list(
            difflib.unified_diff(
                old.split("\n"), shown.files.get(path, "").split("\n"), f"version {number - 1}", f"version {number}",
                lineterm="",
            )
        )  # fmt: skip
    return render_template("workspace/version.html", doc=doc, version=shown, diffs=diffs)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A paste or upload larger than the server takes: nothing was saved, the last version stands."""
    slug = (request.view_args or {}).get("slug")
    limit = request.max_content_length or 0
    message = (
        f"What you sent is larger than the {limit // 1024:,} KB the server accepts, so nothing was saved"
        + (f"; {slug} is unchanged." if slug else ".")
        + " A quiz module may be at most 512 KB, a lesson 256 KB, an article 1 MB."
    )
    # The size is refused before the view checks who is asking: the editor only for someone signed in who may edit.
    editing = slug and request.endpoint in EDITOR_ENDPOINTS and current_user.is_authenticated
    doc = service.document_by_slug(slug) if editing else None
    if doc is not None and service.can_edit(current_user, doc):
        newest = service.version_of(doc)
        path = editable_path(doc, newest.files, request.args.get("file"))
        text = newest.files.get(path, "")
        return render_editor(
            doc, path, text, newest.number, newest.files, 413, newest=newest, refused=WorkspaceError(message)
        )
    return render_template("errors/error.html", error=RequestEntityTooLarge(description=message)), 413


EDITOR_ENDPOINTS = ("workspace.save", "workspace.replace_file")
