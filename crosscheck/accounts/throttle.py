"""Sign-in throttling that slows guessing down without letting anyone lock another person out.

Failures are counted per username *and place*. A place is the browser the attempt came from when that browser
has signed in to this account before (a signed cookie says so), and otherwise the client's address. A
stranger's failures therefore hold back only the stranger's own place: the owner, from a browser they used
before or from another address, signs in as usual. After LOGIN_MAX_FAILURES failures from one place each
further attempt waits, 1 minute and doubling up to an hour after the last failure; failures are forgotten
after LOGIN_WINDOW_SECONDS. Browsers the account has not seen also share a looser limit per address (spraying
one password over many usernames). An admin's Unlock, or `flask users unlock`, forgets a username's failures.
Failed sign-ups (a wrong join code, a taken username) are held back per address the same way, and a signed-in
student's wrong join codes (Join a class) per student: crosscheck/classes/joining.py is the one path for both.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Request, Response, current_app, flash
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, func, select

from crosscheck.accounts.models import LoginFailure, SignupFailure
from crosscheck.extensions import db
from crosscheck.timezone import utcnow
from crosscheck.wording import counted

FIRST_DELAY_SECONDS = 60
LONGEST_DELAY_SECONDS = 3600
KNOWN_BROWSER_COOKIE = "crosscheck_known"
KNOWN_ACCOUNTS_KEPT = 50  # a classroom computer shared by a whole class still knows each of them
KNOWN_BROWSER_DAYS = 365


@dataclass(frozen=True)
class Place:
    """Where a sign-in attempt comes from: a browser that knows the account (its id), or else an address."""

    address: str
    browser: str | None = None

    def matches(self):
        """The condition picking this place's failures out of login_failure."""
        if self.browser is not None:
            return LoginFailure.browser == self.browser
        return (LoginFailure.remote_addr == self.address) & LoginFailure.browser.is_(None)


def delay_after(failures: int, free: int) -> int:
    """Seconds to wait after the last of `failures`: none within `free`, then 1 minute doubling to an hour."""
    if failures < free:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** min(failures - free, 12), LONGEST_DELAY_SECONDS)


def _key(username: str) -> str:
    """Usernames are compared as stored: trimmed and lower-case (an unknown one too, and cut to the column)."""
    return username.strip().lower()[:64]


def _wait(condition, free: int, since: datetime, now: datetime, model=LoginFailure) -> int:
    """Seconds until the failures (rows of `model`) matching `condition` allow another attempt."""
    count, last = db.session.execute(select(func.count(), func.max(model.at)).where(model.at > since, condition)).one()
    delay = delay_after(count, free)
    if not delay or last is None:
        return 0
    return max(0, int((last + timedelta(seconds=delay) - now).total_seconds()) + 1)


def seconds_to_wait(username: str, place: Place) -> int:
    """Seconds until `username` may be tried again from `place`; 0 when it may now."""
    cfg = current_app.config
    now = utcnow()
    since = now - timedelta(seconds=cfg["LOGIN_WINDOW_SECONDS"])
    waits = [_wait((LoginFailure.username == _key(username)) & place.matches(), cfg["LOGIN_MAX_FAILURES"], since, now)]
    if place.browser is None:  # browsers that know no account share their address's looser limit
        waits.append(_wait(Place(place.address).matches(), cfg["LOGIN_ADDRESS_MAX_FAILURES"], since, now))
    return max(waits)


def record_failure(username: str, place: Place) -> None:
    """Remember a failed sign-in and forget the ones older than the window."""
    forget = utcnow() - timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < forget))
    db.session.add(LoginFailure(username=_key(username), remote_addr=place.address[:64], browser=place.browser))
    db.session.commit()


