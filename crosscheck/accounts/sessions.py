"""Signed-in sessions kept in the database, so that signing out, a new password or an admin's reset ends them.

The browser's (signed) session cookie holds a random key; the database holds only its SHA-256, the user, when
the session began and when it was last used. Each request finds its user by that key in one indexed query, the
same one query that loading the user by id cost before: a deleted row signs that browser out at its next
request, whoever copied the cookie. Sessions end SESSION_LIFETIME_HOURS after sign-in whatever happens, and
sooner after SESSION_IDLE_MINUTES without a request. The time of last use is written at most every
SESSION_IDLE_MINUTES / TOUCHES_PER_IDLE (5 minutes of 60), after the request, so most requests write nothing.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from flask import current_app, g, session
from flask_login import login_user
from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from crosscheck.accounts.models import User, UserSession
from crosscheck.accounts.signed_in import SignedInUser
from crosscheck.extensions import db
from crosscheck.timezone import utcnow

log = logging.getLogger(__name__)
TOUCHES_PER_IDLE = 12  # a session ends between 55 and 60 minutes after its last request, of an idle time of 60


def _hash(key: str) -> str:
    """What the database keeps of a session key: a leaked table opens no session."""
    return hashlib.sha256(key.encode()).hexdigest()


def _limits(now: datetime) -> dict:
    """The moments before which a session has ended: begun before `oldest`, or last used before `idle_since`."""
    cfg = current_app.config
    return {
        "oldest": now - timedelta(hours=cfg["SESSION_LIFETIME_HOURS"]),
        "idle_since": now - timedelta(minutes=cfg["SESSION_IDLE_MINUTES"]),
    }


def start_session(user: User) -> str:
    """A new session for `user` (committed); returns the key for the cookie. Ended sessions are cleared out."""
    key = secrets.token_urlsafe(32)
    limits = _limits(utcnow())
    ended = or_(UserSession.created_at < limits["oldest"], UserSession.last_seen_at < limits["idle_since"])
    db.session.execute(delete(UserSession).where(ended))
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


# The user of a live session by key hash, with when it was last used: built once, since it runs on every
# signed-in request (building the statement each time cost as much as the query itself; prebuilt, the lookup
# costs what loading by id did).
SESSION_USER = (
    select(User.__table__, UserSession.last_seen_at)
    .join(UserSession, UserSession.user_id == User.id)
    .where(
        UserSession.key_hash == bindparam("key_hash"),
        UserSession.created_at >= bindparam("oldest"),
        UserSession.last_seen_at >= bindparam("idle_since"),
        User.is_active_account.is_(True),
    )
)


def user_for_session(key: str) -> SignedInUser | None:
    """The active user whose live session has this key, in one query; None signs the browser out."""
    now = utcnow()
    params = {"key_hash": _hash(key), **_limits(now)}
    # On the session's connection, as a Core statement: no ORM object is made (signed_in.py says why).
    row = db.session.connection().execute(SESSION_USER, params).first()
    if row is None:
        return None
    *columns, last_seen = row
    touch_every = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"] / TOUCHES_PER_IDLE)
    if last_seen < now - touch_every:
        g.session_to_touch = params["key_hash"]  # written after the request (record_use), not in the middle of it
    return SignedInUser(*columns, session_key=key)


def record_use(error: BaseException | None = None) -> None:
    """After a request (teardown): write when a session whose stored time of last use is stale was used."""
    key_hash = g.pop("session_to_touch", None)
    if key_hash is None or error is not None:
        return
    try:
        db.session.rollback()  # whatever the view left uncommitted it meant to discard: not ours to commit
        db.session.execute(update(UserSession).where(UserSession.key_hash == key_hash).values(last_seen_at=utcnow()))
        db.session.commit()
    except SQLAlchemyError:  # the page is already answered; the next request tries again
        db.session.rollback()
        log.warning("could not record a session's use", exc_info=True)


def live_sessions(user: User) -> int:
    """On how many browsers `user` is signed in now (sessions neither ended nor timed out)."""
    limits = _limits(utcnow())
    return db.session.scalar(
        select(func.count()).where(
            UserSession.user_id == user.id,
            UserSession.created_at >= limits["oldest"],
            UserSession.last_seen_at >= limits["idle_since"],
        )
    )


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
