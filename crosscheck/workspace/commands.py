"""`flask content export` and `flask content import`: move content between servers as repository files.

export ID writes a school document (its published version, or --version N) or a shipped module, lesson or
story in the chosen --format (`files`: a zip or a folder laid out like the repository; other formats join
EXPORT_FORMATS). import PATH takes a zip or a folder laid out the same way into the workspace, as documents of
--author (a teacher), all or none; --publish also publishes each one without errors.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from crosscheck.accounts.models import User
from crosscheck.extensions import db
from crosscheck.workspace import service
from crosscheck.workspace.importing import take_in
from crosscheck.workspace.transfer import (
    EXPORT_FORMATS,
    Exported,
    TransferError,
    read_folder,
    read_zip,
    shipped_files,
)


def _fail(exc: Exception) -> None:
    """Print the reason and every problem as file:line:col, then exit with status 1."""
    for problem in getattr(exc, "problems", []):
        click.echo(str(problem), err=True)
    raise click.ClickException(str(exc))


class FormatName(click.Choice):
    """One of EXPORT_FORMATS, read when the command runs: other features add formats after this module loads."""

    def __init__(self):
        super().__init__([])

    @property
    def choices(self):
        return sorted(EXPORT_FORMATS)

    @choices.setter
    def choices(self, _value) -> None:
        """Choice sets its list once; this type always reads the table instead."""


@click.command("export")
@click.argument("content_id")
@click.option(
    "--format", "format_name", type=FormatName(), default="files", show_default=True,
    help="files: a zip (OUTPUT ends in .zip) or a folder laid out like the repository; qti3 (a folder), gift and "
    "moodle-xml (a file) write quiz modules for other systems.",
)  # fmt: skip
@click.option("--output", type=click.Path(path_type=Path), required=True, help="The zip or folder to write.")
@click.option("--version", "number", type=int, help="A school document's version (default: the published one).")
@with_appcontext
def export_command(content_id: str, format_name: str, output: Path, number: int | None) -> None:
    """Write one quiz module, lesson or story (school or shipped) to OUTPUT."""
    live = service.live().current()
    doc = service.document_by_slug(content_id)
    if doc is not None:
        number = number or doc.published_number or doc.revision
        try:
            files = service.version_of(doc, number).files
        except service.WorkspaceError as exc:
            _fail(exc)
        kind = doc.kind
        catalog = service.check(doc, files).catalog
    else:
        found = shipped_files(live.catalog, service.live().shipped, content_id)
        if found is None:
            raise click.ClickException(f"There is no quiz module, lesson or story {content_id!r}.")
        kind, files = found
        catalog = live.catalog
    click.echo(EXPORT_FORMATS[format_name](Exported(kind, content_id, files, catalog), output))


def teacher_named(username: str) -> User:
    """The teacher or admin a command's --author names (a ClickException when there is none)."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or user.role not in ("teacher", "admin"):
        raise click.ClickException(f"There is no teacher or admin called {username!r}.")
    return user


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--author", required=True, help="Username of the teacher the documents belong to.")
@click.option("--publish", is_flag=True, help="Publish each document that has no errors.")
@with_appcontext
def import_command(path: Path, author: str, publish: bool) -> None:
    """Take a zip or folder laid out like the repository into the workspace (all of it, or none)."""
    user = teacher_named(author)
    try:
        bundle = read_zip(path.read_bytes(), path.name) if path.is_file() else read_folder(path)
        done = take_in(bundle, user, f"imported from {path.name}"[:200], publish=publish)
    except (TransferError, service.WorkspaceError) as exc:
        _fail(exc)
    for item in done:
        state = service.document_by_slug(item.slug).state
        what = "new" if item.created else "updated"
        click.echo(f"{item.kind} {item.slug}: {what}, version {item.number}, {item.errors} error(s), {state}")
    current_app.logger.info("imported %d document(s) from %s", len(done), path)
