"""Registering an LMS (one rule for the admin page and the command) and the configuration to paste into it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.lti.models import ADMIN_ROLE_CHOICES, NO_ROLE_CHOICES, LtiDeployment, LtiPlatform


class PlatformError(ValueError):
    """A registration that cannot be saved; the message says what to fix."""


@dataclass
class PlatformFields:
    """What an admin types to register an LMS."""

    name: str
    issuer: str
    client_id: str
    deployment_ids: list[str]
    auth_login_url: str
    auth_token_url: str
    key_set_url: str
    auth_audience: str = ""
    admin_role: str = "teacher"
    no_role: str = "refuse"


def split_ids(text: str) -> list[str]:
    """Deployment ids typed one a line or separated by commas, blanks and repeats dropped, order kept."""
    return list(dict.fromkeys(part.strip() for part in re.split(r"[,\n]", text or "") if part.strip()))


def _url_problem(label: str, url: str, required: bool = True) -> str | None:
    """Why `url` is not an http(s) address, or None."""
    if not url:
        return f"{label} is required." if required else None
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return f"{label} must be an http:// or https:// address, not {url!r}."
    return None


def check(fields: PlatformFields) -> list[str]:
    """Every problem with the fields, as sentences (empty when they can be saved)."""
    problems = [
        f"{label} is required."
        for label, value in [("Name", fields.name), ("Client id", fields.client_id)]
        if not value.strip()
    ]
    if not fields.issuer.strip():
        problems.append("Issuer is required (the platform's iss, often its base address).")
    if not fields.deployment_ids:
        problems.append("Give at least one deployment id (the LMS shows it once the tool is added).")
    for label, url, required in [
        ("Authentication (OIDC) URL", fields.auth_login_url, True),
        ("Key set URL", fields.key_set_url, True),
        ("Access token URL", fields.auth_token_url, False),
    ]:
        problem = _url_problem(label, url.strip(), required)
        if problem:
            problems.append(problem)
    if fields.admin_role not in ADMIN_ROLE_CHOICES:
        problems.append(f"LMS administrators become one of: {', '.join(ADMIN_ROLE_CHOICES)}.")
    if fields.no_role not in NO_ROLE_CHOICES:
        problems.append(f"Launches without a role: one of {', '.join(NO_ROLE_CHOICES)}.")
    return problems


def save_platform(fields: PlatformFields, platform: LtiPlatform | None = None) -> LtiPlatform:
    """Create or update a registration; raises PlatformError with every problem."""
    problems = check(fields)
    issuer, client_id = fields.issuer.strip(), fields.client_id.strip()
    clash = db.session.scalar(
        select(LtiPlatform).where(LtiPlatform.issuer == issuer, LtiPlatform.client_id == client_id)
    )
    if clash is not None and clash is not platform:
        problems.append(f"{clash.name} is already registered with this issuer and client id.")
    if problems:
        raise PlatformError(" ".join(problems))
    if platform is None:
        platform = LtiPlatform()
        db.session.add(platform)
    platform.name = fields.name.strip()[:100]
    platform.issuer, platform.client_id = issuer, client_id
    platform.auth_login_url = fields.auth_login_url.strip()
    platform.auth_token_url = fields.auth_token_url.strip()
    platform.key_set_url = fields.key_set_url.strip()
    platform.auth_audience = fields.auth_audience.strip()
    platform.admin_role, platform.no_role = fields.admin_role, fields.no_role
    kept = {d.deployment_id: d for d in platform.deployments}
    platform.deployments = [kept.get(d) or LtiDeployment(deployment_id=d[:255]) for d in fields.deployment_ids]
    db.session.commit()
    return platform


def all_platforms() -> list[LtiPlatform]:
    """Every registration, by name."""
    return list(db.session.scalars(select(LtiPlatform).order_by(LtiPlatform.name, LtiPlatform.id)))


def delete_platform(platform: LtiPlatform) -> None:
    """Remove a registration: its launches stop; accounts and classes it made stay."""
    db.session.delete(platform)
    db.session.commit()


def tool_configuration(url_for) -> dict[str, str]:
    """The addresses an LMS admin pastes into the LMS, from the app's own routes (`url_for` with _external)."""
    return {
        "Login initiation URL (OIDC)": url_for("lti.login", _external=True),
        "Launch / redirection URL": url_for("lti.launch", _external=True),
        "Deep linking URL": url_for("lti.launch", _external=True),
        "Public key set URL (JWKS)": url_for("lti.jwks", _external=True),
    }
