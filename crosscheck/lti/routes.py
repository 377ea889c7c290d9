"""The LTI protocol routes: OIDC login, launch, the tool's key set, and the deep-linking picker.

CSRF: the login initiation and the launch are POSTed by the LMS, cross-site, so they carry no CSRF token
and are exempt from CSRFProtect. The launch is protected by its id_token instead: signed by the registered
platform, for this tool's client id, unexpired, with the state cookie this browser got at login and a nonce
that is good once. The login initiation only stores a nonce and sends the browser to a registered platform's
own sign-in page; it changes nothing else. Every other LTI form (the picker, the admin and class pages) is an
ordinary form with a CSRF token.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from crosscheck.access import allow, public
from crosscheck.accounts.models import User
from crosscheck.accounts.sessions import sign_in
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.forms import assignable, work_choices
from crosscheck.extensions import csrf, db
from crosscheck.lti import keys, service
from crosscheck.lti.deep_linking import DeepLinkExpired, origin_of, resource_for, response_for
from crosscheck.lti.forms import DeepLinkForm
from crosscheck.lti.launch import LaunchError, VerifiedLaunch, log_refusal, login_redirect, refuse, tool_request
from crosscheck.lti.tool_conf import forget_expired
from crosscheck.progress.assigned_work import WORK_ENDPOINTS

bp = Blueprint("lti", __name__)
DEEP_LINK_SESSION_KEY = "lti_deep_link_launch"


def refused(error: LaunchError, claims: dict | None = None):
    """The error page for a refused login or launch, logged; nothing was created."""
    db.session.rollback()
    log_refusal(error, claims or request.values)
    return render_template("lti/error.html", error=error), error.status


@bp.route("/lti/login", methods=["GET", "POST"])
@public
def login():
    """OIDC login initiation from the LMS: remember a nonce, set the state cookie, go to the LMS's sign-in."""
    forget_expired()
    try:
        return login_redirect(url_for(".launch", _external=True))
    except LaunchError as error:
        return refused(error)


@bp.route("/lti/launch", methods=["POST"])
@public
def launch():
    """The launch: verify the id_token, then sign the LMS user in and open what the link points at."""
    if not request.form.get("id_token") or not request.form.get("state"):
        return refused(refuse("format", "launch without id_token or state"))
    verified = VerifiedLaunch(tool_request())
    try:
        verified.validate()
        opened = service.accept_launch(verified.platform, verified.claims())
    except LaunchError as error:
        return refused(error, _unverified(verified))
    _sign_in(opened.user_id)
    if opened.deep_linking:
        session[DEEP_LINK_SESSION_KEY] = verified.get_launch_id()
        return redirect(url_for(".deep_link"))
    return redirect(_destination(opened))


csrf.exempt(login)  # see the module docstring: protected by the platform's signed token, not a CSRF token
csrf.exempt(launch)


def _unverified(verified: VerifiedLaunch) -> dict:
    """What the refused token claimed, for the log line."""
    body = verified._jwt.get("body", {}) if isinstance(verified._jwt, dict) else {}
    return {
        "iss": body.get("iss"),
        "client_id": body.get("aud"),
        "lti_deployment_id": body.get("https://purl.imsglobal.org/spec/lti/claim/deployment_id"),
    }


def _sign_in(user_id: int) -> None:
    """A fresh session for the launched user (whoever used this browser before is signed out)."""
    sign_in(db.session.get(User, user_id))


def _destination(opened: service.Opened) -> str:
    """The placed lesson or module; otherwise the class (teachers) or the start page."""
    if opened.placement is not None:
        endpoint, argument = WORK_ENDPOINTS[opened.placement.kind]
        return url_for(endpoint, **{argument: opened.placement.target_id})
    if opened.classroom_id is not None and current_user.role != "student":
        return url_for("classes.show", class_id=opened.classroom_id)
    if opened.class_pending:
        flash("Your teacher has not opened Crosscheck in this course yet; you will join the class once they do.")
    return url_for("home.index")


@bp.route("/lti/jwks")
@public
def jwks():
    """The tool's public keys (JWKS), which platforms use to check deep-linking replies and service requests."""
    return jsonify(keys.jwks())


@bp.route("/lti/deep-link", methods=["GET", "POST"])
@allow("teacher", "admin")
def deep_link():
    """Pick the lesson or quiz module to place in the LMS course, then return it to the LMS, signed."""
    launch_id = session.get(DEEP_LINK_SESSION_KEY)
    if not launch_id:
        flash("To place work in an LMS course, start from the course in your LMS (add Crosscheck there).", "info")
        return redirect(url_for("home.index"))
    form = DeepLinkForm()
    form.work.choices = work_choices(assignable(get_catalog()))
    if form.validate_on_submit():
        kind, target_id = form.kind_and_target
        catalog = get_catalog()
        target = (catalog.quizzes if kind == "quiz" else catalog.lessons)[target_id]
        try:
            return_url, token = response_for(launch_id, resource_for(kind, target, url_for(".launch", _external=True)))
        except DeepLinkExpired:
            session.pop(DEEP_LINK_SESSION_KEY, None)
            error = LaunchError("expired", "This placement took too long. Start again from your LMS.", 400)
            return render_template("lti/error.html", error=error), 400
        session.pop(DEEP_LINK_SESSION_KEY, None)
        response = render_template("lti/deep_link_return.html", return_url=return_url, token=token, title=target.title)
        # The reply is a form posted to the LMS: allow that one origin as a form target on this page only.
        policy = current_app.extensions["crosscheck.security_headers"]["Content-Security-Policy"]
        policy = policy.replace("form-action 'self'", f"form-action 'self' {origin_of(return_url)}")
        return response, 200, {"Content-Security-Policy": policy}
    return render_template("lti/deep_link.html", form=form), 400 if form.errors else 200


from crosscheck.lti import admin_pages, class_pages  # noqa: E402,F401  (their views join this blueprint)
