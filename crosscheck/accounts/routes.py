"""Sign up, sign in, sign out, change password; admins manage users."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user

from crosscheck.access import SIGNED_IN, allow, public
from crosscheck.accounts.forms import LoginForm, PasswordChangeForm, SignupForm
from crosscheck.accounts.service import AccountError, authenticate, commit_new_user, create_user
from crosscheck.accounts.sessions import end_other_sessions, end_session, sign_in
from crosscheck.accounts.throttle import (
    clear_failures,
    place_of,
    record_failure,
    record_join_code_failure,
    remember_browser,
    say_wait,
    seconds_to_wait,
)
from crosscheck.classes import joining
from crosscheck.classes.service import enrol
from crosscheck.extensions import db

bp = Blueprint("accounts", __name__)
BAD_LOGIN = "Unknown username or wrong password."


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Sign in; the same message for an unknown user and a wrong password."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        place = place_of(request, form.username.data)
        wait = seconds_to_wait(form.username.data, place)  # before the password: a held-back guess tells nothing
        user = None if wait else authenticate(form.username.data, form.password.data)
        if wait:
            say_wait("sign-in attempts for this username from here", wait)  # other accounts sign in as usual
            status = 429
        elif user is None:
            record_failure(form.username.data, place)
            form.password.errors.append(BAD_LOGIN)
            status = 401
        else:
            clear_failures(form.username.data, place)
            sign_in(user)
            return remember_browser(request, redirect(_safe_next(request.args.get("next"))), user.username)
    return render_template("accounts/login.html", form=form), status


def _safe_next(target: str | None) -> str:
    """Only follow `next` within this site, never to another host; anything odd goes home."""
    # Browsers drop tabs and newlines from a URL and read a backslash as a slash ('/\t/x' and '/\\x' are
    # '//x', another host); a CR or LF would also break the Location header. None of them is in our URLs.
    plain = bool(target) and not any(ch < " " or ch in "\\\x7f" for ch in target)
    if plain and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("home.index")


@bp.route("/signup", methods=["GET", "POST"])
@public
def signup():
    """A student creates an account with their class's join code (classes/joining.py, as Join a class does)."""
    if current_user.is_authenticated:
        if current_user.role == "student" and request.args.get("code"):  # the teacher's link, followed signed in
            return redirect(url_for("classes.join", code=request.args["code"]))
        return redirect(url_for("home.index"))
    form = SignupForm()
    if request.method == "GET" and request.args.get("code"):
        form.join_code.data = request.args["code"]
    address = request.remote_addr or "unknown"
    wait = joining.seconds_to_wait(address) if form.is_submitted() else 0
    if wait:  # before the join code and username are looked at: a held-back probe learns nothing
        say_wait("sign-up attempts from here", wait)
        return render_template("accounts/signup.html", form=form), 429
    if form.validate_on_submit():
        try:
            classroom = joining.class_to_join(form.join_code.data, address)
            user = create_user(form.username.data, form.display_name.data, form.password.data, "student")
            enrol(classroom, user)  # committed with the account: no account without its class
            commit_new_user()
        except joining.JoinError as exc:
            form.join_code.errors.append(str(exc))
        except AccountError as exc:
            record_join_code_failure(address)  # a taken username, told only to a holder of a valid code
            form.username.errors.append(str(exc))
        else:
            sign_in(user)
            flash(f"Welcome, {user.display_name}! You have joined {classroom.name}.", "success")
            return remember_browser(request, redirect(url_for("home.index")), user.username)
    return render_template("accounts/signup.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@allow(*SIGNED_IN)
def logout():
    """Sign out (POST only, so a link on another site cannot sign anyone out); a copy of the cookie dies too."""
    end_session(current_user.session_key)
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def change_password():
    """Change one's own password after giving the current one."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append("That is not your current password.")
        else:
            user = current_user.record()
            user.set_password(form.new.data)
            # Every session ends, this one too (a stolen copy of its cookie would live on); this browser gets a new one.
            others = end_other_sessions(user) - 1
            db.session.commit()
            sign_in(user)
            elsewhere = f" Your {others} other sign-in(s) have been signed out." if others else ""
            flash(f"Your password has been changed.{elsewhere}", "success")
            return redirect(url_for("home.index"))
    return render_template("accounts/password.html", form=form), 400 if form.errors else 200
