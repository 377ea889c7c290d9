"""Admin pages: register an LMS, see the configuration to paste into it, rotate the tool's key."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from crosscheck.access import allow
from crosscheck.classes.forms import ActionForm
from crosscheck.extensions import db
from crosscheck.lti import keys
from crosscheck.lti.forms import PlatformForm
from crosscheck.lti.models import LtiPlatform
from crosscheck.lti.platforms import PlatformError, all_platforms, delete_platform, save_platform, tool_configuration
from crosscheck.lti.routes import bp


def _platform_or_404(platform_id: int) -> LtiPlatform:
    """A registered platform, or 404."""
    platform = db.session.get(LtiPlatform, platform_id)
    if platform is None:
        abort(404, description="There is no such LMS registration.")
    return platform


def _save(form: PlatformForm, platform: LtiPlatform | None):
    """Save a valid form; a refused one gets its reason beside the form. Returns the platform or None."""
    if not form.validate_on_submit():
        return None
    try:
        return save_platform(form.fields(), platform)
    except PlatformError as exc:
        db.session.rollback()
        form.form_errors.append(str(exc))
        return None


@bp.route("/admin/lti", methods=["GET", "POST"])
@allow("admin")
def admin():
    """Registered platforms, the tool's configuration and keys, and a form to register another platform."""
    form = PlatformForm()
    saved = _save(form, None)
    if saved is not None:
        flash(f"Registered {saved.name}. Launches from it are accepted now.", "success")
        return redirect(url_for(".admin"))
    return render_template(
        "lti/admin.html",
        form=form,
        platforms=all_platforms(),
        config=tool_configuration(url_for),
        keys=keys.published_keys() or [keys.signing_key()],
        action_form=ActionForm(),
    ), 400 if form.is_submitted() else 200


@bp.route("/admin/lti/<int:platform_id>", methods=["GET", "POST"])
@allow("admin")
def edit_platform(platform_id: int):
    """Change a registration (a new deployment id, a moved key set)."""
    platform = _platform_or_404(platform_id)
    form = PlatformForm(obj=platform)
    if not form.is_submitted():
        form.deployment_ids.data = "\n".join(platform.deployment_ids)
    if _save(form, platform) is not None:
        flash(f"Saved {platform.name}.", "success")
        return redirect(url_for(".admin"))
    return render_template(
        "lti/edit_platform.html", form=form, platform=platform, action_form=ActionForm()
    ), 400 if form.is_submitted() else 200


@bp.route("/admin/lti/<int:platform_id>/delete", methods=["POST"])
@allow("admin")
def remove_platform(platform_id: int):
    """Remove a registration; the accounts and classes its launches made stay."""
    platform = _platform_or_404(platform_id)
    if ActionForm().validate_on_submit():
        delete_platform(platform)
        flash(f"Removed {platform.name}; its launches are refused from now on.", "success")
    return redirect(url_for(".admin"))


@bp.route("/admin/lti/keys/rotate", methods=["POST"])
@allow("admin")
def rotate_key():
    """A new signing key; the previous one stays published so what it signed still verifies."""
    if ActionForm().validate_on_submit():
        key = keys.rotate()
        flash(f"New signing key {key.kid[:12]}…; the previous key stays published until the next rotation.", "success")
    return redirect(url_for(".admin"))
