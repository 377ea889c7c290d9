"""Flask commands: init-db, demo, content check, content coverage, users create."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade

from crosscheck.access import ROLES
from crosscheck.accounts.service import AccountError, create_user
from crosscheck.catalog_access import get_catalog
from crosscheck.content.annotations import not_figure_summary
from crosscheck.content.coverage import coverage, coverage_lines, summary
from crosscheck.content.listing import sentence_listing
from crosscheck.content.loading import load_catalog
from crosscheck.content.sources import ContentFiles
from crosscheck.content.validation import did_you_mean
from crosscheck.extensions import db
from crosscheck.id_record.loading import build_recorded_catalog


def register(app: Flask) -> None:
    """Attach every command group to the app."""
    app.cli.add_command(init_db)
    app.cli.add_command(demo)
    app.cli.add_command(content)
    app.cli.add_command(users)
    from crosscheck.exchange.cli import import_qti, register_export_formats
    from crosscheck.lti.cli import lti
    from crosscheck.workspace.commands import export_command, import_command

    app.cli.add_command(lti)
    register_export_formats()  # qti3, gift, moodle-xml join `content export`'s files
    content.add_command(export_command)
    content.add_command(import_command)
    content.add_command(import_qti)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema by running every migration."""
    upgrade()
    click.echo(f"Database ready: {_safe_url()}")


def _safe_url() -> str:
    """The database URL without its password, for messages."""
    return db.engine.url.render_as_string(hide_password=True)


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load the demo classroom (safe to run twice) and print the sign-in details."""
    from crosscheck.demo import DEMO_PASSWORD, load_demo

    summary = load_demo()
    click.echo(f"Demo classroom {summary.class_name!r}, join code {summary.join_code}.")
    click.echo(f"  Teacher: username {summary.teacher}  password {DEMO_PASSWORD}")
    click.echo(f"  Students: {', '.join(summary.students)}  (password {DEMO_PASSWORD})")
    click.echo(f"  Admin: username {summary.admin}  password {DEMO_PASSWORD}")


@click.group("content", cls=AppGroup)
def content() -> None:
    """Check, export and import the lesson, quiz and article files."""


@content.command("check")
@click.option("--not-figures", "list_not_figures", is_flag=True, help="Also list numbers marked as not a figure.")
def content_check(list_not_figures: bool) -> None:
    """Load every content file and print each problem as file:line:col: message; exit 1 on any error."""
    catalog, _ = build_recorded_catalog(ContentFiles.from_root(current_app.config["CONTENT_DIR"]))
    for problem in sorted(catalog.problems):
        click.echo(str(problem), err=problem.is_error)
    not_figures = not_figure_summary(catalog.articles, catalog.annotations)
    if not_figures and list_not_figures:  # a reviewer checks each reason; neither errors nor warnings
        click.echo(f"{len(not_figures)} number(s) marked as not a figure:")
        for line in not_figures:
            click.echo(f"  {line}")
    errors, warnings = len(catalog.errors), len(catalog.warnings)
    click.echo(f"{catalog.summary()}: {errors} error(s), {warnings} warning(s).")
    sys.exit(1 if errors else 0)


@content.command("coverage")
@click.option("--missing", is_flag=True, help="List only the rows that no lesson teaches or no item tests.")
@click.option("--strict", is_flag=True, help="Exit 1 when a row is not both taught and tested.")
def content_coverage(missing: bool, strict: bool) -> None:
    """List every conflict, unverified claim, source chain, quote drift and page furniture, with who covers it."""
    rows = coverage(load_catalog(current_app.config["CONTENT_DIR"]))
    for line in coverage_lines(rows, only_missing=missing):
        click.echo(line)
    click.echo(summary(rows) + ".")
    sys.exit(1 if strict and not all(row.covered for row in rows) else 0)


@content.command("sentences")
@click.argument("article_id")
@click.argument("paragraphs", nargs=-1)
def content_sentences(article_id: str, paragraphs: tuple[str, ...]) -> None:
    """Print how an article splits into paragraphs and sentences (optionally only PARAGRAPHS such as p3 p4)."""
    catalog = get_catalog()
    article = catalog.article(article_id)
    if article is None:
        raise click.ClickException(f"unknown article {article_id!r}{did_you_mean(article_id, catalog.articles)}")
    unknown = [p for p in paragraphs if article.paragraph(p) is None]
    if unknown:
        raise click.ClickException(
            f"{article_id} has no paragraph {', '.join(unknown)} (p1 to p{len(article.paragraphs)})"
        )
    for line in sentence_listing(article, paragraphs):
        click.echo(line)


@click.group("users", cls=AppGroup)
def users() -> None:
    """Manage accounts."""


@users.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True, help="student, teacher or admin")
@click.option("--name", "display_name", help="Name shown to others (defaults to the username).")
def users_create(username: str, role: str, display_name: str | None) -> None:
    """Create an account; the password is read from a prompt, never from the command line."""
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        raise click.ClickException("Use a password of at least 10 characters.")
    try:
        user = create_user(username, display_name or username, password, role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"Created {user.role} {user.username}.")


@users.command("unlock")
@click.argument("username")
def users_unlock(username: str) -> None:
    """Forget every failed sign-in at USERNAME (from everywhere), for when no admin can sign in to do it."""
    from crosscheck.accounts.throttle import unlock

    forgotten = unlock(username)
    click.echo(f"Forgot {forgotten} failed sign-in(s) at {username.strip().lower()}; it may be tried at once.")
