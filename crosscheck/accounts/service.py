"""Account rules without Flask views: creating users, checking a password (the throttle is throttle.py)."""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from crosscheck.access import ROLES
from crosscheck.accounts.models import User
from crosscheck.accounts.names import clean_display_name
from crosscheck.extensions import db


class AccountError(ValueError):
    """A request that cannot be carried out, with a message for the person who made it."""


def find_user(username: str) -> User | None:
    """The user with this username, ignoring case."""
    return db.session.scalar(select(User).where(User.username == username.strip().lower()))


def authenticate(username: str, password: str) -> User | None:
    """The active account with this username and password, or None.

    An unknown username costs the same password hash as a known one, so the time taken does not tell
    whether an account exists (the hash is most of a sign-in's time).
    """
    user = find_user(username)
    if user is None:
        check_password_hash(_stand_in_hash(current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")), password)
        return None
    return user if user.check_password(password) and user.is_active else None


@lru_cache(maxsize=4)
def _stand_in_hash(method: str) -> str:
    """A hash of a random password with the configured method, checked against for unknown usernames."""
    return generate_password_hash(secrets.token_hex(16), method=method)


def create_user(username: str, display_name: str, password: str, role: str) -> User:
    """Add a user (not yet committed); refuses a taken username or unknown role."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    if find_user(username):
        raise AccountError("That username is taken; choose another.")
    name = clean_display_name(display_name)
    if not name:
        raise AccountError("A name needs at least one letter, digit or sign that shows.")
    user = User(username=username.strip().lower(), display_name=name, role=role)
    user.set_password(password)
    db.session.add(user)
    return user


def commit_new_user() -> None:
    """Commit a new account; a username claimed meanwhile by another request is the same error as a taken one."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AccountError("That username is taken; choose another.") from None
