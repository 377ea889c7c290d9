"""The exchange formats of `flask content export ID --format ... --output PATH`, and `flask content import-qti`
(a draft module file, or with --author a draft in a teacher's workspace).

`content export` is one command (crosscheck/workspace/commands.py) whose --format choices are the table
EXPORT_FORMATS; register_export_formats adds qti3, gift and moodle-xml, which write quiz modules.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from crosscheck.exchange.formats import FORMATS, write
from crosscheck.exchange.qti_import import ImportError_, import_package
from crosscheck.workspace.commands import teacher_named
from crosscheck.workspace.importing import take_in_qti
from crosscheck.workspace.service import WorkspaceError
from crosscheck.workspace.transfer import EXPORT_FORMATS, Exported


def register_export_formats() -> None:
    """Add a writer for each exchange format to `content export`'s table."""
    for name in FORMATS:
        EXPORT_FORMATS[name] = _writer(name)


def _writer(fmt: str):
    """Write a quiz module in one exchange format: a folder for qti3 (made if missing), a file otherwise."""

    def write_module(exported: Exported, output: Path) -> str:
        module = exported.catalog.quizzes.get(exported.slug) if exported.kind == "quiz" else None
        if module is None:
            raise click.ClickException(f"{exported.slug} is a {exported.kind}; --format {fmt} writes quiz modules.")
        if FORMATS[fmt].is_package and output.exists() and not output.is_dir():
            raise click.ClickException(f"{output} is a file; qti3 writes a folder.")
        written = write(fmt, module, exported.catalog, output)
        return f"Wrote {len(written)} file(s) for {module.id} ({FORMATS[fmt].label}) to {output}."

    return write_module


@click.command("import-qti")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "module_id", required=True, help="Id of the new module.")
@click.option("--title", required=True, help="Title of the new module.")
@click.option("--output", type=click.Path(path_type=Path), help="Write the draft YAML to this file.")
@click.option("--author", help="Or save it as a draft module in this teacher's workspace (username).")
@with_appcontext
def import_qti(package: Path, module_id: str, title: str, output: Path | None, author: str | None):
    """Read a QTI 3.0 package's choice and multi items into a draft module (a file, or a teacher's workspace)."""
    if (output is None) == (author is None):
        raise click.UsageError("Give --output FILE or --author USERNAME (one of them).")
    try:
        if author is not None:
            slug, result = take_in_qti(package.read_bytes(), package.name, teacher_named(author), module_id, title)
            where = f"the draft {slug} of {author}'s workspace"
        else:
            result = import_package(package.read_bytes(), module_id, title)
            output.write_text(result.yaml_text, encoding="utf-8")
            where = str(output)
    except (ImportError_, WorkspaceError) as exc:
        for problem in getattr(exc, "problems", []):
            click.echo(str(problem), err=True)
        raise click.ClickException(str(exc)) from None
    click.echo(f"Imported {len(result.items)} item(s) into {where}; give each its skill and articles.")
    for problem in result.problems:
        click.echo(f"Not imported: {problem}", err=True)
