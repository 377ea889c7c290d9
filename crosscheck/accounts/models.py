"""Users and sign-in attempts."""

from __future__ import annotations

from flask import current_app
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from crosscheck.extensions import db
from crosscheck.timezone import utcnow


class User(UserMixin, db.Model):
    """A student, teacher or admin. Usernames are stored lower-case, so sign-in ignores case."""

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, nullable=False)
    display_name = db.Column(db.String(100), nullable=False)
    password_hash = db.Column(db.String(256), nullable=False)
    role = db.Column(db.String(16), nullable=False, default="student")
    is_active_account = db.Column(db.Boolean, nullable=False, default=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.CheckConstraint("role IN ('student', 'teacher', 'admin')", name="role"),)

    # The key of the signed-in session this object was loaded for (accounts/sessions.py); not a column.
    session_key = None  # str | None

    def get_session_key(self) -> str | None:
        """What Flask-Login keeps in the cookie: the session's key, never the user's id (see sessions.py)."""
        return self.session_key

    def set_password(self, password: str) -> None:
        """Store a salted hash, never the password."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True if `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses sessions for deactivated accounts."""
        return self.is_active_account

    def record(self) -> User:
        """This row (the signed-in user of a request may be a SignedInUser, whose record() reads it)."""
        return self

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class LoginFailure(db.Model):
    """One failed sign-in, kept for the throttle (throttle.py); in the database so every worker sees it."""

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), nullable=False, index=True)
    remote_addr = db.Column(db.String(64), nullable=False, index=True)
    browser = db.Column(db.String(32))  # the id of a browser that knew the account; None: counted by address
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)


class UserSession(db.Model):
    """A signed-in session: the SHA-256 of the key in the browser's cookie, whose it is, when it began and when
    it was last used (to within a few minutes: sessions.py writes it at most every twelfth of the idle time)."""

    key_hash = db.Column(db.String(64), primary_key=True)
    user_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    last_seen_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class SignupFailure(db.Model):
    """One join code refused (or a taken username at sign-up), kept for the join-code throttle (throttle.py).

    A sign-up's failures count per address (student_id None); a signed-in student's, typed under Join a
    class, count against that student only, so nobody else at the school's address is held back by them.
    """

    id = db.Column(db.Integer, primary_key=True)
    remote_addr = db.Column(db.String(64), nullable=False, index=True)
    student_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
