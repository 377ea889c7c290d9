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
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

KEPT = 2048  # cookies per worker; one signed-in browser's is a few hundred bytes


class Verified(NamedTuple):
    """What a cookie held and when it was signed (whole seconds, as itsdangerous stamps it)."""

    values: dict
    signed_at: int


class KeptCookies:
    """The most recently verified cookies, thread-safe (the development server serves requests in threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._cookies: OrderedDict[str, Verified] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> Verified | None:
        """The cookie's verified values, or None when it is not kept."""
        with self._lock:
            found = self._cookies.get(text)
            if found is not None:
                self._cookies.move_to_end(text)
            return found

    def put(self, text: str, verified: Verified) -> None:
        """Keep a verified cookie, dropping the least recently used past `size`."""
        with self._lock:
            self._cookies[text] = verified
            if len(self._cookies) > self.size:
                self._cookies.popitem(last=False)

    def __len__(self) -> int:
        return len(self._cookies)


class SessionCookies(SecureCookieSessionInterface):
    """Flask's session interface, with its signer built once per key and each cookie verified once."""

    def __init__(self, kept: int = KEPT) -> None:
        self.kept = KeptCookies(kept)
        self._signing: tuple[tuple, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Flask's serializer for the app's keys, built again (and the kept cookies dropped) only if they change."""
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if self._signing is None or self._signing[0] != keys:
            self.kept = KeptCookies(self.kept.size)  # verified with keys no longer in use
            self._signing = (keys, super().get_signing_serializer(app))
        return self._signing[1]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """The session the cookie holds; an empty one for no cookie, a bad signature or an expired cookie."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        text = request.cookies.get(self.get_cookie_name(app))
        if not text:
            return self.session_class()
        verified = self.kept.get(text)
        if verified is None:
            try:  # the signature and the format here; the age below, on every request
                values, signed = serializer.loads(text, return_timestamp=True)
            except BadSignature:
                return self.session_class()
            verified = Verified(values, int(signed.timestamp()))
            self.kept.put(text, verified)
        age = int(time.time()) - verified.signed_at  # itsdangerous: too old, or signed in the future, has expired
        if not 0 <= age <= int(app.permanent_session_lifetime.total_seconds()):
            return self.session_class()
        return self.session_class(copy.deepcopy(verified.values))


def register_session_cookies(app: Flask) -> None:
    """Serve the app's sessions with SessionCookies."""
    app.session_interface = SessionCookies()
