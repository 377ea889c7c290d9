"""Signed-in sessions kept in the database, so that signing out, a new password or an admin's reset ends them.

The browser's (signed) session cookie holds a random key; the database holds only its SHA-256, the user and
when the session began. Each request finds its user by that key in one indexed query, the same one query
that loading the user by id cost before: a deleted row signs that browser out at its next request, whoever
copied the cookie. Sessions end after SESSION_LIFETIME_HOURS whatever happens.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, session
from flask_login import login_user
from sqlalchemy import bindparam, delete, select

from crosscheck.accounts.models import User, UserSession, utcnow
from crosscheck.extensions import db


def _hash(key: str) -> str:
    """What the database keeps of a session key: a leaked table opens no session."""
    return hashlib.sha256(key.encode()).hexdigest()


def _oldest_allowed():
    """Sessions that began before this moment have ended."""
    return utcnow() - timedelta(hours=current_app.config["SESSION_LIFETIME_HOURS"])


def start_session(user: User) -> str:
    """A new session for `user` (committed); returns the key for the cookie. Ended sessions are cleared out."""
    key = secrets.token_urlsafe(32)
    db.session.execute(delete(UserSession).where(UserSession.created_at < _oldest_allowed()))
    db.session.add(UserSession(key_hash=_hash(key), user_id=user.id))
    db.session.commit()
    user.session_key = key
    return key


def sign_in(user: User) -> None:
    """Sign `user` in on this browser with a new session: nothing of the one before carries over (its CSRF
    token neither, so a token planted before sign-in is refused after it)."""
    session.clear()
    start_session(user)
    login_user(user)


# The user of a live session by key hash: built once, since it runs on every signed-in request (building the
# statement each time cost as much as the query itself; prebuilt, the lookup costs what loading by id did).
SESSION_USER = (
    select(User)
    .join(UserSession, UserSession.user_id == User.id)
    .where(
        UserSession.key_hash == bindparam("key_hash"),
        UserSession.created_at >= bindparam("oldest"),
        User.is_active_account.is_(True),
    )
)


def user_for_session(key: str) -> User | None:
    """The active user whose live session has this key, in one query; None signs the browser out."""
    params = {"key_hash": _hash(key), "oldest": _oldest_allowed()}
    user = db.session.scalars(SESSION_USER, params).first()
    if user is not None:
        user.session_key = key
    return user


def end_session(key: str | None) -> None:
    """Sign out one session (the one whose cookie holds `key`)."""
    if key:
        db.session.execute(delete(UserSession).where(UserSession.key_hash == _hash(key)))
        db.session.commit()


def end_other_sessions(user: User, keep: str | None = None) -> int:
    """Sign `user` out everywhere but the session holding `keep` (None: everywhere); not committed."""
    query = delete(UserSession).where(UserSession.user_id == user.id)
    if keep:
        query = query.where(UserSession.key_hash != _hash(keep))
    return db.session.execute(query).rowcount
