"""The signed-in user of a request, read without the ORM: what `current_user` is after a session's lookup.

Every signed-in request loads its user (accounts/sessions.py); made by the ORM that object cost about 5% of a
page's instructions (bench/RESULTS.md). The app reads its user's columns and compares users by id (Flask-Login's
UserMixin, as `User` does), so a plain, read-only object serves. Whatever would change the account needs the
ORM's row: `record()` gives it. Setting an attribute raises, and the ORM refuses the object in a relationship
(when the object holding it is added or flushed, or in a query's comparison), so a use that needed the row
fails loudly instead of changing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_login import UserMixin

from crosscheck.accounts.models import User
from crosscheck.extensions import db


@dataclass(frozen=True, eq=False)  # equality and hash are UserMixin's: by id, as for User
class SignedInUser(UserMixin):
    """A user's columns, as `User` has them, and the key of the session they were read for."""

    id: int
    username: str
    display_name: str
    password_hash: str
    role: str
    is_active_account: bool
    created_at: datetime
    session_key: str | None = None

    # User's own rules, which read only the columns copied here (one copy of each rule)
    is_active = User.is_active
    get_session_key = User.get_session_key
    check_password = User.check_password

    def record(self) -> User:
        """The ORM's row of this user, to change it."""
        return db.session.get_one(User, self.id)  # raises if the row is gone: nothing half-done with None

    def __repr__(self) -> str:
        return f"<SignedInUser {self.username} ({self.role})>"
