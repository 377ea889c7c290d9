"""Account rules without Flask views: creating users, the sign-in rate limit."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from crosscheck.access import ROLES
from crosscheck.accounts.models import LoginFailure, User
from crosscheck.extensions import db
from crosscheck.timezone import utcnow


class AccountError(ValueError):
    """A request that cannot be carried out, with a message for the person who made it."""


def find_user(username: str) -> User | None:
    """The user with this username, ignoring case."""
    return db.session.scalar(select(User).where(User.username == username.strip().lower()))


def create_user(username: str, display_name: str, password: str, role: str) -> User:
    """Add a user (not yet committed); refuses a taken username or unknown role."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    if find_user(username):
        raise AccountError("That username is taken; choose another.")
    user = User(username=username.strip().lower(), display_name=display_name.strip(), role=role)
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


def seconds_locked_out(
    username: str, remote_addr: str, max_failures: int, window: int, address_max: int | None = None
) -> int:
    """Seconds until this username or address may try again; 0 when it may now."""
    since = utcnow() - timedelta(seconds=window)
    key = username.strip().lower()
    # Per username stops guessing one account; per address (4x looser, classes share one) stops spraying.
    by_user = select(func.count(), func.min(LoginFailure.at)).where(
        LoginFailure.at > since, LoginFailure.username == key
    )
    by_addr = select(func.count(), func.min(LoginFailure.at)).where(
        LoginFailure.at > since, LoginFailure.remote_addr == remote_addr
    )
    waits = []
    address_max = max_failures * 4 if address_max is None else address_max
    for query, limit in ((by_user, max_failures), (by_addr, address_max)):
        count, oldest = db.session.execute(query).one()
        if count >= limit and oldest is not None:
            waits.append(int((oldest + timedelta(seconds=window) - utcnow()).total_seconds()) + 1)
    return max(waits, default=0)


def record_failure(username: str, remote_addr: str, window: int) -> None:
    """Remember a failed sign-in and forget ones older than the window."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < utcnow() - timedelta(seconds=window)))
    db.session.add(LoginFailure(username=username.strip().lower()[:64], remote_addr=remote_addr[:64]))
    db.session.commit()


def clear_failures(username: str) -> None:
    """A successful sign-in clears that username's failures."""
    key = username.strip().lower()
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == key))
    db.session.commit()
