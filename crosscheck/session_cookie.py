"""Flask's signed session cookie, each distinct cookie verified once per worker.

Flask builds its signer anew and checks the cookie's signature, decompresses and parses it on every request:
70-80 µs of a signed-in page's 1,600 (bench/RESULTS.md). A browser sends the same cookie until its session
changes, so each worker keeps what it verified (at most KEPT cookies, the least recently used dropped): the
cookie's exact text maps to its values and the second it was signed. Only the repeated work goes:
- the cookie format, the keys and the salt are Flask's own (SecureCookieSessionInterface), so cookies made
  before and after are the same, and a cookie that does not verify is never kept;
- the age check runs on every request, as itsdangerous runs it (a cookie older than the session's lifetime,
  or signed in the future, opens an empty session);
- each request gets its own copy of the values, so a view that changes its session changes nothing kept.
"""

from __future__ import annotations

import copy
import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

from crosscheck.verified import KeptVerified, Verified, expired

KEPT = 2048  # cookies per worker; one signed-in browser's is a few hundred bytes


class SessionCookies(SecureCookieSessionInterface):
    """Flask's session interface, with its signer built once per key and each cookie verified once."""

    def __init__(self, kept: int = KEPT) -> None:
        self.size = kept
        # The app's keys, their serializer and the cookies it verified: one tuple, replaced whole when the keys
        # change, so a request never checks a cookie with one key and keeps it beside another's.
        self._signing: tuple[tuple, URLSafeTimedSerializer | None, KeptVerified] | None = None

    @property
    def kept(self) -> KeptVerified:
        """The cookies verified with the current keys."""
        return self._signing[2] if self._signing else KeptVerified(self.size)

    def _signing_for(self, app: Flask) -> tuple[tuple, URLSafeTimedSerializer | None, KeptVerified]:
        """The keys, Flask's serializer for them (built once) and what it verified; new if the keys changed."""
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        signing = self._signing
        if signing is None or signing[0] != keys:
            signing = self._signing = (keys, super().get_signing_serializer(app), KeptVerified(self.size))
        return signing

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Flask's serializer for the app's keys, built once (Flask builds it on every request)."""
        return self._signing_for(app)[1]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """The session the cookie holds; an empty one for no cookie, a bad signature or an expired cookie."""
        _, serializer, kept = self._signing_for(app)
        if serializer is None:
            return None
        text = request.cookies.get(self.get_cookie_name(app))
        if not text:
            return self.session_class()
        verified = kept.get(text)
        if verified is None:
            try:  # the signature and the format here; the age below, on every request
                values, signed = serializer.loads(text, return_timestamp=True)
            except BadSignature:
                return self.session_class()
            verified = Verified(values, int(signed.timestamp()))
            kept.put(text, verified)
        if expired(verified.signed_at, int(app.permanent_session_lifetime.total_seconds()), int(time.time())):
            return self.session_class()
        return self.session_class(copy.deepcopy(verified.value))


def register_session_cookies(app: Flask) -> None:
    """Serve the app's sessions with SessionCookies."""
    app.session_interface = SessionCookies()
