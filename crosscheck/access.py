"""The roles, and who may open a route: every view declares it with @allow(...) or @public."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

ROLES = ("student", "teacher", "admin")  # an account has exactly one
SIGNED_IN = ROLES


def allow(*roles: str):
    """Let only signed-in users with one of `roles` in; others get the sign-in page or 403."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles {unknown or 'none given'}")

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapper.allowed_roles = tuple(roles)
        return wrapper

    return decorate


def public(view):
    """Mark a view as open to everyone, signed in or not."""
    view.allowed_roles = ("anonymous", *ROLES)
    return view
