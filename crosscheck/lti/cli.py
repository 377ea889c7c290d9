"""`flask lti ...`: register an LMS, print the tool's configuration, rotate the key, send waiting grades."""

from __future__ import annotations

import click
from flask import current_app, url_for
from flask.cli import AppGroup

from crosscheck.extensions import db
from crosscheck.lti import grades, keys
from crosscheck.lti.models import ADMIN_ROLE_CHOICES, NO_ROLE_CHOICES
from crosscheck.lti.platforms import PlatformError, PlatformFields, all_platforms, save_platform, tool_configuration
from crosscheck.lti.tool_conf import find_platform

lti = AppGroup("lti", help="LTI 1.3: LMS registrations, the tool's keys, grades waiting to be sent.")


@lti.command("register")
@click.option("--name", required=True, help="How the LMS is named here.")
@click.option("--issuer", required=True, help="The platform's issuer (iss).")
@click.option("--client-id", required=True, help="The client id the LMS gave the tool.")
@click.option("--deployment", "deployments", multiple=True, required=True, help="A deployment id (repeatable).")
@click.option("--auth-url", required=True, help="The OIDC authentication request URL.")
@click.option("--key-set-url", required=True, help="The platform's public key set URL (JWKS).")
@click.option("--token-url", default="", help="The OAuth2 access token URL (grades and roster).")
@click.option("--audience", default="", help="Access token audience, if the LMS asks for one.")
@click.option("--admin-role", type=click.Choice(ADMIN_ROLE_CHOICES), default="teacher")
@click.option("--no-role", type=click.Choice(NO_ROLE_CHOICES), default="refuse")
def register(name, issuer, client_id, deployments, auth_url, key_set_url, token_url, audience, admin_role, no_role):
    """Register an LMS, or update the one with this issuer and client id."""
    fields = PlatformFields(
        name=name,
        issuer=issuer,
        client_id=client_id,
        deployment_ids=list(dict.fromkeys(deployments)),
        auth_login_url=auth_url,
        auth_token_url=token_url,
        key_set_url=key_set_url,
        auth_audience=audience,
        admin_role=admin_role,
        no_role=no_role,
    )
    existing = find_platform(issuer.strip(), client_id.strip())
    try:
        platform = save_platform(fields, existing)
    except PlatformError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    click.echo(f"{'Updated' if existing else 'Registered'} {platform.name} ({platform.issuer}, {platform.client_id}).")
    _print_config(None)


@lti.command("platforms")
def platforms():
    """List registered platforms."""
    found = all_platforms()
    for p in found:
        click.echo(f"{p.id}\t{p.name}\t{p.issuer}\t{p.client_id}\tdeployments: {', '.join(p.deployment_ids)}")
    if not found:
        click.echo("No LMS registered.")


@lti.command("config")
@click.option("--base-url", help="The public address of Crosscheck, e.g. https://crosscheck.school.org")
def config(base_url: str | None):
    """Print the URLs to paste into an LMS."""
    _print_config(base_url)


def _print_config(base_url: str | None) -> None:
    """The tool configuration, one line each, under `base_url` (or SERVER_NAME)."""
    if not base_url:
        server = current_app.config.get("SERVER_NAME")
        scheme = current_app.config.get("PREFERRED_URL_SCHEME", "http")
        base_url = f"{scheme}://{server}" if server else None
    if not base_url:
        click.echo("(No --base-url or SERVER_NAME: showing http://localhost; use your public https address.)")
        base_url = "http://localhost"
    with current_app.test_request_context(base_url=base_url):
        for label, url in tool_configuration(url_for).items():
            click.echo(f"{label}: {url}")


@lti.command("rotate-key")
def rotate_key():
    """Make a new signing key; the previous one stays published until the next rotation."""
    key = keys.rotate()
    click.echo(f"New signing key {key.kid}; published keys: {', '.join(k.kid for k in keys.published_keys())}.")


@lti.command("send-scores")
@click.option("--force", is_flag=True, help="Also retry grades that failed too often.")
def send_scores(force: bool):
    """Send grades waiting or failed (run it from cron every few minutes); exit 1 if any failed."""
    counts = grades.send_waiting(force=force)
    click.echo(", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "Nothing waiting.")
    if counts.get("failed"):
        raise SystemExit(1)