def clear_failures(username: str, place: Place) -> None:
    """A successful sign-in forgets the failures of that username from that place (others' stay theirs)."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == _key(username), place.matches()))
    db.session.commit()


def unlock(username: str) -> int:
    """An admin forgets every failure of `username`, from everywhere; returns how many were forgotten."""
    forgotten = db.session.execute(delete(LoginFailure).where(LoginFailure.username == _key(username))).rowcount
    db.session.commit()
    return forgotten


def held_back_until(username: str) -> datetime | None:
    """When the last place now held back for `username` may try again (None: none is held back)."""
    cfg = current_app.config
    now = utcnow()
    since = now - timedelta(seconds=cfg["LOGIN_WINDOW_SECONDS"])
    rows = db.session.execute(
        select(func.count(), func.max(LoginFailure.at))
        .where(LoginFailure.username == _key(username), LoginFailure.at > since)
        .group_by(LoginFailure.remote_addr, LoginFailure.browser)
    )
    ends = [last + timedelta(seconds=delay_after(count, cfg["LOGIN_MAX_FAILURES"])) for count, last in rows]
    return max((end for end in ends if end > now), default=None)


def _join_code_prober(address: str, student_id: int | None):
    """Whose failures count together: a signed-in student's own (from anywhere), else one address's sign-ups."""
    if student_id is not None:
        return SignupFailure.student_id == student_id
    return (SignupFailure.remote_addr == address) & SignupFailure.student_id.is_(None)


def seconds_to_wait_for_join_code(address: str, student_id: int | None = None) -> int:
    """Seconds until this address (sign-up) or signed-in student (Join a class) may try a join code again."""
    cfg = current_app.config
    now = utcnow()
    since = now - timedelta(seconds=cfg["LOGIN_WINDOW_SECONDS"])
    prober = _join_code_prober(address, student_id)
    return _wait(prober, cfg["SIGNUP_MAX_FAILURES"], since, now, SignupFailure)


def record_join_code_failure(address: str, student_id: int | None = None) -> None:
    """Remember a join code that named no open class, or a sign-up's taken username (both probe)."""
    forget = utcnow() - timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
    db.session.execute(delete(SignupFailure).where(SignupFailure.at < forget))
    db.session.add(SignupFailure(remote_addr=address[:64], student_id=student_id))
    db.session.commit()


def say_wait(what: str, wait: int) -> None:
    """Flash how long a held-back sign-in, sign-up or join must wait; `what` names the attempts."""
    minutes = max(1, round(wait / 60))
    flash(f"Too many failed {what}. Wait {counted(minutes, 'minute')} and try again.", "error")


# ---- The known-browser cookie: which accounts have signed in on this browser (as keyed hashes, not names) ----


def _serializer() -> URLSafeSerializer:
    """Signs the cookie with the app's secret, so nobody can claim to be a browser an account knows."""
    return URLSafeSerializer(current_app.secret_key, salt="known-browser")


def _account_tag(username: str) -> str:
    """A keyed hash of the username: the cookie says which accounts it knows without naming them."""
    digest = hmac.new(current_app.secret_key.encode(), _key(username).encode(), hashlib.sha256).hexdigest()
    return digest[:16]


def _known(request: Request) -> dict:
    """The cookie's contents, {"id": ..., "accounts": [...]}, or an empty one when absent or forged."""
    try:
        value = _serializer().loads(request.cookies.get(KNOWN_BROWSER_COOKIE, ""))
    except BadSignature:
        return {}
    return value if isinstance(value, dict) else {}


def place_of(request: Request, username: str) -> Place:
    """Where this attempt at `username` comes from: this browser if it knows the account, else the address."""
    address = request.remote_addr or "unknown"
    known = _known(request)
    if isinstance(known.get("id"), str) and _account_tag(username) in known.get("accounts", []):
        return Place(address, known["id"][:32])
    return Place(address)


def remember_browser(request: Request, response: Response, username: str) -> Response:
    """After a sign-in, let this browser vouch for the account from now on (most recent accounts kept)."""
    known = _known(request)
    browser = known.get("id") if isinstance(known.get("id"), str) else secrets.token_urlsafe(16)
    tag = _account_tag(username)
    accounts = [tag, *(t for t in known.get("accounts", []) if t != tag)][:KNOWN_ACCOUNTS_KEPT]
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        _serializer().dumps({"id": browser, "accounts": accounts}),
        max_age=KNOWN_BROWSER_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
    return response
