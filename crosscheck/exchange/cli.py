"""`flask content export MODULE_ID --format ... --output PATH` and `flask content import-qti PACKAGE ...`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from crosscheck.exchange.formats import FORMATS, write
from crosscheck.exchange.qti_import import ImportError_, import_package


def _catalog():
    """The app's catalog (what the pages serve)."""
    return current_app.extensions["crosscheck.catalog"]


@click.command("export")
@click.argument("module_id")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True, help="The file format.")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="A folder for qti3 (made if missing), a file for gift and moodle-xml.",
)
def export(module_id: str, fmt: str, output: Path):
    """Export a quiz module (answer keys included) for another LMS."""
    module = _catalog().quizzes.get(module_id)
    if module is None:
        raise click.ClickException(f"There is no quiz module {module_id!r}; see `flask --app app content check`.")
    if FORMATS[fmt].is_package and output.exists() and not output.is_dir():
        raise click.ClickException(f"{output} is a file; qti3 writes a folder.")
    written = write(fmt, module, _catalog(), output)
    click.echo(f"Wrote {len(written)} file(s) for {module.id} ({FORMATS[fmt].label}) to {output}.")


@click.command("import-qti")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "module_id", required=True, help="Id of the new module.")
@click.option("--title", required=True, help="Title of the new module.")
@click.option("--output", type=click.Path(path_type=Path), required=True, help="Where to write the draft YAML.")
def import_qti(package: Path, module_id: str, title: str, output: Path):
    """Read a QTI 3.0 package's choice and multi items into a draft module file (to complete, then check)."""
    try:
        result = import_package(package.read_bytes(), module_id, title)
    except ImportError_ as exc:
        raise click.ClickException(str(exc)) from None
    output.write_text(result.yaml_text, encoding="utf-8")
    click.echo(f"Imported {len(result.items)} item(s) into {output}; give each its skill and articles.")
    for problem in result.problems:
        click.echo(f"Not imported: {problem}", err=True)
