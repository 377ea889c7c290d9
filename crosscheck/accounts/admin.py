"""Admins manage accounts: list and create them, set a new password (which signs that person out everywhere),
unlock a sign-in held back by failed attempts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from crosscheck.access import allow
from crosscheck.accounts.forms import ActionForm, PasswordResetForm, UserCreateForm
from crosscheck.accounts.models import User
from crosscheck.accounts.service import AccountError, commit_new_user, create_user
from crosscheck.accounts.sessions import end_other_sessions, live_sessions
from crosscheck.accounts.throttle import held_back_until, unlock
from crosscheck.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@allow("admin")
def users():
    """Admins list every user and create teacher, admin or student accounts."""
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = create_user(form.username.data, form.display_name.data, form.password.data, form.role.data)
            commit_new_user()
        except AccountError as exc:
            form.username.errors.append(str(exc))
        else:
            flash(f"Created {user.role} account {user.username}.", "success")
            return redirect(url_for("admin.users"))
    everyone = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    return render_template("accounts/admin_users.html", form=form, users=everyone), 400 if form.errors else 200


def _user_or_404(user_id: int) -> User:
    """The account, or 404."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404, description="There is no account with that number.")
    return user


def _show(user: User, form: PasswordResetForm | None = None, status: int = 200):
    """One account's page: who it is, how many sign-ins are live, and the admin's actions."""
    return render_template(
        "accounts/admin_user.html",
        user=user,
        live_sessions=live_sessions(user),
        held_back_until=held_back_until(user.username),
        form=form or PasswordResetForm(),
        action_form=ActionForm(),
    ), status


@bp.route("/users/<int:user_id>")
@allow("admin")
def user(user_id: int):
    """One account, with 'set a new password'."""
    return _show(_user_or_404(user_id))


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@allow("admin")
def reset_password(user_id: int):
    """Set a new password for someone who forgot theirs; every session of theirs ends (an admin's own: the others)."""
    user = _user_or_404(user_id)
    form = PasswordResetForm()
    if not form.validate_on_submit():
        return _show(user, form, 400)
    user.set_password(form.new.data)
    end_other_sessions(user, keep=current_user.session_key if user.id == current_user.id else None)
    db.session.commit()
    flash(
        f"New password set for {user.username}, who is now signed out everywhere. Give it to them privately.", "success"
    )
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@allow("admin")
def unlock_sign_in(user_id: int):
    """Forget every failed sign-in of this username, from everywhere: whoever was held back may try at once."""
    user = _user_or_404(user_id)
    if not ActionForm().validate_on_submit():
        return _show(user, status=400)
    unlock(user.username)
    flash(f"Sign-in for {user.username} is no longer held back from anywhere.", "success")
    return redirect(url_for("admin.user", user_id=user.id))
