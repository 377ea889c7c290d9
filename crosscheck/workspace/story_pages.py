"""A new story in the browser: add each article from a form, mark its page furniture, find its figures.

Each page writes the same seed file a developer would (front matter + the pasted text, verbatim) and saves
it as a new version of the story; annotations are written in the editor, checked as they are typed.
"""

from __future__ import annotations

import yaml
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.content.annotations import numbers_in, uncovered_numbers
from crosscheck.content.articles import FURNITURE_KINDS
from crosscheck.content.frontmatter import read_front_matter
from crosscheck.content.yamlsafe import YamlProblem
from crosscheck.workspace import service
from crosscheck.workspace.files import annotations_path, article_path, is_article, sorted_paths
from crosscheck.workspace.routes import STAFF, bp, document_or_404
from crosscheck.workspace.service import SaveConflict, WorkspaceError
from crosscheck.workspace.story_forms import ArticleForm, FurnitureForm, next_name


def story_or_404(slug: str, need: str = "edit"):
    """The story document and its newest version."""
    doc = document_or_404(slug, need)
    if doc.kind != "story":
        abort(404, description=f"{slug} is not a story.")
    return doc, service.version_of(doc)


def seed_file(newest, slug: str, name: str) -> tuple[str, str]:
    """The path and text of an article's seed file in the newest version, or a 404."""
    path = article_path(slug, name)
    if path not in newest.files:
        abort(404, description=f"The story {slug} has no article file {name}.md.")
    return path, newest.files[path]


def seed_text(meta: dict, body: str) -> str:
    """A seed file: front matter written by the YAML dumper (quoted where needed), then the body verbatim."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return f"---\n{front}---\n{body.rstrip(chr(10))}\n"


def _save(doc, newest, files: dict[str, str], note: str, back: str):
    """Save the story's files as a new version and go `back`; a conflict or refusal is said, nothing lost."""
    try:
        saved = service.save(doc, current_user, files, newest.number, note)
    except SaveConflict as exc:
        flash(f"{exc} Nothing of yours was saved; do it again on the newest version.", "error")
        return redirect(back)
    except WorkspaceError as exc:
        flash(str(exc) + " " + " ".join(str(p) for p in exc.problems), "error")
        return redirect(back)
    flash(
        f"Saved version {saved.version.number}: {saved.version.errors} error(s), {saved.version.warnings} warning(s).",
        "success",
    )
    return redirect(back)


@bp.route("/<slug>/articles/new", methods=["GET", "POST"])
@allow(*STAFF)
def new_article(slug: str):
    """Add an article: outlet (or why none is named), headline, date as stated, kind, source, the text."""
    doc, newest = story_or_404(slug)
    form = ArticleForm()
    if request.method == "GET":
        form.name.data = next_name(newest.files)
        form.article_id.data = f"{slug}-{len([p for p in newest.files if is_article(p)]) + 1}"
    if form.validate_on_submit():
        path = article_path(slug, form.name.data)
        if path in newest.files:
            form.name.errors.append("This story already has an article file of that name.")
        else:
            meta, body, note = form.seed_parts()
            files = {**newest.files, path: seed_text(meta, body)}
            if note:
                flash(note, "info")
            back = url_for(".furniture", slug=slug, name=form.name.data)
            return _save(doc, newest, files, f"added {form.name.data}.md", back)
    status = 400 if form.errors else 200
    return render_template("workspace/article_form.html", doc=doc, form=form), status


@bp.route("/<slug>/articles/<name>/furniture", methods=["GET", "POST"])
@allow(*STAFF)
def furniture(slug: str, name: str):
    """Every paragraph with a toggle: page furniture (and which kind) or the article's own text."""
    doc, newest = story_or_404(slug)
    path, text = seed_file(newest, slug, name)
    try:
        parsed = read_front_matter(text.encode("utf-8"), path, 10 * 1024 * 1024)
    except YamlProblem as exc:
        flash(f"The front matter cannot be read ({exc.problem}); fix it in the editor first.", "error")
        return redirect(url_for(".edit", slug=slug, file=path))
    meta = dict(parsed.meta.data)
    paragraphs = [line for line in parsed.body.split("\n") if line.strip()]
    marked = {f.get("text"): f.get("kind") for f in meta.get("furniture") or [] if isinstance(f, dict)}
    form = FurnitureForm()
    if form.validate_on_submit():
        chosen = []
        for number, line in enumerate(paragraphs, start=1):
            if request.form.get(f"p{number}") == "furniture":
                kind = request.form.get(f"kind{number}")
                chosen.append({"text": line, "kind": kind if kind in FURNITURE_KINDS else FURNITURE_KINDS[0]})
        unique = list({item["text"]: item for item in chosen}.values())  # one entry marks every equal line
        meta["furniture"] = unique
        files = {**newest.files, path: seed_text(meta, parsed.body)}
        back = url_for(".furniture", slug=slug, name=name)
        return _save(doc, newest, files, f"furniture of {name}.md", back)
    result = service.check(doc, newest.files)
    rows = [
        {"number": n, "text": line, "kind": marked.get(line), "role": _role(meta, line)}
        for n, line in enumerate(paragraphs, start=1)
    ]
    return render_template(
        "workspace/furniture.html", doc=doc, name=name, path=path, rows=rows, kinds=FURNITURE_KINDS, form=form,
        problems=result.of(path),
    )  # fmt: skip


def _role(meta: dict, line: str) -> str | None:
    """Headline, standfirst or subheading when the front matter names the line so."""
    if line == meta.get("headline"):
        return "headline"
    if line == meta.get("standfirst"):
        return "standfirst"
    if line in (meta.get("subheadings") or []):
        return "subheading"
    return None


@bp.route("/<slug>/articles/<name>/figures")
@allow(*STAFF)
def figures(slug: str, name: str):
    """The figure finder: every number in the article's text, and which no annotation covers yet."""
    doc, newest = story_or_404(slug)
    path, _ = seed_file(newest, slug, name)
    result = service.check(doc, newest.files)
    article = next((a for a in result.catalog.articles.values() if a.path == path), None)
    if article is None:
        flash("The article does not load yet; fix its errors first.", "error")
        return redirect(url_for(".edit", slug=slug, file=path))
    annotated = result.catalog.annotations.get(article.id)
    uncovered = {(m.paragraph_id, m.number.span) for m in uncovered_numbers(article, annotated)}
    mentions = [(m, (m.paragraph_id, m.number.span) in uncovered) for m in numbers_in(article)]
    return render_template(
        "workspace/figures.html", doc=doc, name=name, path=path, article=article, mentions=mentions,
        annotations=annotations_path(path), uncovered=sum(1 for _, u in mentions if u),
    )  # fmt: skip


def story_articles(files: dict[str, str]) -> list[dict]:
    """The story's article files with their annotation files, for the story's page."""
    rows = []
    for path in sorted_paths(files):
        if is_article(path):
            name = path.rsplit("/", 1)[-1].removesuffix(".md")
            rows.append(
                {
                    "name": name,
                    "path": path,
                    "notes": annotations_path(path),
                    "annotated": annotations_path(path) in files,
                }
            )
    return rows


@bp.context_processor
def story_helpers() -> dict:
    """The story page lists its articles."""
    return {"story_articles": story_articles}
